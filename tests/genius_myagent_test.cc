// Tests of `myagent` against what the source of GENIUS's agents.anac.y2016.myagent.MyAgent implies:
// GENIUS recorded no session of it (it runs inside CaduceusDC16), so the expectations are derived by
// hand from the source, on CarA against an opponent repeating a fixed bid (genius_scripted_sessions.h;
// skipped without the traces). GENIUS's class, driven through the same sessions (its init, the
// opponent's offers as receiveMessage, chooseAction each round of a 200-round DiscreteTimeline; it
// draws from unseeded generators, so each session was run three times), took the actions expected
// here in every run.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <string>
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
using testing::RunAgainstScript;
using testing::ScriptedCarA;

// Its threshold is 1 - t^(1/e). With one opponent that has accepted at most twice, e = 0.01 unless
// the opponent's mean offer times df^t beats (1 - t^100) x df x slant, df being its estimate of the
// discount factor, (u d^t / u)^(1/t) from the first offer u it weighs. An opponent repeating one bid
// has slant 0 (its recent shares equal its overall shares), so e is 0.5 while it has made fewer
// than 70 offers, then 0.3 undiscounted (df exactly 1) or 1.65 discounted.
struct Row {
  double reservation, discount;
  std::vector<std::string> bid;
  double utility;          // of the bid to party 0
  std::uint64_t accepted;  // the round it accepts in
};

// Against 0.9323: 1 - t^2 <= 0.9323 first at t = 53/201 (52/201: 0.93308). Against 0.51
// undiscounted: never with e = 0.5 before round 71 (it needs t >= 0.7), then 1 - t^(1/0.3) <= 0.51
// first at t = 163/201 (t >= 0.49^0.3 = 0.8074). Discounted by 0.5: in round 71 already, the first
// with 70 offers, where 1 - (71/201)^(1/1.65) = 0.4678.
TEST(GeniusMyAgent, ConcedesByTheOpponentsOfferCountAndTheDiscount) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  const std::vector<std::string> b = {"good", "meager", "standard", "standard", "standard", "standard"};
  const std::vector<std::string> h = {"none", "none", "none", "good", "good", "good"};
  for (const Row& row : {Row{0.0, 1.0, b, 0.9323, 53}, Row{0.0, 1.0, h, 0.51, 163}, Row{0.0, 0.5, h, 0.51, 71}}) {
    const Scenario scenario = ScriptedCarA(row.reservation, row.discount);
    OpponentScript() = {CarABid(row.bid)};
    const Outcome bid = testing::ToOutcome(scenario.space(), OpponentScript()[0]);
    ASSERT_NEAR(scenario.profile(0).Utility(bid), row.utility, 1e-12);
    for (std::uint64_t seed : {1, 2, 3}) {
      const NegotiationResult result = RunAgainstScript(scenario, "myagent", seed);
      ASSERT_FALSE(result.fault.has_value()) << result.fault->message;
      ASSERT_TRUE(result.agreement.has_value()) << row.utility << " seed " << seed;
      EXPECT_EQ(*result.agreement, bid);
      EXPECT_EQ(result.rounds, row.accepted) << row.utility << " d " << row.discount << " seed " << seed;
      EXPECT_EQ(OffersOfParty0(result).size(), row.accepted - 1);
    }
  }
}

// CarA as it is (r = 0.5, d = 0.75) against the bid of every issue "none", worth 0: its estimate of
// the discount factor is 0/0, NaN, so the comparison that would lower e fails and e stays 0.01. It
// never accepts (1 - t^100 > 0 before the deadline) and walks away once 1 - t^100 < 0.5: round 200
// (t^100 = 0.6075; in round 199 0.3679). Until round 188 (t^100 = 0.00156) only its best bid, all
// "good" (1.0; the next best bids are worth 0.9984), reaches the threshold.
TEST(GeniusMyAgent, HoldsOutAgainstAnOfferWorthNothing) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  const Scenario scenario = ScriptedCarA(0.5, 0.75);
  OpponentScript() = {CarABid({"none", "none", "none", "none", "none", "none"})};
  const Outcome all_good =
      testing::ToOutcome(scenario.space(), CarABid({"good", "good", "good", "good", "good", "good"}));
  for (std::uint64_t seed : {1, 2, 3}) {
    const NegotiationResult result = RunAgainstScript(scenario, "myagent", seed);
    ASSERT_FALSE(result.fault.has_value()) << result.fault->message;
    EXPECT_FALSE(result.agreement.has_value());
    EXPECT_EQ(result.end_reason, EndReason::kEndedByParty) << seed;
    EXPECT_EQ(result.rounds, 200u) << seed;
    ASSERT_GT(result.trace.size(), 0u);
    EXPECT_EQ(result.trace.step(result.trace.size() - 1).party, 0u) << seed;
    const std::vector<Outcome> offers = OffersOfParty0(result);
    ASSERT_EQ(offers.size(), 199u);
    for (std::size_t r = 0; r < 188; ++r) EXPECT_EQ(offers[r], all_good) << "seed " << seed << " round " << r + 1;
  }
}

}  // namespace
}  // namespace parley
