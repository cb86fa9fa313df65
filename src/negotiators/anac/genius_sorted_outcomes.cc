// GENIUS's sorted outcome space, from GENIUS 9.1.10's BidIterator, Bid.hashCode, BidDetails.hashCode,
// BidDetailsSorterUtility and SortedOutcomeSpace (see the header for what each contributes).
#include "negotiators/anac/genius_sorted_outcomes.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <mutex>
#include <numeric>

#include <fmt/format.h>

#include "parley/error.h"
#include "parley/outcome_ranking.h"
#include "parley/utility.h"

namespace parley {
namespace {

// Java int arithmetic: wrapping 32-bit.
std::int32_t Wrap(std::int64_t value) { return static_cast<std::int32_t>(static_cast<std::uint32_t>(value)); }

// Double.hashCode: the bits' high word xor low word.
std::int32_t JavaDoubleHash(double value) {
  const auto bits = std::bit_cast<std::uint64_t>(value);
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(bits ^ (bits >> 32)));
}

// BidDetails.hashCode for a bid of hash `bid_hash`, utility `utility` and time -1 (what
// OutcomeSpace gives every bid).
std::int32_t BidDetailsHash(std::int32_t bid_hash, double utility) {
  std::int32_t result = 1;
  result = Wrap(31LL * result + bid_hash);
  result = Wrap(31LL * result + JavaDoubleHash(utility));
  return Wrap(31LL * result + JavaDoubleHash(-1.0));
}

bool HasGeniusOrder(const OutcomeSpace& space) {
  for (const Issue& issue : space.issues()) {
    if (issue.kind() == IssueKind::kReal) return false;
  }
  return space.enumerable() && *space.cardinality() <= OutcomeRanking::kExhaustiveLimit;
}

}  // namespace

std::int32_t JavaStringHash(std::string_view utf8) {
  std::int32_t hash = 0;
  auto add = [&hash](std::uint32_t unit) { hash = Wrap(31LL * hash + static_cast<std::int64_t>(unit)); };
  for (std::size_t i = 0; i < utf8.size();) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    const int length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    std::uint32_t code = length == 1 ? lead : length == 2 ? lead & 0x1Fu : length == 3 ? lead & 0x0Fu : lead & 0x07u;
    for (int k = 1; k < length && i + k < utf8.size(); ++k) {
      code = (code << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3Fu);
    }
    i += length;
    if (code < 0x10000) {
      add(code);
    } else {  // a surrogate pair, as Java stores it
      code -= 0x10000;
      add(0xD800 + (code >> 10));
      add(0xDC00 + (code & 0x3FF));
    }
  }
  return hash;
}

