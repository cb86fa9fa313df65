// Negotiations in which parties know only part of their preferences (NegotiationOptions::
// knowledge, parley/knowledge.h): every registered negotiator runs with a partial profile, sees
// the utilities of its estimate while the result is scored with the truth, and the knowledge
// specs build what they say.
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "conformance.h"
#include "conformance_gtest.h"
#include "fixtures.h"
#include "parley/error.h"
#include "parley/knowledge.h"
#include "parley/preference_estimator.h"
#include "parley/protocol.h"
#include "parley/scenario_format.h"
#include "test_support.h"

namespace parley {
namespace {

using conformance::NoViolations;
using conformance::RegisteredNames;
using testing::RandomLinearScenario;
using testing::Rounds;

// Ports of agents whose originals read their user model over discrete issues only (GENIUS's
// preference uncertainty is defined for discrete domains; these cast every issue to a discrete
// one): on a space with another kind of issue they refuse on starting, with a fault saying so.
bool EstimatesOverDiscreteIssuesOnly(const std::string& name) {
  return name == "agentgg" || name == "kakesoba" || name == "saga";
}

TEST(PartialKnowledge, EveryNegotiatorRunsWithAPartialProfile) {
  // Party 0 knows GENIUS's user model of 10 comparisons, party 1 a random ranking of 20 outcomes,
  // on GENIUS's CarB (discrete issues, the setting of ANAC 2019) and on a generated space with an
  // integer issue. Every contract holds but rationality, which a party that misjudges its
  // utilities cannot keep by the true profile it is held to.
  const Scenario car = LoadScenario((testing::ShippedScenarios() / "genius" / "CarB").string());
  const Scenario mixed = RandomLinearScenario(31, 2, 3);
  conformance::PartyContract contract;
  contract.rational = false;
  conformance::Violations violations;
  for (const Scenario* scenario : {&car, &mixed}) {
    NegotiationOptions options = Rounds(40, 4);
    SetKnowledge(*scenario, {"genius(comparisons=10)", "ranked(k=20,seed=2)"}, {}, options);
    for (const auto& name : RegisteredNames<Negotiator>()) {
      if (scenario == &mixed && EstimatesOverDiscreteIssuesOnly(name)) continue;
      conformance::NegotiationCase negotiation;
      negotiation.scenario = scenario;
      negotiation.negotiators = {name, "boulware"};
      negotiation.options = options;
      conformance::Append(violations, conformance::CheckNegotiation(negotiation, contract));
    }
  }
  EXPECT_TRUE(NoViolations(violations));
}

TEST(PartialKnowledge, DiscreteOnlyEstimatorsRefuseOtherIssuesOnStarting) {
  const Scenario mixed = RandomLinearScenario(31, 2, 3);
  NegotiationOptions options = Rounds(40, 4);
  SetKnowledge(mixed, {"genius(comparisons=10)", "ranked(k=20,seed=2)"}, {}, options);
  for (const auto& name : RegisteredNames<Negotiator>()) {
    if (!EstimatesOverDiscreteIssuesOnly(name)) continue;
    const NegotiationResult result = RunNegotiation(mixed, {name, "boulware"}, options);
    ASSERT_TRUE(result.fault.has_value()) << name;
    EXPECT_EQ(result.fault->party, 0u) << name;
    EXPECT_NE(result.fault->message.find("discrete issues"), std::string::npos) << result.fault->message;
  }
}

TEST(PartialKnowledge, EveryEstimatorCanStandForAProfile) {
  const Scenario scenario = RandomLinearScenario(32, 2, 3);
  conformance::PartyContract contract;
  contract.rational = false;
  for (const auto& estimator : RegisteredNames<PreferenceEstimator>()) {
    NegotiationOptions options = Rounds(30, 5);
    SetKnowledge(scenario, {"ranked(k=15,seed=1)"}, {estimator}, options);
    conformance::NegotiationCase negotiation;
    negotiation.scenario = &scenario;
    negotiation.negotiators = {"conceder", "boulware"};
    negotiation.options = options;
    EXPECT_TRUE(NoViolations(conformance::CheckNegotiation(negotiation, contract))) << estimator;
  }
}

// Records what the protocol shows it and offers the outcomes of a fixed list in turn.
class Recorder final : public Negotiator {
 public:
  explicit Recorder(std::vector<Outcome> offers) : offers_(std::move(offers)) {}
  void Begin(const NegotiatorContext& context) override {
    profile = context.profile;  // compared by address only: a perceived profile ends with its run
    reservation_value = context.profile->reservation_value();
    known = context.known;
  }
  ActionType Act(const TurnState& state, Outcome& proposal) override {
    if (state.current_offer) shown.push_back({*state.current_offer, state.current_offer_utility});
    proposal = offers_[turn_++ % offers_.size()];
    return ActionType::kOffer;
  }
  void Observe(const ObservedAction& action) override {
    if (action.offer) observed.push_back({*action.offer, action.offer_utility});
  }

