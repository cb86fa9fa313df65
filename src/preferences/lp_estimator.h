// The linear program behind the `lp` preference estimator (lp_estimator.cc), exposed so that
// tests can check a solution against the constraints rather than against one solver's vertex.
// Built only with COIN-OR CLP (PARLEY_WITH_LP).
#ifndef PARLEY_PREFERENCES_LP_ESTIMATOR_H_
#define PARLEY_PREFERENCES_LP_ESTIMATOR_H_

#include <cstddef>
#include <optional>
#include <vector>

#include "parley/partial_preferences.h"

namespace parley {

// One solution of: minimise the sum of the slacks z_k subject to, for every relation k = (a, b),
// sum_i phi_i(a_i) - phi_i(b_i) + z_k >= margin; sum_i phi_i(top_i) = high; sum_i phi_i(bottom_i)
// = low; phi >= 0, z >= 0. phi_i(v) stands for w_i e_i(v). top and bottom are the best and worst
// of a ranking (of an order: its only maximal and minimal outcomes; when several are maximal,
// the first listed of them, and no bottom when several are minimal); high and low are the known
// utilities, 1 and 0 when not known.
struct RankingLp {
  std::vector<std::vector<double>> phi;  // per issue, per value position
  std::vector<double> slack;             // per relation of known.relations(), in order
  double objective = 0.0;                // as the solver reports it
  std::optional<std::size_t> top, bottom;
  double high = 1.0, low = 0.0;
};

// Throws UsageError for a real issue, or when the solver finds no optimum (which the slacks make
// impossible short of a solver failure).
RankingLp SolveRankingLp(const PartialPreferences& known, double margin);

}  // namespace parley

#endif  // PARLEY_PREFERENCES_LP_ESTIMATOR_H_
