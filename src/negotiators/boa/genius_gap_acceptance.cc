// The "genius-gap" acceptance condition: GENIUS 9.1.10's
// negotiator.boaframework.acceptanceconditions.other.AC_Gap. Accepts when the offer's utility plus
// c is at least the utility of its own previous offer, so when the gap between the two has closed
// to c; before it has made an offer of its own it accepts nothing. Ignores the reservation value,
// as the original does. No deliberate difference from the original.
#include <cmath>

#include <fmt/format.h>

#include "negotiators/boa/genius_bid_history.h"
#include "parley/boa.h"
#include "parley/error.h"

namespace parley {
namespace {

class GeniusGapAcceptance final : public AcceptanceStrategy {
 public:
  explicit GeniusGapAcceptance(double gap) : gap_(gap) {
    if (!std::isfinite(gap_)) throw UsageError(fmt::format("genius-gap acceptance: c must be a number, got {}", gap_));
  }
  void Begin(const NegotiatorContext& context) override { history_.Reset(context); }
  void Observe(const ObservedAction& action) override { history_.Record(action); }
  bool Accept(const TurnState& state, double /*next_offer_utility*/) override {
    const auto& previous = history_.own_latest();
    return previous && state.current_offer_utility + gap_ >= *previous;
  }

 private:
  double gap_;
  GeniusBidHistory history_;
};

const bool kRegistered = AcceptanceStrategyRegistry::Add(
    {"genius-gap",
     "GENIUS's AC_Gap: accept when u(offer) + c >= u(my previous offer); nothing before my first offer.",
     {{"c", "0.01", "the gap to my previous offer that is small enough"}},
     [](const Spec& spec) { return std::make_unique<GeniusGapAcceptance>(spec.GetDouble("c")); }});

}  // namespace
}  // namespace parley
