// Tests of `kawaii` against what the source of GENIUS's agents.anac.y2015.fairy.kawaii implies (no
// GENIUS session of kawaii alone was recorded; it also plays inside Caduceus, whose traces
// genius_caduceus_test.cc replays). Its target is max(0.8, (1 - 0.2 t^2 - pull) d^t), where pull
// is (1 - 0.2 t^2 - 0.8) times the share of the other parties whose last action since its
// previous look was an Accept; it accepts an offer worth the target, walks away when its
// discounted reservation value is above the target, and never offers below the target unless
// the offer is its best bid. Expectations are computed here from that formula with GENIUS's
// round times r / (N + 1), against scripted parties.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>
#include <vector>

#include "fixtures.h"
#include "parley/protocol.h"
#include "parley/scenario.h"
#include "parley/scenario_format.h"
#include "test_support.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using testing::ScriptedNegotiator;

constexpr std::uint64_t kRounds = 200;

double Target(double t, double discount, double accepting_share) {
  double target = 1.0 - 0.2 * t * t;
  target -= (target - 0.8) * accepting_share;
  return std::max(0.8, target * std::pow(discount, t));
}

double RoundTime(std::uint64_t round) { return static_cast<double>(round) / static_cast<double>(kRounds + 1); }

// The first outcome (by index) the party values within [low, high].
Outcome OutcomeWorth(const Scenario& scenario, std::size_t party, double low, double high) {
  const OutcomeSpace& space = scenario.space();
  for (OutcomeIndex i = 0; i < *space.cardinality(); ++i) {
    const Outcome outcome = space.OutcomeAt(i);
    const double u = scenario.profile(party).Utility(outcome);
    if (u >= low && u <= high) return outcome;
  }
  ADD_FAILURE() << "no outcome worth [" << low << ", " << high << "]";
  return Outcome(space.issue_count());
}

NegotiationResult RunSession(const Scenario& scenario, std::vector<Negotiator*> parties) {
  NegotiationOptions options;
  options.rounds = kRounds;
  options.party_seeds.assign(parties.size(), 42);
  return ProtocolRegistry::Create("saop")->Run(scenario, parties, options);
}

Scenario Load(const char* folder, const std::vector<std::string>& profiles) {
  return LoadScenario((testing::SharedScenarios() / folder).string(), "genius-xml").WithParties(profiles);
}

// Bilateral, discounted (CarA, d = 0.75): an opponent repeating one offer is accepted in the first
// round whose target that offer reaches; until then every offer kawaii makes reaches the target.
TEST(Kawaii, AcceptsARepeatedOfferOnceItReachesTheTarget) {
  if (!fs::is_directory(testing::SharedScenarios() / "anac/y2012/CarA")) GTEST_SKIP() << "no ANAC scenarios";
  const Scenario scenario = Load("anac/y2012/CarA", {"Car-A-prof1", "Car-A-prof2"});
  for (const double worth : {0.82, 0.86, 0.9, 0.95}) {
    const Outcome offer = OutcomeWorth(scenario, 1, worth, worth + 0.01);
    const double u = scenario.profile(1).Utility(offer);
    std::uint64_t expected = 0;
    for (std::uint64_t r = 1; r <= kRounds && expected == 0; ++r) {
      if (u >= Target(RoundTime(r), 0.75, 0.0)) expected = r;
    }
    ScriptedNegotiator opponent({}, ScriptedNegotiator::Offer(offer.values()));
    auto kawaii = NegotiatorRegistry::Create("kawaii");
    const NegotiationResult result = RunSession(scenario, {&opponent, kawaii.get()});
    ASSERT_EQ(result.end_reason, EndReason::kAgreement) << "offer worth " << u;
    EXPECT_EQ(result.rounds, expected) << "offer worth " << u;
    EXPECT_EQ(*result.agreement, offer);
    double best = 0.0;
    for (OutcomeIndex i = 0; i < *scenario.space().cardinality(); ++i) {
      best = std::max(best, scenario.profile(1).Utility(scenario.space().OutcomeAt(i)));
    }
    for (std::size_t i = 0; i < result.trace.size(); ++i) {
      const auto& step = result.trace.step(i);
      if (step.party != 1 || step.action != ActionType::kOffer) continue;
      const double own = result.trace.utility(i, 1);
      if (own != best) {
        EXPECT_GE(own, Target(step.time, 0.75, 0.0) - 1e-12) << "step " << step.step;
      }
    }
  }
}

