#include "parley/hyper_rectangle.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "parley/error.h"

namespace parley {
namespace {

// GENIUS starts min and max aggregations from +-Integer.MAX_VALUE; a function with no terms
// keeps that value.
constexpr double kJavaIntMax = std::numeric_limits<std::int32_t>::max();

bool Inside(const HyperRectangle::Bound& bound, const Outcome& outcome) {
  const double v = outcome[bound.issue];
  return v >= bound.min && v <= bound.max;
}

double RectangleValue(const HyperRectangle& rectangle, const Outcome& outcome) {
  bool contributes;
  if (rectangle.bounds.empty()) {
    contributes = true;
  } else if (rectangle.kind == HyperRectangle::Kind::kInclusive) {
    contributes = std::all_of(rectangle.bounds.begin(), rectangle.bounds.end(),
                              [&](const HyperRectangle::Bound& b) { return Inside(b, outcome); });
  } else {
    contributes = std::any_of(rectangle.bounds.begin(), rectangle.bounds.end(),
                              [&](const HyperRectangle::Bound& b) { return !Inside(b, outcome); });
  }
  return contributes ? rectangle.utility * rectangle.weight : 0.0;
}

double FunctionValue(const HyperRectangleFunction& function, const Outcome& outcome) {
  using Aggregation = HyperRectangleFunction::Aggregation;
  double value = function.aggregation == Aggregation::kSum   ? 0.0
                 : function.aggregation == Aggregation::kMin ? kJavaIntMax
                                                             : -kJavaIntMax;
  auto combine = [&](double term) {
    switch (function.aggregation) {
      case Aggregation::kSum: value += term; break;
      case Aggregation::kMin: value = std::min(value, term); break;
      case Aggregation::kMax: value = std::max(value, term); break;
    }
  };
  for (const auto& rectangle : function.rectangles) combine(RectangleValue(rectangle, outcome));
  for (const auto& child : function.children) combine(FunctionValue(child, outcome) * child.weight);
  return value;
}

// Checks the function and returns a bound on the size of every value FunctionValue computes
// on the way (so that the utility is finite when the bound is).
double Validate(const HyperRectangleFunction& function, const OutcomeSpace& space) {
  if (!std::isfinite(function.weight)) throw UsageError("hyper-rectangle function has a non-finite weight");
  double bound = kJavaIntMax;  // where min and max start
  for (const auto& rectangle : function.rectangles) {
    if (!std::isfinite(rectangle.utility) || !std::isfinite(rectangle.weight)) {
      throw UsageError("hyper-rectangle has a non-finite utility or weight");
    }
    bound += std::abs(rectangle.utility) * std::abs(rectangle.weight);
    for (const auto& bound : rectangle.bounds) {
      if (bound.issue >= space.issue_count()) {
        throw UsageError(fmt::format("hyper-rectangle bound refers to issue {} but the space has {} issues",
                                     bound.issue + 1, space.issue_count()));
      }
    }
  }
  for (const auto& child : function.children) bound += Validate(child, space) * std::abs(child.weight);
  return bound;
}

}  // namespace

HyperRectangleUtility::HyperRectangleUtility(std::shared_ptr<const OutcomeSpace> space, HyperRectangleFunction root,
                                             double max_utility)
    : space_(std::move(space)), root_(std::move(root)), max_utility_(max_utility) {
  if (!(max_utility_ > 0.0) || !std::isfinite(max_utility_)) {
    throw UsageError(fmt::format("hyper-rectangle utility over '{}' has maximum utility {}; it must be positive",
                                 space_->name(), max_utility_));
  }
  if (!std::isfinite(Validate(root_, *space_))) {
    throw UsageError(
        fmt::format("the rectangles of the utility function over '{}' hold numbers so large that "
                    "utilities overflow",
                    space_->name()));
  }
}

double HyperRectangleUtility::Utility(const Outcome& outcome) const {
  return std::min(1.0, FunctionValue(root_, outcome) / max_utility_);
}

}  // namespace parley
