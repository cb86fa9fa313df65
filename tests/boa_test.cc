// Tests of the BOA acceptance and bidding strategies: each strategy's decisions against its
// formula, recomputed here by hand or by brute force over small generated scenarios, on synthetic
// turns and on traces against scripted, hard-lining and random opponents; and the spec syntax
// that composes them. The generic conformance test over every combination of parts is in
// negotiators_test.cc.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "fixtures.h"
#include "parley/boa.h"
#include "parley/protocol.h"
#include "test_support.h"

namespace parley {
namespace {

using testing::RandomLinearScenario;
using testing::ScriptedNegotiator;

// Every outcome of an enumerable space with party's utility of it.
struct Ranked {
  Outcome outcome;
  double utility;
};
std::vector<Ranked> AllOutcomes(const Scenario& scenario, std::size_t party) {
  const OutcomeSpace& space = scenario.space();
  std::vector<Ranked> all;
  for (OutcomeIndex i = 0; i < *space.cardinality(); ++i) {
    Outcome outcome = space.OutcomeAt(i);
    const double utility = scenario.profile(party).Utility(outcome);
    all.push_back({std::move(outcome), utility});
  }
  return all;
}

std::vector<double> Utilities(const std::vector<Ranked>& all) {
  std::vector<double> utilities;
  for (const auto& r : all) utilities.push_back(r.utility);
  return utilities;
}

// The lowest utility >= target (the maximum when none is).
double LowestAtLeast(const std::vector<double>& utilities, double target) {
  double best = -INFINITY, found = INFINITY;
  for (double u : utilities) {
    best = std::max(best, u);
    if (u >= target) found = std::min(found, u);
  }
  return std::isinf(found) ? best : found;
}

// Runs negotiators built here (scripted ones among them) under SAOP.
NegotiationResult RunSaop(const Scenario& scenario, const std::vector<Negotiator*>& negotiators, std::uint64_t rounds,
                          std::uint64_t seed = 1) {
  NegotiationOptions options;
  options.rounds = rounds;
  options.seed = seed;
  return ProtocolRegistry::Create("saop")->Run(scenario, negotiators, options);
}

// A context for driving an acceptance strategy directly.
struct DirectContext {
  Scenario scenario = RandomLinearScenario(61, 2, 3);
  Profile profile;
  NegotiatorContext context;

