// Differential tests of `caduceus` against GENIUS's agents.anac.y2016.caduceus.Caduceus, from the
// sessions GENIUS 9.1.10 recorded in ../shared/genius-traces (README.md there): bilateral CarA
// against TimeDependentAgentBoulware, three parties on Dinner and SmartGrid against two
// BoulwareNegotiationParty or two TimeDependentAgentBoulware (the Dinner one GENIUS aborted).
//
// Caduceus offers its best bid until round 0.83 d (N + 1); only then does it ask its five members
// (ParsAgent, RandomDance, kawaii, Atlas3 and an agent of its own), whose draws are unseeded in
// GENIUS (determinism.json: CarA the same, Dinner differs from step 499); its own draw among the
// members' bids is seeded. The replays use the ports of the members (`parsagent`, `randomdance`,
// `kawaii`, `atlas3` and caduceus_nash_concession.h). Its own agent, fed the others' recorded
// actions, must also choose what GENIUS's agents.anac.y2016.caduceus.agents.Caduceus.Caduceus
// chose when run on the same messages (printed by GENIUS's class; where two GENIUS runs of it
// differ, it drew a random bid).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "common/java_decimal_format.h"
#include "common/java_random.h"
#include "genius_caduceus_portfolio.h"
#include "genius_port_checks.h"
#include "genius_recorded_offers.h"
#include "genius_repeated_runs.h"
#include "genius_trace.h"
#include "negotiators/anac/caduceus_nash_concession.h"
#include "parley/negotiator.h"
#include "parley/protocol.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using testing::GeniusTrace;

constexpr const char* kAgent = "Caduceus";
constexpr const char* kClass = "agents.anac.y2016.caduceus.Caduceus";

// CarA, Dinner against BoulwareNegotiationParty, SmartGrid against both, and Dinner against the
// old-style Boulware, which GENIUS aborted.
const testing::RecordedAgent kRecorded = {kAgent, kClass, 4, 5, true};

// DecimalFormat("#.###") with RoundingMode.CEILING, as Java prints it (printed by Java 17).
TEST(GeniusCaduceus, RoundsUpToThousandthsAsJavaDoes) {
  const std::vector<std::pair<double, double>> java = {
      {0.1, 0.1},       {1.0005, 1.001}, {2.0, 2.0},  {17.5004, 17.501},         {-1.2345, -1.234},
      {99.9999, 100.0}, {0.0001, 0.001}, {1e-7, 0.0}, {123.4560000001, 123.457}, {0.3000000000000001, 0.301},
  };
  for (const auto& [value, expected] : java) EXPECT_EQ(JavaCeilingToThousandths(value), expected) << value;
  // Its use: 2 t^2 - 101 t + 100 at t = r / 201, against the exact ceiling in integers (which is
  // what Java gives whenever the shortest decimal form of the double has more than three decimals).
  for (std::int64_t r = 1; r <= 200; ++r) {
    const double t = static_cast<double>(r) / 201.0;
    const std::int64_t numerator = 1000 * (2 * r * r - 101 * r * 201 + 100 * 201 * 201);
    const std::int64_t ceiling = (numerator + 201 * 201 - 1) / (201 * 201);
    EXPECT_EQ(JavaCeilingToThousandths(2 * std::pow(t, 2) - 101 * t + 100), static_cast<double>(ceiling) / 1000.0)
        << "round " << r;
  }
}

// The bids GENIUS's class of Caduceus's own agent chose at party 0's turns from the first vote on,
// fed the other parties' recorded actions (and nothing of party 0's), by GENIUS step; empty: it
// drew a random bid there (two GENIUS runs differ), which must then be worth 0.75 to it.
struct OwnAgentChoices {
  const char* trace;
  std::map<std::uint64_t, testing::GeniusBid> offers;
};

