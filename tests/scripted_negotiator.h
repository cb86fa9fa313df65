// A test-only negotiator that plays a fixed script of moves and records everything the protocol
// tells it (its context, every turn state, every observed action, the final result), so that
// protocol tests can drive a negotiation move by move and check what each party saw.
//
// It is deliberately not registered: tests construct it directly and pass raw pointers to
// Protocol::Run. Besides ordinary moves it can misbehave on purpose (throw, propose an arbitrary
// vector, sleep) to exercise the protocol's fault handling and deadlines.
#ifndef PARLEY_TESTS_SCRIPTED_NEGOTIATOR_H_
#define PARLEY_TESTS_SCRIPTED_NEGOTIATOR_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "parley/negotiator.h"
#include "parley/protocol.h"

namespace parley::testing {

class ScriptedNegotiator final : public Negotiator {
 public:
  // One scripted turn.
  struct Move {
    enum class Kind {
      kOffer,         // write `values` into the proposal buffer (resizing it if needed), offer
      kAccept,        // accept whatever is on the table
      kEnd,           // walk away
      kThrow,         // throw std::runtime_error(message)
      kThrowUnknown,  // throw something that is not a std::exception
      kBadAction,     // return an ActionType value outside the enum
      kShrinkAccept,  // shrink the proposal buffer to nothing, then accept
    };
    Kind kind = Kind::kOffer;
    std::vector<double> values;
    std::string message;
  };

  static Move Offer(std::vector<double> values) { return {Move::Kind::kOffer, std::move(values), {}}; }
  static Move Accept() { return {Move::Kind::kAccept, {}, {}}; }
  static Move End() { return {Move::Kind::kEnd, {}, {}}; }
  static Move Throw(std::string message) { return {Move::Kind::kThrow, {}, std::move(message)}; }
  static Move ThrowUnknown() { return {Move::Kind::kThrowUnknown, {}, {}}; }
  static Move BadAction() { return {Move::Kind::kBadAction, {}, {}}; }
  static Move ShrinkAccept() { return {Move::Kind::kShrinkAccept, {}, {}}; }

  // What the negotiator saw when asked to act, with the offer copied out.
  struct Turn {
    std::uint64_t step = 0;
    std::uint64_t round = 0;
    double time = 0.0;
    std::optional<Outcome> offer;
    std::size_t offerer = 0;
    std::size_t acceptances = 0;
    double offer_utility = 0.0;
    std::size_t proposal_size = 0;  // size of the proposal buffer on entry
  };

  // An action it observed, with the offer copied out.
  struct Seen {
    std::size_t party = 0;
    ActionType type = ActionType::kOffer;
    std::optional<Outcome> offer;
    double offer_utility = 0.0;
    std::uint64_t step = 0;
    std::uint64_t round = 0;
    double time = 0.0;
  };

  // Plays `script` in order, then `fallback` on every later turn.
  explicit ScriptedNegotiator(std::vector<Move> script, Move fallback = End())
      : script_(std::move(script)), fallback_(std::move(fallback)) {}

  // Misbehaviour switches.
  void set_throw_in_begin(bool value) { throw_in_begin_ = value; }
  // Throws from Observe when shown the action of this step.
  void set_throw_when_observing_step(std::uint64_t step) { throw_observing_step_ = step; }
  // Sleeps this long at the start of every turn.
  void set_sleep_per_turn(std::chrono::milliseconds duration) { sleep_ = duration; }

  void Begin(const NegotiatorContext& context) override {
    ++begin_calls_;
    context_ = context;
    if (throw_in_begin_) throw std::runtime_error("scripted failure in Begin");
  }

  ActionType Act(const TurnState& state, Outcome& proposal) override {
    Turn turn;
    turn.step = state.step;
    turn.round = state.round;
    turn.time = state.time;
    if (state.current_offer) turn.offer = *state.current_offer;
    turn.offerer = state.offerer;
    turn.acceptances = state.acceptances;
    turn.offer_utility = state.current_offer_utility;
    turn.proposal_size = proposal.size();
    turns_.push_back(turn);
    if (sleep_.count() > 0) std::this_thread::sleep_for(sleep_);

    const Move& move = next_move_ < script_.size() ? script_[next_move_++] : fallback_;
    switch (move.kind) {
      case Move::Kind::kOffer:
        if (proposal.size() != move.values.size()) proposal = Outcome(move.values.size());
        for (std::size_t i = 0; i < move.values.size(); ++i) proposal[i] = move.values[i];
        return ActionType::kOffer;
      case Move::Kind::kAccept: return ActionType::kAccept;
      case Move::Kind::kEnd: return ActionType::kEndNegotiation;
      case Move::Kind::kThrow: throw std::runtime_error(move.message);
      case Move::Kind::kThrowUnknown: throw 42;
      case Move::Kind::kBadAction: return static_cast<ActionType>(97);
      case Move::Kind::kShrinkAccept:
        proposal = Outcome();
        return ActionType::kAccept;
    }
    return ActionType::kEndNegotiation;
  }

  void Observe(const ObservedAction& action) override {
    Seen seen;
    seen.party = action.party;
    seen.type = action.type;
    if (action.offer) seen.offer = *action.offer;
    seen.offer_utility = action.offer_utility;
    seen.step = action.step;
    seen.round = action.round;
    seen.time = action.time;
    seen_.push_back(seen);
    if (throw_observing_step_ && *throw_observing_step_ == action.step) {
      throw std::runtime_error("scripted failure in Observe");
    }
  }

  void Finish(const NegotiationResult& result) override {
    ++finish_calls_;
    finish_reason_ = result.end_reason;
    finish_begun_ = begin_calls_ > 0;
  }

  const NegotiatorContext& context() const { return context_; }
  const std::vector<Turn>& turns() const { return turns_; }
  const std::vector<Seen>& seen() const { return seen_; }
  int begin_calls() const { return begin_calls_; }
  int finish_calls() const { return finish_calls_; }
  // Whether Begin had been called when Finish was.
  bool finish_after_begin() const { return finish_begun_; }
  std::optional<EndReason> finish_reason() const { return finish_reason_; }

 private:
  std::vector<Move> script_;
  Move fallback_;
  std::size_t next_move_ = 0;
  bool throw_in_begin_ = false;
  std::optional<std::uint64_t> throw_observing_step_;
  std::chrono::milliseconds sleep_{0};

  NegotiatorContext context_;
  std::vector<Turn> turns_;
  std::vector<Seen> seen_;
  int begin_calls_ = 0;
  int finish_calls_ = 0;
  bool finish_begun_ = false;
  std::optional<EndReason> finish_reason_;
};

}  // namespace parley::testing

#endif  // PARLEY_TESTS_SCRIPTED_NEGOTIATOR_H_
