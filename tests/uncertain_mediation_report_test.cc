// The page of `parley mediate --samples N --report FILE` (UncertainMediationReportHtml). The page is
// read back as XML and what it draws is checked against numbers derived here: shares counted from
// the per-world arrays of the report (keep_samples), Wilson's interval written out again, and the
// hand-made two-issue case of fixtures.h whose chance of a zone and Sobol indices are known in
// closed form.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "fixtures.h"
#include "html_checks.h"
#include "parley/report.h"
#include "parley/uncertain_mediation.h"
#include "parley/uncertainty.h"
#include "test_support.h"

namespace parley {
namespace {

using testing::Count;
using testing::Find;
using testing::Parse;

UncertainMediationReport TwoIssueReport(std::size_t samples, bool sobol) {
  const UncertainScenario scenario = UncertainScenario::FromText(testing::kTwoIssueUncertainScenario, "two.json");
  UncertainMediationOptions options;
  options.samples = samples;
  options.seed = 3;
  options.threads = 2;
  options.sobol = sobol;
  return AssistMediationUnderUncertainty(scenario, options);
}

std::string TwoIssuePage(const UncertainMediationReport& report) {
  return UncertainMediationReportHtml(UncertainScenario::FromText(testing::kTwoIssueUncertainScenario, "two.json"),
                                      report);
}

// The first element under `root` of class `css_class` whose `attribute` reads `value`.
pugi::xml_node WithAttribute(const pugi::xml_node& root, std::string_view css_class, const char* attribute,
                             double value) {
  for (const auto& node : Find(root, "", css_class)) {
    if (node.attribute(attribute).as_double() == value) return node;
  }
  ADD_FAILURE() << "no ." << css_class << " with " << attribute << " = " << value;
  return {};
}

double Mean(const std::vector<std::uint8_t>& flags) {
  return static_cast<double>(std::count(flags.begin(), flags.end(), 1)) / static_cast<double>(flags.size());
}

TEST(UncertainMediationReport, TwoIssueCaseDrawsWhatTheWorldsGive) {
  constexpr std::size_t kSamples = 4000;
  const UncertainMediationReport report = TwoIssueReport(kSamples, true);
  const auto page = Parse(TwoIssuePage(report));
  const auto sections = Find(page->html, "section", "uncertain-subject");
  ASSERT_EQ(sections.size(), 1u);
  const UncertainSubject& subject = report.tracks[0];
  ASSERT_EQ(subject.zone_exists.size(), subject.moments.size());
  const double n = static_cast<double>(kSamples);
  for (std::size_t m = 0; m < subject.moments.size(); ++m) {
    const double time = subject.moments[m].time;
    SCOPED_TRACE(time);
    // P(zone): the share of worlds with a zone, its Wilson interval, and the estimate's answer (r_A = r_B
    // = 0.3 < 1/2: a zone).
    const double p = Mean(subject.zone_exists[m]);
    EXPECT_NEAR(p, 1.0 / 6.0, 4.0 * std::sqrt(5.0 / 36.0 / n));
    const pugi::xml_node moment = WithAttribute(sections[0], "moment-zone", "data-time", time);
    EXPECT_DOUBLE_EQ(Find(moment, "circle", "zone-probability").at(0).attribute("data-value").as_double(), p);
    const double z = 1.959963984540054;
    const double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
    const double half = z / (1 + z * z / n) * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n));
    const pugi::xml_node ci = Find(moment, "line", "ci").at(0);
    EXPECT_NEAR(ci.attribute("data-low").as_double(), centre - half, 1e-12);
    EXPECT_NEAR(ci.attribute("data-high").as_double(), centre + half, 1e-12);
    EXPECT_EQ(Find(moment, "", "estimate-zone").at(0).attribute("data-value").as_int(), 1);

