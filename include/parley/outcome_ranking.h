// One party's outcomes sorted by its own utility: how negotiators find "the outcome closest above
// a target utility" in O(log n) instead of scanning the space at every step.
//
// For spaces of at most kExhaustiveLimit outcomes the ranking holds every outcome. Larger spaces
// (ANAC 2014 has 10^50) are represented by a fixed-seed sample of kSampleSize random outcomes plus
// the local optima reached by hill-climbing from the best of them, so that high-utility outcomes
// are present even where random sampling would miss them; exhaustive() tells which. The resource
// limits (parley/limits.h) can make either smaller: no more outcomes than max_outcomes are
// enumerated, and the sample shrinks (to no fewer than kClimbStarts outcomes) so that the
// ranking stays within max_cache_bytes when outcomes have thousands of issues.
//
// Built once per utility function (UtilityFunction::ranking()) and then shared read-only by every
// negotiator and thread that uses that function.
#ifndef PARLEY_OUTCOME_RANKING_H_
#define PARLEY_OUTCOME_RANKING_H_

#include <cstdint>
#include <vector>

#include "parley/outcome_space.h"

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

class UtilityFunction;

class OutcomeRanking {
 public:
  static constexpr std::uint64_t kExhaustiveLimit = std::uint64_t{1} << 21;
  static constexpr std::size_t kSampleSize = std::size_t{1} << 16;
  static constexpr std::size_t kClimbStarts = 32;

  explicit OutcomeRanking(const UtilityFunction& utility);

  bool exhaustive() const { return exhaustive_; }
  std::size_t size() const { return utilities_.size(); }
  // Utility of the outcome at `rank`; ranks are ascending in utility, ties by outcome order.
  double utility(std::size_t rank) const { return utilities_[rank]; }
  double best_utility() const { return utilities_.back(); }
  double worst_utility() const { return utilities_.front(); }
  // Writes the outcome at `rank` into `out` (no allocation when `out` is already sized).
  void CopyOutcome(std::size_t rank, Outcome& out) const;
  // The lowest rank whose utility is >= `target`, or size() when none is.
  std::size_t LowestAtLeast(double target) const;

 private:
  const OutcomeSpace* space_;
  bool exhaustive_ = false;
  std::vector<double> utilities_;
  std::vector<OutcomeIndex> indices_;  // exhaustive rankings
  std::vector<double> values_;         // sampled rankings: issue_count values per rank
};

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_OUTCOME_RANKING_H_
