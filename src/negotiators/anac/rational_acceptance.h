// Parley's contract for every negotiator, which ports of GENIUS agents add to the original's
// rules: an offer is accepted only if it is worth at least the reservation value at that time,
// and no offer is worth less when some outcome is worth that much. GENIUS's agents can do either
// (and GENIUS lets them); where a port's original would, it goes on as if its acceptance rule had
// said no, or offers its best bid instead, and its header says so.
#ifndef PARLEY_NEGOTIATORS_ANAC_RATIONAL_ACCEPTANCE_H_
#define PARLEY_NEGOTIATORS_ANAC_RATIONAL_ACCEPTANCE_H_

#include <cstdint>

#include "parley/negotiator.h"

namespace parley {

// True if there is an offer on the table and it is worth the reservation value at state.time.
inline bool RationalToAccept(const TurnState& state, const Profile& profile, std::uint64_t rounds) {
  return state.current_offer && state.current_offer_utility >= profile.ReservationValueAt(state.time, rounds);
}

// True if an offer worth `utility` is below the reservation value at state.time although the
// best outcome (worth `best`) is not.
inline bool BelowReservation(double utility, double best, const TurnState& state, const Profile& profile,
                             std::uint64_t rounds) {
  const double reservation = profile.ReservationValueAt(state.time, rounds);
  return utility < reservation && best >= reservation;
}

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_RATIONAL_ACCEPTANCE_H_
