// A person at the terminal: the `parley` program run with `human` in a party's seat and the
// person's lines on its standard input, the negotiation's result checked against the same
// negotiation played by a scripted party through the library and against a hand calculation
// from the scenario file.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "fixtures.h"
#include "parley/protocol.h"
#include "parley/scenario_format.h"
#include "test_support.h"

namespace parley {
namespace {

using testing::RunCli;
using testing::ScriptedNegotiator;

// Car-A-prof1.xml: issue weights and each value's evaluation (good, fairly good, standard,
// meager, none), divided by the issue's largest (100), as GENIUS reads an evaluator.
constexpr std::array<double, 6> kWeights = {0.16, 0.16, 0.17, 0.17, 0.17, 0.17};
constexpr std::array<std::array<double, 5>, 6> kEvaluations = {{{100, 98, 92, 75, 0},
                                                                {100, 99, 93, 80, 0},
                                                                {100, 99, 96, 83, 0},
                                                                {100, 99, 93, 85, 0},
                                                                {100, 99, 95, 80, 0},
                                                                {100, 99, 95, 80, 0}}};
constexpr std::array<const char*, 5> kValues = {"good", "fairly good", "standard", "meager", "none"};

// The person offers their best outcome (every issue "good") in round 1, the same in rounds 2 to
// 8, and accepts in round 9 what boulware offered in round 8.
TEST(HumanTerminal, APersonAcceptsBoulwaresOfferOnCarA) {
  const std::string car = (testing::ShippedScenarios() / "genius" / "CarA").string();
  const std::string lines = "b\ns\ns\ns\ns\ns\ns\ns\na\n";
  const auto result =
      RunCli("negotiate --scenario '" + car + "' --negotiators human,boulware --rounds 20 --json --no-metrics", lines);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);  // standard output is the result alone
  ASSERT_TRUE(json["agreement"].get<bool>()) << result.err;
  EXPECT_EQ(json["rounds"].get<int>(), 9);

  // The same negotiation with a scripted party in the person's seat, through the library.
  const Scenario scenario = LoadScenario(car);
  ScriptedNegotiator person(std::vector<ScriptedNegotiator::Move>(8, ScriptedNegotiator::Offer({0, 0, 0, 0, 0, 0})),
                            ScriptedNegotiator::Accept());
  auto boulware = NegotiatorRegistry::Create("boulware");
  NegotiationOptions options;
  options.rounds = 20;
  const NegotiationResult expected =
      ProtocolRegistry::Create("saop")->Run(scenario, {&person, boulware.get()}, options);
  ASSERT_TRUE(expected.agreement.has_value());
  EXPECT_EQ(expected.rounds, 9u);

  // The agreement, and prof1's utility of it by hand: sum of weight * evaluation / 100,
  // discounted by 0.75^t at t = 9 / 21 (round 9 of 20).
  double by_hand = 0.0;
  for (std::size_t i = 0; i < 6; ++i) {
    const Issue& issue = scenario.space().issue(i);
    const std::string value = json["outcome"][issue.name()].get<std::string>();
    EXPECT_EQ(value, issue.Format((*expected.agreement)[i])) << issue.name();
    const auto position = std::find(kValues.begin(), kValues.end(), value) - kValues.begin();
    ASSERT_LT(position, 5) << value;
    by_hand += kWeights[i] * kEvaluations[i][position] / 100.0;
  }
  const double discounted = by_hand * std::pow(0.75, 9.0 / 21.0);
  EXPECT_NEAR(json["undiscounted_utilities"]["Car-A-prof1"].get<double>(), by_hand, 1e-12);
  EXPECT_NEAR(json["utilities"]["Car-A-prof1"].get<double>(), discounted, 1e-12);
  EXPECT_DOUBLE_EQ(json["utilities"]["Car-A-prof2"].get<double>(), expected.utilities[1]);

  // What the person saw, on standard error: the offer accepted on the table with its utility,
  // and the end with theirs.
  const std::string table = fmt::format("Round 9 of 20 (t = 0.429)\nOn the table: party 2's offer\n");
  EXPECT_NE(result.err.find(table), std::string::npos) << result.err;
  EXPECT_NE(
      result.err.find(fmt::format("  worth {:.4f} to you, {:.4f} discounted at t = 0.429\n", by_hand, discounted)),
      std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("You accept.\n"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find(fmt::format("Your utility: {:.4f} (undiscounted {:.4f}).\n", discounted, by_hand)),
            std::string::npos)
      << result.err;
  EXPECT_EQ(result.out.find("Your move"), std::string::npos) << result.out;

  // The readable summary says the same.
  const auto summary =
      RunCli("negotiate --scenario '" + car + "' --negotiators human,boulware --rounds 20 --no-metrics", lines);
  ASSERT_EQ(summary.exit_code, 0) << summary.err;
  EXPECT_NE(summary.out.find("Result      agreement in round 9 (step 17, t = 0.429)\n"), std::string::npos)
      << summary.out;
  EXPECT_NE(summary.out.find(fmt::format("Utilities   Car-A-prof1  {:.4f}  (reservation value 0.5000, discount "
                                         "factor 0.75, undiscounted {:.4f})\n",
                                         discounted, by_hand)),
            std::string::npos)
      << summary.out;
}

// With no input at all the person walks away at their first turn; the program still succeeds.
TEST(HumanTerminal, TheEndOfInputWalksAway) {
  const std::string car = (testing::ShippedScenarios() / "genius" / "CarA").string();
  const auto result =
      RunCli("negotiate --scenario '" + car + "' --negotiators human,boulware --rounds 20 --no-metrics");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("End of input: you walk away.\n"), std::string::npos) << result.err;
  EXPECT_NE(result.out.find("Result      no agreement: a party walked away in round 1\n"), std::string::npos)
      << result.out;
}

TEST(HumanTerminal, ListMarksItInteractive) {
  const auto result = RunCli("list negotiators");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("\nhuman  (interactive: a person plays it at the terminal)\n"), std::string::npos)
      << result.out;
  EXPECT_EQ(result.out.find("boulware  (interactive"), std::string::npos);
}

// A worker process has no terminal: an isolated person is refused before anything runs.
TEST(HumanTerminal, CannotRunIsolated) {
  const std::string expected =
      "negotiator 'human' needs a person at the parley program's terminal; it cannot run in "
      "a worker process (process, --isolate)";
  for (const std::string negotiators :
       {"--isolate --negotiators human,boulware", "--negotiators 'process(inner=human),boulware'"}) {
    const auto result = RunCli("negotiate --scenario 'ceasefire-2024#rafah' " + negotiators);
    EXPECT_NE(result.exit_code, 0) << negotiators;
    EXPECT_NE(result.err.find(expected), std::string::npos) << negotiators << ": " << result.err;
    EXPECT_EQ(result.out, "") << negotiators;
  }
}

}  // namespace
}  // namespace parley
