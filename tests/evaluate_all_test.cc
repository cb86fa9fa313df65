// UtilityFunction::EvaluateAll must give, for every outcome index, exactly what Utility() gives
// for the decoded outcome: the fast prefix-sum path of linear additive functions and the generic
// odometer walk alike.
#include <gtest/gtest.h>

#include "fixtures.h"
#include "parley/error.h"
#include "parley/hyper_rectangle.h"
#include "parley/scenario_format.h"
#include "test_support.h"

namespace parley {
namespace {

void ExpectMatchesUtility(const UtilityFunction& utility) {
  std::vector<double> all;
  utility.EvaluateAll(all);
  const OutcomeSpace& space = utility.space();
  ASSERT_EQ(all.size(), *space.cardinality());
  Outcome outcome;
  for (OutcomeIndex i = 0; i < all.size(); ++i) {
    space.Decode(i, outcome);
    ASSERT_EQ(all[i], utility.Utility(outcome)) << "outcome " << i;
  }
}

TEST(EvaluateAll, LinearAdditiveMatchesUtilityBitForBit) {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const Scenario scenario = testing::RandomLinearScenario(seed, 3, 4, false);
    for (const auto& profile : scenario.profiles()) ExpectMatchesUtility(profile.utility_function());
  }
  const Scenario builtin = LoadScenario(std::string(kDefaultScenario) + "#ceasefire");
  for (const auto& profile : builtin.profiles()) ExpectMatchesUtility(profile.utility_function());
}

TEST(EvaluateAll, GenericWalkMatchesUtility) {
  auto space = std::make_shared<const OutcomeSpace>(
      "small",
      std::vector<Issue>{Issue::Integer("a", 0, 3), Issue::Integer("b", 2, 4), Issue::Discrete("c", {"x", "y"})});
  HyperRectangleFunction root;
  HyperRectangle inside;
  inside.bounds = {{0, 1, 2}, {1, 3, 4}};
  inside.utility = 5;
  HyperRectangle outside;
  outside.kind = HyperRectangle::Kind::kExclusive;
  outside.bounds = {{0, 0, 1}};
  outside.utility = 3;
  root.rectangles = {inside, outside};
  const HyperRectangleUtility utility(space, root, 8.0);
  ExpectMatchesUtility(utility);
}

TEST(EvaluateAll, RefusesSpacesThatCannotBeEnumerated) {
  std::vector<Issue> issues;
  for (int i = 0; i < 30; ++i) issues.push_back(Issue::Integer("i" + std::to_string(i), 0, 9));
  auto space = std::make_shared<const OutcomeSpace>("huge", std::move(issues));
  const HyperRectangleUtility utility(space, HyperRectangleFunction{}, 1.0);
  std::vector<double> all;
  EXPECT_THROW(utility.EvaluateAll(all), UsageError);
}

}  // namespace
}  // namespace parley
