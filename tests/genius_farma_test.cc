// Tests of `farma` against what the source of GENIUS's agents.anac.y2016.farma.Farma implies: GENIUS
// recorded no session of it (it runs inside CaduceusDC16), so the expectations are derived by hand
// from the source, on ANAC 2012's CarA from ../shared/scenarios (party 0's profile as GENIUS's CarA
// session of YXAgent names it, its reservation value and discount factor replaced; skipped without
// the traces), against an opponent that repeats a fixed list of bids. GENIUS's class, driven
// through the same sessions (its init, the opponent's offers as receiveMessage, chooseAction each
// round of a 200-round DiscreteTimeline; it draws from unseeded generators, so each session was run
// four to six times), took the actions expected here in every run.
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <filesystem>
#include <vector>

#include "genius_scripted_sessions.h"
#include "genius_trace.h"
#include "parley/protocol.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

using testing::CarABid;
using testing::OffersOfParty0;
using testing::OpponentScript;
using testing::ScriptedCarA;

const testing::GeniusBid kAllGood = CarABid({"good", "good", "good", "good", "good", "good"});

NegotiationResult RunAgainstScript(const Scenario& scenario, std::uint64_t seed) {
  return testing::RunAgainstScript(scenario, "farma", seed);
}

// Discount 0.5, no reservation value, the opponent always offering B (worth 0.9323 to party 0).
// Its threshold is max(min(0.95, 1 - 0.5 ln(1 + t (e - 1))), max(0.30, Emax)), where Emax = m +
// (1 - m) sqrt(3 / (m - m^2)) sd from the mean m and deviation sd of the utilities received. The
// curve is below 0.9323 from round 17 on (t = 17/201: 0.93215), but sd, computed as
// sqrt(sum of squares / n - mean^2) in doubles, is not 0 for every n, nor is the mean, sum / n,
// exactly B's utility: Emax is at most B's utility only where that difference comes out at most 0
// and the mean at most B's utility, and it accepts B in the round after the first such n (after
// the 43rd offer: round 44). It offers its best bid (all "good") in its first three turns,
// and from round 4 a bid the neighbourhood of B yields: B with Extra speakers moved to "good", then
// CD player to "standard", the value the opponent offers most (value names count across issues, as
// Value.equals does), worth 0.9515.
TEST(GeniusFarma, AcceptsOnceTheOpponentsOffersShowNoSpread) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  const Scenario scenario = ScriptedCarA(0.0, 0.5);
  const testing::GeniusBid b = CarABid({"good", "meager", "standard", "standard", "standard", "standard"});
  ASSERT_NEAR(scenario.profile(0).Utility(testing::ToOutcome(scenario.space(), b)), 0.9323, 1e-12);
  // The first n from 17 at which the variance as the original computes it is not above 0 and the
  // mean not above B's utility (the sum's rounding lifts it above in some rounds).
  const double u = scenario.profile(0).Utility(testing::ToOutcome(scenario.space(), b));
  double sum = 0.0, squares = 0.0;
  int first_flat = 0;
  for (int n = 1; n <= 200 && first_flat == 0; ++n) {
    sum += u;
    squares += u * u;
    const double mean = sum / n;
    if (n >= 17 && squares / n - mean * mean <= 0.0 && mean <= u) first_flat = n;
  }
  ASSERT_EQ(first_flat, 43);
  OpponentScript() = {b};
  const Outcome all_good = testing::ToOutcome(scenario.space(), kAllGood);
  const Outcome neighbour = testing::ToOutcome(
      scenario.space(), CarABid({"standard", "good", "standard", "standard", "standard", "standard"}));
  for (std::uint64_t seed : {1, 2, 3}) {
    const NegotiationResult result = RunAgainstScript(scenario, seed);
    ASSERT_FALSE(result.fault.has_value()) << result.fault->message;
    ASSERT_TRUE(result.agreement.has_value()) << seed;
    EXPECT_EQ(*result.agreement, testing::ToOutcome(scenario.space(), b));
    EXPECT_EQ(result.rounds, 44u) << seed;
    const std::vector<Outcome> offers = OffersOfParty0(result);
    ASSERT_EQ(offers.size(), 43u) << seed;
    for (std::size_t r = 0; r < offers.size(); ++r) {
      EXPECT_EQ(offers[r], r < 3 ? all_good : neighbour) << "seed " << seed << " round " << r + 1;
    }
  }
}