  explicit DirectContext(double reservation, ReservationSchedule schedule = {})
      : profile(Profile("me", scenario.profile(0).shared_utility_function(), reservation, 1.0)) {
    if (!schedule.empty()) profile = profile.WithSchedule(std::move(schedule));
    context.space = &scenario.space();
    context.profile = &profile;
    context.party = 0;
    context.party_count = 2;
    context.max_rounds = 100;
  }
};

TurnState Turn(double time, double offer_utility, const Outcome* offer) {
  TurnState state;
  state.time = time;
  state.current_offer = offer;
  state.offerer = 1;
  state.current_offer_utility = offer_utility;
  return state;
}

ObservedAction OfferSeen(double time, double utility, const Outcome* offer, std::size_t party = 1) {
  ObservedAction action;
  action.party = party;
  action.type = ActionType::kOffer;
  action.offer = offer;
  action.offer_utility = utility;
  action.time = time;
  return action;
}

// --- Acceptance strategies, turn by turn -------------------------------------------------------

TEST(ConstAcceptance, AcceptsFromTheThresholdButNeverBelowTheReservationValue) {
  DirectContext setup(0.4);
  const Outcome offer = setup.scenario.space().OutcomeAt(0);
  auto low = AcceptanceStrategyRegistry::Create("const(c=0.2)");
  low->Begin(setup.context);
  EXPECT_FALSE(low->Accept(Turn(0.1, 0.3, &offer), 1.0));  // above c, below the reservation value
  EXPECT_TRUE(low->Accept(Turn(0.1, 0.4, &offer), 1.0));
  auto standard = AcceptanceStrategyRegistry::Create("const");
  standard->Begin(setup.context);
  EXPECT_FALSE(standard->Accept(Turn(0.1, 0.89, &offer), 0.0));  // the default c is 0.9
  EXPECT_TRUE(standard->Accept(Turn(0.1, 0.9, &offer), 1.0));
}

TEST(TimeAcceptance, AcceptsAnyRationalOfferAfterItsTime) {
  DirectContext setup(0.25);
  const Outcome offer = setup.scenario.space().OutcomeAt(0);
  auto standard = AcceptanceStrategyRegistry::Create("time");
  standard->Begin(setup.context);
  EXPECT_FALSE(standard->Accept(Turn(0.98, 0.99, &offer), 0.0));  // the default T is 0.99
  EXPECT_TRUE(standard->Accept(Turn(0.99, 0.25, &offer), 1.0));
  EXPECT_FALSE(standard->Accept(Turn(0.995, 0.24, &offer), 0.0));
}

TEST(AcceptanceStrategies, FollowAReservationScheduleAtTheTimeOfTheTurn) {
  // The reservation value steps from 0.2 to 0.6 at t = 0.5.
  DirectContext setup(0.2, ReservationSchedule({{0.0, 0.2}, {0.5, 0.6}}, ReservationSchedule::Interpolation::kStep,
                                               ReservationSchedule::Unit::kTime));
  const Outcome offer = setup.scenario.space().OutcomeAt(0);
  for (const char* spec : {"const(c=0)", "time(t=0)", "combi(t=0)", "combi(b=1)"}) {
    SCOPED_TRACE(spec);
    auto acceptance = AcceptanceStrategyRegistry::Create(spec);
    acceptance->Begin(setup.context);
    acceptance->Observe(OfferSeen(0.4, 0.5, &offer));
    EXPECT_TRUE(acceptance->Accept(Turn(0.4, 0.5, &offer), 0.0));
    acceptance->Observe(OfferSeen(0.6, 0.5, &offer));
    EXPECT_FALSE(acceptance->Accept(Turn(0.6, 0.5, &offer), 0.0));
    acceptance->Observe(OfferSeen(0.7, 0.6, &offer));
    EXPECT_TRUE(acceptance->Accept(Turn(0.7, 0.6, &offer), 0.0));
  }
}

TEST(CombiAcceptance, AcceptsByNextOrByTheBestOfferInTheMirroredWindow) {
  DirectContext setup(0.3);
  const Outcome offer = setup.scenario.space().OutcomeAt(0);
  auto combi = AcceptanceStrategyRegistry::Create("combi(t=0.9)");
  combi->Begin(setup.context);
  // Before T: AC_next alone (a = 1, b = 0).
  combi->Observe(OfferSeen(0.5, 0.8, &offer));
  EXPECT_FALSE(combi->Accept(Turn(0.5, 0.8, &offer), 0.81));
  EXPECT_TRUE(combi->Accept(Turn(0.5, 0.8, &offer), 0.8));
  combi->Observe(OfferSeen(0.87, 0.7, &offer));
  EXPECT_FALSE(combi->Accept(Turn(0.87, 0.7, &offer), 0.95));  // the best so far, but t < T
  combi->Observe(OfferSeen(0.9, 0.5, &offer));
  // t = 0.9: window [0.8, 0.9] holds 0.7 and 0.5.
  EXPECT_FALSE(combi->Accept(Turn(0.9, 0.5, &offer), 0.95));
  combi->Observe(OfferSeen(0.93, 0.6, &offer));
  // t = 0.93: window [0.86, 0.93] still holds 0.7 (made at 0.87).
  EXPECT_FALSE(combi->Accept(Turn(0.93, 0.6, &offer), 0.95));
  combi->Observe(OfferSeen(0.95, 0.55, &offer));
  // t = 0.95: window [0.9, 0.95] holds 0.5, 0.6 and 0.55: 0.55 is not the best.
  EXPECT_FALSE(combi->Accept(Turn(0.95, 0.55, &offer), 0.95));
  combi->Observe(OfferSeen(0.97, 0.6, &offer));
  // t = 0.97: window [0.94, 0.97] holds 0.55 and 0.6.
  EXPECT_TRUE(combi->Accept(Turn(0.97, 0.6, &offer), 0.95));
  // Late and the best in the window, but below the reservation value.
  combi->Observe(OfferSeen(0.99, 0.29, &offer));
  EXPECT_FALSE(combi->Accept(Turn(0.995, 0.29, &offer), 0.0));
}

TEST(CombiAcceptance, PoolsTheWindowOverEveryOpponent) {
  DirectContext setup(0.0);
  setup.context.party_count = 3;
  const Outcome offer = setup.scenario.space().OutcomeAt(0);
  auto combi = AcceptanceStrategyRegistry::Create("combi(t=0.9)");
  combi->Begin(setup.context);
  combi->Observe(OfferSeen(0.91, 0.7, &offer, 1));
  combi->Observe(OfferSeen(0.92, 0.6, &offer, 2));
  EXPECT_FALSE(combi->Accept(Turn(0.92, 0.6, &offer), 1.0));  // party 1 offered 0.7 in the window
  combi->Observe(OfferSeen(0.96, 0.65, &offer, 1));
  combi->Observe(OfferSeen(0.97, 0.6, &offer, 2));
  EXPECT_FALSE(combi->Accept(Turn(0.97, 0.6, &offer), 1.0));  // window [0.94, 0.97]: 0.65
  combi->Observe(OfferSeen(0.98, 0.66, &offer, 1));
  EXPECT_TRUE(combi->Accept(Turn(0.98, 0.66, &offer), 1.0));
}

TEST(CombiAcceptance, MultiplierAndConstantActOnNext) {
  DirectContext setup(0.0);
  const Outcome offer = setup.scenario.space().OutcomeAt(0);
  auto combi = AcceptanceStrategyRegistry::Create("combi(a=2,b=0.1)");
  combi->Begin(setup.context);
  combi->Observe(OfferSeen(0.1, 0.3, &offer));
  EXPECT_TRUE(combi->Accept(Turn(0.1, 0.3, &offer), 0.7));  // 2 * 0.3 + 0.1 = 0.7
  EXPECT_FALSE(combi->Accept(Turn(0.1, 0.3, &offer), 0.71));
}

// --- Acceptance strategies on traces -----------------------------------------------------------

// Replays party 0's turns in a trace of boa(bidding=time(e=E),acceptance=...) against an
// opponent, checking each decision against `accepts(trace, entry, utility on the table, own next
// offer's utility)`, the next offer following the time-dependent formula by brute force.
using AcceptRule = std::function<bool(const Trace&, std::size_t, double, double)>;

// Returns how many decisions it checked.
std::size_t CheckAcceptanceTrace(const Scenario& scenario, const std::string& acceptance, double exponent,
                                 const std::string& opponent, std::uint64_t rounds, const AcceptRule& accepts) {
  SCOPED_TRACE(acceptance + " vs " + opponent);
  const std::vector<double> utilities = Utilities(AllOutcomes(scenario, 0));
  const double best = *std::max_element(utilities.begin(), utilities.end());
  const double floor =
      std::max(scenario.profile(0).reservation_value(), *std::min_element(utilities.begin(), utilities.end()));
  NegotiationOptions options;
  options.rounds = rounds;
  options.seed = 9;
  const std::string boa = "boa(bidding=time(e=" + std::to_string(exponent) + "),acceptance=" + acceptance + ")";
  const NegotiationResult result = RunNegotiation(scenario, {boa, opponent}, options);
  EXPECT_FALSE(result.fault.has_value());
  std::size_t decisions = 0;
  for (std::size_t i = 1; i < result.trace.size(); ++i) {
    const auto& step = result.trace.step(i);
    if (step.party != 0) continue;
    const double next = LowestAtLeast(utilities, best - (best - floor) * std::pow(step.time, 1.0 / exponent));
    const double on_table = result.trace.utility(i - 1, 0);
    EXPECT_EQ(step.action == ActionType::kAccept, accepts(result.trace, i, on_table, next)) << "step " << step.step;
    if (step.action == ActionType::kOffer) {
      EXPECT_DOUBLE_EQ(result.trace.utility(i, 0), next);
    }
    ++decisions;
  }
  return decisions;
}

TEST(AcceptanceOnTraces, ConstAndTimeAgainstRandomAndHardliner) {
  std::size_t decisions = 0;
  for (std::uint64_t seed : {71u, 72u}) {
    const Scenario scenario = RandomLinearScenario(seed, 2, 4);
    const double rv = scenario.profile(0).reservation_value();
    for (const char* opponent : {"random(accept=0)", "hardliner"}) {
      decisions +=
          CheckAcceptanceTrace(scenario, "const(c=0.8)", 0.2, opponent, 60,
                               [&](const Trace&, std::size_t, double u, double) { return u >= 0.8 && u >= rv; });
      decisions += CheckAcceptanceTrace(
          scenario, "time(t=0.5)", 0.2, opponent, 60,
          [&](const Trace& trace, std::size_t i, double u, double) { return trace.step(i).time >= 0.5 && u >= rv; });
    }
  }
  // Hard-liners whose best outcome suits party 0 end some runs at once; most run long.
  EXPECT_GT(decisions, 100u);
}

TEST(AcceptanceOnTraces, CombiAgainstRandom) {
  std::size_t decisions = 0;
  for (std::uint64_t seed : {73u, 74u, 75u}) {
    const Scenario scenario = RandomLinearScenario(seed, 2, 4);
    const double rv = scenario.profile(0).reservation_value();
    // The best of the opponent's offers made in [t - (1 - t), t], scanning the trace before entry i.
    auto window_best = [](const Trace& trace, std::size_t i) {
      const double t = trace.step(i).time;
      double best = -INFINITY;
      for (std::size_t j = 0; j < i; ++j) {
        if (trace.step(j).party == 1 && trace.step(j).action == ActionType::kOffer &&
            trace.step(j).time >= t - (1 - t)) {
          best = std::max(best, trace.utility(j, 0));
        }
      }
      return best;
    };
    struct Combi {
      const char* spec;
      double after;
      double a;
    };
    for (const Combi& combi : {Combi{"combi(t=0.8)", 0.8, 1.0}, Combi{"combi(t=0.6,a=1.1)", 0.6, 1.1}}) {
      decisions += CheckAcceptanceTrace(
          scenario, combi.spec, 0.2, "random(accept=0)", 80,
          [&](const Trace& trace, std::size_t i, double u, double next) {
            const double t = trace.step(i).time;
            return u >= rv && (combi.a * u >= next || (t >= combi.after && u >= window_best(trace, i)));
          });
    }
  }
  EXPECT_GT(decisions, 100u);
}

// --- Tit-for-tat bidding --------------------------------------------------------------------------

// Outcomes ranked by party 0's utility, spread from the worst to the best: a scripted opponent
// that offers them in turn concedes steadily in party 0's terms.
std::vector<ScriptedNegotiator::Move> ConcedingScript(const std::vector<Ranked>& all, const std::vector<double>& at) {
  std::vector<Ranked> sorted = all;
  std::sort(sorted.begin(), sorted.end(), [](const Ranked& a, const Ranked& b) { return a.utility < b.utility; });
  std::vector<ScriptedNegotiator::Move> script;
  for (double q : at) {
    const auto& r = sorted[static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1))];
    script.push_back(ScriptedNegotiator::Offer(r.outcome.values()));
  }
  return script;
}

