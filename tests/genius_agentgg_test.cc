// Tests of `agentgg` against GENIUS's agents.anac.y2019.agentgg.AgentGG. GENIUS recorded no session
// of it, so its pieces are checked by hand (the importance map, the median, the thresholds) and
// whole sessions against runs of the original class: GENIUS 9.1.10's classes driven directly on ANAC
// 2012's CarA from ../shared/scenarios (party 0's profile as GENIUS's CarA session of YXAgent names
// it, skipped without the traces), its user model GENIUS's ComparisonGenerator ranking of 11 bids
// with seed 314 (the ranking of an uncertain profile with 10 comparisons), a party seed for its
// generator, a 200-round DiscreteTimeline, an opponent that repeats a fixed list of bids (given to
// it as receiveMessage after each of its turns), and its chooseAction each round. The tables below
// are what that class did and the values of its fields.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "fixtures.h"
#include "genius_estimating_agents.h"
#include "genius_scripted_sessions.h"
#include "genius_trace.h"
#include "negotiators/anac/agentgg.h"
#include "parley/outcome_space.h"
#include "parley/partial_preferences.h"
#include "parley/protocol.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

using testing::CarABidOfLetters;

// Two issues, A = {a1, a2, a3} and B = {b1, b2}; the ranking, worst first, (a1 b1), (a2 b1),
// (a1 b2), (a3 b2) weighs 1, 2, 3, 4. Means: a1 (1 + 3) / 2 = 2, a2 2, a3 4; b1 (1 + 2) / 2 = 1.5,
// b2 (3 + 4) / 2 = 3.5. Sorted (stable): A: a3, a1, a2; B: b2, b1. The least of the issues'
// smallest means is 1.5, so the importances are a3 2.5, a1 0.5, a2 0.5, b2 2, b1 0.
OutcomeSpace TwoIssues() {
  return OutcomeSpace("two", {Issue::Discrete("A", {"a1", "a2", "a3"}), Issue::Discrete("B", {"b1", "b2"})});
}

const std::vector<Outcome> kRanking = {Outcome({0, 0}), Outcome({1, 0}), Outcome({0, 1}), Outcome({2, 1})};

TEST(GeniusAgentGG, ImportanceMapByHand) {
  const OutcomeSpace space = TwoIssues();
  AgentGGImportanceMap map(space);
  map.LearnRanking(kRanking);
  const struct {
    std::size_t issue;
    double value;
    double importance;
  } kValues[] = {{0, 0, 0.5}, {0, 1, 0.5}, {0, 2, 2.5}, {1, 0, 0.0}, {1, 1, 2.0}};
  for (const auto& row : kValues) {
    EXPECT_EQ(map.ValueImportance(row.issue, row.value), row.importance) << row.issue << " " << row.value;
  }
  // First and last values: the most and least important, a1 before a2 on their tie.
  EXPECT_EQ(map.FirstValue(0), 2.0);
  EXPECT_EQ(map.LastValue(0), 1.0);
  EXPECT_EQ(map.FirstValue(1), 1.0);
  EXPECT_EQ(map.LastValue(1), 0.0);
  EXPECT_EQ(map.Importance(Outcome({2, 1})), 4.5);
  EXPECT_EQ(map.Importance(Outcome({1, 0})), 0.5);

  // The opponent's map counts offers and nothing else.
  AgentGGImportanceMap opponent(space);
  opponent.LearnOffer(Outcome({1, 1}));
  opponent.LearnOffer(Outcome({1, 0}));
  EXPECT_EQ(opponent.Importance(Outcome({1, 1})), 3.0);
  EXPECT_EQ(opponent.Importance(Outcome({0, 0})), 1.0);
  EXPECT_EQ(opponent.Importance(Outcome({2, 1})), 1.0);
}

// Four bids: the median index (4 - 1) / 2 = 1 and, the count being even, 2, compared with a count
// from 1: the first and second bids, (0.5 + 0.5) / 2 = 0.5 (the true median pair, the second and
// third, would give 1.5). Five bids (a fifth, (a3 b1), worst): index 2, the second bid. One bid:
// index 0, never reached: 0.
TEST(GeniusAgentGG, MedianImportanceIsOffByOne) {
  const OutcomeSpace space = TwoIssues();
  AgentGGImportanceMap map(space);
  map.LearnRanking(kRanking);
  EXPECT_EQ(AgentGGMedianImportance(map, kRanking), 0.5);
  std::vector<Outcome> five = kRanking;
  five.insert(five.begin(), Outcome({2, 0}));
  EXPECT_EQ(AgentGGMedianImportance(map, five), map.Importance(five[1]));
  EXPECT_EQ(AgentGGMedianImportance(map, {Outcome({2, 1})}), 0.0);
}

