// The bid CaduceusDC16 (caduceusdc16.cc) makes of its offering members' bids, as GENIUS's
// CaduceusDC16.getMostProposedBidWithWeight makes it: on each issue a value's first proposer counts
// 1 whatever its score and each later proposer adds its own score, and the value with the highest
// count wins; an exact tie goes to the value a java.util.HashMap keyed by the values iterates first
// (JavaHashMapOrder over their hash codes: a discrete value hashes as its name, an integer value as
// 0; a real value hashes by identity in GENIUS, here as 0).
// Header-only; allocates a little scratch per call.
#ifndef PARLEY_NEGOTIATORS_ANAC_CADUCEUSDC16_VOTE_H_
#define PARLEY_NEGOTIATORS_ANAC_CADUCEUSDC16_VOTE_H_

#include <cstdint>
#include <vector>

#include "common/java_hash.h"
#include "parley/outcome_space.h"

namespace parley {

// `bids[k]` was proposed by a member of score `scores[k]`, in the members' order; `bids` is not
// empty. Writes the voted bid into `voted` (sized to the space).
inline void CaduceusDC16Vote(const OutcomeSpace& space, const std::vector<const Outcome*>& bids,
                             const std::vector<double>& scores, Outcome& voted) {
  std::vector<double> values;
  std::vector<double> counts;
  std::vector<std::int32_t> hashes;
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    const Issue& issue = space.issue(i);
    values.clear();
    counts.clear();
    hashes.clear();
    for (std::size_t k = 0; k < bids.size(); ++k) {
      const double value = (*bids[k])[i];
      std::size_t seen = 0;
      while (seen < values.size() && values[seen] != value) ++seen;
      if (seen < values.size()) {
        counts[seen] += scores[k];
        continue;
      }
      values.push_back(value);
      counts.push_back(1.0);
      hashes.push_back(issue.kind() == IssueKind::kDiscrete ? JavaStringHash(issue.values()[issue.PositionOf(value)])
                                                            : 0);
    }
    const std::vector<std::size_t> order = JavaHashMapOrder(hashes);
    std::size_t chosen = order.front();
    for (std::size_t k : order) {
      if (counts[k] > counts[chosen]) chosen = k;
    }
    voted[i] = values[chosen];
  }
}

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_CADUCEUSDC16_VOTE_H_
