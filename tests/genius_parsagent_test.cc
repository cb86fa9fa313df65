// Differential tests of `parsagent` against GENIUS's agents.anac.y2015.ParsAgent.ParsAgent, from
// the sessions GENIUS 9.1.10 recorded in ../shared/genius-traces (README.md there): bilateral CarA
// against TimeDependentAgentBoulware, three parties on Dinner and SmartGrid against two
// BoulwareNegotiationParty, and the two three-party sessions GENIUS aborted.
//
// ParsAgent's values come from the party's generator seeded with GENIUS's seed, as the port's do,
// but which issue it varies comes from Math.random() (unseeded) and how long it keeps drawing from
// the wall clock. Bilaterally on CarA neither matters (every offer after the first is the bid of
// first values, its best bid; the first changes one issue to the seeded generator's first draw,
// also its best value), so that session must be reproduced to the end; in three-party sessions the
// first difference must be one of its own offers. Its state is what the others did and nothing of
// its own offers, so with its offers replaced by the recorded ones it must take GENIUS's decisions
// to the end of every trace (genius_port_checks.h).
#include <gtest/gtest.h>

#include <filesystem>

#include "genius_port_checks.h"
#include "genius_repeated_runs.h"
#include "genius_trace.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using testing::GeniusTrace;

constexpr const char* kAgent = "ParsAgent";
constexpr const char* kClass = "agents.anac.y2015.ParsAgent.ParsAgent";
const testing::RecordedAgent kRecorded = testing::MultilateralAgent(kAgent, kClass);

TEST(GeniusParsAgent, ReproducesTheBilateralSessionToTheEnd) {
  const fs::path folder = testing::GeniusTraceFolder();
  if (!fs::is_directory(folder)) GTEST_SKIP() << "no GENIUS traces";
  const GeniusTrace trace = testing::ReadGeniusTrace(folder / "CarA__ParsAgent__TimeDependentAgentBoulware.jsonl.gz");
  ASSERT_EQ(trace.start.agents.front(), kClass);
  EXPECT_TRUE(testing::MatchesTrace(trace, testing::ReplayAgainstTrace(trace, 0, "parsagent")));
}

TEST(GeniusParsAgent, MatchesEveryTraceUpToItsFirstRandomOffer) {
  testing::ExpectFirstDifferenceIsOwnOffer(kRecorded, "parsagent");
}

// Hardliner never accepts: it parts from the record at ParsAgent's first accept.
TEST(GeniusParsAgent, TakesEveryDecisionOfTheOriginal) {
  testing::ExpectEveryDecisionWithRecordedOffers(kRecorded, "parsagent", "hardliner");
}

// GENIUS's 30 runs on CarA all end alike (it accepts in round 144), so the port's must too.
TEST(GeniusParsAgent, OutcomesOnCarAFallInsideGeniusRepeatedRuns) {
  testing::ExpectInsideRepeatedRuns(kAgent, "parsagent", 30);
}

}  // namespace
}  // namespace parley
