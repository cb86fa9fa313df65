// GENIUS 9.1.10's user model (GeniusUserModel, parley/partial_preferences.h) on a hand-made space,
// against rankings derived by a second method: java.util.Random's generator and nextInt written
// out in Python from the Java documentation (it gives Random(42)'s known first draws, nextInt()
// = -1170105035 and nextInt(10) = 0, 3, 8, 4, 0), String.hashCode and BidDetails.hashCode
// likewise, then Collections.shuffle and the two sorts worked through by hand.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "parley/error.h"
#include "parley/partial_preferences.h"
#include "parley/scenario.h"
#include "parley/utility.h"

namespace parley {
namespace {

// A = {a1, a2, a3} worth 1, 0.5, 0 and B = {b1, b2} worth 1, 0, weights 0.5 each: utilities
// a1b1 1, a2b1 0.75, a3b1 0.5, a1b2 0.5, a2b2 0.25, a3b2 0 (exact in binary). The two bids worth
// 0.5 tie; BidDetails.hashCode() is 2087357535 for a1b2 and 2087358496 for a3b1, so GENIUS's
// SortedOutcomeSpace lists a1b1, a2b1, a1b2, a3b1, a2b2, a3b2 (positions 0..5).
Profile TwoIssueProfile() {
  auto space = std::make_shared<const OutcomeSpace>(
      "s", std::vector<Issue>{Issue::Discrete("A", {"a1", "a2", "a3"}), Issue::Discrete("B", {"b1", "b2"})});
  auto utility = std::make_shared<const LinearAdditiveUtility>(
      space, std::vector<double>{0.5, 0.5},
      std::vector<ValueFunction>{ValueFunction::Table({1.0, 0.5, 0.0}), ValueFunction::Table({1.0, 0.0})});
  return Profile("p", utility, 0.25, 1.0);
}

std::vector<std::string> Names(const PartialPreferences& known) {
  std::vector<std::string> names;
  for (std::size_t k : known.WorstFirst()) names.push_back(known.space().Format(known.outcomes()[k]));
  return names;
}

TEST(GeniusUserModel, RanksTheFirstBidsOfTheShuffledSortedSpace) {
  // Random(314): nextInt(6) = 3, nextInt(5) = 0, nextInt(4) = 2, nextInt(3) = 2, nextInt(2) = 0.
  // Shuffling positions 0..5: swap 5,3 -> 0 1 2 5 4 3; swap 4,0 -> 4 1 2 5 0 3; swap 3,2 ->
  // 4 1 5 2 0 3; swap 2,2; swap 1,0 -> 1 4 5 2 0 3. Three comparisons keep 1 4 5 2 (a2b1, a2b2,
  // a3b2, a1b2), ranked by utility ascending.
  const PartialPreferences known = GeniusUserModel(TwoIssueProfile(), 3);
  ASSERT_TRUE(known.IsRanking());
  EXPECT_EQ(Names(known), (std::vector<std::string>{"A=a3, B=b2", "A=a2, B=b2", "A=a1, B=b2", "A=a2, B=b1"}));
  EXPECT_EQ(known.low_utility(), 0.0);
  EXPECT_EQ(known.high_utility(), 0.75);
}

TEST(GeniusUserModel, EqualUtilitiesRankByHashCodeDescending) {
  // With every bid kept the order is the sorted space reversed: BidDetailsSorterUtility reversed
  // puts the larger hash code (a3b1) first among the bids worth 0.5.
  const PartialPreferences known = GeniusUserModel(TwoIssueProfile(), 10);
  EXPECT_EQ(Names(known), (std::vector<std::string>{"A=a3, B=b2", "A=a2, B=b2", "A=a3, B=b1", "A=a1, B=b2",
                                                    "A=a2, B=b1", "A=a1, B=b1"}));
  EXPECT_EQ(known.low_utility(), 0.0);
  EXPECT_EQ(known.high_utility(), 1.0);
}

TEST(GeniusUserModel, NoComparisonsLeavesOneBid) {
  // The first shuffled position is 1 (a2b1); a ranking of one bid is its own low and high.
  const PartialPreferences known = GeniusUserModel(TwoIssueProfile(), 0);
  EXPECT_EQ(Names(known), (std::vector<std::string>{"A=a2, B=b1"}));
  EXPECT_EQ(known.low_utility(), 0.75);
  EXPECT_EQ(known.high_utility(), 0.75);
}

TEST(GeniusUserModel, SpacesGeniusCannotListAreRefused) {
  auto space = std::make_shared<const OutcomeSpace>("r", std::vector<Issue>{Issue::Real("x", 0.0, 1.0)});
  auto utility = std::make_shared<const LinearAdditiveUtility>(
      space, std::vector<double>{1.0}, std::vector<ValueFunction>{ValueFunction::Linear(1.0, 0.0, 0.0, true)});
  try {
    GeniusUserModel(Profile("p", utility, 0.0, 1.0), 5);
    FAIL() << "expected a UsageError";
  } catch (const UsageError& error) {
    EXPECT_STREQ(error.what(), "GENIUS's user model of 'p': GENIUS cannot list every bid of 'r': it has a real issue");
  }
}

}  // namespace
}  // namespace parley
