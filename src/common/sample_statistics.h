// Summaries of Monte Carlo samples shared by the answers over sampled worlds (the mediator's and
// the analysis's, docs/uncertainty.md): Wilson's interval for a share and quantiles of a sample.
#ifndef PARLEY_COMMON_SAMPLE_STATISTICS_H_
#define PARLEY_COMMON_SAMPLE_STATISTICS_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

namespace parley::internal {

// The q-quantile of a sorted, non-empty sample, interpolating linearly between order statistics.
inline double Quantile(const std::vector<double>& sorted, double q) {
  const double at = q * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(at));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (at - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

// Wilson's 95 % interval for a binomial proportion of `hits` in `n` (n > 0): unlike the normal
// approximation it stays inside [0, 1] and is not empty when hits is 0 or n.
inline std::pair<double, double> Wilson(std::uint64_t hits, std::uint64_t n) {
  const double z = 1.959963984540054, nn = static_cast<double>(n), p = static_cast<double>(hits) / nn;
  const double centre = (p + z * z / (2.0 * nn)) / (1.0 + z * z / nn);
  const double half = z / (1.0 + z * z / nn) * std::sqrt(p * (1.0 - p) / nn + z * z / (4.0 * nn * nn));
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

}  // namespace parley::internal

#endif  // PARLEY_COMMON_SAMPLE_STATISTICS_H_
