// A negotiation's result as the JSON object ResultToJson prints, for callers that add to it (the
// CLI adds the agreement's metrics, which the io layer does not know).
#ifndef PARLEY_IO_RESULT_JSON_H_
#define PARLEY_IO_RESULT_JSON_H_

#include <nlohmann/json.hpp>

#include "parley/protocol.h"
#include "parley/scenario.h"

namespace parley::internal {

nlohmann::ordered_json ResultJson(const Scenario& scenario, const NegotiationResult& result);

}  // namespace parley::internal

#endif  // PARLEY_IO_RESULT_JSON_H_
