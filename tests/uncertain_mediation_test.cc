// The mediator's assistant over sampled worlds (parley/uncertain_mediation.h). Expectations come
// from elsewhere: AssistMediation run on each world as UncertainScenario reads it, a hand-made
// two-issue case whose answers and Sobol indices are known in closed form, and the estimate's own
// report when every range has zero width.
#include <gtest/gtest.h>

#include <cmath>

#include <nlohmann/json.hpp>

#include "parley/error.h"
#include "parley/mediation_assistant.h"
#include "parley/sensitivity.h"
#include "parley/uncertain_mediation.h"
#include "parley/uncertainty.h"
#include "parley/utility.h"
#include "test_support.h"

namespace parley {
namespace {

using Json = nlohmann::ordered_json;

std::int32_t IssueIndex(const MultiTrackScenario& scenario, const MediationSubject& subject,
                        const MediationMoment& moment) {
  if (!moment.stumbling_block) return -1;
  std::size_t index = moment.issues.front().issue;
  if (subject.joint) {
    for (std::size_t t = 0; t < moment.issues.front().track; ++t)
      index += scenario.tracks()[t].stakes.space().issue_count();
  }
  return static_cast<std::int32_t>(index);
}

// Each sampled world's answers against AssistMediation on the same world read by UncertainScenario.
TEST(UncertainMediation, EveryWorldAnswersAsAssistMediation) {
  const UncertainScenario scenario =
      UncertainScenario::FromText(testing::CeasefireWithRanges(0.05), "ceasefire-ranges.json");
  ASSERT_GT(scenario.dimension(), 90u);
  UncertainMediationOptions options;
  options.samples = 40;
  options.seed = 7;
  options.threads = 2;
  const UncertainMediationReport report = AssistMediationUnderUncertainty(scenario, options);
  ASSERT_TRUE(report.joint);
  ASSERT_EQ(report.values.size(), options.samples * scenario.dimension());
  std::size_t differs_from_estimate = 0;
  for (std::size_t j = 0; j < options.samples; ++j) {
    const MultiTrackScenario world = scenario.SampleWorld(options.seed, j);
    const std::vector<double> values = scenario.Values(scenario.UnitPoint(options.seed, j));
    EXPECT_TRUE(std::equal(values.begin(), values.end(), report.values.begin() + j * values.size()));
    // The answer times are the estimate's in every world (the world's own defaults would follow
    // its drawn event time).
    MediationOptions at_times;
    at_times.times = report.estimate.times;
    const MediationReport expected = AssistMediation(world, at_times);
    std::vector<std::pair<const MediationSubject*, const UncertainSubject*>> pairs;
    for (std::size_t t = 0; t < expected.tracks.size(); ++t) pairs.emplace_back(&expected.tracks[t], &report.tracks[t]);
    pairs.emplace_back(&*expected.joint, &*report.joint);
    for (const auto& [subject, sampled] : pairs) {
      const MediationSubject& at_estimate =
          subject->joint ? *report.estimate.joint : report.estimate.tracks[subject->tracks.front()];
      for (std::size_t m = 0; m < subject->moments.size(); ++m) {
        SCOPED_TRACE(subject->name + " world " + std::to_string(j) + " moment " + std::to_string(m));
        const MediationMoment& moment = subject->moments[m];
        EXPECT_EQ(sampled->zone_exists[m][j], moment.zone_exists);
        EXPECT_EQ(sampled->zone_size[m][j], *moment.zone_size);
        EXPECT_EQ(sampled->stumbling_block[m][j], IssueIndex(world, *subject, moment));
        differs_from_estimate += *moment.zone_size != *at_estimate.moments[m].zone_size;
        // The estimate's first proposal, judged with the world's utilities and fallbacks.
        bool accepted = false;
        if (!at_estimate.moments[m].best.empty()) {
          const MediationPackage& package = at_estimate.moments[m].best.front();
          accepted = true;
          for (std::size_t p = 0; p < subject->parties.size(); ++p) {
            const double utility =
                subject->joint
                    ? world.OverallUtility(p, {package.parts.begin(), package.parts.end()}, {1.0, 1.0}, 0)
                    : world.tracks()[subject->tracks.front()].Negotiation().profile(p).Utility(package.parts.front());
            accepted = accepted && UtilityKey(utility) > UtilityKey(moment.fallbacks[p]);
          }
        }
        EXPECT_EQ(sampled->recommended_accepted[m][j], accepted);
      }
    }
  }
  EXPECT_GT(differs_from_estimate, 0u) << "the ranges should move some zone";
}

TEST(UncertainMediation, ZeroWidthRangesGiveThePointAnswers) {
  const UncertainScenario scenario = UncertainScenario::FromText(testing::CeasefireWithRanges(0.0), "zero-width.json");
  UncertainMediationOptions options;
  options.samples = 50;
  const UncertainMediationReport report = AssistMediationUnderUncertainty(scenario, options);
  const MediationReport point = AssistMediation(LoadMultiTrackScenario("ceasefire-2024"));
  std::vector<std::pair<const MediationSubject*, const UncertainSubject*>> pairs;
  for (std::size_t t = 0; t < point.tracks.size(); ++t) pairs.emplace_back(&point.tracks[t], &report.tracks[t]);
  pairs.emplace_back(&*point.joint, &*report.joint);
  for (const auto& [subject, sampled] : pairs) {
    for (std::size_t m = 0; m < subject->moments.size(); ++m) {
      const MediationMoment& moment = subject->moments[m];
      const UncertainMoment& answer = sampled->moments[m];
      SCOPED_TRACE(subject->name + " moment " + std::to_string(m));
      EXPECT_EQ(answer.time, moment.time);
      EXPECT_EQ(answer.zone_probability, moment.zone_exists ? 1.0 : 0.0);
      EXPECT_EQ(answer.zone_fraction_mean, *moment.zone_fraction);
      for (double q : answer.zone_fraction_quantiles) EXPECT_EQ(q, *moment.zone_fraction);
      ASSERT_EQ(answer.estimate_best.size(), moment.best.size());
      for (std::size_t k = 0; k < moment.best.size(); ++k) {
        EXPECT_EQ(answer.estimate_best[k].acceptance, 1.0);
        EXPECT_EQ(answer.estimate_best[k].estimate_rank, k + 1);
        EXPECT_EQ(answer.estimate_best[k].at_estimate.parts, moment.best[k].parts);
        EXPECT_EQ(answer.estimate_best[k].at_estimate.nash_product, moment.best[k].nash_product);
        EXPECT_NEAR(answer.estimate_best[k].expected_nash, moment.best[k].nash_product, 1e-14);  // a sum of 50
      }
      const std::string block = moment.stumbling_block.value_or("none");
      for (const auto& [issue, share] : answer.stumbling_blocks) EXPECT_EQ(share, issue == block ? 1.0 : 0.0) << issue;
    }
  }
}

// Two issues x, y in {0, 1}; A values each 1 at 1, B each 1 at 0, weights equal: packages give
// (u_A, u_B) = (1, 0) for (1, 1), (0, 1) for (0, 0), (0.5, 0.5) otherwise. r_A ~ U[0, 1], r_B ~
// U[0.25, 1]: a zone exists iff r_A < 1/2 and r_B < 1/2, so P = (1/2)(1/3) = 1/6; with p = 1/2,
// q = 1/3: V = pq(1 - pq) = 5/36, V_A = q^2 p(1 - p) = 1/36, V_B = p^2 q(1 - q) = 2/36, and the
// interaction V_AB = 2/36, so S = (1/5, 2/5), ST = (3/5, 4/5).
constexpr const char* kTwoIssues = R"({
  "format": "parley-scenario", "version": 1, "name": "two issues",
  "issues": [{"name": "x", "values": ["0", "1"]}, {"name": "y", "values": ["0", "1"]}],
  "parties": [
    {"name": "A", "utility": {"type": "linear-additive", "weights": {"x": 1, "y": 1},
                              "values": {"x": {"0": 0, "1": 1}, "y": {"0": 0, "1": 1}}},
     "reservation_value": {"uniform": [0, 1], "estimate": 0.3}},
    {"name": "B", "utility": {"type": "linear-additive", "weights": {"x": 1, "y": 1},
                              "values": {"x": {"0": 1, "1": 0}, "y": {"0": 1, "1": 0}}},
     "reservation_value": {"uniform": [0.25, 1], "estimate": 0.3}}
  ]
})";

