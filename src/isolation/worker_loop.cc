#include "isolation/worker_loop.h"

#include <unistd.h>

#include <cstring>
#include <memory>
#include <new>

#include "io/parley_json_internal.h"
#include "isolation/messages.h"
#include "isolation/wire.h"
#include "parley/plugin.h"
#include "parley/scenario.h"

namespace parley {
namespace internal {
namespace {

// The engine is trusted: a message larger than this is a bug, not an attack.
constexpr std::size_t kMaxMessage = std::size_t{1} << 30;

class Server {
 public:
  explicit Server(int fd) : fd_(fd) {}

  // Returns the exit status once the negotiation is over.
  int Run() {
    while (true) {
      MessageType type{};
      std::string_view payload;
      const IoStatus status = ReceiveFrame(fd_, std::nullopt, kMaxMessage, buffer_, type, payload);
      if (status == IoStatus::kClosed) return 0;
      if (status != IoStatus::kOk) return kWorkerExitProtocolError;
      FrameReader in(type, payload);
      bool finished = false;
      try {
        finished = Handle(in);
      } catch (const std::bad_alloc&) {
        return OutOfMemory();
      } catch (const WireError&) {
        return kWorkerExitProtocolError;
      } catch (const std::exception& e) {
        Answer(MessageType::kThrew, e.what());
      } catch (...) {
        Answer(MessageType::kThrew, "unknown exception");
      }
      if (finished) return 0;
    }
  }

 private:
  // Makes the call `in` asks for and answers it; true after Finish.
  bool Handle(FrameReader& in) {
    if (in.type() != MessageType::kBegin && !negotiator_) throw WireError("a call before begin");
    switch (in.type()) {
      case MessageType::kBegin: {
        if (negotiator_) throw WireError("a second begin");
        const BeginMessage message = ReadBegin(in);
        for (const auto& plugin : message.plugins) LoadPlugin(plugin);
        scenario_ = std::make_unique<Scenario>(ReadParleyJsonText(message.scenario_json, "the engine's scenario"));
        proposal_ = Outcome(scenario_->space().issue_count());
        negotiator_ = NegotiatorRegistry::Create(message.negotiator);
        NegotiatorContext context;
        context.space = &scenario_->space();
        context.profile = &scenario_->profile(0);
        context.party = message.party;
        context.party_count = message.party_count;
        context.max_rounds = message.max_rounds;
        context.time_limit_seconds = message.time_limit_seconds;
        context.seed = message.seed;
        context.track = message.track;
        negotiator_->Begin(context);
        Answer(MessageType::kDone);
        return false;
      }
      case MessageType::kAct: {
        TurnState state;
        ReadTurn(in, state, offer_);
        // As in the engine, the buffer is sized to the space; the negotiator may resize it.
        if (proposal_.size() != scenario_->space().issue_count()) proposal_ = Outcome(scenario_->space().issue_count());
        const ActionType action = negotiator_->Act(state, proposal_);
        writer_.Start(MessageType::kAction);
        writer_.U8(static_cast<std::uint8_t>(action));
        if (action == ActionType::kOffer) writer_.OutcomeValues(proposal_);
        Send();
        return false;
      }
      case MessageType::kVote: {
        VoteRequest request;
        ReadVote(in, request, offer_);
        if (proposal_.size() != scenario_->space().issue_count()) proposal_ = Outcome(scenario_->space().issue_count());
        const Vote vote = negotiator_->VoteOn(request, proposal_);
        writer_.Start(MessageType::kVoteCast);
        writer_.U8(vote == Vote::kAccept ? 0 : 1);
        Send();
        return false;
      }
      case MessageType::kMopacVote:
      case MessageType::kMopacOptIn: {
        const bool opt_in = in.type() == MessageType::kMopacOptIn;
        ReadMopac(in, mopac_, opt_in);
        if (proposal_.size() != scenario_->space().issue_count()) proposal_ = Outcome(scenario_->space().issue_count());
        const bool stays = opt_in ? negotiator_->OptIn(mopac_.voting, mopac_.ballots, mopac_.mine)
                                  : negotiator_->VoteRanges(mopac_.voting, mopac_.mine, proposal_);
        WritePowerVotes(writer_, stays, mopac_.mine);
        Send();
        return false;
      }
      case MessageType::kObserve: {
        ObservedAction action;
        ReadObserved(in, action, offer_);
        negotiator_->Observe(action);
        Answer(MessageType::kDone);
        return false;
      }
      case MessageType::kCompare: {
        in.OutcomeValues(offer_, kMaxIssues);
        in.OutcomeValues(other_, kMaxIssues);
        in.End();
        const std::optional<Feedback> feedback = negotiator_->CompareTexts(offer_, other_);
        writer_.Start(MessageType::kFeedback);
        writer_.U8(!feedback ? 0 : *feedback == Feedback::kBetter ? 1 : *feedback == Feedback::kSame ? 2 : 3);
        Send();
        return false;
      }
      case MessageType::kFinish: {
        const NegotiationResult result = ReadResult(in);
        try {
          negotiator_->Finish(result);
        } catch (...) {
          // As in the engine: a failure while being told the result cannot change it.
        }
        Answer(MessageType::kDone);
        return true;
      }
      default: throw WireError("an unknown message");
    }
  }

  void Answer(MessageType type, const char* text = nullptr) {
    writer_.Start(type);
    if (text) writer_.String(text);
    Send();
  }

  void Send() {
    if (SendFrame(fd_, writer_.Finish(), std::nullopt) != IoStatus::kOk) _exit(0);  // the engine has gone
  }

  // Tells the engine without allocating: the memory that failed may still be held.
  int OutOfMemory() {
    char frame[5] = {1, 0, 0, 0, static_cast<char>(MessageType::kOutOfMemory)};
    [[maybe_unused]] const ssize_t sent = write(fd_, frame, sizeof frame);
    return kWorkerExitOutOfMemory;
  }

  int fd_;
  std::string buffer_;
  FrameWriter writer_;
  std::unique_ptr<Scenario> scenario_;
  std::unique_ptr<Negotiator> negotiator_;
  Outcome proposal_, offer_, other_;
  MopacMessage mopac_;
};

}  // namespace

int ServeIsolatedNegotiator(int fd) {
  try {
    return Server(fd).Run();
  } catch (const std::bad_alloc&) {
    return kWorkerExitOutOfMemory;
  }
}

}  // namespace internal
}  // namespace parley
