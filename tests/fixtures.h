// The fixtures the test suites and the fuzz targets share: generated scenarios (the same seed
// gives the same scenario) and scripted parties, a negotiator and two mediators that play a fixed
// script of moves and record everything the protocol tells them, so that a test can drive a
// negotiation move by move and check what each party saw.
//
// The scripted parties are deliberately not registered: tests construct them and pass raw
// pointers to Protocol::Run. Besides ordinary moves they misbehave on purpose (throw, propose an
// arbitrary vector, return an unknown action, sleep) to exercise the protocols' fault handling
// and deadlines. Nothing here depends on GoogleTest.
#ifndef PARLEY_TESTS_FIXTURES_H_
#define PARLEY_TESTS_FIXTURES_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "parley/mediator.h"
#include "parley/negotiator.h"
#include "parley/protocol.h"
#include "parley/scenario.h"

namespace parley::testing {

// --- Generated scenarios and options -----------------------------------------------------------

// A random scenario for generic tests: `parties` linear additive profiles over a space of
// `discrete_issues` discrete issues (2 to 6 values each) plus one small integer issue, with random
// weights, values, reservation values in [0, 0.5) and, if `discounted`, discount factors in
// [0.5, 1).
Scenario RandomLinearScenario(std::uint64_t seed, std::size_t parties, std::size_t discrete_issues,
                              bool discounted = false);

// `parties` (2 to 4 in use) linear additive profiles over one discrete (3 values), one integer
// ([0, 4]) and one real ([0, 1]) issue, so that the space cannot be enumerated; reservation values
// 0, 0.1, 0.2, 0.3 and party 1 discounted (0.9).
Scenario SmallScenario(std::size_t parties);

// Three parties over discrete and integer issues with tables whose best value is worth 1 and
// clamped lines: what every scenario format that writes can hold. Party 0's reservation value is
// the utility of one of its outcomes; with `discounted`, discount factors 0.5, 0.6 and 0.7.
Scenario PortableScenario(std::uint64_t seed, bool discounted);

// PortableScenario(seed, false) with every party's issue weights scaled to add up to about
// `weight_sum` and used as written (WeightRule::kAsGiven), as GENIUS reads a profile's weights:
// above 1 the cap at 1 decides the best outcomes.
Scenario AsWrittenWeightsScenario(std::uint64_t seed, double weight_sum);

// `parties` linear additive profiles (random weights and shapes from `seed`) over one issue of
// every kind an implementation must cope with: a discrete issue of 7 values, small (-5..5) and
// large (0..10^6) integer ranges, a real range, a real range of one point and a discrete issue of
// one value.
Scenario EveryIssueKindScenario(std::uint64_t seed, std::size_t parties);

// Four parties A, B, C, D on one issue "option" (a, b, c, d), no reservation values: A and C like a
// best (utility 1), B and D like c best; every other option is worth less to each. Under mopac
// each camp can form a coalition on its own best option.
Scenario TwoCampsScenario();

// Options for a negotiation with a deadline of `rounds` rounds, seeded with `seed`.
NegotiationOptions Rounds(std::uint64_t rounds, std::uint64_t seed);

// Uncertain reservation values (Parley JSON, uncertainty.h) with answers known in closed form. Two
// issues x, y in {0, 1}; A values each 1 at 1, B each 1 at 0, weights equal: packages give
// (u_A, u_B) = (1, 0) for (1, 1), (0, 1) for (0, 0), (0.5, 0.5) otherwise. r_A ~ U[0, 1], r_B ~
// U[0.25, 1]: a zone exists iff r_A < 1/2 and r_B < 1/2, so P = (1/2)(1/3) = 1/6; with p = 1/2,
// q = 1/3: V = pq(1 - pq) = 5/36, V_A = q^2 p(1 - p) = 1/36, V_B = p^2 q(1 - q) = 2/36, and the
// interaction V_AB = 2/36, so S = (1/5, 2/5), ST = (3/5, 4/5).
inline constexpr const char* kTwoIssueUncertainScenario = R"({
  "format": "parley-scenario", "version": 1, "name": "two issues",
  "issues": [{"name": "x", "values": ["0", "1"]}, {"name": "y", "values": ["0", "1"]}],
  "parties": [
    {"name": "A", "utility": {"type": "linear-additive", "weights": {"x": 1, "y": 1},
                              "values": {"x": {"0": 0, "1": 1}, "y": {"0": 0, "1": 1}}},
     "reservation_value": {"uniform": [0, 1], "estimate": 0.3}},
    {"name": "B", "utility": {"type": "linear-additive", "weights": {"x": 1, "y": 1},
                              "values": {"x": {"0": 1, "1": 0}, "y": {"0": 1, "1": 0}}},
     "reservation_value": {"uniform": [0.25, 1], "estimate": 0.3}}
  ]
})";

