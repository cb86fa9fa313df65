// IAMhaggler2011's Gaussian-process mixture (src/negotiators/anac/gaussian_process_mixture.h)
// against a second derivation written from the model's definition: every GP of the 11 x 11 x 1
// hyperparameter grid solved with an explicit inverse by Gauss-Jordan elimination (where the port
// follows gp4j's Cholesky and pivoted-LU steps), and the Bayesian Monte Carlo weights from
// K_S^-1 N_S K_S^-1 with N_S integrated numerically (where the port uses gp4j's closed form).
// Also commons-math's erf against the C library's.
#include "negotiators/anac/gaussian_process_mixture.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace parley {
namespace {

using Matrix = std::vector<std::vector<double>>;
constexpr double kPi = 3.141592653589793;

// Inverse and log-determinant by Gauss-Jordan elimination with partial pivoting.
Matrix Inverse(Matrix a, double* log_det = nullptr) {
  const std::size_t n = a.size();
  Matrix inv(n, std::vector<double>(n, 0.0));
  for (std::size_t i = 0; i < n; ++i) inv[i][i] = 1;
  double log_abs = 0;
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t p = c;
    for (std::size_t r = c + 1; r < n; ++r) {
      if (std::abs(a[r][c]) > std::abs(a[p][c])) p = r;
    }
    std::swap(a[p], a[c]);
    std::swap(inv[p], inv[c]);
    const double pivot = a[c][c];
    log_abs += std::log(std::abs(pivot));
    for (std::size_t k = 0; k < n; ++k) a[c][k] /= pivot, inv[c][k] /= pivot;
    for (std::size_t r = 0; r < n; ++r) {
      if (r == c) continue;
      const double f = a[r][c];
      for (std::size_t k = 0; k < n; ++k) a[r][k] -= f * a[c][k], inv[r][k] -= f * inv[c][k];
    }
  }
  if (log_det) *log_det = log_abs;
  return inv;
}

Matrix Product(const Matrix& a, const Matrix& b) {
  Matrix c(a.size(), std::vector<double>(b[0].size(), 0.0));
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (std::size_t k = 0; k < b.size(); ++k) {
      for (std::size_t j = 0; j < b[0].size(); ++j) c[i][j] += a[i][k] * b[k][j];
    }
  }
  return c;
}

double Normal(double x, double mean, double sd) {
  return std::exp(-0.5 * (x - mean) * (x - mean) / (sd * sd)) / (std::sqrt(2 * kPi) * sd);
}

struct GridPrior {
  int count;
  double mean;  // of the hyperparameter, not its log
  double sd;    // of its log
  std::vector<double> Samples() const {
    if (count == 1) return {std::log(mean)};
    std::vector<double> s;
    for (int k = 0; k < count; ++k) s.push_back(std::log(mean) - 2 * sd + 4 * sd * k / (count - 1));
    return s;
  }
  double Width() const { return count == 1 ? 0.25 : 0.25 * 4 * sd / (count - 1); }
};

// K_S^-1 N_S K_S^-1 for one prior, N_S(i, j) = integral of N(t; s_i, w) N(t; s_j, w) N(t; mu, sd) dt
// by Simpson's rule.
Matrix Quadrature(const GridPrior& prior, bool as_gp4j) {
  const std::vector<double> s = prior.Samples();
  const std::size_t n = s.size();
  const double w = prior.Width(), mu = std::log(prior.mean);
  Matrix ks(n, std::vector<double>(n)), ns(n, std::vector<double>(n));
  const int steps = 40000;
  const double low = mu - 12 * prior.sd, h = 24 * prior.sd / steps;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      ks[i][j] = Normal(s[i], s[j], w);
      double sum = 0;
      for (int k = 0; k <= steps; ++k) {
        const double t = low + k * h;
        const double f = Normal(t, s[i], w) * Normal(t, s[j], w) * Normal(t, mu, prior.sd);
        sum += (k == 0 || k == steps ? 1 : (k % 2 ? 4 : 2)) * f;
      }
      ns[i][j] = sum * h / 3;
    }
  }
  // gp4j multiplies on the left by (L'L)^-1, L the Cholesky factor of K_S, where the BMC formula
  // has K_S^-1 = (LL')^-1; the two differ slightly (K_S is nearly diagonal), and the agent's
  // weights are gp4j's.
  Matrix l(n, std::vector<double>(n, 0.0)), lt(n, std::vector<double>(n, 0.0));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j <= i; ++j) {
      double sum = ks[i][j];
      for (std::size_t k = 0; k < j; ++k) sum -= l[i][k] * l[j][k];
      l[i][j] = i == j ? std::sqrt(sum) : sum / l[j][j];
      lt[j][i] = l[i][j];
    }
  }
  return Product(Product(Inverse(as_gp4j ? Product(lt, l) : ks), ns), Inverse(ks));
}

double Matern(double a, double b, double length, double signal) {
  const double r = std::sqrt(3.0) * std::abs(a - b) / length;
  return signal * signal * (1 + r) * std::exp(-r);
}

struct Prediction {
  std::vector<double> mean, variance;
};

