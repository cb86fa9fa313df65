// GENIUS's SortedOutcomeSpace (genius.core.boaframework): every bid of the domain with its
// utility, best first, and the searches BOA agents use to pick a bid near a target utility. Its
// order among equally good bids comes from BidDetails.hashCode() (the sum of the values' Java
// string hashes, mixed with the bits of the utility and of the time -1), then from BidIterator's
// order; its searches keep the original's off-by-one habits (a range may start one bid above its
// upper bound), since the bid they return is what an agent offers.
//
// Built from a profile's OutcomeRanking (every outcome when the ranking is exhaustive, its
// sample otherwise) and shared read-only by every negotiation over the same utility function,
// as the ranking is (SharedGeniusSortedOutcomes, thread-safe). The searches allocate nothing.
#ifndef PARLEY_NEGOTIATORS_ANAC_GENIUS_SORTED_OUTCOME_SPACE_H_
#define PARLEY_NEGOTIATORS_ANAC_GENIUS_SORTED_OUTCOME_SPACE_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "negotiators/anac/genius_bid_iterator.h"
#include "negotiators/anac/genius_value_order.h"
#include "parley/outcome_ranking.h"
#include "parley/outcome_space.h"
#include "parley/utility.h"

namespace parley {

class GeniusSortedOutcomes {
 public:
  void Build(const OutcomeSpace& space, const OutcomeRanking& ranking) {
    ranking_ = &ranking;
    std::vector<std::vector<std::int32_t>> value_hash(space.issue_count());
    for (std::size_t i = 0; i < space.issue_count(); ++i) {
      const Issue& issue = space.issue(i);
      // ValueInteger hashes to 0; ValueReal has no hash of its own in GENIUS (an identity hash),
      // which no port can reproduce: 0 as well.
      if (issue.kind() != IssueKind::kDiscrete) continue;
      for (const std::string& value : issue.values()) value_hash[i].push_back(JavaStringHash(value));
    }
    const std::size_t n = ranking.size();
    entries_.resize(n);
    Outcome outcome(space.issue_count());
    const bool countable =
        std::all_of(space.issues().begin(), space.issues().end(), [](const Issue& i) { return i.countable(); });
    std::vector<std::uint32_t> by_rank(countable ? n * space.issue_count() : 0);
    for (std::size_t rank = 0; rank < n; ++rank) {
      ranking.CopyOutcome(rank, outcome);
      for (std::size_t i = 0; countable && i < outcome.size(); ++i) {
        by_rank[rank * outcome.size() + i] = static_cast<std::uint32_t>(space.issue(i).PositionOf(outcome[i]));
      }
      std::uint32_t bid_hash = 0;
      for (std::size_t i = 0; i < outcome.size(); ++i) {
        if (!value_hash[i].empty())
          bid_hash += static_cast<std::uint32_t>(value_hash[i][static_cast<std::size_t>(outcome[i])]);
      }
      entries_[rank] = {ranking.utility(rank), DetailsHash(bid_hash, ranking.utility(rank)), rank};
    }
    // Utility descending, then hash ascending, then BidIterator's order (Collections.sort is
    // stable over the list BidIterator built).
    Outcome a(space.issue_count()), b(space.issue_count());
    std::sort(entries_.begin(), entries_.end(), [&](const Entry& x, const Entry& y) {
      if (x.utility != y.utility) return x.utility > y.utility;
      if (x.hash != y.hash) return x.hash < y.hash;
      ranking.CopyOutcome(x.rank, a);
      ranking.CopyOutcome(y.rank, b);
      return GeniusBidIteratorBefore(a, b);
    });
    issue_count_ = space.issue_count();
    positions_.resize(by_rank.size());
    for (std::size_t k = 0; countable && k < n; ++k) {
      std::copy_n(&by_rank[entries_[k].rank * issue_count_], issue_count_, &positions_[k * issue_count_]);
    }
  }

