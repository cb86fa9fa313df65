// The sub-commands of the `parley` program. Each `<name>_command.cc` in src/cli defines one;
// parley_main.cc wires them into one CLI11 application. Commands throw parley::Error on bad input; main() turns that
// into one line on stderr and a non-zero exit status.
#ifndef PARLEY_CLI_COMMANDS_H_
#define PARLEY_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

namespace parley::cli {

void AddNegotiateCommand(CLI::App& app);
void AddScenarioCommand(CLI::App& app);
void AddListCommand(CLI::App& app);
void AddAnalyzeCommand(CLI::App& app);
void AddMediateCommand(CLI::App& app);
void AddTournamentCommand(CLI::App& app);
void AddConvertCommand(CLI::App& app);
void AddServeCommand(CLI::App& app);
// The --max-* options (resource limits); must be added before the commands.
void AddResourceLimitOptions(CLI::App& app);

}  // namespace parley::cli

#endif  // PARLEY_CLI_COMMANDS_H_
