// `parley convert INPUT OUTPUT --to FORMAT [--from FORMAT] [--force]`: reads a scenario in any
// format Parley reads and writes it in another. The output appears complete or not at all.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/commands.h"
#include "io/scenario_files.h"
#include "parley/error.h"
#include "parley/scenario_format.h"

namespace parley::cli {
namespace {

struct ConvertOptions {
  std::string input;
  std::string output;
  std::string to;
  std::string from;
  bool force = false;
};

std::string WritableFormats() {
  std::vector<std::string> names;
  for (const auto* entry : ScenarioFormatRegistry::List()) {
    if (ScenarioFormatRegistry::Create(entry->name)->CanWrite()) names.push_back(entry->name);
  }
  return fmt::format("{}", fmt::join(names, ", "));
}

void Convert(const ConvertOptions& options) {
  // Check the output side before reading anything: an unknown or read-only format, or an output
  // in the way, should not cost a long read.
  const auto writer = ScenarioFormatRegistry::Create(options.to);
  if (!writer->CanWrite()) {
    throw UsageError(fmt::format("scenario format '{}' cannot write scenarios (formats that can: {})", options.to,
                                 WritableFormats()));
  }
  const std::filesystem::path output(options.output);
  std::error_code ec;
  const bool exists = std::filesystem::exists(std::filesystem::symlink_status(output, ec));
  const bool empty_folder =
      exists && std::filesystem::is_directory(output, ec) && std::filesystem::is_empty(output, ec);
  if (exists && !empty_folder && !options.force) {
    throw UsageError(fmt::format("{}: already exists; give --force to replace it", options.output));
  }
  const Scenario scenario = LoadScenario(options.input, options.from);
  if (exists && options.force) {
    internal::ReplaceWith(output, [&](const std::filesystem::path& temporary) { writer->Write(scenario, temporary); });
  } else {
    writer->Write(scenario, output);
  }
  fmt::print("Wrote {} ({} parties, {} issues) as {} to {}\n", scenario.name(), scenario.party_count(),
             scenario.space().issue_count(), options.to, options.output);
}

}  // namespace

void AddConvertCommand(CLI::App& app) {
  auto options = std::make_shared<ConvertOptions>();
  auto* convert = app.add_subcommand("convert",
                                     "Convert a scenario from one format to another (see `parley list "
                                     "formats`).");
  convert->add_option("INPUT", options->input, "Scenario to read: a file, a folder or a built-in name")->required();
  convert->add_option("OUTPUT", options->output, "Where to write it (a file or a folder, as the format needs)")
      ->required();
  convert
      ->add_option("--to", options->to,
                   "Format to write: genius-xml, geniusweb-json, negmas-yaml, negmas-json, "
                   "parley-json, ...")
      ->required();
  convert->add_option("--from", options->from, "Format to read (default: recognised from the input)");
  convert->add_flag("--force", options->force, "Replace OUTPUT if it exists");
  convert->callback([options] { Convert(*options); });
}

}  // namespace parley::cli
