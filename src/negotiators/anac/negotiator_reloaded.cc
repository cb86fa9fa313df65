// TheNegotiatorReloaded (ANAC 2012, joint third), as GENIUS 9.1.10 runs it:
// agents.anac.y2012.TheNegotiatorReloaded.TheNegotiatorReloaded, a BOA agent (BOAagentBilateral)
// made of TheNegotiatorReloaded_Offering (with its TimeManager, DomainAnalyzer, BSPredictor and
// TimeDependentFunction), AC_TheNegotiatorReloaded (a = 1, b = 0, ad = 1.05, bd = 0, c = 0.98,
// t = 0.99), the IAMhagglerBayesianModel (on domains under 200000 bids) and NullStrategy(0.35).
// Every sixtieth of the time it estimates the Kalai-Smorodinsky point from the opponent model
// and whether the opponent concedes by more than 1/120 per window, and concedes along a
// time-dependent curve from 1 down to that point (discounted), faster when the opponent
// hardlines and the discount is steep; it offers the bid just above its target in GENIUS's sorted
// outcome space. It accepts an offer worth 0.98, or at least its next bid (times 1.05 under
// discounting), and after t = 0.99 when discounted anything as good as the best offer received.
// Dirkzwager & Hendrikx, in Novel Insights in Agent-based Complex Automated Negotiation (Studies
// in Computational Intelligence 535, 2014). Docs:
// docs/strategies.md#thenegotiatorreloaded--thenegotiatorreloaded-anac-2012
//
// Reproduces the original step for step (tests/genius_thenegotiatorreloaded_test.cc replays
// GENIUS's traces). Deliberate differences, where Parley cannot do what GENIUS does:
//  - The outcome space is read off the profile's OutcomeRanking: every bid when it is
//    exhaustive, its sample otherwise (GENIUS would enumerate every bid, or run out of memory).
//  - Where GENIUS's range search throws (its sublist bounds cross), the port offers its best bid;
//    where it would throw for want of an opponent's offer (protocols that show none), it takes
//    the opponent for a Hardliner.
//  - With several opponents every other party's offer counts as the opponent's.
// Like the original it can accept offers worth less than its reservation value (its 0.98 and
// 1.05 rules do not look at it), so Parley's rationality contract is not checked for it
// (tests/conformance_negotiation.cc, ReservationValueExemptions).
#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <vector>

#include "negotiators/anac/genius_kalai_point.h"
#include "negotiators/anac/iamhaggler_bayesian_model.h"
#include "parley/negotiator.h"
#include "parley/utility.h"
#include "preferences/genius_sorted_outcomes.h"

namespace parley {
namespace {

enum class OpponentKind { kHardliner, kConceder };

class NegotiatorReloaded final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override {
    profile_ = context.profile;
    space_ = context.space;
    party_ = context.party;
    rounds_ = context.max_rounds;
    const OutcomeRanking& ranking = profile_->utility_function().ranking();
    sorted_ = GeniusSortedOutcomes::Shared(profile_->shared_utility_function());
    modelled_ = ranking.exhaustive() && sorted_->has_positions() && space_->cardinality() &&
                *space_->cardinality() < kLargestModelledDomain;
    if (modelled_) model_.Reset(*space_);
    discount_ = profile_->discount_factor();
    reservation_ = profile_->reservation_value();
    // Offering strategy (TheNegotiatorReloaded_Offering.init).
    if (discount_ > 0.001) {
      min_target_ = std::max(0.4, discount_ * 0.7);
      opponent_kind_ = OpponentKind::kHardliner;
    } else {
      min_target_ = 0.7;
      opponent_kind_ = OpponentKind::kConceder;
    }
    max_target_ = 1.0;
    // getDiscountType: steep ("High") up to 0.4, "Medium" below 0.85, "Low" otherwise.
    const bool low = discount_ < 0.0001 || discount_ >= 0.85;
    steep_ = !low && discount_ <= 0.4;
    medium_ = !low && !steep_;
    // Acceptance (AC_TheNegotiatorReloaded).
    discount_mode_ = discount_ > 0.001 && discount_ < 0.95;
    high_discount_ = discount_mode_ && discount_ <= 0.4;
    // Time manager, domain analyser and strategy predictor.
    window_ = 0;
    previous_kalai_ = 0.0;
    window_begin_ = 0.0;
    previous_best_.reset();
    offers_.clear();
    offered_before_ = false;
  }