TEST(UncertainMediation, TwoIssueClosedForm) {
  const UncertainScenario scenario = UncertainScenario::FromText(kTwoIssues, "two-issues.json");
  ASSERT_EQ(scenario.dimension(), 2u);
  UncertainMediationOptions options;
  options.samples = 20000;
  options.seed = 3;
  options.threads = 2;
  options.sobol = true;
  options.mediation.times = {0.0};
  const UncertainMediationReport report = AssistMediationUnderUncertainty(scenario, options);
  ASSERT_EQ(report.tracks.size(), 1u);
  const UncertainMoment& now = report.tracks[0].moments[0];
  const double n = static_cast<double>(options.samples);
  EXPECT_NEAR(now.zone_probability, 1.0 / 6.0, 4.0 * std::sqrt((1.0 / 6.0) * (5.0 / 6.0) / n));
  EXPECT_LE(now.zone_low, now.zone_probability);
  EXPECT_GE(now.zone_high, now.zone_probability);
  // The estimate's first proposal is (x, y) = (0, 1) (ties with (1, 0) on product and welfare,
  // earlier index); it is accepted exactly when the zone exists. Its Nash product of gains is
  // (1/2 - r_A)(1/2 - r_B) in the zone: E = E[(1/2 - r_A)+] E[(1/2 - r_B)+] = (1/8)(1/24) = 1/192,
  // with E[((1/2 - r_A)+)^2] = 1/24 and E[((1/2 - r_B)+)^2] = 1/144.
  ASSERT_EQ(now.estimate_best.size(), 2u);
  const RobustPackage& first = now.estimate_best[0];
  EXPECT_EQ(first.index, 1u);
  EXPECT_EQ(first.acceptance, now.zone_probability);
  const double nash_sd = std::sqrt(1.0 / 24.0 / 144.0 - std::pow(1.0 / 192.0, 2));
  EXPECT_NEAR(first.expected_nash, 1.0 / 192.0, 4.0 * nash_sd / std::sqrt(n));
  EXPECT_EQ(report.evaluations, options.samples * 4);
  ASSERT_EQ(report.sensitivity.size(), 2u);  // the zone, and the recommended package: the same indicator
  const double first_order[] = {0.2, 0.4}, total[] = {0.6, 0.8};
  for (const auto& output : report.sensitivity) {
    SCOPED_TRACE(output.output);
    EXPECT_NEAR(output.estimate.mean, 1.0 / 6.0, 0.01);
    for (std::size_t i = 0; i < 2; ++i) {
      const SobolIndex& index = output.estimate.indices[i];
      EXPECT_NEAR(index.first, first_order[i], 4.0 * index.first_error) << "number " << i;
      EXPECT_NEAR(index.total, total[i], 4.0 * index.total_error) << "number " << i;
      EXPECT_LT(index.first_error, 0.05);
      EXPECT_LT(index.total_error, 0.05);
    }
  }
  EXPECT_EQ(report.sensitivity[0].estimate.indices[0].first, report.sensitivity[1].estimate.indices[0].first);
}

