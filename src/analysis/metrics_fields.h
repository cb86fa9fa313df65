// The fields of an agreement's metrics (parley/analysis.h), listed once (common/record_fields.h):
// the "metrics" of `parley negotiate --json` and Python's Analysis.measure().
#ifndef PARLEY_ANALYSIS_METRICS_FIELDS_H_
#define PARLEY_ANALYSIS_METRICS_FIELDS_H_

#include "common/record_fields.h"
#include "parley/analysis.h"

namespace parley {

template <internal::RecordOf<AgreementMetrics> Metrics, typename Visitor>
void VisitFields(Metrics& metrics, Visitor& visit) {
  using internal::Field, internal::kPython;
  // The negotiation the files write the metrics beside already says these two.
  visit(Field("agreement").Only(kPython), metrics.agreement);
  visit(Field("utilities").Only(kPython), metrics.utilities);
  visit("social_welfare", metrics.social_welfare);
  visit("pareto_optimal", metrics.pareto_optimal);
  visit("distance_to_pareto", metrics.distance_to_pareto);
  visit("distance_to_nash", metrics.distance_to_nash);
  visit("distance_to_kalai", metrics.distance_to_kalai);
  visit("opposition", metrics.opposition);
}

}  // namespace parley

#endif  // PARLEY_ANALYSIS_METRICS_FIELDS_H_
