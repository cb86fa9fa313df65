// Where the studio's scenarios come from: built-in names, paths under the roots (checked after
// following links, docs/studio.md#security), and Parley JSON objects sent by the page; and
// outcomes as the page writes them, one value name per issue.
#include <algorithm>
#include <list>
#include <mutex>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "io/parley_json_internal.h"
#include "parley/multi_track.h"
#include "parley/scenario_format.h"
#include "studio/studio_internal.h"

namespace parley::studio {

namespace {

namespace fs = std::filesystem;

bool Under(const fs::path& root, const fs::path& path) {
  const auto [root_end, path_end] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return root_end == root.end();
}

const fs::path* RootOf(const StudioOptions& options, const fs::path& path) {
  for (const auto& root : options.roots) {
    if (Under(root, path)) return &root;
  }
  return nullptr;
}

bool IsBuiltin(const std::string& source) {
  const std::string name = source.substr(0, source.find('#'));
  const auto names = BuiltinScenarioNames();
  return std::find(names.begin(), names.end(), name) != names.end();
}

// A folder scenario's reader opens the files in it: none of them may lead out of the roots.
void CheckFolderEntries(const StudioOptions& options, const fs::path& folder, int depth) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    const fs::path real = fs::canonical(entry.path(), error);
    if (error || !RootOf(options, real)) {
      throw HttpError(403, fmt::format("{}: leads outside the studio's roots", entry.path().string()));
    }
    if (depth > 0 && fs::is_directory(real, error)) CheckFolderEntries(options, real, depth - 1);
  }
}

}  // namespace

fs::path InsideRoots(const StudioOptions& options, const std::string& path, bool for_writing) {
  if (options.roots.empty()) {
    throw HttpError(403, "this studio was started without --root, so it reads and writes no files");
  }
  if (path.empty() || path.find('\0') != std::string::npos) throw HttpError(400, "\"path\" must name a file");
  fs::path given(path);
  if (given.is_relative()) {
    // Relative to the first root that has it (for writing: the first root).
    fs::path found = options.roots.front() / given;
    for (const auto& root : options.roots) {
      std::error_code error;
      if (fs::exists(root / given, error)) {
        found = root / given;
        break;
      }
    }
    given = found;
  }
  std::error_code error;
  fs::path real;
  if (for_writing) {
    const fs::path folder = fs::canonical(given.parent_path(), error);
    if (error) throw HttpError(400, fmt::format("{}: no such folder", given.parent_path().string()));
    const fs::path name = given.filename();
    if (name.empty() || name == "." || name == "..") throw HttpError(400, fmt::format("{}: not a file name", path));
    real = folder / name;
    if (fs::is_symlink(fs::symlink_status(real, error))) {
      throw HttpError(403, fmt::format("{}: a symbolic link; the studio does not write through links", path));
    }
  } else {
    real = fs::canonical(given, error);
    if (error) throw HttpError(404, fmt::format("{}: no such file or folder", path));
  }
  if (!RootOf(options, real)) throw HttpError(403, fmt::format("{}: outside the studio's roots", path));
  return real;
}

std::string CheckedSource(const StudioOptions& options, const std::string& source) {
  if (source.empty()) throw HttpError(400, "\"source\" must name a scenario");
  if (IsBuiltin(source)) return source;
  // PATH#TRACK names one track of a multi-track file, unless the name itself holds the '#'.
  std::string path = source;
  std::string track;
  std::error_code error;
  if (const auto hash = source.rfind('#'); hash != std::string::npos && !fs::exists(source, error)) {
    path = source.substr(0, hash);
    track = source.substr(hash);
  }
  const fs::path real = InsideRoots(options, path, /*for_writing=*/false);
  if (fs::is_directory(real, error)) CheckFolderEntries(options, real, 2);
  return real.string() + track;
}

