// TMF-Agent (ANAC 2013, third), as GENIUS 9.1.10 runs it: agents.anac.y2013.TMFAgent.TMFAgent.
// It keeps every bid at least as good as the opponent's first offer (and the reservation value),
// best first, and offers the one that maximises a time-dependent mix of its own utility and an
// estimate of the opponent's: each value the opponent offers (in a bid not offered before) earns
// 1 - t, normalised per issue by the largest estimate and averaged over the issues. The mix
// weighs its own utility by a "hardness" falling with t^65 (scaled by how good the opponent's
// first offer was) and with the discount. It accepts an offer better than the bid it would make,
// and walks away when that bid is below the reservation value. It times the opponent's replies
// like a round-trip time (smoothed mean and deviation): with time left for less than two of
// them it offers the opponent's best offer or accepts the current one if that is as good, and
// with time for less than one it accepts anything above the reservation value.
// Docs: docs/strategies.md#tmfagent--tmf-agent-anac-2013
//
// Reproduces the original step for step (tests/genius_tmfagent_test.cc replays GENIUS's traces).
// What the original's code does, and the port keeps:
//  - Its search window is bids 1 to 6999 after the best one: the window's centre (lastPropose)
//    is never moved from 0.
//  - Bids enumerate with the first issue turning slowest, values in the domain's order; equally
//    good bids keep that order (a stable sort).
// Deliberate differences, where Parley cannot do what GENIUS does:
//  - The bids come from the profile's OutcomeRanking: every bid when it is exhaustive (as on
//    discrete domains and integer issues of at most 11 values, where the original's buckets are
//    the values themselves), its sample otherwise (the original enumerates 11 representatives of
//    a wider integer or real issue).
//  - Real issues get the integer issues' buckets (the original casts them to IssueInteger and
//    throws); an estimate that the original cannot look up (a value that is not a bucket name)
//    stops the average there, as its caught exception does.
//  - Where the original throws (no bid left above the reservation value, or no offer received
//    when time runs out) the port walks away.
//  - With several opponents every other party's offer counts as the opponent's.
//  - std::pow stands for Java's Math.pow (both within an ulp; the traces show no difference).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <numeric>
#include <vector>

#include "parley/negotiator.h"
#include "parley/outcome_ranking.h"
#include "parley/utility.h"
#include "preferences/genius_bid_iterator.h"

namespace parley {
namespace {

class TmfAgent final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override {
    profile_ = context.profile;
    space_ = context.space;
    party_ = context.party;
    reservation_ = profile_->reservation_value();
    discount_ = profile_->discount_factor();
    const std::size_t issues = space_->issue_count();
    // The opponent model: one estimate per value (discrete) or bucket (integer and real).
    estimates_.assign(issues, {});
    known_.assign(issues, {});
    max_estimate_.assign(issues, 0.0);
    for (std::size_t i = 0; i < issues; ++i) {
      const Issue& issue = space_->issue(i);
      std::size_t buckets = 0;
      std::size_t initial = 0;
      if (issue.kind() == IssueKind::kDiscrete) {
        buckets = initial = issue.values().size();
      } else if (issue.kind() == IssueKind::kInteger) {
        initial = static_cast<std::size_t>(BucketCount(issue)) + 1;
        buckets = initial;
      } else {
        initial = kRealBuckets;  // buckets 0..9 exist from the start, 10 only once offered
        buckets = kRealBuckets + 1;
      }
      estimates_[i].assign(buckets, 0.0);
      known_[i].assign(buckets, false);
      std::fill_n(known_[i].begin(), initial, true);
    }
    Normalise();
    BuildBids();
    relevant_ = utilities_.size();
    offered_before_.clear();
    has_last_ = false;
    has_best_ = false;
    first_offer_utility_ = 0;
    rtt_ = 0;
    rtt_deviation_ = 0;
    previous_time_ = 0;
    first_turn_ = true;
  }

  void Observe(const ObservedAction& action) override {
    if (action.party == party_) return;
    // The time between two messages, smoothed like TCP's round-trip time.
    const double rtt = action.time - previous_time_;
    previous_time_ = action.time;
    rtt_ = 0.6 * rtt_ + 0.4 * rtt;
    rtt_deviation_ = 0.75 * rtt_deviation_ + 0.25 * std::fabs(rtt - rtt_);
    if (action.type != ActionType::kOffer || !action.offer) return;
    const Outcome& bid = *action.offer;
    const double utility = action.offer_utility;
    first_turn_ = false;
    if (std::find(offered_before_.begin(), offered_before_.end(), bid) == offered_before_.end()) {
      offered_before_.push_back(bid);
      Learn(bid, action.time);
    }
    if (!has_last_) {
      // Bids worse than the opponent's first offer (or the reservation value) are dropped.
      const double minimum = std::max(utility, reservation_);
      while (relevant_ > 0 && utilities_[relevant_ - 1] < minimum) --relevant_;
      best_offer_ = bid;
      best_offer_utility_ = utility;
      has_best_ = true;
      first_offer_utility_ = utility;
    }
    last_offer_ = bid;
    last_offer_utility_ = utility;
    has_last_ = true;
    if (best_offer_utility_ < utility) {
      best_offer_ = bid;
      best_offer_utility_ = utility;
    }
  }

