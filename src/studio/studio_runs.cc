// Negotiations in the studio: each runs on a thread of its own, a round at a time, publishing its
// actions as they happen for the page to poll; `human` parties are seats for people
// (web_seat.h). Negotiations between agents alone share the processor: at most one round per
// hardware thread computes at once, so a hundred of them slow each other down instead of the
// machine. docs/studio.md#the-api lists the endpoints.
#include <atomic>
#include <chrono>
#include <semaphore>

#include <fmt/format.h>

#include "io/result_json.h"
#include "parley/mediator.h"
#include "parley/protocol.h"
#include "parley/report.h"
#include "parley/spec.h"
#include "studio/studio_internal.h"
#include "studio/web_seat.h"

namespace parley::studio {

namespace {

using Clock = std::chrono::steady_clock;

std::counting_semaphore<>& ComputeSlots() {
  static std::counting_semaphore<> slots(std::max<std::ptrdiff_t>(1, std::thread::hardware_concurrency()));
  return slots;
}

class NegotiationJob final : public Job {
 public:
  struct Setup {
    std::shared_ptr<const Scenario> scenario;
    std::vector<std::string> negotiators;
    std::string protocol;
    std::vector<std::string> mediators;
    NegotiationOptions options;
    double budget_seconds = 0.0;
    std::chrono::milliseconds patience{0};
  };

  NegotiationJob(std::string id, Setup setup) : Job(std::move(id)), setup_(std::move(setup)) {
    const Scenario& scenario = *setup_.scenario;
    for (const auto& profile : scenario.profiles()) parties_.push_back(profile.name());
    seats_.resize(setup_.negotiators.size(), nullptr);
    for (std::size_t p = 0; p < setup_.negotiators.size(); ++p) {
      const Spec spec = Spec::Parse(setup_.negotiators[p]);
      if (spec.name() == "human") {
        if (!spec.parameters().empty()) throw HttpError(400, "negotiator 'human' takes no parameters in the studio");
        auto seat = std::make_unique<WebSeat>(table_, parties_, setup_.patience);
        seats_[p] = seat.get();
        owned_.push_back(std::move(seat));
      } else {
        if (NegotiatorRegistry::Find(spec.name()).interactive) {
          throw HttpError(
              400, fmt::format("negotiator '{}' needs a terminal; the studio seats people as 'human'", spec.name()));
        }
        owned_.push_back(NegotiatorRegistry::Create(spec));
      }
      negotiators_.push_back(owned_.back().get());
    }
    for (const auto& spec : setup_.mediators) {
      owned_mediators_.push_back(MediatorRegistry::Create(spec));
      mediators_.push_back(owned_mediators_.back().get());
    }
    has_people_ = std::any_of(seats_.begin(), seats_.end(), [](const WebSeat* seat) { return seat != nullptr; });
    protocol_ = ProtocolRegistry::Create(setup_.protocol);
    run_ = protocol_->Start(scenario, negotiators_, mediators_, setup_.options);
    table_.publish = [this] { PublishLocked(); };
    thread_ = std::thread([this] { Loop(); });
  }

  ~NegotiationJob() override {
    Stop();
    Join();
  }

  bool finished() const override { return finished_; }

  void Stop() override {
    stop_requested_ = true;
    std::lock_guard lock(table_.mutex);
    table_.stopping = true;
    table_.moved.notify_all();
  }

  void Join() override {
    if (thread_.joinable()) thread_.join();
  }

  std::vector<std::size_t> SeatParties() const {
    std::vector<std::size_t> parties;
    for (std::size_t p = 0; p < seats_.size(); ++p) {
      if (seats_[p]) parties.push_back(p);
    }
    return parties;
  }
  const std::vector<std::string>& parties() const { return parties_; }

  Json State(std::uint64_t since) {
    std::lock_guard lock(table_.mutex);
    if (finished_) MarkDelivered();
    Json events = Json::array();
    for (std::size_t i = std::min<std::size_t>(since, events_.size()); i < events_.size(); ++i) {
      events.push_back(events_[i]);
    }
    Json state = {{"id", id()},
                  {"state", StateName()},
                  {"scenario", setup_.scenario->name()},
                  {"parties", parties_},
                  {"negotiators", setup_.negotiators},
                  {"protocol", setup_.protocol},
                  {"rounds", setup_.options.rounds},
                  {"seed", setup_.options.seed},
                  {"events", std::move(events)},
                  {"next", events_.size()},
                  {"waiting_for", table_.waiting_for ? Json(*table_.waiting_for) : Json(nullptr)},
                  {"result", result_json_.is_null() ? Json(nullptr) : result_json_}};
    return state;
  }

  Json SeatView(std::size_t party) {
    std::lock_guard lock(table_.mutex);
    return Seat(party).View(StateName());
  }

  // The seat's view right after the move, before the negotiation goes on.
  Json SeatMove(std::size_t party, const Json& body) {
    std::lock_guard lock(table_.mutex);
    if (finished_) throw HttpError(409, "the negotiation has ended");
    Seat(party).Move(body);
    return Seat(party).View(StateName());
  }

