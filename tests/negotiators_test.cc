// Tests of the built-in negotiators: one generic conformance suite that every registered
// negotiator is put through against every other, the same invariants for every combination of
// registered BOA parts (bidding x acceptance x model) against a few fixed opponents, and checks
// of each strategy's offers against its formula, recomputed here by brute force over the
// outcome space.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

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

std::vector<std::string> RegisteredNames() {
  std::vector<std::string> names;
  for (const auto* entry : NegotiatorRegistry::List()) names.push_back(entry->name);
  return names;
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

// Checks the invariants every registered negotiator must keep against every other.
void CheckConformance(const Scenario& scenario, const std::vector<std::string>& specs, std::uint64_t seed) {
  SCOPED_TRACE("scenario " + scenario.name() + ", negotiators " + specs[0] + " vs " + specs[1]);
  NegotiationOptions options;
  options.rounds = 40;
  options.seed = seed;
  const NegotiationResult result = RunNegotiation(scenario, specs, options);
  ASSERT_FALSE(result.fault.has_value()) << result.fault->message;
  EXPECT_LE(result.steps, options.rounds * scenario.party_count());
  for (std::size_t i = 0; i < result.trace.size(); ++i) {
    if (result.trace.has_offer(i)) {
      EXPECT_TRUE(scenario.space().IsValid(result.trace.offer(i)));
    }
  }
  if (result.agreement) {
    EXPECT_EQ(result.end_reason, EndReason::kAgreement);
    // Every built-in negotiator is rational: it neither offers nor accepts below its reservation
    // value at the time (which may follow a schedule).
    for (std::size_t p = 0; p < scenario.party_count(); ++p) {
      EXPECT_GE(scenario.profile(p).Utility(*result.agreement),
                scenario.profile(p).ReservationValueAt(result.time, options.rounds))
          << "party " << p << " (" << specs[p] << ") agreed below its reservation value";
    }
  } else {
    EXPECT_NE(result.end_reason, EndReason::kAgreement);
  }
  ExpectSameResult(result, RunNegotiation(scenario, specs, options));
}

TEST(NegotiatorConformance, EveryPairOnGeneratedBilateralScenarios) {
  const auto names = RegisteredNames();
  ASSERT_GE(names.size(), 4u);
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    const Scenario scenario = RandomLinearScenario(seed, 2, 3, seed == 2);
    for (const auto& a : names) {
      for (const auto& b : names) CheckConformance(scenario, {a, b}, seed);
    }
  }
}

TEST(NegotiatorConformance, EveryNegotiatorOnGeneratedTrilateralScenarios) {
  const auto names = RegisteredNames();
  const Scenario scenario = RandomLinearScenario(7, 3, 3, true);
  for (const auto& a : names) {
    for (const auto& b : names) {
      SCOPED_TRACE(a + "," + b + "," + b);
      NegotiationOptions options;
      options.rounds = 30;
      options.seed = 11;
      const NegotiationResult result = RunNegotiation(scenario, {a, b, b}, options);
      ASSERT_FALSE(result.fault.has_value()) << result.fault->message;
      EXPECT_LE(result.steps, 90u);
      if (result.agreement) {
        for (std::size_t p = 0; p < 3; ++p) {
          EXPECT_GE(scenario.profile(p).Utility(*result.agreement), scenario.profile(p).reservation_value());
        }
      }
    }
  }
}

TEST(NegotiatorConformance, EveryPairOnTheBuiltinScenario) {
  const Scenario scenario = LoadScenario(std::string(kDefaultScenario) + "#ceasefire");
  const auto names = RegisteredNames();
  for (const auto& a : names) {
    for (const auto& b : names) CheckConformance(scenario, {a, b}, 5);
  }
}

// Every combination of registered bidding strategy, acceptance strategy and opponent model, each
// with its default parameters, as a "boa(...)" spec. New parts join the moment they register.
std::vector<std::string> BoaCombinations() {
  std::vector<std::string> specs;
  for (const auto* bidding : BiddingStrategyRegistry::List()) {
    for (const auto* acceptance : AcceptanceStrategyRegistry::List()) {
      for (const auto* model : OpponentModelRegistry::List()) {
        specs.push_back("boa(bidding=" + bidding->name + ",acceptance=" + acceptance->name + ",model=" + model->name +
                        ")");
      }
    }
  }
  return specs;
}

// The fixed opponents every combination meets.
const std::vector<std::string> kBoaOpponents = {"boulware", "tit-for-tat", "random"};

