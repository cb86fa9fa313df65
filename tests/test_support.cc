#include "test_support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace parley::testing {

std::filesystem::path ShippedScenarios() { return std::filesystem::path(PARLEY_SOURCE_DIR) / "scenarios"; }

std::filesystem::path SharedScenarios() { return std::filesystem::path(PARLEY_SHARED_SCENARIOS); }

std::filesystem::path TemporaryFolder(const std::string& prefix) {
  static std::atomic<int> counter{0};
  auto path = std::filesystem::temp_directory_path() /
              (prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(path);
  std::filesystem::create_directories(path);
  return path;
}

CommandResult RunCli(const std::string& arguments) {
  const auto folder = TemporaryFolder("parley-cli");
  const auto out_path = folder / "out.txt";
  const auto err_path = folder / "err.txt";
  const std::string command = std::string("'") + PARLEY_CLI_PATH + "' " + arguments + " >'" + out_path.string() +
                              "' 2>'" + err_path.string() + "' </dev/null";
  const int status = std::system(command.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  auto slurp = [](const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
  };
  result.out = slurp(out_path);
  result.err = slurp(err_path);
  std::filesystem::remove_all(folder);
  return result;
}

}  // namespace parley::testing
