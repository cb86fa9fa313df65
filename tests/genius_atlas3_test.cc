// Differential tests of `atlas3` against GENIUS's agents.anac.y2015.Atlas3.Atlas3, from the
// sessions GENIUS 9.1.10 recorded in ../shared/genius-traces (README.md there): bilateral CarA
// and three parties on Dinner and SmartGrid.
//
// Atlas3's ordinary offers are random in GENIUS: each starts from a seeded random bid but then
// goes through unseeded shuffles and tie-breaks (determinism.json: CarA differs from step 1), so a
// trace matches step by step only up to its first ordinary offer. Everything else it does is
// decided by the other parties' actions alone — its own offers never feed back into its state —
// so with its ordinary offers replaced by the recorded ones it must take every decision GENIUS took
// (accept, walk away, the final walk down the bids the others supported) to the end of the trace.
// The outcome distribution over seeded runs is compared with GENIUS's 30 recorded runs.
#include <gtest/gtest.h>

#include <algorithm>
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

constexpr const char* kAgent = "Atlas3";
constexpr const char* kClass = "agents.anac.y2015.Atlas3.Atlas3";

// Marks the recorded offers that repeat a bid the other parties had all supported by then (offered
// by one and accepted by each of the rest in a row; the party's own actions in between neither
// count nor break the row): the final walk's offers, which the port must make itself.
void MarkSupportedBids(const GeniusTrace& trace, const OutcomeSpace& space, std::size_t party,
                       testing::RecordedOffers& offers) {
  std::vector<Outcome> supported;
  Outcome last;
  std::size_t row = 0;
  for (const auto& action : trace.actions) {
    if (action.agent == party) {
      if (action.action == ActionType::kOffer &&
          std::find(supported.begin(), supported.end(), offers.by_step.at(action.step)) != supported.end()) {
        offers.deterministic.insert(action.step);
      }
      continue;
    }
    if (action.action == ActionType::kOffer) {
      last = testing::ToOutcome(space, action.bid);
      row = 1;
    } else if (action.action == ActionType::kAccept) {
      ++row;
    }
    if (row + 1 == trace.start.n_parties && std::find(supported.begin(), supported.end(), last) == supported.end()) {
      supported.push_back(last);
    }
  }
}

std::vector<fs::path> Traces() {
  const auto ok = testing::TracesOfAgent(kAgent, true);
  const auto all = testing::TracesOfAgent(kAgent, false);
  EXPECT_EQ(ok.size(), 3u);   // CarA, Dinner and SmartGrid against BoulwareNegotiationParty
  EXPECT_EQ(all.size(), 5u);  // and the two sessions GENIUS aborted (old-style Boulware, 3 parties)
  return all;
}

TEST(GeniusAtlas3, MatchesEveryTraceUpToItsFirstOrdinaryOffer) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  for (const auto& file : Traces()) {
    const GeniusTrace trace = testing::ReadGeniusTrace(file);
    ASSERT_EQ(trace.start.agents.front(), kClass) << file;
    const testing::TraceComparison comparison = testing::ReplayAgainstTrace(trace, 0, "atlas3");
    std::cout << comparison.Describe(trace) << "\n";
    if (comparison.match) continue;
    // The first difference is one of its own offers, all random in GENIUS.
    bool own_offer = false;
    for (const auto& action : trace.actions) {
      if (action.step == comparison.step) own_offer = action.agent == 0 && action.action == ActionType::kOffer;
    }
    EXPECT_TRUE(own_offer) << comparison.Describe(trace);
  }
}

TEST(GeniusAtlas3, TakesEveryDecisionOfTheOriginal) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  for (const auto& file : Traces()) {
    const GeniusTrace trace = testing::ReadGeniusTrace(file);
    const Scenario scenario = testing::LoadTraceScenario(trace);
    testing::RecordedOffers offers = testing::ReadRecordedOffers(trace, scenario.space(), 0);
    MarkSupportedBids(trace, scenario.space(), 0, offers);
    const testing::TraceComparison comparison = testing::ReplayWithRecordedOffers(trace, 0, "atlas3", offers);
    EXPECT_TRUE(testing::MatchesTrace(trace, comparison));
    // Offers of bids the others supported are the final walk's: never replaced.
    EXPECT_EQ(offers.replaced_deterministic, 0) << file;
  }
}

// 40 seeded runs against `boulware` (GENIUS's TimeDependentAgentBoulware) on CarA, 200 rounds:
// GENIUS's 30 runs all end alike (Atlas3 accepts in round 83), so the port must too.
TEST(GeniusAtlas3, OutcomesOnCarAFallInsideGeniusRepeatedRuns) {
  const fs::path folder = testing::GeniusTraceFolder();
  if (!fs::is_directory(folder)) GTEST_SKIP() << "no GENIUS traces";
  if (const std::string why = testing::BoulwareIsNotGenius(folder); !why.empty()) GTEST_SKIP() << why;
  testing::ExpectInsideRepeatedRuns(folder, kAgent, "atlas3", 40);
}

}  // namespace
}  // namespace parley
