// The page of the mediator's assistant under uncertainty: per subject and answer time, the
// distributions over the sampled worlds drawn (the chance of a zone with its Wilson band, the
// zone's share of the packages as a histogram, the robust packages' acceptance, the stumbling
// blocks, the Sobol indices as tornadoes), the uncertain numbers with their sampled values, and
// the estimate's own page below. docs/uncertainty.md defines every answer; docs/reports.md lists
// the class names.
//
// Every chart is a histogram or a bar per package, issue or number, never a mark per world, so the
// page's size does not grow with the number of sampled worlds.
#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "parley/report.h"
#include "report/bar_chart.h"
#include "report/markup.h"
#include "report/mediation_sections.h"

namespace parley {
namespace {

using report::Bar;
using report::BarChart;
using report::BarRow;
using report::Bin;
using report::Escape;
using report::Exact;
using report::Fixed;
using report::Histogram;
using report::Largest;
using report::Percent;
using report::Px;
using report::Shorten;

constexpr std::size_t kShareBins = 30;  // bins of the zone's share
constexpr std::size_t kValueBins = 20;  // bins of an uncertain number's sampled values
constexpr std::string_view kZoneColour = "#009E73";
constexpr std::string_view kEstimateColour = "#CC79A7";

std::string Time(double time) { return fmt::format("{:g}", time); }

// P(zone) at each time: the Wilson band, the estimate's yes (1) or no (0), the share of worlds.
std::string ZoneProbabilityChart(const MultiTrackScenario& estimate, const UncertainSubject& subject,
                                 const std::string& id) {
  const report::Plot plot(560, 280, 62, 46, {0.0, 1.0}, {0.0, 1.0});
  std::string out =
      "<figure class=\"zone-probability-chart\"><figcaption>Chance of a zone of agreement, with its 95% "
      "interval</figcaption>";
  out += report::SvgOpen(plot.width, plot.height, "Share of the sampled worlds with a zone of agreement over time");
  out += "<defs>" + report::ClipPath(plot, id + "-clip") + "</defs>";
  out += report::Axes(plot, "time (0 = now, 1 = the deadline)", "P(zone)", 5, 5);
  out += fmt::format("<g clip-path=\"url(#{}-clip)\">", id);
  out += report::EventLines(estimate, plot);
  std::string band_top, band_bottom;
  std::vector<std::pair<double, double>> line;
  for (const UncertainMoment& moment : subject.moments) {
    band_top += fmt::format("{},{} ", Px(plot.x(moment.time)), Px(plot.y(moment.zone_high)));
    band_bottom.insert(0, fmt::format("{},{} ", Px(plot.x(moment.time)), Px(plot.y(moment.zone_low))));
    line.emplace_back(plot.x(moment.time), plot.y(moment.zone_probability));
  }
  out += fmt::format("<polygon class=\"band\" points=\"{}{}\" fill=\"{}\" fill-opacity=\"0.18\"/>", band_top,
                     band_bottom, kZoneColour);
  out += report::Polyline(line, "time-line", fmt::format("stroke=\"{}\"", kZoneColour));
  for (const UncertainMoment& moment : subject.moments) {
    const double x = plot.x(moment.time);
    out += fmt::format("<g class=\"moment-zone\" data-time=\"{}\">", Exact(moment.time));
    out +=
        report::Line(x, plot.y(moment.zone_low), x, plot.y(moment.zone_high), "ci",
                     fmt::format("data-low=\"{}\" data-high=\"{}\"", Exact(moment.zone_low), Exact(moment.zone_high)));
    out += report::Circle(
        x, plot.y(moment.zone_probability), 4.5, "zone-probability",
        fmt::format("fill=\"{}\" data-value=\"{}\"", kZoneColour, Exact(moment.zone_probability)),
        fmt::format("t = {}: a zone in {} of worlds (95%: {} to {})", Time(moment.time),
                    Percent(moment.zone_probability), Percent(moment.zone_low), Percent(moment.zone_high)));
    out +=
        report::Diamond(x, plot.y(moment.zone_at_estimate ? 1.0 : 0.0), 4.5, "estimate-zone",
                        fmt::format("fill=\"{}\" data-value=\"{}\"", kEstimateColour, moment.zone_at_estimate ? 1 : 0),
                        fmt::format("t = {}: at the estimate, {}", Time(moment.time),
                                    moment.zone_at_estimate ? "a zone (yes)" : "no zone (no)"));
    out += "</g>";
  }
  out += "</g></svg>";
  out += report::Legend({
      {fmt::format("<rect x=\"1\" y=\"3\" width=\"14\" height=\"10\" fill=\"{}\" fill-opacity=\"0.3\"/>", kZoneColour),
       "Wilson 95% interval"},
      {report::Circle(8, 8, 4, "", fmt::format("fill=\"{}\"", kZoneColour)), "share of worlds with a zone"},
      {report::Diamond(8, 8, 4, "", fmt::format("fill=\"{}\"", kEstimateColour)), "at the estimate: yes (1) or no (0)"},
  });
  return out + "</figure>";
}

// The zone's share of the packages over the worlds at one time, with its 5, 50 and 95% quantiles.
std::string ZoneShareHistogram(const UncertainSubject& subject, std::size_t m) {
  const UncertainMoment& moment = subject.moments[m];
  std::string out = "<figure class=\"zone-share\"><figcaption>The zone's share of the packages</figcaption>";
  if (subject.zone_size.empty() || subject.packages == 0) {
    return out + fmt::format("<p class=\"note\">{}</p></figure>",
                             Escape(fmt::format(
                                 "Quantiles over the worlds: 5% {}, 50% {}, 95% {} (the per-world sizes were "
                                 "not kept, so there is no histogram).",
                                 Percent(moment.zone_fraction_quantiles[0]), Percent(moment.zone_fraction_quantiles[1]),
                                 Percent(moment.zone_fraction_quantiles[2]))));
  }
  const std::vector<std::uint32_t>& sizes = subject.zone_size[m];
  const double packages = static_cast<double>(subject.packages);
  const double largest = sizes.empty() ? 0.0 : *std::max_element(sizes.begin(), sizes.end()) / packages;
  const double high = std::min(1.0, largest <= 0.05 ? std::max(0.01, std::ceil(largest * 100 - 1e-9) / 100)
                                                    : std::ceil(largest * 20 - 1e-9) / 20);
  const Histogram histogram =
      Bin(sizes.size(), 0.0, high, kShareBins, [&](std::size_t j) { return sizes[j] / packages; });
  const report::Plot plot(420, 230, 62, 46, {0.0, high}, {0.0, static_cast<double>(Largest(histogram.counts))});
  out += report::SvgOpen(plot.width, plot.height, "Histogram of the zone's share of the packages over the worlds");
  out += report::Axes(plot, "share of the packages in the zone", "worlds", 5, 4);
  out += HistogramBars(histogram, plot, "share-bar", kZoneColour);
  constexpr const char* kQuantiles[] = {"0.05", "0.5", "0.95"};
  for (std::size_t q = 0; q < 3; ++q) {
    const double value = moment.zone_fraction_quantiles[q];
    const double x = plot.x(std::min(value, high));
    out += report::Line(x, plot.plot_top(), x, plot.plot_bottom(), "quantile",
                        fmt::format("stroke=\"#1c2330\" stroke-dasharray=\"{}\" data-q=\"{}\" data-value=\"{}\"",
                                    q == 1 ? "none" : "4 3", kQuantiles[q], Exact(value)));
  }
  out += "</svg>";
  return out + fmt::format("<p class=\"note\">{}</p></figure>",
                           Escape(fmt::format(
                               "Mean {}; 5% {}, median {}, 95% {} (the lines).", Percent(moment.zone_fraction_mean),
                               Percent(moment.zone_fraction_quantiles[0]), Percent(moment.zone_fraction_quantiles[1]),
                               Percent(moment.zone_fraction_quantiles[2]))));
}

std::vector<BarRow> PackageRows(const MultiTrackScenario& estimate, const MediationSubject& at_estimate,
                                const std::vector<RobustPackage>& packages, std::string_view colour) {
  std::vector<BarRow> rows;
  for (const RobustPackage& package : packages) {
    const std::string words = DescribePackage(estimate, at_estimate, package.at_estimate);
    const std::string rank = package.estimate_rank ? fmt::format("proposal {} at the estimate", package.estimate_rank)
                                                   : std::string("outside the estimate's zone");
    rows.push_back(
        {words,
         fmt::format("{} ± {}, E[Nash] {}", Percent(package.acceptance), Percent(1.96 * package.acceptance_error),
                     Fixed(package.expected_nash, 5)),
         fmt::format("data-index=\"{}\" data-acceptance=\"{}\" data-expected-nash=\"{}\" "
                     "data-estimate-rank=\"{}\"",
                     package.index, Exact(package.acceptance), Exact(package.expected_nash), package.estimate_rank),
         {{package.acceptance,
           std::pair{package.acceptance - 1.96 * package.acceptance_error,
                     package.acceptance + 1.96 * package.acceptance_error},
           std::string(colour),
           fmt::format("{}\naccepted in {} of worlds (standard error {}), E[Nash product] {:.6f}, {}", words,
                       Percent(package.acceptance), Percent(package.acceptance_error), package.expected_nash, rank),
           ""}}});
  }
  return rows;
}

std::string StumblingChart(const UncertainMoment& moment) {
  std::vector<BarRow> rows;
  for (const auto& [issue, share] : moment.stumbling_blocks) {
    const bool at_estimate =
        moment.stumbling_block_at_estimate ? *moment.stumbling_block_at_estimate == issue : issue == "none";
    rows.push_back({issue + (at_estimate ? " (the estimate's)" : ""),
                    Percent(share),
                    fmt::format("data-issue=\"{}\" data-share=\"{}\"", Escape(issue), Exact(share)),
                    {{share, std::nullopt, at_estimate ? std::string(kEstimateColour) : std::string("#56B4E9"),
                      fmt::format("{}: the stumbling block in {} of worlds", issue, Percent(share)), ""}}});
  }
  return BarChart({{"", rows}}, "Share of the worlds in which each issue is the stumbling block",
                  {"stumbling", "stumbling-bar", "share of the worlds", {0.0, 1.0}, true, "", ""});
}

// Sobol indices of one output as a tornado: numbers by total index, largest first.
std::string SobolChart(const UncertainMediationReport& report, const SensitivityOutput& output) {
  const std::string what = output.output == "zone" ? "a zone exists" : "the estimate's first proposal is accepted";
  const std::string attributes = fmt::format("data-subject=\"{}\" data-time=\"{}\" data-output=\"{}\"",
                                             Escape(output.subject), Exact(output.time), Escape(output.output));
  const std::string caption = fmt::format("Which numbers matter for whether {} (Sobol indices; in {} of worlds)", what,
                                          Percent(output.estimate.mean));
  if (!(output.estimate.variance > 0.0)) {
    return fmt::format(
        "<figure class=\"sobol-chart\" {}><figcaption>{}</figcaption><p class=\"undefined\">{}</p></figure>",
        attributes, Escape(caption),
        Escape(fmt::format("Not defined (output constant): {} in {} sampled world.", what,
                           output.estimate.mean == 1.0 ? "every" : "no")));
  }
  const auto& indices = output.estimate.indices;
  std::vector<std::size_t> order(indices.size());
  std::iota(order.begin(), order.end(), 0);
  auto total = [&](std::size_t i) { return std::isfinite(indices[i].total) ? indices[i].total : -1.0; };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return total(a) > total(b); });
  double low = 0.0, high = 1.0;
  for (const SobolIndex& index : indices) {
    if (std::isfinite(index.first_low)) low = std::min(low, index.first_low);
    if (std::isfinite(index.total_high)) high = std::max(high, index.total_high);
  }
  low = std::floor(low * 10 - 1e-9) / 10;
  high = std::ceil(high * 10 - 1e-9) / 10;
  std::vector<BarRow> rows;
  for (std::size_t i : order) {
    const SobolIndex& index = indices[i];
    const std::string& name = report.numbers[i].name;
    BarRow row{name, "", fmt::format("data-number=\"{}\"", Escape(name)), {}};
    if (!std::isfinite(index.first) || !std::isfinite(index.total)) {
      row.value_label = "not defined (output constant)";
      rows.push_back(std::move(row));
      continue;
    }
    row.value_label = fmt::format("total {} ± {}, first {} ± {}", Fixed(index.total), Fixed(index.total_error),
                                  Fixed(index.first), Fixed(index.first_error));
    row.bars = {
        {index.total, std::pair{index.total_low, index.total_high}, "#E69F00",
         fmt::format("{}: total index {:.3f} ± {:.3f}", name, index.total, index.total_error), "data-index=\"total\""},
        {index.first, std::pair{index.first_low, index.first_high}, "#0072B2",
         fmt::format("{}: first-order index {:.3f} ± {:.3f}", name, index.first, index.first_error),
         "data-index=\"first\""}};
    rows.push_back(std::move(row));
  }
  std::string out = BarChart(
      {{"", rows}}, caption,
      {"sobol", "sobol-bar", "share of the variance (95% intervals)", {low, high}, false, caption, attributes});
  return out + report::Legend({{"<rect x=\"1\" y=\"3\" width=\"14\" height=\"10\" fill=\"#E69F00\"/>",
                                "total index (with interactions)"},
                               {"<rect x=\"1\" y=\"5\" width=\"14\" height=\"6\" fill=\"#0072B2\"/>",
                                "first-order index (alone)"}});
}

