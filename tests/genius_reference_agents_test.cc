// GENIUS's reference agents (agents.TimeDependentAgentBoulware, Conceder, Linear, Hardliner) against
// their recorded GENIUS sessions (../shared/genius-traces): every session of two reference agents
// (CarA and Travel, every ordered pair) replayed with each party in turn as Parley's port and the
// other scripted, and run with both parties Parley's ports; and every session of a reference agent
// with an ANAC agent replayed with the reference agent as the party under test. Each must match
// GENIUS action by action, bid by bid, and in its end.
#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "genius_trace.h"
#include "test_support.h"

namespace parley::testing {
namespace {

namespace fs = std::filesystem;

// GENIUS class name -> Parley negotiator.
const std::map<std::string, std::string>& ReferenceSpecs() {
  static const std::map<std::string, std::string> specs = {{"agents.TimeDependentAgentBoulware", "boulware"},
                                                           {"agents.TimeDependentAgentConceder", "conceder"},
                                                           {"agents.TimeDependentAgentLinear", "linear"},
                                                           {"agents.TimeDependentAgentHardliner", "hardliner"}};
  return specs;
}

std::string SpecOf(const std::string& agent) {
  const auto found = ReferenceSpecs().find(agent);
  return found == ReferenceSpecs().end() ? "" : found->second;
}

// Every trace file in which some reference agent plays (sessions that failed included), once.
std::vector<fs::path> ReferenceTraces() {
  std::vector<fs::path> files;
  for (const auto& [agent, spec] : ReferenceSpecs()) {
    for (const fs::path& file : TracesOfAgent(agent.substr(agent.rfind('.') + 1), false)) {
      if (fs::exists(file) && std::find(files.begin(), files.end(), file) == files.end()) files.push_back(file);
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool OnlyReferenceAgents(const GeniusTrace& trace) {
  for (const std::string& agent : trace.start.agents) {
    if (SpecOf(agent).empty()) return false;
  }
  return true;
}

#define SKIP_WITHOUT_TRACES()                                                                   \
  if (!fs::exists(GeniusTraceFolder() / "index.json") || !fs::exists(SharedScenarios())) {      \
    GTEST_SKIP() << "no GENIUS traces at " << GeniusTraceFolder() << " or no shared scenarios"; \
  }

// The sessions whose every party is a reference agent (or, with `among_reference_agents` false,
// those with some other agent too), read.
std::vector<GeniusTrace> Sessions(bool among_reference_agents) {
  std::vector<GeniusTrace> sessions;
  for (const fs::path& file : ReferenceTraces()) {
    GeniusTrace trace = ReadGeniusTrace(file);
    if (OnlyReferenceAgents(trace) == among_reference_agents) sessions.push_back(std::move(trace));
  }
  return sessions;
}

TEST(GeniusReferenceAgents, ReplayEachPartyOfEverySessionBetweenReferenceAgents) {
  SKIP_WITHOUT_TRACES();
  const std::vector<GeniusTrace> sessions = Sessions(true);
  EXPECT_EQ(sessions.size(), 32u);  // 4 x 4 ordered pairs on CarA and on Travel
  for (const GeniusTrace& trace : sessions) {
    for (std::size_t party = 0; party < trace.start.agents.size(); ++party) {
      SCOPED_TRACE(::testing::Message() << "party " << party << " as " << SpecOf(trace.start.agents[party]));
      EXPECT_TRUE(MatchesTrace(trace, ReplayAgainstTrace(trace, party, SpecOf(trace.start.agents[party]))));
    }
  }
}

TEST(GeniusReferenceAgents, RunEverySessionBetweenReferenceAgentsNatively) {
  SKIP_WITHOUT_TRACES();
  const std::vector<GeniusTrace> sessions = Sessions(true);
  EXPECT_EQ(sessions.size(), 32u);
  for (const GeniusTrace& trace : sessions) {
    std::vector<std::string> specs;
    for (const std::string& agent : trace.start.agents) specs.push_back(SpecOf(agent));
    EXPECT_TRUE(MatchesTrace(trace, RunTraceNatively(trace, specs)));
  }
}

TEST(GeniusReferenceAgents, ReplayAsTheOpponentOfEveryAnacAgent) {
  SKIP_WITHOUT_TRACES();
  std::size_t replays = 0;
  for (const GeniusTrace& trace : Sessions(false)) {
    for (std::size_t party = 0; party < trace.start.agents.size(); ++party) {
      const std::string spec = SpecOf(trace.start.agents[party]);
      if (spec.empty()) continue;
      ++replays;
      SCOPED_TRACE(::testing::Message() << "party " << party << " as " << spec);
      EXPECT_TRUE(MatchesTrace(trace, ReplayAgainstTrace(trace, party, spec)));
    }
  }
  EXPECT_GT(replays, 150u);
}

}  // namespace
}  // namespace parley::testing
