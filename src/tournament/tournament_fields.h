// The fields of a tournament's records, each listed once (common/record_fields.h): a result row
// (results.jsonl, results.csv, read back when resuming, Python's rows) and a negotiator's
// statistics (summary.json, summary.csv, Python's rankings). The order is the files' column
// order; the options spell out where the formats were made to differ.
#ifndef PARLEY_TOURNAMENT_TOURNAMENT_FIELDS_H_
#define PARLEY_TOURNAMENT_TOURNAMENT_FIELDS_H_

#include <string_view>

#include "common/record_fields.h"
#include "parley/tournament.h"

namespace parley {

template <internal::RecordOf<TournamentRow> Row, typename Visitor>
void VisitFields(Row& row, Visitor& visit) {
  using internal::Field, internal::kJson, internal::kPython;
  visit("id", row.id);
  visit("scenario", row.scenario);
  visit("repetition", row.repetition);
  visit("roles", row.roles);
  visit("negotiators", row.negotiators);
  visit(Field("assignment").Only(kJson | kPython), row.assignment);
  visit("seed", row.seed);
  visit("agreement", row.agreement);
  // The files name each value by its issue; Python has the two lists.
  visit(Field("issues").Only(kPython), row.issues);
  visit("outcome", internal::NamedValues{row.issues, row.outcome, row.agreement});
  visit("utilities", row.utilities);
  visit("undiscounted_utilities", row.undiscounted_utilities);
  visit("reservation_values", row.reservation_values);
  visit("rounds", row.rounds);
  visit("steps", row.steps);
  visit("time", row.time);
  visit("social_welfare", row.social_welfare);
  visit("distance_to_pareto", row.distance_to_pareto);
  visit("distance_to_nash", row.distance_to_nash);
  visit("distance_to_kalai", row.distance_to_kalai);
  visit("pareto_optimal", row.pareto_optimal);
  visit("opposition", row.opposition);
  visit("end_reason", row.end_reason);
  visit("fault", internal::OrNone{row.fault});
  visit("fault_party", row.fault_party);
  visit("elapsed_seconds", row.elapsed_seconds);
  // Only under a protocol that allows elicitation, so that the files of every other tournament are
  // unchanged; JSON reads them back when present.
  const unsigned elicited = row.elicitation_costs ? internal::kEverywhere : kJson;
  visit(Field("elicitation_costs").Only(elicited).OmitWhenNone(), row.elicitation_costs);
  visit(Field("elicitation_requests").Only(elicited).OmitWhenNone(), row.elicitation_requests);
}

// A mean with its 95% confidence half-width. The files leave out a mean of nothing and a
// half-width of fewer than two values; Python has the numbers (0) regardless.
template <internal::RecordOf<Statistic> S, typename Visitor>
void VisitFields(S& statistic, Visitor& visit) {
  using internal::Field, internal::kJson, internal::kPython;
  visit(Field("n").Only(kJson | kPython), statistic.n);
  visit(Field("mean").FilesOnlyIf(statistic.n >= 1), statistic.mean);
  visit(Field("half_width").FileName("ci95").FilesOnlyIf(statistic.n >= 2), statistic.half_width);
}

inline constexpr std::string_view kAgreementRateColumns[] = {"agreement_rate", "agreement_rate_ci95"};

// summary.csv gives the sample sizes of the utility and of the Nash distance columns of their
// own, and calls the agreement rate's mean column by its name alone.
template <internal::RecordOf<NegotiatorStatistics> S, typename Visitor>
void VisitFields(S& statistics, Visitor& visit) {
  using internal::Field, internal::kCsv;
  visit("rank", statistics.rank);
  visit("negotiator", statistics.negotiator);
  visit(Field("n").Only(kCsv), statistics.utility.n);
  visit("utility", statistics.utility);
  visit("advantage", statistics.advantage);
  visit("welfare", statistics.welfare);
  visit(Field("agreement").FileName("agreement_rate").CsvColumns(kAgreementRateColumns), statistics.agreement);
  visit("distance_to_pareto", statistics.distance_to_pareto);
  visit(Field("nash_n").Only(kCsv), statistics.distance_to_nash.n);
  visit("distance_to_nash", statistics.distance_to_nash);
  visit("faults", statistics.faults);
  // Only in the summaries of tournaments under a protocol that allows elicitation.
  if (statistics.elicitation_cost) visit("elicitation_cost", *statistics.elicitation_cost);
}

}  // namespace parley

#endif  // PARLEY_TOURNAMENT_TOURNAMENT_FIELDS_H_
