// The analysis over sampled worlds from Python (include/parley/uncertain_analysis.h): the report
// `parley analyze --samples N --json` prints, as a dict, with each track's answers in every
// sampled world as arrays.
#include <string>
#include <vector>

#include <pybind11/stl.h>

#include "assistant/uncertain_analysis_json.h"
#include "bindings.h"
#include "conversions.h"
#include "parley/uncertain_analysis.h"
#include "sampled_report.h"

namespace parley::python {
namespace {

void AddSampleArrays(const UncertainTrackAnalysis& track, std::size_t samples, py::dict& json) {
  json["zone_exists"] = Array({samples}, track.zone_exists, "bool");
  json["zone_sizes"] = Array({samples}, track.zone_sizes, "float64");
  json["frontier_sizes"] = Array({samples}, track.frontier_sizes, "float64");
  py::dict solutions = json["solutions"];
  for (const auto& solution : track.solutions) {
    py::dict entry = solutions[py::str(solution.name)];
    entry["matches"] = Array({samples}, solution.matches, "bool");
    entry["accepted"] = Array({samples}, solution.accepted, "bool");
    entry["world_utilities"] = Array({samples, track.parties.size()}, solution.world_utilities, "float64");
  }
}

py::dict AnalyzeUnderUncertaintyDict(py::object scenario_or_path, std::size_t samples, std::uint64_t seed,
                                     unsigned threads, std::size_t top) {
  const std::shared_ptr<UncertainScenario> scenario = UncertainScenarioFrom(scenario_or_path);
  UncertainAnalysisOptions options;
  options.samples = samples;
  options.seed = seed;
  options.threads = threads;
  options.top = top;
  options.keep_samples = true;
  UncertainAnalysisReport report;
  return SampledReportDict(
      report, [&] { return AnalyzeUnderUncertainty(*scenario, options); },
      [&](const UncertainAnalysisReport& answered) { return UncertainAnalysisJson(scenario->estimate(), answered); },
      [&](const UncertainTrackAnalysis& track, py::dict& json) { AddSampleArrays(track, report.samples, json); });
}

}  // namespace

void BindUncertainAnalysis(py::module_& m) {
  const UncertainAnalysisOptions defaults;
  m.def("analyze_under_uncertainty", &AnalyzeUnderUncertaintyDict, py::arg("scenario"), py::kw_only(),
        py::arg("samples") = defaults.samples, py::arg("seed") = defaults.seed, py::arg("threads") = defaults.threads,
        py::arg("top") = defaults.top,
        "The analysis of every track over `samples` worlds of an UncertainScenario (or a built-in name or Parley "
        "JSON path), as `parley analyze --samples N --json` (docs/uncertainty.md): a dict with the same content, "
        "plus 'values' (samples x uncertain numbers) and, per track, arrays of each world's answers: "
        "'zone_exists', 'zone_sizes', 'frontier_sizes', and per solution 'matches' (the world's solution is the "
        "estimate's), 'accepted' (the estimate's solution is) and 'world_utilities' (samples x parties, NaN "
        "without a solution). The same seed gives the same dict whatever `threads` (0: every core).");
}

}  // namespace parley::python