std::shared_ptr<const Scenario> ScenarioOfSource(const StudioOptions& options, const std::string& source) {
  const std::string checked = CheckedSource(options, source);
  // Requests name the same few scenarios again and again (every poll of an analysis, a hundred
  // negotiations on one scenario): they share one copy, and with it the outcome rankings and
  // analyses cached on it, for as long as its files are unchanged.
  std::string key = checked;
  if (!IsBuiltin(source)) {
    const fs::path path(checked.substr(
        0, checked.rfind('#') == std::string::npos || fs::exists(checked) ? checked.size() : checked.rfind('#')));
    std::error_code error;
    auto stamp = fs::last_write_time(path, error);
    if (fs::is_directory(path, error)) {
      for (const auto& entry : fs::directory_iterator(path, error))
        stamp = std::max(stamp, entry.last_write_time(error));
    }
    key += fmt::format("\n{}", stamp.time_since_epoch().count());
  }
  static std::mutex mutex;
  static std::list<std::pair<std::string, std::shared_ptr<const Scenario>>> recent;  // most recent first
  constexpr std::size_t kRecentScenarios = 16;
  {
    std::lock_guard lock(mutex);
    for (auto it = recent.begin(); it != recent.end(); ++it) {
      if (it->first == key) {
        recent.splice(recent.begin(), recent, it);
        return it->second;
      }
    }
  }
  auto scenario = std::make_shared<const Scenario>(LoadScenario(checked));
  std::lock_guard lock(mutex);
  recent.emplace_front(key, scenario);
  if (recent.size() > kRecentScenarios) recent.pop_back();
  return scenario;
}

std::shared_ptr<const Scenario> ScenarioOfRequest(const StudioOptions& options, const Json& body) {
  const bool has_source = body.contains("source") && !body["source"].is_null();
  const bool has_object = body.contains("scenario") && !body["scenario"].is_null();
  if (has_source == has_object) {
    throw HttpError(400,
                    "give the scenario as \"source\" (a name or path) or \"scenario\" (a Parley JSON object), "
                    "one of the two");
  }
  if (has_source) return ScenarioOfSource(options, StringField(body, "source", ""));
  if (!body["scenario"].is_object()) throw HttpError(400, "\"scenario\" must be a Parley JSON scenario object");
  return std::make_shared<const Scenario>(
      internal::ReadParleyJsonText(body["scenario"].dump(-1, ' ', false, Json::error_handler_t::replace), "scenario"));
}

Json IssuesJson(const OutcomeSpace& space) {
  Json issues = Json::array();
  for (const auto& issue : space.issues()) {
    Json json = {{"name", issue.name()}, {"kind", IssueKindName(issue.kind())}};
    if (issue.kind() == IssueKind::kDiscrete) {
      json["values"] = issue.values();
    } else {
      json["range"] = {issue.lower(), issue.upper()};
    }
    issues.push_back(std::move(json));
  }
  return issues;
}

Json OutcomeValues(const OutcomeSpace& space, const Outcome& outcome) {
  Json values = Json::array();
  for (std::size_t i = 0; i < space.issue_count(); ++i) values.push_back(space.issue(i).Format(outcome[i]));
  return values;
}

Outcome OutcomeOfValues(const OutcomeSpace& space, const Json& values, const char* field) {
  if (!values.is_array() || values.size() != space.issue_count()) {
    throw HttpError(400, fmt::format("\"{}\" must be a list of {} values, one per issue", field, space.issue_count()));
  }
  Outcome outcome(space.issue_count());
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    const Issue& issue = space.issue(i);
    std::optional<double> value;
    if (values[i].is_string()) value = issue.Parse(values[i].get<std::string>());
    if (values[i].is_number() && issue.kind() != IssueKind::kDiscrete) value = values[i].get<double>();
    if (!value || !issue.Contains(*value)) {
      const std::string expected =
          issue.kind() == IssueKind::kDiscrete
              ? fmt::format("one of {}", fmt::join(issue.values(), ", "))
              : fmt::format("{} from {} to {}", issue.kind() == IssueKind::kInteger ? "an integer" : "a number",
                            issue.Format(issue.lower()), issue.Format(issue.upper()));
      throw HttpError(400, fmt::format("\"{}\": issue '{}' takes {}; got {}", field, issue.name(), expected,
                                       values[i].dump(-1, ' ', false, Json::error_handler_t::replace)));
    }
    outcome[i] = *value;
  }
  return outcome;
}

}  // namespace parley::studio
