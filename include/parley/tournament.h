// Tournaments: every negotiator against every other, on many scenarios, in every role, many
// times, in parallel, reproducibly, with every result saved the moment it is known.
//
// A tournament is a deterministic work list of negotiations, each identified by (scenario,
// assignment of negotiators to the scenario's profiles, repetition) and numbered by its position
// in that list (its id). Each negotiation's seed is derived from the tournament seed and that
// identity alone, so results do not depend on the number of threads or the order in which they
// run. Finished negotiations are appended to DIR/results.jsonl and DIR/results.csv at once; a
// run interrupted in any way continues with `resume`, and the complete files are rewritten in id
// order, so that they equal an uninterrupted run's (apart from the wall-clock elapsed column).
// See docs/tournaments.md.
#ifndef PARLEY_TOURNAMENT_H_
#define PARLEY_TOURNAMENT_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "parley/scenario.h"

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

struct TournamentConfig {
  // Negotiator specs ("boulware", "time(e=0.5)", "boa(...)"); at least one, no duplicates.
  std::vector<std::string> negotiators;
  // GENIUS folders, Parley JSON files, built-in names (NAME#TRACK for one track; a multi-track
  // name stands for all its tracks) and glob(3) patterns of these.
  std::vector<std::string> scenarios;
  std::uint64_t repetitions = 1;
  std::uint64_t rounds = 0;         // deadline in rounds; 100 when neither this nor time is set
  double time_limit_seconds = 0.0;  // wall-clock deadline of each negotiation; 0 for none
  std::uint64_t seed = 0;
  std::string protocol = "saop";       // a protocol spec
  std::vector<std::string> mediators;  // mediator specs for mediated protocols, lead first
  // Shared libraries of negotiators (parley/plugin.h), loaded before the negotiators are checked.
  std::vector<std::string> plugins;
  // False: leave out the assignments in which a negotiator plays more than one role.
  bool self_play = true;
  // Wall-clock budget of one negotiation, checked between rounds; 0 for none.
  double budget_seconds = 0.0;
  // What every party knows of its own preferences (a knowledge spec, parley/knowledge.h: "full",
  // "ranked(k=10)", "genius(comparisons=10)", "auto"), and how it estimates its utility from
  // partial knowledge (a preference estimator spec); empty: full knowledge, GENIUS's estimator.
  // Scores are the true utilities.
  std::string knowledge;
  std::string estimator;

  // How to run; none of these changes a result.
  unsigned threads = 0;       // 0: std::thread::hardware_concurrency()
  std::filesystem::path out;  // results folder; empty: keep results in memory only
  bool resume = false;        // continue the tournament already in `out`
  // Keep every row in TournamentResult::rows. Without `out` the rows are the only result; with
  // it, false keeps memory flat however many negotiations run (the files hold every row).
  bool keep_rows = true;
  // For a distributed run: this process runs only the negotiations whose id % share_count ==
  // share_index and writes results.part-<index>-of-<count>.jsonl (no CSV, no final rewrite, no
  // summary); MergeTournamentShares then joins the parts.
  std::size_t share_index = 0;
  std::size_t share_count = 1;
};

// Reads a tournament configuration file (JSON; see tournaments/example.json). Every key of
// TournamentConfig may appear ("time" for time_limit_seconds, "budget" for budget_seconds), and
// "isolate": true runs every negotiator in a process of its own (IsolatedSpec). The plugins are
// loaded as they are read. Throws InputError naming the file and the place in it.
TournamentConfig ReadTournamentConfig(const std::filesystem::path& path);

// One negotiation of the work list.
struct TournamentMatch {
  std::uint64_t id = 0;
  std::size_t scenario = 0;             // index into TournamentPlan::scenarios
  std::vector<std::size_t> assignment;  // negotiator index per profile, in turn order
  std::uint64_t repetition = 0;
  std::uint64_t seed = 0;
};

// The resolved tournament: scenarios loaded (once, shared read-only by every thread) and the
// deterministic work list, ordered by scenario (configuration order), then assignment
// (lexicographic in negotiator indices), then repetition. The list is not stored: Match(id)
// computes any entry, so that a plan of millions of negotiations takes little memory. Every
// process of a distributed run builds the same plan.
struct TournamentPlan {
  TournamentConfig config;                // with defaults filled in and globs expanded
  std::vector<std::string> scenario_ids;  // identity string of each scenario (as resolved)
  std::vector<Scenario> scenarios;
  std::vector<std::vector<std::vector<std::size_t>>> assignments;  // per scenario
  std::vector<std::uint64_t> first_id;                             // per scenario
  std::uint64_t match_count = 0;

