// `parley negotiate`: runs one negotiation (every track of a multi-track scenario side by side)
// and prints a readable summary (or JSON), optionally writing the full trace.
#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "analysis/metrics_fields.h"
#include "cli/commands.h"
#include "common/json_fields.h"
#include "common/mapped.h"
#include "io/result_json.h"
#include "parley/analysis.h"
#include "parley/error.h"
#include "parley/isolation.h"
#include "parley/knowledge.h"
#include "parley/multi_track.h"
#include "parley/plugin.h"
#include "parley/protocol.h"
#include "parley/report.h"
#include "parley/scenario_format.h"
#include "parley/trace_io.h"

namespace parley::cli {
namespace {

struct NegotiateOptions {
  std::string scenario = std::string(kDefaultScenario);
  std::string negotiators;  // empty: boulware for the first party, absolute-tft for the others
  std::string protocol;     // empty: the scenario's (saop for single-track scenarios)
  std::string mediators;
  std::uint64_t rounds = 0;
  double time_limit = 0.0;
  std::uint64_t seed = 0;
  std::string parties;  // empty: every party of the scenario
  std::string trace;
  std::string report;            // an HTML report to write
  ReportOptions report_options;  // how much the report draws
  bool json = false;
  bool metrics = true;
  std::vector<std::string> plugins;  // shared libraries of negotiators, loaded first
  bool isolate = false;              // every negotiator in a process of its own
  std::string knowledge;             // knowledge specs (parley/knowledge.h), one or one per party
  std::string estimators;            // preference estimator specs, one or one per party
};

// The report's limits as the options give them, its sample drawn with the negotiation's seed.
ReportOptions ReportOptionsFor(const NegotiateOptions& cli) {
  ReportOptions options = cli.report_options;
  options.seed = cli.seed;
  return options;
}

// One spec per party: a single spec plays every party; a shorter list is an error.
std::vector<std::string> NegotiatorsFor(const Scenario& scenario, const std::string& list) {
  if (list.empty()) {
    std::vector<std::string> specs(scenario.party_count(), "absolute-tft");
    specs.front() = "boulware";
    return specs;
  }
  std::vector<std::string> specs = Spec::SplitList(list);
  for (const auto& spec : specs) {
    if (spec.empty()) throw UsageError(fmt::format("--negotiators '{}' has an empty entry", list));
    Spec::Parse(spec);  // fail early with the position of a syntax error
  }
  if (specs.size() == 1) specs.assign(scenario.party_count(), specs.front());
  if (specs.size() != scenario.party_count()) {
    throw UsageError(
        fmt::format("scenario '{}' has {} parties ({}) but {} negotiators were given: give one per party "
                    "or one for all",
                    scenario.name(), scenario.party_count(),
                    fmt::join(internal::Mapped(scenario.profiles(), &Profile::name), ", "), specs.size()));
  }
  return specs;
}

// The result as JSON, with the agreement's metrics (when measured) as its last member, "metrics".
std::string ResultWithMetrics(const Scenario& scenario, const NegotiationResult& result,
                              const std::optional<AgreementMetrics>& metrics) {
  nlohmann::ordered_json json = internal::ResultJson(scenario, result);
  if (metrics) json["metrics"] = internal::ToJson(*metrics);
  return json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

void PrintMetrics(const AgreementMetrics& metrics, const ScenarioAnalysis& analysis, bool partial) {
  fmt::print("Welfare     {:.4f} (sum of utilities{})\n", metrics.social_welfare,
             partial ? ", each party's of its own coalition's deal" : "");
  fmt::print("Pareto      {}; distance to the frontier {:.4f}{}\n",
             metrics.agreement ? (metrics.pareto_optimal ? "optimal" : "not optimal") : "no agreement",
             metrics.distance_to_pareto, analysis.frontier().exact ? "" : " (approximate frontier)");
  if (metrics.distance_to_nash) {
    fmt::print("Nash        distance {:.4f}; Kalai-Smorodinsky distance {:.4f}\n", *metrics.distance_to_nash,
               *metrics.distance_to_kalai);
  } else {
    fmt::print("Nash        none: no outcome gives every party more than its reservation value\n");
  }
  fmt::print("Opposition  {:.4f}\n", metrics.opposition);
}

void PrintSummary(const Scenario& scenario, const NegotiationResult& result, const NegotiationOptions& options,
                  const std::string& protocol) {
  const OutcomeSpace& space = scenario.space();
  fmt::print("Scenario    {} ({} issues, {} outcomes, {} parties)\n", scenario.name(), space.issue_count(),
             space.DescribeSize(), scenario.party_count());
  std::vector<std::string> deadline;
  if (options.rounds) deadline.push_back(fmt::format("{} rounds", options.rounds));
  if (options.time_limit_seconds > 0) deadline.push_back(fmt::format("{} s", options.time_limit_seconds));
  fmt::print("Protocol    {}, deadline {}, seed {}\n", protocol, fmt::join(deadline, " or "), options.seed);
  std::size_t width = 0;
  for (const auto& profile : scenario.profiles()) width = std::max(width, profile.name().size());
  for (std::size_t p = 0; p < scenario.party_count(); ++p) {
    fmt::print("{:<12}{:<{}}  {}\n", p == 0 ? "Negotiators" : "", scenario.profile(p).name(), width,
               result.negotiators[p]);
  }
  switch (result.end_reason) {
    case EndReason::kAgreement:
      fmt::print("Result      agreement in round {} (step {}, t = {:.3f})\n", result.rounds, result.steps, result.time);
      break;
    case EndReason::kDeadline:
      fmt::print("Result      no agreement: deadline reached after {} rounds\n", result.rounds);
      break;
    case EndReason::kEndedByParty:
      if (result.stop_reason.empty()) {
        fmt::print("Result      no agreement: a party walked away in round {}\n", result.rounds);
      } else {
        fmt::print("Result      no agreement: {}\n", result.stop_reason);
      }
      break;
    case EndReason::kFault:
      fmt::print("Result      no agreement: {} ({}) failed: {}\n", ActorName(scenario, result, result.fault->party),
                 ActorSpec(result, result.fault->party, scenario.party_count()), result.fault->message);
      break;
    case EndReason::kStopped:
      fmt::print("Result      no agreement: stopped at t = {:.3f}: {}\n", result.time, result.stop_reason);
      break;
    case EndReason::kPartialAgreement:
      fmt::print("Result      partial agreement: {} coalition{} by round {}\n", result.coalitions.size(),
                 result.coalitions.size() == 1 ? "" : "s", result.rounds);
      break;
  }
  for (const Coalition& coalition : result.coalitions) {
    std::vector<std::string_view> names;
    for (const std::size_t p : coalition.parties) names.push_back(scenario.profile(p).name());
    fmt::print("Coalition   {} on {} in round {} (t = {:.3f})\n", fmt::join(names, ", "),
               space.Format(coalition.outcome), coalition.round + 1, coalition.time);
  }
  if (result.agreement) {
    std::size_t issue_width = 0;
    for (const auto& issue : space.issues()) issue_width = std::max(issue_width, issue.name().size());
    for (std::size_t i = 0; i < space.issue_count(); ++i) {
      fmt::print("{:<12}{:<{}}  {}\n", i == 0 ? "Outcome" : "", space.issue(i).name(), issue_width,
                 space.issue(i).Format((*result.agreement)[i]));
    }
  }
  for (std::size_t p = 0; p < scenario.party_count(); ++p) {
    const Profile& profile = scenario.profile(p);
    std::string detail = fmt::format("reservation value {:.4f}", profile.reservation_value());
    if (profile.discounted()) {
      detail += fmt::format(", discount factor {}, undiscounted {:.4f}", profile.discount_factor(),
                            result.undiscounted_utilities[p]);
    }
    fmt::print("{:<12}{:<{}}  {:.4f}  ({})\n", p == 0 ? "Utilities" : "", profile.name(), width, result.utilities[p],
               detail);
  }
  // Only protocols that let parties ask about their own preferences fill the costs; each is
  // charged to the party's score (docs/negotiation.md#elicitation).
  for (std::size_t p = 0; p < result.elicitation_costs.size(); ++p) {
    fmt::print("{:<12}{:<{}}  {:.4f}  ({} questions; net utility {:.4f})\n", p == 0 ? "Elicitation" : "",
               scenario.profile(p).name(), width, result.elicitation_costs[p], result.elicitation_requests[p],
               result.utilities[p] - result.elicitation_costs[p]);
  }
  fmt::print("Elapsed     {:.3f} ms\n", result.elapsed_seconds * 1e3);
}

// Multi-track negotiations: a section per track, then every party's overall utility.
void PrintMultiTrack(const MultiTrackScenario& scenario, const MultiTrackResult& result,
                     const MultiTrackOptions& options) {
  fmt::print("Scenario    {}: {} tracks, {} parties, {} mediators; deadline {} rounds, seed {}\n", scenario.name(),
             scenario.tracks().size(), scenario.parties().size(), scenario.mediators().size(), options.rounds,
             options.seed);
  for (const auto& event : scenario.events()) {
    fmt::print("Event       {} at t = {:.2f}\n", event.name, event.time);
  }
  for (std::size_t t = 0; t < scenario.tracks().size(); ++t) {
    const Track& track = scenario.tracks()[t];
    const NegotiationResult& r = result.tracks[t];
    const Scenario negotiation = track.Negotiation();
    fmt::print("\nTrack {} ({})\n", track.name, result.protocols[t]);
    std::vector<std::string> who;
    for (std::size_t p = 0; p < track.participants.size(); ++p) {
      who.push_back(fmt::format("{} ({})", track.participants[p], r.negotiators[p]));
    }
    fmt::print("  Parties   {}\n", fmt::join(who, ", "));
    if (!r.mediators.empty()) {
      std::vector<std::string> names;
      for (std::size_t m = 0; m < r.mediators.size(); ++m) {
        names.push_back(m < track.mediators.size() ? fmt::format("{} ({})", track.mediators[m], r.mediators[m])
                                                   : r.mediators[m]);
      }
      fmt::print("  Mediators {}\n", fmt::join(names, ", "));
    }
    switch (r.end_reason) {
      case EndReason::kAgreement:
        if (result.protocols[t].starts_with("single-text")) {
          fmt::print("  Result    agreement: the last text every party accepted, binding at t = {:.2f}\n", r.time);
        } else {
          fmt::print("  Result    agreement in round {} (t = {:.2f})\n", r.rounds, r.time);
        }
        break;
      case EndReason::kDeadline: fmt::print("  Result    no agreement by the deadline\n"); break;
      case EndReason::kEndedByParty:
        if (r.stop_reason.empty()) {
          fmt::print("  Result    no agreement: a party walked away (t = {:.2f})\n", r.time);
        } else {
          fmt::print("  Result    no agreement: {} (t = {:.2f})\n", r.stop_reason, r.time);
        }
        break;
      case EndReason::kStopped: fmt::print("  Result    no agreement: {} (t = {:.2f})\n", r.stop_reason, r.time); break;
      case EndReason::kFault: fmt::print("  Result    no agreement: {}\n", r.fault->message); break;
      case EndReason::kPartialAgreement:
        fmt::print("  Result    partial agreement: {} coalitions (t = {:.2f})\n", r.coalitions.size(), r.time);
        break;
    }
    if (r.agreement) {
      for (std::size_t i = 0; i < negotiation.space().issue_count(); ++i) {
        const Issue& issue = negotiation.space().issue(i);
        fmt::print("  {:<10}{}: {}\n", i == 0 ? "Package" : "", issue.name(), issue.Format((*r.agreement)[i]));
      }
    }
    for (std::size_t p = 0; p < negotiation.party_count(); ++p) {
      const Profile& profile = negotiation.profile(p);
      const double fallback = profile.ReservationValueAt(r.time, options.rounds);
      fmt::print("  {:<10}{}: {:.4f} (fallback {:.4f}, gain {:+.4f})\n", p == 0 ? "Utilities" : "", profile.name(),
                 r.utilities[p], fallback, r.utilities[p] - profile.Discount(fallback, r.time));
    }
  }
  fmt::print("\nOverall utility (additive across tracks, with interaction terms)\n");
  for (std::size_t p = 0; p < scenario.parties().size(); ++p) {
    fmt::print("  {}: {:.4f} (with no agreement on any track: {:.4f}, gain {:+.4f})\n", scenario.parties()[p].name,
               result.overall_utilities[p], result.overall_without_deal[p],
               result.overall_utilities[p] - result.overall_without_deal[p]);
  }
}

std::string MultiTrackJson(const MultiTrackScenario& scenario, const MultiTrackResult& result) {
  constexpr auto kRepair = nlohmann::json::error_handler_t::replace;
  std::string text =
      "{\n  \"scenario\": " + nlohmann::json(scenario.name()).dump(-1, ' ', false, kRepair) + ",\n  \"tracks\": [\n";
  for (std::size_t t = 0; t < scenario.tracks().size(); ++t) {
    const Scenario negotiation = scenario.tracks()[t].Negotiation();
    text += ResultToJson(negotiation, result.tracks[t]) + (t + 1 < scenario.tracks().size() ? ",\n" : "\n");
  }
  nlohmann::ordered_json overall = nlohmann::ordered_json::object();
  for (std::size_t p = 0; p < scenario.parties().size(); ++p) {
    overall[scenario.parties()[p].name] = {{"utility", result.overall_utilities[p]},
                                           {"without_agreement", result.overall_without_deal[p]}};
  }
  return text + "  ],\n  \"overall\": " + overall.dump(-1, ' ', false, kRepair) + "\n}";
}

// With --isolate, each spec runs in a worker process: "boulware" becomes "process(inner=boulware)".
void Isolate(std::vector<std::string>& specs) {
  for (auto& spec : specs) spec = IsolatedSpec(spec);
}

void Run(const NegotiateOptions& cli) {
  for (const auto& plugin : cli.plugins) LoadPlugin(plugin);
  MultiTrackScenario multi = LoadMultiTrackScenario(cli.scenario);
  std::vector<std::string> mediators;
  for (const auto& spec : Spec::SplitList(cli.mediators)) {
    if (!spec.empty()) mediators.push_back(spec);
  }
  if (multi.tracks().size() > 1) {
    if (!cli.parties.empty()) throw UsageError("--parties chooses profiles of a single-track scenario");
    MultiTrackOptions options;
    options.rounds = cli.rounds;
    options.time_limit_seconds = cli.time_limit;
    if (options.rounds == 0 && !(options.time_limit_seconds > 0)) options.rounds = 100;
    options.seed = cli.seed;
    options.record_trace = !cli.trace.empty() || !cli.report.empty();
    if (!cli.negotiators.empty()) {
      // Given on the command line: the first spec plays each track's first participant, the last
      // every later one (one spec plays everyone), overriding the scenario's choices.
      const std::vector<std::string> given = Spec::SplitList(cli.negotiators);
      for (const auto& spec : given) Spec::Parse(spec);
      for (const auto& track : multi.tracks()) {
        std::vector<std::string> specs;
        for (std::size_t p = 0; p < track.participants.size(); ++p)
          specs.push_back(given[std::min(p, given.size() - 1)]);
        options.negotiators.push_back(std::move(specs));
      }
    }
    if (cli.isolate) {
      // A track left without specs falls back to its own, then to the defaults: isolate all three.
      options.negotiators.resize(multi.tracks().size());
      for (std::size_t t = 0; t < multi.tracks().size(); ++t) {
        if (options.negotiators[t].empty()) options.negotiators[t] = multi.tracks()[t].negotiators;
        Isolate(options.negotiators[t]);
      }
      Isolate(options.default_negotiators);
    }
    if (!cli.protocol.empty()) options.protocols.assign(multi.tracks().size(), cli.protocol);
    for (std::size_t t = 0; t < options.negotiators.size(); ++t) {
      CheckIsolatedNegotiators(cli.protocol.empty() ? multi.tracks()[t].protocol : cli.protocol,
                               options.negotiators[t]);
    }
    if (!mediators.empty()) options.mediators.assign(multi.tracks().size(), mediators);
    const MultiTrackResult result = RunMultiTrack(multi, options);
    if (!cli.report.empty()) {
      WriteReportFile(cli.report, MultiTrackReportHtml(multi, result, options, ReportOptionsFor(cli)));
    }
    if (!cli.trace.empty()) {
      // One trace per track, beside the named file: trace.jsonl gives trace.<track>.jsonl.
      const std::filesystem::path path(cli.trace);
      for (std::size_t t = 0; t < multi.tracks().size(); ++t) {
        std::filesystem::path file =
            path.parent_path() / (path.stem().string() + "." + multi.tracks()[t].name + path.extension().string());
        WriteTraceFile(multi.tracks()[t].Negotiation(), result.tracks[t], file);
      }
    }
    if (cli.json) {
      fmt::print("{}\n", MultiTrackJson(multi, result));
    } else {
      PrintMultiTrack(multi, result, options);
    }
    return;
  }

  const Track& track = multi.tracks().front();
  Scenario scenario = track.Negotiation();
  if (!cli.parties.empty()) scenario = track.stakes.WithParties(Spec::SplitList(cli.parties));
  NegotiationOptions options;
  options.rounds = cli.rounds;
  options.time_limit_seconds = cli.time_limit;
  if (options.rounds == 0 && !(options.time_limit_seconds > 0)) options.rounds = 100;
  options.seed = cli.seed;
  options.record_trace = !cli.trace.empty() || !cli.report.empty();
  const std::string protocol = cli.protocol.empty() ? track.protocol : cli.protocol;
  if (mediators.empty() && cli.protocol.empty()) {
    for (const auto& name : track.mediators) mediators.push_back(multi.mediators()[*multi.FindMediator(name)].strategy);
  }
  std::vector<std::string> specs = NegotiatorsFor(scenario, cli.negotiators);
  if (cli.isolate) Isolate(specs);
  CheckIsolatedNegotiators(protocol, specs);
  if (!cli.knowledge.empty() || !cli.estimators.empty()) {
    SetKnowledge(scenario, Spec::SplitList(cli.knowledge), Spec::SplitList(cli.estimators), options);
  }
  const NegotiationResult result = RunNegotiation(scenario, specs, options, protocol, mediators);
  if (!cli.trace.empty()) WriteTraceFile(scenario, result, cli.trace);
  if (!cli.report.empty()) {
    WriteReportFile(
        cli.report,
        NegotiationReportHtml(scenario, result, {protocol, options.rounds, options.time_limit_seconds, options.seed},
                              ReportOptionsFor(cli)));
  }
  std::shared_ptr<const ScenarioAnalysis> analysis;
  std::optional<AgreementMetrics> metrics;
  if (cli.metrics) {
    analysis = ScenarioAnalysis::Of(scenario);
    metrics = analysis->Measure(result);
  }
  if (cli.json) {
    fmt::print("{}\n", ResultWithMetrics(scenario, result, metrics));
  } else {
    PrintSummary(scenario, result, options, protocol);
    if (metrics) PrintMetrics(*metrics, *analysis, !result.agreement && !result.coalitions.empty());
  }
}

}  // namespace

void AddNegotiateCommand(CLI::App& app) {
  auto options = std::make_shared<NegotiateOptions>();
  auto* command = app.add_subcommand("negotiate", "Run one negotiation and print its result.");
  command->add_option("--scenario", options->scenario, "Built-in scenario name, GENIUS XML folder or Parley JSON file")
      ->capture_default_str();
  command->add_option("--negotiators", options->negotiators,
                      "Comma-separated negotiator specs, one per party or one for all, e.g. "
                      "'boulware,time(e=2)' (default: boulware for the first party, absolute-tft for the others; "
                      "see `parley list negotiators`)");
  command->add_option("--parties", options->parties,
                      "Comma-separated names of the profiles that take part, in turn order (default: all)");
  command->add_option("--protocol", options->protocol,
                      "Protocol spec, e.g. saop, 'single-text(feedback=true)', shuttle (default: the scenario's)");
  command->add_option("--mediators", options->mediators,
                      "Comma-separated mediator specs for mediated protocols, lead first (see `parley list "
                      "mediators`)");
  command->add_option("--rounds", options->rounds, "Deadline in rounds (100 when neither --rounds nor --time)")
      ->check(CLI::PositiveNumber);
  command->add_option("--time", options->time_limit, "Deadline in wall-clock seconds")->check(CLI::PositiveNumber);
  command->add_option("--seed", options->seed, "Seed of every random choice")->capture_default_str();
  command->add_option("--trace", options->trace, "Write every action to FILE (.csv for CSV, otherwise JSON Lines)");
  command->add_option("--report", options->report,
                      "Write a self-contained HTML report to FILE: utility space, offers, frontier, solutions "
                      "(see docs/reports.md)");
  command
      ->add_option("--report-outcomes", options->report_options.max_outcome_points,
                   "Most outcomes a utility-space panel of the report draws; larger spaces are sampled")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command
      ->add_option("--report-frontier", options->report_options.max_frontier_points,
                   "Most Pareto-frontier points a panel draws; longer frontiers are evenly thinned")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command
      ->add_option("--report-offers", options->report_options.max_offer_points,
                   "Most offers of each party a panel draws; more are evenly thinned")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command->add_option("--knowledge", options->knowledge,
                      "What each party knows of its preferences: full, ranked(k=10,seed=0), "
                      "genius(comparisons=10,seed=314), genius10(comparisons=10,seed=314), file(path=...) or auto "
                      "(GENIUS uncertain profiles); one for every party "
                      "or one per party");
  command->add_option("--estimators", options->estimators,
                      "How a party with partial knowledge estimates its utility: genius-rank-points (default), "
                      "borda, lp; one for every party or one per party");
  command->add_flag("--json", options->json, "Print the result as JSON");
  command->add_flag("!--no-metrics", options->metrics,
                    "Skip the agreement metrics (and the analysis of the scenario they need)");
  command->add_option("--plugin", options->plugins,
                      "Load negotiators from a shared library (repeatable; see docs/plugins.md)");
  command->add_flag("--isolate", options->isolate,
                    "Run every negotiator in a process of its own, under CPU and memory limits: a crash or hang "
                    "becomes its fault (see docs/reliability.md)");
  command->callback([options] { Run(*options); });
}

}  // namespace parley::cli
