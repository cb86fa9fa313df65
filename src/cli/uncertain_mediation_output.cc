// `parley mediate --samples N` as text (see uncertain_mediation_output.h).
#include "cli/uncertain_mediation_output.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "assistant/uncertain_mediation_json.h"
#include "cli/text_table.h"

namespace parley::cli {
namespace {

std::string Distribution(const UncertainNumber& number) {
  switch (number.shape) {
    case UncertainNumber::Shape::kUniform: return fmt::format("uniform [{:g}, {:g}]", number.low, number.high);
    case UncertainNumber::Shape::kTriangular:
      return fmt::format("triangular [{:g}, {:g}, {:g}]", number.low, number.mode, number.high);
    case UncertainNumber::Shape::kNormal:
      return fmt::format("normal (mean {:g}, sd {:g}) on [{:g}, {:g}]", number.mean, number.sd, number.low,
                         number.high);
  }
  return "";
}

std::string PackageLine(const MultiTrackScenario& estimate, const MediationSubject& at_estimate,
                        const RobustPackage& package) {
  return fmt::format("{}\n      accepted in {} of worlds (+-{}), E[Nash product] {:.6f}, {}",
                     DescribePackage(estimate, at_estimate, package.at_estimate), Percent(package.acceptance),
                     Percent(package.acceptance_error), package.expected_nash,
                     package.estimate_rank ? fmt::format("proposal {} at the estimate", package.estimate_rank)
                                           : std::string("outside the estimate's zone"));
}

void PrintSubject(const MultiTrackScenario& estimate, const UncertainMediationReport& report,
                  const UncertainSubject& subject) {
  const MediationSubject& at_estimate = SubjectAtEstimate(report, subject);
  fmt::print("\n{} {}, between {}\n", subject.joint ? "Joint package" : "Track",
             subject.joint ? "across every track" : subject.name, fmt::join(subject.parties, ", "));
  std::vector<std::vector<std::string>> rows = {
      {"t", "P(zone) [95%]", "at estimate", "zone share 5/50/95%", "most frequent stumbling block"}};
  for (const UncertainMoment& moment : subject.moments) {
    const auto most = std::max_element(moment.stumbling_blocks.begin(), moment.stumbling_blocks.end(),
                                       [](const auto& a, const auto& b) { return a.second < b.second; });
    rows.push_back({TimeText(moment.time),
                    fmt::format("{:.4f} [{:.4f}, {:.4f}]", moment.zone_probability, moment.zone_low, moment.zone_high),
                    moment.zone_at_estimate ? "yes" : "no",
                    fmt::format("{} / {} / {}", Percent(moment.zone_fraction_quantiles[0]),
                                Percent(moment.zone_fraction_quantiles[1]), Percent(moment.zone_fraction_quantiles[2])),
                    fmt::format("{} ({})", most->first, Percent(most->second))});
  }
  PrintTable(rows, "  ");
  const UncertainMoment& now = subject.moments.front();
  fmt::print("\n  Most robust packages now (t = {}), by the share of worlds in which every party accepts:\n",
             TimeText(now.time));
  if (now.robust.empty()) fmt::print("    none: no package is in the zone of any sampled world\n");
  for (std::size_t k = 0; k < now.robust.size(); ++k) {
    fmt::print("  {:>2}. {}\n", k + 1, PackageLine(estimate, at_estimate, now.robust[k]));
  }
  if (!now.estimate_best.empty()) {
    fmt::print("\n  The estimate's proposals now, over the sampled worlds:\n");
    for (std::size_t k = 0; k < now.estimate_best.size(); ++k) {
      fmt::print("  {:>2}. {}\n", k + 1, PackageLine(estimate, at_estimate, now.estimate_best[k]));
    }
  }
  std::vector<std::pair<std::string, double>> blocks = now.stumbling_blocks;
  std::stable_sort(blocks.begin(), blocks.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::string> shares;
  for (const auto& [issue, share] : blocks) {
    if (share > 0.0) shares.push_back(fmt::format("{} {}", issue, Percent(share)));
  }
  fmt::print("\n  Stumbling block now: {} (at the estimate: {})\n", fmt::join(shares, ", "),
             now.stumbling_block_at_estimate.value_or("none"));
}

void PrintSensitivity(const UncertainMediationReport& report) {
  if (report.sensitivity.empty() && report.notes.empty()) return;
  fmt::print("\nWhich uncertain numbers matter (Sobol indices: first order and total, +- their errors):\n");
  std::vector<std::string> constant;
  for (const auto& output : report.sensitivity) {
    const char* what = output.output == "zone" ? "the zone exists" : "the estimate's first proposal is accepted";
    if (output.estimate.variance == 0.0) {
      constant.push_back(fmt::format("{} at t = {}: {} {}", output.subject, TimeText(output.time), what,
                                     output.estimate.mean == 1.0 ? "always" : "never"));
      continue;
    }
    fmt::print("\n  {}, t = {}, {} (share of worlds {:.4f}):\n", output.subject, TimeText(output.time), what,
               output.estimate.mean);
    std::vector<std::size_t> order(output.estimate.indices.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return output.estimate.indices[a].total > output.estimate.indices[b].total;
    });
    std::vector<std::vector<std::string>> rows = {{"number", "first order", "total"}};
    for (std::size_t i : order) {
      const SobolIndex& index = output.estimate.indices[i];
      rows.push_back({report.numbers[i].name, fmt::format("{:.3f} +- {:.3f}", index.first, index.first_error),
                      fmt::format("{:.3f} +- {:.3f}", index.total, index.total_error)});
    }
    PrintTable(rows, "    ");
  }
  if (!constant.empty()) {
    fmt::print("\n  The same in every sampled world (no variance to apportion):\n");
    for (const auto& line : constant) fmt::print("    {}\n", line);
  }
  for (const auto& note : report.notes) fmt::print("  Note: {}\n", note);
}

}  // namespace

void PrintUncertainReport(const MultiTrackScenario& estimate, const UncertainMediationReport& report) {
  fmt::print("Mediator's assistant under uncertainty: {}, {} sampled worlds (seed {}), {} uncertain numbers\n",
             report.estimate.scenario, report.samples, report.seed, report.numbers.size());
  fmt::print("Times: {} (the estimate's; normalised: 0 = now, 1 = the deadline)\n",
             fmt::join(report.estimate.times, ", "));
  fmt::print("Uncertain numbers (docs/uncertainty.md):\n");
  std::vector<std::vector<std::string>> rows;
  for (const auto& number : report.numbers) {
    rows.push_back({number.name, Distribution(number), fmt::format("estimate {:g}", number.estimate)});
  }
  PrintTable(rows, "  ");
  fmt::print(
      "A zone exists in a world when some package gives every party more than its fallback there; a package's\n"
      "acceptance is the share of worlds in which it does; E[Nash product] counts 0 outside the zone.\n");
  for (const auto& subject : report.tracks) PrintSubject(estimate, report, subject);
  if (report.joint) PrintSubject(estimate, report, *report.joint);
  PrintSensitivity(report);
}

}  // namespace parley::cli
