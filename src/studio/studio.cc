// Parley Studio's front door: the token, the size of bodies, the routes, and the mapping of
// errors to status codes (docs/studio.md#the-api).
#include "studio/studio.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

#include <fmt/format.h>

#include "parley/error.h"
#include "studio/studio_internal.h"

namespace parley::studio {

namespace {

// Compares every character whatever the first difference, so the time taken does not say how
// much of a guessed token was right.
bool SameToken(const std::string& given, const std::string& expected) {
  unsigned difference = given.size() == expected.size() ? 0 : 1;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const char c = i < given.size() ? given[i] : '\0';
    difference |= static_cast<unsigned char>(c ^ expected[i]);
  }
  return difference == 0;
}

std::vector<std::string> PathParts(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 1;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

HttpResponse ErrorResponse(int status, const std::string& message) {
  return JsonResponse(Json{{"error", message}}, status);
}

}  // namespace

struct Studio::State {
  explicit State(StudioOptions chosen) : options(std::move(chosen)), board(options.max_runs) {}
  StudioOptions options;
  JobBoard board;
};

Studio::Studio(StudioOptions options) {
  if (options.token.size() < 16) throw UsageError("the studio's token must have at least 16 characters");
  for (auto& root : options.roots) {
    std::error_code error;
    const auto canonical = std::filesystem::canonical(root, error);
    if (error || !std::filesystem::is_directory(canonical)) {
      throw UsageError(fmt::format("--root {}: not a folder", root.string()));
    }
    root = canonical;
  }
  if (options.max_runs == 0) throw UsageError("--max-runs must be at least 1");
  if (!(options.run_seconds > 0) || !(options.seat_minutes > 0)) {
    throw UsageError("--run-seconds and --seat-minutes must be positive");
  }
  state_ = std::make_unique<State>(std::move(options));
}

Studio::~Studio() = default;

const StudioOptions& Studio::options() const { return state_->options; }

HttpResponse Studio::Handle(const HttpRequest& request) {
  const StudioOptions& options = state_->options;
  try {
    if (!SameToken(request.token, options.token)) {
      throw HttpError(
          403, request.token.empty() ? "this studio needs its token (?token=... or X-Parley-Token)" : "wrong token");
    }
    if (request.body.size() > options.max_request_bytes) {
      throw HttpError(413, fmt::format("request body of {} bytes is larger than the limit of {} (--max-request-kb)",
                                       request.body.size(), options.max_request_bytes));
    }
    const std::vector<std::string> parts = PathParts(request.path);
    const bool get = request.method == "GET";
    const bool post = request.method == "POST";
    auto require = [&](bool method_ok) {
      if (!method_ok) throw HttpError(405, fmt::format("{} does not take {}", request.path, request.method));
    };
    if (request.path == "/" || request.path == "/index.html") {
      require(get);
      return HttpResponse{200, "text/html; charset=utf-8", StudioPage()};
    }
    if (parts.empty() || parts[0] != "api" || parts.size() < 2) {
      throw HttpError(404, fmt::format("no such page: {}", request.path));
    }
    const std::string& what = parts[1];
    if (parts.size() == 2) {
      if (what == "info") {
        require(get);
        Json roots = Json::array();
        for (const auto& root : options.roots) roots.push_back(root.string());
        return JsonResponse({{"version", options.version},
                             {"roots", roots},
                             {"limits",
                              {{"max_request_bytes", options.max_request_bytes},
                               {"max_runs", options.max_runs},
                               {"run_seconds", options.run_seconds},
                               {"seat_minutes", options.seat_minutes},
                               {"max_rounds", options.max_rounds},
                               {"max_tournament_negotiations", options.max_tournament_negotiations}}}});
      }
      if (what == "registry") return require(get), ListRegistry();
      if (what == "scenarios") return require(get), ListScenarios(options);
      if (what == "scenario") return require(get), GetScenario(options, request);
      if (what == "analyze") return require(post), AnalyzeScenario(options, request);
      if (what == "utility") return require(post), UtilityOfOutcome(options, request);
      if (what == "mediate") return require(post), Mediate(options, request);
      if (what == "runs") return require(post), StartRun(options, state_->board, request);
      if (what == "tournaments") return require(post), StartTournament(options, state_->board, request);
    }
    if (what == "scenario" && parts.size() == 3) {
      if (parts[2] == "upload") return require(post), UploadScenario(options, request);
      if (parts[2] == "save") return require(post), SaveScenario(options, request);
    }
    if (what == "runs" && parts.size() >= 3) return RunEndpoint(options, state_->board, request, parts);
    if (what == "tournaments" && parts.size() >= 3) return TournamentEndpoint(state_->board, request, parts);
    throw HttpError(404, fmt::format("no such endpoint: {}", request.path));
  } catch (const HttpError& e) {
    return ErrorResponse(e.status(), e.what());
  } catch (const Error& e) {
    return ErrorResponse(400, e.what());
  } catch (const std::bad_alloc&) {
    return ErrorResponse(413, "the request needs more memory than is available");
  } catch (const std::exception& e) {
    return ErrorResponse(500, fmt::format("internal error: {}", e.what()));
  }
}

std::string RandomToken() {
  std::random_device device;
  std::string token;
  for (int i = 0; i < 4; ++i) token += fmt::format("{:08x}", static_cast<std::uint32_t>(device()));
  return token;
}

HttpResponse JsonResponse(const Json& json, int status) {
  // Names from files need not be UTF-8; the studio never fails on them.
  return HttpResponse{status, "application/json", json.dump(-1, ' ', false, Json::error_handler_t::replace)};
}

Json ParseBody(const HttpRequest& request) {
  Json body = Json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) throw HttpError(400, "the request body is not JSON");
  if (!body.is_object()) throw HttpError(400, "the request body must be a JSON object");
  return body;
}

