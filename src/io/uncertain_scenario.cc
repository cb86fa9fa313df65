// UncertainScenario (include/parley/uncertainty.h): a Parley JSON document read once to collect
// its uncertain numbers and its estimate, and read again for every world with the world's
// numbers in place of the ranges, so that a world is exactly the scenario a file with those
// plain numbers would give (zero-width ranges reproduce the point scenario bit for bit).
// docs/uncertainty.md explains worlds, estimates and seeds.
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "io/json_node.h"
#include "io/multi_track_internal.h"
#include "io/parley_json_internal.h"
#include "io/uncertain_number_read.h"
#include "parley/error.h"
#include "parley/random.h"
#include "parley/uncertainty.h"

namespace parley {
namespace internal {
const std::map<std::string, std::string>& BuiltinScenarioTexts();
}  // namespace internal

using internal::Json;
using internal::Node;
using internal::UncertainReader;

struct UncertainScenario::State {
  enum class Form { kOther, kSingleTrack, kMultiTrack };
  Form form = Form::kOther;
  Json document;  // never moves: world readers find numbers by the address of their values
  std::string origin;
  std::string source;
  std::optional<MultiTrackScenario> estimate;
  std::vector<UncertainNumber> numbers;
  std::vector<std::pair<const Json*, std::size_t>> places;    // sorted by address
  std::vector<std::vector<std::vector<double>>> raw_weights;  // [track][party]

  // The scenario of `document` read with `reader` (collecting or giving a world's numbers).
  MultiTrackScenario Read(UncertainReader& reader) const {
    const Node root(document, "", origin);
    if (form == Form::kMultiTrack) {
      MultiTrackScenario multi = internal::ReadMultiTrackNode(root, &reader);
      multi.source = source;
      return multi;
    }
    Scenario scenario = internal::ReadParleyJsonNode(root, &reader);
    scenario.set_source(source);
    return MultiTrackScenario::FromScenario(scenario);
  }