  void Observe(const ObservedAction& action) override {
    if (action.type != ActionType::kOffer || !action.offer || action.party == party_) return;
    offers_.push_back({action.offer_utility, action.time});
    // The model learns while NullStrategy allows (t < 0.35); GENIUS clears it afterwards.
    if (modelled_ && action.time < kModelUntil) model_.Update(*action.offer, action.time);
  }

  ActionType Act(const TurnState& state, Outcome& proposal) override {
    const double t = state.time;
    double utility = 0.0;
    if (!offered_before_) {
      sorted_->CopyOutcome(0, proposal);
      utility = sorted_->utility(0);
    } else {
      utility = NextBid(t, proposal);
    }
    if (!offers_.empty()) {
      const Decision decision = Decide(t, utility);
      if (decision == Decision::kBreak) return ActionType::kEndNegotiation;
      if (decision == Decision::kAccept) return ActionType::kAccept;
    }
    offered_before_ = true;
    return ActionType::kOffer;
  }

 private:
  static constexpr double kLargestModelledDomain = 200000;
  static constexpr double kModelUntil = 0.35;
  static constexpr int kWindows = 60;
  static constexpr double kSessionSeconds = 180;
  static constexpr double kDefaultKalai = 0.7;
  static constexpr double kWindowWidth = 0.01;
  static constexpr double kWidening = 0.01;
  static constexpr std::size_t kExpectedBidsInWindow = 100;

  enum class Decision { kAccept, kReject, kBreak };
  struct Received {
    double utility;
    double time;
  };

  // TheNegotiatorReloaded_Offering.determineNextBid; writes the bid and returns its utility.
  double NextBid(double t, Outcome& proposal) {
    if (EndOfWindow(t)) {
      double kalai = kalai_;
      if (discount_ > 0.0001) kalai = discount_ * kalai;
      min_target_ = std::max(reservation_, kalai);
      max_target_ = 1.0;
      if (max_target_ < min_target_) max_target_ = min_target_ + 0.05;
    }
    double e = 0.05;
    if (opponent_kind_ == OpponentKind::kConceder) {
      e = steep_ ? 1.7 : medium_ ? 0.8 : 0.05;
    } else {
      e = steep_ ? 1.9 : medium_ ? 1.2 : 0.05;
    }
    // TimeDependentFunction with k = 0.
    const double k = 0.0;
    const double f = k + (1 - k) * std::pow(t, 1.0 / e);
    const double goal = min_target_ + (max_target_ - min_target_) * (1 - f);
    const std::size_t index = modelled_ ? BidAbove(goal) : sorted_->IndexNearUtility(goal);
    sorted_->CopyOutcome(index, proposal);
    return sorted_->utility(index);
  }

  // OMStrategy.getBid(SortedOutcomeSpace, target) with NullStrategy, which takes the first bid of
  // the range: [goal, goal + 0.01], widened once by 0.01 when it holds fewer than 100 bids, then
  // further while it is empty.
  std::size_t BidAbove(double goal) const {
    double upper = goal + kWindowWidth;
    auto span = sorted_->BidsInRange(goal, upper);
    if (!span) return 0;
    if (span->count >= kExpectedBidsInWindow || !(upper < 1.01)) return span->first;
    for (;;) {
      upper = upper + kWidening;
      span = sorted_->BidsInRange(goal, upper);
      if (!span) return 0;
      if (span->count > 0) return span->first;
      if (!(upper < 1.01)) return 0;  // the best bid
    }
  }

  // TimeManager.checkEndOfWindow: each time the clock enters a new window (counted one at a
  // time), the Kalai point and the opponent's kind are estimated again.
  bool EndOfWindow(double t) {
    const double interval = static_cast<double>(static_cast<int>(kSessionSeconds) / kWindows);
    if (std::floor((t * kSessionSeconds) / interval) == window_) return false;
    kalai_ = KalaiPoint(t);
    opponent_kind_ = PredictOpponent();
    ++window_;
    return true;
  }

  // DomainAnalyzer.calculateKalaiPoint.
  double KalaiPoint(double t) {
    if (!modelled_) return kDefaultKalai;
    if (!(t < kModelUntil)) return previous_kalai_;
    // No point at all (every estimate NaN) throws in GENIUS, which then falls back to 0.7.
    const std::optional<double> kalai = KalaiFromModel();
    if (!kalai) return kDefaultKalai;
    previous_kalai_ = *kalai;
    return previous_kalai_;
  }