  ActionType Act(const TurnState& state, Outcome& proposal) override {
    const double t = state.time;
    const bool can_accept = has_last_ && state.current_offer;
    if (!(1 - t > 2 * rtt_ + rtt_deviation_)) {
      // Time for one last bid: the opponent's best offer, or its current one if as good.
      if (has_best_) {
        if (best_offer_utility_ <= last_offer_utility_) {
          if (last_offer_utility_ > reservation_ && can_accept) return ActionType::kAccept;
        } else if (best_offer_utility_ > reservation_) {
          proposal = best_offer_;
          return ActionType::kOffer;
        }
      }
      return ActionType::kEndNegotiation;
    }
    if (!(1 - t > rtt_ + rtt_deviation_)) {
      if (has_last_ && last_offer_utility_ > reservation_ && can_accept) return ActionType::kAccept;
      return ActionType::kEndNegotiation;
    }
    if (first_turn_) {
      first_turn_ = false;
      GeniusMaxUtilityBid(profile_->utility_function().ranking(), proposal);
      return ActionType::kOffer;
    }
    if (relevant_ == 0) return ActionType::kEndNegotiation;
    const double alpha = Hardness(t);
    std::size_t choice = 0;
    double best = alpha * utilities_[0] + (1 - alpha) * Estimate(0);
    const std::size_t end = std::min(relevant_, kWindowEnd);
    for (std::size_t k = 1; k < end; ++k) {
      const double value = alpha * utilities_[k] + (1 - alpha) * Estimate(k);
      if (value > best) {
        choice = k;
        best = value;
      }
    }
    if (has_last_ && last_offer_utility_ > utilities_[choice] && can_accept) return ActionType::kAccept;
    if (utilities_[choice] < reservation_) return ActionType::kEndNegotiation;
    CopyBid(choice, proposal);
    return ActionType::kOffer;
  }

 private:
  static constexpr std::size_t kWindowEnd = 7000;  // lastPropose (0) + 7000
  static constexpr std::size_t kRealBuckets = 10;

  static std::int64_t BucketCount(const Issue& issue) {
    if (issue.kind() == IssueKind::kReal) return static_cast<std::int64_t>(kRealBuckets);
    return std::min<std::int64_t>(10, static_cast<std::int64_t>(issue.upper() - issue.lower()));
  }

