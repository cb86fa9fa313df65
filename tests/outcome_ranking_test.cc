// Tests of OutcomeRanking: on an enumerable space it must equal the brute-force sorted list of
// outcomes (ascending utility, ties in index order) and LowestAtLeast must agree with a linear
// scan; on spaces too large to rank exhaustively the sampled ranking must hold valid outcomes in
// ascending order and, for a linear additive function, reach the exact optimum by hill climbing.
#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "parley/outcome_ranking.h"
#include "parley/random.h"
#include "parley/utility.h"

namespace parley {
namespace {

std::vector<std::string> Names(std::size_t count) {
  std::vector<std::string> names;
  for (std::size_t v = 0; v < count; ++v) names.push_back("v" + std::to_string(v));
  return names;
}

TEST(OutcomeRankingTest, ExhaustiveRankingIsTheSortedListOfOutcomes) {
  auto space = std::make_shared<const OutcomeSpace>(
      "small",
      std::vector<Issue>{Issue::Discrete("a", Names(4)), Issue::Integer("n", 0, 4), Issue::Discrete("c", Names(3))});
  // Weights 1:1:2 -> 1/4, 1/4, 1/2 and values in halves: every utility is exact in binary, and
  // there are many ties.
  const std::vector<double> table_a = {0, .5, 1, .5};
  const std::vector<double> table_n = {1, 0, .5, .5, 0};
  const std::vector<double> table_c = {.5, 0, 1};
  const LinearAdditiveUtility u(
      space, {1, 1, 2}, {ValueFunction::Table(table_a), ValueFunction::Table(table_n), ValueFunction::Table(table_c)});

  // Brute force: enumerate in index order (last issue fastest), then sort by utility, then index.
  std::vector<std::pair<double, std::size_t>> expected;
  std::vector<Outcome> outcomes;
  for (int a = 0; a < 4; ++a) {
    for (int n = 0; n <= 4; ++n) {
      for (int c = 0; c < 3; ++c) {
        expected.emplace_back(0.25 * table_a[a] + 0.25 * table_n[n] + 0.5 * table_c[c], outcomes.size());
        outcomes.push_back(Outcome(std::vector<double>{double(a), double(n), double(c)}));
      }
    }
  }
  std::sort(expected.begin(), expected.end());

  const OutcomeRanking& ranking = u.ranking();
  EXPECT_TRUE(ranking.exhaustive());
  ASSERT_EQ(ranking.size(), 60u);
  Outcome copied;
  for (std::size_t r = 0; r < 60; ++r) {
    SCOPED_TRACE(::testing::Message() << "rank " << r);
    EXPECT_EQ(ranking.utility(r), expected[r].first);
    ranking.CopyOutcome(r, copied);
    EXPECT_EQ(copied, outcomes[expected[r].second]);
  }
  EXPECT_EQ(ranking.worst_utility(), 0.0);  // (v0, 1 or 4, v1)
  EXPECT_EQ(ranking.best_utility(), 1.0);   // (v2, 0, v2)

  // LowestAtLeast against a linear scan, for every utility, points between them and random targets.
  auto scan = [&](double target) {
    for (std::size_t r = 0; r < expected.size(); ++r) {
      if (expected[r].first >= target) return r;
    }
    return expected.size();
  };
  std::vector<double> targets = {-1.0, 0.0, 1.0, 1.0 + 1e-12, 2.0, -0.0};
  for (const auto& [utility, index] : expected) {
    targets.push_back(utility);
    targets.push_back(utility + 1e-9);
    targets.push_back(utility - 1e-9);
  }
  Rng rng(3);
  for (int k = 0; k < 1000; ++k) targets.push_back(-0.1 + 1.2 * rng.UniformReal());
  for (double target : targets) EXPECT_EQ(ranking.LowestAtLeast(target), scan(target)) << "target " << target;
}

TEST(OutcomeRankingTest, RankingAtTheExhaustiveLimitIsExhaustive) {
  // 21 binary issues: exactly kExhaustiveLimit outcomes.
  std::vector<Issue> issues;
  std::vector<double> weights;
  std::vector<ValueFunction> functions;
  for (int i = 0; i < 21; ++i) {
    issues.push_back(Issue::Discrete("i" + std::to_string(i), {"no", "yes"}));
    weights.push_back(1.0 + i);
    functions.push_back(ValueFunction::Table({0.0, 1.0}));
  }
  auto space = std::make_shared<const OutcomeSpace>("binary", issues);
  ASSERT_EQ(*space->cardinality(), OutcomeRanking::kExhaustiveLimit);
  const LinearAdditiveUtility u(space, weights, functions);
  const OutcomeRanking ranking(u);
  EXPECT_TRUE(ranking.exhaustive());
  EXPECT_EQ(ranking.size(), OutcomeRanking::kExhaustiveLimit);
  EXPECT_EQ(ranking.worst_utility(), 0.0);
  EXPECT_NEAR(ranking.best_utility(), 1.0, 1e-12);
  Outcome copied;
  ranking.CopyOutcome(0, copied);
  EXPECT_EQ(copied, Outcome(21));
  ranking.CopyOutcome(ranking.size() - 1, copied);
  EXPECT_EQ(copied, Outcome(std::vector<double>(21, 1.0)));
  ranking.CopyOutcome(0, copied);
  // Ascending, and equal utilities in index order. Many sums of these weights are equal or differ
  // only in the last bits, so this also covers crowded stretches of near-equal values.
  OutcomeIndex previous = space->IndexOf(copied);  // rank 0
  for (std::size_t r = 1; r < ranking.size(); ++r) {
    ASSERT_LE(ranking.utility(r - 1), ranking.utility(r)) << r;
    ranking.CopyOutcome(r, copied);
    const OutcomeIndex index = space->IndexOf(copied);
    if (ranking.utility(r - 1) == ranking.utility(r)) {
      ASSERT_LT(previous, index) << r;
    }
    previous = index;
  }

  // One more issue of three values: 3 * 2^20 outcomes, past the limit but still enumerable.
  issues.pop_back();
  weights.pop_back();
  functions.pop_back();
  issues.push_back(Issue::Discrete("three", {"low", "mid", "high"}));
  weights.push_back(5.0);
  functions.push_back(ValueFunction::Table({0.0, 1.0, 0.5}));
  auto larger = std::make_shared<const OutcomeSpace>("larger", issues);
  ASSERT_TRUE(larger->enumerable());
  const LinearAdditiveUtility v(larger, weights, functions);
  const OutcomeRanking sampled(v);
  EXPECT_FALSE(sampled.exhaustive());
  EXPECT_NEAR(sampled.best_utility(), 1.0, 1e-9);
}

// Checks the invariants every ranking must hold: valid outcomes, ascending utilities equal to the
// function's utility of the outcome stored at that rank.
void ExpectConsistent(const OutcomeRanking& ranking, const UtilityFunction& u) {
  Outcome copied;
  for (std::size_t r = 0; r < ranking.size(); ++r) {
    ranking.CopyOutcome(r, copied);
    ASSERT_TRUE(u.space().IsValid(copied)) << "rank " << r << ": " << u.space().Format(copied);
    ASSERT_EQ(ranking.utility(r), u.Utility(copied)) << "rank " << r;
    if (r > 0) {
      ASSERT_LE(ranking.utility(r - 1), ranking.utility(r)) << "rank " << r;
    }
  }
  EXPECT_EQ(ranking.worst_utility(), ranking.utility(0));
  EXPECT_EQ(ranking.best_utility(), ranking.utility(ranking.size() - 1));
}

TEST(OutcomeRankingTest, SampledRankingOfALargeSpaceFindsTheLinearOptimum) {
  // 20 issues of 10 values: 10^20 outcomes, more than 64 bits can count.
  std::vector<Issue> issues;
  std::vector<double> weights;
  std::vector<ValueFunction> functions;
  double weighted_best = 0.0, weight_total = 0.0;
  for (int i = 0; i < 20; ++i) {
    issues.push_back(Issue::Discrete("i" + std::to_string(i), Names(10)));
    const double w = 1.0 + (i * 7) % 5;
    std::vector<double> table;
    for (int k = 0; k < 10; ++k) table.push_back(((i * 3 + k * 7) % 11) / 10.0);
    weights.push_back(w);
    weight_total += w;
    weighted_best += w * *std::max_element(table.begin(), table.end());
    functions.push_back(ValueFunction::Table(table));
  }
  auto space = std::make_shared<const OutcomeSpace>("large", issues);
  ASSERT_FALSE(space->enumerable());
  const LinearAdditiveUtility u(space, weights, functions);
  // Independent optimum: each issue at its best value (separable).
  const double exact_best = std::min(1.0, weighted_best / weight_total);
  EXPECT_NEAR(u.max_utility(), exact_best, 1e-12);

  const OutcomeRanking& ranking = u.ranking();
  EXPECT_FALSE(ranking.exhaustive());
  EXPECT_EQ(ranking.size(), OutcomeRanking::kSampleSize + OutcomeRanking::kClimbStarts);
  ExpectConsistent(ranking, u);
  EXPECT_NEAR(ranking.best_utility(), exact_best, 1e-9);
  // Random sampling alone would be far from the optimum; the worst sample far below it.
  EXPECT_LT(ranking.worst_utility(), exact_best - 0.2);

  // LowestAtLeast on the sampled ranking against a linear scan.
  Rng rng(11);
  for (int k = 0; k < 200; ++k) {
    const double target = 1.2 * rng.UniformReal() - 0.1;
    std::size_t expected = ranking.size();
    for (std::size_t r = 0; r < ranking.size(); ++r) {
      if (ranking.utility(r) >= target) {
        expected = r;
        break;
      }
    }
    EXPECT_EQ(ranking.LowestAtLeast(target), expected) << target;
  }

  // Built from a fixed seed: the same function ranks the same way again.
  const OutcomeRanking again(u);
  ASSERT_EQ(again.size(), ranking.size());
  Outcome x, y;
  for (std::size_t r = 0; r < ranking.size(); r += 997) {
    ranking.CopyOutcome(r, x);
    again.CopyOutcome(r, y);
    EXPECT_EQ(x, y) << r;
  }
}

TEST(OutcomeRankingTest, SampledRankingWithARealIssueIsConsistent) {
  auto space = std::make_shared<const OutcomeSpace>(
      "real", std::vector<Issue>{Issue::Discrete("d", Names(5)), Issue::Real("price", 10.0, 20.0)});
  const LinearAdditiveUtility u(
      space, {1, 1}, {ValueFunction::Table({0, .25, .5, .75, 1}), ValueFunction::Linear(-0.1, 1.0, 10.0, true)});
  const OutcomeRanking ranking(u);
  EXPECT_FALSE(ranking.exhaustive());
  ExpectConsistent(ranking, u);
  // The optimum is (v4, price 10) with utility 1; samples get close.
  EXPECT_GT(ranking.best_utility(), 0.99);
  EXPECT_LE(ranking.best_utility(), 1.0);
}

}  // namespace
}  // namespace parley
