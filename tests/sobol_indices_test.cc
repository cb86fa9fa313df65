// Sobol indices (parley/sensitivity.h) against test functions whose indices are known in closed
// form (derived below from the functions' ANOVA decompositions, not from the estimator), the
// bootstrap's interval against its nominal coverage, the two error methods against each other,
// and the error paths with their exact messages.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <string>

#include "parley/error.h"
#include "parley/sensitivity.h"

namespace parley {
namespace {

constexpr double kPi = std::numbers::pi;

struct Expected {
  std::vector<double> first, total;
};

// Y = sum c_i X_i, X_i ~ U(0, 1): V_i = c_i^2 / 12 and no interactions, so S_i = ST_i = c_i^2 / sum c^2.
Expected AdditiveTruth(const std::vector<double>& c) {
  double sum = 0.0;
  for (double ci : c) sum += ci * ci;
  Expected truth;
  for (double ci : c) {
    truth.first.push_back(ci * ci / sum);
    truth.total.push_back(ci * ci / sum);
  }
  return truth;
}

// Ishigami & Homma: Y = sin X1 + a sin^2 X2 + b X3^4 sin X1, X_i ~ U(-pi, pi). With E[sin^2] = 1/2,
// E[sin^4] = 3/8, E[X^4] = pi^4/5, E[X^8] = pi^8/9: V_1 = (1 + b pi^4/5)^2 / 2, V_2 = a^2/8, V_3 = 0,
// V_13 = b^2 pi^8 (1/18 - 1/50), V = V_1 + V_2 + V_13.
Expected IshigamiTruth(double a, double b) {
  const double v1 = std::pow(1.0 + b * std::pow(kPi, 4) / 5.0, 2) / 2.0;
  const double v2 = a * a / 8.0;
  const double v13 = b * b * std::pow(kPi, 8) * (1.0 / 18.0 - 1.0 / 50.0);
  const double v = v1 + v2 + v13;
  return {{v1 / v, v2 / v, 0.0}, {(v1 + v13) / v, v2 / v, v13 / v}};
}

// Sobol's g-function: Y = prod (|4 X_i - 2| + a_i) / (1 + a_i), X_i ~ U(0, 1). Each factor has mean 1
// and variance V_i = 1 / (3 (1 + a_i)^2); V = prod (1 + V_i) - 1, ST_i = V_i prod_(j != i) (1 + V_j) / V.
Expected GFunctionTruth(const std::vector<double>& a) {
  std::vector<double> partial;
  double product = 1.0;
  for (double ai : a) {
    partial.push_back(1.0 / (3.0 * (1.0 + ai) * (1.0 + ai)));
    product *= 1.0 + partial.back();
  }
  const double v = product - 1.0;
  Expected truth;
  for (double vi : partial) {
    truth.first.push_back(vi / v);
    truth.total.push_back(vi * product / (1.0 + vi) / v);
  }
  return truth;
}

SobolModel Additive(std::vector<double> c) {
  return [c](std::span<const double> x, std::span<double> y) {
    y[0] = 0.0;
    for (std::size_t i = 0; i < c.size(); ++i) y[0] += c[i] * x[i];
  };
}

SobolModel Ishigami(double a, double b) {
  return [a, b](std::span<const double> u, std::span<double> y) {
    const double x1 = -kPi + 2.0 * kPi * u[0], x2 = -kPi + 2.0 * kPi * u[1], x3 = -kPi + 2.0 * kPi * u[2];
    y[0] = std::sin(x1) + a * std::sin(x2) * std::sin(x2) + b * std::pow(x3, 4) * std::sin(x1);
  };
}

SobolModel GFunction(std::vector<double> a) {
  return [a](std::span<const double> x, std::span<double> y) {
    y[0] = 1.0;
    for (std::size_t i = 0; i < a.size(); ++i) y[0] *= (std::fabs(4.0 * x[i] - 2.0) + a[i]) / (1.0 + a[i]);
  };
}

void ExpectWithinErrors(const SobolEstimate& estimate, const Expected& truth, const std::string& what) {
  ASSERT_EQ(estimate.indices.size(), truth.first.size()) << what;
  for (std::size_t i = 0; i < truth.first.size(); ++i) {
    const SobolIndex& index = estimate.indices[i];
    EXPECT_LE(index.first_error, 0.03) << what << " input " << i;
    EXPECT_LE(index.total_error, 0.03) << what << " input " << i;
    EXPECT_GT(index.first_error, 0.0) << what << " input " << i;
    EXPECT_GT(index.total_error, 0.0) << what << " input " << i;
    EXPECT_NEAR(index.first, truth.first[i], 4.0 * index.first_error) << what << " first order of input " << i;
    EXPECT_NEAR(index.total, truth.total[i], 4.0 * index.total_error) << what << " total of input " << i;
  }
}

constexpr std::size_t kRows = 1 << 14;

TEST(SobolIndices, AdditiveFunctionMatchesAnalyticIndices) {
  const std::vector<double> c = {1.0, 2.0, 3.0};
  const auto estimates = SobolIndices(3, 1, kRows, 11, 2, Additive(c));
  ASSERT_EQ(estimates.size(), 1u);
  ExpectWithinErrors(estimates[0], AdditiveTruth(c), "additive");
  // Var(X1 + 2 X2 + 3 X3) = 14 / 12; mean 3.
  EXPECT_NEAR(estimates[0].variance, 14.0 / 12.0, 0.05);
  EXPECT_NEAR(estimates[0].mean, 3.0, 0.03);
}

TEST(SobolIndices, IshigamiMatchesAnalyticIndices) {
  const auto estimates = SobolIndices(3, 1, kRows, 12, 2, Ishigami(7.0, 0.1));
  ExpectWithinErrors(estimates[0], IshigamiTruth(7.0, 0.1), "Ishigami");
  // The closed form itself, checked against the published values (Saltelli et al. 2010, Table 3).
  const Expected truth = IshigamiTruth(7.0, 0.1);
  EXPECT_NEAR(truth.first[0], 0.3139, 1e-4);
  EXPECT_NEAR(truth.first[1], 0.4424, 1e-4);
  EXPECT_NEAR(truth.total[0], 0.5576, 1e-4);
  EXPECT_NEAR(truth.total[2], 0.2437, 1e-4);
}

TEST(SobolIndices, GFunctionMatchesAnalyticIndices) {
  const std::vector<double> a = {0.0, 1.0, 4.5, 9.0};
  const auto estimates = SobolIndices(4, 1, kRows, 13, 2, GFunction(a));
  ExpectWithinErrors(estimates[0], GFunctionTruth(a), "g-function");
}

TEST(SobolIndices, SeveralOutputsAreEstimatedSeparately) {
  auto both = [](std::span<const double> x, std::span<double> y) {
    Additive({1.0, 2.0, 3.0})(x, y.subspan(0, 1));
    Additive({3.0, 0.0, 1.0})(x, y.subspan(1, 1));
  };
  const auto estimates = SobolIndices(3, 2, 4096, 14, 1, both);
  ASSERT_EQ(estimates.size(), 2u);
  const auto alone = SobolIndices(3, 1, 4096, 14, 1, Additive({3.0, 0.0, 1.0}));
  EXPECT_EQ(estimates[1].indices[0].first, alone[0].indices[0].first);
  EXPECT_EQ(estimates[1].indices[2].total_error, alone[0].indices[2].total_error);
  // An input the output ignores has no first-order or total effect: both estimators are exactly
  // 0 for it (f_ABi == f_A row by row).
  EXPECT_EQ(estimates[1].indices[1].first, 0.0);
  EXPECT_EQ(estimates[1].indices[1].total, 0.0);
}

TEST(SobolIndices, ResultDoesNotDependOnThreads) {
  const auto one = SobolIndices(3, 1, 3000, 15, 1, Ishigami(7.0, 0.1));
  for (unsigned threads : {2u, 3u}) {
    const auto many = SobolIndices(3, 1, 3000, 15, threads, Ishigami(7.0, 0.1));
    EXPECT_EQ(many[0].mean, one[0].mean);
    EXPECT_EQ(many[0].variance, one[0].variance);
    for (std::size_t i = 0; i < 3; ++i) {
      EXPECT_EQ(many[0].indices[i].first, one[0].indices[i].first);
      EXPECT_EQ(many[0].indices[i].first_error, one[0].indices[i].first_error);
      EXPECT_EQ(many[0].indices[i].total_high, one[0].indices[i].total_high);
    }
  }
}

// With 200 independent designs of N = 500 rows, the 95 % bootstrap intervals of the additive
// function's six indices should hold the truth about 95 % of the time; a broken pairing or a
// misplaced quantile gives far less (or, with huge errors, always 100 %).
TEST(SobolIndices, BootstrapIntervalCoversTheTruth) {
  const std::vector<double> c = {1.0, 2.0, 3.0};
  const Expected truth = AdditiveTruth(c);
  std::size_t covered = 0, intervals = 0;
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    SobolOptions options;
    options.seed = seed;
    const auto estimate = SobolIndices(3, 1, 500, 1000 + seed, 1, Additive(c), options)[0];
    for (std::size_t i = 0; i < 3; ++i) {
      const SobolIndex& index = estimate.indices[i];
      covered += index.first_low <= truth.first[i] && truth.first[i] <= index.first_high;
      covered += index.total_low <= truth.total[i] && truth.total[i] <= index.total_high;
      intervals += 2;
    }
  }
  const double share = static_cast<double>(covered) / static_cast<double>(intervals);
  EXPECT_GE(share, 0.88);
  EXPECT_LE(share, 0.99);
}

TEST(SobolIndices, BootstrapAndDeltaMethodErrorsAgree) {
  for (const auto& [name, model, k] : std::vector<std::tuple<std::string, SobolModel, std::size_t>>{
           {"additive", Additive({1.0, 2.0, 3.0}), 3}, {"Ishigami", Ishigami(7.0, 0.1), 3}}) {
    SobolOptions bootstrap;
    SobolOptions delta;
    delta.errors = SobolErrors::kDeltaMethod;
    const auto by_bootstrap = SobolIndices(k, 1, kRows, 16, 2, model, bootstrap)[0];
    const auto by_delta = SobolIndices(k, 1, kRows, 16, 2, model, delta)[0];
    for (std::size_t i = 0; i < k; ++i) {
      const SobolIndex& b = by_bootstrap.indices[i];
      const SobolIndex& d = by_delta.indices[i];
      EXPECT_EQ(b.first, d.first);
      EXPECT_EQ(b.total, d.total);
      // Ishigami's X3 has no first-order effect and a zero-variance first-order term, where the
      // two errors are both near zero and their ratio is noise; compare only the total there.
      if (!(name == "Ishigami" && i == 2)) {
        EXPECT_NEAR(b.first_error / d.first_error, 1.0, 0.2) << name << " first order of input " << i;
      }
      EXPECT_NEAR(b.total_error / d.total_error, 1.0, 0.2) << name << " total of input " << i;
      EXPECT_NEAR(d.first_high - d.first, 1.96 * d.first_error, 1e-12);
    }
  }
}

TEST(SobolIndices, ConstantModelHasNoVarianceAndNaNIndices) {
  auto constant = [](std::span<const double>, std::span<double> y) { y[0] = 0.25; };
  const auto estimate = SobolIndices(2, 1, 100, 17, 1, constant)[0];
  EXPECT_EQ(estimate.mean, 0.25);
  EXPECT_EQ(estimate.variance, 0.0);
  ASSERT_EQ(estimate.indices.size(), 2u);
  for (const auto& index : estimate.indices) {
    EXPECT_TRUE(std::isnan(index.first));
    EXPECT_TRUE(std::isnan(index.total));
    EXPECT_TRUE(std::isnan(index.first_error));
    EXPECT_TRUE(std::isnan(index.total_high));
  }
}

TEST(SobolIndices, DesignRowsLieInsideTheUnitCubeAndDependOnlyOnTheirIndex) {
  std::vector<double> first(5), again(5), other(5), b(5);
  DesignRowA(3, 7, first);
  DesignRowA(3, 8, other);
  DesignRowA(3, 7, again);
  DesignRowB(3, 7, b);
  EXPECT_EQ(first, again);
  EXPECT_NE(first, other);
  EXPECT_NE(first, b);
  for (double u : first) {
    EXPECT_GT(u, 0.0);
    EXPECT_LT(u, 1.0);
  }
}

TEST(SobolIndices, ErrorsHaveExactMessages) {
  const std::vector<double> three = {1.0, 2.0, 3.0}, two = {1.0, 2.0}, one = {1.0};
  const std::vector<double> bad = {1.0, std::nan(""), 3.0};
  SobolOptions no_resamples;
  no_resamples.bootstrap = 1;
  auto estimate_message = [](auto call) -> std::string {
    try {
      call();
    } catch (const UsageError& e) {
      return e.what();
    }
    return "no UsageError";
  };
  const auto model = Additive({1.0});
  const std::vector<std::pair<std::function<void()>, std::string>> cases = {
      {[&] { EstimateSobol(one, one, {}); }, "Sobol estimate: at least 2 rows are needed, found 1"},
      {[&] { EstimateSobol(three, two, {three}); }, "Sobol estimate: f_b has 2 values, expected 3 (one per row of A)"},
      {[&] {
         EstimateSobol(three, three, {three, two});
       },
       "Sobol estimate: f_ab[1] has 2 values, expected 3 (one per row of A)"},
      {[&] { EstimateSobol(three, bad, {three}); },
       "Sobol estimate: f_b[1] is nan; model outputs must be finite numbers"},
      {[&] { EstimateSobol(three, three, {three}, no_resamples); },
       "Sobol estimate: the bootstrap needs at least 2 resamples, found 1"},
      {[&] { SobolIndices(0, 1, 10, 0, 1, model); }, "Sobol indices: the model has no inputs (dimension 0)"},
      {[&] { SobolIndices(1, 0, 10, 0, 1, model); }, "Sobol indices: the model has no outputs"},
      {[&] { SobolIndices(1, 1, 1, 0, 1, model); }, "Sobol indices: at least 2 rows are needed, found 1"},
  };
  for (const auto& [call, expected] : cases) EXPECT_EQ(estimate_message(call), expected);
}

TEST(SobolIndices, ModelExceptionsReachTheCaller) {
  auto failing = [](std::span<const double> x, std::span<double> y) {
    if (x[0] > 0.5) throw UsageError("model refused");
    y[0] = x[0];
  };
  EXPECT_THROW(SobolIndices(1, 1, 1000, 1, 2, failing), UsageError);
}

}  // namespace
}  // namespace parley
