// AgentLG (ANAC 2012, second place), as GENIUS 9.1.10 runs it: agents.anac.y2012.AgentLG.AgentLG
// with its BidChooser and OpponentBids. Stubborn until late: it cycles through a small top slice
// of its own bids, widening the slice a little every tenth of the time while t < 0.6, then
// widens it towards the opponent's estimated preferences only when the opponent concedes (or the
// discount presses), compromises faster after t = 0.9, and repeats for ever any bid of its own
// that the opponent has also offered. It accepts an offer worth 99% of its own last offer, or
// anything at least as good as the worst bid of its slice.
// Docs: docs/strategies.md#agentlg--agentlg-anac-2012
//
// Reproduces the original step for step (tests/genius_agentlg_test.cc replays GENIUS's traces).
// Deliberate differences, where Parley cannot do what GENIUS does:
//  - The bid list is read off the profile's OutcomeRanking rather than enumerated from the
//    evaluators; the two hold the same bids in the same order (utility, then the evaluators'
//    value order) when the ranking is exhaustive. On spaces too large for that (or with real
//    issues, which GENIUS cuts into eleven values) the list is the ranking's sample, where the
//    original would enumerate everything or run out of memory; integer issues likewise use every
//    value, not GENIUS's eleven evenly spaced ones.
//  - With several opponents every other party's offer counts as the opponent's (the original is
//    bilateral and sees only one).
//  - Where the original's bid list is empty (every bid below the reservation value) it throws,
//    and GENIUS has it accept whatever was offered; the port accepts the offer on the table, or
//    ends the negotiation when there is none to accept.
// Like the original it accepts offers worth less than its reservation value (its 99% and 90%
// rules do not look at it), so Parley's rationality contract is not checked for it
// (tests/conformance_negotiation.cc, ReservationValueExemptions).
#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <vector>

#include "negotiators/anac/genius_value_order.h"
#include "parley/negotiator.h"
#include "parley/utility.h"
#include "preferences/genius_bid_iterator.h"

namespace parley {
namespace {

// The opponent's offers and how often it offered each value of each issue (OpponentBids).
class LgOpponent {
 public:
  void Reset(const OutcomeSpace& space) {
    counts_.assign(space.issue_count(), {});
    others_.assign(space.issue_count(), {});
    most_.assign(space.issue_count(), 0);
    for (std::size_t i = 0; i < space.issue_count(); ++i) {
      if (space.issue(i).kind() == IssueKind::kDiscrete) counts_[i].assign(space.issue(i).cardinality(), 0);
    }
    bids_.clear();
    best_for_me_ = 0;
    best_utility_ = 0.0;
  }

  void Add(const Outcome& bid, double my_utility) {
    for (std::size_t i = 0; i < bid.size(); ++i) most_[i] = std::max(most_[i], ++Count(i, bid[i]));
    bids_.push_back(bid);
    // The first offer, then any strictly better one (for this agent).
    if (bids_.size() == 1 || best_utility_ < my_utility) {
      best_for_me_ = bids_.size() - 1;
      best_utility_ = my_utility;
    }
  }

  bool empty() const { return bids_.empty(); }
  const Outcome& first() const { return bids_.front(); }
  const Outcome& best_for_me() const { return bids_[best_for_me_]; }
  double best_utility() const { return best_utility_; }
  bool Offered(const double* values) const {
    return std::any_of(bids_.begin(), bids_.end(),
                       [&](const Outcome& b) { return std::equal(b.values().begin(), b.values().end(), values); });
  }

  // The opponent's estimated utility of a bid: per issue, how often it offered that value
  // relative to its most offered value, summed over the issues in domain order.
  double Utility(const double* values) const {
    double sum = 0.0;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
      const int count = Find(i, values[i]);
      if (count > 0) sum += static_cast<double>(count) / most_[i];
    }
    return sum;
  }

 private:
  int& Count(std::size_t issue, double value) {
    if (!counts_[issue].empty()) return counts_[issue][static_cast<std::size_t>(value)];
    for (auto& [seen, count] : others_[issue]) {
      if (seen == value) return count;
    }
    return others_[issue].emplace_back(value, 0).second;
  }
  int Find(std::size_t issue, double value) const {
    if (!counts_[issue].empty()) return counts_[issue][static_cast<std::size_t>(value)];
    for (const auto& [seen, count] : others_[issue]) {
      if (seen == value) return count;
    }
    return 0;
  }

