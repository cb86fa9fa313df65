// The analysis over sampled worlds (see parley/uncertain_analysis.h and docs/uncertainty.md,
// "Analysing under uncertainty"). Worlds are analysed in blocks of consecutive indices on several
// threads, each writing its own slots of the per-world records; the summaries are then computed in
// world order on one thread, so the report does not depend on the number of threads.
#include "parley/uncertain_analysis.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "common/parallel_blocks.h"
#include "common/sample_statistics.h"
#include "parley/error.h"
#include "parley/utility.h"

namespace parley {
namespace {

constexpr std::uint64_t kBlock = 16;
constexpr std::size_t kSolutions = 4;
constexpr const char* kSolutionNames[kSolutions] = {"nash", "kalai_smorodinsky", "egalitarian", "utilitarian"};

const std::optional<FrontierPoint>& Solution(const ScenarioAnalysis& analysis, std::size_t which) {
  switch (which) {
    case 0: return analysis.nash();
    case 1: return analysis.kalai_smorodinsky();
    case 2: return analysis.egalitarian();
    default: return analysis.utilitarian();
  }
}

// What one world says about one track.
struct WorldTrack {
  bool zone = false;
  double zone_size = 0.0, frontier_size = 0.0;
  std::array<std::optional<FrontierPoint>, kSolutions> solutions;
  std::array<bool, kSolutions> accepted{};  // the estimate's solution, in this world
};

// Whether every party of `world` prefers `outcome` to its reservation value, compared as the zone
// of agreement compares them.
bool Accepted(const Scenario& world, const Outcome& outcome) {
  for (const auto& profile : world.profiles()) {
    if (UtilityKey(profile.utility_function().Utility(outcome)) <= UtilityKey(profile.reservation_value())) {
      return false;
    }
  }
  return true;
}

WorldTrack AnalyzeWorldTrack(const Scenario& world, const ScenarioAnalysis& estimate, const AnalysisOptions& options) {
  const ScenarioAnalysis analysis(world, options);
  WorldTrack result;
  result.zone = !analysis.zone().empty;
  if (result.zone) {
    result.zone_size = analysis.zone().size ? static_cast<double>(*analysis.zone().size)
                                            : analysis.zone().estimated_size.value_or(0.0);
  }
  result.frontier_size = static_cast<double>(analysis.frontier().points.size());
  for (std::size_t k = 0; k < kSolutions; ++k) {
    result.solutions[k] = Solution(analysis, k);
    const auto& at_estimate = Solution(estimate, k);
    result.accepted[k] = at_estimate && Accepted(world, at_estimate->outcome);
  }
  return result;
}

SampleSummary Summarise(std::vector<double> sample) {
  SampleSummary summary;
  if (sample.empty()) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    summary.mean = nan;
    summary.quantiles = {nan, nan, nan};
    return summary;
  }
  double sum = 0.0;
  for (double x : sample) sum += x;  // in world order
  summary.mean = sum / static_cast<double>(sample.size());
  std::sort(sample.begin(), sample.end());
  summary.quantiles = {internal::Quantile(sample, 0.05), internal::Quantile(sample, 0.5),
                       internal::Quantile(sample, 0.95)};
  return summary;
}

UncertainSolution SummariseSolution(std::size_t k, const std::vector<std::vector<WorldTrack>>& worlds, std::size_t t,
                                    const ScenarioAnalysis& estimate, std::size_t parties,
                                    const UncertainAnalysisOptions& options) {
  const std::size_t n = worlds.size();
  const double count = static_cast<double>(n);
  UncertainSolution solution;
  solution.name = kSolutionNames[k];
  solution.at_estimate = Solution(estimate, k);
  std::uint64_t same = 0, none = 0, accepted = 0;
  std::vector<std::vector<double>> utilities(parties);
  // Outcomes in the order first seen, with their counts.
  std::vector<std::pair<Outcome, std::uint64_t>> seen;
  std::map<std::vector<double>, std::size_t> position;
  if (options.keep_samples) {
    solution.matches.assign(n, 0);
    solution.accepted.assign(n, 0);
    solution.world_utilities.assign(n * parties, std::numeric_limits<double>::quiet_NaN());
  }
  for (std::size_t j = 0; j < n; ++j) {
    const WorldTrack& world = worlds[j][t];
    const auto& point = world.solutions[k];
    const bool match =
        point ? solution.at_estimate && point->outcome == solution.at_estimate->outcome : !solution.at_estimate;
    same += match;
    accepted += world.accepted[k];
    if (options.keep_samples) {
      solution.matches[j] = match;
      solution.accepted[j] = world.accepted[k];
    }
    if (!point) {
      ++none;
      continue;
    }
    for (std::size_t p = 0; p < parties; ++p) {
      utilities[p].push_back(point->utilities[p]);
      if (options.keep_samples) solution.world_utilities[j * parties + p] = point->utilities[p];
    }
    const auto [found, inserted] = position.emplace(point->outcome.values(), seen.size());
    if (inserted) seen.emplace_back(point->outcome, 0);
    ++seen[found->second].second;
  }
  solution.same_as_estimate = static_cast<double>(same) / count;
  solution.none = static_cast<double>(none) / count;
  std::stable_sort(seen.begin(), seen.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  for (std::size_t r = 0; r < std::min(options.top, seen.size()); ++r) {
    solution.frequent.push_back({seen[r].first, static_cast<double>(seen[r].second) / count});
  }
  for (auto& sample : utilities) solution.utilities.push_back(Summarise(std::move(sample)));
  if (solution.at_estimate) {
    const double share = static_cast<double>(accepted) / count;
    solution.acceptance = share;
    solution.acceptance_error = std::sqrt(share * (1.0 - share) / count);
  }
  return solution;
}

}  // namespace

UncertainAnalysisReport AnalyzeUnderUncertainty(const UncertainScenario& scenario,
                                                const UncertainAnalysisOptions& options) {
  if (scenario.dimension() == 0) {
    throw UsageError("the scenario has no uncertain numbers (docs/uncertainty.md says how to give ranges)");
  }
  if (options.samples == 0) throw UsageError("the number of sampled worlds must be at least 1");
  const MultiTrackScenario& estimate = scenario.estimate();
  const std::size_t tracks = estimate.tracks().size(), n = options.samples, k = scenario.dimension();

  UncertainAnalysisReport report;
  report.scenario = estimate.name();
  report.numbers = scenario.numbers();
  report.samples = n;
  report.seed = options.seed;
  std::vector<std::shared_ptr<const ScenarioAnalysis>> at_estimate;
  for (const auto& track : estimate.tracks()) {
    at_estimate.push_back(std::make_shared<const ScenarioAnalysis>(track.Negotiation(), options.analysis));
  }

  std::vector<std::vector<WorldTrack>> worlds(n, std::vector<WorldTrack>(tracks));
  if (options.keep_samples) report.values.assign(n * k, 0.0);
  const std::uint64_t blocks = (n + kBlock - 1) / kBlock;
  internal::ForEachBlock(blocks, options.threads, [&](std::uint64_t block, unsigned) {
    std::vector<double> unit(k);
    for (std::uint64_t j = block * kBlock; j < std::min<std::uint64_t>(n, (block + 1) * kBlock); ++j) {
      if (options.keep_samples) {
        scenario.UnitPointInto(options.seed, j, unit);
        scenario.ValuesInto(unit, std::span<double>(report.values.data() + j * k, k));
      }
      const MultiTrackScenario world = scenario.SampleWorld(options.seed, j);
      for (std::size_t t = 0; t < tracks; ++t) {
        worlds[j][t] = AnalyzeWorldTrack(world.tracks()[t].Negotiation(), *at_estimate[t], options.analysis);
      }
    }
  });

  for (std::size_t t = 0; t < tracks; ++t) {
    UncertainTrackAnalysis track;
    track.name = estimate.tracks()[t].name;
    track.parties = estimate.tracks()[t].participants;
    track.estimate = at_estimate[t];
    std::uint64_t zones = 0;
    std::vector<double> zone_sizes, frontier_sizes;
    for (std::size_t j = 0; j < n; ++j) {
      zones += worlds[j][t].zone;
      zone_sizes.push_back(worlds[j][t].zone_size);
      frontier_sizes.push_back(worlds[j][t].frontier_size);
    }
    if (options.keep_samples) {
      for (std::size_t j = 0; j < n; ++j) track.zone_exists.push_back(worlds[j][t].zone);
      track.zone_sizes = zone_sizes;
      track.frontier_sizes = frontier_sizes;
    }
    track.zone_probability = static_cast<double>(zones) / static_cast<double>(n);
    std::tie(track.zone_low, track.zone_high) = internal::Wilson(zones, n);
    track.zone_size = Summarise(std::move(zone_sizes));
    track.frontier_size = Summarise(std::move(frontier_sizes));
    for (std::size_t s = 0; s < kSolutions; ++s) {
      track.solutions.push_back(SummariseSolution(s, worlds, t, *at_estimate[t], track.parties.size(), options));
    }
    report.tracks.push_back(std::move(track));
  }
  return report;
}

}  // namespace parley
