// The "process" negotiator: a stand-in that runs its inner negotiator in a worker process and
// forwards every call to it (see parley/isolation.h). Each call waits for its answer at most the
// timeout; any failure of the worker kills it and becomes an exception, which the protocol records
// as this negotiator's fault.
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

#include "io/parley_json_internal.h"
#include "isolation/messages.h"
#include "isolation/wire.h"
#include "isolation/worker_process.h"
#include "parley/error.h"
#include "parley/isolation.h"
#include "parley/negotiator.h"
#include "parley/plugin.h"
#include "parley/protocol.h"
#include "parley/scenario.h"

namespace parley {

namespace {

using internal::FrameReader;
using internal::FrameWriter;
using internal::IoStatus;
using internal::MessageType;

// The largest answer a worker may send: an outcome of kMaxIssues values or a message.
constexpr std::size_t kMaxAnswer = internal::kMaxIssues * sizeof(double) + 64;

// Questions to a party's oracle are not carried over the worker protocol (messages.h): the inner
// negotiator begins without an oracle, as under a protocol that allows no questions.
constexpr const char* kNoQuestions =
    "a negotiator in a process of its own cannot ask about its preferences (elicitation); run it without isolation";

// Why the worker is gone: thrown from every call after a failure.
class WorkerFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The negotiator's own profile as a scenario the worker can read: that profile and a placeholder
// second party (a scenario has at least two), over the same space.
std::string ProfileAsScenario(const NegotiatorContext& context) {
  // The space outlives the call; the scenario only borrows it.
  const std::shared_ptr<const OutcomeSpace> space(std::shared_ptr<const OutcomeSpace>(), context.space);
  const Profile& own = *context.profile;
  Profile placeholder(own.name() + " (placeholder)", own.shared_utility_function(), own.reservation_value(),
                      own.discount_factor());
  return internal::WriteParleyJsonText(Scenario("isolated", space, {own, placeholder}));
}

class ProcessNegotiator final : public Negotiator {
 public:
  explicit ProcessNegotiator(const Spec& spec)
      : inner_(spec.GetSpec("inner")),
        cpu_(spec.GetDouble("cpu")),
        memory_(spec.GetInt("memory")),
        timeout_(spec.GetDouble("timeout")) {
    if (!(cpu_ >= 0.0) || !(timeout_ >= 0.0) || memory_ < 0 || !std::isfinite(cpu_) || !std::isfinite(timeout_)) {
      throw UsageError(
          fmt::format("negotiator 'process': cpu, memory and timeout must be finite and >= 0 (0: no "
                      "limit); found cpu={}, memory={}, timeout={}",
                      cpu_, memory_, timeout_));
    }
    // The inner spec is checked here, in the engine, so that a typo is an error before anything
    // runs rather than a fault of every negotiation.
    if (NegotiatorRegistry::Find(inner_.name()).interactive) {
      throw UsageError(
          fmt::format("negotiator '{}' needs a person at the parley program's terminal; it cannot run "
                      "in a worker process (process, --isolate)",
                      inner_.name()));
    }
    NegotiatorRegistry::Create(inner_);
  }

  ~ProcessNegotiator() override {
    if (worker_) worker_->End(0.1);
  }

  void Begin(const NegotiatorContext& context) override {
    internal::BeginMessage message;
    for (const auto& plugin : LoadedPlugins()) message.plugins.push_back(plugin.path.string());
    message.negotiator = inner_.ToString();
    message.scenario_json = ProfileAsScenario(context);
    message.party = context.party;
    message.party_count = context.party_count;
    message.max_rounds = context.max_rounds;
    message.time_limit_seconds = context.time_limit_seconds;
    message.seed = context.seed;
    message.track = context.track;
    internal::WorkerLimits limits;
    limits.cpu_seconds = cpu_;
    limits.memory_mib = static_cast<std::uint64_t>(memory_);
    worker_ = std::make_unique<internal::WorkerProcess>(NegotiatorWorkerPath(), limits);
    internal::WriteBegin(writer_, message);
    ExpectDone(Call());
  }

