// What the files of the studio share: the error that becomes a status code, reading request
// bodies, resolving scenarios and paths under the roots, and the board of running jobs.
#ifndef PARLEY_STUDIO_STUDIO_INTERNAL_H_
#define PARLEY_STUDIO_STUDIO_INTERNAL_H_

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "parley/scenario.h"
#include "studio/studio.h"

namespace parley::studio {

using Json = nlohmann::ordered_json;

// A request answered with `status` and `{"error": message}`. UsageError and InputError thrown
// while handling a request are answered 400 with their message.
class HttpError : public std::runtime_error {
 public:
  HttpError(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
  int status() const { return status_; }

 private:
  int status_;
};

HttpResponse JsonResponse(const Json& json, int status = 200);

// The body as a JSON object; 400 naming what is wrong otherwise.
Json ParseBody(const HttpRequest& request);
// Typed fields of a request body, with 400 errors naming the field and what was expected.
std::string StringField(const Json& body, const char* name, const std::string& fallback);
std::uint64_t CountField(const Json& body, const char* name, std::uint64_t fallback, std::uint64_t most);
double NumberField(const Json& body, const char* name, double fallback);
std::vector<std::string> StringListField(const Json& body, const char* name);

// The real location of `path` (symbolic links followed) when it lies under one of the roots;
// otherwise 403. `for_writing`: the file may not exist yet, but its folder must, under a root.
std::filesystem::path InsideRoots(const StudioOptions& options, const std::string& path, bool for_writing);

// The scenario a request names: "source" (built-in name, NAME#TRACK, or a path under a root) or
// "scenario" (a Parley JSON object). 400 when neither or both are given or it does not load.
std::shared_ptr<const Scenario> ScenarioOfRequest(const StudioOptions& options, const Json& body);
// A source checked: a built-in name as it is, a path (with its #TRACK) resolved under the roots;
// what LoadScenario and tournaments are given. 403 outside the roots, 404 when missing.
std::string CheckedSource(const StudioOptions& options, const std::string& source);
// The scenario of a source alone.
std::shared_ptr<const Scenario> ScenarioOfSource(const StudioOptions& options, const std::string& source);

// The issues as the page shows them: name, kind, and the values or the range.
Json IssuesJson(const OutcomeSpace& space);
// An outcome as a list of values by name, in issue order, and back (400 naming the issue).
Json OutcomeValues(const OutcomeSpace& space, const Outcome& outcome);
Outcome OutcomeOfValues(const OutcomeSpace& space, const Json& values, const char* field);

// The scenario endpoints (studio_scenarios.cc) and the assistant's (studio_mediate.cc).
HttpResponse ListScenarios(const StudioOptions& options);
HttpResponse GetScenario(const StudioOptions& options, const HttpRequest& request);
HttpResponse UploadScenario(const StudioOptions& options, const HttpRequest& request);
HttpResponse AnalyzeScenario(const StudioOptions& options, const HttpRequest& request);
HttpResponse SaveScenario(const StudioOptions& options, const HttpRequest& request);
HttpResponse UtilityOfOutcome(const StudioOptions& options, const HttpRequest& request);
HttpResponse Mediate(const StudioOptions& options, const HttpRequest& request);
HttpResponse ListRegistry();

// A negotiation or tournament running on a thread of its own, polled by requests.
class Job {
 public:
  virtual ~Job() = default;
  const std::string& id() const { return id_; }
  // True once its thread has nothing left to do.
  virtual bool finished() const = 0;
  // True once a request has read its end (so forgetting it surprises nobody polling it).
  bool delivered() const { return delivered_; }
  // Asks it to end soon; returns at once.
  virtual void Stop() = 0;
  // Waits for its thread.
  virtual void Join() = 0;

 protected:
  explicit Job(std::string id) : id_(std::move(id)) {}
  void MarkDelivered() { delivered_ = true; }

 private:
  std::string id_;
  std::atomic<bool> delivered_ = false;
};

// The jobs kept, at most StudioOptions::max_runs: adding one forgets the oldest finished job whose
// end has been read, else the oldest finished one, and is refused with 429 when every job kept is
// still running. Thread-safe.
class JobBoard {
 public:
  explicit JobBoard(std::size_t capacity) : capacity_(capacity) {}
  ~JobBoard();  // stops and joins every job
  // Makes room, then adds the job made by `make` from a new id with `prefix` ("r", "t").
  std::shared_ptr<Job> Add(const std::string& prefix, const std::function<std::shared_ptr<Job>(std::string)>& make);
  // The job with `id`, or 404.
  std::shared_ptr<Job> Find(const std::string& id) const;

 private:
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::uint64_t next_id_ = 1;
  std::vector<std::shared_ptr<Job>> jobs_;  // oldest first
  std::size_t reserved_ = 0;                // places of jobs being made
};

// The negotiation endpoints (studio_runs.cc) and the tournament endpoints (studio_tournaments.cc).
HttpResponse StartRun(const StudioOptions& options, JobBoard& board, const HttpRequest& request);
HttpResponse RunEndpoint(const StudioOptions& options, JobBoard& board, const HttpRequest& request,
                         const std::vector<std::string>& parts);
HttpResponse StartTournament(const StudioOptions& options, JobBoard& board, const HttpRequest& request);
HttpResponse TournamentEndpoint(JobBoard& board, const HttpRequest& request, const std::vector<std::string>& parts);

// The page with its script and styles inline (studio_page.cc).
const std::string& StudioPage();

}  // namespace parley::studio

#endif  // PARLEY_STUDIO_STUDIO_INTERNAL_H_
