// The JSON of `parley analyze --samples N --json`: the answers of parley/uncertain_analysis.h,
// one object per track (docs/uncertainty.md lists the fields). Shared by the program and the
// Python module, which adds the per-world arrays.
#ifndef PARLEY_ASSISTANT_UNCERTAIN_ANALYSIS_JSON_H_
#define PARLEY_ASSISTANT_UNCERTAIN_ANALYSIS_JSON_H_

#include <nlohmann/json.hpp>

#include "parley/multi_track.h"
#include "parley/uncertain_analysis.h"

namespace parley {

nlohmann::ordered_json UncertainAnalysisJson(const MultiTrackScenario& estimate, const UncertainAnalysisReport& report);

}  // namespace parley

#endif  // PARLEY_ASSISTANT_UNCERTAIN_ANALYSIS_JSON_H_
