// AC_const (Baarslag, Hindriks & Jonker 2014, "Effective acceptance conditions in negotiation"):
// accept any offer worth at least a fixed utility c, regardless of time or of one's own offers,
// and (as every acceptance strategy here) never one worth less than the reservation value at the
// time. With several opponents it judges the offer on the table alone, as in the bilateral case.
#include <cmath>

#include <fmt/format.h>

#include "negotiators/boa/reservation_check.h"
#include "parley/boa.h"
#include "parley/error.h"

namespace parley {
namespace {

class ConstAcceptance final : public AcceptanceStrategy {
 public:
  explicit ConstAcceptance(double threshold) : threshold_(threshold) {
    if (!std::isfinite(threshold_)) {
      throw UsageError(fmt::format("const acceptance: c must be a number, got {}", threshold_));
    }
  }
  void Begin(const NegotiatorContext& context) override { reservation_.Reset(context); }
  bool Accept(const TurnState& state, double /*next_offer_utility*/) override {
    return state.current_offer_utility >= threshold_ && reservation_.Allows(state);
  }

 private:
  double threshold_;
  ReservationCheck reservation_;
};

const bool kRegistered = AcceptanceStrategyRegistry::Add(
    {"const",
     "AC_const: accept when u(offer) >= c (and never below the reservation value at the time).",
     {{"c", "0.9", "the utility an offer must reach"}},
     [](const Spec& spec) { return std::make_unique<ConstAcceptance>(spec.GetDouble("c")); }});

}  // namespace
}  // namespace parley