  double SeatUtility(std::size_t party, const Json& outcome) {
    std::lock_guard lock(table_.mutex);
    WebSeat& seat = Seat(party);
    return seat.UtilityOf(OutcomeOfValues(seat.space(), outcome, "outcome"));
  }

  std::string Report() {
    std::lock_guard lock(table_.mutex);
    if (!finished_) throw HttpError(409, "the negotiation is still running; its report comes when it ends");
    if (result_json_.contains("error")) throw HttpError(409, result_json_["error"].get<std::string>());
    NegotiationReportContext context;
    context.protocol = setup_.protocol;
    context.rounds = setup_.options.rounds;
    context.time_limit_seconds = setup_.options.time_limit_seconds;
    context.seed = setup_.options.seed;
    return NegotiationReportHtml(*setup_.scenario, result_, context);
  }

 private:
  WebSeat& Seat(std::size_t party) {
    if (party >= seats_.size() || !seats_[party]) {
      throw HttpError(404, fmt::format("party {} of run {} is not a seat for a person", party, id()));
    }
    return *seats_[party];
  }

  std::string StateName() const {
    if (finished_) return "done";
    return table_.waiting_for ? "waiting" : "running";
  }

  // Hold table_.mutex; on the negotiation's thread.
  void PublishLocked() { PublishFrom(run_->result()); }

  void PublishFrom(const NegotiationResult& result) {
    const Trace& trace = result.trace;
    const Scenario& scenario = *setup_.scenario;
    for (std::size_t i = events_.size(); i < trace.size(); ++i) {
      const Trace::Step& step = trace.step(i);
      Json event = {{"step", step.step},
                    {"round", step.round},
                    {"time", step.time},
                    {"party", step.party},
                    {"actor", step.party < parties_.size() ? parties_[step.party]
                                                           : fmt::format("mediator {}", step.party - parties_.size())},
                    {"action", ActionTypeName(step.action)}};
      if (trace.has_offer(i)) {
        event["offer"] = OutcomeValues(scenario.space(), trace.offer(i));
        Json utilities = Json::array();
        for (std::size_t p = 0; p < trace.party_count(); ++p) utilities.push_back(trace.utility(i, p));
        event["utilities"] = std::move(utilities);
      }
      events_.push_back(std::move(event));
    }
  }

  // Plays the negotiation to its end. Protocols record negotiators' failures in the result; anything
  // else that escapes ends the run with its message instead of the program.
  void Loop() {
    try {
      Play();
    } catch (const std::exception& e) {
      std::lock_guard lock(table_.mutex);
      result_json_ = Json{{"error", fmt::format("the negotiation could not go on: {}", e.what())}};
      Release();
    }
  }

