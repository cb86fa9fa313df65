// What `parley mediate --samples N` prints for people: the answers of parley/uncertain_mediation.h
// as text (the JSON is assistant/uncertain_mediation_json.h's). docs/uncertainty.md shows both.
#ifndef PARLEY_CLI_UNCERTAIN_MEDIATION_OUTPUT_H_
#define PARLEY_CLI_UNCERTAIN_MEDIATION_OUTPUT_H_

#include "parley/multi_track.h"
#include "parley/uncertain_mediation.h"

namespace parley::cli {

void PrintUncertainReport(const MultiTrackScenario& estimate, const UncertainMediationReport& report);

}  // namespace parley::cli

#endif  // PARLEY_CLI_UNCERTAIN_MEDIATION_OUTPUT_H_
