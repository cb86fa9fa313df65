// GENIUS's BidSpace.getNash for two parties, for ports of GENIUS agents that locate the Nash point
// of their own profile against an opponent model: among the Pareto-optimal points (none strictly
// dominated), the one with the greatest product of the utilities above each side's reservation
// value. GENIUS sorts its frontier by own utility, ascending, and keeps the first point whose
// product beats every earlier one, starting from -1: so on equal products the lowest own utility,
// and no point at all when no product exceeds -1. Only the own utility of that point is returned,
// which is all the agents read.
//
// Header-only, allocates nothing.
#ifndef PARLEY_NEGOTIATORS_ANAC_GENIUS_NASH_POINT_H_
#define PARLEY_NEGOTIATORS_ANAC_GENIUS_NASH_POINT_H_

#include <optional>
#include <utility>
#include <vector>

#include "negotiators/anac/genius_kalai_point.h"

namespace parley {

// `points` as for ForEachGeniusParetoPoint (genius_kalai_point.h); `own_reservation` and
// `other_reservation` are what GENIUS's getReservationValue() answers for each side (0 when unset).
inline std::optional<double> GeniusNashOwnUtility(const std::vector<std::pair<double, double>>& points,
                                                  double own_reservation, double other_reservation) {
  double best_product = -1;
  std::optional<double> nash;
  ForEachGeniusParetoPoint(points, [&](double own, double other) {
    const double product = (own - own_reservation) * (other - other_reservation);
    // Own utilities descend here, so an equal product replaces: GENIUS keeps the lowest.
    if (product > best_product || (nash.has_value() && product == best_product)) {
      best_product = product;
      nash = own;
    }
  });
  return nash;
}

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_GENIUS_NASH_POINT_H_