// Plays `boa` as party 0 against `opponent` in every other seat and checks the invariants: no
// fault, valid offers, the deadline kept, a rational agreement for every party, and (with a
// deadline in rounds) the same negotiation again from the same seed.
void CheckBoaCombination(const Scenario& scenario, const std::string& boa, const std::string& opponent,
                         const NegotiationOptions& options) {
  SCOPED_TRACE("scenario " + scenario.name() + ", " + boa + " vs " + opponent);
  std::vector<std::string> specs(scenario.party_count(), opponent);
  specs[0] = boa;
  const NegotiationResult result = RunNegotiation(scenario, specs, options);
  ASSERT_FALSE(result.fault.has_value()) << result.fault->message;
  if (options.rounds > 0) {
    EXPECT_LE(result.steps, options.rounds * scenario.party_count());
  }
  if (options.time_limit_seconds > 0) {
    // A turn starts only before the deadline; one turn's overrun is all the slack there is.
    EXPECT_LE(result.elapsed_seconds, options.time_limit_seconds + 0.25);
  }
  for (std::size_t i = 0; i < result.trace.size(); ++i) {
    if (result.trace.has_offer(i)) {
      ASSERT_TRUE(scenario.space().IsValid(result.trace.offer(i))) << "entry " << i;
    }
  }
  if (result.agreement) {
    EXPECT_EQ(result.end_reason, EndReason::kAgreement);
    for (std::size_t p = 0; p < scenario.party_count(); ++p) {
      // Rational when the party committed to the agreement (offered or accepted it, its last
      // action): a rising reservation value can overtake an offer while it waits on the table.
      double committed = result.time;
      for (std::size_t i = result.trace.size(); i-- > 0;) {
        if (result.trace.step(i).party == p) {
          committed = result.trace.step(i).time;
          break;
        }
      }
      EXPECT_GE(scenario.profile(p).Utility(*result.agreement),
                scenario.profile(p).ReservationValueAt(committed, options.rounds))
          << "party " << p << " (" << specs[p] << ") agreed below its reservation value";
    }
  }
  if (options.rounds > 0 && options.time_limit_seconds == 0) {
    ExpectSameResult(result, RunNegotiation(scenario, specs, options));
  }
}

void CheckEveryBoaCombination(const Scenario& scenario, const NegotiationOptions& options) {
  for (const auto& boa : BoaCombinations()) {
    for (const auto& opponent : kBoaOpponents) CheckBoaCombination(scenario, boa, opponent, options);
  }
}

NegotiationOptions BoaRounds(std::uint64_t rounds, std::uint64_t seed) {
  NegotiationOptions options;
  options.rounds = rounds;
  options.seed = seed;
  return options;
}

TEST(BoaConformance, EveryCombinationOnGeneratedBilateralScenarios) {
  ASSERT_GE(BoaCombinations().size(), 12u);
  CheckEveryBoaCombination(RandomLinearScenario(101, 2, 3), BoaRounds(40, 1));
  CheckEveryBoaCombination(RandomLinearScenario(102, 2, 4, true), BoaRounds(40, 2));
}

TEST(BoaConformance, EveryCombinationOnAGeneratedTrilateralScenario) {
  CheckEveryBoaCombination(RandomLinearScenario(103, 3, 3, true), BoaRounds(30, 3));
}

TEST(BoaConformance, EveryCombinationUnderRisingReservationValues) {
  // Each party's reservation value climbs linearly by 0.3 over the negotiation: agreements must
  // beat it at the time they are reached.
  const Scenario base = RandomLinearScenario(105, 2, 3);
  std::vector<Profile> profiles;
  for (const Profile& profile : base.profiles()) {
    const double start = profile.reservation_value();
    profiles.push_back(profile.WithSchedule(ReservationSchedule({{0.0, start}, {1.0, start + 0.3}},
                                                                ReservationSchedule::Interpolation::kLinear,
                                                                ReservationSchedule::Unit::kTime)));
  }
  CheckEveryBoaCombination(Scenario("rising", base.shared_space(), std::move(profiles)), BoaRounds(40, 6));
}

TEST(BoaConformance, EveryCombinationUnderAWallClockDeadline) {
  NegotiationOptions options;
  options.time_limit_seconds = 0.01;
  options.seed = 4;
  CheckEveryBoaCombination(RandomLinearScenario(104, 2, 3), options);
}

TEST(BoaConformance, EveryCombinationOnShippedScenarios) {
  const auto genius = testing::ShippedScenarios() / "genius";
  // Few rounds on the 10^10-outcome nonlinear space: the point is that every part copes with it.
  const std::vector<std::pair<std::string, std::uint64_t>> cases = {
      {"CarB", 60}, {"group2-dinner", 30}, {"10issues", 15}};
  for (const auto& [name, rounds] : cases) {
    const Scenario scenario = LoadScenario((genius / name).string());
    CheckEveryBoaCombination(scenario, BoaRounds(rounds, 5));
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
  EXPECT_GT(utility_at_half_time("boulware"), utility_at_half_time("linear"));
  EXPECT_GT(utility_at_half_time("linear"), utility_at_half_time("conceder"));
}

TEST(TimeBasedNegotiator, AcceptsAnOfferAtLeastAsGoodAsItsNextOffer) {
  // Against a hard-liner whose best outcome is also acceptable to the time-based side, the
  // time-based negotiator accepts exactly when its own next offer is worth no more than that.
  const Scenario scenario = RandomLinearScenario(23, 2, 3);
  NegotiationOptions options;
  options.rounds = 200;
  const NegotiationResult result = RunNegotiation(scenario, {"hardliner", "conceder"}, options);
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

TEST(TitForTatNegotiator, MovesItsTargetByTheOpponentsConcession) {
  const Scenario scenario = RandomLinearScenario(41, 2, 4);
  const std::vector<double> utilities = AllUtilities(scenario, 1);
  const double best = *std::max_element(utilities.begin(), utilities.end());
  const double floor =
      std::max(scenario.profile(1).reservation_value(), *std::min_element(utilities.begin(), utilities.end()));
  NegotiationOptions options;
  options.rounds = 60;
  const NegotiationResult result = RunNegotiation(scenario, {"conceder", "tit-for-tat(k=0.5)"}, options);
  // Replay the opponent's offers as tit-for-tat saw them, in its own utility.
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
