#include "parley/scenario_format.h"

#include <map>

#include <fmt/format.h>

#include "parley/error.h"

namespace parley {
namespace internal {
const std::map<std::string, std::string>& BuiltinScenarioTexts();
Scenario ReadParleyJsonText(const std::string& text, const std::string& origin);
}  // namespace internal

void ScenarioFormat::Write(const Scenario& scenario, const std::filesystem::path& path) const {
  throw UsageError(fmt::format("cannot write scenario '{}' to {}: this format is read-only", scenario.name(),
                               path.string()));
}

std::vector<std::string> BuiltinScenarioNames() {
  std::vector<std::string> names;
  for (const auto& [name, text] : internal::BuiltinScenarioTexts()) names.push_back(name);
  return names;
}

Scenario LoadScenario(const std::string& name_or_path, std::string_view format) {
  const auto& builtins = internal::BuiltinScenarioTexts();
  if (format.empty()) {
    if (auto it = builtins.find(name_or_path); it != builtins.end()) {
      Scenario scenario = internal::ReadParleyJsonText(it->second, "built-in scenario " + name_or_path);
      scenario.set_source("builtin:" + name_or_path);
      return scenario;
    }
  }
  const std::filesystem::path path(name_or_path);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    std::string known;
    for (const auto& [name, text] : builtins) known += (known.empty() ? "" : ", ") + name;
    throw InputError(fmt::format("{}: no such file or folder, and not a built-in scenario (built-in: {})",
                                 name_or_path, known));
  }
  if (!format.empty()) {
    auto reader = ScenarioFormatRegistry::Create(std::string(format));
    Scenario scenario = reader->Read(path);
    scenario.set_source(path.string());
    return scenario;
  }
  std::string tried;
  for (const auto* entry : ScenarioFormatRegistry::List()) {
    auto reader = entry->factory(Spec(entry->name));
    if (reader->Recognizes(path)) {
      Scenario scenario = reader->Read(path);
      scenario.set_source(path.string());
      return scenario;
    }
    tried += (tried.empty() ? "" : ", ") + entry->name;
  }
  throw InputError(fmt::format("{}: not a scenario in any known format (tried: {})", name_or_path, tried));
}

void SaveScenario(const Scenario& scenario, const std::filesystem::path& path, std::string_view format) {
  auto writer = ScenarioFormatRegistry::Create(std::string(format));
  if (!writer->CanWrite()) {
    throw UsageError(fmt::format("scenario format '{}' cannot write scenarios", format));
  }
  writer->Write(scenario, path);
}

}  // namespace parley
