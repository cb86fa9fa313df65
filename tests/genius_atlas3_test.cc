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
#include <string>
#include <vector>

#include "genius_port_checks.h"
#include "genius_repeated_runs.h"
#include "genius_trace.h"
#include "parley/protocol.h"

namespace parley {
namespace {

using testing::GeniusTrace;

constexpr const char* kAgent = "Atlas3";
constexpr const char* kClass = "agents.anac.y2015.Atlas3.Atlas3";
const testing::RecordedAgent kRecorded = testing::MultilateralAgent(kAgent, kClass);

// Marks the recorded offers that repeat a bid the other parties had all supported by then (offered
// by one and accepted by each of the rest in a row; the party's own actions in between neither
// count nor break the row): the final walk's offers, which the port must make itself.
void MarkSupportedBids(const GeniusTrace& trace, std::size_t party, testing::RecordedOffers& offers) {
  const Scenario scenario = testing::LoadTraceScenario(trace);
  const OutcomeSpace& space = scenario.space();
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

TEST(GeniusAtlas3, MatchesEveryTraceUpToItsFirstOrdinaryOffer) {
  testing::ExpectFirstDifferenceIsOwnOffer(kRecorded, "atlas3");
}

// Offers of bids the others supported are the final walk's: never replaced.
TEST(GeniusAtlas3, TakesEveryDecisionOfTheOriginal) {
  testing::ExpectEveryDecisionWithRecordedOffers(kRecorded, "atlas3", "", MarkSupportedBids);
}

// 40 seeded runs against `boulware` (GENIUS's TimeDependentAgentBoulware) on CarA, 200 rounds:
// GENIUS's 30 runs all end alike (Atlas3 accepts in round 83), so the port must too.
TEST(GeniusAtlas3, OutcomesOnCarAFallInsideGeniusRepeatedRuns) {
  testing::ExpectInsideRepeatedRuns(kAgent, "atlas3", 40);
}

}  // namespace
}  // namespace parley
