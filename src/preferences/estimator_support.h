// What the preference estimators (parley/preference_estimator.h) share: the check that a space
// has values to score, and the order in which they walk what is known.
#ifndef PARLEY_PREFERENCES_ESTIMATOR_SUPPORT_H_
#define PARLEY_PREFERENCES_ESTIMATOR_SUPPORT_H_

#include <string_view>
#include <vector>

#include "parley/partial_preferences.h"

namespace parley {

// Throws UsageError naming `estimator` and the first real issue of the space, which has no values
// to score.
void CheckCountableIssues(const PartialPreferences& known, std::string_view estimator);

// The listed outcomes worst first: the chain of a ranking; for any other order the linear
// extension that Kahn's algorithm finds taking, among the outcomes nothing unplaced is known to
// be worse than, the one listed first (a cycle is broken at its first-listed outcome).
std::vector<std::size_t> WorstFirstOrder(const PartialPreferences& known);

}  // namespace parley

#endif  // PARLEY_PREFERENCES_ESTIMATOR_SUPPORT_H_
