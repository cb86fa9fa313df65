#include "python_negotiator.h"

#include <atomic>
#include <map>

#include <fmt/format.h>
#include <pybind11/stl.h>

#include "conversions.h"
#include "parley/error.h"
#include "results.h"

namespace parley::python {
namespace {

// What a Python negotiator is shown. Copies, so that a negotiator may keep them after the call.
struct ContextView {
  std::shared_ptr<OutcomeSpace> space;
  std::shared_ptr<Profile> profile;
  std::size_t party = 0;
  std::size_t party_count = 0;
  std::uint64_t max_rounds = 0;
  double time_limit = 0.0;
  std::uint64_t seed = 0;
};

struct TurnView {
  std::uint64_t step = 0;
  std::uint64_t round = 0;
  double time = 0.0;
  py::object current_offer;  // a tuple, or None before the first offer
  py::object offerer;        // an int, or None
  std::size_t acceptances = 0;
  double current_offer_utility = 0.0;
};

struct ActionView {
  std::size_t party = 0;
  ActionType action = ActionType::kOffer;
  py::object offer;  // a tuple, or None when the party ended the negotiation
  double offer_utility = 0.0;
  std::uint64_t step = 0;
  std::uint64_t round = 0;
  double time = 0.0;
};

std::atomic<int> runs_in_progress{0};

// "ValueError: message" for the Python exception being handled.
std::string Describe(const py::error_already_set& e) {
  std::string type = "Exception";
  if (e.type()) type = py::str(e.type().attr("__name__"));
  std::string message;
  if (e.value()) message = py::str(e.value());
  return message.empty() ? type : type + ": " + message;
}

// Calls a Python method, turning a Python exception into a C++ one that the protocol records as
// the negotiator's fault (the Python error objects are released here, with the GIL held).
template <typename... Args>
py::object Call(const py::object& method, Args&&... args) {
  try {
    return method(std::forward<Args>(args)...);
  } catch (const py::error_already_set& e) {
    throw std::runtime_error(Describe(e));
  }
}

// True if `negotiator`'s class overrides the base class's `method` (or is not derived from it
// but has the method): calls to a method left as the base's no-op are skipped.
bool Overrides(const py::object& negotiator, const char* method) {
  if (!py::hasattr(negotiator, method)) return false;
  py::object base = py::module_::import("parley._negotiator").attr("Negotiator");
  if (!py::isinstance(negotiator, base)) return true;
  return !py::type::handle_of(negotiator).attr(method).is(base.attr(method));
}

py::dict Factories() { return py::module_::import("parley._parley").attr("_negotiator_factories").cast<py::dict>(); }

}  // namespace

PythonNegotiator::PythonNegotiator(py::object negotiator) : negotiator_(std::move(negotiator)) {
  if (!py::hasattr(negotiator_, "act")) {
    throw py::type_error(
        fmt::format("a negotiator needs an act() method; {} has none", std::string(py::repr(negotiator_))));
  }
  act_ = negotiator_.attr("act");
  begin_ = Overrides(negotiator_, "begin") ? py::object(negotiator_.attr("begin")) : py::object(py::none());
  observe_ = Overrides(negotiator_, "observe") ? py::object(negotiator_.attr("observe")) : py::object(py::none());
  finish_ = Overrides(negotiator_, "finish") ? py::object(negotiator_.attr("finish")) : py::object(py::none());
}

PythonNegotiator::~PythonNegotiator() {
  py::gil_scoped_acquire gil;
  begin_ = py::object();
  act_ = py::object();
  observe_ = py::object();
  finish_ = py::object();
  negotiator_ = py::object();
  shared_space_.reset();
}

void PythonNegotiator::Begin(const NegotiatorContext& context) {
  py::gil_scoped_acquire gil;
  space_ = context.space;
  shared_space_ = SpaceOf(*context.profile);
  if (begin_.is_none()) return;
  ContextView view{shared_space_,      std::make_shared<Profile>(*context.profile),
                   context.party,      context.party_count,
                   context.max_rounds, context.time_limit_seconds,
                   context.seed};
  Call(begin_, view);
}

ActionType PythonNegotiator::Act(const TurnState& state, Outcome& proposal) {
  py::gil_scoped_acquire gil;
  TurnView view;
  view.step = state.step;
  view.round = state.round;
  view.time = state.time;
  if (state.current_offer) {
    view.current_offer = OutcomeToPython(*space_, *state.current_offer);
    view.offerer = py::int_(state.offerer);
  } else {
    view.current_offer = py::none();
    view.offerer = py::none();
  }
  view.acceptances = state.acceptances;
  view.current_offer_utility = state.current_offer_utility;
  py::object answer = Call(act_, std::move(view));
  if (py::isinstance<ActionType>(answer)) {
    const auto action = answer.cast<ActionType>();
    if (action == ActionType::kOffer) {
      throw UsageError("act() returned OFFER without an outcome: return the outcome to offer instead");
    }
    return action;
  }
  if (answer.is_none()) {
    throw UsageError("act() returned None: return an outcome to offer, parley.ACCEPT or parley.END_NEGOTIATION");
  }
  ReadOutcome(*space_, answer, proposal);
  return ActionType::kOffer;
}

void PythonNegotiator::Observe(const ObservedAction& action) {
  if (observe_.is_none()) return;  // read without the GIL: set once at construction
  py::gil_scoped_acquire gil;
  ActionView view;
  view.party = action.party;
  view.action = action.type;
  view.offer = action.offer ? py::object(OutcomeToPython(*space_, *action.offer)) : py::none();
  view.offer_utility = action.offer_utility;
  view.step = action.step;
  view.round = action.round;
  view.time = action.time;
  Call(observe_, std::move(view));
}

void PythonNegotiator::Finish(const NegotiationResult& result) {
  if (finish_.is_none()) return;
  py::gil_scoped_acquire gil;
  Call(finish_, PythonResult{result, shared_space_, {}});
}

std::string PythonNegotiatorName(py::handle negotiator) {
  if (py::hasattr(negotiator, "name")) {
    py::object name = negotiator.attr("name");
    if (py::isinstance<py::str>(name) && !name.cast<std::string>().empty()) return name.cast<std::string>();
  }
  return py::str(py::type::handle_of(negotiator).attr("__name__"));
}

void RegisterPythonNegotiator(const std::string& name, py::object factory, const std::string& description,
                              const std::vector<ParameterInfo>& parameters) {
  if (runs_in_progress.load() > 0) {
    throw UsageError(fmt::format("cannot register negotiator '{}' while a negotiation or tournament is running", name));
  }
  py::dict factories = Factories();
  if (factories.contains(name)) {
    const auto& entry = NegotiatorRegistry::Find(name);
    std::vector<std::string> before, after;
    for (const auto& p : entry.parameters) before.push_back(p.name);
    for (const auto& p : parameters) after.push_back(p.name);
    if (before != after) {
      throw UsageError(
          fmt::format("negotiator '{}' was registered with parameters ({}); a name keeps its parameters, "
                      "register the new ones under a new name",
                      name, fmt::join(before, ", ")));
    }
    factories[py::str(name)] = factory;
    return;
  }
  if (NegotiatorRegistry::Has(name)) {
    throw UsageError(fmt::format("negotiator '{}' is already registered by Parley", name));
  }
  Spec::Parse(name);  // the name must be usable in specs
  // A Python factory declares its defaults itself, as keyword defaults; the registered ones are
  // their text, written so that a spec reads it back. The registry fills them in like any other,
  // and a value equal to the registered default is left out of the call, so that the factory's own
  // default applies.
  NegotiatorRegistry::Entry entry{name, description, parameters, nullptr};
  for (auto& parameter : entry.parameters) parameter.default_value = Spec(parameter.default_value).ToString();
  NegotiatorRegistry::CheckDefaults(entry);
  std::map<std::string, Spec> defaults;
  for (const auto& parameter : entry.parameters) defaults.emplace(parameter.name, Spec::Parse(parameter.default_value));
  entry.factory = [name, defaults](const Spec& spec) -> std::unique_ptr<Negotiator> {
    py::gil_scoped_acquire gil;
    Spec given(name);
    py::dict arguments;
    for (const auto& [key, value] : spec.parameters()) {
      const auto registered = defaults.find(key);
      if (registered != defaults.end() && registered->second == value) continue;
      given.Set(key, value);
      arguments[py::str(key)] = value.parameters().empty() ? value.name() : value.ToString();
    }
    py::object negotiator;
    try {
      negotiator = Factories()[py::str(name)](arguments);
    } catch (const py::error_already_set& e) {
      throw UsageError(fmt::format("negotiator '{}' could not be created: {}", given.ToString(), Describe(e)));
    }
    return std::make_unique<PythonNegotiator>(std::move(negotiator));
  };
  factories[py::str(name)] = factory;
  NegotiatorRegistry::Add(std::move(entry));
}

RunGuard::RunGuard() { ++runs_in_progress; }
RunGuard::~RunGuard() { --runs_in_progress; }

void BindPythonNegotiators(py::module_& m) {
  py::enum_<ActionType>(m, "ActionType", "What a negotiator does on its turn.")
      .value("OFFER", ActionType::kOffer)
      .value("ACCEPT", ActionType::kAccept)
      .value("END_NEGOTIATION", ActionType::kEndNegotiation)
      .value("REJECT", ActionType::kReject)
      .export_values();

  py::class_<ContextView>(m, "NegotiatorContext", "What a negotiator is told when a negotiation begins.")
      .def_readonly("space", &ContextView::space)
      .def_readonly("profile", &ContextView::profile, "The negotiator's own preferences.")
      .def_readonly("party", &ContextView::party, "The negotiator's position in the turn order.")
      .def_readonly("party_count", &ContextView::party_count)
      .def_readonly("max_rounds", &ContextView::max_rounds, "Deadline in rounds; 0 when there is none.")
      .def_readonly("time_limit", &ContextView::time_limit, "Wall-clock deadline in seconds; 0 when there is none.")
      .def_readonly("seed", &ContextView::seed, "For every random choice the negotiator makes.");

  py::class_<TurnView>(m, "TurnState", "The negotiation as it stands when a negotiator is asked to act.")
      .def_readonly("step", &TurnView::step, "0-based index of this turn in the whole negotiation.")
      .def_readonly("round", &TurnView::round, "0-based; in each round every party has one turn.")
      .def_readonly("time", &TurnView::time, "Normalised time in [0, 1).")
      .def_readonly("current_offer", &TurnView::current_offer, "The offer on the table, or None before the first.")
      .def_readonly("offerer", &TurnView::offerer, "Who made current_offer, or None.")
      .def_readonly("acceptances", &TurnView::acceptances, "Parties that have accepted current_offer so far.")
      .def_readonly("current_offer_utility", &TurnView::current_offer_utility,
                    "The negotiator's own undiscounted utility of current_offer.");

  py::class_<ActionView>(m, "ObservedAction", "Another party's action, shown to everyone else.")
      .def_readonly("party", &ActionView::party)
      .def_readonly("action", &ActionView::action)
      .def_readonly("offer", &ActionView::offer, "The offer made or accepted; None when the party walked away.")
      .def_readonly("offer_utility", &ActionView::offer_utility, "The observer's own undiscounted utility of offer.")
      .def_readonly("step", &ActionView::step)
      .def_readonly("round", &ActionView::round)
      .def_readonly("time", &ActionView::time);

  m.attr("_negotiator_factories") = py::dict();
  m.def(
      "_register_negotiator",
      [](const std::string& name, py::object factory, const std::string& description,
         const std::vector<std::vector<std::string>>& parameters) {
        std::vector<ParameterInfo> infos;
        for (const auto& p : parameters) infos.push_back({p.at(0), p.at(1), p.at(2)});
        RegisterPythonNegotiator(name, std::move(factory), description, infos);
      },
      py::arg("name"), py::arg("factory"), py::arg("description"), py::arg("parameters"));
}

}  // namespace parley::python
