// GENIUS's SortedOutcomeSpace (genius.core.boaframework.SortedOutcomeSpace): a profile's bids in
// the order GENIUS sorts them, and its searches, so that ports of GENIUS agents pick the same bid
// for the same target, ties included, and GENIUS's user models rank the same bids (it is a fact
// about a utility function, so it lives with the preferences, below the negotiators).
//
// The order: GENIUS enumerates bids with its BidIterator (genius_bid_iterator.h), then sorts them
// stably by BidDetailsSorterUtility: utility descending, equal utilities by BidDetails.hashCode()
// ascending, which mixes Bid.hashCode() (the sum of the values' Java String.hashCode(), 0 for an
// integer value) with the bits of the utility and of the time -1; what is still tied keeps
// BidIterator's order. The searches keep GENIUS's quirks: searchIndexWith's bisection stops where
// its midpoint repeats, getIndexOfBidNearUtility never returns the bid before the one found, and
// getBidsinRange may start one bid above its upper bound.
//
// Built from the utility function's OutcomeRanking, once per utility function, and shared
// read-only (For() and Shared() are thread-safe); the searches allocate nothing. GENIUS's order
// needs every bid and value hashes: For() gives none for a space with a real issue (GENIUS
// discretises it and hashes by identity, which cannot be reproduced) or whose ranking is not
// exhaustive (GENIUS runs out of memory). Shared() sorts whatever the ranking holds (its sample
// when it is not exhaustive; real values hashed as 0), for ports that must offer something there.
#ifndef PARLEY_PREFERENCES_GENIUS_SORTED_OUTCOMES_H_
#define PARLEY_PREFERENCES_GENIUS_SORTED_OUTCOMES_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "parley/outcome_ranking.h"
#include "parley/scenario.h"
#include "parley/utility.h"

namespace parley {

// BidDetails.hashCode for a bid of hash `bid_hash` (Bid.hashCode), utility `utility` and time -1
// (what OutcomeSpace and User.elicitRank give every bid), in Java's wrapping int arithmetic.
std::int32_t BidDetailsHash(std::uint32_t bid_hash, double utility);

class GeniusSortedOutcomes {
 public:
  // The profile's bids in GENIUS's order, or nullptr when the space has none (above).
  static std::shared_ptr<const GeniusSortedOutcomes> For(const Profile& profile);
  // The bids `utility`'s ranking holds, sorted as GENIUS would sort them (above).
  static std::shared_ptr<const GeniusSortedOutcomes> Shared(const std::shared_ptr<const UtilityFunction>& utility);

  // Sorts the bids `utility`'s ranking holds; `utility` must outlive the result. (Shared() is
  // this, built once per utility function; For() is Shared() where GENIUS's order is exact.)
  explicit GeniusSortedOutcomes(const UtilityFunction& utility);

  std::size_t size() const { return entries_.size(); }
  // Undiscounted utility at `position` (0 is the best).
  double utility(std::size_t position) const { return entries_[position].utility; }
  // BidDetails.hashCode() of the bid at `position`, which breaks ties of utility.
  std::int32_t hash(std::size_t position) const { return entries_[position].hash; }
  void CopyOutcome(std::size_t position, Outcome& out) const { ranking_->CopyOutcome(entries_[position].rank, out); }
  // The value positions of the bid at `position`, one per issue; only when every issue is
  // countable.
  bool has_positions() const { return !positions_.empty(); }
  const std::uint32_t* positions(std::size_t position) const { return &positions_[position * issue_count_]; }

  // SortedOutcomeSpace.searchIndexWith: a position whose utility equals `value`, or where the
  // bisection ended.
  std::size_t SearchIndexWith(double value) const;
  // SortedOutcomeSpace.getIndexOfBidNearUtility: the position of the bid GENIUS calls nearest.
  std::size_t IndexNearUtility(double value) const;
  // SortedOutcomeSpace.getBidsinRange(lower, upper) as (first position, count); nullopt where
  // the original throws (its sublist bounds cross, or it reads one past the end).
  struct Span {
    std::size_t first = 0;
    std::size_t count = 0;
  };
  std::optional<Span> BidsInRange(double lower, double upper) const;

 private:
  struct Entry {
    double utility;
    std::int32_t hash;  // BidDetails.hashCode()
    std::size_t rank;   // in the ranking
  };

  const OutcomeRanking* ranking_;  // the utility function's; the caches keep that alive
  std::vector<Entry> entries_;
  std::size_t issue_count_ = 0;
  std::vector<std::uint32_t> positions_;
};

}  // namespace parley

#endif  // PARLEY_PREFERENCES_GENIUS_SORTED_OUTCOMES_H_