// --- Scripted negotiator -----------------------------------------------------------------------

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
      case Move::Kind::kShrinkAccept: proposal = Outcome(); return ActionType::kAccept;
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

// --- Scripted single-text mediator -------------------------------------------------------------

// Puts a fixed script of texts to the parties and records every TextState and set of answers.
class ScriptedMediator final : public Mediator {
 public:
  struct Move {
    enum class Kind { kText, kStop, kThrow };
    Kind kind = Kind::kText;
    std::vector<double> values;  // written into the text buffer as is (resizing it if needed)
  };
  static Move Text(std::vector<double> values) { return {Move::Kind::kText, std::move(values)}; }
  static Move Stop() { return {Move::Kind::kStop, {}}; }
  static Move Throw() { return {Move::Kind::kThrow, {}}; }

  // What it saw when asked for a text, copied out.
  struct Asked {
    std::uint64_t round = 0;
    double time = 0.0;
    std::optional<Outcome> accepted;
    std::optional<Outcome> previous;
    std::optional<std::vector<Vote>> previous_votes;
    std::optional<std::vector<Feedback>> previous_feedback;
  };
  struct Answers {
    Outcome text;
    std::vector<Vote> votes;
    std::vector<Feedback> feedback;
  };

  // Plays `script` in order, then `fallback` on every later request.
  explicit ScriptedMediator(std::vector<Move> script, Move fallback = Stop())
      : script_(std::move(script)), fallback_(std::move(fallback)) {}

  void set_throw_in_begin(bool value) { throw_in_begin_ = value; }
  // Throws from ObserveAnswers on its n-th call (0-based).
  void set_throw_when_observing(std::size_t call) { throw_observing_ = call; }

  void Begin(const MediatorContext& context) override {
    ++begin_calls_;
    context_ = context;
    if (throw_in_begin_) throw std::runtime_error("scripted mediator failure in Begin");
  }

  bool ProposeText(const TextState& state, Outcome& text) override {
    Asked asked;
    asked.round = state.round;
    asked.time = state.time;
    if (state.accepted_text) asked.accepted = *state.accepted_text;
    if (state.previous_text) asked.previous = *state.previous_text;
    if (state.previous_votes) asked.previous_votes = *state.previous_votes;
    if (state.previous_feedback) asked.previous_feedback = *state.previous_feedback;
    asked_.push_back(std::move(asked));
    const Move& move = next_ < script_.size() ? script_[next_++] : fallback_;
    switch (move.kind) {
      case Move::Kind::kText:
        if (text.size() != move.values.size()) text = Outcome(move.values.size());
        for (std::size_t i = 0; i < move.values.size(); ++i) text[i] = move.values[i];
        return true;
      case Move::Kind::kStop: return false;
      case Move::Kind::kThrow: throw std::runtime_error("scripted mediator failure in ProposeText");
    }
    return false;
  }

  void ObserveAnswers(const Outcome& text, const std::vector<Vote>& votes,
                      const std::vector<Feedback>& feedback) override {
    answers_.push_back({text, votes, feedback});
    if (throw_observing_ && *throw_observing_ == answers_.size() - 1) {
      throw std::runtime_error("scripted mediator failure in ObserveAnswers");
    }
  }

