// The order in which a java.util.HashMap whose keys are GENIUS bids iterates them, for ports of
// agents that pick from such a map by position (a random index into its key set, the first key
// that qualifies).
//
// GENIUS's Bid.hashCode is the sum of its values' hash codes: a discrete value hashes as its
// name does (java.lang.String.hashCode over UTF-16), an integer value as 0. A HashMap spreads a
// key's hash (h ^ h >>> 16), keeps 16 buckets until it holds more than 0.75 keys per bucket and
// then doubles, and also doubles instead of building a tree while it has fewer than 64 buckets
// and a ninth key joins a bucket; it iterates bucket by bucket, and within a bucket in the order
// the keys arrived. Buckets of nine or more keys in a table of 64 buckets or more become trees
// whose order depends on identity hash codes (not reproducible even in Java); this class keeps
// arrival order for them. A real value hashes by identity in GENIUS; here it hashes as 0.
//
// Value types; no allocation beyond the vectors they hold.
#ifndef PARLEY_NEGOTIATORS_ANAC_GENIUS_HASH_ORDER_H_
#define PARLEY_NEGOTIATORS_ANAC_GENIUS_HASH_ORDER_H_

#include <algorithm>
#include <cstdint>
#include <vector>

#include "negotiators/anac/genius_sorted_outcomes.h"  // JavaStringHash
#include "parley/outcome_space.h"

namespace parley {

// Bid.hashCode of outcomes of one space, from hash codes of each issue's values computed once.
class GeniusBidHash {
 public:
  void Reset(const OutcomeSpace& space) {
    space_ = &space;
    value_hashes_.assign(space.issue_count(), {});
    for (std::size_t i = 0; i < space.issue_count(); ++i) {
      const Issue& issue = space.issue(i);
      if (issue.kind() != IssueKind::kDiscrete) continue;
      for (const std::string& name : issue.values()) value_hashes_[i].push_back(JavaStringHash(name));
    }
  }
  std::int32_t operator()(const Outcome& outcome) const {
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i < value_hashes_.size(); ++i) {
      if (value_hashes_[i].empty()) continue;
      sum += static_cast<std::uint32_t>(value_hashes_[i][space_->issue(i).PositionOf(outcome[i])]);
    }
    return static_cast<std::int32_t>(sum);
  }

 private:
  const OutcomeSpace* space_ = nullptr;
  std::vector<std::vector<std::int32_t>> value_hashes_;
};

// The iteration order of a HashMap into which keys are put one by one (none removed). Keys are
// numbered in order of arrival; Add() is called once per new key, not when a key is put again.
class JavaHashMapOrder {
 public:
  void Clear() {
    hashes_.clear();
    buckets_ = 0;
  }

  void Add(std::int32_t hash_code) {
    const auto h = static_cast<std::uint32_t>(hash_code);
    hashes_.push_back(h ^ (h >> 16));
    if (buckets_ == 0) buckets_ = kInitialBuckets;
    const std::uint32_t bucket = hashes_.back() & (buckets_ - 1);
    std::size_t already = 0;
    for (std::size_t k = 0; k + 1 < hashes_.size(); ++k) already += (hashes_[k] & (buckets_ - 1)) == bucket;
    if (already >= kTreeifyThreshold && buckets_ < kMinTreeBuckets) buckets_ *= 2;
    if (static_cast<double>(hashes_.size()) > kLoadFactor * buckets_) buckets_ *= 2;
  }

  std::size_t size() const { return hashes_.size(); }

  // Key numbers in iteration order, written into `order` (resized).
  void IterationOrder(std::vector<std::size_t>& order) const {
    order.resize(hashes_.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    const std::uint32_t mask = buckets_ - 1;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return (hashes_[a] & mask) < (hashes_[b] & mask); });
  }

 private:
  static constexpr std::uint32_t kInitialBuckets = 16;
  static constexpr std::size_t kTreeifyThreshold = 8;
  static constexpr std::uint32_t kMinTreeBuckets = 64;
  static constexpr double kLoadFactor = 0.75;

  std::vector<std::uint32_t> hashes_;  // spread hashes, in order of arrival
  std::uint32_t buckets_ = 0;
};

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_GENIUS_HASH_ORDER_H_
