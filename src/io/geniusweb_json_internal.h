// The GeniusWeb JSON format ("geniusweb-json", docs/formats/geniusweb-json.md): what its reader
// (geniusweb_json_read.cc), writer (geniusweb_json_write.cc) and registration
// (geniusweb_json_format.cc) share.
#ifndef PARLEY_IO_GENIUSWEB_JSON_INTERNAL_H_
#define PARLEY_IO_GENIUSWEB_JSON_INTERNAL_H_

#include <filesystem>
#include <string_view>

#include "parley/scenario.h"

namespace parley::internal {

// The one kind of GeniusWeb profile Parley reads and writes: the key a profile file's object has.
inline constexpr std::string_view kGeniusWebProfileKind = "LinearAdditiveUtilitySpace";

// The scenario of a GeniusWeb scenario folder: its domain file (or, without one, the domain the
// first profile embeds) and every profile file, named after the folder. Throws InputError naming
// the file and the JSON location.
Scenario ReadGeniusWebFolder(const std::filesystem::path& folder);

// Writes the scenario as the new or empty folder `path`, completely or not at all. `strict`
// refuses what GeniusWeb cannot say (a reservation value no bid has, a discount factor) instead
// of writing NegMAS's extra keys. Throws UsageError naming the party or issue GeniusWeb JSON
// cannot hold.
void WriteGeniusWebFolder(const Scenario& scenario, const std::filesystem::path& path, bool strict);

}  // namespace parley::internal

#endif  // PARLEY_IO_GENIUSWEB_JSON_INTERNAL_H_
