// The port `rubick` against GENIUS 9.1.10's own runs of agents.anac.y2017.rubick.Rubick, the one
// ANAC agent of the recorded set whose every random draw comes from the party's seeded generator:
// with the same seed (42) it must take GENIUS's decisions and draws step by step to the end of
// each recorded session (genius_port_checks.h): three parties on Dinner and SmartGrid against two
// BoulwareNegotiationParty, and CarA against TimeDependentAgentBoulware. The two sessions against
// two TimeDependentAgentBoulware, which GENIUS aborted when a Boulware could not answer an Accept,
// must match up to the abort.
#include <gtest/gtest.h>

#include <filesystem>

#include "genius_port_checks.h"
#include "genius_trace.h"

namespace parley::testing {
namespace {

TEST(GeniusRubick, ReproducesEveryRecordedSession) { ExpectEveryTraceReproduced("Rubick", "rubick", 3); }

TEST(GeniusRubick, MatchesTheAbortedSessionsUpToTheAbort) {
  if (!std::filesystem::exists(GeniusTraceFolder())) GTEST_SKIP() << "no " << GeniusTraceFolder();
  int aborted = 0;
  for (const auto& path : TracesOfAgent("Rubick", false)) {
    const GeniusTrace trace = ReadGeniusTrace(path);
    if (!trace.failure) continue;
    ++aborted;
    SCOPED_TRACE(path.filename().string());
    const TraceComparison comparison = ReplayAgainstTrace(trace, 0, "rubick");
    EXPECT_TRUE(MatchesTrace(trace, comparison));
    // Most of the session is compared: the aborts came after round 140.
    EXPECT_GT(comparison.steps_compared, 400u);
  }
  EXPECT_EQ(aborted, 2);
}

}  // namespace
}  // namespace parley::testing
