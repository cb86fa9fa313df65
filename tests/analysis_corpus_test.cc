// ScenarioAnalysis on the GENIUS corpus (../shared/scenarios): for every scenario that loads and
// has at most 10^6 outcomes, the exact frontier, the zone and the four bargaining solutions
// against a brute force written here. The brute force takes every outcome's utilities from
// Profile::Utility and finds the frontier under GENIUS's rule (BidPoint.isStrictlyDominatedBy on
// the doubles, every bid no other bid dominates) by a method unlike the library's: outcomes in
// descending order of the sum of their utilities, then lexicographically, each checked against the
// distinct vectors kept so far (a dominating vector has at least as large a sum and is
// lexicographically larger, so it is always seen first). That costs (outcomes x frontier
// vectors); scenarios where it would take too long are skipped and counted. Also the frontier of
// anac/y2012/CarA as GENIUS 9.1.10 counts it, and `parley analyze --json` against the library.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <numeric>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "parley/analysis.h"
#include "parley/error.h"
#include "parley/scenario_format.h"
#include "test_support.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using Key = std::int64_t;

constexpr std::uint64_t kMaxOutcomes = 1'000'000;
// Vector comparisons the brute-force frontier may make per scenario (a few seconds).
constexpr std::uint64_t kComparisonBudget = 2'000'000'000;

struct Reference {
  std::size_t parties = 0;
  std::vector<double> utilities;  // [i * parties + p]
  std::vector<Key> keys;
  std::set<OutcomeIndex> frontier;
  std::size_t distinct_points = 0;
  std::uint64_t zone_size = 0;
  const double* u(OutcomeIndex i) const { return &utilities[i * parties]; }
  const Key* k(OutcomeIndex i) const { return &keys[i * parties]; }
};

// Returns nothing when the frontier would take more than the budget.
std::optional<Reference> BruteForce(const Scenario& scenario) {
  Reference ref;
  const std::size_t parties = ref.parties = scenario.party_count();
  const std::uint64_t n = *scenario.space().cardinality();
  ref.utilities.resize(n * parties);
  ref.keys.resize(n * parties);
  std::vector<Key> reservation;
  for (const auto& profile : scenario.profiles()) reservation.push_back(UtilityKey(profile.reservation_value()));
  Outcome outcome;
  for (OutcomeIndex i = 0; i < n; ++i) {
    scenario.space().Decode(i, outcome);
    bool inside = true;
    for (std::size_t p = 0; p < parties; ++p) {
      const double u = scenario.profile(p).Utility(outcome);
      ref.utilities[i * parties + p] = u;
      ref.keys[i * parties + p] = UtilityKey(u);
      inside = inside && UtilityKey(u) > reservation[p];
    }
    ref.zone_size += inside;
  }

  std::vector<double> sums(n, 0.0);
  for (OutcomeIndex i = 0; i < n; ++i) sums[i] = std::accumulate(ref.u(i), ref.u(i) + parties, 0.0);
  std::vector<OutcomeIndex> order(n);
  std::iota(order.begin(), order.end(), OutcomeIndex{0});
  std::sort(order.begin(), order.end(), [&](OutcomeIndex a, OutcomeIndex b) {
    if (sums[a] != sums[b]) return sums[a] > sums[b];
    if (!std::equal(ref.u(a), ref.u(a) + parties, ref.u(b))) {
      return std::lexicographical_compare(ref.u(b), ref.u(b) + parties, ref.u(a), ref.u(a) + parties);
    }
    return a < b;
  });
  std::vector<OutcomeIndex> kept;  // one outcome per distinct non-dominated vector
  std::uint64_t comparisons = 0;
  for (OutcomeIndex i : order) {
    const double* ui = ref.u(i);
    bool dominated = false, duplicate = false;
    for (OutcomeIndex j : kept) {
      ++comparisons;
      const double* uj = ref.u(j);
      bool at_least = true, equal = true;
      for (std::size_t p = 0; p < parties && at_least; ++p) {
        at_least = uj[p] >= ui[p];
        equal = equal && uj[p] == ui[p];
      }
      if (at_least) {
        (equal ? duplicate : dominated) = true;
        break;
      }
    }
    if (comparisons > kComparisonBudget) return std::nullopt;
    if (dominated) continue;
    ref.frontier.insert(i);
    if (!duplicate) kept.push_back(i);
  }
  ref.distinct_points = kept.size();
  return ref;
}

double Objective(const char* solution, const std::vector<double>& u, const std::vector<double>& reservation,
                 const std::vector<double>& best_gain) {
  const std::string name = solution;
  double value = name == "nash" ? 1.0 : name == "utilitarian" ? 0.0 : std::numeric_limits<double>::infinity();
  for (std::size_t p = 0; p < u.size(); ++p) {
    const double gain = u[p] - reservation[p];
    if (name == "nash") value *= gain;
    if (name == "kalai") value = std::min(value, gain / best_gain[p]);
    if (name == "egalitarian") value = std::min(value, gain);
    if (name == "utilitarian") value += u[p];
  }
  return value;
}

