// The extension module `parley._parley`: the C++ engine as Python sees it. The package's
// __init__.py re-exports it with the pure-Python parts (the Negotiator base class, argument
// handling); docs/python.md is the guide.
#include "bindings.h"

PYBIND11_MODULE(_parley, m) {
  m.doc() = "Parley's negotiation engine (C++), as used by the parley package.";
  m.attr("__version__") = PARLEY_VERSION;
  parley::python::BindErrors(m);
  parley::python::BindRegistries(m);
  parley::python::BindLimits(m);
  parley::python::BindScenarios(m);
  parley::python::BindAnalysis(m);
  parley::python::BindNegotiation(m);
  parley::python::BindMultiTrack(m);
  parley::python::BindTournament(m);
  parley::python::BindUncertainty(m);
  parley::python::BindKnowledge(m);
  parley::python::BindSensitivity(m);
  parley::python::BindUncertainMediation(m);
  parley::python::BindUncertainAnalysis(m);
}
