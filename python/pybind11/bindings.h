// The parts of the `parley._parley` extension module, each defined in its own file and called in
// order from module.cc. Later parts use the classes earlier ones declare.
#ifndef PARLEY_PYBIND11_BINDINGS_H_
#define PARLEY_PYBIND11_BINDINGS_H_

#include <pybind11/pybind11.h>

namespace parley::python {

namespace py = pybind11;

void BindErrors(py::module_& m);              // errors.cc: Error, InputError, UsageError
void BindRegistries(py::module_& m);          // registries.cc: registered(), builtin_scenarios()
void BindLimits(py::module_& m);              // limits.cc: ResourceLimits, resource_limits(), set_resource_limits()
void BindScenarios(py::module_& m);           // scenarios.cc: Issue, OutcomeSpace, Profile, Scenario, loading
void BindAnalysis(py::module_& m);            // analysis.cc: Analysis, Point, Zone
void BindNegotiation(py::module_& m);         // negotiation.cc: NegotiationResult, negotiate(), Python negotiators
void BindMultiTrack(py::module_& m);          // multi_track.cc: MultiTrackScenario, run_multi_track()
void BindTournament(py::module_& m);          // tournament.cc: tournament()
void BindUncertainty(py::module_& m);         // uncertainty.cc: UncertainScenario
void BindKnowledge(py::module_& m);           // knowledge.cc: estimate_preferences()
void BindSensitivity(py::module_& m);         // sensitivity.cc: sobol_indices()
void BindUncertainMediation(py::module_& m);  // uncertain_mediation.cc: mediate_under_uncertainty()
void BindUncertainAnalysis(py::module_& m);   // uncertain_analysis.cc: analyze_under_uncertainty()

}  // namespace parley::python

#endif  // PARLEY_PYBIND11_BINDINGS_H_
