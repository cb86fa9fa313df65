// The `parley` command-line program: negotiate, inspect and convert scenarios, list components.
#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/commands.h"
#include "cli/version_text.h"
#include "parley/error.h"
#include "parley/utf8.h"

int main(int argc, char** argv) {
  CLI::App app{"Parley: run and analyse negotiations between software negotiators.", "parley"};
  app.require_subcommand(1);
  app.set_version_flag("--version", parley::cli::kVersionText);
  parley::cli::AddResourceLimitOptions(app);
  parley::cli::AddNegotiateCommand(app);
  parley::cli::AddScenarioCommand(app);
  parley::cli::AddConvertCommand(app);
  parley::cli::AddAnalyzeCommand(app);
  parley::cli::AddMediateCommand(app);
  parley::cli::AddTournamentCommand(app);
  parley::cli::AddListCommand(app);
  parley::cli::AddServeCommand(app);
  std::vector<std::string> known;
  for (const auto* command : app.get_subcommands([](const CLI::App*) { return true; })) {
    known.push_back(command->get_name());
  }
  if (argc > 1 && argv[1][0] != '-' && std::find(known.begin(), known.end(), argv[1]) == known.end()) {
    fmt::print(stderr, "parley: error: unknown command '{}' (commands: {}); see parley --help\n", argv[1],
               fmt::join(known, ", "));
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const parley::Error& e) {
    // Messages quote names and paths, which need not be UTF-8.
    fmt::print(stderr, "parley: error: {}\n", parley::ValidUtf8(e.what()));
    return 1;
  } catch (const std::exception& e) {
    fmt::print(stderr, "parley: internal error: {}\n", e.what());
    return 3;
  }
  return 0;
}
