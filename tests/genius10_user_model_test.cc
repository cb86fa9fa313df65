// GENIUS 10.4's user model (ComparisonGenerator.generateRankingByAmount of 10.4) on a hand-made
// profile, against rankings derived by hand from the SortedOutcomeSpace order and the draws of
// java.util.Random, computed apart from Parley's JavaRandom.
#include <memory>
#include <vector>

#include <gtest/gtest.h>

#include "parley/error.h"
#include "parley/knowledge.h"
#include "parley/partial_preferences.h"
#include "parley/scenario.h"
#include "parley/utility.h"
#include "preferences/genius10_user_model.h"

namespace parley {
namespace {

// color {red, green, blue} weight .6 values {1, .5, 0}; size {small, large} weight .4 values
// {0, 1}. Utilities: RL 1, GL .7, RS .6, BL .4, GS .3, BS 0, all different, so SortedOutcomeSpace
// order is RL GL RS BL GS BS and no hash tie-break decides.
const Outcome kRL({0, 1}), kGL({1, 1}), kRS({0, 0}), kBL({2, 1}), kGS({1, 0}), kBS({2, 0});

Profile MakeProfile() {
  auto space = std::make_shared<const OutcomeSpace>(
      "shirts", std::vector<Issue>{Issue::Discrete("color", {"red", "green", "blue"}),
                                   Issue::Discrete("size", {"small", "large"})});
  auto utility = std::make_shared<const LinearAdditiveUtility>(
      space, std::vector<double>{0.6, 0.4},
      std::vector<ValueFunction>{ValueFunction::Table({1, .5, 0}), ValueFunction::Table({0, 1})});
  return Profile("shirt buyer", utility, 0.0, 1.0);
}

std::vector<Outcome> WorstFirst(const PartialPreferences& known) {
  std::vector<Outcome> outcomes;
  for (std::size_t k : known.WorstFirst()) outcomes.push_back(known.outcomes()[k]);
  return outcomes;
}

// The middle bids GL RS BL GS shuffled by Collections.shuffle with java.util.Random(314): its
// nextInt(4), nextInt(3), nextInt(2) are 3, 0, 1 (swap 3<->3, 2<->0, 1<->1): BL RS GL GS. With
// Random(7): 2, 2, 1 (swap 3<->2, 2<->2, 1<->1): GL RS GS BL.
TEST(Genius10UserModel, RanksTheWorstAndTheBestAndTheFirstShuffledBidsBetween) {
  const Profile truth = MakeProfile();
  struct Case {
    std::size_t comparisons;
    std::int64_t seed;
    std::vector<Outcome> expected;
  };
  // GENIUS 10.4 asks for `comparisons` bids: the two ends and the first comparisons - 2 shuffled.
  const std::vector<Case> cases = {
      {0, 314, {kBS, kRL}},
      {1, 314, {kBS, kRL}},
      {2, 314, {kBS, kRL}},
      {3, 314, {kBS, kBL, kRL}},
      {4, 314, {kBS, kBL, kRS, kRL}},
      {5, 314, {kBS, kBL, kRS, kGL, kRL}},
      {6, 314, {kBS, kGS, kBL, kRS, kGL, kRL}},
      {9, 314, {kBS, kGS, kBL, kRS, kGL, kRL}},  // GENIUS fails here: every bid
      {3, 7, {kBS, kGL, kRL}},
      {4, 7, {kBS, kRS, kGL, kRL}},
  };
  for (const Case& c : cases) {
    const PartialPreferences known = Genius10UserModel(truth, c.comparisons, c.seed);
    EXPECT_EQ(WorstFirst(known), c.expected) << c.comparisons << " comparisons, seed " << c.seed;
    EXPECT_EQ(known.low_utility(), 0.0);
    EXPECT_EQ(known.high_utility(), 1.0);
  }
  EXPECT_EQ(GeniusWorstAndBest(truth), (std::vector<Outcome>{kBS, kRL}));
}

// The knowledge spec genius10(...) is that model: seed 314 by default, seed 0 standing for GENIUS's
// unseeded shuffle with the party's own seed (7 here), and comparisons 10 by default (every bid of
// this space).
TEST(Genius10UserModel, IsTheKnowledgeSpecGenius10) {
  const Profile truth = MakeProfile();
  const std::shared_ptr<const OutcomeSpace> space(truth.shared_utility_function(), &truth.utility_function().space());
  const Scenario scenario("shirts", space, {truth, Profile("shirt seller", truth.shared_utility_function(), 0.0, 1.0)});
  struct Case {
    const char* spec;
    std::vector<Outcome> expected;
  };
  const std::vector<Case> cases = {
      {"genius10(comparisons=4)", {kBS, kBL, kRS, kRL}},
      {"genius10(comparisons=4, seed=7)", {kBS, kRS, kGL, kRL}},
      {"genius10(comparisons=4, seed=0)", {kBS, kRS, kGL, kRL}},
      {"genius10(comparisons=2)", {kBS, kRL}},
      {"genius10", {kBS, kGS, kBL, kRS, kGL, kRL}},
  };
  for (const Case& c : cases) {
    const auto known = KnowledgeFromSpec(scenario, 0, c.spec, 7);
    ASSERT_NE(known, nullptr) << c.spec;
    EXPECT_EQ(WorstFirst(*known), c.expected) << c.spec;
    EXPECT_EQ(known->low_utility(), 0.0) << c.spec;
    EXPECT_EQ(known->high_utility(), 1.0) << c.spec;
  }
  EXPECT_THROW(KnowledgeFromSpec(scenario, 0, "genius10(k=3)", 7), UsageError);
  EXPECT_THROW(KnowledgeFromSpec(scenario, 0, "genius10(comparisons=-1)", 7), UsageError);
}

TEST(Genius10UserModel, NeedsASpaceGeniusCanSort) {
  auto space = std::make_shared<const OutcomeSpace>("pie", std::vector<Issue>{Issue::Real("share", 0, 1)});
  auto utility = std::make_shared<const LinearAdditiveUtility>(
      space, std::vector<double>{1}, std::vector<ValueFunction>{ValueFunction::Linear(1.0, 0.0, 0.0, true)});
  EXPECT_THROW(Genius10UserModel(Profile("eater", utility, 0.0, 1.0), 3), UsageError);
}

}  // namespace
}  // namespace parley