// The mixture's prediction at `test` from the points (x, y), derived directly.
Prediction Derive(const std::vector<double>& x, const std::vector<double>& y, const std::vector<double>& test,
                  bool as_gp4j) {
  const GridPrior priors[] = {{11, 0.252, 0.5}, {11, 0.166, 0.5}, {1, 0.01, 1.0}};
  // Kronecker product of the three quadratures, first prior slowest.
  const Matrix q0 = Quadrature(priors[0], as_gp4j), q1 = Quadrature(priors[1], as_gp4j),
               q2 = Quadrature(priors[2], as_gp4j);
  const std::size_t gps = 121, n = x.size(), m = test.size();
  std::vector<double> log_likelihood(gps);
  std::vector<std::vector<double>> means(gps), variances(gps);
  const auto s0 = priors[0].Samples(), s1 = priors[1].Samples(), s2 = priors[2].Samples();
  for (std::size_t g = 0; g < gps; ++g) {
    const double length = std::exp(s0[g / 11]), signal = std::exp(s1[g % 11]), noise = std::exp(s2[0]);
    Matrix k(n, std::vector<double>(n));
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j) k[i][j] = Matern(x[i], x[j], length, signal) + (i == j ? noise * noise : 0);
    }
    double log_det = 0;
    const Matrix inv = Inverse(k, &log_det);
    double fit = 0;
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j) fit += y[i] * inv[i][j] * y[j];
    }
    log_likelihood[g] = -0.5 * fit - 0.5 * log_det - 0.5 * n * std::log(2 * kPi);
    for (double t : test) {
      std::vector<double> ks(n);
      for (std::size_t i = 0; i < n; ++i) ks[i] = Matern(x[i], t, length, signal);
      double mean = 0, reduction = 0;
      for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
          mean += ks[i] * inv[i][j] * y[j];
          reduction += ks[i] * inv[i][j] * ks[j];
        }
      }
      means[g].push_back(mean);
      variances[g].push_back(signal * signal + noise * noise - reduction);
    }
  }
  double best = log_likelihood[0];
  for (double l : log_likelihood) best = std::max(best, l);
  std::vector<double> weights(gps, 0.0);
  double total = 0;
  for (std::size_t a = 0; a < gps; ++a) {
    for (std::size_t b = 0; b < gps; ++b) {
      weights[a] += q0[a / 11][b / 11] * q1[a % 11][b % 11] * q2[0][0] * std::exp(log_likelihood[b] - best);
    }
    total += weights[a];
  }
  std::vector<double> expected_mean(m, 0.0), expected_variance(m, 0.0);
  for (std::size_t g = 0; g < gps; ++g) {
    for (std::size_t j = 0; j < m; ++j) {
      expected_mean[j] += weights[g] / total * means[g][j];
      expected_variance[j] += weights[g] / total * (variances[g][j] + means[g][j] * means[g][j]);
    }
  }
  for (std::size_t j = 0; j < m; ++j) expected_variance[j] -= expected_mean[j] * expected_mean[j];
  return {expected_mean, expected_variance};
}

TEST(GaussianProcessMixture, AgreesWithADirectDerivation) {
  const std::vector<double> x = {0.5 / 36, 1.5 / 36, 2.5 / 36, 3.5 / 36, 4.5 / 36, 5.5 / 36};
  const std::vector<double> y = {0.0, -0.04, 0.01, 0.07, 0.05, 0.12};
  std::vector<double> test;
  for (int j = 0; j <= 100; ++j) test.push_back(j / 100.0);
  const std::size_t m = test.size();
  const Prediction expected = Derive(x, y, test, true);

  GaussianProcessMixture mixture;
  std::vector<double> mean, variance;
  ASSERT_TRUE(mixture.Predict(x, y, test, mean, variance));
  ASSERT_EQ(mean.size(), m);
  for (std::size_t j = 0; j < m; ++j) {
    EXPECT_NEAR(mean[j], expected.mean[j], 1e-11) << "t = " << test[j];
    EXPECT_NEAR(variance[j], expected.variance[j], 1e-11) << "t = " << test[j];
  }
  // The comparison sees gp4j's left factor: with BMC's K_S^-1 there instead the means part by
  // more than 1e-10.
  const Prediction textbook = Derive(x, y, test, false);
  double most = 0;
  for (std::size_t j = 0; j < m; ++j) most = std::max(most, std::abs(mean[j] - textbook.mean[j]));
  EXPECT_GT(most, 1e-10);
  // The prediction is not trivial: it follows the points and is least certain far from them.
  EXPECT_GT(mean[14], mean[3]);
  EXPECT_GT(variance[100], 10 * variance[8]);
}

TEST(GaussianProcessMixture, ErfIsCommonsMathsToTheLastPlaces) {
  for (double x : {-5.9, -2.0, -0.7, -1e-3, 0.0, 1e-6, 0.3, 0.5, 1.0, 1.5, 2.5, 4.0, 6.0, 41.0}) {
    EXPECT_NEAR(CommonsMathErf(x), std::erf(x), 4e-15) << x;
  }
}

}  // namespace
}  // namespace parley
