// Fuzz target: specs ("boa(bidding=time(e=0.2),acceptance=next)") and the negotiators they
// create. Arbitrary text must parse or be refused with UsageError; a parsed spec must print as
// text that parses back to the same spec; a negotiator the registry creates from it must play a
// short negotiation against Boulware on a small scenario (and against itself in a three-party
// one) without a fault and within the protocol's contract (conformance::CheckNegotiation):
// parameters a negotiator accepts must not make it fail later.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "conformance.h"
#include "fixtures.h"
#include "fuzz_support.h"
#include "parley/error.h"
#include "parley/negotiator.h"
#include "parley/protocol.h"
#include "parley/spec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace parley;
  const std::string text = fuzz::Text(data, size);
  Spec spec;
  try {
    spec = Spec::Parse(text);
  } catch (const UsageError&) {
    return 0;
  }
  const std::string canonical = spec.ToString();
  Spec again;
  try {
    again = Spec::Parse(canonical);
  } catch (const UsageError& e) {
    fuzz::Broken(fmt::format("'{}' parses but its canonical text '{}' does not: {}", text, canonical, e.what()));
  }
  fuzz::Require(again == spec, fmt::format("'{}' reads back from '{}' as another spec", text, canonical));

  try {
    NegotiatorRegistry::Create(spec);
  } catch (const UsageError&) {
    return 0;
  }
  static const Scenario two = testing::SmallScenario(2);
  static const Scenario three = testing::SmallScenario(3);
  // No fault, and the protocol's contract kept; parameters may make a negotiator irrational
  // (random(rational=false)), so rationality is not asked.
  conformance::PartyContract contract;
  contract.rational = false;
  contract.reproducible = false;
  for (const auto& [scenario, specs] : {std::pair{&two, std::vector<std::string>{canonical, "boulware"}},
                                        std::pair{&three, std::vector<std::string>{canonical, canonical, canonical}}}) {
    conformance::NegotiationCase negotiation;
    negotiation.scenario = scenario;
    negotiation.negotiators = specs;
    negotiation.options.rounds = 12;
    negotiation.options.seed = 11;
    negotiation.options.record_trace = false;
    fuzz::RequireNone(conformance::CheckNegotiation(negotiation, contract));
  }
  return 0;
}