std::string MomentBlock(const MultiTrackScenario& estimate, const UncertainMediationReport& report,
                        const UncertainSubject& subject, const MediationSubject& at_estimate, std::size_t m) {
  const UncertainMoment& moment = subject.moments[m];
  std::string out =
      fmt::format("<details class=\"moment\" data-time=\"{}\"{}><summary>{}</summary>", Exact(moment.time),
                  m == 0 ? " open=\"open\"" : "",
                  Escape(fmt::format("t = {}: a zone in {} of worlds ({} at the estimate)", Time(moment.time),
                                     Percent(moment.zone_probability), moment.zone_at_estimate ? "yes" : "no")));
  out += "<div class=\"panels\">" + ZoneShareHistogram(subject, m) + "</div>";
  out += "<h3>Packages by robustness, and the estimate's proposals</h3>";
  out +=
      "<p class=\"note\">A bar is the share of worlds in which every party prefers the package to its fallback, the "
      "whisker ±1.96 binomial standard errors; E[Nash] counts 0 in worlds where the package is outside the zone.</p>";
  if (moment.robust.empty() && moment.estimate_best.empty()) {
    out += "<p class=\"note\">No package is in the zone of any sampled world, and the estimate has none.</p>";
  } else {
    out += BarChart(
        {{"most robust", PackageRows(estimate, at_estimate, moment.robust, "#009E73")},
         {"the estimate's", PackageRows(estimate, at_estimate, moment.estimate_best, kEstimateColour)}},
        "Acceptance of the most robust packages and of the estimate's proposals",
        {"robust", "acceptance", "share of the worlds in which every party accepts", {0.0, 1.0}, true, "", ""});
  }
  out += "<h3>Stumbling blocks</h3>" + StumblingChart(moment);
  for (const SensitivityOutput& output : report.sensitivity) {
    if (output.subject == at_estimate.name && output.time == moment.time) out += SobolChart(report, output);
  }
  return out + "</details>";
}

