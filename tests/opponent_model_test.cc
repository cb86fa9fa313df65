// Tests of the opponent models of the BOA architecture ("frequency" and "bayesian"): their update
// rules against numbers worked out by hand on short scripted offer sequences, their estimates'
// range on every kind of issue and on a 10^50-outcome space, how well they learn a conceding
// opponent's profile (correlation of estimated and true utilities, against the uninformed
// model's 0), and a BOA negotiator using each of them in a three-party negotiation.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "fixtures.h"
#include "parley/boa.h"
#include "parley/protocol.h"
#include "parley/random.h"
#include "parley/scenario_format.h"
#include "test_support.h"

namespace parley {
namespace {

// A model for `party` of `party_count` parties over `space`, begun.
std::unique_ptr<OpponentModel> BeginModel(const std::string& spec, const Scenario& scenario, std::size_t party) {
  auto model = OpponentModelRegistry::Create(spec);
  NegotiatorContext context;
  context.space = &scenario.space();
  context.profile = &scenario.profile(party);
  context.party = party;
  context.party_count = scenario.party_count();
  context.max_rounds = 100;
  model->Begin(context);
  return model;
}

// One linear additive profile per party, all giving every outcome 0.5: the models never look at
// profiles, the scripted tests only need a scenario to hold the space.
Scenario FlatScenario(std::shared_ptr<const OutcomeSpace> space, std::size_t parties) {
  std::vector<Profile> profiles;
  for (std::size_t p = 0; p < parties; ++p) {
    std::vector<ValueFunction> functions;
    for (std::size_t i = 0; i < space->issue_count(); ++i) {
      const Issue& issue = space->issue(i);
      if (issue.countable()) {
        functions.push_back(ValueFunction::Table(std::vector<double>(issue.cardinality(), 0.5)));
      } else {
        functions.push_back(ValueFunction::Linear(0.0, 0.5, issue.lower(), true));
      }
    }
    auto utility = std::make_shared<const LinearAdditiveUtility>(space, std::vector<double>(space->issue_count(), 1.0),
                                                                 std::move(functions));
    profiles.emplace_back("p" + std::to_string(p), utility, 0.0, 1.0);
  }
  return Scenario("flat", space, std::move(profiles));
}

// A discrete issue of `count` values named v0, v1, ...
Issue DiscreteIssue(const std::string& name, std::size_t count) {
  std::vector<std::string> values;
  for (std::size_t v = 0; v < count; ++v) values.push_back("v" + std::to_string(v));
  return Issue::Discrete(name, std::move(values));
}

// Four issues of the three kinds: A (3 values), B (2 values), C (integer 1..4), D (real [0, 1]).
std::shared_ptr<const OutcomeSpace> MixedSpace() {
  return std::make_shared<const OutcomeSpace>(
      "mixed", std::vector<Issue>{DiscreteIssue("A", 3), DiscreteIssue("B", 2), Issue::Integer("C", 1, 4),
                                  Issue::Real("D", 0.0, 1.0)});
}

// --- frequency: the update rule by hand --------------------------------------------------------

TEST(FrequencyModel, ScriptedOffersGiveHandComputedWeightsAndValues) {
  const Scenario scenario = FlatScenario(MixedSpace(), 2);
  // bins=4 cuts D into [0, .25) [.25, .5) [.5, .75) [.75, 1].
  auto model = BeginModel("frequency(learning=0.2,bins=4)", scenario, 0);

  // Before any offer every value scores (0 + 1) / (0 + 1) = 1 and the weights sum to one.
  EXPECT_DOUBLE_EQ(model->EstimatedUtility(1, Outcome({2, 0, 3, 0.7})), 1.0);

  model->Update(1, Outcome({0, 0, 1, 0.1}), 0.0);
  model->Update(1, Outcome({0, 1, 1, 0.2}), 0.1);
  model->Update(1, Outcome({0, 1, 3, 0.9}), 0.2);

  // Gain per unchanged issue: 0.2 / 4 issues = 1/20. Weights start at 5/20 each.
  //   offer 2 keeps A, C and D (D stays in bin 0): (6, 5, 6, 6)/20, sum 23/20 -> (6, 5, 6, 6)/23.
  //   offer 3 keeps A and B: (6/23 + 1/20, 5/23 + 1/20, 6/23, 6/23) = (143, 123, 120, 120)/460,
  //   sum 506/460 -> (143, 123, 120, 120)/506.
  const double wa = 143.0 / 506, wb = 123.0 / 506, wc = 120.0 / 506, wd = 120.0 / 506;
  // Counts: A {3, 0, 0}, B {1, 2}, C {2, 0, 1, 0} (values 1..4), D bins {2, 0, 0, 1}.
  // Scores (count + 1) / (largest + 1): A {1, 1/4, 1/4}, B {2/3, 1}, C {1, 1/3, 2/3, 1/3},
  // D {1, 1/3, 1/3, 2/3}.
  EXPECT_NEAR(model->EstimatedUtility(1, Outcome({0, 1, 1, 0.05})), wa + wb + wc + wd, 1e-12);
  EXPECT_NEAR(model->EstimatedUtility(1, Outcome({0, 1, 1, 0.05})), 1.0, 1e-12);
  EXPECT_NEAR(model->EstimatedUtility(1, Outcome({1, 0, 2, 0.6})), wa / 4 + wb * 2 / 3 + wc / 3 + wd / 3, 1e-12);
  EXPECT_NEAR(model->EstimatedUtility(1, Outcome({2, 1, 4, 1.0})), wa / 4 + wb * 1 + wc / 3 + wd * 2 / 3, 1e-12);
  EXPECT_NEAR(model->EstimatedUtility(1, Outcome({1, 0, 3, 0.3})), wa / 4 + wb * 2 / 3 + wc * 2 / 3 + wd / 3, 1e-12);
  // The weights one by one: changing only issue X from its best to its worst score costs
  // w_X * (best - worst).
  const Outcome best({0, 1, 1, 0.0});
  EXPECT_NEAR(model->EstimatedUtility(1, best) - model->EstimatedUtility(1, Outcome({1, 1, 1, 0.0})), wa * 3 / 4,
              1e-12);
  EXPECT_NEAR(model->EstimatedUtility(1, best) - model->EstimatedUtility(1, Outcome({0, 0, 1, 0.0})), wb / 3, 1e-12);
  EXPECT_NEAR(model->EstimatedUtility(1, best) - model->EstimatedUtility(1, Outcome({0, 1, 2, 0.0})), wc * 2 / 3,
              1e-12);
  EXPECT_NEAR(model->EstimatedUtility(1, best) - model->EstimatedUtility(1, Outcome({0, 1, 1, 0.4})), wd * 2 / 3,
              1e-12);
}

TEST(FrequencyModel, LearningRateScalesTheGain) {
  const auto space =
      std::make_shared<const OutcomeSpace>("two", std::vector<Issue>{DiscreteIssue("A", 2), DiscreteIssue("B", 2)});
  const Scenario scenario = FlatScenario(space, 2);
  auto model = BeginModel("frequency(learning=1)", scenario, 1);
  model->Update(0, Outcome({0, 0}), 0.0);
  model->Update(0, Outcome({0, 1}), 0.5);
  // A unchanged: (1/2 + 1/2, 1/2) / 3/2 = (2/3, 1/3). Counts A {2, 0}, B {1, 1}.
  // Scores A {1, 1/3}, B {1, 1}.
  EXPECT_NEAR(model->EstimatedUtility(0, Outcome({1, 0})), 2.0 / 3 / 3 + 1.0 / 3, 1e-12);
  EXPECT_NEAR(model->EstimatedUtility(0, Outcome({0, 0})), 1.0, 1e-12);
  // With learning=0 the weights stay equal whatever the opponent does.
  auto flat = BeginModel("frequency(learning=0)", scenario, 1);
  flat->Update(0, Outcome({0, 0}), 0.0);
  flat->Update(0, Outcome({0, 1}), 0.5);
  EXPECT_NEAR(flat->EstimatedUtility(0, Outcome({1, 0})), 0.5 / 3 + 0.5, 1e-12);
}

TEST(FrequencyModel, KeepsOneEstimatePerOpponent) {
  const Scenario scenario = FlatScenario(MixedSpace(), 3);
  auto model = BeginModel("frequency", scenario, 1);
  for (int k = 0; k < 5; ++k) model->Update(0, Outcome({0, 0, 1, 0.0}), 0.1 * k);
  for (int k = 0; k < 5; ++k) model->Update(2, Outcome({2, 1, 4, 1.0}), 0.1 * k);
  EXPECT_NEAR(model->EstimatedUtility(0, Outcome({0, 0, 1, 0.0})), 1.0, 1e-12);
  EXPECT_NEAR(model->EstimatedUtility(2, Outcome({2, 1, 4, 1.0})), 1.0, 1e-12);
  // Each opponent's favourite is the other's worst: every value scores 1/6.
  EXPECT_NEAR(model->EstimatedUtility(0, Outcome({2, 1, 4, 1.0})), 1.0 / 6, 1e-12);
  EXPECT_NEAR(model->EstimatedUtility(2, Outcome({0, 0, 1, 0.0})), 1.0 / 6, 1e-12);
  EXPECT_NEAR(model->EstimatedOpponentsUtility(Outcome({0, 0, 1, 0.0})), (1.0 + 1.0 / 6) / 2, 1e-12);
}

TEST(FrequencyModel, RejectsBadParameters) {
  EXPECT_THROW(OpponentModelRegistry::Create("frequency(learning=-1)"), UsageError);
  EXPECT_THROW(OpponentModelRegistry::Create("frequency(bins=0)"), UsageError);
  EXPECT_THROW(OpponentModelRegistry::Create("frequency(rate=1)"), UsageError);
}

// --- bayesian: the update rule by hand ---------------------------------------------------------

// The Gaussian likelihood's kernel (constant factors cancel in Bayes' rule).
double Kernel(double utility, double predicted, double sigma) {
  return std::exp(-(utility - predicted) * (utility - predicted) / (2 * sigma * sigma));
}

TEST(BayesianModel, ScriptedOffersGiveHandComputedPosteriors) {
  // Two issues of two values. Hypotheses per issue: weights 2r/(n(n+1)) for ranks r = 1, 2, i.e.
  // 1/3 and 2/3; value shapes downhill (v0 = 1, v1 = 0) and uphill (v0 = 0, v1 = 1). Uniform
  // priors: expected weight 1/2 for both issues, expected value 1/2 for every value.
  const auto space =
      std::make_shared<const OutcomeSpace>("two", std::vector<Issue>{DiscreteIssue("A", 2), DiscreteIssue("B", 2)});
  const Scenario scenario = FlatScenario(space, 2);
  const double sigma = 0.25, concession = 0.2;
  auto model = BeginModel("bayesian(sigma=0.25,concession=0.2)", scenario, 0);
  EXPECT_NEAR(model->EstimatedUtility(1, Outcome({0, 0})), 0.5, 1e-12);

  // Offer (v0, v0) at t = 0: predicted utility 1. Other issue contributes 1/2 * 1/2 = 1/4.
  //   weight hypotheses of A: (w/2 + 1/4) / (w + 1/2) = 1/2 for both w: no change.
  //   shapes of A: downhill (1/2 * 1 + 1/4) / 1 = 3/4, uphill 1/4.  Same for B.
  model->Update(1, Outcome({0, 0}), 0.0);
  const double q = Kernel(0.75, 1, sigma) / (Kernel(0.75, 1, sigma) + Kernel(0.25, 1, sigma));  // P(downhill)
  EXPECT_NEAR(model->EstimatedUtility(1, Outcome({0, 0})), q, 1e-12);
  EXPECT_NEAR(model->EstimatedUtility(1, Outcome({1, 1})), 1 - q, 1e-12);
  EXPECT_NEAR(model->EstimatedUtility(1, Outcome({1, 0})), 0.5, 1e-12);

  // Offer (v0, v1) at t = 0.5: predicted 1 - 0.2 * 0.5 = 0.9. Expected values of the offer:
  // A: q, B: 1 - q; expected weights 1/2 each.
  model->Update(1, Outcome({0, 1}), 0.5);
  const double predicted = 1 - concession * 0.5;
  const double levels[2] = {1.0 / 3, 2.0 / 3};
  // Weight posteriors: for A, (w q + (1 - q)/2) / (w + 1/2); for B, (w (1 - q) + q/2) / (w + 1/2).
  double pa[2], pb[2];
  for (int k = 0; k < 2; ++k) {
    const double w = levels[k];
    pa[k] = 0.5 * Kernel((w * q + 0.5 * (1 - q)) / (w + 0.5), predicted, sigma);
    pb[k] = 0.5 * Kernel((w * (1 - q) + 0.5 * q) / (w + 0.5), predicted, sigma);
  }
  const double ewa = (pa[0] * levels[0] + pa[1] * levels[1]) / (pa[0] + pa[1]);
  const double ewb = (pb[0] * levels[0] + pb[1] * levels[1]) / (pb[0] + pb[1]);
  // Shape posteriors: for A (value v0), downhill gives 1/2 * 1 + 1/2 (1 - q), uphill
  // 1/2 * 0 + 1/2 (1 - q); for B (value v1), downhill 1/2 q + 0, uphill 1/2 q + 1/2.
  const double da = q * Kernel(0.5 + 0.5 * (1 - q), predicted, sigma);
  const double ua = (1 - q) * Kernel(0.5 * (1 - q), predicted, sigma);
  const double db = q * Kernel(0.5 * q, predicted, sigma);
  const double ub = (1 - q) * Kernel(0.5 * q + 0.5, predicted, sigma);
  const double qa = da / (da + ua), qb = db / (db + ub);  // P(downhill) for A and B
  const double wa = ewa / (ewa + ewb), wb = ewb / (ewa + ewb);
  EXPECT_GT(wa, 0.5);  // A was kept at its favourite value, B was not: A seems to matter more
  EXPECT_NEAR(model->EstimatedUtility(1, Outcome({0, 0})), wa * qa + wb * qb, 1e-12);
  EXPECT_NEAR(model->EstimatedUtility(1, Outcome({0, 1})), wa * qa + wb * (1 - qb), 1e-12);
  EXPECT_NEAR(model->EstimatedUtility(1, Outcome({1, 1})), wa * (1 - qa) + wb * (1 - qb), 1e-12);
}

// An outcome of a one-issue space (Outcome({2}) would be two issues at 0).
Outcome One(double value) { return Outcome(std::vector<double>{value}); }

TEST(BayesianModel, TriangularShapesPeakAtEachValue) {
  // One issue of five values: peaks at z = 0, 1/4, 1/2, 3/4, 1. Repeatedly offering the middle
  // value at t = 0 (predicted utility 1) makes the triangle peaking there the most likely, so the
  // estimate falls off on both sides of it.
  const auto space = std::make_shared<const OutcomeSpace>("one", std::vector<Issue>{DiscreteIssue("A", 5)});
  const Scenario scenario = FlatScenario(space, 2);
  auto model = BeginModel("bayesian", scenario, 0);
  // Prior: the mean of the five shapes at z = 1/2 is (1/2 + 2/3 + 1 + 2/3 + 1/2) / 5 = 2/3 (downhill
  // and uphill are worth 1/2 halfway).
  EXPECT_NEAR(model->EstimatedUtility(1, One(2)), 2.0 / 3, 1e-12);
  for (int k = 0; k < 20; ++k) model->Update(1, One(2), 0.0);
  const double middle = model->EstimatedUtility(1, One(2));
  EXPECT_GT(middle, 0.9);
  EXPECT_LT(model->EstimatedUtility(1, One(1)), middle);
  EXPECT_LT(model->EstimatedUtility(1, One(0)), model->EstimatedUtility(1, One(1)));
  EXPECT_NEAR(model->EstimatedUtility(1, One(1)), model->EstimatedUtility(1, One(3)), 1e-12);
}

TEST(BayesianModel, RejectsBadParameters) {
  EXPECT_THROW(OpponentModelRegistry::Create("bayesian(sigma=0)"), UsageError);
  EXPECT_THROW(OpponentModelRegistry::Create("bayesian(hypotheses=1)"), UsageError);
  EXPECT_THROW(OpponentModelRegistry::Create("bayesian(bins=3)"), UsageError);
}

// --- both models: range, kinds of issues, size, determinism ------------------------------------

const std::vector<std::string> kModels = {"frequency", "bayesian", "frequency(bins=3,learning=0.5)",
                                          "bayesian(hypotheses=3,sigma=0.1,concession=1)"};

TEST(OpponentModels, EstimatesStayInUnitIntervalOnEveryIssueKind) {
  const auto space = std::make_shared<const OutcomeSpace>(
      "kinds",
      std::vector<Issue>{DiscreteIssue("A", 7), Issue::Integer("small", -5, 5), Issue::Integer("large", 0, 1000000),
                         Issue::Real("x", -2.5, 7.0), Issue::Real("point", 1.0, 1.0), DiscreteIssue("single", 1)});
  const Scenario scenario = FlatScenario(space, 4);
  for (const std::string& spec : kModels) {
    SCOPED_TRACE(spec);
    auto model = BeginModel(spec, scenario, 2);
    Rng rng(7);
    Outcome offer, probe;
    for (int k = 0; k < 300; ++k) {
      const std::size_t party = std::vector<std::size_t>{0, 1, 3}[k % 3];
      space->RandomOutcome(rng, offer);
      model->Update(party, offer, k / 300.0);
      for (int s = 0; s < 5; ++s) {
        space->RandomOutcome(rng, probe);
        for (std::size_t p : {0, 1, 3}) {
          const double estimate = model->EstimatedUtility(p, probe);
          ASSERT_GE(estimate, 0.0);
          ASSERT_LE(estimate, 1.0);
        }
      }
    }
    // The bounds themselves are legal values too.
    for (std::size_t p : {0, 1, 3}) {
      const double low = model->EstimatedUtility(p, Outcome({0, -5, 0, -2.5, 1.0, 0}));
      const double high = model->EstimatedUtility(p, Outcome({6, 5, 1000000, 7.0, 1.0, 0}));
      EXPECT_TRUE(low >= 0.0 && low <= 1.0 && high >= 0.0 && high <= 1.0);
    }
  }
}

TEST(OpponentModels, WorkOnTenToTheFiftyOutcomesWithoutEnumerating) {
  std::vector<Issue> issues;
  for (int i = 0; i < 50; ++i) issues.push_back(DiscreteIssue("issue" + std::to_string(i), 10));
  const auto space = std::make_shared<const OutcomeSpace>("huge", std::move(issues));
  ASSERT_FALSE(space->enumerable());
  const Scenario scenario = FlatScenario(space, 3);
  for (const std::string& spec : kModels) {
    SCOPED_TRACE(spec);
    auto model = BeginModel(spec, scenario, 0);
    Rng rng(11);
    Outcome offer;
    space->RandomOutcome(rng, offer);
    for (int k = 0; k < 1000; ++k) {
      // A slowly drifting opponent: one issue changes per offer.
      offer[rng.UniformInt(50)] = static_cast<double>(rng.UniformInt(10));
      model->Update(1 + k % 2, offer, k / 1000.0);
      const double estimate = model->EstimatedUtility(1 + k % 2, offer);
      ASSERT_GE(estimate, 0.0);
      ASSERT_LE(estimate, 1.0);
    }
  }
}

TEST(OpponentModels, AreDeterministic) {
  const Scenario scenario = testing::RandomLinearScenario(3, 3, 5);
  for (const std::string& spec : kModels) {
    SCOPED_TRACE(spec);
    auto a = BeginModel(spec, scenario, 0);
    auto b = BeginModel(spec, scenario, 0);
    Rng rng(5);
    Outcome offer;
    for (int k = 0; k < 50; ++k) {
      scenario.space().RandomOutcome(rng, offer);
      a->Update(1 + k % 2, offer, k / 50.0);
      b->Update(1 + k % 2, offer, k / 50.0);
      ASSERT_EQ(a->EstimatedUtility(1, offer), b->EstimatedUtility(1, offer));
      ASSERT_EQ(a->EstimatedUtility(2, offer), b->EstimatedUtility(2, offer));
    }
  }
}

// --- learning quality --------------------------------------------------------------------------

double Pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < x.size(); ++i) mx += x[i] / n, my += y[i] / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  // A constant estimate (the uninformed model) carries no ranking information: correlation 0.
  return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0.0;
}

