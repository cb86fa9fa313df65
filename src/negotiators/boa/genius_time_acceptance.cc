// The "genius-time" acceptance condition: GENIUS 9.1.10's
// negotiator.boaframework.acceptanceconditions.other.AC_Time. Accepts any offer once the
// normalised time is strictly past t, however little it is worth (the reservation value
// included). Parley's "time" accepts from t itself and never below the reservation value.
// No deliberate difference from the original.
#include <cmath>

#include <fmt/format.h>

#include "parley/boa.h"
#include "parley/error.h"

namespace parley {
namespace {

class GeniusTimeAcceptance final : public AcceptanceStrategy {
 public:
  explicit GeniusTimeAcceptance(double after) : after_(after) {
    if (!std::isfinite(after_)) {
      throw UsageError(fmt::format("genius-time acceptance: t must be a number, got {}", after_));
    }
  }
  void Begin(const NegotiatorContext&) override {}
  bool Accept(const TurnState& state, double /*next_offer_utility*/) override { return state.time > after_; }

 private:
  double after_;
};

const bool kRegistered = AcceptanceStrategyRegistry::Add(
    {"genius-time",
     "GENIUS's AC_Time: accept any offer once the time is past t, ignoring the reservation value.",
     {{"t", "0.99", "normalised time after which every offer is accepted"}},
     [](const Spec& spec) { return std::make_unique<GeniusTimeAcceptance>(spec.GetDouble("t")); }});

}  // namespace
}  // namespace parley