std::string StringField(const Json& body, const char* name, const std::string& fallback) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) return fallback;
  if (!it->is_string()) throw HttpError(400, fmt::format("\"{}\" must be a string", name));
  return it->get<std::string>();
}

std::uint64_t CountField(const Json& body, const char* name, std::uint64_t fallback, std::uint64_t most) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) return fallback;
  if (!it->is_number_unsigned() || it->get<std::uint64_t>() > most) {
    throw HttpError(400, fmt::format("\"{}\" must be a whole number from 0 to {}", name, most));
  }
  return it->get<std::uint64_t>();
}

double NumberField(const Json& body, const char* name, double fallback) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) return fallback;
  if (!it->is_number() || !std::isfinite(it->get<double>())) {
    throw HttpError(400, fmt::format("\"{}\" must be a number", name));
  }
  return it->get<double>();
}

std::vector<std::string> StringListField(const Json& body, const char* name) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) return {};
  if (!it->is_array()) throw HttpError(400, fmt::format("\"{}\" must be a list of strings", name));
  std::vector<std::string> list;
  for (const auto& item : *it) {
    if (!item.is_string()) throw HttpError(400, fmt::format("\"{}\" must be a list of strings", name));
    list.push_back(item.get<std::string>());
  }
  return list;
}

JobBoard::~JobBoard() {
  std::vector<std::shared_ptr<Job>> jobs;
  {
    std::lock_guard lock(mutex_);
    jobs.swap(jobs_);
  }
  for (const auto& job : jobs) job->Stop();
  for (const auto& job : jobs) job->Join();
}

std::shared_ptr<Job> JobBoard::Add(const std::string& prefix,
                                   const std::function<std::shared_ptr<Job>(std::string)>& make) {
  // Room is made and a place reserved under the lock; the job is made outside it (planning a
  // tournament loads its scenarios, starting a negotiation begins its negotiators), so that
  // polls of other jobs are not kept waiting meanwhile.
  std::shared_ptr<Job> forgotten;
  std::string id;
  {
    std::lock_guard lock(mutex_);
    if (jobs_.size() + reserved_ >= capacity_) {
      auto oldest_finished = std::find_if(jobs_.begin(), jobs_.end(), [](const std::shared_ptr<Job>& job) {
        return job->finished() && job->delivered();
      });
      if (oldest_finished == jobs_.end()) {
        oldest_finished =
            std::find_if(jobs_.begin(), jobs_.end(), [](const std::shared_ptr<Job>& job) { return job->finished(); });
      }
      if (oldest_finished == jobs_.end()) {
        throw HttpError(429, fmt::format("{} negotiations and tournaments are running, the most kept at once "
                                         "(--max-runs); stop one or wait",
                                         jobs_.size() + reserved_));
      }
      forgotten = std::move(*oldest_finished);
      jobs_.erase(oldest_finished);
    }
    ++reserved_;
    id = prefix + std::to_string(next_id_++);
  }
  if (forgotten) forgotten->Join();  // its thread has ended or is returning
  std::shared_ptr<Job> job;
  try {
    job = make(id);
  } catch (...) {
    std::lock_guard lock(mutex_);
    --reserved_;
    throw;
  }
  std::lock_guard lock(mutex_);
  --reserved_;
  jobs_.push_back(job);
  return job;
}

std::shared_ptr<Job> JobBoard::Find(const std::string& id) const {
  std::lock_guard lock(mutex_);
  for (const auto& job : jobs_) {
    if (job->id() == id) return job;
  }
  throw HttpError(404, fmt::format("no run or tournament '{}' (finished ones are forgotten once --max-runs newer "
                                   "ones are kept)",
                                   id));
}

}  // namespace parley::studio
