// AC_time (Baarslag, Hindriks & Jonker 2014, "Effective acceptance conditions in negotiation"):
// after normalised time T, accept any offer worth at least the reservation value at that time;
// before T, accept nothing. It ignores its own offers: a last-moment safety net, usually combined
// with another condition. With several opponents it judges the offer on the table alone.
#include <cmath>

#include <fmt/format.h>

#include "negotiators/boa/reservation_check.h"
#include "parley/boa.h"
#include "parley/error.h"

namespace parley {
namespace {

class TimeAcceptance final : public AcceptanceStrategy {
 public:
  explicit TimeAcceptance(double after) : after_(after) {
    if (!std::isfinite(after_)) throw UsageError(fmt::format("time acceptance: t must be a number, got {}", after_));
  }
  void Begin(const NegotiatorContext& context) override { reservation_.Reset(context); }
  bool Accept(const TurnState& state, double /*next_offer_utility*/) override {
    return state.time >= after_ && reservation_.Allows(state);
  }

 private:
  double after_;
  ReservationCheck reservation_;
};

const bool kRegistered = AcceptanceStrategyRegistry::Add(
    {"time",
     "AC_time: from normalised time t on, accept any offer worth at least the reservation value.",
     {{"t", "0.99", "normalised time from which it accepts"}},
     [](const Spec& spec) { return std::make_unique<TimeAcceptance>(spec.GetDouble("t")); }});

}  // namespace
}  // namespace parley
