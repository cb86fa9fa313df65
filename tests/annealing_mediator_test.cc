// The `annealing` single-text mediator: on a hand-built log-rolling scenario where a text both
// parties accept has only neighbours someone vetoes and a text better for both lies two moves away,
// hill-climb stops at the first and annealing crosses to the second; the probability of taking a
// vetoed text, exp(-vetoes / T) with T = temperature * (1 - t), against its rate over many seeds;
// temperature 0 as a pure climb; runs repeat from the seed. The properties every single-text
// mediator shares (truthful parties never worse off, seeds) are in single_text_test.cc, its
// conformance in mediator_conformance_test.cc.
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fixtures.h"
#include "parley/error.h"
#include "parley/mediator.h"
#include "parley/negotiator.h"
#include "parley/protocol.h"
#include "parley/scenario.h"
#include "parley/utility.h"

namespace parley {
namespace {

// Two issues x and y of two values each; utilities are the mean of the two values' worths.
//   A: x {0.6, 0.4}, y {0.4, 0.8}     B: x {0.4, 0.8}, y {0.6, 0.4}
//   text      A    B
//   (0, 0)   0.5  0.5   kLocal: both accept it, and each neighbour loses one of them 0.1
//   (1, 0)   0.4  0.7   A vetoes
//   (0, 1)   0.7  0.4   B vetoes
//   (1, 1)   0.6  0.6   kBetter: better for both, two moves from kLocal, and itself a local optimum
const Outcome kLocal({0, 0}), kBetter({1, 1});

Scenario LogRollScenario() {
  auto space = std::make_shared<const OutcomeSpace>(
      "logroll", std::vector<Issue>{Issue::Discrete("x", {"x0", "x1"}), Issue::Discrete("y", {"y0", "y1"})});
  auto profile = [&](const char* name, std::vector<double> x, std::vector<double> y) {
    auto utility = std::make_shared<const LinearAdditiveUtility>(
        space, std::vector<double>{1, 1},
        std::vector<ValueFunction>{ValueFunction::Table(std::move(x)), ValueFunction::Table(std::move(y))});
    return Profile(name, utility, 0.0, 1.0);
  };
  return Scenario("logroll", space, {profile("A", {0.6, 0.4}, {0.4, 0.8}), profile("B", {0.4, 0.8}, {0.6, 0.4})});
}

// Puts `opening` in round 0 and leaves every other round to `inner`, which is told everything.
class OpeningText final : public Mediator {
 public:
  OpeningText(Outcome opening, std::unique_ptr<Mediator> inner)
      : opening_(std::move(opening)), inner_(std::move(inner)) {}
  void Begin(const MediatorContext& context) override { inner_->Begin(context); }
  bool ProposeText(const TextState& state, Outcome& text) override {
    if (state.round > 0) return inner_->ProposeText(state, text);
    text = opening_;
    return true;
  }
  void ObserveAnswers(const Outcome& text, const std::vector<Vote>& votes,
                      const std::vector<Feedback>& feedback) override {
    inner_->ObserveAnswers(text, votes, feedback);
  }

