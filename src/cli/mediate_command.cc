// `parley mediate [--scenario PATH] [--json] [--top K] [--times t1,t2,...]`: the mediator's
// assistant. Per track and for the joint package: is there a deal every party prefers to its
// fallback, which packages to propose, which issue is the stumbling block, and how that changes as
// the deadline approaches. The computing is in parley/mediation_assistant.h; this file prints it.
#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "assistant/mediation_json.h"
#include "assistant/uncertain_mediation_json.h"
#include "cli/commands.h"
#include "cli/text_table.h"
#include "cli/uncertain_mediation_output.h"
#include "common/mapped.h"
#include "parley/error.h"
#include "parley/mediation_assistant.h"
#include "parley/multi_track.h"
#include "parley/report.h"
#include "parley/scenario_format.h"
#include "parley/uncertain_mediation.h"
#include "parley/uncertainty.h"

namespace parley::cli {
namespace {

struct MediateOptions {
  std::string scenario = std::string(kDefaultScenario);
  bool json = false;
  std::int64_t top = 5;
  std::string times;   // empty: the default times
  std::string report;  // an HTML report to write
  // Answers over sampled worlds of a scenario with uncertain numbers (docs/uncertainty.md).
  std::int64_t samples = -1;  // -1: not asked
  std::uint64_t seed = 0;
  std::int64_t threads = 0;
  bool sobol = false;
  std::string sobol_at;
  std::string sobol_errors = "bootstrap";
  std::int64_t bootstrap = 500;
  std::vector<std::string> given;  // the options given, for the checks of RunUncertain
};

// "0.2,0.6", the value of `option`, into times; every entry must be a number in [0, 1].
std::vector<double> ParseTimes(const std::string& option, const std::string& list) {
  std::vector<double> times;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    std::string entry = list.substr(start, comma - start);
    entry.erase(0, entry.find_first_not_of(' '));
    entry.erase(entry.find_last_not_of(' ') + 1);
    double time = 0.0;
    const auto [end, error] = std::from_chars(entry.data(), entry.data() + entry.size(), time);
    if (entry.empty() || error != std::errc() || end != entry.data() + entry.size()) {
      throw UsageError(
          fmt::format("{} '{}': '{}' is not a number; expected comma-separated normalised times in "
                      "[0, 1], e.g. {} 0.5,0.59,0.6",
                      option, list, entry, option));
    }
    if (!(time >= 0.0 && time <= 1.0)) {
      throw UsageError(
          fmt::format("{} '{}': {} is outside [0, 1] (0 = the start, 1 = the deadline)", option, list, entry));
    }
    times.push_back(time);
    if (comma == list.size()) break;
    start = comma + 1;
  }
  return times;
}

std::string Growth(const std::optional<double>& growth) { return growth ? fmt::format("x{:.2f}", *growth) : "-"; }

std::string ZoneText(const MediationMoment& moment) {
  if (!moment.zone_exists) return "none";
  if (!moment.zone_size) return "yes (not counted)";
  return fmt::format("{} ({})", *moment.zone_size, Percent(*moment.zone_fraction));
}

void PrintNow(const MultiTrackScenario& scenario, const MediationSubject& subject, const MediationMoment& now,
              std::size_t top) {
  const std::string when = fmt::format("now (t = {})", TimeText(now.time));
  std::vector<std::string> fallbacks;
  for (std::size_t p = 0; p < subject.parties.size(); ++p) {
    fallbacks.push_back(fmt::format("{} {:.4f}", subject.parties[p], now.fallbacks[p]));
  }
  fmt::print("  Fallbacks {}: {}\n", when, fmt::join(fallbacks, ", "));
  if (!now.zone_exists) {
    fmt::print("  Is there a deal {}? No: no package gives every party more than its fallback.\n", when);
  } else if (now.zone_size) {
    fmt::print("  Is there a deal {}? Yes: {} of {} packages ({}) give{} every party more than its fallback.\n", when,
               *now.zone_size, *subject.packages, Percent(*now.zone_fraction), *now.zone_size == 1 ? "s" : "");
  } else {
    fmt::print("  Is there a deal {}? Yes: some Pareto-optimal packages give every party more than its fallback.\n",
               when);
  }
  if (!now.best.empty()) {
    fmt::print("\n  Best {} package{} to propose {}, by Nash product of gains over the fallbacks:\n", now.best.size(),
               now.best.size() == 1 ? "" : "s", when);
    for (std::size_t k = 0; k < now.best.size(); ++k) {
      const MediationPackage& package = now.best[k];
      fmt::print("  {:>2}. {}\n", k + 1, DescribePackage(scenario, subject, package));
      std::vector<std::string> values;
      for (std::size_t p = 0; p < subject.parties.size(); ++p) {
        values.push_back(
            fmt::format("{} {:.4f} ({:+.4f})", subject.parties[p], package.utilities[p], package.gains[p]));
      }
      fmt::print("      {}; Nash product {:.6f}\n", fmt::join(values, ", "), package.nash_product);
    }
    if (now.best.size() < top) fmt::print("      (the zone holds no more packages)\n");
  }
  if (!subject.enumerated) return;
  fmt::print("\n");
  if (now.stumbling_block) {
    const IssueGrowth& block = now.issues.front();
    if (now.zone_exists) {
      fmt::print("  Stumbling block {}: {} (settling it at '{}' grows the zone {})\n", when, *now.stumbling_block,
                 IssueValue(scenario, block), Growth(block.settled_growth));
    } else {
      fmt::print("  Stumbling block {}: {} (taking it off the table opens a zone of {} packages)\n", when,
                 *now.stumbling_block, block.removed_zone_size);
    }
  } else {
    fmt::print("  Stumbling block {}: none (settling or removing no single issue grows the zone)\n", when);
  }
  std::vector<std::vector<std::string>> rows = {
      {"issue", "settled at", "zone left", "growth", "removed: zone left", "growth"}};
  for (const IssueGrowth& growth : now.issues) {
    const std::string settled = fmt::format("{}/{} ({})", growth.settled_zone_size, growth.remaining_packages,
                                            Percent(growth.settled_fraction));
    const std::string removed = growth.removal_defined
                                    ? fmt::format("{}/{} ({})", growth.removed_zone_size, growth.remaining_packages,
                                                  Percent(growth.removed_fraction))
                                    : "not defined: " + growth.removal_undefined_reason;
    rows.push_back({growth.name, now.zone_exists ? IssueValue(scenario, growth) : "-", settled,
                    Growth(growth.settled_growth), removed,
                    growth.removal_defined ? Growth(growth.removed_growth) : ""});
  }
  PrintTable(rows, "    ");
  if (now.zone_size) {
    fmt::print("    (zone before: {}/{} ({}); growth = zone fraction after / zone fraction before)\n", *now.zone_size,
               *subject.packages, Percent(*now.zone_fraction));
  }
}

// One row per time; Nash packages are named by letters, spelled out below the table.
void PrintOverTime(const MultiTrackScenario& scenario, const MediationSubject& subject) {
  fmt::print("\n  As the deadline approaches:\n");
  std::vector<std::string> header = {"t"};
  for (const auto& party : subject.parties) header.push_back("fallback " + party);
  for (const char* title : {"zone", "Nash package", "gains", "stumbling block"}) header.push_back(title);
  std::vector<std::vector<std::string>> rows = {header};
  std::vector<const MediationPackage*> legend;
  const MediationMoment* first_ended = nullptr;
  for (const MediationMoment& moment : subject.moments) {
    if (!first_ended && !moment.ended_tracks.empty()) first_ended = &moment;
    std::vector<std::string> row = {TimeText(moment.time) + (moment.ended_tracks.empty() ? "" : "*")};
    for (double fallback : moment.fallbacks) row.push_back(fmt::format("{:.4f}", fallback));
    row.push_back(ZoneText(moment));
    if (moment.best.empty()) {
      row.insert(row.end(), {"-", "-"});
    } else {
      const MediationPackage& nash = moment.best.front();
      auto found =
          std::find_if(legend.begin(), legend.end(), [&](const auto* other) { return other->parts == nash.parts; });
      if (found == legend.end()) found = legend.insert(legend.end(), &nash);
      std::vector<std::string> gains;
      for (double gain : nash.gains) gains.push_back(fmt::format("{:+.4f}", gain));
      row.push_back(std::string(1, static_cast<char>('A' + (found - legend.begin()) % 26)));
      row.push_back(fmt::format("{}", fmt::join(gains, ", ")));
    }
    if (!subject.enumerated) {
      row.push_back("(not computed)");
    } else if (!moment.stumbling_block) {
      row.push_back("none");
    } else if (moment.zone_exists) {
      row.push_back(*moment.stumbling_block + " " + Growth(moment.issues.front().settled_growth));
    } else {
      row.push_back(
          fmt::format("{} (removed: zone of {})", *moment.stumbling_block, moment.issues.front().removed_zone_size));
    }
    rows.push_back(std::move(row));
  }
  PrintTable(rows, "    ");
  for (std::size_t k = 0; k < legend.size(); ++k) {
    fmt::print("    {} = {}\n", static_cast<char>('A' + k % 26), DescribePackage(scenario, subject, *legend[k]));
  }
  if (first_ended) {
    std::vector<std::string> notes;
    for (const auto& name : first_ended->ended_tracks) {
      const Track& track = scenario.tracks()[*scenario.FindTrack(name)];
      notes.push_back(
          fmt::format("track '{}' ends at t = {} ({})", name, TimeText(*track.ends_at), track.ends_because));
    }
    fmt::print("    * {}: from then on the answers are those a resumed negotiation would face\n",
               fmt::join(notes, "; "));
  }
}

void PrintSubject(const MultiTrackScenario& scenario, const MediationSubject& subject, std::size_t top) {
  if (subject.joint) {
    fmt::print("\nJoint package across every track, between {}\n", fmt::join(subject.parties, ", "));
  } else {
    fmt::print("\nTrack {}, between {}\n", subject.name, fmt::join(subject.parties, ", "));
  }
  fmt::print("  Method: {}\n", subject.method);
  PrintNow(scenario, subject, subject.moments.front(), top);
  PrintOverTime(scenario, subject);
}

void PrintReport(const MultiTrackScenario& scenario, const MediationReport& report) {
  fmt::print("Mediator's assistant: {} ({} track{}; parties {})\n", report.scenario, scenario.tracks().size(),
             scenario.tracks().size() == 1 ? "" : "s",
             fmt::join(internal::Mapped(scenario.parties(), &MultiTrackParty::name), ", "));
  fmt::print("Times: {} (normalised: 0 = now, 1 = the deadline)\n",
             fmt::join(internal::Mapped(report.times, TimeText), ", "));
  for (const auto& event : scenario.events()) fmt::print("Event: {} at t = {}\n", event.name, TimeText(event.time));
  fmt::print(
      "Preferences are the parties' profiles in the scenario, as stated or as the mediator estimates them.\n"
      "A party prefers a package to its fallback (its utility of no deal at that time) when its utility\n"
      "is strictly higher; gains are utility minus fallback.\n");
  for (const auto& subject : report.tracks) PrintSubject(scenario, subject, report.top);
  if (report.joint) {
    PrintSubject(scenario, *report.joint, report.top);
  } else if (scenario.tracks().size() > 1) {
    fmt::print("\nJoint package: not analysed: {}\n", report.joint_note);
  }
}

// `--samples N` and its companions.
void RunUncertain(const MediateOptions& cli, const MediationOptions& mediation) {
  auto given = [&](const char* option) {
    return std::find(cli.given.begin(), cli.given.end(), option) != cli.given.end();
  };
  if (cli.samples < 1) throw UsageError(fmt::format("--samples {}: expected at least 1 sampled world", cli.samples));
  if (cli.threads < 0) throw UsageError(fmt::format("--threads {}: expected 0 (every core) or more", cli.threads));
  if (!cli.sobol) {
    for (const char* option : {"--sobol-at", "--sobol-errors", "--bootstrap"}) {
      if (given(option)) throw UsageError(fmt::format("{}: only with --sobol", option));
    }
  }
  if (cli.sobol && cli.samples < 2) {
    throw UsageError(fmt::format("--sobol: needs --samples 2 or more, found {}", cli.samples));
  }
  if (cli.sobol_errors != "bootstrap" && cli.sobol_errors != "clt") {
    throw UsageError(fmt::format("--sobol-errors '{}': expected bootstrap or clt", cli.sobol_errors));
  }
  if (cli.bootstrap < 2) throw UsageError(fmt::format("--bootstrap {}: expected at least 2 resamples", cli.bootstrap));
  const UncertainScenario scenario = UncertainScenario::Load(cli.scenario);
  if (scenario.dimension() == 0) {
    throw UsageError(fmt::format(
        "--samples: '{}' has no uncertain numbers (docs/uncertainty.md says how to give ranges)", cli.scenario));
  }
  UncertainMediationOptions options;
  options.mediation = mediation;
  options.samples = static_cast<std::size_t>(cli.samples);
  options.seed = cli.seed;
  options.threads = static_cast<unsigned>(cli.threads);
  options.sobol = cli.sobol;
  if (!cli.sobol_at.empty()) options.sobol_times = ParseTimes("--sobol-at", cli.sobol_at);
  options.sobol_options.errors = cli.sobol_errors == "clt" ? SobolErrors::kDeltaMethod : SobolErrors::kBootstrap;
  options.sobol_options.bootstrap = static_cast<std::size_t>(cli.bootstrap);
  options.keep_samples = !cli.report.empty();  // the report's histograms are drawn from the per-world answers
  const UncertainMediationReport report = AssistMediationUnderUncertainty(scenario, options);
  if (!cli.report.empty()) WriteReportFile(cli.report, UncertainMediationReportHtml(scenario, report));
  if (cli.json) {
    fmt::print(
        "{}\n",
        UncertainReportJson(scenario.estimate(), report).dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
  } else {
    PrintUncertainReport(scenario.estimate(), report);
  }
}

void Run(const MediateOptions& cli) {
  if (cli.top < 1)
    throw UsageError(fmt::format("--top {}: the number of packages to propose must be at least 1", cli.top));
  MediationOptions options;
  options.top = static_cast<std::size_t>(cli.top);
  if (!cli.times.empty()) options.times = ParseTimes("--times", cli.times);
  if (cli.samples >= 0 || !cli.given.empty()) {
    if (cli.samples < 0)
      throw UsageError(fmt::format("{}: only with --samples N (answers over sampled worlds)", cli.given.front()));
    RunUncertain(cli, options);
    return;
  }
  const MultiTrackScenario scenario = LoadMultiTrackScenario(cli.scenario);
  const MediationReport report = AssistMediation(scenario, options);
  if (!cli.report.empty()) WriteReportFile(cli.report, MediationReportHtml(scenario, report));
  if (cli.json) {
    fmt::print("{}\n", ReportJson(scenario, report).dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
  } else {
    PrintReport(scenario, report);
  }
}

}  // namespace

void AddMediateCommand(CLI::App& app) {
  auto options = std::make_shared<MediateOptions>();
  auto* command = app.add_subcommand(
      "mediate",
      "The mediator's assistant: zone of agreement, packages to propose and the stumbling block, per "
      "track and for the joint package, as the deadline approaches.");
  command->add_option("--scenario", options->scenario, "Built-in scenario name, GENIUS XML folder or Parley JSON file")
      ->capture_default_str();
  command->add_flag("--json", options->json, "Print the report as JSON");
  command->add_option("--report", options->report,
                      "Write a self-contained HTML report to FILE: the zone of agreement, the proposed packages, "
                      "the stumbling block; with --samples, their distributions over the worlds (see docs/reports.md)");
  command->add_option("--top", options->top, "Packages to propose (K)")->capture_default_str();
  command->add_option("--times", options->times,
                      "Comma-separated normalised times to answer at (default: 0, 0.25, 0.5, just before and at each "
                      "event, 1); 0 is always included");
  command->add_option("--samples", options->samples,
                      "Answer over N worlds sampled from the scenario's uncertain numbers (docs/uncertainty.md)");
  command->add_option("--seed", options->seed, "Seed of the sampled worlds (with --samples)")->capture_default_str();
  command->add_option("--threads", options->threads, "Threads for --samples (0: every core)")->capture_default_str();
  command->add_flag("--sobol", options->sobol,
                    "With --samples: Sobol indices of the zone's existence and of the first proposal's acceptance "
                    "per uncertain number (N(k + 1) more worlds)");
  command->add_option("--sobol-at", options->sobol_at, "Comma-separated answer times for --sobol (default: every one)");
  command->add_option("--sobol-errors", options->sobol_errors, "Errors of the Sobol indices: bootstrap or clt")
      ->capture_default_str();
  command->add_option("--bootstrap", options->bootstrap, "Bootstrap resamples for --sobol-errors bootstrap")
      ->capture_default_str();
  command->callback([options, command] {
    for (const char* option : {"--seed", "--threads", "--sobol", "--sobol-at", "--sobol-errors", "--bootstrap"}) {
      if (command->count(option) > 0) options->given.push_back(option);
    }
    Run(*options);
  });
}

}  // namespace parley::cli
