// The results files of a tournament: one row per negotiation as a JSON line and as a CSV line,
// and reading the JSON lines back when a tournament resumes. Both lines are made from the row
// alone, so a row read back and written again gives the same bytes.
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/csv.h"
#include "common/json_fields.h"
#include "parley/error.h"
#include "parley/tournament.h"
#include "tournament/tournament_fields.h"

namespace parley {

std::string RowToJsonLine(const TournamentRow& row) {
  return internal::ToJson(row).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

TournamentRow RowFromJsonLine(const std::string& line, const std::string& origin) {
  try {
    const nlohmann::ordered_json json = nlohmann::ordered_json::parse(line);
    TournamentRow row;
    internal::JsonFieldReader reader(json);
    VisitFields(row, reader);
    const std::size_t parties = row.roles.size();
    if (row.negotiators.size() != parties || row.assignment.size() != parties || row.utilities.size() != parties ||
        row.undiscounted_utilities.size() != parties || row.reservation_values.size() != parties ||
        (row.elicitation_costs && row.elicitation_costs->size() != parties) ||
        (row.elicitation_requests && row.elicitation_requests->size() != parties)) {
      throw InputError(fmt::format("{}: the per-party lists have different lengths", origin));
    }
    return row;
  } catch (const nlohmann::json::exception& e) {
    throw InputError(fmt::format("{}: not a tournament result row: {}", origin, e.what()));
  }
}

std::string CsvHeader(bool elicitation) {
  TournamentRow columns;
  if (elicitation) {
    columns.elicitation_costs.emplace();
    columns.elicitation_requests.emplace();
  }
  return internal::CsvHeader(columns);
}

std::string RowToCsvLine(const TournamentRow& row) { return internal::CsvLine(row); }

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
