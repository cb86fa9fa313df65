// Differential tests of ports of GENIUS agents that draw unseeded random numbers, step by step:
// each recorded session of the agent is replayed (genius_trace.h) and must match up to the
// original's first random choice that can change what it does. (As a distribution they are
// compared with genius_repeated_runs.h.) Header-only, for the tests of each such port.
#ifndef PARLEY_TESTS_GENIUS_UNSEEDED_AGENTS_H_
#define PARLEY_TESTS_GENIUS_UNSEEDED_AGENTS_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "genius_trace.h"
#include "test_support.h"

namespace parley::testing {

// One recorded session of the agent and the step of the original's first random choice that can
// matter in it (0: none in the whole session), with the reason.
struct RecordedSession {
  const char* file;
  std::size_t party;  // the agent's position
  std::uint64_t first_random_step;
  const char* why;
};

// Replays every session with `spec` in the agent's seat: all of the agent's recorded sessions
// (`agent` is its short GENIUS name, `agent_class` the full one) must be listed, each must match
// up to its first random choice, and a session without one must match to the end.
inline void ExpectFollowsRecordedSessions(const std::string& agent, const std::string& agent_class,
                                          const std::string& spec, const std::vector<RecordedSession>& sessions) {
  if (!std::filesystem::is_directory(GeniusTraceFolder())) GTEST_SKIP() << "no " << GeniusTraceFolder();
  std::size_t listed = 0;
  for (const auto& path : TracesOfAgent(agent)) {
    ++listed;
    bool found = false;
    for (const auto& session : sessions) found = found || path.filename() == session.file;
    EXPECT_TRUE(found) << path << " is not in the table";
  }
  EXPECT_EQ(listed, sessions.size());
  for (const auto& session : sessions) {
    const GeniusTrace trace = ReadGeniusTrace(GeniusTraceFolder() / session.file);
    ASSERT_EQ(trace.start.agents[session.party], agent_class) << session.file;
    const TraceComparison comparison = ReplayAgainstTrace(trace, session.party, spec);
    if (session.first_random_step == 0) {
      EXPECT_TRUE(MatchesTrace(trace, comparison)) << session.why;
    } else if (!comparison.match) {
      EXPECT_GE(comparison.step, session.first_random_step)
          << comparison.Describe(trace) << "\nbefore its first random choice at step " << session.first_random_step
          << ": " << session.why;
    }
  }
}

}  // namespace parley::testing

#endif  // PARLEY_TESTS_GENIUS_UNSEEDED_AGENTS_H_
