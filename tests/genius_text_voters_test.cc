// `genius-hill-climber` and `genius-annealer` against GENIUS 9.1.10's
// parties.simplemediator.HillClimber and Annealer, from their source (GENIUS recorded no session of
// them): votes on scripted texts worked out by hand, the annealer's acceptance rate against
// exp(du / t), its exact draws against java.util.Random (JavaRandom, tested against Java in
// java_random_test.cc), discounting under a clock, and their rule under saop. Every registered
// negotiator's conformance is in negotiator_conformance_test.cc and mediator_conformance_test.cc.
#include <cmath>
#include <cstdint>
#include <memory>
#include <vector>

#include <gtest/gtest.h>

#include "common/java_random.h"
#include "fixtures.h"
#include "parley/mediator.h"
#include "parley/negotiator.h"
#include "parley/protocol.h"
#include "parley/random.h"
#include "parley/scenario.h"
#include "parley/utility.h"

namespace parley {
namespace {

using testing::ScriptedMediator;
using testing::ScriptedNegotiator;

// One issue "deal" of six values. A values them 0.2, 0.4, 0.5, 0.6, 0.9, 1.0 (reservation value
// 0.3, discount factor 0.5); B the reverse (reservation value 0, no discounting).
const Outcome kV0({0}), kV1({1}), kV2({2}), kV3({3}), kV4({4}), kV5({5});

Scenario DealScenario() {
  auto space = std::make_shared<const OutcomeSpace>(
      "deal", std::vector<Issue>{Issue::Discrete("deal", {"v0", "v1", "v2", "v3", "v4", "v5"})});
  auto table = [&](std::vector<double> values) {
    return std::make_shared<const LinearAdditiveUtility>(
        space, std::vector<double>{1}, std::vector<ValueFunction>{ValueFunction::Table(std::move(values))});
  };
  return Scenario("deal", space,
                  {Profile("A", table({0.2, 0.4, 0.5, 0.6, 0.9, 1.0}), 0.3, 0.5),
                   Profile("B", table({1.0, 0.9, 0.6, 0.5, 0.4, 0.2}), 0.0, 1.0)});
}

// Seeds as the protocols hand them to parties: derived, so spread over all 64 bits. (The first
// nextDouble of java.util.Random for consecutive small seeds lie close together: for seeds 0..499
// all between 0.72 and 0.77.)
std::uint64_t PartySeed(std::uint64_t i) { return DeriveSeed(2019, {i}); }

// Party A as `name`, driven directly: texts from the mediator (party 2) and announcements.
class Voter {
 public:
  Voter(const Scenario& scenario, const char* name, std::uint64_t seed, std::uint64_t rounds = 10, double seconds = 0.0)
      : scenario_(scenario), negotiator_(NegotiatorRegistry::Create(name)), proposal_(1) {
    NegotiatorContext context;
    context.space = &scenario.space();
    context.profile = &scenario.profile(0);
    context.party = 0;
    context.party_count = 2;
    context.max_rounds = rounds;
    context.time_limit_seconds = seconds;
    context.seed = seed;
    negotiator_->Begin(context);
  }

  // Whether A accepts `outcome` put by `from` (2: the mediator; 1: party B's offer) at `time`.
  bool Accepts(const Outcome& outcome, double time, std::size_t from = 2) {
    TurnState state;
    state.time = time;
    state.current_offer = &outcome;
    state.offerer = from;
    state.current_offer_utility = scenario_.profile(0).Utility(outcome);
    const ActionType action = negotiator_->Act(state, proposal_);
    EXPECT_NE(action, ActionType::kEndNegotiation);
    return action == ActionType::kAccept;
  }

  // The single-text protocol's announcement that every party accepted `text` at `time`.
  void Announce(const Outcome& text, double time) {
    negotiator_->Observe({.party = 2,
                          .type = ActionType::kAccept,
                          .offer = &text,
                          .offer_utility = scenario_.profile(0).Utility(text),
                          .time = time});
  }

  // What A offers with nothing on the table.
  Outcome Opens() {
    negotiator_->Act(TurnState{}, proposal_);
    return proposal_;
  }

