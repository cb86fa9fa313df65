// ScenarioAnalysis on spaces it enumerates, checked against a brute force written here from the
// definitions in analysis.h: every outcome's utilities from Profile::Utility, dominance by
// comparing every pair of outcomes on the utilities as computed (GENIUS's rule), the zone by comparing keys
// with the reservation values' keys, and each bargaining solution by scanning every outcome of the
// zone (not only the frontier). Scenarios: the shared random linear generator, and generators of
// this file that make many utilities equal (values from {0, 0.5, 1}, identical profiles, issues
// nobody cares about, one-value issues, hyper-rectangles with integer utilities), 2 to 4 parties.
// Also hand-derived edge cases, Measure(), and ScenarioAnalysis::Of's caching.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "analysis/non_dominated.h"
#include "fixtures.h"
#include "parley/analysis.h"
#include "parley/error.h"
#include "parley/hyper_rectangle.h"
#include "parley/random.h"
#include "parley/utility.h"
#include "test_support.h"

namespace parley {
namespace {

using Key = std::int64_t;

// The tolerance analysis.h documents for comparing objectives, relative to the larger of 1 and
// the best value.
constexpr double kTieTolerance = 1e-12;

// Everything about a scenario, from a plain walk over its outcomes.
struct Reference {
  std::size_t parties = 0;
  std::size_t count = 0;
  std::vector<double> utilities;  // utilities[i * parties + p]
  std::vector<Key> keys;          // the same, rounded
  std::vector<double> reservation;
  std::vector<bool> on_frontier;
  std::vector<OutcomeIndex> frontier_in_order;  // keys descending lexicographically, then index
  std::size_t distinct_frontier_vectors = 0;
  std::vector<OutcomeIndex> zone;
  std::vector<double> ideal;
  double opposition = 0.0;

  const double* u(OutcomeIndex i) const { return &utilities[i * parties]; }
  const Key* k(OutcomeIndex i) const { return &keys[i * parties]; }
  std::vector<double> UtilitiesOf(OutcomeIndex i) const { return {u(i), u(i) + parties}; }
};

// At least as large everywhere and larger somewhere: on the doubles, GENIUS's
// BidPoint.isStrictlyDominatedBy; on keys, rounded dominance.
template <typename T>
bool VectorDominates(const T* a, const T* b, std::size_t parties) {
  bool strictly = false;
  for (std::size_t p = 0; p < parties; ++p) {
    if (a[p] < b[p]) return false;
    if (a[p] > b[p]) strictly = true;
  }
  return strictly;
}
bool UtilitiesDominate(const double* a, const double* b, std::size_t parties) { return VectorDominates(a, b, parties); }
bool KeysDominate(const Key* a, const Key* b, std::size_t parties) { return VectorDominates(a, b, parties); }

double EuclideanDistance(const std::vector<double>& a, const std::vector<double>& b) {
  double sum = 0.0;
  for (std::size_t p = 0; p < a.size(); ++p) sum += (a[p] - b[p]) * (a[p] - b[p]);
  return std::sqrt(sum);
}

Reference BruteForce(const Scenario& scenario) {
  Reference ref;
  ref.parties = scenario.party_count();
  ref.count = *scenario.space().cardinality();
  const std::size_t n = ref.count, parties = ref.parties;
  ref.utilities.resize(n * parties);
  ref.keys.resize(n * parties);
  Outcome outcome;
  for (OutcomeIndex i = 0; i < n; ++i) {
    scenario.space().Decode(i, outcome);
    for (std::size_t p = 0; p < parties; ++p) {
      ref.utilities[i * parties + p] = scenario.profile(p).Utility(outcome);
      ref.keys[i * parties + p] = UtilityKey(ref.utilities[i * parties + p]);
    }
  }
  for (const auto& profile : scenario.profiles()) ref.reservation.push_back(profile.reservation_value());

  // Every pair.
  ref.on_frontier.assign(n, true);
  for (OutcomeIndex i = 0; i < n; ++i) {
    for (OutcomeIndex j = 0; j < n; ++j) {
      if (UtilitiesDominate(ref.u(j), ref.u(i), parties)) {
        ref.on_frontier[i] = false;
        break;
      }
    }
    if (ref.on_frontier[i]) ref.frontier_in_order.push_back(i);
  }
  std::stable_sort(ref.frontier_in_order.begin(), ref.frontier_in_order.end(), [&](OutcomeIndex a, OutcomeIndex b) {
    return std::lexicographical_compare(ref.u(b), ref.u(b) + parties, ref.u(a), ref.u(a) + parties);
  });
  std::set<std::vector<double>> distinct;
  for (OutcomeIndex i : ref.frontier_in_order) distinct.insert(ref.UtilitiesOf(i));
  ref.distinct_frontier_vectors = distinct.size();

  for (OutcomeIndex i = 0; i < n; ++i) {
    bool inside = true;
    for (std::size_t p = 0; p < parties; ++p) inside = inside && ref.k(i)[p] > UtilityKey(ref.reservation[p]);
    if (inside) ref.zone.push_back(i);
  }

  ref.ideal.assign(parties, -std::numeric_limits<double>::infinity());
  for (OutcomeIndex i = 0; i < n; ++i) {
    for (std::size_t p = 0; p < parties; ++p) ref.ideal[p] = std::max(ref.ideal[p], ref.u(i)[p]);
  }
  ref.opposition = std::numeric_limits<double>::infinity();
  for (OutcomeIndex i = 0; i < n; ++i)
    ref.opposition = std::min(ref.opposition, EuclideanDistance(ref.UtilitiesOf(i), ref.ideal));
  return ref;
}

// The four objectives of analysis.h, as functions of a utility vector.
struct Objectives {
  std::vector<double> reservation;
  std::vector<double> best_gain;  // each party's best gain over the zone

