// Differential tests of `iamhaggler2011` against GENIUS's
// agents.anac.y2011.IAMhaggler2011.IAMhaggler2011, from the eight sessions GENIUS 9.1.10 recorded
// in ../shared/genius-traces (README.md there): CarA against Boulware and Hardliner in either seat,
// Travel and Grocery as party 0.
//
// Every offer after its first is a random bid (an unseeded generator in GENIUS) drawn until one
// lies within 0.025 of its target, so GENIUS's own runs differ from its second offer on (step 3 on
// CarA). Its target, though, depends only on the opponent's offers and the clock (the Gaussian-
// process mixture, gaussian_process_mixture_test.cc), and its acceptance on the target, its last
// offer and the offer received. So the tests
//  - replay every trace as recorded and require the first difference to be its first random offer;
//  - replay every trace with each of its random offers replaced by the recorded one (the port told
//    of the bid actually made), and require every other action to match GENIUS's to the end:
//    every acceptance at the step GENIUS accepted, its first offer and its offers of the best bid
//    received (which are not random) made by the port itself, the agreement;
//  - compare the outcomes of seeded runs on CarA with GENIUS's 30 repeated runs.
// Each is contrasted with something that must fail.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "genius_port_checks.h"
#include "genius_repeated_runs.h"
#include "genius_trace.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using testing::GeniusTrace;

constexpr const char* kAgent = "IAMhaggler2011";
constexpr const char* kClass = "agents.anac.y2011.IAMhaggler2011.IAMhaggler2011";

const testing::RecordedAgent kRecorded = {kAgent, kClass, 8, 8, true};

// Its recorded offers, every one replaceable and each replacement shown to the port, the ones that
// are not random marked: its first (its best bid) and those of the best offer it had received,
// which it makes once its target falls to that offer. (As party 1 it answers the opponent's first
// offer with its best bid without looking at it, so that offer does not count.)
void MarkNonRandomOffers(const GeniusTrace& trace, std::size_t party, testing::RecordedOffers& offers) {
  offers.shown_to_port = true;
  // Two bids drawn within 0.025 of one target, one of the bands widened once (by 0.01, after 500
  // draws outside it).
  offers.band = 2 * 0.025 + 0.01;
  const Scenario scenario = testing::LoadTraceScenario(trace);
  const Profile& profile = scenario.profile(party);
  double best = 0;
  Outcome best_bid;
  bool own_first = true, skip_first_received = party != 0;
  for (const auto& action : trace.actions) {
    if (action.action != ActionType::kOffer) continue;
    const Outcome bid = testing::ToOutcome(scenario.space(), action.bid);
    if (action.agent != party) {
      if (skip_first_received) {
        skip_first_received = false;
      } else if (profile.Utility(bid) > best) {
        best = profile.Utility(bid);
        best_bid = bid;
      }
      continue;
    }
    if (own_first || (best > 0 && bid == best_bid)) offers.deterministic.insert(action.step);
    own_first = false;
  }
}

// The first difference is the first of its offers that the replay below must replace, a random
// one.
TEST(GeniusIAMhaggler2011, MatchesEveryTraceUpToItsFirstRandomOffer) {
  testing::ExpectFirstDifferenceIsFirstReplacement(kRecorded, "iamhaggler2011", MarkNonRandomOffers);
}

TEST(GeniusIAMhaggler2011, TakesEveryDecisionOfTheOriginal) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  for (const auto& seat : testing::SeatsOf(kRecorded)) {
    SCOPED_TRACE(seat.file.filename().string());
    const GeniusTrace trace = testing::ReadGeniusTrace(seat.file);
    const testing::RecordedOffers offers =
        testing::ExpectTakesEveryDecision(trace, seat.party, "iamhaggler2011", MarkNonRandomOffers);
    // On CarA (15,625 bids, utilities dense enough that the band is rarely widened) each of its own
    // random offers lies within the band's width of GENIUS's: the two targets agree. (On Travel
    // and Grocery the band often has to be widened, by a number of steps that is itself random.)
    if (seat.file.filename().string().rfind("CarA", 0) == 0) {
      EXPECT_EQ(offers.beyond_band, 0);
    }
  }
}

// The same help does not make other negotiators in the seat match, and their offers stray from
// GENIUS's band: not GENIUS's Boulware, and not Parley's linear time-based negotiator.
TEST(GeniusIAMhaggler2011, AnotherAgentInTheSeatDoesNotMatch) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  const auto seats = testing::SeatsOf(kRecorded);
  ASSERT_FALSE(seats.empty());
  const GeniusTrace trace = testing::ReadGeniusTrace(seats.front().file);
  for (const std::string other : {"boulware", "time(e=1)"}) {
    testing::RecordedOffers offers = testing::ReadRecordedOffers(trace, seats.front().party);
    MarkNonRandomOffers(trace, seats.front().party, offers);
    EXPECT_FALSE(
        testing::MatchesTrace(trace, testing::ReplayWithRecordedOffers(trace, seats.front().party, other, offers)))
        << other;
    EXPECT_GT(offers.beyond_band, 0) << other;
  }
}

// 30 seeded runs against `boulware` (GENIUS's TimeDependentAgentBoulware) on CarA, 200 rounds:
// GENIUS's 30 runs all end alike (it accepts 0.8264 in round 110), so the port's must too.
TEST(GeniusIAMhaggler2011, OutcomesOnCarAFallInsideGeniusRepeatedRuns) {
  testing::ExpectInsideRepeatedRuns(kAgent, "iamhaggler2011", 30);
}

}  // namespace
}  // namespace parley