  // The ranking's bids, best first; equal utilities in enumeration order (first issue slowest).
  void BuildBids() {
    const OutcomeRanking& ranking = profile_->utility_function().ranking();
    const std::size_t n = ranking.size();
    const std::size_t issues = space_->issue_count();
    std::vector<double> values(n * issues);
    Outcome outcome(issues);
    for (std::size_t rank = 0; rank < n; ++rank) {
      ranking.CopyOutcome(rank, outcome);
      std::copy(outcome.values().begin(), outcome.values().end(),
                values.begin() + static_cast<std::ptrdiff_t>(rank * issues));
    }
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      if (ranking.utility(a) != ranking.utility(b)) return ranking.utility(a) > ranking.utility(b);
      const double* x = &values[a * issues];
      const double* y = &values[b * issues];
      return std::lexicographical_compare(x, x + issues, y, y + issues);
    });
    utilities_.resize(n);
    values_.resize(n * issues);
    for (std::size_t k = 0; k < n; ++k) {
      utilities_[k] = ranking.utility(order[k]);
      std::copy_n(&values[order[k] * issues], issues, &values_[k * issues]);
    }
    // Discrete domains: each bid's cells in the flat table of normalised scores.
    cells_.clear();
    const bool discrete = std::all_of(space_->issues().begin(), space_->issues().end(),
                                      [](const Issue& issue) { return issue.kind() == IssueKind::kDiscrete; });
    if (!discrete) return;
    std::vector<std::uint32_t> offset(issues, 0);
    for (std::size_t i = 1; i < issues; ++i) {
      offset[i] = offset[i - 1] + static_cast<std::uint32_t>(space_->issue(i - 1).values().size());
    }
    cells_.resize(n * issues);
    for (std::size_t k = 0; k < n * issues; ++k) {
      cells_[k] = offset[k % issues] + static_cast<std::uint32_t>(values_[k]);
    }
  }

  void CopyBid(std::size_t k, Outcome& out) const {
    const std::size_t issues = space_->issue_count();
    for (std::size_t i = 0; i < issues; ++i) out[i] = values_[k * issues + i];
  }

  // The bucket (or value position) the model files a value under.
  std::size_t BucketOf(std::size_t i, double value) const {
    const Issue& issue = space_->issue(i);
    if (issue.kind() == IssueKind::kDiscrete) return static_cast<std::size_t>(value);
    const double k = static_cast<double>(BucketCount(issue));
    const double x = (value - issue.lower()) / (issue.upper() - issue.lower()) * k;
    if (std::isnan(x)) return 0;  // Math.round(NaN) is 0
    return static_cast<std::size_t>(std::floor(x + 0.5));
  }

  // AddOpponentBidToModel(bid, false): every value offered earns 1 - t.
  void Learn(const Outcome& bid, double t) {
    for (std::size_t i = 0; i < estimates_.size(); ++i) {
      const std::size_t bucket = std::min(BucketOf(i, bid[i]), estimates_[i].size() - 1);
      const double previous = known_[i][bucket] ? estimates_[i][bucket] : 0.0;
      const double estimate = previous + 1.0 - t;
      estimates_[i][bucket] = estimate;
      known_[i][bucket] = true;
      if (estimate > max_estimate_[i]) max_estimate_[i] = estimate;
    }
    Normalise();
  }

  // Each value's score over its issue's largest, the term the estimate adds per issue.
  // (On discrete domains also flat, with each bid's table offsets, for the scan.)
  void Normalise() {
    normalised_.resize(estimates_.size());
    flat_scores_.clear();
    for (std::size_t i = 0; i < estimates_.size(); ++i) {
      normalised_[i].resize(estimates_[i].size());
      for (std::size_t v = 0; v < estimates_[i].size(); ++v) normalised_[i][v] = estimates_[i][v] / max_estimate_[i];
      flat_scores_.insert(flat_scores_.end(), normalised_[i].begin(), normalised_[i].end());
    }
  }

  // The estimate of the k-th bid of the list.
  double Estimate(std::size_t k) const {
    const std::size_t issues = estimates_.size();
    if (cells_.empty()) return OpponentEstimate(&values_[k * issues]);
    const std::uint32_t* cell = &cells_[k * issues];
    double sum = 0.0;
    for (std::size_t i = 0; i < issues; ++i) sum += flat_scores_[cell[i]];
    return sum / static_cast<double>(issues);
  }

  // GetEstimatedOpponentUtility: the mean over issues of the value's estimate over the issue's
  // largest. Integer and real values are looked up by the value itself among the bucket names.
  double OpponentEstimate(const double* bid) const {
    double sum = 0.0;
    std::size_t count = 0;
    for (std::size_t i = 0; i < estimates_.size(); ++i) {
      std::size_t key = 0;
      if (space_->issue(i).kind() == IssueKind::kDiscrete) {
        key = static_cast<std::size_t>(bid[i]);
      } else {
        const double v = bid[i];
        if (!(v >= 0) || v != std::floor(v) || v >= static_cast<double>(estimates_[i].size()) ||
            !known_[i][static_cast<std::size_t>(v)]) {
          return count == 0 ? sum : sum / static_cast<double>(count);
        }
        key = static_cast<std::size_t>(v);
      }
      sum += normalised_[i][key];
      ++count;
    }
    return sum / static_cast<double>(count);
  }

  // getHardness: the weight of its own utility in the mix.
  double Hardness(double t) const {
    const double x = t;
    const double y = discount_ <= 0.0 ? 0.0 : 1 - discount_;
    const double weight = (1 - first_offer_utility_) * 2 / 3;
    double alpha = 1 - weight * std::pow(x, 65) - (1 - weight) * std::pow(y, 3);
    alpha = alpha / (x * y + 1);
    return alpha;
  }

  const Profile* profile_ = nullptr;
  const OutcomeSpace* space_ = nullptr;
  std::size_t party_ = 0;
  double reservation_ = 0;
  double discount_ = 1;
  std::vector<double> utilities_;  // the bids best first, and their values (issue_count each)
  std::vector<double> values_;
  std::size_t relevant_ = 0;  // the first relevant_ bids are still relevant
  std::vector<std::vector<double>> estimates_;
  std::vector<std::vector<bool>> known_;
  std::vector<double> max_estimate_;
  std::vector<std::vector<double>> normalised_;
  std::vector<double> flat_scores_;   // normalised_, issue after issue
  std::vector<std::uint32_t> cells_;  // per bid and issue, its cell in flat_scores_ (discrete only)
  std::vector<Outcome> offered_before_;
  Outcome last_offer_, best_offer_;
  double last_offer_utility_ = 0, best_offer_utility_ = 0;
  bool has_last_ = false, has_best_ = false;
  double first_offer_utility_ = 0;
  double rtt_ = 0, rtt_deviation_ = 0, previous_time_ = 0;
  bool first_turn_ = true;
};

const bool kRegistered = NegotiatorRegistry::Add(
    {"tmfagent",
     "TMF-Agent (ANAC 2013, third), as GENIUS runs it: offers the bid maximising a time-dependent mix of its own "
     "utility and a frequency estimate of the opponent's, among those at least as good as the opponent's first "
     "offer; times the opponent's replies to make a last offer or accept before the deadline.",
     {},
     [](const Spec&) { return std::make_unique<TmfAgent>(); }});

}  // namespace
}  // namespace parley
