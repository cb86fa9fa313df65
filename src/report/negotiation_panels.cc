#include "report/negotiation_panels.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <numeric>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "parley/random.h"
#include "parley/trace_io.h"
#include "report/markup.h"

namespace parley::report {

OutcomeCloud DrawnOutcomes(const Scenario& scenario, const ReportOptions& options) {
  const OutcomeSpace& space = scenario.space();
  OutcomeCloud cloud;
  auto add = [&](const Outcome& outcome) {
    for (const auto& profile : scenario.profiles()) cloud.utilities.push_back(profile.Utility(outcome));
    ++cloud.count;
  };
  Outcome outcome;
  if (space.enumerable() && *space.cardinality() <= options.max_outcome_points) {
    for (OutcomeIndex index = 0; index < *space.cardinality(); ++index) {
      space.Decode(index, outcome);
      add(outcome);
    }
    return cloud;
  }
  Rng rng(options.seed);
  for (std::size_t k = 0; k < options.max_outcome_points; ++k) {
    space.RandomOutcome(rng, outcome);
    add(outcome);
  }
  cloud.note = options.max_outcome_points == 0
                   ? "Outcomes are not drawn."
                   : fmt::format(
                         "The space has {} outcomes: the grey points are {} of them, drawn uniformly at random "
                         "(seed {}).",
                         space.DescribeSize(), options.max_outcome_points, options.seed);
  return cloud;
}

std::vector<std::size_t> Thinned(std::size_t count, std::size_t limit) {
  std::vector<std::size_t> positions;
  if (count <= limit) {
    positions.resize(count);
    std::iota(positions.begin(), positions.end(), std::size_t{0});
  } else if (limit == 1) {
    positions.push_back(count - 1);
  } else if (limit > 1) {
    for (std::size_t k = 0; k < limit; ++k) {
      positions.push_back(static_cast<std::size_t>(
          std::llround(static_cast<double>(k) * static_cast<double>(count - 1) / static_cast<double>(limit - 1))));
    }
  }
  return positions;
}

NegotiationView ViewOf(const Scenario& scenario, const NegotiationResult& result, std::uint64_t rounds,
                       const ReportOptions& options) {
  NegotiationView view;
  view.scenario = &scenario;
  view.result = &result;
  view.rounds = rounds;
  try {
    view.analysis = ScenarioAnalysis::Of(scenario);
  } catch (const std::exception& error) {
    view.analysis_note =
        fmt::format("The space could not be analysed (no frontier or solutions shown): {}", error.what());
  }
  view.cloud = DrawnOutcomes(scenario, options);
  std::vector<std::vector<std::size_t>> all(scenario.party_count() + result.mediators.size());
  const Trace& trace = result.trace;
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const Trace::Step& step = trace.step(i);
    if (step.action != ActionType::kOffer || !trace.has_offer(i)) continue;
    if (step.party >= all.size()) all.resize(step.party + 1);
    all[step.party].push_back(i);
  }
  for (const auto& entries : all) {
    view.offer_totals.push_back(entries.size());
    std::vector<std::size_t> drawn;
    for (std::size_t k : Thinned(entries.size(), options.max_offer_points)) drawn.push_back(entries[k]);
    view.offers.push_back(std::move(drawn));
  }
  return view;
}

std::string ActorLabel(const NegotiationView& view, std::size_t actor) {
  const std::size_t parties = view.scenario->party_count();
  if (actor < parties) return view.scenario->profile(actor).name();
  const std::size_t m = actor - parties;
  if (m < view.mediator_names.size()) {
    const std::string spec = m < view.result->mediators.size() ? " (" + view.result->mediators[m] + ")" : "";
    return "mediator " + view.mediator_names[m] + spec;
  }
  return ActorName(*view.scenario, *view.result, actor);
}

std::string ActorColour(const NegotiationView& view, std::size_t actor) {
  const std::size_t parties = view.scenario->party_count();
  // Mediators take the palette's next colours, so that their texts stay apart from each other.
  (void)parties;
  return std::string(PartyColour(actor));
}

std::string OutcomeSentence(const NegotiationResult& result) {
  switch (result.end_reason) {
    case EndReason::kAgreement: return fmt::format("agreement in round {} (t = {:.3f})", result.rounds, result.time);
    case EndReason::kDeadline: return fmt::format("no agreement: deadline reached after {} rounds", result.rounds);
    case EndReason::kEndedByParty:
      if (!result.stop_reason.empty()) return fmt::format("no agreement: {}", result.stop_reason);
      return fmt::format("no agreement: a party walked away in round {}", result.rounds);
    case EndReason::kFault: return fmt::format("no agreement: {}", result.fault ? result.fault->message : "a fault");
    case EndReason::kStopped:
      return fmt::format("no agreement: stopped at t = {:.3f} ({})", result.time, result.stop_reason);
    case EndReason::kPartialAgreement:
      return fmt::format("partial agreement: {} coalition{} by round {}", result.coalitions.size(),
                         result.coalitions.size() == 1 ? "" : "s", result.rounds);
  }
  return "";
}

