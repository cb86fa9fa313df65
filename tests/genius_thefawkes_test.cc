// TheFawkes (src/negotiators/anac/thefawkes.cc) against GENIUS 9.1.10 running the original,
// agents.anac.y2013.TheFawkes.TheFawkes: every recorded session of the agent in
// ../shared/genius-traces (CarA against Boulware and Hardliner in both seats, Travel and the 2013
// domain Animal in seat 0) replayed with the other party scripted from the record; the port must
// take the recorded action with the recorded bid at every one of its turns, and the session must
// end in the recorded round, with the recorded agreement and utilities.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "genius_trace.h"

namespace parley::testing {
namespace {

constexpr const char* kAgent = "TheFawkes";
constexpr const char* kClass = "agents.anac.y2013.TheFawkes.TheFawkes";

TEST(GeniusTheFawkes, ReproducesEveryRecordedSessionStepByStep) {
  if (!std::filesystem::exists(GeniusTraceFolder())) GTEST_SKIP() << "no ../shared/genius-traces";
  const auto traces = TracesOfAgent(kAgent);
  // README.md: 8 sessions per bilateral agent of 2010-2014, all of this one deterministic.
  ASSERT_EQ(traces.size(), 8u);
  for (const auto& path : traces) {
    const GeniusTrace trace = ReadGeniusTrace(path);
    ASSERT_TRUE(trace.start.deterministic) << path;
    const auto seat = std::find(trace.start.agents.begin(), trace.start.agents.end(), kClass);
    ASSERT_NE(seat, trace.start.agents.end()) << path;
    const auto party = static_cast<std::size_t>(seat - trace.start.agents.begin());
    EXPECT_TRUE(MatchesTrace(trace, ReplayAgainstTrace(trace, party, "thefawkes")));
  }
}

// The comparison can fail: TMF-Agent in TheFawkes' seat parts from the record.
TEST(GeniusTheFawkes, AnotherAgentInItsSeatDiffers) {
  if (!std::filesystem::exists(GeniusTraceFolder())) GTEST_SKIP() << "no ../shared/genius-traces";
  const GeniusTrace trace =
      ReadGeniusTrace(GeniusTraceFolder() / "CarA__TheFawkes__TimeDependentAgentBoulware.jsonl.gz");
  EXPECT_FALSE(ReplayAgainstTrace(trace, 0, "tmfagent").match);
}

}  // namespace
}  // namespace parley::testing
