// GENIUS's reference agents agents.TimeDependentAgentBoulware, TimeDependentAgentConceder,
// TimeDependentAgentLinear and TimeDependentAgentHardliner (their base class
// agents.TimeDependentAgent on agents.anac.y2011.Nice_Tit_for_Tat.BilateralAgent, GENIUS 9.1.10),
// as the negotiators boulware, conceder, linear and hardliner.
//
// Target at time t: p(t) = Pmin + (Pmax - Pmin) (1 - t^(1/e)) with e = 0.2, 2, 1 and, for the
// Hardliner, f = 0 (p = Pmin + (Pmax - Pmin)); Pmax is the best outcome's utility, Pmin the larger
// of the worst outcome's and the reservation value. The bid is the one GENIUS's
// SortedOutcomeSpace.getBidNearUtility picks for p(t) (preferences/genius_sorted_outcomes.h);
// the agent opens with it, and later accepts the offer on the table when it is worth at least as
// much to it as that bid (undiscounted), otherwise offers the bid. docs/strategies.md#reference-agents
//
// Deliberate differences from the original:
// - With three or more parties, when the last action before its turn is an acceptance that did
//   not close the deal, GENIUS's agent returns no action and GENIUS aborts the session. The port
//   acts as it would after the offer still on the table, so that it can take part in multilateral
//   negotiations.
// - On spaces GENIUS cannot sort (a real issue, or more than OutcomeRanking::kExhaustiveLimit
//   outcomes, where GENIUS runs out of memory), the port offers the outcome of Parley's own
//   ranking closest to and at least the target.
// - Pmin reads the reservation value at the start; GENIUS has no reservation schedules.
#include <cmath>
#include <memory>

#include "negotiators/own_ranking.h"
#include "parley/negotiator.h"
#include "preferences/genius_sorted_outcomes.h"

namespace parley {
namespace {

class TimeDependentAgent final : public Negotiator {
 public:
  // `exponent` 0 is the Hardliner: f(t) = 0 at every t.
  explicit TimeDependentAgent(double exponent) : exponent_(exponent) {}

  void Begin(const NegotiatorContext& context) override {
    sorted_ = GeniusSortedOutcomes::For(*context.profile);
    ranking_.Reset(context);
    const double best = sorted_ ? sorted_->utility(0) : ranking_.best_utility();
    const double worst = sorted_ ? sorted_->utility(sorted_->size() - 1) : ranking_.ranking().worst_utility();
    max_utility_ = best;
    min_utility_ = std::max(worst, context.profile->reservation_value());
  }

  ActionType Act(const TurnState& state, Outcome& proposal) override {
    const double concession = exponent_ == 0.0 ? 0.0 : std::pow(state.time, 1.0 / exponent_);
    const double target = min_utility_ + (max_utility_ - min_utility_) * (1.0 - concession);
    double planned = 0.0;
    if (sorted_) {
      const std::size_t position = sorted_->IndexNearUtility(target);
      sorted_->CopyOutcome(position, proposal);
      planned = sorted_->utility(position);
    } else {
      planned = ranking_.OfferAtLeast(target, proposal);
    }
    // The opening bid is never an acceptance: there is nothing to accept.
    if (state.current_offer && state.current_offer_utility >= planned) return ActionType::kAccept;
    return ActionType::kOffer;
  }

 private:
  double exponent_;
  std::shared_ptr<const GeniusSortedOutcomes> sorted_;
  OwnRanking ranking_;
  double max_utility_ = 1.0;
  double min_utility_ = 0.0;
};

template <int kExponentTimesTen>
std::unique_ptr<Negotiator> Make(const Spec&) {
  return std::make_unique<TimeDependentAgent>(kExponentTimesTen / 10.0);
}

const bool kBoulware = NegotiatorRegistry::Add(
    {"boulware",
     "GENIUS's TimeDependentAgentBoulware (e = 0.2): holds out and concedes to its reservation value near the "
     "deadline; accepts an offer worth at least its next bid.",
     {},
     Make<2>});
const bool kConceder = NegotiatorRegistry::Add(
    {"conceder",
     "GENIUS's TimeDependentAgentConceder (e = 2): concedes early; accepts an offer worth at least its next bid.",
     {},
     Make<20>});
const bool kLinear = NegotiatorRegistry::Add(
    {"linear",
     "GENIUS's TimeDependentAgentLinear (e = 1): concedes steadily; accepts an offer worth at least its next bid.",
     {},
     Make<10>});
const bool kHardliner = NegotiatorRegistry::Add(
    {"hardliner",
     "GENIUS's TimeDependentAgentHardliner: always bids its best outcome; accepts only an offer as good.",
     {},
     Make<0>});

}  // namespace
}  // namespace parley