void ExpectSameReport(const UncertainMediationReport& a, const UncertainMediationReport& b) {
  EXPECT_EQ(a.values, b.values);
  EXPECT_EQ(a.evaluations, b.evaluations);
  std::vector<std::pair<const UncertainSubject*, const UncertainSubject*>> pairs;
  for (std::size_t t = 0; t < a.tracks.size(); ++t) pairs.emplace_back(&a.tracks[t], &b.tracks[t]);
  if (a.joint) pairs.emplace_back(&*a.joint, &*b.joint);
  for (const auto& [x, y] : pairs) {
    EXPECT_EQ(x->zone_exists, y->zone_exists);
    EXPECT_EQ(x->zone_size, y->zone_size);
    EXPECT_EQ(x->stumbling_block, y->stumbling_block);
    EXPECT_EQ(x->recommended_accepted, y->recommended_accepted);
    for (std::size_t m = 0; m < x->moments.size(); ++m) {
      const UncertainMoment& p = x->moments[m];
      const UncertainMoment& q = y->moments[m];
      EXPECT_EQ(p.zone_probability, q.zone_probability);
      EXPECT_EQ(p.zone_fraction_mean, q.zone_fraction_mean);
      EXPECT_EQ(p.zone_fraction_quantiles, q.zone_fraction_quantiles);
      EXPECT_EQ(p.stumbling_blocks, q.stumbling_blocks);
      ASSERT_EQ(p.robust.size(), q.robust.size());
      for (std::size_t k = 0; k < p.robust.size(); ++k) {
        EXPECT_EQ(p.robust[k].index, q.robust[k].index);
        EXPECT_EQ(p.robust[k].acceptance, q.robust[k].acceptance);
        EXPECT_EQ(p.robust[k].expected_nash, q.robust[k].expected_nash);
      }
    }
  }
}

