// CSV as Parley writes it (traces, tournament results and summaries): RFC 4180 fields, quoted
// only where needed, always valid UTF-8.
#ifndef PARLEY_COMMON_CSV_H_
#define PARLEY_COMMON_CSV_H_

#include <string>
#include <string_view>

namespace parley::internal {

// `text` as one CSV field: quoted, with quotes doubled, when it holds a comma, a quote, a line
// feed or a carriage return; unchanged otherwise. Bytes that are not valid UTF-8 (a path, a
// negotiator's message) are first replaced by U+FFFD, as in the JSON files.
std::string CsvField(std::string_view text);

}  // namespace parley::internal

#endif  // PARLEY_COMMON_CSV_H_