// Discount 0.4, reservation value 0.85, the opponent always offering the bid of every issue "none"
// (worth 0). The discounted reservation value 0.85 * 0.4^t stays below the threshold (at least
// 1 - 0.6 ln(1 + t (e - 1)) up to t = 0.5), but once t > 0.5 with a reservation value above twice
// the discount factor it walks away when the opponents' greatest Emax (here 0) is below their least
// distance from its best bid, 1 - the utility of their first offer (here 1): in round 101
// (t = 101/201; round 100 has t < 0.5).
TEST(GeniusFarma, WalksAwayFromAnOpponentFarBelowItsReservationValue) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  const Scenario scenario = ScriptedCarA(0.85, 0.4);
  OpponentScript() = {CarABid({"none", "none", "none", "none", "none", "none"})};
  for (std::uint64_t seed : {1, 2}) {
    const NegotiationResult result = RunAgainstScript(scenario, seed);
    ASSERT_FALSE(result.fault.has_value()) << result.fault->message;
    EXPECT_EQ(result.end_reason, EndReason::kEndedByParty) << seed;
    EXPECT_EQ(result.rounds, 101u) << seed;
    ASSERT_GT(result.trace.size(), 0u);
    EXPECT_EQ(result.trace.step(result.trace.size() - 1).party, 0u) << seed;
    const std::vector<Outcome> offers = OffersOfParty0(result);
    ASSERT_EQ(offers.size(), 100u);
    for (std::size_t r = 0; r < 3; ++r) EXPECT_EQ(offers[r], testing::ToOutcome(scenario.space(), kAllGood));
  }
}

// Undiscounted, no reservation value, the opponent repeating three bids worth 0.9499, 0.9431 and
// 0.9323. Until round 71 its threshold, 1 - (1 - Emax) t^alpha (alpha about 3.4), is above every bid
// of the neighbourhood and of its searches, so it offers its best bid. GENIUS's class did so in six
// runs, and accepted 0.9499 in round 197 in each (its later offers differ between runs).
TEST(GeniusFarma, HoldsItsBestBidAndAcceptsLateWithoutDiscount) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  const Scenario scenario = ScriptedCarA(0.0, 1.0);
  OpponentScript() = {CarABid({"fairly good", "standard", "fairly good", "meager", "good", "standard"}),
                      CarABid({"standard", "fairly good", "standard", "good", "meager", "fairly good"}),
                      CarABid({"good", "meager", "standard", "standard", "standard", "standard"})};
  const Outcome all_good = testing::ToOutcome(scenario.space(), kAllGood);
  for (std::uint64_t seed : {1, 2, 3}) {
    const NegotiationResult result = RunAgainstScript(scenario, seed);
    ASSERT_FALSE(result.fault.has_value()) << result.fault->message;
    ASSERT_TRUE(result.agreement.has_value()) << seed;
    EXPECT_EQ(*result.agreement, testing::ToOutcome(scenario.space(), OpponentScript()[0]));
    EXPECT_EQ(result.rounds, 197u) << seed;
    const std::vector<Outcome> offers = OffersOfParty0(result);
    ASSERT_GE(offers.size(), 71u);
    for (std::size_t r = 0; r < 71; ++r) EXPECT_EQ(offers[r], all_good) << "seed " << seed << " round " << r + 1;
  }
}

}  // namespace
}  // namespace parley
