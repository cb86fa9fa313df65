// Parley's multi-track format ("parley-multi-track", docs/formats/parley-multi-track.md): the
// entry points its reader (multi_track_json.cc) offers to the other readers of the io layer.
#ifndef PARLEY_IO_MULTI_TRACK_INTERNAL_H_
#define PARLEY_IO_MULTI_TRACK_INTERNAL_H_

#include <optional>
#include <string>
#include <string_view>

#include "parley/multi_track.h"

namespace parley::internal {

class Node;
class UncertainReader;

// The value of a multi-track document's "format" key.
inline constexpr std::string_view kMultiTrackFormatTag = "parley-multi-track";

// The multi-track scenario in `text`, or nullopt when `text` is not a multi-track document.
std::optional<MultiTrackScenario> ReadMultiTrackText(const std::string& text, const std::string& origin);

// Reads the multi-track document at `root`, its uncertain numbers through `reader` (whose owner
// reads the document's variables), or as their estimates without one. Throws InputError.
MultiTrackScenario ReadMultiTrackNode(const Node& root, UncertainReader* reader);

}  // namespace parley::internal

#endif  // PARLEY_IO_MULTI_TRACK_INTERNAL_H_
