// The order in which GENIUS lists the values of a discrete issue when an agent asks a profile's
// evaluator for them (EvaluatorDiscrete.getValues()): the key order of a java.util.HashMap filled
// in file order, which follows the values' Java string hashes, not the file. Agents that
// enumerate bids from the evaluators (AgentLG) break utility ties in that order, so a port must
// reproduce it to make the same choices.
//
// Header-only; allocates its result and a little scratch.
#ifndef PARLEY_NEGOTIATORS_ANAC_GENIUS_VALUE_ORDER_H_
#define PARLEY_NEGOTIATORS_ANAC_GENIUS_VALUE_ORDER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "common/java_hash.h"
#include "parley/outcome_space.h"

namespace parley {

// The positions of a discrete issue's values in the order EvaluatorDiscrete.getValues() lists
// them. The evaluator is filled in the order the profile lists the values, taken to be the
// domain's (as in the ANAC profiles); that order only decides between values sharing a bucket.
// Copies of the evaluator (every agent gets one) rebuild the same order.
inline std::vector<std::size_t> GeniusEvaluatorValueOrder(const Issue& issue) {
  std::vector<std::int32_t> hashes;
  hashes.reserve(issue.values().size());
  for (const std::string& value : issue.values()) hashes.push_back(JavaStringHash(value));
  return JavaHashMapOrder(hashes);
}

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_GENIUS_VALUE_ORDER_H_