  ActionType Act(const TurnState& state, Outcome& proposal) override {
    internal::WriteTurn(writer_, state);
    FrameReader answer = Call();
    if (answer.type() != MessageType::kAction) Unexpected(answer);
    return Checked([&] {
      const std::uint8_t action = answer.U8();
      if (action > static_cast<std::uint8_t>(ActionType::kEndNegotiation)) {
        throw internal::WireError(fmt::format("unknown action {}", action));
      }
      if (static_cast<ActionType>(action) == ActionType::kOffer) answer.OutcomeValues(proposal, internal::kMaxIssues);
      answer.End();
      return static_cast<ActionType>(action);
    });
  }

  Vote VoteOn(const VoteRequest& request, Outcome& /*scratch*/) override {
    internal::WriteVote(writer_, request);
    FrameReader answer = Call();
    if (answer.type() != MessageType::kVoteCast) Unexpected(answer);
    return Checked([&] {
      const std::uint8_t vote = answer.U8();
      answer.End();
      if (vote > 1) throw internal::WireError(fmt::format("unknown vote {}", vote));
      return vote == 0 ? Vote::kAccept : Vote::kVeto;
    });
  }

  bool VoteRanges(const MopacVoting& voting, std::vector<PowerVote>& votes, Outcome& /*scratch*/) override {
    internal::WriteMopacVote(writer_, voting);
    return PowerVotes(votes);
  }

  bool OptIn(const MopacVoting& voting, std::span<const MopacBallot> ballots, std::vector<PowerVote>& mine) override {
    internal::WriteMopacOptIn(writer_, voting, ballots, mine);
    return PowerVotes(mine);
  }

  void Observe(const ObservedAction& action) override {
    internal::WriteObserved(writer_, action);
    ExpectDone(Call());
  }

  // The worker's answer to a MOPAC vote or opt-in, read into `votes`.
  bool PowerVotes(std::vector<PowerVote>& votes) {
    FrameReader answer = Call();
    if (answer.type() != MessageType::kPowerVotes) Unexpected(answer);
    return Checked([&] { return internal::ReadPowerVotes(answer, votes); });
  }

  std::optional<Feedback> CompareTexts(const Outcome& previous, const Outcome& next) override {
    writer_.Start(MessageType::kCompare);
    writer_.OutcomeValues(previous);
    writer_.OutcomeValues(next);
    FrameReader answer = Call();
    if (answer.type() != MessageType::kFeedback) Unexpected(answer);
    return Checked([&]() -> std::optional<Feedback> {
      const std::uint8_t value = answer.U8();
      answer.End();
      switch (value) {
        case 0: return std::nullopt;
        case 1: return Feedback::kBetter;
        case 2: return Feedback::kSame;
        case 3: return Feedback::kWorse;
        default: throw internal::WireError(fmt::format("unknown feedback {}", value));
      }
    });
  }

  void Finish(const NegotiationResult& result) override {
    if (!worker_ || !worker_->running()) return;
    internal::WriteResult(writer_, result);
    try {
      ExpectDone(Call());
    } catch (...) {
      // The negotiation is over; the worker is killed below either way.
    }
    if (worker_) worker_->End(timeout_ > 0 ? timeout_ : 1.0);
  }

