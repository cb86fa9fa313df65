// GENIUS's sorted outcome space (preferences/genius_sorted_outcomes.h) on hand-made spaces:
// the order of equal utilities by GENIUS's hash codes, and the two searches with their stopping
// rules, worked out by hand from GENIUS 9.1.10's SortedOutcomeSpace. The hash codes were printed
// by OpenJDK 17 (String.hashCode() of each string; BidDetails.hashCode() as GENIUS computes it).
#include "preferences/genius_sorted_outcomes.h"

#include <memory>

#include <gtest/gtest.h>

#include "parley/utility.h"

namespace parley {
namespace {

// One discrete issue whose values are worth `worth` (in order) to the profile.
Profile OneIssueProfile(std::vector<std::string> values, std::vector<double> worth) {
  auto space = std::make_shared<const OutcomeSpace>("s", std::vector<Issue>{Issue::Discrete("i", std::move(values))});
  auto utility = std::make_shared<const LinearAdditiveUtility>(
      space, std::vector<double>{1.0}, std::vector<ValueFunction>{ValueFunction::Table(std::move(worth))});
  return Profile("p", utility, 0.0, 1.0);
}

std::string ValueAt(const GeniusSortedOutcomes& sorted, const Profile& profile, std::size_t position) {
  Outcome outcome;
  sorted.CopyOutcome(position, outcome);
  return profile.utility_function().space().issue(0).Format(outcome[0]);
}

TEST(GeniusSortedOutcomes, EqualUtilitiesGoInTheOrderOfGeniusHashCodes) {
  // "c" comes before "b" in the domain, but BidDetails.hashCode() of {b} at 0.5 is 2081547329 and
  // of {c} 2081548290 (OpenJDK 17), so GENIUS sorts b first.
  const Profile profile = OneIssueProfile({"top", "c", "b", "bottom"}, {1.0, 0.5, 0.5, 0.0});
  const GeniusSortedOutcomes sorted(profile.utility_function());
  ASSERT_EQ(sorted.size(), 4u);
  const char* expected[] = {"top", "b", "c", "bottom"};
  for (std::size_t k = 0; k < 4; ++k) EXPECT_EQ(ValueAt(sorted, profile, k), expected[k]) << k;
  EXPECT_EQ(sorted.utility(0), 1.0);
  EXPECT_EQ(sorted.utility(3), 0.0);
  // An exact hit returns the first midpoint that equals it: (0 + 3) / 2 = 1, "b".
  EXPECT_EQ(sorted.SearchIndexWith(0.5), 1u);
}

TEST(GeniusSortedOutcomes, TheNearestBidKeepsTheHigherOneOnATie) {
  // Utilities 1, 0.75, 0.25 (exact in binary). For 0.5 the bisection stops at 0.75 (position 1);
  // 0.25 is as near but not nearer, so GENIUS keeps 0.75.
  const Profile profile = OneIssueProfile({"x", "y", "z"}, {1.0, 0.75, 0.25});
  const GeniusSortedOutcomes sorted(profile.utility_function());
  EXPECT_EQ(sorted.SearchIndexWith(0.5), 1u);
  EXPECT_EQ(sorted.IndexNearUtility(0.5), 1u);
  // For 0.4 the next one (0.25, 0.15 away) beats 0.75 (0.35 away).
  EXPECT_EQ(sorted.IndexNearUtility(0.4), 2u);
  // Above the best and below the worst the ends are returned.
  EXPECT_EQ(sorted.IndexNearUtility(1.5), 0u);
  EXPECT_EQ(sorted.IndexNearUtility(-1.0), 2u);
  // The bid near a target may be below it: 0.25 for 0.45 is 0.2 away, 0.75 is 0.3 away.
  EXPECT_EQ(sorted.IndexNearUtility(0.45), 2u);
}

TEST(GeniusSortedOutcomes, SpacesGeniusCannotSortHaveNone) {
  auto space = std::make_shared<const OutcomeSpace>("r", std::vector<Issue>{Issue::Real("x", 0.0, 1.0)});
  auto utility = std::make_shared<const LinearAdditiveUtility>(
      space, std::vector<double>{1.0}, std::vector<ValueFunction>{ValueFunction::Linear(1.0, 0.0, 0.0, true)});
  const Profile profile("p", utility, 0.0, 1.0);
  EXPECT_EQ(GeniusSortedOutcomes::For(profile), nullptr);
}

TEST(GeniusSortedOutcomes, IsBuiltOncePerUtilityFunction) {
  const Profile profile = OneIssueProfile({"x", "y"}, {1.0, 0.0});
  const auto first = GeniusSortedOutcomes::For(profile);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(GeniusSortedOutcomes::For(profile), first);
  EXPECT_NE(GeniusSortedOutcomes::For(OneIssueProfile({"x", "y"}, {1.0, 0.0})), first);
}

}  // namespace
}  // namespace parley