  std::size_t size() const { return entries_.size(); }
  double utility(std::size_t index) const { return entries_[index].utility; }
  void CopyOutcome(std::size_t index, Outcome& out) const { ranking_->CopyOutcome(entries_[index].rank, out); }
  // The value positions of the bid at `index`, one per issue; only when every issue is countable.
  bool has_positions() const { return !positions_.empty(); }
  const std::uint32_t* positions(std::size_t index) const { return &positions_[index * issue_count_]; }

  // searchIndexWith: a bisection that stops where its midpoint stops moving; the index of a bid
  // of exactly that utility, or of a neighbour of where it would be.
  std::size_t SearchIndex(double value) const {
    std::int64_t middle = -1, low = 0, high = static_cast<std::int64_t>(size()) - 1, last_middle = 0;
    while (last_middle != middle) {
      last_middle = middle;
      middle = (low + high) / 2;
      const double u = entries_[static_cast<std::size_t>(middle)].utility;
      if (u == value) return static_cast<std::size_t>(middle);
      if (u < value) high = middle;
      if (u > value) low = middle;
    }
    return static_cast<std::size_t>(middle);
  }

  // getBidsinRange(lower, upper) as (first index, count); nullopt where the original throws (its
  // sublist bounds cross, or it reads one past the end).
  struct Span {
    std::size_t first = 0;
    std::size_t count = 0;
  };
  std::optional<Span> BidsInRange(double lower, double upper) const {
    std::size_t top = SearchIndex(upper);
    std::size_t bottom = SearchIndex(lower);
    if (utility(top) <= upper && top > 0) --top;
    if (utility(bottom) >= lower && bottom < size()) ++bottom;
    if (bottom == top) {
      if (bottom >= size()) return std::nullopt;
      return Span{bottom, 1};
    }
    if (top > bottom) return std::nullopt;
    return Span{top, bottom - top};
  }

  // getIndexOfBidNearUtility: the searched index or a closer neighbour.
  std::size_t NearUtility(double value) const {
    const std::size_t index = SearchIndex(value);
    double closest = std::fabs(utility(index) - value);
    if (index > 0 && std::fabs(utility(index - 1) - value) < closest) closest = std::fabs(utility(index - 1) - value);
    if (index + 1 < size() && std::fabs(utility(index + 1) - value) < closest) return index + 1;
    return index;
  }

 private:
  struct Entry {
    double utility;
    std::int32_t hash;
    std::size_t rank;
  };

  // BidDetails.hashCode() of a bid with this Bid.hashCode() and utility, and time -1.
  static std::int32_t DetailsHash(std::uint32_t bid_hash, double utility) {
    auto bits_hash = [](double x) {
      std::uint64_t bits;
      std::memcpy(&bits, &x, sizeof bits);
      return static_cast<std::uint32_t>(bits ^ (bits >> 32));
    };
    std::uint32_t result = 31u + bid_hash;
    result = 31u * result + bits_hash(utility);
    result = 31u * result + bits_hash(-1.0);
    return static_cast<std::int32_t>(result);
  }

  const OutcomeRanking* ranking_ = nullptr;
  std::vector<Entry> entries_;
  std::size_t issue_count_ = 0;
  std::vector<std::uint32_t> positions_;
};

// The sorted outcomes of `utility`, built on first request and kept while the function lives.
inline std::shared_ptr<const GeniusSortedOutcomes> SharedGeniusSortedOutcomes(
    const std::shared_ptr<const UtilityFunction>& utility) {
  static std::mutex mutex;
  static std::vector<std::pair<std::weak_ptr<const UtilityFunction>, std::shared_ptr<const GeniusSortedOutcomes>>>
      cache;
  const std::lock_guard<std::mutex> lock(mutex);
  std::erase_if(cache, [](const auto& entry) { return entry.first.expired(); });
  for (const auto& [function, sorted] : cache) {
    if (function.lock() == utility) return sorted;
  }
  auto sorted = std::make_shared<GeniusSortedOutcomes>();
  sorted->Build(utility->space(), utility->ranking());
  cache.emplace_back(utility, sorted);
  return sorted;
}

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_GENIUS_SORTED_OUTCOME_SPACE_H_
