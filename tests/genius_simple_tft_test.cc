// `genius-simple-tft` against GENIUS 9.1.10's agents.SimpleTFTAgent, from its source: GENIUS has no
// recorded session of it (it plays only a pie domain), so the expected offers are computed here by
// hand from the class's rules, on a pie of one real issue [0, 1] against scripted opponents. The
// values are written as the original's arithmetic (1 - 0.9 is not 0.1 in doubles).
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "fixtures.h"
#include "parley/negotiator.h"
#include "parley/protocol.h"
#include "parley/scenario.h"
#include "parley/utility.h"

namespace parley {
namespace {

using testing::Rounds;
using testing::ScriptedNegotiator;

NegotiationResult RunSaop(const Scenario& scenario, const std::vector<Negotiator*>& parties,
                          const NegotiationOptions& options) {
  return ProtocolRegistry::Create("saop")->Run(scenario, parties, options);
}

// A pie: party 0 values its share x, the others 1 - x; no reservation value, no discount.
Scenario Pie(std::size_t parties) {
  auto space = std::make_shared<const OutcomeSpace>("pie", std::vector<Issue>{Issue::Real("share", 0.0, 1.0)});
  std::vector<Profile> profiles;
  for (std::size_t p = 0; p < parties; ++p) {
    std::vector<ValueFunction> functions = {p == 0 ? ValueFunction::Linear(1.0, 0.0, 0.0, true)
                                                   : ValueFunction::Linear(-1.0, 1.0, 0.0, true)};
    profiles.emplace_back(
        "party" + std::to_string(p),
        std::make_shared<const LinearAdditiveUtility>(space, std::vector<double>{1.0}, std::move(functions)), 0.0, 1.0);
  }
  return Scenario("pie", space, std::move(profiles));
}

std::vector<ScriptedNegotiator::Move> Offers(const std::vector<double>& values) {
  std::vector<ScriptedNegotiator::Move> moves;
  for (double value : values) moves.push_back(ScriptedNegotiator::Offer({value}));
  return moves;
}

// The values `watcher` saw party `party` offer, in order.
std::vector<double> OffersOf(const ScriptedNegotiator& watcher, std::size_t party) {
  std::vector<double> values;
  for (const auto& seen : watcher.seen()) {
    if (seen.party == party && seen.type == ActionType::kOffer && seen.offer) values.push_back((*seen.offer)[0]);
  }
  return values;
}

// Party 0 against an opponent that offers o1..o9 after each of its offers: four fixed offers, then
// v_k = (o_{k-1} - o_k) + v_{k-1}. An opponent's 1.0 (everything to it) is not accepted; -0.1 is
// offered as 0 but the next value is computed from -0.1, as the original keeps it.
TEST(GeniusSimpleTft, FirstMoverReturnsTheOpponentsLastMove) {
  const Scenario scenario = Pie(2);
  auto port = NegotiatorRegistry::Create("genius-simple-tft");
  ScriptedNegotiator opponent(Offers({0.8, 0.7, 0.75, 0.6, 0.5, 0.55, 0.0, 1.0, 0.2}),
                              ScriptedNegotiator::Offer({0.2}));
  const NegotiationResult result = RunSaop(scenario, {port.get(), &opponent}, Rounds(10, 1));
  EXPECT_EQ(result.end_reason, EndReason::kDeadline);
  EXPECT_FALSE(result.agreement.has_value());
  const double v4 = (0.75 - 0.6) + (1 - 0.85);
  const double v5 = (0.6 - 0.5) + v4;
  const double v6 = (0.5 - 0.55) + v5;
  const double v7 = (0.55 - 0.0) + v6;
  const double v8 = (0.0 - 1.0) + v7;  // about -0.1, offered as 0
  const double v9 = (1.0 - 0.2) + v8;
  ASSERT_LT(v8, 0.0);
  const std::vector<double> expected = {1 - 0.9, 1 - 0.9, 1 - 0.8, 1 - 0.85, v4, v5, v6, v7, 0.0, v9};
  EXPECT_EQ(OffersOf(opponent, 0), expected);
}

// As the second mover its first turn already sees an offer, which its first counter-offer compares with.
TEST(GeniusSimpleTft, SecondMoverCountsTheOfferBeforeItsFirstTurn) {
  const Scenario scenario = Pie(2);
  auto port = NegotiatorRegistry::Create("genius-simple-tft");
  ScriptedNegotiator opponent(Offers({0.3, 0.4, 0.2, 0.25, 0.1}), ScriptedNegotiator::Offer({0.1}));
  const NegotiationResult result = RunSaop(scenario, {&opponent, port.get()}, Rounds(5, 1));
  EXPECT_EQ(result.end_reason, EndReason::kDeadline);
  const std::vector<double> expected = {1 - 0.9, 1 - 0.9, 1 - 0.8, 1 - 0.85, (0.25 - 0.1) + (1 - 0.85)};
  EXPECT_EQ(OffersOf(opponent, 1), expected);
}

// Where the original returns no action (an accept was the last message, past its fixed offers) or
// cannot make a bid (no real first issue), the port walks away.
TEST(GeniusSimpleTft, WalksAwayWhereTheOriginalHasNoAction) {
  const Scenario pie = Pie(3);
  auto port = NegotiatorRegistry::Create("genius-simple-tft");
  ScriptedNegotiator offering({}, ScriptedNegotiator::Offer({0.5}));
  ScriptedNegotiator accepting(Offers({0.5, 0.5, 0.5}), ScriptedNegotiator::Accept());
  const NegotiationResult three = RunSaop(pie, {port.get(), &offering, &accepting}, Rounds(10, 1));
  EXPECT_EQ(three.end_reason, EndReason::kEndedByParty);
  EXPECT_EQ(three.steps, 13u);  // its fifth turn, step 12, follows the first accept

  const Scenario discrete = testing::SmallScenario(2);
  auto again = NegotiatorRegistry::Create("genius-simple-tft");
  ScriptedNegotiator other({}, ScriptedNegotiator::Offer({0.0, 0.0, 0.5}));
  const NegotiationResult walked = RunSaop(discrete, {again.get(), &other}, Rounds(10, 1));
  EXPECT_EQ(walked.end_reason, EndReason::kEndedByParty);
  EXPECT_EQ(walked.steps, 1u);
}

}  // namespace
}  // namespace parley
