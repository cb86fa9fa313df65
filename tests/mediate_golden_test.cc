// `parley mediate` on the built-in ceasefire-2024 against its output as committed: the scenario's
// numbers are its estimates, and adding ranges to it (docs/ceasefire-2024.md) must leave every
// answer at the estimate unchanged, byte for byte. Regenerate the files only when a change of the
// answers is intended: `build/parley mediate --json > tests/data/mediate/ceasefire-2024.json`
// (and without --json for the .txt).
#include <gtest/gtest.h>

#include <filesystem>

#include "test_support.h"

namespace parley {
namespace {

using testing::ReadFile;
using testing::RunCli;

std::filesystem::path Golden(const char* name) {
  return parley::testing::SourceDir() / "tests" / "data" / "mediate" / name;
}

TEST(MediateGolden, CeasefireJsonIsUnchanged) {
  const auto result = RunCli("mediate --json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, ReadFile(Golden("ceasefire-2024.json")));
}

TEST(MediateGolden, CeasefireTextIsUnchanged) {
  const auto result = RunCli("mediate");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, ReadFile(Golden("ceasefire-2024.txt")));
}

}  // namespace
}  // namespace parley
