// The "time" bidding strategy: the time-dependent concession of the plain time-based negotiator
// (target = best - (best - floor) * t^(1/e), floor following the reservation schedule), offering
// among the outcomes near the target the one the opponent model rates best for the others.
#include <cmath>

#include <fmt/format.h>

#include "negotiators/boa/near_target.h"
#include "parley/error.h"

namespace parley {
namespace {

class TimeBidding final : public BiddingStrategy {
 public:
  TimeBidding(double exponent, NearTarget near) : exponent_(exponent), near_(near) {
    if (!(exponent_ > 0.0) || !std::isfinite(exponent_)) {
      throw UsageError(fmt::format("time bidding: exponent e must be positive, got {}", exponent_));
    }
    if (!(near_.window >= 0.0)) throw UsageError("time bidding: window must be non-negative");
  }

  void Begin(const NegotiatorContext& context, const OpponentModel& model) override {
    own_.Reset(context);
    model_ = &model;
    scratch_ = Outcome(context.space->issue_count());
  }

  double Bid(const TurnState& state, Outcome& proposal) override {
    const double best = own_.best_utility();
    const double floor = std::min(own_.FloorAt(state.time), best);
    const double target = best - (best - floor) * std::pow(state.time, 1.0 / exponent_);
    return near_.Choose(own_, *model_, target, proposal, scratch_);
  }

 private:
  double exponent_;
  NearTarget near_;
  OwnRanking own_;
  const OpponentModel* model_ = nullptr;
  Outcome scratch_;
};

const bool kRegistered = BiddingStrategyRegistry::Add(
    {"time",
     "Time-dependent concession: target = best - (best - floor) * t^(1/e); with an opponent model, the "
     "outcome near the target best for the opponents.",
     {{"e", "1", "concession exponent: below 1 concedes late (Boulware), above 1 early (Conceder)"},
      {"window", "0.02", "how far above the target an offer may be when the model chooses"},
      {"candidates", "64", "the most outcomes the model is asked about per offer"}},
     [](const Spec& spec) {
       NearTarget near;
       near.window = spec.GetDouble("window");
       near.max_candidates = static_cast<std::size_t>(std::max<std::int64_t>(1, spec.GetInt("candidates")));
       return std::make_unique<TimeBidding>(spec.GetDouble("e"), near);
     }});

}  // namespace
}  // namespace parley