  TournamentMatch Match(std::uint64_t id) const;
  // The configuration as stored in DIR/config.json: everything that changes results.
  std::string ConfigJson() const;
};

// Expands globs, loads the scenarios, checks every negotiator and the protocol, and lists the
// work. Throws UsageError / InputError with the offending entry named.
TournamentPlan PlanTournament(const TournamentConfig& config);

// FNV-1a, 64 bits: the stable hash of a scenario identity string that enters the seeds.
std::uint64_t StableHash(std::string_view text);
// DeriveSeed(seed, {StableHash(scenario_id), assignment..., repetition}).
std::uint64_t MatchSeed(std::uint64_t seed, const std::string& scenario_id, const std::vector<std::size_t>& assignment,
                        std::uint64_t repetition);

// One finished negotiation: a row of the results files. Per-party vectors are in turn order.
struct TournamentRow {
  std::uint64_t id = 0;
  std::string scenario;
  std::uint64_t repetition = 0;
  std::vector<std::string> roles;        // profile names
  std::vector<std::string> negotiators;  // negotiator specs
  std::vector<std::size_t> assignment;   // negotiator indices in the configuration
  std::uint64_t seed = 0;
  bool agreement = false;
  std::vector<std::string> issues;  // issue names, with outcome (value names) when agreed
  std::vector<std::string> outcome;
  std::vector<double> utilities;  // final, discounted
  std::vector<double> undiscounted_utilities;
  std::vector<double> reservation_values;  // discounted, at the time the negotiation ended
  std::uint64_t rounds = 0;
  std::uint64_t steps = 0;
  double time = 0.0;  // normalised time at the end
  // Agreement metrics (ScenarioAnalysis::Measure); absent when the scenario cannot be analysed
  // (or, for the Nash and Kalai distances, when the zone of agreement is empty).
  std::optional<double> social_welfare, distance_to_pareto, distance_to_nash, distance_to_kalai;
  std::optional<bool> pareto_optimal;
  std::optional<double> opposition;
  std::string end_reason;
  std::string fault;                       // empty when none
  std::optional<std::size_t> fault_party;  // the party at fault, when the protocol names one
  double elapsed_seconds = 0.0;            // wall clock: the only field that differs between runs
  // Under a protocol that allows elicitation (Protocol::AllowsElicitation): each party's cost, which
  // the summary subtracts from its utility, and how many questions it asked; absent otherwise.
  std::optional<std::vector<double>> elicitation_costs;
  std::optional<std::vector<std::uint64_t>> elicitation_requests;
};

// The rows' file formats. Both are written from the row alone, so equal rows give equal bytes.
std::string RowToJsonLine(const TournamentRow& row);                                // without the newline
TournamentRow RowFromJsonLine(const std::string& line, const std::string& origin);  // throws InputError
// The CSV header; with `elicitation`, the columns of elicitation costs and requests too.
std::string CsvHeader(bool elicitation = false);
std::string RowToCsvLine(const TournamentRow& row);
// Reads a results.jsonl file, ignoring a truncated last line (a run killed while writing it).
// Throws InputError naming the file and line for any other malformed line.
std::vector<TournamentRow> ReadResultsFile(const std::filesystem::path& path);

// Mean and 95% confidence half-width (Student's t with n - 1 degrees of freedom) of a sample.
struct Statistic {
  std::size_t n = 0;
  double mean = 0.0;
  double half_width = 0.0;  // 0 when n < 2
};
Statistic Summarize(const std::vector<double>& sample);

// The sums behind a Statistic, kept exactly (values as fixed-point multiples of 2^-40, their
// squares to 192 bits), so that the result is the same bit for bit whatever the order in which
// values are added or accumulators merged: threads and processes each keep their own and merge
// them. Values are rounded to the nearest multiple of 2^-40 (about 1e-12); a value that is not
// finite or whose magnitude reaches 2^23 makes the statistic's mean and half-width NaN.
class StatisticAccumulator {
 public:
  void Add(double value);
  void Merge(const StatisticAccumulator& other);
  std::uint64_t count() const { return n_; }
  Statistic Result() const;

 private:
  std::uint64_t n_ = 0;
  std::uint64_t sum_[2] = {0, 0};         // two's complement, 128 bits: sum of value * 2^40
  std::uint64_t squares_[3] = {0, 0, 0};  // 192 bits: sum of (value * 2^40)^2
  bool out_of_range_ = false;
};
// The 0.975 quantile of Student's t distribution with `degrees` degrees of freedom.
double StudentT975(std::size_t degrees);

