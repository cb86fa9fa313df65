// `genius-rank-points`: GENIUS 9.1.10's default estimate of a utility space from a user model
// (genius.core.uncertainty.AdditiveUtilitySpaceFactory.estimateUsingBidRanks, which
// AbstractNegotiationParty.defaultUtilitySpaceEstimator calls for every agent that does not
// estimate for itself), reproduced operation for operation so that its utilities are GENIUS's to
// the bit:
// - every value of every issue starts at 0 and every issue at weight 1/n;
// - walking the ranking worst first, the k-th outcome (from 0) adds k points to each of its values;
// - per issue (EvaluatorDiscrete.normalizeAll), when its best score is not 0, each score is divided
//   by the best and the weight becomes the best score;
// - per issue (scaleAllValuesFrom0To1), unless all are equal, each value v becomes
//   (v - min) / (max - min);
// - the weights are divided by their sum, added in GENIUS's HashMap order of the issues
//   (preferences/genius_issue_order.h).
// GENIUS then evaluates a value as its number over the issue's largest, which is 1 (or the value
// is 0): the numbers above are the function's table. Differences: GENIUS accepts discrete issues
// only (an integer issue is a ClassCastException there); here an integer issue's values are
// scored like a discrete issue's. A partial order that is not a ranking is walked in the linear
// extension of estimator_support.h. docs/uncertainty.md.
#include <algorithm>
#include <memory>
#include <vector>

#include "parley/preference_estimator.h"
#include "preferences/estimator_support.h"
#include "preferences/genius_issue_order.h"

namespace parley {
namespace {

class GeniusRankPointsEstimator final : public PreferenceEstimator {
 public:
  std::shared_ptr<const UtilityFunction> Estimate(const PartialPreferences& known, std::uint64_t) const override {
    CheckCountableIssues(known, "genius-rank-points");
    const OutcomeSpace& space = known.space();
    const std::size_t issues = space.issue_count();
    std::vector<std::vector<double>> values(issues);
    for (std::size_t i = 0; i < issues; ++i) values[i].assign(space.issue(i).cardinality(), 0.0);
    std::vector<double> weights(issues, 1.0 / static_cast<double>(issues));
    double points = 0.0;
    for (std::size_t k : WorstFirstOrder(known)) {
      const Outcome& outcome = known.outcomes()[k];
      for (std::size_t i = 0; i < issues; ++i) values[i][space.issue(i).PositionOf(outcome[i])] += points;
      points += 1.0;
    }
    for (std::size_t i = 0; i < issues; ++i) {
      const double best = *std::max_element(values[i].begin(), values[i].end());
      if (best == 0.0) continue;
      for (double& value : values[i]) value /= best;
      weights[i] = best;
    }
    for (std::vector<double>& issue : values) {
      const auto [lowest, highest] = std::minmax_element(issue.begin(), issue.end());
      const double min = *lowest, max = *highest;
      if (max == min) continue;
      for (double& value : issue) value = (value - min) / (max - min);
    }
    const std::vector<std::size_t> order = GeniusIssueHashMapOrder(space);
    double sum = 0.0;
    for (std::size_t i : order) sum += weights[i];
    for (double& weight : weights) weight /= sum;
    std::vector<ValueFunction> functions;
    functions.reserve(issues);
    for (std::vector<double>& issue : values) functions.push_back(ValueFunction::Table(std::move(issue)));
    return std::make_shared<const LinearAdditiveUtility>(known.shared_space(), std::move(weights), std::move(functions),
                                                         WeightRule::kAsGiven);
  }
};

const bool kRegistered = PreferenceEstimatorRegistry::Add(
    {"genius-rank-points",
     "GENIUS's default estimate (estimateUsingBidRanks): each value scores the ranks of the ranked outcomes holding "
     "it; weights from each issue's best score.",
     {},
     [](const Spec&) { return std::make_unique<GeniusRankPointsEstimator>(); }});

}  // namespace
}  // namespace parley
