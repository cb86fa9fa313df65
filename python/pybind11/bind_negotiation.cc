// Running a negotiation from Python: negotiators given as specs or as Python objects, the result
// as plain Python values (agreement, utilities, trace as dicts) and numpy arrays.
#include <cmath>
#include <limits>
#include <set>

#include <fmt/format.h>
#include <pybind11/stl.h>

#include "bindings.h"
#include "conversions.h"
#include "parley/error.h"
#include "parley/knowledge.h"
#include "parley/mediator.h"
#include "parley/protocol.h"
#include "python_negotiator.h"
#include "record_dicts.h"
#include "results.h"

namespace parley::python {
namespace {

// Python shows who acted by index, so the entries need no scenario for names.
py::list TraceToPython(const PythonResult& r) {
  py::list steps;
  for (std::size_t i = 0; i < r.result.trace.size(); ++i) {
    steps.append(ToDict(internal::TraceEntryAt(nullptr, *r.space, r.result, i)));
  }
  return steps;
}

// One row of `columns` numbers per trace entry, written by fill(entry, row) for the entries with
// an offer; NaN for the others.
template <typename Fill>
py::object TraceTable(const Trace& trace, std::size_t columns, Fill fill) {
  std::vector<double> data(trace.size() * columns, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 0; i < trace.size(); ++i) {
    if (trace.has_offer(i)) fill(i, data.data() + i * columns);
  }
  return Matrix(trace.size(), columns, data);
}

py::object TraceUtilities(const PythonResult& r) {
  const Trace& trace = r.result.trace;
  return TraceTable(trace, trace.party_count(), [&](std::size_t i, double* row) {
    for (std::size_t p = 0; p < trace.party_count(); ++p) row[p] = trace.utility(i, p);
  });
}

py::object TraceOffers(const PythonResult& r) {
  const Trace& trace = r.result.trace;
  return TraceTable(trace, trace.issue_count(), [&](std::size_t i, double* row) {
    const Outcome offer = trace.offer(i);
    std::copy(offer.values().begin(), offer.values().end(), row);
  });
}

PythonResult Negotiate(const std::shared_ptr<Scenario>& scenario, const py::list& negotiators,
                       const std::string& protocol, const std::vector<std::string>& mediators, std::uint64_t rounds,
                       double time_limit, std::uint64_t seed, bool trace, const std::vector<std::string>& knowledge,
                       const std::vector<std::string>& estimators) {
  std::vector<py::object> given;
  for (const auto& negotiator : negotiators) given.push_back(py::reinterpret_borrow<py::object>(negotiator));
  if (given.size() == 1 && scenario->party_count() > 1 && py::isinstance<py::str>(given[0])) {
    given.resize(scenario->party_count(), given[0]);  // one spec for every party
  }
  if (given.size() != scenario->party_count()) {
    throw UsageError(fmt::format("scenario '{}' has {} parties but {} negotiators were given", scenario->name(),
                                 scenario->party_count(), given.size()));
  }
  std::vector<std::unique_ptr<Negotiator>> owned;
  std::vector<Negotiator*> pointers;
  std::vector<std::string> names;
  std::set<PyObject*> objects;
  for (const auto& negotiator : given) {
    if (py::isinstance<py::str>(negotiator)) {
      names.push_back(negotiator.cast<std::string>());
      owned.push_back(NegotiatorRegistry::Create(names.back()));
    } else {
      if (!objects.insert(negotiator.ptr()).second) {
        throw UsageError(
            fmt::format("the same negotiator object {} was given for two parties; give each party its "
                        "own",
                        std::string(py::repr(negotiator))));
      }
      names.push_back(PythonNegotiatorName(negotiator));
      owned.push_back(std::make_unique<PythonNegotiator>(negotiator));
    }
    pointers.push_back(owned.back().get());
  }
  std::vector<std::unique_ptr<Mediator>> owned_mediators;
  std::vector<Mediator*> mediator_pointers;
  for (const auto& spec : mediators) {
    owned_mediators.push_back(MediatorRegistry::Create(spec));
    mediator_pointers.push_back(owned_mediators.back().get());
  }
  auto mechanism = ProtocolRegistry::Create(protocol);
  NegotiationOptions options;
  options.rounds = rounds;
  options.time_limit_seconds = time_limit;
  options.seed = seed;
  options.record_trace = trace;
  if (!knowledge.empty() || !estimators.empty()) SetKnowledge(*scenario, knowledge, estimators, options);
  PythonResult result{{}, scenario->shared_space(), {}};
  for (const auto& profile : scenario->profiles()) result.parties.push_back(profile.name());
  {
    RunGuard guard;
    py::gil_scoped_release release;
    result.result = mechanism->Run(*scenario, pointers, mediator_pointers, options);
  }
  result.result.negotiators = names;
  result.result.mediators = mediators;
  return result;
}

std::string Repr(const PythonResult& r) {
  const auto& result = r.result;
  if (result.agreement) {
    return fmt::format("<parley.NegotiationResult agreement after {} steps: {}; utilities {}>", result.steps,
                       r.space->Format(*result.agreement), fmt::join(result.utilities, ", "));
  }
  return fmt::format("<parley.NegotiationResult {} after {} steps; utilities {}>", EndReasonName(result.end_reason),
                     result.steps, fmt::join(result.utilities, ", "));
}

}  // namespace

void BindNegotiation(py::module_& m) {
  BindPythonNegotiators(m);

  py::class_<PythonResult>(m, "NegotiationResult", "How a negotiation ended, and (when recorded) every action.")
      .def_property_readonly(
          "agreement", [](const PythonResult& r) { return OptionalOutcomeToPython(*r.space, r.result.agreement); },
          "The agreed outcome (a tuple), or None.")
      .def_property_readonly(
          "agreement_values",
          [](const PythonResult& r) -> py::object {
            return r.result.agreement ? py::object(OutcomeValues(*r.space, *r.result.agreement)) : py::none();
          },
          "The agreement's value of each issue by name, or None.")
      .def_property_readonly("agreed", [](const PythonResult& r) { return r.result.agreement.has_value(); })
      .def_property_readonly(
          "end_reason", [](const PythonResult& r) { return std::string(EndReasonName(r.result.end_reason)); },
          "'agreement', 'deadline', 'ended', 'fault', 'stopped' or (mopac) 'partial'.")
      .def_property_readonly(
          "coalitions",
          [](const PythonResult& r) {
            py::list coalitions;
            for (const Coalition& coalition : r.result.coalitions) {
              py::dict entry;
              entry["outcome"] = OptionalOutcomeToPython(*r.space, coalition.outcome);
              entry["parties"] = coalition.parties;
              entry["round"] = coalition.round;
              entry["time"] = coalition.time;
              coalitions.append(entry);
            }
            return coalitions;
          },
          "Under mopac, the coalitions formed, in order: dicts of outcome (a tuple), parties (indices), round and "
          "time; empty otherwise.")
      .def_property_readonly(
          "removals",
          [](const PythonResult& r) {
            py::list removals;
            for (const Fault& removal : r.result.removals)
              removals.append(py::make_tuple(removal.party, removal.message));
            return removals;
          },
          "Under mopac, the parties removed while the rest went on, as (party, message) tuples.")
      .def_property_readonly(
          "utilities", [](const PythonResult& r) { return r.result.utilities; },
          "Each party's final utility: of the agreement (or its mopac coalition's outcome), discounted at the "
          "time it was reached, or its discounted reservation value.")
      .def_property_readonly("undiscounted_utilities",
                             [](const PythonResult& r) { return r.result.undiscounted_utilities; })
      .def_property_readonly("steps", [](const PythonResult& r) { return r.result.steps; })
      .def_property_readonly("rounds", [](const PythonResult& r) { return r.result.rounds; })
      .def_property_readonly(
          "time", [](const PythonResult& r) { return r.result.time; }, "Normalised time at the end.")
      .def_property_readonly("elapsed_seconds", [](const PythonResult& r) { return r.result.elapsed_seconds; })
      .def_property_readonly(
          "fault",
          [](const PythonResult& r) -> py::object {
            return r.result.fault ? py::cast(r.result.fault->message) : py::none();
          },
          "What went wrong when a negotiator or mediator failed, or None.")
      .def_property_readonly(
          "fault_party",
          [](const PythonResult& r) -> py::object {
            return r.result.fault ? py::cast(r.result.fault->party) : py::none();
          },
          "Who failed (party_count + m for mediator m), or None.")
      .def_property_readonly("stop_reason", [](const PythonResult& r) { return r.result.stop_reason; })
      .def_property_readonly(
          "negotiators", [](const PythonResult& r) { return r.result.negotiators; },
          "The negotiators' specs (a Python negotiator's name), in turn order.")
      .def_property_readonly("mediators", [](const PythonResult& r) { return r.result.mediators; })
      .def_property_readonly(
          "parties", [](const PythonResult& r) { return r.parties; },
          "The parties' names, in turn order (empty in a negotiator's finish()).")
      .def_property_readonly("trace", &TraceToPython,
                             "Every action: dicts with 'step', 'round', 'time', 'party', 'action' ('offer', "
                             "'accept', 'end'), 'offer' (a tuple or None) and 'utilities' (each party's, or None).")
      .def("trace_utilities", &TraceUtilities,
           "Each party's utility of each action's offer: an array of shape (actions, parties), NaN without an "
           "offer.")
      .def("trace_offers", &TraceOffers,
           "Each action's offer: an array of shape (actions, issues) in the outcome encoding, NaN without one.")
      .def("__repr__", &Repr);

  m.def("_negotiate", &Negotiate, py::arg("scenario"), py::arg("negotiators"), py::arg("protocol"),
        py::arg("mediators"), py::arg("rounds"), py::arg("time_limit"), py::arg("seed"), py::arg("trace"),
        py::arg("knowledge"), py::arg("estimators"));
}

}  // namespace parley::python
