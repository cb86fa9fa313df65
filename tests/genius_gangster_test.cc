// Differential tests of `gangster` against GENIUS's agents.anac.y2014.Gangster.Gangster, from the
// sessions GENIUS 9.1.10 recorded in ../shared/genius-traces (README.md there): CarA with it first
// and second and Travel with it first, against TimeDependentAgentBoulware and Hardliner, and the
// nonlinear 10issues against AgentM and DoNA in both seats (its sessions against the reference
// agents on 10issues could not run in GENIUS and have no trace).
//
// Gangster's own bids are random in GENIUS (Domain.getRandomBid and its genetic search draw from
// unseeded generators; determinism.json: CarA differs from step 1), so a trace matches step by
// step only up to its first own bid. Everything else it decides depends on the opponent's offers
// alone: its acceptances (0.8 on linear profiles, a target drawn from the opponent's recent offers
// on nonlinear ones) and, on nonlinear profiles, which recent opponent offer it proposes back. So
// with its other offers replaced by the recorded ones it must take every decision GENIUS took, to
// the end of every trace. The outcome distribution over seeded runs is compared with GENIUS's 30
// recorded runs on CarA.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "genius_port_checks.h"
#include "genius_repeated_runs.h"
#include "genius_trace.h"
#include "parley/protocol.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using testing::GeniusBid;
using testing::GeniusTrace;

constexpr const char* kAgent = "Gangster";
constexpr const char* kClass = "agents.anac.y2014.Gangster.Gangster";

// The two failed settings left no trace.
const testing::RecordedAgent kRecorded = {kAgent, kClass, 10, 10};

// Marks its recorded offers that repeat an offer the opponent made earlier within the window the
// original proposes back from (the last 1 - t + 0.01 of time): those it must make itself. (Its
// target stays above the best recent offer until t = d - 0.01, so it proposes back only in the
// last two rounds; no recorded session lasts that long on a nonlinear profile.)
void MarkRepeatedOffers(const GeniusTrace& trace, std::size_t party, testing::RecordedOffers& offers) {
  std::vector<std::pair<double, GeniusBid>> received;
  for (const auto& action : trace.actions) {
    if (action.agent != party) {
      if (action.action == ActionType::kOffer) received.emplace_back(action.time, action.bid);
      continue;
    }
    if (action.action != ActionType::kOffer) continue;
    const double oldest = action.time - ((1.0 - action.time) + 0.01);
    for (const auto& [time, bid] : received) {
      if (time > oldest && bid == action.bid) offers.deterministic.insert(action.step);
    }
  }
}

TEST(GeniusGangster, MatchesEveryTraceUpToItsFirstOwnBid) {
  testing::ExpectFirstDifferenceIsOwnOffer(kRecorded, "gangster");
}

// Offers proposed back from the opponent's are decided, not drawn: never replaced.
TEST(GeniusGangster, TakesEveryDecisionOfTheOriginal) {
  testing::ExpectEveryDecisionWithRecordedOffers(kRecorded, "gangster", "", MarkRepeatedOffers);
}

// The comparison sees a difference: AgentM's port in the same seat, with the same offers, accepts
// Boulware's first offer where Gangster waits for one worth 0.8.
TEST(GeniusGangster, AnotherAgentInItsSeatDoesNotMatch) {
  const fs::path folder = testing::GeniusTraceFolder();
  if (!fs::is_directory(folder)) GTEST_SKIP() << "no GENIUS traces";
  const GeniusTrace trace = testing::ReadGeniusTrace(folder / "CarA__Gangster__TimeDependentAgentBoulware.jsonl.gz");
  testing::RecordedOffers offers = testing::ReadRecordedOffers(trace, 0);
  EXPECT_FALSE(testing::ReplayWithRecordedOffers(trace, 0, "agentm", offers).match);
}

// Its bids on 10issues come from its genetic searches and are random; how good they are is not:
// answering GENIUS's recorded offers of the other party at each of its recorded turns, the port's
// offers must be worth to it what the original's were, window by window of 40 offers (averaged
// over seeds 1 to 5), within 0.06. AgentM's port in its seat against AgentM is 0.17 off.
TEST(GeniusGangster, OffersOnTenIssuesAreAsGoodAsTheOriginals) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  int sessions = 0;
  for (const auto& [file, party] : testing::SeatsOf(kRecorded)) {
    const GeniusTrace trace = testing::ReadGeniusTrace(file);
    if (trace.start.domain.find("10issues") == std::string::npos) continue;
    const Scenario scenario = testing::LoadTraceScenario(trace);
    const double gap = testing::LargestWindowGap(trace, scenario, party, "gangster", 5, 40);
    std::cout << file.filename().string() << ": largest gap " << gap << "\n";
    EXPECT_LE(gap, 0.06) << file.filename().string();
    if (party == 0 && trace.start.agents[1].find("AgentM") != std::string::npos) {
      EXPECT_GT(testing::LargestWindowGap(trace, scenario, party, "agentm", 1, 40), 0.12);
    }
    ++sessions;
  }
  EXPECT_EQ(sessions, 4);
}