namespace {

// The smallest round domain holding [0, 1] and every value given.
std::pair<double, double> UtilityDomain(const std::vector<double>& values) {
  double low = 0.0, high = 1.0;
  for (double v : values) {
    if (!std::isfinite(v)) continue;
    low = std::min(low, v);
    high = std::max(high, v);
  }
  return {std::floor(low * 10.0 + 1e-9) / 10.0, std::ceil(high * 10.0 - 1e-9) / 10.0};
}

// Every utility party `p` sees in the panels, for the axes' domain.
std::vector<double> ValuesOf(const NegotiationView& view, std::size_t p) {
  const std::size_t parties = view.scenario->party_count();
  std::vector<double> values;
  for (std::size_t k = 0; k < view.cloud.count; ++k) values.push_back(view.cloud.utilities[k * parties + p]);
  values.push_back(view.scenario->profile(p).reservation_value());
  values.push_back(view.scenario->profile(p).ReservationValueAt(view.result->time, view.rounds));
  for (const auto& entries : view.offers) {
    for (std::size_t i : entries) values.push_back(view.result->trace.utility(i, p));
  }
  if (p < view.result->undiscounted_utilities.size()) values.push_back(view.result->undiscounted_utilities[p]);
  return values;
}

std::string Colour(std::string_view attribute, std::string_view colour) {
  return fmt::format("{}=\"{}\"", attribute, colour);
}

// "Car-A-prof1 0.943, Car-A-prof2 0.512"
std::string UtilityText(const NegotiationView& view, const std::vector<double>& utilities) {
  std::vector<std::string> parts;
  for (std::size_t p = 0; p < utilities.size() && p < view.scenario->party_count(); ++p) {
    parts.push_back(fmt::format("{} {:.3f}", view.scenario->profile(p).name(), utilities[p]));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

std::string OfferTooltip(const NegotiationView& view, std::size_t entry, bool with_outcome) {
  const Trace& trace = view.result->trace;
  const Trace::Step& step = trace.step(entry);
  std::vector<double> utilities;
  for (std::size_t p = 0; p < trace.party_count(); ++p) utilities.push_back(trace.utility(entry, p));
  std::string text = fmt::format("{}: offer in round {} (t = {:.3f})\n{}", ActorLabel(view, step.party), step.round,
                                 step.time, UtilityText(view, utilities));
  if (with_outcome) text += "\n" + Shorten(view.scenario->space().Format(trace.offer(entry)), 400);
  return text;
}

std::string PointTooltip(const NegotiationView& view, std::string_view what, const FrontierPoint& point) {
  return fmt::format("{}\n{}\n{}", what, UtilityText(view, point.utilities),
                     Shorten(view.scenario->space().Format(point.outcome), 400));
}

constexpr double kPanelWidth = 520, kPanelHeight = 480;

std::string UtilitySpacePanel(const NegotiationView& view, std::size_t i, std::size_t j, const ReportOptions& options,
                              const std::string& id) {
  const Scenario& scenario = *view.scenario;
  const NegotiationResult& result = *view.result;
  const std::size_t parties = scenario.party_count();
  const std::string& name_i = scenario.profile(i).name();
  const std::string& name_j = scenario.profile(j).name();
  const Plot plot(kPanelWidth, kPanelHeight, 62, 48, UtilityDomain(ValuesOf(view, i)),
                  UtilityDomain(ValuesOf(view, j)));
  const std::string clip = id + "-clip";

  std::string out =
      fmt::format("<figure class=\"utility-space\" data-x=\"{}\" data-y=\"{}\"><figcaption>{} and {}</figcaption>", i,
                  j, Escape(name_i), Escape(name_j));
  out += SvgOpen(plot.width, plot.height,
                 fmt::format("Utility space of {} (horizontal) and {} (vertical)", name_i, name_j));
  out += "<defs>" + ClipPath(plot, clip) + "</defs>";
  out += Axes(plot, "utility for " + name_i, "utility for " + name_j);
  out += fmt::format("<g clip-path=\"url(#{})\">", clip);

  // The zone of agreement at the start: better than both reservation values.
  const double rv_i = scenario.profile(i).reservation_value();
  const double rv_j = scenario.profile(j).reservation_value();
  out += fmt::format("<rect class=\"zone-area\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>", Px(plot.x(rv_i)),
                     Px(plot.plot_top()), Px(std::max(0.0, plot.plot_right() - plot.x(rv_i))),
                     Px(std::max(0.0, plot.y(rv_j) - plot.plot_top())));

  out += "<g class=\"outcomes\">";
  for (std::size_t k = 0; k < view.cloud.count; ++k) {
    out += Circle(plot.x(view.cloud.utilities[k * parties + i]), plot.y(view.cloud.utilities[k * parties + j]), 2.2,
                  "outcome", "");
  }
  out += "</g>";

  // Reservation values: at the start, and at the end when a schedule changed them.
  auto reservation_lines = [&](double time, std::string_view css_class, std::string_view when) {
    const double x = scenario.profile(i).ReservationValueAt(time, view.rounds);
    const double y = scenario.profile(j).ReservationValueAt(time, view.rounds);
    std::string lines;
    lines += fmt::format(
        "<line class=\"{} party-{}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" {}><title>{}</title></line>", css_class, i,
        Px(plot.x(x)), Px(plot.plot_top()), Px(plot.x(x)), Px(plot.plot_bottom()), Colour("stroke", PartyColour(i)),
        Escape(fmt::format("{}'s reservation value {}: {:.3f}", name_i, when, x)));
    lines += fmt::format(
        "<line class=\"{} party-{}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" {}><title>{}</title></line>", css_class, j,
        Px(plot.plot_left()), Px(plot.y(y)), Px(plot.plot_right()), Px(plot.y(y)), Colour("stroke", PartyColour(j)),
        Escape(fmt::format("{}'s reservation value {}: {:.3f}", name_j, when, y)));
    return lines;
  };
  out += reservation_lines(0.0, "reservation", "at the start");
  const bool changed =
      UtilityKey(scenario.profile(i).ReservationValueAt(result.time, view.rounds)) != UtilityKey(rv_i) ||
      UtilityKey(scenario.profile(j).ReservationValueAt(result.time, view.rounds)) != UtilityKey(rv_j);
  if (changed)
    out += reservation_lines(result.time, "reservation-end", fmt::format("at the end (t = {:.2f})", result.time));

  if (view.analysis) {
    const auto& points = view.analysis->frontier().points;
    const std::vector<std::size_t> drawn = Thinned(points.size(), options.max_frontier_points);
    if (parties == 2 && drawn.size() > 1) {
      std::vector<std::pair<double, double>> line;
      for (std::size_t k : drawn) line.emplace_back(plot.x(points[k].utilities[i]), plot.y(points[k].utilities[j]));
      out += Polyline(line, "frontier-line");
    }
    out += "<g class=\"frontier-points\">";
    const bool with_tooltips = drawn.size() <= 2000;
    for (std::size_t k : drawn) {
      out += Circle(plot.x(points[k].utilities[i]), plot.y(points[k].utilities[j]), 2.6, "frontier", "",
                    with_tooltips ? PointTooltip(view, "Pareto-optimal outcome", points[k]) : "");
    }
    out += "</g>";
  }

  for (std::size_t actor = 0; actor < view.offers.size(); ++actor) {
    const auto& entries = view.offers[actor];
    if (entries.empty()) continue;
    const std::string colour = ActorColour(view, actor);
    std::vector<std::pair<double, double>> path;
    for (std::size_t e : entries)
      path.emplace_back(plot.x(result.trace.utility(e, i)), plot.y(result.trace.utility(e, j)));
    out += Polyline(path, fmt::format("offer-path actor-{}", actor), Colour("stroke", colour));
    out += fmt::format("<g class=\"offers actor-{}\">", actor);
    const bool with_outcome = entries.size() <= 400;
    for (std::size_t k = 0; k < entries.size(); ++k) {
      out += Circle(path[k].first, path[k].second, 3.0, "offer",
                    fmt::format("data-actor=\"{}\" {}", actor, Colour("fill", colour)),
                    OfferTooltip(view, entries[k], with_outcome));
    }
    out += "</g>";
  }

  if (view.analysis && view.analysis->nash()) {
    const FrontierPoint& nash = *view.analysis->nash();
    out += Diamond(plot.x(nash.utilities[i]), plot.y(nash.utilities[j]), 6, "nash", "",
                   PointTooltip(view, "Nash bargaining solution", nash));
  }
  if (view.analysis && view.analysis->kalai_smorodinsky()) {
    const FrontierPoint& kalai = *view.analysis->kalai_smorodinsky();
    out += Square(plot.x(kalai.utilities[i]), plot.y(kalai.utilities[j]), 5, "kalai", "",
                  PointTooltip(view, "Kalai-Smorodinsky solution", kalai));
  }
  if (result.agreement) {
    FrontierPoint agreement{*result.agreement, result.undiscounted_utilities};
    out += Star(
        plot.x(agreement.utilities[i]), plot.y(agreement.utilities[j]), 11, "agreement", "",
        PointTooltip(view, fmt::format("Agreement, round {} (t = {:.3f})", result.rounds, result.time), agreement));
  }
  return out + "</g></svg></figure>";
}

std::string TimePanel(const NegotiationView& view, std::size_t p, const std::string& id, double height) {
  const Scenario& scenario = *view.scenario;
  const NegotiationResult& result = *view.result;
  const std::string& name = scenario.profile(p).name();
  const Plot plot(kPanelWidth, height, 62, 46, {0.0, 1.0}, UtilityDomain(ValuesOf(view, p)));
  const std::string clip = id + "-clip";
  std::string out = fmt::format("<figure class=\"over-time\" data-party=\"{}\"><figcaption>{}</figcaption>", p,
                                Escape(fmt::format("What the offers are worth to {}", name)));
  out += SvgOpen(plot.width, plot.height, fmt::format("Utility for {} of every offer over time", name));
  out += "<defs>" + ClipPath(plot, clip) + "</defs>";
  out += Axes(plot, "time (0 = start, 1 = deadline)", "utility for " + name, 5, 5);
  out += fmt::format("<g clip-path=\"url(#{})\">", clip);

  // The reservation value over time: flat, or following the party's schedule.
  std::vector<std::pair<double, double>> reservation;
  for (int k = 0; k <= 400; ++k) {
    const double t = k / 400.0;
    reservation.emplace_back(plot.x(t), plot.y(scenario.profile(p).ReservationValueAt(t, view.rounds)));
  }
  out += Polyline(reservation, fmt::format("reservation party-{}", p), Colour("stroke", PartyColour(p)));

  for (std::size_t actor = 0; actor < view.offers.size(); ++actor) {
    const auto& entries = view.offers[actor];
    if (entries.empty()) continue;
    std::vector<std::pair<double, double>> line;
    for (std::size_t e : entries) {
      line.emplace_back(plot.x(result.trace.step(e).time), plot.y(result.trace.utility(e, p)));
    }
    if (line.size() == 1) line.push_back({line.front().first + 2, line.front().second});
    out += Polyline(line, fmt::format("time-line actor-{}", actor), Colour("stroke", ActorColour(view, actor)));
  }
  if (result.end_reason == EndReason::kStopped) {
    const double x = plot.x(result.time);
    out += Line(x, plot.plot_top(), x, plot.plot_bottom(), "event");
    out += Text(x - 4, plot.plot_top() + 12, Shorten(result.stop_reason, 40), "event-label", "end");
  }
  if (result.agreement && p < result.undiscounted_utilities.size()) {
    out += Star(
        plot.x(result.time), plot.y(result.undiscounted_utilities[p]), 9, "agreement", "",
        fmt::format("Agreement at t = {:.3f}: {:.3f} for {}", result.time, result.undiscounted_utilities[p], name));
  }
  return out + "</g></svg></figure>";
}

std::string LineSymbol(std::string_view colour, std::string_view dash = "") {
  return fmt::format("<line x1=\"1\" y1=\"8\" x2=\"15\" y2=\"8\" stroke=\"{}\" stroke-width=\"2\"{}/>", colour,
                     dash.empty() ? "" : fmt::format(" stroke-dasharray=\"{}\"", dash));
}

}  // namespace

std::string NegotiationCharts(const NegotiationView& view, const ReportOptions& options, std::string_view id) {
  const Scenario& scenario = *view.scenario;
  const std::size_t parties = scenario.party_count();
  std::vector<LegendEntry> legend = {
      {Circle(8, 8, 3.5, "key-outcome", ""), "outcomes"},
      {"<rect x=\"1\" y=\"1\" width=\"14\" height=\"14\" class=\"key-zone\" fill-opacity=\"0.25\"/>",
       "better than both reservation values"},
  };
  if (view.analysis)
    legend.push_back({LineSymbol("#1c2330") + Circle(8, 8, 2.6, "key-frontier", ""), "Pareto frontier"});
  for (std::size_t actor = 0; actor < view.offers.size(); ++actor) {
    if (view.offer_totals[actor] == 0) continue;
    legend.push_back({LineSymbol(ActorColour(view, actor)) +
                          Circle(8, 8, 3.2, "key-offer", Colour("fill", ActorColour(view, actor))),
                      fmt::format("{} by {} ({})", actor < parties ? "offers" : "texts", ActorLabel(view, actor),
                                  view.offer_totals[actor])});
  }
  if (view.analysis && view.analysis->nash()) legend.push_back({Diamond(8, 8, 5, "key-nash", ""), "Nash solution"});
  if (view.analysis && view.analysis->kalai_smorodinsky()) {
    legend.push_back({Square(8, 8, 4.5, "key-kalai", ""), "Kalai-Smorodinsky solution"});
  }
  if (view.result->agreement) legend.push_back({Star(8, 8, 7.5, "key-agreement", ""), "agreement"});
  legend.push_back({LineSymbol("#5a6372", "4 3"), "reservation values (in the party's colour)"});

  constexpr std::size_t kMaxPairs = 15;
  std::string space_panels;
  std::size_t pairs = 0;
  for (std::size_t i = 0; i < parties; ++i) {
    for (std::size_t j = i + 1; j < parties; ++j) {
      if (pairs++ < kMaxPairs)
        space_panels += UtilitySpacePanel(view, i, j, options, fmt::format("{}-{}-{}", id, i, j));
    }
  }
  std::string out;
  if (pairs == 1) {
    // Two parties: the utility space beside each party's view of the offers over time.
    out += "<h3>Utility space, and the offers over time</h3>" + Legend(legend);
    out += "<div class=\"panels\">" + space_panels + "<div class=\"stack\">";
    for (std::size_t p = 0; p < parties; ++p) out += TimePanel(view, p, fmt::format("{}-t{}", id, p), 232);
    out += "</div></div>";
  } else {
    out += "<h3>Utility space</h3>" + Legend(legend) + "<div class=\"panels\">" + space_panels + "</div>";
  }
  std::vector<std::string> notes;
  if (pairs > kMaxPairs)
    notes.push_back(fmt::format("The first {} of the {} pairs of parties are drawn.", kMaxPairs, pairs));
  if (parties > 2) {
    notes.push_back(
        "With more than two parties, each panel shows two of them; the frontier is the frontier of all "
        "parties, seen from those two.");
  }
  if (!view.cloud.note.empty()) notes.push_back(view.cloud.note);
  if (view.analysis) {
    const ParetoFrontier& frontier = view.analysis->frontier();
    if (frontier.points.size() > options.max_frontier_points) {
      notes.push_back(fmt::format("The frontier has {} points; {} of them, evenly spaced, are drawn.",
                                  frontier.points.size(), options.max_frontier_points));
    }
    if (!frontier.exact) notes.push_back("The frontier is approximate: " + frontier.method + ".");
  } else if (!view.analysis_note.empty()) {
    notes.push_back(view.analysis_note);
  }
  for (std::size_t actor = 0; actor < view.offers.size(); ++actor) {
    if (view.offers[actor].size() < view.offer_totals[actor]) {
      notes.push_back(fmt::format("{} made {} offers; {} of them, evenly spaced, are drawn.", ActorLabel(view, actor),
                                  view.offer_totals[actor], view.offers[actor].size()));
    }
  }
  if (view.result->trace.size() == 0) notes.push_back("The negotiation was run without a trace: no offers to draw.");
  notes.push_back("Utilities are undiscounted. Hover a point for its details.");
  for (const auto& note : notes) out += fmt::format("<p class=\"note\">{}</p>", Escape(note));

  std::vector<LegendEntry> time_legend;
  for (std::size_t actor = 0; actor < view.offers.size(); ++actor) {
    if (view.offer_totals[actor] == 0) continue;
    time_legend.push_back({LineSymbol(ActorColour(view, actor)),
                           fmt::format("{} by {}", actor < parties ? "offers" : "texts", ActorLabel(view, actor))});
  }
  time_legend.push_back({LineSymbol("#5a6372", "4 3"), "reservation value"});
  if (view.result->agreement) time_legend.push_back({Star(8, 8, 7.5, "key-agreement", ""), "agreement"});
  if (pairs == 1) return out;
  out += "<h3>The offers over time</h3>" + Legend(time_legend) + "<div class=\"panels\">";
  for (std::size_t p = 0; p < parties; ++p) out += TimePanel(view, p, fmt::format("{}-t{}", id, p), 300);
  return out + "</div>";
}

}  // namespace parley::report
