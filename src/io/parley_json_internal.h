// Parley's own scenario format ("parley-json", docs/formats/parley-json.md): what its reader
// (parley_json_read.cc), writer (parley_json_write.cc) and registration (parley_json_format.cc)
// share, and the entry points the multi-track format, the isolation of negotiators and the fuzz
// targets use.
#ifndef PARLEY_IO_PARLEY_JSON_INTERNAL_H_
#define PARLEY_IO_PARLEY_JSON_INTERNAL_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "parley/scenario.h"

namespace parley::internal {

class Node;
class UncertainReader;

// The value of a Parley JSON scenario's "format" key, and the version of the format this reads.
inline constexpr std::string_view kParleyJsonFormatTag = "parley-scenario";
inline constexpr std::int64_t kParleyJsonVersion = 1;

// Reads a Parley scenario object ("format": "parley-scenario") found at `root`, which may be a
// whole document or part of one (a track of a multi-track file). Uncertain numbers are read
// through `reader` (whose owner reads the document's variables); without one they are read as
// their estimates. Throws InputError naming the JSON location.
Scenario ReadParleyJsonNode(const Node& root, UncertainReader* reader = nullptr);

// The scenario in `text`; `origin` names it in messages. Throws InputError.
Scenario ReadParleyJsonText(const std::string& text, const std::string& origin);

// The scenario of the file `path`, which becomes its source. Throws InputError naming the file.
Scenario ReadParleyJsonFile(const std::filesystem::path& path);

// The scenario as compact Parley JSON text, read back exactly by ReadParleyJsonText (isolated
// negotiators receive their profile this way). Throws UsageError when JSON cannot hold it.
std::string WriteParleyJsonText(const Scenario& scenario);

// Writes the scenario as an indented Parley JSON file at `path`, replacing it completely or not at
// all. Throws UsageError when JSON cannot hold the scenario (a name that is not UTF-8, a number
// that is not finite), InputError when the file cannot be written.
void WriteParleyJsonFile(const Scenario& scenario, const std::filesystem::path& path);

}  // namespace parley::internal

#endif  // PARLEY_IO_PARLEY_JSON_INTERNAL_H_
