// The ways Parley computes a Pareto frontier, chosen by ScenarioAnalysis from the size of the
// space and the kind of utility functions:
// - enumeration (exact): every outcome's utilities, then NonDominated;
// - issue by issue (linear additive utilities, no enumeration): a dynamic programme that adds one
//   issue at a time and keeps only the non-dominated partial outcomes, since every frontier point
//   of a sum of independent parts is a sum of frontier points of the parts; exact while the
//   partial frontiers stay under a size limit;
// - sampling (any utility): non-dominated points among seeded random outcomes improved by local
//   search; approximate, and says so.
#ifndef PARLEY_ANALYSIS_FRONTIER_METHODS_H_
#define PARLEY_ANALYSIS_FRONTIER_METHODS_H_

#include <cstdint>

#include "parley/analysis.h"
#include "parley/scenario.h"

namespace parley::internal {

struct EnumeratedFrontier {
  ParetoFrontier frontier;
  std::uint64_t zone_size = 0;  // outcomes giving every party more than its reservation value
};

// Requires an enumerable space.
EnumeratedFrontier EnumerateFrontier(const Scenario& scenario);

// Requires every profile's utility function to be a LinearAdditiveUtility over countable issues.
ParetoFrontier IssueByIssueFrontier(const Scenario& scenario, const AnalysisOptions& options);

// Any utility functions.
ParetoFrontier SampledFrontier(const Scenario& scenario, const AnalysisOptions& options);

// Sorts the points as ParetoFrontier documents and counts the distinct utility vectors.
void Canonicalize(ParetoFrontier& frontier);

}  // namespace parley::internal

#endif  // PARLEY_ANALYSIS_FRONTIER_METHODS_H_
