// Scenario file formats, registered by name, and the functions that load and save scenarios.
//
// A ScenarioFormat reads (and, if it can, writes) scenarios at a path: a GENIUS XML folder
// ("genius-xml"), a GeniusWeb JSON folder ("geniusweb-json"), a NegMAS folder of YAML or JSON
// files ("negmas-yaml", "negmas-json"), a Parley JSON file ("parley-json"). LoadScenario() asks
// each registered format whether it recognises the path, so callers need not say which it is.
// Built-in scenarios (compiled into the library) are loaded by name: "ceasefire-2024".
#ifndef PARLEY_SCENARIO_FORMAT_H_
#define PARLEY_SCENARIO_FORMAT_H_

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parley/registry.h"
#include "parley/scenario.h"

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

class ScenarioFormat {
 public:
  virtual ~ScenarioFormat() = default;
  // True if `path` looks like this format (a cheap look at names and the first bytes).
  virtual bool Recognizes(const std::filesystem::path& path) const = 0;
  // Reads the scenario. Throws InputError naming the file, the place and what was expected.
  virtual Scenario Read(const std::filesystem::path& path) const = 0;
  virtual bool CanWrite() const { return false; }
  // Writes `scenario` to `path` (a file or a folder, as the format needs). Throws InputError on
  // I/O failure and UsageError if the format cannot represent the scenario.
  virtual void Write(const Scenario& scenario, const std::filesystem::path& path) const;
};

template <>
struct RegistryTraits<ScenarioFormat> {
  static constexpr const char* kKind = "scenario format";
};

using ScenarioFormatRegistry = Registry<ScenarioFormat>;

// The name of the built-in scenario `parley negotiate` uses when none is given.
inline constexpr std::string_view kDefaultScenario = "ceasefire-2024";

// Names of the scenarios compiled into the library.
std::vector<std::string> BuiltinScenarioNames();

// Loads a built-in scenario by name, or the scenario at `path` with the named format (or the
// first format that recognises it when `format` is empty). Throws InputError.
Scenario LoadScenario(const std::string& name_or_path, std::string_view format = {});

// Writes with the named format.
void SaveScenario(const Scenario& scenario, const std::filesystem::path& path, std::string_view format);

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_SCENARIO_FORMAT_H_