// The best value of each objective over the zone's frontier outcomes.
void ExpectSolutions(const Scenario& scenario, const Reference& ref, const ScenarioAnalysis& analysis) {
  const std::size_t parties = ref.parties;
  std::vector<double> reservation;
  for (const auto& profile : scenario.profiles()) reservation.push_back(profile.reservation_value());
  std::vector<OutcomeIndex> zone;
  for (OutcomeIndex i : ref.frontier) {
    bool inside = true;
    for (std::size_t p = 0; p < parties; ++p) inside = inside && ref.k(i)[p] > UtilityKey(reservation[p]);
    if (inside) zone.push_back(i);
  }
  ASSERT_EQ(zone.empty(), analysis.zone().empty);
  const struct {
    const char* name;
    const std::optional<FrontierPoint>& point;
  } solutions[] = {{"nash", analysis.nash()},
                   {"kalai", analysis.kalai_smorodinsky()},
                   {"egalitarian", analysis.egalitarian()},
                   {"utilitarian", analysis.utilitarian()}};
  if (zone.empty()) {
    for (const auto& s : solutions) EXPECT_FALSE(s.point.has_value()) << s.name;
    return;
  }
  std::vector<double> best_gain(parties, 0.0);
  for (OutcomeIndex i : zone) {
    for (std::size_t p = 0; p < parties; ++p) best_gain[p] = std::max(best_gain[p], ref.u(i)[p] - reservation[p]);
  }
  for (const auto& s : solutions) {
    SCOPED_TRACE(s.name);
    ASSERT_TRUE(s.point.has_value());
    auto objective = [&](OutcomeIndex i) {
      return Objective(s.name, {ref.u(i), ref.u(i) + parties}, reservation, best_gain);
    };
    double best = -std::numeric_limits<double>::infinity();
    for (OutcomeIndex i : zone) best = std::max(best, objective(i));
    EXPECT_NEAR(Objective(s.name, s.point->utilities, reservation, best_gain), best, 1e-9);
    // With a unique optimum (up to duplicate outcomes, and to 1e-9) the utilities are the
    // optimum's.
    std::vector<OutcomeIndex> argmax;
    std::set<std::vector<Key>> optimal_vectors;
    for (OutcomeIndex i : zone) {
      if (objective(i) < best - 1e-9) continue;
      argmax.push_back(i);
      optimal_vectors.insert({ref.k(i), ref.k(i) + parties});
    }
    if (optimal_vectors.size() == 1) {
      for (std::size_t p = 0; p < parties; ++p) EXPECT_NEAR(s.point->utilities[p], ref.u(argmax[0])[p], 1e-9);
    }
    EXPECT_TRUE(ref.frontier.count(scenario.space().IndexOf(s.point->outcome)));
  }
}

struct CorpusScenario {
  std::string relative;
  Scenario scenario;
};

std::vector<CorpusScenario> LoadCorpus(const fs::path& root) {
  std::vector<CorpusScenario> loaded;
  for (const auto& folder : testing::ScenarioFolders(root)) {
    try {
      loaded.push_back({fs::relative(folder, root).generic_string(), LoadScenario(folder.string())});
    } catch (const InputError&) {
      // The two folders docs/corpus.md lists as refused; genius_xml_test.cc checks which.
    }
  }
  return loaded;
}

TEST(AnalysisCorpus, EnumeratedScenariosMatchBruteForce) {
  const fs::path root = testing::SharedScenarios();
  if (!fs::is_directory(root)) GTEST_SKIP() << "no shared corpus at " << root;
  const auto corpus = LoadCorpus(root);
  EXPECT_EQ(corpus.size(), 167u) << "docs/corpus.md says 167 folders load";

  int compared = 0, too_large = 0, too_slow = 0;
  std::string skipped;
  const auto start = std::chrono::steady_clock::now();
  for (const auto& [relative, scenario] : corpus) {
    SCOPED_TRACE(relative);
    const auto cardinality = scenario.space().cardinality();
    if (!cardinality || *cardinality > kMaxOutcomes) {
      ++too_large;
      continue;
    }
    const auto ref = BruteForce(scenario);
    if (!ref) {
      ++too_slow;
      skipped += " " + relative + " (" + std::to_string(*cardinality) + " outcomes, " +
                 std::to_string(scenario.party_count()) + " parties)";
      continue;
    }
    ++compared;
    const ScenarioAnalysis analysis(scenario);
    const ParetoFrontier& frontier = analysis.frontier();
    EXPECT_TRUE(frontier.exact);
    std::set<OutcomeIndex> actual;
    for (const auto& point : frontier.points) {
      const OutcomeIndex index = scenario.space().IndexOf(point.outcome);
      actual.insert(index);
      for (std::size_t p = 0; p < ref->parties; ++p) ASSERT_NEAR(point.utilities[p], ref->u(index)[p], 1e-12);
    }
    EXPECT_EQ(actual.size(), ref->frontier.size());
    EXPECT_TRUE(actual == ref->frontier) << "frontier outcomes differ";
    EXPECT_EQ(frontier.distinct_utility_vectors, ref->distinct_points);
    EXPECT_EQ(frontier.comparison, UtilityComparison::kExact);
    ASSERT_TRUE(analysis.zone().size.has_value());
    EXPECT_EQ(*analysis.zone().size, ref->zone_size);
    ExpectSolutions(scenario, *ref, analysis);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "[ corpus   ] %d of %zu scenarios compared with the brute force in %.1f s; %d have more than %llu "
      "outcomes; %d skipped, the brute force being too slow:%s\n",
      compared, corpus.size(), seconds, too_large, static_cast<unsigned long long>(kMaxOutcomes), too_slow,
      skipped.c_str());
  EXPECT_GE(compared, 130);
}

