// Tests of the ANAC agents (src/negotiators/anac/): rationality, reproducibility and no faults
// against every registered negotiator on generated, CarB and 10issues scenarios, and each agent's
// characteristic behaviour, with expectations worked out here from the original code's formulas
// (HardHeaded's target, AgentK's acceptance from the opponent's statistics) or the published
// descriptions (Atlas3's multilateral agreements).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "conformance.h"
#include "fixtures.h"
#include "parley/negotiator.h"
#include "parley/protocol.h"
#include "parley/scenario_format.h"
#include "test_support.h"

namespace parley {
namespace {

using testing::RandomLinearScenario;

const std::vector<std::string> kAgents = {"hardheaded", "agentk", "cuhkagent", "atlas3"};

std::vector<std::string> RegisteredNames() {
  std::vector<std::string> names;
  for (const auto* entry : NegotiatorRegistry::List()) {
    if (!entry->interactive) names.push_back(entry->name);  // `human` would wait for a person
  }
  return names;
}

double BestUtility(const Scenario& scenario, std::size_t party) {
  return scenario.profile(party).utility_function().ranking().best_utility();
}

// Every offer and acceptance of the parties in `checked` is worth at least their reservation value
// at the time (when some outcome is), and an agreement is rational for everyone but the parties in
// `exempt` (ports of originals that ignore their reservation value and may agree below it).
void ExpectRational(const Scenario& scenario, const NegotiationResult& result, const std::vector<std::size_t>& checked,
                    const std::vector<std::size_t>& exempt, std::uint64_t rounds) {
  for (std::size_t i = 0; i < result.trace.size(); ++i) {
    const auto& step = result.trace.step(i);
    if (std::find(checked.begin(), checked.end(), step.party) == checked.end()) continue;
    if (!result.trace.has_offer(i)) continue;
    const double rv = scenario.profile(step.party).ReservationValueAt(step.time, rounds);
    if (BestUtility(scenario, step.party) < rv) continue;
    EXPECT_GE(result.trace.utility(i, step.party), rv)
        << "party " << step.party << " " << (step.action == ActionType::kAccept ? "accepted" : "offered")
        << " below its reservation value at step " << step.step;
  }
  if (result.agreement) {
    for (std::size_t p = 0; p < scenario.party_count(); ++p) {
      if (std::find(exempt.begin(), exempt.end(), p) != exempt.end()) continue;
      EXPECT_GE(scenario.profile(p).Utility(*result.agreement),
                scenario.profile(p).ReservationValueAt(result.time, rounds));
    }
  }
}

void ExpectSameRun(const NegotiationResult& a, const NegotiationResult& b) {
  ASSERT_EQ(a.trace.size(), b.trace.size());
  EXPECT_EQ(a.utilities, b.utilities);
  for (std::size_t i = 0; i < a.trace.size(); ++i) {
    EXPECT_EQ(a.trace.step(i).action, b.trace.step(i).action);
    if (a.trace.has_offer(i)) {
      EXPECT_EQ(a.trace.offer(i), b.trace.offer(i));
    }
  }
}

// Runs `specs` and checks for faults, the deadline, rationality of the ANAC agents among them
// and reproducibility.
void CheckAgainst(const Scenario& scenario, const std::vector<std::string>& specs, std::uint64_t rounds,
                  std::uint64_t seed) {
  std::string names;
  for (const auto& spec : specs) names += (names.empty() ? "" : ", ") + spec;
  SCOPED_TRACE("scenario " + scenario.name() + ": " + names);
  NegotiationOptions options;
  options.rounds = rounds;
  options.seed = seed;
  const NegotiationResult result = RunNegotiation(scenario, specs, options);
  // An agent that cannot play with full information says so (conformance::FullInformationExemptions).
  if (result.fault && result.fault->party < specs.size() &&
      conformance::IsFullInformationFault(specs[result.fault->party], result.fault->message)) {
    return;
  }
  ASSERT_FALSE(result.fault.has_value()) << result.fault->message;
  EXPECT_LE(result.steps, rounds * scenario.party_count());
  std::vector<std::size_t> checked, exempt;
  for (std::size_t p = 0; p < specs.size(); ++p) {
    if (!conformance::KeepsReservationValue(specs[p])) exempt.push_back(p);
    // Ports of originals that ignore their reservation value are checked as the originals are not.
    if (std::find(kAgents.begin(), kAgents.end(), specs[p]) != kAgents.end() &&
        conformance::KeepsReservationValue(specs[p])) {
      checked.push_back(p);
    }
  }
  ExpectRational(scenario, result, checked, exempt, rounds);
  ExpectSameRun(result, RunNegotiation(scenario, specs, options));
}

TEST(AnacAgents, AreRegistered) {
  for (const auto& name : kAgents) EXPECT_TRUE(NegotiatorRegistry::Has(name)) << name;
}

TEST(AnacAgents, NoFaultsAgainstEveryNegotiatorOnGeneratedScenarios) {
  const auto names = RegisteredNames();
  const Scenario bilateral = RandomLinearScenario(61, 2, 3, true);
  const Scenario trilateral = RandomLinearScenario(62, 3, 3, true);
  for (const auto& agent : kAgents) {
    for (const auto& other : names) {
      CheckAgainst(bilateral, {agent, other}, 40, 3);
      CheckAgainst(bilateral, {other, agent}, 40, 4);
      CheckAgainst(trilateral, {agent, other, other}, 30, 5);
      CheckAgainst(trilateral, {other, agent, "atlas3"}, 30, 6);
    }
  }
}

TEST(AnacAgents, NoFaultsAgainstEveryNegotiatorOnCarBAnd10Issues) {
  const auto names = RegisteredNames();
  const Scenario car = LoadScenario((testing::ShippedScenarios() / "genius" / "CarB").string());
  const Scenario large = LoadScenario((testing::ShippedScenarios() / "genius" / "10issues").string());
  for (const auto& agent : kAgents) {
    for (const auto& other : names) {
      CheckAgainst(car, {agent, other}, 30, 7);
      CheckAgainst(car, {other, agent}, 30, 8);
      CheckAgainst(large, {agent, other}, 8, 9);
      CheckAgainst(large, {other, agent}, 8, 10);
    }
  }
}

TEST(AnacAgents, RationalWithHighAndScheduledReservationValues) {
  // Reservation values high enough to matter, one rising during the negotiation.
  const Scenario base = RandomLinearScenario(63, 2, 4, true);
  std::vector<Profile> profiles;
  for (std::size_t p = 0; p < 2; ++p) {
    const Profile& profile = base.profile(p);
    const double best = BestUtility(base, p);
    Profile high(profile.name(), profile.shared_utility_function(), 0.6 * best, profile.discount_factor());
    if (p == 1) {
      high = high.WithSchedule(ReservationSchedule({{0.0, 0.3 * best}, {0.5, 0.75 * best}},
                                                   ReservationSchedule::Interpolation::kLinear,
                                                   ReservationSchedule::Unit::kTime));
    }
    profiles.push_back(high);
  }
  const Scenario scenario(base.name() + "-high", base.shared_space(), profiles);
  for (const auto& agent : kAgents) {
    for (const auto& other : {"conceder", "random", "agentk", "atlas3"}) {
      CheckAgainst(scenario, {agent, other}, 50, 12);
      CheckAgainst(scenario, {other, agent}, 50, 13);
    }
  }
}

TEST(AnacAgents, WorkWithATimeDeadline) {
  const Scenario scenario = RandomLinearScenario(64, 3, 3, true);
  for (const auto& agent : kAgents) {
    SCOPED_TRACE(agent);
    NegotiationOptions options;
    options.time_limit_seconds = 0.05;
    options.seed = 1;
    const NegotiationResult result = RunNegotiation(scenario, {agent, "conceder", "linear"}, options);
    ASSERT_FALSE(result.fault.has_value()) << result.fault->message;
    ExpectRational(scenario, result, {0}, {}, 0);
  }
}

TEST(AnacAgents, ReproducibleForASeed) {
  const Scenario scenario = RandomLinearScenario(65, 2, 4, true);
  NegotiationOptions options;
  options.rounds = 60;
  for (const auto& agent : kAgents) {
    SCOPED_TRACE(agent);
    options.seed = 21;
    const NegotiationResult a = RunNegotiation(scenario, {agent, "random(accept=0)"}, options);
    ExpectSameRun(a, RunNegotiation(scenario, {agent, "random(accept=0)"}, options));
  }
  // AgentK draws its offers at random: another seed gives other offers.
  options.seed = 1;
  const NegotiationResult a = RunNegotiation(scenario, {"agentk", "hardliner"}, options);
  options.seed = 2;
  const NegotiationResult b = RunNegotiation(scenario, {"agentk", "hardliner"}, options);
  bool differs = false;
  for (std::size_t i = 0; i < std::min(a.trace.size(), b.trace.size()); ++i) {
    differs = differs || (a.trace.has_offer(i) && b.trace.has_offer(i) && !(a.trace.offer(i) == b.trace.offer(i)));
  }
  EXPECT_TRUE(differs);
}

// HardHeaded's target p(t) as GENIUS's KLH computes it (Ka = 0.05, e = 0.05, min = 0.585, max =
// its best utility), written out from the formulas in docs/strategies.md.
double HardHeadedTarget(double t, double best, double discount) {
  const double ka = 0.05, e = 0.05, low = 0.585;
  const double d = discount > 0.0 && discount <= 1.0 ? discount : 1.0;
  if (d >= 0.9) return low + (1 - (ka + (1 - ka) * std::pow(t / d, 1 / e))) * (best - low);
  const double middle = low + std::abs(best - low) * d;
  if (t <= d) return middle + (1 - (ka + (1 - ka) * std::pow(t / d, d / e))) * (best - middle);
  return low + (1 - (ka + (1 - ka) * std::pow((t - d) / (1 - d), 1.0 / 30))) * (middle - low);
}

TEST(HardHeaded, NeverOffersBelowItsTargetAgainstAHardliner) {
  // Every bid HardHeaded offers was taken from its list while its key (utility minus a small
  // offset) reached the target of that time, or is an earlier offer, or the opponent's best bid
  // when better than those; the target only falls, so each offer is worth at least p(t). Its
  // first offer is its best outcome.
  for (const bool discounted : {false, true}) {
    const Scenario scenario = RandomLinearScenario(71, 2, 4, discounted);
    const double best = BestUtility(scenario, 0);
    ASSERT_GT(best, 0.585);
    NegotiationOptions options;
    options.rounds = 200;
    const NegotiationResult result = RunNegotiation(scenario, {"hardheaded", "hardliner"}, options);
    ASSERT_FALSE(result.fault.has_value());
    std::size_t offers = 0;
    for (std::size_t i = 0; i < result.trace.size(); ++i) {
      const auto& step = result.trace.step(i);
      if (step.party != 0 || step.action != ActionType::kOffer) continue;
      const double u = result.trace.utility(i, 0);
      if (offers++ == 0) {
        EXPECT_EQ(u, best);
      }
      EXPECT_GE(u, HardHeadedTarget(step.time, best, scenario.profile(0).discount_factor()))
          << "offer below the target at t=" << step.time;
    }
    EXPECT_GT(offers, 100u);
  }
}

TEST(HardHeaded, HoldsOutLongerThanBoulware) {
  const Scenario scenario = RandomLinearScenario(72, 2, 4);
  NegotiationOptions options;
  options.rounds = 100;
  auto utility_at = [&](const std::string& spec, double time) {
    const NegotiationResult result = RunNegotiation(scenario, {spec, "hardliner"}, options);
    for (std::size_t i = 0; i < result.trace.size(); ++i) {
      if (result.trace.step(i).party == 0 && result.trace.step(i).time >= time) return result.trace.utility(i, 0);
    }
    return static_cast<double>(NAN);
  };
  EXPECT_GE(utility_at("hardheaded", 0.8), utility_at("boulware", 0.8));
}

// Offers one fixed sequence of outcomes, in turn, and never accepts.
class Scripted final : public Negotiator {
 public:
  explicit Scripted(std::vector<Outcome> offers) : offers_(std::move(offers)) {}
  void Begin(const NegotiatorContext&) override { next_ = 0; }
  ActionType Act(const TurnState&, Outcome& proposal) override {
    proposal = offers_[next_++ % offers_.size()];
    return ActionType::kOffer;
  }

