// Reservation values that change over the negotiation: a fallback that drops when a military
// operation starts, or rises when an outside option matures.
//
// A schedule is a list of (time, value) points with step or linear interpolation. Times are
// normalised negotiation time in [0, 1], or rounds (converted with the negotiation's deadline in
// rounds: 1-based round r of R is t = r / (R + 1), GENIUS's DiscreteTimeline, and a negotiation
// that runs out ends in round R). Before the first point the first value holds, after the last
// the last value. Immutable and cheap to copy.
#ifndef PARLEY_SCHEDULE_H_
#define PARLEY_SCHEDULE_H_

#include <cstdint>
#include <string_view>
#include <vector>

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

class ReservationSchedule {
 public:
  enum class Interpolation { kStep, kLinear };
  enum class Unit { kTime, kRounds };
  struct Point {
    double at = 0.0;  // normalised time, or a round number
    double value = 0.0;
  };

  ReservationSchedule() = default;
  // Points must have finite values and strictly increasing, non-negative `at`. Throws UsageError.
  ReservationSchedule(std::vector<Point> points, Interpolation interpolation, Unit unit);

  bool empty() const { return points_.empty(); }
  const std::vector<Point>& points() const { return points_; }
  Interpolation interpolation() const { return interpolation_; }
  Unit unit() const { return unit_; }

  // The value at normalised time `time`; `rounds` is the deadline in rounds (needed when the
  // schedule is in rounds; with no round deadline, round points are read as never reached).
  double ValueAt(double time, std::uint64_t rounds) const;

 private:
  std::vector<Point> points_;
  Interpolation interpolation_ = Interpolation::kStep;
  Unit unit_ = Unit::kTime;
};

std::string_view InterpolationName(ReservationSchedule::Interpolation interpolation);
std::string_view UnitName(ReservationSchedule::Unit unit);

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_SCHEDULE_H_