std::string SubjectSection(const MultiTrackScenario& estimate, const UncertainMediationReport& report,
                           const UncertainSubject& subject, const MediationSubject& at_estimate,
                           const std::string& id) {
  std::string parties;
  for (std::size_t p = 0; p < subject.parties.size(); ++p) {
    parties += (p == 0 ? "" : (p + 1 == subject.parties.size() ? " and " : ", ")) + subject.parties[p];
  }
  std::string out =
      fmt::format("<section class=\"uncertain-subject\" data-subject=\"{}\"><h2>{}</h2>", Escape(subject.name),
                  Escape(subject.joint ? "Joint package across every track, between " + parties
                                       : "Track " + subject.name + ", between " + parties));
  const UncertainMoment& now = subject.moments.front();
  const auto most = std::max_element(now.stumbling_blocks.begin(), now.stumbling_blocks.end(),
                                     [](const auto& a, const auto& b) { return a.second < b.second; });
  out += "<div class=\"cards\">";
  out += report::Card(
      fmt::format("A deal now (t = {})?", Time(now.time)), Percent(now.zone_probability),
      fmt::format("of the worlds have a zone (95%: {} to {})", Percent(now.zone_low), Percent(now.zone_high)),
      now.zone_probability >= 0.5 ? "good" : "bad");
  out += report::Card("At the estimate", now.zone_at_estimate ? "Yes" : "No",
                      now.zone_at_estimate ? "a zone of agreement now" : "no zone of agreement now");
  out += report::Card("Zone's share, median", Percent(now.zone_fraction_quantiles[1]),
                      fmt::format("5% to 95% of worlds: {} to {}", Percent(now.zone_fraction_quantiles[0]),
                                  Percent(now.zone_fraction_quantiles[2])));
  if (most != now.stumbling_blocks.end()) {
    out += report::Card("Most frequent stumbling block", most->first,
                        fmt::format("in {} of worlds; at the estimate: {}", Percent(most->second),
                                    now.stumbling_block_at_estimate.value_or("none")));
  }
  out += "</div>";
  out += "<div class=\"panels\">" + ZoneProbabilityChart(estimate, subject, id + "-zone") + "</div>";
  for (std::size_t m = 0; m < subject.moments.size(); ++m)
    out += MomentBlock(estimate, report, subject, at_estimate, m);
  return out + "</section>";
}

