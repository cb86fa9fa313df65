// The "genius-combi-max-in-window" acceptance condition: GENIUS 9.1.10's
// negotiator.boaframework.acceptanceconditions.other.AC_CombiMaxInWindow, AC_combi(T, MAX^W) of
// Baarslag, Hindriks & Jonker 2014. Accepts an offer worth at least its next offer; from time t
// on, also one worth at least the best offer received in the window (now - (1 - now), now]
// (GENIUS's filter leaves out offers worth 0; the best of none is 0).
// Where Parley's "combi" differs: it has AC_next's a and b, never accepts below the reservation
// value, keeps offers worth 0 in the window and judges an offer by AC_next alone when the window
// is empty. No deliberate difference from the original.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "negotiators/boa/genius_bid_history.h"
#include "parley/boa.h"
#include "parley/error.h"

namespace parley {
namespace {

class GeniusCombiMaxInWindowAcceptance final : public AcceptanceStrategy {
 public:
  explicit GeniusCombiMaxInWindowAcceptance(double after) : after_(after) {
    if (!std::isfinite(after_)) {
      throw UsageError(fmt::format("genius-combi-max-in-window acceptance: t must be a number, got {}", after_));
    }
  }
  void Begin(const NegotiatorContext& context) override { history_.Reset(context); }
  void Observe(const ObservedAction& action) override { history_.Record(action); }
  bool Accept(const TurnState& state, double next_offer_utility) override {
    if (state.current_offer_utility >= next_offer_utility) return true;
    if (state.time < after_) return false;
    const double now = state.time;
    double best = 0.0;  // the window holds only offers worth more than 0 (ForEachBetween)
    history_.ForEachBetween(now - (1.0 - now), now,
                            [&](const GeniusBidHistory::Received& r) { best = std::max(best, r.utility); });
    return state.current_offer_utility >= best;
  }

 private:
  double after_;
  GeniusBidHistory history_;
};

const bool kRegistered = AcceptanceStrategyRegistry::Add(
    {"genius-combi-max-in-window",
     "GENIUS's AC_CombiMaxInWindow, AC_combi(T, MAX^W): accept when u(offer) >= u(my next offer), or, from "
     "time t on, when the offer is the best received in the last 1 - t of time.",
     {{"t", "0.98", "normalised time from which the window condition applies"}},
     [](const Spec& spec) { return std::make_unique<GeniusCombiMaxInWindowAcceptance>(spec.GetDouble("t")); }});

}  // namespace
}  // namespace parley
