// Variance-based sensitivity (Sobol indices) of a model's outputs to its independent inputs, from
// the Saltelli design of Monte Carlo samples, with Monte Carlo errors.
//
// A model Y = f(X) has k independent inputs, each X_i = F_i^-1(U_i) of a uniform U_i on (0, 1), so
// the design lives on the unit cube. Matrices A and B hold N independent rows; AB_i is A with its
// column i taken from B; the model is evaluated on the N(k + 2) rows of A, B and every AB_i.
// First-order indices follow Saltelli et al. 2010, total indices Jansen 1999; errors come from a
// seeded bootstrap over rows or from the delta method. Everything is deterministic for a seed and
// independent of the number of threads. docs/uncertainty.md gives the formulas and references.
//
// The functions are thread-safe (they share no state); EstimateSobol allocates its results and,
// for the bootstrap, one index vector.
#ifndef PARLEY_SENSITIVITY_H_
#define PARLEY_SENSITIVITY_H_

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

// The DeriveSeed tags of the design's rows and of the bootstrap's resamples. Row j of A draws from
// Rng(DeriveSeed(seed, {kSobolRowsA, j})), the stream of UncertainScenario::UnitPoint (the tag is
// uncertainty.h's kUnitPointStreamTag), so row j of A is sample j of a scenario's worlds.
inline constexpr std::uint64_t kSobolRowsA = 0x756e6974;            // "unit"
inline constexpr std::uint64_t kSobolRowsB = 0x536f626f6c2d42;      // "Sobol-B"
inline constexpr std::uint64_t kSobolBootstrap = 0x536f626f6c2d52;  // "Sobol-R"

// Fills `out` (one coordinate per input) with row `row` of matrix A or B of the design for `seed`:
// successive draws w of the row's Rng, each ((w >> 11) + 0.5) * 2^-53, so every coordinate lies
// strictly inside (0, 1) and a quantile function never meets an infinite tail. Allocates nothing.
void DesignRowA(std::uint64_t seed, std::uint64_t row, std::span<double> out);
void DesignRowB(std::uint64_t seed, std::uint64_t row, std::span<double> out);

// One input's indices. Errors are standard errors of the estimates; low/high bound a 95 %
// interval (bootstrap percentiles, or +- 1.96 errors with the delta method).
struct SobolIndex {
  double first = 0.0, first_error = 0.0, first_low = 0.0, first_high = 0.0;
  double total = 0.0, total_error = 0.0, total_low = 0.0, total_high = 0.0;
};

// One output's estimate: its mean and variance over the 2N rows of A and B, and one index per
// input. When the variance is 0 (a constant output), every index field is NaN: nothing to apportion.
struct SobolEstimate {
  double mean = 0.0;
  double variance = 0.0;
  std::vector<SobolIndex> indices;
};

enum class SobolErrors { kBootstrap, kDeltaMethod };

struct SobolOptions {
  std::size_t bootstrap = 500;  // resamples of the rows, with kBootstrap; at least 2
  std::uint64_t seed = 0;       // of the bootstrap's resamples
  SobolErrors errors = SobolErrors::kBootstrap;
};

// Estimates from the model's values on the design: f_a[j], f_b[j] and f_ab[i][j] for the N rows j
// and the k inputs i. Negative first-order estimates (noise around 0) are returned as computed.
// Throws UsageError when N < 2, when a vector does not have N values, when a value is not finite
// or when the bootstrap asks for fewer than 2 resamples.
SobolEstimate EstimateSobol(std::span<const double> f_a, std::span<const double> f_b,
                            const std::vector<std::vector<double>>& f_ab, const SobolOptions& options = {});

// A model of the unit cube: reads one design row (k coordinates) and writes its outputs. Called
// from several threads at once when threads > 1, so it must be safe to call concurrently.
using SobolModel = std::function<void(std::span<const double> unit, std::span<double> outputs)>;

// Evaluates `model` on the N(k + 2) rows of the design for `seed` (N = `rows`, k = `dimension`)
// with `threads` threads (0: the hardware's count) and estimates the indices of each of its
// `outputs` outputs. The result does not depend on the number of threads. Throws UsageError for
// dimension 0, outputs 0 or rows < 2, and rethrows what the model throws.
std::vector<SobolEstimate> SobolIndices(std::size_t dimension, std::size_t outputs, std::size_t rows,
                                        std::uint64_t seed, unsigned threads, const SobolModel& model,
                                        const SobolOptions& options = {});

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_SENSITIVITY_H_
