// Conversions between Parley's C++ values and the Python objects the `parley` package hands out:
// outcomes as tuples, tables as numpy arrays (nested lists when numpy is not installed).
//
// Every function here needs the GIL.
#ifndef PARLEY_PYBIND11_CONVERSIONS_H_
#define PARLEY_PYBIND11_CONVERSIONS_H_

#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pybind11/pybind11.h>

#include "parley/outcome_space.h"
#include "parley/scenario.h"
#include "parley/sensitivity.h"
#include "parley/uncertainty.h"

namespace parley::python {

namespace py = pybind11;

// An outcome as a tuple with one value per issue, in Outcome's encoding: the value's position
// (int) for a discrete issue, the integer (int) for an integer issue, the number (float) for a
// real issue.
py::tuple OutcomeToPython(const OutcomeSpace& space, const Outcome& outcome);
py::object OptionalOutcomeToPython(const OutcomeSpace& space, const std::optional<Outcome>& outcome);

// Reads an outcome from a sequence with one value per issue (numbers in Outcome's encoding or
// value names) or a mapping from issue names to values, into `out`. Throws UsageError naming
// what is wrong; does not check that the values are legal (see OutcomeFromPython).
void ReadOutcome(const OutcomeSpace& space, py::handle object, Outcome& out);
// ReadOutcome, then checks that the outcome is legal in `space`.
Outcome OutcomeFromPython(const OutcomeSpace& space, py::handle object);

// Each issue's value by name: {"price": "low", "quantity": "12"}.
py::dict OutcomeValues(const OutcomeSpace& space, const Outcome& outcome);

// A rows x columns table of doubles (row-major): a numpy float64 array when numpy can be
// imported, otherwise a list of lists.
py::object Matrix(std::size_t rows, std::size_t columns, const std::vector<double>& data);
// A vector of doubles: a one-dimensional numpy array, or a list without numpy.
py::object Vector(const std::vector<double>& data);
bool NumpyAvailable();

// An array of any shape, row-major, of items of type T that numpy's `dtype` ("bool", "uint8",
// "int32", "float64", ...) stores alike (bool: one byte, 0 or 1): a numpy array, or nested lists
// without numpy (of bools for "bool").
template <typename T>
py::object Array(const std::vector<std::size_t>& shape, const std::vector<T>& data, const char* dtype) {
  if (NumpyAvailable()) {
    py::object array = py::module_::import("numpy").attr("empty")(py::tuple(py::cast(shape)), dtype);
    if (!data.empty()) {
      py::buffer_info buffer = py::reinterpret_borrow<py::buffer>(array).request(true);
      std::memcpy(buffer.ptr, data.data(), data.size() * sizeof(T));
    }
    return array;
  }
  const bool booleans = std::string_view(dtype) == "bool";
  std::size_t at = 0;
  auto nest = [&](auto& self, std::size_t axis) -> py::object {
    if (axis == shape.size()) {
      const T item = data[at++];
      return booleans ? py::object(py::bool_(item != T{})) : py::object(py::cast(item));
    }
    py::list list(shape[axis]);
    for (std::size_t i = 0; i < shape[axis]; ++i) list[i] = self(self, axis + 1);
    return list;
  };
  return nest(nest, 0);
}

// An UncertainScenario given as one, or as a built-in name or a path (str or os.PathLike) to load.
std::shared_ptr<UncertainScenario> UncertainScenarioFrom(py::handle scenario_or_path);

// How Sobol indices' errors are named in Python, as on the command line: "bootstrap" or "clt".
// SobolErrorsNamed throws UsageError naming `argument` for any other name.
const char* SobolErrorsName(SobolErrors errors);
SobolErrors SobolErrorsNamed(const char* argument, const std::string& name);

// The space of a profile as Python holds it, kept alive by the utility function that refers to it.
std::shared_ptr<OutcomeSpace> SpaceOf(const Profile& profile);

}  // namespace parley::python

#endif  // PARLEY_PYBIND11_CONVERSIONS_H_
