// The analysis of parley/analysis.h over N sampled worlds of an UncertainScenario
// (uncertainty.h), track by track between each track's participants: how likely a zone of
// agreement is, how large the zone and the Pareto frontier are, and how the bargaining solutions
// move: how often each world's solution is the estimate's, which outcomes the solutions land on,
// what each party gets from them, and how often the estimate's solution is still accepted.
//
// World j is sample j of the seed (UncertainScenario::SampleWorld), the same world `parley
// mediate --samples` draws as its sample j, so the report does not depend on the number of
// threads. Each world is analysed by ScenarioAnalysis from scratch, so a world costs what one
// `parley analyze` of it costs. docs/uncertainty.md ("Analysing under uncertainty") defines every
// answer.
#ifndef PARLEY_UNCERTAIN_ANALYSIS_H_
#define PARLEY_UNCERTAIN_ANALYSIS_H_

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "parley/analysis.h"
#include "parley/uncertainty.h"

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

struct UncertainAnalysisOptions {
  AnalysisOptions analysis;    // for ScenarioAnalysis, in every world and at the estimate
  std::size_t samples = 1000;  // N, at least 1
  std::uint64_t seed = 0;
  unsigned threads = 0;      // 0: the hardware's count
  std::size_t top = 3;       // the most frequent solution outcomes listed per solution
  bool keep_samples = true;  // the per-world arrays below
};

// A number's distribution over the worlds: its mean and its 5, 50 and 95 % quantiles (linear
// interpolation between order statistics). NaN everywhere when no world has the number.
struct SampleSummary {
  double mean = 0.0;
  std::array<double, 3> quantiles{};  // 5 %, 50 %, 95 %
};

struct SolutionOutcomeShare {
  Outcome outcome;
  double share = 0.0;  // of all worlds
};

// One bargaining solution of ScenarioAnalysis (Nash, Kalai-Smorodinsky, egalitarian,
// utilitarian) over the worlds.
struct UncertainSolution {
  std::string name;  // "nash", "kalai_smorodinsky", "egalitarian", "utilitarian", as in `parley analyze --json`
  std::optional<FrontierPoint> at_estimate;
  // Share of worlds whose solution is the estimate's outcome (worlds without a solution count as
  // matching exactly when the estimate has none either).
  double same_as_estimate = 0.0;
  double none = 0.0;                           // share of worlds without a solution (empty zone)
  std::vector<SolutionOutcomeShare> frequent;  // the `top` most frequent outcomes (ties: first seen)
  // Each party's utility, in its world, of its world's solution, over the worlds that have one.
  std::vector<SampleSummary> utilities;
  // Share of worlds in which every party's utility of the estimate's solution is above its
  // reservation value (UtilityKeys compared, as the zone is), and its binomial standard error.
  // Absent when the estimate has no solution.
  std::optional<double> acceptance, acceptance_error;
  // Per world (keep_samples): 1 when the solution is the estimate's; each party's utility of the
  // world's solution, [sample * parties + party], NaN without one; 1 when the estimate's
  // solution is accepted (0 when the estimate has none).
  std::vector<std::uint8_t> matches, accepted;
  std::vector<double> world_utilities;
};

struct UncertainTrackAnalysis {
  std::string name;  // the track's
  std::vector<std::string> parties;
  std::shared_ptr<const ScenarioAnalysis> estimate;  // the analysis at the estimates
  double zone_probability = 0.0;                     // share of worlds whose zone is not empty
  double zone_low = 0.0, zone_high = 0.0;            // its Wilson 95 % interval
  // The zone's size in outcomes (0 when empty; ZoneOfAgreement::estimated_size when the space is
  // too large to enumerate) and the Pareto frontier's size (its points).
  SampleSummary zone_size, frontier_size;
  std::vector<UncertainSolution> solutions;  // nash, kalai_smorodinsky, egalitarian, utilitarian
  // Per world (keep_samples).
  std::vector<std::uint8_t> zone_exists;
  std::vector<double> zone_sizes, frontier_sizes;
};

struct UncertainAnalysisReport {
  std::string scenario;
  std::vector<UncertainNumber> numbers;
  std::size_t samples = 0;
  std::uint64_t seed = 0;
  std::vector<double> values;  // keep_samples: samples x k, row-major, the numbers of each world
  std::vector<UncertainTrackAnalysis> tracks;
};

// Throws UsageError when the scenario has no uncertain numbers or samples is 0, and rethrows what
// drawing a world (an impossible world) or ScenarioAnalysis throws.
UncertainAnalysisReport AnalyzeUnderUncertainty(const UncertainScenario& scenario,
                                                const UncertainAnalysisOptions& options);

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_UNCERTAIN_ANALYSIS_H_
