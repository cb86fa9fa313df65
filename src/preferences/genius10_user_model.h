// The ends of GENIUS 10.4's user models, for what needs them without a whole user model: the
// protocols' oracles start a party with full information from them, and negotiators that work from
// a ranking fall back on them.
#ifndef PARLEY_PREFERENCES_GENIUS10_USER_MODEL_H_
#define PARLEY_PREFERENCES_GENIUS10_USER_MODEL_H_

#include <vector>

#include "parley/outcome_space.h"
#include "parley/scenario.h"

namespace parley {

// The worst and the best outcome in GENIUS's SortedOutcomeSpace order, worst first (one outcome
// when the space has one; none when it has none). On a space GENIUS cannot sort, the ends of
// the sorted sample of GeniusSortedOutcomes::Shared. Genius10UserModel(truth, 2) where GENIUS can.
std::vector<Outcome> GeniusWorstAndBest(const Profile& truth);

}  // namespace parley

#endif  // PARLEY_PREFERENCES_GENIUS10_USER_MODEL_H_
