// Fuzz target: a NegMAS scenario folder of YAML files (docs/formats/negmas.md), an outcome space
// and one utility function per party. The input is the text of each file, separated by form feeds
// ('\f'); the files are written to a folder and read as the "negmas-yaml" format, which must give
// a scenario that keeps its invariants (fuzz_support.h) or refuse it with InputError.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace parley::fuzz;
  const auto scenario = ReadFolderOfParts(Split(Text(data, size), '\f'), ".yml", "negmas-yaml");
  if (scenario) CheckScenario(*scenario);
  return 0;
}
