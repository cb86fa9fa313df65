// The "genius-previous" acceptance condition: GENIUS 9.1.10's
// negotiator.boaframework.acceptanceconditions.other.AC_Previous. Accepts when
// a * u(offer) + b is at least the utility of its own previous offer (not the one it would make
// next, as AC_next compares with); before it has made an offer of its own it accepts nothing.
// Ignores the reservation value, as the original does. No deliberate difference from the
// original (with several opponents the offer on the table is the one judged).
#include <cmath>

#include "negotiators/boa/genius_bid_history.h"
#include "parley/boa.h"
#include "parley/error.h"

namespace parley {
namespace {

class GeniusPreviousAcceptance final : public AcceptanceStrategy {
 public:
  GeniusPreviousAcceptance(double multiplier, double constant) : multiplier_(multiplier), constant_(constant) {
    if (!std::isfinite(multiplier_) || !std::isfinite(constant_)) {
      throw UsageError("genius-previous acceptance: a and b must be numbers");
    }
  }
  void Begin(const NegotiatorContext& context) override { history_.Reset(context); }
  void Observe(const ObservedAction& action) override { history_.Record(action); }
  bool Accept(const TurnState& state, double /*next_offer_utility*/) override {
    const auto& previous = history_.own_latest();
    return previous && multiplier_ * state.current_offer_utility + constant_ >= *previous;
  }

 private:
  double multiplier_;
  double constant_;
  GeniusBidHistory history_;
};

const bool kRegistered = AcceptanceStrategyRegistry::Add(
    {"genius-previous",
     "GENIUS's AC_Previous: accept when a * u(offer) + b >= u(my previous offer); nothing before my first offer.",
     {{"a", "1", "multiplier of the offer's utility"}, {"b", "0", "constant added to it"}},
     [](const Spec& spec) {
       return std::make_unique<GeniusPreviousAcceptance>(spec.GetDouble("a"), spec.GetDouble("b"));
     }});

}  // namespace
}  // namespace parley
