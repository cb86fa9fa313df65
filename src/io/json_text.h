// JSON text as Parley writes it for people to read: two-space indentation, a container kept on
// one line when it fits. For the formats that other programs read (GeniusWeb, NegMAS) numbers are
// written as the shortest decimal that reads back as the same double, so that a number chosen to
// have an exact decimal form (GeniusWeb's weights, which must add up to exactly 1) keeps it.
#ifndef PARLEY_IO_JSON_TEXT_H_
#define PARLEY_IO_JSON_TEXT_H_

#include <string>

#include "io/json_node.h"

namespace parley::internal {

// The shortest decimal text of a finite double that reads back as the same double ("0.1", "1",
// "1e-05"). Throws UsageError for an infinity or NaN, which JSON cannot hold.
std::string ShortestNumber(double value);

// How JsonText writes a floating-point number: as ShortestNumber does ("1", "0.5"), or as
// nlohmann's dump does, which keeps a decimal point on whole numbers ("1.0") so that a reader that
// tells integers from doubles reads them back as doubles (Parley JSON).
enum class NumberStyle { kShortest, kDecimalPoint };

// `json` as indented text (two spaces), a container on one line when it fits in 100 columns,
// with a final newline. Throws UsageError when a string is not valid UTF-8.
std::string JsonText(const Json& json, NumberStyle numbers = NumberStyle::kShortest);

}  // namespace parley::internal

#endif  // PARLEY_IO_JSON_TEXT_H_
