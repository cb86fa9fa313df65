// Running a tournament: worker threads take chunks of the work list from a shared counter, run
// each negotiation round by round (stopping it when it overruns the time budget), append each
// row to the results files the moment it is known and add it to the summary; resuming reads those
// files back. Nothing grows with the number of negotiations but the files (and the rows, when the
// caller keeps them): the final files are sorted by id on disk (line_sort.h).
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <exception>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "io/atomic_file.h"
#include "parley/analysis.h"
#include "parley/error.h"
#include "parley/knowledge.h"
#include "parley/mediator.h"
#include "parley/protocol.h"
#include "parley/tournament.h"
#include "parley/trace_io.h"
#include "tournament/line_sort.h"

namespace parley {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open", path.string()));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// A results file opened for appending; every line goes out in one write(2) call, so that a
// killed process leaves whole lines behind (but for, at worst, the very last one).
class AppendFile {
 public:
  AppendFile() = default;
  explicit AppendFile(const std::filesystem::path& path) : path_(path) {
    fd_ = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0)
      throw InputError(fmt::format("{}: cannot open for appending: {}", path.string(), std::strerror(errno)));
  }
  AppendFile(const AppendFile&) = delete;
  AppendFile& operator=(const AppendFile&) = delete;
  ~AppendFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool is_open() const { return fd_ >= 0; }
  void Append(const std::string& text) {
    std::size_t written = 0;
    while (written < text.size()) {
      const ssize_t n = ::write(fd_, text.data() + written, text.size() - written);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw InputError(fmt::format("{}: cannot write: {}", path_.string(), std::strerror(errno)));
      written += static_cast<std::size_t>(n);
    }
  }
  void Sync() { ::fdatasync(fd_); }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

// The results' CSV header for the tournament's protocol: with elicitation columns when it allows
// elicitation.
std::string ResultsCsvHeader(const TournamentConfig& config) {
  return CsvHeader(ProtocolRegistry::Create(config.protocol)->AllowsElicitation());
}

std::string ResultsName(const TournamentConfig& config) {
  if (config.share_count <= 1) return "results.jsonl";
  return fmt::format("results.part-{}-of-{}.jsonl", config.share_index, config.share_count);
}

// The keys of two config.json texts whose values differ, for the refusal to resume.
std::string DifferingKeys(const std::string& stored, const std::string& wanted) {
  try {
    const auto a = nlohmann::ordered_json::parse(stored);
    const auto b = nlohmann::ordered_json::parse(wanted);
    std::vector<std::string> keys;
    for (const auto& [key, value] : b.items()) {
      if (!a.contains(key) || a.at(key) != value) keys.push_back(key);
    }
    return keys.empty() ? "its layout" : fmt::format("{}", fmt::join(keys, ", "));
  } catch (const nlohmann::json::exception&) {
    return "it is not valid JSON";
  }
}

// Checks that rows read back belong to this plan and share.
void CheckResumedRow(const TournamentPlan& plan, const TournamentRow& row, const std::filesystem::path& file,
                     std::size_t share_index, std::size_t share_count) {
  if (row.id >= plan.match_count || row.id % share_count != share_index) {
    throw InputError(fmt::format("{}: row {} is not a negotiation of this tournament", file.string(), row.id));
  }
  const TournamentMatch match = plan.Match(row.id);
  if (row.scenario != plan.scenario_ids[match.scenario] || row.assignment != match.assignment ||
      row.repetition != match.repetition || row.seed != match.seed) {
    throw InputError(fmt::format("{}: row {} does not match the negotiation of that id in this configuration",
                                 file.string(), row.id));
  }
}

// Where the whole rows of a results file end.
struct ResultsFileEnd {
  std::uintmax_t good_bytes = 0;  // up to the end of the last whole row
  bool needs_newline = false;     // that row lacks its newline (cut just before it)
};

// Calls `visit(row, line)` for every row of a results.jsonl file, in file order, without holding
// the file in memory. A malformed last line is the one a killed process was writing and is left
// out; any other malformed line throws InputError naming the file and line.
template <typename Visit>
ResultsFileEnd ForEachResultsRow(const std::filesystem::path& path, Visit&& visit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open the results file", path.string()));
  ResultsFileEnd end;
  std::uintmax_t offset = 0;
  std::size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    const bool terminated = !in.eof();
    offset += line.size() + (terminated ? 1 : 0);
    if (line.empty()) {
      end.good_bytes = offset;
      continue;
    }
    TournamentRow row;
    try {
      row = RowFromJsonLine(line, fmt::format("{}:{}", path.string(), number));
    } catch (const InputError&) {
      if (in.peek() == std::char_traits<char>::eof()) break;
      throw;
    }
    visit(row, line);
    end.good_bytes = offset;
    end.needs_newline = !terminated;
  }
  return end;
}