// 30 seeded runs against `boulware` (GENIUS's TimeDependentAgentBoulware) on CarA, 200 rounds,
// against GENIUS's 30 runs of the same session. Seeds 1 to 30 agree as often as GENIUS and give
// Gangster as much, but end earlier on average (108.07 against GENIUS's interval [108.89, 109.98])
// and give Boulware more (0.9807 against [0.9769, 0.9800]): see the next test for why, and
// docs/strategies.md for the figures. The recorded runs are the outlier, not the port: GENIUS's
// own Gangster and TimeDependentAgentBoulware classes on CarA, run by GENIUS's SessionManager, end
// before round 105 in 59 of 450 sessions (mean round 107.54; 2 of 15 batches of 30 average inside
// [108.89, 109.98]); played turn by turn on GENIUS's DiscreteTimeline(200), in 38 of 300 (107.24;
// no batch inside); the port's seeds 1..300 in 44 of 300 (106.32); GENIUS's 30 recorded runs in
// none (1.5% at GENIUS's own rate).
// Run with --gtest_also_run_disabled_tests.
TEST(GeniusGangster, DISABLED_OutcomesOnCarAFallInsideGeniusRepeatedRuns) {
  testing::ExpectInsideRepeatedRuns(kAgent, "gangster", 30);
}

// Against Boulware on CarA the session ends before round 110 (where Boulware's offer first passes
// 0.8 for Gangster) exactly when Boulware accepts one of Gangster's uniformly random bids: in
// round r with the probability p_r that a random bid is worth at least Boulware's own bid of that
// round to Boulware. From the 15625 outcomes and Boulware's recorded bids, 1 - prod(1 - p_r) =
// 0.2231. The port's 300 seeded runs must agree with that within 3.5 standard deviations; GENIUS's
// 30 runs had 5 such sessions (0.167), all in rounds 105 to 109, where the exact distribution puts
// a third of them (none before round 105 has a chance of 0.851^30 = 0.8%).
TEST(GeniusGangster, EarlyAgreementsOnCarAHaveTheirExactProbability) {
  if (const std::string why = testing::RepeatedRunsUnavailable(); !why.empty()) GTEST_SKIP() << why;
  const fs::path folder = testing::GeniusTraceFolder();
  const GeniusTrace trace = testing::ReadGeniusTrace(folder / "CarA__Gangster__TimeDependentAgentBoulware.jsonl.gz");
  const Scenario scenario = testing::LoadTraceScenario(trace);
  const OutcomeSpace& space = scenario.space();
  std::vector<double> boulware_utilities;
  Outcome outcome(space.issue_count());
  for (std::uint64_t index = 0; index < 15625; ++index) {
    std::uint64_t rest = index;
    for (std::size_t i = 0; i < space.issue_count(); ++i) {
      outcome[i] = space.issue(i).ValueAt(rest % space.issue(i).cardinality());
      rest /= space.issue(i).cardinality();
    }
    boulware_utilities.push_back(scenario.profiles()[1].Utility(outcome));
  }
  double no_early = 1.0;
  for (const auto& action : trace.actions) {
    if (action.agent != 1 || action.action != ActionType::kOffer || action.round >= 110) continue;
    double reaching = 0.0;
    for (double u : boulware_utilities) reaching += u >= action.util[1] ? 1.0 : 0.0;
    no_early *= 1.0 - reaching / static_cast<double>(boulware_utilities.size());
  }
  const double p = 1.0 - no_early;
  EXPECT_NEAR(p, 0.2231, 5e-4);
  constexpr int kRuns = 300;
  int early = 0;
  for (int seed = 1; seed <= kRuns; ++seed) {
    NegotiationOptions options;
    options.rounds = trace.start.deadline_rounds;
    options.seed = static_cast<std::uint64_t>(seed);
    options.record_trace = false;
    const NegotiationResult result = RunNegotiation(scenario, {"gangster", "boulware"}, options);
    ASSERT_TRUE(result.agreement.has_value());
    if (result.rounds < 110) ++early;
  }
  const double sd = std::sqrt(kRuns * p * (1.0 - p));
  std::cout << "early agreements: " << early << " of " << kRuns << ", expected " << kRuns * p << " +- " << sd << "\n";
  EXPECT_NEAR(early, kRuns * p, 3.5 * sd);
}

}  // namespace
}  // namespace parley