  double Product(const std::vector<double>& u) const {
    double value = 1.0;
    for (std::size_t p = 0; p < u.size(); ++p) value *= u[p] - reservation[p];
    return value;
  }
  double SmallestRelativeGain(const std::vector<double>& u) const {
    double value = std::numeric_limits<double>::infinity();
    for (std::size_t p = 0; p < u.size(); ++p) value = std::min(value, (u[p] - reservation[p]) / best_gain[p]);
    return value;
  }
  double SmallestGain(const std::vector<double>& u) const {
    double value = std::numeric_limits<double>::infinity();
    for (std::size_t p = 0; p < u.size(); ++p) value = std::min(value, u[p] - reservation[p]);
    return value;
  }
  static double Sum(const std::vector<double>& u) {
    double value = 0.0;
    for (double x : u) value += x;
    return value;
  }
};

Objectives ObjectivesOf(const Reference& ref) {
  Objectives objectives;
  objectives.reservation = ref.reservation;
  objectives.best_gain.assign(ref.parties, 0.0);
  for (OutcomeIndex i : ref.zone) {
    for (std::size_t p = 0; p < ref.parties; ++p) {
      objectives.best_gain[p] = std::max(objectives.best_gain[p], ref.u(i)[p] - ref.reservation[p]);
    }
  }
  return objectives;
}

struct Solution {
  double objective = 0.0;
  OutcomeIndex outcome = 0;
};

// Maximises `primary` over every outcome of the zone. The choice among near-equals follows the
// documented rule: all outcomes within the tolerance of the best primary value, of those all
// within the tolerance of the best secondary value, of those the first on the frontier in
// frontier order.
template <typename Primary, typename Secondary>
Solution Maximise(const Reference& ref, Primary primary, Secondary secondary) {
  auto within = [](double value, double best) { return value >= best - kTieTolerance * std::max(1.0, std::abs(best)); };
  double best_primary = -std::numeric_limits<double>::infinity();
  for (OutcomeIndex i : ref.zone) best_primary = std::max(best_primary, primary(ref.UtilitiesOf(i)));
  std::vector<OutcomeIndex> tied;
  for (OutcomeIndex i : ref.zone) {
    if (within(primary(ref.UtilitiesOf(i)), best_primary)) tied.push_back(i);
  }
  double best_secondary = -std::numeric_limits<double>::infinity();
  for (OutcomeIndex i : tied) best_secondary = std::max(best_secondary, secondary(ref.UtilitiesOf(i)));
  std::set<OutcomeIndex> finalists;
  for (OutcomeIndex i : tied) {
    if (within(secondary(ref.UtilitiesOf(i)), best_secondary)) finalists.insert(i);
  }
  for (OutcomeIndex i : ref.frontier_in_order) {
    if (finalists.count(i)) return {best_primary, i};
  }
  ADD_FAILURE() << "no frontier outcome among the best of the zone";
  return {best_primary, 0};
}

struct ReferenceSolutions {
  Solution nash, kalai, egalitarian, utilitarian;
};

ReferenceSolutions SolutionsOf(const Reference& ref) {
  const Objectives o = ObjectivesOf(ref);
  ReferenceSolutions s;
  s.nash = Maximise(
      ref, [&](const auto& u) { return o.Product(u); }, Objectives::Sum);
  s.kalai = Maximise(
      ref, [&](const auto& u) { return o.SmallestRelativeGain(u); }, Objectives::Sum);
  s.egalitarian = Maximise(
      ref, [&](const auto& u) { return o.SmallestGain(u); }, Objectives::Sum);
  s.utilitarian = Maximise(ref, Objectives::Sum, [&](const auto& u) { return o.SmallestGain(u); });
  return s;
}

void ExpectSolution(const Scenario& scenario, const Reference& ref, const char* name,
                    const std::optional<FrontierPoint>& actual, const Solution& expected,
                    const std::function<double(const std::vector<double>&)>& objective) {
  SCOPED_TRACE(name);
  ASSERT_TRUE(actual.has_value());
  EXPECT_NEAR(objective(actual->utilities), expected.objective, 1e-9);
  EXPECT_EQ(scenario.space().IndexOf(actual->outcome), expected.outcome)
      << "chose " << scenario.space().Format(actual->outcome) << ", expected "
      << scenario.space().Format(scenario.space().OutcomeAt(expected.outcome));
  const auto expected_utilities = ref.UtilitiesOf(expected.outcome);
  for (std::size_t p = 0; p < ref.parties; ++p) EXPECT_NEAR(actual->utilities[p], expected_utilities[p], 1e-9);
}

// Compares everything ScenarioAnalysis computes with the brute force.
void ExpectMatchesBruteForce(const Scenario& scenario) {
  SCOPED_TRACE(scenario.name() + " with " + std::to_string(scenario.party_count()) + " parties, " +
               std::to_string(*scenario.space().cardinality()) + " outcomes");
  const Reference ref = BruteForce(scenario);
  const ScenarioAnalysis analysis(scenario);
  const OutcomeSpace& space = scenario.space();

  const ParetoFrontier& frontier = analysis.frontier();
  EXPECT_TRUE(frontier.exact);
  std::set<OutcomeIndex> actual_set;
  std::vector<OutcomeIndex> actual_order;
  for (const auto& point : frontier.points) {
    const OutcomeIndex index = space.IndexOf(point.outcome);
    actual_set.insert(index);
    actual_order.push_back(index);
    ASSERT_EQ(point.utilities.size(), ref.parties);
    for (std::size_t p = 0; p < ref.parties; ++p) EXPECT_EQ(point.utilities[p], ref.u(index)[p]);
  }
  const std::set<OutcomeIndex> expected_set(ref.frontier_in_order.begin(), ref.frontier_in_order.end());
  ASSERT_EQ(actual_set, expected_set);
  EXPECT_EQ(actual_order, ref.frontier_in_order) << "frontier order";
  EXPECT_EQ(frontier.distinct_utility_vectors, ref.distinct_frontier_vectors);

  ASSERT_TRUE(analysis.zone().size.has_value());
  EXPECT_EQ(*analysis.zone().size, ref.zone.size());
  EXPECT_EQ(analysis.zone().empty, ref.zone.empty());
  EXPECT_EQ(analysis.reservation_values(), ref.reservation);
  ASSERT_EQ(analysis.ideal_point().size(), ref.parties);
  for (std::size_t p = 0; p < ref.parties; ++p) EXPECT_NEAR(analysis.ideal_point()[p], ref.ideal[p], 1e-12);
  EXPECT_NEAR(analysis.opposition(), ref.opposition, 1e-9);

  std::optional<ReferenceSolutions> solutions;
  if (ref.zone.empty()) {
    EXPECT_FALSE(analysis.nash());
    EXPECT_FALSE(analysis.kalai_smorodinsky());
    EXPECT_FALSE(analysis.egalitarian());
    EXPECT_FALSE(analysis.utilitarian());
  } else {
    solutions = SolutionsOf(ref);
    const Objectives o = ObjectivesOf(ref);
    ExpectSolution(scenario, ref, "Nash", analysis.nash(), solutions->nash,
                   [&](const auto& u) { return o.Product(u); });
    ExpectSolution(scenario, ref, "Kalai-Smorodinsky", analysis.kalai_smorodinsky(), solutions->kalai,
                   [&](const auto& u) { return o.SmallestRelativeGain(u); });
    ExpectSolution(scenario, ref, "egalitarian", analysis.egalitarian(), solutions->egalitarian,
                   [&](const auto& u) { return o.SmallestGain(u); });
    ExpectSolution(scenario, ref, "utilitarian", analysis.utilitarian(), solutions->utilitarian, Objectives::Sum);
  }

  // Measure: frontier outcomes, random outcomes, and no agreement.
  auto expect_metrics = [&](const AgreementMetrics& m, const std::vector<double>& u, bool agreement,
                            bool pareto_optimal) {
    EXPECT_EQ(m.agreement, agreement);
    EXPECT_EQ(m.utilities, u);
    EXPECT_NEAR(m.social_welfare, Objectives::Sum(u), 1e-12);
    double nearest = std::numeric_limits<double>::infinity();
    for (OutcomeIndex i : ref.frontier_in_order) nearest = std::min(nearest, EuclideanDistance(ref.UtilitiesOf(i), u));
    EXPECT_NEAR(m.distance_to_pareto, nearest, 1e-9);
    EXPECT_EQ(m.pareto_optimal, pareto_optimal);
    if (solutions) {
      ASSERT_TRUE(m.distance_to_nash && m.distance_to_kalai);
      EXPECT_NEAR(*m.distance_to_nash, EuclideanDistance(ref.UtilitiesOf(solutions->nash.outcome), u), 1e-9);
      EXPECT_NEAR(*m.distance_to_kalai, EuclideanDistance(ref.UtilitiesOf(solutions->kalai.outcome), u), 1e-9);
    } else {
      EXPECT_FALSE(m.distance_to_nash);
      EXPECT_FALSE(m.distance_to_kalai);
    }
    EXPECT_NEAR(m.opposition, ref.opposition, 1e-9);
  };
  Rng rng(DeriveSeed(ref.count, {ref.parties}));
  std::vector<OutcomeIndex> probes;
  for (int k = 0; k < 60; ++k) probes.push_back(rng.UniformInt(ref.count));
  for (std::size_t k = 0; k < ref.frontier_in_order.size() && k < 20; ++k) probes.push_back(ref.frontier_in_order[k]);
  for (OutcomeIndex i : probes) {
    SCOPED_TRACE("agreement " + space.Format(space.OutcomeAt(i)));
    expect_metrics(analysis.Measure(space.OutcomeAt(i)), ref.UtilitiesOf(i), true, ref.on_frontier[i]);
  }
  {
    SCOPED_TRACE("no agreement");
    expect_metrics(analysis.Measure(std::nullopt), ref.reservation, false, false);
  }
}

// Linear additive scenarios where many utilities coincide: values from {0, 0.5, 1}, weights from
// {0, 1, 2} (0: an issue some party does not care about), reservation values from {0, 0.25, 0.5}
// (which utilities can equal exactly). `issue_sizes` may include one-value issues; when
// `twin_profiles`, party 1 has exactly party 0's utility function.
Scenario CoarseScenario(std::uint64_t seed, std::size_t parties, const std::vector<std::uint64_t>& issue_sizes,
                        bool twin_profiles) {
  Rng rng(DeriveSeed(seed, {0xc0a25e}));
  std::vector<Issue> issues;
  for (std::size_t i = 0; i < issue_sizes.size(); ++i) {
    std::vector<std::string> values;
    for (std::uint64_t v = 0; v < issue_sizes[i]; ++v) values.push_back("v" + std::to_string(v));
    issues.push_back(Issue::Discrete("i" + std::to_string(i), std::move(values)));
  }
  auto space = std::make_shared<const OutcomeSpace>("coarse-" + std::to_string(seed), std::move(issues));
  const double levels[] = {0.0, 0.5, 1.0};
  std::vector<Profile> profiles;
  for (std::size_t p = 0; p < parties; ++p) {
    std::shared_ptr<const UtilityFunction> utility;
    if (p == 1 && twin_profiles) {
      utility = profiles[0].shared_utility_function();
    } else {
      std::vector<double> weights;
      std::vector<ValueFunction> functions;
      for (std::size_t i = 0; i < space->issue_count(); ++i) weights.push_back(static_cast<double>(rng.UniformInt(3)));
      if (std::all_of(weights.begin(), weights.end(), [](double w) { return w == 0.0; })) weights[0] = 1.0;
      for (std::size_t i = 0; i < space->issue_count(); ++i) {
        std::vector<double> table;
        for (std::uint64_t v = 0; v < space->issue(i).cardinality(); ++v) table.push_back(levels[rng.UniformInt(3)]);
        functions.push_back(ValueFunction::Table(std::move(table)));
      }
      utility = std::make_shared<const LinearAdditiveUtility>(space, std::move(weights), std::move(functions));
    }
    profiles.emplace_back("party" + std::to_string(p), utility, 0.25 * static_cast<double>(rng.UniformInt(3)), 1.0);
  }
  return Scenario("coarse-" + std::to_string(seed), space, std::move(profiles));
}

// Hyper-rectangle profiles with small integer utilities over integer issues: the generic
// EvaluateAll path, and plateaus of equal utility.
Scenario RectangleScenario(std::uint64_t seed, std::size_t parties) {
  Rng rng(DeriveSeed(seed, {0x2ec7}));
  std::vector<Issue> issues;
  for (int i = 0; i < 4; ++i) issues.push_back(Issue::Integer("x" + std::to_string(i), 0, 6));
  auto space = std::make_shared<const OutcomeSpace>("rectangles-" + std::to_string(seed), std::move(issues));
  std::vector<Profile> profiles;
  for (std::size_t p = 0; p < parties; ++p) {
    HyperRectangleFunction root;
    for (int r = 0; r < 6; ++r) {
      HyperRectangle rectangle;
      rectangle.utility = static_cast<double>(1 + rng.UniformInt(4));
      for (std::size_t i = 0; i < space->issue_count(); ++i) {
        if (!rng.Bernoulli(0.6)) continue;
        const double a = static_cast<double>(rng.UniformInt(7)), b = static_cast<double>(rng.UniformInt(7));
        rectangle.bounds.push_back({i, std::min(a, b), std::max(a, b)});
      }
      root.rectangles.push_back(std::move(rectangle));
    }
    auto utility = std::make_shared<const HyperRectangleUtility>(space, std::move(root), 12.0);
    profiles.emplace_back("party" + std::to_string(p), utility, 0.1 * static_cast<double>(rng.UniformInt(3)), 1.0);
  }
  return Scenario("rectangles-" + std::to_string(seed), space, std::move(profiles));
}

Scenario WithReservationValues(const Scenario& scenario, const std::vector<double>& reservation) {
  std::vector<Profile> profiles;
  for (std::size_t p = 0; p < scenario.party_count(); ++p) {
    const Profile& old = scenario.profile(p);
    profiles.emplace_back(old.name(), old.shared_utility_function(), reservation[p], old.discount_factor());
  }
  return Scenario(scenario.name(), scenario.shared_space(), std::move(profiles));
}

TEST(AnalysisBruteForce, RandomLinearScenarios) {
  for (std::size_t parties = 2; parties <= 4; ++parties) {
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
      ExpectMatchesBruteForce(testing::RandomLinearScenario(seed * 31 + parties, parties, 3 + seed % 2));
    }
  }
}

TEST(AnalysisBruteForce, LargerRandomLinearScenarios) {
  // Up to about 20,000 outcomes.
  int compared = 0;
  for (std::uint64_t seed = 100; compared < 6; ++seed) {
    const std::size_t parties = 2 + compared % 3;
    const Scenario scenario = testing::RandomLinearScenario(seed, parties, 5);
    if (*scenario.space().cardinality() < 8000 || *scenario.space().cardinality() > 20000) continue;
    ExpectMatchesBruteForce(scenario);
    ++compared;
  }
}

TEST(AnalysisBruteForce, CoarseValuesWithManyTies) {
  const std::vector<std::vector<std::uint64_t>> shapes = {{3, 3, 2},          {4, 1, 3, 3},       {2, 2, 2, 2, 2, 2},
                                                          {5, 4, 3, 1},       {3, 3, 3, 3, 3, 3}, {6, 6, 6, 3, 1},
                                                          {8, 7, 6, 5, 1, 10}};
  for (std::size_t parties = 2; parties <= 4; ++parties) {
    for (std::uint64_t seed = 0; seed < shapes.size() * 2; ++seed) {
      ExpectMatchesBruteForce(CoarseScenario(seed * 7 + parties, parties, shapes[seed % shapes.size()], false));
    }
  }
}

TEST(AnalysisBruteForce, IdenticalProfilesForTwoParties) {
  for (std::size_t parties = 2; parties <= 4; ++parties) {
    for (std::uint64_t seed = 0; seed < 5; ++seed) {
      ExpectMatchesBruteForce(CoarseScenario(1000 + seed * 5 + parties, parties, {4, 3, 1, 3, 2}, true));
    }
  }
}

TEST(AnalysisBruteForce, HyperRectangleScenarios) {
  for (std::size_t parties = 2; parties <= 4; ++parties) {
    for (std::uint64_t seed = 0; seed < 3; ++seed)
      ExpectMatchesBruteForce(RectangleScenario(seed * 3 + parties, parties));
  }
}

TEST(AnalysisBruteForce, ReservationValuesEqualToUtilities) {
  // Reservation values that many outcomes give exactly (and some only up to rounding noise,
  // such as 1/3 from weights 1, 1, 1): those outcomes are outside the zone.
  for (std::uint64_t seed = 0; seed < 6; ++seed) {
    const Scenario coarse = CoarseScenario(2000 + seed, 2 + seed % 3, {3, 3, 3}, false);
    std::vector<double> reservation(coarse.party_count(), seed % 2 ? 0.5 : 1.0 / 3.0);
    ExpectMatchesBruteForce(WithReservationValues(coarse, reservation));
  }
}

// NonDominated on its own, with frontiers of thousands of vectors: for three parties, vectors
// sharing the first key whose second and third keys trade off one for one, so that the sweep's
// staircase outgrows its limit and the Fenwick tree takes over; for other party counts, vectors
// near the simplex. Against pairwise dominance on the keys.
TEST(AnalysisNonDominated, LargeFrontiersMatchPairwiseDominance) {
  for (std::size_t parties = 2; parties <= 5; ++parties) {
    SCOPED_TRACE(std::to_string(parties) + " parties");
    Rng rng(DeriveSeed(parties, {0xf0e}));
    const std::size_t n = parties == 3 ? 14000 : 6000;
    std::vector<std::vector<double>> columns(parties, std::vector<double>(n));
    for (std::size_t i = 0; i < n; ++i) {
      if (parties == 3) {
        const double second = static_cast<double>(rng.UniformInt(8192)) / 8192.0;
        columns[0][i] = rng.Bernoulli(0.5) ? 0.5 : 0.25;
        columns[1][i] = second;
        columns[2][i] = 1.0 - second - (rng.Bernoulli(0.2) ? 1.0 / 8192.0 : 0.0);
      } else {
        double rest = 1.0;
        for (std::size_t p = 0; p + 1 < parties; ++p) {
          columns[p][i] = rest * static_cast<double>(rng.UniformInt(64)) / 64.0;
          rest -= columns[p][i];
        }
        columns[parties - 1][i] = rest - (rng.Bernoulli(0.3) ? 1.0 / 64.0 : 0.0);
      }
    }
    internal::UtilityColumns view;
    view.count = n;
    for (const auto& column : columns) view.columns.push_back(column.data());
    std::vector<Key> keys(n * parties);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t p = 0; p < parties; ++p) keys[i * parties + p] = UtilityKey(columns[p][i]);
    }
    std::vector<std::size_t> expected;
    for (std::size_t i = 0; i < n; ++i) {
      bool dominated = false;
      for (std::size_t j = 0; j < n && !dominated; ++j)
        dominated = KeysDominate(&keys[j * parties], &keys[i * parties], parties);
      if (!dominated) expected.push_back(i);
    }
    EXPECT_GT(expected.size(), parties == 3 ? 4096u : 50u);
    EXPECT_EQ(internal::NonDominated(view), expected);
    std::stable_sort(expected.begin(), expected.end(), [&](std::size_t a, std::size_t b) {
      return std::lexicographical_compare(&keys[b * parties], &keys[b * parties] + parties, &keys[a * parties],
                                          &keys[a * parties] + parties);
    });
    EXPECT_EQ(internal::NonDominated(view, nullptr, /*frontier_order=*/true), expected);
  }
}

