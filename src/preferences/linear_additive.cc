#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "parley/error.h"
#include "parley/limits.h"
#include "parley/utility.h"

namespace parley {
namespace {

// Issues with more values than this are evaluated from their function rather than a table.
constexpr std::uint64_t kMaxTabulatedValues = std::uint64_t{1} << 20;

// Refuses a function that gives a non-finite value somewhere on the issue. Tables are checked
// entry by entry; a linear function is monotone, so finite at both bounds means finite between
// them; a triangular one divides by its two slopes' widths, which must be finite too.
void CheckFinite(const Issue& issue, const ValueFunction& f) {
  auto fail = [&](std::string_view what) {
    throw UsageError(fmt::format("the value function of issue '{}' {}; values must be finite", issue.name(), what));
  };
  switch (f.shape()) {
    case ValueFunction::Shape::kTable:
      for (std::uint64_t p = 0; p < f.table().size(); ++p) {
        if (!std::isfinite(f.table()[p])) {
          fail(fmt::format("gives {} to value '{}'", f.table()[p], issue.Format(issue.ValueAt(p))));
        }
      }
      return;
    case ValueFunction::Shape::kLinear:
      for (double x : {issue.lower(), issue.upper()}) {
        if (!std::isfinite(f.Evaluate(issue, x))) fail(fmt::format("overflows at {}", issue.Format(x)));
      }
      return;
    case ValueFunction::Shape::kTriangular:
      if (!std::isfinite(f.top() - f.lower()) || !std::isfinite(f.upper() - f.top())) {
        fail("has a triangle too wide to compute");
      }
      return;
  }
}

// The number of outcomes of `space`, which EvaluateAll is about to enumerate; throws
// UsageError when the space cannot be enumerated or holds more than the limit.
std::uint64_t EnumerationSize(const OutcomeSpace& space) {
  const std::uint64_t limit = DefaultResourceLimits().max_outcomes;
  if (!space.cardinality() || *space.cardinality() > limit) {
    throw UsageError(fmt::format("cannot evaluate every outcome of '{}': {} outcomes, more than {}", space.name(),
                                 space.DescribeSize(), DescribeLimit(limit, "outcomes", "--max-outcomes")));
  }
  return *space.cardinality();
}

}  // namespace

ValueFunction ValueFunction::Table(std::vector<double> by_position) {
  ValueFunction f;
  f.shape_ = Shape::kTable;
  f.table_ = std::move(by_position);
  return f;
}

ValueFunction ValueFunction::Linear(double slope, double offset, double origin, bool clamped) {
  ValueFunction f;
  f.shape_ = Shape::kLinear;
  f.slope_ = slope;
  f.offset_ = offset;
  f.origin_ = origin;
  f.clamped_ = clamped;
  return f;
}

ValueFunction ValueFunction::Triangular(double lower, double upper, double top) {
  ValueFunction f;
  f.shape_ = Shape::kTriangular;
  f.lower_ = lower;
  f.upper_ = upper;
  f.top_ = top;
  return f;
}

double ValueFunction::Evaluate(const Issue& issue, double value) const {
  switch (shape_) {
    case Shape::kTable: return table_[issue.PositionOf(value)];
    case Shape::kLinear: {
      const double v = offset_ + slope_ * (value - origin_);
      return clamped_ ? std::clamp(v, 0.0, 1.0) : v;
    }
    case Shape::kTriangular:
      // GENIUS's EVALFUNCTYPE.evalTriangular: rises from `lower` to 1 at `top`, falls to 0 at
      // `upper`; 0 outside [lower, upper).
      if (value < lower_) return 0.0;
      if (value < top_) return (value - lower_) / (top_ - lower_);
      if (value < upper_) return 1.0 - (value - top_) / (upper_ - top_);
      return 0.0;
  }
  return 0.0;
}

LinearAdditiveUtility::LinearAdditiveUtility(std::shared_ptr<const OutcomeSpace> space, std::vector<double> weights,
                                             std::vector<ValueFunction> value_functions, WeightRule rule)
    : space_(std::move(space)),
      weights_(std::move(weights)),
      value_functions_(std::move(value_functions)),
      rule_(rule) {
  const std::size_t n = space_->issue_count();
  if (weights_.size() != n || value_functions_.size() != n) {
    throw UsageError(
        fmt::format("linear additive utility over '{}' needs {} weights and value functions, got {} and {}",
                    space_->name(), n, weights_.size(), value_functions_.size()));
  }
  double total = 0.0, largest = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(weights_[i]) || weights_[i] < 0.0) {
      throw UsageError(fmt::format("issue '{}' has weight {}; weights must be finite and non-negative",
                                   space_->issue(i).name(), weights_[i]));
    }
    total += weights_[i];
    largest = std::max(largest, weights_[i]);
  }
  if (!(total > 0.0)) throw UsageError(fmt::format("all issue weights over '{}' are zero", space_->name()));
  if (rule_ == WeightRule::kNormalise && std::isinf(total)) {
    // Finite weights whose sum overflows (1e308 twice): scale them down first. Only then, so
    // that ordinary weights are divided by exactly their sum, as GENIUS does.
    total = 0.0;
    for (double& w : weights_) total += (w /= largest);
  }
  if (rule_ == WeightRule::kNormalise) {
    for (double& w : weights_) w /= total;
  }

  table_offset_.assign(n, 0);
  position_base_.assign(n, 0.0);
  tabulated_.assign(n, false);
  // Tables are built while they fit in the limit: an integer range of 2^20 values per issue,
  // written in a few bytes, would otherwise take memory without bound over many issues.
  const std::uint64_t table_budget = DefaultResourceLimits().max_tabulated_values;
  for (std::size_t i = 0; i < n; ++i) {
    const Issue& issue = space_->issue(i);
    const ValueFunction& f = value_functions_[i];
    if (f.shape() == ValueFunction::Shape::kTable && (!issue.countable() || f.table().size() != issue.cardinality())) {
      throw UsageError(fmt::format("issue '{}' has a value table of {} entries for {} values", issue.name(),
                                   f.table().size(), issue.cardinality()));
    }
    CheckFinite(issue, f);
    if (!issue.countable() || issue.cardinality() > kMaxTabulatedValues ||
        weighted_.size() + issue.cardinality() > table_budget) {
      all_tabulated_ = false;
      continue;
    }
    tabulated_[i] = true;
    table_offset_[i] = weighted_.size();
    position_base_[i] = issue.kind() == IssueKind::kDiscrete ? 0.0 : issue.lower();
    for (std::uint64_t p = 0; p < issue.cardinality(); ++p) {
      const double v = f.Evaluate(issue, issue.ValueAt(p));
      if (!std::isfinite(v)) {
        throw UsageError(
            fmt::format("issue '{}' evaluates value '{}' to {}", issue.name(), issue.Format(issue.ValueAt(p)), v));
      }
      weighted_.push_back(weights_[i] * v);
    }
  }

  // Extremes issue by issue: tables exactly, functions at their bounds and peak.
  double magnitude = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const Issue& issue = space_->issue(i);
    const ValueFunction& f = value_functions_[i];
    double hi = -INFINITY, lo = INFINITY;
    auto consider = [&](double v) {
      hi = std::max(hi, v);
      lo = std::min(lo, v);
    };
    if (tabulated_[i]) {
      for (std::uint64_t p = 0; p < issue.cardinality(); ++p) consider(weighted_[table_offset_[i] + p]);
    } else if (f.shape() == ValueFunction::Shape::kTable) {
      for (double v : f.table()) consider(weights_[i] * v);
    } else {
      consider(weights_[i] * f.Evaluate(issue, issue.lower()));
      consider(weights_[i] * f.Evaluate(issue, issue.upper()));
      // The peak, or on an integer issue the integers either side of a fractional peak.
      if (f.shape() == ValueFunction::Shape::kTriangular) {
        for (double v : {f.top(), std::floor(f.top()), std::ceil(f.top())}) {
          if (issue.Contains(v)) consider(weights_[i] * f.Evaluate(issue, v));
        }
      }
    }
    max_utility_ += hi;
    min_utility_ += lo;
    magnitude += std::max(std::abs(hi), std::abs(lo));
  }
  // Every partial sum Utility() forms is at most `magnitude` in size, so it is finite if this is.
  if (!std::isfinite(magnitude)) {
    throw UsageError(
        fmt::format("the values of the utility function over '{}' are so large that utilities "
                    "overflow; keep them near [0, 1]",
                    space_->name()));
  }
  max_utility_ = std::min(max_utility_, 1.0);
  min_utility_ = std::min(min_utility_, 1.0);
}

