// Speed of the strategy library: steps (turns) per second of each ANAC agent, MiCRO and the main
// BOA compositions playing 1000 rounds against Boulware on ANAC 2012 CarB (15,625 outcomes),
// next to the plain time-based negotiator in the same seat. Every reservation value is raised to
// the least common level at which no outcome is acceptable to both sides, so no agreement is
// possible and every one of the 2000 turns is played, while the agents still have a range of
// outcomes to concede over (unlike saop_bench's 0.99, which leaves them almost nothing to do).
//
//   build/bench/agents_bench --benchmark_counters_tabular=true
//
// hardheaded and agentk, like their GENIUS originals, ignore reservation values and accept below
// them, so they play CarB as it is until the negotiation ends (BM_VsBoulwareToAgreement); their
// steps/s include the set-up of each negotiation (HardHeaded's bid list).
//
// The ANAC 2019 agents (agentgg, kakesoba, saga) play as in ANAC 2019, knowing only GENIUS's user
// model of their profile (10 comparisons: 11 ranked bids, seed 314), from which each estimates its
// preferences at the start of every negotiation; their steps/s include that estimation.
//
// Outcome rankings are built once per utility function and shared, as in a tournament; the first
// iteration of each benchmark pays for them. Results are in docs/round-robin.md ("Speed").
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "parley/knowledge.h"
#include "parley/negotiator.h"
#include "parley/protocol.h"
#include "parley/scenario_format.h"

