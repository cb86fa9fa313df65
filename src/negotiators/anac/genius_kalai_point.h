// GENIUS's BidSpace.getKalaiSmorodinsky for two parties, for ports of GENIUS agents that locate the
// Kalai point of their own profile against another (an opponent model, a reversed profile): among
// the Pareto-optimal points (none strictly dominated), the one with the least |own - other|; on
// equal asymmetry the lowest own utility, as GENIUS sorts its frontier by own utility and keeps the
// first. Only the own utility of that point is returned, which is all the agents read. The
// frontier sweep is shared with the Nash point (genius_nash_point.h).
//
// Header-only, allocates nothing.
#ifndef PARLEY_NEGOTIATORS_ANAC_GENIUS_KALAI_POINT_H_
#define PARLEY_NEGOTIATORS_ANAC_GENIUS_KALAI_POINT_H_

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>
#include <vector>

namespace parley {

// GENIUS's Pareto frontier of `points`, which hold (own utility, other utility) of every bid in
// descending own utility (any order among equal own utilities, as GeniusSortedOutcomes gives
// them): calls visit(own, other) once per distinct frontier point, in descending own utility.
// GENIUS's ParetoFrontier keeps every point no other strictly dominates, duplicates included;
// its solutions read only the points' utilities, so one visit per distinct point suffices.
template <class Visit>
void ForEachGeniusParetoPoint(const std::vector<std::pair<double, double>>& points, Visit&& visit) {
  // Sweep groups of equal own utility: only a group's best other utility can be undominated, and
  // only when it beats every point of higher own utility.
  double best_above = -INFINITY;
  for (std::size_t begin = 0; begin < points.size();) {
    std::size_t end = begin;
    double best = -INFINITY;
    for (; end < points.size() && points[end].first == points[begin].first; ++end) {
      best = std::max(best, points[end].second);
    }
    if (best > best_above) {
      visit(points[begin].first, best);
      best_above = best;
    }
    begin = end;
  }
}

// The own utility of the Kalai point of `points` (ordered as for ForEachGeniusParetoPoint);
// nullopt when it is empty.
inline std::optional<double> GeniusKalaiOwnUtility(const std::vector<std::pair<double, double>>& points) {
  double asymmetry = 2;  // GENIUS's start: above any asymmetry of utilities in [0, 1]
  std::optional<double> kalai;
  ForEachGeniusParetoPoint(points, [&](double own, double other) {
    const double gap = std::fabs(own - other);
    if (gap <= asymmetry) {  // own utilities descend, so an equal gap here is the lower one
      asymmetry = gap;
      kalai = own;
    }
  });
  return kalai;
}

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_GENIUS_KALAI_POINT_H_
