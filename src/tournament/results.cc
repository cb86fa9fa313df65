// The results files of a tournament: one row per negotiation as a JSON line and as a CSV line,
// and reading the JSON lines back when a tournament resumes. Both lines are made from the row
// alone, so a row read back and written again gives the same bytes.
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/csv.h"
#include "parley/error.h"
#include "parley/tournament.h"

namespace parley {
namespace {

using Json = nlohmann::ordered_json;
using internal::CsvField;

Json Optional(const std::optional<double>& value) { return value ? Json(*value) : Json(nullptr); }

std::optional<double> OptionalDouble(const Json& json) {
  if (json.is_null()) return std::nullopt;
  return json.get<double>();
}

template <typename T>
std::string JoinList(const std::vector<T>& items) {
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i) text += fmt::format("{}{}", i ? ";" : "", items[i]);
  return text;
}

std::string CsvOptional(const std::optional<double>& value) { return value ? fmt::format("{}", *value) : ""; }

}  // namespace

std::string RowToJsonLine(const TournamentRow& row) {
  Json json = Json::object();
  json["id"] = row.id;
  json["scenario"] = row.scenario;
  json["repetition"] = row.repetition;
  json["roles"] = row.roles;
  json["negotiators"] = row.negotiators;
  json["assignment"] = row.assignment;
  json["seed"] = row.seed;
  json["agreement"] = row.agreement;
  if (row.agreement) {
    Json outcome = Json::object();
    for (std::size_t i = 0; i < row.issues.size(); ++i) outcome[row.issues[i]] = row.outcome[i];
    json["outcome"] = outcome;
  } else {
    json["outcome"] = nullptr;
  }
  json["utilities"] = row.utilities;
  json["undiscounted_utilities"] = row.undiscounted_utilities;
  json["reservation_values"] = row.reservation_values;
  json["rounds"] = row.rounds;
  json["steps"] = row.steps;
  json["time"] = row.time;
  json["social_welfare"] = Optional(row.social_welfare);
  json["distance_to_pareto"] = Optional(row.distance_to_pareto);
  json["distance_to_nash"] = Optional(row.distance_to_nash);
  json["distance_to_kalai"] = Optional(row.distance_to_kalai);
  json["pareto_optimal"] = row.pareto_optimal ? Json(*row.pareto_optimal) : Json(nullptr);
  json["opposition"] = Optional(row.opposition);
  json["end_reason"] = row.end_reason;
  json["fault"] = row.fault.empty() ? Json(nullptr) : Json(row.fault);
  json["fault_party"] = row.fault_party ? Json(*row.fault_party) : Json(nullptr);
  json["elapsed_seconds"] = row.elapsed_seconds;
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

TournamentRow RowFromJsonLine(const std::string& line, const std::string& origin) {
  try {
    const Json json = Json::parse(line);
    TournamentRow row;
    row.id = json.at("id").get<std::uint64_t>();
    row.scenario = json.at("scenario").get<std::string>();
    row.repetition = json.at("repetition").get<std::uint64_t>();
    row.roles = json.at("roles").get<std::vector<std::string>>();
    row.negotiators = json.at("negotiators").get<std::vector<std::string>>();
    row.assignment = json.at("assignment").get<std::vector<std::size_t>>();
    row.seed = json.at("seed").get<std::uint64_t>();
    row.agreement = json.at("agreement").get<bool>();
    if (!json.at("outcome").is_null()) {
      for (const auto& [issue, value] : json.at("outcome").items()) {
        row.issues.push_back(issue);
        row.outcome.push_back(value.get<std::string>());
      }
    }
    row.utilities = json.at("utilities").get<std::vector<double>>();
    row.undiscounted_utilities = json.at("undiscounted_utilities").get<std::vector<double>>();
    row.reservation_values = json.at("reservation_values").get<std::vector<double>>();
    row.rounds = json.at("rounds").get<std::uint64_t>();
    row.steps = json.at("steps").get<std::uint64_t>();
    row.time = json.at("time").get<double>();
    row.social_welfare = OptionalDouble(json.at("social_welfare"));
    row.distance_to_pareto = OptionalDouble(json.at("distance_to_pareto"));
    row.distance_to_nash = OptionalDouble(json.at("distance_to_nash"));
    row.distance_to_kalai = OptionalDouble(json.at("distance_to_kalai"));
    if (!json.at("pareto_optimal").is_null()) row.pareto_optimal = json.at("pareto_optimal").get<bool>();
    row.opposition = OptionalDouble(json.at("opposition"));
    row.end_reason = json.at("end_reason").get<std::string>();
    if (!json.at("fault").is_null()) row.fault = json.at("fault").get<std::string>();
    if (!json.at("fault_party").is_null()) row.fault_party = json.at("fault_party").get<std::size_t>();
    row.elapsed_seconds = json.at("elapsed_seconds").get<double>();
    const std::size_t parties = row.roles.size();
    if (row.negotiators.size() != parties || row.assignment.size() != parties || row.utilities.size() != parties ||
        row.undiscounted_utilities.size() != parties || row.reservation_values.size() != parties) {
      throw InputError(fmt::format("{}: the per-party lists have different lengths", origin));
    }
    return row;
  } catch (const nlohmann::json::exception& e) {
    throw InputError(fmt::format("{}: not a tournament result row: {}", origin, e.what()));
  }
}

std::string CsvHeader() {
  return "id,scenario,repetition,roles,negotiators,seed,agreement,outcome,utilities,undiscounted_utilities,"
         "reservation_values,rounds,steps,time,social_welfare,distance_to_pareto,distance_to_nash,distance_to_kalai,"
         "pareto_optimal,opposition,end_reason,fault,fault_party,elapsed_seconds";
}

std::string RowToCsvLine(const TournamentRow& row) {
  std::string outcome;
  for (std::size_t i = 0; i < row.issues.size(); ++i) {
    outcome += fmt::format("{}{}={}", i ? ";" : "", row.issues[i], row.outcome[i]);
  }
  return fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}", row.id,
                     CsvField(row.scenario), row.repetition, CsvField(JoinList(row.roles)),
                     CsvField(JoinList(row.negotiators)), row.seed, row.agreement, CsvField(outcome),
                     JoinList(row.utilities), JoinList(row.undiscounted_utilities), JoinList(row.reservation_values),
                     row.rounds, row.steps, row.time, CsvOptional(row.social_welfare),
                     CsvOptional(row.distance_to_pareto), CsvOptional(row.distance_to_nash),
                     CsvOptional(row.distance_to_kalai),
                     row.pareto_optimal ? (*row.pareto_optimal ? "true" : "false") : "",
                     CsvOptional(row.opposition), row.end_reason, CsvField(row.fault),
                     row.fault_party ? fmt::format("{}", *row.fault_party) : "", row.elapsed_seconds);
}

std::vector<TournamentRow> ReadResultsFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open the results file", path.string()));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(std::move(line));
  std::vector<TournamentRow> rows;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].empty()) continue;
    try {
      rows.push_back(RowFromJsonLine(lines[i], fmt::format("{}:{}", path.string(), i + 1)));
    } catch (const InputError&) {
      // A process killed while writing leaves at most its last line incomplete.
      if (i + 1 == lines.size()) break;
      throw;
    }
  }
  return rows;
}

}  // namespace parley
