// Differential tests of `caduceusdc16` against GENIUS's agents.anac.y2017.caduceusdc16.CaduceusDC16,
// from the sessions GENIUS 9.1.10 recorded in ../shared/genius-traces (README.md there, run with an
// empty persistent history): bilateral CarA against TimeDependentAgentBoulware, three parties on
// Dinner and SmartGrid against two BoulwareNegotiationParty, and the two three-party sessions
// against two TimeDependentAgentBoulware that GENIUS aborted.
//
// CaduceusDC16 offers its best bid until round 0.83 d (N + 1); only then does it ask its five
// members (YXAgent, ParsCat, Farma, MyAgent, Atlas32016), every one of which draws from unseeded
// generators in GENIUS (determinism.json: CarA differs from step 251, Dinner from step 499, the
// first votes). Its own seeded generator is never drawn from. So a trace is sure to match step by
// step up to the first vote; from there each replay takes its offers from the record where they
// differ and must still take GENIUS's decisions, and GENIUS's 30 repeated runs on CarA (same seed,
// different unseeded draws) give the distribution the port's runs over seeds are held to. The vote
// that turns the members' bids into its offer is checked against what java.util.HashMap gives.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "genius_caduceus_portfolio.h"
#include "genius_port_checks.h"
#include "genius_recorded_offers.h"
#include "genius_repeated_runs.h"
#include "genius_scripted_sessions.h"
#include "genius_trace.h"
#include "negotiators/anac/caduceusdc16_vote.h"
#include "parley/outcome_space.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using testing::GeniusTrace;

constexpr const char* kAgent = "CaduceusDC16";
constexpr const char* kClass = "agents.anac.y2017.caduceusdc16.CaduceusDC16";
const testing::RecordedAgent kRecorded = testing::MultilateralAgent(kAgent, kClass);

// The vote on one issue: the offering members (0 YXAgent ... 4 Atlas32016, scores 5..1 over 15),
// each one's value, and the winner, as java.util.HashMap with GENIUS's Value hash codes gives it
// (printed by Java 17: a map from value to 1 for its first proposer plus the scores of later ones,
// the first entry with the greatest count in iteration order).
struct VoteCase {
  std::vector<std::string> issue_values;  // empty: an integer issue 0..9
  std::vector<std::size_t> members;
  std::vector<std::string> proposed;
  std::string expected;
};

TEST(GeniusCaduceusDC16, VotesAsJavaHashMapDoes) {
  const std::vector<std::string> car = {"none", "meager", "standard", "fairly good", "good"};
  const std::vector<std::string> dinner = {"Home(make it yourself)", "Home(take away)", "Cheap Restaurant",
                                           "Fancy Restaurant"};
  const std::vector<std::string> hours = {"18:00", "19:00", "20:00", "21:00", "22:00"};
  const std::vector<std::string> price = {"0-10 cent", "10-20 cent", "20-30 cent", "30-40 cent", "40-50 cent"};
  const std::vector<VoteCase> cases = {
      // 1 + 3/15 for meager beats 1 + 2/15 for good.
      {car, {0, 1, 2, 3, 4}, {"good", "meager", "meager", "good", "none"}, "meager"},
      // All apart (1 each): the first in HashMap order, whoever proposed it.
      {car, {0, 1, 2, 3, 4}, {"good", "meager", "none", "standard", "fairly good"}, "standard"},
      {car, {0, 1, 2, 3, 4}, {"fairly good", "good", "standard", "meager", "none"}, "standard"},
      {car, {1, 2, 3}, {"none", "standard", "none"}, "none"},
      // 1 + 3/15 against 1 + 2/15 + 1/15: equal doubles, so HashMap order decides.
      {car, {0, 1, 2, 3, 4}, {"good", "meager", "good", "meager", "meager"}, "meager"},
      {car, {0, 1, 3, 4}, {"standard", "good", "good", "standard"}, "good"},
      {dinner,
       {0, 1, 2, 4},
       {"Home(make it yourself)", "Fancy Restaurant", "Cheap Restaurant", "Home(take away)"},
       "Fancy Restaurant"},
      {hours, {0, 1, 2, 3, 4}, {"18:00", "21:00", "20:00", "19:00", "22:00"}, "22:00"},
      {price, {1, 3, 4}, {"0-10 cent", "10-20 cent", "40-50 cent"}, "40-50 cent"},
      {car, {3}, {"meager"}, "meager"},
      // Integer values all hash as 0: insertion order.
      {{}, {0, 1, 2}, {"3", "5", "7"}, "3"},
      {{}, {2, 3, 4}, {"3", "5", "5"}, "5"},
  };
  const std::vector<double> scores = {5.0 / 15, 4.0 / 15, 3.0 / 15, 2.0 / 15, 1.0 / 15};
  for (const VoteCase& vote : cases) {
    const OutcomeSpace space(
        "vote", {vote.issue_values.empty() ? Issue::Integer("n", 0, 9) : Issue::Discrete("v", vote.issue_values)});
    std::vector<Outcome> bids;
    for (const std::string& value : vote.proposed) bids.push_back(Outcome({*space.issue(0).Parse(value)}));
    std::vector<const Outcome*> offered;
    std::vector<double> offered_scores;
    for (std::size_t k = 0; k < bids.size(); ++k) {
      offered.push_back(&bids[k]);
      offered_scores.push_back(scores[vote.members[k]]);
    }
    Outcome voted(1);
    CaduceusDC16Vote(space, offered, offered_scores, voted);
    EXPECT_EQ(space.issue(0).Format(voted[0]), vote.expected) << vote.proposed.front() << "...";
  }
}

