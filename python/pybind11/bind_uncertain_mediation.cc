// The mediator's assistant over sampled worlds from Python (include/parley/uncertain_mediation.h):
// the report `parley mediate --samples N --json` prints, as a dict, with each subject's answers in
// every sampled world as arrays, so that Python draws its own distributions of them.
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <pybind11/stl.h>

#include "assistant/uncertain_mediation_json.h"
#include "bindings.h"
#include "conversions.h"
#include "parley/error.h"
#include "parley/uncertain_mediation.h"
#include "sampled_report.h"

namespace parley::python {
namespace {

// Rows of a [moment][sample] table, one after the other.
template <typename T>
std::vector<T> Flatten(const std::vector<std::vector<T>>& rows) {
  std::vector<T> flat;
  for (const auto& row : rows) flat.insert(flat.end(), row.begin(), row.end());
  return flat;
}

void AddSampleArrays(const UncertainSubject& subject, std::size_t samples, py::dict& json) {
  const std::vector<std::size_t> shape = {subject.moments.size(), samples};
  json["zone_exists"] = Array(shape, Flatten(subject.zone_exists), "bool");
  json["recommended_accepted"] = Array(shape, Flatten(subject.recommended_accepted), "bool");
  json["zone_size"] = Array(shape, Flatten(subject.zone_size), "uint32");
  json["stumbling_block"] = Array(shape, Flatten(subject.stumbling_block), "int32");
}

py::dict MediateUnderUncertainty(py::object scenario_or_path, std::size_t samples, std::uint64_t seed, unsigned threads,
                                 std::size_t top, std::optional<std::vector<double>> times, bool sobol,
                                 std::optional<std::vector<double>> sobol_times, const std::string& sobol_errors,
                                 std::size_t bootstrap) {
  const std::shared_ptr<UncertainScenario> scenario = UncertainScenarioFrom(scenario_or_path);
  UncertainMediationOptions options;
  options.mediation.top = top;
  if (times) options.mediation.times = *times;
  options.samples = samples;
  options.seed = seed;
  options.threads = threads;
  options.sobol = sobol;
  if (sobol_times) {
    if (!sobol) throw UsageError("sobol_times: only with sobol=True");
    options.sobol_times = *sobol_times;
  }
  options.sobol_options.errors = SobolErrorsNamed("sobol_errors", sobol_errors);
  options.sobol_options.bootstrap = bootstrap;
  options.keep_samples = true;
  UncertainMediationReport report;
  py::dict json = SampledReportDict(
      report, [&] { return AssistMediationUnderUncertainty(*scenario, options); },
      [&](const UncertainMediationReport& answered) { return UncertainReportJson(scenario->estimate(), answered); },
      [&](const UncertainSubject& subject, py::dict& dict) { AddSampleArrays(subject, report.samples, dict); });
  if (report.joint) {
    py::dict joint = json["joint"];
    AddSampleArrays(*report.joint, report.samples, joint);
  }
  return json;
}

}  // namespace

void BindUncertainMediation(py::module_& m) {
  const UncertainMediationOptions defaults;
  m.def("mediate_under_uncertainty", &MediateUnderUncertainty, py::arg("scenario"), py::kw_only(),
        py::arg("samples") = defaults.samples, py::arg("seed") = defaults.seed, py::arg("threads") = defaults.threads,
        py::arg("top") = defaults.mediation.top, py::arg("times") = py::none(), py::arg("sobol") = defaults.sobol,
        py::arg("sobol_times") = py::none(), py::arg("sobol_errors") = SobolErrorsName(defaults.sobol_options.errors),
        py::arg("bootstrap") = defaults.sobol_options.bootstrap,
        "The mediator's assistant over `samples` worlds of an UncertainScenario (or a built-in name or Parley "
        "JSON path), as `parley mediate --samples N --json` (docs/uncertainty.md): a dict with the same "
        "content, plus 'values' (samples x uncertain numbers) and, per subject in 'tracks' and 'joint', "
        "arrays [moment][sample] of each world's answers: 'zone_exists', 'recommended_accepted' (the "
        "estimate's first proposal), 'zone_size', 'stumbling_block' (index in 'issues', -1 for none). "
        "The same seed gives the same dict whatever `threads` (0: every core).");
}

}  // namespace parley::python
