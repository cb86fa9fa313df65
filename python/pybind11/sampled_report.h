// What the answers over sampled worlds (mediation and analysis under uncertainty) hand to Python:
// the report as the command's --json prints it, as Python objects, with each world's numbers and
// answers added as arrays.
#ifndef PARLEY_PYBIND11_SAMPLED_REPORT_H_
#define PARLEY_PYBIND11_SAMPLED_REPORT_H_

#include <string>

#include <nlohmann/json.hpp>

#include "conversions.h"

namespace parley::python {

// Computes the report with `answer()` and its JSON with `to_json(report)` without the GIL (the
// worlds are answered on the report's own threads), reads the JSON into Python objects, adds
// "values" (samples x uncertain numbers) and calls add_arrays(report.tracks[t], dict of track t)
// for every track. Returns the dict and leaves the report in `report` for further arrays.
template <typename Report, typename Answer, typename ToJson, typename AddArrays>
py::dict SampledReportDict(Report& report, Answer answer, ToJson to_json, AddArrays add_arrays) {
  std::string text;
  {
    py::gil_scoped_release release;
    report = answer();
    text = to_json(report).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  py::dict json = py::module_::import("json").attr("loads")(text);
  json["values"] = Matrix(report.samples, report.numbers.size(), report.values);
  py::list tracks = json["tracks"];
  for (std::size_t t = 0; t < report.tracks.size(); ++t) {
    py::dict track = tracks[t];
    add_arrays(report.tracks[t], track);
  }
  return json;
}

}  // namespace parley::python

#endif  // PARLEY_PYBIND11_SAMPLED_REPORT_H_
