// `parley analyze PATH [--json]`: the space of deals of a scenario: its size, the Pareto
// frontier, the zone of agreement, the four bargaining solutions and how they were computed.
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "io/outcome_json.h"
#include "parley/analysis.h"
#include "parley/error.h"
#include "parley/multi_track.h"
#include "parley/scenario_format.h"

namespace parley::cli {
namespace {

struct AnalyzeOptions {
  std::string scenario = std::string(kDefaultScenario);
  std::string parties;
  bool json = false;
  bool list_frontier = false;
};

std::string FormatUtilities(const Scenario& scenario, const std::vector<double>& utilities) {
  std::vector<std::string> parts;
  for (std::size_t p = 0; p < utilities.size(); ++p) {
    parts.push_back(fmt::format("{} {:.4f}", scenario.profile(p).name(), utilities[p]));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

void PrintSolution(const Scenario& scenario, const std::string& name, const std::optional<FrontierPoint>& point) {
  if (!point) {
    fmt::print("{:<20}none (the zone of agreement is empty)\n", name);
    return;
  }
  fmt::print("{:<20}{}\n", name, FormatUtilities(scenario, point->utilities));
  fmt::print("{:<20}{}\n", "", scenario.space().Format(point->outcome));
}

nlohmann::ordered_json PointJson(const Scenario& scenario, const FrontierPoint& point) {
  nlohmann::ordered_json json;
  json["outcome"] = OutcomeJson(scenario.space(), point.outcome);
  nlohmann::ordered_json utilities = nlohmann::ordered_json::object();
  for (std::size_t p = 0; p < point.utilities.size(); ++p) utilities[scenario.profile(p).name()] = point.utilities[p];
  json["utilities"] = utilities;
  return json;
}

void Analyze(const Scenario& scenario, const AnalyzeOptions& cli);

// A multi-track scenario is analysed track by track, each between its participants.
void Run(const AnalyzeOptions& cli) {
  const MultiTrackScenario multi = LoadMultiTrackScenario(cli.scenario);
  if (multi.tracks().size() == 1) {
    Scenario scenario = multi.tracks().front().Negotiation();
    if (!cli.parties.empty()) scenario = multi.tracks().front().stakes.WithParties(Spec::SplitList(cli.parties));
    Analyze(scenario, cli);
    return;
  }
  if (!cli.parties.empty()) throw UsageError("--parties chooses profiles of a single-track scenario");
  if (cli.json) fmt::print("[\n");
  for (std::size_t t = 0; t < multi.tracks().size(); ++t) {
    if (!cli.json) fmt::print("{}Track {}\n", t ? "\n" : "", multi.tracks()[t].name);
    Analyze(multi.tracks()[t].Negotiation(), cli);
    if (cli.json && t + 1 < multi.tracks().size()) fmt::print(",\n");
  }
  if (cli.json) fmt::print("]\n");
}

// How the frontier's points were compared, in the JSON: "exact" (GENIUS's rule) or "rounded".
const char* ComparisonName(UtilityComparison comparison) {
  return comparison == UtilityComparison::kExact ? "exact" : "rounded";
}

void Analyze(const Scenario& scenario, const AnalyzeOptions& cli) {
  const auto analysis = ScenarioAnalysis::Of(scenario);
  const ParetoFrontier& frontier = analysis->frontier();
  const ZoneOfAgreement& zone = analysis->zone();
  const struct {
    const char* name;
    const std::optional<FrontierPoint>& point;
  } solutions[] = {{"nash", analysis->nash()},
                   {"kalai_smorodinsky", analysis->kalai_smorodinsky()},
                   {"egalitarian", analysis->egalitarian()},
                   {"utilitarian", analysis->utilitarian()}};

  if (cli.json) {
    nlohmann::ordered_json json;
    json["scenario"] = scenario.name();
    json["parties"] = nlohmann::ordered_json::array();
    for (const auto& profile : scenario.profiles()) json["parties"].push_back(profile.name());
    json["outcomes"] = scenario.space().cardinality() ? nlohmann::ordered_json(*scenario.space().cardinality())
                                                      : nlohmann::ordered_json(scenario.space().DescribeSize());
    json["log10_outcomes"] = scenario.space().log10_cardinality();
    json["frontier"] = {{"size", frontier.points.size()},
                        {"distinct_utility_vectors", frontier.distinct_utility_vectors},
                        {"comparison", ComparisonName(frontier.comparison)},
                        {"exact", frontier.exact},
                        {"method", frontier.method}};
    if (cli.list_frontier) {
      auto& points = json["frontier"]["points"] = nlohmann::ordered_json::array();
      for (const auto& point : frontier.points) points.push_back(PointJson(scenario, point));
    }
    nlohmann::ordered_json zone_json;
    zone_json["empty"] = zone.empty;
    if (zone.size) zone_json["size"] = *zone.size;
    if (zone.estimated_size) {
      zone_json["estimated_size"] = *zone.estimated_size;
      zone_json["estimate_half_width_95"] = *zone.estimate_half_width;
    }
    json["zone_of_agreement"] = zone_json;
    for (const auto& solution : solutions) {
      json[solution.name] = solution.point ? PointJson(scenario, *solution.point) : nlohmann::ordered_json();
    }
    json["ideal_point"] = analysis->ideal_point();
    json["reservation_values"] = analysis->reservation_values();
    json["opposition"] = analysis->opposition();
    fmt::print("{}\n", json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
    return;
  }

  fmt::print("Scenario            {} ({} parties)\n", scenario.name(), scenario.party_count());
  fmt::print("Outcomes            {}\n", scenario.space().DescribeSize());
  fmt::print("Pareto frontier     {} outcomes ({} distinct utility vectors), {}, utilities compared {}\n",
             frontier.points.size(), frontier.distinct_utility_vectors, frontier.exact ? "exact" : "approximate",
             frontier.comparison == UtilityComparison::kExact ? "as computed (GENIUS's rule)" : "rounded to 2^-40");
  fmt::print("Method              {}\n", frontier.method);
  if (zone.empty) {
    fmt::print("Zone of agreement   empty: no outcome gives every party more than its reservation value\n");
  } else if (zone.size) {
    fmt::print("Zone of agreement   {} outcomes give every party more than its reservation value\n", *zone.size);
  } else {
    fmt::print("Zone of agreement   not empty; about {:.3g} outcomes (+-{:.2g}, 95%, from samples)\n",
               *zone.estimated_size, *zone.estimate_half_width);
  }
  fmt::print("Reservation values  {}\n", FormatUtilities(scenario, analysis->reservation_values()));
  fmt::print("Ideal point         {}\n", FormatUtilities(scenario, analysis->ideal_point()));
  fmt::print("Opposition          {:.4f}\n", analysis->opposition());
  const char* titles[] = {"Nash", "Kalai-Smorodinsky", "Egalitarian", "Utilitarian"};
  for (std::size_t k = 0; k < 4; ++k) PrintSolution(scenario, titles[k], solutions[k].point);
  if (cli.list_frontier) {
    fmt::print("Frontier points\n");
    for (const auto& point : frontier.points) {
      fmt::print("  {}  |  {}\n", FormatUtilities(scenario, point.utilities), scenario.space().Format(point.outcome));
    }
  }
}

}  // namespace

void AddAnalyzeCommand(CLI::App& app) {
  auto options = std::make_shared<AnalyzeOptions>();
  auto* command =
      app.add_subcommand("analyze", "Pareto frontier, zone of agreement and bargaining solutions of a scenario.");
  command->add_option("PATH", options->scenario, "Built-in scenario name, GENIUS XML folder or Parley JSON file")
      ->capture_default_str();
  command->add_option("--parties", options->parties,
                      "Comma-separated names of the profiles that take part (default: all)");
  command->add_flag("--json", options->json, "Print the analysis as JSON");
  command->add_flag("--frontier", options->list_frontier, "Also list every frontier point");
  command->callback([options] { Run(*options); });
}

}  // namespace parley::cli
