// HardHeaded's list of its own bids: every outcome keyed by its utility minus a small offset
// that grows with the order in which the list was built, sorted by key. HardHeaded walks this
// list one entry at a time as it concedes, so the offsets decide which of two bids of nearly
// equal utility comes first, and two bids whose keys come out equal share one entry (the one
// built later stays), exactly as in the original's TreeMap<Double, Bid>
// (agents.anac.y2011.HardHeaded.BidSelector, GENIUS 9.1.10).
//
// The list is built issue by issue: starting from the outcome with the first value of every
// issue, each pass replaces the list by all its entries (in key order) with each value of the
// next issue (in file order), keyed by utility + d where d starts at -1e-8 and drops by 1e-8
// after every outcome of the pass. Keys therefore depend on the exact utilities, and the
// construction repeats the original's floating-point operations in its order.
//
// Spaces that are not enumerable or have more than OutcomeRanking::kExhaustiveLimit outcomes
// (the original runs out of memory there) use the utility function's ranking, in its order, as
// the last pass. Shared() builds one list per utility function and hands the same one to every
// negotiator using that function (thread-safe); a built list is immutable, and the accessors do
// not allocate.
#ifndef PARLEY_NEGOTIATORS_ANAC_HARDHEADED_BID_LIST_H_
#define PARLEY_NEGOTIATORS_ANAC_HARDHEADED_BID_LIST_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "parley/outcome_ranking.h"
#include "parley/outcome_space.h"
#include "parley/utility.h"

namespace parley {

class HardHeadedBidList {
 public:
  // The list of `utility`, built on first request and kept while the function lives.
  static std::shared_ptr<const HardHeadedBidList> Shared(const std::shared_ptr<const UtilityFunction>& utility);

  void Build(const UtilityFunction& utility);

  std::size_t size() const { return entries_.size(); }
  // Entries are ascending in key: position size() - 1 holds the best bid.
  double key(std::size_t position) const { return entries_[position].key; }
  void CopyOutcome(std::size_t position, Outcome& out) const;
  // Position of the entry whose key is the greatest at most `key`, if any (TreeMap.floorEntry).
  std::optional<std::size_t> Floor(double key) const;
  // Position of the entry holding `outcome`, if the list has one (a bid may have lost its entry
  // to a later one with an equal key). Only enumerated lists can answer; sampled lists say none.
  std::optional<std::size_t> Find(const Outcome& outcome) const;

 private:
  struct Entry {
    double key;
    std::uint64_t ref;  // OutcomeIndex of an enumerated list, rank of a sampled one
  };
  // Sorts `built` (in building order) by key; of equal keys the one built last stays.
  static void SortKeepingLast(std::vector<Entry>& built, std::vector<Entry>& out);

  const OutcomeSpace* space_ = nullptr;
  const OutcomeRanking* ranking_ = nullptr;  // set when the list is sampled
  std::vector<Entry> entries_;
  std::vector<std::int32_t> position_of_index_;  // enumerated lists: OutcomeIndex -> position or -1
};

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_HARDHEADED_BID_LIST_H_
