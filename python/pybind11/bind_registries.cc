// What the registries hold, as Python sees it: parley.registered("negotiators") lists the same
// entries as `parley list negotiators`.
#include <fmt/format.h>
#include <pybind11/stl.h>

#include "bindings.h"
#include "parley/boa.h"
#include "parley/error.h"
#include "parley/mediator.h"
#include "parley/negotiator.h"
#include "parley/preference_estimator.h"
#include "parley/protocol.h"
#include "parley/scenario_format.h"

namespace parley::python {
namespace {

template <typename T>
py::list Entries() {
  py::list list;
  for (const auto* entry : Registry<T>::List()) {
    py::list parameters;
    for (const auto& parameter : entry->parameters) {
      py::dict p;
      p["name"] = parameter.name;
      p["default"] = parameter.default_value;
      p["description"] = parameter.description;
      parameters.append(p);
    }
    py::dict e;
    e["name"] = entry->name;
    e["description"] = entry->description;
    e["parameters"] = parameters;
    e["interactive"] = entry->interactive;
    list.append(e);
  }
  return list;
}

py::list Registered(const std::string& kind) {
  if (kind == "negotiators") return Entries<Negotiator>();
  if (kind == "mediators") return Entries<Mediator>();
  if (kind == "protocols") return Entries<Protocol>();
  if (kind == "formats") return Entries<ScenarioFormat>();
  if (kind == "bidding") return Entries<BiddingStrategy>();
  if (kind == "acceptance") return Entries<AcceptanceStrategy>();
  if (kind == "models") return Entries<OpponentModel>();
  if (kind == "estimators") return Entries<PreferenceEstimator>();
  throw UsageError(
      fmt::format("unknown kind '{}' (known: negotiators, mediators, protocols, formats, bidding, acceptance, models, "
                  "estimators)",
                  kind));
}

}  // namespace

void BindRegistries(py::module_& m) {
  m.def("registered", &Registered, py::arg("kind"),
        "The registered implementations of one kind ('negotiators', 'mediators', 'protocols', 'formats', "
        "'bidding', 'acceptance', 'models', 'estimators'), sorted by name: dicts with 'name', 'description', "
        "'parameters' (dicts with 'name', 'default', 'description') and 'interactive' (True when a person plays "
        "it, as `human`: tournaments refuse it).");
  m.def("builtin_scenarios", &BuiltinScenarioNames, "Names of the scenarios built into Parley.");
}

}  // namespace parley::python
