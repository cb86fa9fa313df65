// `parley tournament`: runs a tournament from a JSON configuration or flags (flags override the
// file), with a progress bar on a terminal, and prints the summary table. The work is done by
// RunTournament (parley/tournament.h); this file only reads options and draws progress. In a build
// with MPI, a run started by mpirun goes through RunTournamentUnderMpi (tournament_mpi.h).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.h"
#include "parley/error.h"
#include "parley/isolation.h"
#include "parley/plugin.h"
#include "parley/report.h"
#include "parley/spec.h"
#include "parley/tournament.h"
#ifdef PARLEY_WITH_MPI
#include "cli/tournament_mpi.h"
#endif

namespace parley::cli {
namespace {

struct TournamentOptions {
  std::string config;
  std::string negotiators;
  std::vector<std::string> scenarios;
  std::uint64_t repetitions = 1;
  std::uint64_t rounds = 0;
  double time_limit = 0.0;
  std::uint64_t seed = 0;
  unsigned threads = 0;
  std::string out = "tournament-results";
  bool resume = false;
  std::string protocol = "saop";
  std::string mediators;
  double budget = 0.0;
  std::string knowledge;  // parley/knowledge.h, for every party
  std::string estimator;
  bool no_self_play = false;
  bool quiet = false;
  std::vector<std::string> plugins;
  bool isolate = false;
  std::string report;  // an HTML report to write
};

std::string Duration(double seconds) {
  const auto total = static_cast<long long>(seconds + 0.5);
  if (total >= 3600) return fmt::format("{}:{:02}:{:02}", total / 3600, total / 60 % 60, total % 60);
  return fmt::format("{}:{:02}", total / 60, total % 60);
}

// Redraws at most ten times a second: a tournament finishes tens of thousands of negotiations a
// second, and a terminal cannot show them any faster.
class ProgressBar {
 public:
  void Update(const TournamentProgress& p) {
    const auto now = std::chrono::steady_clock::now();
    if (p.done < p.total && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    const double run = static_cast<double>(p.done - p.resumed);
    const double rate = p.elapsed_seconds > 0 ? run / p.elapsed_seconds : 0.0;
    const double fraction = p.total ? static_cast<double>(p.done) / static_cast<double>(p.total) : 1.0;
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(fraction * kWidth);
    const std::string left = rate > 0 ? Duration(static_cast<double>(p.total - p.done) / rate) : "?";
    fmt::print(stderr, "\r[{}{}] {}/{} {:5.1f}%  {:.0f}/s  {} left ", std::string(filled, '#'),
               std::string(kWidth - filled, '.'), p.done, p.total, 100.0 * fraction, rate, left);
    if (p.done == p.total) fmt::print(stderr, "\n");
    std::fflush(stderr);
  }

 private:
  std::chrono::steady_clock::time_point last_{};
};

void Run(const TournamentOptions& cli, const CLI::App& command) {
  // Loaded first: the configuration file's negotiators may come from them.
  for (const auto& plugin : cli.plugins) LoadPlugin(plugin);
  TournamentConfig config;
  if (!cli.config.empty()) config = ReadTournamentConfig(cli.config);
  auto given = [&](const char* flag) { return command.count(flag) > 0; };
  config.plugins.insert(config.plugins.end(), cli.plugins.begin(), cli.plugins.end());
  if (given("--negotiators")) config.negotiators = Spec::SplitList(cli.negotiators);
  if (cli.isolate) {
    for (auto& spec : config.negotiators) spec = IsolatedSpec(spec);
  }
  if (given("--scenarios")) config.scenarios = cli.scenarios;
  if (given("--repetitions")) config.repetitions = cli.repetitions;
  if (given("--rounds")) config.rounds = cli.rounds;
  if (given("--time")) config.time_limit_seconds = cli.time_limit;
  if (given("--seed")) config.seed = cli.seed;
  if (given("--threads")) config.threads = cli.threads;
  if (given("--protocol")) config.protocol = cli.protocol;
  if (given("--mediators")) config.mediators = Spec::SplitList(cli.mediators);
  if (given("--budget")) config.budget_seconds = cli.budget;
  if (given("--knowledge")) config.knowledge = cli.knowledge;
  if (given("--estimator")) config.estimator = cli.estimator;
  if (given("--no-self-play")) config.self_play = false;
  if (given("--out") || config.out.empty()) config.out = cli.out;
  config.resume = cli.resume;
  // The results files hold every row; memory stays flat however long the tournament.
  config.keep_rows = config.out.empty();
  if (config.negotiators.empty()) throw UsageError("no negotiators: give --negotiators or a --config file");
  if (config.scenarios.empty()) throw UsageError("no scenarios: give --scenarios or a --config file");

  ProgressBar bar;
  TournamentProgressCallback progress;
  if (!cli.quiet && ::isatty(STDERR_FILENO)) progress = [&bar](const TournamentProgress& p) { bar.Update(p); };
  auto report = [&config, &cli](const TournamentResult& result, double seconds) {
    if (!cli.report.empty()) {
      TournamentReport html(result.plan);
      if (!result.rows.empty() || config.out.empty()) {
        for (const auto& row : result.rows) html.Add(row);
      } else {
        html.AddResultsFile(config.out / "results.jsonl");  // the rows were not kept in memory
      }
      WriteReportFile(cli.report, html.Html(result.summary));
    }
    fmt::print("{}", SummaryTable(result.summary));
    fmt::print(
        "\n{} negotiations in {:.2f} s; results in {}/ (results.csv, results.jsonl, summary.csv, "
        "summary.json, config.json)\n",
        result.plan.match_count, seconds, config.out.string());
  };
#ifdef PARLEY_WITH_MPI
  if (StartedByMpirun()) {
    RunTournamentUnderMpi(config, progress, report);
    return;
  }
#endif
  const auto start = std::chrono::steady_clock::now();
  const TournamentResult result = RunTournament(config, progress);
  report(result, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
}

}  // namespace

void AddTournamentCommand(CLI::App& app) {
  auto options = std::make_shared<TournamentOptions>();
  auto* command = app.add_subcommand(
      "tournament",
      "Run every negotiator against every other on every scenario, in every role, several times (see "
      "docs/tournaments.md).");
  command->add_option("--config", options->config,
                      "Tournament configuration (JSON, see tournaments/example.json); "
                      "flags given as well override its keys");
  command->add_option("--negotiators", options->negotiators,
                      "Comma-separated negotiator specs, e.g. 'boulware,time(e=0.5),micro'");
  command
      ->add_option("--scenarios", options->scenarios,
                   "Scenarios: GENIUS folders, Parley JSON files, built-in names (NAME#TRACK) or glob patterns")
      ->expected(1, -1);
  command->add_option("--repetitions", options->repetitions, "Repetitions of each negotiation (default 1)")
      ->check(CLI::PositiveNumber);
  command->add_option("--rounds", options->rounds, "Deadline in rounds (100 when neither --rounds nor --time)")
      ->check(CLI::PositiveNumber);
  command->add_option("--time", options->time_limit, "Wall-clock deadline of each negotiation in seconds")
      ->check(CLI::PositiveNumber);
  command->add_option("--seed", options->seed, "Tournament seed; every negotiation's seed derives from it");
  command->add_option("--threads", options->threads,
                      "Worker threads (default: every core; under mpirun, per rank: the cores divided by the "
                      "ranks on the machine)");
  command->add_option("--out", options->out, "Results folder")->capture_default_str();
  command->add_flag("--resume", options->resume, "Continue the interrupted tournament in --out");
  command->add_option("--protocol", options->protocol, "Protocol spec (default saop)");
  command->add_option("--mediators", options->mediators, "Comma-separated mediator specs for mediated protocols");
  command
      ->add_option("--budget", options->budget,
                   "Wall-clock budget of each negotiation in seconds; a negotiation over it is stopped and the "
                   "overrun recorded as its fault")
      ->check(CLI::PositiveNumber);
  command->add_option("--knowledge", options->knowledge,
                      "What every party knows of its preferences: full (default), ranked(k=10,seed=0), "
                      "genius(comparisons=10,seed=314), genius10(comparisons=10,seed=314) or auto (GENIUS uncertain "
                      "profiles); scores stay true");
  command->add_option("--estimator", options->estimator,
                      "How a party with partial knowledge estimates its utility: genius-rank-points (default), "
                      "borda, lp");
  command->add_flag("--no-self-play", options->no_self_play,
                    "Leave out assignments in which a negotiator plays more than one role");
  command->add_flag("--quiet", options->quiet, "No progress bar");
  command->add_option("--plugin", options->plugins,
                      "Load negotiators from a shared library (repeatable; see docs/plugins.md)");
  command->add_flag("--isolate", options->isolate,
                    "Run every negotiator in a process of its own, under CPU and memory limits: a crash, hang or "
                    "runaway allocation becomes that negotiation's fault (see docs/reliability.md)");
  command->add_option("--report", options->report,
                      "Write a self-contained HTML report to FILE: ranking, head-to-head heat map, per-scenario "
                      "breakdown (see docs/reports.md)");
  command->callback([options, command] { Run(*options, *command); });
}

}  // namespace parley::cli