 private:
  std::vector<Outcome> offers_;
  std::size_t next_ = 0;
};

// AgentK's target and acceptance probability (tremor 0) as GENIUS's Agent_K computes them, for
// opponent offers with the given mean and variance of utilities (to AgentK) at time t, written
// out from the formulas in docs/strategies.md.
struct AgentKNumbers {
  double target, probability;
};
AgentKNumbers AgentKFor(double mean, double variance, double t, double offered) {
  double deviation = std::sqrt(variance * 12);
  if (std::isnan(deviation)) deviation = 0.0;
  const double emax = mean + (1 - mean) * deviation;
  const double alpha = 1 + 10 * mean;
  const double pre = 1 - std::pow(t, alpha) * (1 - emax);
  double ratio = (deviation + 0.1) / (1 - pre);
  if (std::isnan(ratio) || ratio > 2.0) ratio = 2.0;
  double target = ratio * pre + 1 - ratio;
  if (target > emax) {
    const double r = target - emax;
    const double m = 400 - 300 * t * t * t;
    target -= r * std::min(m, 1 / (r * r)) / m;
  } else {
    target = emax;
  }
  double p = std::pow(t, alpha) / 5 + (offered - emax) + (offered - target);
  if (p < 0.1) p = 0.0;
  return {target, p};
}

TEST(AgentK, AcceptanceFollowsTheOpponentsOfferStatistics) {
  const Scenario scenario = RandomLinearScenario(81, 2, 4);
  const OutcomeRanking& ranking = scenario.profile(1).utility_function().ranking();
  const double best = ranking.best_utility();
  const double rv = scenario.profile(1).reservation_value();
  // Two opponent offers, a middling and a better one, alternated.
  Outcome low(scenario.space().issue_count()), high(scenario.space().issue_count());
  ranking.CopyOutcome(ranking.LowestAtLeast(rv + 0.3 * (best - rv)), low);
  ranking.CopyOutcome(ranking.LowestAtLeast(rv + 0.6 * (best - rv)), high);
  const double u_low = scenario.profile(1).Utility(low), u_high = scenario.profile(1).Utility(high);
  ASSERT_LT(u_low, u_high);

  std::size_t checked = 0, never = 0;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    Scripted opponent({low, high});
    auto agentk = NegotiatorRegistry::Create("agentk(tremor=0)");
    NegotiationOptions options;
    options.rounds = 100;
    options.seed = seed;
    const NegotiationResult result =
        ProtocolRegistry::Create("saop")->Run(scenario, {&opponent, agentk.get()}, options);
    ASSERT_FALSE(result.fault.has_value());
    double sum = 0.0, sum_of_squares = 0.0;
    std::size_t count = 0;
    for (std::size_t i = 0; i < result.trace.size(); ++i) {
      const auto& step = result.trace.step(i);
      const double u = result.trace.utility(i, 1);
      if (step.party == 0) {
        sum += u;
        sum_of_squares += u * u;
        ++count;
        continue;
      }
      const double on_table = result.trace.utility(i - 1, 1);
      const double mean = sum / count;
      const auto numbers = AgentKFor(mean, sum_of_squares / count - mean * mean, step.time, on_table);
      // It accepts when P exceeds a uniform draw in [0, 1): never when P = 0, always when P >= 1.
      if (numbers.probability == 0.0) {
        EXPECT_EQ(step.action, ActionType::kOffer) << "t=" << step.time;
        ++never;
      }
      if (numbers.probability >= 1.0) {
        EXPECT_EQ(step.action, ActionType::kAccept) << "t=" << step.time;
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 100u);
  EXPECT_GT(never, 100u);
}

TEST(AgentK, DemandsMoreFromAnOpponentWhoseOffersAreBetter) {
  // alpha = 1 + 10 mu (tremor 0) grows with the mean of the opponent's offers, and emax with it: against an
  // opponent whose (constant) offer is worth more to AgentK, its target stays higher
  // (AgentKFor(0.3, 0, 0.5, 0.3).target < AgentKFor(0.6, 0, 0.5, 0.6).target, checked below). CarB,
  // whose best utility is 1 as the original's formulas assume.
  const Scenario scenario = LoadScenario((testing::ShippedScenarios() / "genius" / "CarB").string());
  const OutcomeRanking& ranking = scenario.profile(1).utility_function().ranking();
  const double best = ranking.best_utility();
  const double rv = scenario.profile(1).reservation_value();
  auto mean_offer = [&](double fraction) {
    Outcome offer(scenario.space().issue_count());
    ranking.CopyOutcome(ranking.LowestAtLeast(rv + fraction * (best - rv)), offer);
    Scripted opponent({offer});
    auto agentk = NegotiatorRegistry::Create("agentk(tremor=0)");
    NegotiationOptions options;
    options.rounds = 40;
    const NegotiationResult result =
        ProtocolRegistry::Create("saop")->Run(scenario, {&opponent, agentk.get()}, options);
    double sum = 0.0;
    std::size_t n = 0;
    for (std::size_t i = 0; i < result.trace.size(); ++i) {
      const auto& step = result.trace.step(i);
      if (step.party == 1 && step.action == ActionType::kOffer && step.time >= 0.3 && step.time < 0.7) {
        sum += result.trace.utility(i, 1);
        ++n;
      }
    }
    return n ? sum / n : static_cast<double>(NAN);
  };
  const double against_poor = mean_offer(0.1);
  const double against_good = mean_offer(0.5);
  EXPECT_LT(AgentKFor(0.3, 0, 0.5, 0.3).target, AgentKFor(0.6, 0, 0.5, 0.6).target);
  // Offers are uniform above the target, so compare the mean offers.
  EXPECT_GT(against_good, against_poor);
}

TEST(CuhkAgent, HoldsOutAgainstAHardlinerUntilLate) {
  const Scenario scenario = RandomLinearScenario(91, 2, 4);
  const double best = BestUtility(scenario, 0);
  NegotiationOptions options;
  options.rounds = 100;
  const NegotiationResult result = RunNegotiation(scenario, {"cuhkagent", "hardliner"}, options);
  for (std::size_t i = 0; i < result.trace.size(); ++i) {
    const auto& step = result.trace.step(i);
    if (step.party != 0 || step.action != ActionType::kOffer || step.time > 0.3) continue;
    // Undiscounted, lambda = 0.9: by t = 0.3 at most (0.3 / 0.9)^2 = 11% of the way down.
    EXPECT_GE(result.trace.utility(i, 0), best - 0.12 * best);
  }
}

TEST(Atlas3, ReachesAgreementsWithConcedingOpponentsInThreePartyNegotiations) {
  std::size_t agreements = 0, runs = 0;
  for (std::uint64_t seed : {101u, 102u, 103u, 104u}) {
    const Scenario scenario = RandomLinearScenario(seed, 3, 4, seed % 2 == 0);
    for (const auto& specs : std::vector<std::vector<std::string>>{
             {"atlas3", "conceder", "conceder"}, {"conceder", "atlas3", "linear"}, {"linear", "conceder", "atlas3"}}) {
      NegotiationOptions options;
      options.rounds = 60;
      options.seed = seed;
      const NegotiationResult result = RunNegotiation(scenario, specs, options);
      ASSERT_FALSE(result.fault.has_value());
      ExpectRational(scenario, result, {0, 1, 2}, {}, options.rounds);
      ++runs;
      if (result.agreement) ++agreements;
    }
  }
  EXPECT_EQ(agreements, runs);
}

TEST(Atlas3, AgreesWithOtherAtlas3s) {
  const Scenario scenario = RandomLinearScenario(105, 3, 4, true);
  NegotiationOptions options;
  options.rounds = 60;
  const NegotiationResult result = RunNegotiation(scenario, {"atlas3", "atlas3", "atlas3"}, options);
  ASSERT_FALSE(result.fault.has_value());
  EXPECT_TRUE(result.agreement.has_value());
}

}  // namespace
}  // namespace parley
