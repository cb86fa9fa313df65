// java.lang.Math's min and max on doubles, for ports of Java code: unlike std::min/std::max they
// return NaN when either argument is NaN, so that a NaN reaches the same later comparisons (where
// it makes every test false) as it does in the original. (Java also orders -0.0 below 0.0; no
// port depends on that.) Not for Parley's own arithmetic.
#ifndef PARLEY_COMMON_JAVA_MATH_H_
#define PARLEY_COMMON_JAVA_MATH_H_

#include <algorithm>
#include <cmath>

namespace parley {

inline double JavaMax(double a, double b) { return std::isnan(a) || std::isnan(b) ? NAN : std::max(a, b); }
inline double JavaMin(double a, double b) { return std::isnan(a) || std::isnan(b) ? NAN : std::min(a, b); }

}  // namespace parley

#endif  // PARLEY_COMMON_JAVA_MATH_H_