// Vectors that differ only by floating-point noise (an ulp here and there, 0.1 + 0.2 against 0.3,
// minus zero): the exact comparison keeps what pairwise dominance on the doubles keeps (GENIUS's
// rule), the rounded one what pairwise dominance on UtilityKeys keeps, and they differ.
TEST(AnalysisNonDominated, ExactAndRoundedComparisonsOnNoise) {
  for (std::size_t parties = 1; parties <= 5; ++parties) {
    SCOPED_TRACE(std::to_string(parties) + " parties");
    Rng rng(DeriveSeed(parties, {0xe8ac7}));
    const std::size_t n = 3000;
    std::vector<std::vector<double>> columns(parties, std::vector<double>(n));
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t p = 0; p < parties; ++p) {
        double u = static_cast<double>(rng.UniformInt(9)) / 8.0 - 0.25;  // -0.25 .. 0.75
        if (p + 1 == parties) u = 0.5 - u;
        if (rng.Bernoulli(0.3)) u = std::nextafter(u, rng.Bernoulli(0.5) ? 2.0 : -2.0);
        if (u == 0.0 && rng.Bernoulli(0.5)) u = -0.0;
        if (u == 0.25 && rng.Bernoulli(0.5)) u = 0.1 + 0.15000000000000002;  // 0.25000000000000006
        columns[p][i] = u;
      }
    }
    for (const UtilityComparison comparison : {UtilityComparison::kExact, UtilityComparison::kRounded}) {
      internal::UtilityColumns view;
      view.count = n;
      view.comparison = comparison;
      for (const auto& column : columns) view.columns.push_back(column.data());
      std::vector<double> rows(n * parties);
      std::vector<Key> keys(n * parties);
      for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t p = 0; p < parties; ++p) {
          rows[i * parties + p] = columns[p][i];
          keys[i * parties + p] = UtilityKey(columns[p][i]);
        }
      }
      std::vector<std::size_t> expected;
      for (std::size_t i = 0; i < n; ++i) {
        bool dominated = false;
        for (std::size_t j = 0; j < n && !dominated; ++j) {
          dominated = comparison == UtilityComparison::kExact
                          ? UtilitiesDominate(&rows[j * parties], &rows[i * parties], parties)
                          : KeysDominate(&keys[j * parties], &keys[i * parties], parties);
        }
        if (!dominated) expected.push_back(i);
      }
      EXPECT_EQ(internal::NonDominated(view), expected);
      std::stable_sort(expected.begin(), expected.end(), [&](std::size_t a, std::size_t b) {
        if (comparison == UtilityComparison::kExact) {
          return std::lexicographical_compare(&rows[b * parties], &rows[b * parties] + parties, &rows[a * parties],
                                              &rows[a * parties] + parties);
        }
        return std::lexicographical_compare(&keys[b * parties], &keys[b * parties] + parties, &keys[a * parties],
                                            &keys[a * parties] + parties);
      });
      EXPECT_EQ(internal::NonDominated(view, nullptr, /*frontier_order=*/true), expected);
    }
  }
}