const std::vector<OwnAgentChoices>& GeniusOwnAgentChoices() {
  static const testing::GeniusBid kCarABest = {{"CD player", "good"},       {"Extra speakers", "good"},
                                               {"Airconditioning", "good"}, {"Tow hedge", "good"},
                                               {"Tow hedge2", "good"},      {"Tow hedge3", "good"}};
  static const testing::GeniusBid kDinner = {{"Vegetarian (yes/no)", "Vegetarian"},
                                             {"Where to eat", "Home(make it yourself)"},
                                             {"Origin", "Italian food"},
                                             {"time", "18:00"},
                                             {"Spicyness", "HOT"}};
  static const std::vector<OwnAgentChoices> choices = [] {
    std::vector<OwnAgentChoices> all;
    OwnAgentChoices car{"CarA__Caduceus__TimeDependentAgentBoulware.jsonl.gz", {}};
    for (std::uint64_t step = 251; step <= 287; step += 2) car.offers[step] = kCarABest;
    all.push_back(car);
    OwnAgentChoices dinner{"Dinner__Caduceus__BoulwareNegotiationParty__BoulwareNegotiationParty.jsonl.gz", {}};
    for (std::uint64_t step = 499; step <= 514; step += 3) dinner.offers[step] = kDinner;
    all.push_back(dinner);
    all.push_back(
        {"Dinner__Caduceus__TimeDependentAgentBoulware__TimeDependentAgentBoulware.jsonl.gz", {{499, kDinner}}});
    all.push_back(
        {"SmartGrid__Caduceus__BoulwareNegotiationParty__BoulwareNegotiationParty.jsonl.gz", {{499, {}}, {502, {}}}});
    all.push_back({"SmartGrid__Caduceus__TimeDependentAgentBoulware__TimeDependentAgentBoulware.jsonl.gz",
                   {{499, {}}, {502, {}}}});
    return all;
  }();
  return choices;
}

TEST(GeniusCaduceus, OwnAgentChoosesAsGeniusOnTheRecordedMessages) {
  const fs::path folder = testing::GeniusTraceFolder();
  if (!fs::is_directory(folder)) GTEST_SKIP() << "no GENIUS traces";
  for (const OwnAgentChoices& expected : GeniusOwnAgentChoices()) {
    const GeniusTrace trace = testing::ReadGeniusTrace(folder / expected.trace);
    const Scenario scenario = testing::LoadTraceScenario(trace);
    const OutcomeSpace& space = scenario.space();
    const Profile& profile = scenario.profile(0);
    auto agent = MakeCaduceusNashConcession();
    NegotiatorContext context;
    context.space = &space;
    context.profile = &profile;
    context.party = 0;
    context.party_count = trace.start.n_parties;
    context.max_rounds = trace.start.deadline_rounds;
    context.seed = static_cast<std::uint64_t>(trace.start.seed);
    agent->Begin(context);
    const std::uint64_t first_vote = testing::CaduceusFirstVoteRound(trace);
    Outcome table(space.issue_count());
    Outcome proposal(space.issue_count());
    bool have_table = false;
    std::size_t compared = 0;
    for (const auto& action : trace.actions) {
      if (action.agent != 0) {
        if (action.action == ActionType::kOffer) table = testing::ToOutcome(space, action.bid);
        have_table = have_table || action.action == ActionType::kOffer;
        agent->Observe({.party = action.agent,
                        .type = action.action,
                        .offer = action.action == ActionType::kEndNegotiation ? nullptr : &table,
                        .offer_utility = profile.Utility(table),
                        .step = action.step - 1,
                        .round = action.round - 1,
                        .time = action.time});
        continue;
      }
      if (action.round < first_vote) continue;
      TurnState state;
      state.step = action.step - 1;
      state.round = action.round - 1;
      state.time = action.time;
      state.current_offer = have_table ? &table : nullptr;
      state.current_offer_utility = have_table ? profile.Utility(table) : 0.0;
      const ActionType chosen = agent->Act(state, proposal);
      const auto it = expected.offers.find(action.step);
      ASSERT_NE(it, expected.offers.end()) << expected.trace << " step " << action.step;
      ASSERT_EQ(chosen, ActionType::kOffer) << expected.trace << " step " << action.step;
      if (it->second.empty()) {
        EXPECT_GE(profile.Utility(proposal), 0.75) << expected.trace << " step " << action.step;
      } else {
        EXPECT_EQ(proposal, testing::ToOutcome(space, it->second)) << expected.trace << " step " << action.step;
      }
      ++compared;
    }
    EXPECT_EQ(compared, expected.offers.size()) << expected.trace;
  }
}

// Step by step: CarA (which GENIUS reproduced), both SmartGrid sessions and the aborted Dinner one
// match to their recorded end; the other Dinner session up to step 499, its first vote, where
// GENIUS's own rerun of it parts from the record too (determinism.json) — one of the members'
// unseeded draws.
TEST(GeniusCaduceus, MatchesEveryTraceAsFarAsGeniusRepeatsIt) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  const std::map<std::string, std::uint64_t> first_difference = {
      {"Dinner__Caduceus__BoulwareNegotiationParty__BoulwareNegotiationParty.jsonl.gz", 499}};
  for (const auto& [file, party] : testing::SeatsOf(kRecorded)) {
    const GeniusTrace trace = testing::ReadGeniusTrace(file);
    ASSERT_EQ(party, 0u) << file;
    const testing::TraceComparison comparison = testing::ReplayAgainstTrace(trace, party, "caduceus");
    const auto it = first_difference.find(file.filename().string());
    if (it == first_difference.end()) {
      EXPECT_TRUE(testing::MatchesTrace(trace, comparison)) << comparison.Describe(trace);
      continue;
    }
    EXPECT_FALSE(comparison.match);
    EXPECT_GE(comparison.step, it->second) << comparison.Describe(trace);
    EXPECT_GE(comparison.round, testing::CaduceusFirstVoteRound(trace)) << comparison.Describe(trace);
  }
}

