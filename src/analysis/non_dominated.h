// The core of every Pareto computation in Parley: which of a set of utility vectors no other
// vector dominates, compared on integer keys that order like the utilities: exact ones (the
// doubles' own order, as GENIUS compares) or rounded ones (UtilityKey). A pivot filter, then sort and sweep for
// two and three parties (O(n log n)) and sort-filter-skyline for more (O(n log n + n s) for a
// skyline of s vectors). The algorithms and their measured cost:
// docs/analysis.md#algorithms-and-their-cost
#ifndef PARLEY_ANALYSIS_NON_DOMINATED_H_
#define PARLEY_ANALYSIS_NON_DOMINATED_H_

#include <bit>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "parley/analysis.h"
#include "parley/utility.h"

namespace parley::internal {

// A key that orders exactly as the double does: its bits, with the magnitude bits of negative
// numbers flipped so that they count down. Minus zero is taken as zero, which Java's and C++'s
// comparisons call equal.
inline std::int64_t ExactKey(double utility) {
  const auto bits = std::bit_cast<std::int64_t>(utility + 0.0);
  return bits >= 0 ? bits : bits ^ std::numeric_limits<std::int64_t>::max();
}
inline double ExactKeyValue(std::int64_t key) {
  return std::bit_cast<double>(key >= 0 ? key : key ^ std::numeric_limits<std::int64_t>::max());
}

inline std::int64_t ComparisonKey(double utility, UtilityComparison comparison) {
  return comparison == UtilityComparison::kExact ? ExactKey(utility) : UtilityKey(utility);
}

// Utilities of `count` items for each party: columns[p][i] is party p's utility of item i.
struct UtilityColumns {
  std::vector<const double*> columns;
  std::size_t count = 0;
  UtilityComparison comparison = UtilityComparison::kRounded;
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