  // BidSpace.getKalaiSmorodinsky over (own utility, the model's normalised utility) of every
  // bid: among the Pareto-optimal points, the least |difference|, the lowest own utility on ties.
  std::optional<double> KalaiFromModel() {
    const std::size_t n = sorted_->size();
    const std::size_t issues = space_->issue_count();
    // The model's estimate per issue and value, then per bid.
    std::vector<std::vector<double>> table(issues);
    for (std::size_t i = 0; i < issues; ++i) {
      const Issue& issue = space_->issue(i);
      table[i].resize(issue.cardinality());
      for (std::uint64_t p = 0; p < issue.cardinality(); ++p) {
        table[i][p] = model_.ExpectedEvaluation(i, issue.ValueAt(p));
      }
    }
    points_.resize(n);
    for (std::size_t k = 0; k < n; ++k) {
      const std::uint32_t* position = sorted_->positions(k);
      double u = 0;
      for (std::size_t i = 0; i < issues; ++i) u += model_.expected_weight(i) * table[i][position[i]];
      points_[k] = {sorted_->utility(k), model_.Normalize(u)};
    }
    return GeniusKalaiOwnUtility(points_);  // sorted_ is by own utility descending
  }

  // BSPredictor.calculateOpponentStrategy: the best offer (worth more than 0) of those made since
  // the last estimate against the previous window's best.
  OpponentKind PredictOpponent() {
    // Before any offer (mediated protocols show none) GENIUS would throw; no offer in the window
    // counts as a Hardliner, as the original does for an empty window.
    if (offers_.empty()) return OpponentKind::kHardliner;
    const double end = offers_.back().time;
    std::optional<double> best;
    for (const Received& r : offers_) {
      if (0 < r.utility && r.utility <= 1.1 && window_begin_ < r.time && r.time <= end) {
        if (!best || r.utility >= *best) best = r.utility;
      }
    }
    if (!best) return OpponentKind::kHardliner;
    const double concession = previous_best_ ? *best - *previous_best_ : 1.0 - *best;
    const double threshold = 1.0 / kWindows / 2.0;
    previous_best_ = best;
    window_begin_ = end;
    return concession <= threshold ? OpponentKind::kHardliner : OpponentKind::kConceder;
  }

  // AC_TheNegotiatorReloaded.determineAcceptability for the bid about to be offered.
  Decision Decide(double now, double next) const {
    const double next_discounted = profile_->Discount(next, now);
    const double last = offers_.back().utility;
    const double reservation = reservation_ == 0 ? 0 : profile_->Discount(reservation_, now);
    if (next_discounted <= reservation) return Decision::kBreak;
    if (last >= 0.98) return Decision::kAccept;
    if (!discount_mode_) {
      if (1.0 * last + 0.0 >= next) return Decision::kAccept;
    } else {
      if (high_discount_ && reservation > 0.85) return Decision::kBreak;
      if (1.05 * last + 0.0 >= next) return Decision::kAccept;
    }
    if (discount_mode_ && now > 0.99) {
      const double window = 1 - now;
      double best = -INFINITY;
      bool any = false;
      for (const Received& r : offers_) {
        if (0 < r.utility && r.utility <= 1.1 && now - window < r.time && r.time <= now) {
          best = std::max(best, r.utility);
          any = true;
        }
      }
      if (last >= (any ? best : 0.5)) return Decision::kAccept;
    }
    return Decision::kReject;
  }

  const Profile* profile_ = nullptr;
  const OutcomeSpace* space_ = nullptr;
  std::size_t party_ = 0;
  std::uint64_t rounds_ = 0;
  std::shared_ptr<const GeniusSortedOutcomes> sorted_;
  bool modelled_ = false;
  IamHagglerBayesianModel model_;
  double discount_ = 1.0;
  double reservation_ = 0.0;
  double min_target_ = 0.7, max_target_ = 1.0;
  OpponentKind opponent_kind_ = OpponentKind::kHardliner;
  bool steep_ = false, medium_ = false;
  bool discount_mode_ = false, high_discount_ = false;
  int window_ = 0;
  double kalai_ = kDefaultKalai;
  double previous_kalai_ = 0.0;
  double window_begin_ = 0.0;
  std::optional<double> previous_best_;
  std::vector<Received> offers_;
  bool offered_before_ = false;
  std::vector<std::pair<double, double>> points_;
};

const bool kRegistered = NegotiatorRegistry::Add(
    {"thenegotiatorreloaded",
     "TheNegotiatorReloaded (ANAC 2012, joint third), as GENIUS runs it: concedes along a time-dependent curve "
     "towards the Kalai point estimated from a Bayesian opponent model, faster against hardliners; accepts offers "
     "worth 0.98 or its next bid.",
     {},
     [](const Spec&) { return std::make_unique<NegotiatorReloaded>(); }});

}  // namespace
}  // namespace parley
