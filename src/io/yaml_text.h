// YAML documents read into, and written from, the JSON values the scenario readers work on, so
// that a format stored as either YAML or JSON (NegMAS's scenario files) is read by one reader.
#ifndef PARLEY_IO_YAML_TEXT_H_
#define PARLEY_IO_YAML_TEXT_H_

#include <string>

#include "io/json_node.h"

namespace parley::internal {

// Parses the first YAML document of `text`. Plain scalars are resolved as YAML 1.1 does (PyYAML,
// which writes NegMAS's files): null, booleans, integers and floats (".inf" included); quoted
// scalars stay strings; mapping keys are their text. Tags are ignored (a "!!python/tuple" reads
// as a list). Throws InputError naming `origin`, the line and the column, for malformed YAML, a
// key that is not a scalar, or a key given twice.
Json ParseYamlDocument(const std::string& text, const std::string& origin);

// `json` as block-style YAML that PyYAML reads back as the same values: strings quoted unless
// they are plain words, floats always with a '.', and a final newline. Throws UsageError for a
// number that is not finite.
std::string YamlText(const Json& json);

}  // namespace parley::internal

#endif  // PARLEY_IO_YAML_TEXT_H_