std::string NumbersTable(const UncertainMediationReport& report) {
  const std::size_t k = report.numbers.size();
  const bool kept = k > 0 && report.values.size() == report.samples * k;
  std::string out =
      "<section class=\"numbers\"><h2>The uncertain numbers</h2><div class=\"table-wrap\"><table "
      "class=\"numbers\"><thead><tr><th>name</th><th>where</th><th>shape</th><th class=\"num\">range</th>"
      "<th class=\"num\">estimate</th>";
  out += kept ? "<th>sampled values</th></tr></thead><tbody>" : "</tr></thead><tbody>";
  for (std::size_t i = 0; i < k; ++i) {
    const UncertainNumber& number = report.numbers[i];
    std::string shape = number.shape == UncertainNumber::Shape::kUniform ? "uniform"
                        : number.shape == UncertainNumber::Shape::kTriangular
                            ? fmt::format("triangular, mode {:g}", number.mode)
                            : fmt::format("normal, mean {:g}, sd {:g}, truncated", number.mean, number.sd);
    out += fmt::format(
        "<tr class=\"number\" data-name=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td>",
        Escape(number.name), Escape(number.name), Escape(number.path), Escape(shape),
        Escape(fmt::format("{:g} to {:g}", number.low, number.high)), Escape(fmt::format("{:g}", number.estimate)));
    if (kept) {
      // An unbounded normal's histogram spans the values drawn.
      double low = number.low, high = number.high;
      for (std::size_t j = 0; j < report.samples; ++j) {
        if (!std::isfinite(number.low)) low = std::min(low, report.values[j * k + i]);
        if (!std::isfinite(number.high)) high = std::max(high, report.values[j * k + i]);
      }
      if (!(high > low)) high = low + 1.0;
      const Histogram histogram =
          Bin(report.samples, low, high, kValueBins, [&](std::size_t j) { return report.values[j * k + i]; });
      report::Plot plot(180, 40, 2, 2, {low, high}, {0.0, static_cast<double>(Largest(histogram.counts))});
      plot.top = 2;
      plot.right = 2;
      plot.x = {low, high, plot.plot_left(), plot.plot_right()};
      plot.y = {plot.y.domain_low, plot.y.domain_high, plot.plot_bottom(), plot.plot_top()};
      out += "<td>" + report::SvgOpen(plot.width, plot.height, "Histogram of the sampled values of " + number.name,
                                      "value-histogram");
      out += HistogramBars(histogram, plot, "value-bar", "#56B4E9");
      const double x = plot.x(number.estimate);
      out += report::Line(x, plot.plot_top(), x, plot.plot_bottom(), "estimate-line",
                          fmt::format("stroke=\"{}\" stroke-width=\"2\"", kEstimateColour));
      out += "</svg></td>";
    }
    out += "</tr>";
  }
  out += "</tbody></table></div>";
  if (kept) {
    out += fmt::format("<p class=\"note\">{}</p>",
                       Escape(fmt::format("Each sparkline counts the {} sampled values in {} bins over the number's "
                                          "range; the line marks the estimate.",
                                          report.samples, kValueBins)));
  }
  return out + "</section>";
}

}  // namespace