void CheckTitForTat(const std::string& mode, std::size_t window) {
  SCOPED_TRACE("mode " + mode + ", window " + std::to_string(window));
  const Scenario scenario = RandomLinearScenario(81, 2, 4);
  const std::vector<Ranked> all = AllOutcomes(scenario, 0);
  const std::vector<double> utilities = Utilities(all);
  const double best = *std::max_element(utilities.begin(), utilities.end());
  const double floor =
      std::max(scenario.profile(0).reservation_value(), *std::min_element(utilities.begin(), utilities.end()));
  // Concedes, hardens once, concedes again, then repeats its last offer.
  auto script = ConcedingScript(all, {0.05, 0.1, 0.12, 0.2, 0.25, 0.15, 0.3, 0.35, 0.45, 0.5, 0.6, 0.7});
  ScriptedNegotiator opponent(script, script.back());
  // c = 2 is out of reach: the strategy under test only bids.
  auto boa = NegotiatorRegistry::Create("boa(bidding=tit-for-tat(mode=" + mode + ",window=" + std::to_string(window) +
                                        "),acceptance=const(c=2))");
  const NegotiationResult result = RunSaop(scenario, {boa.get(), &opponent}, 30);
  ASSERT_FALSE(result.fault.has_value()) << result.fault->message;

  double target = best;
  std::vector<double> seen;  // the opponent's offers, in party 0's utility
  bool fresh = false;
  std::size_t checked = 0;
  for (std::size_t i = 0; i < result.trace.size(); ++i) {
    const auto& step = result.trace.step(i);
    if (step.party == 1) {
      seen.push_back(result.trace.utility(i, 0));
      fresh = true;
      continue;
    }
    if (fresh && seen.size() >= window) {
      const double latest = seen.back(), earliest = seen[seen.size() - window];
      if (mode == "relative") target = target * earliest / latest;
      if (mode == "absolute") target = target - (latest - earliest);
      if (mode == "averaged") target = target - (latest - earliest) / static_cast<double>(window - 1);
    }
    fresh = false;
    target = std::clamp(target, floor, best);
    ASSERT_EQ(step.action, ActionType::kOffer);
    EXPECT_DOUBLE_EQ(result.trace.utility(i, 0), LowestAtLeast(utilities, target)) << "step " << step.step;
    ++checked;
  }
  EXPECT_EQ(checked, 30u);
}

