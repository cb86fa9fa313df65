// The nonlinear "hyper-rectangle" utility of ANAC 2014 (GENIUS's NonlinearUtilitySpace).
//
// A profile holds a tree of functions. Each function aggregates (sum, min or max) the utilities
// of its rectangles and of its nested functions (each nested one multiplied by its weight; the
// root's own weight is not applied, as in GENIUS). An inclusive rectangle contributes
// utility * weight when the outcome lies inside every one of its inclusive ranges; an exclusive
// rectangle when the outcome lies outside at least one; a rectangle with no ranges always
// contributes. The profile's utility is min(1, root / max_utility) with the maximum declared in
// the file. Utility() allocates nothing.
#ifndef PARLEY_HYPER_RECTANGLE_H_
#define PARLEY_HYPER_RECTANGLE_H_

#include <memory>
#include <vector>

#include "parley/utility.h"

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

struct HyperRectangle {
  enum class Kind { kInclusive, kExclusive };
  struct Bound {
    std::size_t issue = 0;  // position of the issue in the space
    double min = 0.0;       // inclusive, in Outcome's encoding
    double max = 0.0;       // inclusive
  };
  Kind kind = Kind::kInclusive;
  std::vector<Bound> bounds;
  double utility = 0.0;
  double weight = 1.0;
};

struct HyperRectangleFunction {
  enum class Aggregation { kSum, kMin, kMax };
  Aggregation aggregation = Aggregation::kSum;
  double weight = 1.0;  // applied when this function is nested in another
  std::vector<HyperRectangle> rectangles;
  std::vector<HyperRectangleFunction> children;
};

class HyperRectangleUtility final : public UtilityFunction {
 public:
  // `max_utility` must be positive and finite; bounds must name issues of `space`; numbers must
  // be finite and small enough that no sum of them overflows. Throws UsageError otherwise.
  HyperRectangleUtility(std::shared_ptr<const OutcomeSpace> space, HyperRectangleFunction root, double max_utility);

  std::string_view kind() const override { return "hyper-rectangle"; }
  double Utility(const Outcome& outcome) const override;
  const OutcomeSpace& space() const override { return *space_; }

  const HyperRectangleFunction& root() const { return root_; }
  double max_utility() const { return max_utility_; }

 private:
  std::shared_ptr<const OutcomeSpace> space_;
  HyperRectangleFunction root_;
  double max_utility_;
};

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_HYPER_RECTANGLE_H_
