// GENIUS's view of an outcome space, for ports of GENIUS agents whose choices depend on it: how
// many values GENIUS lists for an issue and in which order (a real issue is cut into
// IssueReal's default 21 steps), how many bids GENIUS counts (Domain.getNumberOfPossibleBids),
// and a walk over the bids in its BidIterator's order (genius_bid_iterator.h: the FIRST issue
// varies fastest). An agent that fills lists in that order and later picks from them by
// position needs the walk to choose what the original chooses.
// Header-only, allocates nothing beyond what a caller passes in.
#ifndef PARLEY_NEGOTIATORS_ANAC_GENIUS_DOMAIN_H_
#define PARLEY_NEGOTIATORS_ANAC_GENIUS_DOMAIN_H_

#include <cstdint>
#include <vector>

#include "parley/outcome_space.h"

namespace parley {

// IssueReal's number of discretisation steps unless a domain file sets it (none in the corpus).
inline constexpr std::uint64_t kGeniusRealSteps = 21;

// The number of values GENIUS enumerates for `issue`.
inline std::uint64_t GeniusValueCount(const Issue& issue) {
  return issue.countable() ? issue.cardinality() : kGeniusRealSteps;
}

// The `k`-th value GENIUS enumerates for `issue`, in Outcome's encoding. For a real issue the
// BidIterator's grid: lower + k * (upper - lower) / (steps - 1), computed in that order.
inline double GeniusValueAt(const Issue& issue, std::uint64_t k) {
  if (issue.countable()) return issue.ValueAt(k);
  const double step = (issue.upper() - issue.lower()) / static_cast<double>(kGeniusRealSteps - 1);
  return issue.lower() + step * static_cast<double>(k);
}

// Domain.getNumberOfPossibleBids, as a double so that huge spaces compare as huge instead of
// overflowing as Java's long does.
inline double GeniusBidCount(const OutcomeSpace& space) {
  double count = 1.0;
  for (const Issue& issue : space.issues()) count *= static_cast<double>(GeniusValueCount(issue));
  return count;
}

// Writes the `index`-th bid (0-based) of BidIterator order into `bid` (sized to the space).
inline void GeniusBidAt(const OutcomeSpace& space, std::uint64_t index, Outcome& bid) {
  for (std::size_t i = 0; i < space.issue_count(); ++i) {  // the first issue is the fastest digit
    const Issue& issue = space.issue(i);
    const std::uint64_t count = GeniusValueCount(issue);
    bid[i] = GeniusValueAt(issue, index % count);
    index /= count;
  }
}

// Calls visit(bid) for every bid in BidIterator order, at most `limit` of them; `bid` is reused
// (sized to the space). Returns the number visited.
template <class Visit>
std::uint64_t ForEachGeniusBid(const OutcomeSpace& space, std::uint64_t limit, Outcome& bid, Visit&& visit) {
  const std::size_t issues = space.issue_count();
  std::vector<std::uint64_t> position(issues, 0);
  bid = Outcome(issues);
  for (std::size_t i = 0; i < issues; ++i) bid[i] = GeniusValueAt(space.issue(i), 0);
  std::uint64_t visited = 0;
  while (visited < limit) {
    visit(static_cast<const Outcome&>(bid));
    ++visited;
    std::size_t i = 0;
    for (; i < issues; ++i) {  // the first issue is the fastest digit
      const Issue& issue = space.issue(i);
      if (++position[i] < GeniusValueCount(issue)) {
        bid[i] = GeniusValueAt(issue, position[i]);
        break;
      }
      position[i] = 0;
      bid[i] = GeniusValueAt(issue, 0);
    }
    if (i == issues) break;  // wrapped around: every bid visited
  }
  return visited;
}

// UtilitySpaceTools.getMaxUtilityBid for any utility(bid): the first bid in BidIterator order worth
// more than every earlier one, starting from 0; `bid` receives it. False, leaving the first bid in
// `bid`, where every bid is worth 0 or less (GENIUS returns null there). Visits the first `limit`
// bids (GENIUS visits every one).
template <class Utility>
bool GeniusMaxUtilityBidBy(const OutcomeSpace& space, Utility&& utility, Outcome& bid, std::uint64_t limit) {
  double best = 0.0;
  bool found = false;
  bid = Outcome(space.issue_count());
  GeniusBidAt(space, 0, bid);
  Outcome walk;
  ForEachGeniusBid(space, limit, walk, [&](const Outcome& candidate) {
    const double u = utility(candidate);
    if (u > best) {
      best = u;
      bid = candidate;
      found = true;
    }
  });
  return found;
}

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_GENIUS_DOMAIN_H_