// GENIUS 9.1.10's BidSpace.getParetoFrontier() on anac/y2012/CarA holds 73 bids with 53 distinct
// utility pairs (../shared/design/GENIUS-FORMAT.md); scenarios/genius/CarA is a copy of it. The
// frontier, its points and the CLI's JSON say the same.
TEST(AnalysisCorpus, CarAFrontierAsGeniusCountsIt) {
  std::vector<fs::path> folders = {testing::ShippedScenarios() / "genius" / "CarA"};
  const fs::path root = testing::SharedScenarios();
  if (fs::is_directory(root / "anac/y2012/CarA")) folders.push_back(root / "anac/y2012/CarA");
  for (const auto& folder : folders) {
    SCOPED_TRACE(folder.string());
    const ScenarioAnalysis analysis(LoadScenario(folder.string()));
    EXPECT_EQ(analysis.frontier().points.size(), 73u);
    EXPECT_EQ(analysis.frontier().distinct_utility_vectors, 53u);
    const auto result = testing::RunCli("analyze '" + folder.string() + "' --json");
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto json = nlohmann::json::parse(result.out);
    EXPECT_EQ(json["frontier"]["size"].get<std::size_t>(), 73u);
    EXPECT_EQ(json["frontier"]["distinct_utility_vectors"].get<std::size_t>(), 53u);
    EXPECT_EQ(json["frontier"]["comparison"].get<std::string>(), "exact");
  }
}

// `parley analyze --json` reports what the library computes.
void ExpectCliMatchesLibrary(const fs::path& folder) {
  SCOPED_TRACE(folder.string());
  const auto result = testing::RunCli("analyze '" + folder.string() + "' --json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  const Scenario scenario = LoadScenario(folder.string());
  const ScenarioAnalysis analysis(scenario);
  EXPECT_EQ(json["frontier"]["size"].get<std::size_t>(), analysis.frontier().points.size());
  EXPECT_EQ(json["frontier"]["distinct_utility_vectors"].get<std::size_t>(),
            analysis.frontier().distinct_utility_vectors);
  EXPECT_EQ(json["frontier"]["exact"].get<bool>(), analysis.frontier().exact);
  EXPECT_EQ(json["zone_of_agreement"]["empty"].get<bool>(), analysis.zone().empty);
  if (analysis.zone().size) {
    EXPECT_EQ(json["zone_of_agreement"]["size"].get<std::uint64_t>(), *analysis.zone().size);
  }
  EXPECT_NEAR(json["opposition"].get<double>(), analysis.opposition(), 1e-12);
  const struct {
    const char* key;
    const std::optional<FrontierPoint>& point;
  } solutions[] = {{"nash", analysis.nash()},
                   {"kalai_smorodinsky", analysis.kalai_smorodinsky()},
                   {"egalitarian", analysis.egalitarian()},
                   {"utilitarian", analysis.utilitarian()}};
  for (const auto& s : solutions) {
    SCOPED_TRACE(s.key);
    if (!s.point) {
      EXPECT_TRUE(json[s.key].is_null());
      continue;
    }
    for (std::size_t p = 0; p < scenario.party_count(); ++p) {
      EXPECT_NEAR(json[s.key]["utilities"][scenario.profile(p).name()].get<double>(), s.point->utilities[p], 1e-12);
    }
    for (std::size_t i = 0; i < scenario.space().issue_count(); ++i) {
      const Issue& issue = scenario.space().issue(i);
      const auto& value = json[s.key]["outcome"][issue.name()];
      if (issue.kind() == IssueKind::kDiscrete) {
        EXPECT_EQ(value.get<std::string>(), issue.Format(s.point->outcome[i])) << issue.name();
      } else {
        EXPECT_EQ(value.get<double>(), s.point->outcome[i]) << issue.name();
      }
    }
  }
}

TEST(AnalysisCorpus, CliJsonMatchesLibrary) {
  for (const char* name : {"CarA", "IntegerDomain", "group2-dinner"}) {
    ExpectCliMatchesLibrary(testing::ShippedScenarios() / "genius" / name);
  }
  const fs::path root = testing::SharedScenarios();
  if (!fs::is_directory(root)) GTEST_SKIP() << "no shared corpus at " << root;
  for (const char* relative : {"anac/y2016/parsCat", "anac/y2015/group9-killer_robot", "other/Domain16",
                               "anac/y2010/Travel", "other/QODomain"}) {
    if (fs::is_directory(root / relative)) ExpectCliMatchesLibrary(root / relative);
  }
}

}  // namespace
}  // namespace parley
