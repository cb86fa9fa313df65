// The messages between the engine and a negotiator running in a worker process, and how they
// travel: frames over a Unix stream socket, each a 4-byte length, a 1-byte type and a payload of
// fixed-width numbers, length-prefixed strings and outcomes (a count and that many doubles), in
// the machine's byte order (both ends run on the same machine).
//
// The engine never trusts what the worker sends: every read is bounded, checked and, on the
// engine's side, given a deadline.
#ifndef PARLEY_ISOLATION_WIRE_H_
#define PARLEY_ISOLATION_WIRE_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/outcome_space.h"

namespace parley::internal {

enum class MessageType : std::uint8_t {
  // Engine to worker.
  kBegin = 1,       // plugins, negotiator spec, scenario (Parley JSON), context
  kAct = 2,         // a TurnState
  kObserve = 3,     // an ObservedAction
  kCompare = 4,     // two texts, for feedback-based mediation
  kFinish = 5,      // the result
  kVote = 6,        // a VoteRequest
  kMopacVote = 7,   // a MopacVoting, for VoteRanges
  kMopacOptIn = 8,  // a MopacVoting, the ballots and the party's own votes, for OptIn
  // Worker to engine.
  kDone = 16,         // the call returned (Begin, Observe, Finish)
  kAction = 17,       // Act's action and proposal
  kFeedback = 18,     // CompareTexts' answer
  kThrew = 19,        // the negotiator threw: the message
  kOutOfMemory = 20,  // an allocation failed in the worker
  kVoteCast = 21,     // VoteOn's answer: 0 accept, 1 veto
  kPowerVotes = 22,   // VoteRanges' or OptIn's answer: whether the party stays, and its votes
};

// Writes one frame into a reusable buffer.
class FrameWriter {
 public:
  // Starts a frame of `type`, discarding the previous one (keeping the buffer's capacity).
  void Start(MessageType type);
  void U8(std::uint8_t value) { bytes_.push_back(static_cast<char>(value)); }
  void U64(std::uint64_t value) { Raw(&value, sizeof value); }
  void F64(double value) { Raw(&value, sizeof value); }
  void String(std::string_view text);
  void Values(const std::vector<double>& values);
  void OutcomeValues(const Outcome& outcome) { Values(outcome.values()); }
  // Fills in the length; the frame is then data().
  const std::string& Finish();

 private:
  void Raw(const void* data, std::size_t size);
  std::string bytes_;
};

// Reads the payload of a received frame; every read checks that the bytes are there and throws
// WireError otherwise.
class FrameReader {
 public:
  FrameReader(MessageType type, std::string_view payload) : type_(type), payload_(payload) {}
  MessageType type() const { return type_; }
  std::uint8_t U8();
  std::uint64_t U64();
  double F64();
  std::string String();
  // Reads a count and that many doubles into `out` (at most `max_count`).
  void Values(std::vector<double>& out, std::size_t max_count);
  // The same into an outcome, reusing its storage when the size matches.
  void OutcomeValues(Outcome& out, std::size_t max_count);
  // Throws unless every byte has been read.
  void End() const;

 private:
  void Raw(void* data, std::size_t size);
  MessageType type_;
  std::string_view payload_;
  std::size_t position_ = 0;
};

// A malformed frame.
class WireError : public std::exception {
 public:
  explicit WireError(std::string message) : message_(std::move(message)) {}
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  std::string message_;
};

enum class IoStatus { kOk, kTimeout, kClosed, kMalformed };

using Deadline = std::optional<std::chrono::steady_clock::time_point>;  // none: wait for ever

// Sends a whole frame. kClosed when the other end has gone. Never raises SIGPIPE.
IoStatus SendFrame(int fd, const std::string& frame, Deadline deadline);
// Receives one frame into `buffer` (type, then payload in `payload`). kMalformed for a frame
// longer than `max_length` or of length 0.
IoStatus ReceiveFrame(int fd, Deadline deadline, std::size_t max_length, std::string& buffer, MessageType& type,
                      std::string_view& payload);

}  // namespace parley::internal

#endif  // PARLEY_ISOLATION_WIRE_H_
