// The pages of a single-track and of a multi-track negotiation: a header, summary cards, and the
// charts of negotiation_panels.h for the negotiation or for each track.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common/mapped.h"
#include "io/atomic_file.h"
#include "parley/analysis.h"
#include "parley/report.h"
#include "report/markup.h"
#include "report/negotiation_panels.h"

namespace parley {
namespace {

using report::Card;
using report::Deadline;
using report::Escape;
using report::Fixed;

// "A (boulware), B (absolute-tft)": each party with the spec of its negotiator.
std::string PartiesAndNegotiators(const Scenario& scenario, const std::vector<std::string>& negotiators) {
  std::vector<std::string> parties;
  for (std::size_t p = 0; p < scenario.party_count(); ++p) {
    parties.push_back(
        fmt::format("{} ({})", scenario.profile(p).name(), p < negotiators.size() ? negotiators[p] : "?"));
  }
  return fmt::format("{}", fmt::join(parties, ", "));
}

std::string SignedFixed(double value) { return (value >= 0 ? "+" : "") + Fixed(value); }

std::string Paragraph(std::string_view text, std::string_view css_class = "") {
  return fmt::format("<p{}>{}</p>", css_class.empty() ? "" : fmt::format(" class=\"{}\"", css_class), Escape(text));
}

bool PartialAgreement(const NegotiationResult& result) {
  return !result.agreement.has_value() && !result.coalitions.empty();
}

std::string ResultTitle(const NegotiationResult& result) {
  if (result.agreement) return "Agreement";
  return PartialAgreement(result) ? "Partial agreement" : "No agreement";
}

std::string_view ResultClass(const NegotiationResult& result) {
  if (result.agreement) return "good";
  return PartialAgreement(result) ? "" : "bad";
}

// The coalitions mopac formed, a row each (its parties, their deal, when), or nothing.
std::string CoalitionsTable(const Scenario& scenario, const NegotiationResult& result) {
  if (result.coalitions.empty()) return "";
  std::string out =
      "<div class=\"table-wrap\"><table class=\"coalitions\"><thead><tr><th>coalition</th><th>parties</th>"
      "<th>deal</th><th class=\"num\">round</th><th class=\"num\">t</th></tr></thead><tbody>";
  for (std::size_t c = 0; c < result.coalitions.size(); ++c) {
    const Coalition& coalition = result.coalitions[c];
    std::vector<std::string> names;
    for (const std::size_t p : coalition.parties) {
      names.push_back(p < scenario.party_count() ? scenario.profile(p).name() : fmt::format("party {}", p));
    }
    out += fmt::format(
        "<tr><td class=\"num\">{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
        c + 1, Escape(fmt::format("{}", fmt::join(names, ", "))), Escape(scenario.space().Format(coalition.outcome)),
        coalition.round + 1, Fixed(coalition.time));
  }
  return out + "</tbody></table></div>";
}

}  // namespace

std::string NegotiationReportHtml(const Scenario& scenario, const NegotiationResult& result,
                                  const NegotiationReportContext& context, const ReportOptions& options) {
  const report::NegotiationView view = report::ViewOf(scenario, result, context.rounds, options);
  const OutcomeSpace& space = scenario.space();
  std::string body = fmt::format("<header><h1>{}</h1>", Escape("Negotiation: " + scenario.name()));
  body += Paragraph(
      fmt::format("{} issues, {} outcomes, {} parties: {}. Protocol {}, deadline {}, seed {}.", space.issue_count(),
                  space.DescribeSize(), scenario.party_count(), PartiesAndNegotiators(scenario, result.negotiators),
                  context.protocol, Deadline(context.rounds, context.time_limit_seconds), context.seed),
      "subtitle");
  if (!scenario.description().empty()) {
    body += "<details><summary>About this scenario</summary>" + Paragraph(scenario.description()) + "</details>";
  }
  body += "</header><div class=\"cards\">";
  const bool agreed = result.agreement.has_value();
  body += Card("Result", ResultTitle(result), report::OutcomeSentence(result), ResultClass(result));
  for (std::size_t p = 0; p < scenario.party_count(); ++p) {
    const Profile& profile = scenario.profile(p);
    std::string detail =
        fmt::format("reservation value {}", Fixed(profile.ReservationValueAt(result.time, context.rounds)));
    if (profile.discounted() && p < result.undiscounted_utilities.size()) {
      detail += fmt::format("; undiscounted {} (discount factor {})", Fixed(result.undiscounted_utilities[p]),
                            profile.discount_factor());
    }
    body += Card(profile.name(), p < result.utilities.size() ? Fixed(result.utilities[p]) : "-", detail);
  }
  if (view.analysis) {
    const AgreementMetrics metrics = view.analysis->Measure(result);
    body += Card("Social welfare", Fixed(metrics.social_welfare), "sum of undiscounted utilities");
    body += Card(
        "Distance to Pareto", Fixed(metrics.distance_to_pareto),
        agreed ? (metrics.pareto_optimal ? "the agreement is Pareto-optimal" : "the agreement is not Pareto-optimal")
        : PartialAgreement(result) ? (metrics.pareto_optimal ? "the coalitions' deals together are Pareto-optimal"
                                                             : "the coalitions' deals together are not Pareto-optimal")
                                   : "of the disagreement point");
    if (metrics.distance_to_nash) {
      body += Card("Distance to Nash", Fixed(*metrics.distance_to_nash),
                   fmt::format("to Kalai-Smorodinsky {}", Fixed(*metrics.distance_to_kalai)));
    } else {
      body += Card("Zone of agreement", "Empty", "no outcome beats every reservation value");
    }
  }
  body += "</div>";
  if (!result.coalitions.empty()) {
    body += "<section><h2>Coalitions</h2>" +
            Paragraph("Parties in a coalition agreed on its deal and left; the others negotiated on.", "note") +
            CoalitionsTable(scenario, result) + "</section>";
  }
  body += "<section><h2>How the negotiation went</h2>";
  body += report::NegotiationCharts(view, options, "n");
  body += "</section>";
  return report::Page("Negotiation: " + scenario.name(), body);
}

std::string MultiTrackReportHtml(const MultiTrackScenario& scenario, const MultiTrackResult& result,
                                 const MultiTrackOptions& run, const ReportOptions& options) {
  std::string body = fmt::format("<header><h1>{}</h1>", Escape("Multi-track negotiation: " + scenario.name()));
  const auto parties = internal::Mapped(scenario.parties(), &MultiTrackParty::name);
  std::string subtitle = fmt::format("{} tracks between {}; deadline {}, seed {}.", scenario.tracks().size(),
                                     fmt::join(parties, ", "), Deadline(run.rounds, run.time_limit_seconds), run.seed);
  for (const auto& event : scenario.events())
    subtitle += fmt::format(" Event: {} at t = {:.2f}.", event.name, event.time);
  body += Paragraph(subtitle, "subtitle");
  if (!scenario.description().empty()) {
    body += "<details><summary>About this scenario</summary>" + Paragraph(scenario.description()) + "</details>";
  }
  body += "</header><div class=\"cards\">";
  for (std::size_t p = 0; p < scenario.parties().size() && p < result.overall_utilities.size(); ++p) {
    const double gain = result.overall_utilities[p] - result.overall_without_deal[p];
    body += Card(scenario.parties()[p].name, Fixed(result.overall_utilities[p]),
                 fmt::format("overall; {} over no agreement on any track ({})", SignedFixed(gain),
                             Fixed(result.overall_without_deal[p])),
                 gain > 0 ? "good" : (gain < 0 ? "bad" : ""));
  }
  for (std::size_t t = 0; t < scenario.tracks().size() && t < result.tracks.size(); ++t) {
    body += Card("Track " + scenario.tracks()[t].name, ResultTitle(result.tracks[t]),
                 report::OutcomeSentence(result.tracks[t]), ResultClass(result.tracks[t]));
  }
  body += "</div>";

  for (std::size_t t = 0; t < scenario.tracks().size() && t < result.tracks.size(); ++t) {
    const Track& track = scenario.tracks()[t];
    const NegotiationResult& r = result.tracks[t];
    const Scenario negotiation = track.Negotiation();
    report::NegotiationView view = report::ViewOf(negotiation, r, run.rounds, options);
    view.mediator_names = track.mediators;
    body += fmt::format("<section class=\"track\" data-track=\"{}\"><h2>{}</h2>", t,
                        Escape(fmt::format("Track {} ({})", track.name,
                                           t < result.protocols.size() ? result.protocols[t] : track.protocol)));
    if (!track.description.empty()) body += Paragraph(track.description, "note");
    std::string line = "Parties: " + PartiesAndNegotiators(negotiation, r.negotiators) + ".";
    if (!r.mediators.empty()) {
      std::vector<std::string> mediators;
      for (std::size_t m = 0; m < r.mediators.size(); ++m) {
        mediators.push_back(
            fmt::format("{}({})", m < track.mediators.size() ? track.mediators[m] + " " : "", r.mediators[m]));
      }
      line += fmt::format(" Mediators: {}.", fmt::join(mediators, ", "));
    }
    if (track.ends_at) line += fmt::format(" Ends at t = {:.2f}: {}.", *track.ends_at, track.ends_because);
    body += Paragraph(line);
    std::string outcome = "Result: " + report::OutcomeSentence(r) + ".";
    if (r.agreement) outcome += " " + negotiation.space().Format(*r.agreement) + ".";
    body += Paragraph(outcome);
    body += CoalitionsTable(negotiation, r);
    body +=
        "<div class=\"table-wrap\"><table><thead><tr><th>party</th><th class=\"num\">utility</th>"
        "<th class=\"num\">fallback</th><th class=\"num\">gain</th></tr></thead><tbody>";
    for (std::size_t p = 0; p < negotiation.party_count() && p < r.utilities.size(); ++p) {
      const Profile& profile = negotiation.profile(p);
      const double fallback = profile.ReservationValueAt(r.time, run.rounds);
      body +=
          fmt::format("<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                      Escape(profile.name()), Fixed(r.utilities[p]), Fixed(fallback),
                      SignedFixed(r.utilities[p] - profile.Discount(fallback, r.time)));
    }
    body += "</tbody></table></div>";
    body += report::NegotiationCharts(view, options, fmt::format("t{}", t));
    body += "</section>";
  }
  return report::Page("Multi-track negotiation: " + scenario.name(), body);
}

void WriteReportFile(const std::filesystem::path& path, const std::string& html) { WriteFileAtomically(path, html); }

}  // namespace parley
