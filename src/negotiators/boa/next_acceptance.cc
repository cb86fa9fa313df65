// AC_next (Baarslag et al. 2014): accept when the offer, scaled by a multiplier and raised by a
// constant, is worth at least the offer one would make next: a * u(offer) + b >= u(next offer).
#include <cmath>

#include <fmt/format.h>

#include "parley/boa.h"
#include "parley/error.h"

namespace parley {
namespace {

class NextAcceptance final : public AcceptanceStrategy {
 public:
  NextAcceptance(double multiplier, double constant) : multiplier_(multiplier), constant_(constant) {
    if (!std::isfinite(multiplier_) || !std::isfinite(constant_)) {
      throw UsageError("next acceptance: a and b must be numbers");
    }
  }
  void Begin(const NegotiatorContext&) override {}
  bool Accept(const TurnState& state, double next_offer_utility) override {
    return multiplier_ * state.current_offer_utility + constant_ >= next_offer_utility;
  }

 private:
  double multiplier_;
  double constant_;
};

const bool kRegistered = AcceptanceStrategyRegistry::Add(
    {"next",
     "AC_next: accept when a * u(offer) + b >= u(my next offer).",
     {{"a", "1", "multiplier of the offer's utility"}, {"b", "0", "constant added to it"}},
     [](const Spec& spec) { return std::make_unique<NextAcceptance>(spec.GetDouble("a"), spec.GetDouble("b")); }});

}  // namespace
}  // namespace parley