// The lower threshold by phase, worked out from the original's formulas with N = 0.8: its points
// N + s (1 - N) are 0.86 (s = 0.3), 0.83 (0.15), 0.81 (0.05), 0.8 (0), 0.73 (-0.35), 0.72 (-0.4).
TEST(GeniusAgentGG, ThresholdsByHand) {
  const struct {
    double t, reservation_ratio, expected;
  } kRows[] = {
      {0.005, 0.0, 0.9999},
      {0.015, 0.0, 0.99},
      {0.1, 0.0, 0.99 - 0.5 * 0.08},              // 0.95
      {0.35, 0.0, 0.9 - 0.04 / 0.3 * 0.15},       // 0.88
      {0.7, 0.0, 0.86 - 0.03 / 0.4 * 0.2},        // 0.845
      {0.94, 0.2, 0.83 - 0.02 / 0.08 * 0.04},     // 0.82
      {0.94, 0.6, 0.9},                           // floored at 0.6 + 0.3
      {0.99, 0.0, 0.81 - 0.01 / 0.015 * 0.01},    // 0.80333
      {0.99, 0.7, 0.95},                          // floored at 0.7 + 0.25
      {0.997, 0.0, 0.8 - 0.07 / 0.0039 * 0.002},  // 0.764103
      {0.9995, 0.0, 0.72},
      {0.9995, 0.6, 0.8},  // floored at 0.6 + 0.2
  };
  for (const auto& row : kRows) {
    EXPECT_NEAR(AgentGGLowerThreshold(row.t, 0.8, row.reservation_ratio), row.expected, 1e-12)
        << "t " << row.t << " reservation ratio " << row.reservation_ratio;
  }
}

// GENIUS gives it no user model with full information, and its init fails: the port records a fault.
TEST(GeniusAgentGG, FullInformationIsAFault) {
  const NegotiationResult result =
      RunNegotiation(testing::SmallScenario(2), {"agentgg", "boulware"}, testing::Rounds(20, 1));
  ASSERT_TRUE(result.fault.has_value());
  EXPECT_EQ(result.fault->party, 0u);
  EXPECT_NE(result.fault->message.find("agentgg needs partial preferences"), std::string::npos)
      << result.fault->message;
}

// GENIUS's user model of CarA's party 0 (10 comparisons, seed 314), as GeniusUserModel builds it,
// is the one GENIUS built (CarAUserModelLetters), and the importance map the original made of it
// had the extremes and median recorded here (its fields MAX_IMPORTANCE, MIN_IMPORTANCE,
// MEDIAN_IMPORTANCE and, with reservation value 0.3, reservationImportanceRatio).
TEST(GeniusAgentGG, CarAImportancesAreTheOriginals) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  const Scenario scenario = testing::ScriptedCarA(0.3, 1.0);
  const PartialPreferences known = GeniusUserModel(scenario.profile(0), 10);
  ASSERT_EQ(known.size(), testing::CarAUserModelLetters().size());
  std::vector<Outcome> worst_first;
  for (std::size_t position : known.WorstFirst()) worst_first.push_back(known.outcomes()[position]);
  for (std::size_t k = 0; k < worst_first.size(); ++k) {
    EXPECT_EQ(worst_first[k],
              testing::ToOutcome(scenario.space(), CarABidOfLetters(testing::CarAUserModelLetters()[k])))
        << "ranked bid " << k;
  }
  EXPECT_EQ(known.low_utility(), testing::kCarAUserModelLow);
  EXPECT_EQ(known.high_utility(), testing::kCarAUserModelHigh);
  AgentGGImportanceMap map(scenario.space());
  map.LearnRanking(worst_first);
  Outcome max_bid(6), min_bid(6);
  for (std::size_t i = 0; i < 6; ++i) {
    max_bid[i] = map.FirstValue(i);
    min_bid[i] = map.LastValue(i);
  }
  const double max = map.Importance(max_bid), min = map.Importance(min_bid);
  EXPECT_EQ(max, 53.166666666666664);
  EXPECT_EQ(min, 5.0);
  const double median = AgentGGMedianImportance(map, worst_first);
  EXPECT_EQ(median, 35.483333333333334);
  EXPECT_EQ(0.3 * ((median - min) / (max - min)) / 0.5, 0.37972318339100347);
}

struct Session {
  const char* what;
  double reservation;
  std::uint64_t party_seed;
  std::vector<std::string> script;    // the opponent's bids, repeated
  std::vector<std::string> original;  // what the original did, round by round
};

