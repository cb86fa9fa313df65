// `negmas-naive-tft` and `negmas-nice-tft` against NegMAS's NaiveTitForTatNegotiator and
// NiceTitForTatNegotiator, from their source: NegMAS cannot run
// here, so the expected moves are worked out by hand from TFTOfferingPolicy, TFTAcceptancePolicy,
// KindConcessionRecommender, ZeroSumModel and the presorting inverter, on one discrete issue whose
// value k is worth u_k to the port, against scripted opponents. NegMAS's step is Parley's round.
// Where a decision turns on rounding, the expectation names NegMAS's arithmetic that decides it.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "fixtures.h"
#include "parley/error.h"
#include "parley/negotiator.h"
#include "parley/protocol.h"
#include "parley/scenario.h"
#include "parley/utility.h"

namespace parley {
namespace {

using testing::Rounds;
using testing::ScriptedNegotiator;

// One discrete issue of utilities.size() values; the port (party `port_party`) values value k at
// utilities[k], the other party at 1 - utilities[k]. No discount.
Scenario OneIssue(const std::vector<double>& utilities, double reservation, std::size_t port_party) {
  std::vector<std::string> names;
  std::vector<double> mirrored;
  for (std::size_t k = 0; k < utilities.size(); ++k) {
    names.push_back("v" + std::to_string(k));
    mirrored.push_back(1.0 - utilities[k]);
  }
  auto space = std::make_shared<const OutcomeSpace>("line", std::vector<Issue>{Issue::Discrete("value", names)});
  auto profile = [&](const std::vector<double>& table, double rv, const std::string& name) {
    return Profile(name,
                   std::make_shared<const LinearAdditiveUtility>(
                       space, std::vector<double>{1.0}, std::vector<ValueFunction>{ValueFunction::Table(table)}),
                   rv, 1.0);
  };
  std::vector<Profile> profiles;
  for (std::size_t p = 0; p < 2; ++p) {
    profiles.push_back(p == port_party ? profile(utilities, reservation, "port") : profile(mirrored, 0.0, "other"));
  }
  return Scenario("line", space, std::move(profiles));
}

// NegMAS's ToughNegotiator, or any opponent that repeats one offer and never accepts.
ScriptedNegotiator Repeating(double value) { return ScriptedNegotiator({}, ScriptedNegotiator::Offer({value})); }

// The values `watcher` saw party `party` offer, in order.
std::vector<double> OffersOf(const ScriptedNegotiator& watcher, std::size_t party) {
  std::vector<double> values;
  for (const auto& seen : watcher.seen()) {
    if (seen.party == party && seen.type == ActionType::kOffer && seen.offer) values.push_back((*seen.offer)[0]);
  }
  return values;
}

NegotiationResult RunSaop(const Scenario& scenario, const std::vector<Negotiator*>& parties, std::uint64_t rounds) {
  return ProtocolRegistry::Create("saop")->Run(scenario, parties, Rounds(rounds, 1));
}

// NegMAS's test_tft_propose, first part: utilities 22 - linspace(0, 22, 10) (here divided by 22)
// against ToughNegotiator, which offers value 9 (worth 0 to the port) and never accepts. NegMAS
// asserts the first two offers, values 0 and 1. After them: at step 1 the acceptance check takes the
// gap between ranks 9 and 8 (1/9) and the offer the gap between ranks 7 and 6 (1/9 again: value 1,
// 8/9 >= 1 - 1/9 - 1e-12); at step 2 the gaps of ranks 5/4 and 3/2 (value 1 again); from step 3 the
// partner's concession, 0, so its best again.
TEST(NegmasNaiveTft, ProposesItsBestThenTheSecondAgainstAToughOpponent) {
  const Scenario scenario =
      OneIssue({1.0, 8 / 9.0, 7 / 9.0, 6 / 9.0, 5 / 9.0, 4 / 9.0, 3 / 9.0, 2 / 9.0, 1 / 9.0, 0.0}, 0.0, 0);
  auto port = NegotiatorRegistry::Create("negmas-naive-tft");
  ScriptedNegotiator tough = Repeating(9);
  const NegotiationResult result = RunSaop(scenario, {port.get(), &tough}, 8);
  EXPECT_EQ(result.end_reason, EndReason::kDeadline);
  EXPECT_EQ(OffersOf(tough, 0), (std::vector<double>{0, 1, 1, 0, 0, 0, 0, 0}));
}

// test_tft_propose, second part: utilities [50, 50, 50] + (22 - linspace(10, 22, 7)), here divided
// by 50. NegMAS asserts a first offer among values 0..2 and a second among 0..3. Its first is the
// first of the three best in rank order (value 0); at step 1 the acceptance check's gap (ranks 9
// and 8) is 0 and the offer's (ranks 7 and 6) is 1 - 0.24: the worst outcome at or above 0.24,
// value 3; at step 2 the gaps 0.2 - 0.16 and 0.12 - 0.08 leave a target of 0.96, value 0.
TEST(NegmasNaiveTft, ConcedesToTheFirstOutcomeBelowATiedTop) {
  const Scenario scenario = OneIssue({1.0, 1.0, 1.0, 0.24, 0.2, 0.16, 0.12, 0.08, 0.04, 0.0}, 0.0, 0);
  auto port = NegotiatorRegistry::Create("negmas-naive-tft");
  ScriptedNegotiator tough = Repeating(9);
  RunSaop(scenario, {port.get(), &tough}, 5);
  EXPECT_EQ(OffersOf(tough, 0), (std::vector<double>{0, 3, 0, 0, 0}));
}

// Every call of the recommender at steps 1 and 2 moves next_worse's cursor two ranks down, and a
// turn that rejects calls it twice: step 1 accepts by the gap of ranks 4/3 (0.2) and offers by that
// of ranks 2/1 (0.4: value 3, the worst at or above 0.6); step 2 reaches the bottom (rank 0, then
// nothing, which the utility function values at the reservation value 0), so the gaps are 1e-12
// and it offers its best.
TEST(NegmasNaiveTft, ItsForcedConcessionsWalkItsRankingTwoRanksACall) {
  const Scenario scenario = OneIssue({0.0, 0.1, 0.5, 0.8, 1.0}, 0.0, 0);
  auto port = NegotiatorRegistry::Create("negmas-naive-tft");
  ScriptedNegotiator stubborn = Repeating(0);
  RunSaop(scenario, {port.get(), &stubborn}, 5);
  EXPECT_EQ(OffersOf(stubborn, 0), (std::vector<double>{4, 3, 4, 4, 4}));
}

// As second mover, with a reservation value of 0.4: c = (u - 0.4) * (1 / 0.6).
//  step 0: no concession: rejects value 3 (c < 0), offers its best, value 10;
//  step 1: value 9 (c = 0.83) is rejected, the acceptance check conceding only the gap of ranks 10/9
//          (about 0.1) whatever the partner offered; the offer concedes the gap of ranks 8/7: value 9;
//  step 2: value 2 (c < 0) rejected; gaps of ranks 6/5 and 4/3: value 9;
//  step 3: value 7: c = 0.3 * 1.666... = 0.4999999999999999, and 1 - (1 - c) the same, so the
//          threshold 1 - c = 0.5000000000000001 is missed; the offer's target is that threshold, and
//          the inverter takes value 5 (0.5, 1.1e-16 below it) over value 6;
//  step 4: value 8: c = 0.67 >= 0.33, accepted.
TEST(NegmasNaiveTft, ReturnsThePartnersConcessionAndAcceptsFromHalfItsRange) {
  std::vector<double> utilities;
  for (int k = 0; k <= 10; ++k) utilities.push_back(k / 10.0);
  const Scenario scenario = OneIssue(utilities, 0.4, 1);
  auto port = NegotiatorRegistry::Create("negmas-naive-tft");
  ScriptedNegotiator opponent(
      {ScriptedNegotiator::Offer({3}), ScriptedNegotiator::Offer({9}), ScriptedNegotiator::Offer({2}),
       ScriptedNegotiator::Offer({7}), ScriptedNegotiator::Offer({8})},
      ScriptedNegotiator::Offer({0}));
  const NegotiationResult result = RunSaop(scenario, {&opponent, port.get()}, 10);
  EXPECT_EQ(OffersOf(opponent, 1), (std::vector<double>{10, 9, 9, 5}));
  ASSERT_EQ(result.end_reason, EndReason::kAgreement);
  EXPECT_EQ((*result.agreement)[0], 8);
  EXPECT_EQ(result.rounds, 5u);
  // The threshold at step 3, as NegMAS computes it.
  const double c = (0.7 - 0.4) * (1 / (1.0 - 0.4));
  EXPECT_LT(c, 1.0 - (1.0 - (c * -1.0 + 1.0)));
}

// A reservation value equal to its best utility leaves a normalisation range below 1e-5, which
// NegMAS normalises to 1: every offer then looks like its best. The naive negotiator accepts it
// (1 >= 1 - 0); the nice one's ACnext compares it with its own next offer, also 1. Both accept the
// first offer, worth 0.
TEST(NegmasTft, AReservationValueAtItsBestMakesEveryOfferLookBest) {
  const Scenario scenario = OneIssue({0.0, 0.25, 0.5, 0.75, 1.0}, 1.0, 1);
  for (const char* name : {"negmas-naive-tft", "negmas-nice-tft"}) {
    SCOPED_TRACE(name);
    auto port = NegotiatorRegistry::Create(name);
    ScriptedNegotiator opponent = Repeating(0);
    const NegotiationResult result = RunSaop(scenario, {&opponent, port.get()}, 10);
    ASSERT_EQ(result.end_reason, EndReason::kAgreement);
    EXPECT_EQ((*result.agreement)[0], 0);
    EXPECT_EQ(result.steps, 2u);
  }
}

// Without the forced concessions its concession at steps 1 and 2 is the partner's plus
// initial_concession: against value 9 (worth 0) with initial_concession 0.3, a target of 0.7
// (value 2, 7/9) at steps 1 and 2, its best from step 3; `kindness` is added from step 3 on
// (0.25: value 2 again, the worst at or above 0.75).
TEST(NegmasNaiveTft, ParametersChangeTheConcessionsAsInNegmas) {
  const Scenario scenario =
      OneIssue({1.0, 8 / 9.0, 7 / 9.0, 6 / 9.0, 5 / 9.0, 4 / 9.0, 3 / 9.0, 2 / 9.0, 1 / 9.0, 0.0}, 0.0, 0);
  auto initial = NegotiatorRegistry::Create("negmas-naive-tft(must_concede=false,initial_concession=0.3)");
  ScriptedNegotiator tough = Repeating(9);
  RunSaop(scenario, {initial.get(), &tough}, 5);
  EXPECT_EQ(OffersOf(tough, 0), (std::vector<double>{0, 2, 2, 0, 0}));

  auto kind = NegotiatorRegistry::Create("negmas-naive-tft(kindness=0.25)");
  ScriptedNegotiator tough_again = Repeating(9);
  RunSaop(scenario, {kind.get(), &tough_again}, 5);
  EXPECT_EQ(OffersOf(tough_again, 0), (std::vector<double>{0, 1, 1, 2, 2}));
}

TEST(NegmasNaiveTft, RejectsANegativeInitialConcession) {
  try {
    NegotiatorRegistry::Create("negmas-naive-tft(initial_concession=-0.1)");
    FAIL() << "expected a UsageError";
  } catch (const UsageError& error) {
    EXPECT_STREQ(error.what(), "negmas-naive-tft: initial_concession must be 'min' or a non-negative number, got -0.1");
  }
}

// --- negmas-nice-tft -------------------------------------------------------------------------
// Worked out from NiceTitForTatOfferingPolicy, FrequencyLinearUFunModel, the brute-force Pareto
// sampler (pareto_frontier_numpy), nash_points and ACCombi, on one issue of five values worth
// 0, 0.25, 0.5, 0.75 and 1 to the port (its normalised utility is its utility), first mover.

std::vector<double> Quarters() { return {0.0, 0.25, 0.5, 0.75, 1.0}; }

// Before any offer the model gives every outcome 0.5, so the frontier holds one of its best
// outcomes: the first in numpy's presorted order, i.e. the last in outcome order (value 2, not 0).
TEST(NegmasNiceTft, OpensWithTheLastOfItsBestOutcomes) {
  const Scenario scenario = OneIssue({1.0, 0.5, 1.0}, 0.0, 0);
  auto port = NegotiatorRegistry::Create("negmas-nice-tft");
  ScriptedNegotiator opponent = Repeating(1);
  RunSaop(scenario, {port.get(), &opponent}, 2);
  EXPECT_EQ(OffersOf(opponent, 0), (std::vector<double>{2, 2}));
}

// Against an opponent that offers only value 0: the frontier is {4, 0} (value 0 is the only one the
// model rates, at 1), its Nash point is value 4 (both products are 0, value 4 comes first), so
// my_nash = max(0.5, 1 * (1.4 - 0.6 * 1)) = 0.8; the opponent's best never moves from its first, so
// the target is 1 less the bonus's share of the gap to 0.8 (0.1 of it, all of it from t = 0.96):
// never below 0.8, always value 4. From t = 0.98 ACcombi accepts anything rational: value 0, in
// round 50 of 50 (t = 50/51), and nothing before.
TEST(NegmasNiceTft, HoldsOutAgainstAStubbornOpponentAndAcceptsFromT098) {
  const Scenario scenario = OneIssue(Quarters(), 0.0, 0);
  auto port = NegotiatorRegistry::Create("negmas-nice-tft");
  ScriptedNegotiator opponent = Repeating(0);
  const NegotiationResult result = RunSaop(scenario, {port.get(), &opponent}, 50);
  EXPECT_EQ(OffersOf(opponent, 0), std::vector<double>(49, 4));
  ASSERT_EQ(result.end_reason, EndReason::kAgreement);
  EXPECT_EQ((*result.agreement)[0], 0);
  EXPECT_EQ(result.rounds, 50u);
  EXPECT_EQ(result.steps, 99u);
}

// The same with a reservation value of 0.3: from t = 0.98 the offer is not rational (0 < 0.3), so
// it is refused and the port offers value 4 to the end.
TEST(NegmasNiceTft, RefusesAnIrrationalOfferAfterT098) {
  const Scenario scenario = OneIssue(Quarters(), 0.3, 0);
  auto port = NegotiatorRegistry::Create("negmas-nice-tft");
  ScriptedNegotiator opponent = Repeating(0);
  const NegotiationResult result = RunSaop(scenario, {port.get(), &opponent}, 50);
  EXPECT_EQ(result.end_reason, EndReason::kDeadline);
  EXPECT_EQ(OffersOf(opponent, 0), std::vector<double>(50, 4));
}

// The opponent offers value 1, then value 2 (each counted twice: when made and when answered).
//  round 2: the model rates value 1 at 1 (weight 1), the rest 0; frontier [1, 4] (sums 1.25, 1);
//           Nash point value 1 (products 0 and 0, value 1 first): 0.25 * 0.95 < 0.5, so my_nash
//           = 0.5; the opponent has not improved on its first offer (0.25): target 1 - 0.1 * 0.5,
//           value 4;
//  round 3: counts {1: 2, 2: 2}: entropy 1, weight 0, so the plain scores: values 1 and 2 at 1;
//           frontier [2, 4]; Nash value 2; my_nash = 0.5; the opponent's best (0.5) has come all
//           the way from 0.25 to my_nash: factor 1, target 0.5: value 2, which the opponent's best
//           offer equals, and ACnext accepts it (0.5 >= 0.5).
TEST(NegmasNiceTft, ReciprocatesUpToItsNashUtilityAndAcceptsByACnext) {
  const Scenario scenario = OneIssue(Quarters(), 0.0, 0);
  auto port = NegotiatorRegistry::Create("negmas-nice-tft");
  ScriptedNegotiator opponent({ScriptedNegotiator::Offer({1}), ScriptedNegotiator::Offer({2})},
                              ScriptedNegotiator::Offer({0}));
  const NegotiationResult result = RunSaop(scenario, {port.get(), &opponent}, 10);
  EXPECT_EQ(OffersOf(opponent, 0), (std::vector<double>{4, 4}));
  ASSERT_EQ(result.end_reason, EndReason::kAgreement);
  EXPECT_EQ((*result.agreement)[0], 2);
  EXPECT_EQ(result.steps, 5u);
}

// Two issues, A (a0, a1) and B (b0, b1, b2), weighted 0.6 and 0.4 with values [0, 1] and
// [0, 0.5, 1] for the port, so outcomes 0..5 (B fastest) are worth 0, 0.2, 0.4, 0.6, 0.8, 1. The
// opponent offers (a0, b1), then (a1, b1).
//  round 2: A {a0: 2} and B {b1: 2} weigh 1 each; the model rates outcomes 0..5 at 0.5, 1, 0.5, 0,
//           0.5, 0; frontier [4, 1, 5] (sums 1.3, 1.2, 1); Nash point outcome 4 (gains 0.6 * 0.5
//           against 0 and 0); my_nash = 0.8 * (1.4 - 0.6 * 0.8) = 0.736; no improvement yet, so
//           the target is 1 - 0.1 * 0.264: outcome 5;
//  round 3: A {a0: 2, a1: 2} now weighs 0 and B {b1: 4} 1, so the model rates B alone: 1 for
//           outcomes 1 and 4; frontier [4, 5], Nash point outcome 4 (both products 0, outcome 4
//           first): my_nash 0.736 again; the opponent's best (0.8) has come past my_nash from 0.2,
//           so the target is 0.736 and the model's favourite above it is outcome 4, the opponent's
//           own offer, which ACnext accepts (0.8 >= 0.8).
TEST(NegmasNiceTft, WeighsIssuesByHowSteadilyTheOpponentOffersThem) {
  auto space = std::make_shared<const OutcomeSpace>(
      "two", std::vector<Issue>{Issue::Discrete("A", {"a0", "a1"}), Issue::Discrete("B", {"b0", "b1", "b2"})});
  auto profile = [&](std::vector<double> a, std::vector<double> b, const std::string& name) {
    return Profile(
        name,
        std::make_shared<const LinearAdditiveUtility>(
            space, std::vector<double>{0.6, 0.4},
            std::vector<ValueFunction>{ValueFunction::Table(std::move(a)), ValueFunction::Table(std::move(b))}),
        0.0, 1.0);
  };
  const Scenario scenario("two", space, {profile({0, 1}, {0, 0.5, 1}, "port"), profile({1, 0}, {1, 0.5, 0}, "other")});
  auto port = NegotiatorRegistry::Create("negmas-nice-tft");
  ScriptedNegotiator opponent({ScriptedNegotiator::Offer({0, 1}), ScriptedNegotiator::Offer({1, 1})},
                              ScriptedNegotiator::Offer({0, 0}));
  const NegotiationResult result = RunSaop(scenario, {port.get(), &opponent}, 10);
  std::vector<Outcome> offers;
  for (const auto& seen : opponent.seen()) {
    if (seen.party == 0 && seen.type == ActionType::kOffer && seen.offer) offers.push_back(*seen.offer);
  }
  EXPECT_EQ(offers, (std::vector<Outcome>{Outcome(std::vector<double>{1, 2}), Outcome(std::vector<double>{1, 2})}));
  ASSERT_EQ(result.end_reason, EndReason::kAgreement);
  EXPECT_EQ(*result.agreement, Outcome(std::vector<double>{1, 1}));
  EXPECT_EQ(result.steps, 5u);
}

}  // namespace
}  // namespace parley