// Everything the workers share.
class Runner {
 public:
  Runner(const TournamentPlan& plan, const TournamentProgressCallback& progress)
      : plan_(plan), config_(plan.config), progress_(progress), analyses_(plan.scenarios.size()), summarizer_(plan) {
    for (const auto& spec : config_.negotiators) specs_.push_back(Spec::Parse(spec));
    for (const auto& spec : config_.mediators) mediator_specs_.push_back(Spec::Parse(spec));
    done_.assign(plan_.match_count, false);
  }

  // Opens the results files in `out`, reading back what an earlier run left when resuming.
  void Open() {
    const std::filesystem::path& out = config_.out;
    std::error_code ec;
    std::filesystem::create_directories(out, ec);
    if (ec) throw InputError(fmt::format("{}: cannot create the results folder: {}", out.string(), ec.message()));
    const auto jsonl = out / ResultsName(config_);
    const auto config_file = out / "config.json";
    const std::string wanted = plan_.ConfigJson();
    const bool has_config = std::filesystem::exists(config_file);
    const bool has_results = std::filesystem::exists(jsonl) && std::filesystem::file_size(jsonl) > 0;
    // The processes of a distributed run share config.json; only their own results count.
    const bool taken = has_results || (has_config && config_.share_count == 1);
    if (!config_.resume && taken) {
      throw UsageError(
          fmt::format("{} already holds a tournament; resume it with --resume or choose another --out", out.string()));
    }
    if (has_config && (config_.resume || config_.share_count > 1)) {
      const std::string stored = ReadText(config_file);
      if (stored != wanted) {
        throw UsageError(
            fmt::format("cannot resume the tournament in {}: its configuration ({}) differs in {}; "
                        "run with the same configuration or choose another --out",
                        out.string(), config_file.string(), DifferingKeys(stored, wanted)));
      }
    } else if (config_.resume && has_results) {
      throw UsageError(
          fmt::format("cannot resume the tournament in {}: {} is missing", out.string(), config_file.string()));
    }
    // The CSV file is remade from the JSON lines, which are written first: a process killed
    // between the two leaves a row in the JSON lines only.
    std::unique_ptr<AtomicFileWriter> csv;
    if (config_.share_count == 1) {
      csv = std::make_unique<AtomicFileWriter>(out / "results.csv");
      csv->Write(ResultsCsvHeader(config_) + "\n");
    }
    if (config_.resume && has_results) ReadBack(jsonl, csv.get());
    if (!has_config) WriteFileAtomically(config_file, wanted);
    if (!has_results) WriteFileAtomically(jsonl, "");
    jsonl_ = std::make_unique<AppendFile>(jsonl);
    if (csv) {
      csv->Commit();
      csv_ = std::make_unique<AppendFile>(out / "results.csv");
    }
  }

  void Run() {
    total_ = 0;
    for (std::uint64_t id = config_.share_index; id < plan_.match_count; id += config_.share_count) ++total_;
    done_count_ = resumed_;
    start_ = Clock::now();
    last_sync_ = start_;
    unsigned threads = config_.threads ? config_.threads : std::max(1u, std::thread::hardware_concurrency());
    const std::uint64_t missing = total_ - resumed_;
    threads = static_cast<unsigned>(std::max<std::uint64_t>(1, std::min<std::uint64_t>(threads, missing)));
    // Chunks small enough to balance the load at the end, large enough to keep the counter cold.
    chunk_ = std::clamp<std::uint64_t>(plan_.match_count / (std::uint64_t{threads} * 64), 1, 256);
    if (missing > 0) {
      std::vector<std::thread> workers;
      for (unsigned t = 1; t < threads; ++t) workers.emplace_back([this] { Work(); });
      Work();
      for (auto& worker : workers) worker.join();
    }
    if (failure_) std::rethrow_exception(failure_);
    if (jsonl_) jsonl_->Sync();
    if (csv_) csv_->Sync();
    jsonl_.reset();
    csv_.reset();
  }

