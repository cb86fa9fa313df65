// Differential tests of `agent36` against GENIUS's agents.anac.y2018.meng_wan.Agent36, from the
// sessions GENIUS 9.1.10 recorded in ../shared/genius-traces (README.md there; the class comes from
// the GENIUS 10.4 source, run inside 9.1.10): bilateral CarA against TimeDependentAgentBoulware,
// three parties on Dinner and SmartGrid against two BoulwareNegotiationParty, and the two
// three-party sessions GENIUS aborted.
//
// Agent36 picks the issue it varies with Math.random() (unseeded) and stops its search when the
// millisecond clock moves on (determinism.json: CarA differs from step 9, Dinner from step 1), so
// a trace is sure to match step by step only up to its first offer that depends on either. Its
// decisions depend on the offers and accepts it received and on time, never on its own offers, so
// with its offers replaced by the recorded ones it must take GENIUS's decisions to the end of each
// trace (genius_port_checks.h), and its own offers must reach its target, derived here from
// the original's source. GENIUS's 30 repeated runs on CarA all ended alike (it accepts Boulware's
// offer in round 181), as the port's runs must.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>

#include "genius_port_checks.h"
#include "genius_repeated_runs.h"
#include "genius_trace.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using testing::GeniusTrace;

constexpr const char* kAgent = "Agent36";
constexpr const char* kClass = "agents.anac.y2018.meng_wan.Agent36";
const testing::RecordedAgent kRecorded = testing::MultilateralAgent(kAgent, kClass);

TEST(GeniusAgent36, MatchesEveryTraceUpToItsFirstRandomOffer) {
  testing::ExpectFirstDifferenceIsOwnOffer(kRecorded, "agent36");
}

// Hardliner never accepts: it parts from the record at Agent36's accept on CarA.
TEST(GeniusAgent36, TakesEveryDecisionOfTheOriginal) {
  testing::ExpectEveryDecisionWithRecordedOffers(kRecorded, "agent36", "hardliner");
}

// Its target is never below max(0.7, 1 - t^5) (its floor starts at 0.8 and only an accepted offer
// above the target or the last 5% of time lowers it, never under 0.7); every offer the port makes
// beats it. GENIUS's own offers do too, except where its clock cut the search short: those are
// counted, not held to the rule.
TEST(GeniusAgent36, OffersReachTheTarget) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  const auto lowest_target = [](double t) { return std::max(0.7, 1 - std::pow(t, 5)); };
  const int compared = testing::ForEachPortOffer(
      kRecorded, "agent36", [&](const GeniusTrace& trace, const testing::GeniusTraceAction& action, double utility) {
        EXPECT_GE(utility, lowest_target(action.time) - 1e-12)
            << trace.path.filename().string() << " step " << action.step;
      });
  EXPECT_GT(compared, 500);
  int genius_short = 0;
  int genius_offers = 0;
  for (const testing::GeniusSeat& seat : testing::SeatsOf(kRecorded)) {
    const fs::path& file = seat.file;
    for (const auto& action : testing::ReadGeniusTrace(file).actions) {
      if (action.agent != 0 || action.action != ActionType::kOffer) continue;
      ++genius_offers;
      if (action.util[0] < lowest_target(action.time)) ++genius_short;
    }
  }
  std::cout << "GENIUS: " << genius_short << " of " << genius_offers << " offers below the target\n";
  EXPECT_LT(genius_short * 10, genius_offers);
}

TEST(GeniusAgent36, OutcomesOnCarAFallInsideGeniusRepeatedRuns) {
  testing::ExpectInsideRepeatedRuns(kAgent, "agent36", 30);
}

}  // namespace
}  // namespace parley
