// The "genius-combi-avg" acceptance condition: GENIUS 9.1.10's
// negotiator.boaframework.acceptanceconditions.other.AC_CombiAvg. Accepts an offer worth at least
// its next offer; from time t on, also one worth at least the mean utility of the offers received
// in the window (now - (1 - now), now] (GENIUS's filter also leaves out offers worth 0; the mean
// of none is 0). Ignores the reservation value, as the original does.
// Deliberate difference: GENIUS's class declares no default for t; the registration gives 0.98,
// AC_CombiMaxInWindow's.
#include <cmath>

#include <fmt/format.h>

#include "negotiators/boa/genius_bid_history.h"
#include "parley/boa.h"
#include "parley/error.h"

namespace parley {
namespace {

class GeniusCombiAvgAcceptance final : public AcceptanceStrategy {
 public:
  explicit GeniusCombiAvgAcceptance(double after) : after_(after) {
    if (!std::isfinite(after_)) {
      throw UsageError(fmt::format("genius-combi-avg acceptance: t must be a number, got {}", after_));
    }
  }
  void Begin(const NegotiatorContext& context) override { history_.Reset(context); }
  void Observe(const ObservedAction& action) override { history_.Record(action); }
  bool Accept(const TurnState& state, double next_offer_utility) override {
    if (state.current_offer_utility >= next_offer_utility) return true;
    if (state.time < after_) return false;
    const double now = state.time;
    double total = 0.0;
    std::size_t count = 0;
    history_.ForEachBetween(now - (1.0 - now), now, [&](const GeniusBidHistory::Received& r) {
      total += r.utility;
      ++count;
    });
    const double mean = count == 0 ? 0.0 : total / static_cast<double>(count);
    return state.current_offer_utility >= mean;
  }

 private:
  double after_;
  GeniusBidHistory history_;
};

const bool kRegistered = AcceptanceStrategyRegistry::Add(
    {"genius-combi-avg",
     "GENIUS's AC_CombiAvg: accept when u(offer) >= u(my next offer), or, from time t on, when the offer is at "
     "least the mean of those received in the last 1 - t of time.",
     {{"t", "0.98", "normalised time from which the window condition applies"}},
     [](const Spec& spec) { return std::make_unique<GeniusCombiAvgAcceptance>(spec.GetDouble("t")); }});

}  // namespace
}  // namespace parley
