// The "genius-combi-max" acceptance condition: GENIUS 9.1.10's
// negotiator.boaframework.acceptanceconditions.other.AC_CombiMax. Accepts an offer worth at least
// its next offer; from time t on, also one worth at least the best offer received so far in the
// whole negotiation (the offer on the table counts among them). Ignores the reservation value,
// as the original does.
// Deliberate difference: GENIUS's class declares no default for t; the registration gives 0.98,
// AC_CombiMaxInWindow's.
#include <cmath>

#include <fmt/format.h>

#include "negotiators/boa/genius_bid_history.h"
#include "parley/boa.h"
#include "parley/error.h"

namespace parley {
namespace {

class GeniusCombiMaxAcceptance final : public AcceptanceStrategy {
 public:
  explicit GeniusCombiMaxAcceptance(double after) : after_(after) {
    if (!std::isfinite(after_)) {
      throw UsageError(fmt::format("genius-combi-max acceptance: t must be a number, got {}", after_));
    }
  }
  void Begin(const NegotiatorContext& context) override { history_.Reset(context); }
  void Observe(const ObservedAction& action) override { history_.Record(action); }
  bool Accept(const TurnState& state, double next_offer_utility) override {
    if (state.current_offer_utility >= next_offer_utility) return true;
    if (state.time < after_) return false;
    return state.current_offer_utility >= history_.Best();
  }

 private:
  double after_;
  GeniusBidHistory history_;
};

const bool kRegistered = AcceptanceStrategyRegistry::Add(
    {"genius-combi-max",
     "GENIUS's AC_CombiMax: accept when u(offer) >= u(my next offer), or, from time t on, when the offer is the "
     "best received so far.",
     {{"t", "0.98", "normalised time from which the best-so-far condition applies"}},
     [](const Spec& spec) { return std::make_unique<GeniusCombiMaxAcceptance>(spec.GetDouble("t")); }});

}  // namespace
}  // namespace parley
