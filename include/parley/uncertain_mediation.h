// The mediator's assistant when the parties' numbers are uncertain: the answers of
// mediation_assistant.h over N sampled worlds of an UncertainScenario (uncertainty.h). Per
// subject (each track, and the joint package) and per answer time: the probability that a zone
// of agreement exists, the packages ranked by robustness (how often every party prefers each to
// its fallback, and its expected Nash product), next to the estimate's own proposals, how often
// each issue is the stumbling block, and, on request, which uncertain numbers matter most
// (Sobol indices, sensitivity.h) for the zone's existence and for the estimate's first proposal.
//
// The answer times are the estimate's (fixed across worlds). Worlds are drawn by index from the
// seed, so the report does not depend on the number of threads. docs/uncertainty.md defines
// every answer; the computation runs on a kernel that keeps the enumeration of the packages and
// recomputes only utilities, so a world costs tens of microseconds, not a whole AssistMediation.
#ifndef PARLEY_UNCERTAIN_MEDIATION_H_
#define PARLEY_UNCERTAIN_MEDIATION_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parley/mediation_assistant.h"
#include "parley/sensitivity.h"
#include "parley/uncertainty.h"

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

struct UncertainMediationOptions {
  MediationOptions mediation;  // top, times, limits, rounds: as for AssistMediation
  std::size_t samples = 1000;  // N, at least 1 (at least 2 with sobol)
  std::uint64_t seed = 0;
  unsigned threads = 0;  // 0: the hardware's count
  // Adds the Saltelli design's B and AB_i rows: N(k + 1) more worlds, each answering only whether
  // the zone exists and whether the estimate's first proposal is accepted. The Monte Carlo
  // answers are the same with or without it.
  bool sobol = false;
  std::vector<double> sobol_times;  // the times to compute indices at (each an answer time); empty: every one
  SobolOptions sobol_options;
  bool keep_samples = true;  // the per-world arrays below (values, zone_exists, ...)
};

// A package and how it fares over the worlds.
struct RobustPackage {
  MediationPackage at_estimate;     // its utilities and gains in the estimate
  std::uint64_t index = 0;          // in the subject's package order (mixed radix, last issue fastest)
  std::uint64_t estimate_rank = 0;  // its place among the estimate's zone packages (1 = best); 0: outside
  double acceptance = 0.0;          // share of worlds in which every party prefers it to its fallback
  double acceptance_error = 0.0;    // its binomial standard error
  double expected_nash = 0.0;       // mean over worlds of its Nash product of gains, 0 outside the zone
};

struct UncertainMoment {
  double time = 0.0;
  double zone_probability = 0.0;           // share of worlds with a zone of agreement
  double zone_low = 0.0, zone_high = 0.0;  // its Wilson 95 % interval
  bool zone_at_estimate = false;
  double zone_fraction_mean = 0.0;                  // the zone's share of the packages, mean over worlds
  std::array<double, 3> zone_fraction_quantiles{};  // 5 %, 50 %, 95 %
  std::vector<RobustPackage> robust;                // the K most often accepted (ties: E[N+], index)
  std::vector<RobustPackage> estimate_best;         // the estimate's K proposals, as they fare
  // Share of worlds in which each issue is the stumbling block, in the subject's issue order,
  // then "none".
  std::vector<std::pair<std::string, double>> stumbling_blocks;
  std::optional<std::string> stumbling_block_at_estimate;
};

struct UncertainSubject {
  std::string name;  // the track's name, or "joint package"
  bool joint = false;
  std::vector<std::string> parties;
  std::vector<std::string> issues;  // the subject's issues ("track/issue" in the joint package)
  std::uint64_t packages = 0;
  std::vector<UncertainMoment> moments;  // one per answer time
  // Per world (keep_samples), [moment][sample]: 1 when the zone exists; 1 when the estimate's first
  // proposal is accepted (0 when the estimate has none); the zone's size; the stumbling block's
  // issue index in `issues`, -1 for none.
  std::vector<std::vector<std::uint8_t>> zone_exists, recommended_accepted;
  std::vector<std::vector<std::uint32_t>> zone_size;
  std::vector<std::vector<std::int32_t>> stumbling_block;
};

// The Sobol indices of one output: "zone" (1 when the zone exists) or "recommended" (1 when the
// estimate's first proposal at that time is accepted), of one subject (every track, then the
// joint package) at one time. One index per uncertain number, in UncertainScenario::numbers()
// order; an output that is the same in every world has variance 0 and NaN indices.
struct SensitivityOutput {
  std::string subject;
  double time = 0.0;
  std::string output;
  SobolEstimate estimate;
};

struct UncertainMediationReport {
  MediationReport estimate;  // AssistMediation at the estimates
  std::vector<UncertainNumber> numbers;
  std::size_t samples = 0;
  std::uint64_t seed = 0;
  std::size_t evaluations = 0;  // worlds evaluated: N, or N(k + 2) with Sobol indices
  std::vector<double> values;   // keep_samples: samples x k, row-major, the numbers of each world
  std::vector<UncertainSubject> tracks;
  std::optional<UncertainSubject> joint;
  std::vector<SensitivityOutput> sensitivity;
  // Why some index was not computed (no recommended package at a time, ...), for people.
  std::vector<std::string> notes;
};

// Throws UsageError when the scenario has no uncertain numbers, for samples = 0 (or 1 with
// sobol), a Sobol time that is not an answer time, or a subject that cannot be enumerated in
// every world (the message suggests NAME#TRACK); rethrows AssistMediation's errors.
UncertainMediationReport AssistMediationUnderUncertainty(const UncertainScenario& scenario,
                                                         const UncertainMediationOptions& options);

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_UNCERTAIN_MEDIATION_H_