// `offers` offers of party 1, conceding in time along its own profile as a time-based negotiator
// does (target = best - (best - floor) * t^(1/e), floor its reservation value), each a random
// outcome among those worth [target, target + 0.05] to it; party 0's model learns from them. Returns
// the Pearson correlation between the model's estimates and party 1's true utilities over 2000
// random outcomes.
double LearnedCorrelation(const Scenario& scenario, const std::string& spec, std::uint64_t seed, int offers, double e) {
  auto model = BeginModel(spec, scenario, 0);
  const Profile& opponent = scenario.profile(1);
  const OutcomeRanking& ranking = opponent.utility_function().ranking();
  const double best = ranking.best_utility();
  const double floor = std::max(opponent.reservation_value(), ranking.worst_utility());
  Rng rng(DeriveSeed(seed, {1}));
  Outcome offer(scenario.space().issue_count());
  for (int k = 0; k < offers; ++k) {
    const double t = static_cast<double>(k) / offers;
    const double target = best - (best - floor) * std::pow(t, 1.0 / e);
    std::size_t low = std::min(ranking.LowestAtLeast(target), ranking.size() - 1);
    const std::size_t high = std::max(low + 1, ranking.LowestAtLeast(target + 0.05));
    ranking.CopyOutcome(low + rng.UniformInt(high - low), offer);
    model->Update(1, offer, t);
  }
  Rng probe_rng(DeriveSeed(seed, {2}));
  std::vector<double> estimated, truth;
  Outcome probe;
  for (int s = 0; s < 2000; ++s) {
    scenario.space().RandomOutcome(probe_rng, probe);
    estimated.push_back(model->EstimatedUtility(1, probe));
    truth.push_back(opponent.Utility(probe));
  }
  return Pearson(estimated, truth);
}

