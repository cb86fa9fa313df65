// Mediators: components that stand between parties who do not talk to each other directly.
//
// In a single-text negotiation the mediator puts a text (a complete outcome) to the parties,
// each party accepts or vetoes it (and may say whether it is better, the same or worse for it
// than the previous text), and the mediator moves to a new text. In a shuttle negotiation the
// parties make offers and answers as in SAOP, but every message goes to the mediator, which
// forwards it, withholds it or replaces it with a package of its own.
//
// What a mediator may know is explicit: the MediatorContext lists, per party, the profile that
// party chose to disclose to the mediators (or nothing). Protocols never pass a party's
// disclosure, votes or feedback to another party. Mediators are registered by name like
// negotiators and created from specs ("hill-climb", "feedback(steps=2)").
#ifndef PARLEY_MEDIATOR_H_
#define PARLEY_MEDIATOR_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "parley/negotiator.h"
#include "parley/outcome_space.h"
#include "parley/registry.h"
#include "parley/scenario.h"

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

std::string_view FeedbackName(Feedback feedback);

struct MediatorContext {
  const OutcomeSpace* space = nullptr;
  std::size_t party_count = 0;
  std::size_t mediator = 0;  // this mediator's position; 0 is the lead
  std::size_t mediator_count = 0;
  // disclosed[p]: the profile party p told the mediators, or nullptr. Private to the mediators.
  std::vector<const Profile*> disclosed;
  // The mediator's own interests, when it has a stake (a neighbouring state); else nullptr.
  const Profile* own_interests = nullptr;
  std::uint64_t max_rounds = 0;
  std::uint64_t seed = 0;
};

// What a single-text mediator knows when asked for the next text.
struct TextState {
  std::uint64_t round = 0;
  double time = 0.0;
  // The last text every party accepted, or nullptr if none has been.
  const Outcome* accepted_text = nullptr;
  // The previous text put to the parties and the answers to it (nullptr in the first round).
  const Outcome* previous_text = nullptr;
  const std::vector<Vote>* previous_votes = nullptr;
  const std::vector<Feedback>* previous_feedback = nullptr;
};

enum class RelayDecision { kForward, kWithhold, kReplace };

// What a shuttle mediator knows when a party's offer reaches it.
struct RelayState {
  std::uint64_t step = 0;
  std::uint64_t round = 0;
  double time = 0.0;
  std::size_t from = 0;                // the party that made the offer
  const Outcome* delivered = nullptr;  // the offer currently on the parties' table, or nullptr
};

class Mediator {
 public:
  virtual ~Mediator() = default;
  virtual void Begin(const MediatorContext& context) = 0;

  // Single text: writes the next text into `text` (sized to the space) and returns true, or
  // returns false to stop the negotiation. The default throws UsageError: not every mediator
  // runs single-text negotiations.
  virtual bool ProposeText(const TextState& state, Outcome& text);
  // Single text: the parties' answers to `text` (votes always; feedback when the protocol asks).
  virtual void ObserveAnswers(const Outcome& /*text*/, const std::vector<Vote>& /*votes*/,
                              const std::vector<Feedback>& /*feedback*/) {}

  // Shuttle: decide what to do with `offer` from state.from: forward it, withhold it, or write a
  // package into `replacement` and return kReplace. The default forwards.
  virtual RelayDecision Relay(const RelayState& state, const Outcome& offer, Outcome& replacement);
  // Shuttle: a party accepted the offer on its table.
  virtual void ObserveAcceptance(std::size_t /*party*/, const Outcome& /*offer*/) {}
};

template <>
struct RegistryTraits<Mediator> {
  static constexpr const char* kKind = "mediator";
};

using MediatorRegistry = Registry<Mediator>;

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_MEDIATOR_H_
