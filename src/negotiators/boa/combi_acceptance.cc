// The "combi" acceptance strategy: accepts when AC_next holds, or, near the deadline, when the
// offer is at least as good as the best received in a window of the recent past; never below the
// reservation value at the time.
// AC_combi(T, MAX^W) of Baarslag, Hindriks & Jonker 2014, "Effective acceptance conditions in
// negotiation".
// The window, several opponents and the cost of a turn: docs/strategies.md#acceptance-strategies
#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "negotiators/boa/reservation_check.h"
#include "parley/boa.h"
#include "parley/error.h"

namespace parley {
namespace {

class CombiAcceptance final : public AcceptanceStrategy {
 public:
  CombiAcceptance(double after, double multiplier, double constant)
      : after_(after), multiplier_(multiplier), constant_(constant) {
    if (!std::isfinite(after_) || !std::isfinite(multiplier_) || !std::isfinite(constant_)) {
      throw UsageError("combi acceptance: t, a and b must be numbers");
    }
  }

  void Begin(const NegotiatorContext& context) override {
    reservation_.Reset(context);
    party_ = context.party;
    queue_.clear();
    head_ = 0;
    // The window reaches back to 2T - 1: with a deadline in rounds, about (1 - T) * 2 of the
    // negotiation's offers can be in play, reserved once.
    if (context.max_rounds > 0) {
      const double share = std::clamp(2.0 * (1.0 - after_), 0.0, 1.0);
      queue_.reserve(static_cast<std::size_t>(share * static_cast<double>(context.max_rounds * context.party_count)) +
                     1);
    }
  }

  void Observe(const ObservedAction& action) override {
    if (action.type != ActionType::kOffer || action.party == party_) return;
    if (action.time < 2.0 * after_ - 1.0) return;
    // An older offer worth no more than this one can never again be the window's maximum.
    while (queue_.size() > head_ && queue_.back().utility <= action.offer_utility) queue_.pop_back();
    queue_.push_back({action.time, action.offer_utility});
  }

  bool Accept(const TurnState& state, double next_offer_utility) override {
    if (!reservation_.Allows(state)) return false;
    if (multiplier_ * state.current_offer_utility + constant_ >= next_offer_utility) return true;
    if (state.time < after_) return false;
    const double window_start = state.time - (1.0 - state.time);
    while (head_ < queue_.size() && queue_[head_].time < window_start) ++head_;
    // The offer on the table was observed when it was made, so the window is never empty when
    // there is an offer to judge; an empty one (an offer older than the window) is judged by
    // AC_next alone.
    return head_ < queue_.size() && state.current_offer_utility >= queue_[head_].utility;
  }

 private:
  struct Received {
    double time;
    double utility;
  };

  double after_;
  double multiplier_;
  double constant_;
  ReservationCheck reservation_;
  std::size_t party_ = 0;
  // Offers in the window with utilities strictly decreasing from queue_[head_] on.
  std::vector<Received> queue_;
  std::size_t head_ = 0;
};

const bool kRegistered = AcceptanceStrategyRegistry::Add(
    {"combi",
     "AC_combi(T, MAX^W): accept when a * u(offer) + b >= u(my next offer), or, from time t on, when the offer "
     "is at least the best received in the window [t - (1 - t), t]; never below the reservation value.",
     {{"t", "0.98", "normalised time T from which the window condition applies"},
      {"a", "1", "multiplier of the offer's utility in AC_next"},
      {"b", "0", "constant added to it"}},
     [](const Spec& spec) {
       return std::make_unique<CombiAcceptance>(spec.GetDouble("t", 0.98), spec.GetDouble("a", 1.0),
                                                spec.GetDouble("b", 0.0));
     }});

}  // namespace
}  // namespace parley
