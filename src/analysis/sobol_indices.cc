// Sobol indices from the Saltelli design (see parley/sensitivity.h).
//
// References: A. Saltelli, P. Annoni, I. Azzini, F. Campolongo, M. Ratto, S. Tarantola, "Variance
// based sensitivity analysis of model output. Design and estimator for the total sensitivity
// index", Comput. Phys. Commun. 181 (2010) 259-270 (the design, table 2's first-order estimator);
// M. J. W. Jansen, "Analysis of variance designs for model output", Comput. Phys. Commun. 117
// (1999) 35-43 (the total-index estimator). docs/uncertainty.md explains the choice of errors.
#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "common/parallel_blocks.h"
#include "parley/error.h"
#include "parley/random.h"
#include "parley/sensitivity.h"

namespace parley {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void DesignRow(std::uint64_t seed, std::uint64_t tag, std::uint64_t row, std::span<double> out) {
  Rng rng(DeriveSeed(seed, {tag, row}));
  for (double& coordinate : out) coordinate = (static_cast<double>(rng.Next() >> 11) + 0.5) * 0x1.0p-53;
}

void CheckValues(std::span<const double> values, std::size_t rows, const std::string& name) {
  if (values.size() != rows) {
    throw UsageError(
        fmt::format("Sobol estimate: {} has {} values, expected {} (one per row of A)", name, values.size(), rows));
  }
  for (std::size_t j = 0; j < values.size(); ++j) {
    if (!std::isfinite(values[j])) {
      throw UsageError(
          fmt::format("Sobol estimate: {}[{}] is {}; model outputs must be finite numbers", name, j, values[j]));
    }
  }
}

// The per-row terms every estimator is a mean of, for the rows of the design in any order.
struct RowTerms {
  std::size_t rows = 0, inputs = 0;
  std::vector<double> a, b;
  std::vector<double> first;  // [row * inputs + i]: f_B (f_ABi - f_A)
  std::vector<double> total;  // [row * inputs + i]: (f_A - f_ABi)^2 / 2
};

RowTerms TermsOf(std::span<const double> f_a, std::span<const double> f_b,
                 const std::vector<std::vector<double>>& f_ab) {
  RowTerms terms;
  terms.rows = f_a.size();
  terms.inputs = f_ab.size();
  terms.a.assign(f_a.begin(), f_a.end());
  terms.b.assign(f_b.begin(), f_b.end());
  terms.first.resize(terms.rows * terms.inputs);
  terms.total.resize(terms.rows * terms.inputs);
  for (std::size_t j = 0; j < terms.rows; ++j) {
    for (std::size_t i = 0; i < terms.inputs; ++i) {
      const double step = f_ab[i][j] - f_a[j];
      terms.first[j * terms.inputs + i] = f_b[j] * step;
      terms.total[j * terms.inputs + i] = step * step / 2.0;
    }
  }
  return terms;
}

// Mean and variance of the 2N outputs of A and B, and the partial variances, over `rows` (a
// bootstrap resample) or over every row (`rows` empty).
struct Moments {
  double mean = 0.0, variance = 0.0;
  std::vector<double> first, total;
};

Moments MomentsOf(const RowTerms& terms, std::span<const std::uint64_t> rows) {
  const std::size_t n = rows.empty() ? terms.rows : rows.size();
  auto row = [&](std::size_t k) { return rows.empty() ? k : rows[k]; };
  Moments moments;
  double sum = 0.0;
  for (std::size_t k = 0; k < n; ++k) sum += terms.a[row(k)] + terms.b[row(k)];
  moments.mean = sum / static_cast<double>(2 * n);
  double squares = 0.0;
  for (std::size_t k = 0; k < n; ++k) {
    const double da = terms.a[row(k)] - moments.mean, db = terms.b[row(k)] - moments.mean;
    squares += da * da + db * db;
  }
  moments.variance = squares / static_cast<double>(2 * n);
  moments.first.assign(terms.inputs, 0.0);
  moments.total.assign(terms.inputs, 0.0);
  for (std::size_t k = 0; k < n; ++k) {
    const double* first = &terms.first[row(k) * terms.inputs];
    const double* total = &terms.total[row(k) * terms.inputs];
    for (std::size_t i = 0; i < terms.inputs; ++i) {
      moments.first[i] += first[i];
      moments.total[i] += total[i];
    }
  }
  for (std::size_t i = 0; i < terms.inputs; ++i) {
    moments.first[i] /= static_cast<double>(n);
    moments.total[i] /= static_cast<double>(n);
  }
  return moments;
}

// Standard deviation (denominator n - 1) and the 2.5 % and 97.5 % quantiles (linear between order
// statistics) of the finite values; NaN when fewer than 2 are finite.
struct Spread {
  double sd = kNaN, low = kNaN, high = kNaN;
};

Spread SpreadOf(std::vector<double> values) {
  std::erase_if(values, [](double v) { return !std::isfinite(v); });
  Spread spread;
  if (values.size() < 2) return spread;
  double mean = 0.0;
  for (double v : values) mean += v;
  mean /= static_cast<double>(values.size());
  double squares = 0.0;
  for (double v : values) squares += (v - mean) * (v - mean);
  spread.sd = std::sqrt(squares / static_cast<double>(values.size() - 1));
  std::sort(values.begin(), values.end());
  auto quantile = [&](double q) {
    const double at = q * static_cast<double>(values.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(at));
    const std::size_t above = std::min(below + 1, values.size() - 1);
    return values[below] + (at - static_cast<double>(below)) * (values[above] - values[below]);
  };
  spread.low = quantile(0.025);
  spread.high = quantile(0.975);
  return spread;
}

// Resamples rows with replacement (the same row for A, B and every AB_i, which keeps the pairing
// the estimators rely on) and takes the spread of the recomputed indices. Resample r draws from
// its own stream, so the result does not depend on how the resamples are scheduled.
void BootstrapErrors(const RowTerms& terms, const SobolOptions& options, SobolEstimate& estimate) {
  const std::size_t k = terms.inputs;
  std::vector<double> first(options.bootstrap * k), total(options.bootstrap * k);
  std::vector<std::uint64_t> rows(terms.rows);
  for (std::size_t r = 0; r < options.bootstrap; ++r) {
    Rng rng(DeriveSeed(options.seed, {kSobolBootstrap, r}));
    for (auto& row : rows) row = rng.UniformInt(terms.rows);
    const Moments moments = MomentsOf(terms, rows);
    for (std::size_t i = 0; i < k; ++i) {
      // A resample of a constant-looking output has no variance to apportion: left out (NaN).
      first[i * options.bootstrap + r] = moments.variance > 0.0 ? moments.first[i] / moments.variance : kNaN;
      total[i * options.bootstrap + r] = moments.variance > 0.0 ? moments.total[i] / moments.variance : kNaN;
    }
  }
  for (std::size_t i = 0; i < k; ++i) {
    auto column = [&](const std::vector<double>& values) {
      return std::vector<double>(values.begin() + i * options.bootstrap, values.begin() + (i + 1) * options.bootstrap);
    };
    const Spread first_spread = SpreadOf(column(first)), total_spread = SpreadOf(column(total));
    SobolIndex& index = estimate.indices[i];
    index.first_error = first_spread.sd;
    index.first_low = first_spread.low;
    index.first_high = first_spread.high;
    index.total_error = total_spread.sd;
    index.total_low = total_spread.low;
    index.total_high = total_spread.high;
  }
}

// Each index is mean(g) / mean(h) with h_j = ((f_A(j) - mu)^2 + (f_B(j) - mu)^2) / 2; to first
// order its error is sd_j(g_j / V - S h_j / V) / sqrt(N).
void DeltaMethodErrors(const RowTerms& terms, const Moments& moments, SobolEstimate& estimate) {
  const std::size_t n = terms.rows;
  std::vector<double> spread_terms(n);
  auto error = [&](const std::vector<double>& g, std::size_t i, double index) {
    for (std::size_t j = 0; j < n; ++j) {
      const double da = terms.a[j] - moments.mean, db = terms.b[j] - moments.mean;
      const double h = (da * da + db * db) / 2.0;
      spread_terms[j] = (g[j * terms.inputs + i] - index * h) / moments.variance;
    }
    double mean = 0.0;
    for (double z : spread_terms) mean += z;
    mean /= static_cast<double>(n);
    double squares = 0.0;
    for (double z : spread_terms) squares += (z - mean) * (z - mean);
    return std::sqrt(squares / static_cast<double>(n - 1)) / std::sqrt(static_cast<double>(n));
  };
  for (std::size_t i = 0; i < terms.inputs; ++i) {
    SobolIndex& index = estimate.indices[i];
    index.first_error = error(terms.first, i, index.first);
    index.total_error = error(terms.total, i, index.total);
    index.first_low = index.first - 1.96 * index.first_error;
    index.first_high = index.first + 1.96 * index.first_error;
    index.total_low = index.total - 1.96 * index.total_error;
    index.total_high = index.total + 1.96 * index.total_error;
  }
}

}  // namespace