TEST(UncertainMediation, ThreadsDoNotChangeTheAnswers) {
  const UncertainScenario scenario =
      UncertainScenario::FromText(testing::CeasefireWithRanges(0.05), "ceasefire-ranges.json");
  UncertainMediationOptions options;
  options.samples = 700;  // three blocks, the last one short
  options.seed = 11;
  options.threads = 1;
  const UncertainMediationReport one = AssistMediationUnderUncertainty(scenario, options);
  for (unsigned threads : {2u, 3u}) {
    options.threads = threads;
    ExpectSameReport(one, AssistMediationUnderUncertainty(scenario, options));
  }
  // Sobol indices add worlds, never change the Monte Carlo answers; their own results do not
  // depend on the threads either.
  const UncertainScenario two = UncertainScenario::FromText(kTwoIssues, "two-issues.json");
  options.samples = 600;
  options.sobol = true;
  options.threads = 1;
  const UncertainMediationReport with = AssistMediationUnderUncertainty(two, options);
  options.threads = 2;
  const UncertainMediationReport with_two = AssistMediationUnderUncertainty(two, options);
  options.sobol = false;
  const UncertainMediationReport without = AssistMediationUnderUncertainty(two, options);
  ExpectSameReport(with, with_two);
  ASSERT_EQ(with.sensitivity.size(), with_two.sensitivity.size());
  for (std::size_t o = 0; o < with.sensitivity.size(); ++o) {
    for (std::size_t i = 0; i < 2; ++i) {
      EXPECT_EQ(with.sensitivity[o].estimate.indices[i].total, with_two.sensitivity[o].estimate.indices[i].total);
      EXPECT_EQ(with.sensitivity[o].estimate.indices[i].first_error,
                with_two.sensitivity[o].estimate.indices[i].first_error);
    }
  }
  EXPECT_EQ(without.evaluations, 600u);
  EXPECT_EQ(without.tracks[0].zone_exists, with.tracks[0].zone_exists);
  EXPECT_EQ(without.tracks[0].moments[0].zone_probability, with.tracks[0].moments[0].zone_probability);
}

TEST(UncertainMediation, DesignRowsAreTheSampledWorlds) {
  const UncertainScenario scenario =
      UncertainScenario::FromText(testing::CeasefireWithRanges(0.05), "ceasefire-ranges.json");
  std::vector<double> row(scenario.dimension());
  for (std::uint64_t j : {0u, 1u, 977u}) {
    DesignRowA(5, j, row);
    EXPECT_EQ(row, scenario.UnitPoint(5, j));
  }
}

