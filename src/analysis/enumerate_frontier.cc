// The exact frontier of an enumerable space: every outcome's utilities (EvaluateAll, a few
// additions per outcome for linear additive functions), then NonDominated. Also counts the zone
// of agreement on the way, since the utilities are at hand.
#include <algorithm>

#include <fmt/format.h>

#include "analysis/frontier_methods.h"
#include "analysis/non_dominated.h"
#include "parley/error.h"

namespace parley::internal {

EnumeratedFrontier EnumerateFrontier(const Scenario& scenario) {
  const OutcomeSpace& space = scenario.space();
  if (!space.cardinality()) {
    throw UsageError(fmt::format("cannot enumerate '{}': {} outcomes", space.name(), space.DescribeSize()));
  }
  const std::size_t parties = scenario.party_count();
  std::vector<std::vector<double>> columns(parties);
  UtilityColumns view;
  view.count = *space.cardinality();
  for (std::size_t p = 0; p < parties; ++p) {
    scenario.profile(p).utility_function().EvaluateAll(columns[p]);
    view.columns.push_back(columns[p].data());
  }

  EnumeratedFrontier result;
  std::vector<std::int64_t> reservation_keys(parties);
  for (std::size_t p = 0; p < parties; ++p) reservation_keys[p] = UtilityKey(scenario.profile(p).reservation_value());
  for (std::size_t i = 0; i < view.count; ++i) {
    bool inside = true;
    for (std::size_t p = 0; p < parties && inside; ++p) inside = UtilityKey(columns[p][i]) > reservation_keys[p];
    result.zone_size += inside;
  }

  std::string algorithm;
  const std::vector<std::size_t> kept = NonDominated(view, &algorithm);
  ParetoFrontier& frontier = result.frontier;
  frontier.points.reserve(kept.size());
  for (std::size_t index : kept) {
    FrontierPoint point;
    space.Decode(index, point.outcome);
    for (std::size_t p = 0; p < parties; ++p) point.utilities.push_back(columns[p][index]);
    frontier.points.push_back(std::move(point));
  }
  frontier.exact = true;
  frontier.method = fmt::format("exact: enumeration of {} outcomes, {}", view.count, algorithm);
  Canonicalize(frontier);
  return result;
}

void Canonicalize(ParetoFrontier& frontier) {
  auto& points = frontier.points;
  std::sort(points.begin(), points.end(), [](const FrontierPoint& a, const FrontierPoint& b) {
    for (std::size_t p = 0; p < a.utilities.size(); ++p) {
      const auto ka = UtilityKey(a.utilities[p]), kb = UtilityKey(b.utilities[p]);
      if (ka != kb) return ka > kb;
    }
    return a.outcome.values() < b.outcome.values();
  });
  frontier.distinct_utility_vectors = 0;
  for (std::size_t k = 0; k < points.size(); ++k) {
    bool same = k > 0;
    for (std::size_t p = 0; same && p < points[k].utilities.size(); ++p) {
      same = UtilityKey(points[k].utilities[p]) == UtilityKey(points[k - 1].utilities[p]);
    }
    frontier.distinct_utility_vectors += !same;
  }
}

}  // namespace parley::internal
