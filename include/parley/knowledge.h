// Knowledge specs: what a party knows of its own preferences in a negotiation, written as the
// CLI (`parley negotiate --knowledge`) and tournaments take it, and turned into the
// NegotiationOptions::knowledge that the protocols apply (parley/protocol.h):
//
//   full                                the whole profile (the default)
//   ranked(k=10, seed=0)                RandomRanking of k outcomes drawn with `seed`
//   genius(comparisons=10, seed=314)    GENIUS 9.1.10's user model (GeniusUserModel); seed 0 is
//                                       GENIUS's unseeded shuffle, for which the party's own
//                                       negotiation seed is used instead
//   genius10(comparisons=10, seed=314)  GENIUS 10.4's user model (Genius10UserModel): `comparisons`
//                                       bids, always the worst and the best; seeds as genius(...)
//   file(path=...)                      a GeniusWeb partial ordering (DefaultPartialOrdering JSON,
//                                       docs/formats/geniusweb-json.md) over the scenario's issues
//   auto                                what a GENIUS profile of type "uncertain" declares (its
//                                       <comparisons> and <fixed_seed>: genius(...)); full for
//                                       every other profile. Its <elicitation_cost> is what the
//                                       party pays per rank question (preference_oracle.h)
//
// docs/uncertainty.md ("Partial preferences") explains them. Thread-safe; reads files only for
// file(...).
#ifndef PARLEY_KNOWLEDGE_H_
#define PARLEY_KNOWLEDGE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parley/partial_preferences.h"
#include "parley/protocol.h"
#include "parley/scenario.h"

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

// What party `party` of `scenario` knows under `spec`; nullptr for "full". `party_seed` stands in
// for GENIUS's unseeded shuffle. Throws UsageError for an unknown kind or parameter and for what
// the scenario cannot give (GENIUS's user model of a space with a real issue), InputError for a
// file that does not read.
std::shared_ptr<const PartialPreferences> KnowledgeFromSpec(const Scenario& scenario, std::size_t party,
                                                            std::string_view spec, std::uint64_t party_seed);

// Sets options.knowledge from one spec per party, or from a single spec for every party, each
// party's seed being the one the protocol gives its negotiator; and options.estimators likewise
// from `estimators` (empty: the protocols' default). Throws UsageError for a list of another
// length, and as KnowledgeFromSpec.
void SetKnowledge(const Scenario& scenario, const std::vector<std::string>& specs,
                  const std::vector<std::string>& estimators, NegotiationOptions& options);

// A GeniusWeb partial ordering (a profile file {"DefaultPartialOrdering": {"name", "domain",
// "bids", "better", "reservationBid"}}) read over `space`: each bid must give a value of every
// issue of the space by name, "better" lists pairs [i, j] of bids where bid i is at least as
// good as bid j. Throws InputError naming the file and the place in it.
PartialPreferences ReadPartialPreferences(const std::string& path, std::shared_ptr<const OutcomeSpace> space);
// Writes `known` as such a file for the profile `name` (its domain listed from the space), one
// relation per element of "better" in the order of known.relations(). Throws UsageError for a
// space with a real issue, InputError when the file cannot be written.
void WritePartialPreferences(const PartialPreferences& known, const std::string& name, const std::string& path);

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_KNOWLEDGE_H_
