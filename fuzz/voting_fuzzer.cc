// Fuzz target: the voting protocols, GENIUS's "amop" and "majority" and NegMAS's "tau" (with or
// without accepting in any thread, in a shuffled order or not), one chosen by the first byte,
// driven by 2 to 4 scripted negotiators whose offers and votes come from the fuzzer's bytes: a
// scripted party offers with its moves and votes through the default Negotiator::VoteOn, which
// asks it to act on each other party's offer (accept: a vote for it). Besides the invariants every
// protocol keeps (protocol_fuzzing.h), the conformance library's referee derives the agreement
// from the trace by the protocol's rules (tests/conformance_referee.cc); under amop and majority
// the phases keep their shape: a bidding round has one offer per party and a voting round one
// vote per party and offer, unless the negotiation ended during it.
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fuzzer/FuzzedDataProvider.h>

#include "fuzz_support.h"
#include "parley/protocol.h"
#include "protocol_fuzzing.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace parley;
  using namespace parley::fuzz;
  FuzzedDataProvider in(data, size);
  static const char* const kProtocols[] = {"amop", "majority", "tau", "tau(accept_in_any_thread=false)",
                                           "tau(shuffle=false)"};
  const std::string protocol = kProtocols[in.ConsumeIntegralInRange<std::size_t>(0, std::size(kProtocols) - 1)];
  const ProtocolSetup setup = FuzzedSetup(in, 4);
  const Scenario& scenario = *setup.scenario;
  const NegotiationOptions& options = setup.options;
  std::vector<PartyScript> scripts;
  for (std::size_t p = 0; p < setup.parties; ++p) scripts.push_back(FuzzedScript(in, scenario.space(), 24));

  const ScriptedParties parties = MakeParties(scripts, setup, protocol);
  const NegotiationResult result = ProtocolRegistry::Create(protocol)->Run(scenario, parties.pointers, options);
  CheckResult(setup, protocol, result, parties);

  if (!options.record_trace || protocol.starts_with("tau")) return 0;
  const Trace& trace = result.trace;
  const std::size_t n = setup.parties;
  std::vector<std::size_t> moves(result.rounds, 0);
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const std::uint64_t round = trace.step(i).round;
    Require(round < result.rounds, fmt::format("a move in round {} of {}", round, result.rounds));
    ++moves[round];
  }
  for (std::uint64_t round = 0; round + 1 < result.rounds; ++round) {
    const std::size_t full = round % 2 == 0 ? n : n * n;
    Require(moves[round] == full,
            fmt::format("{} moves in completed round {}, where its phase has {}", moves[round], round, full));
  }
  return 0;
}
