// The cost of isolation: negotiations per second with both negotiators in the engine's process,
// one in a worker process, and both, for a short and a long negotiation; and what starting and
// ending a worker costs alone (a negotiation of one round).
//
//   build/bench/isolation_bench --benchmark_counters_tabular=true
//
// Boulware against absolute-tft (Parley's own tit-for-tat) on CarB (15,625 outcomes) with reservation values raised so
// that no agreement ends a negotiation early: every negotiation plays all its rounds, and each
// turn of an isolated negotiator is one round trip to its worker (its own turn, or an observation
// of the other's).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

#include "parley/isolation.h"
#include "parley/protocol.h"
#include "parley/scenario_format.h"

namespace parley {
namespace {

Scenario NoAgreementCarB() {
  const Scenario car =
      LoadScenario((std::filesystem::path(PARLEY_SOURCE_DIR) / "scenarios" / "genius" / "CarB").string());
  std::vector<Profile> profiles;
  for (const auto& p : car.profiles()) profiles.emplace_back(p.name(), p.shared_utility_function(), 0.99, 1.0);
  return Scenario("CarB, no agreement", car.shared_space(), profiles);
}

void Negotiations(benchmark::State& state) {
  static const Scenario scenario = NoAgreementCarB();
  const auto isolated = state.range(0);
  std::vector<std::string> specs = {"boulware", "absolute-tft"};
  for (std::int64_t i = 0; i < isolated; ++i) specs[static_cast<std::size_t>(i)] = IsolatedSpec(specs[i]);
  NegotiationOptions options;
  options.rounds = static_cast<std::uint64_t>(state.range(1));
  options.record_trace = false;
  for (const auto& profile : scenario.profiles()) profile.utility_function().ranking();  // as in a tournament
  std::uint64_t steps = 0;
  for (auto _ : state) {
    options.seed += 1;
    const NegotiationResult result = RunNegotiation(scenario, specs, options);
    if (result.fault) {
      state.SkipWithError(result.fault->message.c_str());
      return;
    }
    steps += result.steps;
  }
  state.counters["negotiations/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["turns/s"] = benchmark::Counter(static_cast<double>(steps), benchmark::Counter::kIsRate);
}

// Arguments: isolated negotiators (0, 1, 2), rounds.
BENCHMARK(Negotiations)
    ->ArgNames({"isolated", "rounds"})
    ->ArgsProduct({{0, 1, 2}, {1, 100, 1000}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace parley

BENCHMARK_MAIN();
