// The Pareto frontier of spaces too large to enumerate: how fast the issue-by-issue dynamic
// programme is on generated two-party linear additive spaces of 10^6 to 10^12 outcomes, and how
// far the sampled frontier is from the exact one where both can be computed.
//
//   build/bench/frontier_bench --benchmark_counters_tabular=true
//
// BM_IssueByIssue/issues/opposition%: 10 values per issue; `opposition` mixes independent
// preferences (0) with exactly opposed ones (100: every outcome Pareto-optimal), which is what
// makes frontiers large. Counters: points on the frontier, the largest partial frontier.
// BM_SampledError/free/seed: the 10issues (ANAC 2014) profiles with all but `free` issues fixed at
// random values, sampled frontier against enumeration. BM_SampledVsExact/parties/issues/opposition%/seed:
// generated linear spaces (as above, 10 values per issue), sampled frontier against the dynamic
// programme.
// Error counters: epsilon (additive epsilon indicator), mean_dist and max_dist (Euclidean distance
// from an exact frontier point to the nearest sampled one), found (share of the exact frontier's
// utility vectors sampled). See src/analysis/frontier_quality.h.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "analysis/frontier_methods.h"
#include "analysis/frontier_quality.h"
#include "parley/random.h"
#include "parley/scenario_format.h"

namespace parley {
namespace {

void BM_IssueByIssue(benchmark::State& state) {
  const auto issues = static_cast<std::size_t>(state.range(0));
  const double opposition = static_cast<double>(state.range(1)) / 100.0;
  const Scenario scenario = internal::GeneratedLinearScenario(7, 2, issues, 10, opposition);
  ParetoFrontier frontier;
  for (auto _ : state) {
    frontier = internal::IssueByIssueFrontier(scenario, {});
    benchmark::DoNotOptimize(frontier.points.data());
  }
  state.counters["points"] = static_cast<double>(frontier.points.size());
  state.counters["exact"] = frontier.exact ? 1 : 0;
  state.SetLabel(frontier.method);
}
BENCHMARK(BM_IssueByIssue)
    ->ArgsProduct({{6, 8, 10, 12}, {0, 50, 90}})
    ->Args({6, 100})
    ->Args({7, 100})
    ->Args({16, 90})
    ->Unit(benchmark::kMillisecond);

void ReportError(benchmark::State& state, const ParetoFrontier& exact, const ParetoFrontier& sampled) {
  const internal::FrontierError error = internal::MeasureFrontierError(exact, sampled);
  state.counters["epsilon"] = error.additive_epsilon;
  state.counters["mean_dist"] = error.mean_distance;
  state.counters["max_dist"] = error.max_distance;
  state.counters["found"] = error.share_found;
  state.counters["exact_pts"] = static_cast<double>(exact.points.size());
  state.counters["sampled_pts"] = static_cast<double>(sampled.points.size());
}

void BM_SampledError(benchmark::State& state) {
  const Scenario full =
      LoadScenario((std::filesystem::path(PARLEY_SOURCE_DIR) / "scenarios" / "genius" / "10issues").string());
  Rng rng(static_cast<std::uint64_t>(state.range(1)));
  Outcome fixed;
  full.space().RandomOutcome(rng, fixed);
  const Scenario scenario = internal::FixIssuesBeyond(full, static_cast<std::size_t>(state.range(0)), fixed);
  const ParetoFrontier exact = internal::EnumerateFrontier(scenario).frontier;
  ParetoFrontier sampled;
  for (auto _ : state) sampled = internal::SampledFrontier(scenario, {});
  ReportError(state, exact, sampled);
}
BENCHMARK(BM_SampledError)->ArgsProduct({{4, 5, 6}, {1, 2, 3}})->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_SampledVsExact(benchmark::State& state) {
  const Scenario scenario = internal::GeneratedLinearScenario(
      static_cast<std::uint64_t>(state.range(3)), static_cast<std::size_t>(state.range(0)),
      static_cast<std::size_t>(state.range(1)), 10, static_cast<double>(state.range(2)) / 100.0);
  const ParetoFrontier exact = internal::IssueByIssueFrontier(scenario, {});
  ParetoFrontier sampled;
  for (auto _ : state) sampled = internal::SampledFrontier(scenario, {});
  ReportError(state, exact, sampled);
}
BENCHMARK(BM_SampledVsExact)
    ->ArgsProduct({{2, 3}, {6, 10}, {50, 90}, {1, 2}})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

// The sampled frontier of the full 10issues scenario (10^10 outcomes): time only.
void BM_SampledTenIssues(benchmark::State& state) {
  const Scenario scenario =
      LoadScenario((std::filesystem::path(PARLEY_SOURCE_DIR) / "scenarios" / "genius" / "10issues").string());
  ParetoFrontier sampled;
  for (auto _ : state) sampled = internal::SampledFrontier(scenario, {});
  state.counters["sampled_pts"] = static_cast<double>(sampled.points.size());
}
BENCHMARK(BM_SampledTenIssues)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
}  // namespace parley

BENCHMARK_MAIN();
