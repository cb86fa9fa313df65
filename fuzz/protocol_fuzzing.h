// What the protocol fuzz targets share: negotiator scripts decoded from the fuzzer's bytes
// (played by the ScriptedNegotiator of tests/fixtures.h) on its SmallScenario, and the contract
// every protocol's result must keep whatever its negotiators do, checked by the conformance
// library (tests/conformance.h) from the result and from witnesses around every party.
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

#include "conformance.h"
#include "fixtures.h"
#include "parley/mediator.h"
#include "parley/outcome_space.h"
#include "parley/protocol.h"
#include "parley/scenario.h"

namespace parley::fuzz {

using testing::ScriptedNegotiator;
using testing::SmallScenario;

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
// the testing::SmallScenario for them, and options with a deadline of 1 to 12 rounds, a fixed
// seed and the trace on or off.
struct ProtocolSetup {
  std::size_t parties = 0;
  const Scenario* scenario = nullptr;
  NegotiationOptions options;
};
ProtocolSetup FuzzedSetup(FuzzedDataProvider& in, std::size_t max_parties);

// The negotiators that play `scripts` under `protocol`, each behind a conformance witness, and
// pointers to the witnesses in the same order, as Protocol::Run takes them.
struct ScriptedParties {
  std::vector<std::unique_ptr<ScriptedNegotiator>> negotiators;
  std::vector<std::unique_ptr<conformance::NegotiatorWitness>> witnesses;
  std::vector<Negotiator*> pointers;
};
ScriptedParties MakeParties(const std::vector<PartyScript>& scripts, const ProtocolSetup& setup,
                            const std::string& protocol);

// Mediators behind conformance witnesses, and pointers to the witnesses in the same order.
struct WitnessedMediators {
  std::vector<std::unique_ptr<conformance::MediatorWitness>> witnesses;
  std::vector<Mediator*> pointers;
};
WitnessedMediators Witnessed(const std::vector<Mediator*>& mediators, const ProtocolSetup& setup,
                             const std::string& protocol);

// Checks what every protocol promises (conformance::CheckProtocolContract) and breaks on the
// first violation.
void CheckResult(const ProtocolSetup& setup, const std::string& protocol, const NegotiationResult& result,
                 const ScriptedParties& parties, const WitnessedMediators& mediators = {});

}  // namespace parley::fuzz

#endif  // PARLEY_FUZZ_PROTOCOL_FUZZING_H_
