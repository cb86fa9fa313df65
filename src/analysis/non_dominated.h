// The core of every Pareto computation in Parley: which of a set of utility vectors no other
// vector dominates, compared on rounded keys (UtilityKey). A pivot filter, then sort and sweep for
// two and three parties (O(n log n)) and sort-filter-skyline for more (O(n log n + n s) for a
// skyline of s vectors). The algorithms and their measured cost:
// docs/analysis.md#algorithms-and-their-cost
#ifndef PARLEY_ANALYSIS_NON_DOMINATED_H_
#define PARLEY_ANALYSIS_NON_DOMINATED_H_

#include <cstdint>
#include <string>
#include <vector>

#include "parley/utility.h"

namespace parley::internal {

// Utilities of `count` items for each party: columns[p][i] is party p's utility of item i.
struct UtilityColumns {
  std::vector<const double*> columns;
  std::size_t count = 0;
};

// The positions of the items whose utility vectors no other item's vector dominates; items with
// identical vectors are all kept. Ascending, or with `frontier_order` in ParetoFrontier's order
// (keys descending lexicographically, then position), which the sweeps give for free. If `method`
// is given, a short description of the algorithm used is written there.
std::vector<std::size_t> NonDominated(const UtilityColumns& utilities, std::string* method = nullptr,
                                      bool frontier_order = false);

// True if key vector `a` dominates `b`: at least as large everywhere and larger somewhere.
bool Dominates(const std::int64_t* a, const std::int64_t* b, std::size_t parties);

}  // namespace parley::internal

#endif  // PARLEY_ANALYSIS_NON_DOMINATED_H_
