#include "python_negotiator.h"

#include <atomic>
#include <map>
#include <span>
#include <tuple>

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

struct VoteView {
  std::uint64_t step = 0;
  std::uint64_t round = 0;
  double time = 0.0;
  py::object offer;  // a tuple
  std::size_t offerer = 0;
  std::size_t votes_for = 0;
  double offer_utility = 0.0;
  std::size_t voter = 0;
  std::size_t ballot = 0;
  std::size_t ballots = 0;
};

struct MopacOfferView {
  py::object outcome;  // a tuple
  std::size_t maker = 0;
  double utility = 0.0;
};

struct MopacVotingView {
  std::uint64_t step = 0;
  std::uint64_t round = 0;
  double time = 0.0;
  std::size_t voter = 0;
  std::vector<MopacOfferView> offers;
  std::vector<int> powers;
  int total_power = 0;
};

struct BallotView {
  std::size_t party = 0;
  std::vector<PowerVote> votes;
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

MopacVotingView ViewOf(const OutcomeSpace& space, const MopacVoting& voting) {
  MopacVotingView view{voting.step, voting.round, voting.time, voting.voter, {}, {}, voting.total_power};
  for (const MopacOffer& offer : voting.offers) {
    view.offers.push_back({OutcomeToPython(space, *offer.outcome), offer.maker, offer.utility});
  }
  view.powers.assign(voting.powers.begin(), voting.powers.end());
  return view;
}

// The votes a Python method returned: a sequence of PowerVote or (offer, min_power, max_power)
// tuples; None or END_NEGOTIATION walks away (false). The protocol checks the votes themselves.
bool ReadVotes(const char* method, const py::object& answer, std::vector<PowerVote>& votes) {
  if (answer.is_none()) return false;
  if (py::isinstance<ActionType>(answer)) {
    if (answer.cast<ActionType>() == ActionType::kEndNegotiation) return false;
    throw UsageError(fmt::format("{}() returned {}: return a list of votes, or parley.END_NEGOTIATION to walk away",
                                 method, std::string(py::repr(answer))));
  }
  if (!py::isinstance<py::sequence>(answer) || py::isinstance<py::str>(answer)) {
    throw UsageError(
        fmt::format("{}() returned {}: return a list of votes (PowerVote or (offer, min_power, "
                    "max_power) tuples)",
                    method, std::string(py::repr(answer))));
  }
  votes.clear();
  for (const py::handle item : answer.cast<py::sequence>()) {
    if (py::isinstance<PowerVote>(item)) {
      votes.push_back(item.cast<PowerVote>());
      continue;
    }
    try {
      const auto [offer, min_power, max_power] = item.cast<std::tuple<std::size_t, int, int>>();
      votes.push_back({offer, min_power, max_power});
    } catch (const py::cast_error&) {
      throw UsageError(
          fmt::format("{}() returned a vote {}: a vote is a PowerVote or an (offer, min_power, "
                      "max_power) tuple of integers",
                      method, std::string(py::repr(item))));
    }
  }
  return true;
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
  vote_ = Overrides(negotiator_, "vote") ? py::object(negotiator_.attr("vote")) : py::object(py::none());
  vote_ranges_ =
      Overrides(negotiator_, "vote_ranges") ? py::object(negotiator_.attr("vote_ranges")) : py::object(py::none());
  opt_in_ = Overrides(negotiator_, "opt_in") ? py::object(negotiator_.attr("opt_in")) : py::object(py::none());
}

PythonNegotiator::~PythonNegotiator() {
  py::gil_scoped_acquire gil;
  begin_ = py::object();
  act_ = py::object();
  observe_ = py::object();
  finish_ = py::object();
  vote_ = py::object();
  vote_ranges_ = py::object();
  opt_in_ = py::object();
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

Vote PythonNegotiator::VoteOn(const VoteRequest& request, Outcome& scratch) {
  if (vote_.is_none()) return Negotiator::VoteOn(request, scratch);  // asks act(), which takes the GIL
  py::gil_scoped_acquire gil;
  const TurnState& turn = request.turn;
  VoteView view{turn.step,
                turn.round,
                turn.time,
                OutcomeToPython(*space_, *turn.current_offer),
                turn.offerer,
                turn.acceptances,
                turn.current_offer_utility,
                request.voter,
                request.ballot,
                request.ballots};
  py::object answer = Call(vote_, std::move(view));
  if (py::isinstance<ActionType>(answer)) {
    const auto action = answer.cast<ActionType>();
    if (action == ActionType::kAccept) return Vote::kAccept;
    if (action == ActionType::kReject) return Vote::kVeto;
  } else if (py::isinstance<py::bool_>(answer)) {
    return answer.cast<bool>() ? Vote::kAccept : Vote::kVeto;
  }
  throw UsageError(
      fmt::format("vote() returned {}: return True or parley.ACCEPT for the offer, False or "
                  "parley.REJECT against it",
                  std::string(py::repr(answer))));
}

bool PythonNegotiator::VoteRanges(const MopacVoting& voting, std::vector<PowerVote>& votes, Outcome& scratch) {
  if (vote_ranges_.is_none()) return Negotiator::VoteRanges(voting, votes, scratch);
  py::gil_scoped_acquire gil;
  return ReadVotes("vote_ranges", Call(vote_ranges_, ViewOf(*space_, voting)), votes);
}

bool PythonNegotiator::OptIn(const MopacVoting& voting, std::span<const MopacBallot> ballots,
                             std::vector<PowerVote>& mine) {
  if (opt_in_.is_none()) return Negotiator::OptIn(voting, ballots, mine);
  py::gil_scoped_acquire gil;
  std::vector<BallotView> shown;
  for (const MopacBallot& ballot : ballots) shown.push_back({ballot.party, ballot.votes});
  return ReadVotes("opt_in", Call(opt_in_, ViewOf(*space_, voting), std::move(shown), mine), mine);
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

  py::class_<VoteView>(m, "VoteRequest", "An offer put to the vote (amop, majority, tau), as vote() is shown it.")
      .def_readonly("step", &VoteView::step, "0-based index of this vote in the whole negotiation.")
      .def_readonly("round", &VoteView::round, "The protocol's round (under amop and majority, its phase).")
      .def_readonly("time", &VoteView::time, "Normalised time in [0, 1).")
      .def_readonly("offer", &VoteView::offer, "The offer voted on.")
      .def_readonly("offerer", &VoteView::offerer, "Who made it.")
      .def_readonly("votes_for", &VoteView::votes_for, "Votes for it so far.")
      .def_readonly("offer_utility", &VoteView::offer_utility, "The voter's own undiscounted utility of the offer.")
      .def_readonly("voter", &VoteView::voter, "The negotiator's own position.")
      .def_readonly("ballot", &VoteView::ballot, "Which of the offers on the table, 0-based, in the order made.")
      .def_readonly("ballots", &VoteView::ballots, "How many offers are on the table.");

  py::class_<PowerVote>(m, "PowerVote",
                        "A MOPAC vote: for offer `offer` (its position in MopacVoting.offers), holding only in an "
                        "agreement whose parties' powers add up to between min_power and max_power.")
      .def(py::init([](std::size_t offer, int min_power, int max_power) {
             return PowerVote{offer, min_power, max_power};
           }),
           py::arg("offer"), py::arg("min_power") = 2, py::arg("max_power") = 2)
      .def_readonly("offer", &PowerVote::offer)
      .def_readonly("min_power", &PowerVote::min_power)
      .def_readonly("max_power", &PowerVote::max_power)
      .def("__eq__", [](const PowerVote& a, const PowerVote& b) { return a == b; })
      .def("__repr__", [](const PowerVote& v) {
        return fmt::format("PowerVote(offer={}, min_power={}, max_power={})", v.offer, v.min_power, v.max_power);
      });

  py::class_<MopacOfferView>(m, "MopacOffer", "An offer of a MOPAC round, as its voting phase shows it.")
      .def_readonly("outcome", &MopacOfferView::outcome)
      .def_readonly("maker", &MopacOfferView::maker, "Who offered it.")
      .def_readonly("utility", &MopacOfferView::utility, "The voter's own undiscounted utility of it.");

  py::class_<MopacVotingView>(m, "MopacVoting", "What a MOPAC voting or opt-in phase shows a negotiator.")
      .def_readonly("step", &MopacVotingView::step)
      .def_readonly("round", &MopacVotingView::round, "The Offer/Voting/OptIn cycle, 0-based.")
      .def_readonly("time", &MopacVotingView::time, "Normalised time in [0, 1).")
      .def_readonly("voter", &MopacVotingView::voter, "The negotiator's own position.")
      .def_readonly("offers", &MopacVotingView::offers, "Every offer of the round, in the order made.")
      .def_readonly("powers", &MopacVotingView::powers, "Every party's power, those that left included.")
      .def_readonly("total_power", &MopacVotingView::total_power, "The sum of powers.");

  py::class_<BallotView>(m, "MopacBallot", "One party's votes of a MOPAC voting phase, as the opt-in phase shows them.")
      .def_readonly("party", &BallotView::party)
      .def_readonly("votes", &BallotView::votes);

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
