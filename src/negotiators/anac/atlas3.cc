// Atlas3, winner of ANAC 2015 (multilateral), reimplemented from its published description: it
// concedes towards a lower limit read from an end-game between itself and its opponents, offers
// bids found by searching from the bid on the table, and settles for the best bid an opponent has
// already offered or accepted at the very end.
// Mori & Ito, "Atlas3: A negotiating agent based on expecting lower limit of concession function",
// in Modern Approaches to Agent-based Complex Automated Negotiation (Studies in Computational
// Intelligence 674, 2017); the ANAC 2015 report (Fujita et al.).
// Formulas and the choices where the description is open: docs/strategies.md#atlas3--atlas3-anac-2015-multilateral
#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "negotiators/anac/offer_statistics.h"
#include "negotiators/own_ranking.h"
#include "parley/error.h"

namespace parley {
namespace {

class Atlas3 final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override {
    own_.Reset(context);
    profile_ = context.profile;
    party_count_ = context.party_count;
    discount_ = context.profile->discount_factor();
    rounds_known_ = context.max_rounds > 0;
    round_length_ = rounds_known_ ? 1.0 / static_cast<double>(context.max_rounds) : 0.0;
    last_turn_time_ = -1.0;
    statistics_.assign(party_count_, OfferStatistics());
    const OutcomeSpace& space = *context.space;
    candidates_.assign(space.issue_count(), {});
    for (std::size_t i = 0; i < space.issue_count(); ++i) {
      const Issue& issue = space.issue(i);
      auto& values = candidates_[i];
      if (issue.countable() && issue.cardinality() <= kMaxIssueValues) {
        for (std::uint64_t v = 0; v < issue.cardinality(); ++v) values.push_back(issue.ValueAt(v));
      } else {
        for (std::size_t k = 0; k < kMaxIssueValues; ++k) {
          double value = issue.lower() + (issue.upper() - issue.lower()) * static_cast<double>(k) /
                                             static_cast<double>(kMaxIssueValues - 1);
          if (issue.countable()) value = std::round(value);
          values.push_back(std::clamp(value, issue.lower(), issue.upper()));
        }
      }
    }
    search_ = Outcome(space.issue_count());
    clist_.assign(kClistSize, Outcome(space.issue_count()));
    clist_utility_.clear();
    clist_utility_.reserve(kClistSize);
  }

  void Observe(const ObservedAction& action) override {
    if (action.type == ActionType::kEndNegotiation || !action.offer || action.party >= party_count_) return;
    statistics_[action.party].Add(action.offer_utility);
    AddToClist(*action.offer, action.offer_utility);
  }

  ActionType Act(const TurnState& state, Outcome& proposal) override {
    const double t = state.time;
    if (!rounds_known_ && last_turn_time_ >= 0.0) {
      // Without a round deadline, a round lasts the time between two of its own turns; the
      // longest seen so far is the cautious estimate.
      round_length_ = std::max(round_length_, t - last_turn_time_);
    }
    last_turn_time_ = t;

    const double rv = own_.ReservationValueAt(t);
    const double top = own_.best_utility();
    const double floor = std::min(own_.FloorAt(t), top);
    const bool final_phase = round_length_ > 0.0 && t >= 1.0 - kFinalRounds * round_length_;
    const double u = state.current_offer ? state.current_offer_utility : -INFINITY;

    // In the very last round a rational offer beats the breakdown that refusing it would risk.
    const bool last_round = round_length_ > 0.0 && t >= 1.0 - round_length_;
    if (last_round && u >= rv) return ActionType::kAccept;
    if (final_phase && !clist_utility_.empty() && clist_utility_[0] >= floor) {
      if (u >= rv && u >= clist_utility_[0]) return ActionType::kAccept;
      proposal = clist_[0];  // same size: no allocation
      return ActionType::kOffer;
    }

    const double target = Target(t, floor);
    if (u >= rv && u >= target) return ActionType::kAccept;
    if (!(state.current_offer && AppropriateSearch(*state.current_offer, target, proposal))) {
      own_.OfferAtLeast(target, proposal);
    }
    return ActionType::kOffer;
  }