  std::vector<std::vector<int>> counts_;                     // discrete issues, by value position
  std::vector<std::vector<std::pair<double, int>>> others_;  // other issues, by value
  std::vector<int> most_;
  std::vector<Outcome> bids_;
  std::size_t best_for_me_ = 0;
  double best_utility_ = 0.0;
};

class AgentLG final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override {
    profile_ = context.profile;
    space_ = context.space;
    party_ = context.party;
    rounds_ = context.max_rounds;
    issues_ = space_->issue_count();
    ranking_ = &profile_->utility_function().ranking();
    best_bid_ = Outcome(issues_);
    best_utility_ = GeniusMaxUtilityBid(*ranking_, best_bid_);
    opponent_.Reset(*space_);
    last_offered_utility_ = 0.0;
    my_last_ = false;
    my_last_utility_ = 0.0;
    repeating_ = false;
    bids_.clear();
    utilities_.clear();
    listed_ = false;
    next_ = 0;
    slice_end_ = 0;
    last_widened_ = 0.0;
    reference_utility_.reset();
  }

  void Observe(const ObservedAction& action) override {
    if (action.type != ActionType::kOffer || !action.offer || action.party == party_) return;
    opponent_.Add(*action.offer, action.offer_utility);
    last_offered_utility_ = action.offer_utility;
  }

  ActionType Act(const TurnState& state, Outcome& proposal) override {
    const double t = state.time;
    if (!my_last_ || opponent_.empty()) return Offer(best_bid_.values().data(), best_utility_, proposal);
    const double offered = Discounted(last_offered_utility_, t);
    const double mine = Discounted(my_last_utility_, t);
    if (offered >= mine * kAcceptRatio || (t > kLastMoment && offered >= mine * kLastMomentRatio)) {
      return ActionType::kAccept;
    }
    ListBids();
    if (bids_.empty()) return state.current_offer ? ActionType::kAccept : ActionType::kEndNegotiation;
    if (Discounted(utilities_[slice_end_], t) <= offered) return ActionType::kAccept;
    if (repeating_) return Offer(last_bid_.values().data(), my_last_utility_, proposal);
    if (t < kLearningPhaseEnd) return NextEarlyBid(t, proposal);
    if (t >= kFinalMoment) {
      // The best offer received, unless even that is worth less than no agreement.
      if (Discounted(opponent_.best_utility(), t) < profile_->DiscountedReservationValue(t)) {
        return OfferListed(slice_end_, proposal);
      }
      return Offer(opponent_.best_for_me().values().data(), opponent_.best_utility(), proposal);
    }
    return NextLateBid(t, proposal);
  }

 private:
  static constexpr double kAcceptRatio = 0.99;
  static constexpr double kLastMoment = 0.999;
  static constexpr double kLastMomentRatio = 0.9;
  static constexpr double kLearningPhaseEnd = 0.6;
  static constexpr double kFinalMoment = 0.9995;
  static constexpr double kPanicPhase = 0.9;
  static constexpr double kFirstFraction = 0.75;  // of the gap between the two first bids
  static constexpr double kFractionShrink = 0.85;
  static constexpr std::size_t kMaxBids = 160000;

  double Discounted(double utility, double t) const { return profile_->Discount(utility, std::clamp(t, 0.0, 1.0)); }

  // Every offer goes through here: it becomes the last bid, and once it is one the opponent has
  // offered too, the agent repeats it for the rest of the negotiation.
  ActionType Offer(const double* values, double utility, Outcome& proposal) {
    std::copy(values, values + issues_, &proposal[0]);
    if (last_bid_.size() != issues_) last_bid_ = Outcome(issues_);
    if (values != last_bid_.values().data()) std::copy(values, values + issues_, &last_bid_[0]);
    my_last_ = true;
    my_last_utility_ = utility;
    if (!repeating_ && opponent_.Offered(values)) repeating_ = true;
    return ActionType::kOffer;
  }
  ActionType OfferListed(std::size_t index, Outcome& proposal) {
    return Offer(&bids_[index * issues_], utilities_[index], proposal);
  }

