// Tournaments in the studio: one runs on a thread of its own (its negotiations on the tournament
// runner's workers), its ranking kept up to date from every finished negotiation so the page can
// show it live, its HTML report made when it ends. Results stay in memory: the studio writes no
// results folder (docs/studio.md#the-api).
#include <atomic>

#include <fmt/format.h>

#include "parley/report.h"
#include "parley/spec.h"
#include "parley/tournament.h"
#include "studio/studio_internal.h"

namespace parley::studio {

namespace {

// What the progress callback throws to stop a tournament.
struct TournamentStopped {};

class TournamentJob final : public Job {
 public:
  TournamentJob(std::string id, TournamentConfig config, std::uint64_t most)
      : Job(std::move(id)), config_(std::move(config)), plan_(PlanTournament(config_)), summarizer_(plan_) {
    if (plan_.match_count > most) {
      throw HttpError(400, fmt::format("the tournament holds {} negotiations; the studio runs at most {}",
                                       plan_.match_count, most));
    }
    thread_ = std::thread([this] { Loop(); });
  }

  ~TournamentJob() override {
    Stop();
    Join();
  }

  bool finished() const override { return finished_; }
  void Stop() override { stop_requested_ = true; }
  void Join() override {
    if (thread_.joinable()) thread_.join();
  }

  Json State() {
    std::lock_guard lock(mutex_);
    Json ranking = Json::array();
    for (const auto& statistics : summary_.negotiators) {
      ranking.push_back({{"negotiator", statistics.negotiator},
                         {"rank", statistics.rank},
                         {"mean_utility", statistics.utility.mean},
                         {"agreement_rate", statistics.agreement.mean},
                         {"negotiations", statistics.utility.n},
                         {"faults", statistics.faults}});
    }
    Json state = {{"id", id()},
                  {"state", state_},
                  {"done", done_},
                  {"total", plan_.match_count},
                  {"elapsed_seconds", elapsed_seconds_},
                  {"negotiators", config_.negotiators},
                  {"scenarios", plan_.scenario_ids},
                  {"ranking", std::move(ranking)}};
    if (!error_.empty()) state["error"] = error_;
    return state;
  }

  std::string Report() {
    std::lock_guard lock(mutex_);
    if (state_ != "done")
      throw HttpError(409, fmt::format("the tournament is {}; its report comes when it ends", state_));
    return report_;
  }

 private:
  void Loop() {
    try {
      const TournamentResult result = RunTournament(config_, [this](const TournamentProgress& progress) {
        if (stop_requested_) throw TournamentStopped{};
        std::lock_guard lock(mutex_);
        summarizer_.Add(*progress.row);
        summary_ = summarizer_.Summary();
        done_ = progress.done;
        elapsed_seconds_ = progress.elapsed_seconds;
      });
      std::string report = TournamentReportHtml(result.plan, result.rows, result.summary);
      std::lock_guard lock(mutex_);
      summary_ = result.summary;
      report_ = std::move(report);
      state_ = "done";
    } catch (const TournamentStopped&) {
      std::lock_guard lock(mutex_);
      state_ = "stopped";
    } catch (const std::exception& e) {
      std::lock_guard lock(mutex_);
      state_ = "failed";
      error_ = e.what();
    }
    finished_ = true;
  }

  TournamentConfig config_;
  TournamentPlan plan_;
  std::mutex mutex_;
  TournamentSummarizer summarizer_;  // guarded by mutex_
  TournamentSummary summary_;
  std::uint64_t done_ = 0;
  double elapsed_seconds_ = 0.0;
  std::string state_ = "running";
  std::string error_;
  std::string report_;
  std::atomic<bool> finished_ = false;
  std::atomic<bool> stop_requested_ = false;
  std::thread thread_;
};

}  // namespace

HttpResponse StartTournament(const StudioOptions& options, JobBoard& board, const HttpRequest& request) {
  const Json body = ParseBody(request);
  TournamentConfig config;
  config.negotiators = StringListField(body, "negotiators");
  for (const auto& spec : config.negotiators) {
    if (NegotiatorRegistry::Find(Spec::Parse(spec).name()).interactive) {
      throw HttpError(400,
                      fmt::format("negotiator '{}' needs a person at the table; tournaments run unattended", spec));
    }
  }
  for (const auto& source : StringListField(body, "scenarios")) {
    // A scenario is named, never matched: a pattern could reach past the roots.
    if (source.find_first_of("*?[") != std::string::npos) {
      throw HttpError(400,
                      fmt::format("\"scenarios\": '{}': name each scenario; the studio takes no patterns", source));
    }
    config.scenarios.push_back(CheckedSource(options, source));
  }
  if (config.scenarios.empty()) throw HttpError(400, "\"scenarios\" must name at least one scenario");
  config.repetitions = CountField(body, "repetitions", 1, 1000);
  config.rounds = CountField(body, "rounds", 100, options.max_rounds);
  config.seed = CountField(body, "seed", 0, std::numeric_limits<std::uint64_t>::max());
  config.protocol = StringField(body, "protocol", "saop");
  config.mediators = StringListField(body, "mediators");
  if (body.contains("self_play")) config.self_play = body["self_play"] == true;
  config.budget_seconds = options.run_seconds;
  config.keep_rows = true;
  std::shared_ptr<Job> job = board.Add("t", [&](std::string id) {
    return std::make_shared<TournamentJob>(std::move(id), config, options.max_tournament_negotiations);
  });
  return JsonResponse({{"id", job->id()}});
}

HttpResponse TournamentEndpoint(JobBoard& board, const HttpRequest& request, const std::vector<std::string>& parts) {
  auto tournament = std::dynamic_pointer_cast<TournamentJob>(board.Find(parts[2]));
  if (!tournament) throw HttpError(404, fmt::format("'{}' is a negotiation, not a tournament", parts[2]));
  auto require = [&](const char* method) {
    if (request.method != method)
      throw HttpError(405, fmt::format("{} does not take {}", request.path, request.method));
  };
  if (parts.size() == 3) {
    require("GET");
    return JsonResponse(tournament->State());
  }
  if (parts.size() == 4 && parts[3] == "report") {
    require("GET");
    return HttpResponse{200, "text/html; charset=utf-8", tournament->Report()};
  }
  if (parts.size() == 4 && parts[3] == "stop") {
    require("POST");
    tournament->Stop();
    return JsonResponse(tournament->State());
  }
  throw HttpError(404, fmt::format("no such endpoint: {}", request.path));
}

}  // namespace parley::studio
