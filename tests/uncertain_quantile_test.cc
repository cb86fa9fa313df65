// Tests of the distributions of uncertain numbers: the standard normal's CDF and inverse against
// published values, each shape's quantile at points computed by hand, and Kolmogorov-Smirnov
// checks that unit points pushed through the quantiles follow each analytic CDF.
#include <algorithm>
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "common/normal_distribution.h"
#include "parley/random.h"
#include "parley/uncertainty.h"

namespace parley {
namespace {

using internal::NormalCdf;
using internal::NormalQuantile;

constexpr double kInfinity = std::numeric_limits<double>::infinity();

UncertainNumber Uniform(double low, double high) {
  UncertainNumber n;
  n.shape = UncertainNumber::Shape::kUniform;
  n.low = low;
  n.high = high;
  return n;
}

UncertainNumber Triangular(double low, double mode, double high) {
  UncertainNumber n = Uniform(low, high);
  n.shape = UncertainNumber::Shape::kTriangular;
  n.mode = mode;
  return n;
}

UncertainNumber Normal(double mean, double sd, double low = -kInfinity, double high = kInfinity) {
  UncertainNumber n = Uniform(low, high);
  n.shape = UncertainNumber::Shape::kNormal;
  n.mean = mean;
  n.sd = sd;
  return n;
}

// Percentage points of the standard normal, computed apart to 20 digits by solving Phi(z) = p in
// 50-digit arithmetic (mpmath's ncdf and findroot).
TEST(NormalDistributionTest, QuantileMatchesTabulatedPoints) {
  struct Row {
    double p, z;
  };
  const Row rows[] = {
      {0.5, 0.0},
      {0.975, 1.959963984540054},
      {0.75, 0.6744897501960817},
      {0.9, 1.2815515655446004},
      {0.99, 2.326347874040841},
      {0.999, 3.0902323061678135},
      {0.025, -1.959963984540054},
      {1e-10, -6.361340902404056},
      {1e-300, -37.0470962993612},
  };
  for (const Row& row : rows) {
    EXPECT_NEAR(NormalQuantile(row.p), row.z, 1e-13 * std::max(1.0, std::fabs(row.z))) << row.p;
  }
  EXPECT_EQ(NormalQuantile(0.5), 0.0);
  EXPECT_EQ(NormalQuantile(0.0), -kInfinity);
  EXPECT_EQ(NormalQuantile(1.0), kInfinity);
  EXPECT_TRUE(std::isnan(NormalQuantile(1.5)));
}

// The inverse of the CDF: Phi(Phi^-1(p)) = p to about machine precision across the three
// regions of AS 241 (centre, near tail, far tail).
TEST(NormalDistributionTest, QuantileInvertsCdf) {
  for (double p : {1e-250, 1e-40, 1e-12, 1e-5, 0.01, 0.07, 0.2, 0.4999, 0.6, 0.93, 0.99999}) {
    EXPECT_NEAR(NormalCdf(NormalQuantile(p)) / p, 1.0, 1e-13) << p;
  }
  EXPECT_NEAR(NormalCdf(1.959963984540054), 0.975, 1e-15);
  EXPECT_EQ(NormalCdf(0.0), 0.5);
}

TEST(UncertainQuantileTest, HandValues) {
  EXPECT_EQ(Uniform(2, 4).Quantile(0.25), 2.5);
  // Triangular [0, 1, 4]: F(x) = x^2 / 4 up to 1, then 1 - (4 - x)^2 / 12.
  const UncertainNumber triangle = Triangular(0, 1, 4);
  EXPECT_DOUBLE_EQ(triangle.Quantile(0.25), 1.0);
  EXPECT_DOUBLE_EQ(triangle.Quantile(0.0625), 0.5);
  EXPECT_DOUBLE_EQ(triangle.Quantile(0.8125), 2.5);
  EXPECT_DOUBLE_EQ(triangle.Cdf(2.5), 0.8125);
  EXPECT_NEAR(Normal(0, 1).Quantile(0.975), 1.959963984540054, 1e-13);
  EXPECT_EQ(Normal(0, 1).Quantile(0.5), 0.0);
  EXPECT_NEAR(Normal(0.5, 0.1, 0, 1).Quantile(0.5), 0.5, 1e-15);
  // Truncated to [0, inf): the median is Phi^-1(3/4).
  EXPECT_NEAR(Normal(0, 1, 0, kInfinity).Quantile(0.5), 0.6744897501960817, 1e-13);
  // Far in the upper tail: truncated to [10, 11], the median solves
  // Q(x) = (Q(10) + Q(11)) / 2 with Q the upper tail, x = 10 + ln(2)/10 to first order.
  const double median = Normal(0, 1, 10, 11).Quantile(0.5);
  EXPECT_NEAR(NormalCdf(-median), (NormalCdf(-10) + NormalCdf(-11)) / 2, 1e-13 * NormalCdf(-10));
  EXPECT_GT(median, 10.0);
}

// Zero width is the number itself, bit for bit, whatever the unit coordinate.
TEST(UncertainQuantileTest, ZeroWidthIsThePoint) {
  const double x = 0.1 + 0.2;  // a number with a long binary expansion
  for (double u : {1e-16, 0.3, 0.5, 0.999999}) {
    EXPECT_EQ(Uniform(x, x).Quantile(u), x);
    EXPECT_EQ(Triangular(x, x, x).Quantile(u), x);
    EXPECT_EQ(Normal(x, 0.0, 0, 1).Quantile(u), x);
  }
}

// Kolmogorov-Smirnov: n = 20000 unit draws through each quantile; the largest gap between the
// empirical and the analytic CDF stays below 1.63 / sqrt(n), the 1 % critical value.
TEST(UncertainQuantileTest, KolmogorovSmirnovOfEachShape) {
  const UncertainNumber shapes[] = {
      Uniform(-1, 3), Triangular(0, 1, 4),        Triangular(0, 0, 2),     Triangular(1, 2, 2), Normal(0.4, 0.2, 0, 1),
      Normal(0, 1),   Normal(0, 1, 0, kInfinity), Normal(0.9, 0.05, 0, 1), Normal(0, 1, 2.5, 4)};
  constexpr std::size_t n = 20000;
  for (std::size_t s = 0; s < std::size(shapes); ++s) {
    const UncertainNumber& shape = shapes[s];
    Rng rng(DeriveSeed(20261205, {s}));
    std::vector<double> draws(n);
    for (double& x : draws) x = shape.Quantile((static_cast<double>(rng.Next() >> 11) + 0.5) * 0x1p-53);
    std::sort(draws.begin(), draws.end());
    double gap = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      // The analytic CDF, computed apart from the quantile code.
      double f;
      const double x = draws[i];
      switch (shape.shape) {
        case UncertainNumber::Shape::kUniform: f = (x - shape.low) / (shape.high - shape.low); break;
        case UncertainNumber::Shape::kTriangular:
          f = x <= shape.mode
                  ? (x - shape.low) * (x - shape.low) / ((shape.high - shape.low) * (shape.mode - shape.low))
                  : 1 - (shape.high - x) * (shape.high - x) / ((shape.high - shape.low) * (shape.high - shape.mode));
          break;
        default: {
          const auto phi = [&](double y) { return 0.5 * std::erfc(-(y - shape.mean) / shape.sd / std::sqrt(2.0)); };
          f = (phi(x) - phi(shape.low)) / (phi(shape.high) - phi(shape.low));
        }
      }
      gap = std::max({gap, std::fabs(f - static_cast<double>(i) / n), std::fabs(static_cast<double>(i + 1) / n - f)});
      ASSERT_GE(x, shape.low);
      ASSERT_LE(x, shape.high);
    }
    EXPECT_LT(gap, 1.63 / std::sqrt(static_cast<double>(n))) << "shape " << s;
  }
}

// The test can fail: a uniform checked against a shifted CDF is rejected.
TEST(UncertainQuantileTest, KolmogorovSmirnovSeesAShift) {
  constexpr std::size_t n = 20000;
  const UncertainNumber uniform = Uniform(0, 1);
  Rng rng(7);
  std::vector<double> draws(n);
  for (double& x : draws) x = uniform.Quantile((static_cast<double>(rng.Next() >> 11) + 0.5) * 0x1p-53);
  std::sort(draws.begin(), draws.end());
  double gap = 0.0;
  for (std::size_t i = 0; i < n; ++i) gap = std::max(gap, std::fabs(std::min(1.0, draws[i] * 1.03) - double(i) / n));
  EXPECT_GT(gap, 1.63 / std::sqrt(static_cast<double>(n)));
}

}  // namespace
}  // namespace parley
