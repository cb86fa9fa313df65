// Speed of one stacked-alternating-offers negotiation: 1000 rounds of Parley's Boulware (time(e=0.2)) against naive
// absolute-tft on ANAC 2012 Car (15,625 outcomes), with reservation values raised so that no
// agreement is possible and every round is played. CarB is undiscounted, CarA its discounted
// twin. Reported as rounds per second on one core (the items_per_second counter).
//
//   build/bench/saop_bench --benchmark_counters_tabular=true
//
// The per-profile outcome ranking is built once per utility function and shared by every later
// negotiation, as in a tournament; BM_RankingBuild measures that one-off cost separately.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include "parley/outcome_ranking.h"
#include "parley/protocol.h"
#include "parley/scenario_format.h"
#include "parley/utility.h"

namespace parley {
namespace {

constexpr std::uint64_t kRounds = 1000;

std::filesystem::path ScenarioPath(const std::string& name) {
  const auto shipped = std::filesystem::path(PARLEY_SOURCE_DIR) / "scenarios" / "genius" / name;
  if (std::filesystem::exists(shipped)) return shipped;
  return std::filesystem::path(PARLEY_SHARED_SCENARIOS) / "anac" / "y2012" / name;
}

// The scenario with every reservation value raised to `reservation`, after checking by brute
// force that no outcome gives every party more than its reservation value.
Scenario WithoutAgreementZone(const Scenario& original, double reservation) {
  std::vector<Profile> profiles;
  for (const auto& p : original.profiles()) {
    profiles.emplace_back(p.name(), p.shared_utility_function(), reservation, p.discount_factor());
  }
  Scenario scenario(original.name(), original.shared_space(), std::move(profiles));
  const OutcomeSpace& space = scenario.space();
  Outcome outcome(space.issue_count());
  for (OutcomeIndex i = 0; i < *space.cardinality(); ++i) {
    space.Decode(i, outcome);
    bool all_gain = true;
    for (const auto& p : scenario.profiles()) all_gain = all_gain && p.Utility(outcome) > p.reservation_value();
    if (all_gain) {
      std::fprintf(stderr, "reservation %g leaves a zone of agreement in %s\n", reservation, original.name().c_str());
      std::abort();
    }
  }
  return scenario;
}

const Scenario& CarScenario(const std::string& name) {
  static std::map<std::string, std::unique_ptr<Scenario>> cache;
  auto& slot = cache[name];
  if (!slot) slot = std::make_unique<Scenario>(WithoutAgreementZone(LoadScenario(ScenarioPath(name).string()), 0.99));
  return *slot;
}

void RunCar(benchmark::State& state, const std::string& name, bool record_trace) {
  const Scenario& scenario = CarScenario(name);
  NegotiationOptions options;
  options.rounds = kRounds;
  options.record_trace = record_trace;
  const std::vector<std::string> negotiators = {"time(e=0.2)", "absolute-tft"};
  std::uint64_t rounds = 0;
  for (auto _ : state) {
    NegotiationResult result = RunNegotiation(scenario, negotiators, options);
    if (result.agreement || result.rounds != kRounds)
      state.SkipWithError("the negotiation did not run to the deadline");
    rounds += result.rounds;
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(rounds));
  state.counters["rounds/s"] = benchmark::Counter(static_cast<double>(rounds), benchmark::Counter::kIsRate);
}

void BM_CarB_NoTrace(benchmark::State& state) { RunCar(state, "CarB", false); }
void BM_CarB_Trace(benchmark::State& state) { RunCar(state, "CarB", true); }
void BM_CarA_Discounted_NoTrace(benchmark::State& state) { RunCar(state, "CarA", false); }
void BM_CarA_Discounted_Trace(benchmark::State& state) { RunCar(state, "CarA", true); }

// A fresh copy of the scenario's utility functions, so that nothing is cached yet.
Scenario ColdCopy(const Scenario& scenario) {
  std::vector<Profile> profiles;
  for (const auto& p : scenario.profiles()) {
    const auto& linear = dynamic_cast<const LinearAdditiveUtility&>(p.utility_function());
    auto fresh = std::make_shared<const LinearAdditiveUtility>(scenario.shared_space(), linear.weights(),
                                                               linear.value_functions(), linear.weight_rule());
    profiles.emplace_back(p.name(), fresh, p.reservation_value(), p.discount_factor());
  }
  return Scenario(scenario.name(), scenario.shared_space(), std::move(profiles));
}

// The whole negotiation from nothing: both negotiators build their outcome rankings first.
void BM_CarB_Cold_NoTrace(benchmark::State& state) {
  const Scenario& warm = CarScenario("CarB");
  NegotiationOptions options;
  options.rounds = kRounds;
  options.record_trace = false;
  std::uint64_t rounds = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const Scenario scenario = ColdCopy(warm);
    state.ResumeTiming();
    NegotiationResult result = RunNegotiation(scenario, {"time(e=0.2)", "absolute-tft"}, options);
    rounds += result.rounds;
    benchmark::DoNotOptimize(result);
  }
  state.counters["rounds/s"] = benchmark::Counter(static_cast<double>(rounds), benchmark::Counter::kIsRate);
}

void BM_RankingBuild(benchmark::State& state) {
  const Scenario& scenario = CarScenario("CarB");
  for (auto _ : state) {
    OutcomeRanking ranking(scenario.profile(0).utility_function());
    benchmark::DoNotOptimize(ranking.best_utility());
  }
}

BENCHMARK(BM_CarB_NoTrace)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CarB_Trace)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CarA_Discounted_NoTrace)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CarA_Discounted_Trace)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CarB_Cold_NoTrace)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_RankingBuild)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace parley

BENCHMARK_MAIN();
