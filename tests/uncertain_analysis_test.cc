// The analysis over sampled worlds (parley/uncertain_analysis.h). Expectations come from
// elsewhere: ScenarioAnalysis of the point scenario when every range has zero width, and
// hand-made one-issue scenarios whose zone, frontier and solutions are known in closed form.
#include <gtest/gtest.h>

#include <cmath>

#include <nlohmann/json.hpp>

#include "parley/analysis.h"
#include "parley/error.h"
#include "parley/multi_track.h"
#include "parley/scenario_format.h"
#include "parley/uncertain_analysis.h"
#include "parley/uncertainty.h"
#include "test_support.h"

namespace parley {
namespace {

// Four standard errors of a share p estimated from n worlds.
double FourErrors(double p, std::size_t n) { return 4.0 * std::sqrt(p * (1.0 - p) / static_cast<double>(n)); }

const UncertainSolution& SolutionNamed(const UncertainTrackAnalysis& track, const std::string& name) {
  for (const auto& solution : track.solutions) {
    if (solution.name == name) return solution;
  }
  ADD_FAILURE() << "no solution " << name;
  return track.solutions.front();
}

TEST(UncertainAnalysis, ZeroWidthRangesGiveThePointAnalysis) {
  const UncertainScenario scenario = UncertainScenario::FromText(testing::CeasefireWithRanges(0.0), "zero.json");
  ASSERT_GT(scenario.dimension(), 10u);
  UncertainAnalysisOptions options;
  options.samples = 40;
  options.seed = 9;
  const UncertainAnalysisReport report = AnalyzeUnderUncertainty(scenario, options);
  // The point: the built-in scenario as every ordinary command reads it, analysed track by track.
  const MultiTrackScenario point = LoadMultiTrackScenario("ceasefire-2024");
  ASSERT_EQ(report.tracks.size(), point.tracks().size());
  for (std::size_t t = 0; t < point.tracks().size(); ++t) {
    const ScenarioAnalysis analysis(point.tracks()[t].Negotiation());
    const UncertainTrackAnalysis& track = report.tracks[t];
    SCOPED_TRACE(track.name);
    EXPECT_EQ(track.zone_probability, analysis.zone().empty ? 0.0 : 1.0);
    const double zone_size = analysis.zone().empty ? 0.0 : static_cast<double>(*analysis.zone().size);
    const double frontier_size = static_cast<double>(analysis.frontier().points.size());
    for (double q : track.zone_size.quantiles) EXPECT_EQ(q, zone_size);
    for (double q : track.frontier_size.quantiles) EXPECT_EQ(q, frontier_size);
    EXPECT_DOUBLE_EQ(track.zone_size.mean, zone_size);
    EXPECT_DOUBLE_EQ(track.frontier_size.mean, frontier_size);
    const std::optional<FrontierPoint>* points[] = {&analysis.nash(), &analysis.kalai_smorodinsky(),
                                                    &analysis.egalitarian(), &analysis.utilitarian()};
    ASSERT_EQ(track.solutions.size(), 4u);
    for (std::size_t k = 0; k < 4; ++k) {
      const UncertainSolution& solution = track.solutions[k];
      const std::optional<FrontierPoint>& expected = *points[k];
      SCOPED_TRACE(solution.name);
      EXPECT_EQ(solution.same_as_estimate, 1.0);
      ASSERT_EQ(solution.none, expected ? 0.0 : 1.0);
      if (!expected) continue;
      ASSERT_EQ(solution.frequent.size(), 1u);
      EXPECT_EQ(solution.frequent[0].outcome, expected->outcome);
      EXPECT_EQ(solution.frequent[0].share, 1.0);
      EXPECT_EQ(solution.acceptance, 1.0);
      EXPECT_EQ(solution.acceptance_error, 0.0);
      for (std::size_t p = 0; p < expected->utilities.size(); ++p) {
        EXPECT_DOUBLE_EQ(solution.utilities[p].mean, expected->utilities[p]);
        EXPECT_EQ(solution.utilities[p].quantiles[1], expected->utilities[p]);
      }
    }
  }
}

// One issue, three outcomes. P's utilities are a 1, b 0.5, c 0.2; Q's a 0.4, b 0.5, c 1 and Q's
// reservation value 0.45, so `a` is never in the zone. P's reservation value r is written in.
std::string ThreeOutcomes(const std::string& p_reservation, const std::string& q_b_value) {
  return R"({"format": "parley-scenario", "version": 1, "name": "three outcomes",
  "issues": [{"name": "i", "values": ["a", "b", "c"]}],
  "parties": [
    {"name": "P", "utility": {"type": "linear-additive", "weights": {"i": 1},
                              "values": {"i": {"a": 1, "b": 0.5, "c": 0.2}}},
     "reservation_value": )" +
         p_reservation + R"(},
    {"name": "Q", "utility": {"type": "linear-additive", "weights": {"i": 1},
                              "values": {"i": {"a": 0.4, "b": )" +
         q_b_value + R"(, "c": 1}}},
     "reservation_value": 0.45}]})";
}

TEST(UncertainAnalysis, ZeroWidthEmptyZoneHasNoSolutionInAnyWorld) {
  const UncertainScenario scenario =
      UncertainScenario::FromText(ThreeOutcomes(R"({"uniform": [0.7, 0.7]})", "0.5"), "empty.json");
  UncertainAnalysisOptions options;
  options.samples = 30;
  const UncertainAnalysisReport report = AnalyzeUnderUncertainty(scenario, options);
  const UncertainTrackAnalysis& track = report.tracks.at(0);
  EXPECT_EQ(track.zone_probability, 0.0);
  EXPECT_EQ(track.zone_size.mean, 0.0);
  for (const auto& solution : track.solutions) {
    EXPECT_FALSE(solution.at_estimate);
    EXPECT_EQ(solution.same_as_estimate, 1.0);  // no solution, as at the estimate
    EXPECT_EQ(solution.none, 1.0);
    EXPECT_TRUE(solution.frequent.empty());
    EXPECT_FALSE(solution.acceptance);
    EXPECT_TRUE(std::isnan(solution.utilities[0].mean));
  }
}

TEST(UncertainAnalysis, ZoneAndNashSolutionFollowTheirClosedForms) {
  // r ~ uniform [0, 1], estimate 0.3. The zone holds b when r < 0.5 (Q: 0.5 > 0.45) and c too when
  // r < 0.2, so P(zone) = 1/2 and the zone's size is 2 with probability 0.2, 1 with 0.3, else 0:
  // mean 0.7, E[size^2] = 4(0.2) + 0.3 = 1.1, variance 0.61. The frontier is a, b, c in every
  // world (no outcome dominates another), 3. Nash products of gains: b (1/2 - r)(0.05), c
  // (0.2 - r)(0.55); b wins when 0.025 - 0.05 r > 0.11 - 0.55 r, r > 0.17. So the world's Nash
  // solution is c for r < 0.17, b for 0.17 < r < 0.5, none above: the estimate's (r = 0.3: zone
  // {b}, Nash b) in 33 % of worlds, none in 50 %, c in 17 %. The estimate's b is accepted when
  // r < 0.5: 50 %.
  const UncertainScenario scenario =
      UncertainScenario::FromText(ThreeOutcomes(R"({"uniform": [0, 1], "estimate": 0.3})", "0.5"), "zone.json");
  UncertainAnalysisOptions options;
  options.samples = 4000;
  options.seed = 11;
  options.threads = 2;
  const UncertainAnalysisReport report = AnalyzeUnderUncertainty(scenario, options);
  const UncertainTrackAnalysis& track = report.tracks.at(0);
  const std::size_t n = options.samples;
  EXPECT_NEAR(track.zone_probability, 0.5, FourErrors(0.5, n));
  EXPECT_LE(track.zone_low, track.zone_probability);
  EXPECT_GE(track.zone_high, track.zone_probability);
  EXPECT_NEAR(track.zone_size.mean, 0.7, 4.0 * std::sqrt(0.61 / static_cast<double>(n)));
  EXPECT_EQ(track.zone_size.quantiles[0], 0.0);
  EXPECT_EQ(track.zone_size.quantiles[2], 2.0);
  EXPECT_EQ(track.frontier_size.mean, 3.0);
  const UncertainSolution& nash = SolutionNamed(track, "nash");
  ASSERT_TRUE(nash.at_estimate);
  EXPECT_EQ(nash.at_estimate->outcome, Outcome({1}));
  EXPECT_NEAR(nash.same_as_estimate, 0.33, FourErrors(0.33, n));
  EXPECT_NEAR(nash.none, 0.5, FourErrors(0.5, n));
  ASSERT_EQ(nash.frequent.size(), 2u);
  EXPECT_EQ(nash.frequent[0].outcome, Outcome({1}));
  EXPECT_EQ(nash.frequent[0].share, nash.same_as_estimate);
  EXPECT_EQ(nash.frequent[1].outcome, Outcome({2}));
  EXPECT_NEAR(nash.frequent[1].share, 0.17, FourErrors(0.17, n));
  ASSERT_TRUE(nash.acceptance);
  EXPECT_NEAR(*nash.acceptance, 0.5, FourErrors(0.5, n));
  // Accepted exactly when the zone exists: b is in every non-empty zone.
  EXPECT_EQ(*nash.acceptance, track.zone_probability);
  EXPECT_DOUBLE_EQ(*nash.acceptance_error, std::sqrt(*nash.acceptance * (1.0 - *nash.acceptance) / n));
}

TEST(UncertainAnalysis, SolutionsMoveAsTheirClosedForms) {
  // Q's utility of b is u ~ uniform [0, 1] (estimate 0.5); both reservation values 0, so the
  // zone is a, b, c in every world. Nash products: a 0.4, b 0.5 u, c 0.2: b when u > 0.8 (20 %),
  // else a (the estimate's). Egalitarian, the largest smallest gain: a 0.4, b min(0.5, u), c 0.2:
  // b when u > 0.4 (60 %, the estimate's b). Utilitarian: a 1.4, b 0.5 + u, c 1.2: b when
  // u > 0.9 (10 %). The frontier: a dominates b when u <= 0.4, so 2 outcomes in 40 % of worlds,
  // 3 in 60 %: mean 2.6, variance 0.24. Q's utility of the Nash solution: 0.4 with probability
  // 0.8, u on (0.8, 1) otherwise: mean 0.32 + 0.2 (0.9) = 0.5, E[X^2] = 0.128 + 0.2 (2.44 / 3).
  std::string text = ThreeOutcomes("0", R"({"uniform": [0, 1], "estimate": 0.5})");
  text.replace(text.find("\"reservation_value\": 0.45"), 25, "\"reservation_value\": 0");
  const UncertainScenario scenario = UncertainScenario::FromText(text, "solutions.json");
  UncertainAnalysisOptions options;
  options.samples = 4000;
  options.seed = 5;
  const UncertainAnalysisReport report = AnalyzeUnderUncertainty(scenario, options);
  const UncertainTrackAnalysis& track = report.tracks.at(0);
  const std::size_t n = options.samples;
  EXPECT_EQ(track.zone_probability, 1.0);
  EXPECT_EQ(track.zone_size.mean, 3.0);
  EXPECT_NEAR(track.frontier_size.mean, 2.6, 4.0 * std::sqrt(0.24 / static_cast<double>(n)));
  struct Case {
    const char* name;
    Outcome at_estimate;
    double same;
  } cases[] = {{"nash", Outcome({0}), 0.8}, {"egalitarian", Outcome({1}), 0.6}, {"utilitarian", Outcome({0}), 0.9}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const UncertainSolution& solution = SolutionNamed(track, c.name);
    ASSERT_TRUE(solution.at_estimate);
    EXPECT_EQ(solution.at_estimate->outcome, c.at_estimate);
    EXPECT_NEAR(solution.same_as_estimate, c.same, FourErrors(c.same, n));
    EXPECT_EQ(solution.none, 0.0);
    EXPECT_EQ(solution.acceptance, 1.0);  // every outcome is in every world's zone
  }
  const UncertainSolution& nash = SolutionNamed(track, "nash");
  const double sd = std::sqrt(0.128 + 0.2 * 2.44 / 3.0 - 0.25);
  EXPECT_NEAR(nash.utilities[1].mean, 0.5, 4.0 * sd / std::sqrt(static_cast<double>(n)));
  // The per-world arrays say the same as the summaries.
  ASSERT_EQ(nash.matches.size(), n);
  ASSERT_EQ(nash.world_utilities.size(), 2 * n);
  double matches = 0.0;
  for (std::size_t j = 0; j < n; ++j) {
    matches += nash.matches[j];
    EXPECT_EQ(nash.matches[j] == 1, nash.world_utilities[2 * j + 1] == 0.4) << j;
  }
  EXPECT_EQ(matches / static_cast<double>(n), nash.same_as_estimate);
  ASSERT_EQ(report.values.size(), n);
  for (std::size_t j = 0; j < n; ++j) EXPECT_EQ(track.frontier_sizes[j], report.values[j] <= 0.4 ? 2.0 : 3.0) << j;
}

TEST(UncertainAnalysis, OneAndTwoThreadsGiveTheSameReport) {
  const UncertainScenario scenario = UncertainScenario::FromText(testing::CeasefireWithRanges(0.1), "ranges.json");
  UncertainAnalysisOptions options;
  options.samples = 100;
  options.seed = 2;
  options.threads = 1;
  const UncertainAnalysisReport one = AnalyzeUnderUncertainty(scenario, options);
  options.threads = 2;
  const UncertainAnalysisReport two = AnalyzeUnderUncertainty(scenario, options);
  EXPECT_EQ(one.values, two.values);
  ASSERT_EQ(one.tracks.size(), two.tracks.size());
  for (std::size_t t = 0; t < one.tracks.size(); ++t) {
    EXPECT_EQ(one.tracks[t].zone_sizes, two.tracks[t].zone_sizes);
    EXPECT_EQ(one.tracks[t].zone_size.mean, two.tracks[t].zone_size.mean);
    for (std::size_t k = 0; k < 4; ++k) {
      EXPECT_EQ(one.tracks[t].solutions[k].world_utilities.size(), two.tracks[t].solutions[k].world_utilities.size());
      EXPECT_EQ(one.tracks[t].solutions[k].matches, two.tracks[t].solutions[k].matches);
      EXPECT_EQ(one.tracks[t].solutions[k].utilities[0].mean, two.tracks[t].solutions[k].utilities[0].mean);
    }
  }
}

TEST(UncertainAnalysis, ErrorsHaveExactMessages) {
  auto message = [](const UncertainScenario& scenario, const UncertainAnalysisOptions& options) -> std::string {
    try {
      AnalyzeUnderUncertainty(scenario, options);
    } catch (const UsageError& e) {
      return e.what();
    }
    return "no UsageError";
  };
  UncertainAnalysisOptions options;
  EXPECT_EQ(message(UncertainScenario::Load("ceasefire-2024#ceasefire"), options),
            "the scenario has no uncertain numbers (docs/uncertainty.md says how to give ranges)");
  options.samples = 0;
  EXPECT_EQ(message(UncertainScenario::Load("ceasefire-2024"), options),
            "the number of sampled worlds must be at least 1");
}

using testing::RunCli;

TEST(AnalyzeSamplesCli, OneAndTwoThreadsPrintTheSameBytes) {
  const auto one = RunCli("analyze ceasefire-2024 --samples 120 --seed 4 --threads 1 --json");
  const auto two = RunCli("analyze ceasefire-2024 --samples 120 --seed 4 --threads 2 --json");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(one.out, two.out);
  const auto json = nlohmann::json::parse(one.out);
  EXPECT_EQ(json["samples"], 120);
  EXPECT_EQ(json["numbers"].size(), 12u);
  ASSERT_EQ(json["tracks"].size(), 2u);
  // The estimate's solutions are today's `parley analyze --json` ones, track by track.
  const auto point = nlohmann::json::parse(RunCli("analyze ceasefire-2024 --json").out);
  for (std::size_t t = 0; t < 2; ++t) {
    for (const char* name : {"nash", "kalai_smorodinsky", "egalitarian", "utilitarian"}) {
      EXPECT_EQ(json["tracks"][t]["solutions"][name]["at_estimate"]["outcome"], point[t][name]["outcome"]) << name;
    }
    EXPECT_EQ(json["tracks"][t]["frontier_size"]["at_estimate"], point[t]["frontier"]["size"]);
  }
  const auto text = RunCli("analyze ceasefire-2024 --samples 50");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("50 sampled worlds (seed 0), 12 uncertain numbers"), std::string::npos) << text.out;
}

TEST(AnalyzeSamplesCli, RefusesWithExactMessages) {
  struct Case {
    const char* arguments;
    const char* message;
  } cases[] = {
      {"analyze ceasefire-2024 --samples 0", "--samples 0: expected at least 1 sampled world"},
      {"analyze ceasefire-2024 --seed 3", "--seed: only with --samples N (answers over sampled worlds)"},
      {"analyze ceasefire-2024 --threads 2", "--threads: only with --samples N (answers over sampled worlds)"},
      {"analyze ceasefire-2024 --samples 10 --threads -1", "--threads -1: expected 0 (every core) or more"},
      {"analyze ceasefire-2024 --samples 10 --parties Israel,Hamas",
       "--parties: not with --samples (every track is analysed between its participants)"},
      {"analyze ceasefire-2024 --samples 10 --frontier", "--frontier: not with --samples"},
      {"analyze 'ceasefire-2024#rafah' --samples 10",
       "--samples: 'ceasefire-2024#rafah' has no uncertain numbers (docs/uncertainty.md says how to give ranges)"},
  };
  for (const auto& c : cases) {
    const auto result = RunCli(c.arguments);
    EXPECT_NE(result.exit_code, 0) << c.arguments;
    EXPECT_NE(result.err.find(c.message), std::string::npos) << c.arguments << ": " << result.err;
  }
}

}  // namespace
}  // namespace parley
