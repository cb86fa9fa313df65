// The JSON of `parley mediate --json`: the report of parley/mediation_assistant.h, one object per
// subject with its moments, packages and issues (docs/mediate.md lists the fields). Shared by the
// report at the estimate and the report under uncertainty, which embeds it, and by the programs
// and the Python module that hand them out.
#ifndef PARLEY_ASSISTANT_MEDIATION_JSON_H_
#define PARLEY_ASSISTANT_MEDIATION_JSON_H_

#include <nlohmann/json.hpp>

#include "parley/mediation_assistant.h"
#include "parley/multi_track.h"

namespace parley {

nlohmann::ordered_json ReportJson(const MultiTrackScenario& scenario, const MediationReport& report);
// One package: its outcome per track, in words, each party's utility and gain, the Nash product.
nlohmann::ordered_json PackageJson(const MultiTrackScenario& scenario, const MediationSubject& subject,
                                   const MediationPackage& package);
// The settled value of an issue, in words.
std::string IssueValue(const MultiTrackScenario& scenario, const IssueGrowth& growth);

}  // namespace parley

#endif  // PARLEY_ASSISTANT_MEDIATION_JSON_H_