TEST(TitForTatBidding, RelativeReturnsTheOpponentsProportionalConcession) {
  CheckTitForTat("relative", 2);
  CheckTitForTat("relative", 3);
}

TEST(TitForTatBidding, AbsoluteReturnsTheSameAmountOfUtility) {
  CheckTitForTat("absolute", 2);
  CheckTitForTat("absolute", 4);
}

TEST(TitForTatBidding, AveragedReturnsTheMeanStepOverTheWindow) {
  CheckTitForTat("averaged", 2);
  CheckTitForTat("averaged", 4);
}

TEST(TitForTatBidding, AHardlinerGetsNothing) {
  const Scenario scenario = RandomLinearScenario(82, 2, 3);
  const std::vector<double> utilities = Utilities(AllOutcomes(scenario, 0));
  const double best = *std::max_element(utilities.begin(), utilities.end());
  NegotiationOptions options;
  options.rounds = 40;
  for (const char* mode : {"relative", "absolute", "averaged"}) {
    const NegotiationResult result = RunNegotiation(
        scenario, {"boa(bidding=tit-for-tat(mode=" + std::string(mode) + "),acceptance=const(c=2))", "hardliner"},
        options);
    for (std::size_t i = 0; i < result.trace.size(); ++i) {
      if (result.trace.step(i).party == 0) {
        EXPECT_EQ(result.trace.utility(i, 0), best) << mode;
      }
    }
  }
}

