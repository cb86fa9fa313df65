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

#include <cstdint>
#include <string>

#include "genius_port_checks.h"
#include "genius_repeated_runs.h"
#include "genius_trace.h"

namespace parley {
namespace {

using testing::GeniusTrace;

constexpr const char* kAgent = "CUHKAgent";

// CarA in either seat, Travel and AmsterdamA; against Boulware and Hardliner.
const testing::RecordedAgent kRecorded = {kAgent, "agents.anac.y2012.CUHKAgent.CUHKAgent", 8, 8};

// The GENIUS step of the party's second turn (past the end of the session when it has none).
std::uint64_t SecondTurn(const GeniusTrace& trace, std::size_t party) {
  std::size_t turns = 0;
  for (const auto& action : trace.actions) {
    if (action.agent == party && ++turns == 2) return action.step;
  }
  return trace.actions.size() + 1;
}

TEST(GeniusCuhkAgent, MatchesEveryTraceUpToItsFirstRandomChoice) {
  testing::ExpectMatchesUpToFirstDraw(kRecorded, "cuhkagent", SecondTurn);
}

// With its offers replaced by the recorded ones, the port accepts, offers and walks away where
// GENIUS did, on every trace to its end. (Its acceptance test compares the offer with the bid it
// would make, a random one, but that bid lies within a band of its threshold, so the decision is
// its threshold's.) Its first offer is its best bid, found without a draw.
TEST(GeniusCuhkAgent, TakesTheOriginalsDecisionsWithTheRecordedOffers) {
  testing::ExpectEveryDecisionWithRecordedOffers(kRecorded, "cuhkagent", "",
                                                 [](const GeniusTrace&, std::size_t, testing::RecordedOffers& offers) {
                                                   offers.deterministic.insert(offers.by_step.begin()->first);
                                                 });
}

// 60 seeded runs against `boulware` (GENIUS's TimeDependentAgentBoulware) on CarA, 200 rounds:
// agreement rate, mean end round and mean utilities inside the 95% intervals of GENIUS's 30 runs.
TEST(GeniusCuhkAgent, OutcomesOnCarAFallInsideGeniusRepeatedRuns) {
  testing::ExpectInsideRepeatedRuns(kAgent, "cuhkagent", 60);
}

}  // namespace
}  // namespace parley
