// Fuzz target: the stacked alternating offers protocol ("saop") driven by 2 to 4 scripted
// negotiators whose moves come from the fuzzer's bytes. Besides the invariants every protocol
// keeps (protocol_fuzzing.h), the result must equal that of a direct reading of the SAOP rules
// over the scripts (Expected below): same end, agreement, steps and party at fault.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include <fmt/format.h>
#include <fuzzer/FuzzedDataProvider.h>

#include "fuzz_support.h"
#include "parley/protocol.h"
#include "protocol_fuzzing.h"

namespace parley::fuzz {
namespace {

using Kind = ScriptedNegotiator::Move::Kind;

struct Reference {
  EndReason end = EndReason::kDeadline;
  std::optional<Outcome> agreement;
  std::optional<std::size_t> faulty;
  std::uint64_t steps = 0;
};

// SAOP as its documentation states it: parties begin in order (one that throws is at fault);
// in turn s party s mod n acts; an offer must be valid; accepting needs an offer on the table;
// the others observe each action in party order (one that throws is at fault); an offer is
// agreed once the n - 1 others have accepted it; the deadline falls after rounds * n turns.
Reference Expected(const Scenario& scenario, const std::vector<PartyScript>& scripts, std::uint64_t rounds) {
  const std::size_t n = scripts.size();
  Reference reference;
  for (std::size_t p = 0; p < n; ++p) {
    if (scripts[p].throw_in_begin) {
      reference.end = EndReason::kFault;
      reference.faulty = p;
      return reference;
    }
  }
  std::vector<std::size_t> next(n, 0);
  std::optional<Outcome> table;
  std::size_t acceptances = 0;
  for (std::uint64_t step = 0; step < rounds * n; ++step) {
    const std::size_t party = step % n;
    const PartyScript& script = scripts[party];
    const auto& move = next[party] < script.moves.size() ? script.moves[next[party]++] : script.fallback;
    reference.steps = step + 1;
    bool agreed = false;
    auto fault = [&] {
      reference.end = EndReason::kFault;
      reference.faulty = party;
      return reference;
    };
    switch (move.kind) {
      case Kind::kOffer: {
        const Outcome offer(move.values);
        if (!scenario.space().IsValid(offer)) return fault();
        table = offer;
        acceptances = 0;
        break;
      }
      case Kind::kAccept:
      case Kind::kShrinkAccept:
        if (!table) return fault();
        agreed = ++acceptances == n - 1;
        break;
      case Kind::kEnd: break;
      case Kind::kThrow:
      case Kind::kThrowUnknown:
        reference.steps = step;  // a turn that throws is not taken
        return fault();
      case Kind::kBadAction: return fault();
    }
    for (std::size_t p = 0; p < n; ++p) {
      if (p != party && scripts[p].throw_observing_step == step) {
        reference.end = EndReason::kFault;
        reference.faulty = p;
        return reference;
      }
    }
    if (agreed) {
      reference.end = EndReason::kAgreement;
      reference.agreement = table;
      return reference;
    }
    if (move.kind == Kind::kEnd) {
      reference.end = EndReason::kEndedByParty;
      return reference;
    }
  }
  return reference;
}

}  // namespace
}  // namespace parley::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace parley;
  using namespace parley::fuzz;
  FuzzedDataProvider in(data, size);
  const ProtocolSetup setup = FuzzedSetup(in, 4);
  const Scenario& scenario = *setup.scenario;
  const NegotiationOptions& options = setup.options;
  std::vector<PartyScript> scripts;
  for (std::size_t p = 0; p < setup.parties; ++p) scripts.push_back(FuzzedScript(in, scenario.space(), 16));

  const ScriptedParties parties = MakeParties(scripts, setup, "saop");
  const NegotiationResult result = ProtocolRegistry::Create("saop")->Run(scenario, parties.pointers, options);
  CheckResult(setup, "saop", result, parties);

  const Reference expected = Expected(scenario, scripts, options.rounds);
  Require(result.end_reason == expected.end,
          fmt::format("ended with {} where the rules say {}", EndReasonName(result.end_reason),
                      EndReasonName(expected.end)));
  Require(result.agreement == expected.agreement, "the agreement differs from the rules'");
  Require(result.steps == expected.steps, fmt::format("{} steps where the rules say {}", result.steps, expected.steps));
  if (expected.faulty) Require(result.fault->party == *expected.faulty, "another party is at fault than the rules say");
  if (options.record_trace) Require(result.trace.size() <= result.steps, "more trace entries than steps");
  return 0;
}
