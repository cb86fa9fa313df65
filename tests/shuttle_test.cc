// Tests of the shuttle protocol ("shuttle") and its mediators: with the forwarding mediator it
// reproduces stacked alternating offers exactly; a party sees only what the mediator delivers to
// it (never a withheld offer, another party's acceptance or another party's profile); replaced
// offers come from the mediator and need everyone's acceptance; profiles reach the mediators only
// when disclosed; faults of negotiators and mediators end the negotiation with the right party;
// the package and withhold mediators keep their promises.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "fixtures.h"
#include "parley/error.h"
#include "parley/mediator.h"
#include "parley/protocol.h"
#include "parley/random.h"
#include "parley/scenario.h"
#include "test_support.h"

namespace parley {
namespace {

using testing::RandomLinearScenario;
using testing::ScriptedNegotiator;

// The scripted shuttle mediator of fixtures.h: a fixed list of relay decisions, then forwarding.
using ScriptedMediator = testing::ScriptedRelay;

// Wraps a registered negotiator and records every offer shown to it (on its table or observed),
// with its own utility of it.
class RecordingNegotiator final : public Negotiator {
 public:
  struct Shown {
    std::size_t from;  // the offerer, or the party count for the mediator
    Outcome offer;
    double utility;
    double time;
  };

  explicit RecordingNegotiator(const std::string& spec) : inner_(NegotiatorRegistry::Create(spec)) {}

  void Begin(const NegotiatorContext& context) override {
    party_ = context.party;
    inner_->Begin(context);
  }
  ActionType Act(const TurnState& state, Outcome& proposal) override {
    if (state.current_offer)
      table_.push_back({state.offerer, *state.current_offer, state.current_offer_utility, state.time});
    return inner_->Act(state, proposal);
  }
  void Observe(const ObservedAction& action) override {
    observed_types_.push_back(action.type);
    if (action.offer) observed_.push_back({action.party, *action.offer, action.offer_utility, action.time});
    inner_->Observe(action);
  }
  void Finish(const NegotiationResult& result) override { inner_->Finish(result); }

  std::size_t party() const { return party_; }
  const std::vector<Shown>& table() const { return table_; }
  const std::vector<Shown>& observed() const { return observed_; }
  const std::vector<ActionType>& observed_types() const { return observed_types_; }