  // The rows kept (config.keep_rows), in id order.
  std::vector<TournamentRow> TakeRows() {
    std::sort(rows_.begin(), rows_.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return std::move(rows_);
  }
  TournamentSummary Summary() const { return summarizer_.Summary(); }

  // The final files: the results sorted by id, on disk.
  void SortResults() const {
    const auto jsonl = config_.out / "results.jsonl";
    const auto csv = config_.out / "results.csv";
    SortLinesById({{jsonl, false}}, jsonl, "");
    SortLinesById({{csv, true}}, csv, ResultsCsvHeader(config_));
  }

 private:
  // Reads back the rows of an earlier run: marks them done, adds them to the summary and the new
  // CSV file, and cuts off a last line left incomplete by the interruption.
  void ReadBack(const std::filesystem::path& jsonl, AtomicFileWriter* csv) {
    const ResultsFileEnd end = ForEachResultsRow(jsonl, [&](TournamentRow& row, const std::string&) {
      CheckResumedRow(plan_, row, jsonl, config_.share_index, config_.share_count);
      if (done_[row.id]) throw InputError(fmt::format("{}: negotiation {} appears twice", jsonl.string(), row.id));
      done_[row.id] = true;
      ++resumed_;
      summarizer_.Add(row);
      if (csv) csv->Write(RowToCsvLine(row) + "\n");
      if (config_.keep_rows) rows_.push_back(std::move(row));
    });
    std::filesystem::resize_file(jsonl, end.good_bytes);
    if (end.needs_newline) AppendFile(jsonl).Append("\n");
  }

  void Work() {
    try {
      // First, every worker takes whole scenarios and builds what their negotiations share (each
      // profile's outcome ranking, the analysis), so that this one-off work runs in parallel
      // instead of every worker waiting on the first scenario's.
      for (std::size_t s = warm_.fetch_add(1); s < plan_.scenarios.size() && !stop_.load(std::memory_order_relaxed);
           s = warm_.fetch_add(1)) {
        for (const auto& profile : plan_.scenarios[s].profiles()) profile.utility_function().ranking();
        Analysis(s);
      }
      auto protocol = ProtocolRegistry::Create(config_.protocol);
      while (!stop_.load(std::memory_order_relaxed)) {
        const std::uint64_t begin = next_.fetch_add(chunk_, std::memory_order_relaxed);
        if (begin >= plan_.match_count) break;
        const std::uint64_t end = std::min(plan_.match_count, begin + chunk_);
        for (std::uint64_t id = begin; id < end && !stop_.load(std::memory_order_relaxed); ++id) {
          if (id % config_.share_count != config_.share_index || done_[id]) continue;
          Record(RunOne(*protocol, plan_.Match(id)));
        }
      }
    } catch (...) {
      std::lock_guard lock(mutex_);
      if (!failure_) failure_ = std::current_exception();
      stop_ = true;
    }
  }
  // The analysis of scenario `s`, computed once; null when the scenario cannot be analysed.
  const ScenarioAnalysis* Analysis(std::size_t s) {
    std::call_once(analyses_[s].once, [&] {
      try {
        analyses_[s].analysis = ScenarioAnalysis::Of(plan_.scenarios[s]);
      } catch (const Error&) {
        analyses_[s].analysis = nullptr;  // the metrics columns stay empty
      }
    });
    return analyses_[s].analysis.get();
  }

  TournamentRow RunOne(Protocol& protocol, const TournamentMatch& match) {
    const Scenario& scenario = plan_.scenarios[match.scenario];
    const std::size_t parties = scenario.party_count();
    std::vector<std::unique_ptr<Negotiator>> owned;
    std::vector<Negotiator*> negotiators;
    for (std::size_t index : match.assignment) {
      owned.push_back(NegotiatorRegistry::Create(specs_[index]));
      negotiators.push_back(owned.back().get());
    }
    std::vector<std::unique_ptr<Mediator>> owned_mediators;
    std::vector<Mediator*> mediators;
    for (const auto& spec : mediator_specs_) {
      owned_mediators.push_back(MediatorRegistry::Create(spec));
      mediators.push_back(owned_mediators.back().get());
    }
    NegotiationOptions options;
    options.rounds = config_.rounds;
    options.time_limit_seconds = config_.time_limit_seconds;
    options.seed = match.seed;
    options.record_trace = false;
    if (!config_.knowledge.empty() || !config_.estimator.empty()) {
      SetKnowledge(scenario, {config_.knowledge.empty() ? "full" : config_.knowledge},
                   config_.estimator.empty() ? std::vector<std::string>{} : std::vector<std::string>{config_.estimator},
                   options);
    }

    const Clock::time_point start = Clock::now();
    auto run = protocol.Start(scenario, negotiators, mediators, options);
    bool over_budget = false;
    if (config_.budget_seconds > 0) {
      while (!run->done()) {
        run->Step();
        if (!run->done() && SecondsSince(start) > config_.budget_seconds) {
          over_budget = true;
          run->Stop(fmt::format("exceeded the time budget of {} s", config_.budget_seconds));
        }
      }
    } else {
      while (!run->done()) run->Step();
    }
    NegotiationResult result = run->TakeResult();
    result.negotiators.clear();
    for (std::size_t index : match.assignment) result.negotiators.push_back(config_.negotiators[index]);
    result.mediators = config_.mediators;

    TournamentRow row;
    row.id = match.id;
    row.scenario = plan_.scenario_ids[match.scenario];
    row.repetition = match.repetition;
    row.assignment = match.assignment;
    row.negotiators = result.negotiators;
    row.seed = match.seed;
    for (const auto& profile : scenario.profiles()) row.roles.push_back(profile.name());
    row.agreement = result.agreement.has_value();
    if (result.agreement) {
      for (std::size_t i = 0; i < scenario.space().issue_count(); ++i) {
        row.issues.push_back(scenario.space().issue(i).name());
        row.outcome.push_back(scenario.space().issue(i).Format((*result.agreement)[i]));
      }
    }
    row.utilities = result.utilities;
    row.undiscounted_utilities = result.undiscounted_utilities;
    if (!result.elicitation_costs.empty()) {
      row.elicitation_costs = result.elicitation_costs;
      row.elicitation_requests = result.elicitation_requests;
    }
    for (std::size_t p = 0; p < parties; ++p) {
      row.reservation_values.push_back(scenario.profile(p).DiscountedReservationValue(result.time, config_.rounds));
    }
    row.rounds = result.rounds;
    row.steps = result.steps;
    row.time = result.time;
    if (const ScenarioAnalysis* analysis = Analysis(match.scenario)) {
      const AgreementMetrics metrics = analysis->Measure(result);
      row.social_welfare = metrics.social_welfare;
      row.distance_to_pareto = metrics.distance_to_pareto;
      row.distance_to_nash = metrics.distance_to_nash;
      row.distance_to_kalai = metrics.distance_to_kalai;
      row.pareto_optimal = metrics.pareto_optimal;
      row.opposition = metrics.opposition;
    }
    row.end_reason = std::string(EndReasonName(result.end_reason));
    if (result.fault) {
      row.fault = fmt::format("{} ({}): {}", ActorName(scenario, result, result.fault->party),
                              ActorSpec(result, result.fault->party, parties), result.fault->message);
      row.fault_party = result.fault->party;
    } else if (over_budget) {
      row.fault = result.stop_reason;
    }
    row.elapsed_seconds = SecondsSince(start);
    return row;
  }

  void Record(TournamentRow row) {
    const std::string json = jsonl_ ? RowToJsonLine(row) + "\n" : std::string();
    const std::string csv = csv_ ? RowToCsvLine(row) + "\n" : std::string();
    std::lock_guard lock(mutex_);
    if (jsonl_) jsonl_->Append(json);
    if (csv_) csv_->Append(csv);
    summarizer_.Add(row);
    ++done_count_;
    // Whole lines reach the operating system at once (surviving kill -9); the disk every second
    // (surviving power loss but for that second) without a sync per row.
    if (jsonl_ && SecondsSince(last_sync_) > 1.0) {
      jsonl_->Sync();
      if (csv_) csv_->Sync();
      last_sync_ = Clock::now();
    }
    if (progress_) {
      progress_({done_count_, total_, resumed_, SecondsSince(start_), &row});
    }
    if (config_.keep_rows) rows_.push_back(std::move(row));
  }

  struct AnalysisSlot {
    std::once_flag once;
    std::shared_ptr<const ScenarioAnalysis> analysis;
  };

  const TournamentPlan& plan_;
  const TournamentConfig& config_;
  const TournamentProgressCallback& progress_;
  std::vector<Spec> specs_, mediator_specs_;
  std::vector<AnalysisSlot> analyses_;
  std::vector<bool> done_;  // read-only while the workers run
  std::unique_ptr<AppendFile> jsonl_, csv_;
  std::mutex mutex_;
  TournamentSummarizer summarizer_;
  std::vector<TournamentRow> rows_;
  std::uint64_t resumed_ = 0, total_ = 0, done_count_ = 0, chunk_ = 1;
  std::atomic<std::size_t> warm_{0};
  std::atomic<std::uint64_t> next_{0};
  std::atomic<bool> stop_{false};
  std::exception_ptr failure_;
  Clock::time_point start_, last_sync_;
};

void WriteSummaryFiles(const std::filesystem::path& out, const TournamentPlan& plan, const TournamentSummary& summary) {
  WriteFileAtomically(out / "summary.csv", SummaryToCsv(summary));
  WriteFileAtomically(out / "summary.json", SummaryToJson(summary));
  if (!std::filesystem::exists(out / "config.json")) WriteFileAtomically(out / "config.json", plan.ConfigJson());
}

}  // namespace

