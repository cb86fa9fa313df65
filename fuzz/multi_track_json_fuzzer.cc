// Fuzz target: a Parley multi-track scenario (docs/formats/parley-multi-track.md). Arbitrary
// bytes must read as a multi-track scenario, or as "not a multi-track document", or be refused
// with InputError. A scenario that reads must keep its invariants: every track's negotiation is
// a scenario that keeps them (fuzz_support.h), and small ones run side by side for a few rounds
// (a protocol or mediator the file names may be refused then, with a parley::Error).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "fuzz_support.h"
#include "parley/error.h"
#include "parley/multi_track.h"

namespace parley::internal {
// io/multi_track_json.cc
std::optional<MultiTrackScenario> ReadMultiTrackText(const std::string& text, const std::string& origin);
}  // namespace parley::internal

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace parley;
  std::optional<MultiTrackScenario> multi;
  try {
    multi = internal::ReadMultiTrackText(fuzz::Text(data, size), "fuzz.json");
  } catch (const InputError&) {
    return 0;
  }
  if (!multi) return 0;
  bool small = true;
  for (const Track& track : multi->tracks()) {
    const Scenario negotiation = track.Negotiation();
    fuzz::CheckScenario(negotiation);
    small = small && negotiation.space().enumerable() && *negotiation.space().cardinality() <= 1000;
  }
  if (!small) return 0;
  MultiTrackOptions options;
  options.rounds = 10;
  options.seed = 5;
  options.default_negotiators = {"boulware"};
  for (std::size_t t = 0; t < multi->tracks().size(); ++t) options.negotiators.push_back({"boulware"});
  MultiTrackResult result;
  try {
    result = RunMultiTrack(*multi, options);
  } catch (const Error&) {
    return 0;
  }
  fuzz::Require(result.tracks.size() == multi->tracks().size(), "one result per track");
  fuzz::Require(result.overall_utilities.size() == multi->parties().size(), "one overall utility per party");
  for (std::size_t t = 0; t < result.tracks.size(); ++t) {
    if (result.tracks[t].agreement) {
      fuzz::Require(multi->tracks()[t].stakes.space().IsValid(*result.tracks[t].agreement),
                    fmt::format("track {}: the agreement is not a valid outcome", t));
    }
  }
  return 0;
}
