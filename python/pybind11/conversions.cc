#include "conversions.h"

#include <cstring>

#include <fmt/format.h>
#include <pybind11/stl.h>

#include "parley/error.h"
#include "parley/utility.h"

namespace parley::python {
namespace {

// A value read from Python: a number in Outcome's encoding, or a value as written (a name).
double ReadValue(const Issue& issue, py::handle item) {
  if (py::isinstance<py::str>(item)) {
    const std::string text = item.cast<std::string>();
    if (auto value = issue.Parse(text)) return *value;
    throw UsageError(fmt::format("issue '{}' has no value '{}'", issue.name(), text));
  }
  try {
    return py::float_(py::reinterpret_borrow<py::object>(item)).cast<double>();
  } catch (const py::error_already_set&) {
    throw UsageError(fmt::format("issue '{}': expected a number or a value name, got {}", issue.name(),
                                 std::string(py::str(py::type::handle_of(item).attr("__name__")))));
  }
}

}  // namespace

py::tuple OutcomeToPython(const OutcomeSpace& space, const Outcome& outcome) {
  py::tuple tuple(outcome.size());
  for (std::size_t i = 0; i < outcome.size(); ++i) {
    if (i < space.issue_count() && space.issue(i).countable()) {
      tuple[i] = py::int_(static_cast<long long>(outcome[i]));
    } else {
      tuple[i] = py::float_(outcome[i]);
    }
  }
  return tuple;
}

py::object OptionalOutcomeToPython(const OutcomeSpace& space, const std::optional<Outcome>& outcome) {
  return outcome ? py::object(OutcomeToPython(space, *outcome)) : py::none();
}

void ReadOutcome(const OutcomeSpace& space, py::handle object, Outcome& out) {
  const std::size_t n = space.issue_count();
  if (out.size() != n) out = Outcome(n);
  if (py::isinstance<py::dict>(object)) {
    const auto dict = py::reinterpret_borrow<py::dict>(object);
    for (const auto& [key, value] : dict) {
      const std::string name = py::str(key);
      if (!space.FindIssue(name)) throw UsageError(fmt::format("space '{}' has no issue '{}'", space.name(), name));
    }
    for (std::size_t i = 0; i < n; ++i) {
      const auto& issue = space.issue(i);
      if (!dict.contains(issue.name())) {
        throw UsageError(fmt::format("the outcome gives no value for issue '{}'", issue.name()));
      }
      out[i] = ReadValue(issue, dict[py::str(issue.name())]);
    }
    return;
  }
  if (py::isinstance<py::str>(object) || !py::isinstance<py::sequence>(object)) {
    // numpy arrays are sequences; anything else iterable is read through a list.
    if (!py::hasattr(object, "__iter__") || py::isinstance<py::str>(object)) {
      throw UsageError(fmt::format("an outcome is a sequence of {} values or a dict from issue names to values, not {}",
                                   n, std::string(py::str(py::type::handle_of(object).attr("__name__")))));
    }
    ReadOutcome(space, py::list(py::reinterpret_borrow<py::object>(object)), out);
    return;
  }
  const auto sequence = py::reinterpret_borrow<py::sequence>(object);
  if (sequence.size() != n) {
    throw UsageError(fmt::format("an outcome of space '{}' has {} values (one per issue), not {}", space.name(), n,
                                 sequence.size()));
  }
  for (std::size_t i = 0; i < n; ++i) out[i] = ReadValue(space.issue(i), sequence[i]);
}

Outcome OutcomeFromPython(const OutcomeSpace& space, py::handle object) {
  Outcome outcome(space.issue_count());
  ReadOutcome(space, object, outcome);
  std::string why;
  if (!space.IsValid(outcome, &why)) throw UsageError(fmt::format("invalid outcome: {}", why));
  return outcome;
}

py::dict OutcomeValues(const OutcomeSpace& space, const Outcome& outcome) {
  py::dict values;
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    values[py::str(space.issue(i).name())] = space.issue(i).Format(outcome[i]);
  }
  return values;
}

bool NumpyAvailable() {
  // Asked once: whether numpy is installed does not change while the interpreter runs.
  static const bool available = [] {
    try {
      py::module_::import("numpy");
      return true;
    } catch (const py::error_already_set&) {
      return false;
    }
  }();
  return available;
}

py::object Matrix(std::size_t rows, std::size_t columns, const std::vector<double>& data) {
  if (NumpyAvailable()) {
    py::object numpy = py::module_::import("numpy");
    py::object array = numpy.attr("empty")(py::make_tuple(rows, columns), "float64");
    if (!data.empty()) {
      py::buffer_info buffer = py::reinterpret_borrow<py::buffer>(array).request(true);
      std::memcpy(buffer.ptr, data.data(), data.size() * sizeof(double));
    }
    return array;
  }
  py::list table(rows);
  for (std::size_t r = 0; r < rows; ++r) {
    py::list row(columns);
    for (std::size_t c = 0; c < columns; ++c) row[c] = data[r * columns + c];
    table[r] = row;
  }
  return table;
}

py::object Vector(const std::vector<double>& data) {
  if (NumpyAvailable()) {
    py::object numpy = py::module_::import("numpy");
    py::object array = numpy.attr("empty")(data.size(), "float64");
    if (!data.empty()) {
      py::buffer_info buffer = py::reinterpret_borrow<py::buffer>(array).request(true);
      std::memcpy(buffer.ptr, data.data(), data.size() * sizeof(double));
    }
    return array;
  }
  return py::cast(data);
}

std::shared_ptr<UncertainScenario> UncertainScenarioFrom(py::handle scenario_or_path) {
  if (py::isinstance<UncertainScenario>(scenario_or_path)) {
    return scenario_or_path.cast<std::shared_ptr<UncertainScenario>>();
  }
  const std::string path = py::str(py::module_::import("os").attr("fspath")(scenario_or_path));
  return std::make_shared<UncertainScenario>(UncertainScenario::Load(path));
}

const char* SobolErrorsName(SobolErrors errors) { return errors == SobolErrors::kDeltaMethod ? "clt" : "bootstrap"; }

SobolErrors SobolErrorsNamed(const char* argument, const std::string& name) {
  if (name == SobolErrorsName(SobolErrors::kBootstrap)) return SobolErrors::kBootstrap;
  if (name == SobolErrorsName(SobolErrors::kDeltaMethod)) return SobolErrors::kDeltaMethod;
  throw UsageError(fmt::format("{} '{}': expected bootstrap or clt", argument, name));
}

std::shared_ptr<OutcomeSpace> SpaceOf(const Profile& profile) {
  const auto& utility = profile.shared_utility_function();
  return std::shared_ptr<OutcomeSpace>(std::const_pointer_cast<UtilityFunction>(utility),
                                       const_cast<OutcomeSpace*>(&utility->space()));
}

}  // namespace parley::python
