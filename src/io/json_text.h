// JSON text for the formats that other programs read (GeniusWeb, NegMAS): numbers are written as
// the shortest decimal that reads back as the same double, so that a number chosen to have an
// exact decimal form (GeniusWeb's weights, which must add up to exactly 1) keeps it.
#ifndef PARLEY_IO_JSON_TEXT_H_
#define PARLEY_IO_JSON_TEXT_H_

#include <string>

#include "io/json_node.h"

namespace parley::internal {

// The shortest decimal text of a finite double that reads back as the same double ("0.1", "1",
// "1e-05"). Throws UsageError for an infinity or NaN, which JSON cannot hold.
std::string ShortestNumber(double value);

// `json` as indented text (two spaces), a container on one line when it fits in 100 columns,
// with a final newline. Throws UsageError when a string is not valid UTF-8.
std::string JsonText(const Json& json);

}  // namespace parley::internal

#endif  // PARLEY_IO_JSON_TEXT_H_
