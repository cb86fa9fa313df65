// Gaussian-process mixture of IAMhaggler2011 (gaussian_process_mixture.h). Williams, Robu,
// Gerding and Jennings, "Using Gaussian processes to optimise concession in complex negotiations
// against unknown opponents", IJCAI 2011; the quadrature weights are Osborne's Bayesian Monte
// Carlo (thesis, 2010, equations 3.8.10-3.8.16). Docs: docs/strategies.md#iamhaggler2011--iamhaggler2011-anac-2011.
#include "negotiators/anac/gaussian_process_mixture.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace parley {
namespace {

constexpr double kPi = 3.141592653589793;

// Jama's CholeskyDecomposition: the lower factor, and whether the matrix was symmetric positive
// definite (its solve refuses otherwise).
bool Cholesky(const DenseMatrix& a, DenseMatrix& l) {
  const std::size_t n = a.rows;
  l = DenseMatrix(n, n);
  bool spd = a.cols == n;
  for (std::size_t j = 0; j < n; ++j) {
    double d = 0.0;
    for (std::size_t k = 0; k < j; ++k) {
      double s = 0.0;
      for (std::size_t i = 0; i < k; ++i) s += l(k, i) * l(j, i);
      s = (a(j, k) - s) / l(k, k);
      l(j, k) = s;
      d = d + s * s;
      spd = spd && a(k, j) == a(j, k);
    }
    d = a(j, j) - d;
    spd = spd && d > 0.0;
    l(j, j) = std::sqrt(std::max(d, 0.0));
  }
  return spd;
}

// L L' X = B by forward then backward substitution (Jama's CholeskyDecomposition.solve and
// gp4j's MatrixUtils.solveChol, which loop alike).
DenseMatrix CholeskySolve(const DenseMatrix& l, DenseMatrix x) {
  const std::size_t n = l.rows, m = x.cols;
  for (std::size_t k = 0; k < n; ++k) {
    for (std::size_t j = 0; j < m; ++j) {
      for (std::size_t i = 0; i < k; ++i) x(k, j) -= x(i, j) * l(k, i);
      x(k, j) /= l(k, k);
    }
  }
  for (std::size_t k = n; k-- > 0;) {
    for (std::size_t j = 0; j < m; ++j) {
      for (std::size_t i = k + 1; i < n; ++i) x(k, j) -= x(i, j) * l(i, k);
      x(k, j) /= l(k, k);
    }
  }
  return x;
}

// Jama's Matrix.solve for a square matrix: its left-looking, partially pivoted LU, then the two
// substitutions. False if U has a zero on its diagonal (Jama throws "Matrix is singular").
bool LuSolve(const DenseMatrix& a, const DenseMatrix& b, DenseMatrix& x) {
  const std::size_t n = a.rows, m = b.cols;
  DenseMatrix lu = a;
  std::vector<std::size_t> pivot(n);
  for (std::size_t i = 0; i < n; ++i) pivot[i] = i;
  std::vector<double> column(n);
  for (std::size_t j = 0; j < n; ++j) {
    for (std::size_t i = 0; i < n; ++i) column[i] = lu(i, j);
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t kmax = std::min(i, j);
      double s = 0.0;
      for (std::size_t k = 0; k < kmax; ++k) s += lu(i, k) * column[k];
      column[i] -= s;
      lu(i, j) = column[i];
    }
    std::size_t p = j;
    for (std::size_t i = j + 1; i < n; ++i) {
      if (std::abs(column[i]) > std::abs(column[p])) p = i;
    }
    if (p != j) {
      for (std::size_t k = 0; k < n; ++k) std::swap(lu(p, k), lu(j, k));
      std::swap(pivot[p], pivot[j]);
    }
    if (lu(j, j) != 0.0) {
      for (std::size_t i = j + 1; i < n; ++i) lu(i, j) /= lu(j, j);
    }
  }
  for (std::size_t j = 0; j < n; ++j) {
    if (lu(j, j) == 0) return false;
  }
  x = DenseMatrix(n, m);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < m; ++j) x(i, j) = b(pivot[i], j);
  }
  // Row operations on whole rows (each element's own sequence of operations is Jama's). A zero
  // factor, as every one above the diagonal when the matrix is a triangular factor that needed no
  // pivoting, changes nothing but the sign of a zero, which only ever gets squared here.
  const auto subtract = [&](std::size_t target, std::size_t source, double factor) {
    if (factor == 0.0) return;
    double* to = &x.values[target * m];
    const double* from = &x.values[source * m];
    for (std::size_t j = 0; j < m; ++j) to[j] -= from[j] * factor;
  };
  for (std::size_t k = 0; k < n; ++k) {
    for (std::size_t i = k + 1; i < n; ++i) subtract(i, k, lu(i, k));
  }
  for (std::size_t k = n; k-- > 0;) {
    double* row = &x.values[k * m];
    const double pivot_value = lu(k, k);
    for (std::size_t j = 0; j < m; ++j) row[j] /= pivot_value;
    for (std::size_t i = 0; i < k; ++i) subtract(i, k, lu(i, k));
  }
  return true;
}

