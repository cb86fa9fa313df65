// Shared pieces of the tests of the ANAC 2019 agents that estimate their preferences from GENIUS's
// user model (agentgg, kakesoba, saga): the user model of CarA's party 0 as a GeniusBidRanking, a
// two-issue estimate worked out by hand, the comparison of an estimate with the numbers the
// original printed, and the round-by-round comparison of a session with the original's actions.
// Tests only.
#ifndef PARLEY_TESTS_GENIUS_ESTIMATING_AGENTS_H_
#define PARLEY_TESTS_GENIUS_ESTIMATING_AGENTS_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "genius_scripted_sessions.h"
#include "negotiators/anac/genius_additive_estimate.h"
#include "negotiators/anac/genius_user_model.h"
#include "parley/outcome_space.h"

namespace parley::testing {

// CarAUserModelLetters as a ranking over `space` (CarA's), with its low and high utilities.
inline GeniusBidRanking CarAUserModelRanking(const OutcomeSpace& space) {
  GeniusBidRanking ranking;
  for (const std::string& letters : CarAUserModelLetters()) {
    ranking.worst_first.push_back(ToOutcome(space, CarABidOfLetters(letters)));
  }
  ranking.low_utility = kCarAUserModelLow;
  ranking.high_utility = kCarAUserModelHigh;
  return ranking;
}

// Two issues {a1, a2} x {b1, b2}, weights 0.5 and 0.5, numbers a1 1, a2 0.5, b1 1, b2 0.5: utilities
// a1b1 1, a1b2 0.75, a2b1 0.75, a2b2 0.5; ranked worst first a2b2, a1b2, a2b1, a1b1, with low 0.4
// and high 0.9 (each 0.1 from the estimate's worst and best).
inline const OutcomeSpace& TwoIssueSpace() {
  static const OutcomeSpace space("two", {Issue::Discrete("A", {"a1", "a2"}), Issue::Discrete("B", {"b1", "b2"})});
  return space;
}
inline GeniusAdditiveEstimate TwoIssueEstimate() {
  GeniusAdditiveEstimate estimate(TwoIssueSpace());
  estimate.set_weight(0, 0.5);
  estimate.set_weight(1, 0.5);
  estimate.set_number(0, 0, 1.0);
  estimate.set_number(0, 1, 0.5);
  estimate.set_number(1, 0, 1.0);
  estimate.set_number(1, 1, 0.5);
  return estimate;
}
inline GeniusBidRanking TwoIssueRanking() {
  return GeniusBidRanking{{Outcome({1, 1}), Outcome({0, 1}), Outcome({1, 0}), Outcome({0, 0})}, 0.4, 0.9};
}

// One CarA issue of an estimate as the original printed it.
struct CarAEstimateRow {
  double weight;
  double numbers[5];  // good, fairly good, standard, meager, none
};

inline void ExpectEstimate(const GeniusAdditiveEstimate& estimate, const std::vector<CarAEstimateRow>& original) {
  ASSERT_EQ(estimate.issue_count(), original.size());
  for (std::size_t i = 0; i < original.size(); ++i) {
    EXPECT_EQ(estimate.weight(i), original[i].weight) << "issue " << i;
    for (std::size_t k = 0; k < 5; ++k) EXPECT_EQ(estimate.number(i, k), original[i].numbers[k]) << i << " " << k;
  }
}

// Party 0's actions in `result` against `original`, stopping at the first difference.
inline void ExpectActions(const OutcomeSpace& space, const NegotiationResult& result,
                          const std::vector<std::string>& original, const std::string& what = "") {
  ASSERT_FALSE(result.fault.has_value()) << what << result.fault->message;
  const std::vector<std::string> actions = CarAActionsOfParty0(space, result);
  for (std::size_t r = 0; r < std::min(actions.size(), original.size()); ++r) {
    ASSERT_EQ(actions[r], original[r]) << what << " round " << r + 1;
  }
  EXPECT_EQ(actions.size(), original.size()) << what;
}

}  // namespace parley::testing

#endif  // PARLEY_TESTS_GENIUS_ESTIMATING_AGENTS_H_