// The exact key orders like the double and is equal only for equal doubles.
TEST(AnalysisKeys, ExactKeyOrdersLikeTheDouble) {
  const std::vector<double> ascending = {-1e300, -2.0,      -1.0, -0.5,          -0x1p-1074, 0.0, 0x1p-1074,
                                         0.3,    0.1 + 0.2, 0.5,  1.0 - 0x1p-53, 1.0,        2.0, 1e300};
  for (std::size_t k = 0; k + 1 < ascending.size(); ++k) {
    EXPECT_LT(internal::ExactKey(ascending[k]), internal::ExactKey(ascending[k + 1])) << ascending[k];
    EXPECT_EQ(internal::ExactKeyValue(internal::ExactKey(ascending[k])), ascending[k]);
  }
  EXPECT_EQ(internal::ExactKey(-0.0), internal::ExactKey(0.0));
}

// UtilityKey rounds u * 2^40 to the nearest integer, ties to even, whatever path it takes.
TEST(AnalysisKeys, UtilityKeyRoundsToNearestEven) {
  EXPECT_EQ(UtilityKey(1.0), std::int64_t{1} << 40);
  EXPECT_EQ(UtilityKey(0.5 * 0x1p-40), 0);  // 0.5 -> 0
  EXPECT_EQ(UtilityKey(1.5 * 0x1p-40), 2);  // 1.5 -> 2
  EXPECT_EQ(UtilityKey(2.5 * 0x1p-40), 2);  // 2.5 -> 2
  EXPECT_EQ(UtilityKey(-2.5 * 0x1p-40), -2);
  EXPECT_EQ(UtilityKey(0.1 + 0.2), UtilityKey(0.3));    // noise merges
  EXPECT_NE(UtilityKey(0.3), UtilityKey(0.3 + 1e-12));  // a real difference does not
  EXPECT_EQ(UtilityKey(0x1p20 + 0.75), (std::int64_t{1} << 60) + (std::int64_t{3} << 38));  // beyond 2^51
  Rng rng(99);
  for (int k = 0; k < 100000; ++k) {
    const double u = (rng.UniformReal() - 0.3) * (k % 3 == 0 ? 1e5 : 2.0);
    ASSERT_EQ(UtilityKey(u), std::llrint(u * 0x1p40)) << u;
  }
}

