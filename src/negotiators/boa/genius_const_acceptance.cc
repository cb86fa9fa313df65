// The "genius-const" acceptance condition: GENIUS 9.1.10's
// negotiator.boaframework.acceptanceconditions.other.AC_Const. Accepts an offer whose undiscounted
// utility is strictly greater than c, whatever the time and whatever the reservation value.
// It differs from Parley's "const" (which accepts at c itself and never below the reservation
// value) only there. No deliberate difference from the original.
#include <cmath>

#include <fmt/format.h>

#include "parley/boa.h"
#include "parley/error.h"

namespace parley {
namespace {

class GeniusConstAcceptance final : public AcceptanceStrategy {
 public:
  explicit GeniusConstAcceptance(double threshold) : threshold_(threshold) {
    if (!std::isfinite(threshold_)) {
      throw UsageError(fmt::format("genius-const acceptance: c must be a number, got {}", threshold_));
    }
  }
  void Begin(const NegotiatorContext&) override {}
  bool Accept(const TurnState& state, double /*next_offer_utility*/) override {
    return state.current_offer_utility > threshold_;
  }

 private:
  double threshold_;
};

const bool kRegistered = AcceptanceStrategyRegistry::Add(
    {"genius-const",
     "GENIUS's AC_Const: accept when u(offer) > c, ignoring time and the reservation value.",
     {{"c", "0.9", "the utility an offer must exceed"}},
     [](const Spec& spec) { return std::make_unique<GeniusConstAcceptance>(spec.GetDouble("c")); }});

}  // namespace
}  // namespace parley
