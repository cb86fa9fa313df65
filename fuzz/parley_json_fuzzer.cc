// Fuzz target: a Parley JSON scenario (docs/formats/parley-json.md). Arbitrary bytes must read as
// a scenario that keeps its invariants (fuzz_support.h) or be refused with InputError.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "fuzz_support.h"
#include "io/parley_json_internal.h"
#include "parley/error.h"
#include "parley/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::optional<parley::Scenario> scenario;
  try {
    scenario = parley::internal::ReadParleyJsonText(parley::fuzz::Text(data, size), "fuzz.json");
  } catch (const parley::InputError&) {
    return 0;
  }
  parley::fuzz::CheckScenario(*scenario);
  return 0;
}
