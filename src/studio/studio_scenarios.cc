// The studio's scenario endpoints: what can be opened, a scenario as Parley JSON, uploads, the
// analysis the page draws while a scenario is edited, saving, and the utility of one outcome
// (docs/studio.md#the-api). Also the registries the page offers for choice.
#include <unistd.h>
#include <cstdlib>
#include <fstream>

#include <fmt/format.h>

#include "io/parley_json_internal.h"
#include "parley/analysis.h"
#include "parley/limits.h"
#include "parley/mediator.h"
#include "parley/multi_track.h"
#include "parley/negotiator.h"
#include "parley/protocol.h"
#include "parley/random.h"
#include "parley/scenario_format.h"
#include "studio/studio_internal.h"

namespace parley::studio {

namespace {

namespace fs = std::filesystem;

// How far and how much the listing of the roots looks.
constexpr int kScanDepth = 6;
constexpr std::size_t kScanMost = 5'000;
// The points of the utility-space plot: every outcome up to this many, else a sample this big.
constexpr std::uint64_t kPlotPoints = 20'000;
// The frontier points sent, evenly thinned above this many (as the reports draw it).
constexpr std::size_t kFrontierPoints = 5'000;

struct Scan {
  const StudioOptions* options;
  const std::vector<std::unique_ptr<ScenarioFormat>>* formats;
  Json* list;
  const fs::path* root;
  bool truncated = false;
};

const char* FormatOf(const std::vector<std::unique_ptr<ScenarioFormat>>& formats,
                     const std::vector<const ScenarioFormatRegistry::Entry*>& entries, const fs::path& path) {
  for (std::size_t f = 0; f < formats.size(); ++f) {
    if (formats[f]->Recognizes(path)) return entries[f]->name.c_str();
  }
  return nullptr;
}

bool InsideAnyRoot(const StudioOptions& options, const fs::path& path) {
  try {
    InsideRoots(options, path.string(), /*for_writing=*/false);
    return true;
  } catch (const HttpError&) {
    return false;
  }
}

void ScanFolder(Scan& scan, const std::vector<const ScenarioFormatRegistry::Entry*>& entries, const fs::path& folder,
                int depth) {
  std::error_code error;
  std::vector<fs::path> children;
  for (const auto& entry : fs::directory_iterator(folder, fs::directory_options::skip_permission_denied, error)) {
    children.push_back(entry.path());
  }
  std::sort(children.begin(), children.end());
  for (const auto& child : children) {
    if (scan.list->size() >= kScanMost) {
      scan.truncated = true;
      return;
    }
    if (child.filename().string().starts_with('.')) continue;
    // A link is followed only when it stays under a root (opening checks again).
    if (fs::is_symlink(child, error) && !InsideAnyRoot(*scan.options, child)) continue;
    if (const char* format = FormatOf(*scan.formats, entries, child)) {
      scan.list->push_back({{"source", child.string()},
                            {"name", child.filename().string()},
                            {"origin", scan.root->string()},
                            {"format", format}});
    } else if (depth > 0 && fs::is_directory(child, error) && !fs::is_symlink(child, error)) {
      ScanFolder(scan, entries, child, depth - 1);
    }
  }
}

Json PointJson(const Scenario& scenario, const std::optional<FrontierPoint>& point) {
  if (!point) return nullptr;
  return {{"outcome", OutcomeValues(scenario.space(), point->outcome)}, {"utilities", point->utilities}};
}

// Every outcome's utilities, or those of a uniform sample (seed 0, so the same scenario always
// shows the same points).
Json PlotPoints(const Scenario& scenario, bool& sampled) {
  const OutcomeSpace& space = scenario.space();
  Json points = Json::array();
  Outcome outcome(space.issue_count());
  auto add = [&] {
    Json utilities = Json::array();
    for (const auto& profile : scenario.profiles()) utilities.push_back(profile.Utility(outcome));
    points.push_back(std::move(utilities));
  };
  sampled = !(space.cardinality() && *space.cardinality() <= kPlotPoints);
  if (!sampled) {
    for (OutcomeIndex index = 0; index < *space.cardinality(); ++index) {
      space.Decode(index, outcome);
      add();
    }
  } else {
    Rng rng(0);
    for (std::uint64_t i = 0; i < kPlotPoints; ++i) {
      space.RandomOutcome(rng, outcome);
      add();
    }
  }
  return points;
}

HttpResponse ScenarioResponse(const Scenario& scenario, const Json& source) {
  Json outcomes = scenario.space().cardinality() ? Json(*scenario.space().cardinality()) : Json(nullptr);
  return JsonResponse({{"source", source},
                       {"scenario", Json::parse(internal::WriteParleyJsonText(scenario))},
                       {"outcomes", outcomes},
                       {"size", scenario.space().DescribeSize()}});
}

template <typename T>
Json RegistryJson() {
  Json list = Json::array();
  for (const auto* entry : Registry<T>::List()) {
    Json parameters = Json::array();
    for (const auto& parameter : entry->parameters) {
      parameters.push_back(
          {{"name", parameter.name}, {"default", parameter.default_value}, {"description", parameter.description}});
    }
    list.push_back({{"name", entry->name},
                    {"description", entry->description},
                    {"parameters", std::move(parameters)},
                    {"interactive", entry->interactive}});
  }
  return list;
}

}  // namespace

HttpResponse ListRegistry() {
  return JsonResponse({{"negotiators", RegistryJson<Negotiator>()},
                       {"protocols", RegistryJson<Protocol>()},
                       {"mediators", RegistryJson<Mediator>()}});
}

HttpResponse ListScenarios(const StudioOptions& options) {
  Json list = Json::array();
  for (const auto& name : BuiltinScenarioNames()) {
    const MultiTrackScenario multi = LoadMultiTrackScenario(name);
    for (const auto& track : multi.tracks()) {
      const std::string source = multi.tracks().size() > 1 ? name + "#" + track.name : name;
      list.push_back({{"source", source}, {"name", source}, {"origin", "built-in"}, {"format", "parley-json"}});
    }
  }
  std::vector<std::unique_ptr<ScenarioFormat>> formats;
  const auto entries = ScenarioFormatRegistry::List();
  for (const auto* entry : entries) formats.push_back(ScenarioFormatRegistry::Create(entry->name));
  Scan scan{&options, &formats, &list, nullptr};
  for (const auto& root : options.roots) {
    scan.root = &root;
    ScanFolder(scan, entries, root, kScanDepth - 1);
  }
  Json answer = {{"scenarios", std::move(list)}};
  if (scan.truncated) answer["truncated"] = true;
  return JsonResponse(answer);
}

HttpResponse GetScenario(const StudioOptions& options, const HttpRequest& request) {
  const auto it = request.query.find("source");
  if (it == request.query.end()) throw HttpError(400, "GET /api/scenario needs ?source=NAME-OR-PATH");
  return ScenarioResponse(*ScenarioOfSource(options, it->second), it->second);
}

HttpResponse UploadScenario(const StudioOptions& /*options*/, const HttpRequest& request) {
  const Json body = ParseBody(request);
  // One file ({"name", "text"}) or a folder's files ({"files": [{"name", "text"}, ...]}), read from
  // a private folder of the studio's own that is removed at once.
  Json files = body.contains("files") ? body["files"] : Json::array({body});
  if (!files.is_array() || files.empty() || files.size() > 100) {
    throw HttpError(400, "\"files\" must be a list of 1 to 100 {\"name\", \"text\"} objects");
  }
  std::string folder_template = (fs::temp_directory_path() / "parley-studio-upload-XXXXXX").string();
  if (!mkdtemp(folder_template.data())) throw HttpError(500, "cannot make a folder for the upload");
  const fs::path folder(folder_template);
  struct Remove {
    fs::path folder;
    ~Remove() {
      std::error_code error;
      fs::remove_all(folder, error);
    }
  } remove{folder};
  for (const auto& file : files) {
    if (!file.is_object()) throw HttpError(400, "each uploaded file must be a {\"name\", \"text\"} object");
    const std::string name = StringField(file, "name", "");
    const std::string text = StringField(file, "text", "");
    if (name.empty() || name == "." || name == ".." || name.find_first_of("/\\") != std::string::npos ||
        name.find('\0') != std::string::npos) {
      throw HttpError(400, fmt::format("\"name\" must be a plain file name; got '{}'", name));
    }
    std::ofstream out(folder / name, std::ios::binary);
    out << text;
    if (!out) throw HttpError(500, "cannot store the upload");
  }
  const fs::path path = files.size() == 1 ? folder / StringField(files[0], "name", "") : folder;
  Scenario scenario = [&] {
    try {
      return LoadScenario(path.string());
    } catch (const Error& e) {
      // The private folder means nothing to the person who sent the files.
      std::string message = e.what();
      for (std::size_t at; (at = message.find(folder.string())) != std::string::npos;) {
        message.replace(at, folder.string().size(), "upload");
      }
      throw HttpError(400, message);
    }
  }();
  return ScenarioResponse(scenario, nullptr);
}

HttpResponse AnalyzeScenario(const StudioOptions& options, const HttpRequest& request) {
  const auto scenario = ScenarioOfRequest(options, ParseBody(request));
  const ScenarioAnalysis analysis(*scenario);
  const ParetoFrontier& frontier = analysis.frontier();
  Json frontier_json = Json::array();
  const std::size_t stride = (frontier.points.size() + kFrontierPoints - 1) / kFrontierPoints;
  for (std::size_t i = 0; i < frontier.points.size(); i += std::max<std::size_t>(stride, 1)) {
    frontier_json.push_back(PointJson(*scenario, frontier.points[i]));
  }
  const ZoneOfAgreement& zone = analysis.zone();
  Json zone_json = {{"empty", zone.empty}};
  if (zone.size) zone_json["size"] = *zone.size;
  if (zone.estimated_size) {
    zone_json["estimated_size"] = *zone.estimated_size;
    zone_json["half_width"] = *zone.estimate_half_width;
  }
  Json parties = Json::array();
  for (const auto& profile : scenario->profiles()) parties.push_back(profile.name());
  bool sampled = false;
  Json points = PlotPoints(*scenario, sampled);
  Json outcomes = scenario->space().cardinality() ? Json(*scenario->space().cardinality()) : Json(nullptr);
  return JsonResponse({{"parties", parties},
                       {"issues", IssuesJson(scenario->space())},
                       {"reservation_values", analysis.reservation_values()},
                       {"ideal", analysis.ideal_point()},
                       {"outcomes", outcomes},
                       {"sampled", sampled},
                       {"points", std::move(points)},
                       {"frontier", std::move(frontier_json)},
                       {"frontier_size", frontier.points.size()},
                       {"frontier_exact", frontier.exact},
                       {"zone", zone_json},
                       {"nash", PointJson(*scenario, analysis.nash())},
                       {"kalai", PointJson(*scenario, analysis.kalai_smorodinsky())},
                       {"egalitarian", PointJson(*scenario, analysis.egalitarian())},
                       {"utilitarian", PointJson(*scenario, analysis.utilitarian())},
                       {"opposition", analysis.opposition()},
                       {"method", frontier.method}});
}

HttpResponse SaveScenario(const StudioOptions& options, const HttpRequest& request) {
  const Json body = ParseBody(request);
  const fs::path path = InsideRoots(options, StringField(body, "path", ""), /*for_writing=*/true);
  if (path.extension() != ".json")
    throw HttpError(400, fmt::format("{}: a Parley JSON file name ends in .json", path.string()));
  const auto scenario = ScenarioOfRequest(options, body);
  std::error_code error;
  if (fs::exists(path, error) && !(body.contains("overwrite") && body["overwrite"] == true)) {
    throw HttpError(409, fmt::format("{}: exists; send \"overwrite\": true to replace it", path.string()));
  }
  internal::WriteParleyJsonFile(*scenario, path);
  return JsonResponse({{"path", path.string()}});
}

HttpResponse UtilityOfOutcome(const StudioOptions& options, const HttpRequest& request) {
  const Json body = ParseBody(request);
  const auto scenario = ScenarioOfRequest(options, body);
  const std::uint64_t party = CountField(body, "party", 0, scenario->party_count() - 1);
  const Outcome outcome = OutcomeOfValues(scenario->space(), body.value("outcome", Json()), "outcome");
  return JsonResponse({{"utility", scenario->profile(party).Utility(outcome)}});
}

}  // namespace parley::studio