  const Profile* profile = nullptr;
  double reservation_value = -1.0;
  const PartialPreferences* known = nullptr;
  std::vector<std::pair<Outcome, double>> shown, observed;

 private:
  std::vector<Outcome> offers_;
  std::size_t turn_ = 0;
};

TEST(PartialKnowledge, ANegotiatorSeesItsEstimateAndIsScoredByTheTruth) {
  const Scenario scenario = RandomLinearScenario(33, 2, 3);
  NegotiationOptions options = Rounds(6, 1);
  SetKnowledge(scenario, {"ranked(k=12,seed=3)", "full"}, {"borda"}, options);
  ASSERT_NE(options.knowledge[0], nullptr);
  ASSERT_EQ(options.knowledge[1], nullptr);
  // The estimate made independently from the same knowledge.
  const auto estimate = PreferenceEstimatorRegistry::Create("borda")->Estimate(*options.knowledge[0], 0);
  std::vector<Outcome> list;
  for (OutcomeIndex index : {0u, 5u, 17u, 40u}) list.push_back(scenario.space().OutcomeAt(index));
  Recorder zero(list), one({list[3], list[2]});
  const NegotiationResult result = ProtocolRegistry::Create("saop")->Run(scenario, {&zero, &one}, options);
  ASSERT_NE(zero.profile, nullptr);
  EXPECT_NE(zero.profile, &scenario.profile(0));
  EXPECT_EQ(zero.known, options.knowledge[0].get());
  EXPECT_EQ(zero.reservation_value, scenario.profile(0).reservation_value());
  EXPECT_EQ(one.profile, &scenario.profile(1));
  EXPECT_EQ(one.known, nullptr);
  ASSERT_FALSE(zero.shown.empty());
  bool differs = false;
  for (const auto& [offer, utility] : zero.shown) {
    EXPECT_EQ(utility, estimate->Utility(offer));
    differs = differs || utility != scenario.profile(0).Utility(offer);
  }
  for (const auto& [offer, utility] : zero.observed) EXPECT_EQ(utility, estimate->Utility(offer));
  EXPECT_TRUE(differs) << "the estimate should differ from the truth somewhere";
  for (const auto& [offer, utility] : one.shown) EXPECT_EQ(utility, scenario.profile(1).Utility(offer));
  // The trace and the result are the truth's.
  for (std::size_t i = 0; i < result.trace.size(); ++i) {
    if (result.trace.has_offer(i)) {
      EXPECT_EQ(result.trace.utility(i, 0), scenario.profile(0).Utility(result.trace.offer(i)));
    }
  }
  EXPECT_EQ(result.utilities[0], scenario.profile(0).reservation_value());
}

TEST(PartialKnowledge, FullKnowledgeChangesNothing) {
  const Scenario scenario = RandomLinearScenario(34, 2, 3);
  NegotiationOptions plain = Rounds(30, 2);
  NegotiationOptions full = plain;
  SetKnowledge(scenario, {"full"}, {}, full);
  const NegotiationResult a = RunNegotiation(scenario, {"conceder", "boulware"}, plain);
  const NegotiationResult b = RunNegotiation(scenario, {"conceder", "boulware"}, full);
  EXPECT_TRUE(conformance::CompareRuns(a, b).empty());
}

TEST(PartialKnowledge, SpecsSayWhatIsWrong) {
  const Scenario scenario = RandomLinearScenario(35, 2, 3);
  auto error_of = [&](std::vector<std::string> specs, std::vector<std::string> estimators = {}) {
    NegotiationOptions options = Rounds(10, 1);
    try {
      SetKnowledge(scenario, specs, estimators, options);
    } catch (const UsageError& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error_of({"guess"}), "unknown knowledge 'guess' (known: full, ranked, genius, genius10, file, auto)");
  EXPECT_EQ(error_of({"ranked(n=3)"}), "knowledge 'ranked' has no parameter 'n' (its parameters: k, seed)");
  EXPECT_EQ(error_of({"ranked(k=0)"}), "knowledge 'ranked': k is 0; expected at least 1 ranked outcome");
  EXPECT_EQ(error_of({"full", "full", "full"}), "3 knowledge specs given for 2 parties; give one, or one per party");
  EXPECT_EQ(error_of({"file"}), "knowledge 'file' needs parameter 'path': write file(path=...)");
  EXPECT_EQ(error_of({"full"}, {"a", "b", "c"}), "3 estimators given for 2 parties; give one, or one per party");
}

TEST(PartialKnowledge, GeniusSeedZeroTakesThePartysSeed) {
  const Scenario scenario = RandomLinearScenario(36, 2, 3);
  NegotiationOptions options = Rounds(10, 9);
  options.party_seeds = {77, 78};
  SetKnowledge(scenario, {"genius(comparisons=5,seed=0)"}, {}, options);
  EXPECT_EQ(options.knowledge[0]->outcomes(), GeniusUserModel(scenario.profile(0), 5, 77).outcomes());
  EXPECT_EQ(options.knowledge[1]->outcomes(), GeniusUserModel(scenario.profile(1), 5, 78).outcomes());
}

}  // namespace
}  // namespace parley
