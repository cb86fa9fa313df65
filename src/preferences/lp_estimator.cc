// `lp`: a utility function estimated by linear programming over what is known, the program that
// MINF (ANAC 2019) solves, after D. Tsimpoukis, T. Baarslag, M. Kaisers and N. Paterakis,
// "Automated negotiations under user preference uncertainty: a linear programming approach"
// (AT 2018): weighted values phi_i(v) = w_i e_i(v) that make every known relation hold as far as
// possible (lp_estimator.h states the program). Then w_i = max_v phi_i(v) normalised to sum 1
// and e_i(v) = phi_i(v) / max_v phi_i(v) (0 when the max is 0): a rescaling that keeps the
// order the program found. With margin 0 the optimum is rarely unique, and another solver may
// return another vertex of equal quality. Solved with COIN-OR CLP's primal simplex.
// docs/uncertainty.md.
#include "preferences/lp_estimator.h"

#include <algorithm>
#include <map>
#include <memory>
#include <numeric>

#include <fmt/format.h>
#include <ClpSimplex.hpp>

#include "parley/error.h"
#include "parley/preference_estimator.h"
#include "preferences/estimator_support.h"

namespace parley {
namespace {

// The outcomes nothing else is known to be better than (maximal), or worse than (minimal).
std::vector<std::size_t> Extremes(const PartialPreferences& known, bool maximal) {
  std::vector<bool> dominated(known.size(), false);
  for (const auto& [better, worse] : known.relations()) {
    if (better != worse) dominated[maximal ? worse : better] = true;
  }
  std::vector<std::size_t> extremes;
  for (std::size_t k = 0; k < known.size(); ++k) {
    if (!dominated[k]) extremes.push_back(k);
  }
  return extremes;
}

}  // namespace

RankingLp SolveRankingLp(const PartialPreferences& known, double margin) {
  CheckCountableIssues(known, "lp");
  const OutcomeSpace& space = known.space();
  const std::size_t issues = space.issue_count();
  std::vector<int> offset(issues + 1, 0);
  for (std::size_t i = 0; i < issues; ++i) offset[i + 1] = offset[i] + static_cast<int>(space.issue(i).cardinality());
  const int phi_count = offset[issues];
  const auto& relations = known.relations();
  const int columns = phi_count + static_cast<int>(relations.size());

  RankingLp lp;
  if (known.IsRanking()) {
    lp.top = known.WorstFirst().back();
    lp.bottom = known.WorstFirst().front();
  } else {
    const auto maxima = Extremes(known, true), minima = Extremes(known, false);
    if (!maxima.empty()) lp.top = maxima.front();
    if (minima.size() == 1) lp.bottom = minima.front();
  }
  if (lp.top && lp.bottom && *lp.top == *lp.bottom) lp.bottom.reset();
  lp.high = known.high_utility().value_or(1.0);
  lp.low = known.low_utility().value_or(0.0);

  ClpSimplex model;
  model.setLogLevel(0);
  model.resize(0, columns);
  for (int c = 0; c < columns; ++c) {
    model.setColumnBounds(c, 0.0, COIN_DBL_MAX);
    model.setObjectiveCoefficient(c, c < phi_count ? 0.0 : 1.0);
  }
  // Each row as column -> coefficient, so that a value two outcomes share cancels out.
  auto add_row = [&](const std::map<int, double>& row, double lower, double upper) {
    std::vector<int> index;
    std::vector<double> value;
    for (const auto& [column, coefficient] : row) {
      if (coefficient == 0.0) continue;
      index.push_back(column);
      value.push_back(coefficient);
    }
    model.addRow(static_cast<int>(index.size()), index.data(), value.data(), lower, upper);
  };
  auto column_of = [&](std::size_t outcome, std::size_t i) {
    return offset[i] + static_cast<int>(space.issue(i).PositionOf(known.outcomes()[outcome][i]));
  };
  for (std::size_t k = 0; k < relations.size(); ++k) {
    std::map<int, double> row;
    for (std::size_t i = 0; i < issues; ++i) {
      row[column_of(relations[k].first, i)] += 1.0;
      row[column_of(relations[k].second, i)] -= 1.0;
    }
    row[phi_count + static_cast<int>(k)] += 1.0;
    add_row(row, margin, COIN_DBL_MAX);
  }
  auto pin = [&](std::size_t outcome, double utility) {
    std::map<int, double> row;
    for (std::size_t i = 0; i < issues; ++i) row[column_of(outcome, i)] += 1.0;
    add_row(row, utility, utility);
  };
  if (lp.top) pin(*lp.top, lp.high);
  if (lp.bottom) pin(*lp.bottom, lp.low);

  model.primal();
  if (!model.isProvenOptimal()) {
    throw UsageError(fmt::format("preference estimator 'lp': the solver found no optimum (status {})", model.status()));
  }
  const double* solution = model.getColSolution();
  lp.phi.resize(issues);
  for (std::size_t i = 0; i < issues; ++i) lp.phi[i].assign(solution + offset[i], solution + offset[i + 1]);
  lp.slack.assign(solution + phi_count, solution + columns);
  lp.objective = model.objectiveValue();
  return lp;
}

namespace {

class LpEstimator final : public PreferenceEstimator {
 public:
  explicit LpEstimator(double margin) : margin_(margin) {}

  std::shared_ptr<const UtilityFunction> Estimate(const PartialPreferences& known, std::uint64_t) const override {
    RankingLp lp = SolveRankingLp(known, margin_);
    const std::size_t issues = lp.phi.size();
    std::vector<double> weights(issues, 0.0);
    std::vector<ValueFunction> functions;
    functions.reserve(issues);
    for (std::size_t i = 0; i < issues; ++i) {
      std::vector<double>& values = lp.phi[i];
      for (double& value : values) value = std::max(value, 0.0);  // the solver's tolerance
      weights[i] = *std::max_element(values.begin(), values.end());
      for (double& value : values) value = weights[i] > 0.0 ? value / weights[i] : 0.0;
      functions.push_back(ValueFunction::Table(std::move(values)));
    }
    if (std::all_of(weights.begin(), weights.end(), [](double w) { return w == 0.0; })) {
      std::fill(weights.begin(), weights.end(), 1.0);
    }
    return std::make_shared<const LinearAdditiveUtility>(known.shared_space(), std::move(weights), std::move(functions),
                                                         WeightRule::kNormalise);
  }

 private:
  double margin_;
};

const bool kRegistered = PreferenceEstimatorRegistry::Add(
    {"lp",
     "Linear programming over the known relations (MINF, ANAC 2019): weighted values that satisfy each relation with "
     "the least total slack.",
     {{"margin", "0", "how much better each better outcome must be, in utility"}},
     [](const Spec& spec) {
       const double margin = spec.GetDouble("margin");
       if (!(margin >= 0.0 && margin <= 1.0)) {
         throw UsageError(fmt::format("preference estimator 'lp': margin is {}; expected a number in [0, 1]", margin));
       }
       return std::make_unique<LpEstimator>(margin);
     }});

}  // namespace
}  // namespace parley
