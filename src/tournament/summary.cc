// The summary of a tournament: per negotiator (over all scenarios and per scenario) the mean and
// 95% confidence interval of its utility, advantage, the welfare and agreement rate of its
// negotiations and their distances to the Pareto frontier and the Nash point, and a ranking by
// mean utility; as a table for people and as CSV and JSON files.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "parley/tournament.h"

namespace parley {
namespace {

using Json = nlohmann::ordered_json;

// The samples of one negotiator: one entry per role it played.
struct Samples {
  std::vector<double> utility, advantage, welfare, agreement, pareto, nash;
  std::size_t faults = 0;
};

void AddRow(const TournamentRow& row, std::vector<Samples>& samples) {
  for (std::size_t p = 0; p < row.assignment.size(); ++p) {
    Samples& s = samples[row.assignment[p]];
    s.utility.push_back(row.utilities[p]);
    s.advantage.push_back(row.utilities[p] - row.reservation_values[p]);
    if (row.social_welfare) s.welfare.push_back(*row.social_welfare);
    s.agreement.push_back(row.agreement ? 1.0 : 0.0);
    if (row.distance_to_pareto) s.pareto.push_back(*row.distance_to_pareto);
    if (row.distance_to_nash) s.nash.push_back(*row.distance_to_nash);
    if (row.fault_party && *row.fault_party == p) ++s.faults;
  }
}

// Ranked statistics: best mean utility first; equal means share the better rank ("1, 2, 2, 4")
// and keep the configuration order.
std::vector<NegotiatorStatistics> Rank(const std::vector<std::string>& names, const std::vector<Samples>& samples) {
  std::vector<NegotiatorStatistics> stats;
  for (std::size_t j = 0; j < names.size(); ++j) {
    NegotiatorStatistics s;
    s.negotiator = names[j];
    s.utility = Summarize(samples[j].utility);
    s.advantage = Summarize(samples[j].advantage);
    s.welfare = Summarize(samples[j].welfare);
    s.agreement = Summarize(samples[j].agreement);
    s.distance_to_pareto = Summarize(samples[j].pareto);
    s.distance_to_nash = Summarize(samples[j].nash);
    s.faults = samples[j].faults;
    stats.push_back(std::move(s));
  }
  std::stable_sort(stats.begin(), stats.end(), [](const NegotiatorStatistics& a, const NegotiatorStatistics& b) {
    return a.utility.mean > b.utility.mean;
  });
  for (std::size_t i = 0; i < stats.size(); ++i) {
    stats[i].rank = (i > 0 && stats[i].utility.mean == stats[i - 1].utility.mean) ? stats[i - 1].rank : i + 1;
  }
  return stats;
}

Json StatisticJson(const Statistic& s) {
  Json json = Json::object();
  json["n"] = s.n;
  json["mean"] = s.n ? Json(s.mean) : Json(nullptr);
  json["ci95"] = s.n > 1 ? Json(s.half_width) : Json(nullptr);
  return json;
}

Json NegotiatorJson(const NegotiatorStatistics& s) {
  Json json = Json::object();
  json["rank"] = s.rank;
  json["negotiator"] = s.negotiator;
  json["utility"] = StatisticJson(s.utility);
  json["advantage"] = StatisticJson(s.advantage);
  json["welfare"] = StatisticJson(s.welfare);
  json["agreement_rate"] = StatisticJson(s.agreement);
  json["distance_to_pareto"] = StatisticJson(s.distance_to_pareto);
  json["distance_to_nash"] = StatisticJson(s.distance_to_nash);
  json["faults"] = s.faults;
  return json;
}

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string CsvStatistic(const Statistic& s) {
  return fmt::format("{},{}", s.n ? fmt::format("{}", s.mean) : "", s.n > 1 ? fmt::format("{}", s.half_width) : "");
}

std::string CsvLines(const std::string& scope, const std::vector<NegotiatorStatistics>& stats) {
  std::string text;
  for (const auto& s : stats) {
    text += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", CsvField(scope), s.rank, CsvField(s.negotiator),
                        s.utility.n, CsvStatistic(s.utility), CsvStatistic(s.advantage), CsvStatistic(s.welfare),
                        CsvStatistic(s.agreement), CsvStatistic(s.distance_to_pareto), s.distance_to_nash.n,
                        CsvStatistic(s.distance_to_nash), s.faults);
  }
  return text;
}

std::string Cell(const Statistic& s, int decimals) {
  if (s.n == 0) return "-";
  if (s.n < 2) return fmt::format("{:.{}f}", s.mean, decimals);
  return fmt::format("{:.{}f} ± {:.{}f}", s.mean, decimals, s.half_width, decimals);
}

// Display width of UTF-8 text (the ± sign is one column, two bytes).
std::size_t Width(const std::string& text) {
  std::size_t width = 0;
  for (unsigned char c : text) width += (c & 0xC0) != 0x80;
  return width;
}

std::string Table(const std::vector<std::vector<std::string>>& rows, const std::string& indent) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()), 0);
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], Width(row[c]));
  }
  std::string text;
  for (const auto& row : rows) {
    std::string line = indent;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::size_t pad = widths[c] - Width(row[c]);
      // Names left-aligned, numbers right-aligned.
      line += c == 1 ? row[c] + std::string(pad, ' ') : std::string(pad, ' ') + row[c];
      if (c + 1 < row.size()) line += "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    text += line + "\n";
  }
  return text;
}

}  // namespace