GeniusSortedOutcomes::GeniusSortedOutcomes(const Profile& profile) : space_(&profile.utility_function().space()) {
  const OutcomeSpace& space = *space_;
  if (!HasGeniusOrder(space)) {
    throw UsageError(fmt::format("space '{}' has no GENIUS order: it has a real issue or more than {} outcomes",
                                 space.name(), OutcomeRanking::kExhaustiveLimit));
  }
  const std::size_t count = *space.cardinality();
  const std::size_t issues = space.issue_count();
  // Each value's hash code, issue by issue.
  std::vector<std::vector<std::int32_t>> value_hashes(issues);
  for (std::size_t i = 0; i < issues; ++i) {
    const Issue& issue = space.issue(i);
    value_hashes[i].assign(issue.cardinality(), 0);
    if (issue.kind() == IssueKind::kDiscrete) {
      for (std::size_t v = 0; v < issue.values().size(); ++v) value_hashes[i][v] = JavaStringHash(issue.values()[v]);
    }
  }
  // BidIterator's order: an odometer whose first issue turns fastest.
  std::vector<double> utilities(count);
  std::vector<OutcomeIndex> indices(count);
  std::vector<std::int32_t> hashes(count);
  std::vector<std::uint64_t> positions(issues, 0);
  Outcome outcome(issues);
  for (std::size_t i = 0; i < issues; ++i) outcome[i] = space.issue(i).ValueAt(0);
  const UtilityFunction& utility = profile.utility_function();
  for (std::size_t k = 0; k < count; ++k) {
    std::int32_t bid_hash = 0;
    for (std::size_t i = 0; i < issues; ++i) bid_hash = Wrap(std::int64_t{bid_hash} + value_hashes[i][positions[i]]);
    utilities[k] = utility.Utility(outcome);
    indices[k] = space.IndexOf(outcome);
    hashes[k] = BidDetailsHash(bid_hash, utilities[k]);
    for (std::size_t i = 0; i < issues; ++i) {
      if (++positions[i] < space.issue(i).cardinality()) {
        outcome[i] = space.issue(i).ValueAt(positions[i]);
        break;
      }
      positions[i] = 0;
      outcome[i] = space.issue(i).ValueAt(0);
    }
  }
  std::vector<std::size_t> order(count);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (utilities[a] != utilities[b]) return utilities[a] > utilities[b];
    return hashes[a] < hashes[b];
  });
  utilities_.resize(count);
  indices_.resize(count);
  for (std::size_t k = 0; k < count; ++k) {
    utilities_[k] = utilities[order[k]];
    indices_[k] = indices[order[k]];
  }
}

std::shared_ptr<const GeniusSortedOutcomes> GeniusSortedOutcomes::For(const Profile& profile) {
  if (!HasGeniusOrder(profile.utility_function().space())) return nullptr;
  struct Entry {
    std::weak_ptr<const UtilityFunction> owner;
    std::shared_ptr<const GeniusSortedOutcomes> sorted;
  };
  static std::mutex mutex;
  static std::map<const UtilityFunction*, Entry> cache;
  const std::shared_ptr<const UtilityFunction>& owner = profile.shared_utility_function();
  {
    const std::lock_guard lock(mutex);
    const auto found = cache.find(owner.get());
    if (found != cache.end() && found->second.owner.lock() == owner) return found->second.sorted;
  }
  // Built outside the lock: two threads may both build it, and the second result is dropped.
  auto sorted = std::make_shared<const GeniusSortedOutcomes>(profile);
  const std::lock_guard lock(mutex);
  std::erase_if(cache, [](const auto& entry) { return entry.second.owner.expired(); });
  auto& entry = cache[owner.get()];
  if (entry.owner.lock() != owner) entry = {owner, std::move(sorted)};
  return entry.sorted;
}

std::size_t GeniusSortedOutcomes::SearchIndexWith(double value) const {
  // GENIUS's bisection over the descending list, with its int midpoints and its stopping rule.
  std::int64_t middle = -1;
  std::int64_t low = 0;
  std::int64_t high = static_cast<std::int64_t>(utilities_.size()) - 1;
  std::int64_t last_middle = 0;
  while (last_middle != middle) {
    last_middle = middle;
    middle = (low + high) / 2;
    const double at = utilities_[static_cast<std::size_t>(middle)];
    if (at == value) return static_cast<std::size_t>(middle);
    if (at < value) high = middle;
    if (at > value) low = middle;
  }
  return static_cast<std::size_t>(middle);
}

std::size_t GeniusSortedOutcomes::IndexNearUtility(double value) const {
  const std::size_t index = SearchIndexWith(value);
  double closest = std::abs(utilities_[index] - value);
  // GENIUS looks at the outcome before, but the choice it makes there is overwritten below: only
  // the outcome after can replace the one found, and only when it beats the closer of the two.
  if (index > 0 && std::abs(utilities_[index - 1] - value) < closest) closest = std::abs(utilities_[index - 1] - value);
  if (index + 1 < utilities_.size() && std::abs(utilities_[index + 1] - value) < closest) return index + 1;
  return index;
}

}  // namespace parley
