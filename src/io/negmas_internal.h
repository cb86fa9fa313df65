// NegMAS's own scenario files (what NegMAS's Scenario.dumpas writes): a folder with one outcome
// space file and one utility function file per party, as YAML or JSON. The "negmas-yaml" and
// "negmas-json" formats (negmas_format.cc) read and write them through these functions;
// docs/formats/negmas.md says which subset is supported.
#ifndef PARLEY_IO_NEGMAS_INTERNAL_H_
#define PARLEY_IO_NEGMAS_INTERNAL_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parley/scenario.h"

namespace parley::internal {

enum class NegmasSyntax { kYaml, kJson };

// The file extensions of a syntax: {".yml", ".yaml"} or {".json"}.
bool IsNegmasFile(const std::filesystem::path& path, NegmasSyntax syntax);

// The class name NegMAS records in a serialised object ("type" or "__python_class__"), without
// its module: "negmas.preferences.crisp.linear.LinearAdditiveUtilityFunction" gives
// "LinearAdditiveUtilityFunction".
std::string ShortClassName(std::string_view name);

// Reads the scenario folder. Throws InputError naming the file and the place in it.
Scenario ReadNegmasFolder(const std::filesystem::path& folder, NegmasSyntax syntax);

// The files of the folder (name, text): the outcome space first, then one utility function per
// party. Throws UsageError naming the party and issue when NegMAS's files cannot hold the scenario.
std::vector<std::pair<std::string, std::string>> NegmasFiles(const Scenario& scenario, NegmasSyntax syntax);

}  // namespace parley::internal

#endif  // PARLEY_IO_NEGMAS_INTERNAL_H_