  const MediatorContext& context() const { return context_; }
  int begin_calls() const { return begin_calls_; }
  const std::vector<Asked>& asked() const { return asked_; }
  const std::vector<Answers>& answers() const { return answers_; }

 private:
  std::vector<Move> script_;
  Move fallback_;
  std::size_t next_ = 0;
  bool throw_in_begin_ = false;
  std::optional<std::size_t> throw_observing_;
  MediatorContext context_;
  int begin_calls_ = 0;
  std::vector<Asked> asked_;
  std::vector<Answers> answers_;
};

// --- Scripted shuttle mediator -----------------------------------------------------------------

// Plays a fixed list of relay decisions (then forwards) and records what it is told.
class ScriptedRelay final : public Mediator {
 public:
  struct Move {
    enum class Kind { kForward, kWithhold, kReplace, kThrow, kUnknown, kShrink };
    Kind kind = Kind::kForward;
    std::vector<double> package;
  };
  static Move Forward() { return {Move::Kind::kForward, {}}; }
  static Move Withhold() { return {Move::Kind::kWithhold, {}}; }
  static Move Replace(std::vector<double> package) { return {Move::Kind::kReplace, std::move(package)}; }
  static Move Throw() { return {Move::Kind::kThrow, {}}; }
  // Returns a RelayDecision value outside the enum.
  static Move Unknown() { return {Move::Kind::kUnknown, {}}; }
  // Shrinks the replacement buffer to nothing and returns kReplace.
  static Move Shrink() { return {Move::Kind::kShrink, {}}; }

  // An offer it was asked to relay; state.delivered is cleared, its outcome copied to `delivered`.
  struct Relayed {
    RelayState state;
    std::optional<Outcome> delivered;
    Outcome offer;
  };

  explicit ScriptedRelay(std::vector<Move> script = {}) : script_(std::move(script)) {}
  void set_throw_in_begin(bool value) { throw_in_begin_ = value; }
  void set_throw_on_acceptance(bool value) { throw_on_acceptance_ = value; }

  void Begin(const MediatorContext& context) override {
    ++begin_calls_;
    context_ = context;
    if (throw_in_begin_) throw std::runtime_error("scripted mediator failure in Begin");
  }

  RelayDecision Relay(const RelayState& state, const Outcome& offer, Outcome& replacement) override {
    Relayed relayed{state, std::nullopt, offer};
    if (state.delivered) relayed.delivered = *state.delivered;
    relayed.state.delivered = nullptr;
    relayed_.push_back(relayed);
    const Move move = next_ < script_.size() ? script_[next_++] : Forward();
    switch (move.kind) {
      case Move::Kind::kForward: return RelayDecision::kForward;
      case Move::Kind::kWithhold: return RelayDecision::kWithhold;
      case Move::Kind::kReplace: replacement = Outcome(move.package); return RelayDecision::kReplace;
      case Move::Kind::kThrow: throw std::runtime_error("scripted mediator failure in Relay");
      case Move::Kind::kUnknown: return static_cast<RelayDecision>(41);
      case Move::Kind::kShrink: replacement = Outcome(); return RelayDecision::kReplace;
    }
    return RelayDecision::kForward;
  }

  void ObserveAcceptance(std::size_t party, const Outcome& offer) override {
    acceptances_.push_back({party, offer});
    if (throw_on_acceptance_) throw std::runtime_error("scripted mediator failure in ObserveAcceptance");
  }

  const MediatorContext& context() const { return context_; }
  int begin_calls() const { return begin_calls_; }
  const std::vector<Relayed>& relayed() const { return relayed_; }
  const std::vector<std::pair<std::size_t, Outcome>>& acceptances() const { return acceptances_; }

 private:
  std::vector<Move> script_;
  std::size_t next_ = 0;
  bool throw_in_begin_ = false;
  bool throw_on_acceptance_ = false;
  MediatorContext context_;
  int begin_calls_ = 0;
  std::vector<Relayed> relayed_;
  std::vector<std::pair<std::size_t, Outcome>> acceptances_;
};

}  // namespace parley::testing

#endif  // PARLEY_TESTS_FIXTURES_H_
