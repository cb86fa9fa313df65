// Utility functions: how much one party values each outcome, on GENIUS's [0, 1] scale, before
// discounting and independently of time.
//
// UtilityFunction is the interface every representation implements; LinearAdditiveUtility and
// HyperRectangleUtility are the two that GENIUS scenario files describe. Implementations are
// immutable after construction and safe to share between threads. Utility() allocates nothing.
#ifndef PARLEY_UTILITY_H_
#define PARLEY_UTILITY_H_

#include <cmath>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "parley/outcome_ranking.h"
#include "parley/outcome_space.h"

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

// The key under which Parley compares utilities (for dominance, the zone of agreement, whether a
// text got better): the utility rounded to the nearest multiple of 2^-40 (about 9.1e-13), as an
// integer, so that two utilities that differ only by floating-point noise compare equal.
// llrint(u * 2^40) in the default rounding mode (to nearest, ties to even); inline because the
// analysis calls it for every outcome: adding and subtracting 1.5 * 2^52 rounds exactly that way
// for |x| < 2^51 without a call into libm. Utilities beyond +-2^22 (files may hold any finite
// number) saturate rather than overflow.
inline std::int64_t UtilityKey(double utility) {
  const double x = utility * 0x1p40;
  if (x > -0x1p51 && x < 0x1p51) return static_cast<std::int64_t>((x + 0x1.8p52) - 0x1.8p52);
  if (!(x > -0x1p62)) return -(std::int64_t{1} << 62);
  if (!(x < 0x1p62)) return std::int64_t{1} << 62;
  return std::llrint(x);
}

class UtilityFunction {
 public:
  virtual ~UtilityFunction() = default;

  // The representation's registered name ("linear-additive", "hyper-rectangle").
  virtual std::string_view kind() const = 0;
  // Utility of a valid outcome of the space this function was built for.
  virtual double Utility(const Outcome& outcome) const = 0;
  // The space this function is defined over.
  virtual const OutcomeSpace& space() const = 0;

  // The utility of every outcome of an enumerable space, in OutcomeIndex order, written into
  // `out` (resized to the space's cardinality). Throws UsageError if the space is not enumerable
  // or has more outcomes than ResourceLimits::max_outcomes.
  // The default walks the space calling Utility(); representations override it with something
  // faster.
  virtual void EvaluateAll(std::vector<double>& out) const;

  // Outcomes sorted by this function's utility, built on first use (which may take a while on
  // a large space) and then shared. Thread-safe.
  const OutcomeRanking& ranking() const {
    std::call_once(ranking_once_, [this] { ranking_ = std::make_unique<const OutcomeRanking>(*this); });
    return *ranking_;
  }

 private:
  mutable std::once_flag ranking_once_;
  mutable std::unique_ptr<const OutcomeRanking> ranking_;
};

// How one issue's values map to [0, 1] in a linear additive function.
class ValueFunction {
 public:
  enum class Shape {
    kTable,       // one number per position of a countable issue
    kLinear,      // offset + slope * (x - origin), clamped to [0, 1] when `clamped`
    kTriangular,  // 0 below `lower`, rising to 1 at `top`, falling to 0 at `upper` and beyond
  };

  static ValueFunction Table(std::vector<double> by_position);
  static ValueFunction Linear(double slope, double offset, double origin, bool clamped);
  static ValueFunction Triangular(double lower, double upper, double top);

  Shape shape() const { return shape_; }
  const std::vector<double>& table() const { return table_; }
  double slope() const { return slope_; }
  double offset() const { return offset_; }
  double origin() const { return origin_; }
  bool clamped() const { return clamped_; }
  double lower() const { return lower_; }
  double upper() const { return upper_; }
  double top() const { return top_; }

  // Value of `value` in Outcome's encoding for `issue`.
  double Evaluate(const Issue& issue, double value) const;

 private:
  Shape shape_ = Shape::kTable;
  std::vector<double> table_;
  double slope_ = 0.0, offset_ = 0.0, origin_ = 0.0;
  bool clamped_ = false;
  double lower_ = 0.0, upper_ = 0.0, top_ = 0.0;
};

// What a linear additive function does with the weights it is given.
enum class WeightRule {
  kNormalise,  // divides them by their sum, so that they add up to one
  kAsGiven,    // uses them as they are, as GENIUS does with the weights of a profile file
};

// u(o) = min(1, sum_i w_i * v_i(o_i)), summed in issue order, with no floor: GENIUS's
// AdditiveUtilitySpace.getUtility. The weights are the ones given, or those divided by their sum
// (WeightRule). Countable issues are evaluated from one flat table of weighted values, so
// Utility() costs one look-up and one addition per issue.
class LinearAdditiveUtility final : public UtilityFunction {
 public:
  // `weights` must be finite, non-negative and not all zero; one weight and one value function per
  // issue of `space`; every value finite and small enough that sums of them cannot overflow.
  // Throws UsageError otherwise. Issues are tabulated while the tables fit in
  // ResourceLimits::max_tabulated_values; the others are evaluated from their functions.
  LinearAdditiveUtility(std::shared_ptr<const OutcomeSpace> space, std::vector<double> weights,
                        std::vector<ValueFunction> value_functions, WeightRule rule = WeightRule::kNormalise);

  std::string_view kind() const override { return "linear-additive"; }
  double Utility(const Outcome& outcome) const override;
  const OutcomeSpace& space() const override { return *space_; }
  // Builds the utilities issue by issue (prefix sums times the last issue's table), a few
  // additions per outcome.
  void EvaluateAll(std::vector<double>& out) const override;

  // The weights the utility is computed with: normalised (sum to one) under WeightRule::kNormalise,
  // as given under kAsGiven.
  const std::vector<double>& weights() const { return weights_; }
  WeightRule weight_rule() const { return rule_; }
  const std::vector<ValueFunction>& value_functions() const { return value_functions_; }
  // The largest and smallest utility over the space, exact (computed issue by issue).
  double max_utility() const { return max_utility_; }
  double min_utility() const { return min_utility_; }

 private:
  std::shared_ptr<const OutcomeSpace> space_;
  std::vector<double> weights_;
  std::vector<ValueFunction> value_functions_;
  WeightRule rule_;
  // weighted_[table_offset_[i] + position] = w_i * v_i(value at position) for tabulated issues.
  std::vector<double> weighted_;
  std::vector<std::size_t> table_offset_;
  std::vector<double> position_base_;  // value - base = position, for tabulated issues
  std::vector<bool> tabulated_;        // issues evaluated from weighted_ (within the table limit)
  bool all_tabulated_ = true;
  double max_utility_ = 0.0;
  double min_utility_ = 0.0;
};

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_UTILITY_H_