struct Measured {
  double mean = 0, worst = 1;
};

Measured MeasureOver(const std::vector<Scenario>& scenarios, const std::string& spec, int seeds, int offers, double e) {
  Measured m;
  int count = 0;
  for (const Scenario& scenario : scenarios) {
    for (int seed = 0; seed < seeds; ++seed, ++count) {
      const double r = LearnedCorrelation(scenario, spec, seed, offers, e);
      m.mean += r;
      m.worst = std::min(m.worst, r);
    }
  }
  m.mean /= count;
  return m;
}

Scenario CarB() { return LoadScenario((testing::ShippedScenarios() / "genius" / "CarB").string()); }

std::vector<Scenario> RandomScenarios() {
  std::vector<Scenario> scenarios;
  for (std::uint64_t s = 1; s <= 10; ++s) scenarios.push_back(testing::RandomLinearScenario(100 + s, 2, 6));
  return scenarios;
}

// One line of the learning-quality table: a model against the conceding opponent of exponent `e`,
// mean and worst correlation over the seeds, on CarB (10 seeds) and on ten random scenarios of
// six discrete issues and one integer issue (3 seeds each), 150 offers. Also the same model before
// any offer, the uninformed baseline (a constant estimate, such as the "none" model's, scores 0).
struct LearningRow {
  Measured carb, random, carb_before, random_before;
};

