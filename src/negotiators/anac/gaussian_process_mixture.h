// The Gaussian-process regression IAMhaggler2011 (ANAC 2011) fits to its opponent's concessions,
// as GENIUS 9.1.10 computes it with the gp4j library it ships
// (agents.uk.ac.soton.ecs.gp4j.bmc.GaussianProcessRegressionBMC): one GP per point of a grid of
// hyperparameters (log length scale x log signal deviation x log noise deviation, 11 x 11 x 1
// points around 0.252, 0.166 and 0.01), a Matern-3/2 plus white-noise covariance on one input,
// and the GPs mixed by Bayesian Monte Carlo weights (each GP's likelihood through the prior's
// quadrature matrix). Also commons-math's erf, which the agent applies to the predictions.
//
// The arithmetic follows the library's (Jama's Cholesky and pivoted LU in their loop orders, the
// same sums in the same order), so that results agree with GENIUS's to the last bits or nearly:
// Java's exp and log may round differently from the C library's in the last place.
// Not thread-safe; one instance per negotiator. Predict() allocates its working matrices and keeps
// the covariances of the points it was given for the next call (which usually adds one point).
#ifndef PARLEY_NEGOTIATORS_ANAC_GAUSSIAN_PROCESS_MIXTURE_H_
#define PARLEY_NEGOTIATORS_ANAC_GAUSSIAN_PROCESS_MIXTURE_H_

#include <cstddef>
#include <vector>

namespace parley {

// A dense row-major matrix, enough for the library's few operations.
struct DenseMatrix {
  std::size_t rows = 0, cols = 0;
  std::vector<double> values;
  DenseMatrix() = default;
  DenseMatrix(std::size_t r, std::size_t c, double fill = 0.0) : rows(r), cols(c), values(r * c, fill) {}
  double& operator()(std::size_t i, std::size_t j) { return values[i * cols + j]; }
  double operator()(std::size_t i, std::size_t j) const { return values[i * cols + j]; }
};

class GaussianProcessMixture {
 public:
  // Builds the hyperparameter grid and the weights' quadrature matrix (once per negotiator).
  GaussianProcessMixture();

  // Fits the mixture to the points (x[i], y[i]) and writes the mixture's mean and variance at
  // each of `test`. Returns false where the library would throw (a covariance matrix that is not
  // positive definite, a singular solve); the outputs are then unspecified.
  bool Predict(const std::vector<double>& x, const std::vector<double>& y, const std::vector<double>& test,
               std::vector<double>& mean, std::vector<double>& variance);

 private:
  std::vector<std::vector<double>> hyperparameters_;  // log values, one vector per GP
  DenseMatrix quadrature_;                            // the priors' quadrature matrices' Kronecker product (gp4j's)
  // The last fit's inputs and, per GP, each training point's covariances with the test points.
  std::vector<double> known_x_, known_test_;
  std::vector<std::vector<double>> known_cross_;
};

// org.apache.commons.math.special.Erf.erf (commons-math 2): the regularised gamma function
// P(1/2, x^2) by its series or continued fraction to 1e-15. Throws nothing: where the library
// would exceed its 10,000 iterations it returns the sign of x, as IAMhaggler2011 does then.
double CommonsMathErf(double x);

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_GAUSSIAN_PROCESS_MIXTURE_H_