// Three parties (Dinner, undiscounted): when the party between the offerer and kawaii accepts
// every offer, kawaii's target is pulled half way to 0.8, so it accepts earlier than the plain
// target would.
TEST(Kawaii, OthersAcceptingPullItsTargetTowardsTheFloor) {
  if (!fs::is_directory(testing::SharedScenarios() / "anac/y2015/group2-dinner")) GTEST_SKIP() << "no ANAC scenarios";
  const Scenario scenario = Load("anac/y2015/group2-dinner", {"Dinner_util1", "Dinner_util2", "Dinner_util3"});
  const Outcome offer = OutcomeWorth(scenario, 2, 0.86, 0.88);
  const double u = scenario.profile(2).Utility(offer);
  std::uint64_t expected = 0;
  std::uint64_t unpulled = 0;
  for (std::uint64_t r = 1; r <= kRounds; ++r) {
    if (expected == 0 && u >= Target(RoundTime(r), 1.0, 0.5)) expected = r;
    if (unpulled == 0 && u >= Target(RoundTime(r), 1.0, 0.0)) unpulled = r;
  }
  ASSERT_LT(expected, unpulled);
  ScriptedNegotiator offerer({}, ScriptedNegotiator::Offer(offer.values()));
  ScriptedNegotiator acceptor({}, ScriptedNegotiator::Accept());
  auto kawaii = NegotiatorRegistry::Create("kawaii");
  const NegotiationResult result = RunSession(scenario, {&offerer, &acceptor, kawaii.get()});
  ASSERT_EQ(result.end_reason, EndReason::kAgreement);
  EXPECT_EQ(result.rounds, expected);
  EXPECT_EQ(*result.agreement, offer);
}

// With a reservation value of 0.95 and no discount, the target 1 - 0.2 t^2 falls below it once
// t^2 > 0.25: first in round 101 (t = 101/201), where kawaii walks away from offers it never
// accepts (worth less than its floor of 0.8).
TEST(Kawaii, WalksAwayOnceItsReservationValueBeatsTheTarget) {
  if (!fs::is_directory(testing::SharedScenarios() / "anac/y2015/group2-dinner")) GTEST_SKIP() << "no ANAC scenarios";
  const Scenario dinner = Load("anac/y2015/group2-dinner", {"Dinner_util1", "Dinner_util2"});
  const Profile& own = dinner.profile(1);
  const Scenario scenario("dinner-rv", dinner.shared_space(),
                          {dinner.profile(0), Profile(own.name(), own.shared_utility_function(), 0.95, 1.0)});
  const Outcome offer = OutcomeWorth(scenario, 1, 0.0, 0.7);
  ScriptedNegotiator opponent({}, ScriptedNegotiator::Offer(offer.values()));
  auto kawaii = NegotiatorRegistry::Create("kawaii");
  const NegotiationResult result = RunSession(scenario, {&opponent, kawaii.get()});
  EXPECT_EQ(result.end_reason, EndReason::kEndedByParty);
  EXPECT_EQ(result.rounds, 101u);
  EXPECT_GT(1.0 - 0.2 * RoundTime(100) * RoundTime(100), 0.95);
  EXPECT_LT(1.0 - 0.2 * RoundTime(101) * RoundTime(101), 0.95);
}

}  // namespace
}  // namespace parley