// Each session: the original class with GENIUS's user model of CarA (10 comparisons), the party
// seed for its generator, a reservation value, the opponent's script; its actions round by round.
const std::vector<Session>& Sessions() {
  static const std::vector<Session> sessions = {
      {"reservation 0.3, the opponent always offering B (its best ratio sets the Nash estimate)",
       0.3,
       42,
       {"gmssss"},
       {
           "gsfgsf", "fsfgsf", "gsfssf", "gsfgsf", "fsfgsf", "fsfssf", "fsfgss", "gsfsgf", "gsfggf", "gsfggs", "fsfggf",
           "gsfggf", "fsfssf", "gsfsgs", "fsfsgs", "fsfsss", "fsfgss", "gsfsss", "gsfssf", "gsfsss", "ggfgsf", "gmfssf",
           "gmfgsf", "ggfsss", "fgfsss", "fsfsss", "gsffsf", "fsffss", "gmfggf", "gmfgss", "fsffsf", "gsffss", "fgfsss",
           "gsffss", "fgfgss", "ggfggs", "gsfgsf", "fffssf", "ggfggs", "ggffgf", "gmfsss", "gffsss", "gmfsgs", "gmfsss",
           "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "fmfsss", "gmfsss", "gmfsss", "gmfsss",
           "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsgs", "gmfgss", "gmfsss", "gmfgss", "gmfsss",
           "gmfsss", "gmfgss", "gmfsss", "gmfssf", "gmfsss", "gmfsss", "ggfsss", "gmfsss", "gmfgss", "gmfsss", "gmfsss",
           "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss",
           "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gsfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "ggfsss", "gmfsss",
           "gmfsss", "gmfsss", "gmfsss", "gmfsgs", "gmfsss", "fmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss",
           "gmfsss", "gmfssf", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "fmfsss", "gmfsss",
           "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gsfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss",
           "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss",
           "gmfsss", "gmfsgs", "gmfsgs", "gmfsss", "gmfsss", "ggfsss", "gmfsss", "gmfgss", "gmfsss", "gmfsss", "gmfsss",
           "gmfsss", "gmfsss", "gmfsgs", "gmfsss", "gmfsss", "gmfsss", "fmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss",
           "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gffsss", "gmfsss", "gmfsss", "gmfsss",
           "gmfsss", "gmfsss", "gmfsss", "gffsss", "gmfsss", "gmfsss", "gmfsss", "gmfsgs", "gmfsss", "gmfsss", "gmfsss",
           "gmffss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "fmfsss", "gmfsss", "gmfsss",
           "gmfsss", "gmfsss",
       }},
      {"no reservation value, the opponent offering B and X in turn: X accepted in round 41",
       0.0,
       42,
       {"gmssss", "ggffgf"},
       {
           "gsfgsf", "fsfgsf", "gsfssf", "gsfgsf", "fsfgsf", "fsfssf", "fsfgss", "gsfsgf", "gsfggf", "gsfggs", "fsfggf",
           "gsfggf", "fsfssf", "gsfsgs", "fsfsgs", "fsfsss", "fsfgss", "gsfsss", "gsfssf", "gsfsss", "ggfgsf", "gmfssf",
           "gmfgsf", "ggfsss", "fgfsss", "fsfsss", "gsffsf", "fsffss", "gmfggf", "gmfgss", "fsffsf", "gsffss", "fgfsss",
           "gsffss", "fgfgss", "ggfggs", "gsfgsf", "fffssf", "ggfggs", "ggffgf", "accept",
       }},
      {"reservation 0.5 (floors of its late thresholds), party seed 7, always B",
       0.5,
       7,
       {"gmssss"},
       {
           "gsfgsf", "fsfgsf", "gsfgsf", "gsfssf", "fsfssf", "gsfgsf", "gsfsss", "gsfgss", "gsfgsf", "gsfgsf", "gsfgss",
           "fsfgsf", "gsfgsf", "fsfsgf", "fsfsgs", "fsfsgf", "fsfgss", "gsfgss", "gsfgss", "ggfssf", "gsfgsf", "fsffsf",
           "gmfssf", "gmfgsf", "fsfsss", "fgfggs", "ggfsss", "gmfggs", "gmfsss", "gsffgf", "fgfggs", "ggfggs", "fgfssf",
           "gsfsss", "ggfsss", "fsfgsf", "fffgss", "gmfgss", "gsfggn", "fffssf", "gmfsss", "gmfsss", "gmfsss", "gmfsss",
           "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss",
           "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfssf", "gmfsss", "gmfsss",
           "gmfssf", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss",
           "ggfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss",
           "gmfsss", "gmfgss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss",
           "gmfssf", "gmfsss", "gmfsss", "gmfgss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss",
           "gmfsgs", "gmfsss", "fmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gsfsss", "gmfsss",
           "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gsfsss", "gmfsss", "gmfsss",
           "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsgs", "fmfsss", "gmfsss", "gmfsss",
           "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss",
           "gmfsss", "gmfsss", "gsfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "fmfsss", "gmfsss", "gmfsss", "gmfsss",
           "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gsfsss", "gmfsgs", "gmfsss",
           "gmfgss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "ggfsss", "gmfsss", "gmfsss",
           "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsss", "gmfsgs",
           "gmfsss", "gmfsss",
       }},
  };
  return sessions;
}

TEST(GeniusAgentGG, SessionsAreTheOriginals) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  for (const Session& session : Sessions()) {
    const Scenario scenario = testing::ScriptedCarA(session.reservation, 1.0);
    testing::OpponentScript().clear();
    for (const std::string& letters : session.script) testing::OpponentScript().push_back(CarABidOfLetters(letters));
    const PartialPreferences known = GeniusUserModel(scenario.profile(0), 10);
    const NegotiationResult result = testing::RunAgainstScriptKnowing(scenario, "agentgg", session.party_seed, known);
    testing::ExpectActions(scenario.space(), result, session.original, std::string(session.what) + ":");
  }
}

}  // namespace
}  // namespace parley
