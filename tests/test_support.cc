#include "test_support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>

namespace parley::testing {

std::filesystem::path ShippedScenarios() { return std::filesystem::path(PARLEY_SOURCE_DIR) / "scenarios"; }

std::filesystem::path SharedScenarios() { return std::filesystem::path(PARLEY_SHARED_SCENARIOS); }

std::vector<std::filesystem::path> ScenarioFolders(const std::filesystem::path& root) {
  std::vector<std::filesystem::path> folders;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_directory()) continue;
    for (const auto& file : std::filesystem::directory_iterator(entry.path())) {
      if (file.path().extension() == ".xml") {
        folders.push_back(entry.path());
        break;
      }
    }
  }
  std::sort(folders.begin(), folders.end());
  return folders;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::size_t CountLines(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::size_t lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  return lines;
}

std::string WithoutElapsed(const std::string& text, bool csv) {
  std::istringstream in(text);
  std::string result;
  for (std::string line; std::getline(in, line);) {
    if (csv) {
      line = line.substr(0, line.rfind(','));
    } else if (auto at = line.find(",\"elapsed_seconds\":"); at != std::string::npos) {
      line = line.substr(0, at) + "}";
    }
    result += line + "\n";
  }
  return result;
}

namespace {

// The folders TemporaryFolder made, removed when the test process exits: the suite runs each test in
// its own process, thousands per run, and would otherwise leave a folder behind for each.
// PARLEY_KEEP_TEST_FILES (any value) keeps them, to look at what a failing test wrote.
class MadeFolders {
 public:
  ~MadeFolders() {
    if (std::getenv("PARLEY_KEEP_TEST_FILES") != nullptr) return;
    for (const auto& path : paths_) {
      std::error_code ignored;  // a folder a test removed itself is not an error
      std::filesystem::remove_all(path, ignored);
    }
  }
  void Add(const std::filesystem::path& path) {
    const std::lock_guard<std::mutex> lock(mutex_);
    paths_.push_back(path);
  }

 private:
  std::mutex mutex_;
  std::vector<std::filesystem::path> paths_;
};

}  // namespace

std::filesystem::path TemporaryFolder(const std::string& prefix) {
  static std::atomic<int> counter{0};
  static MadeFolders made;
  auto path = std::filesystem::temp_directory_path() /
              (prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(path);
  std::filesystem::create_directories(path);
  made.Add(path);
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
