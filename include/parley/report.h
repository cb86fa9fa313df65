// Visual reports: one self-contained HTML page (inline SVG charts, no scripts, no network) showing
// a negotiation, a multi-track negotiation, a tournament or the mediator's assistant's answers.
// `parley negotiate|tournament|mediate --report FILE` write them; docs/reports.md shows them.
//
// Every name taken from a scenario, a configuration or a negotiator spec is escaped, so a hostile
// scenario file cannot put markup or scripts into a report. The markup is well-formed XML as well
// as HTML5. Elements carry stable class names (docs/reports.md lists them) so that programs and
// tests can find the plotted points: "outcome", "frontier", "offer", "nash", "kalai",
// "agreement", "reservation", "cell", "ci", "package", ...
#ifndef PARLEY_REPORT_H_
#define PARLEY_REPORT_H_

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "parley/mediation_assistant.h"
#include "parley/multi_track.h"
#include "parley/protocol.h"
#include "parley/scenario.h"
#include "parley/tournament.h"
#include "parley/uncertain_mediation.h"
#include "parley/uncertainty.h"

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

struct ReportOptions {
  // A utility-space panel draws every outcome of a space of at most this many; a larger space is
  // drawn as a uniform random sample of this many (with a note saying so).
  std::size_t max_outcome_points = 20'000;
  // The Pareto frontier is drawn point by point up to this many points, evenly thinned above.
  std::size_t max_frontier_points = 5'000;
  // Each party's offers are drawn one by one up to this many, evenly thinned above.
  std::size_t max_offer_points = 5'000;
  std::uint64_t seed = 0;  // of the sample of a large space
};

// How the negotiation was run, for the report's header (the result does not record it).
struct NegotiationReportContext {
  std::string protocol = "saop";
  std::uint64_t rounds = 0;         // the deadline in rounds; 0 for none
  double time_limit_seconds = 0.0;  // the wall-clock deadline; 0 for none
  std::uint64_t seed = 0;
};

// A single-track negotiation: summary, one utility-space panel per pair of parties (outcomes,
// Pareto frontier, Nash and Kalai-Smorodinsky points, each party's offers as a path, the
// agreement, reservation values) and each party's utility of the offers over time. The offers
// come from result.trace: run with NegotiationOptions::record_trace for them to appear.
std::string NegotiationReportHtml(const Scenario& scenario, const NegotiationResult& result,
                                  const NegotiationReportContext& context, const ReportOptions& options = {});

// A multi-track negotiation: overall utilities, then one section per track as above (each track's
// participants and its own events). Run with MultiTrackOptions::record_trace for the offers.
std::string MultiTrackReportHtml(const MultiTrackScenario& scenario, const MultiTrackResult& result,
                                 const MultiTrackOptions& run, const ReportOptions& options = {});

// A tournament: totals, the ranking with 95% confidence intervals, a negotiator-by-negotiator heat
// map of mean utility (row against column) and the mean utilities per scenario. The heat map
// comes from the finished negotiations, added one at a time (memory does not grow with their
// number), in any order; everything else from the summary. `plan` must outlive the report.
class TournamentReport {
 public:
  explicit TournamentReport(const TournamentPlan& plan);
  void Add(const TournamentRow& row);
  // Adds every row of a results.jsonl file, read a line at a time. Throws InputError naming the
  // file and line of a malformed line.
  void AddResultsFile(const std::filesystem::path& path);
  std::string Html(const TournamentSummary& summary) const;

 private:
  const TournamentPlan* plan_;
  std::vector<double> sum_;  // [row negotiator][column negotiator], row's utility
  std::vector<std::size_t> count_;
  std::vector<std::size_t> scenario_agreements_, scenario_negotiations_;
};
std::string TournamentReportHtml(const TournamentPlan& plan, const std::vector<TournamentRow>& rows,
                                 const TournamentSummary& summary);

// The mediator's assistant: per track and for the joint package, the zone of agreement now (the
// packages in utility space, the fallbacks, the proposed packages numbered by rank), the packages
// in words, how the zone and the fallbacks change over time, and each issue's effect on the zone.
std::string MediationReportHtml(const MultiTrackScenario& scenario, const MediationReport& report,
                                const ReportOptions& options = {});

// The mediator's assistant over sampled worlds (uncertain_mediation.h): per subject and time, the
// chance of a zone with its Wilson band and the estimate's yes or no, the zone's share of the
// packages as a histogram over the worlds with its 5/50/95 % quantiles, the robust packages'
// acceptance with binomial error bars beside the estimate's proposals, the stumbling blocks'
// shares, and the Sobol indices when computed (a constant output says "not defined"); the
// uncertain numbers with histograms of their sampled values; the report's notes; then the
// estimate's own page (MediationReportHtml's sections). The histograms need the per-world arrays
// (UncertainMediationOptions::keep_samples); without them the quantiles are written instead. The
// page's size does not grow with the number of worlds; the same report gives the same bytes.
std::string UncertainMediationReportHtml(const UncertainScenario& scenario, const UncertainMediationReport& report,
                                         const ReportOptions& options = {});

// Writes a report atomically (a temporary file renamed into place). Throws InputError.
void WriteReportFile(const std::filesystem::path& path, const std::string& html);

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_REPORT_H_
