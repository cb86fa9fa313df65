// Shared by bidding strategies: the offer for a target utility. Without an informative opponent
// model it is the outcome just above the target (as the plain time-based negotiator offers);
// with one, the outcome the model rates best for the opponents among those whose utility lies
// in [target, target + window], looking at no more than `max_candidates` of them, so that a
// turn stays cheap on large spaces.
#ifndef PARLEY_NEGOTIATORS_BOA_NEAR_TARGET_H_
#define PARLEY_NEGOTIATORS_BOA_NEAR_TARGET_H_

#include "negotiators/own_ranking.h"
#include "parley/boa.h"

namespace parley {

struct NearTarget {
  double window = 0.02;
  std::size_t max_candidates = 64;

  // Writes the chosen outcome into `proposal` and returns its utility for its owner.
  double Choose(const OwnRanking& own, const OpponentModel& model, double target, Outcome& proposal,
                Outcome& scratch) const {
    const OutcomeRanking& ranking = own.ranking();
    const std::size_t first = own.RankAtLeast(target);
    if (!model.informative()) {
      ranking.CopyOutcome(first, proposal);
      return ranking.utility(first);
    }
    const double limit = ranking.utility(first) + window;
    std::size_t best = first;
    double best_estimate = -1.0;
    for (std::size_t rank = first, seen = 0; rank < ranking.size() && seen < max_candidates; ++rank, ++seen) {
      if (ranking.utility(rank) > limit) break;
      ranking.CopyOutcome(rank, scratch);
      const double estimate = model.EstimatedOpponentsUtility(scratch);
      if (estimate > best_estimate) {
        best_estimate = estimate;
        best = rank;
      }
    }
    ranking.CopyOutcome(best, proposal);
    return ranking.utility(best);
  }
};

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_BOA_NEAR_TARGET_H_
