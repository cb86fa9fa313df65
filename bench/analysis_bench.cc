// Speed and peak memory of the enumeration-based analysis: constructing ScenarioAnalysis (every
// outcome's utilities, the Pareto frontier, the zone and the four bargaining solutions; not the
// cached ScenarioAnalysis::Of) on the largest discrete scenarios of the GENIUS corpus and on
// generated linear additive spaces of 10^6 outcomes.
//
//   build/bench/analysis_bench --benchmark_counters_tabular=true
//
// Peak memory is measured in a fresh process, since memory a process has freed stays resident
// and would hide what a second analysis needs: for each case the benchmark runs itself as
// `analysis_bench --peak-memory-of CASE`, which loads (or generates) the scenario, resets the
// kernel's high-water mark of its resident set to the current resident set (writing "5" to
// /proc/self/clear_refs, Linux 4.0 and later), analyses the scenario once and prints VmRSS
// before and VmHWM after (from /proc/self/status). `peak_MiB` is that VmHWM (the whole process:
// program, loaded scenario and analysis), `extra_MiB` its rise over the resident set before the
// analysis. Corpus scenarios are skipped, with a message, when ../shared/scenarios is absent.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "parley/analysis.h"
#include "parley/random.h"
#include "parley/scenario_format.h"
#include "parley/utility.h"

namespace parley {
namespace {

// A field of /proc/self/status in MiB ("VmHWM", "VmRSS"), or -1.
double StatusMiB(const std::string& field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stod(line.substr(field.size() + 1)) / 1024.0;
  }
  return -1.0;
}

// Resets VmHWM to the current resident set; false if the kernel does not allow it.
bool ResetPeak() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";
  clear.flush();
  return static_cast<bool>(clear);
}

// `parties` random linear additive profiles over `issues` discrete issues of `values` values each.
Scenario GeneratedScenario(std::size_t parties, std::size_t issues, std::size_t values, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<Issue> issue_list;
  for (std::size_t i = 0; i < issues; ++i) {
    std::vector<std::string> names;
    for (std::size_t v = 0; v < values; ++v) names.push_back("v" + std::to_string(v));
    issue_list.push_back(Issue::Discrete("issue" + std::to_string(i), std::move(names)));
  }
  auto space = std::make_shared<const OutcomeSpace>("generated", std::move(issue_list));
  std::vector<Profile> profiles;
  for (std::size_t p = 0; p < parties; ++p) {
    std::vector<double> weights;
    std::vector<ValueFunction> functions;
    for (std::size_t i = 0; i < issues; ++i) {
      weights.push_back(0.1 + rng.UniformReal());
      std::vector<double> table;
      for (std::size_t v = 0; v < values; ++v) table.push_back(rng.UniformReal());
      functions.push_back(ValueFunction::Table(std::move(table)));
    }
    auto utility = std::make_shared<const LinearAdditiveUtility>(space, std::move(weights), std::move(functions));
    profiles.emplace_back("party" + std::to_string(p), utility, 0.3 * rng.UniformReal(), 1.0);
  }
  return Scenario("generated", space, std::move(profiles));
}

// The scenario of a case: "corpus:<path under ../shared/scenarios>" or "generated:<parties>"
// (10^6 outcomes: six issues of ten values). Null when the corpus is absent.
std::unique_ptr<Scenario> MakeScenario(const std::string& name) {
  const std::string kind = name.substr(0, name.find(':')), rest = name.substr(name.find(':') + 1);
  if (kind == "generated") {
    const std::size_t parties = std::stoul(rest);
    return std::make_unique<Scenario>(GeneratedScenario(parties, 6, 10, 42 + parties));
  }
  const auto path = std::filesystem::path(PARLEY_SHARED_SCENARIOS) / rest;
  if (!std::filesystem::is_directory(path)) return nullptr;
  return std::make_unique<Scenario>(LoadScenario(path.string()));
}

const Scenario* CachedScenario(const std::string& name) {
  static std::map<std::string, std::unique_ptr<Scenario>> cache;
  auto it = cache.find(name);
  if (it == cache.end()) it = cache.emplace(name, MakeScenario(name)).first;
  return it->second.get();
}

// Child side of the peak memory measurement; returns the exit code.
int PrintPeakMemory(const std::string& name) {
  const auto scenario = MakeScenario(name);
  if (!scenario) return 1;
  const bool reset = ResetPeak();
  const double before = StatusMiB("VmRSS");
  {
    const ScenarioAnalysis analysis(*scenario);
    benchmark::DoNotOptimize(analysis.nash());
  }
  std::printf("%.1f %.1f %d\n", before, StatusMiB("VmHWM"), reset ? 1 : 0);
  return 0;
}

// Parent side: runs this program on the case and reads what it printed.
bool MeasurePeakMemory(const std::string& name, double& peak, double& extra) {
  const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  const std::string command = "'" + self + "' --peak-memory-of '" + name + "'";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return false;
  double before = 0.0;
  int reset = 0;
  const int read = std::fscanf(pipe, "%lf %lf %d", &before, &peak, &reset);
  const int status = pclose(pipe);
  if (read != 3 || status != 0 || !reset) return false;
  extra = peak - before;
  return true;
}

void BM_Analysis(benchmark::State& state, const std::string& name) {
  const Scenario* scenario = CachedScenario(name);
  if (!scenario) {
    state.SkipWithError(("no " + name.substr(name.find(':') + 1) + " under " + PARLEY_SHARED_SCENARIOS).c_str());
    return;
  }
  std::size_t frontier_size = 0;
  for (auto _ : state) {
    const ScenarioAnalysis analysis(*scenario);
    frontier_size = analysis.frontier().points.size();
    benchmark::DoNotOptimize(analysis.nash());
  }
  double peak = -1.0, extra = -1.0;
  if (!MeasurePeakMemory(name, peak, extra)) state.SetLabel("peak memory not measured");
  state.counters["outcomes"] = static_cast<double>(*scenario->space().cardinality());
  state.counters["parties"] = static_cast<double>(scenario->party_count());
  state.counters["frontier"] = static_cast<double>(frontier_size);
  state.counters["peak_MiB"] = peak;
  state.counters["extra_MiB"] = extra;
}

BENCHMARK_CAPTURE(BM_Analysis, AMPOvsCity, std::string("corpus:other/AMPOvsCity"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Analysis, parsCat, std::string("corpus:anac/y2016/parsCat"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Analysis, AgentHp2, std::string("corpus:anac/y2016/AgentHp2"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Analysis, Generated2, std::string("generated:2"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Analysis, Generated3, std::string("generated:3"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Analysis, Generated4, std::string("generated:4"))->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace parley

// BENCHMARK_MAIN(), plus the child mode of the peak memory measurement.
int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "--peak-memory-of") return parley::PrintPeakMemory(argv[2]);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