  // The bid list (BidChooser.initBids): every bid at least as good as the reservation value and
  // as 3/4 of the way from the opponent's first offer to the best bid, best first, ties in the
  // order the evaluators enumerate them; narrowed while it holds 160000 bids or more.
  void ListBids() {
    if (listed_) return;
    listed_ = true;
    const double first = profile_->Utility(opponent_.first());
    const double reservation = profile_->reservation_value();
    double fraction = kFirstFraction;
    double bound = best_utility_ - (best_utility_ - first) * fraction;
    std::size_t count = 0;
    for (std::size_t rank = ranking_->size(); rank-- > 0;) {
      const double u = ranking_->utility(rank);
      if (u < bound || u < reservation) break;
      if (++count >= kMaxBids) {
        fraction *= kFractionShrink;
        bound = best_utility_ - (best_utility_ - first) * fraction;
        count = 0;
        rank = ranking_->size();
      }
    }
    bids_.resize(count * issues_);
    utilities_.resize(count);
    Outcome outcome(issues_);
    for (std::size_t k = 0; k < count; ++k) {
      const std::size_t rank = ranking_->size() - 1 - k;
      ranking_->CopyOutcome(rank, outcome);
      std::copy(outcome.values().begin(), outcome.values().end(), bids_.begin() + k * issues_);
      utilities_[k] = ranking_->utility(rank);
    }
    OrderTies();
  }

  // Within each run of equal utility, the order in which BidChooser enumerates bids: the first
  // issue slowest, each discrete issue's values in its evaluator's order.
  void OrderTies() {
    std::vector<std::vector<std::size_t>> value_rank(issues_);
    for (std::size_t i = 0; i < issues_; ++i) {
      const Issue& issue = space_->issue(i);
      if (issue.kind() != IssueKind::kDiscrete) continue;
      const std::vector<std::size_t> order = GeniusEvaluatorValueOrder(issue);
      value_rank[i].resize(order.size());
      for (std::size_t k = 0; k < order.size(); ++k) value_rank[i][order[k]] = k;
    }
    auto before = [&](std::size_t a, std::size_t b) {
      for (std::size_t i = 0; i < issues_; ++i) {
        double x = Listed(a)[i], y = Listed(b)[i];
        if (!value_rank[i].empty()) {
          x = static_cast<double>(value_rank[i][static_cast<std::size_t>(x)]);
          y = static_cast<double>(value_rank[i][static_cast<std::size_t>(y)]);
        }
        if (x != y) return x < y;
      }
      return false;
    };
    std::vector<std::size_t> run;
    std::vector<double> reordered;
    for (std::size_t begin = 0; begin < size();) {
      std::size_t end = begin + 1;
      while (end < size() && utilities_[end] == utilities_[begin]) ++end;
      if (end - begin > 1) {
        run.resize(end - begin);
        for (std::size_t k = 0; k < run.size(); ++k) run[k] = begin + k;
        std::sort(run.begin(), run.end(), before);
        reordered.resize(run.size() * issues_);
        for (std::size_t k = 0; k < run.size(); ++k) {
          std::copy(Listed(run[k]), Listed(run[k]) + issues_, reordered.begin() + k * issues_);
        }
        std::copy(reordered.begin(), reordered.end(), bids_.begin() + begin * issues_);
      }
      begin = end;
    }
  }

  const double* Listed(std::size_t index) const { return &bids_[index * issues_]; }
  std::size_t size() const { return utilities_.size(); }

  // Before t = 0.6 (BidChooser.getNextOptimicalBid): the next bid of the slice, round and round;
  // every tenth of the time, while the next bid beyond the slice is worth at least a quarter of
  // the way from the best bid to the opponent's first offer, the slice takes in every bid worth
  // at least what its worst one will be worth after another tenth of discounting.
  ActionType NextEarlyBid(double t, Outcome& proposal) {
    const std::size_t chosen = next_++;
    const double best = Discounted(best_utility_, t);
    const double first = Discounted(profile_->Utility(opponent_.first()), t);
    const double bound = best - (best - first) / 4;
    if (t - last_widened_ > 0.1 && slice_end_ < size() - 1 && bound <= Discounted(utilities_[slice_end_ + 1], t)) {
      const double future = Discounted(utilities_[slice_end_], t + 0.1);
      while (Discounted(utilities_[slice_end_], t) >= future && slice_end_ < size() - 1) ++slice_end_;
      last_widened_ = t;
    }
    if (next_ > slice_end_) next_ = 0;
    reference_utility_ = opponent_.best_utility();
    return OfferListed(chosen, proposal);
  }

