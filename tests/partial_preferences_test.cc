// Partial preferences (parley/partial_preferences.h): the errors of both constructors, which
// orders are rankings, Parley's random user model, and Kendall's tau against hand calculations
// and a brute-force count of pairs.
#include "parley/partial_preferences.h"

#include <cmath>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fixtures.h"
#include "parley/error.h"
#include "parley/scenario.h"
#include "parley/utility.h"

namespace parley {
namespace {

using testing::RandomLinearScenario;
using testing::SmallScenario;

std::shared_ptr<const OutcomeSpace> TwoByThree() {
  return std::make_shared<const OutcomeSpace>(
      "s", std::vector<Issue>{Issue::Discrete("A", {"a1", "a2"}), Issue::Discrete("B", {"b1", "b2", "b3"})});
}

std::shared_ptr<const UtilityFunction> OneIssueUtility(const std::shared_ptr<const OutcomeSpace>& space,
                                                       std::vector<double> values) {
  return std::make_shared<const LinearAdditiveUtility>(space, std::vector<double>{1.0},
                                                       std::vector<ValueFunction>{ValueFunction::Table(values)});
}

template <class Make>
std::string ErrorOf(Make make) {
  try {
    make();
  } catch (const UsageError& error) {
    return error.what();
  }
  return "no error";
}

TEST(PartialPreferences, ErrorsNameWhatIsWrong) {
  const auto space = TwoByThree();
  using Relations = std::vector<PartialPreferences::Relation>;
  const struct {
    std::string error;
    std::string expected;
  } rows[] = {
      {ErrorOf([&] { PartialPreferences::Ranking(space, {}); }),
       "partial preferences: a ranking needs at least one outcome; none given"},
      {ErrorOf([&] {
         PartialPreferences::Ranking(space, {Outcome({0, 0}), Outcome({1, 3})});
       }),
       "partial preferences: outcome 1 is not an outcome of 's': value 3 is not a legal value of issue 'B'"},
      {ErrorOf([&] {
         PartialPreferences::Ranking(space, {Outcome({0, 0}), Outcome({1, 2}), Outcome({0, 0})});
       }),
       "partial preferences: outcome 2 repeats outcome 0"},
      {ErrorOf([&] {
         PartialPreferences::Ranking(space, {Outcome({0, 0})}, 1.5, 1.0);
       }),
       "partial preferences: the low utility is 1.5; expected a number in [0, 1]"},
      {ErrorOf([&] {
         PartialPreferences::Ranking(space, {Outcome({0, 0})}, 0.5, 0.25);
       }),
       "partial preferences: the high utility 0.25 is below the low utility 0.5"},
      {ErrorOf([&] {
         PartialPreferences::Order(space, {Outcome({0, 0}), Outcome({0, 1})}, Relations{{0, 1}, {2, 0}});
       }),
       "partial preferences: relation 1 is (2, 0), but there are only 2 outcomes"},
      {ErrorOf([&] {
         PartialPreferences::Order(space, {Outcome({0, 0})}, {}, Outcome({0}));
       }),
       "partial preferences: the reservation outcome is not an outcome of 's': outcome has 1 values but the space "
       "has 2 issues"},
      {ErrorOf([&] {
         PartialPreferences::Order(space, {Outcome({0, 0}), Outcome({0, 1})}, {}).WorstFirst();
       }),
       "partial preferences: the 2 outcomes are not ranked in one chain"},
  };
  for (const auto& row : rows) EXPECT_EQ(row.error, row.expected);
}

TEST(PartialPreferences, ARankingIsAChainWorstFirst) {
  const auto known =
      PartialPreferences::Ranking(TwoByThree(), {Outcome({0, 0}), Outcome({1, 2}), Outcome({0, 1})}, 0.125, 0.875);
  ASSERT_TRUE(known.IsRanking());
  EXPECT_EQ(known.WorstFirst(), (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_EQ(known.relations(), (std::vector<PartialPreferences::Relation>{{1, 0}, {2, 1}}));
  EXPECT_EQ(known.low_utility(), 0.125);
  EXPECT_EQ(known.high_utility(), 0.875);
  EXPECT_EQ(known.Find(Outcome({1, 2})), 1u);
  EXPECT_EQ(known.Find(Outcome({1, 1})), std::nullopt);
}

TEST(PartialPreferences, AnOrderIsARankingWhenEveryOutcomeIsDirectlyAboveTheNext) {
  const auto space = TwoByThree();
  const std::vector<Outcome> four{Outcome({0, 0}), Outcome({0, 1}), Outcome({0, 2}), Outcome({1, 0})};
  using Relations = std::vector<PartialPreferences::Relation>;
  const struct {
    Relations relations;
    std::vector<std::size_t> chain;  // worst first; empty when not a ranking
  } rows[] = {
      // 3 > 1 > 0 > 2, given out of order and with a redundant (3, 0) and a self relation.
      {{{1, 0}, {3, 0}, {0, 2}, {2, 2}, {3, 1}}, {2, 0, 1, 3}},
      // 3 > 1 > 0 and 3 > 2: 2 and 1 are not compared.
      {{{3, 1}, {1, 0}, {3, 2}}, {}},
      // 0 > 1 > 2 > 3 > 0: a cycle (ties all round) is no chain.
      {{{0, 1}, {1, 2}, {2, 3}, {3, 0}}, {}},
      // 3 > 2 > 1 > 0, best first.
      {{{3, 2}, {2, 1}, {1, 0}}, {0, 1, 2, 3}},
      // An outcome in no relation.
      {{{3, 2}, {2, 1}}, {}},
  };
  for (const auto& row : rows) {
    const auto known = PartialPreferences::Order(space, four, row.relations);
    EXPECT_EQ(known.IsRanking(), !row.chain.empty());
    if (known.IsRanking()) {
      EXPECT_EQ(known.WorstFirst(), row.chain);
    }
    EXPECT_EQ(known.relations(), row.relations);
    EXPECT_EQ(known.low_utility(), std::nullopt);
  }
}

TEST(RandomRanking, DrawsDistinctOutcomesRankedByTrueUtility) {
  const Scenario scenario = RandomLinearScenario(7, 2, 3);
  const Profile& truth = scenario.profile(0);
  const std::size_t size = *scenario.space().cardinality();
  for (std::size_t count : {std::size_t{1}, std::size_t{5}, size / 2, size, size + 10}) {
    const PartialPreferences known = RandomRanking(truth, count, 11);
    ASSERT_EQ(known.size(), std::min(count, size));
    std::set<std::vector<double>> distinct;
    double previous = -1.0;
    for (std::size_t k : known.WorstFirst()) {
      const double u = truth.Utility(known.outcomes()[k]);
      EXPECT_LE(previous, u);
      previous = u;
      distinct.insert(known.outcomes()[k].values());
    }
    EXPECT_EQ(distinct.size(), known.size());
    EXPECT_EQ(known.low_utility(), truth.Utility(known.outcomes().front()));
    EXPECT_EQ(known.high_utility(), truth.Utility(known.outcomes().back()));
    // The same seed draws the same outcomes.
    EXPECT_EQ(RandomRanking(truth, count, 11).outcomes(), known.outcomes());
  }
  EXPECT_NE(RandomRanking(truth, 5, 11).outcomes(), RandomRanking(truth, 5, 12).outcomes());
  EXPECT_EQ(ErrorOf([&] { RandomRanking(truth, 0, 1); }),
            "random ranking: the number of ranked outcomes must be at least 1");
}

TEST(RandomRanking, SpacesWithARealIssueAreSampled) {
  const Scenario scenario = SmallScenario(2);  // a real issue: not enumerable
  const PartialPreferences known = RandomRanking(scenario.profile(0), 20, 3);
  EXPECT_EQ(known.size(), 20u);
  EXPECT_TRUE(known.IsRanking());
}

TEST(KendallTau, HandCalculations) {
  auto space =
      std::make_shared<const OutcomeSpace>("one", std::vector<Issue>{Issue::Discrete("x", {"p", "q", "r", "s"})});
  const auto truth = OneIssueUtility(space, {0.0, 0.25, 0.5, 1.0});
  const struct {
    std::vector<double> values;
    double tau;
  } rows[] = {
      {{0.0, 0.25, 0.5, 1.0}, 1.0},
      {{0.0, 0.5, 0.25, 1.0}, 4.0 / 6.0},                       // one of the six pairs reversed
      {{0.0, 0.5, 0.5, 1.0}, 5.0 / std::sqrt(6.0 * 5.0)},       // one pair tied: tau-b
      {{1.0, 0.5, 0.25, 0.0}, -1.0},                            // reversed
      {{0.5, 0.5, 0.5, 0.5}, 0.0},                              // no order at all
      {{0.0, 0.25 + 1e-15, 0.25, 1.0}, 5.0 / std::sqrt(30.0)},  // rounding noise ties
  };
  for (const auto& row : rows) EXPECT_DOUBLE_EQ(KendallTau(*truth, *OneIssueUtility(space, row.values)), row.tau);
}

// tau-b by counting every pair, the definition.
double BruteForceTau(const std::vector<double>& a, const std::vector<double>& b) {
  double concordant = 0, discordant = 0, tied_a = 0, tied_b = 0, pairs = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (std::size_t j = i + 1; j < a.size(); ++j) {
      const auto da = UtilityKey(a[i]) <=> UtilityKey(a[j]);
      const auto db = UtilityKey(b[i]) <=> UtilityKey(b[j]);
      pairs += 1;
      if (da == 0) tied_a += 1;
      if (db == 0) tied_b += 1;
      if (da != 0 && db != 0) (da == db ? concordant : discordant) += 1;
    }
  }
  return (concordant - discordant) / std::sqrt((pairs - tied_a) * (pairs - tied_b));
}

TEST(KendallTau, AgreesWithCountingEveryPair) {
  for (std::uint64_t seed : {1, 2, 3}) {
    const Scenario scenario = RandomLinearScenario(seed, 2, 3);
    const UtilityFunction& a = scenario.profile(0).utility_function();
    const UtilityFunction& b = scenario.profile(1).utility_function();
    std::vector<double> of_a, of_b;
    a.EvaluateAll(of_a);
    b.EvaluateAll(of_b);
    EXPECT_NEAR(KendallTau(a, b), BruteForceTau(of_a, of_b), 1e-12) << seed;
    EXPECT_DOUBLE_EQ(KendallTau(a, a), 1.0);
    // A sample of the space, drawn from the seed: the same seed gives the same estimate.
    EXPECT_EQ(KendallTau(a, b, 200, 9), KendallTau(a, b, 200, 9));
    EXPECT_NEAR(KendallTau(a, b, 4000, 9), KendallTau(a, b), 0.1);
  }
}

TEST(KendallTau, DifferentSpacesAreRefused) {
  auto one = std::make_shared<const OutcomeSpace>("one", std::vector<Issue>{Issue::Discrete("x", {"p", "q"})});
  auto other = std::make_shared<const OutcomeSpace>("other", std::vector<Issue>{Issue::Discrete("y", {"p", "q"})});
  EXPECT_EQ(ErrorOf([&] {
              KendallTau(*OneIssueUtility(one, {0, 1}), *OneIssueUtility(other, {0, 1}));
            }),
            "Kendall's tau: the utility functions are over different spaces ('one' and 'other')");
}

}  // namespace
}  // namespace parley
