// The core of every Pareto computation in Parley: which of a set of utility vectors no other
// vector dominates, compared on rounded keys (UtilityKey).
//
// Two parties: sort and sweep, O(n log n). Three: sort and sweep over a staircase of the second
// and third keys kept so far, which becomes a Fenwick tree holding the best third key per rank
// of the second if it grows large, O(n log n). More: sort-filter-skyline (presorted by the sum
// of keys, so that a dominating vector always comes first; each candidate is checked against
// the skyline so far), O(n log n + n s) for a skyline of s vectors. Before any of these, one
// linear pass drops every vector that one of a few pivot vectors (each party's best, the best
// sums) dominates, which on most real scenarios removes most of them.
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
