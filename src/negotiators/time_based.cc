// Time-dependent concession (Faratin, Sierra & Jennings 1998; GENIUS's TimeDependentAgent;
// NegMAS's AspirationNegotiator): the target utility falls from the best outcome's utility to
// the floor (the reservation value at that time, or the worst outcome if that is higher) as
//
//   target(t) = best - (best - floor) * t^(1/e)
//
// e < 1 is Boulware (holds out, concedes near the deadline), e = 1 linear, e > 1 Conceder. It
// offers the outcome whose utility is closest to and at least the target, and accepts an offer
// worth at least what it would offer now (AC_next). GENIUS's own TimeDependentAgents, exactly, are
// the negotiators boulware, conceder, linear and hardliner (anac/time_dependent_agent.cc).
#include <cmath>

#include <fmt/format.h>

#include "negotiators/own_ranking.h"
#include "parley/error.h"

namespace parley {
namespace {

class TimeBasedNegotiator final : public Negotiator {
 public:
  explicit TimeBasedNegotiator(double exponent) : exponent_(exponent) {
    if (!(exponent_ > 0.0) || !std::isfinite(exponent_)) {
      throw UsageError(fmt::format("time-based negotiator: exponent e must be positive, got {}", exponent_));
    }
  }

  void Begin(const NegotiatorContext& context) override {
    ranking_.Reset(context);
    best_ = ranking_.best_utility();
  }

  ActionType Act(const TurnState& state, Outcome& proposal) override {
    const double floor = std::min(ranking_.FloorAt(state.time), best_);
    const double target = best_ - (best_ - floor) * std::pow(state.time, 1.0 / exponent_);
    const double offered = ranking_.OfferAtLeast(target, proposal);
    if (state.current_offer && state.current_offer_utility >= offered) return ActionType::kAccept;
    return ActionType::kOffer;
  }

 private:
  double exponent_;
  OwnRanking ranking_;
  double best_ = 1.0;
};

std::unique_ptr<Negotiator> MakeTimeBased(const Spec& spec) {
  return std::make_unique<TimeBasedNegotiator>(spec.GetDouble("e"));
}

const bool kTime = NegotiatorRegistry::Add(
    {"time",
     "Time-dependent concession: target = best - (best - floor) * t^(1/e); offers the outcome just above "
     "the target, accepts offers at least as good as its next offer (e = 0.2 holds out, e = 2 concedes early).",
     {{"e", "1", "concession exponent: below 1 concedes late (Boulware), above 1 early (Conceder)"}},
     MakeTimeBased});

}  // namespace
}  // namespace parley