namespace parley {
namespace {

constexpr std::uint64_t kRounds = 1000;

std::filesystem::path CarBPath() {
  const auto shipped = std::filesystem::path(PARLEY_SOURCE_DIR) / "scenarios" / "genius" / "CarB";
  if (std::filesystem::exists(shipped)) return shipped;
  return std::filesystem::path(PARLEY_SHARED_SCENARIOS) / "anac" / "y2012" / "CarB";
}

// CarB with every reservation value set just above max over outcomes of min over parties of the
// utility: the best outcome for the worse-off party is still short of its reservation value, so
// no outcome is rational for both (checked by brute force).
const Scenario& NoDealCarB() {
  static const Scenario scenario = [] {
    const Scenario original = LoadScenario(CarBPath().string());
    const OutcomeSpace& space = original.space();
    Outcome outcome(space.issue_count());
    double max_min = 0.0;
    for (OutcomeIndex i = 0; i < *space.cardinality(); ++i) {
      space.Decode(i, outcome);
      double least = std::numeric_limits<double>::infinity();
      for (const auto& p : original.profiles()) least = std::min(least, p.Utility(outcome));
      max_min = std::max(max_min, least);
    }
    const double reservation = max_min + 1e-9;
    std::vector<Profile> profiles;
    for (const auto& p : original.profiles()) {
      profiles.emplace_back(p.name(), p.shared_utility_function(), reservation, p.discount_factor());
    }
    Scenario raised(original.name(), original.shared_space(), std::move(profiles));
    for (OutcomeIndex i = 0; i < *space.cardinality(); ++i) {
      space.Decode(i, outcome);
      bool all_rational = true;
      for (const auto& p : raised.profiles()) all_rational = all_rational && p.Utility(outcome) >= reservation;
      if (all_rational) {
        std::fprintf(stderr, "reservation %g leaves a zone of agreement in CarB\n", reservation);
        std::abort();
      }
    }
    std::fprintf(stderr, "CarB reservation values raised to %.6f\n", reservation);
    return raised;
  }();
  return scenario;
}

// CarB as it is, for the agents that ignore reservation values as their GENIUS originals do
// (kUntilAgreement): they accept below them, so the no-deal scenario cannot keep them going.
const Scenario& PlainCarB() {
  static const Scenario scenario = LoadScenario(CarBPath().string());
  return scenario;
}

// An agent measured: its name in the benchmark, its spec, and what it knows of its preferences
// (a knowledge spec of parley/knowledge.h; empty: its profile).
struct Agent {
  std::string name;
  std::string spec;
  std::string knowledge = {};  // empty: the whole profile
};

// `agent` as party 0 against Boulware, 1000 rounds, no trace; steps/s counts both parties' turns.
// With `to_deadline` false the negotiation may end in an agreement, and the steps played count.
void RunAgainstBoulware(benchmark::State& state, const Agent& agent, bool to_deadline) {
  const Scenario& scenario = to_deadline ? NoDealCarB() : PlainCarB();
  NegotiationOptions options;
  options.rounds = kRounds;
  options.record_trace = false;
  options.seed = 1;
  if (!agent.knowledge.empty()) SetKnowledge(scenario, {agent.knowledge, "full"}, {}, options);
  const std::string& spec = agent.spec;
  const std::vector<std::string> negotiators = {spec, "boulware"};
  std::uint64_t steps = 0;
  for (auto _ : state) {
    NegotiationResult result = RunNegotiation(scenario, negotiators, options);
    if (result.fault) {
      state.SkipWithError(("fault: " + result.fault->message).c_str());
      break;
    }
    // CUHKAgent walks away once its reservation value beats its next bid (here from t = 0.98, when
    // it lowers its bids to 0.25 below its best), TMF-Agent when it expects too little time for two
    // more bids, DoNA when it sees no deal coming; their turns until then are counted all the same.
    const bool walked_away = result.end_reason == EndReason::kEndedByParty;
    if (to_deadline && (result.agreement || (result.rounds != kRounds && !walked_away))) {
      state.SkipWithError("the negotiation did not run to the deadline");
      break;
    }
    steps += result.steps;
    state.counters["steps"] = static_cast<double>(result.steps);
    benchmark::DoNotOptimize(result);
  }
  state.counters["steps/s"] = benchmark::Counter(static_cast<double>(steps), benchmark::Counter::kIsRate);
}

// The agents measured, with the plain time-based negotiator first as the reference.
const std::vector<Agent> kAgents = {
    {"time", "time(e=0.5)"},
    {"absolute-tft", "absolute-tft"},
    // GENIUS's ANAC agents, by year.
    {"agentk", "agentk"},
    {"yushu", "yushu"},
    {"nozomi", "nozomi"},
    {"iamhaggler", "iamhaggler"},
    {"hardheaded", "hardheaded"},
    {"gahboninho", "gahboninho"},
    {"iamhaggler2011", "iamhaggler2011"},
    {"nicetitfortat", "nicetitfortat"},
    {"cuhkagent", "cuhkagent"},
    {"agentlg", "agentlg"},
    {"omacagent", "omacagent"},
    {"thenegotiatorreloaded", "thenegotiatorreloaded"},
    {"thefawkes", "thefawkes"},
    {"tmfagent", "tmfagent"},
    {"agentm", "agentm"},
    {"dona", "dona"},
    {"gangster", "gangster"},
    {"atlas3", "atlas3"},
    {"parsagent", "parsagent"},
    {"randomdance", "randomdance"},
    {"kawaii", "kawaii"},
    {"caduceus", "caduceus"},
    {"yxagent", "yxagent"},
    {"parscat", "parscat"},
    {"atlas3-2016", "atlas3-2016"},
    {"farma", "farma"},
    {"myagent", "myagent"},
    {"ponpokoagent", "ponpokoagent"},
    {"caduceusdc16", "caduceusdc16"},
    {"rubick", "rubick"},
    {"agent36", "agent36"},
    {"betaone", "betaone"},
    {"agentherb", "agentherb"},
    // ANAC 2019's, which estimate their preferences from GENIUS's user model (10 comparisons).
    {"agentgg", "agentgg", "genius(comparisons=10)"},
    {"kakesoba", "kakesoba", "genius(comparisons=10)"},
    {"saga", "saga", "genius(comparisons=10)"},
    // NegMAS's.
    {"negmas-naive-tft", "negmas-naive-tft"},
    {"negmas-nice-tft", "negmas-nice-tft"},
    // Parley's MiCRO and BOA compositions.
    {"micro", "micro"},
    {"boa_time_next_none", "boa(bidding=time(e=0.5),acceptance=next,model=none)"},
    {"boa_time_combi_frequency", "boa(bidding=time(e=0.5),acceptance=combi,model=frequency)"},
    {"boa_time_combi_bayesian", "boa(bidding=time(e=0.5),acceptance=combi,model=bayesian)"},
    // The same with the 16 candidates per offer the ANAC agents rate, instead of 64.
    {"boa_time16_combi_frequency", "boa(bidding=time(e=0.5,candidates=16),acceptance=combi,model=frequency)"},
    {"boa_time16_combi_bayesian", "boa(bidding=time(e=0.5,candidates=16),acceptance=combi,model=bayesian)"},
    {"boa_tft_next_frequency", "boa(bidding=tit-for-tat,acceptance=next,model=frequency)"},
    {"boa_tft_next_bayesian", "boa(bidding=tit-for-tat,acceptance=next,model=bayesian)"},
    {"boa_micro_next_none", "boa(bidding=micro,acceptance=next,model=none)"},
};

// Agents that accept below their reservation value, measured on CarB as it is (to agreement).
const std::vector<std::string> kUntilAgreement = {
    "hardheaded", "agentk",        "iamhaggler",     "yushu",  "nozomi",   "rubick",  "ponpokoagent",
    "parscat",    "gahboninho",    "iamhaggler2011", "agentm", "gangster", "agent36", "betaone",
    "agentherb",  "parsagent",     "randomdance",    "kawaii", "caduceus", "farma",   "myagent",
    "thefawkes",  "nicetitfortat", "caduceusdc16",   "agentgg"};

const bool kRegistered = [] {
  for (const Agent& agent : kAgents) {
    const bool to_deadline =
        std::find(kUntilAgreement.begin(), kUntilAgreement.end(), agent.name) == kUntilAgreement.end();
    benchmark::RegisterBenchmark(
        ((to_deadline ? "BM_VsBoulware/" : "BM_VsBoulwareToAgreement/") + agent.name).c_str(),
        [agent, to_deadline](benchmark::State& state) { RunAgainstBoulware(state, agent, to_deadline); })
        ->Unit(benchmark::kMillisecond);
  }
  return true;
}();

}  // namespace
}  // namespace parley

BENCHMARK_MAIN();
