// Speed of the mediator's assistant under uncertainty (parley/uncertain_mediation.h) on the
// built-in ceasefire-2024 with its ranges (docs/ceasefire-2024.md): N = 10 000 sampled worlds
// with 1 and 2 threads (the goal: at most 1 s on 2 cores, what `parley mediate --samples 10000`
// does after loading the file), and with the Sobol indices (N(k + 2) = 140 000 worlds, k = 12,
// and the bootstrap of 500 resamples per output). Unit: seconds per call (wall time, so the
// 2-thread figures show the speed-up); `us_per_world` is wall time per world evaluated, in
// microseconds (Google Benchmark prints it with an "s" suffix).
//
//   build/bench/uncertain_mediation_bench --benchmark_counters_tabular=true
//
// Figures are in docs/uncertainty.md, "Mediating under uncertainty", with the command.
#include <benchmark/benchmark.h>

#include "parley/uncertain_mediation.h"
#include "parley/uncertainty.h"

namespace parley {
namespace {

void BM_MediateUnderUncertainty(benchmark::State& state) {
  const UncertainScenario scenario = UncertainScenario::Load("ceasefire-2024");
  UncertainMediationOptions options;
  options.samples = static_cast<std::size_t>(state.range(0));
  options.threads = static_cast<unsigned>(state.range(1));
  options.sobol = state.range(2) != 0;
  options.keep_samples = false;
  std::size_t evaluations = 0;
  for (auto _ : state) {
    const UncertainMediationReport report = AssistMediationUnderUncertainty(scenario, options);
    evaluations = report.evaluations;
    benchmark::DoNotOptimize(report.tracks.data());
  }
  state.counters["worlds"] = static_cast<double>(evaluations);
  state.counters["us_per_world"] =
      benchmark::Counter(static_cast<double>(evaluations) * 1e-6,
                         benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_MediateUnderUncertainty)
    ->ArgNames({"samples", "threads", "sobol"})
    ->Args({10000, 1, 0})
    ->Args({10000, 2, 0})
    ->Args({10000, 2, 1})
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();

}  // namespace
}  // namespace parley

BENCHMARK_MAIN();
