// KakeSoba (ANAC 2019, second place), as GENIUS 9.1.10 runs it: the parts of
// agents.anac.y2019.kakesoba.KakeSoba that estimate its preferences, declared here so that tests
// can check them by hand and against runs of the original; the negotiator itself is in kakesoba.cc.
#ifndef PARLEY_NEGOTIATORS_ANAC_KAKESOBA_H_
#define PARLEY_NEGOTIATORS_ANAC_KAKESOBA_H_

#include "common/java_random.h"
#include "negotiators/anac/genius_additive_estimate.h"
#include "negotiators/anac/genius_user_model.h"
#include "parley/outcome_space.h"

namespace parley {

// getScore: 10 Spearman's rho between the ranking and the estimate's order of the ranked bids, where
// equal estimated utilities all take the lowest of their ranks, plus (1 - |low - u(worst ranked)|)
// + (1 - |high - u(best ranked)|).
double KakeSobaScore(const GeniusAdditiveEstimate& estimate, const GeniusBidRanking& ranking);

// estimateUtilitySpace: a tabu search from a random estimate, 5000 moves, each to the best scored of
// sum over issues of (values + 1) random neighbours (a weight or one value moved by a random step),
// returning the best estimate met. Draws from `random` as the original draws from its party
// generator. The original keeps the neighbours in a HashMap keyed by object identity and takes the
// first it iterates without scoring it; the port takes them in the order they were made (the first
// made is the one not scored). Discrete issues only.
GeniusAdditiveEstimate KakeSobaEstimate(const OutcomeSpace& space, const GeniusBidRanking& ranking, JavaRandom& random);

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_KAKESOBA_H_
