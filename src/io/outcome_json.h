// An outcome as a JSON object of issue name to value (names for discrete values, numbers
// otherwise), shared by the trace writers and the commands that print JSON.
#ifndef PARLEY_IO_OUTCOME_JSON_H_
#define PARLEY_IO_OUTCOME_JSON_H_

#include <nlohmann/json.hpp>

#include "parley/outcome_space.h"

namespace parley {

inline nlohmann::ordered_json OutcomeJson(const OutcomeSpace& space, const Outcome& outcome) {
  nlohmann::ordered_json object = nlohmann::ordered_json::object();
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    const Issue& issue = space.issue(i);
    if (issue.kind() == IssueKind::kDiscrete) {
      object[issue.name()] = issue.Format(outcome[i]);
    } else if (issue.kind() == IssueKind::kInteger) {
      object[issue.name()] = static_cast<std::int64_t>(outcome[i]);
    } else {
      object[issue.name()] = outcome[i];
    }
  }
  return object;
}

}  // namespace parley

#endif  // PARLEY_IO_OUTCOME_JSON_H_
