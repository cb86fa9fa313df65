// The cost of sampling worlds of a scenario with uncertain numbers: ceasefire-2024 with each of
// its 105 numbers written as a range (a uniform from 90 % of the number to the number).
//
//   build/bench/uncertainty_bench
//
// BM_UnitPointAndValues: one sample's unit point and values (UnitPointInto then ValuesInto), the
// step the Monte Carlo answers repeat per sample; no allocation. BM_SampleWorld: one sampled world
// built as a MultiTrackScenario (the document read again). BM_LoadPoint: loading the built-in
// scenario, for scale. Time per sample or per load; results in docs/uncertainty.md.
#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "parley/multi_track.h"
#include "parley/uncertainty.h"

namespace parley {
namespace internal {
const std::map<std::string, std::string>& BuiltinScenarioTexts();
}  // namespace internal
namespace {

using Json = nlohmann::ordered_json;

// Every number below one of the keys that hold uncertain numbers becomes a range.
void Widen(Json& value, bool inside) {
  if (value.is_number() && inside) {
    const double x = value.get<double>();
    value = Json{{"uniform", {0.9 * x, x}}, {"estimate", x}};
  } else if (value.is_object()) {
    for (auto& [key, child] : value.items()) {
      const bool holds = key == "weights" || key == "values" || key == "reservation_value" || key == "points" ||
                         key == "time" || key == "value";
      Widen(child, (inside || holds) && !key.starts_with("_"));
    }
  } else if (value.is_array()) {
    for (Json& child : value) Widen(child, inside);
  }
}

const UncertainScenario& Ranged() {
  static const UncertainScenario scenario = [] {
    Json document =
        Json::parse(internal::BuiltinScenarioTexts().at("ceasefire-2024"), nullptr, true, /*ignore_comments=*/true);
    Widen(document, false);
    return UncertainScenario::FromText(document.dump(), "ceasefire-2024 with ranges");
  }();
  return scenario;
}

void BM_UnitPointAndValues(benchmark::State& state) {
  const UncertainScenario& scenario = Ranged();
  std::vector<double> unit(scenario.dimension()), values(scenario.dimension());
  std::uint64_t sample = 0;
  for (auto _ : state) {
    scenario.UnitPointInto(1, sample++, unit);
    scenario.ValuesInto(unit, values);
    benchmark::DoNotOptimize(values.data());
  }
  state.counters["numbers"] = static_cast<double>(scenario.dimension());
}
BENCHMARK(BM_UnitPointAndValues);

void BM_SampleWorld(benchmark::State& state) {
  const UncertainScenario& scenario = Ranged();
  std::uint64_t sample = 0;
  for (auto _ : state) benchmark::DoNotOptimize(scenario.SampleWorld(1, sample++).tracks().data());
}
BENCHMARK(BM_SampleWorld)->Unit(benchmark::kMicrosecond);

void BM_LoadPoint(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(LoadMultiTrackScenario("ceasefire-2024").tracks().data());
}
BENCHMARK(BM_LoadPoint)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace parley

BENCHMARK_MAIN();
