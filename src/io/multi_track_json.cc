// Parley's multi-track format ("format": "parley-multi-track", docs/formats/parley-multi-track.md):
// parties with their weights across tracks and interaction terms, mediators, events, and tracks
// that each embed an ordinary Parley scenario object for their issues and stakeholders. Also
// LoadMultiTrackScenario, which reads this format, built-in names, or any single-track scenario.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "io/json_node.h"
#include "io/multi_track_internal.h"
#include "io/parley_json_internal.h"
#include "io/uncertain_number_read.h"
#include "parley/error.h"
#include "parley/multi_track.h"
#include "parley/scenario_format.h"

namespace parley {
namespace internal {
const std::map<std::string, std::string>& BuiltinScenarioTexts();
}  // namespace internal

namespace {

using internal::Checked;
using internal::Json;
using internal::Node;
using internal::NumberSite;
using internal::UncertainReader;
using Kind = NumberPlace::Kind;

std::vector<std::string> StringList(const Node& node, std::string_view what) {
  std::vector<std::string> items;
  if (node.json().is_string()) return {node.String(what)};
  const std::size_t n = node.ArraySize(what);
  for (std::size_t i = 0; i < n; ++i) items.push_back(node.Element(i).String(what));
  return items;
}

std::string OptionalString(const Node& node, const std::string& key) {
  auto child = node.Find(key);
  return child ? child->String() : std::string();
}

MultiTrackParty ReadParty(const Node& node, std::size_t index, UncertainReader& numbers) {
  node.RequireObject("a party: {\"name\": ..., \"weights\": {track: weight, ...}}");
  node.CheckKeys({"name", "description", "weights", "interactions"});
  MultiTrackParty party;
  party.name = node.Required("name", "the party's name").String();
  party.description = OptionalString(node, "description");
  if (auto weights = node.Find("weights")) {
    weights->RequireObject("an object of track name to weight");
    for (const auto& [track, value] : weights->json().items()) {
      if (internal::IsCommentKey(track)) continue;
      const NumberSite site{Kind::kTrackWeight, index, 0, party.weights.size(), party.name, track, {}};
      party.weights.push_back({track, numbers.Number(weights->Member(track, value), site)});
    }
  }
  if (auto interactions = node.Find("interactions")) {
    const std::size_t n = interactions->ArraySize("an array of interaction terms");
    for (std::size_t i = 0; i < n; ++i) {
      const Node term = interactions->Element(i);
      term.RequireObject("an interaction: {\"when\": {track: {issue: value(s)}}, \"value\": number}");
      term.CheckKeys({"when", "value", "description"});
      Interaction interaction;
      interaction.value = numbers.Number(term.Required("value", "the utility the term adds"),
                                         NumberSite{Kind::kInteractionValue, index, 0, i, party.name, {}, {}});
      interaction.description = OptionalString(term, "description");
      const Node when = term.Required("when", "{track: {issue: value or [values]}}");
      when.RequireObject("{track: {issue: value or [values]}}");
      for (const auto& [track, issues] : when.json().items()) {
        const Node issues_node = when.Member(track, issues);
        issues_node.RequireObject("{issue: value or [values]}");
        for (const auto& [issue, values] : issues_node.json().items()) {
          const Node values_node = issues_node.Member(issue, values);
          std::vector<std::string> texts;
          if (values_node.json().is_number()) {
            texts.push_back(values_node.json().dump());
          } else {
            texts = StringList(values_node, "a value name or a list of them");
          }
          interaction.conditions.push_back({track, issue, std::move(texts)});
        }
      }
      party.interactions.push_back(std::move(interaction));
    }
  }
  return party;
}

MultiTrackScenario ReadMultiTrack(const Node& root, UncertainReader* reader) {
  root.RequireObject("a multi-track scenario object");
  root.CheckKeys(
      {"format", "version", "name", "description", "sources", "variables", "parties", "mediators", "events", "tracks"});
  UncertainReader own_reader;
  if (reader == nullptr) {
    reader = &own_reader;
    reader->ReadVariables(root);
  }
  if (root.Required("format", "\"parley-multi-track\"").String() != internal::kMultiTrackFormatTag) {
    root.Child("format").Expected("\"parley-multi-track\"");
  }
  if (auto version = root.Find("version"); version && version->Integer("the format version 1") != 1) {
    version->Fail("this Parley reads version 1 of the multi-track format");
  }
  const std::string name = root.Required("name", "the scenario's name").String();
  std::string description = OptionalString(root, "description");
  if (auto sources = root.Find("sources")) {
    const auto list = StringList(*sources, "a list of sources (strings)");
    if (!list.empty()) {
      description += "\n\nSources:";
      for (const auto& source : list) description += "\n- " + source;
    }
  }

  std::vector<MultiTrackParty> parties;
  const Node parties_node = root.Required("parties", "an array of parties");
  for (std::size_t i = 0; i < parties_node.ArraySize("an array of parties"); ++i) {
    parties.push_back(ReadParty(parties_node.Element(i), i, *reader));
  }

  std::vector<MediatorRole> mediators;
  if (auto node = root.Find("mediators")) {
    for (std::size_t i = 0; i < node->ArraySize("an array of mediators"); ++i) {
      const Node m = node->Element(i);
      m.RequireObject("a mediator: {\"name\": ..., \"strategy\": ...}");
      m.CheckKeys({"name", "description", "strategy", "interests"});
      MediatorRole role;
      role.name = m.Required("name", "the mediator's name").String();
      role.description = OptionalString(m, "description");
      if (auto strategy = m.Find("strategy")) role.strategy = strategy->String("a mediator spec");
      if (auto interests = m.Find("interests")) role.interests = interests->String("a party's name");
      mediators.push_back(std::move(role));
    }
  }

  std::vector<Event> events;
  std::map<std::string, std::pair<double, std::string>> track_ends;
  if (auto node = root.Find("events")) {
    for (std::size_t i = 0; i < node->ArraySize("an array of events"); ++i) {
      const Node e = node->Element(i);
      e.RequireObject("an event: {\"name\": ..., \"time\": t, \"ends\": [tracks]}");
      e.CheckKeys({"name", "time", "description", "ends"});
      Event event;
      event.name = e.Required("name", "the event's name").String();
      const Node time = e.Required("time", "a normalised time in (0, 1]");
      event.time = reader->Number(time, NumberSite{Kind::kEventTime, 0, 0, i, {}, event.name, {}});
      event.description = OptionalString(e, "description");
      if (auto ends = e.Find("ends")) {
        for (const auto& track : StringList(*ends, "a list of track names"))
          track_ends[track] = {event.time, event.name};
      }
      events.push_back(std::move(event));
    }
  }

  std::vector<Track> tracks;
  const Node tracks_node = root.Required("tracks", "an array of tracks");
  for (std::size_t i = 0; i < tracks_node.ArraySize("an array of tracks"); ++i) {
    const Node t = tracks_node.Element(i);
    t.RequireObject("a track: {\"name\": ..., \"participants\": [...], \"scenario\": {...}}");
    t.CheckKeys({"name", "description", "protocol", "participants", "mediators", "negotiators", "scenario"});
    const std::string track_name = t.Required("name", "the track's name").String();
    reader->SetTrack(i, track_name);
    Scenario stakes = internal::ReadParleyJsonNode(t.Required("scenario", "a Parley scenario object"), reader);
    Track track{track_name, OptionalString(t, "description"), std::move(stakes), {}, "saop", {}, {}, {}, {}};
    track.participants =
        StringList(t.Required("participants", "the names of the parties who negotiate"), "a list of party names");
    if (auto protocol = t.Find("protocol")) track.protocol = protocol->String("a protocol spec");
    if (auto list = t.Find("mediators")) track.mediators = StringList(*list, "a list of mediator names");
    if (auto list = t.Find("negotiators")) {
      track.negotiators = StringList(*list, "a list of negotiator specs, one per participant");
      for (std::size_t k = 0; k < track.negotiators.size(); ++k) {
        Checked(list->Element(k), [&] { return Spec::Parse(track.negotiators[k]); });
      }
    }
    if (auto end = track_ends.find(track_name); end != track_ends.end()) {
      track.ends_at = end->second.first;
      track.ends_because = end->second.second;
      track_ends.erase(end);
    }
    tracks.push_back(std::move(track));
  }
  if (!track_ends.empty()) {
    root.Child("events").Fail(
        fmt::format("an event ends the track '{}', which is not listed", track_ends.begin()->first));
  }
  if (reader == &own_reader) own_reader.Finish(root);
  return Checked(root, [&] {
    return MultiTrackScenario(name, std::move(description), std::move(parties), std::move(tracks), std::move(mediators),
                              std::move(events));
  });
}

std::optional<std::string> FormatOf(const Json& document) {
  if (document.is_object() && document.contains("format") && document["format"].is_string()) {
    return document["format"].get<std::string>();
  }
  return std::nullopt;
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

namespace internal {

std::optional<MultiTrackScenario> ReadMultiTrackText(const std::string& text, const std::string& origin) {
  const Json document = ParseDocument(text, origin);
  if (FormatOf(document) != std::string(internal::kMultiTrackFormatTag)) return std::nullopt;
  return ReadMultiTrack(Node(document, "", origin), nullptr);
}

MultiTrackScenario ReadMultiTrackNode(const Node& root, UncertainReader* reader) {
  return ReadMultiTrack(root, reader);
}

}  // namespace internal

MultiTrackScenario LoadMultiTrackScenario(const std::string& name_or_path) {
  if (auto hash = name_or_path.rfind('#'); hash != std::string::npos && !std::filesystem::exists(name_or_path)) {
    // NAME#TRACK: that track alone, with its protocol and mediators.
    const MultiTrackScenario multi = LoadMultiTrackScenario(name_or_path.substr(0, hash));
    const auto track = multi.FindTrack(name_or_path.substr(hash + 1));
    if (!track) return MultiTrackScenario::FromScenario(LoadScenario(name_or_path));  // throws, listing the tracks
    const Track& chosen = multi.tracks()[*track];
    std::vector<MultiTrackParty> parties;
    for (const auto& profile : chosen.stakes.profiles())
      parties.push_back({profile.name(), "", {{chosen.name, 1.0}}, {}});
    std::vector<MediatorRole> mediators;
    for (const auto& name : chosen.mediators) {
      MediatorRole role = multi.mediators()[*multi.FindMediator(name)];
      if (role.interests && !chosen.stakes.FindParty(*role.interests)) role.interests.reset();
      mediators.push_back(std::move(role));
    }
    Track alone = chosen;
    alone.ends_at.reset();
    MultiTrackScenario result(name_or_path, chosen.description, std::move(parties), {std::move(alone)},
                              std::move(mediators), {});
    result.source = name_or_path;
    return result;
  }
  const auto& builtins = internal::BuiltinScenarioTexts();
  if (auto it = builtins.find(name_or_path); it != builtins.end()) {
    if (auto multi = internal::ReadMultiTrackText(it->second, "built-in scenario " + name_or_path)) {
      multi->source = "builtin:" + name_or_path;
      return std::move(*multi);
    }
  } else if (name_or_path.size() > 5 && name_or_path.ends_with(".json") &&
             std::filesystem::is_regular_file(name_or_path)) {
    if (auto multi = internal::ReadMultiTrackText(ReadText(name_or_path), name_or_path)) {
      multi->source = name_or_path;
      return std::move(*multi);
    }
  }
  return MultiTrackScenario::FromScenario(LoadScenario(name_or_path));
}

}  // namespace parley
