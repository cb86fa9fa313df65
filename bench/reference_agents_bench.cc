// Speed of GENIUS's reference Boulware (`boulware`, agents.TimeDependentAgentBoulware) on ANAC 2012
// CarB (15,625 outcomes, ../shared/scenarios/anac/y2012/CarB, else scenarios/genius/CarB):
//
// - BM_BoulwareVsBoulware: whole `saop` negotiations of boulware against boulware, 200 rounds (as
//   in the GENIUS traces), no trace recorded; the counter steps/s counts every turn of either
//   party, protocol included, per second of one core.
// - BM_BoulwareTurn: one agent's turns alone (Act on a fixed offer at advancing times), the cost
//   a negotiation's turn adds per agent; counter turns/s.
//
//   build/bench/reference_agents_bench --benchmark_counters_tabular=true
//
// GENIUS's sorted outcome space is built once per utility function and shared, as in a
// tournament; the first iteration pays for it.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>

#include "parley/negotiator.h"
#include "parley/protocol.h"
#include "parley/scenario_format.h"

namespace parley {
namespace {

constexpr std::uint64_t kRounds = 200;

const Scenario& CarB() {
  static const Scenario scenario = [] {
    const auto shared = std::filesystem::path(PARLEY_SHARED_SCENARIOS) / "anac" / "y2012" / "CarB";
    const auto shipped = std::filesystem::path(PARLEY_SOURCE_DIR) / "scenarios" / "genius" / "CarB";
    return LoadScenario((std::filesystem::exists(shared) ? shared : shipped).string());
  }();
  return scenario;
}

void BM_BoulwareVsBoulware(benchmark::State& state) {
  const Scenario& scenario = CarB();
  NegotiationOptions options;
  options.rounds = kRounds;
  options.record_trace = false;
  const std::vector<std::string> negotiators = {"boulware", "boulware"};
  std::uint64_t steps = 0;
  for (auto _ : state) {
    NegotiationResult result = RunNegotiation(scenario, negotiators, options);
    if (result.fault) state.SkipWithError(result.fault->message.c_str());
    steps += result.steps;
    benchmark::DoNotOptimize(result);
  }
  state.counters["steps/s"] = benchmark::Counter(static_cast<double>(steps), benchmark::Counter::kIsRate);
  state.counters["steps/negotiation"] =
      benchmark::Counter(static_cast<double>(steps), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_BoulwareVsBoulware)->Unit(benchmark::kMicrosecond);

void BM_BoulwareTurn(benchmark::State& state) {
  const Scenario& scenario = CarB();
  std::unique_ptr<Negotiator> agent = NegotiatorRegistry::Create("boulware");
  NegotiatorContext context;
  context.space = &scenario.space();
  context.profile = &scenario.profile(0);
  context.party_count = 2;
  context.max_rounds = kRounds;
  agent->Begin(context);
  // The opponent's offer: the worst outcome for party 0, so the agent never accepts.
  Outcome offer(scenario.space().issue_count());
  double worst = 2.0;
  Outcome candidate(scenario.space().issue_count());
  for (OutcomeIndex i = 0; i < *scenario.space().cardinality(); ++i) {
    scenario.space().Decode(i, candidate);
    if (const double u = scenario.profile(0).Utility(candidate); u < worst) {
      worst = u;
      offer = candidate;
    }
  }
  Outcome proposal(scenario.space().issue_count());
  TurnState turn;
  turn.current_offer = &offer;
  turn.offerer = 1;
  turn.current_offer_utility = worst;
  std::uint64_t turns = 0;
  for (auto _ : state) {
    turn.round = turns % kRounds;
    turn.time = static_cast<double>(turn.round + 1) / (kRounds + 1);
    benchmark::DoNotOptimize(agent->Act(turn, proposal));
    ++turns;
  }
  state.counters["turns/s"] = benchmark::Counter(static_cast<double>(turns), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_BoulwareTurn);

}  // namespace
}  // namespace parley

BENCHMARK_MAIN();