 private:
  static constexpr std::size_t kClistSize = 32;
  static constexpr std::uint64_t kMaxIssueValues = 11;
  static constexpr double kFinalRounds = 2.0;

  double Target(double t, double floor) const {
    const double top = own_.best_utility();
    double e = top;
    bool any = false;
    for (std::size_t p = 0; p < party_count_; ++p) {
      if (statistics_[p].count() == 0) continue;
      any = true;
      e = std::min(e, statistics_[p].EstimatedMax(top));
    }
    if (!any) e = floor;
    e = std::max(e, floor);
    const double breakdown = profile_->Discount(floor, 1.0 - t);
    const double half_gap = (top - e) / 2.0;
    const double denominator = half_gap + e - breakdown;
    const double p = denominator > 0.0 ? half_gap / denominator : 0.0;
    const double lower_limit = std::clamp(p * e + (1.0 - p) * (top + e) / 2.0, floor, top);
    const double exponent = 1.0 + 2.0 * discount_;
    return lower_limit + (top - lower_limit) * (1.0 - std::pow(t, exponent));
  }

  // Climbs from `base` one issue change at a time until the bid is worth at least `target`;
  // writes it into `proposal` and returns true if it gets there.
  bool AppropriateSearch(const Outcome& base, double target, Outcome& proposal) {
    search_ = base;
    double utility = profile_->Utility(search_);
    for (std::size_t step = 0; step < candidates_.size() && utility < target; ++step) {
      std::size_t best_issue = 0;
      double best_value = search_[0];
      double best_utility = -INFINITY;
      bool reaches = false;
      for (std::size_t i = 0; i < candidates_.size(); ++i) {
        const double kept = search_[i];
        for (double value : candidates_[i]) {
          if (value == kept) continue;
          search_[i] = value;
          const double candidate = profile_->Utility(search_);
          // Prefer the change landing closest above the target; until one does, the largest gain.
          const bool better =
              candidate >= target ? (!reaches || candidate < best_utility) : (!reaches && candidate > best_utility);
          if (better) {
            reaches = candidate >= target;
            best_issue = i;
            best_value = value;
            best_utility = candidate;
          }
        }
        search_[i] = kept;
      }
      if (best_utility <= utility) break;  // a local optimum below the target
      search_[best_issue] = best_value;
      utility = best_utility;
    }
    if (utility < target) return false;
    proposal = search_;
    return true;
  }

  // Keeps the kClistSize best distinct bids seen, best first.
  void AddToClist(const Outcome& bid, double utility) {
    const std::size_t size = clist_utility_.size();
    if (size == kClistSize && utility <= clist_utility_.back()) return;
    for (std::size_t i = 0; i < size; ++i) {
      if (clist_utility_[i] == utility && clist_[i] == bid) return;
    }
    std::size_t position = size < kClistSize ? size : kClistSize - 1;
    if (size < kClistSize) clist_utility_.push_back(utility);
    while (position > 0 && clist_utility_[position - 1] < utility) {
      clist_utility_[position] = clist_utility_[position - 1];
      std::swap(clist_[position], clist_[position - 1]);
      --position;
    }
    clist_utility_[position] = utility;
    clist_[position] = bid;
  }

  OwnRanking own_;
  const Profile* profile_ = nullptr;
  std::size_t party_count_ = 0;
  double discount_ = 1.0;
  bool rounds_known_ = false;
  double round_length_ = 0.0;  // normalised time one round takes
  double last_turn_time_ = -1.0;
  std::vector<OfferStatistics> statistics_;      // per party, of the bids it offered or accepted
  std::vector<std::vector<double>> candidates_;  // per issue, the values the search tries
  Outcome search_;
  std::vector<Outcome> clist_;         // kClistSize slots, the first clist_utility_.size() used
  std::vector<double> clist_utility_;  // descending
};

const bool kRegistered = NegotiatorRegistry::Add(
    {"atlas3",
     "Atlas3 (ANAC 2015 winner, multilateral): concedes to a lower limit from a game-theoretic view of the "
     "end, searches bids near its target from the opponents' bids, and falls back on their bids at the end.",
     {},
     [](const Spec&) { return std::make_unique<Atlas3>(); }});

}  // namespace
}  // namespace parley
