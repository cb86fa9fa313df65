#include "parley/schedule.h"

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "parley/error.h"

namespace parley {

ReservationSchedule::ReservationSchedule(std::vector<Point> points, Interpolation interpolation, Unit unit)
    : points_(std::move(points)), interpolation_(interpolation), unit_(unit) {
  for (std::size_t k = 0; k < points_.size(); ++k) {
    const Point& p = points_[k];
    if (!std::isfinite(p.value) || !std::isfinite(p.at) || p.at < 0.0) {
      throw UsageError(
          fmt::format("reservation schedule point {} is ({}, {}); expected a finite value at a "
                      "non-negative time",
                      k + 1, p.at, p.value));
    }
    if (k > 0 && !(p.at > points_[k - 1].at)) {
      throw UsageError(
          fmt::format("reservation schedule points must be in increasing order of time; point {} is at "
                      "{} after {}",
                      k + 1, p.at, points_[k - 1].at));
    }
  }
}

double ReservationSchedule::ValueAt(double time, std::uint64_t rounds) const {
  double at = time;
  if (unit_ == Unit::kRounds) {
    // Round r (1-based) of R is at t = r / (R + 1) (docs/negotiation.md#time-and-deadlines); the
    // product can miss r by an ulp, which must not move a step back a round.
    at = rounds ? time * (static_cast<double>(rounds) + 1.0) : -std::numeric_limits<double>::infinity();
    if (const double nearest = std::round(at); std::abs(at - nearest) < 1e-9) at = nearest;
  }
  if (points_.empty()) return 0.0;
  if (at < points_.front().at) return points_.front().value;
  for (std::size_t k = points_.size(); k-- > 0;) {
    if (at < points_[k].at) continue;
    if (interpolation_ == Interpolation::kStep || k + 1 == points_.size()) return points_[k].value;
    const Point& a = points_[k];
    const Point& b = points_[k + 1];
    return a.value + (b.value - a.value) * (at - a.at) / (b.at - a.at);
  }
  return points_.front().value;
}

std::string_view InterpolationName(ReservationSchedule::Interpolation interpolation) {
  return interpolation == ReservationSchedule::Interpolation::kStep ? "step" : "linear";
}

std::string_view UnitName(ReservationSchedule::Unit unit) {
  return unit == ReservationSchedule::Unit::kTime ? "time" : "rounds";
}

}  // namespace parley
