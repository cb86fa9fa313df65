#include "parley/scenario_format.h"

#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common/mapped.h"
#include "io/parley_json_internal.h"
#include "parley/error.h"
#include "parley/multi_track.h"

namespace parley {
namespace internal {
const std::map<std::string, std::string>& BuiltinScenarioTexts();
std::optional<MultiTrackScenario> ReadMultiTrackText(const std::string& text, const std::string& origin);
}  // namespace internal

void ScenarioFormat::Write(const Scenario& scenario, const std::filesystem::path& path) const {
  throw UsageError(
      fmt::format("cannot write scenario '{}' to {}: this format is read-only", scenario.name(), path.string()));
}

std::vector<std::string> BuiltinScenarioNames() {
  std::vector<std::string> names;
  for (const auto& [name, text] : internal::BuiltinScenarioTexts()) names.push_back(name);
  return names;
}

namespace {

// The error for a multi-track scenario where one scenario was expected.
[[noreturn]] void RefuseMultiTrack(const std::string& name, const MultiTrackScenario& multi) {
  std::vector<std::string> tracks;
  for (const auto& track : multi.tracks()) tracks.push_back(name + "#" + track.name);
  throw InputError(
      fmt::format("{}: a multi-track scenario; name one of its tracks ({}), or run every track with "
                  "parley negotiate",
                  name, fmt::join(tracks, ", ")));
}

}  // namespace

Scenario LoadScenario(const std::string& name_or_path, std::string_view format) {
  const auto& builtins = internal::BuiltinScenarioTexts();
  if (format.empty()) {
    if (auto hash = name_or_path.rfind('#'); hash != std::string::npos && !std::filesystem::exists(name_or_path)) {
      // NAME#TRACK: the negotiation of one track of a multi-track scenario.
      const MultiTrackScenario multi = LoadMultiTrackScenario(name_or_path.substr(0, hash));
      const std::string track_name = name_or_path.substr(hash + 1);
      const auto track = multi.FindTrack(track_name);
      if (!track) {
        throw InputError(fmt::format("{}: no track '{}' (its tracks: {})", name_or_path, track_name,
                                     fmt::join(internal::Mapped(multi.tracks(), &Track::name), ", ")));
      }
      Scenario scenario = multi.tracks()[*track].Negotiation();
      scenario.set_source(name_or_path);
      return scenario;
    }
    if (auto it = builtins.find(name_or_path); it != builtins.end()) {
      const std::string origin = "built-in scenario " + name_or_path;
      if (auto multi = internal::ReadMultiTrackText(it->second, origin)) RefuseMultiTrack(name_or_path, *multi);
      Scenario scenario = internal::ReadParleyJsonText(it->second, origin);
      scenario.set_source("builtin:" + name_or_path);
      return scenario;
    }
  }
  const std::filesystem::path path(name_or_path);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    const auto names = internal::Mapped(builtins, [](const auto& entry) { return entry.first; });
    throw InputError(fmt::format("{}: no such file or folder, and not a built-in scenario (built-in: {})", name_or_path,
                                 fmt::join(names, ", ")));
  }
  if (!format.empty()) {
    auto reader = ScenarioFormatRegistry::Create(std::string(format));
    Scenario scenario = reader->Read(path);
    scenario.set_source(path.string());
    return scenario;
  }
  std::vector<std::string> tried;
  for (const auto* entry : ScenarioFormatRegistry::List()) {
    auto reader = ScenarioFormatRegistry::Create(entry->name);
    if (reader->Recognizes(path)) {
      Scenario scenario = reader->Read(path);
      scenario.set_source(path.string());
      return scenario;
    }
    tried.push_back(entry->name);
  }
  if (path.extension() == ".json" && std::filesystem::is_regular_file(path, ec)) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (auto multi = internal::ReadMultiTrackText(text.str(), name_or_path)) RefuseMultiTrack(name_or_path, *multi);
  }
  throw InputError(
      fmt::format("{}: not a scenario in any known format (tried: {})", name_or_path, fmt::join(tried, ", ")));
}

void SaveScenario(const Scenario& scenario, const std::filesystem::path& path, std::string_view format) {
  auto writer = ScenarioFormatRegistry::Create(std::string(format));
  if (!writer->CanWrite()) {
    throw UsageError(fmt::format("scenario format '{}' cannot write scenarios", format));
  }
  writer->Write(scenario, path);
}

}  // namespace parley
