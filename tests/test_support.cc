#include "test_support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "parley/random.h"
#include "parley/utility.h"

namespace parley::testing {

std::filesystem::path ShippedScenarios() { return std::filesystem::path(PARLEY_SOURCE_DIR) / "scenarios"; }

std::filesystem::path SharedScenarios() { return std::filesystem::path(PARLEY_SHARED_SCENARIOS); }

Scenario RandomLinearScenario(std::uint64_t seed, std::size_t parties, std::size_t discrete_issues, bool discounted) {
  Rng rng(seed);
  std::vector<Issue> issues;
  for (std::size_t i = 0; i < discrete_issues; ++i) {
    std::vector<std::string> values;
    const std::uint64_t count = 2 + rng.UniformInt(5);
    for (std::uint64_t v = 0; v < count; ++v) values.push_back("v" + std::to_string(v));
    issues.push_back(Issue::Discrete("issue" + std::to_string(i), std::move(values)));
  }
  issues.push_back(Issue::Integer("amount", 1, 4));
  auto space = std::make_shared<const OutcomeSpace>("random-" + std::to_string(seed), std::move(issues));
  std::vector<Profile> profiles;
  for (std::size_t p = 0; p < parties; ++p) {
    std::vector<double> weights;
    std::vector<ValueFunction> functions;
    for (std::size_t i = 0; i < space->issue_count(); ++i) {
      weights.push_back(0.05 + rng.UniformReal());
      const Issue& issue = space->issue(i);
      if (issue.kind() == IssueKind::kInteger) {
        const bool rising = rng.Bernoulli(0.5);
        functions.push_back(ValueFunction::Linear(rising ? 1.0 / 3.0 : -1.0 / 3.0, rising ? 0.0 : 1.0, 1.0, true));
      } else {
        std::vector<double> table;
        for (std::uint64_t v = 0; v < issue.cardinality(); ++v) table.push_back(rng.UniformReal());
        functions.push_back(ValueFunction::Table(std::move(table)));
      }
    }
    auto utility = std::make_shared<const LinearAdditiveUtility>(space, std::move(weights), std::move(functions));
    const double reservation = 0.5 * rng.UniformReal();
    const double discount = discounted ? 0.5 + 0.5 * rng.UniformReal() : 1.0;
    profiles.emplace_back("party" + std::to_string(p), utility, reservation, discount);
  }
  return Scenario("random-" + std::to_string(seed), space, std::move(profiles));
}

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
