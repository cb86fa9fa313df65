// GENIUS's IAMhagglerBayesianModel (negotiator.boaframework.opponentmodel), the Bayesian opponent
// model of IAMhaggler (Williams et al., ANAC 2010) as the BOA framework packages it, with its
// default settings (unique bids only, an assumed linear concession): per issue, eleven weight
// hypotheses and a family of value-function hypotheses (uphill, triangular peaks, downhill),
// updated on each new bid of the opponent by how well each explains a bid worth 1 - t to it.
// Used by TheNegotiatorReloaded to estimate the Kalai-Smorodinsky point.
//
// Reproduces the original's arithmetic in its order (so its estimates equal GENIUS's to the last
// bit where the C library's exp agrees with Java's). Discrete issues as GENIUS has them; integer
// and real issues get the uphill and downhill hypotheses over their range (GENIUS's integer
// offsets use integer division and its real issues add triangular ones; no ANAC domain of the
// agent's has either).
#ifndef PARLEY_NEGOTIATORS_ANAC_IAMHAGGLER_BAYESIAN_MODEL_H_
#define PARLEY_NEGOTIATORS_ANAC_IAMHAGGLER_BAYESIAN_MODEL_H_

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <numbers>
#include <vector>

#include "parley/outcome_space.h"

namespace parley {

class IamHagglerBayesianModel {
 public:
  void Reset(const OutcomeSpace& space) {
    space_ = &space;
    const std::size_t n = space.issue_count();
    weights_.assign(n, {});
    evaluators_.assign(n, {});
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<double>& p = weights_[i];
      for (int j = 0; j < kWeightHypotheses; ++j) {
        const double a = 1.0 - ((static_cast<double>(j) + 1.0) / kWeightHypotheses);
        p.push_back(a * a * a);
      }
      double total = 0.0;
      for (double x : p) total += x;
      for (double& x : p) x /= total;
      evaluators_[i] = InitialEvaluators(space.issue(i));
    }
    history_.clear();
    previous_utility_ = 1;
    expected_weights_.assign(n, 0.0);
    ExpectedWeights();
    MinMax();
  }

  // updateModel: a bid seen before changes nothing.
  void Update(const Outcome& bid, double time) {
    if (std::find(history_.begin(), history_.end(), bid) != history_.end()) return;
    history_.push_back(bid);
    if (history_.size() > 1) UpdateWeights(bid);
    UpdateEvaluators(bid);
    previous_utility_ = 1.0 - (1.0 - 0.0) * std::pow(time / 1.0, 1.0 / 1.0);
    ExpectedWeights();
    MinMax();
  }

  // The estimated utility of each value of issue i (the hypotheses' probability-weighted
  // evaluations), indexed like Value(); and the weight of issue i.
  double ExpectedEvaluation(std::size_t issue, double value) const {
    double sum = 0;
    for (const Hypothesis& h : evaluators_[issue]) sum += h.probability * Evaluate(issue, h, value);
    return sum;
  }
  double expected_weight(std::size_t issue) const { return expected_weights_[issue]; }
  // getNormalizedUtility from an already computed expected utility sum_i w_i E_i(v_i).
  double Normalize(double expected_utility) const {
    if (std::isnan(expected_utility)) return 0.0;
    return (expected_utility - min_utility_) / (max_utility_ - min_utility_);
  }

 private:
  static constexpr int kWeightHypotheses = 11;
  static constexpr double kSigma = 0.25;

  enum class Shape { kTable, kUphill, kDownhill };
  struct Hypothesis {
    Shape shape = Shape::kTable;
    std::vector<double> table;  // discrete issues: evaluation / largest evaluation, by value position
    double probability = 0.0;
  };

  static std::vector<Hypothesis> InitialEvaluators(const Issue& issue) {
    std::vector<Hypothesis> hypotheses;
    if (issue.kind() != IssueKind::kDiscrete) {
      hypotheses.push_back({Shape::kUphill, {}, 0.0});
      hypotheses.push_back({Shape::kDownhill, {}, 0.0});
    } else {
      const int n = static_cast<int>(issue.cardinality());
      auto add = [&](auto evaluation) {
        Hypothesis h;
        for (int j = 0; j < n; ++j) h.table.push_back(static_cast<double>(evaluation(j)));
        const double largest = *std::max_element(h.table.begin(), h.table.end());
        for (double& x : h.table) x = largest < 0.00001 ? 0.0 : x / largest;
        hypotheses.push_back(std::move(h));
      };
      add([](int j) { return 1000 * j + 1; });
      // Triangular peaks at each inner value, in the original's integer arithmetic.
      for (int k = 1; n > 2 && k < n - 1; ++k) {
        add([&](int j) { return j < k ? 1000 * j / k : 1000 * (n - j - 1 / (n - k - 1) + 1); });
      }
      add([&](int j) { return 1000 * (n - j - 1) + 1; });
    }
    for (Hypothesis& h : hypotheses) h.probability = 1.0 / static_cast<double>(hypotheses.size());
    return hypotheses;
  }

