// Differential tests of `gahboninho` against GENIUS's agents.anac.y2011.Gahboninho.Gahboninho, from
// the eight sessions GENIUS 9.1.10 recorded in ../shared/genius-traces (README.md there): CarA
// against Boulware and Hardliner in either seat, Travel and Grocery as party 0.
//
// Gahboninho's only random choice is which of several equally good bids it offers: its bids are
// keyed by utility, a bid whose utility is already a key gets a key nudged by an unseeded random
// amount, and the bids are enumerated in an order its unseeded insertions shuffle. So in GENIUS the
// utility of every offer is decided, the bid is not once two bids tie (GENIUS's own runs differ from
// step 11 on CarA). The tests therefore
//  - replay every trace with the port as recorded and require the first difference, if any, to be
//    an offer of its own that is worth exactly what the recorded one is worth (a tie);
//  - replay every trace with each of the port's offers replaced by the recorded one when the two
//    are equally good (and only then), and require the whole session to match GENIUS to the end:
//    every acceptance, every offer's worth, the agreement;
//  - compare the outcomes of seeded runs on CarA with GENIUS's 30 repeated runs.
// Each is contrasted with something that must fail.
#include <gtest/gtest.h>

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

constexpr const char* kAgent = "Gahboninho";
constexpr const char* kClass = "agents.anac.y2011.Gahboninho.Gahboninho";

const testing::RecordedAgent kRecorded = {kAgent, kClass, 8, 8, true};

// Its offers replaced only by recorded ones exactly as good (1e-12), each shown to it.
void ReplaceTies(const GeniusTrace&, std::size_t, testing::RecordedOffers& offers) {
  offers.tolerance = 1e-12;
  offers.shown_to_port = true;
}

// The first difference is an offer of its own as good as the recorded one: the first tie the
// replay below has to break as recorded.
TEST(GeniusGahboninho, MatchesEveryTraceUpToItsFirstTie) {
  testing::ExpectFirstDifferenceIsFirstReplacement(kRecorded, "gahboninho", ReplaceTies);
}

TEST(GeniusGahboninho, TakesEveryDecisionOfTheOriginal) {
  testing::ExpectEveryDecisionWithRecordedOffers(kRecorded, "gahboninho", "", ReplaceTies);
}

// Another GENIUS-style agent in the seat, even with the same help, must not match.
TEST(GeniusGahboninho, AnotherAgentInTheSeatDoesNotMatch) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  const std::vector<testing::GeniusSeat> seats = testing::SeatsOf(kRecorded);
  ASSERT_FALSE(seats.empty());
  const GeniusTrace trace = testing::ReadGeniusTrace(seats.front().file);
  testing::RecordedOffers ties = testing::ReadRecordedOffers(trace, seats.front().party);
  ReplaceTies(trace, seats.front().party, ties);
  EXPECT_FALSE(
      testing::MatchesTrace(trace, testing::ReplayWithRecordedOffers(trace, seats.front().party, "boulware", ties)));
  EXPECT_FALSE(testing::MatchesTrace(trace, testing::ReplayAgainstTrace(trace, seats.front().party, "agentlg")));
}

// 30 seeded runs against `boulware` (GENIUS's TimeDependentAgentBoulware) on CarA, 200 rounds:
// GENIUS's 30 runs all end alike (agreement in round 142), so the port's must too.
TEST(GeniusGahboninho, OutcomesOnCarAFallInsideGeniusRepeatedRuns) {
  testing::ExpectInsideRepeatedRuns(kAgent, "gahboninho", 30);
}

}  // namespace
}  // namespace parley
