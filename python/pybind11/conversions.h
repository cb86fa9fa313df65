// Conversions between Parley's C++ values and the Python objects the `parley` package hands out:
// outcomes as tuples, tables as numpy arrays (nested lists when numpy is not installed).
//
// Every function here needs the GIL.
#ifndef PARLEY_PYBIND11_CONVERSIONS_H_
#define PARLEY_PYBIND11_CONVERSIONS_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <pybind11/pybind11.h>

#include "parley/outcome_space.h"
#include "parley/scenario.h"

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

// The space of a profile as Python holds it, kept alive by the utility function that refers to it.
std::shared_ptr<OutcomeSpace> SpaceOf(const Profile& profile);

}  // namespace parley::python

#endif  // PARLEY_PYBIND11_CONVERSIONS_H_