 private:
  Outcome opening_;
  std::unique_ptr<Mediator> inner_;
};

// GENIUS's hill climbers vote (accept iff at least as good as the last text both accepted, 0 at
// first), so both accept kLocal in round 0 and afterwards only what is at least as good for them.
NegotiationResult RunFromLocal(const std::string& mediator, std::uint64_t seed, std::uint64_t rounds = 40,
                               const std::string& protocol = "single-text") {
  const Scenario scenario = LogRollScenario();
  OpeningText lead(kLocal, MediatorRegistry::Create(mediator));
  auto a = NegotiatorRegistry::Create("genius-hill-climber");
  auto b = NegotiatorRegistry::Create("genius-hill-climber");
  return ProtocolRegistry::Create(protocol)->Run(scenario, {a.get(), b.get()}, {&lead}, testing::Rounds(rounds, seed));
}

TEST(AnnealingMediator, HillClimbStopsAtTheLocalOptimumAndAnnealingCrossesToTheBetterText) {
  int better = 0;
  for (std::uint64_t seed = 0; seed < 100; ++seed) {
    for (const char* protocol : {"single-text", "single-text(disclosed=true)"}) {
      const auto climbed = RunFromLocal("hill-climb", seed, 40, protocol);
      ASSERT_FALSE(climbed.fault.has_value()) << climbed.fault->message;
      ASSERT_TRUE(climbed.agreement.has_value());
      EXPECT_EQ(*climbed.agreement, kLocal) << "seed " << seed << " under " << protocol;
      EXPECT_EQ(climbed.end_reason, EndReason::kAgreement);
      EXPECT_LT(climbed.rounds, 40u);  // it stopped: every neighbour was vetoed
    }
    const auto annealed = RunFromLocal("annealing", seed);
    ASSERT_FALSE(annealed.fault.has_value()) << annealed.fault->message;
    ASSERT_TRUE(annealed.agreement.has_value());
    // Whatever it tries, only kLocal and kBetter are accepted by both.
    EXPECT_TRUE(*annealed.agreement == kLocal || *annealed.agreement == kBetter) << "seed " << seed;
    better += *annealed.agreement == kBetter ? 1 : 0;
  }
  EXPECT_GE(better, 80);
}

TEST(AnnealingMediator, TheSameSeedGivesTheSameNegotiation) {
  for (std::uint64_t seed : {1, 2, 3}) {
    const auto first = RunFromLocal("annealing", seed), again = RunFromLocal("annealing", seed);
    ASSERT_EQ(first.trace.size(), again.trace.size());
    for (std::size_t i = 0; i < first.trace.size(); ++i) {
      EXPECT_EQ(first.trace.step(i).party, again.trace.step(i).party);
      EXPECT_EQ(first.trace.step(i).action, again.trace.step(i).action);
      if (first.trace.has_offer(i)) {
        EXPECT_EQ(first.trace.offer(i), again.trace.offer(i));
      }
    }
    EXPECT_EQ(first.agreement, again.agreement);
  }
}

// At temperature 0 no vetoed text is ever taken: every text after the first is the last text
// both accepted with one issue changed, and from kLocal it never gets anywhere.
TEST(AnnealingMediator, AtTemperatureZeroItIsAPureHillClimb) {
  for (std::uint64_t seed = 0; seed < 50; ++seed) {
    const auto result = RunFromLocal("annealing(temperature=0)", seed);
    ASSERT_TRUE(result.agreement.has_value());
    EXPECT_EQ(*result.agreement, kLocal) << "seed " << seed;
    for (std::size_t i = 0; i < result.trace.size(); ++i) {
      if (result.trace.step(i).party != 2 || result.trace.step(i).round == 0) continue;
      const Outcome text = result.trace.offer(i);
      EXPECT_EQ((text[0] != kLocal[0] ? 1 : 0) + (text[1] != kLocal[1] ? 1 : 0), 1) << "seed " << seed;
    }
  }

  // On random scenarios with voters that accept only what is at least as good as the last text all
  // accepted: each of its texts is a neighbour of that text, or of its first text before one.
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    const Scenario scenario = testing::RandomLinearScenario(300 + seed, 2 + seed % 2, 3);
    const std::size_t parties = scenario.party_count();
    const auto result = RunNegotiation(scenario, std::vector<std::string>(parties, "genius-hill-climber"),
                                       testing::Rounds(60, seed), "single-text", {"annealing(temperature=0)"});
    ASSERT_FALSE(result.fault.has_value()) << result.fault->message;
    std::optional<Outcome> base;
    for (std::size_t i = 0; i < result.trace.size(); ++i) {
      if (result.trace.step(i).party != parties) continue;
      const Outcome text = result.trace.offer(i);
      if (base) {
        std::size_t changed = 0;
        for (std::size_t k = 0; k < text.size(); ++k) changed += text[k] != (*base)[k] ? 1 : 0;
        EXPECT_EQ(changed, 1u) << "seed " << seed << ", trace entry " << i;
      } else {
        base = text;  // its first, random text
      }
      bool all = true;
      for (std::size_t p = 0; p < parties; ++p) {
        all = all && i + 1 + p < result.trace.size() && result.trace.step(i + 1 + p).action == ActionType::kAccept;
      }
      if (all) base = text;
    }
  }
}

// Driven directly: with kLocal standing on a space of four two-valued issues, a vetoed neighbour of
// it is taken with probability exp(-vetoes / T), T = temperature * (1 - t). Taken, the next text is
// its neighbour, an even number of changes from kLocal (0 or 2); not taken, one change. With
// temperature 2 at t = 0.5, T = 1: exp(-1) = 0.3679 for one veto, exp(-2) = 0.1353 for two; at
// t = 0.75, T = 0.5 and one veto: exp(-2) again.
TEST(AnnealingMediator, AVetoedTextIsTakenWithProbabilityExpOfMinusTheVetoesOverTheTemperature) {
  const auto space = std::make_shared<const OutcomeSpace>(
      "bits", std::vector<Issue>{Issue::Discrete("a", {"0", "1"}), Issue::Discrete("b", {"0", "1"}),
                                 Issue::Discrete("c", {"0", "1"}), Issue::Discrete("d", {"0", "1"})});
  const Outcome standing({0, 0, 0, 0});
  struct Case {
    double time;
    std::vector<Vote> votes;
    double expected;
  };
  const Case cases[] = {{0.5, {Vote::kAccept, Vote::kVeto, Vote::kAccept}, std::exp(-1.0)},
                        {0.5, {Vote::kVeto, Vote::kAccept, Vote::kVeto}, std::exp(-2.0)},
                        {0.75, {Vote::kVeto, Vote::kAccept, Vote::kAccept}, std::exp(-2.0)}};
  constexpr int kSeeds = 4000;
  for (const Case& c : cases) {
    int taken = 0;
    for (int seed = 0; seed < kSeeds; ++seed) {
      auto mediator = MediatorRegistry::Create("annealing(temperature=2)");
      MediatorContext context;
      context.space = space.get();
      context.party_count = 3;
      context.mediator_count = 1;
      context.disclosed.assign(3, nullptr);
      context.max_rounds = 100;
      context.seed = seed;
      mediator->Begin(context);
      TextState state;
      state.time = c.time;
      state.accepted_text = &standing;
      Outcome text(4), next(4);
      ASSERT_TRUE(mediator->ProposeText(state, text));
      mediator->ObserveAnswers(text, c.votes, {});
      state.time = c.time + 0.01;
      ASSERT_TRUE(mediator->ProposeText(state, next));
      std::size_t changes = 0;
      for (std::size_t k = 0; k < 4; ++k) changes += next[k] != standing[k] ? 1 : 0;
      taken += changes % 2 == 0 ? 1 : 0;
    }
    const double rate = static_cast<double>(taken) / kSeeds;
    EXPECT_NEAR(rate, c.expected, 4 * std::sqrt(c.expected * (1 - c.expected) / kSeeds))
        << "t = " << c.time << ": " << taken << " of " << kSeeds;
  }
}

TEST(AnnealingMediator, ANegativeTemperatureIsRefused) {
  try {
    MediatorRegistry::Create("annealing(temperature=-1)");
    FAIL() << "no error";
  } catch (const UsageError& error) {
    EXPECT_STREQ(error.what(), "annealing: temperature must be a non-negative number, got -1");
  }
}

}  // namespace
}  // namespace parley
