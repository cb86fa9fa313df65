// Tests of the built-in negotiators: each strategy's offers against its formula, recomputed here
// by brute force over the outcome space. The conformance of every registered negotiator against
// every other is in negotiator_conformance_test.cc, that of every combination of BOA parts in
// boa_conformance_test.cc.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "fixtures.h"
#include "parley/boa.h"
#include "parley/negotiator.h"
#include "parley/protocol.h"
#include "parley/scenario_format.h"
#include "test_support.h"

namespace parley {
namespace {

using testing::RandomLinearScenario;

// Every outcome's utility for one party, by brute force.
std::vector<double> AllUtilities(const Scenario& scenario, std::size_t party) {
  const OutcomeSpace& space = scenario.space();
  std::vector<double> utilities;
  Outcome outcome(space.issue_count());
  for (OutcomeIndex i = 0; i < *space.cardinality(); ++i) {
    space.Decode(i, outcome);
    utilities.push_back(scenario.profile(party).Utility(outcome));
  }
  return utilities;
}

// The lowest utility >= target among `utilities` (the maximum if none is).
double LowestAtLeast(const std::vector<double>& utilities, double target) {
  double best = -INFINITY, found = INFINITY;
  for (double u : utilities) {
    best = std::max(best, u);
    if (u >= target) found = std::min(found, u);
  }
  return std::isinf(found) ? best : found;
}

void ExpectSameResult(const NegotiationResult& a, const NegotiationResult& b) {
  EXPECT_EQ(a.agreement.has_value(), b.agreement.has_value());
  if (a.agreement && b.agreement) {
    EXPECT_EQ(*a.agreement, *b.agreement);
  }
  EXPECT_EQ(a.steps, b.steps);
  EXPECT_EQ(a.utilities, b.utilities);
  ASSERT_EQ(a.trace.size(), b.trace.size());
  for (std::size_t i = 0; i < a.trace.size(); ++i) {
    EXPECT_EQ(a.trace.step(i).action, b.trace.step(i).action);
    if (a.trace.has_offer(i)) {
      EXPECT_EQ(a.trace.offer(i), b.trace.offer(i));
    }
  }
}

TEST(TimeBasedNegotiator, OffersFollowTheConcessionFormula) {
  const Scenario scenario = RandomLinearScenario(21, 2, 4);
  const std::vector<double> utilities = AllUtilities(scenario, 0);
  const double best = *std::max_element(utilities.begin(), utilities.end());
  const double floor =
      std::max(scenario.profile(0).reservation_value(), *std::min_element(utilities.begin(), utilities.end()));
  for (double e : {0.2, 1.0, 3.0}) {
    NegotiationOptions options;
    options.rounds = 50;
    const std::string spec = "time(e=" + std::to_string(e) + ")";
    const NegotiationResult result = RunNegotiation(scenario, {spec, "hardliner"}, options);
    std::size_t offers = 0;
    for (std::size_t i = 0; i < result.trace.size(); ++i) {
      const auto& step = result.trace.step(i);
      if (step.party != 0 || step.action != ActionType::kOffer) continue;
      const double target = best - (best - floor) * std::pow(step.time, 1.0 / e);
      EXPECT_DOUBLE_EQ(result.trace.utility(i, 0), LowestAtLeast(utilities, target)) << "e=" << e << " t=" << step.time;
      ++offers;
    }
    EXPECT_GT(offers, 3u) << "e=" << e;
  }
}

TEST(TimeBasedNegotiator, BoulwareHoldsOutLongerThanConceder) {
  const Scenario scenario = RandomLinearScenario(22, 2, 4);
  NegotiationOptions options;
  options.rounds = 100;
  auto utility_at_half_time = [&](const std::string& spec) {
    const NegotiationResult result = RunNegotiation(scenario, {spec, "hardliner"}, options);
    for (std::size_t i = 0; i < result.trace.size(); ++i) {
      if (result.trace.step(i).party == 0 && result.trace.step(i).time >= 0.5) return result.trace.utility(i, 0);
    }
    return static_cast<double>(NAN);
  };
  EXPECT_GT(utility_at_half_time("time(e=0.2)"), utility_at_half_time("time(e=1)"));
  EXPECT_GT(utility_at_half_time("time(e=1)"), utility_at_half_time("time(e=2)"));
}

TEST(TimeBasedNegotiator, AcceptsAnOfferAtLeastAsGoodAsItsNextOffer) {
  // Against a hard-liner whose best outcome is also acceptable to the time-based side, the
  // time-based negotiator accepts exactly when its own next offer is worth no more than that.
  const Scenario scenario = RandomLinearScenario(23, 2, 3);
  NegotiationOptions options;
  options.rounds = 200;
  const NegotiationResult result = RunNegotiation(scenario, {"hardliner", "time(e=2)"}, options);
  const std::vector<double> utilities = AllUtilities(scenario, 1);
  const double best = *std::max_element(utilities.begin(), utilities.end());
  const double floor =
      std::max(scenario.profile(1).reservation_value(), *std::min_element(utilities.begin(), utilities.end()));
  for (std::size_t i = 0; i < result.trace.size(); ++i) {
    const auto& step = result.trace.step(i);
    if (step.party != 1) continue;
    const double own_next = LowestAtLeast(utilities, best - (best - floor) * std::pow(step.time, 1.0 / 2.0));
    const double on_table = result.trace.utility(i - 1, 1);
    EXPECT_EQ(step.action == ActionType::kAccept, on_table >= own_next) << "step " << step.step;
  }
}

TEST(HardlinerNegotiator, AlwaysOffersItsBestOutcome) {
  const Scenario scenario = RandomLinearScenario(31, 2, 4);
  const std::vector<double> utilities = AllUtilities(scenario, 0);
  const double best = *std::max_element(utilities.begin(), utilities.end());
  NegotiationOptions options;
  options.rounds = 20;
  const NegotiationResult result = RunNegotiation(scenario, {"hardliner", "random"}, options);
  for (std::size_t i = 0; i < result.trace.size(); ++i) {
    if (result.trace.step(i).party != 0) continue;
    if (result.trace.step(i).action == ActionType::kOffer) {
      EXPECT_EQ(result.trace.utility(i, 0), best);
    } else {
      EXPECT_GE(result.trace.utility(i, 0), best);
    }
  }
}

TEST(AbsoluteTftNegotiator, MovesItsTargetByTheOpponentsConcession) {
  const Scenario scenario = RandomLinearScenario(41, 2, 4);
  const std::vector<double> utilities = AllUtilities(scenario, 1);
  const double best = *std::max_element(utilities.begin(), utilities.end());
  const double floor =
      std::max(scenario.profile(1).reservation_value(), *std::min_element(utilities.begin(), utilities.end()));
  NegotiationOptions options;
  options.rounds = 60;
  // A steady concession (linear in time) gives absolute-tft a dozen moves to follow before they agree.
  const NegotiationResult result = RunNegotiation(scenario, {"time(e=1)", "absolute-tft(k=0.5)"}, options);
  // Replay the opponent's offers as absolute-tft saw them, in its own utility.
  double target = best;
  double previous = NAN, latest = NAN;
  bool new_offer = false;
  std::size_t checked = 0;
  for (std::size_t i = 0; i < result.trace.size(); ++i) {
    const auto& step = result.trace.step(i);
    if (step.party == 0) {
      if (step.action != ActionType::kOffer) break;
      previous = latest;
      latest = result.trace.utility(i, 1);
      new_offer = !std::isnan(previous);
      continue;
    }
    if (new_offer) target = std::clamp(target - 0.5 * (latest - previous), floor, best);
    new_offer = false;
    if (step.action == ActionType::kOffer) {
      EXPECT_DOUBLE_EQ(result.trace.utility(i, 1), LowestAtLeast(utilities, target)) << "step " << step.step;
      ++checked;
    } else {
      EXPECT_GE(latest, LowestAtLeast(utilities, target));
      break;
    }
  }
  EXPECT_GT(checked, 5u);
}

TEST(RandomNegotiator, IsReproducibleAndRational) {
  const Scenario scenario = RandomLinearScenario(51, 2, 4);
  NegotiationOptions options;
  options.rounds = 50;
  options.seed = 3;
  const NegotiationResult a = RunNegotiation(scenario, {"random(accept=0)", "random(accept=0)"}, options);
  ExpectSameResult(a, RunNegotiation(scenario, {"random(accept=0)", "random(accept=0)"}, options));
  options.seed = 4;
  const NegotiationResult b = RunNegotiation(scenario, {"random(accept=0)", "random(accept=0)"}, options);
  bool differs = false;
  for (std::size_t i = 0; i < std::min(a.trace.size(), b.trace.size()); ++i) {
    differs = differs || !(a.trace.offer(i) == b.trace.offer(i));
  }
  EXPECT_TRUE(differs) << "different seeds gave the same offers";
  for (std::size_t i = 0; i < a.trace.size(); ++i) {
    const std::size_t party = a.trace.step(i).party;
    EXPECT_GE(a.trace.utility(i, party), scenario.profile(party).reservation_value());
  }
}

TEST(RandomNegotiator, WalksAwayWhenToldTo) {
  const Scenario scenario = RandomLinearScenario(52, 2, 3);
  NegotiationOptions options;
  options.rounds = 50;
  const NegotiationResult result = RunNegotiation(scenario, {"random(end=1)", "hardliner"}, options);
  EXPECT_EQ(result.end_reason, EndReason::kEndedByParty);
  EXPECT_EQ(result.steps, 1u);
}

TEST(NegotiatorRegistry, RejectsUnknownNamesAndParameters) {
  EXPECT_THROW(NegotiatorRegistry::Create("no-such-negotiator"), UsageError);
  EXPECT_THROW(NegotiatorRegistry::Create("time(x=1)"), UsageError);
  EXPECT_THROW(NegotiatorRegistry::Create("time(e=-1)"), UsageError);
  EXPECT_THROW(NegotiatorRegistry::Create("random(accept=2)"), UsageError);
  EXPECT_NE(NegotiatorRegistry::Create("time(e=0.5)"), nullptr);
}

}  // namespace
}  // namespace parley