TEST(AnalysisEdgeCases, EmptyZoneOfAgreement) {
  for (std::size_t parties = 2; parties <= 4; ++parties) {
    const Scenario base = testing::RandomLinearScenario(77 + parties, parties, 3);
    const Scenario scenario = WithReservationValues(base, std::vector<double>(parties, 1.0));
    ExpectMatchesBruteForce(scenario);
    const ScenarioAnalysis analysis(scenario);
    EXPECT_TRUE(analysis.zone().empty);
    EXPECT_EQ(analysis.zone().size, std::optional<std::uint64_t>(0));
    EXPECT_FALSE(analysis.nash() || analysis.kalai_smorodinsky() || analysis.egalitarian() || analysis.utilitarian());
    EXPECT_FALSE(analysis.frontier().points.empty());
    const AgreementMetrics none = analysis.Measure(std::nullopt);
    EXPECT_EQ(none.utilities, std::vector<double>(parties, 1.0));
    EXPECT_DOUBLE_EQ(none.social_welfare, static_cast<double>(parties));
    EXPECT_FALSE(none.pareto_optimal);
    EXPECT_FALSE(none.distance_to_nash.has_value());
  }
  // One party alone asking for everything empties the zone too.
  const Scenario base = testing::RandomLinearScenario(5, 3, 3);
  ExpectMatchesBruteForce(WithReservationValues(base, {0.0, 1.0, 0.0}));
  EXPECT_TRUE(ScenarioAnalysis(WithReservationValues(base, {0.0, 1.0, 0.0})).zone().empty);
}

