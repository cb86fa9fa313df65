// The charts of one negotiation (a single-track negotiation, or one track of a multi-track one):
// utility-space panels, one per pair of parties, and each party's utility of the offers over time.
#ifndef PARLEY_REPORT_NEGOTIATION_PANELS_H_
#define PARLEY_REPORT_NEGOTIATION_PANELS_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "parley/analysis.h"
#include "parley/protocol.h"
#include "parley/report.h"
#include "parley/scenario.h"

namespace parley::report {

// Each party's utility of the outcomes a panel draws: every outcome of a small space, a uniform
// sample of a large one.
struct OutcomeCloud {
  std::size_t count = 0;
  std::vector<double> utilities;  // party_count values per outcome
  std::string note;               // says so when the outcomes are a sample
};
OutcomeCloud DrawnOutcomes(const Scenario& scenario, const ReportOptions& options);

// Positions of `count` items to draw when at most `limit` may be: all of them, or an even
// thinning that keeps the first and the last.
std::vector<std::size_t> Thinned(std::size_t count, std::size_t limit);

// What the panels of one negotiation are drawn from.
struct NegotiationView {
  const Scenario* scenario = nullptr;
  const NegotiationResult* result = nullptr;
  std::uint64_t rounds = 0;                          // the deadline, for reservation schedules
  std::shared_ptr<const ScenarioAnalysis> analysis;  // null when the scenario cannot be analysed
  std::string analysis_note;                         // why not
  OutcomeCloud cloud;
  // Per actor (parties, then mediators): the trace entries holding its offers, as drawn.
  std::vector<std::vector<std::size_t>> offers;
  std::vector<std::size_t> offer_totals;    // before thinning
  std::vector<std::string> mediator_names;  // the mediators' roles, when they have names
};
NegotiationView ViewOf(const Scenario& scenario, const NegotiationResult& result, std::uint64_t rounds,
                       const ReportOptions& options);

// The charts of a negotiation: legend, utility-space panels, time panels and notes. `id` makes
// the SVG ids of this section unique in the page.
std::string NegotiationCharts(const NegotiationView& view, const ReportOptions& options, std::string_view id);

// Name and colour of an actor of the trace (a party, or a mediator after the parties).
std::string ActorLabel(const NegotiationView& view, std::size_t actor);
std::string ActorColour(const NegotiationView& view, std::size_t actor);

// "agreement in round 54 (t = 0.530)", "no agreement: deadline reached after 100 rounds", ...
std::string OutcomeSentence(const NegotiationResult& result);

}  // namespace parley::report

#endif  // PARLEY_REPORT_NEGOTIATION_PANELS_H_