void WriteTournamentFiles(const std::filesystem::path& out, const TournamentPlan& plan,
                          const std::vector<TournamentRow>& rows, const TournamentSummary& summary) {
  AtomicFileWriter jsonl(out / "results.jsonl"), csv(out / "results.csv");
  csv.Write(ResultsCsvHeader(plan.config) + "\n");
  for (const auto& row : rows) {
    jsonl.Write(RowToJsonLine(row) + "\n");
    csv.Write(RowToCsvLine(row) + "\n");
  }
  jsonl.Commit();
  csv.Commit();
  WriteSummaryFiles(out, plan, summary);
}

TournamentResult RunTournament(const TournamentConfig& config, const TournamentProgressCallback& progress) {
  if (config.share_count == 0 || config.share_index >= config.share_count) {
    throw UsageError(fmt::format("share {} of {} does not exist", config.share_index, config.share_count));
  }
  if (config.resume && config.out.empty()) throw UsageError("resuming needs the results folder (--out)");
  TournamentResult result;
  result.plan = PlanTournament(config);
  Runner runner(result.plan, progress);
  if (!config.out.empty()) runner.Open();
  runner.Run();
  result.rows = runner.TakeRows();
  if (config.share_count == 1) {
    result.summary = runner.Summary();
    if (!config.out.empty()) {
      runner.SortResults();
      WriteSummaryFiles(config.out, result.plan, result.summary);
    }
  }
  return result;
}