// Issues a (3 values), b (4) and c (2); a's first two values are worth 1 to both parties, as are
// b's and c's first values, so the outcomes (a0, b0, c0) and (a1, b0, c0), indices 0 and 8, are
// best for both, and nothing else is.
Scenario BestForAllScenario() {
  auto space = std::make_shared<const OutcomeSpace>(
      "agreeable",
      std::vector<Issue>{Issue::Discrete("a", {"a0", "a1", "a2"}), Issue::Discrete("b", {"b0", "b1", "b2", "b3"}),
                         Issue::Discrete("c", {"c0", "c1"})});
  auto first = std::make_shared<const LinearAdditiveUtility>(
      space, std::vector<double>{1, 2, 1},
      std::vector<ValueFunction>{ValueFunction::Table({1, 1, 0}), ValueFunction::Table({1, 0.2, 0.7, 0.1}),
                                 ValueFunction::Table({1, 0.3})});
  auto second = std::make_shared<const LinearAdditiveUtility>(
      space, std::vector<double>{3, 1, 1},
      std::vector<ValueFunction>{ValueFunction::Table({1, 1, 0.4}), ValueFunction::Table({1, 0.9, 0, 0.5}),
                                 ValueFunction::Table({1, 0})});
  return Scenario("agreeable", space, {Profile("first", first, 0.2, 1.0), Profile("second", second, 0.3, 1.0)});
}

