// Tests of NegMAS's TAU negotiators (negmas-cab, -can, -car, -wab, -war, -wan) on hand-made one-issue
// scenarios: their offer sequences (the ranking's tie rule, WAR's outcomes below the reservation
// value first), their acceptance per proposer, and whole TAU negotiations between them. Every
// expected value is worked out by hand from NegMAS's CABOfferingPolicy, WAROfferingPolicy,
// PresortingInverseUtilityFunction and acceptance policies (docs/strategies.md#negmas-tau-negotiators
// --cab-can-car-wab-war-wan); each test's comment gives the derivation.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fixtures.h"
#include "parley/negotiator.h"
#include "parley/protocol.h"
#include "parley/scenario.h"
#include "parley/utility.h"

namespace parley {
namespace {

constexpr double kA = 0, kB = 1, kC = 2, kD = 3;

// One issue with values a, b, c, ... (as many as the tables have entries); party p's utility is
// tables[p][option], its reservation value reservations[p].
Scenario MakeScenario(const std::vector<std::vector<double>>& tables, const std::vector<double>& reservations) {
  std::vector<std::string> names;
  for (std::size_t v = 0; v < tables[0].size(); ++v) names.push_back(std::string(1, static_cast<char>('a' + v)));
  auto space = std::make_shared<const OutcomeSpace>("options", std::vector<Issue>{Issue::Discrete("option", names)});
  std::vector<Profile> profiles;
  for (std::size_t p = 0; p < tables.size(); ++p) {
    auto utility = std::make_shared<const LinearAdditiveUtility>(
        space, std::vector<double>{1}, std::vector<ValueFunction>{ValueFunction::Table(tables[p])});
    profiles.emplace_back(std::string(1, static_cast<char>('A' + p)), utility, reservations[p], 1.0);
  }
  return Scenario("options", space, std::move(profiles));
}

NegotiationOptions Rounds(std::uint64_t rounds, std::uint64_t seed = 0) {
  NegotiationOptions options;
  options.rounds = rounds;
  options.seed = seed;
  return options;
}

// The options party `party` offered, in order (walk-aways left out).
std::vector<double> OffersOf(const Trace& trace, std::size_t party) {
  std::vector<double> offers;
  for (std::size_t i = 0; i < trace.size(); ++i) {
    if (trace.step(i).party == party && trace.step(i).action == ActionType::kOffer) offers.push_back(trace.offer(i)[0]);
  }
  return offers;
}

// A four-option space where the tested party (A) has two rational outcomes of equal utility:
//          a    b    c    d    reservation value
//   A:    .2   .9   .4   .9    .5
//   B:     1    0    0    0    0      (B only ever offers a)
// A's ranking (PresortingInverseUtilityFunction, rational_only): rational b, d sorted ascending
// stably (b, d), read from the best down with ties in reverse enumeration order: d, b; then the
// irrational ones in enumeration order: a, c.
const std::vector<std::vector<double>> kTieTables = {{.2, .9, .4, .9}, {1, 0, 0, 0}};

std::vector<double> SaopOffersOf(const std::string& spec) {
  using S = testing::ScriptedNegotiator;
  auto tested = NegotiatorRegistry::Create(spec);
  S partner({}, S::Offer({kA}));
  const NegotiationResult result =
      ProtocolRegistry::Create("saop")->Run(MakeScenario(kTieTables, {.5, 0}), {tested.get(), &partner}, Rounds(6));
  EXPECT_EQ(result.end_reason, EndReason::kDeadline) << spec;
  return OffersOf(result.trace, 0);
}

TEST(NegmasTauNegotiators, ConcedingOffersTheRationalOutcomesBestFirstThenRepeats) {
  // CABOfferingPolicy: outcome_at(0) = d, outcome_at(1) = b, outcome_at(2) = a is below the
  // reservation value: repeat b from then on. Partner's a (.2) is never accepted.
  for (const char* spec : {"negmas-cab", "negmas-can", "negmas-car"}) {
    EXPECT_EQ(SaopOffersOf(spec), (std::vector<double>{kD, kB, kB, kB, kB, kB})) << spec;
  }
}

TEST(NegmasTauNegotiators, WastingOffersTheIrrationalOutcomesLastFirstThenConcedes) {
  // WAROfferingPolicy: the irrational index starts at n - 1 = 3: outcome_at(3) = c (.4 < .5),
  // outcome_at(2) = a (.2); outcome_at(1) = b is rational: it switches and offers outcome_at(0) = d,
  // advancing as CAB does (the best is offered once); then b, then a is irrational: repeat b.
  for (const char* spec : {"negmas-wab", "negmas-war", "negmas-wan"}) {
    EXPECT_EQ(SaopOffersOf(spec), (std::vector<double>{kC, kA, kD, kB, kB, kB})) << spec;
  }
}

TEST(NegmasTauNegotiators, TwoCabsAgreeOnTheOutcomeBothFindRationalWhateverTheOrder) {
  //          a    b    c    reservation value
  //   A:     1   .6   .2    .5
  //   B:    .1   .7    1    .5
  // Round 0: A offers a (B: .1 < .5, rejects), B offers c (A: .2, rejects). Round 1: A offers b,
  // B's first acceptance in A's thread (.7 >= .5); B offers b, A accepts (.6 >= .5): b is proposed
  // and accepted by both once both threads are judged, whichever ran first: agreed in round 1.
  const Scenario scenario = MakeScenario({{1, .6, .2}, {.1, .7, 1}}, {.5, .5});
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    auto a = NegotiatorRegistry::Create("negmas-cab");
    auto b = NegotiatorRegistry::Create("negmas-cab");
    const NegotiationResult result =
        ProtocolRegistry::Create("tau")->Run(scenario, {a.get(), b.get()}, Rounds(10, seed));
    ASSERT_TRUE(result.agreement) << seed;
    EXPECT_EQ((*result.agreement)[0], kB);
    EXPECT_EQ(result.rounds, 2u);
    EXPECT_EQ(result.steps, 8u);
    EXPECT_DOUBLE_EQ(result.time, 2.0 / 11.0);
    EXPECT_EQ(OffersOf(result.trace, 0), (std::vector<double>{kA, kB}));
    EXPECT_EQ(OffersOf(result.trace, 1), (std::vector<double>{kC, kB}));
  }
}

TEST(NegmasTauNegotiators, TwoCabsWithNoCommonRationalOutcomeBreakOnRepeats) {
  //          a    b    c    reservation value
  //   A:     1   .3   .2    .5
  //   B:    .1   .3    1    .5
  // Round 0: A offers a, B offers c, both rejected. Round 1: each has no other rational outcome and
  // repeats: every party repeated, broken at round 1.
  const Scenario scenario = MakeScenario({{1, .3, .2}, {.1, .3, 1}}, {.5, .5});
  auto a = NegotiatorRegistry::Create("negmas-cab");
  auto b = NegotiatorRegistry::Create("negmas-cab");
  const NegotiationResult result = ProtocolRegistry::Create("tau")->Run(scenario, {a.get(), b.get()}, Rounds(10));
  EXPECT_FALSE(result.agreement);
  EXPECT_EQ(result.end_reason, EndReason::kEndedByParty);
  EXPECT_EQ(result.rounds, 2u);
  EXPECT_EQ(OffersOf(result.trace, 0), (std::vector<double>{kA, kA}));
}

TEST(NegmasTauNegotiators, TwoWarsWithEveryOutcomeRationalAgreeInRoundOne) {
  // Reservation values 0: nothing to waste, so WAR offers as CAB from its first proposal. Round 0:
  // A offers a, which B accepts (R: .1 >= 0); B offers c, which A accepts (.2 >= 0); neither is
  // proposed by both. Round 1: A offers b (its second), B accepts; B offers b, A accepts: agreed.
  const Scenario scenario = MakeScenario({{1, .6, .2}, {.1, .7, 1}}, {0, 0});
  auto a = NegotiatorRegistry::Create("negmas-war");
  auto b = NegotiatorRegistry::Create("negmas-war");
  const NegotiationResult result =
      ProtocolRegistry::Create("tau(shuffle=false)")->Run(scenario, {a.get(), b.get()}, Rounds(10));
  ASSERT_TRUE(result.agreement);
  EXPECT_EQ((*result.agreement)[0], kB);
  EXPECT_EQ(result.rounds, 2u);
}

// A party that proposes from a script and records nothing else; used as the proposer whose offers
// the tested negotiator answers.
class Proposer final : public Negotiator {
 public:
  explicit Proposer(std::vector<double> offers) : offers_(std::move(offers)) {}
  void Begin(const NegotiatorContext&) override {}
  ActionType Act(const TurnState&, Outcome& proposal) override {
    proposal[0] = offers_[std::min(made_++, offers_.size() - 1)];
    return ActionType::kOffer;
  }
  Vote VoteOn(const VoteRequest&, Outcome&) override { return Vote::kVeto; }

