// Resource limits (parley/limits.h) as Python sees them: parley.resource_limits() reads the limits
// in force and parley.set_resource_limits(...) changes them, as the --max-* options of the
// `parley` program do.
#include <cstdint>
#include <optional>
#include <utility>

#include <fmt/format.h>
#include <pybind11/stl.h>

#include "bindings.h"
#include "parley/error.h"
#include "parley/limits.h"

namespace parley::python {
namespace {

using Limit = std::optional<std::uint64_t>;

void Apply(const Limit& value, std::uint64_t& field) {
  if (value) field = *value;
}

ResourceLimits SetLimits(const std::optional<ResourceLimits>& limits, const Limit& max_outcomes,
                         const Limit& max_cache_bytes, const Limit& max_issues, const Limit& max_tabulated_values,
                         const Limit& max_depth) {
  const ResourceLimits previous = DefaultResourceLimits();
  ResourceLimits chosen = limits.value_or(previous);
  Apply(max_outcomes, chosen.max_outcomes);
  Apply(max_cache_bytes, chosen.max_cache_bytes);
  Apply(max_issues, chosen.max_issues);
  Apply(max_tabulated_values, chosen.max_tabulated_values);
  Apply(max_depth, chosen.max_depth);
  // A limit of 0 would refuse every scenario or enumerate nothing; the program's options refuse
  // it too (but for max_tabulated_values, where 0 means "evaluate every issue from its function").
  for (const auto& [value, name] : {std::pair{chosen.max_outcomes, "max_outcomes"},
                                    {chosen.max_cache_bytes, "max_cache_bytes"},
                                    {chosen.max_issues, "max_issues"},
                                    {chosen.max_depth, "max_depth"}}) {
    if (value == 0) throw UsageError(fmt::format("{} must be at least 1", name));
  }
  SetDefaultResourceLimits(chosen);
  return previous;
}

}  // namespace

void BindLimits(py::module_& m) {
  py::class_<ResourceLimits>(m, "ResourceLimits",
                             "How much work and memory Parley spends on one input (docs/reliability.md): the "
                             "--max-* options of the parley program.")
      .def(py::init<>(), "The defaults.")
      .def_readwrite("max_outcomes", &ResourceLimits::max_outcomes,
                     "Most outcomes enumerated one by one; larger spaces are sampled (--max-outcomes).")
      .def_readwrite("max_cache_bytes", &ResourceLimits::max_cache_bytes,
                     "Most bytes one cached structure (a ranking, the analysis) may take (--max-memory-mb).")
      .def_readwrite("max_issues", &ResourceLimits::max_issues, "Most issues a scenario may have (--max-issues).")
      .def_readwrite("max_tabulated_values", &ResourceLimits::max_tabulated_values,
                     "Most issue values tabulated per utility function (--max-values).")
      .def_readwrite("max_depth", &ResourceLimits::max_depth,
                     "Deepest nesting of functions in a hyper-rectangle utility (--max-depth).")
      .def("__eq__",
           [](const ResourceLimits& a, const ResourceLimits& b) {
             return a.max_outcomes == b.max_outcomes && a.max_cache_bytes == b.max_cache_bytes &&
                    a.max_issues == b.max_issues && a.max_tabulated_values == b.max_tabulated_values &&
                    a.max_depth == b.max_depth;
           })
      .def("__repr__", [](const ResourceLimits& l) {
        return fmt::format(
            "ResourceLimits(max_outcomes={}, max_cache_bytes={}, max_issues={}, max_tabulated_values={}, max_depth={})",
            l.max_outcomes, l.max_cache_bytes, l.max_issues, l.max_tabulated_values, l.max_depth);
      });
  m.def("resource_limits", &DefaultResourceLimits, "The resource limits in force (a copy).");
  m.def("set_resource_limits", &SetLimits, py::arg("limits") = py::none(), py::kw_only(),
        py::arg("max_outcomes") = py::none(), py::arg("max_cache_bytes") = py::none(),
        py::arg("max_issues") = py::none(), py::arg("max_tabulated_values") = py::none(),
        py::arg("max_depth") = py::none(),
        "Sets the limits in force for work that starts afterwards (scenarios loaded, rankings and analyses "
        "built): `limits` as a whole, or the limits in force with the named ones changed. Returns the limits "
        "that were in force, to restore them. Raises UsageError for a limit of 0 (but max_tabulated_values).");
}

}  // namespace parley::python
