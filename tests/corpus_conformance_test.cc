// Every registered negotiator against every registered negotiator, and every combination of
// registered BOA parts against registered negotiators in turn, on a sample of the ANAC corpus (../shared/scenarios;
// skipped when it is absent), held to the contracts of conformance.h: no faults, rational offers, acceptances and
// agreements (at each party's commitment and at the time of the agreement), the protocol's
// contract, and the same negotiation again from the same seed.
#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "conformance_gtest.h"
#include "parley/negotiator.h"
#include "parley/scenario_format.h"
#include "test_support.h"

namespace parley::conformance {
namespace {

// The sample: three bilateral folders of different sizes and one three-party folder. The
// 2015 university folder holds nine alternative profiles; three of them make the parties.
struct CorpusCase {
  std::string folder;
  std::vector<std::string> parties;  // empty: every profile of the folder
};

const std::vector<CorpusCase>& CorpusSample() {
  static const std::vector<CorpusCase> sample = {
      {"anac/y2010/Travel", {}},     // 7 issues, 188,160 outcomes (sampled ranking territory)
      {"anac/y2012/CarA", {}},       // 6 issues, 15,625 outcomes, discounted
      {"anac/y2013/Ultimatum", {}},  // 1 issue, 9 outcomes
      {"anac/y2015/group1-university", {"University_util1", "University_util4", "University_util7"}},
  };
  return sample;
}

// Runs `specs` on `scenario` for 30 rounds and checks every contract.
Violations CheckOnCorpus(const Scenario& scenario, const std::vector<std::string>& specs, std::uint64_t seed,
                         std::size_t& checked) {
  ++checked;
  NegotiationCase negotiation;
  negotiation.scenario = &scenario;
  negotiation.negotiators = specs;
  negotiation.options.rounds = 30;
  negotiation.options.seed = seed;
  PartyContract contract;
  contract.rational_at_end = true;
  return CheckNegotiation(negotiation, contract);
}

// The sample's scenarios, or nullopt when the corpus is absent.
std::optional<std::vector<Scenario>> LoadSample() {
  const auto corpus = testing::SharedScenarios();
  std::vector<Scenario> scenarios;
  for (const auto& sample : CorpusSample()) {
    const auto folder = corpus / sample.folder;
    if (!std::filesystem::exists(folder)) return std::nullopt;
    Scenario scenario = LoadScenario(folder.string());
    if (!sample.parties.empty()) scenario = scenario.WithParties(sample.parties);
    scenarios.push_back(std::move(scenario));
  }
  return scenarios;
}

TEST(CorpusConformance, EveryPairOnASampleOfTheAnacScenarios) {
  const auto scenarios = LoadSample();
  if (!scenarios) GTEST_SKIP() << "the ANAC sample of " << testing::SharedScenarios() << " is absent";
  const auto names = RegisteredNames<Negotiator>();
  ASSERT_GE(names.size(), 8u);
  std::uint64_t seed = 1;
  std::size_t checked = 0;
  Violations violations;
  for (const Scenario& scenario : *scenarios) {
    if (scenario.party_count() == 2) {
      for (const auto& a : names) {
        for (const auto& b : names) Append(violations, CheckOnCorpus(scenario, {a, b}, seed++, checked));
      }
    } else {
      ASSERT_EQ(scenario.party_count(), 3u);
      // Every negotiator first against every other in both remaining seats, then between the two.
      for (const auto& a : names) {
        for (const auto& b : names) {
          Append(violations, CheckOnCorpus(scenario, {a, b, b}, seed, checked));
          Append(violations, CheckOnCorpus(scenario, {b, a, b}, seed++, checked));
        }
      }
    }
  }
  EXPECT_TRUE(NoViolations(violations));
  // Three bilateral folders with every ordered pair, one three-party folder with two seatings.
  EXPECT_EQ(checked, 5 * names.size() * names.size());
}

// Every combination against kOpponentsPerCombination negotiators, taken from the registry in
// turn (continuing across combinations and scenarios), so that every combination and every
// negotiator is checked on the corpus while the cost grows with the number of combinations, not
// with its product with the number of negotiators. (BoaConformance plays every combination against
// boulware, absolute-tft and random on generated and shipped scenarios.)
TEST(CorpusConformance, EveryBoaCombinationAgainstNegotiatorsInTurnOnTheSample) {
  constexpr std::size_t kOpponentsPerCombination = 2;
  const auto scenarios = LoadSample();
  if (!scenarios) GTEST_SKIP() << "the ANAC sample of " << testing::SharedScenarios() << " is absent";
  const auto names = RegisteredNames<Negotiator>();
  const auto combinations = BoaCombinations();
  ASSERT_GE(combinations.size(), 12u);
  ASSERT_GE(combinations.size() * kOpponentsPerCombination, names.size()) << "some negotiator would meet none";
  std::uint64_t seed = 100;
  std::size_t checked = 0, turn = 0;
  Violations violations;
  for (const Scenario& scenario : *scenarios) {
    for (const auto& boa : combinations) {
      for (std::size_t k = 0; k < kOpponentsPerCombination; ++k) {
        const std::string& other = names[turn++ % names.size()];
        if (scenario.party_count() == 2) {
          Append(violations, CheckOnCorpus(scenario, {boa, other}, seed, checked));
          Append(violations, CheckOnCorpus(scenario, {other, boa}, seed++, checked));
        } else {
          Append(violations, CheckOnCorpus(scenario, {boa, other, other}, seed++, checked));
        }
      }
    }
  }
  EXPECT_TRUE(NoViolations(violations));
  EXPECT_EQ(checked, 7 * combinations.size() * kOpponentsPerCombination);
}

}  // namespace
}  // namespace parley::conformance
