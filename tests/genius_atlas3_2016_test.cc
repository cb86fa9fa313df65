// Tests of `atlas3-2016` against what the source of GENIUS's agents.anac.y2016.atlas3.Atlas32016
// implies, beside `atlas3` (its 2015 version) in the same sessions: GENIUS recorded no session of
// it (it runs inside CaduceusDC16), so the expectations are derived by hand from the two sources,
// on ANAC 2012's CarA from ../shared/scenarios (the profiles as GENIUS's CarA session of YXAgent
// names them; skipped without the traces). GENIUS's two classes, driven through the same sessions
// (their init, the opponent's offers as receiveMessage, chooseAction each round of a 200-round
// DiscreteTimeline), did what is expected here: EndNegotiation in round 84 (2015) and 99 (2016)
// below; in round 199 of the second session the 0.9182 bid (2015) and a bid worth 0.9662 (2016).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "genius_scripted_sessions.h"
#include "genius_trace.h"
#include "parley/protocol.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

// CarA as it is (reservation value 0.5, discount 0.75) against Hardliner, whose one bid (every
// issue "none") is worth 0 to party 0. Then the end game has a11 = a21 = 0.5 * 0.75 = 0.375,
// a12 = 0.75, so q = 1 and the target is 0.375 / 0.75^t, and it walks away once 0.5 * 0.75^t
// reaches its threshold. With 2015's max(1 - t/0.75, target) that is first in round 84
// (t = 84/201: 0.44336 >= 0.44279; round 83: 0.44400 < 0.44942); with 2016's
// max(1 - t/0.75^t, target) in round 99 (multiplied by 0.75^t: t = 99/201 gives
// 0.5 * 0.75^(2t) = 0.37661 >= 0.75^t - t = 0.37535; round 98: 0.37769 < 0.38157). Both come before
// t = 0.5, from where the target would be the larger.
TEST(GeniusAtlas32016, WalksAwayByItsDiscountedThreshold) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  const Scenario scenario = testing::ScriptedCarA(0.5, 0.75);
  struct Row {
    const char* spec;
    std::uint64_t round;
  };
  for (const Row& row : {Row{"atlas3", 84}, Row{"atlas3-2016", 99}}) {
    NegotiationOptions options;
    options.rounds = 200;
    options.seed = 3;
    const NegotiationResult result = RunNegotiation(scenario, {row.spec, "hardliner"}, options);
    ASSERT_FALSE(result.fault.has_value()) << result.fault->message;
    EXPECT_EQ(result.end_reason, EndReason::kEndedByParty) << row.spec;
    EXPECT_EQ(result.rounds, row.round) << row.spec;
    ASSERT_GT(result.trace.size(), 0u);
    EXPECT_EQ(result.trace.step(result.trace.size() - 1).party, 0u) << row.spec;
  }
}

// Offers `kGood` at its first turn and the bid of every issue "none" afterwards.
class TwoBids final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override {
    space_ = context.space;
    turns_ = 0;
  }
  ActionType Act(const TurnState&, Outcome& proposal) override {
    proposal = testing::ToOutcome(*space_, ++turns_ == 1 ? Good() : None());
    return ActionType::kOffer;
  }
  static testing::GeniusBid Good() {
    return {{"CD player", "meager"}, {"Extra speakers", "standard"}, {"Airconditioning", "fairly good"},
            {"Tow hedge", "meager"}, {"Tow hedge2", "fairly good"},  {"Tow hedge3", "fairly good"}};
  }
  static testing::GeniusBid None() {
    return {{"CD player", "none"}, {"Extra speakers", "none"}, {"Airconditioning", "none"},
            {"Tow hedge", "none"}, {"Tow hedge2", "none"},     {"Tow hedge3", "none"}};
  }

 private:
  const OutcomeSpace* space_ = nullptr;
  int turns_ = 0;
};

// Undiscounted CarA without a reservation value against an opponent offering G (worth 0.9182 to
// party 0) once and then N (worth 0) every turn. The bids the opponent supported are G and N, the
// best offered is G: with C = 0.9182 the end game gives q = (1 - C)/(1 + C) = 0.04265 and a target
// of q C + (1 - q)(C + 1)/2 = 0.95735, and the threshold target + (1 - target)(1 - t) stays above
// 0.9573, so it never accepts. With two supported bids the final phase starts once
// t > 1 - 3/201, in round 199, where N is on the table and G beats it: the 2015 version offers G,
// the 2016 version drops that offer and offers a searched bid worth at least the threshold, so
// not G.
TEST(GeniusAtlas32016, OffersASearchedBidWhereThe2015VersionWalksTheSupportedBids) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  const Scenario scenario = testing::ScriptedCarA(0.0, 1.0);
  const Outcome good = testing::ToOutcome(scenario.space(), TwoBids::Good());
  ASSERT_NEAR(scenario.profile(0).Utility(good), 0.9182, 1e-12);
  const NegotiatorRegistry::ScopedEntry entry(
      {"test-two-bids", "G once, then N (tests only).", {}, [](const Spec&) { return std::make_unique<TwoBids>(); }});
  for (const std::string spec : {"atlas3", "atlas3-2016"}) {
    NegotiationOptions options;
    options.rounds = 200;
    options.seed = 5;
    const NegotiationResult result = RunNegotiation(scenario, {spec, "test-two-bids"}, options);
    ASSERT_FALSE(result.fault.has_value()) << result.fault->message;
    EXPECT_FALSE(result.agreement.has_value()) << spec;
    bool seen = false;
    for (std::size_t i = 0; i < result.trace.size(); ++i) {
      const Trace::Step& step = result.trace.step(i);
      if (step.party != 0 || std::abs(step.time - 199.0 / 201.0) > 1e-12) continue;
      seen = true;
      ASSERT_EQ(step.action, ActionType::kOffer) << spec;
      if (spec == "atlas3") {
        EXPECT_EQ(result.trace.offer(i), good);
      } else {
        EXPECT_NE(result.trace.offer(i), good);
        EXPECT_GE(result.trace.utility(i, 0), 0.9573);
      }
    }
    EXPECT_TRUE(seen) << spec;
  }
}

}  // namespace
}  // namespace parley