  static std::shared_ptr<State> FromDocument(const std::string& text, const std::string& origin,
                                             const std::string& source);
  static std::shared_ptr<State> FromOther(const std::string& name_or_path);
};

namespace {

std::optional<std::string> FormatOf(const Json& document) {
  if (document.is_object() && document.contains("format") && document["format"].is_string()) {
    return document["format"].get<std::string>();
  }
  return std::nullopt;
}

}  // namespace

// Reads `text` when it is a Parley document of either format; null otherwise.
std::shared_ptr<UncertainScenario::State> UncertainScenario::State::FromDocument(const std::string& text,
                                                                                 const std::string& origin,
                                                                                 const std::string& source) {
  auto state = std::make_shared<State>();
  state->document = internal::ParseDocument(text, origin);
  const auto format = FormatOf(state->document);
  if (format == std::string(internal::kMultiTrackFormatTag)) {
    state->form = State::Form::kMultiTrack;
  } else if (format == std::string(internal::kParleyJsonFormatTag)) {
    state->form = State::Form::kSingleTrack;
  } else {
    return nullptr;
  }
  state->origin = origin;
  state->source = source;
  UncertainReader reader;
  const Node root(state->document, "", state->origin);
  reader.ReadVariables(root);
  state->estimate = state->Read(reader);
  reader.Finish(root);
  state->numbers = std::move(reader.numbers());
  state->places = reader.PlacesByAddress();
  for (const Track& track : state->estimate->tracks()) {
    state->raw_weights.emplace_back(track.stakes.party_count());
  }
  for (auto& [key, weights] : reader.raw_weights()) state->raw_weights[key.first][key.second] = std::move(weights);
  return state;
}

// A scenario Parley JSON does not describe: no uncertain numbers; its linear-additive profiles'
// weights are the ones their utilities hold.
std::shared_ptr<UncertainScenario::State> UncertainScenario::State::FromOther(const std::string& name_or_path) {
  auto state = std::make_shared<State>();
  state->estimate = LoadMultiTrackScenario(name_or_path);
  for (const Track& track : state->estimate->tracks()) {
    auto& parties = state->raw_weights.emplace_back();
    for (const Profile& profile : track.stakes.profiles()) {
      const auto* linear = dynamic_cast<const LinearAdditiveUtility*>(&profile.utility_function());
      parties.push_back(linear ? linear->weights() : std::vector<double>());
    }
  }
  return state;
}

namespace {

void CheckUnit(std::span<const double> unit, std::size_t dimension) {
  if (unit.size() != dimension) {
    throw UsageError(
        fmt::format("a unit point of {} coordinates for a scenario of {} uncertain numbers", unit.size(), dimension));
  }
  for (std::size_t i = 0; i < unit.size(); ++i) {
    if (!(unit[i] > 0.0 && unit[i] < 1.0)) {
      throw UsageError(fmt::format("unit coordinate {} is {}; coordinates lie in (0, 1)", i, unit[i]));
    }
  }
}

}  // namespace

UncertainScenario UncertainScenario::Load(const std::string& name_or_path) {
  const auto& builtins = internal::BuiltinScenarioTexts();
  if (auto it = builtins.find(name_or_path); it != builtins.end()) {
    if (auto state = State::FromDocument(it->second, "built-in scenario " + name_or_path, "builtin:" + name_or_path)) {
      return UncertainScenario(std::move(state));
    }
  } else if (name_or_path.size() > 5 && name_or_path.ends_with(".json") &&
             std::filesystem::is_regular_file(name_or_path)) {
    std::ifstream in(name_or_path, std::ios::binary);
    if (!in) throw InputError(fmt::format("{}: cannot open: {}", name_or_path, std::strerror(errno)));
    std::stringstream text;
    text << in.rdbuf();
    if (auto state = State::FromDocument(text.str(), name_or_path, name_or_path))
      return UncertainScenario(std::move(state));
  }
  return UncertainScenario(State::FromOther(name_or_path));
}

UncertainScenario UncertainScenario::FromText(const std::string& json, const std::string& origin) {
  auto state = State::FromDocument(json, origin, origin);
  if (!state) {
    throw InputError(fmt::format("{}: expected a Parley scenario (\"format\": \"{}\" or \"{}\")", origin,
                                 internal::kParleyJsonFormatTag, internal::kMultiTrackFormatTag));
  }
  return UncertainScenario(std::move(state));
}

const MultiTrackScenario& UncertainScenario::estimate() const { return *state_->estimate; }
const std::vector<UncertainNumber>& UncertainScenario::numbers() const { return state_->numbers; }
std::size_t UncertainScenario::dimension() const { return state_->numbers.size(); }

MultiTrackScenario UncertainScenario::WorldAt(std::span<const double> unit) const {
  const std::vector<double> values = Values(unit);
  return WorldWith(values);
}

MultiTrackScenario UncertainScenario::WorldWith(std::span<const double> values) const {
  if (values.size() != dimension()) {
    throw UsageError(fmt::format("{} values for a scenario of {} uncertain numbers", values.size(), dimension()));
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    const UncertainNumber& number = state_->numbers[i];
    if (!(values[i] >= number.low && values[i] <= number.high)) {
      throw UsageError(
          fmt::format("{} is {}, outside its support [{}, {}]", number.name, values[i], number.low, number.high));
    }
  }
  if (state_->form == State::Form::kOther) return *state_->estimate;
  UncertainReader reader(&state_->places, values);
  try {
    return state_->Read(reader);
  } catch (const InputError& e) {
    // A world can be impossible though every number lies in its support (every weight of a
    // profile drawn at 0).
    throw UsageError(fmt::format("no scenario with these values: {}", e.what()));
  }
}

std::vector<double> UncertainScenario::Values(std::span<const double> unit) const {
  std::vector<double> values(dimension());
  ValuesInto(unit, values);
  return values;
}

void UncertainScenario::ValuesInto(std::span<const double> unit, std::span<double> values) const {
  CheckUnit(unit, dimension());
  if (values.size() != dimension()) {
    throw UsageError(
        fmt::format("a buffer of {} values for a scenario of {} uncertain numbers", values.size(), dimension()));
  }
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = state_->numbers[i].Quantile(unit[i]);
}

std::vector<double> UncertainScenario::UnitPoint(std::uint64_t seed, std::uint64_t index) const {
  std::vector<double> unit(dimension());
  UnitPointInto(seed, index, unit);
  return unit;
}

void UncertainScenario::UnitPointInto(std::uint64_t seed, std::uint64_t index, std::span<double> unit) const {
  if (unit.size() != dimension()) {
    throw UsageError(
        fmt::format("a buffer of {} coordinates for a scenario of {} uncertain numbers", unit.size(), dimension()));
  }
  Rng rng(DeriveSeed(seed, {kUnitPointStreamTag, index}));
  // The 53 high bits, centred in their cell: never 0 or 1, symmetric about 1/2.
  for (double& u : unit) u = (static_cast<double>(rng.Next() >> 11) + 0.5) * 0x1p-53;
}

MultiTrackScenario UncertainScenario::SampleWorld(std::uint64_t seed, std::uint64_t index) const {
  return WorldAt(UnitPoint(seed, index));
}

const std::vector<double>& UncertainScenario::RawWeights(std::size_t track, std::size_t party) const {
  if (track >= state_->raw_weights.size() || party >= state_->raw_weights[track].size()) {
    throw UsageError(fmt::format("no profile {} in track {}", party, track));
  }
  return state_->raw_weights[track][party];
}

}  // namespace parley
