// The GENIUS trace reader and replay (genius_trace.h) on small hand-made traces in
// tests/data/genius_traces over the shipped CarA scenario: a three-round session in which party 0
// always offers its best bid and party 1 always the same other bid (utilities as GENIUS logged
// them for those bids in ../shared/genius-traces, discounted by hand with d = 0.75 at t = r / 4),
// and the same session in which party 0 accepts in round 2, which a party that never accepts
// must be reported to miss.
#include "genius_trace.h"

#include <cmath>
#include <fstream>

#include <gtest/gtest.h>

#include "parley/error.h"
#include "test_support.h"

namespace parley::testing {
namespace {

namespace fs = std::filesystem;

fs::path Data(const std::string& name) { return parley::testing::SourceDir() / "tests/data/genius_traces" / name; }

TEST(GeniusTraceReader, ReadsEveryLineOfASession) {
  const GeniusTrace trace = ReadGeniusTrace(Data("CarA__Hardliner__Scripted.jsonl.gz"));
  EXPECT_EQ(trace.start.domain, "genius/CarA/Car-A-domain.xml");
  EXPECT_EQ(trace.start.profiles,
            (std::vector<std::string>{"genius/CarA/Car-A-prof1.xml", "genius/CarA/Car-A-prof2.xml"}));
  EXPECT_EQ(trace.start.agents[0], "agents.TimeDependentAgentHardliner");
  EXPECT_EQ(trace.start.deadline_rounds, 3u);
  EXPECT_EQ(trace.start.seed, 42);
  EXPECT_EQ(trace.start.api, (std::vector<std::string>{"old", "new"}));
  EXPECT_EQ(trace.start.seed_used, (std::vector<bool>{false, true}));
  EXPECT_EQ(trace.start.discount_factor, (std::vector<double>{0.75, 0.75}));
  EXPECT_TRUE(trace.start.deterministic);
  ASSERT_EQ(trace.actions.size(), 6u);
  const GeniusTraceAction& second = trace.actions[1];
  EXPECT_EQ(second.round, 1u);
  EXPECT_EQ(second.turn, 2u);
  EXPECT_EQ(second.step, 2u);
  EXPECT_EQ(second.time, 0.25);
  EXPECT_EQ(second.agent, 1u);
  EXPECT_EQ(second.action, ActionType::kOffer);
  ASSERT_EQ(second.bid.size(), 6u);
  EXPECT_EQ(second.bid[0], (std::pair<std::string, std::string>{"CD player", "meager"}));  // file order kept
  EXPECT_EQ(second.bid[5], (std::pair<std::string, std::string>{"Tow hedge3", "fairly good"}));
  EXPECT_EQ(second.util, (std::vector<double>{0.6028, 0.9647999999999999}));
  EXPECT_FALSE(trace.failure);
  ASSERT_TRUE(trace.end);
  EXPECT_EQ(trace.end->rounds, 3u);
  EXPECT_EQ(trace.end->end_time, 0.75);
  EXPECT_FALSE(trace.end->has_agreement);
  EXPECT_FALSE(trace.end->agreement);
  EXPECT_NEAR(trace.end->util_disc[0], 0.5 * std::pow(0.75, 0.75), 1e-15);
}

// Writes `lines` to a fresh plain .jsonl file (the reader takes gzip and plain text alike).
fs::path WriteTrace(const std::string& lines) {
  const fs::path path = TemporaryFolder("genius-trace") / "t.jsonl";
  std::ofstream(path) << lines;
  return path;
}

TEST(GeniusTraceReader, NamesTheFileLineAndExpectationOfEachError) {
  const std::string start =
      R"({"type":"session_start","domain":"d.xml","profiles":["a.xml","b.xml"],"agents":["x.A","x.B"],)"
      R"("deadline_rounds":3})"
      "\n";
  const struct {
    std::string text;
    std::string message;  // after "<path>:"
  } kCases[] = {
      {"not json\n", "1: expected one JSON object per line"},
      {R"({"type":"action"})"
       "\n",
       "1: expected session_start first, found action"},
      {start + R"({"type":"action","round":1,"step":1,"time":0.25,"agent":0,"action":"Bid","bid":{"i":"v"}})"
               "\n",
       R"(2: action: expected Offer, Accept or EndNegotiation, found "Bid")"},
      {start + R"({"type":"action","round":1,"step":1,"time":0.25,"agent":5,"action":"Offer","bid":{"i":"v"}})"
               "\n",
       "2: agent: expected a party index below 2, found 5"},
      {start + R"({"type":"action","round":1,"step":1,"time":0.25,"agent":0,"action":"Offer"})"
               "\n",
       "2: bid: expected the bid of the offer"},
      {start + R"({"type":"action","step":1,"time":0.25,"agent":0,"action":"Offer","bid":{"i":"v"}})"
               "\n",
       R"(2: expected the field "round")"},
      {start + R"({"type":"session_end","rounds":"many","end_time":1,"has_agreement":false})"
               "\n",
       "2: rounds: unexpected type string"},
      {start + R"({"type":"note"})"
               "\n",
       R"(2: type: expected session_start, action, session_end or session_failed, found "note")"},
      {start, " expected a session_end or session_failed line at the end"},
  };
  for (const auto& c : kCases) {
    const fs::path path = WriteTrace(c.text);
    try {
      ReadGeniusTrace(path);
      ADD_FAILURE() << "no error for " << c.text;
    } catch (const InputError& error) {
      EXPECT_EQ(std::string(error.what()), path.string() + ":" + c.message);
    }
  }
  try {
    ReadGeniusTrace("/nonexistent/trace.jsonl.gz");
    ADD_FAILURE() << "no error for a missing file";
  } catch (const InputError& error) {
    EXPECT_EQ(std::string(error.what()), "/nonexistent/trace.jsonl.gz: cannot be opened");
  }
}

TEST(GeniusTraceReader, ListsTheTracesOfAnAgentFromTheIndex) {
  const fs::path folder = Data("");
  EXPECT_EQ(TracesOfAgent("TimeDependentAgentHardliner", true, folder),
            (std::vector<fs::path>{folder / "CarA__Hardliner__Scripted.jsonl.gz"}));
  EXPECT_EQ(TracesOfAgent("TimeDependentAgentHardliner", false, folder).size(), 2u);
  EXPECT_EQ(TracesOfAgent("Scripted", true, folder).size(), 2u);
  EXPECT_TRUE(TracesOfAgent("Hardliner", true, folder).empty());  // short class names match whole
}

TEST(GeniusTraceReplay, ReportsAMatchIncludingTheEnd) {
  const GeniusTrace trace = ReadGeniusTrace(Data("CarA__Hardliner__Scripted.jsonl.gz"));
  // Party 0 of the trace always offers its best bid and never accepts the other one (worth 0.6028
  // to it): what the hard-liner does.
  const TraceComparison replay = ReplayAgainstTrace(trace, 0, "hardliner", ShippedScenarios());
  EXPECT_TRUE(MatchesTrace(trace, replay));
  EXPECT_EQ(replay.steps_compared, 6u);
  // Party 1 recorded another bid than its own best, so a hard-liner in its place differs at once.
  const TraceComparison other = ReplayAgainstTrace(trace, 1, "hardliner", ShippedScenarios());
  EXPECT_FALSE(other.match);
  EXPECT_EQ(other.step, 2u);
}

TEST(GeniusTraceReplay, ReportsTheFirstDifferenceInOneMessage) {
  const GeniusTrace trace = ReadGeniusTrace(Data("CarA__AcceptsInRound2__Scripted.jsonl.gz"));
  const TraceComparison replay = ReplayAgainstTrace(trace, 0, "hardliner", ShippedScenarios());
  ASSERT_FALSE(replay.match);
  EXPECT_EQ(replay.step, 3u);
  EXPECT_EQ(replay.round, 2u);
  EXPECT_EQ(replay.time, 0.5);
  EXPECT_EQ(replay.steps_compared, 2u);
  EXPECT_EQ(replay.Describe(trace),
            "CarA__AcceptsInRound2__Scripted.jsonl.gz: differs from GENIUS at step 3 (round 2, t = 0.5) after 2 "
            "matching actions: party 0: GENIUS Accept {CD player=meager, Extra speakers=none, Airconditioning=none, "
            "Tow hedge=meager, Tow hedge2=good, Tow hedge3=fairly good}, Parley offer {CD player=good, Extra "
            "speakers=good, Airconditioning=good, Tow hedge=good, Tow hedge2=good, Tow hedge3=good}");
  EXPECT_FALSE(MatchesTrace(trace, replay));
}

TEST(GeniusTraceReplay, RunsEveryPartyNatively) {
  const GeniusTrace trace = ReadGeniusTrace(Data("CarA__Hardliner__Scripted.jsonl.gz"));
  // Two hard-liners each offer their own best bid: party 1's differs from the recorded one.
  const TraceComparison native = RunTraceNatively(trace, {"hardliner", "hardliner"}, ShippedScenarios());
  ASSERT_FALSE(native.match);
  EXPECT_EQ(native.step, 2u);
  EXPECT_THROW(RunTraceNatively(trace, {"hardliner"}, ShippedScenarios()), UsageError);
}

}  // namespace
}  // namespace parley::testing