// --- MiCRO ---------------------------------------------------------------------------------------

// Replays MiCRO's rule over a trace where party 0 is MiCRO (as the plain negotiator when
// `own_acceptance`, else as boa(bidding=micro,acceptance=const(c=2)), which never accepts).
void CheckMicroTrace(const Scenario& scenario, const NegotiationResult& result, bool own_acceptance) {
  ASSERT_FALSE(result.fault.has_value()) << result.fault->message;
  std::vector<double> descending = Utilities(AllOutcomes(scenario, 0));
  std::sort(descending.rbegin(), descending.rend());
  const double rv = scenario.profile(0).reservation_value();
  std::set<std::vector<double>> received, proposed;
  std::size_t concessions = 0, repeats = 0;
  for (std::size_t i = 0; i < result.trace.size(); ++i) {
    const auto& step = result.trace.step(i);
    if (step.party != 0) {
      if (step.action == ActionType::kOffer) received.insert(result.trace.offer(i).values());
      continue;
    }
    const std::size_t m = proposed.size(), n = received.size();
    const bool concede = m == 0 || (m < descending.size() && n >= m && descending[m] >= rv);
    const double accept_at = concede ? descending[m] : descending[m - 1];
    if (own_acceptance && i > 0) {
      const double on_table = result.trace.utility(i - 1, 0);
      EXPECT_EQ(step.action == ActionType::kAccept, on_table >= accept_at && on_table >= rv) << "step " << step.step;
    }
    if (step.action != ActionType::kOffer) continue;
    const double offered = result.trace.utility(i, 0);
    if (concede) {
      EXPECT_EQ(offered, descending[m]) << "step " << step.step;
      EXPECT_EQ(proposed.count(result.trace.offer(i).values()), 0u) << "step " << step.step;
      ++concessions;
    } else {
      EXPECT_EQ(proposed.count(result.trace.offer(i).values()), 1u) << "step " << step.step << ": not a repeat";
      ++repeats;
    }
    if (m > 0) {
      EXPECT_GE(offered, rv) << "step " << step.step;
    }
    proposed.insert(result.trace.offer(i).values());
  }
  EXPECT_GT(concessions, 1u);
  if (!own_acceptance) {
    EXPECT_GT(repeats, 0u);
  }
}

TEST(MicroBidding, ConcedesOnlyAsFastAsTheOpponentMakesDistinctOffers) {
  const Scenario scenario = RandomLinearScenario(91, 2, 3);
  const std::vector<Ranked> all = AllOutcomes(scenario, 0);
  // Repeats among the opponent's offers: MiCRO must wait for new ones.
  auto script = ConcedingScript(all, {0.0, 0.0, 0.05, 0.0, 0.05, 0.1, 0.1, 0.1, 0.15, 0.2, 0.2, 0.25, 0.3});
  for (const char* spec : {"boa(bidding=micro,acceptance=const(c=2))", "micro"}) {
    SCOPED_TRACE(spec);
    ScriptedNegotiator opponent(script, script.front());
    auto micro = NegotiatorRegistry::Create(spec);
    CheckMicroTrace(scenario, RunSaop(scenario, {micro.get(), &opponent}, 40), std::string(spec) == "micro");
  }
}