LearningRow MeasureLearning(const std::string& spec, double e) {
  const std::vector<Scenario> carb = {CarB()};
  const std::vector<Scenario> random = RandomScenarios();
  LearningRow row;
  row.carb = MeasureOver(carb, spec, 10, 150, e);
  row.random = MeasureOver(random, spec, 3, 150, e);
  row.carb_before = MeasureOver(carb, spec, 1, 0, e);
  row.random_before = MeasureOver(random, spec, 1, 0, e);
  std::printf("%-26s e=%.1f  CarB %.3f (worst %.3f, before %.3f)  random %.3f (worst %.3f, before %.3f)\n",
              spec.c_str(), e, row.carb.mean, row.carb.worst, row.carb_before.mean, row.random.mean, row.random.worst,
              row.random_before.mean);
  return row;
}

// The thresholds sit a little below the figures measured when the models were written (see
// docs/strategies.md, "Opponent models").
TEST(OpponentModelLearning, FrequencyLearnsAConcedingOpponent) {
  // Boulware opponent (e = 0.2): measured CarB 0.37, random 0.72.
  const LearningRow boulware = MeasureLearning("frequency", 0.2);
  EXPECT_GT(boulware.carb.mean, 0.3);
  EXPECT_GT(boulware.carb.worst, 0.25);
  EXPECT_GT(boulware.random.mean, 0.6);
  EXPECT_GT(boulware.carb.mean, boulware.carb_before.mean + 0.25);
  EXPECT_GT(boulware.random.mean, boulware.random_before.mean + 0.5);
  // Linear concession to the reservation value (e = 1): random 0.71. On CarB such an opponent
  // spends most of its offers below its average outcome, where the values it hates are common,
  // and the model is misled (measured -0.70): no floor asserted there, only that it is recorded.
  const LearningRow linear = MeasureLearning("frequency", 1.0);
  EXPECT_GT(linear.random.mean, 0.55);
}

