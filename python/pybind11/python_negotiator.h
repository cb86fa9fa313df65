// Negotiators written in Python, taking part in C++ negotiations and tournaments.
//
// PythonNegotiator is the C++ Negotiator that forwards each call to a Python object's begin(),
// act(), observe() and finish(), and, when the object has them, vote(), vote_ranges() and opt_in()
// (the voting protocols; without them it votes as every negotiator does by default, through act()). It takes the GIL
// for each call, so Python negotiators may run in a tournament's worker threads while the thread that started the
// tournament has released it; they take turns on the GIL (docs/python.md measures what a call costs). It exists only
// where a Python negotiator plays: C++ negotiators never pay for it.
//
// RegisterPythonNegotiator adds a Python factory to the NegotiatorRegistry under a name, so that
// specs ("name(key=value)") create Python negotiators wherever specs are accepted: tournaments,
// multi-track runs, negotiate().
#ifndef PARLEY_PYBIND11_PYTHON_NEGOTIATOR_H_
#define PARLEY_PYBIND11_PYTHON_NEGOTIATOR_H_

#include <memory>
#include <span>
#include <string>
#include <vector>

#include <pybind11/pybind11.h>

#include "parley/negotiator.h"
#include "parley/registry.h"

namespace parley::python {

namespace py = pybind11;

class PythonNegotiator final : public Negotiator {
 public:
  // `negotiator` has act() and optionally begin(), observe(), finish(). Needs the GIL.
  explicit PythonNegotiator(py::object negotiator);
  // Takes the GIL to release the Python object.
  ~PythonNegotiator() override;

  void Begin(const NegotiatorContext& context) override;
  ActionType Act(const TurnState& state, Outcome& proposal) override;
  void Observe(const ObservedAction& action) override;
  Vote VoteOn(const VoteRequest& request, Outcome& scratch) override;
  bool VoteRanges(const MopacVoting& voting, std::vector<PowerVote>& votes, Outcome& scratch) override;
  bool OptIn(const MopacVoting& voting, std::span<const MopacBallot> ballots, std::vector<PowerVote>& mine) override;
  void Finish(const NegotiationResult& result) override;

 private:
  py::object negotiator_;
  py::object begin_, act_, observe_, finish_;  // bound methods; None when absent
  py::object vote_, vote_ranges_, opt_in_;     // None when absent or left as the base class's
  const OutcomeSpace* space_ = nullptr;
  std::shared_ptr<OutcomeSpace> shared_space_;
};

// The name a Python negotiator is known by in results: its `name` attribute when it is a
// non-empty string, else its class name.
std::string PythonNegotiatorName(py::handle negotiator);

// Registers `factory`, called as factory(parameters) with the spec's parameters as a dict of
// strings, under `name`; a parameter at its registered default is left out, for the factory's
// own default to apply. Registering a name again replaces its factory (the parameters must stay
// the same). Throws UsageError if a C++ negotiator has the name, a default cannot be written as
// spec text, or a run is in progress. Needs the GIL.
void RegisterPythonNegotiator(const std::string& name, py::object factory, const std::string& description,
                              const std::vector<ParameterInfo>& parameters);

// Counts the negotiations, tournaments and multi-track runs going on with the GIL released, during
// which the registry must not change.
class RunGuard {
 public:
  RunGuard();
  ~RunGuard();
  RunGuard(const RunGuard&) = delete;
  RunGuard& operator=(const RunGuard&) = delete;
};

void BindPythonNegotiators(py::module_& m);

}  // namespace parley::python

#endif  // PARLEY_PYBIND11_PYTHON_NEGOTIATOR_H_
