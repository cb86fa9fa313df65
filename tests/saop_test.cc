// Tests of the stacked alternating offers protocol ("saop") with scripted negotiators on a small
// hand-built scenario: turn order, when an offer is agreed, deadlines in rounds and wall-clock
// time, discounting, ending by a party, faults, what negotiators observe, traces and seeds.
// Every expected utility below is worked out by hand from the tables in MakeScenario.
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <set>
#include <vector>

#include <gtest/gtest.h>

#include "fixtures.h"
#include "parley/error.h"
#include "parley/protocol.h"
#include "parley/scenario.h"
#include "parley/utility.h"

namespace parley {
namespace {

using testing::ScriptedNegotiator;

// Issue 0 "color" is discrete {red, green, blue} (positions 0..2); issue 1 "size" is the integer
// range 1..4. Three outcomes are used throughout:
const std::vector<double> kX = {1, 2};  // green, 2
const std::vector<double> kY = {2, 1};  // blue, 1
const std::vector<double> kZ = {0, 4};  // red, 4

// Party A: weights 3:1 -> 0.75, 0.25; color {1, .5, 0}; size {0, .2, .6, 1}.
//   u(X) = .75*.5 + .25*.2 = .425   u(Y) = 0   u(Z) = 1
// Party B: weights 1:1 -> .5, .5; color {0, .4, 1}; size {1, .8, .4, 0}.
//   u(X) = .5*.4 + .5*.8 = .6       u(Y) = 1   u(Z) = 0
// Party C: weights 1:3 -> .25, .75; color {.5, 1, .5}; size {0, 1, .5, 0}.
//   u(X) = .25 + .75 = 1            u(Y) = .125   u(Z) = .125
constexpr double kUtilityX[] = {0.425, 0.6, 1.0};
constexpr double kUtilityY[] = {0.0, 1.0, 0.125};
constexpr double kReservation[] = {0.1, 0.2, 0.3};
constexpr double kDiscount[] = {0.8, 0.9, 0.5};
constexpr double kTolerance = 1e-12;

std::shared_ptr<const OutcomeSpace> MakeSpace() {
  return std::make_shared<const OutcomeSpace>(
      "paint", std::vector<Issue>{Issue::Discrete("color", {"red", "green", "blue"}), Issue::Integer("size", 1, 4)});
}

Profile MakeProfile(const std::string& name, const std::shared_ptr<const OutcomeSpace>& space,
                    std::vector<double> weights, std::vector<double> color, std::vector<double> size,
                    double reservation, double discount) {
  auto utility = std::make_shared<const LinearAdditiveUtility>(
      space, std::move(weights),
      std::vector<ValueFunction>{ValueFunction::Table(std::move(color)), ValueFunction::Table(std::move(size))});
  return Profile(name, utility, reservation, discount);
}

Scenario MakeScenario(std::size_t parties) {
  auto space = MakeSpace();
  std::vector<Profile> profiles;
  profiles.push_back(MakeProfile("A", space, {3, 1}, {1, .5, 0}, {0, .2, .6, 1}, kReservation[0], kDiscount[0]));
  profiles.push_back(MakeProfile("B", space, {1, 1}, {0, .4, 1}, {1, .8, .4, 0}, kReservation[1], kDiscount[1]));
  if (parties == 3) {
    profiles.push_back(MakeProfile("C", space, {1, 3}, {.5, 1, .5}, {0, 1, .5, 0}, kReservation[2], kDiscount[2]));
  }
  return Scenario("paint", space, std::move(profiles));
}

NegotiationOptions Rounds(std::uint64_t rounds) {
  NegotiationOptions options;
  options.rounds = rounds;
  options.seed = 7;
  return options;
}

NegotiationResult RunSaop(const Scenario& scenario, const std::vector<ScriptedNegotiator*>& parties,
                          const NegotiationOptions& options) {
  std::vector<Negotiator*> negotiators(parties.begin(), parties.end());
  return ProtocolRegistry::Create("saop")->Run(scenario, negotiators, options);
}

// Checks that a negotiation ended without agreement and each party got its reservation value
// discounted at `time`.
void ExpectReservationAt(const NegotiationResult& result, std::size_t parties, double time) {
  ASSERT_EQ(result.utilities.size(), parties);
  ASSERT_EQ(result.undiscounted_utilities.size(), parties);
  EXPECT_FALSE(result.agreement.has_value());
  for (std::size_t p = 0; p < parties; ++p) {
    EXPECT_NEAR(result.undiscounted_utilities[p], kReservation[p], kTolerance) << "party " << p;
    EXPECT_NEAR(result.utilities[p], kReservation[p] * std::pow(kDiscount[p], time), kTolerance) << "party " << p;
  }
}

void ExpectFault(const NegotiationResult& result, std::size_t party) {
  EXPECT_EQ(result.end_reason, EndReason::kFault);
  ASSERT_TRUE(result.fault.has_value());
  EXPECT_EQ(result.fault->party, party);
  EXPECT_FALSE(result.fault->message.empty());
  EXPECT_FALSE(result.agreement.has_value());
}

TEST(SaopTest, TwoPartiesTakeTurnsUntilTheRoundDeadline) {
  const Scenario scenario = MakeScenario(2);
  ScriptedNegotiator a({}, ScriptedNegotiator::Offer(kZ));
  ScriptedNegotiator b({}, ScriptedNegotiator::Offer(kY));
  const auto result = RunSaop(scenario, {&a, &b}, Rounds(4));

  EXPECT_EQ(result.end_reason, EndReason::kDeadline);
  EXPECT_FALSE(result.fault.has_value());
  EXPECT_EQ(result.steps, 8u);
  EXPECT_EQ(result.rounds, 4u);
  // GENIUS's timeline: 4 rounds end at t = 4 / 5.
  EXPECT_DOUBLE_EQ(result.time, 0.8);
  ExpectReservationAt(result, 2, 0.8);
  // Hand values: A .1 * .8^.8, B .2 * .9^.8.
  EXPECT_NEAR(result.utilities[0], 0.0836511642, 1e-10);
  EXPECT_NEAR(result.utilities[1], 0.1838332238, 1e-10);

  ASSERT_EQ(a.turns().size(), 4u);
  ASSERT_EQ(b.turns().size(), 4u);
  for (std::uint64_t r = 0; r < 4; ++r) {
    EXPECT_EQ(a.turns()[r].step, 2 * r);
    EXPECT_EQ(b.turns()[r].step, 2 * r + 1);
    EXPECT_EQ(a.turns()[r].round, r);
    EXPECT_EQ(b.turns()[r].round, r);
    // Both turns of 1-based round r + 1 of 4 see t = (r + 1) / 5.
    EXPECT_DOUBLE_EQ(a.turns()[r].time, (r + 1.0) / 5.0);
    EXPECT_DOUBLE_EQ(b.turns()[r].time, (r + 1.0) / 5.0);
  }
  // Each sees every action of the other and none of its own.
  EXPECT_EQ(a.seen().size(), 4u);
  EXPECT_EQ(b.seen().size(), 4u);
  for (const auto& seen : a.seen()) EXPECT_EQ(seen.party, 1u);
  for (const auto& seen : b.seen()) EXPECT_EQ(seen.party, 0u);
  EXPECT_EQ(a.finish_calls(), 1);
  EXPECT_EQ(b.finish_calls(), 1);
  EXPECT_EQ(a.finish_reason(), EndReason::kDeadline);
}

TEST(SaopTest, ThreePartiesTakeTurnsInOrder) {
  const Scenario scenario = MakeScenario(3);
  ScriptedNegotiator a({}, ScriptedNegotiator::Offer(kZ));
  ScriptedNegotiator b({}, ScriptedNegotiator::Offer(kY));
  ScriptedNegotiator c({}, ScriptedNegotiator::Offer(kX));
  const auto result = RunSaop(scenario, {&a, &b, &c}, Rounds(3));

  EXPECT_EQ(result.end_reason, EndReason::kDeadline);
  EXPECT_EQ(result.steps, 9u);
  EXPECT_EQ(result.rounds, 3u);
  EXPECT_DOUBLE_EQ(result.time, 0.75);  // 3 / (3 + 1)
  ExpectReservationAt(result, 3, 0.75);
  // Hand value: .3 * .5^.75.
  EXPECT_NEAR(result.utilities[2], 0.1783810673, 1e-10);
  const ScriptedNegotiator* parties[] = {&a, &b, &c};
  for (std::size_t p = 0; p < 3; ++p) {
    ASSERT_EQ(parties[p]->turns().size(), 3u);
    for (std::uint64_t r = 0; r < 3; ++r) {
      const auto& turn = parties[p]->turns()[r];
      EXPECT_EQ(turn.step, 3 * r + p);
      EXPECT_EQ(turn.round, r);
      EXPECT_DOUBLE_EQ(turn.time, (r + 1.0) / 4.0);  // every turn of a round at once
    }
    EXPECT_EQ(parties[p]->seen().size(), 6u);  // the other two parties' three turns each
  }
}

TEST(SaopTest, FirstTurnSeesNoOffer) {
  const Scenario scenario = MakeScenario(2);
  ScriptedNegotiator a({ScriptedNegotiator::Offer(kX)});
  ScriptedNegotiator b({ScriptedNegotiator::End()});
  RunSaop(scenario, {&a, &b}, Rounds(3));
  ASSERT_EQ(a.turns().size(), 1u);
  EXPECT_FALSE(a.turns()[0].offer.has_value());
  EXPECT_EQ(a.turns()[0].acceptances, 0u);
  ASSERT_EQ(b.turns().size(), 1u);
  ASSERT_TRUE(b.turns()[0].offer.has_value());
  EXPECT_EQ(b.turns()[0].offer->values(), kX);
  EXPECT_EQ(b.turns()[0].offerer, 0u);
  EXPECT_DOUBLE_EQ(b.turns()[0].offer_utility, kUtilityX[1]);
}

TEST(SaopTest, TwoPartyAcceptanceIsAnAgreement) {
  const Scenario scenario = MakeScenario(2);
  ScriptedNegotiator a({ScriptedNegotiator::Offer(kX)});
  ScriptedNegotiator b({ScriptedNegotiator::Accept()});
  const auto result = RunSaop(scenario, {&a, &b}, Rounds(5));

  EXPECT_EQ(result.end_reason, EndReason::kAgreement);
  ASSERT_TRUE(result.agreement.has_value());
  EXPECT_EQ(result.agreement->values(), kX);
  EXPECT_EQ(result.steps, 2u);
  EXPECT_EQ(result.rounds, 1u);
  // Accepted in round 1 of 5: t = 1/6.
  EXPECT_DOUBLE_EQ(result.time, 1.0 / 6.0);
  EXPECT_NEAR(result.undiscounted_utilities[0], 0.425, kTolerance);
  EXPECT_NEAR(result.undiscounted_utilities[1], 0.6, kTolerance);
  EXPECT_NEAR(result.utilities[0], 0.425 * std::pow(0.8, 1.0 / 6.0), kTolerance);
  EXPECT_NEAR(result.utilities[1], 0.6 * std::pow(0.9, 1.0 / 6.0), kTolerance);
  EXPECT_EQ(a.finish_reason(), EndReason::kAgreement);
  EXPECT_EQ(b.finish_reason(), EndReason::kAgreement);
}

TEST(SaopTest, AgreementUtilitiesAreDiscountedAtTheStepOfAgreement) {
  const Scenario scenario = MakeScenario(2);
  ScriptedNegotiator a({ScriptedNegotiator::Offer(kX), ScriptedNegotiator::Offer(kX), ScriptedNegotiator::Offer(kX)});
  ScriptedNegotiator b({ScriptedNegotiator::Offer(kY), ScriptedNegotiator::Offer(kY), ScriptedNegotiator::Accept()});
  const auto result = RunSaop(scenario, {&a, &b}, Rounds(5));

  ASSERT_EQ(result.end_reason, EndReason::kAgreement);
  EXPECT_EQ(result.agreement->values(), kX);
  EXPECT_EQ(result.steps, 6u);
  EXPECT_EQ(result.rounds, 3u);
  // Accepted in round 3 of 5: t = 3/6 = 1/2, so the factor is sqrt(d).
  EXPECT_DOUBLE_EQ(result.time, 0.5);
  EXPECT_NEAR(result.utilities[0], 0.425 * std::sqrt(0.8), kTolerance);  // 0.38013...
  EXPECT_NEAR(result.utilities[0], 0.3801315561749642, 1e-12);
  EXPECT_NEAR(result.utilities[1], 0.6 * std::sqrt(0.9), kTolerance);  // 0.56920...
  EXPECT_NEAR(result.utilities[1], 0.5692099788303082, 1e-12);
}

TEST(SaopTest, ThreePartyOfferNeedsBothOthersToAccept) {
  const Scenario scenario = MakeScenario(3);
  ScriptedNegotiator a({ScriptedNegotiator::Offer(kX)});
  ScriptedNegotiator b({ScriptedNegotiator::Accept()});
  ScriptedNegotiator c({ScriptedNegotiator::Accept()});
  const auto result = RunSaop(scenario, {&a, &b, &c}, Rounds(10));

  EXPECT_EQ(result.end_reason, EndReason::kAgreement);
  ASSERT_TRUE(result.agreement.has_value());
  EXPECT_EQ(result.agreement->values(), kX);
  EXPECT_EQ(result.steps, 3u);  // agreed at step 2, in round 1 of 10
  const double t = 1.0 / 11.0;
  EXPECT_DOUBLE_EQ(result.time, t);
  for (std::size_t p = 0; p < 3; ++p) {
    EXPECT_NEAR(result.utilities[p], kUtilityX[p] * std::pow(kDiscount[p], t), kTolerance) << p;
  }
  // C was asked after B's acceptance: one acceptance so far, C's own utility of X.
  ASSERT_EQ(c.turns().size(), 1u);
  EXPECT_EQ(c.turns()[0].acceptances, 1u);
  EXPECT_EQ(c.turns()[0].offerer, 0u);
  EXPECT_DOUBLE_EQ(c.turns()[0].offer_utility, 1.0);
}

TEST(SaopTest, CounterOfferAfterOneAcceptanceIsNotAnAgreement) {
  const Scenario scenario = MakeScenario(3);
  // A offers X, B accepts, C counters with Y: no agreement. Then A and B accept Y: agreed at step 4.
  ScriptedNegotiator a({ScriptedNegotiator::Offer(kX), ScriptedNegotiator::Accept()});
  ScriptedNegotiator b({ScriptedNegotiator::Accept(), ScriptedNegotiator::Accept()});
  ScriptedNegotiator c({ScriptedNegotiator::Offer(kY)}, ScriptedNegotiator::Offer(kY));
  const auto result = RunSaop(scenario, {&a, &b, &c}, Rounds(2));

  ASSERT_EQ(result.end_reason, EndReason::kAgreement);
  EXPECT_EQ(result.agreement->values(), kY);
  EXPECT_EQ(result.steps, 5u);
  EXPECT_EQ(result.rounds, 2u);
  const double t = 2.0 / 3.0;  // round 2 of 2
  EXPECT_DOUBLE_EQ(result.time, t);
  EXPECT_NEAR(result.utilities[0], 0.0, kTolerance);
  EXPECT_NEAR(result.utilities[1], 1.0 * std::pow(0.9, t), kTolerance);
  EXPECT_NEAR(result.utilities[2], 0.125 * std::pow(0.5, t), kTolerance);

  // The counter-offer reset the acceptances: A sees Y from C with none.
  ASSERT_EQ(a.turns().size(), 2u);
  ASSERT_TRUE(a.turns()[1].offer.has_value());
  EXPECT_EQ(a.turns()[1].offer->values(), kY);
  EXPECT_EQ(a.turns()[1].offerer, 2u);
  EXPECT_EQ(a.turns()[1].acceptances, 0u);
  EXPECT_DOUBLE_EQ(a.turns()[1].offer_utility, kUtilityY[0]);
  ASSERT_EQ(b.turns().size(), 2u);
  EXPECT_EQ(b.turns()[1].acceptances, 1u);
  EXPECT_DOUBLE_EQ(b.turns()[1].offer_utility, kUtilityY[1]);
  EXPECT_EQ(c.turns().size(), 1u);
}

TEST(SaopTest, CounterOfferResetsEarlierAcceptances) {
  const Scenario scenario = MakeScenario(3);
  // A offers X; B counters with Y; C accepts Y (one acceptance: not enough); A accepts Y (two).
  ScriptedNegotiator a({ScriptedNegotiator::Offer(kX), ScriptedNegotiator::Accept()});
  ScriptedNegotiator b({ScriptedNegotiator::Offer(kY)});
  ScriptedNegotiator c({ScriptedNegotiator::Accept()});
  const auto result = RunSaop(scenario, {&a, &b, &c}, Rounds(4));
  ASSERT_EQ(result.end_reason, EndReason::kAgreement);
  EXPECT_EQ(result.agreement->values(), kY);
  EXPECT_EQ(result.steps, 4u);
  EXPECT_DOUBLE_EQ(result.time, 2.0 / 5.0);  // step 3 is in round 2 of 4
  ASSERT_EQ(c.turns().size(), 1u);
  EXPECT_EQ(c.turns()[0].acceptances, 0u);
  EXPECT_EQ(c.turns()[0].offerer, 1u);
}

TEST(SaopTest, PartyEndingTheNegotiationGetsReservationValuesAtThatTime) {
  const Scenario scenario = MakeScenario(3);
  ScriptedNegotiator a({ScriptedNegotiator::Offer(kX)});
  ScriptedNegotiator b({ScriptedNegotiator::Accept()});
  ScriptedNegotiator c({ScriptedNegotiator::End()});
  const auto result = RunSaop(scenario, {&a, &b, &c}, Rounds(2));

  EXPECT_EQ(result.end_reason, EndReason::kEndedByParty);
  EXPECT_FALSE(result.fault.has_value());
  EXPECT_EQ(result.steps, 3u);
  const double t = 1.0 / 3.0;  // round 1 of 2
  EXPECT_DOUBLE_EQ(result.time, t);
  ExpectReservationAt(result, 3, t);
  EXPECT_NEAR(result.utilities[1], 0.2 * std::cbrt(0.9), kTolerance);
  EXPECT_EQ(a.finish_reason(), EndReason::kEndedByParty);
}

TEST(SaopTest, ObserversSeeEveryOtherActionWithTheirOwnUtility) {
  const Scenario scenario = MakeScenario(3);
  // Steps: 0 A offers X, 1 B accepts, 2 C offers Y, 3 A accepts Y, 4 B ends.
  ScriptedNegotiator a({ScriptedNegotiator::Offer(kX), ScriptedNegotiator::Accept()});
  ScriptedNegotiator b({ScriptedNegotiator::Accept(), ScriptedNegotiator::End()});
  ScriptedNegotiator c({ScriptedNegotiator::Offer(kY)});
  const auto result = RunSaop(scenario, {&a, &b, &c}, Rounds(2));
  ASSERT_EQ(result.end_reason, EndReason::kEndedByParty);
  EXPECT_EQ(result.steps, 5u);

  struct Expected {
    std::size_t party;
    ActionType type;
    const std::vector<double>* offer;
    double utility;
    std::uint64_t step;
  };
  auto check = [](const ScriptedNegotiator& observer, const std::vector<Expected>& expected) {
    ASSERT_EQ(observer.seen().size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      const auto& seen = observer.seen()[i];
      SCOPED_TRACE(::testing::Message() << "observation " << i);
      EXPECT_EQ(seen.party, expected[i].party);
      EXPECT_EQ(seen.type, expected[i].type);
      EXPECT_EQ(seen.step, expected[i].step);
      EXPECT_EQ(seen.round, expected[i].step / 3);
      EXPECT_DOUBLE_EQ(seen.time, (expected[i].step / 3 + 1) / 3.0);  // round of the step, of 2
      if (expected[i].offer) {
        ASSERT_TRUE(seen.offer.has_value());
        EXPECT_EQ(seen.offer->values(), *expected[i].offer);
        EXPECT_NEAR(seen.offer_utility, expected[i].utility, kTolerance);
      } else {
        EXPECT_FALSE(seen.offer.has_value());
      }
    }
  };
  check(a, {{1, ActionType::kAccept, &kX, 0.425, 1},
            {2, ActionType::kOffer, &kY, 0.0, 2},
            {1, ActionType::kEndNegotiation, nullptr, 0.0, 4}});
  check(b, {{0, ActionType::kOffer, &kX, 0.6, 0},
            {2, ActionType::kOffer, &kY, 1.0, 2},
            {0, ActionType::kAccept, &kY, 1.0, 3}});
  check(c, {{0, ActionType::kOffer, &kX, 1.0, 0},
            {1, ActionType::kAccept, &kX, 1.0, 1},
            {0, ActionType::kAccept, &kY, 0.125, 3},
            {1, ActionType::kEndNegotiation, nullptr, 0.0, 4}});
}

TEST(SaopTest, TraceRecordsEveryAction) {
  const Scenario scenario = MakeScenario(3);
  auto make = [] {
    return std::vector<ScriptedNegotiator>{
        ScriptedNegotiator({ScriptedNegotiator::Offer(kX), ScriptedNegotiator::Accept()}),
        ScriptedNegotiator({ScriptedNegotiator::Accept(), ScriptedNegotiator::End()}),
        ScriptedNegotiator({ScriptedNegotiator::Offer(kY)})};
  };
  auto parties = make();
  const auto result = RunSaop(scenario, {&parties[0], &parties[1], &parties[2]}, Rounds(2));
  const Trace& trace = result.trace;
  ASSERT_EQ(trace.size(), 5u);
  EXPECT_EQ(trace.issue_count(), 2u);
  EXPECT_EQ(trace.party_count(), 3u);

  const std::size_t party[] = {0, 1, 2, 0, 1};
  const ActionType action[] = {ActionType::kOffer, ActionType::kAccept, ActionType::kOffer, ActionType::kAccept,
                               ActionType::kEndNegotiation};
  const std::vector<double>* offer[] = {&kX, &kX, &kY, &kY, nullptr};
  for (std::size_t i = 0; i < 5; ++i) {
    SCOPED_TRACE(::testing::Message() << "entry " << i);
    EXPECT_EQ(trace.step(i).step, i);
    EXPECT_EQ(trace.step(i).round, i / 3);
    EXPECT_DOUBLE_EQ(trace.step(i).time, (i / 3 + 1) / 3.0);
    EXPECT_EQ(trace.step(i).party, party[i]);
    EXPECT_EQ(trace.step(i).action, action[i]);
    EXPECT_EQ(trace.has_offer(i), offer[i] != nullptr);
    if (offer[i]) {
      EXPECT_EQ(trace.offer(i).values(), *offer[i]);
      const double* expected = offer[i] == &kX ? kUtilityX : kUtilityY;
      for (std::size_t p = 0; p < 3; ++p) EXPECT_NEAR(trace.utility(i, p), expected[p], kTolerance) << p;
    }
  }

  auto quiet = make();
  NegotiationOptions options = Rounds(2);
  options.record_trace = false;
  const auto untraced = RunSaop(scenario, {&quiet[0], &quiet[1], &quiet[2]}, options);
  EXPECT_EQ(untraced.trace.size(), 0u);
  EXPECT_EQ(untraced.end_reason, EndReason::kEndedByParty);
  EXPECT_EQ(untraced.steps, 5u);
}

TEST(SaopTest, ContextDescribesTheNegotiationAndSeedsAreReproducible) {
  const Scenario scenario = MakeScenario(3);
  auto run = [&](std::uint64_t seed) {
    std::vector<ScriptedNegotiator> parties(3, ScriptedNegotiator({ScriptedNegotiator::End()}));
    NegotiationOptions options = Rounds(6);
    options.time_limit_seconds = 30.0;
    options.seed = seed;
    RunSaop(scenario, {&parties[0], &parties[1], &parties[2]}, options);
    std::vector<NegotiatorContext> contexts;
    for (const auto& party : parties) contexts.push_back(party.context());
    return contexts;
  };
  const auto first = run(12345);
  for (std::size_t p = 0; p < 3; ++p) {
    EXPECT_EQ(first[p].party, p);
    EXPECT_EQ(first[p].party_count, 3u);
    EXPECT_EQ(first[p].max_rounds, 6u);
    EXPECT_DOUBLE_EQ(first[p].time_limit_seconds, 30.0);
    EXPECT_EQ(first[p].profile, &scenario.profile(p));
    EXPECT_EQ(first[p].space, &scenario.space());
  }
  std::set<std::uint64_t> distinct = {first[0].seed, first[1].seed, first[2].seed};
  EXPECT_EQ(distinct.size(), 3u);

  const auto again = run(12345);
  const auto other = run(12346);
  for (std::size_t p = 0; p < 3; ++p) {
    EXPECT_EQ(again[p].seed, first[p].seed);
    EXPECT_NE(other[p].seed, first[p].seed);
  }
}

TEST(SaopTest, PartySeedsAreGivenAsTheyAre) {
  // GENIUS gives every party the same seed; party_seeds reproduces that.
  const Scenario scenario = MakeScenario(3);
  std::vector<ScriptedNegotiator> parties(3, ScriptedNegotiator({ScriptedNegotiator::End()}));
  NegotiationOptions options = Rounds(6);
  options.seed = 7;
  options.party_seeds = {42, 42, 43};
  RunSaop(scenario, {&parties[0], &parties[1], &parties[2]}, options);
  EXPECT_EQ(parties[0].context().seed, 42u);
  EXPECT_EQ(parties[1].context().seed, 42u);
  EXPECT_EQ(parties[2].context().seed, 43u);

  options.party_seeds = {42, 42};
  try {
    RunSaop(scenario, {&parties[0], &parties[1], &parties[2]}, options);
    ADD_FAILURE() << "no error for two seeds and three parties";
  } catch (const UsageError& error) {
    EXPECT_STREQ(error.what(), "2 party seeds were given for 3 negotiators");
  }
}

TEST(SaopTest, NoDeadlineIsAUsageError) {
  const Scenario scenario = MakeScenario(2);
  ScriptedNegotiator a({}), b({});
  NegotiationOptions options;
  EXPECT_THROW(RunSaop(scenario, {&a, &b}, options), UsageError);
  EXPECT_EQ(a.begin_calls(), 0);
}

TEST(SaopTest, WrongNumberOfNegotiatorsIsAUsageError) {
  const Scenario two = MakeScenario(2);
  const Scenario three = MakeScenario(3);
  ScriptedNegotiator a({}), b({}), c({});
  EXPECT_THROW(RunSaop(two, {&a}, Rounds(3)), UsageError);
  EXPECT_THROW(RunSaop(two, {&a, &b, &c}, Rounds(3)), UsageError);
  EXPECT_THROW(RunSaop(three, {&a, &b}, Rounds(3)), UsageError);
  EXPECT_THROW(RunSaop(two, {}, Rounds(3)), UsageError);
}

TEST(SaopTest, ThrowingDuringATurnIsAFault) {
  const Scenario scenario = MakeScenario(2);
  ScriptedNegotiator a({ScriptedNegotiator::Offer(kX)}, ScriptedNegotiator::Offer(kX));
  ScriptedNegotiator b({ScriptedNegotiator::Offer(kY), ScriptedNegotiator::Throw("boom in act")});
  const auto result = RunSaop(scenario, {&a, &b}, Rounds(5));
  ExpectFault(result, 1);
  EXPECT_NE(result.fault->message.find("boom in act"), std::string::npos) << result.fault->message;
  // B threw on its second turn, in round 2 of 5: t = 2/6.
  EXPECT_DOUBLE_EQ(result.time, 1.0 / 3.0);
  ExpectReservationAt(result, 2, 1.0 / 3.0);
  EXPECT_EQ(a.turns().size(), 2u);
  EXPECT_EQ(a.finish_calls(), 1);
  EXPECT_EQ(b.finish_calls(), 1);
  EXPECT_EQ(a.finish_reason(), EndReason::kFault);
}

TEST(SaopTest, ThrowingANonStandardExceptionIsAFault) {
  const Scenario scenario = MakeScenario(2);
  ScriptedNegotiator a({ScriptedNegotiator::ThrowUnknown()});
  ScriptedNegotiator b({});
  const auto result = RunSaop(scenario, {&a, &b}, Rounds(5));
  ExpectFault(result, 0);
  EXPECT_TRUE(b.turns().empty());
}

TEST(SaopTest, ThrowingInBeginIsAFault) {
  const Scenario scenario = MakeScenario(3);
  ScriptedNegotiator a({}, ScriptedNegotiator::Offer(kX));
  ScriptedNegotiator b({}, ScriptedNegotiator::Offer(kX));
  ScriptedNegotiator c({}, ScriptedNegotiator::Offer(kX));
  b.set_throw_in_begin(true);
  const auto result = RunSaop(scenario, {&a, &b, &c}, Rounds(5));
  ExpectFault(result, 1);
  EXPECT_EQ(result.steps, 0u);
  ExpectReservationAt(result, 3, 0.0);
  for (const ScriptedNegotiator* party : {&a, &b, &c}) {
    EXPECT_TRUE(party->turns().empty());
    // Finish, when called, only follows a Begin.
    if (party->finish_calls() > 0) {
      EXPECT_TRUE(party->finish_after_begin());
    }
  }
  EXPECT_EQ(a.finish_calls(), 1);
}

TEST(SaopTest, ThrowingWhileObservingIsAFaultOfTheObserver) {
  const Scenario scenario = MakeScenario(3);
  ScriptedNegotiator a({ScriptedNegotiator::Offer(kX)});
  ScriptedNegotiator b({ScriptedNegotiator::Accept()});
  ScriptedNegotiator c({ScriptedNegotiator::Accept()});
  c.set_throw_when_observing_step(0);
  const auto result = RunSaop(scenario, {&a, &b, &c}, Rounds(5));
  ExpectFault(result, 2);
  EXPECT_NE(result.fault->message.find("scripted failure in Observe"), std::string::npos) << result.fault->message;
  EXPECT_TRUE(b.turns().empty());
  EXPECT_TRUE(c.turns().empty());
}

TEST(SaopTest, AcceptingWithNoOfferOnTheTableIsAFault) {
  const Scenario scenario = MakeScenario(2);
  ScriptedNegotiator a({ScriptedNegotiator::Accept()});
  ScriptedNegotiator b({ScriptedNegotiator::Accept()});
  const auto result = RunSaop(scenario, {&a, &b}, Rounds(5));
  ExpectFault(result, 0);
  EXPECT_TRUE(b.turns().empty());
}

TEST(SaopTest, UnknownActionIsAFault) {
  const Scenario scenario = MakeScenario(2);
  ScriptedNegotiator a({ScriptedNegotiator::Offer(kX)});
  ScriptedNegotiator b({ScriptedNegotiator::BadAction()});
  const auto result = RunSaop(scenario, {&a, &b}, Rounds(5));
  ExpectFault(result, 1);
}

TEST(SaopTest, InvalidOffersAreFaults) {
  const Scenario scenario = MakeScenario(2);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<std::vector<double>> invalid = {
      {1},        // too few values
      {1, 2, 3},  // too many
      {},         // none
      {3, 2},     // color position past the end
      {-1, 2},    // negative color position
      {0.5, 2},   // fractional color position
      {1, 0},     // size below 1
      {1, 5},     // size above 4
      {1, 2.5},   // fractional size
      {nan, 2},   // NaN color
      {1, nan},   // NaN size
      {1, std::numeric_limits<double>::infinity()},
  };
  for (const auto& values : invalid) {
    SCOPED_TRACE(::testing::Message() << "offer of " << values.size() << " values");
    ScriptedNegotiator a({ScriptedNegotiator::Offer(kX)});
    ScriptedNegotiator b({ScriptedNegotiator::Offer(values)});
    const auto result = RunSaop(scenario, {&a, &b}, Rounds(5));
    ExpectFault(result, 1);
    ExpectReservationAt(result, 2, 1.0 / 6.0);  // in round 1 of 5
    EXPECT_TRUE(a.seen().empty());              // the invalid offer is never shown to anyone
  }
}

TEST(SaopTest, EveryTurnGetsAProposalBufferSizedToTheSpace) {
  const Scenario scenario = MakeScenario(3);
  // B shrinks the shared buffer and accepts; C must still get a buffer of two values.
  ScriptedNegotiator a({ScriptedNegotiator::Offer(kX)});
  ScriptedNegotiator b({ScriptedNegotiator::ShrinkAccept()});
  ScriptedNegotiator c({ScriptedNegotiator::Offer(kY)}, ScriptedNegotiator::End());
  const auto result = RunSaop(scenario, {&a, &b, &c}, Rounds(5));
  ASSERT_EQ(c.turns().size(), 1u);
  EXPECT_EQ(c.turns()[0].proposal_size, 2u);
  EXPECT_EQ(a.turns()[0].proposal_size, 2u);
}

TEST(SaopTest, WallClockDeadlineEndsTheNegotiation) {
  const Scenario scenario = MakeScenario(2);
  ScriptedNegotiator a({}, ScriptedNegotiator::Offer(kZ));
  ScriptedNegotiator b({}, ScriptedNegotiator::Offer(kY));
  a.set_sleep_per_turn(std::chrono::milliseconds(20));
  b.set_sleep_per_turn(std::chrono::milliseconds(20));
  NegotiationOptions options;
  options.time_limit_seconds = 0.25;
  const auto result = RunSaop(scenario, {&a, &b}, options);

  EXPECT_EQ(result.end_reason, EndReason::kDeadline);
  EXPECT_DOUBLE_EQ(result.time, 1.0);
  ExpectReservationAt(result, 2, 1.0);
  EXPECT_GE(result.elapsed_seconds, 0.25);
  EXPECT_LT(result.elapsed_seconds, 1.25);
  // About 0.25 / 0.02 turns; far fewer than a runaway loop, at least a few.
  EXPECT_GE(result.steps, 3u);
  EXPECT_LE(result.steps, 14u);
  ASSERT_EQ(result.trace.size(), result.steps);
  double previous = 0.0;
  for (std::size_t i = 0; i < result.trace.size(); ++i) {
    const double t = result.trace.step(i).time;
    EXPECT_GE(t, previous);
    EXPECT_GE(t, 0.0);
    EXPECT_LT(t, 1.0);
    previous = t;
  }
  for (const auto& turn : a.turns()) {
    EXPECT_GE(turn.time, 0.0);
    EXPECT_LT(turn.time, 1.0);
  }
  EXPECT_EQ(a.context().max_rounds, 0u);
}

TEST(SaopTest, WithBothDeadlinesTheRoundsCanEndItFirst) {
  const Scenario scenario = MakeScenario(2);
  ScriptedNegotiator a({}, ScriptedNegotiator::Offer(kZ));
  ScriptedNegotiator b({}, ScriptedNegotiator::Offer(kY));
  NegotiationOptions options = Rounds(3);
  options.time_limit_seconds = 60.0;
  const auto result = RunSaop(scenario, {&a, &b}, options);
  EXPECT_EQ(result.end_reason, EndReason::kDeadline);
  EXPECT_EQ(result.steps, 6u);
  // The rounds ran out first (the clock is far from its 60 s), at 3 / (3 + 1).
  EXPECT_DOUBLE_EQ(result.time, 0.75);
  // Time is the later of the round clock and the wall clock.
  for (const auto* party : {&a, &b}) {
    for (const auto& turn : party->turns()) {
      EXPECT_GE(turn.time, (turn.round + 1) / 4.0);
      EXPECT_LT(turn.time, 1.0);
    }
  }
}

TEST(SaopTest, WithBothDeadlinesTheClockCanEndItFirst) {
  const Scenario scenario = MakeScenario(2);
  ScriptedNegotiator a({}, ScriptedNegotiator::Offer(kZ));
  ScriptedNegotiator b({}, ScriptedNegotiator::Offer(kY));
  a.set_sleep_per_turn(std::chrono::milliseconds(10));
  b.set_sleep_per_turn(std::chrono::milliseconds(10));
  NegotiationOptions options = Rounds(1000000);
  options.time_limit_seconds = 0.15;
  const auto result = RunSaop(scenario, {&a, &b}, options);
  EXPECT_EQ(result.end_reason, EndReason::kDeadline);
  EXPECT_DOUBLE_EQ(result.time, 1.0);
  EXPECT_GE(result.elapsed_seconds, 0.15);
  EXPECT_LT(result.elapsed_seconds, 1.15);
  EXPECT_LT(result.steps, 100u);
  ASSERT_FALSE(b.turns().empty());
  for (const auto& turn : b.turns()) {
    EXPECT_GE(turn.time, (turn.round + 1) / 1000001.0);
    EXPECT_LT(turn.time, 1.0);
  }
  // By the last turn the wall clock is far ahead of the round clock (which is near 0).
  EXPECT_GT(b.turns().back().time, 0.3);
}

}  // namespace
}  // namespace parley