TournamentResult MergeTournamentShares(const TournamentConfig& config) {
  if (config.out.empty()) throw UsageError("merging needs the results folder (--out)");
  TournamentResult result;
  result.plan = PlanTournament(config);
  result.plan.config.share_index = 0;
  result.plan.config.share_count = 1;
  TournamentSummarizer summarizer(result.plan);
  std::vector<bool> seen(result.plan.match_count, false);
  std::uint64_t count = 0;
  // The rows of every share, checked, in the order read; then sorted into the final files.
  const auto jsonl = config.out / "results.jsonl", csv = config.out / "results.csv";
  auto unsorted_jsonl = jsonl, unsorted_csv = csv;
  unsorted_jsonl += ".unsorted";
  unsorted_csv += ".unsorted";
  {
    AtomicFileWriter json_out(unsorted_jsonl), csv_out(unsorted_csv);
    for (std::size_t share = 0; share < config.share_count; ++share) {
      TournamentConfig part = config;
      part.share_index = share;
      const auto path = config.out / ResultsName(part);
      ForEachResultsRow(path, [&](TournamentRow& row, const std::string& line) {
        CheckResumedRow(result.plan, row, path, share, config.share_count);
        if (seen[row.id]) throw InputError(fmt::format("{}: negotiation {} appears twice", path.string(), row.id));
        seen[row.id] = true;
        ++count;
        summarizer.Add(row);
        json_out.Write(line + "\n");
        csv_out.Write(RowToCsvLine(row) + "\n");
        if (config.keep_rows) result.rows.push_back(std::move(row));
      });
    }
    if (count != result.plan.match_count) {
      throw UsageError(fmt::format("the shares in {} hold {} of the {} negotiations; resume the missing shares first",
                                   config.out.string(), count, result.plan.match_count));
    }
    json_out.Commit();
    csv_out.Commit();
  }
  SortLinesById({{unsorted_jsonl, false}}, jsonl, "");
  SortLinesById({{unsorted_csv, false}}, csv, ResultsCsvHeader(config));
  std::filesystem::remove(unsorted_jsonl);
  std::filesystem::remove(unsorted_csv);
  std::sort(result.rows.begin(), result.rows.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  result.summary = summarizer.Summary();
  WriteSummaryFiles(config.out, result.plan, result.summary);
  return result;
}

}  // namespace parley
