// GENIUS's AdditiveUtilitySpace over a discrete domain as genius.core.uncertainty's
// AdditiveUtilitySpaceFactory builds and edits it: the estimates that ANAC 2019 agents search for
// (SAGA's genetic algorithm, KakeSoba's tabu search). Per issue a weight and one number per value;
// GENIUS evaluates a value as its number divided by the issue's largest (EvaluatorDiscrete.normalize:
// 0 when that largest is below 0.00001) and a bid as the weighted sum of its values' evaluations in
// issue order, capped at 1 (AdditiveUtilitySpace.getUtility). Discrete issues only (values by
// position). A value type: copying copies the numbers. Utility() allocates nothing.
#ifndef PARLEY_NEGOTIATORS_ANAC_GENIUS_ADDITIVE_ESTIMATE_H_
#define PARLEY_NEGOTIATORS_ANAC_GENIUS_ADDITIVE_ESTIMATE_H_

#include <algorithm>
#include <cstddef>
#include <vector>

#include "parley/outcome_space.h"

namespace parley {

class GeniusAdditiveEstimate {
 public:
  GeniusAdditiveEstimate() = default;
  // As the factory's constructor leaves it: every weight 1/n, every number 0.
  explicit GeniusAdditiveEstimate(const OutcomeSpace& space)
      : weights_(space.issue_count()), numbers_(space.issue_count()) {
    for (std::size_t i = 0; i < space.issue_count(); ++i) {
      weights_[i] = 1.0 / static_cast<double>(space.issue_count());
      numbers_[i].assign(space.issue(i).cardinality(), 0.0);
    }
    largest_.assign(space.issue_count(), 0.0);
  }

  std::size_t issue_count() const { return weights_.size(); }
  std::size_t value_count(std::size_t issue) const { return numbers_[issue].size(); }
  double weight(std::size_t issue) const { return weights_[issue]; }
  void set_weight(std::size_t issue, double weight) { weights_[issue] = weight; }
  // EvaluatorDiscrete.getDoubleValue: the number as set, not divided by the largest.
  double number(std::size_t issue, std::size_t value) const { return numbers_[issue][value]; }
  void set_number(std::size_t issue, std::size_t value, double number) {
    numbers_[issue][value] = number;
    largest_[issue] = *std::max_element(numbers_[issue].begin(), numbers_[issue].end());
  }

  // AdditiveUtilitySpace.normalizeWeights: every weight divided by their sum, added up in the order
  // its evaluator map iterates the issues (`issue_map_order`, GeniusIssueHashMapOrder).
  void NormalizeWeights(const std::vector<std::size_t>& issue_map_order) {
    double sum = 0.0;
    for (std::size_t i : issue_map_order) sum += weights_[i];
    for (double& weight : weights_) weight /= sum;
  }

  double Evaluation(std::size_t issue, std::size_t value) const {
    return largest_[issue] < 0.00001 ? 0.0 : numbers_[issue][value] / largest_[issue];
  }
  double Utility(const Outcome& bid) const {
    double utility = 0.0;
    for (std::size_t i = 0; i < weights_.size(); ++i) {
      utility += weights_[i] * Evaluation(i, static_cast<std::size_t>(bid[i]));
    }
    return utility > 1 ? 1 : utility;
  }

 private:
  std::vector<double> weights_;
  std::vector<std::vector<double>> numbers_;
  std::vector<double> largest_;  // per issue, the largest number (Collections.max of the evaluator's)
};

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_GENIUS_ADDITIVE_ESTIMATE_H_
