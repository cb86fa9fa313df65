// Speed of each protocol with 3 and 5 parties: Parley's Boulware (time(e=0.2)) in every
// seat on a generated scenario of 5 issues with 6 values each (7,776 outcomes), reservation values
// raised to 0.99 so that no party accepts another's offer and every round of the 1,000-round
// deadline is played. Reported per protocol as rounds per second (a round is what the protocol's deadline
// counts: a turn of every party under saop, one bidding or voting phase under amop and majority, one
// Offer/Voting/OptIn cycle under mopac) and moves per second (a move is one offer, acceptance or
// vote; under mopac one party's offer, votes or opt-in), on one core, without a trace.
//
// MOPAC needs only two parties to agree: Boulware parties whose generated preferences run alike
// vote for each other's best outcomes and leave in a coalition in the first rounds, so BM_Mopac
// seats negmas-war (below), whose offers and votes keep every round of the deadline in play.
//
// TAU ends by its own rules long before the deadline when parties repeat themselves: Boulware's
// target hardly moves early on, so every party repeats its first offer in round 1 and the rules
// break the negotiation there (BM_TauBoulware measures those 2 rounds, mostly setting up). BM_Tau
// seats NegMAS's WAR negotiator (negmas-war) instead, which at a reservation value of 0.99 offers a
// new outcome below it every round and accepts nothing but its few outcomes worth 0.99, so every
// round of the deadline is played: a round is every party's proposal and the others' responses
// (n^2 moves). Both report the rounds and moves actually played.
//
// single-text is mediated: a round is one text and every party's answer (n + 1 moves). BM_Annealing
// runs the annealing mediator, which never stops; BM_HillClimb the hill climber with stop=false, so
// that it too drafts a text every round of the deadline (with stop=true it stops once every
// neighbour of its standing text was vetoed).
//
//   build/bench/protocols_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "analysis/frontier_quality.h"
#include "parley/protocol.h"

namespace parley {
namespace {

constexpr std::uint64_t kRounds = 1000;

const Scenario& NoDealScenario(std::size_t parties) {
  static std::map<std::size_t, std::unique_ptr<Scenario>> cache;
  auto& slot = cache[parties];
  if (!slot) {
    const Scenario generated = internal::GeneratedLinearScenario(31 + parties, parties, 5, 6, 1.0);
    std::vector<Profile> profiles;
    for (const auto& p : generated.profiles()) profiles.emplace_back(p.name(), p.shared_utility_function(), 0.99, 1.0);
    slot = std::make_unique<Scenario>(generated.name(), generated.shared_space(), std::move(profiles));
  }
  return *slot;
}

void RunProtocol(benchmark::State& state, const std::string& protocol, const std::string& negotiator = "time(e=0.2)",
                 bool to_the_deadline = true, const std::vector<std::string>& mediators = {}) {
  const std::size_t parties = static_cast<std::size_t>(state.range(0));
  const Scenario& scenario = NoDealScenario(parties);
  NegotiationOptions options;
  options.rounds = kRounds;
  options.record_trace = false;
  const std::vector<std::string> negotiators(parties, negotiator);
  std::uint64_t rounds = 0;
  std::uint64_t moves = 0;
  for (auto _ : state) {
    NegotiationResult result = RunNegotiation(scenario, negotiators, options, protocol, mediators);
    // Under majority the standing offer (every party votes for its own) binds at the deadline.
    if (to_the_deadline && result.rounds != kRounds) state.SkipWithError("the negotiation did not run to the deadline");
    rounds += result.rounds;
    moves += result.steps;
    benchmark::DoNotOptimize(result);
  }
  state.counters["rounds/s"] = benchmark::Counter(static_cast<double>(rounds), benchmark::Counter::kIsRate);
  state.counters["moves/s"] = benchmark::Counter(static_cast<double>(moves), benchmark::Counter::kIsRate);
}

void BM_Saop(benchmark::State& state) { RunProtocol(state, "saop"); }
void BM_Amop(benchmark::State& state) { RunProtocol(state, "amop"); }
void BM_Majority(benchmark::State& state) { RunProtocol(state, "majority"); }
void BM_Mopac(benchmark::State& state) { RunProtocol(state, "mopac", "negmas-war"); }
void BM_Tau(benchmark::State& state) { RunProtocol(state, "tau", "negmas-war"); }
void BM_TauBoulware(benchmark::State& state) { RunProtocol(state, "tau", "time(e=0.2)", false); }
void BM_Annealing(benchmark::State& state) { RunProtocol(state, "single-text", "time(e=0.2)", true, {"annealing"}); }
void BM_HillClimb(benchmark::State& state) {
  RunProtocol(state, "single-text", "time(e=0.2)", true, {"hill-climb(stop=false)"});
}

BENCHMARK(BM_Saop)->Arg(3)->Arg(5)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Amop)->Arg(3)->Arg(5)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Majority)->Arg(3)->Arg(5)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Mopac)->Arg(3)->Arg(5)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Tau)->Arg(3)->Arg(5)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TauBoulware)->Arg(3)->Arg(5)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Annealing)->Arg(3)->Arg(5)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_HillClimb)->Arg(3)->Arg(5)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace parley

BENCHMARK_MAIN();