TEST(UncertainMediation, ErrorsHaveExactMessages) {
  auto message = [](const UncertainScenario& scenario, const UncertainMediationOptions& options) -> std::string {
    try {
      AssistMediationUnderUncertainty(scenario, options);
    } catch (const UsageError& e) {
      return e.what();
    }
    return "no UsageError";
  };
  const UncertainScenario plain = UncertainScenario::Load("ceasefire-2024#ceasefire");
  const UncertainScenario two = UncertainScenario::FromText(kTwoIssues, "two-issues.json");
  UncertainMediationOptions options;
  EXPECT_EQ(message(plain, options),
            "the scenario has no uncertain numbers (docs/uncertainty.md says how to give ranges)");
  options.samples = 0;
  EXPECT_EQ(message(two, options), "the number of sampled worlds must be at least 1");
  options.samples = 1;
  options.sobol = true;
  EXPECT_EQ(message(two, options), "Sobol indices need at least 2 sampled worlds, found 1");
  options.samples = 10;
  options.sobol_times = {0.3};
  EXPECT_EQ(message(two, options),
            "Sobol indices at t = 0.3: not an answer time (the answer times are 0, 0.25, 0.5, 1)");
}

}  // namespace
}  // namespace parley

namespace parley {
namespace {

using testing::RunCli;

TEST(MediateSamplesCli, OneAndTwoThreadsPrintTheSameBytes) {
  const auto one = RunCli("mediate --samples 600 --seed 4 --sobol --threads 1 --json");
  const auto two = RunCli("mediate --samples 600 --seed 4 --sobol --threads 2 --json");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(one.out, two.out);
  const auto json = nlohmann::json::parse(one.out);
  EXPECT_EQ(json["samples"], 600);
  EXPECT_EQ(json["evaluations"], 600 * 14);  // N(k + 2), k = 12
  EXPECT_EQ(json["numbers"].size(), 12u);
  // The estimate's report is today's `parley mediate --json`.
  EXPECT_EQ(json["estimate"], nlohmann::json::parse(RunCli("mediate --json").out));
  const auto text = RunCli("mediate --samples 200");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("200 sampled worlds (seed 0), 12 uncertain numbers"), std::string::npos) << text.out;
}

TEST(MediateSamplesCli, RefusesWithExactMessages) {
  struct Case {
    const char* arguments;
    const char* message;
  } cases[] = {
      {"mediate --samples 0", "--samples 0: expected at least 1 sampled world"},
      {"mediate --sobol", "--sobol: only with --samples N (answers over sampled worlds)"},
      {"mediate --seed 3", "--seed: only with --samples N (answers over sampled worlds)"},
      {"mediate --samples 10 --sobol-at 0.5", "--sobol-at: only with --sobol"},
      {"mediate --samples 1 --sobol", "--sobol: needs --samples 2 or more, found 1"},
      {"mediate --samples 10 --sobol --sobol-errors exact", "--sobol-errors 'exact': expected bootstrap or clt"},
      {"mediate --samples 10 --sobol --bootstrap 1", "--bootstrap 1: expected at least 2 resamples"},
      {"mediate --samples 10 --threads -1", "--threads -1: expected 0 (every core) or more"},
      {"mediate --samples 10 --sobol --sobol-at 0.3",
       "Sobol indices at t = 0.3: not an answer time (the answer times are 0, 0.25, 0.5, 0.59, 0.6, 1)"},
      {"mediate --samples 10 --sobol --sobol-at 0.3,x",
       "--sobol-at '0.3,x': 'x' is not a number; expected comma-separated normalised times in [0, 1], e.g. "
       "--sobol-at 0.5,0.59,0.6"},
      {"mediate --samples 10 --report out.html",
       "--report: the HTML report shows the estimate only; run it without --samples"},
      {"mediate --samples 10 --scenario 'ceasefire-2024#rafah'",
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
