// The `lp` estimator's program (preferences/lp_estimator.h) on hand-made rankings. A solution is
// checked by evaluating every constraint and the objective, never against one vertex: with
// margin 0 many solutions are optimal and another solver may return another.
#include "preferences/lp_estimator.h"

#include <memory>
#include <numeric>
#include <vector>

#include <gtest/gtest.h>

#include "parley/partial_preferences.h"
#include "parley/preference_estimator.h"
#include "parley/scenario.h"
#include "parley/utility.h"

namespace parley {
namespace {

constexpr double kTolerance = 1e-7;  // the solver's feasibility tolerance

std::shared_ptr<const OutcomeSpace> TwoByTwo() {
  return std::make_shared<const OutcomeSpace>(
      "s", std::vector<Issue>{Issue::Discrete("A", {"a1", "a2"}), Issue::Discrete("B", {"b1", "b2"})});
}

double Sum(const RankingLp& lp, const Outcome& outcome) {
  return lp.phi[0][static_cast<std::size_t>(outcome[0])] + lp.phi[1][static_cast<std::size_t>(outcome[1])];
}

// Every constraint of the program holds and the objective is the sum of the slacks.
void ExpectFeasible(const PartialPreferences& known, const RankingLp& lp, double margin) {
  for (const auto& issue : lp.phi) {
    for (double phi : issue) EXPECT_GE(phi, -kTolerance);
  }
  ASSERT_EQ(lp.slack.size(), known.relations().size());
  for (std::size_t k = 0; k < lp.slack.size(); ++k) {
    const auto [better, worse] = known.relations()[k];
    EXPECT_GE(lp.slack[k], -kTolerance);
    EXPECT_GE(Sum(lp, known.outcomes()[better]) - Sum(lp, known.outcomes()[worse]) + lp.slack[k], margin - kTolerance)
        << "relation " << k;
  }
  ASSERT_TRUE(lp.top && lp.bottom);
  EXPECT_NEAR(Sum(lp, known.outcomes()[*lp.top]), lp.high, kTolerance);
  EXPECT_NEAR(Sum(lp, known.outcomes()[*lp.bottom]), lp.low, kTolerance);
  EXPECT_NEAR(lp.objective, std::accumulate(lp.slack.begin(), lp.slack.end(), 0.0), kTolerance);
}

TEST(LpEstimator, AnAdditiveRankingNeedsNoSlack) {
  // Worst first a1b1, a1b2, a2b1 with low 0 and high 1: the equalities force phi(a1) = phi(b1) =
  // 0 and phi(a2) = 1; the pairs need phi(b2) in [0.1, 0.9] for margin 0.1: optimum 0.
  const auto known =
      PartialPreferences::Ranking(TwoByTwo(), {Outcome({0, 0}), Outcome({0, 1}), Outcome({1, 0})}, 0.0, 1.0);
  for (double margin : {0.0, 0.1}) {
    const RankingLp lp = SolveRankingLp(known, margin);
    ExpectFeasible(known, lp, margin);
    EXPECT_NEAR(lp.objective, 0.0, kTolerance) << margin;
    EXPECT_NEAR(lp.phi[0][0], 0.0, kTolerance);
    EXPECT_NEAR(lp.phi[1][0], 0.0, kTolerance);
    EXPECT_NEAR(lp.phi[0][1], 1.0, kTolerance);
  }
  // And the estimate keeps the order with margin 0.1.
  const auto estimate = PreferenceEstimatorRegistry::Create("lp(margin=0.1)")->Estimate(known, 0);
  EXPECT_LT(estimate->Utility(Outcome({0, 0})), estimate->Utility(Outcome({0, 1})));
  EXPECT_LT(estimate->Utility(Outcome({0, 1})), estimate->Utility(Outcome({1, 0})));
}

TEST(LpEstimator, ARankingNoAdditiveFunctionFitsCostsTwiceTheMargin) {
  // Worst first a1b1, a2b1, a2b2, a1b2 (low 0, high 1): phi(a1) = phi(b1) = 0 and phi(b2) = 1;
  // the first pair needs phi(a2) + z1 >= m, the last -phi(a2) + z3 >= m, the middle holds with
  // phi(b2) = 1: the least total slack is exactly 2m (0 for m = 0, where a1 and a2 tie).
  const auto known = PartialPreferences::Ranking(
      TwoByTwo(), {Outcome({0, 0}), Outcome({1, 0}), Outcome({1, 1}), Outcome({0, 1})}, 0.0, 1.0);
  for (double margin : {0.0, 0.1, 0.25}) {
    const RankingLp lp = SolveRankingLp(known, margin);
    ExpectFeasible(known, lp, margin);
    EXPECT_NEAR(lp.objective, 2 * margin, kTolerance) << margin;
  }
}

TEST(LpEstimator, OrdersWithoutUtilitiesArePinnedAtZeroAndOne) {
  // A partial order 0 >= 1, 0 >= 2 with no utilities: one maximum (0) pinned at 1, two minima
  // (1 and 2), so no bottom.
  const auto known =
      PartialPreferences::Order(TwoByTwo(), {Outcome({1, 1}), Outcome({0, 0}), Outcome({0, 1})}, {{0, 1}, {0, 2}});
  const RankingLp lp = SolveRankingLp(known, 0.1);
  EXPECT_EQ(lp.top, 0u);
  EXPECT_EQ(lp.bottom, std::nullopt);
  EXPECT_NEAR(Sum(lp, known.outcomes()[0]), 1.0, kTolerance);
  EXPECT_NEAR(lp.objective, 0.0, kTolerance);
}

TEST(LpEstimator, AFullRankingWithAMarginGivesTheTrueOrder) {
  // Weights 0.6 and 0.4, values {0, 0.25, 1} and {0, 0.7, 1}: the nine utilities 0, 0.15, 0.28,
  // 0.4, 0.43, 0.55, 0.6, 0.88, 1 are distinct, 0.03 apart at least. The truth itself satisfies
  // every relation with margin 0.01 and no slack, so every optimum needs none, and each ranked
  // outcome is then estimated above the one before it.
  auto space = std::make_shared<const OutcomeSpace>(
      "s", std::vector<Issue>{Issue::Discrete("A", {"a1", "a2", "a3"}), Issue::Discrete("B", {"b1", "b2", "b3"})});
  auto truth = std::make_shared<const LinearAdditiveUtility>(
      space, std::vector<double>{0.6, 0.4},
      std::vector<ValueFunction>{ValueFunction::Table({0.0, 0.25, 1.0}), ValueFunction::Table({0.0, 0.7, 1.0})});
  const Profile profile("p", truth, 0.0, 1.0);
  const PartialPreferences known = RandomRanking(profile, 9, 5);
  ASSERT_EQ(known.size(), 9u);
  const RankingLp lp = SolveRankingLp(known, 0.01);
  ExpectFeasible(known, lp, 0.01);
  EXPECT_NEAR(lp.objective, 0.0, kTolerance);
  const auto estimate = PreferenceEstimatorRegistry::Create("lp(margin=0.01)")->Estimate(known, 0);
  for (std::size_t k = 1; k < known.size(); ++k) {
    EXPECT_LT(estimate->Utility(known.outcomes()[k - 1]), estimate->Utility(known.outcomes()[k])) << k;
  }
  EXPECT_EQ(KendallTau(*truth, *estimate), 1.0);
}

TEST(LpEstimator, MarginOutsideTheUnitIntervalIsRefused) {
  try {
    PreferenceEstimatorRegistry::Create("lp(margin=2)");
    FAIL() << "expected a UsageError";
  } catch (const UsageError& error) {
    EXPECT_STREQ(error.what(), "preference estimator 'lp': margin is 2; expected a number in [0, 1]");
  }
}

}  // namespace
}  // namespace parley
