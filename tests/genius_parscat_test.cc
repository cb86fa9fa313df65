// Differential tests of `parscat` against GENIUS's agents.anac.y2016.parscat.ParsCat, from the
// sessions GENIUS 9.1.10 recorded in ../shared/genius-traces (README.md there): bilateral CarA
// against TimeDependentAgentBoulware, three parties on Dinner and SmartGrid against two
// BoulwareNegotiationParty, and the two three-party sessions GENIUS aborted.
//
// ParsCat opens with its best bid; every later offer is a random bid from an unseeded generator
// (determinism.json: CarA differs from step 3), so a trace is sure to match step by step only up
// to its second turn. Its state is the offers it received and nothing of its own, and its acceptance is
// decided by the last offer, the time and (only through an exact tie, or bilaterally through
// whether the draw falls below the best offer received) the utility of its draw, so with its offers
// replaced by the recorded ones it must take GENIUS's decisions to the end of each trace
// (genius_port_checks.h), and its own offers must lie in GENIUS's band. ParsCat
// never reads its seed, so GENIUS's 30 repeated runs on CarA vary only in its unseeded draws, as
// the port's runs do over seeds.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "genius_port_checks.h"
#include "genius_repeated_runs.h"
#include "genius_trace.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using testing::GeniusTrace;

constexpr const char* kAgent = "ParsCat";
constexpr const char* kClass = "agents.anac.y2016.parscat.ParsCat";
const testing::RecordedAgent kRecorded = testing::MultilateralAgent(kAgent, kClass);

TEST(GeniusParsCat, MatchesEveryTraceUpToItsFirstRandomOffer) {
  testing::ExpectFirstDifferenceIsOwnOffer(kRecorded, "parscat");
}

// Hardliner never accepts: it parts from the record at ParsCat's first accept.
TEST(GeniusParsCat, TakesEveryDecisionOfTheOriginal) {
  testing::ExpectEveryDecisionWithRecordedOffers(kRecorded, "parscat", "hardliner");
}

// Its random offers differ from GENIUS's, but not their band: GENIUS's and the port's offer at the
// same turn lie within 0.02 of the same target, unless one of them is the best offer received
// (bilateral) or the search had to lower its target (more than 1,000 misses).
TEST(GeniusParsCat, OffersInTheOriginalsBand) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  const int compared = testing::ForEachPortOffer(
      kRecorded, "parscat", [](const GeniusTrace& trace, const testing::GeniusTraceAction& action, double utility) {
        EXPECT_LE(std::abs(action.util[0] - utility), 0.04 + 1e-12)
            << trace.path.filename().string() << " step " << action.step;
      });
  EXPECT_GT(compared, 500);
}

TEST(GeniusParsCat, OutcomesOnCarAFallInsideGeniusRepeatedRuns) {
  testing::ExpectInsideRepeatedRuns(kAgent, "parscat", 30);
}

}  // namespace
}  // namespace parley
