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

#include <nlohmann/json.hpp>

namespace parley::testing {

namespace {

bool IsCommentKey(const std::string& key) { return key.starts_with("_") || key.starts_with("comment"); }

}  // namespace

std::filesystem::path ShippedScenarios() { return SourceDir() / "scenarios"; }

std::filesystem::path SharedScenarios() { return std::filesystem::path(PARLEY_SHARED_SCENARIOS); }

std::filesystem::path SourceDir() { return PARLEY_SOURCE_DIR; }

std::string CliPath() { return PARLEY_CLI_PATH; }

std::string ExamplePlugin() { return PARLEY_EXAMPLE_PLUGIN; }

std::filesystem::path TestPluginDir() { return PARLEY_TEST_PLUGIN_DIR; }

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

namespace {

// Every uncertain number under `node` replaced by its estimate (a variable's from `variables`).
void WithEstimates(nlohmann::ordered_json& node, const nlohmann::ordered_json& variables) {
  if (node.is_object() && node.contains("variable")) {
    node = variables[node["variable"].get<std::string>()]["estimate"];
  } else if (node.is_object() && node.contains("estimate")) {
    node = nlohmann::ordered_json(node["estimate"]);
  } else if (node.is_structured()) {
    for (auto& [key, child] : node.items()) {
      if (key != "variables") WithEstimates(child, variables);
    }
  }
}

}  // namespace

std::string CeasefireAtEstimatesText() {
  auto document = nlohmann::ordered_json::parse(ReadFile(ShippedScenarios() / "builtin" / "ceasefire-2024.json"),
                                                nullptr, true, /*ignore_comments=*/true);
  const nlohmann::ordered_json variables = document["variables"];
  WithEstimates(document, variables);
  document.erase("variables");
  return document.dump(2);
}

std::string CeasefireWithRanges(double width) {
  using Json = nlohmann::ordered_json;
  Json document = Json::parse(CeasefireAtEstimatesText());
  auto range = [&](Json& number, double low, double high) {
    const double x = number.get<double>();
    number = Json{{"uniform", {std::max(low, x - width), std::min(high, x + width)}}, {"estimate", x}};
  };
  auto each = [&](Json& object, double low, double high) {
    for (auto& [key, value] : object.items()) {
      if (!IsCommentKey(key) && value.is_number()) range(value, low, high);
    }
  };
  constexpr double kInf = 1e9;
  document["variables"] = Json{{"operation start", {{"uniform", {0.6 - width, 0.6 + width}}, {"estimate", 0.6}}}};
  for (Json& party : document["parties"]) {
    each(party["weights"], 0.0, kInf);
    if (party.contains("interactions")) {
      for (Json& term : party["interactions"]) range(term["value"], -kInf, kInf);
    }
  }
  for (Json& event : document["events"]) event["time"] = Json{{"variable", "operation start"}};
  for (Json& track : document["tracks"]) {
    for (Json& party : track["scenario"]["parties"]) {
      each(party["utility"]["weights"], 0.0, kInf);
      for (auto& [issue, values] : party["utility"]["values"].items()) {
        if (!IsCommentKey(issue)) each(values, 0.0, 1.0);
      }
      if (party.contains("reservation_value")) range(party["reservation_value"], 0.0, 1.0);
      if (party.contains("reservation_schedule")) {
        for (Json& point : party["reservation_schedule"]["points"]) {
          if (point[0].get<double>() == 0.6) point[0] = Json{{"variable", "operation start"}};
          range(point[1], 0.0, 1.0);
        }
      }
    }
  }
  return document.dump();
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

CommandResult RunCli(const std::string& arguments, const std::string& input) {
  const auto folder = TemporaryFolder("parley-cli");
  const auto out_path = folder / "out.txt";
  const auto err_path = folder / "err.txt";
  const auto in_path = folder / "in.txt";
  std::ofstream(in_path, std::ios::binary) << input;
  const std::string command = "'" + CliPath() + "' " + arguments + " >'" + out_path.string() + "' 2>'" +
                              err_path.string() + "' <'" + in_path.string() + "'";
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