double LinearAdditiveUtility::Utility(const Outcome& outcome) const {
  const std::size_t n = table_offset_.size();
  double u = 0.0;
  if (all_tabulated_) {
    for (std::size_t i = 0; i < n; ++i) {
      u += weighted_[table_offset_[i] + static_cast<std::size_t>(outcome[i] - position_base_[i])];
    }
    return std::min(u, 1.0);
  }
  for (std::size_t i = 0; i < n; ++i) {
    const Issue& issue = space_->issue(i);
    if (tabulated_[i]) {
      u += weighted_[table_offset_[i] + issue.PositionOf(outcome[i])];
    } else {
      u += weights_[i] * value_functions_[i].Evaluate(issue, outcome[i]);
    }
  }
  return std::min(u, 1.0);
}

void UtilityFunction::EvaluateAll(std::vector<double>& out) const {
  const OutcomeSpace& space = this->space();
  const std::uint64_t count = EnumerationSize(space);
  const std::size_t n = space.issue_count();
  out.resize(count);
  // Walk the space like an odometer (last issue fastest, as OutcomeIndex counts): no division.
  Outcome outcome = space.OutcomeAt(0);
  std::vector<std::uint64_t> positions(n, 0);
  for (OutcomeIndex index = 0; index < count; ++index) {
    out[index] = Utility(outcome);
    for (std::size_t i = n; i-- > 0;) {
      const Issue& issue = space.issue(i);
      if (++positions[i] < issue.cardinality()) {
        outcome[i] = issue.ValueAt(positions[i]);
        break;
      }
      positions[i] = 0;
      outcome[i] = issue.ValueAt(0);
    }
  }
}

void LinearAdditiveUtility::EvaluateAll(std::vector<double>& out) const {
  EnumerationSize(*space_);
  if (!all_tabulated_) {
    UtilityFunction::EvaluateAll(out);
    return;
  }
  const std::size_t n = space_->issue_count();
  // Grow the table one issue at a time: after issue i, entry k holds the partial sum of the
  // first i+1 issues for the k-th combination of their values (last issue fastest).
  out.assign(1, 0.0);
  std::vector<double> next;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t size = space_->issue(i).cardinality();
    const double* table = &weighted_[table_offset_[i]];
    next.resize(out.size() * size);
    for (std::size_t k = 0; k < out.size(); ++k) {
      for (std::uint64_t p = 0; p < size; ++p) next[k * size + p] = out[k] + table[p];
    }
    out.swap(next);
  }
  // Utility() sums the issues in the same order, so the results are identical to the last bit.
  for (double& u : out) u = std::min(u, 1.0);
}

}  // namespace parley