  void Play() {
    const auto start = Clock::now();
    while (!run_->done()) {
      if (stop_requested_) {
        run_->Stop("stopped from the studio");
        break;
      }
      if (!has_people_) {
        const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
        if (elapsed > setup_.budget_seconds) {
          run_->Stop(fmt::format("the studio's budget of {} s per negotiation ran out (--run-seconds)",
                                 setup_.budget_seconds));
          break;
        }
        ComputeSlots().acquire();
        struct Release {
          ~Release() { ComputeSlots().release(); }
        } release;
        run_->Step();
      } else {
        run_->Step();
      }
      std::lock_guard lock(table_.mutex);
      PublishLocked();
    }
    NegotiationResult result = run_->TakeResult();
    bool stopped_a_seat = false;
    {
      std::lock_guard lock(table_.mutex);
      stopped_a_seat = table_.stopped_a_seat;
    }
    if (stopped_a_seat && result.end_reason == EndReason::kEndedByParty) {
      // The seat left its turn because the studio stopped the negotiation, not because its person
      // walked away.
      result.end_reason = EndReason::kStopped;
      result.stop_reason = "stopped from the studio";
    }
    result.negotiators = setup_.negotiators;
    result.mediators = setup_.mediators;
    Json result_json = Json::parse(
        internal::ResultJson(*setup_.scenario, result).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    std::lock_guard lock(table_.mutex);
    PublishFrom(result);
    result_ = std::move(result);
    result_json_ = std::move(result_json);
    Release();
  }

  // A finished run keeps what its page and report show, not its negotiators' state. The seats
  // stay: a person's page still reads its own view of the end. Hold table_.mutex.
  void Release() {
    run_.reset();
    protocol_.reset();
    for (auto& negotiator : owned_) {
      if (!dynamic_cast<WebSeat*>(negotiator.get())) negotiator.reset();
    }
    owned_mediators_.clear();
    finished_ = true;
  }

  Setup setup_;
  std::vector<std::string> parties_;
  SeatTable table_;
  std::vector<std::unique_ptr<Negotiator>> owned_;
  std::vector<Negotiator*> negotiators_;
  std::vector<WebSeat*> seats_;  // by party; nullptr for agents
  std::vector<std::unique_ptr<Mediator>> owned_mediators_;
  std::vector<Mediator*> mediators_;
  bool has_people_ = false;
  std::unique_ptr<Protocol> protocol_;
  std::unique_ptr<NegotiationRun> run_;
  std::vector<Json> events_;  // guarded by table_.mutex
  NegotiationResult result_;  // when finished_
  Json result_json_;
  std::atomic<bool> finished_ = false;
  std::atomic<bool> stop_requested_ = false;
  std::thread thread_;
};

std::size_t PartyOf(const std::string& text) {
  std::size_t party = 0;
  if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos) {
    throw HttpError(404, fmt::format("no seat '{}': seats are numbered by party from 0", text));
  }
  party = std::stoul(text);
  return party;
}

std::shared_ptr<NegotiationJob> FindRun(JobBoard& board, const std::string& id) {
  auto job = std::dynamic_pointer_cast<NegotiationJob>(board.Find(id));
  if (!job) throw HttpError(404, fmt::format("'{}' is a tournament, not a negotiation", id));
  return job;
}

}  // namespace

HttpResponse StartRun(const StudioOptions& options, JobBoard& board, const HttpRequest& request) {
  const Json body = ParseBody(request);
  NegotiationJob::Setup setup;
  setup.scenario = ScenarioOfRequest(options, body);
  setup.negotiators = StringListField(body, "negotiators");
  if (setup.negotiators.size() != setup.scenario->party_count()) {
    throw HttpError(400, fmt::format("\"negotiators\" must hold {} specs, one per party of scenario '{}'",
                                     setup.scenario->party_count(), setup.scenario->name()));
  }
  setup.protocol = StringField(body, "protocol", "saop");
  setup.mediators = StringListField(body, "mediators");
  setup.options.rounds = CountField(body, "rounds", 0, options.max_rounds);
  const bool people = std::any_of(setup.negotiators.begin(), setup.negotiators.end(),
                                  [](const std::string& spec) { return Spec::Parse(spec).name() == "human"; });
  // A deadline in time may not outlast what the studio gives a negotiation.
  const double longest =
      people ? options.seat_minutes * 60.0 * static_cast<double>(options.max_rounds) : options.run_seconds;
  setup.options.time_limit_seconds = NumberField(body, "time", 0.0);
  if (setup.options.time_limit_seconds < 0 || setup.options.time_limit_seconds > longest) {
    throw HttpError(400, fmt::format("\"time\" must be from 0 to {} seconds", longest));
  }
  if (setup.options.rounds == 0 && setup.options.time_limit_seconds == 0) setup.options.rounds = 100;
  setup.options.seed = CountField(body, "seed", 0, std::numeric_limits<std::uint64_t>::max());
  setup.options.record_trace = true;
  setup.budget_seconds = options.run_seconds;
  setup.patience = std::chrono::milliseconds(static_cast<std::int64_t>(options.seat_minutes * 60'000.0));
  std::shared_ptr<Job> job =
      board.Add("r", [&](std::string id) { return std::make_shared<NegotiationJob>(std::move(id), setup); });
  auto& run = static_cast<NegotiationJob&>(*job);
  Json seats = Json::array();
  for (const std::size_t party : run.SeatParties()) {
    seats.push_back({{"party", party},
                     {"name", run.parties()[party]},
                     {"link", fmt::format("/?token={}#play/{}/{}", options.token, run.id(), party)}});
  }
  return JsonResponse({{"id", run.id()}, {"seats", std::move(seats)}});
}

HttpResponse RunEndpoint(const StudioOptions& /*options*/, JobBoard& board, const HttpRequest& request,
                         const std::vector<std::string>& parts) {
  const auto run = FindRun(board, parts[2]);
  auto require = [&](const char* method) {
    if (request.method != method)
      throw HttpError(405, fmt::format("{} does not take {}", request.path, request.method));
  };
  if (parts.size() == 3) {
    require("GET");
    std::uint64_t since = 0;
    if (const auto it = request.query.find("since"); it != request.query.end()) {
      if (it->second.empty() || it->second.size() > 18 ||
          it->second.find_first_not_of("0123456789") != std::string::npos) {
        throw HttpError(400, "since= must be a whole number");
      }
      since = std::stoull(it->second);
    }
    return JsonResponse(run->State(since));
  }
  if (parts.size() == 4 && parts[3] == "stop") {
    require("POST");
    run->Stop();
    return JsonResponse(run->State(0));
  }
  if (parts.size() == 4 && parts[3] == "report") {
    require("GET");
    return HttpResponse{200, "text/html; charset=utf-8", run->Report()};
  }
  if (parts.size() >= 5 && parts[3] == "seats") {
    const std::size_t party = PartyOf(parts[4]);
    if (parts.size() == 5) {
      if (request.method == "GET") return JsonResponse(run->SeatView(party));
      require("POST");
      return JsonResponse(run->SeatMove(party, ParseBody(request)));
    }
    if (parts.size() == 6 && parts[5] == "utility") {
      require("POST");
      const Json body = ParseBody(request);
      return JsonResponse({{"utility", run->SeatUtility(party, body.contains("outcome") ? body["outcome"] : Json())}});
    }
  }
  throw HttpError(404, fmt::format("no such endpoint: {}", request.path));
}

}  // namespace parley::studio
