// Speed of whole tournaments, in negotiations per second, on 1 and 2 threads: everything
// `parley tournament` does (loading the scenarios, ranking outcomes, analysing each scenario,
// running every negotiation and measuring its agreement) but writing files, which the "files"
// variant adds.
//
//   build-tour/bench/tournament_bench --benchmark_counters_tabular=true
//
// Shipped: time(e=0.2) and time(e=1) (Boulware and Linear as NegMAS has them), Parley's absolute-tft and MiCRO on the 5
// GENIUS scenarios in scenarios/genius (four of two parties, group2-dinner of three), every assignment of negotiators
// to roles (4^2 or 4^3), 3 repetitions, 1000 rounds: 384 negotiations.
// NegmasSize (when ../shared/scenarios exists): the same four negotiators on CarB,
// MusicCollectionB and AmsterdamA (ANAC 2012), Icecream and Wholesaler (ANAC 2013), the 16
// assignments of each, 10 repetitions, 200 rounds: the 800 negotiations NegMAS runs at about 2.5 a
// second on one core.
// Memory: the growth of the resident set while a tournament with results files runs, for 6,400
// and 64,000 negotiations (it should not grow with the number of negotiations; see
// docs/tournaments.md for ten million).
#include <unistd.h>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "parley/tournament.h"

namespace parley {
namespace {

const std::vector<std::string> kNegotiators = {"time(e=0.2)", "absolute-tft", "micro", "time(e=1)"};

TournamentConfig Shipped() {
  const auto genius = std::filesystem::path(PARLEY_SOURCE_DIR) / "scenarios" / "genius";
  TournamentConfig config;
  config.negotiators = kNegotiators;
  for (const char* name : {"CarA", "CarB", "IntegerDomain", "10issues", "group2-dinner"}) {
    config.scenarios.push_back((genius / name).string());
  }
  config.repetitions = 3;
  config.rounds = 1000;
  return config;
}

TournamentConfig NegmasSize() {
  const auto anac = std::filesystem::path(PARLEY_SHARED_SCENARIOS) / "anac";
  TournamentConfig config;
  config.negotiators = kNegotiators;
  for (const char* name :
       {"y2012/CarB", "y2012/MusicCollectionB", "y2012/AmsterdamA", "y2013/Icecream", "y2013/Wholesaler"}) {
    config.scenarios.push_back((anac / name).string());
  }
  config.repetitions = 10;
  config.rounds = 200;
  return config;
}

void Run(benchmark::State& state, TournamentConfig config) {
  if (!std::filesystem::exists(config.scenarios.front())) {
    state.SkipWithError("scenarios not found (../shared/scenarios)");
    return;
  }
  config.threads = static_cast<unsigned>(state.range(0));
  const bool files = state.range(1) != 0;
  const auto folder = std::filesystem::temp_directory_path() / "parley-tournament-bench";
  std::uint64_t negotiations = 0;
  for (auto _ : state) {
    if (files) {
      state.PauseTiming();
      std::filesystem::remove_all(folder);
      config.out = folder;
      config.keep_rows = false;  // as the CLI does
      state.ResumeTiming();
    }
    const TournamentResult result = RunTournament(config);
    negotiations += result.summary.negotiations;
    benchmark::DoNotOptimize(result.summary.negotiations);
  }
  if (files) std::filesystem::remove_all(folder);
  state.counters["negotiations"] = static_cast<double>(negotiations) / static_cast<double>(state.iterations());
  state.counters["negotiations_per_second"] =
      benchmark::Counter(static_cast<double>(negotiations), benchmark::Counter::kIsRate);
}

void BM_TournamentShipped(benchmark::State& state) { Run(state, Shipped()); }
void BM_TournamentNegmasSize(benchmark::State& state) { Run(state, NegmasSize()); }
// The same with 100 repetitions (8,000 negotiations), so that the one-off costs (reading the
// scenarios, ranking their outcomes, analysing them) weigh little: the steady rate.
void BM_TournamentNegmasSize100(benchmark::State& state) {
  TournamentConfig config = NegmasSize();
  config.repetitions = 100;
  Run(state, config);
}

// Resident set size of this process, in bytes.
double ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  double pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<double>(::sysconf(_SC_PAGESIZE));
}

// Argument: repetitions (x 64 negotiations). Two threads, results files, no rows kept.
void BM_TournamentMemory(benchmark::State& state) {
  const auto genius = std::filesystem::path(PARLEY_SOURCE_DIR) / "scenarios" / "genius";
  TournamentConfig config;
  config.negotiators = kNegotiators;
  for (const char* name : {"CarA", "CarB", "10issues", "IntegerDomain"})
    config.scenarios.push_back((genius / name).string());
  config.repetitions = static_cast<std::uint64_t>(state.range(0));
  config.rounds = 200;
  config.threads = 2;
  config.keep_rows = false;
  const auto folder = std::filesystem::temp_directory_path() / "parley-tournament-memory-bench";
  double growth = 0;
  std::uint64_t negotiations = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::filesystem::remove_all(folder);
    config.out = folder;
    const double before = ResidentBytes();
    std::atomic<bool> running{true};
    double peak = before;
    std::thread sampler([&] {
      while (running) {
        peak = std::max(peak, ResidentBytes());
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    });
    state.ResumeTiming();
    const TournamentResult result = RunTournament(config);
    state.PauseTiming();
    running = false;
    sampler.join();
    growth = std::max(growth, peak - before);
    negotiations += result.summary.negotiations;
    state.ResumeTiming();
  }
  std::filesystem::remove_all(folder);
  state.counters["negotiations"] = static_cast<double>(negotiations) / static_cast<double>(state.iterations());
  state.counters["rss_growth_mib"] = growth / (1024.0 * 1024.0);
}

// Arguments: threads, files (0: in memory, 1: results files written as by the CLI).
BENCHMARK(BM_TournamentShipped)
    ->ArgsProduct({{1, 2}, {0, 1}})
    ->ArgNames({"threads", "files"})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0);
BENCHMARK(BM_TournamentNegmasSize)
    ->ArgsProduct({{1, 2}, {0, 1}})
    ->ArgNames({"threads", "files"})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0);
BENCHMARK(BM_TournamentNegmasSize100)
    ->ArgsProduct({{1, 2}, {0, 1}})
    ->ArgNames({"threads", "files"})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0);
BENCHMARK(BM_TournamentMemory)
    ->Arg(100)
    ->Arg(1000)
    ->ArgNames({"repetitions"})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

}  // namespace
}  // namespace parley

BENCHMARK_MAIN();