DenseMatrix Transpose(const DenseMatrix& a) {
  DenseMatrix t(a.cols, a.rows);
  for (std::size_t i = 0; i < a.rows; ++i) {
    for (std::size_t j = 0; j < a.cols; ++j) t(j, i) = a(i, j);
  }
  return t;
}

// gp4j's BasicPrior: `count` log-spaced samples within two deviations of log(mean), and the width
// of the Gaussian kernel between them.
struct Prior {
  int count;
  double mean;
  double deviation;

  double log_mean() const { return std::log(mean); }
  std::vector<double> LogSamples() const {
    if (count == 1) return {log_mean()};
    const double low = log_mean() - 2 * deviation, high = log_mean() + 2 * deviation;
    std::vector<double> samples(static_cast<std::size_t>(count));
    const double increment = (high - low) / (count - 1);
    samples.front() = low;
    samples.back() = high;
    for (std::size_t i = 1; i + 1 < samples.size(); ++i) samples[i] = samples[i - 1] + increment;
    return samples;
  }
  double Width() const {
    constexpr double kWidthScale = 0.25;
    if (count == 1) return kWidthScale;
    const std::vector<double> samples = LogSamples();
    const auto [low, high] = std::minmax_element(samples.begin(), samples.end());
    return kWidthScale * (*high - *low) / (count - 1);
  }
};

// The priors IAMhaggler2011 gives: length scale, signal deviation, noise deviation.
constexpr Prior kPriors[] = {{11, 0.252, 0.5}, {11, 0.166, 0.5}, {1, .01, 1.0}};

double NormalDensity(double x, double mean, double deviation) {
  const double z = (x - mean) / deviation;
  return std::exp(-(z * z) / 2) / (std::sqrt(2 * kPi) * deviation);
}

// The quadrature matrix of one prior as gp4j computes it. BMC's is K_S^-1 N_S K_S^-1 (Osborne's
// 3.8.10, K_S the Gaussian kernel between the samples); gp4j solves with the Cholesky factor L of
// K_S in the order that gives (L'L)^-1 N_S K_S^-1 instead. K_S being nearly diagonal, the two
// differ slightly; the agent's weights are gp4j's.
DenseMatrix PriorQuadrature(const Prior& prior) {
  const std::vector<double> samples = prior.LogSamples();
  const std::size_t n = samples.size();
  const double width = prior.Width();
  DenseMatrix ks(n, n), ns(n, n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) ks(i, j) = NormalDensity(samples[i], samples[j], width);
  }
  const double variance = prior.deviation * prior.deviation;
  const double lambda = variance + width * width;
  const double prec_x = lambda - variance * variance / lambda;
  const double prec_y = 1 / (variance - lambda * lambda / variance);
  const double scale = 1 / std::sqrt((2 * kPi) * (2 * kPi) * lambda * prec_x);
  const double mean = prior.log_mean();
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      const double dx = samples[i] - mean, dy = samples[j] - mean;
      ns(i, j) = scale * std::exp(-0.5 / prec_x * (dx * dx + dy * dy) - prec_y * dx * dy);
    }
  }
  DenseMatrix chol;
  Cholesky(ks, chol);
  DenseMatrix result = Transpose(CholeskySolve(chol, ns));
  DenseMatrix next;
  LuSolve(Transpose(chol), result, next);
  LuSolve(chol, next, result);
  return result;
}

DenseMatrix Kronecker(const DenseMatrix& a, const DenseMatrix& b) {
  DenseMatrix c(a.rows * b.rows, a.cols * b.cols);
  for (std::size_t k = 0; k < a.rows; ++k) {
    for (std::size_t l = 0; l < a.cols; ++l) {
      for (std::size_t i = 0; i < b.rows; ++i) {
        for (std::size_t j = 0; j < b.cols; ++j) c(k * b.rows + i, l * b.cols + j) = a(k, l) * b(i, j);
      }
    }
  }
  return c;
}

