// Scenarios with uncertain numbers from Python (include/parley/uncertainty.h): the numbers and
// their distributions, the worlds they span, and sampled values as numpy arrays, so that
// analyses written in Python draw the same worlds as Parley's own for a seed.
#include <cmath>
#include <vector>

#include <fmt/format.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "bindings.h"
#include "conversions.h"
#include "parley/error.h"
#include "parley/uncertainty.h"

namespace parley::python {
namespace {

using UncertainPtr = std::shared_ptr<UncertainScenario>;

const char* ShapeName(UncertainNumber::Shape shape) {
  switch (shape) {
    case UncertainNumber::Shape::kUniform: return "uniform";
    case UncertainNumber::Shape::kTriangular: return "triangular";
    case UncertainNumber::Shape::kNormal: return "normal";
  }
  return "";
}

py::dict NumberDict(const UncertainNumber& number) {
  py::dict entry;
  entry["name"] = number.name;
  entry["path"] = number.path;
  entry["variable"] = number.variable;
  entry["shape"] = ShapeName(number.shape);
  entry["low"] = number.low;
  entry["high"] = number.high;
  if (number.shape == UncertainNumber::Shape::kTriangular) entry["mode"] = number.mode;
  if (number.shape == UncertainNumber::Shape::kNormal) {
    entry["mean"] = number.mean;
    entry["sd"] = number.sd;
  }
  entry["estimate"] = number.estimate;
  py::list places;
  for (const NumberPlace& place : number.places) places.append(place.path);
  entry["places"] = places;
  return entry;
}

}  // namespace

void BindUncertainty(py::module_& m) {
  py::class_<UncertainScenario, UncertainPtr>(
      m, "UncertainScenario",
      "A scenario whose numbers may be ranges or distributions (docs/uncertainty.md): its uncertain numbers, "
      "the scenario at their estimates, and the world at any point of the unit cube.")
      .def(py::init([](const std::filesystem::path& name_or_path) {
             return std::make_shared<UncertainScenario>(UncertainScenario::Load(name_or_path.string()));
           }),
           py::arg("name_or_path"), "Loads a built-in scenario or a Parley JSON file (single- or multi-track).")
      .def_static(
          "from_text",
          [](const std::string& text, const std::string& origin) {
            return std::make_shared<UncertainScenario>(UncertainScenario::FromText(text, origin));
          },
          py::arg("text"), py::arg("origin") = "<text>", "Reads a Parley JSON document given as text.")
      .def_property_readonly(
          "numbers",
          [](const UncertainScenario& s) {
            py::list numbers;
            for (const auto& number : s.numbers()) numbers.append(NumberDict(number));
            return numbers;
          },
          "One dict per uncertain number: name, path, variable, shape, low, high (mode; mean and sd), estimate, "
          "places.")
      .def_property_readonly("dimension", &UncertainScenario::dimension)
      .def_property_readonly(
          "estimate", [](const UncertainScenario& s) { return std::make_shared<MultiTrackScenario>(s.estimate()); },
          "The scenario at the estimates (a MultiTrackScenario).")
      .def(
          "values", [](const UncertainScenario& s, const std::vector<double>& unit) { return Vector(s.Values(unit)); },
          py::arg("unit"), "The numbers at a point of the unit cube (one coordinate in (0, 1) per number).")
      .def(
          "unit_point",
          [](const UncertainScenario& s, std::uint64_t seed, std::uint64_t index) {
            return Vector(s.UnitPoint(seed, index));
          },
          py::arg("seed"), py::arg("index"), "The unit point of sample `index` for `seed`.")
      .def(
          "sample_values",
          [](const UncertainScenario& s, std::uint64_t seed, std::uint64_t n) {
            const std::size_t k = s.dimension();
            std::vector<double> table(static_cast<std::size_t>(n) * k);
            std::vector<double> unit(k);
            for (std::uint64_t j = 0; j < n; ++j) {
              s.UnitPointInto(seed, j, unit);
              s.ValuesInto(unit, std::span<double>(table.data() + j * k, k));
            }
            return Matrix(static_cast<std::size_t>(n), k, table);
          },
          py::arg("seed"), py::arg("n"),
          "The numbers of samples 0..n-1 for `seed`: an n x dimension array (row j is sample j).")
      .def(
          "world_at",
          [](const UncertainScenario& s, const std::vector<double>& unit) {
            return std::make_shared<MultiTrackScenario>(s.WorldAt(unit));
          },
          py::arg("unit"), "The scenario at a point of the unit cube.")
      .def(
          "sample_world",
          [](const UncertainScenario& s, std::uint64_t seed, std::uint64_t index) {
            return std::make_shared<MultiTrackScenario>(s.SampleWorld(seed, index));
          },
          py::arg("seed"), py::arg("index"), "The scenario of sample `index` for `seed`.")
      .def("__repr__", [](const UncertainScenario& s) {
        return fmt::format("<parley.UncertainScenario '{}': {} uncertain numbers>", s.estimate().name(), s.dimension());
      });
}

}  // namespace parley::python
