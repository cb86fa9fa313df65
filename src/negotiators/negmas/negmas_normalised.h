// NegMAS's normalised utility (BaseUtilityFunction.eval_normalized with above_reserve), shared by the
// ports of NegMAS's negotiators: 0 at the reservation value, or at the worst outcome when that is
// higher, 1 at the best, computed with NegMAS's operations so that ties and thresholds round alike.
#ifndef PARLEY_NEGOTIATORS_NEGMAS_NEGMAS_NORMALISED_H_
#define PARLEY_NEGOTIATORS_NEGMAS_NEGMAS_NORMALISED_H_

#include <limits>

namespace parley {

// A range below 1e-5 normalises every utility to 1. A best below the reservation value makes both
// limits -inf, and NegMAS's arithmetic then yields NaN, which every later comparison rejects.
inline double NegmasNormalised(double utility, double minimum, double maximum, double reservation_value) {
  if (maximum < reservation_value) return std::numeric_limits<double>::quiet_NaN();
  const double low = minimum < reservation_value ? reservation_value : minimum;
  const double range = maximum - low;
  if (range < 1e-5) return 1.0;
  return (utility - low) * (1.0 / range);
}

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_NEGMAS_NEGMAS_NORMALISED_H_
