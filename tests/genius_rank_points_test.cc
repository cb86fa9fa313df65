// `genius-rank-points` (GENIUS 9.1.10's AdditiveUtilitySpaceFactory.estimateUsingBidRanks) on
// rankings worked through by hand: points per rank, the division by each issue's best score, the
// rescaling to [0, 1] and the weights.
#include <memory>
#include <vector>

#include <gtest/gtest.h>

#include "parley/partial_preferences.h"
#include "parley/preference_estimator.h"
#include "parley/utility.h"

namespace parley {
namespace {

std::shared_ptr<const LinearAdditiveUtility> Estimate(const PartialPreferences& known) {
  auto estimate = PreferenceEstimatorRegistry::Create("genius-rank-points")->Estimate(known, 0);
  auto linear = std::dynamic_pointer_cast<const LinearAdditiveUtility>(estimate);
  EXPECT_NE(linear, nullptr);
  return linear;
}

TEST(GeniusRankPoints, ThreeRankedBidsOfTwoIssues) {
  // Worst first a1b1, a1b2, a2b1 earn 0, 1, 2 points: a1 1, a2 2, b1 2, b2 1. Divided by each
  // issue's best (2, which becomes its weight): a1 0.5, a2 1, b1 1, b2 0.5; rescaled: a1 0, a2 1,
  // b1 1, b2 0; weights 2 and 2 normalised to 0.5 each.
  auto space = std::make_shared<const OutcomeSpace>(
      "s", std::vector<Issue>{Issue::Discrete("A", {"a1", "a2"}), Issue::Discrete("B", {"b1", "b2"})});
  const auto known = PartialPreferences::Ranking(space, {Outcome({0, 0}), Outcome({0, 1}), Outcome({1, 0})}, 0.1, 0.9);
  const auto estimate = Estimate(known);
  EXPECT_EQ(estimate->weights(), (std::vector<double>{0.5, 0.5}));
  EXPECT_EQ(estimate->value_functions()[0].table(), (std::vector<double>{0.0, 1.0}));
  EXPECT_EQ(estimate->value_functions()[1].table(), (std::vector<double>{1.0, 0.0}));
  EXPECT_EQ(estimate->Utility(Outcome({0, 0})), 0.5);
  EXPECT_EQ(estimate->Utility(Outcome({1, 0})), 1.0);
  EXPECT_EQ(estimate->Utility(Outcome({0, 1})), 0.0);
}

TEST(GeniusRankPoints, UnrankedValuesScoreNothingAndWeightsFollowTheBestScores) {
  // Worst first a1b2, a3b2, a1b1, a3b1 earn 0..3: a1 2, a2 0 (never ranked), a3 4; b1 5, b2 1.
  // A: / 4 -> 0.5, 0, 1 (minimum 0: unchanged), weight 4. B: / 5 -> 1, 0.2, rescaled 1, 0,
  // weight 5. Weights 4/9 and 5/9.
  auto space = std::make_shared<const OutcomeSpace>(
      "s", std::vector<Issue>{Issue::Discrete("A", {"a1", "a2", "a3"}), Issue::Discrete("B", {"b1", "b2"})});
  const auto known = PartialPreferences::Ranking(
      space, {Outcome({0, 1}), Outcome({2, 1}), Outcome({0, 0}), Outcome({2, 0})}, 0.0, 1.0);
  const auto estimate = Estimate(known);
  EXPECT_DOUBLE_EQ(estimate->weights()[0], 4.0 / 9.0);
  EXPECT_DOUBLE_EQ(estimate->weights()[1], 5.0 / 9.0);
  EXPECT_EQ(estimate->value_functions()[0].table(), (std::vector<double>{0.5, 0.0, 1.0}));
  EXPECT_EQ(estimate->value_functions()[1].table(), (std::vector<double>{1.0, 0.0}));
  EXPECT_DOUBLE_EQ(estimate->Utility(Outcome({0, 0})), 0.5 * 4.0 / 9.0 + 5.0 / 9.0);
  EXPECT_DOUBLE_EQ(estimate->Utility(Outcome({1, 1})), 0.0);
}

TEST(GeniusRankPoints, OneRankedBidLeavesEqualWeightsAndNoValue) {
  // A single bid earns 0 points: GENIUS skips the division (best score 0) and the rescaling
  // (all equal), so the weights stay 1/2 each and every value 0.
  auto space = std::make_shared<const OutcomeSpace>(
      "s", std::vector<Issue>{Issue::Discrete("A", {"a1", "a2"}), Issue::Integer("n", 3, 5)});
  const auto estimate = Estimate(PartialPreferences::Ranking(space, {Outcome({1, 4})}, 0.5, 0.5));
  EXPECT_EQ(estimate->weights(), (std::vector<double>{0.5, 0.5}));
  EXPECT_EQ(estimate->value_functions()[1].table(), (std::vector<double>{0.0, 0.0, 0.0}));
  EXPECT_EQ(estimate->Utility(Outcome({1, 4})), 0.0);
}

}  // namespace
}  // namespace parley
