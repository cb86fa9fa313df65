// The two step-by-step checks of a port of a GENIUS agent that draws unseeded random numbers and
// whose later decisions depend on the bids it offered (Yushu, Nozomi): every recorded session of
// the agent (../shared/genius-traces, README.md there) replayed with the other party scripted
// (1) must match up to the original's first possible draw, which the test derives from the trace,
// and (2) with the port's offers replaced by the recorded ones and shown to it
// (genius_recorded_offers.h), must take every decision the original took to the end, replacing
// none of its offers before that first draw. Each check is contrasted once with another negotiator
// in the seat, which must part from the record, so that a comparison is known to see differences.
// Test-only, header-only.
#ifndef PARLEY_TESTS_GENIUS_DRAW_REPLAYS_H_
#define PARLEY_TESTS_GENIUS_DRAW_REPLAYS_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <iostream>
#include <string>

#include "genius_recorded_offers.h"
#include "genius_trace.h"

namespace parley::testing {

// The GENIUS step of the agent's first turn that may draw, given the trace and the agent's seat.
using FirstDraw = std::function<std::uint64_t(const GeniusTrace&, std::size_t party)>;

// The agent under test: short GENIUS name (as in index.json), fully qualified class, the port's spec.
struct DrawingAgent {
  std::string name;
  std::string agent_class;
  std::string spec;
  FirstDraw first_draw;
};

inline std::size_t SeatOf(const GeniusTrace& trace, const std::string& agent_class) {
  for (std::size_t p = 0; p < trace.start.agents.size(); ++p) {
    if (trace.start.agents[p] == agent_class) return p;
  }
  return trace.start.agents.size();
}

// (1): `traces_expected` sessions, each matching up to its first possible draw. `contrast`, in the
// seat of the first session, must not match it; with `contrast_before_draw`, not even up to the
// draw (false where both open alike, as time-based agents and Nozomi do with their best bid).
inline void ExpectMatchesUpToFirstDraw(const DrawingAgent& agent, std::size_t traces_expected,
                                       const std::string& contrast, bool contrast_before_draw) {
  if (!std::filesystem::is_directory(GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  const auto files = TracesOfAgent(agent.name);
  ASSERT_EQ(files.size(), traces_expected);
  bool contrasted = false;
  for (const auto& file : files) {
    const GeniusTrace trace = ReadGeniusTrace(file);
    const std::size_t party = SeatOf(trace, agent.agent_class);
    ASSERT_LT(party, trace.start.agents.size()) << file;
    const std::uint64_t first_draw = agent.first_draw(trace, party);
    const TraceComparison comparison = ReplayAgainstTrace(trace, party, agent.spec);
    std::cout << comparison.Describe(trace) << " (first possible draw at step " << first_draw << ")\n";
    if (!comparison.match) {
      EXPECT_GE(comparison.step, first_draw) << comparison.Describe(trace);
    }
    if (!contrasted) {
      const TraceComparison other = ReplayAgainstTrace(trace, party, contrast);
      EXPECT_FALSE(other.match);
      if (contrast_before_draw) {
        EXPECT_LT(other.step, first_draw) << other.Describe(trace);
      }
      contrasted = true;
    }
  }
}

// (2): every session to its end with the recorded offers; `contrast` making the same offers in the
// seat of the first session must not accept, or walk away, where the original did.
inline void ExpectDecisionsWithRecordedOffers(const DrawingAgent& agent, const std::string& contrast) {
  if (!std::filesystem::is_directory(GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  bool contrasted = false;
  for (const auto& file : TracesOfAgent(agent.name)) {
    const GeniusTrace trace = ReadGeniusTrace(file);
    const std::size_t party = SeatOf(trace, agent.agent_class);
    ASSERT_LT(party, trace.start.agents.size()) << file;
    const Scenario scenario = LoadTraceScenario(trace);
    RecordedOffers offers = ReadRecordedOffers(trace, scenario.space(), party);
    offers.shown_to_port = true;
    const std::uint64_t first_draw = agent.first_draw(trace, party);
    for (const auto& [step, bid] : offers.by_step) {
      if (step < first_draw) offers.deterministic.insert(step);
    }
    const TraceComparison comparison = ReplayWithRecordedOffers(trace, party, agent.spec, offers);
    EXPECT_TRUE(MatchesTrace(trace, comparison));
    EXPECT_EQ(offers.replaced_deterministic, 0) << file;
    if (!contrasted) {
      RecordedOffers same = ReadRecordedOffers(trace, scenario.space(), party);
      EXPECT_FALSE(ReplayWithRecordedOffers(trace, party, contrast, same).match);
      contrasted = true;
    }
  }
}

}  // namespace parley::testing

#endif  // PARLEY_TESTS_GENIUS_DRAW_REPLAYS_H_
