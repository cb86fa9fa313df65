// Every registered scenario format (conformance.h, ScenarioFormatSuite): each that writes, in
// every variant of its boolean parameters, writes generated and shipped scenarios (among them
// profiles whose weights are used as written and do not add up to 1) that it
// recognises and reads back the same (every utility to 1e-12), also through LoadScenario's
// recognition, or refuses them with UsageError and leaves nothing behind; each refuses garbage
// with InputError; each that only reads has samples under tests/data/formats/<name>/ that it
// recognises and reads. A format is in these cases the moment it registers.
#include <gtest/gtest.h>

#include <filesystem>
#include <vector>

#include "conformance_gtest.h"
#include "fixtures.h"
#include "parley/scenario_format.h"
#include "test_support.h"

namespace parley::conformance {
namespace {

namespace fs = std::filesystem;

fs::path Samples() { return parley::testing::SourceDir() / "tests" / "data" / "formats"; }

TEST(ScenarioFormatConformance, EveryFormatRoundTripsRefusesGarbageAndReadsItsSamples) {
  std::size_t writers = 0;
  for (const auto& name : RegisteredNames<ScenarioFormat>())
    writers += ScenarioFormatRegistry::Create(name)->CanWrite();
  EXPECT_GE(writers, 5u);  // genius-xml, geniusweb-json, negmas-json, negmas-yaml, parley-json
  const fs::path work = testing::TemporaryFolder("format-conformance");
  const auto genius = testing::ShippedScenarios() / "genius";
  const std::vector<Scenario> scenarios = {
      testing::PortableScenario(1, false), testing::PortableScenario(2, true), LoadScenario((genius / "CarA").string()),
      LoadScenario((genius / "IntegerDomain").string()), testing::SmallScenario(3),
      // Weights used as written that add up to 2 (the cap decides the best outcomes) and to 0.75:
      // kept by the formats that can say so, refused by the others (GeniusWeb JSON; NegMAS files
      // for the cap).
      testing::AsWrittenWeightsScenario(7, 2.0), testing::AsWrittenWeightsScenario(8, 0.75)};
  EXPECT_TRUE(NoViolations(ScenarioFormatSuite(scenarios, work, Samples(), {})));
  fs::remove_all(work);
}

}  // namespace
}  // namespace parley::conformance