// Step by step: every trace matches at least up to its first vote (CarA round 126, Dinner and
// SmartGrid round 167), and where it parts from the record, it is at one of the port's own offers.
TEST(GeniusCaduceusDC16, MatchesEveryTraceUpToItsFirstVote) {
  testing::ExpectMatchesUpToFirstDraw(kRecorded, "caduceusdc16", [](const GeniusTrace& trace, std::size_t party) {
    return (testing::CaduceusFirstVoteRound(trace) - 1) * trace.start.n_parties + party + 1;
  });
  testing::ExpectFirstDifferenceIsOwnOffer(kRecorded, "caduceusdc16");
}

// With its offers from the first vote on taken from the record where they differ, the port
// accepts and offers where GENIUS did to the end of every session; its best-bid offers before the
// first vote are its own. Hardliner, which never accepts, parts from the record (CarA's accept).
TEST(GeniusCaduceusDC16, TakesEveryDecisionOfTheOriginal) {
  testing::ExpectEveryDecisionWithRecordedOffers(kRecorded, "caduceusdc16", "hardliner",
                                                 testing::OwnOffersBeforeFirstVote);
}

// Its floor: on CarA discounted by 0.5, against an opponent that offers, over and over, a bid worth
// 0.7493 to it, its members come to vote for accepting it late (with floor 0.749 it accepts, in
// round 199), and with the default floor of 0.75 the same session runs to the deadline with that
// vote overruled.
TEST(GeniusCaduceusDC16, AcceptsNothingBelowItsFloor) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  const Scenario scenario = testing::ScriptedCarA(0.0, 0.5);
  testing::OpponentScript() = {testing::CarABid({"fairly good", "standard", "standard", "meager", "none", "meager"})};
  ASSERT_NEAR(scenario.profile(0).Utility(testing::ToOutcome(scenario.space(), testing::OpponentScript()[0])), 0.7493,
              1e-12);
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    const NegotiationResult lower = testing::RunAgainstScript(scenario, "caduceusdc16(floor=0.749)", seed);
    const NegotiationResult standard = testing::RunAgainstScript(scenario, "caduceusdc16", seed);
    ASSERT_TRUE(lower.agreement.has_value()) << "seed " << seed;
    EXPECT_NEAR(lower.undiscounted_utilities[0], 0.7493, 1e-12) << "seed " << seed;
    EXPECT_GT(lower.rounds, 150u) << "seed " << seed;
    EXPECT_FALSE(standard.agreement.has_value()) << "seed " << seed;
    EXPECT_EQ(standard.rounds, 200u) << "seed " << seed;
    std::cout << "seed " << seed << ": floor 0.749 accepts in round " << lower.rounds << "\n";
  }
}

// GENIUS's 30 repeated runs all gave every party seed 42, but CaduceusDC16 never draws from its
// seeded generator and none of its members reads the seed, so they vary only in the members'
// unseeded draws, as the port's runs over seeds 1..30 vary in the generators that stand for them.
// GENIUS: 27 runs end in round 144 (0.9295 / 0.9088), 3 in rounds 137 and 138; the port: 29 in
// round 144, 1 in round 137.
TEST(GeniusCaduceusDC16, OutcomesOnCarAFallInsideGeniusRepeatedRuns) {
  testing::ExpectInsideRepeatedRuns(kAgent, "caduceusdc16", 30);
}

}  // namespace
}  // namespace parley