TEST(AnalysisEdgeCases, OneOutcomeBestForAll) {
  const Scenario scenario = BestForAllScenario();
  ExpectMatchesBruteForce(scenario);
  const ScenarioAnalysis analysis(scenario);
  ASSERT_EQ(analysis.frontier().points.size(), 2u);
  EXPECT_EQ(analysis.frontier().distinct_utility_vectors, 1u);
  EXPECT_EQ(scenario.space().IndexOf(analysis.frontier().points[0].outcome), 0u);
  EXPECT_EQ(scenario.space().IndexOf(analysis.frontier().points[1].outcome), 8u);
  for (std::size_t p = 0; p < 2; ++p) {
    EXPECT_NEAR(analysis.frontier().points[0].utilities[p], 1.0, 1e-15);
    EXPECT_NEAR(analysis.ideal_point()[p], 1.0, 1e-15);
  }
  EXPECT_NEAR(analysis.opposition(), 0.0, 1e-15);
  // All four solutions are the first of the two, in frontier order.
  for (const auto* solution :
       {&analysis.nash(), &analysis.kalai_smorodinsky(), &analysis.egalitarian(), &analysis.utilitarian()}) {
    ASSERT_TRUE(solution->has_value());
    EXPECT_EQ(scenario.space().IndexOf((*solution)->outcome), 0u);
  }
  const AgreementMetrics best = analysis.Measure(scenario.space().OutcomeAt(8));
  EXPECT_TRUE(best.pareto_optimal);
  EXPECT_NEAR(best.distance_to_pareto, 0.0, 1e-15);
  ASSERT_TRUE(best.distance_to_nash.has_value());
  EXPECT_NEAR(*best.distance_to_nash, 0.0, 1e-15);
  // (a2, b0, c0): first (1*0 + 2*1 + 1*1) / 4 = 0.75, second (3*0.4 + 1 + 1) / 5 = 0.64.
  const AgreementMetrics other = analysis.Measure(scenario.space().OutcomeAt(16));
  EXPECT_FALSE(other.pareto_optimal);
  EXPECT_NEAR(other.social_welfare, 1.39, 1e-12);
  EXPECT_NEAR(other.distance_to_pareto, std::hypot(0.25, 0.36), 1e-12);
}

