// The --max-* options of every `parley` command: the resource limits of parley/limits.h, given
// before or after the command name (`parley --max-outcomes 1e6 analyze ...` or
// `parley analyze ... --max-outcomes 1000000`).
#include <memory>

#include "cli/commands.h"
#include "parley/limits.h"

namespace parley::cli {

void AddResourceLimitOptions(CLI::App& app) {
  const ResourceLimits defaults = DefaultResourceLimits();
  auto limits = std::make_shared<ResourceLimits>(defaults);
  auto megabytes = std::make_shared<std::uint64_t>(defaults.max_cache_bytes >> 20);
  const char* group = "Resource limits (docs/reliability.md)";
  app.add_option("--max-outcomes", limits->max_outcomes,
                 "Most outcomes enumerated one by one (rankings, exact frontiers); larger spaces are sampled")
      ->capture_default_str()
      ->check(CLI::PositiveNumber)
      ->group(group);
  app.add_option("--max-memory-mb", *megabytes,
                 "Most memory in MiB one cached structure (a ranking, the analysis) may take")
      ->capture_default_str()
      ->check(CLI::PositiveNumber)
      ->group(group);
  app.add_option("--max-issues", limits->max_issues, "Most issues a scenario may have")
      ->capture_default_str()
      ->check(CLI::PositiveNumber)
      ->group(group);
  app.add_option("--max-values", limits->max_tabulated_values,
                 "Most issue values tabulated per utility function; the rest are evaluated from their function")
      ->capture_default_str()
      ->group(group);
  app.add_option("--max-depth", limits->max_depth, "Deepest nesting of functions in a hyper-rectangle utility")
      ->capture_default_str()
      ->check(CLI::PositiveNumber)
      ->group(group);
  // Options given after the command name belong to the whole program too.
  app.fallthrough();
  // Runs once every option is parsed and before any command's callback.
  app.parse_complete_callback([limits, megabytes] {
    ResourceLimits chosen = *limits;
    chosen.max_cache_bytes = *megabytes << 20;
    SetDefaultResourceLimits(chosen);
  });
}

}  // namespace parley::cli
