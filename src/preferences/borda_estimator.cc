// `borda`: Parley's own counting estimate, a Borda count over the ranking. Each ranked outcome
// scores its rank scaled to [0, 1] (worst 0, best 1); a value scores the mean over the ranked
// outcomes that hold it, a value no ranked outcome holds the mean of its issue's scored values;
// each issue's scores are rescaled to [0, 1] and its weight is their spread before rescaling
// (max - min), so an issue whose values all score alike counts for nothing (all issues count
// alike when every spread is 0). Unlike genius-rank-points, a value seen often in mediocre
// outcomes does not outscore one seen once in the best. A partial order that is not a ranking is
// walked in the linear extension of estimator_support.h. docs/uncertainty.md.
#include <algorithm>
#include <memory>
#include <vector>

#include "parley/preference_estimator.h"
#include "preferences/estimator_support.h"

namespace parley {
namespace {

class BordaEstimator final : public PreferenceEstimator {
 public:
  std::shared_ptr<const UtilityFunction> Estimate(const PartialPreferences& known, std::uint64_t) const override {
    CheckCountableIssues(known, "borda");
    const OutcomeSpace& space = known.space();
    const std::size_t issues = space.issue_count();
    std::vector<std::vector<double>> total(issues), count(issues);
    for (std::size_t i = 0; i < issues; ++i) {
      total[i].assign(space.issue(i).cardinality(), 0.0);
      count[i].assign(space.issue(i).cardinality(), 0.0);
    }
    const std::vector<std::size_t> order = WorstFirstOrder(known);
    for (std::size_t rank = 0; rank < order.size(); ++rank) {
      const double score = order.size() > 1 ? static_cast<double>(rank) / static_cast<double>(order.size() - 1) : 0.5;
      const Outcome& outcome = known.outcomes()[order[rank]];
      for (std::size_t i = 0; i < issues; ++i) {
        const std::size_t position = space.issue(i).PositionOf(outcome[i]);
        total[i][position] += score;
        count[i][position] += 1.0;
      }
    }
    std::vector<double> weights(issues, 0.0);
    std::vector<ValueFunction> functions;
    functions.reserve(issues);
    for (std::size_t i = 0; i < issues; ++i) {
      std::vector<double>& values = total[i];
      double seen_sum = 0.0, seen = 0.0;
      for (std::size_t v = 0; v < values.size(); ++v) {
        if (count[i][v] == 0.0) continue;
        values[v] /= count[i][v];
        seen_sum += values[v];
        seen += 1.0;
      }
      for (std::size_t v = 0; v < values.size(); ++v) {
        if (count[i][v] == 0.0) values[v] = seen > 0.0 ? seen_sum / seen : 0.5;
      }
      const auto [lowest, highest] = std::minmax_element(values.begin(), values.end());
      const double min = *lowest, spread = *highest - *lowest;
      weights[i] = spread;
      for (double& value : values) value = spread > 0.0 ? (value - min) / spread : 1.0;
      functions.push_back(ValueFunction::Table(std::move(values)));
    }
    if (std::all_of(weights.begin(), weights.end(), [](double w) { return w == 0.0; })) {
      std::fill(weights.begin(), weights.end(), 1.0);
    }
    return std::make_shared<const LinearAdditiveUtility>(known.shared_space(), std::move(weights), std::move(functions),
                                                         WeightRule::kNormalise);
  }
};

const bool kRegistered = PreferenceEstimatorRegistry::Add(
    {"borda",
     "Borda count: a value scores the mean scaled rank of the ranked outcomes holding it; issues weigh by the "
     "spread of their scores.",
     {},
     [](const Spec&) { return std::make_unique<BordaEstimator>(); }});

}  // namespace
}  // namespace parley
