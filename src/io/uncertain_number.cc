// The distributions of uncertain numbers (include/parley/uncertainty.h): quantile functions that
// map a unit coordinate to a number, and the CDFs they invert. Formulas and their reasons:
// docs/uncertainty.md "Sampling".
#include <algorithm>
#include <cmath>
#include <limits>

#include "common/normal_distribution.h"
#include "parley/uncertainty.h"

namespace parley {

using internal::NormalCdf;
using internal::NormalQuantile;

ValidInterval ValidIntervalOf(NumberPlace::Kind kind) {
  constexpr double kInfinity = std::numeric_limits<double>::infinity();
  switch (kind) {
    case NumberPlace::Kind::kIssueWeight:
    case NumberPlace::Kind::kTrackWeight: return {0.0, kInfinity, false, true};
    case NumberPlace::Kind::kDiscountFactor:
    case NumberPlace::Kind::kEventTime: return {0.0, 1.0, true, false};
    case NumberPlace::Kind::kInteractionValue: return {-kInfinity, kInfinity, true, true};
    default: return {0.0, 1.0, false, false};
  }
}

std::string_view PlaceKindName(NumberPlace::Kind kind) {
  switch (kind) {
    case NumberPlace::Kind::kIssueWeight: return "a weight";
    case NumberPlace::Kind::kValueUtility: return "a value's utility";
    case NumberPlace::Kind::kReservationValue: return "a reservation value";
    case NumberPlace::Kind::kScheduleValue: return "a schedule point's value";
    case NumberPlace::Kind::kScheduleTime: return "a schedule point's time";
    case NumberPlace::Kind::kDiscountFactor: return "a discount factor";
    case NumberPlace::Kind::kTrackWeight: return "a track weight";
    case NumberPlace::Kind::kInteractionValue: return "an interaction value";
    case NumberPlace::Kind::kEventTime: return "an event time";
  }
  return "a number";
}

double UncertainNumber::Quantile(double unit) const {
  switch (shape) {
    case Shape::kUniform: return low + unit * (high - low);  // zero width: low, bit for bit
    case Shape::kTriangular: {
      const double width = high - low;
      if (width == 0.0) return low;
      // F(x) = (x - lo)^2 / ((hi - lo)(mode - lo)) up to the mode, 1 - (hi - x)^2 / ((hi - lo)(hi - mode)) beyond.
      if (unit * width < mode - low) return low + std::sqrt(unit * width * (mode - low));
      return std::clamp(high - std::sqrt((1.0 - unit) * width * (high - mode)), low, high);
    }
    case Shape::kNormal: {
      if (sd == 0.0) return mean;
      const double alpha = (low - mean) / sd, beta = (high - mean) / sd;
      double z;
      if (alpha > 0.0) {
        // Both ends in the upper tail: work with upper-tail probabilities, which keep their
        // precision there (1 - Phi(alpha) would lose it to cancellation).
        const double upper_alpha = NormalCdf(-alpha), upper_beta = NormalCdf(-beta);
        z = -NormalQuantile(upper_alpha - unit * (upper_alpha - upper_beta));
      } else {
        const double lower_alpha = NormalCdf(alpha), lower_beta = NormalCdf(beta);
        z = NormalQuantile(lower_alpha + unit * (lower_beta - lower_alpha));
      }
      return std::clamp(mean + sd * z, low, high);
    }
  }
  return low;
}

double UncertainNumber::Cdf(double x) const {
  if (x < low) return 0.0;
  if (x >= high) return 1.0;
  switch (shape) {
    case Shape::kUniform: return (x - low) / (high - low);
    case Shape::kTriangular: {
      const double width = high - low;
      if (x <= mode) return (x - low) * (x - low) / (width * (mode - low));
      return 1.0 - (high - x) * (high - x) / (width * (high - mode));
    }
    case Shape::kNormal: {
      if (sd == 0.0) return x < mean ? 0.0 : 1.0;
      const double lower_alpha = NormalCdf((low - mean) / sd), lower_beta = NormalCdf((high - mean) / sd);
      return (NormalCdf((x - mean) / sd) - lower_alpha) / (lower_beta - lower_alpha);
    }
  }
  return 0.0;
}

}  // namespace parley
