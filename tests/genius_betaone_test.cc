// Differential tests of `betaone` against GENIUS's agents.anac.y2018.beta_one.Group2 (BetaOne),
// from the sessions GENIUS 9.1.10 recorded in ../shared/genius-traces (README.md there; the class
// comes from the GENIUS 10.4 source, run inside 9.1.10): bilateral CarA against
// TimeDependentAgentBoulware, three parties on Dinner and SmartGrid against two
// BoulwareNegotiationParty, and the two three-party sessions GENIUS aborted.
//
// BetaOne draws each offer from the bids inside a box of utilities with a fresh unseeded
// `new Random()` (determinism.json: CarA differs from step 9, Dinner from step 28), so a trace is
// sure to match step by step only up to its first offer drawn from more than one bid. Its boxes
// follow the utilities of the offers it received and the times of its own turns, never its own
// offers, so with its offers replaced by the recorded ones it must take GENIUS's decisions to the
// end of each trace (genius_port_checks.h).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <string>
#include <tuple>
#include <vector>

#include "genius_port_checks.h"
#include "genius_repeated_runs.h"
#include "genius_trace.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using testing::GeniusTrace;

constexpr const char* kAgent = "Group2";
constexpr const char* kClass = "agents.anac.y2018.beta_one.Group2";
const testing::RecordedAgent kRecorded = testing::MultilateralAgent(kAgent, kClass);

TEST(GeniusBetaOne, MatchesEveryTraceUpToItsFirstRandomOffer) {
  testing::ExpectFirstDifferenceIsOwnOffer(kRecorded, "betaone");
}

// Hardliner never accepts: it parts from the record at BetaOne's first accept.
TEST(GeniusBetaOne, TakesEveryDecisionOfTheOriginal) {
  testing::ExpectEveryDecisionWithRecordedOffers(kRecorded, "betaone", "hardliner");
}

// The selfish point of party 0's profile in each traced scenario, as GENIUS's own AntiAnalysis
// computes it (its Kalai point against the reversed profile k, then k + 0.225 (1 - k)): CarA
// prof1 k = 0.9403, Dinner_util1 k = 0.49835, SmartGrid util1 k = 0.67787.
double SelfishPoint(const GeniusTrace& trace) {
  const std::string& profile = trace.start.profiles.front();
  if (profile.find("Car-A-prof1") != std::string::npos) return 0.9537325;
  if (profile.find("Dinner_util1") != std::string::npos) return 0.6112176072244186;
  if (profile.find("Smart_Grid_util1") != std::string::npos) return 0.7503462892860728;
  ADD_FAILURE() << "no selfish point for " << profile;
  return 1.0;
}

// Over the first 75% of time (scaled by the discount factor) the box of the party it answers is
// [l, min(l + 0.05, 1)] with l sliding from 1 to the selfish point, as of its previous turn (one
// round earlier): every offer of GENIUS's and of the port's in that phase lies in it, or is the one
// bid just above it that GENIUS's getBidsinRange can start with.
TEST(GeniusBetaOne, OffersInsideTheBoxOfTheFirstPhase) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  const auto box = [](const GeniusTrace& trace, const testing::GeniusTraceAction& action) {
    const double rounds = static_cast<double>(trace.start.deadline_rounds) + 1;
    const double scaled = (static_cast<double>(action.round) - 1) / rounds / trace.start.discount_factor.front();
    const double lower = 1 + (SelfishPoint(trace) - 1) * (scaled / 0.75);
    return std::make_tuple(scaled < 0.75 && action.round > 1, lower, std::min(lower + 0.05, 1.0));
  };
  // Party 0's utilities of every bid, ascending, by enumeration.
  const auto utilities_of = [](const GeniusTrace& trace) {
    const Scenario scenario = testing::LoadTraceScenario(trace);
    std::vector<double> utilities;
    Outcome bid;
    for (OutcomeIndex i = 0; i < *scenario.space().cardinality(); ++i) {
      scenario.space().Decode(i, bid);
      utilities.push_back(scenario.profile(0).Utility(bid));
    }
    std::sort(utilities.begin(), utilities.end());
    return utilities;
  };
  int above = 0;
  const auto check = [&](const GeniusTrace& trace, const testing::GeniusTraceAction& action, double utility,
                         const char* who) {
    const auto [first_phase, lower, upper] = box(trace, action);
    if (!first_phase) return 0;
    const std::string where =
        std::string(who) + " " + trace.path.filename().string() + " step " + std::to_string(action.step);
    EXPECT_GE(utility, lower - 1e-12) << where;
    if (utility > upper + 1e-12) {
      ++above;
      const std::vector<double> utilities = utilities_of(trace);
      const auto next = std::upper_bound(utilities.begin(), utilities.end(), upper + 1e-12);
      EXPECT_TRUE(next != utilities.end() && utility <= *next + 1e-12) << where;
    }
    return 1;
  };
  int genius = 0;
  for (const testing::GeniusSeat& seat : testing::SeatsOf(kRecorded)) {
    const fs::path& file = seat.file;
    const GeniusTrace trace = testing::ReadGeniusTrace(file);
    for (const auto& action : trace.actions) {
      if (action.agent == 0 && action.action == ActionType::kOffer)
        genius += check(trace, action, action.util[0], "GENIUS");
    }
  }
  int port = 0;
  testing::ForEachPortOffer(kRecorded, "betaone",
                            [&](const GeniusTrace& trace, const testing::GeniusTraceAction& action, double utility) {
                              port += check(trace, action, utility, "port");
                            });
  std::cout << genius << " offers of GENIUS's and " << port << " of the port's in the first phase, " << above
            << " above the box\n";
  EXPECT_GT(genius, 300);
  EXPECT_GT(port, 300);
}

TEST(GeniusBetaOne, OutcomesOnCarAFallInsideGeniusRepeatedRuns) {
  testing::ExpectInsideRepeatedRuns(kAgent, "betaone", 30);
}

}  // namespace
}  // namespace parley
