// What `parley mediate --samples N` prints: the answers of parley/uncertain_mediation.h as text
// for people, or as JSON (the estimate's `parley mediate --json` report embedded under
// "estimate"). docs/uncertainty.md shows both.
#ifndef PARLEY_CLI_UNCERTAIN_MEDIATION_OUTPUT_H_
#define PARLEY_CLI_UNCERTAIN_MEDIATION_OUTPUT_H_

#include <nlohmann/json.hpp>

#include "parley/multi_track.h"
#include "parley/uncertain_mediation.h"

namespace parley::cli {

void PrintUncertainReport(const MultiTrackScenario& estimate, const UncertainMediationReport& report);
nlohmann::ordered_json UncertainReportJson(const MultiTrackScenario& estimate, const UncertainMediationReport& report);

}  // namespace parley::cli

#endif  // PARLEY_CLI_UNCERTAIN_MEDIATION_OUTPUT_H_