    // The zone's share: 2 of the 4 packages when there is a zone, none otherwise. Each bar's count
    // is counted again from the per-world sizes, and its height is proportional to it.
    const pugi::xml_node details = WithAttribute(sections[0], "moment", "data-time", time);
    const auto bars = Find(details, "rect", "share-bar");
    ASSERT_EQ(bars.size(), 30u);
    std::size_t total = 0, largest = 0;
    for (std::size_t b = 0; b < bars.size(); ++b) {
      const double low = bars[b].attribute("data-low").as_double(), high = bars[b].attribute("data-high").as_double();
      std::size_t count = 0;
      for (std::uint32_t size : subject.zone_size[m]) {
        const double share = size / 4.0;
        count += share >= low && (share < high || (b + 1 == bars.size() && share == high));
      }
      EXPECT_EQ(bars[b].attribute("data-count").as_ullong(), count) << "bar " << b;
      if (low <= 0.5 && 0.5 < high) {
        EXPECT_EQ(count, static_cast<std::size_t>(
                             std::count(subject.zone_exists[m].begin(), subject.zone_exists[m].end(), 1)));
      }
      total += count;
      largest = std::max(largest, count);
    }
    EXPECT_EQ(total, kSamples);
    for (const auto& bar : bars) {
      EXPECT_NEAR(bar.attribute("height").as_double(),
                  164.0 * bar.attribute("data-count").as_double() / static_cast<double>(largest), 0.1);
    }

    // Packages (0, 1) and (1, 0) are accepted exactly when the zone exists, the others never: each
    // bar is that share of the 280-pixel axis.
    const auto rows = Find(details, "g", "robust");
    ASSERT_FALSE(rows.empty());
    for (const auto& row : rows) {
      const std::uint64_t index = row.attribute("data-index").as_ullong();
      const double expected = index == 1 || index == 2 ? p : 0.0;
      EXPECT_DOUBLE_EQ(row.attribute("data-acceptance").as_double(), expected) << index;
      EXPECT_NEAR(Find(row, "rect", "acceptance").at(0).attribute("width").as_double(), 280.0 * expected, 0.06);
    }
    EXPECT_EQ(rows.back().attribute("data-estimate-rank").as_int(), 2);  // the estimate's two proposals, last

    // Stumbling blocks: each share counted again from the per-world issue indices.
    for (const auto& row : Find(details, "g", "stumbling")) {
      const std::string issue = row.attribute("data-issue").value();
      const auto named = std::find(subject.issues.begin(), subject.issues.end(), issue);
      const std::int32_t wanted =
          named == subject.issues.end() ? -1 : static_cast<std::int32_t>(named - subject.issues.begin());
      const auto& blocks = subject.stumbling_block[m];
      const double share = static_cast<double>(std::count(blocks.begin(), blocks.end(), wanted)) / n;
      EXPECT_DOUBLE_EQ(row.attribute("data-share").as_double(), share) << issue;
    }

    // Sobol indices, zone and recommended package: S = (1/5, 2/5), ST = (3/5, 4/5) within four errors.
    const auto charts = Find(details, "figure", "sobol-chart");
    ASSERT_EQ(charts.size(), 2u);
    const double first[] = {0.2, 0.4}, totals[] = {0.6, 0.8};
    for (const auto& chart : charts) {
      const auto rows = Find(chart, "g", "sobol");
      ASSERT_EQ(rows.size(), 2u);
      for (const auto& row : rows) {
        const std::string name = row.attribute("data-number").value();
        const std::size_t i = name == report.numbers[0].name ? 0 : 1;
        const SobolIndex& index = report.sensitivity.front().estimate.indices[i];
        const auto bars = Find(row, "rect", "sobol-bar");
        ASSERT_EQ(bars.size(), 2u);
        for (const auto& bar : bars) {
          const bool is_total = std::string_view(bar.attribute("data-index").value()) == "total";
          EXPECT_NEAR(bar.attribute("data-value").as_double(), is_total ? totals[i] : first[i],
                      4.0 * (is_total ? index.total_error : index.first_error))
              << name;
        }
      }
    }
  }
  // The uncertain numbers, each with the histogram of its sampled values.
  const auto numbers = Find(page->html, "tr", "number");
  ASSERT_EQ(numbers.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(std::string(numbers[i].attribute("data-name").value()), report.numbers[i].name);
    std::size_t total = 0;
    for (const auto& bar : Find(numbers[i], "rect", "value-bar")) {
      const double low = bar.attribute("data-low").as_double(), high = bar.attribute("data-high").as_double();
      std::size_t count = 0;
      for (std::size_t j = 0; j < kSamples; ++j) {
        const double v = report.values[j * 2 + i];
        count += v >= low && (v < high || v == report.numbers[i].high);
      }
      EXPECT_EQ(bar.attribute("data-count").as_ullong(), count);
      total += count;
    }
    EXPECT_EQ(total, kSamples);
  }
  // Below the sampled answers, the estimate's own page.
  EXPECT_EQ(Count(page->html, "section", "subject"), 1u);
}