double StudentT975(std::size_t degrees) {
  static constexpr double kTable[] = {0,         12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912,
                                      2.364624,  2.306004,  2.262157, 2.228139, 2.200985, 2.178813, 2.160369,
                                      2.144787,  2.131450,  2.119905, 2.109816, 2.100922, 2.093024, 2.085963,
                                      2.079614,  2.073873,  2.068658, 2.063899, 2.059539, 2.055529, 2.051831,
                                      2.048407,  2.045230,  2.042272};
  if (degrees == 0) return 0.0;
  if (degrees <= 30) return kTable[degrees];
  // Cornish–Fisher expansion around the normal quantile; error below 1e-6 from 30 degrees on.
  const double z = 1.959963984540054;
  const double v = static_cast<double>(degrees);
  const double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z, z9 = z7 * z * z;
  return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v) +
         (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v) +
         (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * v * v * v * v);
}

Statistic Summarize(const std::vector<double>& sample) {
  Statistic s;
  s.n = sample.size();
  if (s.n == 0) return s;
  double sum = 0.0;
  for (double x : sample) sum += x;
  s.mean = sum / static_cast<double>(s.n);
  if (s.n < 2) return s;
  double squares = 0.0;
  for (double x : sample) squares += (x - s.mean) * (x - s.mean);
  const double sd = std::sqrt(squares / static_cast<double>(s.n - 1));
  s.half_width = StudentT975(s.n - 1) * sd / std::sqrt(static_cast<double>(s.n));
  return s;
}

TournamentSummary SummarizeTournament(const TournamentPlan& plan, const std::vector<TournamentRow>& rows) {
  const std::vector<std::string>& names = plan.config.negotiators;
  TournamentSummary summary;
  std::vector<Samples> overall(names.size());
  std::vector<std::vector<Samples>> by_scenario(plan.scenario_ids.size(), std::vector<Samples>(names.size()));
  std::vector<std::size_t> counts(plan.scenario_ids.size(), 0);
  for (const auto& row : rows) {
    ++summary.negotiations;
    summary.agreements += row.agreement;
    summary.faults += !row.fault.empty();
    AddRow(row, overall);
    const auto it = std::find(plan.scenario_ids.begin(), plan.scenario_ids.end(), row.scenario);
    if (it == plan.scenario_ids.end()) continue;
    const auto s = static_cast<std::size_t>(it - plan.scenario_ids.begin());
    AddRow(row, by_scenario[s]);
    ++counts[s];
  }
  summary.negotiators = Rank(names, overall);
  for (std::size_t s = 0; s < plan.scenario_ids.size(); ++s) {
    summary.scenarios.push_back({plan.scenario_ids[s], counts[s], Rank(names, by_scenario[s])});
  }
  return summary;
}

std::string SummaryToCsv(const TournamentSummary& summary) {
  std::string text =
      "scope,rank,negotiator,n,utility_mean,utility_ci95,advantage_mean,advantage_ci95,welfare_mean,welfare_ci95,"
      "agreement_rate,agreement_rate_ci95,distance_to_pareto_mean,distance_to_pareto_ci95,nash_n,"
      "distance_to_nash_mean,distance_to_nash_ci95,faults\n";
  text += CsvLines("all", summary.negotiators);
  for (const auto& scenario : summary.scenarios) text += CsvLines(scenario.scenario, scenario.negotiators);
  return text;
}

std::string SummaryToJson(const TournamentSummary& summary) {
  Json json = Json::object();
  json["negotiations"] = summary.negotiations;
  json["agreements"] = summary.agreements;
  json["faults"] = summary.faults;
  json["confidence_intervals"] = "95%, Student's t with n - 1 degrees of freedom; ci95 is the half-width";
  json["negotiators"] = Json::array();
  for (const auto& s : summary.negotiators) json["negotiators"].push_back(NegotiatorJson(s));
  json["scenarios"] = Json::array();
  for (const auto& scenario : summary.scenarios) {
    Json entry = Json::object();
    entry["scenario"] = scenario.scenario;
    entry["negotiations"] = scenario.negotiations;
    entry["negotiators"] = Json::array();
    for (const auto& s : scenario.negotiators) entry["negotiators"].push_back(NegotiatorJson(s));
    json["scenarios"].push_back(std::move(entry));
  }
  return json.dump(2) + "\n";
}

std::string SummaryTable(const TournamentSummary& summary) {
  std::string text = fmt::format("{} negotiations, {} agreements ({:.1f}%), {} faults; means ± 95% confidence "
                                 "half-widths\n\n",
                                 summary.negotiations, summary.agreements,
                                 summary.negotiations ? 100.0 * summary.agreements / summary.negotiations : 0.0,
                                 summary.faults);
  std::vector<std::vector<std::string>> rows = {
      {"Rank", "Negotiator", "n", "Utility", "Advantage", "Welfare", "Agreement", "Pareto dist.", "Nash dist.", "Faults"}};
  for (const auto& s : summary.negotiators) {
    rows.push_back({fmt::format("{}", s.rank), s.negotiator, fmt::format("{}", s.utility.n), Cell(s.utility, 3),
                    Cell(s.advantage, 3), Cell(s.welfare, 3), Cell(s.agreement, 2), Cell(s.distance_to_pareto, 3),
                    Cell(s.distance_to_nash, 3), fmt::format("{}", s.faults)});
  }
  text += Table(rows, "");
  text += "\nBy scenario\n";
  for (const auto& scenario : summary.scenarios) {
    text += fmt::format("\n  {} ({} negotiations)\n", scenario.scenario, scenario.negotiations);
    std::vector<std::vector<std::string>> lines = {{"Rank", "Negotiator", "n", "Utility", "Advantage", "Agreement"}};
    for (const auto& s : scenario.negotiators) {
      lines.push_back({fmt::format("{}", s.rank), s.negotiator, fmt::format("{}", s.utility.n), Cell(s.utility, 3),
                       Cell(s.advantage, 3), Cell(s.agreement, 2)});
    }
    text += Table(lines, "  ");
  }
  return text;
}

}  // namespace parley
