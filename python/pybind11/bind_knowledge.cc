// Partial preferences from Python (include/parley/knowledge.h, preference_estimator.h): what a
// knowledge spec gives a party, the utility function an estimator makes of it, and how well that
// estimate orders the outcomes, so that studies of estimators run over Parley's own specs.
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <pybind11/stl.h>

#include "bindings.h"
#include "conversions.h"
#include "parley/error.h"
#include "parley/knowledge.h"
#include "parley/limits.h"
#include "parley/partial_preferences.h"
#include "parley/preference_estimator.h"
#include "parley/scenario.h"

namespace parley::python {
namespace {

py::dict EstimatePreferences(const std::shared_ptr<Scenario>& scenario, std::size_t party, const std::string& knowledge,
                             const std::string& estimator, std::uint64_t seed) {
  if (party >= scenario->party_count()) {
    throw UsageError(fmt::format("party {} is out of range: scenario '{}' has {} parties", party, scenario->name(),
                                 scenario->party_count()));
  }
  const std::shared_ptr<const PartialPreferences> known = KnowledgeFromSpec(*scenario, party, knowledge, seed);
  if (!known) throw UsageError(fmt::format("knowledge '{}' is the whole profile: nothing to estimate", knowledge));
  const std::unique_ptr<PreferenceEstimator> method = PreferenceEstimatorRegistry::Create(estimator);
  std::shared_ptr<const UtilityFunction> estimate;
  {
    py::gil_scoped_release release;
    estimate = method->Estimate(*known, seed);
  }
  const UtilityFunction& truth = scenario->profile(party).utility_function();
  const OutcomeSpace& space = scenario->space();
  const auto cardinality = space.cardinality();
  if (!cardinality || *cardinality > DefaultResourceLimits().max_outcomes) {
    throw UsageError(fmt::format("scenario '{}' has too many outcomes to compare an estimate with the truth on each",
                                 scenario->name()));
  }
  std::vector<double> estimated(static_cast<std::size_t>(*cardinality));
  std::vector<double> true_utilities(estimated.size());
  Outcome outcome(space.issue_count());
  for (OutcomeIndex i = 0; i < *cardinality; ++i) {
    space.Decode(i, outcome);
    estimated[static_cast<std::size_t>(i)] = estimate->Utility(outcome);
    true_utilities[static_cast<std::size_t>(i)] = truth.Utility(outcome);
  }
  py::dict result;
  result["known"] = known->size();
  result["kendall_tau"] = KendallTau(*estimate, truth);
  result["estimate"] = Vector(estimated);
  result["truth"] = Vector(true_utilities);
  return result;
}

}  // namespace

void BindKnowledge(py::module_& m) {
  m.def("estimate_preferences", &EstimatePreferences, py::arg("scenario"), py::arg("party"), py::arg("knowledge"),
        py::arg("estimator"), py::arg("seed"));
}

}  // namespace parley::python
