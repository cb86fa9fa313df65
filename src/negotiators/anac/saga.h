// SAGA (ANAC 2019, third place), as GENIUS 9.1.10 runs it: the parts of
// agents.anac.y2019.saga.SAGA that decide, declared here so that tests can check them by hand and
// against runs of the original; the negotiator itself is in saga.cc.
#ifndef PARLEY_NEGOTIATORS_ANAC_SAGA_H_
#define PARLEY_NEGOTIATORS_ANAC_SAGA_H_

#include <optional>

#include "common/java_random.h"
#include "negotiators/anac/genius_additive_estimate.h"
#include "negotiators/anac/genius_user_model.h"
#include "parley/outcome_space.h"

namespace parley {

// getTarget: m + (1 - m)(1 - t^5), m = max(f + 0.6 (1 - f), reservation), f the estimated utility
// of the opponent's first offer (0.95 before it).
double SagaTarget(double t, double first_utility, double reservation);

// isAcceptable's probability of accepting an offer worth `utility` against `target` at time t; nullopt
// where it rejects without drawing (below the reservation value; between t = 0.6 and 0.997, at or
// below its falling base). A NaN probability (a fractional power of a negative number before
// t = 0.6) is drawn against and rejects, as in Java.
std::optional<double> SagaAcceptProbability(double t, double target, double utility, double reservation);

// The fitness of an estimate: 10 Spearman's rho between the ranking and the estimate's order of the
// ranked bids, where equal estimated utilities share a rank and ranks have no gaps, plus
// (1 - |low - u(worst ranked)|) + (1 - |high - u(best ranked)|).
double SagaFitness(const GeniusAdditiveEstimate& estimate, const GeniusBidRanking& ranking);

// estimateUtilitySpace: the genetic algorithm (2000 random estimates, 200 generations of roulette
// selection of 500 with the fittest first and 1500 children by BLX-0.3 crossover with mutation),
// drawing from `random` as the original draws from its own generator; the fittest of the last
// population. Discrete issues only.
GeniusAdditiveEstimate SagaEstimate(const OutcomeSpace& space, const GeniusBidRanking& ranking, JavaRandom& random);

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_SAGA_H_