 private:
  std::unique_ptr<Negotiator> inner_;
  std::size_t party_ = 0;
  std::vector<Shown> table_;
  std::vector<Shown> observed_;
  std::vector<ActionType> observed_types_;
};

NegotiationOptions Rounds(std::uint64_t rounds, std::uint64_t seed = 7) {
  NegotiationOptions options;
  options.rounds = rounds;
  options.seed = seed;
  return options;
}

NegotiationResult RunShuttle(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                             const std::vector<Mediator*>& mediators, const NegotiationOptions& options,
                             std::string_view protocol = "shuttle") {
  return ProtocolRegistry::Create(protocol)->Run(scenario, negotiators, mediators, options);
}

NegotiationResult RunScripted(const Scenario& scenario, const std::vector<ScriptedNegotiator*>& parties,
                              const std::vector<Mediator*>& mediators, const NegotiationOptions& options,
                              std::string_view protocol = "shuttle") {
  return RunShuttle(scenario, std::vector<Negotiator*>(parties.begin(), parties.end()), mediators, options, protocol);
}

void ExpectFault(const NegotiationResult& result, std::size_t party) {
  EXPECT_EQ(result.end_reason, EndReason::kFault);
  ASSERT_TRUE(result.fault.has_value());
  EXPECT_EQ(result.fault->party, party);
  EXPECT_FALSE(result.fault->message.empty());
  EXPECT_FALSE(result.agreement.has_value());
}

void ExpectIdentical(const NegotiationResult& saop, const NegotiationResult& shuttle) {
  EXPECT_EQ(saop.end_reason, shuttle.end_reason);
  EXPECT_EQ(saop.fault.has_value(), shuttle.fault.has_value());
  ASSERT_EQ(saop.agreement.has_value(), shuttle.agreement.has_value());
  if (saop.agreement) {
    EXPECT_EQ(*saop.agreement, *shuttle.agreement);
  }
  EXPECT_EQ(saop.steps, shuttle.steps);
  EXPECT_EQ(saop.rounds, shuttle.rounds);
  EXPECT_EQ(saop.time, shuttle.time);
  EXPECT_EQ(saop.utilities, shuttle.utilities);
  EXPECT_EQ(saop.undiscounted_utilities, shuttle.undiscounted_utilities);
  ASSERT_EQ(saop.trace.size(), shuttle.trace.size());
  for (std::size_t i = 0; i < saop.trace.size(); ++i) {
    SCOPED_TRACE(::testing::Message() << "trace entry " << i);
    const Trace::Step& a = saop.trace.step(i);
    const Trace::Step& b = shuttle.trace.step(i);
    EXPECT_EQ(a.step, b.step);
    EXPECT_EQ(a.round, b.round);
    EXPECT_EQ(a.time, b.time);
    EXPECT_EQ(a.party, b.party);
    EXPECT_EQ(a.action, b.action);
    ASSERT_EQ(saop.trace.has_offer(i), shuttle.trace.has_offer(i));
    if (saop.trace.has_offer(i)) {
      EXPECT_EQ(saop.trace.offer(i), shuttle.trace.offer(i));
      for (std::size_t p = 0; p < saop.trace.party_count(); ++p) {
        EXPECT_EQ(saop.trace.utility(i, p), shuttle.trace.utility(i, p));
      }
    }
  }
}

// The negotiators the SAOP-equivalence property is claimed for: they react only to their turn
// states and the offers they observe, not to acceptance counts or others' acceptances, which the
// shuttle mediator does not pass on.
const std::vector<std::string> kEquivalentNegotiators = {
    "hardliner", "random",       "random(accept=0.6,end=0.02)", "random(rational=false)", "time", "boulware",
    "conceder",  "absolute-tft", "absolute-tft(k=0.5)"};

void CompareWithSaop(const Scenario& scenario, const std::vector<std::string>& specs, const NegotiationOptions& options,
                     const std::string& protocol, const std::string& mediator) {
  std::string names;
  for (const auto& spec : specs) names += spec + " ";
  SCOPED_TRACE("scenario " + scenario.name() + ", negotiators " + names + ", " + protocol + " with " + mediator);
  const NegotiationResult saop = RunNegotiation(scenario, specs, options, "saop");
  const NegotiationResult shuttle = RunNegotiation(scenario, specs, options, protocol, {mediator});
  ExpectIdentical(saop, shuttle);
}

TEST(ShuttleEquivalence, ForwardingReproducesSaopForEveryPairOfNegotiators) {
  for (std::uint64_t seed = 0; seed < 8; ++seed) {
    const Scenario scenario = RandomLinearScenario(100 + seed, 2, 2 + seed % 3, seed % 2 == 1);
    for (const auto& first : kEquivalentNegotiators) {
      for (const auto& second : kEquivalentNegotiators) {
        CompareWithSaop(scenario, {first, second}, Rounds(10 + 7 * seed, seed), "shuttle", "forward");
      }
    }
  }
}

TEST(ShuttleEquivalence, ForwardingReproducesSaopWithThreeParties) {
  Rng rng(2024);
  for (std::uint64_t seed = 0; seed < 12; ++seed) {
    const Scenario scenario = RandomLinearScenario(200 + seed, 3, 2 + seed % 3, seed % 2 == 0);
    for (int trial = 0; trial < 25; ++trial) {
      std::vector<std::string> specs;
      for (int p = 0; p < 3; ++p)
        specs.push_back(kEquivalentNegotiators[rng.UniformInt(kEquivalentNegotiators.size())]);
      CompareWithSaop(scenario, specs, Rounds(5 + rng.UniformInt(40), rng.Next()),
                      seed % 3 == 0 ? "shuttle(disclosed=true)" : "shuttle", "forward");
    }
  }
}

TEST(ShuttleEquivalence, MediatorsWithoutDisclosureForward) {
  // Without the parties' preferences neither filter nor package mediator has grounds to act.
  Rng rng(99);
  for (std::uint64_t seed = 0; seed < 6; ++seed) {
    const std::size_t parties = 2 + seed % 2;
    const Scenario scenario = RandomLinearScenario(300 + seed, parties, 3, seed % 3 == 0);
    for (int trial = 0; trial < 10; ++trial) {
      std::vector<std::string> specs;
      for (std::size_t p = 0; p < parties; ++p) {
        specs.push_back(kEquivalentNegotiators[rng.UniformInt(kEquivalentNegotiators.size())]);
      }
      CompareWithSaop(scenario, specs, Rounds(30, seed), "shuttle", "withhold");
      CompareWithSaop(scenario, specs, Rounds(30, seed), "shuttle", "package(every=1)");
    }
  }
}

TEST(ShuttleEquivalence, TraceIsRecordedOnlyWhenAsked) {
  const Scenario scenario = RandomLinearScenario(5, 2, 3);
  NegotiationOptions options = Rounds(20);
  options.record_trace = false;
  const auto result = RunNegotiation(scenario, {"boulware", "conceder"}, options, "shuttle", {"forward"});
  EXPECT_EQ(result.trace.size(), 0u);
  EXPECT_EQ(result.mediators, std::vector<std::string>{"forward"});
}

// Outcomes of a small random scenario, for scripted tests.
struct Fixture {
  explicit Fixture(std::size_t parties) : scenario(RandomLinearScenario(41, parties, 2)) {
    for (OutcomeIndex i = 0; i < 3; ++i) outcomes.push_back(scenario.space().OutcomeAt(i).values());
  }
  double Utility(std::size_t party, const std::vector<double>& values) const {
    return scenario.profile(party).Utility(Outcome(values));
  }
  Scenario scenario;
  std::vector<std::vector<double>> outcomes;
};

bool Saw(const ScriptedNegotiator& party, const std::vector<double>& values) {
  for (const auto& turn : party.turns()) {
    if (turn.offer && turn.offer->values() == values) return true;
  }
  for (const auto& seen : party.seen()) {
    if (seen.offer && seen.offer->values() == values) return true;
  }
  return false;
}

TEST(ShuttleInformation, WithheldOffersAndAcceptancesAreNeverShown) {
  const Fixture f(3);
  const auto& x = f.outcomes[0];
  const auto& y = f.outcomes[1];
  // 0 A offers X (forwarded), 1 B offers Y (withheld), 2 C accepts X, 3 A accepts its own X (adds
  // nothing), 4 B accepts X: B and C have accepted, so X is agreed.
  ScriptedNegotiator a({ScriptedNegotiator::Offer(x), ScriptedNegotiator::Accept()});
  ScriptedNegotiator b({ScriptedNegotiator::Offer(y), ScriptedNegotiator::Accept()});
  ScriptedNegotiator c({ScriptedNegotiator::Accept()});
  ScriptedMediator mediator({ScriptedMediator::Forward(), ScriptedMediator::Withhold()});
  const auto result = RunScripted(f.scenario, {&a, &b, &c}, {&mediator}, Rounds(4));

  ASSERT_EQ(result.end_reason, EndReason::kAgreement);
  EXPECT_EQ(result.agreement->values(), x);
  EXPECT_EQ(result.steps, 5u);
  EXPECT_FALSE(Saw(a, y));
  EXPECT_FALSE(Saw(c, y));

  // Only deliveries are observed: C and B see X from A; A (its author) sees nothing.
  EXPECT_TRUE(a.seen().empty());
  for (const ScriptedNegotiator* party : {&b, &c}) {
    ASSERT_EQ(party->seen().size(), 1u);
    EXPECT_EQ(party->seen()[0].party, 0u);
    EXPECT_EQ(party->seen()[0].type, ActionType::kOffer);
    EXPECT_EQ(party->seen()[0].step, 0u);
    EXPECT_EQ(party->seen()[0].offer->values(), x);
  }
  EXPECT_DOUBLE_EQ(c.seen()[0].offer_utility, f.Utility(2, x));

  // B's second turn shows X from A with no acceptances, though C has accepted it.
  ASSERT_EQ(b.turns().size(), 2u);
  EXPECT_EQ(b.turns()[1].offer->values(), x);
  EXPECT_EQ(b.turns()[1].offerer, 0u);
  EXPECT_EQ(b.turns()[1].acceptances, 0u);
  EXPECT_DOUBLE_EQ(b.turns()[1].offer_utility, f.Utility(1, x));
  // A's own offer stays on its table.
  ASSERT_EQ(a.turns().size(), 2u);
  EXPECT_EQ(a.turns()[1].offer->values(), x);
  EXPECT_EQ(a.turns()[1].offerer, 0u);

  // The mediator hears everything.
  ASSERT_EQ(mediator.relayed().size(), 2u);
  EXPECT_EQ(mediator.relayed()[0].state.from, 0u);
  EXPECT_EQ(mediator.relayed()[0].state.step, 0u);
  EXPECT_FALSE(mediator.relayed()[0].delivered.has_value());
  EXPECT_EQ(mediator.relayed()[1].state.from, 1u);
  EXPECT_EQ(mediator.relayed()[1].offer.values(), y);
  EXPECT_EQ(mediator.relayed()[1].delivered->values(), x);
  EXPECT_DOUBLE_EQ(mediator.relayed()[1].state.time, 1.0 / 5.0);  // step 1: round 1 of 4
  ASSERT_EQ(mediator.acceptances().size(), 3u);
  EXPECT_EQ(mediator.acceptances()[0].first, 2u);
  EXPECT_EQ(mediator.acceptances()[1].first, 0u);
  EXPECT_EQ(mediator.acceptances()[2].first, 1u);
  for (const auto& [party, offer] : mediator.acceptances()) EXPECT_EQ(offer.values(), x);

  // The trace records what each party did, the withheld offer included.
  ASSERT_EQ(result.trace.size(), 5u);
  EXPECT_EQ(result.trace.step(1).party, 1u);
  EXPECT_EQ(result.trace.step(1).action, ActionType::kOffer);
  EXPECT_EQ(result.trace.offer(1).values(), y);
  EXPECT_EQ(result.trace.offer(2).values(), x);
}

TEST(ShuttleInformation, RepeatedAcceptanceCountsOnce) {
  const Fixture f(3);
  const auto& x = f.outcomes[0];
  const auto& y = f.outcomes[1];
  // 0 A offers X, 1 B accepts, 2 C offers Y (withheld), 3 A offers Y (withheld), 4 B accepts X again:
  // still only B's acceptance, so no agreement; 5 C accepts: agreed.
  ScriptedNegotiator a({ScriptedNegotiator::Offer(x), ScriptedNegotiator::Offer(y)});
  ScriptedNegotiator b({ScriptedNegotiator::Accept(), ScriptedNegotiator::Accept()});
  ScriptedNegotiator c({ScriptedNegotiator::Offer(y), ScriptedNegotiator::Accept()});
  ScriptedMediator mediator({ScriptedMediator::Forward(), ScriptedMediator::Withhold(), ScriptedMediator::Withhold()});
  const auto result = RunScripted(f.scenario, {&a, &b, &c}, {&mediator}, Rounds(4));
  ASSERT_EQ(result.end_reason, EndReason::kAgreement);
  EXPECT_EQ(result.agreement->values(), x);
  EXPECT_EQ(result.steps, 6u);
}

TEST(ShuttleInformation, ReplacedOfferComesFromTheMediatorAndNeedsEveryone) {
  const Fixture f(3);
  const auto& x = f.outcomes[0];
  const auto& z = f.outcomes[2];
  // 0 A offers X, replaced by Z; 1 B accepts Z; 2 C accepts Z; not yet agreed: 3 A accepts Z.
  ScriptedNegotiator a({ScriptedNegotiator::Offer(x), ScriptedNegotiator::Accept()});
  ScriptedNegotiator b({ScriptedNegotiator::Accept()});
  ScriptedNegotiator c({ScriptedNegotiator::Accept()});
  ScriptedMediator mediator({ScriptedMediator::Replace(z)});
  const auto result = RunScripted(f.scenario, {&a, &b, &c}, {&mediator}, Rounds(4));

  ASSERT_EQ(result.end_reason, EndReason::kAgreement);
  EXPECT_EQ(result.agreement->values(), z);
  EXPECT_EQ(result.steps, 4u);
  const double t = 2.0 / 5.0;  // step 3: round 2 of 4
  EXPECT_DOUBLE_EQ(result.time, t);
  for (std::size_t p = 0; p < 3; ++p) {
    EXPECT_DOUBLE_EQ(result.utilities[p], f.scenario.profile(p).DiscountedUtility(Outcome(z), t)) << p;
  }
  EXPECT_FALSE(Saw(b, x));
  EXPECT_FALSE(Saw(c, x));
  const ScriptedNegotiator* parties[] = {&a, &b, &c};
  for (std::size_t p = 0; p < 3; ++p) {
    SCOPED_TRACE(::testing::Message() << "party " << p);
    const ScriptedNegotiator& party = *parties[p];
    // Everyone, the offerer included, is shown the package as coming from the mediator.
    ASSERT_EQ(party.seen().size(), 1u);
    EXPECT_EQ(party.seen()[0].party, 3u);
    EXPECT_EQ(party.seen()[0].type, ActionType::kOffer);
    EXPECT_EQ(party.seen()[0].offer->values(), z);
    EXPECT_DOUBLE_EQ(party.seen()[0].offer_utility, f.Utility(p, z));
    const auto& last = party.turns().back();
    ASSERT_TRUE(last.offer.has_value());
    EXPECT_EQ(last.offer->values(), z);
    EXPECT_EQ(last.offerer, 3u);
    EXPECT_EQ(last.acceptances, 0u);
  }
  // The trace shows A's own offer, the package as the mediator's offer at the same step, and the
  // acceptances of the package.
  ASSERT_EQ(result.trace.size(), 5u);
  EXPECT_EQ(result.trace.offer(0).values(), x);
  EXPECT_EQ(result.trace.step(0).party, 0u);
  EXPECT_EQ(result.trace.step(1).party, 3u);
  EXPECT_EQ(result.trace.step(1).step, 0u);
  EXPECT_EQ(result.trace.step(1).action, ActionType::kOffer);
  for (std::size_t p = 0; p < 3; ++p) EXPECT_DOUBLE_EQ(result.trace.utility(1, p), f.Utility(p, z));
  for (std::size_t i = 1; i < 5; ++i) EXPECT_EQ(result.trace.offer(i).values(), z);
  for (std::size_t i = 2; i < 5; ++i) EXPECT_EQ(result.trace.step(i).action, ActionType::kAccept);
}

TEST(ShuttleInformation, TwoPartyPackageNeedsTheOfferersAcceptanceToo) {
  const Fixture f(2);
  const auto& x = f.outcomes[0];
  const auto& y = f.outcomes[1];
  const auto& z = f.outcomes[2];
  // 0 A offers X -> Z; 1 B accepts Z (not enough); 2 A offers X again -> forwarded; 3 B offers Y
  // -> forwarded; the deadline passes.
  ScriptedNegotiator a({ScriptedNegotiator::Offer(x), ScriptedNegotiator::Offer(x)}, ScriptedNegotiator::Offer(x));
  ScriptedNegotiator b({ScriptedNegotiator::Accept()}, ScriptedNegotiator::Offer(y));
  ScriptedMediator mediator({ScriptedMediator::Replace(z)});
  const auto result = RunScripted(f.scenario, {&a, &b}, {&mediator}, Rounds(2));
  EXPECT_EQ(result.end_reason, EndReason::kDeadline);
  EXPECT_FALSE(result.agreement.has_value());
  EXPECT_EQ(result.steps, 4u);
  ASSERT_EQ(a.turns().size(), 2u);
  EXPECT_EQ(a.turns()[1].offer->values(), z);
  EXPECT_EQ(a.turns()[1].offerer, 2u);
  // A sees the package and then B's Y; B sees the package and then A's X.
  ASSERT_EQ(a.seen().size(), 2u);
  EXPECT_EQ(a.seen()[1].party, 1u);
  ASSERT_EQ(b.seen().size(), 2u);
  EXPECT_EQ(b.seen()[0].party, 2u);
  EXPECT_EQ(b.seen()[1].party, 0u);
  EXPECT_EQ(b.seen()[1].offer->values(), x);
}

TEST(ShuttleInformation, WalkingAwayEndsItWithoutTellingTheOthers) {
  const Fixture f(3);
  ScriptedNegotiator a({ScriptedNegotiator::Offer(f.outcomes[0])});
  ScriptedNegotiator b({ScriptedNegotiator::End()});
  ScriptedNegotiator c({});
  ScriptedMediator mediator;
  const auto result = RunScripted(f.scenario, {&a, &b, &c}, {&mediator}, Rounds(4));
  EXPECT_EQ(result.end_reason, EndReason::kEndedByParty);
  EXPECT_EQ(result.steps, 2u);
  EXPECT_TRUE(a.seen().empty());
  EXPECT_EQ(c.seen().size(), 1u);  // only A's offer
  EXPECT_EQ(a.finish_reason(), EndReason::kEndedByParty);
  EXPECT_EQ(c.finish_reason(), EndReason::kEndedByParty);
}

TEST(ShuttleInformation, PartiesGetOnlyTheirOwnProfileEvenWhenDisclosed) {
  const Fixture f(3);
  for (const char* protocol : {"shuttle", "shuttle(disclosed=true)"}) {
    SCOPED_TRACE(protocol);
    ScriptedNegotiator a({}, ScriptedNegotiator::Offer(f.outcomes[0]));
    ScriptedNegotiator b({}, ScriptedNegotiator::Offer(f.outcomes[1]));
    ScriptedNegotiator c({}, ScriptedNegotiator::Offer(f.outcomes[2]));
    ScriptedMediator mediator({ScriptedMediator::Replace(f.outcomes[2])});
    RunScripted(f.scenario, {&a, &b, &c}, {&mediator}, Rounds(3), protocol);
    const ScriptedNegotiator* parties[] = {&a, &b, &c};
    for (std::size_t p = 0; p < 3; ++p) {
      const auto& context = parties[p]->context();
      EXPECT_EQ(context.profile, &f.scenario.profile(p));
      EXPECT_EQ(context.party, p);
      EXPECT_EQ(context.party_count, 3u);
      // Every utility a party is shown is its own.
      for (const auto& seen : parties[p]->seen()) {
        EXPECT_DOUBLE_EQ(seen.offer_utility, f.Utility(p, seen.offer->values()));
      }
      for (const auto& turn : parties[p]->turns()) {
        if (turn.offer) {
          EXPECT_DOUBLE_EQ(turn.offer_utility, f.Utility(p, turn.offer->values()));
        }
      }
    }
  }
}

TEST(ShuttleDisclosure, MediatorsGetProfilesOnlyWhenDisclosed) {
  const Fixture f(3);
  for (const bool disclosed : {false, true}) {
    SCOPED_TRACE(disclosed ? "disclosed" : "not disclosed");
    ScriptedNegotiator a({ScriptedNegotiator::End()}), b({}), c({});
    ScriptedMediator lead, co;
    RunScripted(f.scenario, {&a, &b, &c}, {&lead, &co}, Rounds(6, 1234),
                disclosed ? "shuttle(disclosed=true)" : "shuttle(disclosed=false)");
    const ScriptedMediator* mediators[] = {&lead, &co};
    for (std::size_t m = 0; m < 2; ++m) {
      const MediatorContext& context = mediators[m]->context();
      EXPECT_EQ(mediators[m]->begin_calls(), 1);
      EXPECT_EQ(context.space, &f.scenario.space());
      EXPECT_EQ(context.party_count, 3u);
      EXPECT_EQ(context.mediator, m);
      EXPECT_EQ(context.mediator_count, 2u);
      EXPECT_EQ(context.max_rounds, 6u);
      EXPECT_EQ(context.seed, DeriveSeed(1234, {1000 + m}));
      EXPECT_EQ(context.own_interests, nullptr);
      ASSERT_EQ(context.disclosed.size(), 3u);
      for (std::size_t p = 0; p < 3; ++p) {
        EXPECT_EQ(context.disclosed[p], disclosed ? &f.scenario.profile(p) : nullptr);
      }
    }
  }
  // The default is not to disclose.
  ScriptedNegotiator a({ScriptedNegotiator::End()}), b({}), c({});
  ScriptedMediator lead;
  RunScripted(f.scenario, {&a, &b, &c}, {&lead}, Rounds(6));
  for (const Profile* profile : lead.context().disclosed) EXPECT_EQ(profile, nullptr);
}

TEST(ShuttleDisclosure, OnlyTheLeadRelays) {
  const Fixture f(2);
  ScriptedNegotiator a({}, ScriptedNegotiator::Offer(f.outcomes[0]));
  ScriptedNegotiator b({}, ScriptedNegotiator::Offer(f.outcomes[1]));
  ScriptedMediator lead, co({ScriptedMediator::Throw()});
  const auto result = RunScripted(f.scenario, {&a, &b}, {&lead, &co}, Rounds(3));
  EXPECT_EQ(result.end_reason, EndReason::kDeadline);
  EXPECT_EQ(lead.relayed().size(), 6u);
  EXPECT_TRUE(co.relayed().empty());
}

TEST(ShuttleSetup, UsageErrors) {
  const Fixture f(2);
  ScriptedNegotiator a({}), b({});
  ScriptedMediator mediator;
  EXPECT_THROW(RunScripted(f.scenario, {&a, &b}, {}, Rounds(3)), UsageError);
  EXPECT_THROW(RunScripted(f.scenario, {&a}, {&mediator}, Rounds(3)), UsageError);
  EXPECT_THROW(RunScripted(f.scenario, {&a, &b}, {&mediator}, NegotiationOptions{}), UsageError);
  EXPECT_THROW(RunScripted(f.scenario, {&a, &b}, {nullptr}, Rounds(3)), UsageError);
  EXPECT_THROW(ProtocolRegistry::Create("shuttle(disclosed=maybe)")->Run(f.scenario, {&a, &b}, {&mediator}, Rounds(3)),
               UsageError);
  EXPECT_THROW(ProtocolRegistry::Create("shuttle(secret=1)"), UsageError);
  EXPECT_EQ(a.begin_calls(), 0);
  EXPECT_EQ(mediator.begin_calls(), 0);
  EXPECT_THROW(MediatorRegistry::Create("package(every=-1)"), UsageError);
  EXPECT_THROW(MediatorRegistry::Create("package(samples=0)"), UsageError);
  // A mediator from this family does not run single-text negotiations.
  auto forward = MediatorRegistry::Create("forward");
  Outcome text;
  EXPECT_THROW(forward->ProposeText(TextState{}, text), UsageError);
}

TEST(ShuttleFaults, MediatorThrowingInRelayIsItsFault) {
  const Fixture f(3);
  ScriptedNegotiator a({ScriptedNegotiator::Offer(f.outcomes[0])});
  ScriptedNegotiator b({ScriptedNegotiator::Offer(f.outcomes[1])});
  ScriptedNegotiator c({});
  ScriptedMediator mediator({ScriptedMediator::Forward(), ScriptedMediator::Throw()});
  const auto result = RunScripted(f.scenario, {&a, &b, &c}, {&mediator}, Rounds(4));
  ExpectFault(result, 3);
  EXPECT_NE(result.fault->message.find("scripted mediator failure in Relay"), std::string::npos)
      << result.fault->message;
  EXPECT_EQ(result.fault->message.rfind("mediator 0 ", 0), 0u) << result.fault->message;
  EXPECT_EQ(result.steps, 2u);
  EXPECT_DOUBLE_EQ(result.time, 1.0 / 5.0);  // step 1: round 1 of 4
  EXPECT_TRUE(c.turns().empty());
  EXPECT_EQ(c.seen().size(), 1u);  // A's offer only
  for (std::size_t p = 0; p < 3; ++p) {
    EXPECT_DOUBLE_EQ(result.utilities[p], f.scenario.profile(p).DiscountedReservationValue(1.0 / 12.0));
  }
  EXPECT_EQ(a.finish_reason(), EndReason::kFault);
}

TEST(ShuttleFaults, MediatorThrowingWhenToldOfAnAcceptanceIsItsFault) {
  const Fixture f(2);
  ScriptedNegotiator a({ScriptedNegotiator::Offer(f.outcomes[0])});
  ScriptedNegotiator b({ScriptedNegotiator::Accept()});
  ScriptedMediator mediator;
  mediator.set_throw_on_acceptance(true);
  const auto result = RunScripted(f.scenario, {&a, &b}, {&mediator}, Rounds(4));
  ExpectFault(result, 2);  // the acceptance would have been an agreement
  EXPECT_NE(result.fault->message.find("ObserveAcceptance"), std::string::npos) << result.fault->message;
}

TEST(ShuttleFaults, InvalidOrUnknownRelayDecisionsAreTheMediatorsFault) {
  const Fixture f(2);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<ScriptedMediator::Move> bad = {ScriptedMediator::Replace({}),
                                                   ScriptedMediator::Replace({0}),
                                                   ScriptedMediator::Replace({0, 0, 1, 1}),
                                                   ScriptedMediator::Replace({0, 99, 1}),
                                                   ScriptedMediator::Replace({nan, 0, 1}),
                                                   ScriptedMediator::Shrink(),
                                                   ScriptedMediator::Unknown()};
  for (std::size_t i = 0; i < bad.size(); ++i) {
    SCOPED_TRACE(::testing::Message() << "bad move " << i);
    ScriptedNegotiator a({ScriptedNegotiator::Offer(f.outcomes[0])});
    ScriptedNegotiator b({});
    ScriptedMediator mediator({bad[i]});
    const auto result = RunScripted(f.scenario, {&a, &b}, {&mediator}, Rounds(4));
    ExpectFault(result, 2);
    EXPECT_TRUE(b.seen().empty());
    EXPECT_TRUE(b.turns().empty());
  }
}

TEST(ShuttleFaults, MediatorFailingToStartIsAFaultOfItsIndex) {
  const Fixture f(2);
  ScriptedNegotiator a({}, ScriptedNegotiator::Offer(f.outcomes[0]));
  ScriptedNegotiator b({}, ScriptedNegotiator::Offer(f.outcomes[1]));
  ScriptedMediator lead, co;
  co.set_throw_in_begin(true);
  const auto result = RunScripted(f.scenario, {&a, &b}, {&lead, &co}, Rounds(4));
  ExpectFault(result, 3);  // party count 2 + mediator 1
  EXPECT_EQ(result.fault->message.rfind("mediator 1 ", 0), 0u) << result.fault->message;
  EXPECT_EQ(result.steps, 0u);
  EXPECT_TRUE(a.turns().empty());
  EXPECT_EQ(a.finish_calls(), 1);
  EXPECT_EQ(b.finish_calls(), 1);
}

TEST(ShuttleFaults, NegotiatorFaultsAreAsInSaop) {
  const Fixture f(3);
  const auto& x = f.outcomes[0];
  {
    SCOPED_TRACE("throwing in a turn");
    ScriptedNegotiator a({ScriptedNegotiator::Offer(x)});
    ScriptedNegotiator b({ScriptedNegotiator::Throw("boom in act")});
    ScriptedNegotiator c({});
    ScriptedMediator mediator;
    const auto result = RunScripted(f.scenario, {&a, &b, &c}, {&mediator}, Rounds(4));
    ExpectFault(result, 1);
    EXPECT_NE(result.fault->message.find("boom in act"), std::string::npos);
  }
  {
    SCOPED_TRACE("invalid offer: never reaches the mediator");
    ScriptedNegotiator a({ScriptedNegotiator::Offer({0, 99, 1})});
    ScriptedNegotiator b({}), c({});
    ScriptedMediator mediator;
    const auto result = RunScripted(f.scenario, {&a, &b, &c}, {&mediator}, Rounds(4));
    ExpectFault(result, 0);
    EXPECT_TRUE(mediator.relayed().empty());
    EXPECT_TRUE(b.seen().empty());
  }
  {
    SCOPED_TRACE("accepting with nothing on the table: a withheld offer leaves the table empty");
    ScriptedNegotiator a({ScriptedNegotiator::Offer(x)});
    ScriptedNegotiator b({ScriptedNegotiator::Accept()});
    ScriptedNegotiator c({});
    ScriptedMediator mediator({ScriptedMediator::Withhold()});
    const auto result = RunScripted(f.scenario, {&a, &b, &c}, {&mediator}, Rounds(4));
    ExpectFault(result, 1);
    EXPECT_TRUE(mediator.acceptances().empty());
  }
  {
    SCOPED_TRACE("unknown action");
    ScriptedNegotiator a({ScriptedNegotiator::BadAction()});
    ScriptedNegotiator b({}), c({});
    ScriptedMediator mediator;
    ExpectFault(RunScripted(f.scenario, {&a, &b, &c}, {&mediator}, Rounds(4)), 0);
  }
  {
    SCOPED_TRACE("throwing while shown a delivery");
    ScriptedNegotiator a({ScriptedNegotiator::Offer(x)});
    ScriptedNegotiator b({}), c({});
    c.set_throw_when_observing_step(0);
    ScriptedMediator mediator;
    const auto result = RunScripted(f.scenario, {&a, &b, &c}, {&mediator}, Rounds(4));
    ExpectFault(result, 2);
    EXPECT_TRUE(b.turns().empty());
  }
  {
    SCOPED_TRACE("throwing in Begin");
    ScriptedNegotiator a({}), b({}), c({});
    b.set_throw_in_begin(true);
    ScriptedMediator mediator;
    const auto result = RunScripted(f.scenario, {&a, &b, &c}, {&mediator}, Rounds(4));
    ExpectFault(result, 1);
    EXPECT_EQ(mediator.begin_calls(), 0);
  }
  {
    SCOPED_TRACE("a shrunk proposal buffer is restored for the next party");
    ScriptedNegotiator a({ScriptedNegotiator::Offer(x)});
    ScriptedNegotiator b({ScriptedNegotiator::ShrinkAccept()});
    ScriptedNegotiator c({ScriptedNegotiator::End()});
    ScriptedMediator mediator;
    RunScripted(f.scenario, {&a, &b, &c}, {&mediator}, Rounds(4));
    ASSERT_EQ(c.turns().size(), 1u);
    EXPECT_EQ(c.turns()[0].proposal_size, f.scenario.space().issue_count());
  }
}

TEST(ShuttleRun, StopEndsItAndCurrentOfferIsTheLiveOffer) {
  const Fixture f(2);
  ScriptedNegotiator a({}, ScriptedNegotiator::Offer(f.outcomes[0]));
  ScriptedNegotiator b({}, ScriptedNegotiator::Offer(f.outcomes[1]));
  ScriptedMediator mediator({ScriptedMediator::Forward(), ScriptedMediator::Withhold()});
  auto run = ProtocolRegistry::Create("shuttle")->Start(f.scenario, {&a, &b}, {&mediator}, Rounds(10));
  EXPECT_EQ(run->current_offer(), nullptr);
  run->Step();
  ASSERT_NE(run->current_offer(), nullptr);
  EXPECT_EQ(run->current_offer()->values(), f.outcomes[0]);  // B's offer was withheld
  run->Stop("operation began");
  EXPECT_TRUE(run->done());
  const auto result = run->TakeResult();
  EXPECT_EQ(result.end_reason, EndReason::kStopped);
  EXPECT_EQ(result.stop_reason, "operation began");
  EXPECT_EQ(result.steps, 2u);
}

// The outcome a package mediator should choose, by brute force: largest Nash product of gains over
// reservation values among outcomes giving `from` at least `floor`, or nothing if none beats
// `offer_product`.
std::optional<Outcome> BruteForcePackage(const Scenario& scenario, std::size_t from, double floor,
                                         double offer_product) {
  const OutcomeSpace& space = scenario.space();
  std::optional<Outcome> best;
  double best_product = offer_product;
  for (OutcomeIndex i = 0; i < *space.cardinality(); ++i) {
    const Outcome outcome = space.OutcomeAt(i);
    if (scenario.profile(from).Utility(outcome) < floor) continue;
    double product = 1.0;
    for (const Profile& profile : scenario.profiles())
      product *= std::max(0.0, profile.Utility(outcome) - profile.reservation_value());
    bool rational = true;
    for (const Profile& profile : scenario.profiles())
      rational = rational && profile.Utility(outcome) >= profile.reservation_value();
    if (rational && product > best_product + 1e-9) {
      best_product = product;
      best = outcome;
    }
  }
  return best;
}

double NashProduct(const Scenario& scenario, const Outcome& outcome) {
  double product = 1.0;
  for (const Profile& profile : scenario.profiles()) {
    const double gain = profile.Utility(outcome) - profile.reservation_value();
    if (gain < 0.0) return -1.0;
    product *= gain;
  }
  return product;
}

MediatorContext Disclosed(const Scenario& scenario, std::uint64_t seed) {
  MediatorContext context;
  context.space = &scenario.space();
  context.party_count = scenario.party_count();
  context.mediator_count = 1;
  for (const Profile& profile : scenario.profiles()) context.disclosed.push_back(&profile);
  context.max_rounds = 10;
  context.seed = seed;
  return context;
}

TEST(PackageMediator, ReplacesNonStartersWithTheNashBestPackageThatSparesTheOfferer) {
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    const Scenario scenario = RandomLinearScenario(500 + seed, 2 + seed % 2, 3);
    SCOPED_TRACE(scenario.name());
    for (const char* spec : {"package(every=1)", "package(every=1,limit=0,samples=20000)"}) {
      SCOPED_TRACE(spec);
      auto mediator = MediatorRegistry::Create(spec);
      mediator->Begin(Disclosed(scenario, seed));
      const bool sampled = std::string(spec).find("limit=0") != std::string::npos;
      Rng rng(seed);
      Outcome offer(scenario.space().issue_count()), replacement(scenario.space().issue_count());
      for (int trial = 0; trial < 20; ++trial) {
        scenario.space().RandomOutcome(rng, offer);
        RelayState state;
        state.from = rng.UniformInt(scenario.party_count());
        const double floor = scenario.profile(state.from).Utility(offer);
        const double offer_product = NashProduct(scenario, offer);
        const RelayDecision decision = mediator->Relay(state, offer, replacement);
        // Outcomes tied with the offer for the offerer may fall either side of the floor by
        // rounding, so the exhaustive search is bracketed by a strict and a lenient brute force.
        const auto strict = BruteForcePackage(scenario, state.from, floor + 1e-9, offer_product);
        const auto lenient = BruteForcePackage(scenario, state.from, floor - 1e-9, offer_product);
        if (decision == RelayDecision::kReplace) {
          ASSERT_TRUE(scenario.space().IsValid(replacement));
          EXPECT_GE(scenario.profile(state.from).Utility(replacement), floor - 1e-12);
          EXPECT_GT(NashProduct(scenario, replacement), offer_product);
          for (const Profile& profile : scenario.profiles()) {
            EXPECT_GE(profile.Utility(replacement), profile.reservation_value());
          }
          if (!sampled) {
            ASSERT_TRUE(lenient.has_value());
            EXPECT_LE(NashProduct(scenario, replacement), NashProduct(scenario, *lenient) + 1e-9);
            if (strict) {
              EXPECT_GE(NashProduct(scenario, replacement), NashProduct(scenario, *strict) - 1e-9);
            }
          }
        } else {
          EXPECT_EQ(decision, RelayDecision::kForward);
          if (!sampled) {
            EXPECT_FALSE(strict.has_value());
          }
        }
      }
    }
  }
}

TEST(PackageMediator, LooksOnlyAtNonStartersAndEveryKthOffer) {
  const Scenario scenario = RandomLinearScenario(77, 2, 3);
  // Party 1 offers party 0's favourite: rational for party 0, so not a non-starter.
  const OutcomeRanking& ranking = scenario.profile(0).utility_function().ranking();
  Outcome favourite(scenario.space().issue_count());
  ranking.CopyOutcome(ranking.size() - 1, favourite);
  ASSERT_GE(scenario.profile(0).Utility(favourite), scenario.profile(0).reservation_value());
  auto mediator = MediatorRegistry::Create("package(every=3)");
  mediator->Begin(Disclosed(scenario, 1));
  RelayState state;
  state.from = 1;
  Outcome replacement(scenario.space().issue_count());
  EXPECT_EQ(mediator->Relay(state, favourite, replacement), RelayDecision::kForward);
  EXPECT_EQ(mediator->Relay(state, favourite, replacement), RelayDecision::kForward);
  // The third offer is examined; it is replaced only if a package beats it for the Nash product
  // while giving party 1 at least as much.
  const auto expected =
      BruteForcePackage(scenario, 1, scenario.profile(1).Utility(favourite), NashProduct(scenario, favourite));
  EXPECT_EQ(mediator->Relay(state, favourite, replacement),
            expected ? RelayDecision::kReplace : RelayDecision::kForward);
}

TEST(PackageMediator, WithoutDisclosureItForwards) {
  const Scenario scenario = RandomLinearScenario(78, 2, 3);
  auto mediator = MediatorRegistry::Create("package(every=1)");
  MediatorContext context = Disclosed(scenario, 1);
  context.disclosed[1] = nullptr;
  mediator->Begin(context);
  Outcome offer = scenario.space().OutcomeAt(0), replacement(scenario.space().issue_count());
  for (int i = 0; i < 5; ++i) EXPECT_EQ(mediator->Relay(RelayState{}, offer, replacement), RelayDecision::kForward);
}

// The rational built-in negotiators: each offers and accepts only what beats its reservation value.
const std::vector<std::string> kRationalNegotiators = {
    "hardliner", "random(accept=0.5)", "time", "boulware", "conceder", "linear", "absolute-tft"};

// Offers from the mediator carry the party index party count; a negotiator that keeps a slot per
// party must not index past its table with it.
TEST(PackageMediator, AbsoluteTftCopesWithPackagesFromTheMediator) {
  const Scenario scenario = RandomLinearScenario(601, 2, 3);
  ScriptedNegotiator a({}, ScriptedNegotiator::Offer(scenario.space().OutcomeAt(0).values()));
  auto tit_for_tat = NegotiatorRegistry::Create("absolute-tft");
  ScriptedMediator mediator({ScriptedMediator::Replace(scenario.space().OutcomeAt(1).values())});
  const auto result = RunShuttle(scenario, {&a, tit_for_tat.get()}, {&mediator}, Rounds(5));
  EXPECT_FALSE(result.fault.has_value());
}

TEST(PackageMediator, NegotiationsAreValidAndAgreementsRational) {
  Rng rng(31);
  int replaced = 0;
  for (std::uint64_t seed = 0; seed < 16; ++seed) {
    const std::size_t parties = 2 + seed % 2;
    const Scenario scenario = RandomLinearScenario(600 + seed, parties, 3, seed % 4 < 2);
    for (int trial = 0; trial < 8; ++trial) {
      std::vector<std::string> specs;
      for (std::size_t p = 0; p < parties; ++p)
        specs.push_back(kRationalNegotiators[rng.UniformInt(kRationalNegotiators.size())]);
      SCOPED_TRACE(::testing::Message() << scenario.name() << " " << specs[0] << " vs " << specs[1]);
      std::vector<std::unique_ptr<RecordingNegotiator>> owned;
      std::vector<Negotiator*> negotiators;
      for (const auto& spec : specs) {
        owned.push_back(std::make_unique<RecordingNegotiator>(spec));
        negotiators.push_back(owned.back().get());
      }
      auto mediator = MediatorRegistry::Create(trial % 2 ? "package" : "package(every=1)");
      const auto result =
          RunShuttle(scenario, negotiators, {mediator.get()}, Rounds(30, seed * 10 + trial), "shuttle(disclosed=true)");
      ASSERT_FALSE(result.fault.has_value()) << result.fault->message;
      for (const auto& party : owned) {
        for (const auto& shown : party->observed()) {
          EXPECT_TRUE(scenario.space().IsValid(shown.offer));
          if (shown.from == parties) ++replaced;
        }
      }
      if (result.agreement) {
        for (std::size_t p = 0; p < parties; ++p) {
          const Profile& profile = scenario.profile(p);
          const double floor =
              std::min(profile.reservation_value(), profile.utility_function().ranking().best_utility());
          EXPECT_GE(result.undiscounted_utilities[p], floor - 1e-12) << "party " << p;
        }
      }
    }
  }
  EXPECT_GT(replaced, 0) << "no package was ever put on the table";
}

TEST(WithholdMediator, NeverDeliversAnOfferBelowAReceiversReservationValue) {
  Rng rng(17);
  int withheld = 0;
  std::vector<std::string> negotiators = kRationalNegotiators;
  negotiators.push_back("random(rational=false)");
  negotiators.push_back("random(rational=false,accept=0.3)");
  for (std::uint64_t seed = 0; seed < 16; ++seed) {
    const std::size_t parties = 2 + seed % 2;
    const Scenario scenario = RandomLinearScenario(700 + seed, parties, 3, seed % 3 == 0);
    for (int trial = 0; trial < 8; ++trial) {
      std::vector<std::string> specs;
      for (std::size_t p = 0; p < parties; ++p) specs.push_back(negotiators[rng.UniformInt(negotiators.size())]);
      specs[trial % parties] = "random(rational=false)";
      std::vector<std::unique_ptr<RecordingNegotiator>> owned;
      std::vector<Negotiator*> pointers;
      for (const auto& spec : specs) {
        owned.push_back(std::make_unique<RecordingNegotiator>(spec));
        pointers.push_back(owned.back().get());
      }
      auto mediator = MediatorRegistry::Create("withhold");
      const auto result =
          RunShuttle(scenario, pointers, {mediator.get()}, Rounds(20, seed + 100 * trial), "shuttle(disclosed=true)");
      ASSERT_FALSE(result.fault.has_value()) << result.fault->message;
      std::size_t delivered = 0;
      for (const auto& party : owned) {
        const double reservation = scenario.profile(party->party()).reservation_value();
        for (const auto& shown : party->observed()) {
          EXPECT_GE(shown.utility, reservation) << "party " << party->party() << " was shown a non-starter";
          ++delivered;
        }
        for (const auto& shown : party->table()) {
          if (shown.from != party->party()) {
            EXPECT_GE(shown.utility, reservation);
          }
        }
        for (ActionType type : party->observed_types()) EXPECT_EQ(type, ActionType::kOffer);
      }
      // Offers made minus offers delivered to the n - 1 others: what was withheld.
      std::size_t offers = 0;
      for (std::size_t i = 0; i < result.trace.size(); ++i) {
        offers += result.trace.step(i).action == ActionType::kOffer;
      }
      if (delivered < offers * (parties - 1)) ++withheld;
    }
  }
  EXPECT_GT(withheld, 0) << "the filter never had anything to withhold";
}

}  // namespace
}  // namespace parley
