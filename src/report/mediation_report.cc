// The page of the mediator's assistant: per track and for the joint package, the zone of
// agreement now in utility space with the proposed packages, the packages in words, how the zone
// and the fallbacks change as the deadline approaches, and what settling or removing each issue
// does to the zone.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common/mapped.h"
#include "parley/analysis.h"
#include "parley/random.h"
#include "parley/report.h"
#include "report/markup.h"
#include "report/mediation_sections.h"
#include "report/negotiation_panels.h"

namespace parley {
namespace {

using report::Escape;
using report::Fixed;
using report::Percent;
using report::Px;
using report::Shorten;

std::string SignedFixed(double value) { return (value >= 0 ? "+" : "") + Fixed(value); }

// Each subject party's utility of the packages drawn: every package of a small subject, a uniform
// sample of a large one.
struct PackageCloud {
  std::size_t count = 0;
  std::vector<double> utilities;  // one per subject party, per package
  std::string note;
};

PackageCloud SubjectPackages(const MultiTrackScenario& scenario, const MediationSubject& subject,
                             const ReportOptions& options) {
  PackageCloud cloud;
  std::vector<const OutcomeSpace*> spaces;
  for (std::size_t t : subject.tracks) spaces.push_back(&scenario.tracks()[t].stakes.space());
  std::vector<const Profile*> profiles;  // track subjects: each party's profile over the track
  std::vector<std::size_t> parties;      // joint subjects: each party's index in the scenario
  for (const auto& name : subject.parties) {
    if (subject.joint) {
      parties.push_back(scenario.FindParty(name).value_or(0));
    } else {
      const Scenario& stakes = scenario.tracks()[subject.tracks.front()].stakes;
      const auto index = stakes.FindParty(name);
      profiles.push_back(index ? &stakes.profile(*index) : nullptr);
    }
  }
  std::vector<std::optional<Outcome>> agreements(scenario.tracks().size());
  const std::vector<double> end_times(scenario.tracks().size(), 0.0);
  std::vector<Outcome> parts(spaces.size());
  auto add = [&] {
    for (std::size_t p = 0; p < subject.parties.size(); ++p) {
      double utility = 0.0;
      if (subject.joint) {
        for (std::size_t k = 0; k < parts.size(); ++k) agreements[subject.tracks[k]] = parts[k];
        utility = scenario.OverallUtility(parties[p], agreements, end_times, 0);
      } else if (profiles[p]) {
        utility = profiles[p]->Utility(parts.front());
      }
      cloud.utilities.push_back(utility);
    }
    ++cloud.count;
  };
  if (subject.packages && *subject.packages <= options.max_outcome_points) {
    std::vector<std::uint64_t> digits(spaces.size(), 0);
    for (std::uint64_t n = 0; n < *subject.packages; ++n) {
      for (std::size_t k = 0; k < spaces.size(); ++k) spaces[k]->Decode(digits[k], parts[k]);
      add();
      for (std::size_t k = spaces.size(); k-- > 0;) {  // the last track varies fastest
        if (++digits[k] < *spaces[k]->cardinality()) break;
        digits[k] = 0;
      }
    }
    return cloud;
  }
  Rng rng(options.seed);
  for (std::size_t n = 0; n < options.max_outcome_points; ++n) {
    for (std::size_t k = 0; k < spaces.size(); ++k) spaces[k]->RandomOutcome(rng, parts[k]);
    add();
  }
  cloud.note =
      fmt::format("The grey points are {} packages drawn uniformly at random (seed {}) from {}.",
                  options.max_outcome_points, options.seed,
                  subject.packages ? fmt::format("{}", *subject.packages) : std::string("a space too large to count"));
  return cloud;
}

bool InZone(const PackageCloud& cloud, std::size_t k, const std::vector<double>& fallbacks) {
  const std::size_t parties = fallbacks.size();
  for (std::size_t p = 0; p < parties; ++p) {
    if (UtilityKey(cloud.utilities[k * parties + p]) <= UtilityKey(fallbacks[p])) return false;
  }
  return true;
}

std::string PackageTooltip(const MultiTrackScenario& scenario, const MediationSubject& subject,
                           const MediationPackage& package, std::size_t rank) {
  std::vector<std::string> utilities;
  for (std::size_t p = 0; p < subject.parties.size(); ++p) {
    utilities.push_back(
        fmt::format("{} {:.3f} ({})", subject.parties[p], package.utilities[p], SignedFixed(package.gains[p])));
  }
  return fmt::format("Package {}: Nash product {:.6f}\n{}\n{}", rank, package.nash_product, fmt::join(utilities, ", "),
                     Shorten(DescribePackage(scenario, subject, package), 600));
}

std::pair<double, double> Domain(const PackageCloud& cloud, std::size_t p, std::size_t parties,
                                 const MediationMoment& now) {
  double low = 0.0, high = 1.0;
  for (std::size_t k = 0; k < cloud.count; ++k) {
    low = std::min(low, cloud.utilities[k * parties + p]);
    high = std::max(high, cloud.utilities[k * parties + p]);
  }
  low = std::min(low, now.fallbacks[p]);
  for (const auto& package : now.best) high = std::max(high, package.utilities[p]);
  return {std::floor(low * 10.0 + 1e-9) / 10.0, std::ceil(high * 10.0 - 1e-9) / 10.0};
}

std::string ZonePanel(const MultiTrackScenario& scenario, const MediationSubject& subject, const PackageCloud& cloud,
                      std::size_t i, std::size_t j, const std::string& id) {
  const MediationMoment& now = subject.moments.front();
  const std::size_t parties = subject.parties.size();
  const std::string& name_i = subject.parties[i];
  const std::string& name_j = subject.parties[j];
  const report::Plot plot(520, 480, 62, 48, Domain(cloud, i, parties, now), Domain(cloud, j, parties, now));
  const std::string clip = id + "-clip";
  std::string out = fmt::format("<figure class=\"zone-panel\" data-x=\"{}\" data-y=\"{}\"><figcaption>{}</figcaption>",
                                i, j, Escape(fmt::format("{} and {}", name_i, name_j)));
  out += report::SvgOpen(plot.width, plot.height,
                         fmt::format("Packages in the utility space of {} and {}, the zone of agreement now and the "
                                     "proposed packages",
                                     name_i, name_j));
  out += "<defs>" + report::ClipPath(plot, clip) + "</defs>";
  out += report::Axes(plot, "utility for " + name_i, "utility for " + name_j);
  out += fmt::format("<g clip-path=\"url(#{})\">", clip);
  out += fmt::format("<rect class=\"zone-area\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
                     Px(plot.x(now.fallbacks[i])), Px(plot.plot_top()),
                     Px(std::max(0.0, plot.plot_right() - plot.x(now.fallbacks[i]))),
                     Px(std::max(0.0, plot.y(now.fallbacks[j]) - plot.plot_top())));
  out += "<g class=\"outcomes\">";
  for (std::size_t k = 0; k < cloud.count; ++k) {
    out += report::Circle(plot.x(cloud.utilities[k * parties + i]), plot.y(cloud.utilities[k * parties + j]), 2.6,
                          InZone(cloud, k, now.fallbacks) ? "outcome zone" : "outcome", "");
  }
  out += "</g>";
  out += fmt::format(
      "<line class=\"fallback reservation\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" "
      "stroke=\"{3}\"><title>{4}</title></line>",
      Px(plot.x(now.fallbacks[i])), Px(plot.plot_top()), Px(plot.plot_bottom()), report::PartyColour(i),
      Escape(fmt::format("{}'s fallback now: {:.3f}", name_i, now.fallbacks[i])));
  out += fmt::format(
      "<line class=\"fallback reservation\" x1=\"{1}\" y1=\"{0}\" x2=\"{2}\" y2=\"{0}\" "
      "stroke=\"{3}\"><title>{4}</title></line>",
      Px(plot.y(now.fallbacks[j])), Px(plot.plot_left()), Px(plot.plot_right()), report::PartyColour(j),
      Escape(fmt::format("{}'s fallback now: {:.3f}", name_j, now.fallbacks[j])));
  // Lowest rank last, so that the best package is drawn on top.
  for (std::size_t rank = now.best.size(); rank-- > 0;) {
    const MediationPackage& package = now.best[rank];
    const double x = plot.x(package.utilities[i]), y = plot.y(package.utilities[j]);
    out += fmt::format("<g class=\"proposal\" data-rank=\"{}\">", rank + 1);
    out += report::Circle(x, y, 9, "package", "", PackageTooltip(scenario, subject, package, rank + 1));
    out += report::Text(x, y + 4, fmt::format("{}", rank + 1), "package-label", "middle", "pointer-events=\"none\"");
    out += "</g>";
  }
  return out + "</g></svg></figure>";
}

// A chart over the report's times: one step line per series, a marker at every time.
struct Series {
  std::string label;
  std::string colour;
  std::vector<double> values;  // one per moment
};

std::string OverTimeChart(const MultiTrackScenario& scenario, const MediationSubject& subject,
                          const std::vector<Series>& series, std::string_view title, std::string_view y_title,
                          std::string_view point_class, bool percent, const std::string& id, double height) {
  double low = 0.0, high = 1.0;
  for (const auto& s : series) {
    for (double v : s.values) {
      low = std::min(low, v);
      high = std::max(high, v);
    }
  }
  const report::Plot plot(520, height, 62, 46, {0.0, 1.0},
                          {std::floor(low * 10 + 1e-9) / 10, std::ceil(high * 10 - 1e-9) / 10});
  std::string out = fmt::format("<figure class=\"over-time\"><figcaption>{}</figcaption>", Escape(title));
  out += report::SvgOpen(plot.width, plot.height, title);
  out += "<defs>" + report::ClipPath(plot, id + "-clip") + "</defs>";
  out += report::Axes(plot, "time (0 = now, 1 = the deadline)", y_title, 5, 5);
  out += fmt::format("<g clip-path=\"url(#{}-clip)\">", id);
  out += report::EventLines(scenario, plot);
  for (const auto& s : series) {
    std::vector<std::pair<double, double>> steps;
    for (std::size_t m = 0; m < subject.moments.size(); ++m) {
      const double x = plot.x(subject.moments[m].time), y = plot.y(s.values[m]);
      if (!steps.empty()) steps.emplace_back(x, steps.back().second);
      steps.emplace_back(x, y);
    }
    if (!steps.empty()) steps.emplace_back(plot.plot_right(), steps.back().second);
    out += report::Polyline(steps, "time-line", fmt::format("stroke=\"{}\"", s.colour));
    for (std::size_t m = 0; m < subject.moments.size(); ++m) {
      const std::string value = percent ? Percent(s.values[m]) : Fixed(s.values[m]);
      out += report::Circle(plot.x(subject.moments[m].time), plot.y(s.values[m]), 4, std::string(point_class),
                            fmt::format("fill=\"{}\"", s.colour),
                            fmt::format("{} at t = {}: {}", s.label, subject.moments[m].time, value));
    }
  }
  return out + "</g></svg></figure>";
}

// Each issue's effect on the zone now: growth when settled and when removed (or, with no zone,
// the zone that removing it opens).
std::string IssueChart(const MultiTrackScenario& scenario, const MediationSubject& subject) {
  const MediationMoment& now = subject.moments.front();
  constexpr double kLeft = 230, kRowHeight = 44, kTop = 12, kWidth = 760, kRight = 220;
  const double height = kTop + kRowHeight * now.issues.size() + 48;
  auto settled = [&](const IssueGrowth& g) {
    return now.zone_exists ? g.settled_growth.value_or(0.0) : g.settled_fraction;
  };
  auto removed = [&](const IssueGrowth& g) {
    return now.zone_exists ? g.removed_growth.value_or(0.0) : g.removed_fraction;
  };
  double high = now.zone_exists ? 1.0 : 0.1;
  for (const auto& g : now.issues) high = std::max({high, settled(g), removed(g)});
  high = now.zone_exists ? std::ceil(high * 2.0 + 1e-9) / 2.0 : std::ceil(high * 10.0 - 1e-9) / 10.0;
  report::Plot plot(kWidth, height, kLeft, 48, {0.0, high}, {0.0, 1.0});
  plot.right = kRight;
  plot.top = kTop;
  plot.x = {0.0, high, plot.plot_left(), plot.plot_right()};
  std::string out = report::SvgOpen(kWidth, height, "Each issue's effect on the zone of agreement", "issues");
  out = out.substr(0, out.size() - 1) + fmt::format(" style=\"max-width: {}px\">", Px(kWidth));
  out += "<g class=\"grid\">";
  const std::vector<double> ticks = report::Ticks(0.0, high, 6);
  for (double t : ticks) out += report::Line(plot.x(t), plot.plot_top(), plot.x(t), plot.plot_bottom(), "");
  out += "</g><g class=\"axis\">";
  for (double t : ticks) {
    out += report::Text(plot.x(t), plot.plot_bottom() + 17, now.zone_exists ? "×" + Fixed(t, 1) : Percent(t), "tick",
                        "middle");
  }
  out += report::Text((plot.plot_left() + plot.plot_right()) / 2, height - 10,
                      now.zone_exists ? "growth of the zone (share of packages in it, after / before)"
                                      : "share of the remaining packages in the zone",
                      "axis-title", "middle");
  out += "</g>";
  if (now.zone_exists) out += report::Line(plot.x(1.0), plot.plot_top(), plot.x(1.0), plot.plot_bottom(), "baseline");
  for (std::size_t r = 0; r < now.issues.size(); ++r) {
    const IssueGrowth& g = now.issues[r];
    const double y = kTop + kRowHeight * r;
    const std::string value = scenario.tracks()[g.track].stakes.space().issue(g.issue).Format(g.settled_value);
    out += fmt::format("<g class=\"issue\" data-issue=\"{}\">", Escape(g.name));
    out += report::Text(kLeft - 12, y + kRowHeight / 2 + 4, Shorten(g.name, 30), "row-label", "end");
    const std::string settled_text =
        now.zone_exists ? fmt::format("settled at '{}': {}/{} packages in the zone ({})", value, g.settled_zone_size,
                                      g.remaining_packages, Percent(g.settled_fraction))
                        : fmt::format("settled: {}/{} packages in the zone", g.settled_zone_size, g.remaining_packages);
    out += fmt::format("<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\"><title>{}</title></rect>",
                       Px(plot.x(0.0)), Px(y + 5), Px(plot.x(settled(g)) - plot.x(0.0)),
                       Escape(g.name + " " + settled_text));
    const std::string removed_text = g.removal_defined
                                         ? fmt::format("removed: {}/{} packages in the zone ({})", g.removed_zone_size,
                                                       g.remaining_packages, Percent(g.removed_fraction))
                                         : "removal not defined: " + g.removal_undefined_reason;
    out +=
        fmt::format("<rect class=\"bar removed\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\"><title>{}</title></rect>",
                    Px(plot.x(0.0)), Px(y + 22), Px(g.removal_defined ? plot.x(removed(g)) - plot.x(0.0) : 0.0),
                    Escape(g.name + " " + removed_text));
    auto label = [&](double v, bool defined) {
      if (!defined) return std::string("not defined");
      return now.zone_exists ? "×" + Fixed(v, 2) : Percent(v);
    };
    out += report::Text(
        plot.plot_right() + 10, y + 17,
        fmt::format("{} settled{}", label(settled(g), now.zone_exists ? g.settled_growth.has_value() : true),
                    now.zone_exists ? " at '" + Shorten(value, 18) + "'" : ""),
        "value-label");
    out +=
        report::Text(plot.plot_right() + 10, y + 34, label(removed(g), g.removal_defined) + " removed", "value-label");
    out += "</g>";
  }
  return out + "</svg>";
}

// The proposed packages in words, with each party's utility and gain.
std::string PackagesTable(const MultiTrackScenario& scenario, const MediationReport& report,
                          const MediationSubject& subject) {
  const MediationMoment& now = subject.moments.front();
  std::string out = "<div class=\"packages-box\">";
  out += fmt::format("<h3>{}</h3>", Escape(fmt::format("The best {} package{} to propose now", now.best.size(),
                                                       now.best.size() == 1 ? "" : "s")));
  out += "<div class=\"table-wrap\"><table class=\"packages\"><thead><tr><th class=\"num\">#</th><th>package</th>";
  for (const auto& party : subject.parties) out += fmt::format("<th class=\"num\">{}</th>", Escape(party));
  out += "<th class=\"num\">Nash product</th></tr></thead><tbody>";
  for (std::size_t k = 0; k < now.best.size(); ++k) {
    const MediationPackage& package = now.best[k];
    out += fmt::format("<tr><td class=\"num\">{}</td><td>{}</td>", k + 1,
                       Escape(DescribePackage(scenario, subject, package)));
    for (std::size_t p = 0; p < subject.parties.size(); ++p) {
      out += fmt::format("<td class=\"num\">{} ({})</td>", Fixed(package.utilities[p]), SignedFixed(package.gains[p]));
    }
    out += fmt::format("<td class=\"num\">{}</td></tr>", Fixed(package.nash_product, 5));
  }
  out += "</tbody></table></div>";
  if (now.best.size() < report.top) out += "<p class=\"note\">The zone holds no more packages.</p>";
  return out + "</div>";
}

std::string SubjectSection(const MultiTrackScenario& scenario, const MediationReport& report,
                           const MediationSubject& subject, const ReportOptions& options, const std::string& id) {
  const MediationMoment& now = subject.moments.front();
  std::string parties;
  for (std::size_t p = 0; p < subject.parties.size(); ++p) {
    parties += (p == 0 ? "" : (p + 1 == subject.parties.size() ? " and " : ", ")) + subject.parties[p];
  }
  std::string out = fmt::format("<section class=\"subject\" data-subject=\"{}\"><h2>{}</h2>", Escape(subject.name),
                                Escape(subject.joint ? "Joint package across every track, between " + parties
                                                     : "Track " + subject.name + ", between " + parties));
  out += fmt::format("<p class=\"note\">{}</p>", Escape("Method: " + subject.method + "."));
  out += "<div class=\"cards\">";
  std::string zone_detail;
  if (now.zone_size && subject.packages) {
    zone_detail = fmt::format("{} of {} packages ({}) beat every fallback", *now.zone_size, *subject.packages,
                              Percent(*now.zone_fraction));
  } else {
    zone_detail =
        now.zone_exists ? "some Pareto-optimal packages beat every fallback" : "no package beats every fallback";
  }
  out += report::Card(fmt::format("A deal now (t = {})?", now.time), now.zone_exists ? "Yes" : "No", zone_detail,
                      now.zone_exists ? "good" : "bad");
  std::vector<std::string> fallbacks;
  for (std::size_t p = 0; p < subject.parties.size(); ++p) {
    fallbacks.push_back(fmt::format("{} {}", subject.parties[p], Fixed(now.fallbacks[p])));
  }
  out += report::Card(
      "Fallbacks now",
      fmt::format("{}", fmt::join(internal::Mapped(now.fallbacks, [](double v) { return Fixed(v, 2); }), " / ")),
      fmt::format("{} (utility of no deal)", fmt::join(fallbacks, ", ")));
  if (!now.best.empty()) {
    out += report::Card("Best Nash product", Fixed(now.best.front().nash_product, 4),
                        Shorten(DescribePackage(scenario, subject, now.best.front()), 160));
  }
  if (subject.enumerated) {
    if (now.stumbling_block) {
      const IssueGrowth& block = now.issues.front();
      out += report::Card("Stumbling block", *now.stumbling_block,
                          now.zone_exists
                              ? fmt::format("settling it grows the zone ×{:.2f}", block.settled_growth.value_or(0))
                              : fmt::format("removing it opens a zone of {} packages", block.removed_zone_size),
                          "bad");
    } else {
      out += report::Card("Stumbling block", "None", "settling or removing no single issue grows the zone");
    }
  }
  out += "</div>";

  // The zone now, in utility space.
  const PackageCloud cloud = SubjectPackages(scenario, subject, options);
  std::string zone_panels;
  std::size_t pairs = 0;
  for (std::size_t i = 0; i < subject.parties.size(); ++i) {
    for (std::size_t j = i + 1; j < subject.parties.size(); ++j, ++pairs) {
      zone_panels += ZonePanel(scenario, subject, cloud, i, j, fmt::format("{}-{}-{}", id, i, j));
    }
  }
  // As the deadline approaches.
  std::vector<Series> fallbacks_series, zone_series;
  for (std::size_t p = 0; p < subject.parties.size(); ++p) {
    Series s{subject.parties[p], std::string(report::PartyColour(p)), {}};
    for (const auto& moment : subject.moments) s.values.push_back(moment.fallbacks[p]);
    fallbacks_series.push_back(std::move(s));
  }
  const bool zone_counted = std::all_of(subject.moments.begin(), subject.moments.end(),
                                        [](const MediationMoment& m) { return m.zone_fraction.has_value(); });
  const double chart_height = pairs == 1 ? 236 : 300;
  std::string over_time = OverTimeChart(scenario, subject, fallbacks_series, "Fallbacks: what no deal is worth",
                                        "utility of no deal", "fallback-point", false, id + "-fallbacks", chart_height);
  if (zone_counted) {
    Series s{"packages in the zone", "#009E73", {}};
    for (const auto& moment : subject.moments) s.values.push_back(*moment.zone_fraction);
    zone_series.push_back(std::move(s));
    over_time += OverTimeChart(scenario, subject, zone_series, "Size of the zone of agreement", "share in the zone",
                               "zone-point", true, id + "-zone", chart_height);
  }
  const std::string legend = report::Legend({
      {report::Circle(8, 8, 3.5, "key-outcome", ""), "packages"},
      {report::Circle(8, 8, 3.5, "key-zone-outcome", ""), "packages in the zone (every party gains)"},
      {"<line x1=\"1\" y1=\"8\" x2=\"15\" y2=\"8\" stroke=\"#5a6372\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>",
       "fallbacks (in the party's colour)"},
      {report::Circle(8, 8, 7, "key-package", ""), "proposed packages, numbered by Nash product"},
  });
  if (pairs == 1) {
    // Two parties: the zone now beside how it changes as the deadline approaches.
    out += "<h3>The zone of agreement now, and as the deadline approaches</h3>" + legend;
    out += "<div class=\"panels\">" + zone_panels + "<div class=\"stack\">" + over_time + "</div></div>";
  } else {
    out += "<h3>The zone of agreement now, and the packages to propose</h3>" + legend;
    out += "<div class=\"panels\">" + zone_panels + "</div>";
  }
  if (!cloud.note.empty()) out += fmt::format("<p class=\"note\">{}</p>", Escape(cloud.note));
  if (subject.joint) {
    out +=
        "<p class=\"note\">Joint packages are valued by the parties' overall utilities: every track agreed, weighted, "
        "with the interaction terms.</p>";
  }
  if (!now.best.empty()) out += PackagesTable(scenario, report, subject);
  if (pairs != 1) out += "<h3>As the deadline approaches</h3><div class=\"panels\">" + over_time + "</div>";
  out +=
      "<h3>At each time</h3><div class=\"table-wrap\"><table class=\"moments\"><thead><tr><th "
      "class=\"num\">t</th><th>zone</th>"
      "<th>package with the best Nash product</th><th>stumbling block</th></tr></thead><tbody>";
  for (const auto& moment : subject.moments) {
    std::string zone = !moment.zone_exists ? "none"
                       : moment.zone_size  ? fmt::format("{} ({})", *moment.zone_size, Percent(*moment.zone_fraction))
                                           : "yes (not counted)";
    std::string block = !subject.enumerated ? "(not computed)" : moment.stumbling_block.value_or("none");
    std::string ended;
    for (const auto& track : moment.ended_tracks) ended += (ended.empty() ? " (ended: " : ", ") + track;
    if (!ended.empty()) ended += ")";
    out += fmt::format("<tr><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
                       Escape(fmt::format("{}{}", moment.time, ended)), Escape(zone),
                       Escape(moment.best.empty() ? "-" : DescribePackage(scenario, subject, moment.best.front())),
                       Escape(block));
  }
  out += "</tbody></table></div>";

  if (subject.enumerated && !now.issues.empty()) {
    out += "<h3>Which issue stands in the way</h3><p class=\"note\">";
    out +=
        Escape(now.zone_exists
                   ? "For each issue: how much larger the zone's share of the packages becomes when the issue is "
                     "settled first (at its best value) or taken off the table; ×1 means no change."
                   : "There is no zone now. For each issue: the share of the remaining packages that would be in the "
                     "zone if it were settled first or taken off the table.");
    out += "</p>";
    out += report::Legend(
        {{"<rect x=\"1\" y=\"4\" width=\"14\" height=\"8\" class=\"key-bar\"/>", "settled first"},
         {"<rect x=\"1\" y=\"4\" width=\"14\" height=\"8\" class=\"key-bar-removed\"/>", "taken off the table"}});
    out += IssueChart(scenario, subject);
  }
  return out + "</section>";
}

}  // namespace

namespace report {

std::string EventLines(const MultiTrackScenario& scenario, const Plot& plot) {
  std::string out;
  for (const auto& event : scenario.events()) {
    const double x = plot.x(event.time);
    out += Line(x, plot.plot_top(), x, plot.plot_bottom(), "event");
    out += Text(x - 4, plot.plot_top() + 12, Shorten(event.name, 36), "event-label", "end");
  }
  return out;
}

std::string MediationIntro(const MultiTrackScenario& scenario, const MediationReport& report) {
  const auto parties = internal::Mapped(scenario.parties(), &MultiTrackParty::name);
  std::string subtitle =
      fmt::format("{} track{} between {}. Answers at t = {} (0 = now, 1 = the deadline).", scenario.tracks().size(),
                  scenario.tracks().size() == 1 ? "" : "s", fmt::join(parties, ", "), fmt::join(report.times, ", "));
  for (const auto& event : scenario.events()) subtitle += fmt::format(" Event: {} at t = {}.", event.name, event.time);
  return fmt::format("<p class=\"subtitle\">{}</p>", Escape(subtitle)) +
         "<p class=\"note\">A party prefers a package to its fallback (its utility of no deal at that time) when its "
         "utility is strictly higher; the zone of agreement holds the packages every party prefers. Packages are "
         "proposed by the Nash product of the parties' gains over their fallbacks.</p>";
}

std::string MediationSections(const MultiTrackScenario& scenario, const MediationReport& report,
                              const ReportOptions& options) {
  std::string body = "<div class=\"cards\">";
  auto summary_card = [&](const MediationSubject& subject) {
    const MediationMoment& now = subject.moments.front();
    std::string detail =
        now.zone_size && subject.packages
            ? fmt::format("{} of {} packages beat every fallback now", *now.zone_size, *subject.packages)
            : (now.zone_exists ? "a zone of agreement exists now" : "no zone of agreement now");
    if (now.stumbling_block) detail += "; stumbling block: " + *now.stumbling_block;
    body += report::Card(subject.joint ? "Joint package" : "Track " + subject.name,
                         now.zone_exists
                             ? (now.zone_fraction ? Percent(*now.zone_fraction) + " in the zone" : "Deal possible")
                             : "No deal",
                         detail, now.zone_exists ? "good" : "bad");
  };
  for (const auto& subject : report.tracks) summary_card(subject);
  if (report.joint) summary_card(*report.joint);
  body += "</div>";
  for (std::size_t t = 0; t < report.tracks.size(); ++t) {
    body += SubjectSection(scenario, report, report.tracks[t], options, fmt::format("m{}", t));
  }
  if (report.joint) {
    body += SubjectSection(scenario, report, *report.joint, options, "joint");
  } else if (!report.joint_note.empty()) {
    body +=
        fmt::format("<section><h2>Joint package</h2><p>{}</p></section>", Escape("Not analysed: " + report.joint_note));
  }
  return body;
}

}  // namespace report

std::string MediationReportHtml(const MultiTrackScenario& scenario, const MediationReport& report,
                                const ReportOptions& options) {
  std::string body = fmt::format("<header><h1>{}</h1>", Escape("Mediator's assistant: " + report.scenario));
  body += report::MediationIntro(scenario, report) + "</header>";
  body += report::MediationSections(scenario, report, options);
  return report::Page("Mediator's assistant: " + report.scenario, body);
}

}  // namespace parley
