// Shared by the opponent models: where an issue's value falls on a small grid the models can keep
// statistics on, so that a model's memory and update cost grow with the number of issues and
// values, never with the number of outcomes (ANAC 2014 spaces have 10^50 of them).
//
// Discrete issues and integer ranges of at most kMaxTabulatedValues values get one cell per
// value; larger integer ranges and real ranges are cut into `bins` equal-width bins. The models
// also need a coordinate in [0, 1] along the issue's order, which Coordinate() gives without
// binning (real values keep their exact place).
#ifndef PARLEY_NEGOTIATORS_BOA_ISSUE_GRID_H_
#define PARLEY_NEGOTIATORS_BOA_ISSUE_GRID_H_

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "parley/outcome_space.h"

namespace parley {

class IssueGrid {
 public:
  // Countable issues with more values than this are binned like real ranges: one counter per
  // value would rarely see a repeat, and the memory would grow with the range.
  static constexpr std::uint64_t kMaxTabulatedValues = 1000;

  IssueGrid() = default;
  IssueGrid(const Issue& issue, std::size_t bins) : lower_(issue.lower()), upper_(issue.upper()) {
    bins = std::max<std::size_t>(bins, 1);
    if (issue.countable() && issue.cardinality() <= kMaxTabulatedValues) {
      tabulated_ = true;
      discrete_ = issue.kind() == IssueKind::kDiscrete;
      size_ = static_cast<std::size_t>(issue.cardinality());
      if (discrete_) upper_ = static_cast<double>(size_ - 1);
    } else {
      size_ = upper_ > lower_ ? bins : 1;
    }
  }

  // Number of cells.
  std::size_t size() const { return size_; }

  // The cell of a valid value of the issue (in Outcome's encoding).
  std::size_t Cell(double value) const {
    if (tabulated_) return static_cast<std::size_t>(discrete_ ? value : value - lower_);
    if (size_ == 1) return 0;
    const double fraction = (value - lower_) / (upper_ - lower_);
    const auto cell = static_cast<std::size_t>(std::max(0.0, fraction * static_cast<double>(size_)));
    return std::min(cell, size_ - 1);
  }

  // Where the value lies along the issue's order, from 0 (first value, lower bound) to 1.
  double Coordinate(double value) const {
    const double low = discrete_ ? 0.0 : lower_;
    if (!(upper_ > low)) return 0.0;
    return std::clamp((value - low) / (upper_ - low), 0.0, 1.0);
  }

 private:
  bool tabulated_ = false;
  bool discrete_ = false;
  std::size_t size_ = 1;
  double lower_ = 0.0;
  double upper_ = 0.0;
};

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_BOA_ISSUE_GRID_H_