 private:
  std::vector<double> offers_;
  std::size_t made_ = 0;
};

// The responses (true: accept) of party 0, `spec`, to party 1's offers of b, c, d, a in rounds 0..3
// (party 1 never repeats or returns, so the negotiation runs its four rounds).
std::vector<bool> ResponsesTo(const std::string& spec) {
  //          a    b    c    d    reservation value
  //   A:    .7   .6   .6   .5    .55
  const Scenario scenario = MakeScenario({{.7, .6, .6, .5}, {1, 1, 1, 1}}, {.55, 0});
  auto tested = NegotiatorRegistry::Create(spec);
  Proposer proposer({kB, kC, kD, kA});
  const NegotiationResult result =
      ProtocolRegistry::Create("tau(shuffle=false)")->Run(scenario, {tested.get(), &proposer}, Rounds(4));
  std::vector<bool> responses;
  for (std::size_t i = 0; i < result.trace.size(); ++i) {
    const Trace::Step& step = result.trace.step(i);
    if (step.party == 0 && step.action != ActionType::kOffer) responses.push_back(step.action == ActionType::kAccept);
  }
  return responses;
}

TEST(NegmasTauNegotiators, AcceptancePerProposer) {
  // Offers b (.6), c (.6), d (.5), a (.7) against a reservation value of .55:
  //  B: b is a first rational offer: accept; c is not strictly better than b: reject; d: reject;
  //     a (.7 > .6): accept.
  //  N: b: accept; c (.6 >= .6): accept; d (.5 < .6): reject; a: accept.
  //  R: b, c, a are rational, d is not.
  // Party 0 offers its own outcomes meanwhile, which the proposer rejects: CAB a, c, b (ties in
  // reverse enumeration order), then repeats b; WAR d (below .55), then a, c, b.
  EXPECT_EQ(ResponsesTo("negmas-cab"), (std::vector<bool>{true, false, false, true}));
  EXPECT_EQ(ResponsesTo("negmas-can"), (std::vector<bool>{true, true, false, true}));
  EXPECT_EQ(ResponsesTo("negmas-car"), (std::vector<bool>{true, true, false, true}));
  EXPECT_EQ(ResponsesTo("negmas-wab"), (std::vector<bool>{true, false, false, true}));
  EXPECT_EQ(ResponsesTo("negmas-wan"), (std::vector<bool>{true, true, false, true}));
  EXPECT_EQ(ResponsesTo("negmas-war"), (std::vector<bool>{true, true, false, true}));
}

TEST(NegmasTauNegotiators, UnderSaopTheyAcceptByTheirAcceptancePolicy) {
  // CAB under saop against a partner offering b then a: A's table b (.6 >= .55, a first rational
  // offer): accepted at once.
  using S = testing::ScriptedNegotiator;
  const Scenario scenario = MakeScenario({{1, 1, 1, 1}, {.7, .6, .6, .5}}, {0, .55});
  auto tested = NegotiatorRegistry::Create("negmas-cab");
  S partner({S::Offer({kB})}, S::Offer({kA}));
  const NegotiationResult result = ProtocolRegistry::Create("saop")->Run(scenario, {&partner, tested.get()}, Rounds(5));
  ASSERT_TRUE(result.agreement);
  EXPECT_EQ((*result.agreement)[0], kB);
  EXPECT_EQ(result.steps, 2u);
}

}  // namespace
}  // namespace parley