TEST(OpponentModelLearning, BayesianLearnsAConcedingOpponent) {
  // Boulware opponent: measured CarB 0.70, random 0.77.
  const LearningRow boulware = MeasureLearning("bayesian", 0.2);
  EXPECT_GT(boulware.carb.mean, 0.6);
  EXPECT_GT(boulware.carb.worst, 0.5);
  EXPECT_GT(boulware.random.mean, 0.65);
  EXPECT_GT(boulware.carb.mean, boulware.carb_before.mean + 0.25);
  EXPECT_GT(boulware.random.mean, boulware.random_before.mean + 0.25);
  // Linear concession: misled on CarB with the default concession assumption (measured -0.62),
  // learns when the assumed concession matches the opponent's (measured 0.73).
  const LearningRow linear = MeasureLearning("bayesian", 1.0);
  EXPECT_GT(linear.random.mean, 0.55);
  const LearningRow matched = MeasureLearning("bayesian(concession=0.75)", 1.0);
  EXPECT_GT(matched.carb.mean, 0.6);
  EXPECT_GT(matched.random.mean, 0.7);
}

// --- in a negotiation --------------------------------------------------------------------------

TEST(OpponentModels, BoaNegotiatorWithEachModelRunsAgainstBoulwareWithThreeParties) {
  std::vector<Scenario> scenarios = {testing::RandomLinearScenario(21, 3, 4)};
  const auto dinner = testing::ShippedScenarios() / "genius" / "group2-dinner";
  scenarios.push_back(LoadScenario(dinner.string()));
  for (const Scenario& scenario : scenarios) {
    ASSERT_EQ(scenario.party_count(), 3u);
    for (const std::string model : {"frequency", "bayesian"}) {
      for (std::size_t position = 0; position < 3; ++position) {
        SCOPED_TRACE(scenario.name() + ", model " + model + ", position " + std::to_string(position));
        std::vector<std::string> specs(3, "boulware");
        specs[position] = "boa(bidding=time(e=0.5),model=" + model + ")";
        NegotiationOptions options;
        options.rounds = 60;
        options.seed = 9;
        const NegotiationResult result = RunNegotiation(scenario, specs, options);
        ASSERT_FALSE(result.fault.has_value()) << result.fault->message;
        EXPECT_LE(result.steps, options.rounds * 3);
      }
    }
  }
}

}  // namespace
}  // namespace parley
