// The JSON of `parley mediate --samples N --json`: the answers of parley/uncertain_mediation.h,
// with the estimate's `parley mediate --json` report embedded under "estimate" (docs/uncertainty.md
// shows it). Shared by the program and the Python module, which adds the per-world arrays.
#ifndef PARLEY_ASSISTANT_UNCERTAIN_MEDIATION_JSON_H_
#define PARLEY_ASSISTANT_UNCERTAIN_MEDIATION_JSON_H_

#include <nlohmann/json.hpp>

#include "parley/multi_track.h"
#include "parley/uncertain_mediation.h"

namespace parley {

nlohmann::ordered_json UncertainReportJson(const MultiTrackScenario& estimate, const UncertainMediationReport& report);

// The subject of the estimate's report that `subject` answers for.
const MediationSubject& SubjectAtEstimate(const UncertainMediationReport& report, const UncertainSubject& subject);

}  // namespace parley

#endif  // PARLEY_ASSISTANT_UNCERTAIN_MEDIATION_JSON_H_
