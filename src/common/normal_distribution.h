// The standard normal distribution's CDF and its inverse, for the truncated normals of uncertain
// numbers (include/parley/uncertainty.h). Pure functions: thread-safe, no allocation.
#ifndef PARLEY_COMMON_NORMAL_DISTRIBUTION_H_
#define PARLEY_COMMON_NORMAL_DISTRIBUTION_H_

namespace parley::internal {

// P(Z <= z) for a standard normal Z, through std::erfc so that the lower tail keeps its relative
// precision far from the mean (Phi(-30) is about 5e-198, not 0). NormalCdf(-inf) = 0, (inf) = 1.
double NormalCdf(double z);

// The z with NormalCdf(z) = p, for p in [0, 1]: -inf at 0, inf at 1, NaN outside. Relative error
// about 1e-16 (Wichura's algorithm AS 241); NormalQuantile(0.5) is 0 exactly.
double NormalQuantile(double p);

}  // namespace parley::internal

#endif  // PARLEY_COMMON_NORMAL_DISTRIBUTION_H_
