#include "parley/trace_io.h"

#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "common/csv.h"
#include "common/json_fields.h"
#include "io/atomic_file.h"
#include "io/negotiation_fields.h"
#include "io/outcome_json.h"
#include "io/result_json.h"
#include "parley/error.h"

namespace parley {
namespace internal {

// How the files write the values of negotiation_fields.h: who by name, offers by issue and value
// names, per-party numbers by party name.

void to_json(nlohmann::ordered_json& json, const Actor& actor) {
  json = ActorName(*actor.scenario, *actor.result, actor.index);
}

void to_json(nlohmann::ordered_json& json, const Offer& offer) { json = OutcomeJson(*offer.space, *offer.outcome); }

void to_json(nlohmann::ordered_json& json, const PartyValues& values) {
  json = nlohmann::ordered_json::object();
  for (std::size_t p = 0; p < values.count; ++p) json[values.scenario->profile(p).name()] = values.values[p];
}

void to_json(nlohmann::ordered_json& json, const Offers& offers) {
  json = nlohmann::ordered_json::array();
  for (const Outcome& outcome : *offers.outcomes) json.push_back(OutcomeJson(*offers.space, outcome));
}

std::string CsvText(const Offers& offers) {
  std::vector<std::string> texts;
  for (const Outcome& outcome : *offers.outcomes) texts.push_back(offers.space->Format(outcome));
  return fmt::format("{}", fmt::join(texts, " | "));
}

std::string CsvText(const Actor& actor) { return ActorName(*actor.scenario, *actor.result, actor.index); }

void WriteCsv(CsvFieldWriter& out, const Field& field, const Offer& offer) {
  for (std::size_t k = 0; k < offer.space->issue_count(); ++k) {
    const Issue& issue = offer.space->issue(k);
    out.Cell(std::string(field.csv_prefix()) + issue.name(), offer.outcome ? issue.Format((*offer.outcome)[k]) : "");
  }
}

void WriteCsv(CsvFieldWriter& out, const Field& field, const PartyValues& values) {
  for (std::size_t p = 0; p < values.count; ++p) {
    out.Cell(std::string(field.csv_prefix()) + values.scenario->profile(p).name(),
             values.values ? fmt::format("{}", values.values[p]) : "");
  }
}

}  // namespace internal

std::string ActorName(const Scenario& scenario, const NegotiationResult& result, std::size_t actor) {
  if (actor < scenario.party_count()) return scenario.profile(actor).name();
  const std::size_t m = actor - scenario.party_count();
  return fmt::format("mediator {}{}", m, m < result.mediators.size() ? " (" + result.mediators[m] + ")" : "");
}

std::string ActorSpec(const NegotiationResult& result, std::size_t actor, std::size_t party_count) {
  if (actor < party_count) return actor < result.negotiators.size() ? result.negotiators[actor] : "";
  const std::size_t m = actor - party_count;
  return m < result.mediators.size() ? result.mediators[m] : "";
}

void WriteTraceJsonLines(const Scenario& scenario, const NegotiationResult& result, std::ostream& out) {
  for (std::size_t i = 0; i < result.trace.size(); ++i) {
    const internal::TraceEntry entry = internal::TraceEntryAt(&scenario, scenario.space(), result, i);
    nlohmann::ordered_json json = internal::ToJson(entry);
    // A vote with a power range (mopac): its range, only there, so that every other trace is written as before.
    if (const Trace::VoteRange* range = result.trace.vote_range(i)) {
      json["min_power"] = range->min_power;
      json["max_power"] = range->max_power;
      json["opt_in"] = range->opt_in;
    }
    out << json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }
}

void WriteTraceCsv(const Scenario& scenario, const NegotiationResult& result, std::ostream& out) {
  const internal::TraceEntry columns{&scenario, scenario.space(), result, {}, std::nullopt, {}};
  out << internal::CsvHeader(columns) << '\n';
  for (std::size_t i = 0; i < result.trace.size(); ++i) {
    out << internal::CsvLine(internal::TraceEntryAt(&scenario, scenario.space(), result, i)) << '\n';
  }
}

void WriteTraceFile(const Scenario& scenario, const NegotiationResult& result, const std::filesystem::path& path) {
  std::ostringstream text;
  if (path.extension() == ".csv") {
    WriteTraceCsv(scenario, result, text);
  } else {
    WriteTraceJsonLines(scenario, result, text);
  }
  WriteFileAtomically(path, text.str());
}

std::string ResultToJson(const Scenario& scenario, const NegotiationResult& result) {
  return internal::ResultJson(scenario, result).dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace internal {

nlohmann::ordered_json ResultJson(const Scenario& scenario, const NegotiationResult& result) {
  nlohmann::ordered_json json = ToJson(ResultEntry{scenario, result});
  // Under mopac only, so that every other result is written as before.
  if (!result.coalitions.empty()) {
    nlohmann::ordered_json& coalitions = json["coalitions"] = nlohmann::ordered_json::array();
    for (const Coalition& coalition : result.coalitions) {
      nlohmann::ordered_json& entry = coalitions.emplace_back(nlohmann::ordered_json::object());
      entry["outcome"] = OutcomeJson(scenario.space(), coalition.outcome);
      entry["parties"] = nlohmann::ordered_json::array();
      for (const std::size_t p : coalition.parties) entry["parties"].push_back(ActorName(scenario, result, p));
      entry["round"] = coalition.round;
      entry["time"] = coalition.time;
    }
  }
  if (!result.removals.empty()) {
    nlohmann::ordered_json& removals = json["removals"] = nlohmann::ordered_json::array();
    for (const Fault& removal : result.removals) {
      removals.push_back({{"party", ActorName(scenario, result, removal.party)}, {"message", removal.message}});
    }
  }
  return json;
}

}  // namespace internal
}  // namespace parley
