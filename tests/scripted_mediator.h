// A test-only single-text mediator that puts a fixed script of texts to the parties and records
// everything the protocol tells it (its context, every TextState, every set of answers), so that
// protocol tests can check what a mediator sees. Like ScriptedNegotiator it is not registered and
// can misbehave on purpose (throw, stop, write an invalid text).
#ifndef PARLEY_TESTS_SCRIPTED_MEDIATOR_H_
#define PARLEY_TESTS_SCRIPTED_MEDIATOR_H_

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "parley/mediator.h"

namespace parley::testing {

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

}  // namespace parley::testing

#endif  // PARLEY_TESTS_SCRIPTED_MEDIATOR_H_