TEST(MicroBidding, NeverProposesBelowItsReservationValue) {
  for (std::uint64_t seed : {92u, 93u, 94u}) {
    const Scenario scenario = RandomLinearScenario(seed, 2, 2);
    NegotiationOptions options;
    options.rounds = 200;
    options.seed = seed;
    // Against a random opponent that never accepts, MiCRO runs down its whole ranking.
    CheckMicroTrace(scenario,
                    RunNegotiation(scenario, {"boa(bidding=micro,acceptance=const(c=2))", "random(accept=0)"}, options),
                    false);
    CheckMicroTrace(scenario, RunNegotiation(scenario, {"micro", "random(accept=0)"}, options), true);
  }
}

TEST(MicroBidding, IsReproducibleAndSeeded) {
  const Scenario scenario = RandomLinearScenario(95, 2, 3);
  const std::vector<Ranked> all = AllOutcomes(scenario, 0);
  auto script = ConcedingScript(all, {0.0});
  auto offers = [&](std::uint64_t seed) {
    ScriptedNegotiator opponent(script, script.front());
    auto micro = NegotiatorRegistry::Create("boa(bidding=micro,acceptance=const(c=2))");
    const NegotiationResult result = RunSaop(scenario, {micro.get(), &opponent}, 40, seed);
    std::vector<std::vector<double>> list;
    for (std::size_t i = 0; i < result.trace.size(); ++i) {
      if (result.trace.step(i).party == 0) list.push_back(result.trace.offer(i).values());
    }
    return list;
  };
  EXPECT_EQ(offers(1), offers(1));
  EXPECT_NE(offers(1), offers(2));
}

// --- Specs ---------------------------------------------------------------------------------------

TEST(BoaSpecs, ComposeFromNestedSpecs) {
  const Spec spec = Spec::Parse("boa(bidding=tit-for-tat(mode=absolute),acceptance=combi(t=0.95),model=none)");
  EXPECT_EQ(spec.GetSpec("bidding").name(), "tit-for-tat");
  EXPECT_EQ(spec.GetSpec("bidding").GetString("mode"), "absolute");
  EXPECT_EQ(spec.GetSpec("acceptance").name(), "combi");
  EXPECT_DOUBLE_EQ(spec.GetSpec("acceptance").GetDouble("t"), 0.95);
  EXPECT_EQ(spec.GetSpec("model").name(), "none");
  EXPECT_NE(NegotiatorRegistry::Create(spec), nullptr);
  // It plays as the absolute tit-for-tat with AC_combi.
  const Scenario scenario = RandomLinearScenario(96, 2, 3);
  NegotiationOptions options;
  options.rounds = 30;
  const NegotiationResult result = RunNegotiation(scenario, {spec.ToString(), "conceder"}, options);
  EXPECT_FALSE(result.fault.has_value());
}

TEST(BoaSpecs, RejectBadParameters) {
  for (const char* bad : {"boa(bidding=tit-for-tat(mode=sideways))", "boa(bidding=tit-for-tat(window=1))",
                          "boa(bidding=tit-for-tat(e=1))", "boa(acceptance=combi(x=1))", "boa(acceptance=const(c=x))",
                          "boa(acceptance=time(t=soon))", "boa(bidding=micro(e=1))", "micro(k=1)"}) {
    EXPECT_THROW(NegotiatorRegistry::Create(bad), UsageError) << bad;
  }
}

TEST(BoaSpecs, EveryPartIsListedWithItsParameters) {
  for (const char* name : {"const", "time", "combi", "next"}) EXPECT_TRUE(AcceptanceStrategyRegistry::Has(name));
  for (const char* name : {"tit-for-tat", "micro", "time"}) EXPECT_TRUE(BiddingStrategyRegistry::Has(name));
  EXPECT_TRUE(NegotiatorRegistry::Has("micro"));
  EXPECT_EQ(AcceptanceStrategyRegistry::Find("combi").parameters.size(), 3u);
  EXPECT_EQ(BiddingStrategyRegistry::Find("tit-for-tat").parameters[0].default_value, "relative");
}

}  // namespace
}  // namespace parley
