// How far an approximate Pareto frontier is from the exact one, and the scenarios it is measured
// on: ANAC 2014 spaces restricted until they can be enumerated, and generated linear additive
// spaces of any size. Used by the tests and by bench/frontier_bench.cc, whose figures
// docs/analysis-large-spaces.md reports.
#ifndef PARLEY_ANALYSIS_FRONTIER_QUALITY_H_
#define PARLEY_ANALYSIS_FRONTIER_QUALITY_H_

#include <algorithm>
#include <cmath>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "parley/analysis.h"
#include "parley/error.h"
#include "parley/hyper_rectangle.h"
#include "parley/random.h"
#include "parley/scenario.h"

namespace parley::internal {

struct FrontierError {
  // The additive epsilon indicator: the smallest e such that every exact frontier point, lowered
  // by e for every party, is weakly dominated by an approximate point. 0 when the approximation
  // reaches every exact point.
  double additive_epsilon = 0.0;
  // Over the exact frontier points, the Euclidean distance in utility space to the nearest
  // approximate point: the mean (inverted generational distance) and the largest.
  double mean_distance = 0.0;
  double max_distance = 0.0;
  // Share of the exact frontier's distinct utility vectors (compared by UtilityKey) that the
  // approximation contains.
  double share_found = 0.0;
};

inline FrontierError MeasureFrontierError(const ParetoFrontier& exact, const ParetoFrontier& approximate) {
  FrontierError error;
  if (exact.points.empty()) return error;
  auto keys_of = [](const FrontierPoint& point) {
    std::vector<std::int64_t> keys;
    for (double u : point.utilities) keys.push_back(UtilityKey(u));
    return keys;
  };
  std::set<std::vector<std::int64_t>> found;
  for (const FrontierPoint& point : approximate.points) found.insert(keys_of(point));
  std::set<std::vector<std::int64_t>> distinct, reached;
  double total_distance = 0.0;
  for (const FrontierPoint& target : exact.points) {
    double epsilon = INFINITY, distance = INFINITY;
    for (const FrontierPoint& point : approximate.points) {
      double shortfall = -INFINITY, squared = 0.0;
      for (std::size_t p = 0; p < target.utilities.size(); ++p) {
        const double d = target.utilities[p] - point.utilities[p];
        shortfall = std::max(shortfall, d);
        squared += d * d;
      }
      epsilon = std::min(epsilon, shortfall);
      distance = std::min(distance, std::sqrt(squared));
    }
    error.additive_epsilon = std::max(error.additive_epsilon, epsilon);
    error.max_distance = std::max(error.max_distance, distance);
    total_distance += distance;
    auto keys = keys_of(target);
    if (found.count(keys)) reached.insert(keys);
    distinct.insert(std::move(keys));
  }
  error.mean_distance = total_distance / static_cast<double>(exact.points.size());
  error.share_found = static_cast<double>(reached.size()) / static_cast<double>(distinct.size());
  return error;
}

// The scenario with every issue from `free_issues` on fixed to the value `fixed` gives it (each
// becomes an integer issue of one value), for hyper-rectangle profiles: a space small enough to
// enumerate with the same rectangles. Throws UsageError for other utility functions.
inline Scenario FixIssuesBeyond(const Scenario& scenario, std::size_t free_issues, const Outcome& fixed) {
  std::vector<Issue> issues;
  for (std::size_t i = 0; i < scenario.space().issue_count(); ++i) {
    const Issue& issue = scenario.space().issue(i);
    if (i < free_issues) {
      issues.push_back(issue);
    } else if (issue.kind() == IssueKind::kInteger) {
      const auto value = static_cast<std::int64_t>(fixed[i]);
      issues.push_back(Issue::Integer(issue.name(), value, value));
    } else {
      throw UsageError("FixIssuesBeyond: only integer issues can be fixed (discrete positions would shift)");
    }
  }
  auto space = std::make_shared<const OutcomeSpace>(scenario.space().name(), std::move(issues));
  std::vector<Profile> profiles;
  for (const Profile& profile : scenario.profiles()) {
    const auto* rectangles = dynamic_cast<const HyperRectangleUtility*>(&profile.utility_function());
    if (rectangles == nullptr) throw UsageError("FixIssuesBeyond: needs hyper-rectangle utility functions");
    profiles.emplace_back(
        profile.name(),
        std::make_shared<const HyperRectangleUtility>(space, rectangles->root(), rectangles->max_utility()),
        profile.reservation_value(), profile.discount_factor());
  }
  return Scenario(scenario.name(), space, std::move(profiles));
}

// `parties` linear additive profiles over `issues` discrete issues of `values` values each, from
// `seed`. With `opposition` 0 every weight and value is drawn independently; with 1 the odd
// parties value everything as 1 minus what the even ones do (every outcome is Pareto-optimal
// for two parties); in between, a mixture.
inline Scenario GeneratedLinearScenario(std::uint64_t seed, std::size_t parties, std::size_t issues, std::size_t values,
                                        double opposition) {
  Rng rng(seed);
  std::vector<Issue> issue_list;
  for (std::size_t i = 0; i < issues; ++i) {
    std::vector<std::string> names;
    for (std::size_t v = 0; v < values; ++v) names.push_back("v" + std::to_string(v));
    issue_list.push_back(Issue::Discrete("issue" + std::to_string(i), std::move(names)));
  }
  auto space = std::make_shared<const OutcomeSpace>("generated-" + std::to_string(seed), std::move(issue_list));
  std::vector<std::vector<double>> shared_values(issues, std::vector<double>(values));
  std::vector<double> shared_weights(issues);
  for (auto& table : shared_values) {
    for (double& x : table) x = rng.UniformReal();
  }
  for (double& w : shared_weights) w = 0.05 + rng.UniformReal();
  std::vector<Profile> profiles;
  for (std::size_t p = 0; p < parties; ++p) {
    std::vector<double> weights;
    std::vector<ValueFunction> functions;
    for (std::size_t i = 0; i < issues; ++i) {
      weights.push_back(opposition * shared_weights[i] + (1 - opposition) * (0.05 + rng.UniformReal()));
      std::vector<double> table;
      for (std::size_t v = 0; v < values; ++v) {
        const double shared = p % 2 == 1 ? 1.0 - shared_values[i][v] : shared_values[i][v];
        table.push_back(opposition * shared + (1 - opposition) * rng.UniformReal());
      }
      functions.push_back(ValueFunction::Table(std::move(table)));
    }
    profiles.emplace_back(
        "party" + std::to_string(p),
        std::make_shared<const LinearAdditiveUtility>(space, std::move(weights), std::move(functions)), 0.0, 1.0);
  }
  return Scenario(space->name(), space, std::move(profiles));
}

}  // namespace parley::internal

#endif  // PARLEY_ANALYSIS_FRONTIER_QUALITY_H_
