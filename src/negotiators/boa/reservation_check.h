// Shared by acceptance strategies: the rationality every one of them keeps. An offer worth less
// than the reservation value at the time of the turn (which may follow a reservation schedule) is
// never accepted, whatever the strategy's own condition says.
#ifndef PARLEY_NEGOTIATORS_BOA_RESERVATION_CHECK_H_
#define PARLEY_NEGOTIATORS_BOA_RESERVATION_CHECK_H_

#include <cstdint>

#include "parley/negotiator.h"

namespace parley {

class ReservationCheck {
 public:
  void Reset(const NegotiatorContext& context) {
    profile_ = context.profile;
    rounds_ = context.max_rounds;
  }
  double ValueAt(double time) const { return profile_->ReservationValueAt(time, rounds_); }
  // True when the offer on the table is worth at least the reservation value now.
  bool Allows(const TurnState& state) const { return state.current_offer_utility >= ValueAt(state.time); }

 private:
  const Profile* profile_ = nullptr;
  std::uint64_t rounds_ = 0;
};

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_BOA_RESERVATION_CHECK_H_