// With its offers from the first vote on taken from the record where they differ, the port
// accepts and offers where GENIUS did to the end of every session; its best-bid offers before the
// first vote are its own.
TEST(GeniusCaduceus, TakesEveryDecisionOfTheOriginal) {
  testing::ExpectEveryDecisionWithRecordedOffers(kRecorded, "caduceus", "hardliner", testing::OwnOffersBeforeFirstVote);
}

// GENIUS's 30 repeated sessions on CarA against TimeDependentAgentBoulware all gave every party
// seed 42, so Caduceus's own draw was the same in each; they all ended alike. With seed 42 for
// both parties the port's session must end as every one of them did.
TEST(GeniusCaduceus, EndsAsGeniusRepeatedRunsWithTheirSeed) {
  if (const std::string why = testing::RepeatedRunsUnavailable(); !why.empty()) GTEST_SKIP() << why;
  const fs::path folder = testing::GeniusTraceFolder();
  const testing::OutcomeSample genius = testing::ReadRepeatedRuns(folder / "repeated-runs.json", kAgent);
  const GeniusTrace trace = testing::ReadGeniusTrace(folder / "CarA__Caduceus__TimeDependentAgentBoulware.jsonl.gz");
  const Scenario scenario = testing::LoadTraceScenario(trace);
  NegotiationOptions options;
  options.rounds = trace.start.deadline_rounds;
  options.party_seeds = {42, 42};
  options.record_trace = false;
  const NegotiationResult result = RunNegotiation(scenario, {"caduceus", "boulware"}, options);
  ASSERT_EQ(genius.size(), 30u);
  for (std::size_t run = 0; run < genius.size(); ++run) {
    EXPECT_TRUE(genius.agreement[run]);
    EXPECT_EQ(static_cast<double>(result.rounds), genius.end_round[run]) << "GENIUS run " << run + 1;
    for (std::size_t p = 0; p < 2; ++p) {
      EXPECT_NEAR(result.undiscounted_utilities[p], genius.util[p][run], 1e-12) << "party " << p;
      EXPECT_NEAR(result.utilities[p], genius.util_disc[p][run], 1e-12) << "party " << p;
    }
  }
  EXPECT_TRUE(result.agreement.has_value());
}

// What GENIUS's 30 repeated sessions measure. They all gave Caduceus seed 42, so its own draw
// among the members' bids was the same in each and only the members' unseeded draws varied; their
// intervals have no width and say nothing about other seeds (over seeds 1..30 the port's own draw
// varies too: 26 runs end as GENIUS's, 4 pick another member's bid and agree in rounds 126 to 137,
// means 142.67 / 0.9288 / 0.9131, docs/strategies.md). Why seed 42 gives one outcome whatever the
// members draw: the vote picks ParsAgent (score 500 of 519, first in order) whenever the draw falls
// below its share, at least 500 / 519 of the offering members' scores, and java.util.Random(42)'s
// first draws are all below that for every vote turn of the CarA session (rounds 126 to 144, 19
// turns; the first draw above is the 29th). So GENIUS's runs measure ParsAgent's bids against
// Boulware with ParsAgent's unseeded draws varied, which the port's seed-42 session above and
// ParsAgent's own repeated-run check (genius_parsagent_test.cc) compare.
TEST(GeniusCaduceus, GeniusSeedPicksParsAgentAtEveryVoteOnCarA) {
  const fs::path folder = testing::GeniusTraceFolder();
  if (!fs::is_directory(folder)) GTEST_SKIP() << "no GENIUS traces";
  const GeniusTrace trace = testing::ReadGeniusTrace(folder / "CarA__Caduceus__TimeDependentAgentBoulware.jsonl.gz");
  std::size_t votes = 0;
  for (const auto& action : trace.actions) {
    if (action.agent == 0 && action.round >= testing::CaduceusFirstVoteRound(trace)) ++votes;
  }
  EXPECT_EQ(votes, 19u);
  JavaRandom random(42);
  for (std::size_t vote = 0; vote < votes; ++vote) EXPECT_LT(random.NextDouble(), 500.0 / 519.0) << "vote " << vote;
}

}  // namespace
}  // namespace parley
