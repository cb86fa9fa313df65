// The differential check every test of a port of a deterministic GENIUS agent makes
// (tests/genius_<agent>_test.cc): each recorded GENIUS session in which the original plays
// (../shared/genius-traces, README.md there) is replayed through Parley's saop with the port in
// the original's seat and the other party scripted from the record, and must match it step by
// step and at the end. A session where another negotiator takes the seat must not match, so that
// the comparison is known to see a difference.
#ifndef PARLEY_TESTS_GENIUS_PORT_CHECKS_H_
#define PARLEY_TESTS_GENIUS_PORT_CHECKS_H_

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "genius_trace.h"

namespace parley::testing {

// `genius_agent` is the short class name (as in the traces' file names), `spec` the port.
inline void ExpectEveryTraceReproduced(const std::string& genius_agent, const std::string& spec,
                                       std::size_t traces_expected) {
  if (!std::filesystem::exists(GeniusTraceFolder())) GTEST_SKIP() << "no " << GeniusTraceFolder();
  const auto paths = TracesOfAgent(genius_agent);
  EXPECT_EQ(paths.size(), traces_expected);
  bool contrasted = false;
  for (const auto& path : paths) {
    const GeniusTrace trace = ReadGeniusTrace(path);
    SCOPED_TRACE(path.filename().string());
    EXPECT_TRUE(trace.start.deterministic);
    for (std::size_t party = 0; party < trace.start.agents.size(); ++party) {
      const std::string& agent = trace.start.agents[party];
      if (agent.substr(agent.rfind('.') + 1) != genius_agent) continue;
      EXPECT_TRUE(MatchesTrace(trace, ReplayAgainstTrace(trace, party, spec)));
      if (!contrasted) {
        EXPECT_FALSE(MatchesTrace(trace, ReplayAgainstTrace(trace, party, "time(e=0.2)")));
        contrasted = true;
      }
    }
  }
}

}  // namespace parley::testing

#endif  // PARLEY_TESTS_GENIUS_PORT_CHECKS_H_
