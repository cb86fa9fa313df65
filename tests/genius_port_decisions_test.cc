// Decisions of the GENIUS ports cuhkagent and atlas3 worked out by hand from their originals'
// rules, on ANAC 2012 CarA (discount 0.75, reservation value 0.5) with GENIUS's clock: a deadline
// of 200 rounds shows round r as time r/201. The negotiators are driven turn by turn here, the
// opponent's offers written into the test.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "parley/negotiator.h"
#include "parley/scenario_format.h"
#include "test_support.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t kRounds = 200;

struct Driven {
  Scenario scenario;
  std::unique_ptr<Negotiator> negotiator;
  Outcome proposal;
};

// `spec` begun as party 0 of CarA (the shared corpus must be there).
Driven Begin(const std::string& spec) {
  const fs::path folder = testing::SharedScenarios() / "anac" / "y2012" / "CarA";
  Scenario scenario = LoadScenario(folder.string()).WithParties({"Car-A-prof1", "Car-A-prof2"});
  Driven driven{std::move(scenario), NegotiatorRegistry::Create(spec), Outcome()};
  NegotiatorContext context;
  context.space = &driven.scenario.space();
  context.profile = &driven.scenario.profile(0);
  context.party_count = 2;
  context.max_rounds = kRounds;
  context.seed = 42;
  driven.negotiator->Begin(context);
  driven.proposal = Outcome(driven.scenario.space().issue_count());
  return driven;
}

Outcome Bid(const OutcomeSpace& space, const std::vector<std::string>& values) {
  Outcome bid(space.issue_count());
  for (std::size_t i = 0; i < values.size(); ++i) bid[i] = *space.issue(i).Parse(values[i]);
  return bid;
}

// Its turn in 1-based round r, with `offer` (the opponent's, made in round r - 1) on the table.
ActionType Turn(Driven& driven, std::uint64_t r, const Outcome* offer) {
  TurnState state;
  state.step = 2 * (r - 1);
  state.round = r - 1;
  state.time = static_cast<double>(r) / (kRounds + 1);
  state.current_offer = offer;
  state.offerer = 1;
  state.current_offer_utility = offer ? driven.scenario.profile(0).Utility(*offer) : 0.0;
  return driven.negotiator->Act(state, driven.proposal);
}

void Observe(Driven& driven, std::uint64_t r, const Outcome& offer) {
  ObservedAction action;
  action.party = 1;
  action.type = ActionType::kOffer;
  action.offer = &offer;
  action.offer_utility = driven.scenario.profile(0).Utility(offer);
  action.step = 2 * (r - 1) + 1;
  action.round = r - 1;
  action.time = static_cast<double>(r) / (kRounds + 1);
  driven.negotiator->Observe(action);
}

TEST(GeniusPortDecisions, CuhkAgentOpensWithItsBestBidThenBidsInTheTopBand) {
  if (!fs::is_directory(testing::SharedScenarios())) GTEST_SKIP() << "no shared corpus";
  Driven cuhk = Begin("cuhkagent");
  const OutcomeSpace& space = cuhk.scenario.space();
  // Its best bid: every issue "good" (utility 1, the only bid worth that much).
  ASSERT_EQ(Turn(cuhk, 1, nullptr), ActionType::kOffer);
  EXPECT_EQ(cuhk.proposal, Bid(space, {"good", "good", "good", "good", "good", "good"}));
  const Outcome none = Bid(space, {"none", "none", "none", "none", "none", "none"});
  Observe(cuhk, 1, none);
  // Round 2, t = 2/201: concession time λ = 0.08 + 0.92 * 0.75^1.5 = 0.6776 (one distinct opponent
  // bid adds 0.1 (1 - λ) (1/10)^20); threshold 1 - (1 - 0.75 / 0.75^λ) (t/λ)^2 = 0.99998, so it
  // offers from the top band [0.99, 1] and refuses an offer worth 0.
  ASSERT_EQ(Turn(cuhk, 2, &none), ActionType::kOffer);
  EXPECT_GE(cuhk.scenario.profile(0).Utility(cuhk.proposal), 0.99);
}

TEST(GeniusPortDecisions, Atlas3AcceptsOnceItsThresholdFallsBelowTheOffer) {
  if (!fs::is_directory(testing::SharedScenarios())) GTEST_SKIP() << "no shared corpus";
  Driven atlas = Begin("atlas3");
  const OutcomeSpace& space = atlas.scenario.space();
  // The bid Atlas3 accepts in every GENIUS session against Boulware: worth 0.4641 to it.
  const Outcome offer = Bid(space, {"none", "none", "meager", "none", "standard", "standard"});
  ASSERT_NEAR(atlas.scenario.profile(0).Utility(offer), 0.4641, 1e-12);
  // Offers worth less than r = 0.5 leave its end game at A11 = A21 = r d = 0.375, A12 = d = 0.75,
  // so the opponent holds out (q = 1), the game is worth 0.375 and the threshold is
  // max(1 - t/0.75, 0.375 / 0.75^t): 0.46932 in round 80, 0.46269 in round 81. It walks away only
  // once r 0.75^t = 0.446 (round 80) reaches that, which it does not.
  ASSERT_EQ(Turn(atlas, 1, nullptr), ActionType::kOffer);
  for (std::uint64_t r = 2; r <= 81; ++r) {
    Observe(atlas, r - 1, offer);
    const ActionType action = Turn(atlas, r, &offer);
    if (r <= 80) {
      ASSERT_EQ(action, ActionType::kOffer) << "round " << r;
      EXPECT_GE(atlas.scenario.profile(0).Utility(atlas.proposal), 1.0 - (r / 201.0) / 0.75 - 1e-12) << "round " << r;
    } else {
      EXPECT_EQ(action, ActionType::kAccept) << "round " << r;
    }
  }
}

}  // namespace
}  // namespace parley