// Matern-3/2 covariance of one-dimensional inputs under length scale `length` and signal
// variance `signal_variance`: s^2 e^-r (1 + r), r = sqrt(3) |a - b| / l.
double Matern(double a, double b, double length, double signal_variance) {
  const double diff = a / length - b / length;
  const double r = std::sqrt(3 * (diff * diff));
  return signal_variance * std::exp(-r) * (1 + r);
}

// Regularised gamma P(a, x) and Q(a, x) of commons-math 2, with its log-gamma (Lanczos).
double LogGamma(double x) {
  static constexpr double kLanczos[] = {
      0.99999999999999709182,   57.156235665862923517,     -59.597960355475491248,   14.136097974741747174,
      -0.49191381609762019978,  .33994649984811888699e-4,  .46523628927048575665e-4, -.98374475304879564677e-4,
      .15808870322491248884e-3, -.21026444172410488319e-3, .21743961811521264320e-3, -.16431810653676389022e-3,
      .84418223983852743293e-4, -.26190838401581408670e-4, .36899182659531622704e-5,
  };
  const double g = 607.0 / 128.0;
  double sum = 0.0;
  for (int i = 14; i > 0; --i) sum = sum + (kLanczos[i] / (x + i));
  sum = sum + kLanczos[0];
  const double tmp = x + g + .5;
  return ((x + .5) * std::log(tmp)) - tmp + 0.5 * std::log(2.0 * kPi) + std::log(sum / x);
}

// erf only ever asks for log Gamma(1/2): computed once.
double LogGammaOf(double a) {
  static const double half = LogGamma(0.5);
  return a == 0.5 ? half : LogGamma(a);
}

constexpr int kMaxIterations = 10000;
constexpr double kEpsilon = 1.0e-15;
struct TooManyIterations {};

double GammaQ(double a, double x);

double GammaP(double a, double x) {
  if (x == 0.0) return 0.0;
  if (x >= a + 1) return 1.0 - GammaQ(a, x);
  double n = 0.0, term = 1.0 / a, sum = term;
  while (std::abs(term / sum) > kEpsilon && n < kMaxIterations && sum < std::numeric_limits<double>::infinity()) {
    n = n + 1.0;
    term = term * (x / (a + n));
    sum = sum + term;
  }
  if (n >= kMaxIterations) throw TooManyIterations{};
  if (std::isinf(sum)) return 1.0;
  return std::exp(-x + (a * std::log(x)) - LogGammaOf(a)) * sum;
}

double GammaQ(double a, double x) {
  if (x == 0.0) return 1.0;
  if (x < a + 1.0) return 1.0 - GammaP(a, x);
  // Continued fraction with a_n = 2n + 1 - a + x, b_n = n (a - n).
  double p0 = 1.0, p1 = 1.0 - a + x, q0 = 0.0, q1 = 1.0;
  double c = p1 / q1;
  int n = 0;
  double error = std::numeric_limits<double>::max();
  while (n < kMaxIterations && error > kEpsilon) {
    ++n;
    const double an = ((2.0 * n) + 1.0) - a + x;
    const double bn = n * (a - n);
    const double p2 = an * p1 + bn * p0;
    const double q2 = an * q1 + bn * q0;
    const double r = p2 / q2;
    error = std::abs(r / c - 1.0);
    c = p2 / q2;
    p0 = p1, p1 = p2, q0 = q1, q1 = q2;
  }
  if (n >= kMaxIterations) throw TooManyIterations{};
  return std::exp(-x + (a * std::log(x)) - LogGammaOf(a)) * (1.0 / c);
}

}  // namespace

double CommonsMathErf(double x) {
  if (std::abs(x) > 40) return x > 0 ? 1 : -1;
  try {
    const double p = GammaP(0.5, x * x);
    return x < 0 ? -p : p;
  } catch (const TooManyIterations&) {
    return x > 0 ? 1 : -1;
  }
}

GaussianProcessMixture::GaussianProcessMixture() {
  // Every combination of the priors' samples, the first prior's varying slowest.
  hyperparameters_ = {{}};
  quadrature_ = DenseMatrix(1, 1, 1.0);
  for (const Prior& prior : kPriors) {
    std::vector<std::vector<double>> combined;
    for (const auto& partial : hyperparameters_) {
      for (double sample : prior.LogSamples()) {
        combined.push_back(partial);
        combined.back().push_back(sample);
      }
    }
    hyperparameters_ = std::move(combined);
    quadrature_ = Kronecker(quadrature_, PriorQuadrature(prior));
  }
}