 private:
  // Sends the frame in writer_ and returns the answer. Throws (after killing the worker) when the
  // worker is gone, late or incoherent, and rethrows the inner negotiator's own exception.
  FrameReader Call() {
    if (!worker_ || !worker_->running()) throw WorkerFailure(failure_.empty() ? "its worker is not running" : failure_);
    internal::Deadline deadline;
    if (timeout_ > 0) {
      deadline = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                        std::chrono::duration<double>(timeout_));
    }
    IoStatus status = internal::SendFrame(worker_->fd(), writer_.Finish(), deadline);
    MessageType type{};
    std::string_view payload;
    if (status == IoStatus::kOk)
      status = internal::ReceiveFrame(worker_->fd(), deadline, kMaxAnswer, buffer_, type, payload);
    switch (status) {
      case IoStatus::kOk: break;
      case IoStatus::kTimeout:
        worker_->Kill();
        Fail(fmt::format("did not answer within {} s; its process was killed", timeout_));
      case IoStatus::kClosed: Fail(fmt::format("its process {}", worker_->End(0.5)));
      case IoStatus::kMalformed: worker_->Kill(); Fail("its process sent a malformed message and was killed");
    }
    FrameReader answer(type, payload);
    if (type == MessageType::kThrew) {
      // The negotiator's own exception, with its own message, as it would have been in process.
      throw std::runtime_error(Checked([&] {
        std::string what = answer.String();
        answer.End();
        return what;
      }));
    }
    if (type == MessageType::kOutOfMemory) {
      worker_->Kill();
      Fail(memory_ > 0 ? fmt::format("ran out of memory (its limit is {} MiB); its process was killed", memory_)
                       : std::string("ran out of memory; its process was killed"));
    }
    return answer;
  }

  void ExpectDone(FrameReader answer) {
    if (answer.type() != MessageType::kDone) Unexpected(answer);
    Checked([&] {
      answer.End();
      return 0;
    });
  }

  // Runs a read of the worker's answer, turning a malformed answer into a failure.
  template <typename F>
  auto Checked(F&& read) -> decltype(read()) {
    try {
      return read();
    } catch (const internal::WireError& e) {
      worker_->Kill();
      Fail(fmt::format("its process sent a malformed message ({}) and was killed", e.what()));
    }
  }

  [[noreturn]] void Unexpected(const FrameReader& answer) {
    worker_->Kill();
    Fail(fmt::format("its process sent message {} out of turn and was killed", static_cast<int>(answer.type())));
  }

  [[noreturn]] void Fail(std::string why) {
    failure_ = "isolated negotiator: " + why;
    throw WorkerFailure(failure_);
  }

  Spec inner_;
  double cpu_;
  std::int64_t memory_;
  double timeout_;
  std::unique_ptr<internal::WorkerProcess> worker_;
  FrameWriter writer_;
  std::string buffer_;
  std::string failure_;
};

const bool kRegistered = NegotiatorRegistry::Add(
    {std::string(kIsolatedNegotiator),
     "Runs another negotiator in a process of its own, under CPU-time and memory limits, so that a crash, a hang or "
     "a runaway allocation ends only its negotiation, as its fault (docs/reliability.md).",
     {{"inner", "boulware", "the negotiator to run, as a spec"},
      {"cpu", "60", "CPU seconds the process may use over the whole negotiation; 0: no limit"},
      {"memory", "1024", "MiB of address space the process may map; 0: no limit"},
      {"timeout", "10", "wall-clock seconds to answer each call (begin, turn, observation, end); 0: no limit"}},
     [](const Spec& spec) { return std::make_unique<ProcessNegotiator>(spec); }});

}  // namespace

void CheckIsolatedNegotiators(std::string_view protocol, const std::vector<std::string>& negotiators) {
  for (const auto& spec : negotiators) {
    if (Spec::Parse(spec).name() != kIsolatedNegotiator) continue;
    if (ProtocolRegistry::Create(protocol)->AllowsElicitation()) {
      throw UsageError(
          fmt::format("protocol '{}' lets parties ask about their preferences, but {}", protocol, kNoQuestions));
    }
    return;
  }
}

std::string IsolatedSpec(std::string_view spec) {
  Spec parsed = Spec::Parse(spec);
  if (parsed.name() == kIsolatedNegotiator) return parsed.ToString();
  Spec isolated{std::string(kIsolatedNegotiator)};
  isolated.Set("inner", std::move(parsed));
  return isolated.ToString();
}

}  // namespace parley
