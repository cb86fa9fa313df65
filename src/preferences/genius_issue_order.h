// The order in which a java.util.HashMap keyed by GENIUS's issues iterates them: GENIUS keeps an
// additive utility space's evaluators in such a map (AdditiveUtilitySpace, and the factory that
// estimates one from a ranking), so sums over its issues, such as the total weight that weights
// are normalised by, are added in this order, and ports that walk the map walk it so.
//
// Objective.hashCode mixes the issue's description (empty: GENIUS's domain reader sets none), its
// name's String.hashCode and its number; the numbers are taken to be the positions plus one, as
// in every GENIUS domain of the corpus. Header-only.
#ifndef PARLEY_PREFERENCES_GENIUS_ISSUE_ORDER_H_
#define PARLEY_PREFERENCES_GENIUS_ISSUE_ORDER_H_

#include <cstdint>
#include <vector>

#include "common/java_hash.h"
#include "parley/outcome_space.h"

namespace parley {

// Issue positions in the iteration order of a HashMap into which the issues were put in order.
inline std::vector<std::size_t> GeniusIssueHashMapOrder(const OutcomeSpace& space) {
  std::vector<std::int32_t> hashes(space.issue_count());
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    // 31 * (31 * (31 * 1 + description hash 0) + name hash) + number, in Java's wrapping ints.
    const auto name = static_cast<std::uint32_t>(JavaStringHash(space.issue(i).name()));
    hashes[i] = static_cast<std::int32_t>(31u * 31u * 31u + 31u * name + static_cast<std::uint32_t>(i + 1));
  }
  return JavaHashMapOrder(hashes);
}

}  // namespace parley

#endif  // PARLEY_PREFERENCES_GENIUS_ISSUE_ORDER_H_