void DesignRowA(std::uint64_t seed, std::uint64_t row, std::span<double> out) {
  DesignRow(seed, kSobolRowsA, row, out);
}
void DesignRowB(std::uint64_t seed, std::uint64_t row, std::span<double> out) {
  DesignRow(seed, kSobolRowsB, row, out);
}

SobolEstimate EstimateSobol(std::span<const double> f_a, std::span<const double> f_b,
                            const std::vector<std::vector<double>>& f_ab, const SobolOptions& options) {
  const std::size_t n = f_a.size();
  if (n < 2) throw UsageError(fmt::format("Sobol estimate: at least 2 rows are needed, found {}", n));
  if (options.errors == SobolErrors::kBootstrap && options.bootstrap < 2) {
    throw UsageError(
        fmt::format("Sobol estimate: the bootstrap needs at least 2 resamples, found {}", options.bootstrap));
  }
  CheckValues(f_a, n, "f_a");
  CheckValues(f_b, n, "f_b");
  for (std::size_t i = 0; i < f_ab.size(); ++i) CheckValues(f_ab[i], n, fmt::format("f_ab[{}]", i));

  const RowTerms terms = TermsOf(f_a, f_b, f_ab);
  const Moments moments = MomentsOf(terms, {});
  SobolEstimate estimate;
  estimate.mean = moments.mean;
  estimate.variance = moments.variance;
  estimate.indices.resize(f_ab.size());
  if (moments.variance == 0.0) {
    for (auto& index : estimate.indices) {
      index = SobolIndex{kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN};
    }
    return estimate;
  }
  for (std::size_t i = 0; i < f_ab.size(); ++i) {
    estimate.indices[i].first = moments.first[i] / moments.variance;
    estimate.indices[i].total = moments.total[i] / moments.variance;
  }
  if (options.errors == SobolErrors::kBootstrap) {
    BootstrapErrors(terms, options, estimate);
  } else {
    DeltaMethodErrors(terms, moments, estimate);
  }
  return estimate;
}

