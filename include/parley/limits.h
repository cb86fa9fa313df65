// How much work and memory Parley spends on one input, whatever the input says.
//
// Scenario files can describe spaces of 10^50 outcomes, a million issues or integer ranges of
// 2^53 values in a few bytes. Every place that enumerates outcomes, tabulates values, caches
// per-scenario data or follows nesting checks one of these limits, and either falls back to a
// method that does not need the resource (sampling instead of enumerating, evaluating instead of
// tabulating) or refuses with a message that names the limit and the command-line flag that
// raises it. docs/reliability.md lists which place checks which limit.
//
// The process-wide defaults are read when work starts (a scenario is loaded, a ranking or an
// analysis is built); change them once at start-up, before loading anything (`parley` does so
// from its --max-* flags). Setting them is thread-safe, but work already done keeps the limits
// it was done under.
#ifndef PARLEY_LIMITS_H_
#define PARLEY_LIMITS_H_

#include <cstdint>
#include <string>

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

struct ResourceLimits {
  // The most outcomes enumerated one by one: rankings holding every outcome, the exact Pareto
  // frontier, EvaluateAll. Larger spaces are sampled or searched instead, or refused where no
  // other method exists. (--max-outcomes)
  std::uint64_t max_outcomes = 50'000'000;
  // The most bytes one cached structure may take: an outcome ranking, the utilities of every
  // outcome held by the analysis, the partial frontiers of the issue-by-issue programme.
  // Structures that would be larger are built smaller (fewer samples) or by another method.
  // (--max-memory-mb)
  std::uint64_t max_cache_bytes = std::uint64_t{1} << 30;
  // The most issues a scenario may have; loading refuses more. Issue counts multiply the cost of
  // every search over outcomes, so this bounds time as much as memory. (--max-issues)
  std::uint64_t max_issues = 10'000;
  // The most values all issues of one utility function together may have in tables: the values
  // of integer ranges are tabulated while they fit and evaluated from their function otherwise.
  // (--max-values)
  std::uint64_t max_tabulated_values = std::uint64_t{1} << 24;
  // The deepest nesting of functions in a hyper-rectangle utility; loading refuses deeper ones.
  // (--max-depth)
  std::uint64_t max_depth = 100;
};

// The limits in force; see the file comment for when they are read.
ResourceLimits DefaultResourceLimits();
void SetDefaultResourceLimits(const ResourceLimits& limits);

// "the limit of 50,000,000 outcomes (--max-outcomes)", for messages that report a limit hit.
std::string DescribeLimit(std::uint64_t value, const char* unit, const char* flag);

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_LIMITS_H_
