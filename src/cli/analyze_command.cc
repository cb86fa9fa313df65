// `parley analyze PATH [--json]`: the space of deals of a scenario: its size, the Pareto
// frontier, the zone of agreement, the four bargaining solutions and how they were computed.
// With `--samples N`, the same over N sampled worlds of its uncertain numbers
// (parley/uncertain_analysis.h, docs/uncertainty.md).
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "assistant/uncertain_analysis_json.h"
#include "cli/commands.h"
#include "cli/text_table.h"
#include "io/outcome_json.h"
#include "parley/analysis.h"
#include "parley/error.h"
#include "parley/multi_track.h"
#include "parley/scenario_format.h"
#include "parley/uncertain_analysis.h"
#include "parley/uncertainty.h"

namespace parley::cli {
namespace {

struct AnalyzeOptions {
  std::string scenario = std::string(kDefaultScenario);
  std::string parties;
  bool json = false;
  bool list_frontier = false;
  std::int64_t samples = -1;  // -1: not asked
  std::uint64_t seed = 0;
  std::int64_t threads = 0;
  std::vector<std::string> given;  // the options that need --samples, as given
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
void RunUncertain(const AnalyzeOptions& cli);

// A multi-track scenario is analysed track by track, each between its participants.
void Run(const AnalyzeOptions& cli) {
  if (cli.samples >= 0 || !cli.given.empty()) {
    RunUncertain(cli);
    return;
  }
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

std::string Summary(const SampleSummary& summary, const char* format) {
  return fmt::format("mean {}, 5/50/95%: {} / {} / {}", fmt::format(fmt::runtime(format), summary.mean),
                     fmt::format(fmt::runtime(format), summary.quantiles[0]),
                     fmt::format(fmt::runtime(format), summary.quantiles[1]),
                     fmt::format(fmt::runtime(format), summary.quantiles[2]));
}

void PrintUncertainSolution(const Scenario& scenario, const UncertainTrackAnalysis& track,
                            const UncertainSolution& solution, const char* title) {
  if (solution.at_estimate) {
    fmt::print("  {:<18}at the estimate: {} ({})\n", title, scenario.space().Format(solution.at_estimate->outcome),
               FormatUtilities(scenario, solution.at_estimate->utilities));
  } else {
    fmt::print("  {:<18}at the estimate: none (the zone of agreement is empty)\n", title);
  }
  fmt::print("  {:<18}the same in {} of worlds; none in {}\n", "", Percent(solution.same_as_estimate),
             Percent(solution.none));
  for (const auto& entry : solution.frequent) {
    fmt::print("  {:<18}{:>6} {}\n", "", Percent(entry.share), scenario.space().Format(entry.outcome));
  }
  if (solution.none < 1.0) {
    std::vector<std::string> parts;
    for (std::size_t p = 0; p < track.parties.size(); ++p) {
      const SampleSummary& utility = solution.utilities[p];
      parts.push_back(fmt::format("{} {:.4f} [{:.4f}, {:.4f}]", track.parties[p], utility.mean, utility.quantiles[0],
                                  utility.quantiles[2]));
    }
    fmt::print("  {:<18}utility of the world's solution, mean [5%, 95%]: {}\n", "", fmt::join(parts, ", "));
  }
  if (solution.acceptance) {
    fmt::print("  {:<18}the estimate's solution accepted in {} of worlds (+-{})\n", "", Percent(*solution.acceptance),
               Percent(*solution.acceptance_error));
  }
}

void PrintUncertainAnalysis(const MultiTrackScenario& estimate, const UncertainAnalysisReport& report) {
  fmt::print("Analysis under uncertainty: {}, {} sampled worlds (seed {}), {} uncertain numbers\n", report.scenario,
             report.samples, report.seed, report.numbers.size());
  fmt::print(
      "Each world is analysed as `parley analyze` analyses the estimate; shares are of the worlds, intervals\n"
      "Wilson's 95%, +- a binomial standard error (docs/uncertainty.md).\n");
  const char* titles[] = {"Nash", "Kalai-Smorodinsky", "Egalitarian", "Utilitarian"};
  for (std::size_t t = 0; t < report.tracks.size(); ++t) {
    const UncertainTrackAnalysis& track = report.tracks[t];
    const Scenario scenario = estimate.tracks()[t].Negotiation();
    const ScenarioAnalysis& at_estimate = *track.estimate;
    fmt::print("\nTrack {}, between {}\n", track.name, fmt::join(track.parties, ", "));
    fmt::print("  {:<18}P = {:.4f} [{:.4f}, {:.4f}] (at the estimate: {})\n", "Zone of agreement",
               track.zone_probability, track.zone_low, track.zone_high,
               at_estimate.zone().empty ? "empty" : "not empty");
    const ZoneOfAgreement& zone = at_estimate.zone();
    fmt::print("  {:<18}{} outcomes (at the estimate: {})\n", "Zone size", Summary(track.zone_size, "{:.4g}"),
               zone.size ? fmt::format("{}", *zone.size) : fmt::format("{:.4g}", zone.estimated_size.value_or(0.0)));
    fmt::print("  {:<18}{} outcomes (at the estimate: {})\n", "Pareto frontier", Summary(track.frontier_size, "{:.4g}"),
               at_estimate.frontier().points.size());
    for (std::size_t k = 0; k < track.solutions.size(); ++k) {
      PrintUncertainSolution(scenario, track, track.solutions[k], titles[k]);
    }
  }
}

// `--samples N` and its companions.
void RunUncertain(const AnalyzeOptions& cli) {
  if (cli.samples < 0) {
    throw UsageError(fmt::format("{}: only with --samples N (answers over sampled worlds)", cli.given.front()));
  }
  if (cli.samples < 1) throw UsageError(fmt::format("--samples {}: expected at least 1 sampled world", cli.samples));
  if (cli.threads < 0) throw UsageError(fmt::format("--threads {}: expected 0 (every core) or more", cli.threads));
  if (!cli.parties.empty())
    throw UsageError("--parties: not with --samples (every track is analysed between its participants)");
  if (cli.list_frontier) throw UsageError("--frontier: not with --samples");
  const UncertainScenario scenario = UncertainScenario::Load(cli.scenario);
  if (scenario.dimension() == 0) {
    throw UsageError(fmt::format(
        "--samples: '{}' has no uncertain numbers (docs/uncertainty.md says how to give ranges)", cli.scenario));
  }
  UncertainAnalysisOptions options;
  options.samples = static_cast<std::size_t>(cli.samples);
  options.seed = cli.seed;
  options.threads = static_cast<unsigned>(cli.threads);
  options.keep_samples = false;
  const UncertainAnalysisReport report = AnalyzeUnderUncertainty(scenario, options);
  if (cli.json) {
    fmt::print("{}\n", UncertainAnalysisJson(scenario.estimate(), report)
                           .dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
  } else {
    PrintUncertainAnalysis(scenario.estimate(), report);
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
  command->add_option("--samples", options->samples,
                      "Analyse N worlds sampled from the scenario's uncertain numbers (docs/uncertainty.md)");
  command->add_option("--seed", options->seed, "Seed of the sampled worlds (with --samples)")->capture_default_str();
  command->add_option("--threads", options->threads, "Threads for --samples (0: every core)")->capture_default_str();
  command->callback([options, command] {
    for (const char* option : {"--seed", "--threads"}) {
      if (command->count(option) > 0) options->given.push_back(option);
    }
    Run(*options);
  });
}

}  // namespace parley::cli
