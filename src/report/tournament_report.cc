// The page of a tournament: totals, the ranking with confidence intervals, the head-to-head heat
// map and the per-scenario breakdown.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>

#include <fmt/format.h>

#include "parley/error.h"
#include "parley/report.h"
#include "report/markup.h"

namespace parley {
namespace {

using report::Escape;
using report::Fixed;
using report::Percent;
using report::Px;
using report::Shorten;

constexpr std::size_t kLabelChars = 28;

std::string WithInterval(const Statistic& statistic, int digits = 3) {
  if (statistic.n == 0 || !std::isfinite(statistic.mean)) return "-";
  if (statistic.n < 2) return Fixed(statistic.mean, digits);
  return fmt::format("{} ± {}", Fixed(statistic.mean, digits), Fixed(statistic.half_width, digits));
}

// The scenario's name for people, and its identity (a path, a built-in name) when they differ.
std::string ScenarioLabel(const TournamentPlan& plan, std::size_t s) {
  return s < plan.scenarios.size() ? plan.scenarios[s].name() : plan.scenario_ids[s];
}

// A colour scale over [low, high] drawn as a bar with its end values.
std::string ColourKey(double x, double y, double width, double low, double high, std::string_view id,
                      std::string_view title) {
  std::string out = fmt::format("<defs><linearGradient id=\"{}\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"0\">", id);
  for (int k = 0; k <= 8; ++k) {
    out += fmt::format("<stop offset=\"{}\" stop-color=\"{}\"/>", Fixed(k / 8.0, 3), report::HeatColour(k / 8.0));
  }
  out += "</linearGradient></defs>";
  out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"10\" fill=\"url(#{})\"/>", Px(x), Px(y), Px(width),
                     id);
  out += report::Text(x, y + 24, Fixed(low), "value-label", "start");
  out += report::Text(x + width, y + 24, Fixed(high), "value-label", "end");
  out += report::Text(x + width / 2, y + 24, title, "value-label", "middle");
  return out;
}

struct HeatMapData {
  std::vector<std::string> rows, columns;     // labels (full; shortened when drawn)
  std::vector<std::optional<double>> values;  // rows x columns
  std::vector<std::string> tooltips;          // per cell
  std::vector<std::string> extra;             // per row: text written right of the row (optional)
  std::string extra_title;
  std::string cell_class;  // "cell" or "scenario-cell"
  std::string label;       // the SVG's accessible name
  std::string id;
};

std::string HeatMap(const HeatMapData& data) {
  constexpr double kCell = 74, kRowHeight = 34, kExtraWidth = 150;
  // Room for the longest row label on the left and the slanted column labels on top.
  std::size_t row_chars = 4, column_chars = 4;
  for (const auto& row : data.rows)
    row_chars = std::max(row_chars, std::min(Shorten(row, kLabelChars).size(), kLabelChars));
  for (const auto& column : data.columns)
    column_chars = std::max(column_chars, std::min(Shorten(column, 22).size(), std::size_t{22}));
  const double kLabelWidth = 24 + 7.6 * static_cast<double>(row_chars);
  const double kTop = 26 + 5.2 * static_cast<double>(column_chars);
  const double width = kLabelWidth + kCell * data.columns.size() + (data.extra.empty() ? 20 : kExtraWidth);
  const double height = kTop + kRowHeight * data.rows.size() + 52;
  double low = std::numeric_limits<double>::infinity(), high = -low;
  for (const auto& value : data.values) {
    if (value && std::isfinite(*value)) {
      low = std::min(low, *value);
      high = std::max(high, *value);
    }
  }
  if (!(low <= high)) low = high = 0.0;
  const auto fraction = [&](double value) { return high > low ? (value - low) / (high - low) : 0.5; };

  std::string out = report::SvgOpen(width, height, data.label, "heat-map");
  out = out.substr(0, out.size() - 1) + fmt::format(" style=\"max-width: {}px\">", Px(width));
  for (std::size_t c = 0; c < data.columns.size(); ++c) {
    const double x = kLabelWidth + kCell * (c + 0.5);
    out += fmt::format("<g><title>{}</title>", Escape(data.columns[c]));
    out += report::Text(x + 4, kTop - 10, Shorten(data.columns[c], 22), "row-label", "start",
                        fmt::format("transform=\"rotate(-40 {} {})\"", Px(x + 4), Px(kTop - 10)));
    out += "</g>";
  }
  for (std::size_t r = 0; r < data.rows.size(); ++r) {
    const double y = kTop + kRowHeight * r;
    out += fmt::format("<g><title>{}</title>", Escape(data.rows[r]));
    out +=
        report::Text(kLabelWidth - 10, y + kRowHeight / 2 + 4, Shorten(data.rows[r], kLabelChars), "row-label", "end");
    out += "</g>";
    for (std::size_t c = 0; c < data.columns.size(); ++c) {
      const std::size_t k = r * data.columns.size() + c;
      const double x = kLabelWidth + kCell * c;
      const std::string geometry =
          fmt::format("x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"", Px(x), Px(y), Px(kCell), Px(kRowHeight));
      if (!data.values[k] || !std::isfinite(*data.values[k])) {
        out += fmt::format("<rect class=\"empty-cell\" {} data-row=\"{}\" data-column=\"{}\"><title>{}</title></rect>",
                           geometry, r, c, Escape(data.tooltips[k]));
        out += report::Text(x + kCell / 2, y + kRowHeight / 2 + 4, "-", "value-label", "middle");
        continue;
      }
      const double f = fraction(*data.values[k]);
      out += fmt::format(
          "<rect class=\"{}\" {} data-row=\"{}\" data-column=\"{}\" data-value=\"{}\" "
          "fill=\"{}\"><title>{}</title></rect>",
          data.cell_class, geometry, r, c, Fixed(*data.values[k], 6), report::HeatColour(f), Escape(data.tooltips[k]));
      out += report::Text(x + kCell / 2, y + kRowHeight / 2 + 4, Fixed(*data.values[k]), "cell-label", "middle",
                          fmt::format("fill=\"{}\"", report::TextColourOn(f)));
    }
    if (!data.extra.empty()) {
      out += report::Text(kLabelWidth + kCell * data.columns.size() + 12, y + kRowHeight / 2 + 4, data.extra[r],
                          "value-label", "start");
    }
  }
  if (!data.extra.empty()) {
    out +=
        report::Text(kLabelWidth + kCell * data.columns.size() + 12, kTop - 10, data.extra_title, "row-label", "start");
  }
  const double key_y = kTop + kRowHeight * data.rows.size() + 14;
  out += ColourKey(kLabelWidth, key_y, std::min(260.0, kCell * std::max<std::size_t>(data.columns.size(), 3)), low,
                   high, data.id + "-key", "mean utility");
  return out + "</svg>";
}

}  // namespace

TournamentReport::TournamentReport(const TournamentPlan& plan)
    : plan_(&plan),
      sum_(plan.config.negotiators.size() * plan.config.negotiators.size(), 0.0),
      count_(sum_.size(), 0),
      scenario_agreements_(plan.scenario_ids.size(), 0),
      scenario_negotiations_(plan.scenario_ids.size(), 0) {}

void TournamentReport::Add(const TournamentRow& row) {
  const std::size_t k = plan_->config.negotiators.size();
  const auto scenario = std::find(plan_->scenario_ids.begin(), plan_->scenario_ids.end(), row.scenario);
  if (scenario != plan_->scenario_ids.end()) {
    const std::size_t s = static_cast<std::size_t>(scenario - plan_->scenario_ids.begin());
    ++scenario_negotiations_[s];
    scenario_agreements_[s] += row.agreement;
  }
  // Every ordered pair of distinct roles: the first role's negotiator against the second's.
  for (std::size_t p = 0; p < row.assignment.size() && p < row.utilities.size(); ++p) {
    for (std::size_t q = 0; q < row.assignment.size(); ++q) {
      if (q == p || row.assignment[p] >= k || row.assignment[q] >= k) continue;
      const std::size_t cell = row.assignment[p] * k + row.assignment[q];
      sum_[cell] += row.utilities[p];
      ++count_[cell];
    }
  }
}

void TournamentReport::AddResultsFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw InputError(fmt::format("{}: cannot read the tournament's results", path.string()));
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    Add(RowFromJsonLine(line, fmt::format("{}:{}", path.string(), number)));
  }
}

