// GENIUS's SortedOutcomeSpace (genius.core.boaframework.SortedOutcomeSpace): every outcome of a
// profile in the order GENIUS sorts them, and its two searches, so that ports of GENIUS agents
// pick the same bid for the same target, ties included.
//
// The order: GENIUS enumerates bids with its BidIterator (the first issue's value changes
// fastest), then sorts them stably by BidDetailsSorterUtility: utility descending, equal
// utilities by BidDetails.hashCode() ascending, which mixes Bid.hashCode() (the sum of the
// values' hash codes: a discrete value's Java String.hashCode(), 0 for an integer value) with the
// utility's bits. The searches keep GENIUS's quirks: searchIndexWith's bisection stops where its
// midpoint repeats, and getIndexOfBidNearUtility never returns the outcome before the one found.
//
// Built once per utility function and shared read-only (For() is thread-safe). Spaces with a real
// issue (GENIUS discretises them and hashes by identity, which cannot be reproduced) or more than
// OutcomeRanking::kExhaustiveLimit outcomes (GENIUS runs out of memory) have no GENIUS order.
#ifndef PARLEY_NEGOTIATORS_ANAC_GENIUS_SORTED_OUTCOMES_H_
#define PARLEY_NEGOTIATORS_ANAC_GENIUS_SORTED_OUTCOMES_H_

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "parley/scenario.h"

namespace parley {

// java.lang.String.hashCode() of a UTF-8 string (over its UTF-16 code units, wrapping).
std::int32_t JavaStringHash(std::string_view utf8);

class GeniusSortedOutcomes {
 public:
  // The profile's outcomes in GENIUS's order, or nullptr when the space has none (above).
  static std::shared_ptr<const GeniusSortedOutcomes> For(const Profile& profile);

  // Enumerates and sorts; the profile's utility function must outlive the result. Throws
  // UsageError when the space has no GENIUS order.
  explicit GeniusSortedOutcomes(const Profile& profile);

  std::size_t size() const { return utilities_.size(); }
  // Undiscounted utility at `position` (0 is the best).
  double utility(std::size_t position) const { return utilities_[position]; }
  void CopyOutcome(std::size_t position, Outcome& out) const { space_->Decode(indices_[position], out); }

  // SortedOutcomeSpace.searchIndexWith: a position whose utility equals `value`, or where the
  // bisection ended.
  std::size_t SearchIndexWith(double value) const;
  // SortedOutcomeSpace.getIndexOfBidNearUtility: the position of the bid GENIUS calls nearest.
  std::size_t IndexNearUtility(double value) const;

 private:
  const OutcomeSpace* space_;  // the utility function's; For() keeps that alive while cached
  std::vector<double> utilities_;
  std::vector<OutcomeIndex> indices_;
};

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_GENIUS_SORTED_OUTCOMES_H_