TEST(AnalysisEdgeCases, OneValueIssuesOnly) {
  // A space of a single outcome: it is the frontier, the ideal point and every solution.
  auto space = std::make_shared<const OutcomeSpace>(
      "single", std::vector<Issue>{Issue::Discrete("a", {"only"}), Issue::Integer("b", 3, 3)});
  auto utility = [&](double a, double b) {
    return std::make_shared<const LinearAdditiveUtility>(
        space, std::vector<double>{1, 1},
        std::vector<ValueFunction>{ValueFunction::Table({a}), ValueFunction::Table({b})});
  };
  const Scenario scenario("single", space,
                          {Profile("x", utility(0.5, 1.0), 0.5, 1.0), Profile("y", utility(0.2, 0.6), 0.0, 1.0)});
  ExpectMatchesBruteForce(scenario);
  const ScenarioAnalysis analysis(scenario);
  ASSERT_EQ(analysis.frontier().points.size(), 1u);
  EXPECT_NEAR(analysis.frontier().points[0].utilities[0], 0.75, 1e-15);
  EXPECT_NEAR(analysis.frontier().points[0].utilities[1], 0.4, 1e-15);
  EXPECT_EQ(analysis.zone().size, std::optional<std::uint64_t>(1));
  EXPECT_NEAR(analysis.opposition(), 0.0, 1e-15);
  ASSERT_TRUE(analysis.nash());
  EXPECT_EQ(analysis.nash()->outcome, space->OutcomeAt(0));
}

TEST(AnalysisMeasure, UtilityVectors) {
  const Scenario scenario = BestForAllScenario();
  const ScenarioAnalysis analysis(scenario);
  const AgreementMetrics m = analysis.Measure(std::vector<double>{0.5, 0.5}, true);
  EXPECT_TRUE(m.agreement);
  EXPECT_FALSE(m.pareto_optimal);
  EXPECT_NEAR(m.distance_to_pareto, std::sqrt(0.5), 1e-12);
  EXPECT_NEAR(*m.distance_to_nash, std::sqrt(0.5), 1e-12);
  EXPECT_DOUBLE_EQ(m.social_welfare, 1.0);
  // A vector no outcome reaches is not dominated by the frontier.
  EXPECT_TRUE(analysis.Measure(std::vector<double>{1.0, 1.0}, true).pareto_optimal);
  EXPECT_THROW(analysis.Measure(std::vector<double>{0.5}, true), UsageError);
}

TEST(AnalysisCaching, OfComputesOncePerScenarioAndSharesWithCopies) {
  const Scenario scenario = testing::RandomLinearScenario(11, 3, 3);
  const auto first = ScenarioAnalysis::Of(scenario);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(ScenarioAnalysis::Of(scenario), first);
  const Scenario copy = scenario;  // NOLINT(performance-unnecessary-copy-initialization)
  EXPECT_EQ(ScenarioAnalysis::Of(copy), first);
  const Scenario fewer = scenario.WithParties({"party2", "party0"});
  const auto other = ScenarioAnalysis::Of(fewer);
  EXPECT_NE(other, first);
  EXPECT_EQ(other->party_count(), 2u);
  EXPECT_EQ(other->reservation_values(),
            std::vector<double>({scenario.profile(2).reservation_value(), scenario.profile(0).reservation_value()}));
  EXPECT_EQ(ScenarioAnalysis::Of(fewer), other);
  // The cached analysis is the one the constructor computes.
  const ScenarioAnalysis direct(scenario);
  EXPECT_EQ(first->frontier().points.size(), direct.frontier().points.size());
  EXPECT_EQ(first->zone().size, direct.zone().size);
}

TEST(AnalysisCaching, ConcurrentCallersGetOneAnalysis) {
  for (int round = 0; round < 5; ++round) {
    const Scenario scenario = testing::RandomLinearScenario(200 + round, 2, 5);
    constexpr int kThreads = 8;
    std::vector<std::shared_ptr<const ScenarioAnalysis>> results(kThreads);
    std::atomic<int> ready{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        ready.fetch_add(1);
        while (ready.load() < kThreads) std::this_thread::yield();
        results[t] = ScenarioAnalysis::Of(t % 2 ? scenario : Scenario(scenario));
      });
    }
    for (auto& thread : threads) thread.join();
    ASSERT_NE(results[0], nullptr);
    for (int t = 1; t < kThreads; ++t) EXPECT_EQ(results[t], results[0]) << "thread " << t;
  }
}

}  // namespace
}  // namespace parley
