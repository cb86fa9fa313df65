// Tests of the two frontier methods that do not enumerate: the issue-by-issue dynamic programme
// against an independent brute force (every outcome, pairwise dominance on the doubles, GENIUS's
// rule, as enumeration compares them), including
// spaces full of equal utilities; its approximation guarantee past the point limit; and the
// sampled frontier's validity and measured error.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "analysis/frontier_methods.h"
#include "analysis/frontier_quality.h"
#include "analysis/non_dominated.h"
#include "fixtures.h"
#include "parley/error.h"
#include "parley/random.h"
#include "parley/scenario_format.h"
#include "test_support.h"

namespace parley {
namespace {

using internal::IssueByIssueFrontier;
using internal::SampledFrontier;

// Keys that compare as `comparison` says: exact (the doubles' order) for the dynamic programme,
// rounded for the sampled frontier.
std::vector<std::int64_t> KeysOf(const std::vector<double>& utilities,
                                 UtilityComparison comparison = UtilityComparison::kExact) {
  std::vector<std::int64_t> keys;
  for (double u : utilities) keys.push_back(internal::ComparisonKey(u, comparison));
  return keys;
}

bool KeysDominate(const std::vector<std::int64_t>& a, const std::vector<std::int64_t>& b) {
  bool larger = false;
  for (std::size_t p = 0; p < a.size(); ++p) {
    if (a[p] < b[p]) return false;
    if (a[p] > b[p]) larger = true;
  }
  return larger;
}

struct Evaluated {
  Outcome outcome;
  std::vector<double> utilities;
  std::vector<std::int64_t> keys;
};

// Every outcome with its utilities, by walking the indices.
std::vector<Evaluated> AllOutcomes(const Scenario& scenario, UtilityComparison comparison) {
  std::vector<Evaluated> all;
  const OutcomeSpace& space = scenario.space();
  for (OutcomeIndex index = 0; index < *space.cardinality(); ++index) {
    Evaluated e;
    e.outcome = space.OutcomeAt(index);
    for (const Profile& profile : scenario.profiles()) e.utilities.push_back(profile.Utility(e.outcome));
    e.keys = KeysOf(e.utilities, comparison);
    all.push_back(std::move(e));
  }
  return all;
}

// The frontier by definition: outcomes no other outcome dominates. Checked pairwise, against the
// outcomes in decreasing lexicographic order of keys (a dominating outcome comes first), each
// only against the non-dominated ones before it; identical key vectors never dominate.
std::vector<Evaluated> BruteForceFrontier(const Scenario& scenario,
                                          UtilityComparison comparison = UtilityComparison::kExact) {
  std::vector<Evaluated> all = AllOutcomes(scenario, comparison);
  std::stable_sort(all.begin(), all.end(), [&](const Evaluated& a, const Evaluated& b) { return a.keys > b.keys; });
  std::vector<Evaluated> frontier;
  for (Evaluated& e : all) {
    const bool dominated =
        std::any_of(frontier.begin(), frontier.end(), [&](const Evaluated& f) { return KeysDominate(f.keys, e.keys); });
    if (!dominated) frontier.push_back(std::move(e));
  }
  return frontier;
}

std::multiset<std::vector<double>> OutcomesOf(const std::vector<Evaluated>& points) {
  std::multiset<std::vector<double>> set;
  for (const Evaluated& e : points) set.insert(e.outcome.values());
  return set;
}

std::multiset<std::vector<double>> OutcomesOf(const ParetoFrontier& frontier) {
  std::multiset<std::vector<double>> set;
  for (const FrontierPoint& point : frontier.points) set.insert(point.outcome.values());
  return set;
}

// Every point's utilities are its outcome's Utility(), and no point dominates another.
void ExpectConsistent(const Scenario& scenario, const ParetoFrontier& frontier) {
  for (const FrontierPoint& point : frontier.points) {
    ASSERT_TRUE(scenario.space().IsValid(point.outcome));
    ASSERT_EQ(point.utilities.size(), scenario.party_count());
    for (std::size_t p = 0; p < scenario.party_count(); ++p) {
      ASSERT_EQ(point.utilities[p], scenario.profile(p).Utility(point.outcome));
    }
  }
  // Sort by the first key, descending, then check each against the running best of the others
  // for two parties; pairwise otherwise.
  std::vector<std::vector<std::int64_t>> keys;
  for (const FrontierPoint& point : frontier.points) keys.push_back(KeysOf(point.utilities, frontier.comparison));
  if (scenario.party_count() == 2) {
    std::sort(keys.begin(), keys.end(), std::greater<>());
    std::int64_t best_second = INT64_MIN;
    for (std::size_t k = 0; k < keys.size(); ++k) {
      if (k > 0 && keys[k] == keys[k - 1]) continue;
      ASSERT_LT(best_second, keys[k][1]) << "a point with first key " << keys[k][0] << " is dominated";
      best_second = keys[k][1];
    }
    return;
  }
  for (const auto& a : keys) {
    for (const auto& b : keys) ASSERT_FALSE(KeysDominate(a, b));
  }
}

void ExpectSameAsBruteForce(const Scenario& scenario, const AnalysisOptions& options = {}) {
  const ParetoFrontier frontier = IssueByIssueFrontier(scenario, options);
  EXPECT_TRUE(frontier.exact) << frontier.method;
  const auto expected = BruteForceFrontier(scenario);
  EXPECT_EQ(OutcomesOf(frontier), OutcomesOf(expected)) << scenario.name() << ": " << frontier.method;
  std::set<std::vector<std::int64_t>> distinct;
  for (const Evaluated& e : expected) distinct.insert(e.keys);
  EXPECT_EQ(frontier.distinct_utility_vectors, distinct.size());
  ExpectConsistent(scenario, frontier);
}

// A scenario made for ties: value tables and weights drawn from a few decimal numbers (so that
// equal sums are common, and often differ in the last bits depending on how they were added),
// and, if `twins`, two parties with the same preferences.
Scenario TiedScenario(std::uint64_t seed, std::size_t parties, std::size_t issues, bool twins) {
  Rng rng(seed);
  std::vector<Issue> issue_list;
  for (std::size_t i = 0; i < issues; ++i) {
    std::vector<std::string> values;
    const std::uint64_t count = 2 + rng.UniformInt(4);
    for (std::uint64_t v = 0; v < count; ++v) values.push_back("v" + std::to_string(v));
    issue_list.push_back(Issue::Discrete("issue" + std::to_string(i), std::move(values)));
  }
  auto space = std::make_shared<const OutcomeSpace>("tied-" + std::to_string(seed), std::move(issue_list));
  const double kValues[] = {0.0, 0.3, 0.5, 0.7, 1.0};
  const double kWeights[] = {0.1, 0.2, 0.3, 0.3, 0.7};
  std::vector<Profile> profiles;
  std::shared_ptr<const UtilityFunction> previous;
  for (std::size_t p = 0; p < parties; ++p) {
    std::shared_ptr<const UtilityFunction> utility;
    if (twins && p == 1) {
      utility = previous;
    } else {
      std::vector<double> weights;
      std::vector<ValueFunction> functions;
      for (std::size_t i = 0; i < issues; ++i) {
        weights.push_back(kWeights[rng.UniformInt(5)]);
        std::vector<double> table;
        for (std::uint64_t v = 0; v < space->issue(i).cardinality(); ++v) table.push_back(kValues[rng.UniformInt(5)]);
        functions.push_back(ValueFunction::Table(std::move(table)));
      }
      utility = std::make_shared<const LinearAdditiveUtility>(space, std::move(weights), std::move(functions));
    }
    previous = utility;
    profiles.emplace_back("party" + std::to_string(p), utility, 0.0, 1.0);
  }
  return Scenario(space->name(), space, std::move(profiles));
}

TEST(IssueByIssueFrontierTest, MatchesBruteForceOnRandomScenarios) {
  for (std::size_t parties : {2, 3, 4}) {
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
      const std::size_t issues = parties == 4 ? 3 : 2 + seed % 3;
      SCOPED_TRACE(::testing::Message() << parties << " parties, seed " << seed);
      ExpectSameAsBruteForce(testing::RandomLinearScenario(seed, parties, issues));
    }
  }
}

TEST(IssueByIssueFrontierTest, MatchesBruteForceWithManyEqualUtilities) {
  for (std::size_t parties : {2, 3, 4}) {
    for (std::uint64_t seed = 1; seed <= 15; ++seed) {
      SCOPED_TRACE(::testing::Message() << parties << " parties, seed " << seed);
      const Scenario scenario = TiedScenario(seed, parties, parties == 4 ? 4 : 5, /*twins=*/seed % 2 == 0);
      ExpectSameAsBruteForce(scenario);
    }
  }
}

TEST(IssueByIssueFrontierTest, MatchesBruteForceOnShippedScenarios) {
  ExpectSameAsBruteForce(LoadScenario((testing::ShippedScenarios() / "genius" / "CarA").string()));
  ExpectSameAsBruteForce(LoadScenario("ceasefire-2024#ceasefire"));
}

TEST(IssueByIssueFrontierTest, HandlesATrillionOutcomes) {
  const Scenario scenario = internal::GeneratedLinearScenario(7, 2, 12, 10, 0.9);
  const ParetoFrontier frontier = IssueByIssueFrontier(scenario, {});
  EXPECT_TRUE(frontier.exact) << frontier.method;
  EXPECT_FALSE(frontier.points.empty());
  ExpectConsistent(scenario, frontier);
  // Each party's best outcome is on the frontier.
  for (std::size_t p = 0; p < 2; ++p) {
    const auto& linear = dynamic_cast<const LinearAdditiveUtility&>(scenario.profile(p).utility_function());
    double best = -1.0;
    for (const FrontierPoint& point : frontier.points) best = std::max(best, point.utilities[p]);
    EXPECT_EQ(UtilityKey(best), UtilityKey(linear.max_utility()));
  }
}

TEST(IssueByIssueFrontierTest, PastThePointLimitKeepsTheStatedGuarantee) {
  for (std::size_t parties : {2, 3}) {
    const Scenario scenario = testing::RandomLinearScenario(21, parties, 5);
    AnalysisOptions options;
    options.frontier_point_limit = 6;
    const ParetoFrontier frontier = IssueByIssueFrontier(scenario, options);
    ASSERT_FALSE(frontier.exact) << frontier.method;
    ExpectConsistent(scenario, frontier);
    std::smatch match;
    ASSERT_TRUE(std::regex_search(frontier.method, match, std::regex("within ([0-9.e+-]+) utility")))
        << frontier.method;
    const double bound = std::stod(match[1]);
    // Every exact frontier point, lowered by the bound, is weakly dominated by a returned point.
    for (const Evaluated& target : BruteForceFrontier(scenario)) {
      const bool covered = std::any_of(frontier.points.begin(), frontier.points.end(), [&](const FrontierPoint& f) {
        for (std::size_t p = 0; p < parties; ++p) {
          if (f.utilities[p] < target.utilities[p] - bound) return false;
        }
        return true;
      });
      EXPECT_TRUE(covered) << scenario.space().Format(target.outcome) << " (" << frontier.method << ")";
    }
  }
}

TEST(IssueByIssueFrontierTest, RejectsOtherUtilityFunctions) {
  const Scenario scenario = LoadScenario((testing::ShippedScenarios() / "genius" / "10issues").string());
  EXPECT_THROW(IssueByIssueFrontier(scenario, {}), UsageError);
}

// The sampled frontier's points are real, non-dominated among themselves, and never better than
// the exact frontier.
void ExpectSampledSound(const Scenario& scenario, const ParetoFrontier& sampled) {
  EXPECT_FALSE(sampled.exact);
  EXPECT_FALSE(sampled.points.empty());
  ExpectConsistent(scenario, sampled);
  const auto exact = BruteForceFrontier(scenario, UtilityComparison::kRounded);
  for (const FrontierPoint& point : sampled.points) {
    const auto keys = KeysOf(point.utilities, UtilityComparison::kRounded);
    const bool below = std::any_of(exact.begin(), exact.end(),
                                   [&](const Evaluated& e) { return e.keys == keys || KeysDominate(e.keys, keys); });
    EXPECT_TRUE(below) << scenario.space().Format(point.outcome);
  }
}

Scenario TenIssuesWithFreeIssues(std::size_t free_issues, std::uint64_t seed) {
  const Scenario full = LoadScenario((testing::ShippedScenarios() / "genius" / "10issues").string());
  Rng rng(seed);
  Outcome fixed;
  full.space().RandomOutcome(rng, fixed);
  return internal::FixIssuesBeyond(full, free_issues, fixed);
}

TEST(SampledFrontierTest, PointsAreValidAndNeverBeyondTheExactFrontier) {
  AnalysisOptions options;
  options.samples = 2000;
  ExpectSampledSound(TenIssuesWithFreeIssues(4, 1), SampledFrontier(TenIssuesWithFreeIssues(4, 1), options));
  const Scenario three = testing::RandomLinearScenario(5, 3, 4);
  ExpectSampledSound(three, SampledFrontier(three, options));
  const Scenario tied = TiedScenario(3, 4, 4, true);
  ExpectSampledSound(tied, SampledFrontier(tied, options));
}

TEST(SampledFrontierTest, IsReproducible) {
  const Scenario scenario = TenIssuesWithFreeIssues(5, 2);
  AnalysisOptions options;
  options.samples = 5000;
  options.seed = 11;
  const ParetoFrontier a = SampledFrontier(scenario, options);
  const ParetoFrontier b = SampledFrontier(scenario, options);
  EXPECT_EQ(OutcomesOf(a), OutcomesOf(b));
  EXPECT_EQ(a.method, b.method);
}

// The bound docs/analysis-large-spaces.md reports for the default 200,000 samples: an additive
// epsilon of at most 0.005 on every space measured there (0 on the 10issues restrictions, 0.003
// on the three-party 10^10 space below).
constexpr double kDocumentedEpsilon = 0.005;

TEST(SampledFrontierTest, ErrorWithinTheDocumentedBoundOnTenIssues) {
  const Scenario scenario = TenIssuesWithFreeIssues(5, 3);
  const ParetoFrontier sampled = SampledFrontier(scenario, {});
  ParetoFrontier exact;
  for (Evaluated& e : BruteForceFrontier(scenario))
    exact.points.push_back({std::move(e.outcome), std::move(e.utilities)});
  const internal::FrontierError error = internal::MeasureFrontierError(exact, sampled);
  EXPECT_LE(error.additive_epsilon, kDocumentedEpsilon) << sampled.method;
}

TEST(SampledFrontierTest, ErrorWithinTheDocumentedBoundOnTenBillionOutcomes) {
  const Scenario scenario = internal::GeneratedLinearScenario(1, 3, 10, 10, 0.5);
  const ParetoFrontier exact = IssueByIssueFrontier(scenario, {});
  ASSERT_TRUE(exact.exact);
  const ParetoFrontier sampled = SampledFrontier(scenario, {});
  ExpectConsistent(scenario, sampled);
  const internal::FrontierError error = internal::MeasureFrontierError(exact, sampled);
  EXPECT_LE(error.additive_epsilon, kDocumentedEpsilon) << sampled.method;
  EXPECT_GT(error.share_found, 0.9);
}

}  // namespace
}  // namespace parley
