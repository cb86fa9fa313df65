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

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "genius_equivalent_offers.h"
#include "genius_repeated_runs.h"
#include "genius_trace.h"
#include "parley/negotiator.h"
#include "parley/protocol.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using testing::GeniusTrace;

constexpr const char* kAgent = "Gahboninho";
constexpr const char* kClass = "agents.anac.y2011.Gahboninho.Gahboninho";

std::vector<testing::GeniusSeat> Seats() { return testing::SeatsOf(kAgent, kClass); }

TEST(GeniusGahboninho, MatchesEveryTraceUpToItsFirstTie) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  const std::vector<testing::GeniusSeat> seats = Seats();
  EXPECT_EQ(seats.size(), 8u);
  for (const testing::GeniusSeat& seat : seats) {
    const GeniusTrace trace = testing::ReadGeniusTrace(seat.file);
    const testing::TraceComparison comparison = testing::ReplayAgainstTrace(trace, seat.party, "gahboninho");
    std::cout << comparison.Describe(trace) << "\n";
    if (comparison.match) continue;
    // The first difference is an offer of its own as good as the recorded one: the first tie the
    // replay below has to break as recorded.
    testing::EquivalentOffers ties;
    testing::ReplayWithEquivalentOffers(trace, seat.party, "gahboninho", ties);
    EXPECT_EQ(comparison.step, ties.first_replaced) << comparison.Describe(trace);
  }
}

TEST(GeniusGahboninho, TakesEveryDecisionOfTheOriginal) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  for (const testing::GeniusSeat& seat : Seats()) {
    SCOPED_TRACE(seat.file.filename().string());
    const GeniusTrace trace = testing::ReadGeniusTrace(seat.file);
    testing::EquivalentOffers ties;
    const testing::TraceComparison comparison =
        testing::ReplayWithEquivalentOffers(trace, seat.party, "gahboninho", ties);
    EXPECT_TRUE(testing::MatchesTrace(trace, comparison));
    EXPECT_EQ(ties.unequal, 0);
  }
}

// Another GENIUS-style agent in the seat, even with the same help, must not match.
TEST(GeniusGahboninho, AnotherAgentInTheSeatDoesNotMatch) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  const std::vector<testing::GeniusSeat> seats = Seats();
  ASSERT_FALSE(seats.empty());
  const GeniusTrace trace = testing::ReadGeniusTrace(seats.front().file);
  testing::EquivalentOffers ties;
  EXPECT_FALSE(
      testing::MatchesTrace(trace, testing::ReplayWithEquivalentOffers(trace, seats.front().party, "boulware", ties)));
  EXPECT_FALSE(testing::MatchesTrace(trace, testing::ReplayAgainstTrace(trace, seats.front().party, "agentlg")));
}

// 30 seeded runs against `boulware` (GENIUS's TimeDependentAgentBoulware) on CarA, 200 rounds:
// GENIUS's 30 runs all end alike (agreement in round 142), so the port's must too.
TEST(GeniusGahboninho, OutcomesOnCarAFallInsideGeniusRepeatedRuns) {
  const fs::path folder = testing::GeniusTraceFolder();
  if (!fs::is_directory(folder)) GTEST_SKIP() << "no GENIUS traces";
  if (const std::string why = testing::BoulwareIsNotGenius(folder); !why.empty()) GTEST_SKIP() << why;
  testing::ExpectInsideRepeatedRuns(folder, kAgent, "gahboninho", 30);
}

}  // namespace
}  // namespace parley
