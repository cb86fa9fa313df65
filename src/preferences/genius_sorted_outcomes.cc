// GENIUS's sorted outcome space, from GENIUS 9.1.10's BidIterator, Bid.hashCode, BidDetails.hashCode,
// BidDetailsSorterUtility and SortedOutcomeSpace (see the header for what each contributes).
#include "preferences/genius_sorted_outcomes.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "common/java_hash.h"
#include "preferences/genius_bid_iterator.h"

namespace parley {
namespace {

// Double.hashCode: the bits' high word xor low word.
std::uint32_t JavaDoubleHash(double value) {
  const auto bits = std::bit_cast<std::uint64_t>(value);
  return static_cast<std::uint32_t>(bits ^ (bits >> 32));
}

// Whether GENIUS could sort every bid of the space with hashes Parley can reproduce. The
// cardinality is checked first so that a huge space builds no ranking to learn it has no order.
bool HasGeniusOrder(const UtilityFunction& utility) {
  const OutcomeSpace& space = utility.space();
  for (const Issue& issue : space.issues()) {
    if (issue.kind() == IssueKind::kReal) return false;
  }
  return space.enumerable() && *space.cardinality() <= OutcomeRanking::kExhaustiveLimit &&
         utility.ranking().exhaustive();
}

}  // namespace

std::int32_t BidDetailsHash(std::uint32_t bid_hash, double utility) {
  std::uint32_t result = 31u + bid_hash;
  result = 31u * result + JavaDoubleHash(utility);
  return static_cast<std::int32_t>(31u * result + JavaDoubleHash(-1.0));
}

GeniusSortedOutcomes::GeniusSortedOutcomes(const UtilityFunction& utility) : ranking_(&utility.ranking()) {
  const OutcomeSpace& space = utility.space();
  const OutcomeRanking& ranking = *ranking_;
  issue_count_ = space.issue_count();
  // Each discrete value's String.hashCode(), issue by issue. An integer value hashes to 0; a real
  // one has only an identity hash in GENIUS, which cannot be reproduced: 0 as well.
  std::vector<std::vector<std::int32_t>> value_hash(issue_count_);
  for (std::size_t i = 0; i < issue_count_; ++i) {
    const Issue& issue = space.issue(i);
    if (issue.kind() != IssueKind::kDiscrete) continue;
    for (const std::string& value : issue.values()) value_hash[i].push_back(JavaStringHash(value));
  }
  const std::size_t n = ranking.size();
  entries_.resize(n);
  Outcome outcome(issue_count_);
  const bool countable =
      std::all_of(space.issues().begin(), space.issues().end(), [](const Issue& i) { return i.countable(); });
  std::vector<std::uint32_t> by_rank(countable ? n * issue_count_ : 0);
  for (std::size_t rank = 0; rank < n; ++rank) {
    ranking.CopyOutcome(rank, outcome);
    for (std::size_t i = 0; countable && i < issue_count_; ++i) {
      by_rank[rank * issue_count_ + i] = static_cast<std::uint32_t>(space.issue(i).PositionOf(outcome[i]));
    }
    std::uint32_t bid_hash = 0;
    for (std::size_t i = 0; i < issue_count_; ++i) {
      if (!value_hash[i].empty())
        bid_hash += static_cast<std::uint32_t>(value_hash[i][static_cast<std::size_t>(outcome[i])]);
    }
    entries_[rank] = {ranking.utility(rank), BidDetailsHash(bid_hash, ranking.utility(rank)), rank};
  }
  // Utility descending, then hash ascending, then BidIterator's order (Collections.sort is stable
  // over the list BidIterator built).
  Outcome a(issue_count_), b(issue_count_);
  std::sort(entries_.begin(), entries_.end(), [&](const Entry& x, const Entry& y) {
    if (x.utility != y.utility) return x.utility > y.utility;
    if (x.hash != y.hash) return x.hash < y.hash;
    ranking.CopyOutcome(x.rank, a);
    ranking.CopyOutcome(y.rank, b);
    return GeniusBidIteratorBefore(a, b);
  });
  positions_.resize(by_rank.size());
  for (std::size_t k = 0; countable && k < n; ++k) {
    std::copy_n(&by_rank[entries_[k].rank * issue_count_], issue_count_, &positions_[k * issue_count_]);
  }
}

std::shared_ptr<const GeniusSortedOutcomes> GeniusSortedOutcomes::For(const Profile& profile) {
  if (!HasGeniusOrder(profile.utility_function())) return nullptr;
  return Shared(profile.shared_utility_function());
}

std::shared_ptr<const GeniusSortedOutcomes> GeniusSortedOutcomes::Shared(
    const std::shared_ptr<const UtilityFunction>& utility) {
  struct Entry {
    std::weak_ptr<const UtilityFunction> owner;
    std::shared_ptr<const GeniusSortedOutcomes> sorted;
  };
  static std::mutex mutex;
  static std::map<const UtilityFunction*, Entry> cache;
  {
    const std::lock_guard lock(mutex);
    const auto found = cache.find(utility.get());
    if (found != cache.end() && found->second.owner.lock() == utility) return found->second.sorted;
  }
  // Built outside the lock, so that negotiations over other functions need not wait: two threads
  // may both build it, and the second result is dropped.
  auto sorted = std::make_shared<const GeniusSortedOutcomes>(*utility);
  const std::lock_guard lock(mutex);
  std::erase_if(cache, [](const auto& entry) { return entry.second.owner.expired(); });
  auto& entry = cache[utility.get()];
  if (entry.owner.lock() != utility) entry = {utility, std::move(sorted)};
  return entry.sorted;
}

std::size_t GeniusSortedOutcomes::SearchIndexWith(double value) const {
  // GENIUS's bisection over the descending list, with its int midpoints and its stopping rule.
  std::int64_t middle = -1;
  std::int64_t low = 0;
  std::int64_t high = static_cast<std::int64_t>(size()) - 1;
  std::int64_t last_middle = 0;
  while (last_middle != middle) {
    last_middle = middle;
    middle = (low + high) / 2;
    const double at = utility(static_cast<std::size_t>(middle));
    if (at == value) return static_cast<std::size_t>(middle);
    if (at < value) high = middle;
    if (at > value) low = middle;
  }
  return static_cast<std::size_t>(middle);
}

std::size_t GeniusSortedOutcomes::IndexNearUtility(double value) const {
  const std::size_t index = SearchIndexWith(value);
  double closest = std::abs(utility(index) - value);
  // GENIUS looks at the outcome before, but the choice it makes there is overwritten below: only
  // the outcome after can replace the one found, and only when it beats the closer of the two.
  if (index > 0 && std::abs(utility(index - 1) - value) < closest) closest = std::abs(utility(index - 1) - value);
  if (index + 1 < size() && std::abs(utility(index + 1) - value) < closest) return index + 1;
  return index;
}

std::optional<GeniusSortedOutcomes::Span> GeniusSortedOutcomes::BidsInRange(double lower, double upper) const {
  std::size_t top = SearchIndexWith(upper);
  std::size_t bottom = SearchIndexWith(lower);
  // GENIUS steps off bounds that are inside the range, which can cross them.
  if (utility(top) <= upper && top > 0) --top;
  if (utility(bottom) >= lower && bottom < size()) ++bottom;
  if (bottom == top) {
    if (bottom >= size()) return std::nullopt;
    return Span{bottom, 1};
  }
  if (top > bottom) return std::nullopt;
  return Span{top, bottom - top};
}

}  // namespace parley