 private:
  const Scenario& scenario_;
  std::unique_ptr<Negotiator> negotiator_;
  Outcome proposal_;
};

// Texts put to A and B in ten rounds, B's scripted votes, and A's votes worked out by hand from
// HillClimber's rule: accept iff u >= the utility of the last text both accepted (0 at first).
TEST(GeniusTextVoters, TheHillClimberVotesForTextsAtLeastAsGoodAsTheLastOneAllAccepted) {
  const Scenario scenario = DealScenario();
  struct Row {
    const Outcome* text;
    bool b_accepts;
    Vote expected;  // A's vote, and the reference it is measured against
  };
  const Row rows[] = {
      {&kV1, true, Vote::kAccept},   // 0.4 >= 0: both accept, the reference becomes 0.4
      {&kV0, true, Vote::kVeto},     // 0.2 < 0.4
      {&kV2, false, Vote::kAccept},  // 0.5 >= 0.4; B vetoes, so the reference stays 0.4
      {&kV1, false, Vote::kAccept},  // 0.4 >= 0.4
      {&kV3, true, Vote::kAccept},   // 0.6 >= 0.4: both accept, the reference becomes 0.6
      {&kV2, true, Vote::kVeto},     // 0.5 < 0.6
      {&kV1, true, Vote::kVeto},     // 0.4 < 0.6
      {&kV3, false, Vote::kAccept},  // 0.6 >= 0.6
      {&kV5, true, Vote::kAccept},   // 1.0 >= 0.6: both accept, the reference becomes 1.0
      {&kV4, true, Vote::kVeto},     // 0.9 < 1.0
  };
  std::vector<ScriptedMediator::Move> texts;
  std::vector<ScriptedNegotiator::Move> b_votes;
  for (const Row& row : rows) {
    texts.push_back(ScriptedMediator::Text(row.text->values()));
    b_votes.push_back(row.b_accepts ? ScriptedNegotiator::Accept() : ScriptedNegotiator::Offer({0}));
  }
  ScriptedMediator mediator(texts);
  ScriptedNegotiator b(b_votes);
  auto a = NegotiatorRegistry::Create("genius-hill-climber");
  const auto result =
      ProtocolRegistry::Create("single-text")->Run(scenario, {a.get(), &b}, {&mediator}, testing::Rounds(10, 3));
  ASSERT_FALSE(result.fault.has_value()) << result.fault->message;
  ASSERT_EQ(mediator.answers().size(), 10u);
  for (std::size_t r = 0; r < 10; ++r) {
    EXPECT_EQ(mediator.answers()[r].votes[0], rows[r].expected) << "round " << r;
  }
  ASSERT_TRUE(result.agreement.has_value());
  EXPECT_EQ(*result.agreement, kV5);
}

// The annealer votes as the hill climber on texts at least as good, and at t = 0 (where
// exp(du / 0) is exp(-infinity) = 0) vetoes every worse one, whatever its seed.
TEST(GeniusTextVoters, AtTimeZeroTheAnnealerVetoesEveryWorseTextAndAcceptsTheRest) {
  const Scenario scenario = DealScenario();
  for (std::uint64_t seed = 0; seed < 500; ++seed) {
    Voter a(scenario, "genius-annealer", seed);
    a.Announce(kV2, 0.0);  // the reference is 0.5
    EXPECT_FALSE(a.Accepts(kV1, 0.0)) << "seed " << seed;
    EXPECT_FALSE(a.Accepts(kV0, 0.0)) << "seed " << seed;
    EXPECT_TRUE(a.Accepts(kV2, 0.0)) << "seed " << seed;
    EXPECT_TRUE(a.Accepts(kV5, 0.0)) << "seed " << seed;
  }
}

// At t = 0.5 a text 0.1 worse than the reference is accepted with probability exp(-0.1 / 0.5) =
// exp(-0.2) = 0.81873: the rate over 20,000 seeds lies within four binomial standard errors.
TEST(GeniusTextVoters, TheAnnealerAcceptsAWorseTextWithProbabilityExpOfTheLossOverTime) {
  const Scenario scenario = DealScenario();
  constexpr int kSeeds = 20000;
  const double p = std::exp(-0.2);
  int accepted = 0;
  for (int i = 0; i < kSeeds; ++i) {
    Voter a(scenario, "genius-annealer", PartySeed(i));
    a.Announce(kV2, 0.25);                    // 0.5
    accepted += a.Accepts(kV1, 0.5) ? 1 : 0;  // 0.4
  }
  const double rate = static_cast<double>(accepted) / kSeeds;
  const double standard_error = std::sqrt(p * (1 - p) / kSeeds);
  EXPECT_NEAR(rate, p, 4 * standard_error) << accepted << " of " << kSeeds;
  // The hill climber never accepts it.
  Voter climber(scenario, "genius-hill-climber", 1);
  climber.Announce(kV2, 0.25);
  EXPECT_FALSE(climber.Accepts(kV1, 0.5));
}

// Seeded with the negotiator's seed, one nextDouble per worse text (also at t = 0, where the
// original's Math.random() is drawn although nothing can pass it) and none for the others: vote k
// on a worse text accepts iff draw k of java.util.Random(seed) is below exp(du / t).
TEST(GeniusTextVoters, TheAnnealerDrawsJavaRandomOfItsSeedOncePerWorseText) {
  const Scenario scenario = DealScenario();
  int accepts = 0, vetoes = 0;
  for (std::uint64_t i = 0; i < 500; ++i) {
    const std::uint64_t seed = PartySeed(i);
    SCOPED_TRACE(::testing::Message() << "seed " << seed);
    JavaRandom java(static_cast<std::int64_t>(seed));
    Voter a(scenario, "genius-annealer", seed);
    a.Announce(kV2, 0.1);              // the reference is 0.5
    EXPECT_TRUE(a.Accepts(kV3, 0.2));  // better: no draw
    const bool first = java.NextDouble() < std::exp((0.4 - 0.5) / 0.5);
    EXPECT_EQ(a.Accepts(kV1, 0.5), first);                                              // draw 1
    EXPECT_TRUE(a.Accepts(kV2, 0.5));                                                   // equal: no draw
    EXPECT_EQ(a.Accepts(kV0, 0.25), java.NextDouble() < std::exp((0.2 - 0.5) / 0.25));  // draw 2
    java.NextDouble();
    EXPECT_FALSE(a.Accepts(kV1, 0.0));                                                // draw 3, which nothing passes
    EXPECT_EQ(a.Accepts(kV1, 0.8), java.NextDouble() < std::exp((0.4 - 0.5) / 0.8));  // draw 4
    (first ? accepts : vetoes) += 1;
  }
  EXPECT_GT(accepts, 0);
  EXPECT_GT(vetoes, 0);
}

// Under a deadline in seconds the voters measure texts discounted at the time they are put, as
// GENIUS's do on a timeline in seconds; under one in rounds, undiscounted. A's discount factor is
// 0.5: v4 (0.9) accepted by all at t = 0.1 is worth 0.9 * 0.5^0.1 = 0.8397; at t = 0.5, v4 is worth
// 0.9 * 0.5^0.5 = 0.6364 and v5 1.0 * 0.5^0.5 = 0.7071, both less.
TEST(GeniusTextVoters, UnderAClockTheyCompareDiscountedUtilities) {
  const Scenario scenario = DealScenario();
  Voter clock(scenario, "genius-hill-climber", 1, 0, 10.0);
  EXPECT_TRUE(clock.Accepts(kV4, 0.1));
  clock.Announce(kV4, 0.1);
  EXPECT_FALSE(clock.Accepts(kV4, 0.5));
  EXPECT_FALSE(clock.Accepts(kV5, 0.5));
  EXPECT_TRUE(clock.Accepts(kV5, 0.1));  // 1.0 * 0.5^0.1 = 0.9330

  Voter rounds(scenario, "genius-hill-climber", 1, 10, 10.0);
  EXPECT_TRUE(rounds.Accepts(kV4, 0.1));
  rounds.Announce(kV4, 0.1);
  EXPECT_TRUE(rounds.Accepts(kV4, 0.5));
  EXPECT_TRUE(rounds.Accepts(kV5, 0.5));
  EXPECT_FALSE(rounds.Accepts(kV3, 0.5));
}

// Under saop they offer their best outcome and accept an offer worth their reservation value (0.3)
// that is at least as good as the best offer they accepted before (none at first).
TEST(GeniusTextVoters, UnderSaopTheyOfferTheirBestAndAcceptRationalOffersThatClimb) {
  const Scenario scenario = DealScenario();
  for (const char* name : {"genius-hill-climber", "genius-annealer"}) {
    SCOPED_TRACE(name);
    Voter a(scenario, name, 4);
    EXPECT_EQ(a.Opens(), kV5);
    EXPECT_FALSE(a.Accepts(kV0, 0.5, 1));  // 0.2, below 0.3
    EXPECT_TRUE(a.Accepts(kV1, 0.5, 1));   // 0.4, the first rational offer
    EXPECT_TRUE(a.Accepts(kV3, 0.5, 1));   // 0.6 >= 0.4
    EXPECT_TRUE(a.Accepts(kV3, 0.5, 1));   // 0.6 >= 0.6
    EXPECT_FALSE(a.Accepts(kV0, 0.9, 1));  // never below the reservation value
  }
  Voter climber(scenario, "genius-hill-climber", 4);
  EXPECT_TRUE(climber.Accepts(kV3, 0.5, 1));
  EXPECT_FALSE(climber.Accepts(kV2, 0.5, 1));  // 0.5 < 0.6

  // A whole negotiation: it holds out with its best outcome and takes B's first rational offer.
  NegotiationOptions options = testing::Rounds(20, 2);
  const auto result = RunNegotiation(scenario, {"genius-hill-climber", "boulware"}, options);
  ASSERT_FALSE(result.fault.has_value()) << result.fault->message;
  for (std::size_t i = 0; i < result.trace.size(); ++i) {
    const auto& step = result.trace.step(i);
    if (step.party == 0 && step.action == ActionType::kOffer) {
      EXPECT_EQ(result.trace.offer(i), kV5);
    }
    if (step.party == 0 && step.action == ActionType::kAccept) {
      EXPECT_GE(result.trace.utility(i, 0), 0.3);
    }
  }
}

}  // namespace
}  // namespace parley