  // From t = 0.6 (BidChooser.getNextBid): the next bid of the slice; at the end of each pass,
  // before t = 0.9 and at most every 0.05 of the time, the slice takes in the first bid beyond it
  // that the opponent likes at least as much as anything in it, provided the opponent has offered
  // something better since the last widening (or, discounted, 0.1 has passed); from t = 0.9 it
  // stops at the bid halfway between the best bid and the opponent's first offer, moving its end
  // to the bid the opponent likes best below it.
  ActionType NextLateBid(double t, Outcome& proposal) {
    const std::size_t chosen = next_++;
    if (next_ <= slice_end_) return OfferListed(chosen, proposal);
    if (t >= kPanicPhase) {
      if (t - last_widened_ <= 0.008) {
        next_ = 0;
      } else if (next_ >= size()) {
        next_ = size() - 1;
      } else {
        const double halfway = (best_utility_ + profile_->Utility(opponent_.first())) / 2;
        const bool below = utilities_[next_] < halfway;
        --next_;
        if (below) {
          double most = 0.0;
          std::size_t end = slice_end_;
          for (std::size_t i = slice_end_; i <= next_; ++i) {
            const double u = opponent_.Utility(Listed(i));
            if (u > most) most = u, end = i;
          }
          slice_end_ = end;
        }
      }
      return OfferListed(chosen, proposal);
    }
    next_ = 0;
    if (t - last_widened_ > 0.05) {
      // The original reads the utility of a bid it may never have set; that throws, and the
      // widening is skipped.
      if (!reference_utility_) return OfferListed(chosen, proposal);
      const bool conceding = opponent_.best_utility() > *reference_utility_;
      if (conceding || (profile_->discount_factor() < 1 && t - last_widened_ > 0.1)) {
        double most = 0.0;
        for (std::size_t i = 0; i <= slice_end_; ++i) most = std::max(most, opponent_.Utility(Listed(i)));
        for (std::size_t i = slice_end_ + 1; i < size(); ++i) {
          if (opponent_.Utility(Listed(i)) >= most) {
            slice_end_ = i;
            break;
          }
        }
        reference_utility_ = opponent_.best_utility();
        last_widened_ = t;
      }
    }
    return OfferListed(chosen, proposal);
  }

  const Profile* profile_ = nullptr;
  const OutcomeSpace* space_ = nullptr;
  const OutcomeRanking* ranking_ = nullptr;
  std::size_t party_ = 0;
  std::uint64_t rounds_ = 0;
  std::size_t issues_ = 0;
  Outcome best_bid_;
  double best_utility_ = 0.0;
  LgOpponent opponent_;
  double last_offered_utility_ = 0.0;
  bool my_last_ = false;
  Outcome last_bid_;
  double my_last_utility_ = 0.0;
  bool repeating_ = false;
  // The bid list: issue values, issues_ per bid, and the bids' utilities, best first.
  std::vector<double> bids_;
  std::vector<double> utilities_;
  bool listed_ = false;
  std::size_t next_ = 0;       // the bid to offer next
  std::size_t slice_end_ = 0;  // the last bid of the slice in use
  double last_widened_ = 0.0;
  std::optional<double> reference_utility_;  // the opponent's best offer when last widened
};

const bool kRegistered = NegotiatorRegistry::Add(
    {"agentlg",
     "AgentLG (ANAC 2012, second), as GENIUS runs it: cycles through a slowly widening top slice of its bids, "
     "widens towards the opponent's most frequent values late, repeats any bid the opponent also offered; accepts "
     "99% of its last offer or the worst bid of its slice.",
     {},
     [](const Spec&) { return std::make_unique<AgentLG>(); }});

}  // namespace
}  // namespace parley
