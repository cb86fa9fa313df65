// Resolving a tournament configuration into a plan: reading the configuration file, expanding
// scenario globs, loading each scenario once, checking every spec before anything runs, and
// numbering the work list and its seeds.
#include <glob.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <set>
#include <sstream>
#include <utility>

#include <fmt/format.h>

#include "io/json_node.h"
#include "parley/error.h"
#include "parley/isolation.h"
#include "parley/mediator.h"
#include "parley/multi_track.h"
#include "parley/negotiator.h"
#include "parley/plugin.h"
#include "parley/protocol.h"
#include "parley/random.h"
#include "parley/scenario_format.h"
#include "parley/tournament.h"

namespace parley {
namespace {

using internal::Json;
using internal::Node;

// DeriveSeed takes its tags as an initializer list; a scenario's party count is only known at run
// time, so the call is dispatched to an instantiation for each tag count.
constexpr std::size_t kMaxTags = 2 + 16;
// Bounds that keep a mistaken configuration from exhausting the machine: each thread costs a
// stack, each assignment of negotiators to roles a list that the plan keeps.
constexpr unsigned kMaxThreads = 4096;
constexpr std::uint64_t kMaxAssignments = 1'000'000;

template <std::size_t... I>
std::uint64_t DeriveFromArray(std::uint64_t seed, const std::uint64_t* tags, std::index_sequence<I...>) {
  return DeriveSeed(seed, {tags[I]...});
}

template <std::size_t... N>
constexpr auto MakeDeriveTable(std::index_sequence<N...>) {
  return std::array<std::uint64_t (*)(std::uint64_t, const std::uint64_t*), sizeof...(N)>{
      [](std::uint64_t seed, const std::uint64_t* tags) {
        return DeriveFromArray(seed, tags, std::make_index_sequence<N>());
      }...};
}

bool HasGlobCharacters(const std::string& text) { return text.find_first_of("*?[") != std::string::npos; }

std::vector<std::string> ExpandGlob(const std::string& pattern) {
  glob_t matches{};
  const int status = glob(pattern.c_str(), 0, nullptr, &matches);
  std::vector<std::string> paths;
  if (status == 0) {
    for (std::size_t i = 0; i < matches.gl_pathc; ++i) paths.emplace_back(matches.gl_pathv[i]);
  }
  globfree(&matches);
  if (status == GLOB_NOMATCH || paths.empty()) {
    throw UsageError(fmt::format("scenario pattern '{}' matches no file or folder", pattern));
  }
  if (status != 0)
    throw UsageError(fmt::format("scenario pattern '{}' could not be expanded (glob error {})", pattern, status));
  return paths;  // glob sorts them
}

// The identity of a path: as written, normalised, without a trailing separator.
std::string NormalPath(const std::string& text) {
  std::filesystem::path path = std::filesystem::path(text).lexically_normal();
  if (path.filename().empty() && path.has_parent_path()) path = path.parent_path();
  return path.string();
}

bool IsBuiltin(const std::string& name) {
  for (const auto& builtin : BuiltinScenarioNames()) {
    if (builtin == name) return true;
  }
  return false;
}

// Scenario entries as written to the identity strings of the scenarios they stand for.
std::vector<std::string> ResolveScenarioIds(const std::vector<std::string>& entries) {
  std::vector<std::string> ids;
  for (const auto& entry : entries) {
    if (entry.empty()) throw UsageError("a scenario entry is empty");
    if (HasGlobCharacters(entry) && !std::filesystem::exists(entry)) {
      for (const auto& path : ExpandGlob(entry)) ids.push_back(NormalPath(path));
    } else if (IsBuiltin(entry)) {
      // A multi-track built-in stands for each of its tracks.
      const MultiTrackScenario multi = LoadMultiTrackScenario(entry);
      if (multi.tracks().size() == 1) {
        ids.push_back(entry);
      } else {
        for (const auto& track : multi.tracks()) ids.push_back(entry + "#" + track.name);
      }
    } else if (std::filesystem::exists(entry)) {
      ids.push_back(NormalPath(entry));
    } else {
      ids.push_back(entry);  // NAME#TRACK, or an error LoadScenario will name
    }
  }
  std::set<std::string> seen;
  for (const auto& id : ids) {
    if (!seen.insert(id).second) {
      throw UsageError(
          fmt::format("scenario '{}' is listed twice (after expanding patterns and multi-track names)", id));
    }
  }
  return ids;
}

// Every assignment of `k` negotiators to `parties` roles, in lexicographic order.
std::vector<std::vector<std::size_t>> Assignments(std::size_t k, std::size_t parties, bool self_play) {
  std::vector<std::vector<std::size_t>> all;
  std::vector<std::size_t> tuple(parties, 0);
  while (true) {
    bool distinct = true;
    if (!self_play) {
      std::set<std::size_t> used(tuple.begin(), tuple.end());
      distinct = used.size() == tuple.size();
    }
    if (distinct) all.push_back(tuple);
    std::size_t position = parties;
    while (position > 0 && ++tuple[position - 1] == k) tuple[--position] = 0;
    if (position == 0) break;
  }
  return all;
}

std::vector<std::string> StringList(const Node& node, std::string_view what) {
  std::vector<std::string> items;
  if (node.json().is_string()) {  // "a,b(x=1),c" as on the command line
    for (auto& item : Spec::SplitList(node.String())) items.push_back(item);
    return items;
  }
  const std::size_t size = node.ArraySize(what);
  for (std::size_t i = 0; i < size; ++i) items.push_back(node.Element(i).String(what));
  return items;
}

std::uint64_t NonNegative(const Node& node, std::string_view what) {
  if (node.json().is_number_unsigned()) return node.json().get<std::uint64_t>();
  const std::int64_t value = node.Integer(what);
  if (value < 0) node.Expected(what);
  return static_cast<std::uint64_t>(value);
}

double NonNegativeSeconds(const Node& node) {
  const double value = node.Number("a number of seconds");
  if (value < 0) node.Expected("a non-negative number of seconds");
  return value;
}

}  // namespace

// Creates the negotiator a spec names (unknown names and parameters fail here, before anything
// runs) and refuses one that needs a person, also inside another spec (process(inner=human)):
// a tournament runs unattended.
void CheckUnattendedNegotiator(const Spec& spec) {
  if (NegotiatorRegistry::Has(spec.name()) && NegotiatorRegistry::Find(spec.name()).interactive) {
    throw UsageError(
        fmt::format("negotiator '{}' needs a person at the table; tournaments run unattended", spec.name()));
  }
  for (const auto& parameter : spec.parameters()) CheckUnattendedNegotiator(parameter.second);
}

void CheckTournamentNegotiator(const std::string& spec) {
  const Spec parsed = Spec::Parse(spec);
  CheckUnattendedNegotiator(parsed);
  NegotiatorRegistry::Create(parsed);
}

std::uint64_t StableHash(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::uint64_t MatchSeed(std::uint64_t seed, const std::string& scenario_id, const std::vector<std::size_t>& assignment,
                        std::uint64_t repetition) {
  static constexpr auto kDerive = MakeDeriveTable(std::make_index_sequence<kMaxTags + 1>());
  if (assignment.size() + 2 > kMaxTags) {
    throw UsageError(fmt::format("scenario '{}' has {} parties; tournaments handle at most {}", scenario_id,
                                 assignment.size(), kMaxTags - 2));
  }
  std::array<std::uint64_t, kMaxTags> tags{};
  std::size_t count = 0;
  tags[count++] = StableHash(scenario_id);
  for (std::size_t index : assignment) tags[count++] = index;
  tags[count++] = repetition;
  return kDerive[count](seed, tags.data());
}

TournamentConfig ReadTournamentConfig(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open the tournament configuration", path.string()));
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string origin = path.string();
  const Json json = internal::ParseDocument(buffer.str(), origin);
  const Node root(json, "", origin);
  root.RequireObject("a tournament configuration object");
  root.CheckKeys({"format", "negotiators", "scenarios", "repetitions", "rounds", "time", "seed", "protocol",
                  "mediators", "self_play", "budget", "threads", "out", "plugins", "isolate", "knowledge",
                  "estimator"});
  if (auto format = root.Find("format"); format && format->String() != "parley-tournament") {
    format->Expected("\"parley-tournament\"");
  }
  TournamentConfig config;
  config.negotiators =
      StringList(root.Required("negotiators", "a list of negotiator specs"), "a list of negotiator specs");
  config.scenarios = StringList(root.Required("scenarios", "a list of scenario paths, patterns or names"),
                                "a list of scenario paths, patterns or names");
  if (auto node = root.Find("repetitions")) config.repetitions = NonNegative(*node, "a positive integer");
  if (auto node = root.Find("rounds")) config.rounds = NonNegative(*node, "a non-negative integer");
  if (auto node = root.Find("time")) config.time_limit_seconds = NonNegativeSeconds(*node);
  if (auto node = root.Find("seed")) config.seed = NonNegative(*node, "a non-negative integer");
  if (auto node = root.Find("protocol")) config.protocol = node->String("a protocol spec");
  if (auto node = root.Find("mediators")) config.mediators = StringList(*node, "a list of mediator specs");
  if (auto node = root.Find("self_play")) config.self_play = node->Bool();
  if (auto node = root.Find("budget")) config.budget_seconds = NonNegativeSeconds(*node);
  if (auto node = root.Find("knowledge")) config.knowledge = node->String("a knowledge spec");
  if (auto node = root.Find("estimator")) config.estimator = node->String("a preference estimator spec");
  if (auto node = root.Find("threads")) {
    const std::uint64_t threads = NonNegative(*node, "a thread count");
    if (threads > kMaxThreads) node->Fail(fmt::format("expected at most {} threads, found {}", kMaxThreads, threads));
    config.threads = static_cast<unsigned>(threads);
  }
  if (auto node = root.Find("out")) config.out = node->String("a folder path");
  if (auto node = root.Find("plugins")) {
    config.plugins = StringList(*node, "a list of plugin paths");
    for (const auto& plugin : config.plugins) LoadPlugin(plugin);  // the negotiators may come from them
  }
  if (auto node = root.Find("isolate"); node && node->Bool()) {
    for (auto& spec : config.negotiators) spec = IsolatedSpec(spec);
  }
  // Check the specs here too, so that a bad one is reported at its place in the file.
  for (std::size_t i = 0; i < config.negotiators.size(); ++i) {
    const Node node = root.Child("negotiators");
    internal::Checked(node.json().is_array() ? node.Element(i) : node,
                      [&] { CheckTournamentNegotiator(config.negotiators[i]); });
  }
  internal::Checked(root.Find("protocol").value_or(root),
                    [&] { return ProtocolRegistry::Create(config.protocol) != nullptr; });
  if (config.repetitions == 0) root.Child("repetitions").Expected("a positive integer");
  return config;
}

TournamentMatch TournamentPlan::Match(std::uint64_t id) const {
  if (id >= match_count) throw UsageError(fmt::format("no negotiation {} in a tournament of {}", id, match_count));
  const std::size_t scenario =
      static_cast<std::size_t>(std::upper_bound(first_id.begin(), first_id.end(), id) - first_id.begin()) - 1;
  const std::uint64_t local = id - first_id[scenario];
  TournamentMatch match;
  match.id = id;
  match.scenario = scenario;
  match.assignment = assignments[scenario][local / config.repetitions];
  match.repetition = local % config.repetitions;
  match.seed = MatchSeed(config.seed, scenario_ids[scenario], match.assignment, match.repetition);
  return match;
}

std::string TournamentPlan::ConfigJson() const {
  Json json = Json::object();
  json["format"] = "parley-tournament";
  json["_comment"] = "The resolved configuration of this tournament; --resume refuses a different one.";
  json["negotiators"] = config.negotiators;
  json["scenarios"] = scenario_ids;
  json["repetitions"] = config.repetitions;
  json["rounds"] = config.rounds;
  json["time"] = config.time_limit_seconds;
  json["seed"] = config.seed;
  json["protocol"] = config.protocol;
  json["mediators"] = config.mediators;
  json["self_play"] = config.self_play;
  json["budget"] = config.budget_seconds;
  if (!config.plugins.empty()) json["plugins"] = config.plugins;
  if (!config.knowledge.empty()) json["knowledge"] = config.knowledge;
  if (!config.estimator.empty()) json["estimator"] = config.estimator;
  return json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

TournamentPlan PlanTournament(const TournamentConfig& config) {
  TournamentPlan plan;
  plan.config = config;
  TournamentConfig& c = plan.config;
  if (c.negotiators.empty()) throw UsageError("a tournament needs at least one negotiator");
  if (c.scenarios.empty()) throw UsageError("a tournament needs at least one scenario");
  if (c.repetitions == 0) throw UsageError("repetitions must be at least 1");
  if (c.rounds == 0 && !(c.time_limit_seconds > 0)) c.rounds = 100;
  if (c.budget_seconds < 0 || c.time_limit_seconds < 0) throw UsageError("time limits must not be negative");
  if (c.threads > kMaxThreads) {
    throw UsageError(fmt::format("{} threads asked for; a tournament runs at most {}", c.threads, kMaxThreads));
  }
  for (const auto& plugin : c.plugins) LoadPlugin(plugin);
  std::set<std::string> canonical;
  for (const auto& spec : c.negotiators) {
    if (spec.empty()) throw UsageError("a negotiator spec is empty");
    CheckTournamentNegotiator(spec);
    if (!canonical.insert(Spec::Parse(spec).ToString()).second) {
      throw UsageError(fmt::format("negotiator '{}' is listed twice; the summary is per negotiator", spec));
    }
  }
  ProtocolRegistry::Create(c.protocol);
  CheckIsolatedNegotiators(c.protocol, c.negotiators);
  for (const auto& spec : c.mediators) MediatorRegistry::Create(spec);

  plan.scenario_ids = ResolveScenarioIds(c.scenarios);
  c.scenarios = plan.scenario_ids;
  for (const auto& id : plan.scenario_ids) {
    plan.scenarios.push_back(LoadScenario(id));
    const Scenario& scenario = plan.scenarios.back();
    if (scenario.party_count() + 2 > kMaxTags) {
      throw UsageError(fmt::format("scenario '{}' has {} parties; tournaments handle at most {}", id,
                                   scenario.party_count(), kMaxTags - 2));
    }
    // Assignments() visits every tuple of negotiators, one per role: refuse before it would run
    // for hours (twenty negotiators in sixteen roles make 20^16 tuples).
    std::uint64_t tuples = 1;
    for (std::size_t p = 0; p < scenario.party_count(); ++p) {
      if (__builtin_mul_overflow(tuples, std::uint64_t{c.negotiators.size()}, &tuples) || tuples > kMaxAssignments) {
        throw UsageError(
            fmt::format("scenario '{}' has {} parties and the tournament {} negotiators: more than {} "
                        "ways to fill the roles",
                        id, scenario.party_count(), c.negotiators.size(), kMaxAssignments));
      }
    }
    plan.assignments.push_back(Assignments(c.negotiators.size(), scenario.party_count(), c.self_play));
    if (plan.assignments.back().empty()) {
      throw UsageError(
          fmt::format("scenario '{}' has {} parties but only {} negotiators: without self-play no "
                      "assignment fills every role",
                      id, scenario.party_count(), c.negotiators.size()));
    }
    plan.first_id.push_back(plan.match_count);
    std::uint64_t matches = 0;
    if (__builtin_mul_overflow(std::uint64_t{plan.assignments.back().size()}, c.repetitions, &matches) ||
        __builtin_add_overflow(plan.match_count, matches, &plan.match_count)) {
      throw UsageError(fmt::format("the tournament has more than 2^64 negotiations ({} repetitions)", c.repetitions));
    }
  }
  return plan;
}

}  // namespace parley
