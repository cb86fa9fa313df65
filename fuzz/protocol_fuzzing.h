// What the protocol fuzz targets share: a small fixed scenario, negotiator scripts decoded from
// the fuzzer's bytes (tests/scripted_negotiator.h plays them), and the invariants every
// protocol's result must keep whatever its negotiators do.
//
// Scripts mix legal moves (valid offers, acceptances, walking away) with misbehaviour: offers
// of the wrong size or with values outside the space (NaN and infinities among them), accepting
// with nothing on the table, throwing from Begin, Act or Observe, returning an unknown action.
#ifndef PARLEY_FUZZ_PROTOCOL_FUZZING_H_
#define PARLEY_FUZZ_PROTOCOL_FUZZING_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fuzzer/FuzzedDataProvider.h>

#include "parley/outcome_space.h"
#include "parley/protocol.h"
#include "parley/scenario.h"
#include "scripted_negotiator.h"

namespace parley::fuzz {

using testing::ScriptedNegotiator;

// `parties` linear additive profiles over one discrete (3 values), one integer ([0, 4]) and one
// real ([0, 1]) issue, with reservation values and one discounted party.
Scenario SmallScenario(std::size_t parties);

// An outcome's values: usually a valid outcome; sometimes any numbers, of any count.
std::vector<double> FuzzedValues(FuzzedDataProvider& in, const OutcomeSpace& space);

// One party's behaviour, decoded once so that it can be played several times.
struct PartyScript {
  std::vector<ScriptedNegotiator::Move> moves;
  ScriptedNegotiator::Move fallback;
  bool throw_in_begin = false;
  std::optional<std::uint64_t> throw_observing_step;

  std::unique_ptr<ScriptedNegotiator> Make() const;
};

// A script of up to `max_moves` moves; misbehaviour is rarer than legal moves.
PartyScript FuzzedScript(FuzzedDataProvider& in, const OutcomeSpace& space, std::size_t max_moves);

// What every protocol target draws first: the number of parties (2 to `max_parties`, at most 4),
// the SmallScenario for them, and options with a deadline of 1 to 12 rounds, a fixed seed and the
// trace on or off.
struct ProtocolSetup {
  std::size_t parties = 0;
  const Scenario* scenario = nullptr;
  NegotiationOptions options;
};
ProtocolSetup FuzzedSetup(FuzzedDataProvider& in, std::size_t max_parties);

// The negotiators that play `scripts`, and pointers to them in the same order, as Protocol::Run
// takes them.
struct ScriptedParties {
  std::vector<std::unique_ptr<ScriptedNegotiator>> negotiators;
  std::vector<Negotiator*> pointers;
};
ScriptedParties MakeParties(const std::vector<PartyScript>& scripts);

// Checks what every protocol promises: a fault iff the end reason says so, naming a party or a
// mediator that exists; an agreement iff one was reached, valid, with each party's utilities
// those of its profile; no more rounds than the deadline; every negotiator that began finished
// exactly once and saw only valid offers.
void CheckResult(const Scenario& scenario, const NegotiationOptions& options, std::size_t mediator_count,
                 const NegotiationResult& result, const std::vector<std::unique_ptr<ScriptedNegotiator>>& parties);

}  // namespace parley::fuzz

#endif  // PARLEY_FUZZ_PROTOCOL_FUZZING_H_
