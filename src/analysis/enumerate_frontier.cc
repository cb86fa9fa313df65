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
  // Dominance as GENIUS's BidSpace decides it: on the doubles, so that the frontier holds exactly
  // its bids when the utilities are GENIUS's.
  view.comparison = UtilityComparison::kExact;
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
  // In frontier order, so that Canonicalize finds the points sorted.
  const std::vector<std::size_t> kept = NonDominated(view, &algorithm, /*frontier_order=*/true);
  ParetoFrontier& frontier = result.frontier;
  frontier.points.resize(kept.size());
  for (std::size_t k = 0; k < kept.size(); ++k) {
    FrontierPoint& point = frontier.points[k];
    const std::size_t index = kept[k];
    space.Decode(index, point.outcome);
    point.utilities.resize(parties);
    for (std::size_t p = 0; p < parties; ++p) point.utilities[p] = columns[p][index];
  }
  frontier.exact = true;
  frontier.comparison = UtilityComparison::kExact;
  frontier.method = fmt::format("exact: enumeration of {} outcomes, {}", view.count, algorithm);
  Canonicalize(frontier);
  return result;
}

void Canonicalize(ParetoFrontier& frontier) {
  auto& points = frontier.points;
  const std::size_t parties = points.empty() ? 0 : points[0].utilities.size();
  // Keys computed once: the comparison would otherwise round every utility O(log n) times.
  std::vector<std::int64_t> keys(points.size() * parties);
  for (std::size_t k = 0; k < points.size(); ++k) {
    for (std::size_t p = 0; p < parties; ++p) {
      keys[k * parties + p] = ComparisonKey(points[k].utilities[p], frontier.comparison);
    }
  }
  auto before = [&](std::size_t a, std::size_t b) {
    for (std::size_t p = 0; p < parties; ++p) {
      if (keys[a * parties + p] != keys[b * parties + p]) return keys[a * parties + p] > keys[b * parties + p];
    }
    return points[a].outcome.values() < points[b].outcome.values();
  };
  bool sorted = true;
  for (std::size_t k = 1; k < points.size() && sorted; ++k) sorted = !before(k, k - 1);
  if (!sorted) {
    std::vector<std::size_t> order(points.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::sort(order.begin(), order.end(), before);
    std::vector<FrontierPoint> sorted_points;
    sorted_points.reserve(points.size());
    for (std::size_t k : order) sorted_points.push_back(std::move(points[k]));
    std::vector<std::int64_t> sorted_keys;
    sorted_keys.reserve(keys.size());
    for (std::size_t k : order) sorted_keys.insert(sorted_keys.end(), &keys[k * parties], &keys[k * parties] + parties);
    points = std::move(sorted_points);
    keys = std::move(sorted_keys);
  }
  frontier.distinct_utility_vectors = 0;
  for (std::size_t k = 0; k < points.size(); ++k) {
    frontier.distinct_utility_vectors +=
        k == 0 || !std::equal(&keys[k * parties], &keys[k * parties] + parties, &keys[(k - 1) * parties]);
  }
}

}  // namespace parley::internal
