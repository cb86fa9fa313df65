// The order in which GENIUS's BidIterator enumerates a domain's bids, and the bids its
// UtilitySpace.getMaxUtilityBid() and getMinUtilityBid() return. BidIterator counts like an
// odometer whose FIRST issue turns fastest (values in the domain's order), the reverse of
// Parley's OutcomeIndex;
// getMaxUtilityBid keeps the first bid in that order whose utility is strictly higher than every
// earlier one, so among equally good bids it returns the one with the smallest value positions
// read from the last issue backwards.
//
// Header-only. Works on countable issues by value position (real issues compare by value).
#ifndef PARLEY_PREFERENCES_GENIUS_BID_ITERATOR_H_
#define PARLEY_PREFERENCES_GENIUS_BID_ITERATOR_H_

#include "parley/outcome_ranking.h"
#include "parley/outcome_space.h"

namespace parley {

// True if BidIterator yields `a` before `b` (both outcomes of the same space).
inline bool GeniusBidIteratorBefore(const Outcome& a, const Outcome& b) {
  for (std::size_t i = a.size(); i-- > 0;) {
    if (a[i] != b[i]) return a[i] < b[i];
  }
  return false;
}

// Writes getMaxUtilityBid() into `out` and returns its utility, from the profile's ranking: the
// outcomes tied at the best utility, the first of them in BidIterator order. (GENIUS starts from
// a best of 0, so a profile worth 0 everywhere has no maximum there; here it is the first bid.)
inline double GeniusMaxUtilityBid(const OutcomeRanking& ranking, Outcome& out) {
  const std::size_t top = ranking.size() - 1;
  const double best = ranking.utility(top);
  ranking.CopyOutcome(top, out);
  Outcome candidate(out.size());
  for (std::size_t rank = top; rank-- > 0 && ranking.utility(rank) == best;) {
    ranking.CopyOutcome(rank, candidate);
    if (GeniusBidIteratorBefore(candidate, out)) out = candidate;
  }
  return best;
}

// Writes UtilitySpaceTools.getMinUtilityBid() into `out` and returns its utility: the outcomes
// tied at the worst utility, the first of them in BidIterator order (GENIUS keeps the first bid
// strictly below every earlier one, starting from 1.2).
inline double GeniusMinUtilityBid(const OutcomeRanking& ranking, Outcome& out) {
  const double worst = ranking.utility(0);
  ranking.CopyOutcome(0, out);
  Outcome candidate(out.size());
  for (std::size_t rank = 1; rank < ranking.size() && ranking.utility(rank) == worst; ++rank) {
    ranking.CopyOutcome(rank, candidate);
    if (GeniusBidIteratorBefore(candidate, out)) out = candidate;
  }
  return worst;
}

}  // namespace parley

#endif  // PARLEY_PREFERENCES_GENIUS_BID_ITERATOR_H_