std::string TournamentReport::Html(const TournamentSummary& summary) const {
  const TournamentPlan& plan = *plan_;
  const TournamentConfig& config = plan.config;
  const std::size_t k = config.negotiators.size();

  std::string body = fmt::format(
      "<header><h1>{}</h1>", Escape(fmt::format("Tournament: {} negotiators on {} scenario{}", k,
                                                plan.scenario_ids.size(), plan.scenario_ids.size() == 1 ? "" : "s")));
  body += fmt::format("<p class=\"subtitle\">{}</p></header>",
                      Escape(fmt::format("Protocol {}, deadline {}, {} repetition{} of every assignment of negotiators "
                                         "to roles{}, seed {}.",
                                         config.protocol, report::Deadline(config.rounds, config.time_limit_seconds),
                                         config.repetitions, config.repetitions == 1 ? "" : "s",
                                         config.self_play ? "" : " (no self-play)", config.seed)));
  body += "<div class=\"cards\">";
  body += report::Card("Negotiations", fmt::format("{}", summary.negotiations),
                       fmt::format("planned: {}", plan.match_count));
  body +=
      report::Card("Agreements",
                   summary.negotiations ? Percent(static_cast<double>(summary.agreements) / summary.negotiations) : "-",
                   fmt::format("{} of {} negotiations", summary.agreements, summary.negotiations));
  body += report::Card("Faults", fmt::format("{}", summary.faults), "negotiations ended by a negotiator's failure",
                       summary.faults ? "bad" : "");
  if (!summary.negotiators.empty()) {
    const NegotiatorStatistics& best = summary.negotiators.front();
    body += report::Card("Best mean utility", Shorten(best.negotiator, 40),
                         fmt::format("{} (95% confidence interval)", WithInterval(best.utility)), "good");
  }
  body += "</div>";

  // The ranking: each negotiator's mean utility with its 95% confidence interval.
  body +=
      "<section><h2>Ranking</h2><p class=\"note\">Mean utility over every role played, with its 95% confidence "
      "interval (Student's t). Negotiators whose intervals overlap are not clearly apart.</p>";
  {
    const std::size_t n = summary.negotiators.size();
    std::size_t label_chars = 8;
    for (const auto& s : summary.negotiators) {
      label_chars = std::max(label_chars, std::min(Shorten(s.negotiator, kLabelChars).size() + 4, kLabelChars + 4));
    }
    constexpr double kRight = 170, kRowHeight = 36, kTop = 14, kWidth = 900;
    const double kLeft = 30 + 7.6 * static_cast<double>(label_chars);
    double low = 1.0, high = 0.0;
    for (const auto& s : summary.negotiators) {
      if (!std::isfinite(s.utility.mean)) continue;
      low = std::min(low, s.utility.mean - s.utility.half_width);
      high = std::max(high, s.utility.mean + s.utility.half_width);
    }
    if (!(low <= high)) low = 0.0, high = 1.0;
    low = std::floor(low * 20.0) / 20.0;
    high = std::ceil(high * 20.0) / 20.0;
    if (high - low < 0.1) high = low + 0.1;
    const double height = kTop + kRowHeight * n + 48;
    report::Plot plot(kWidth, height, kLeft, 48, {low, high}, {0.0, 1.0});
    plot.right = kRight;
    plot.top = kTop;
    plot.x = {low, high, plot.plot_left(), plot.plot_right()};
    std::string svg =
        report::SvgOpen(kWidth, height, "Ranking by mean utility with 95% confidence intervals", "ranking");
    svg = svg.substr(0, svg.size() - 1) + fmt::format(" style=\"max-width: {}px\">", Px(kWidth));
    svg += "<g class=\"grid\">";
    const std::vector<double> ticks = report::Ticks(low, high, 6);
    for (double t : ticks) svg += report::Line(plot.x(t), plot.plot_top(), plot.x(t), plot.plot_bottom(), "");
    svg += "</g><g class=\"axis\">";
    for (double t : ticks) svg += report::Text(plot.x(t), plot.plot_bottom() + 17, Fixed(t, 2), "tick", "middle");
    svg +=
        report::Text((plot.plot_left() + plot.plot_right()) / 2, height - 10, "mean utility", "axis-title", "middle");
    svg += "</g>";
    for (std::size_t r = 0; r < n; ++r) {
      const NegotiatorStatistics& s = summary.negotiators[r];
      const double y = kTop + kRowHeight * (r + 0.5);
      svg += fmt::format("<g class=\"rank\" data-rank=\"{}\"><title>{}</title>", s.rank,
                         Escape(fmt::format("{}\nrank {}; mean utility {}; n = {}", s.negotiator, s.rank,
                                            WithInterval(s.utility, 4), s.utility.n)));
      svg += report::Text(kLeft - 14, y + 4, fmt::format("{}. {}", s.rank, Shorten(s.negotiator, kLabelChars)),
                          "row-label", "end");
      if (std::isfinite(s.utility.mean)) {
        svg += report::Line(plot.x(s.utility.mean - s.utility.half_width), y,
                            plot.x(s.utility.mean + s.utility.half_width), y, "ci");
        for (const double end : {s.utility.mean - s.utility.half_width, s.utility.mean + s.utility.half_width}) {
          svg +=
              report::Line(plot.x(end), y - 6, plot.x(end), y + 6, "ci-end", "stroke=\"#1c2330\" stroke-width=\"2\"");
        }
        svg += report::Circle(plot.x(s.utility.mean), y, 7, "mean", fmt::format("fill=\"{}\"", report::PartyColour(r)));
      }
      svg += report::Text(plot.plot_right() + 14, y + 4, WithInterval(s.utility), "value-label", "start");
      svg += "</g>";
    }
    body += svg + "</svg>";
  }
  body +=
      "<div class=\"table-wrap\"><table class=\"ranking-table\"><thead><tr><th class=\"num\">rank</th>"
      "<th>negotiator</th><th class=\"num\">utility</th><th class=\"num\">advantage</th><th class=\"num\">welfare</th>"
      "<th class=\"num\">agreements</th><th class=\"num\">to Pareto</th><th class=\"num\">to Nash</th>"
      "<th class=\"num\">faults</th><th class=\"num\">roles played</th></tr></thead><tbody>";
  for (const auto& s : summary.negotiators) {
    body += fmt::format(
        "<tr><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td "
        "class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td></tr>",
        s.rank, Escape(s.negotiator), WithInterval(s.utility), WithInterval(s.advantage), WithInterval(s.welfare),
        s.agreement.n ? Percent(s.agreement.mean) : "-", WithInterval(s.distance_to_pareto),
        WithInterval(s.distance_to_nash), s.faults, s.utility.n);
  }
  body +=
      "</tbody></table></div><p class=\"note\">Advantage: utility minus the opponents' mean utility. Welfare: sum "
      "of the parties' utilities. Distances are Euclidean in utility space, over agreements.</p></section>";

  // Head to head.
  {
    HeatMapData data;
    data.rows = config.negotiators;
    data.columns = config.negotiators;
    data.cell_class = "cell";
    data.label = "Mean utility of each negotiator (row) against each opponent (column)";
    data.id = "head-to-head";
    for (std::size_t r = 0; r < k; ++r) {
      for (std::size_t c = 0; c < k; ++c) {
        const std::size_t cell = r * k + c;
        if (count_[cell] == 0) {
          data.values.push_back(std::nullopt);
          data.tooltips.push_back(fmt::format("{} never met {}", config.negotiators[r], config.negotiators[c]));
        } else {
          const double mean = sum_[cell] / static_cast<double>(count_[cell]);
          data.values.push_back(mean);
          data.tooltips.push_back(fmt::format("{} against {}: mean utility {:.4f} over {} role{}",
                                              config.negotiators[r], config.negotiators[c], mean, count_[cell],
                                              count_[cell] == 1 ? "" : "s"));
        }
      }
    }
    body +=
        "<div class=\"panels\"><section><h2>Head to head</h2><p class=\"note\">Mean utility of the negotiator of the "
        "row when the "
        "negotiator of the column is among its opponents (the diagonal: against itself). Read along a row: "
        "light cells are opponents it does well against.</p>";
    body += HeatMap(data) + "</section>";
  }

  // Per scenario.
  {
    HeatMapData data;
    data.columns = config.negotiators;
    data.cell_class = "scenario-cell";
    data.label = "Mean utility of each negotiator in each scenario";
    data.id = "per-scenario";
    data.extra_title = "agreements";
    for (std::size_t s = 0; s < plan.scenario_ids.size(); ++s) {
      data.rows.push_back(ScenarioLabel(plan, s));
      const ScenarioStatistics* statistics = nullptr;
      for (const auto& candidate : summary.scenarios) {
        if (candidate.scenario == plan.scenario_ids[s]) statistics = &candidate;
      }
      for (const auto& negotiator : config.negotiators) {
        const NegotiatorStatistics* found = nullptr;
        if (statistics) {
          for (const auto& candidate : statistics->negotiators) {
            if (candidate.negotiator == negotiator) found = &candidate;
          }
        }
        if (!found || found->utility.n == 0) {
          data.values.push_back(std::nullopt);
          data.tooltips.push_back(fmt::format("{} did not play {}", negotiator, ScenarioLabel(plan, s)));
        } else {
          data.values.push_back(found->utility.mean);
          data.tooltips.push_back(fmt::format("{} in {}: mean utility {} (rank {} of {}; {} roles)", negotiator,
                                              ScenarioLabel(plan, s), WithInterval(found->utility, 4), found->rank,
                                              statistics->negotiators.size(), found->utility.n));
        }
      }
      data.extra.push_back(
          scenario_negotiations_[s]
              ? fmt::format("{} of {} ({})", scenario_agreements_[s], scenario_negotiations_[s],
                            Percent(static_cast<double>(scenario_agreements_[s]) / scenario_negotiations_[s]))
              : "-");
    }
    body +=
        "<section><h2>Per scenario</h2><p class=\"note\">Mean utility of each negotiator in each scenario, over "
        "every role it played there; on the right, the scenario's agreements.</p>";
    body += HeatMap(data);
    body +=
        "<div class=\"table-wrap\"><table><thead><tr><th>scenario</th><th>source</th><th class=\"num\">parties</th>"
        "<th class=\"num\">outcomes</th></tr></thead><tbody>";
    for (std::size_t s = 0; s < plan.scenario_ids.size(); ++s) {
      const bool loaded = s < plan.scenarios.size();
      body += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                          Escape(ScenarioLabel(plan, s)), Escape(plan.scenario_ids[s]),
                          loaded ? fmt::format("{}", plan.scenarios[s].party_count()) : "-",
                          loaded ? Escape(plan.scenarios[s].space().DescribeSize()) : "-");
    }
    body += "</tbody></table></div></section></div>";
  }
  return report::Page("Tournament report", body);
}

std::string TournamentReportHtml(const TournamentPlan& plan, const std::vector<TournamentRow>& rows,
                                 const TournamentSummary& summary) {
  TournamentReport report(plan);
  for (const auto& row : rows) report.Add(row);
  return report.Html(summary);
}

}  // namespace parley
