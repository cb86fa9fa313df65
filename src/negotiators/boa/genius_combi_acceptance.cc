// The "genius-combi" acceptance condition: GENIUS 9.1.10's
// negotiator.boaframework.acceptanceconditions.other.AC_Combi. Accepts when AC_next holds
// (a * u(offer) + b >= u(my next offer)) or once the time has reached t, whatever the offer is
// worth. Parley's "combi" is another condition (AC_combi(T, MAX^W), GENIUS's AC_CombiMaxInWindow).
// Deliberate difference: GENIUS's class declares no defaults (its agents must set a, b and t, and
// it also demands an unused c); the registration gives a = 1, b = 0 and t = 0.99, AC_Next's and
// AC_Time's defaults, and asks for no c.
#include <cmath>

#include "parley/boa.h"
#include "parley/error.h"

namespace parley {
namespace {

class GeniusCombiAcceptance final : public AcceptanceStrategy {
 public:
  GeniusCombiAcceptance(double multiplier, double constant, double after)
      : multiplier_(multiplier), constant_(constant), after_(after) {
    if (!std::isfinite(multiplier_) || !std::isfinite(constant_) || !std::isfinite(after_)) {
      throw UsageError("genius-combi acceptance: a, b and t must be numbers");
    }
  }
  void Begin(const NegotiatorContext&) override {}
  bool Accept(const TurnState& state, double next_offer_utility) override {
    return multiplier_ * state.current_offer_utility + constant_ >= next_offer_utility || state.time >= after_;
  }

 private:
  double multiplier_;
  double constant_;
  double after_;
};

const bool kRegistered = AcceptanceStrategyRegistry::Add(
    {"genius-combi",
     "GENIUS's AC_Combi: accept when a * u(offer) + b >= u(my next offer), or any offer from time t on.",
     {{"a", "1", "multiplier of the offer's utility"},
      {"b", "0", "constant added to it"},
      {"t", "0.99", "normalised time from which every offer is accepted"}},
     [](const Spec& spec) {
       return std::make_unique<GeniusCombiAcceptance>(spec.GetDouble("a"), spec.GetDouble("b"), spec.GetDouble("t"));
     }});

}  // namespace
}  // namespace parley