std::vector<SobolEstimate> SobolIndices(std::size_t dimension, std::size_t outputs, std::size_t rows,
                                        std::uint64_t seed, unsigned threads, const SobolModel& model,
                                        const SobolOptions& options) {
  if (dimension == 0) throw UsageError("Sobol indices: the model has no inputs (dimension 0)");
  if (outputs == 0) throw UsageError("Sobol indices: the model has no outputs");
  if (rows < 2) throw UsageError(fmt::format("Sobol indices: at least 2 rows are needed, found {}", rows));
  // values[(matrix * rows + j) * outputs + o], matrix 0 = A, 1 = B, 2 + i = AB_i.
  const std::size_t matrices = dimension + 2;
  std::vector<double> values(matrices * rows * outputs);
  constexpr std::uint64_t kBlock = 64;
  const std::uint64_t blocks = (rows + kBlock - 1) / kBlock;
  internal::ForEachBlock(blocks, threads, [&](std::uint64_t block, unsigned) {
    std::vector<double> a(dimension), b(dimension), mixed(dimension);
    const std::uint64_t end = std::min<std::uint64_t>(rows, (block + 1) * kBlock);
    for (std::uint64_t j = block * kBlock; j < end; ++j) {
      DesignRowA(seed, j, a);
      DesignRowB(seed, j, b);
      auto out = [&](std::size_t matrix) {
        return std::span<double>(values).subspan((matrix * rows + j) * outputs, outputs);
      };
      model(a, out(0));
      model(b, out(1));
      for (std::size_t i = 0; i < dimension; ++i) {
        mixed = a;
        mixed[i] = b[i];
        model(mixed, out(2 + i));
      }
    }
  });
  std::vector<SobolEstimate> estimates;
  std::vector<double> f_a(rows), f_b(rows);
  std::vector<std::vector<double>> f_ab(dimension, std::vector<double>(rows));
  for (std::size_t o = 0; o < outputs; ++o) {
    for (std::size_t j = 0; j < rows; ++j) {
      f_a[j] = values[(0 * rows + j) * outputs + o];
      f_b[j] = values[(1 * rows + j) * outputs + o];
      for (std::size_t i = 0; i < dimension; ++i) f_ab[i][j] = values[((2 + i) * rows + j) * outputs + o];
    }
    estimates.push_back(EstimateSobol(f_a, f_b, f_ab, options));
  }
  return estimates;
}

}  // namespace parley
