// TMF-Agent (src/negotiators/anac/tmfagent.cc) against GENIUS 9.1.10 running the original,
// agents.anac.y2013.TMFAgent.TMFAgent: every recorded session of the agent in
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

constexpr const char* kAgent = "TMFAgent";
constexpr const char* kClass = "agents.anac.y2013.TMFAgent.TMFAgent";

TEST(GeniusTmfAgent, ReproducesEveryRecordedSessionStepByStep) {
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
    EXPECT_TRUE(MatchesTrace(trace, ReplayAgainstTrace(trace, party, "tmfagent")));
  }
}

// The comparison can fail: TheFawkes in TMF-Agent's seat parts from the record.
TEST(GeniusTmfAgent, AnotherAgentInItsSeatDiffers) {
  if (!std::filesystem::exists(GeniusTraceFolder())) GTEST_SKIP() << "no ../shared/genius-traces";
  const GeniusTrace trace =
      ReadGeniusTrace(GeniusTraceFolder() / "CarA__TMFAgent__TimeDependentAgentBoulware.jsonl.gz");
  EXPECT_FALSE(ReplayAgainstTrace(trace, 0, "thefawkes").match);
}

}  // namespace
}  // namespace parley::testing