// Statistics of one negotiator over every role it played (in one scenario, or in all).
struct NegotiatorStatistics {
  std::string negotiator;
  std::size_t rank = 0;  // by mean utility, 1 = best; equal means share a rank
  // Utility and advantage are net of elicitation costs, when there are any.
  Statistic utility, advantage, welfare, agreement, distance_to_pareto, distance_to_nash;
  std::size_t faults = 0;                     // negotiations ended by this negotiator's fault
  std::optional<Statistic> elicitation_cost;  // under a protocol that allows elicitation
};

struct ScenarioStatistics {
  std::string scenario;
  std::size_t negotiations = 0;
  std::vector<NegotiatorStatistics> negotiators;  // ranked
};

struct TournamentSummary {
  std::size_t negotiations = 0;
  std::size_t agreements = 0;
  std::size_t faults = 0;
  std::vector<NegotiatorStatistics> negotiators;  // ranked, best first; ties by configuration order
  std::vector<ScenarioStatistics> scenarios;      // in configuration order
};

// Builds the summary one row at a time in memory that does not grow with the number of rows, so
// that a tournament of millions of negotiations is summarised as it runs. Summarizers of parts
// of a tournament (threads, shares) merge into the summarizer of the whole; the summary does not
// depend on the order of rows or merges (see StatisticAccumulator).
class TournamentSummarizer {
 public:
  explicit TournamentSummarizer(const TournamentPlan& plan);
  void Add(const TournamentRow& row);
  void Merge(const TournamentSummarizer& other);
  TournamentSummary Summary() const;

 private:
  struct Accumulators {
    StatisticAccumulator utility, advantage, welfare, agreement, distance_to_pareto, distance_to_nash;
    std::size_t faults = 0;
    StatisticAccumulator elicitation_cost;
    bool elicited = false;
    void Merge(const Accumulators& other);
  };
  void AddTo(const TournamentRow& row, std::vector<Accumulators>& accumulators);

  std::vector<std::string> negotiators_, scenario_ids_;
  std::unordered_map<std::string, std::size_t> scenario_index_;
  std::size_t negotiations_ = 0, agreements_ = 0, faults_ = 0;
  std::vector<Accumulators> overall_;
  std::vector<std::vector<Accumulators>> by_scenario_;
  std::vector<std::size_t> scenario_negotiations_;
};

// The summary of `rows` (a TournamentSummarizer fed every row).
TournamentSummary SummarizeTournament(const TournamentPlan& plan, const std::vector<TournamentRow>& rows);
std::string SummaryToCsv(const TournamentSummary& summary);
std::string SummaryToJson(const TournamentSummary& summary);
// The aligned table `parley tournament` prints.
std::string SummaryTable(const TournamentSummary& summary);

struct TournamentProgress {
  std::uint64_t done = 0;  // including negotiations found in the results when resuming
  std::uint64_t total = 0;
  std::uint64_t resumed = 0;  // of `done`, read back from an earlier run
  double elapsed_seconds = 0.0;
  const TournamentRow* row = nullptr;  // the negotiation just finished; valid during the call only
};
// Called after each finished negotiation, from the worker that finished it, one call at a time.
// An exception it throws stops the tournament: no further negotiation starts, and RunTournament
// throws it once the negotiations under way have finished.
using TournamentProgressCallback = std::function<void(const TournamentProgress&)>;

struct TournamentResult {
  TournamentPlan plan;
  std::vector<TournamentRow> rows;  // in id order (for a share: only its rows); empty unless keep_rows
  TournamentSummary summary;
};

// Runs the tournament (or, with share_count > 1, this process's share of it). With `out` set:
// refuses a folder that already holds results unless `resume`, refuses to resume with a different
// configuration, and at the end rewrites results.jsonl and results.csv sorted by id and writes
// summary.csv and summary.json. Throws on configuration and I/O errors; negotiators' faults are
// recorded in the rows.
TournamentResult RunTournament(const TournamentConfig& config, const TournamentProgressCallback& progress = {});

// Writes the final files of a complete tournament into `out`: results.jsonl and results.csv in id
// order, summary.csv and summary.json, each replaced atomically.
void WriteTournamentFiles(const std::filesystem::path& out, const TournamentPlan& plan,
                          const std::vector<TournamentRow>& rows, const TournamentSummary& summary);

// Joins the results of every share of a distributed run in `config.out` into the files one
// process would have written. Throws UsageError if a negotiation is missing.
TournamentResult MergeTournamentShares(const TournamentConfig& config);

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_TOURNAMENT_H_