TEST(UncertainMediationReport, SizeDoesNotGrowWithTheWorlds) {
  const std::string small = TwoIssuePage(TwoIssueReport(500, false));
  const std::string large = TwoIssuePage(TwoIssueReport(20'000, false));
  // Only the axes' ticks and the digits of the counts differ: no mark is drawn per world.
  const std::size_t small_elements = Count(Parse(small)->html, "", "");
  const std::size_t large_elements = Count(Parse(large)->html, "", "");
  EXPECT_LT(std::max(small_elements, large_elements) - std::min(small_elements, large_elements), small_elements / 50);
  EXPECT_LT(large.size(), small.size() + small.size() / 20);
}

TEST(UncertainMediationReport, EverySubjectTimeNumberAndOutputOfCeasefire) {
  const UncertainScenario scenario = UncertainScenario::Load("ceasefire-2024");
  UncertainMediationOptions options;
  options.samples = 300;
  options.seed = 5;
  options.sobol = true;
  options.sobol_options.bootstrap = 50;
  const UncertainMediationReport report = AssistMediationUnderUncertainty(scenario, options);
  const auto page = Parse(UncertainMediationReportHtml(scenario, report));
  std::vector<const UncertainSubject*> subjects;
  for (const auto& track : report.tracks) subjects.push_back(&track);
  if (report.joint) subjects.push_back(&*report.joint);
  const auto sections = Find(page->html, "section", "uncertain-subject");
  ASSERT_EQ(sections.size(), subjects.size());
  for (std::size_t s = 0; s < subjects.size(); ++s) {
    EXPECT_EQ(std::string(sections[s].attribute("data-subject").value()), subjects[s]->name);
    EXPECT_EQ(Count(sections[s], "g", "moment-zone"), subjects[s]->moments.size());
    for (const auto& moment : subjects[s]->moments) {
      const pugi::xml_node details = WithAttribute(sections[s], "moment", "data-time", moment.time);
      EXPECT_EQ(Count(details, "g", "stumbling"), moment.stumbling_blocks.size());
      EXPECT_EQ(Count(details, "g", "robust"), moment.robust.size() + moment.estimate_best.size());
      EXPECT_EQ(Count(details, "rect", "share-bar"), 30u);
    }
  }
  const auto numbers = Find(page->html, "tr", "number");
  ASSERT_EQ(numbers.size(), report.numbers.size());
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    EXPECT_EQ(std::string(numbers[i].attribute("data-name").value()), report.numbers[i].name);
    EXPECT_EQ(Count(numbers[i], "rect", "value-bar"), 20u);
  }
  // One chart per output; a constant output says so instead of drawing indices.
  const auto charts = Find(page->html, "figure", "sobol-chart");
  ASSERT_EQ(charts.size(), report.sensitivity.size());
  std::size_t constant = 0;
  for (const SensitivityOutput& output : report.sensitivity) {
    SCOPED_TRACE(output.subject + " " + output.output);
    const auto chart = std::find_if(charts.begin(), charts.end(), [&](const pugi::xml_node& node) {
      return output.subject == node.attribute("data-subject").value() &&
             output.time == node.attribute("data-time").as_double() &&
             output.output == node.attribute("data-output").value();
    });
    ASSERT_NE(chart, charts.end()) << output.time;
    if (output.estimate.variance == 0.0) {
      ++constant;
      ASSERT_EQ(Count(*chart, "p", "undefined"), 1u);
      EXPECT_TRUE(
          std::string(Find(*chart, "p", "undefined")[0].child_value()).starts_with("Not defined (output constant)"));
    } else {
      EXPECT_EQ(Count(*chart, "g", "sobol"), report.numbers.size());
    }
  }
  EXPECT_EQ(Count(page->html, "p", "undefined"), constant);
  EXPECT_EQ(Count(page->html, "li", "report-note"), report.notes.size());
  // The estimate's page follows: one section per subject of its own.
  EXPECT_EQ(Count(page->html, "section", "subject"), report.estimate.tracks.size() + (report.estimate.joint ? 1u : 0u));
}

TEST(UncertainMediationReport, WithoutThePerWorldArraysTheQuantilesAreWritten) {
  const UncertainScenario scenario = UncertainScenario::FromText(testing::kTwoIssueUncertainScenario, "two.json");
  UncertainMediationOptions options;
  options.samples = 200;
  options.keep_samples = false;
  const auto page = Parse(UncertainMediationReportHtml(scenario, AssistMediationUnderUncertainty(scenario, options)));
  EXPECT_EQ(Count(page->html, "rect", "share-bar"), 0u);
  EXPECT_EQ(Count(page->html, "rect", "value-bar"), 0u);
  EXPECT_EQ(Count(page->html, "figure", "zone-share"), 4u);  // one per default time
}

TEST(UncertainMediationReport, HostileNamesAreTextNotMarkup) {
  std::string json = testing::kTwoIssueUncertainScenario;
  auto replace_all = [&](const std::string& from, const std::string& to) {
    for (std::size_t at = json.find(from); at != std::string::npos; at = json.find(from, at + to.size())) {
      json.replace(at, from.size(), to);
    }
  };
  replace_all("\"x\"", "\"<script>x</script>\"");
  replace_all("\"A\"", "\"<i>A</i> & co\"");
  replace_all("two issues", "<b>two</b>");
  const UncertainScenario scenario = UncertainScenario::FromText(json, "hostile.json");
  UncertainMediationOptions options;
  options.samples = 100;
  options.sobol = true;
  const auto page = Parse(UncertainMediationReportHtml(scenario, AssistMediationUnderUncertainty(scenario, options)));
  for (const char* element : {"script", "i", "b"}) EXPECT_EQ(Count(page->html, element, ""), 0u) << element;
  bool issue_found = false;
  for (const auto& row : Find(page->html, "g", "stumbling")) {
    issue_found = issue_found || std::string(row.attribute("data-issue").value()) == "<script>x</script>";
  }
  EXPECT_TRUE(issue_found);
  EXPECT_EQ(std::string(Find(page->html, "tr", "number").at(0).attribute("data-name").value()),
            "<i>A</i> & co/reservation_value");
}

using testing::RunCli;

TEST(MediateSamplesReportCli, WritesThePageAndPrintsTheSameText) {
  const auto folder = testing::TemporaryFolder("parley-uncertain-report");
  const std::string one = (folder / "one.html").string(), two = (folder / "two.html").string();
  const auto with = RunCli("mediate --samples 200 --threads 1 --report '" + one + "'");
  ASSERT_EQ(with.exit_code, 0) << with.err;
  EXPECT_EQ(with.out, RunCli("mediate --samples 200").out);
  const auto page = Parse(testing::ReadFile(one));
  // A section per subject, as the estimate's page below it has.
  EXPECT_EQ(Count(page->html, "section", "uncertain-subject"), Count(page->html, "section", "subject"));
  EXPECT_GT(Count(page->html, "section", "subject"), 1u);
  EXPECT_EQ(Count(page->html, "figure", "sobol-chart"), 0u);
  // The same seed on two threads: the same bytes.
  ASSERT_EQ(RunCli("mediate --samples 200 --threads 2 --report '" + two + "'").exit_code, 0);
  EXPECT_EQ(testing::ReadFile(one), testing::ReadFile(two));

  const auto sobol = RunCli("mediate --samples 200 --sobol --bootstrap 20 --threads 1 --report '" + one + "'");
  ASSERT_EQ(sobol.exit_code, 0) << sobol.err;
  EXPECT_GT(Count(Parse(testing::ReadFile(one))->html, "figure", "sobol-chart"), 0u);
  ASSERT_EQ(RunCli("mediate --samples 200 --sobol --bootstrap 20 --threads 2 --report '" + two + "'").exit_code, 0);
  EXPECT_EQ(testing::ReadFile(one), testing::ReadFile(two));
}

TEST(MediateSamplesReportCli, AnUnwritablePathFailsAsTheEstimatesReportDoes) {
  const auto folder = testing::TemporaryFolder("parley-uncertain-report");
  std::ofstream(folder / "file") << "not a folder";
  const std::string path = (folder / "file" / "report.html").string();
  const auto estimate = RunCli("mediate --report '" + path + "'");
  const auto sampled = RunCli("mediate --samples 20 --report '" + path + "'");
  EXPECT_NE(estimate.exit_code, 0);
  EXPECT_NE(sampled.exit_code, 0);
  EXPECT_FALSE(sampled.err.empty());
  EXPECT_EQ(sampled.err, estimate.err);
  EXPECT_TRUE(sampled.out.empty()) << sampled.out;
}

}  // namespace
}  // namespace parley
