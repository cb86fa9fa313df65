// Differential tests of `cuhkagent` against GENIUS's agents.anac.y2012.CUHKAgent.CUHKAgent, from
// the sessions GENIUS 9.1.10 recorded in ../shared/genius-traces (README.md there).
//
// CUHKAgent draws from unseeded java.util.Randoms, so GENIUS itself does not repeat a session
// (determinism.json: CarA differs from step 3). Its first turn is always its best bid; from its
// second turn on, every bid it chooses from its utility bands goes through coin flips between
// candidates the opponent model scores alike (all of them, while the opponent has proposed none of
// their values), and the bid's utility feeds its acceptance test. So a trace is compared step by
// step up to the party's second turn, then with its offers replaced by the recorded ones (its
// decisions), and the distribution of outcomes over many seeded runs is compared with GENIUS's 30
// recorded runs.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <string>

#include "genius_recorded_offers.h"
#include "genius_repeated_runs.h"
#include "genius_trace.h"
#include "parley/protocol.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using testing::GeniusTrace;

constexpr const char* kAgent = "CUHKAgent";

std::size_t PartyOf(const GeniusTrace& trace) {
  for (std::size_t p = 0; p < trace.start.agents.size(); ++p) {
    if (trace.start.agents[p] == "agents.anac.y2012.CUHKAgent.CUHKAgent") return p;
  }
  return trace.start.agents.size();
}

TEST(GeniusCuhkAgent, MatchesEveryTraceUpToItsFirstRandomChoice) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  const auto files = testing::TracesOfAgent(kAgent);
  ASSERT_EQ(files.size(), 8u);  // CarA both orders and Travel, AmsterdamA; vs Boulware and Hardliner
  for (const auto& file : files) {
    const GeniusTrace trace = testing::ReadGeniusTrace(file);
    const std::size_t party = PartyOf(trace);
    ASSERT_LT(party, trace.start.agents.size()) << file;
    std::uint64_t second_turn = 0;
    std::size_t turns = 0;
    for (const auto& action : trace.actions) {
      if (action.agent == party && ++turns == 2) {
        second_turn = action.step;
        break;
      }
    }
    const testing::TraceComparison comparison = testing::ReplayAgainstTrace(trace, party, "cuhkagent");
    std::cout << comparison.Describe(trace) << "\n";
    if (!comparison.match) {
      EXPECT_GE(comparison.step, second_turn) << comparison.Describe(trace);
    }
  }
}

// With its offers replaced by the recorded ones, the port accepts, offers and walks away where
// GENIUS did, on every trace to its end. (Its acceptance test compares the offer with the bid it
// would make, a random one, but that bid lies within a band of its threshold, so the decision is
// its threshold's.)
TEST(GeniusCuhkAgent, TakesTheOriginalsDecisionsWithTheRecordedOffers) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  for (const auto& file : testing::TracesOfAgent(kAgent)) {
    const GeniusTrace trace = testing::ReadGeniusTrace(file);
    const std::size_t party = PartyOf(trace);
    const Scenario scenario = testing::LoadTraceScenario(trace);
    testing::RecordedOffers offers = testing::ReadRecordedOffers(trace, scenario.space(), party);
    // Its first offer is its best bid, found without a draw.
    offers.deterministic.insert(offers.by_step.begin()->first);
    const testing::TraceComparison comparison = testing::ReplayWithRecordedOffers(trace, party, "cuhkagent", offers);
    EXPECT_TRUE(testing::MatchesTrace(trace, comparison));
    EXPECT_EQ(offers.replaced_deterministic, 0) << file;
  }
}

// 60 seeded runs against `boulware` (GENIUS's TimeDependentAgentBoulware) on CarA, 200 rounds:
// agreement rate, mean end round and mean utilities inside the 95% intervals of GENIUS's 30 runs.
TEST(GeniusCuhkAgent, OutcomesOnCarAFallInsideGeniusRepeatedRuns) {
  const fs::path folder = testing::GeniusTraceFolder();
  if (!fs::is_directory(folder)) GTEST_SKIP() << "no GENIUS traces";
  if (const std::string why = testing::BoulwareIsNotGenius(folder); !why.empty()) GTEST_SKIP() << why;
  testing::ExpectInsideRepeatedRuns(folder, kAgent, "cuhkagent", 60);
}

}  // namespace
}  // namespace parley
