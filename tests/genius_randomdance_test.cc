// Differential tests of `randomdance` against GENIUS's agents.anac.y2015.RandomDance.RandomDance,
// from the sessions GENIUS 9.1.10 recorded in ../shared/genius-traces (README.md there): bilateral
// CarA against TimeDependentAgentBoulware, three parties on Dinner and SmartGrid against two
// BoulwareNegotiationParty, and the two three-party sessions GENIUS aborted.
//
// RandomDance draws from Math.random() (unseeded) on every turn, which model of each party to use,
// but for a long while every draw leads to the same offer and the same decision: GENIUS's own
// same-seed reruns (determinism.json) first part at step 171 on CarA and at step 265 on Dinner
// against BoulwareNegotiationParty. The port must follow those two sessions at least that far
// (the sessions that ended normally are listed; the aborted ones are held to the next rule), and
// in every session the first difference must be one of its own offers. Its target, and so its
// accepting, depends on those draws too, so no replay with its offers taken from the record can
// be held to GENIUS's decisions after that point.
#include <gtest/gtest.h>

#include <string>

#include "genius_port_checks.h"
#include "genius_repeated_runs.h"
#include "genius_trace.h"

namespace parley {
namespace {

constexpr const char* kAgent = "RandomDance";
constexpr const char* kClass = "agents.anac.y2015.RandomDance.RandomDance";
const testing::RecordedAgent kRecorded = testing::MultilateralAgent(kAgent, kClass);

TEST(GeniusRandomDance, FollowsEachSessionAsFarAsGeniusFollowedItself) {
  testing::ExpectFollowsRecordedSessions(
      kAgent, kClass, "randomdance",
      {{"CarA__RandomDance__TimeDependentAgentBoulware.jsonl.gz", 0, 171, "GENIUS's rerun parts at step 171"},
       {"Dinner__RandomDance__BoulwareNegotiationParty__BoulwareNegotiationParty.jsonl.gz", 0, 265,
        "GENIUS's rerun parts at step 265"},
       {"SmartGrid__RandomDance__BoulwareNegotiationParty__BoulwareNegotiationParty.jsonl.gz", 0, 1,
        "it draws from Math.random() on every turn"}});
}

TEST(GeniusRandomDance, FirstDifferenceFromEveryTraceIsOneOfItsOffers) {
  testing::ExpectFirstDifferenceIsOwnOffer(kRecorded, "randomdance");
}

// Outside GENIUS's intervals, so kept disabled (docs/strategies.md#randomdance): over seeds 1..30
// against `boulware` on CarA the port ends in round 119.2 on average (GENIUS: 111.1, interval
// [107.5, 114.8]) with utilities 0.7989 / 0.9649 (GENIUS: 0.7509 in [0.7248, 0.7770] and 0.9763
// in [0.9714, 0.9813]). The recorded runs are the outlier, not the port: GENIUS's own RandomDance
// and TimeDependentAgentBoulware classes on CarA, run by GENIUS's SessionManager, end in round
// 117.74 on average over 150 sessions (30 by round 105); played turn by turn on GENIUS's
// DiscreteTimeline(200), in round 116.98 over 300 (80 by round 105); the port's seeds 1..300 end
// in round 116.98 (77 by round 105). GENIUS's 30 recorded runs have 15 by round 105 (binomial
// tail 0.005); one of ten batches of 30 of the original's sessions averages inside the interval.
TEST(GeniusRandomDance, DISABLED_OutcomesOnCarAFallInsideGeniusRepeatedRuns) {
  testing::ExpectInsideRepeatedRuns(kAgent, "randomdance", 30);
}

}  // namespace
}  // namespace parley
