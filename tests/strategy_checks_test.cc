// Checks of the strategy library: the frequency opponent model recovering the issue-weight ranking
// of a scripted opponent, and the time-based target at t = 0, 0.5 and 1 worked out by hand on a
// hand-written scenario. The conformance of every negotiator and BOA combination on a sample of
// the ANAC corpus is in corpus_conformance_test.cc.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

#include "parley/boa.h"
#include "parley/negotiator.h"
#include "parley/protocol.h"
#include "parley/scenario_format.h"
#include "test_support.h"

namespace parley {
namespace {

// --- The frequency model recovers an issue-weight ranking ----------------------------------

// A discrete issue of `count` values named v0, v1, ...
Issue DiscreteIssue(const std::string& name, std::size_t count) {
  std::vector<std::string> values;
  for (std::size_t v = 0; v < count; ++v) values.push_back("v" + std::to_string(v));
  return Issue::Discrete(name, std::move(values));
}

TEST(FrequencyModelRanking, RecoversTheScriptedOpponentsIssueWeightRanking) {
  // Four issues of four values. The opponent's true weights, deliberately not in issue order;
  // for every issue its best value is v0 (worth 1) and the others are worth less.
  const std::vector<double> true_weights = {0.1, 0.4, 0.2, 0.3};
  const std::size_t n = true_weights.size();
  std::vector<Issue> issues;
  for (std::size_t i = 0; i < n; ++i) issues.push_back(DiscreteIssue("I" + std::to_string(i), 4));
  auto space = std::make_shared<const OutcomeSpace>("ranked", std::move(issues));
  std::vector<Profile> profiles;
  for (std::size_t p = 0; p < 2; ++p) {
    std::vector<ValueFunction> functions(n, ValueFunction::Table({1.0, 0.6, 0.3, 0.0}));
    auto utility = std::make_shared<const LinearAdditiveUtility>(space, true_weights, std::move(functions));
    profiles.emplace_back("p" + std::to_string(p), utility, 0.0, 1.0);
  }
  const Scenario scenario("ranked", space, std::move(profiles));

  // Expected ranking, most important first: the issues sorted by true weight.
  std::vector<std::size_t> expected(n);
  std::iota(expected.begin(), expected.end(), 0);
  std::sort(expected.begin(), expected.end(),
            [&](std::size_t a, std::size_t b) { return true_weights[a] > true_weights[b]; });
  std::vector<std::size_t> rank_of(n);
  for (std::size_t r = 0; r < n; ++r) rank_of[expected[r]] = r;

  // The script: in offer k, the issue of rank r leaves its best value when k % 4 < r, taking the
  // non-best values in turn (v1, v2, v3, v1, ...). So the most important issue never moves, and
  // per four offers the issue of rank r keeps its value from the previous offer 4, 2, 1, 0 times
  // for r = 0, 1, 2, 3: the less important, the more it moves, as a conceding opponent does.
  auto model = OpponentModelRegistry::Create("frequency");
  NegotiatorContext context;
  context.space = &scenario.space();
  context.profile = &scenario.profile(0);
  context.party = 0;
  context.party_count = 2;
  context.max_rounds = 100;
  model->Begin(context);
  std::vector<std::size_t> deviations(n, 0);
  const std::size_t offers = 40;
  for (std::size_t k = 0; k < offers; ++k) {
    Outcome offer(n);
    for (std::size_t i = 0; i < n; ++i) {
      if (k % 4 < rank_of[i]) offer[i] = static_cast<double>(1 + deviations[i]++ % 3);
    }
    model->Update(1, offer, static_cast<double>(k) / offers);
  }

  // The implied weight of an issue: how much the estimate drops, at most, when that issue alone
  // moves away from the opponent's best outcome.
  const Outcome base(n);
  const double at_base = model->EstimatedUtility(1, base);
  std::vector<double> implied(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t v = 1; v < 4; ++v) {
      Outcome varied = base;
      varied[i] = static_cast<double>(v);
      implied[i] = std::max(implied[i], at_base - model->EstimatedUtility(1, varied));
    }
  }
  std::vector<std::size_t> recovered(n);
  std::iota(recovered.begin(), recovered.end(), 0);
  std::sort(recovered.begin(), recovered.end(), [&](std::size_t a, std::size_t b) { return implied[a] > implied[b]; });
  EXPECT_EQ(recovered, expected);
  for (std::size_t r = 0; r + 1 < n; ++r) {
    EXPECT_GT(implied[expected[r]], implied[expected[r + 1]] + 1e-6) << "ranks " << r << " and " << r + 1 << " tie";
  }
}

// --- The time-based target at t = 0, 0.5 and 1 ---------------------------------------------

// Two issues A and B of three values, weights 0.5 each. Party 0 values A as (1, 0.6, 0) and B as
// (1, 0.5, 0); its reservation value is 0.1. Its nine outcomes are worth
//   (0,0) 1    (1,0) 0.8   (2,0) 0.5
//   (0,1) 0.75 (1,1) 0.55  (2,1) 0.25
//   (0,2) 0.5  (1,2) 0.3   (2,2) 0
// Party 1 has the mirror image, so its best outcome (2,2) is worth 0 to party 0.
Scenario HandWrittenScenario() {
  auto space =
      std::make_shared<const OutcomeSpace>("hand", std::vector<Issue>{DiscreteIssue("A", 3), DiscreteIssue("B", 3)});
  auto own = std::make_shared<const LinearAdditiveUtility>(
      space, std::vector<double>{0.5, 0.5},
      std::vector<ValueFunction>{ValueFunction::Table({1.0, 0.6, 0.0}), ValueFunction::Table({1.0, 0.5, 0.0})});
  auto other = std::make_shared<const LinearAdditiveUtility>(
      space, std::vector<double>{0.5, 0.5},
      std::vector<ValueFunction>{ValueFunction::Table({0.0, 0.6, 1.0}), ValueFunction::Table({0.0, 0.5, 1.0})});
  std::vector<Profile> profiles;
  profiles.emplace_back("own", own, 0.1, 1.0);
  profiles.emplace_back("other", other, 0.1, 1.0);
  return Scenario("hand", space, std::move(profiles));
}

TEST(TimeBasedTarget, MatchesTheHandComputedTargetsAtZeroHalfAndOne) {
  // time(e=0.5): target(t) = best - (best - floor) * t^(1/0.5) with best = 1, floor = max(0.1, 0):
  //   t = 0:   target 1                      -> (0,0), worth 1
  //   t = 0.5: target 1 - 0.9 * 0.25 = 0.775 -> the lowest outcome worth at least that, (1,0) at 0.8
  //   t = 1:   target 0.1                    -> the lowest outcome worth at least 0.1, (2,1) at 0.25
  const Scenario scenario = HandWrittenScenario();
  struct Expected {
    double time;
    Outcome outcome;
    double utility;
  };
  const std::vector<Expected> expected = {
      {0.0, Outcome({0.0, 0.0}), 1.0}, {0.5, Outcome({1.0, 0.0}), 0.8}, {1.0, Outcome({2.0, 1.0}), 0.25}};

  auto negotiator = NegotiatorRegistry::Create("time(e=0.5)");
  NegotiatorContext context;
  context.space = &scenario.space();
  context.profile = &scenario.profile(0);
  context.party = 0;
  context.party_count = 2;
  context.max_rounds = 10;
  negotiator->Begin(context);
  std::uint64_t step = 0;
  for (const auto& e : expected) {
    TurnState state;
    state.step = step;
    state.round = step;
    state.time = e.time;
    step += 2;
    Outcome proposal(2);
    ASSERT_EQ(negotiator->Act(state, proposal), ActionType::kOffer) << "t=" << e.time;
    EXPECT_EQ(proposal, e.outcome) << "t=" << e.time;
    EXPECT_DOUBLE_EQ(scenario.profile(0).Utility(proposal), e.utility) << "t=" << e.time;
  }

  // The same target in a real negotiation: with a deadline of 1 round party 0 moves once, at
  // t = 1 / (1 + 1) = 0.5; the hard-liner's offer comes after it.
  NegotiationOptions options;
  options.rounds = 1;
  const NegotiationResult result = RunNegotiation(scenario, {"time(e=0.5)", "hardliner"}, options);
  ASSERT_FALSE(result.fault.has_value()) << result.fault->message;
  ASSERT_GE(result.trace.size(), 1u);
  const auto& first = result.trace.step(0);
  EXPECT_EQ(first.party, 0u);
  ASSERT_EQ(first.action, ActionType::kOffer);
  EXPECT_DOUBLE_EQ(first.time, expected[1].time);
  EXPECT_EQ(result.trace.offer(0), expected[1].outcome);
}

}  // namespace
}  // namespace parley