bool GaussianProcessMixture::Predict(const std::vector<double>& x, const std::vector<double>& y,
                                     const std::vector<double>& test, std::vector<double>& mean,
                                     std::vector<double>& variance) {
  const std::size_t n = x.size(), m = test.size(), gps = hyperparameters_.size();
  // Covariances between the training points and the test points: a point's row is kept for the
  // next fits, which keep the earlier points and add new ones.
  std::size_t kept = 0;
  while (kept < known_x_.size() && kept < n && known_x_[kept] == x[kept]) ++kept;
  if (test != known_test_) kept = 0, known_test_ = test;
  known_x_.assign(x.begin(), x.end());
  known_cross_.resize(gps);
  for (std::size_t g = 0; g < gps; ++g) {
    const double length = std::exp(hyperparameters_[g][0]), signal_variance = std::exp(2 * hyperparameters_[g][1]);
    std::vector<double>& rows = known_cross_[g];
    rows.resize(n * m);
    for (std::size_t i = kept; i < n; ++i) {
      for (std::size_t j = 0; j < m; ++j) rows[i * m + j] = Matern(x[i], test[j], length, signal_variance) + 0.0;
    }
  }
  std::vector<double> log_likelihood(gps);
  std::vector<std::vector<double>> means(gps, std::vector<double>(m)), variances(gps, std::vector<double>(m));
  DenseMatrix train(n, n), cross(n, m), targets(n, 1), chol;
  for (std::size_t i = 0; i < n; ++i) targets(i, 0) = y[i];
  for (std::size_t g = 0; g < gps; ++g) {
    const double length = std::exp(hyperparameters_[g][0]), signal_variance = std::exp(2 * hyperparameters_[g][1]);
    const double noise_variance = std::exp(2 * hyperparameters_[g][2]);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j) {
        train(i, j) = Matern(x[i], x[j], length, signal_variance) + (i == j ? noise_variance : 0.0);
      }
    }
    std::copy(known_cross_[g].begin(), known_cross_[g].end(), cross.values.begin());
    if (!Cholesky(train, chol)) return false;
    const DenseMatrix alpha = CholeskySolve(chol, targets);
    // Log-likelihood: data fit, complexity penalty, normalisation, added in that order.
    double fit = 0;
    for (std::size_t i = 0; i < n; ++i) fit += y[i] * alpha(i, 0);
    double log_det = 0.0;
    for (std::size_t i = 0; i < n; ++i) log_det += 2 * std::log(chol(i, i));
    log_likelihood[g] = -0.5 * fit + -0.5 * log_det + -0.5 * static_cast<double>(n) * std::log(2 * kPi);
    DenseMatrix v;
    if (!LuSolve(chol, cross, v)) return false;
    const double prior_variance = signal_variance + noise_variance;
    for (std::size_t j = 0; j < m; ++j) {
      double s = 0;
      for (std::size_t k = 0; k < n; ++k) s += cross(k, j) * alpha(k, 0);
      means[g][j] = s;
      double squares = 0;
      for (std::size_t i = 0; i < n; ++i) squares += v(i, j) * v(i, j);
      variances[g][j] = prior_variance - squares;
    }
  }
  // Weights: the quadrature matrix times each GP's likelihood relative to the best, normalised.
  const double best = *std::max_element(log_likelihood.begin(), log_likelihood.end());
  std::vector<double> relative(gps), weights(gps);
  for (std::size_t g = 0; g < gps; ++g) relative[g] = std::exp(log_likelihood[g] - best);
  double total = 0;
  for (std::size_t i = 0; i < gps; ++i) {
    double s = 0;
    for (std::size_t k = 0; k < gps; ++k) s += quadrature_(i, k) * relative[k];
    weights[i] = s;
    total += s;
  }
  const double inverse = 1 / total;
  for (double& w : weights) w *= inverse;
  mean.assign(m, 0.0);
  variance.assign(m, 0.0);
  for (std::size_t g = 0; g < gps; ++g) {
    for (std::size_t j = 0; j < m; ++j) {
      mean[j] += means[g][j] * weights[g];
      variance[j] += (variances[g][j] + means[g][j] * means[g][j]) * weights[g];
    }
  }
  for (std::size_t j = 0; j < m; ++j) variance[j] -= mean[j] * mean[j];
  return true;
}

}  // namespace parley