  double Evaluate(std::size_t issue, const Hypothesis& h, double value) const {
    switch (h.shape) {
      case Shape::kTable: return h.table[static_cast<std::size_t>(value)];
      case Shape::kUphill:
      case Shape::kDownhill: {
        const Issue& is = space_->issue(issue);
        const double x = is.upper() > is.lower() ? (value - is.lower()) / (is.upper() - is.lower()) : 1.0;
        return h.shape == Shape::kUphill ? x : 1.0 - x;
      }
    }
    return 0.0;
  }
  static double Extreme(const Hypothesis& h, bool largest) {
    if (h.shape != Shape::kTable) return largest ? 1.0 : 0.0;
    double e = largest ? DBL_TRUE_MIN : DBL_MAX;
    for (double x : h.table) e = largest ? std::max(e, x) : std::min(e, x);
    return e;
  }

  double ExpectedWeight(std::size_t issue, const std::vector<std::vector<double>>& weights) const {
    double sum = 0;
    for (int j = 0; j < kWeightHypotheses; ++j) sum += weights[issue][j] * WeightOf(j);
    return sum;
  }
  static double WeightOf(int j) { return static_cast<double>(j) / (kWeightHypotheses - 1); }

  // The opponent's estimated utility of `bid` from every issue but one (getPartialUtility).
  double Partial(const Outcome& bid, std::size_t skip) const {
    double u = 0;
    for (std::size_t i = 0; i < weights_.size(); ++i) {
      if (i == skip) continue;
      u += ExpectedWeight(i, weights_) * ExpectedEvaluation(i, bid[i]);
    }
    return u;
  }

  // How likely a bid worth `utility` is when the opponent's target was the previous one.
  double Likelihood(double utility) const {
    const double x = (previous_utility_ - utility) / previous_utility_;
    return (1.0 / (kSigma * std::sqrt(2 * std::numbers::pi))) * std::exp(-(x * x) / (2 * kSigma * kSigma));
  }

  void UpdateWeights(const Outcome& bid) {
    std::vector<std::vector<double>> updated = weights_;
    for (std::size_t i = 0; i < weights_.size(); ++i) {
      const double partial = Partial(bid, i);
      const double evaluation = ExpectedEvaluation(i, bid[i]);
      double n = 0.0;
      for (int j = 0; j < kWeightHypotheses; ++j) {
        n += updated[i][j] * Likelihood(partial + WeightOf(j) * evaluation);
      }
      for (int j = 0; j < kWeightHypotheses; ++j) {
        updated[i][j] = updated[i][j] * Likelihood(partial + WeightOf(j) * evaluation) / n;
      }
    }
    weights_.swap(updated);
  }

  void UpdateEvaluators(const Outcome& bid) {
    std::vector<std::vector<Hypothesis>> updated = evaluators_;
    for (std::size_t i = 0; i < evaluators_.size(); ++i) {
      const double partial = Partial(bid, i);
      const double weight = ExpectedWeight(i, weights_);
      double n = 0.0;
      for (const Hypothesis& h : updated[i]) {
        n += h.probability * Likelihood(partial + weight * Evaluate(i, h, bid[i]));
      }
      for (Hypothesis& h : updated[i]) {
        h.probability = h.probability * Likelihood(partial + weight * Evaluate(i, h, bid[i])) / n;
      }
    }
    evaluators_.swap(updated);
  }

  void ExpectedWeights() {
    double total = 0;
    for (std::size_t i = 0; i < expected_weights_.size(); ++i) {
      expected_weights_[i] = ExpectedWeight(i, weights_);
    }
    for (double w : expected_weights_) total += w;
    for (double& w : expected_weights_)
      w = total == 0 ? 1.0 / static_cast<double>(expected_weights_.size()) : w / total;
  }

  void MinMax() {
    max_utility_ = min_utility_ = 0;
    for (std::size_t i = 0; i < evaluators_.size(); ++i) {
      double largest = 0, smallest = 0;
      for (const Hypothesis& h : evaluators_[i]) {
        largest += h.probability * Extreme(h, true);
        smallest += h.probability * Extreme(h, false);
      }
      max_utility_ += expected_weights_[i] * largest;
      min_utility_ += expected_weights_[i] * smallest;
    }
  }

  const OutcomeSpace* space_ = nullptr;
  std::vector<std::vector<double>> weights_;  // per issue, the probability of weight j / 10
  std::vector<std::vector<Hypothesis>> evaluators_;
  std::vector<Outcome> history_;
  double previous_utility_ = 1;
  std::vector<double> expected_weights_;
  double max_utility_ = 0, min_utility_ = 0;
};

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_IAMHAGGLER_BAYESIAN_MODEL_H_
