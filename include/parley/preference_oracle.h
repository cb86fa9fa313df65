// Elicitation: a negotiator that does not know its utility function may ask about its own
// preferences, at a cost charged to its score. Two kinds of question exist, one per protocol that
// allows them (docs/negotiation.md#elicitation):
//   - ElicitRank (protocol "saop" with elicitation_cost > 0): where does an outcome rank among the
//     outcomes the party has ranked so far? GENIUS 10.4's User.elicitRank.
//   - Compare (protocol "shaop"): which of these options are better, which worse, than this
//     outcome? GeniusWeb's ElicitComparison, answered by a Comparison.
// The protocol gives each negotiator an oracle in NegotiatorContext::oracle (null when the
// protocol allows no elicitation) that answers truthfully from the party's true profile. A rank
// question costs the protocol's elicitation_cost, or, for a party with partial knowledge whose
// GENIUS uncertain profile declares <elicitation_cost>, that (GENIUS 10.4's rule). Calls are
// synchronous and allowed only inside Act(): each is recorded in the trace as a step of kind
// kElicit, before the action the turn ends with. Asking the kind of question the protocol does not
// allow, or asking outside Act(), throws UsageError (a fault of the negotiator when inside Act()).
// What the answers teach is folded into the party's NegotiatorContext::known when the turn ends
// (a known ranking grows as Ranking() does; other knowledge gains the answers' relations), so
// that a negotiator sees it from its next call on; a party with full information keeps none.
//
// An oracle belongs to one negotiator of one negotiation and is not thread-safe.
#ifndef PARLEY_PREFERENCE_ORACLE_H_
#define PARLEY_PREFERENCE_ORACLE_H_

#include <cstdint>
#include <span>
#include <vector>

#include "parley/outcome_space.h"

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

// The answer to Compare: the options strictly better than the compared outcome and those strictly
// worse, each in the order they were asked; options worth exactly as much are in neither list.
struct ComparisonAnswer {
  std::vector<Outcome> better;
  std::vector<Outcome> worse;
};

class PreferenceOracle {
 public:
  enum class Question { kRank, kComparison };

  virtual ~PreferenceOracle() = default;

  // Whether the protocol allows this kind of question.
  virtual bool Allows(Question question) const = 0;

  // The ranking of outcomes the party knows, worst first: at the start its user model (the
  // ranking of NegotiatorContext::known, or the worst and best outcomes when it has none), then
  // with every outcome ElicitRank has inserted.
  virtual const std::vector<Outcome>& Ranking() const = 0;
  // Inserts `outcome` into Ranking() where its true utility puts it and returns its position
  // there (0 = worst). Free when the outcome is ranked already (its position is returned); else
  // charged once, even when, as in GENIUS, it is not inserted because it is worth at least as much
  // as the best ranked outcome (then the result is Ranking().size()). Throws UsageError under a
  // protocol that does not allow rank questions or for an outcome not valid in the space.
  virtual std::size_t ElicitRank(const Outcome& outcome) = 0;
  // Compares `outcome` with each of `options` (at least one) by true utility; every call is
  // charged. Throws UsageError under a protocol that does not allow comparisons, for no options,
  // or for an outcome not valid in the space.
  virtual ComparisonAnswer Compare(const Outcome& outcome, std::span<const Outcome> options) = 0;

  // What the party has been charged so far, and how many questions it has asked (free repeats
  // of ElicitRank included).
  virtual double cost() const = 0;
  virtual std::uint64_t requests() const = 0;
};

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_PREFERENCE_ORACLE_H_