std::string UncertainMediationReportHtml(const UncertainScenario& scenario, const UncertainMediationReport& report,
                                         const ReportOptions& options) {
  const MultiTrackScenario& estimate = scenario.estimate();
  const std::string title = "Mediator's assistant under uncertainty: " + report.estimate.scenario;
  std::string body = fmt::format("<header><h1>{}</h1>", Escape(title));
  body += fmt::format(
      "<p class=\"subtitle\">{}</p>",
      Escape(fmt::format("{} sampled worlds (seed {}), {} uncertain numbers, {} worlds evaluated. Answers at t = {} "
                         "(0 = now, 1 = the deadline).",
                         report.samples, report.seed, report.numbers.size(), report.evaluations,
                         fmt::join(report.estimate.times, ", "))));
  body +=
      "<p class=\"note\">A zone exists in a world when some package gives every party more than its fallback there; "
      "a package's acceptance is the share of worlds in which it does. docs/uncertainty.md defines every answer; the "
      "estimate's own answers follow the sampled ones.</p></header>";
  if (!report.notes.empty()) {
    body += "<section class=\"notes\"><h2>Notes</h2><ul>";
    for (const auto& note : report.notes) body += fmt::format("<li class=\"report-note\">{}</li>", Escape(note));
    body += "</ul></section>";
  }
  for (std::size_t t = 0; t < report.tracks.size(); ++t) {
    body += SubjectSection(estimate, report, report.tracks[t], report.estimate.tracks[t], fmt::format("u{}", t));
  }
  if (report.joint && report.estimate.joint) {
    body += SubjectSection(estimate, report, *report.joint, *report.estimate.joint, "ujoint");
  }
  body += NumbersTable(report);
  body += "<header class=\"estimate\"><h1>At the estimates</h1>" + report::MediationIntro(estimate, report.estimate) +
          "</header>";
  body += report::MediationSections(estimate, report.estimate, options);
  return report::Page(title, body);
}

}  // namespace parley
