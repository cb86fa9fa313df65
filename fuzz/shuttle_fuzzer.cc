// Fuzz target: the shuttle protocol ("shuttle") driven by 2 to 4 scripted negotiators and a lead
// mediator that forwards, withholds or replaces offers (valid or not), throws or answers nonsense
// as the fuzzer's bytes say. Besides the invariants every protocol keeps (protocol_fuzzing.h):
// a party is only shown offers the mediator delivered, and when the mediator forwards everything
// the negotiation ends exactly as stacked alternating offers would with the same scripts (the
// equivalence src/protocols/shuttle.cc argues for).
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

using testing::ScriptedRelay;

std::vector<ScriptedRelay::Move> FuzzedRelayScript(FuzzedDataProvider& in, const OutcomeSpace& space) {
  using Kind = ScriptedRelay::Move::Kind;
  std::vector<ScriptedRelay::Move> script;
  const std::size_t count = in.ConsumeIntegralInRange<std::size_t>(0, 12);
  for (std::size_t i = 0; i < count; ++i) {
    const int kind = in.ConsumeIntegralInRange(0, 15);
    if (kind < 7)
      script.push_back({Kind::kForward, {}});
    else if (kind < 10)
      script.push_back({Kind::kWithhold, {}});
    else if (kind < 13)
      script.push_back({Kind::kReplace, FuzzedValues(in, space)});
    else if (kind == 13)
      script.push_back({Kind::kThrow, {}});
    else if (kind == 14)
      script.push_back({Kind::kUnknown, {}});
    else
      script.push_back({Kind::kShrink, {}});
  }
  return script;
}

struct Run {
  ScriptedParties parties;
  WitnessedMediators mediators;
  NegotiationResult result;
};

Run Play(const std::string& protocol, const ProtocolSetup& setup, const std::vector<PartyScript>& scripts,
         const std::vector<Mediator*>& mediators) {
  Run run{MakeParties(scripts, setup, protocol), Witnessed(mediators, setup, protocol), {}};
  run.result = ProtocolRegistry::Create(protocol)->Run(*setup.scenario, run.parties.pointers, run.mediators.pointers,
                                                       setup.options);
  return run;
}

}  // namespace
}  // namespace parley::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace parley;
  using namespace parley::fuzz;
  FuzzedDataProvider in(data, size);
  const ProtocolSetup setup = FuzzedSetup(in, 4);
  const std::size_t n = setup.parties;
  const Scenario& scenario = *setup.scenario;
  const OutcomeSpace& space = scenario.space();
  const bool disclosed = in.ConsumeBool();

  const std::vector<ScriptedRelay::Move> relay_script = FuzzedRelayScript(in, space);
  const int misbehaviour = in.ConsumeIntegralInRange(0, 15);
  ScriptedRelay lead(relay_script);
  lead.set_throw_in_begin(misbehaviour == 0);
  lead.set_throw_on_acceptance(misbehaviour == 1);
  const bool co_mediator = in.ConsumeBool();
  ScriptedRelay second;
  std::vector<Mediator*> mediators = {&lead};
  if (co_mediator) mediators.push_back(&second);

  std::vector<PartyScript> scripts;
  for (std::size_t p = 0; p < n; ++p) scripts.push_back(FuzzedScript(in, space, 16));

  const std::string protocol = fmt::format("shuttle(disclosed={})", disclosed);
  const Run shuttle = Play(protocol, setup, scripts, mediators);
  CheckResult(setup, protocol, shuttle.result, shuttle.parties, shuttle.mediators);
  for (const auto& party : shuttle.parties.negotiators) {
    for (const auto& seen : party->seen()) {
      Require(seen.type == ActionType::kOffer, "a party observed something other than a delivered offer");
    }
  }

  bool forwards_everything = misbehaviour > 1;
  for (const auto& move : relay_script) forwards_everything &= move.kind == ScriptedRelay::Move::Kind::kForward;
  for (const auto& script : scripts) forwards_everything &= !script.throw_observing_step;
  if (forwards_everything) {
    const Run saop = Play("saop", setup, scripts, {});
    Require(shuttle.result.end_reason == saop.result.end_reason,
            fmt::format("forwarding shuttle ended with {} but SAOP with {}", EndReasonName(shuttle.result.end_reason),
                        EndReasonName(saop.result.end_reason)));
    Require(shuttle.result.agreement == saop.result.agreement, "forwarding shuttle and SAOP agree differently");
    Require(shuttle.result.steps == saop.result.steps,
            fmt::format("forwarding shuttle took {} steps, SAOP {}", shuttle.result.steps, saop.result.steps));
    Require(shuttle.result.fault.has_value() == saop.result.fault.has_value() &&
                (!shuttle.result.fault || shuttle.result.fault->party == saop.result.fault->party),
            "forwarding shuttle and SAOP blame different parties");
  }
  return 0;
}
