// Fuzz target: the single-text protocol ("single-text", with and without feedback and disclosed
// profiles) driven by 2 or 3 scripted negotiators and 1 or 2 scripted mediators whose texts,
// votes and failures come from the fuzzer's bytes. Besides the invariants every protocol keeps
// (protocol_fuzzing.h): unless a fault or a walk-away ended it, the agreement is the last text
// every party accepted, read off the scripts.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include <fmt/format.h>
#include <fuzzer/FuzzedDataProvider.h>

#include "fuzz_support.h"
#include "parley/mediator.h"
#include "parley/protocol.h"
#include "protocol_fuzzing.h"

namespace parley::fuzz {
namespace {

using testing::ScriptedMediator;
using Kind = ScriptedNegotiator::Move::Kind;

ScriptedMediator::Move FuzzedText(FuzzedDataProvider& in, const OutcomeSpace& space) {
  const int kind = in.ConsumeIntegralInRange(0, 15);
  if (kind == 0) return ScriptedMediator::Stop();
  if (kind == 1) return ScriptedMediator::Throw();
  return ScriptedMediator::Text(FuzzedValues(in, space));
}

std::unique_ptr<ScriptedMediator> FuzzedMediator(FuzzedDataProvider& in, const OutcomeSpace& space) {
  std::vector<ScriptedMediator::Move> script;
  const std::size_t count = in.ConsumeIntegralInRange<std::size_t>(0, 12);
  for (std::size_t i = 0; i < count; ++i) script.push_back(FuzzedText(in, space));
  auto mediator = std::make_unique<ScriptedMediator>(std::move(script), FuzzedText(in, space));
  const int misbehaviour = in.ConsumeIntegralInRange(0, 15);
  mediator->set_throw_in_begin(misbehaviour == 0);
  if (misbehaviour == 1) mediator->set_throw_when_observing(in.ConsumeIntegralInRange<std::size_t>(0, 12));
  return mediator;
}

// The move a scripted party played on its k-th turn.
const ScriptedNegotiator::Move& MoveAt(const PartyScript& script, std::size_t k) {
  return k < script.moves.size() ? script.moves[k] : script.fallback;
}

}  // namespace
}  // namespace parley::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace parley;
  using namespace parley::fuzz;
  FuzzedDataProvider in(data, size);
  const ProtocolSetup setup = FuzzedSetup(in, 3);
  const std::size_t n = setup.parties;
  const Scenario& scenario = *setup.scenario;
  const NegotiationOptions& options = setup.options;
  const OutcomeSpace& space = scenario.space();
  const bool feedback = in.ConsumeBool();
  const bool disclosed = in.ConsumeBool();

  std::vector<std::unique_ptr<testing::ScriptedMediator>> mediators;
  std::vector<Mediator*> mediator_pointers;
  const std::size_t m = in.ConsumeIntegralInRange<std::size_t>(1, 2);
  for (std::size_t i = 0; i < m; ++i) {
    mediators.push_back(FuzzedMediator(in, space));
    mediator_pointers.push_back(mediators.back().get());
  }
  std::vector<PartyScript> scripts;
  for (std::size_t p = 0; p < n; ++p) scripts.push_back(FuzzedScript(in, space, 12));
  const std::string protocol = fmt::format("single-text(feedback={},disclosed={})", feedback, disclosed);
  const ScriptedParties scripted = MakeParties(scripts, setup, protocol);
  const auto& parties = scripted.negotiators;
  const WitnessedMediators witnessed = Witnessed(mediator_pointers, setup, protocol);

  const NegotiationResult result =
      ProtocolRegistry::Create(protocol)->Run(scenario, scripted.pointers, witnessed.pointers, options);
  // What mediators are shown (valid texts, one vote per party, feedback from all or none) is part
  // of the contract CheckResult checks through the witnesses.
  CheckResult(setup, protocol, result, scripted, witnessed);
  // The texts every party accepted, by round, from the turns each party took and its script.
  std::optional<Outcome> last_accepted;
  for (std::size_t k = 0; k < parties[0]->turns().size(); ++k) {
    const auto& turn = parties[0]->turns()[k];
    bool everyone = true;
    for (std::size_t p = 0; p < n && everyone; ++p) {
      const auto& turns = parties[p]->turns();
      if (k >= turns.size() || turns[k].round != turn.round || turns[k].offer != turn.offer) {
        everyone = false;
        break;
      }
      const Kind kind = MoveAt(scripts[p], k).kind;
      everyone = kind == Kind::kAccept || kind == Kind::kShrinkAccept;
    }
    if (everyone) last_accepted = turn.offer;
  }
  if (result.end_reason != EndReason::kFault && result.end_reason != EndReason::kEndedByParty) {
    Require(result.agreement == last_accepted, "the agreement is not the last text every party accepted");
  }
  for (const auto& party : parties) {
    for (const auto& seen : party->seen()) {
      Require(seen.party == n && seen.type == ActionType::kAccept,
              "a party observed something other than the announcement of an accepted text");
    }
  }
  return 0;
}
