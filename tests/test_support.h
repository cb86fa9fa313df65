// Helpers shared by the test suites: where the shipped and the shared scenarios are, a small way
// to run the `parley` program and capture what it prints, and file helpers. Generated scenarios
// and scripted parties are in fixtures.h.
#ifndef PARLEY_TESTS_TEST_SUPPORT_H_
#define PARLEY_TESTS_TEST_SUPPORT_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "parley/scenario.h"

namespace parley::testing {

// The repository's own scenarios folder.
std::filesystem::path ShippedScenarios();
// ../shared/scenarios beside the repository; may not exist (tests then skip with a message).
std::filesystem::path SharedScenarios();
// The repository's root.
std::filesystem::path SourceDir();
// The `parley` program of this build.
std::string CliPath();
// The example plugin (plugins/example/), and the folder of the test plugins (tests/plugins/).
std::string ExamplePlugin();
std::filesystem::path TestPluginDir();

struct CommandResult {
  int exit_code = 0;
  std::string out;  // standard output
  std::string err;  // standard error
};
// Runs the built `parley` program with `arguments` (already shell-quoted as needed), its standard
// input `input` (empty: nothing, as from /dev/null).
CommandResult RunCli(const std::string& arguments, const std::string& input = {});

// Every folder below `root` that directly holds an .xml file (a GENIUS scenario), sorted.
std::vector<std::filesystem::path> ScenarioFolders(const std::filesystem::path& root);

// The built-in ceasefire-2024 as a plain document: every uncertain number (docs/ceasefire-2024.md)
// replaced by its estimate and "variables" removed, i.e. the numbers every ordinary command reads.
std::string CeasefireAtEstimatesText();
// The built-in ceasefire-2024 at its estimates with a range of half-width `width` (clamped to each place's valid
// interval, estimate = the number as written) on every weight, value, fallback, schedule value,
// track weight and interaction value, and a variable "operation start" for the event's time and
// the schedules' steps at 0.6.
std::string CeasefireWithRanges(double width);

// A whole file's bytes; the number of lines of a file.
std::string ReadFile(const std::filesystem::path& path);
std::size_t CountLines(const std::filesystem::path& path);

// Tournament results without the wall-clock column, the one column that differs between runs
// (the last CSV field, or the "elapsed_seconds" key of a JSON line).
std::string WithoutElapsed(const std::string& text, bool csv);

// A fresh empty folder under the system temporary directory, removed when the test process exits
// (PARLEY_KEEP_TEST_FILES keeps it).
std::filesystem::path TemporaryFolder(const std::string& prefix);

}  // namespace parley::testing

#endif  // PARLEY_TESTS_TEST_SUPPORT_H_
