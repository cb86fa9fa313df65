// Differential tests of `iamhaggler` against GENIUS 9.1.10 running the original
// (agents.anac.y2010.Southampton.IAMhaggler): every recorded session of it in
// ../shared/genius-traces (CarA as party 0 and as party 1, Travel and ItexvsCypress as party 0,
// each against TimeDependentAgentBoulware and TimeDependentAgentHardliner), replayed with the
// opponent scripted from the record. The port must take the same action with the same bid at
// every step, see the same times and utilities, and end the same way. The original makes no
// random choice on these all-discrete domains, and GENIUS's same-seed rerun reproduced it.
#include <algorithm>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "genius_trace.h"

namespace parley::testing {
namespace {

constexpr char kClass[] = "agents.anac.y2010.Southampton.IAMhaggler";

TEST(GeniusIAMhaggler, EveryRecordedSessionStepByStep) {
  if (!std::filesystem::exists(GeniusTraceFolder())) GTEST_SKIP() << "no " << GeniusTraceFolder();
  const auto traces = TracesOfAgent("IAMhaggler", /*only_ok=*/false);
  ASSERT_EQ(traces.size(), 8u);  // the README's table: 8 ok, none failed
  for (const auto& path : traces) {
    SCOPED_TRACE(path.filename().string());
    const GeniusTrace trace = ReadGeniusTrace(path);
    ASSERT_TRUE(trace.start.deterministic);
    const auto seat = std::find(trace.start.agents.begin(), trace.start.agents.end(), kClass);
    ASSERT_NE(seat, trace.start.agents.end());
    const auto party = static_cast<std::size_t>(seat - trace.start.agents.begin());
    const TraceComparison comparison = ReplayAgainstTrace(trace, party, "iamhaggler");
    EXPECT_TRUE(MatchesTrace(trace, comparison));
    EXPECT_EQ(comparison.steps_compared, trace.actions.size());
  }
}

}  // namespace
}  // namespace parley::testing
