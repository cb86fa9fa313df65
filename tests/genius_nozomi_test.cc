// Differential tests of `nozomi` against GENIUS's agents.anac.y2010.Nozomi.Nozomi, from the
// sessions GENIUS 9.1.10 recorded in ../shared/genius-traces (README.md there).
//
// Nozomi draws from unseeded java.util.Randoms, so GENIUS itself does not repeat a session
// (determinism.json: CarA differs from step 5, its third turn). From its first answer to an offer
// after its opening replies it draws, every turn, which kind of bid to make (and which issues to
// move), so a trace is compared step by step up to that turn. Whether it accepts depends only on
// the offers exchanged, its own included, so the trace is then replayed with its offers replaced
// by the recorded ones (and shown to the port, which updates its state from the bid it offered):
// every acceptance must match to the end. Finally the outcomes of seeded runs are compared with
// GENIUS's 30 recorded runs.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "genius_recorded_offers.h"
#include "genius_repeated_runs.h"
#include "genius_trace.h"
#include "parley/protocol.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using testing::GeniusTrace;

constexpr const char* kAgent = "Nozomi";
constexpr const char* kClass = "agents.anac.y2010.Nozomi.Nozomi";

std::size_t PartyOf(const GeniusTrace& trace) {
  for (std::size_t p = 0; p < trace.start.agents.size(); ++p) {
    if (trace.start.agents[p] == kClass) return p;
  }
  return trace.start.agents.size();
}

// The GENIUS step of Nozomi's first turn that can draw: the first that answers an offer after its
// reply to the opponent's first offer (its third turn as the first party, its second as the
// second), where it draws the kind of bid to make.
std::uint64_t FirstPossibleDraw(const GeniusTrace& trace, std::size_t party) {
  std::size_t turns = 0;
  for (const auto& action : trace.actions) {
    if (action.agent == party && ++turns == (party == 0 ? 3u : 2u)) return action.step;
  }
  return trace.actions.empty() ? 0 : trace.actions.back().step + 1;
}

TEST(GeniusNozomi, MatchesEveryTraceUpToItsFirstDraw) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  const auto files = testing::TracesOfAgent(kAgent);
  ASSERT_EQ(files.size(), 8u);  // CarA both orders, Travel and ItexvsCypress; vs Boulware and Hardliner
  bool contrasted = false;
  for (const auto& file : files) {
    const GeniusTrace trace = testing::ReadGeniusTrace(file);
    const std::size_t party = PartyOf(trace);
    ASSERT_LT(party, trace.start.agents.size()) << file;
    const std::uint64_t first_draw = FirstPossibleDraw(trace, party);
    const testing::TraceComparison comparison = testing::ReplayAgainstTrace(trace, party, "nozomi");
    std::cout << comparison.Describe(trace) << " (first possible draw at step " << first_draw << ")\n";
    if (!comparison.match) {
      EXPECT_GE(comparison.step, first_draw) << comparison.Describe(trace);
    }
    if (!contrasted) {
      // Another negotiator in the seat parts from the record (both open with their best bid).
      EXPECT_FALSE(testing::ReplayAgainstTrace(trace, party, "time(e=0.2)").match);
      contrasted = true;
    }
  }
}

TEST(GeniusNozomi, TakesTheOriginalsDecisionsWithTheRecordedOffers) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  bool contrasted = false;
  for (const auto& file : testing::TracesOfAgent(kAgent)) {
    const GeniusTrace trace = testing::ReadGeniusTrace(file);
    const std::size_t party = PartyOf(trace);
    const Scenario scenario = testing::LoadTraceScenario(trace);
    testing::RecordedOffers offers = testing::ReadRecordedOffers(trace, scenario.space(), party);
    offers.shown_to_port = true;
    const std::uint64_t first_draw = FirstPossibleDraw(trace, party);
    for (const auto& [step, bid] : offers.by_step) {
      if (step < first_draw) offers.deterministic.insert(step);
    }
    const testing::TraceComparison comparison = testing::ReplayWithRecordedOffers(trace, party, "nozomi", offers);
    EXPECT_TRUE(testing::MatchesTrace(trace, comparison));
    EXPECT_EQ(offers.replaced_deterministic, 0) << file;
    if (!contrasted) {
      // Another negotiator making the same offers does not accept where Nozomi did.
      testing::RecordedOffers same = testing::ReadRecordedOffers(trace, scenario.space(), party);
      EXPECT_FALSE(testing::ReplayWithRecordedOffers(trace, party, "conceder", same).match);
      contrasted = true;
    }
  }
}

// 30 seeded runs against `boulware` (GENIUS's TimeDependentAgentBoulware) on CarA, 200 rounds:
// agreement rate, mean end round and mean utilities inside the 95% intervals of GENIUS's 30 runs.
TEST(GeniusNozomi, OutcomesOnCarAFallInsideGeniusRepeatedRuns) {
  const fs::path folder = testing::GeniusTraceFolder();
  if (!fs::is_directory(folder)) GTEST_SKIP() << "no GENIUS traces";
  if (const std::string why = testing::BoulwareIsNotGenius(folder); !why.empty()) GTEST_SKIP() << why;
  testing::ExpectInsideRepeatedRuns(folder, kAgent, "nozomi", 30);
}

}  // namespace
}  // namespace parley
