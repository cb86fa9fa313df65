// A negotiation's result as Python sees it (parley.NegotiationResult): the C++ result together
// with the space its outcomes belong to and the parties' names.
#ifndef PARLEY_PYBIND11_RESULTS_H_
#define PARLEY_PYBIND11_RESULTS_H_

#include <memory>
#include <string>
#include <vector>

#include "parley/protocol.h"

namespace parley::python {

struct PythonResult {
  NegotiationResult result;
  std::shared_ptr<const OutcomeSpace> space;
  std::vector<std::string> parties;
};

}  // namespace parley::python

#endif  // PARLEY_PYBIND11_RESULTS_H_
