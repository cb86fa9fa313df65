#include "protocol_fuzzing.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "fuzz_support.h"
#include "parley/utility.h"

namespace parley::fuzz {
namespace {

using Move = ScriptedNegotiator::Move;

// Numbers a misbehaving negotiator might write, besides arbitrary ones.
constexpr double kOddValues[] = {std::numeric_limits<double>::quiet_NaN(),
                                 std::numeric_limits<double>::infinity(),
                                 -std::numeric_limits<double>::infinity(),
                                 -0.0,
                                 -1.0,
                                 0.5,
                                 3.0,
                                 5.0,
                                 1e300,
                                 std::numeric_limits<double>::denorm_min()};

double OddValue(FuzzedDataProvider& in) {
  if (in.ConsumeBool()) return in.ConsumeFloatingPoint<double>();
  return kOddValues[in.ConsumeIntegralInRange<std::size_t>(0, std::size(kOddValues) - 1)];
}

Move FuzzedMove(FuzzedDataProvider& in, const OutcomeSpace& space) {
  const int kind = in.ConsumeIntegralInRange(0, 31);
  if (kind < 14) return ScriptedNegotiator::Offer(FuzzedValues(in, space));
  if (kind < 24) return ScriptedNegotiator::Accept();
  if (kind < 27) return ScriptedNegotiator::End();
  switch (kind) {
    case 27: return ScriptedNegotiator::Throw("scripted failure in Act");
    case 28: return ScriptedNegotiator::ThrowUnknown();
    case 29: return ScriptedNegotiator::BadAction();
    case 30: return ScriptedNegotiator::ShrinkAccept();
    default: return ScriptedNegotiator::Offer(FuzzedValues(in, space));
  }
}

}  // namespace

std::vector<double> FuzzedValues(FuzzedDataProvider& in, const OutcomeSpace& space) {
  std::vector<double> values;
  if (in.ConsumeIntegralInRange(0, 7) == 0) {
    const std::size_t count = in.ConsumeIntegralInRange<std::size_t>(0, space.issue_count() + 1);
    for (std::size_t i = 0; i < count; ++i) values.push_back(OddValue(in));
    return values;
  }
  for (const Issue& issue : space.issues()) {
    if (issue.countable()) {
      values.push_back(issue.ValueAt(in.ConsumeIntegralInRange<std::uint64_t>(0, issue.cardinality() - 1)));
    } else {
      values.push_back(issue.lower() + in.ConsumeProbability<double>() * (issue.upper() - issue.lower()));
    }
  }
  return values;
}

std::unique_ptr<ScriptedNegotiator> PartyScript::Make() const {
  auto negotiator = std::make_unique<ScriptedNegotiator>(moves, fallback);
  negotiator->set_throw_in_begin(throw_in_begin);
  if (throw_observing_step) negotiator->set_throw_when_observing_step(*throw_observing_step);
  return negotiator;
}

PartyScript FuzzedScript(FuzzedDataProvider& in, const OutcomeSpace& space, std::size_t max_moves) {
  PartyScript script;
  const std::size_t count = in.ConsumeIntegralInRange<std::size_t>(0, max_moves);
  for (std::size_t i = 0; i < count; ++i) script.moves.push_back(FuzzedMove(in, space));
  switch (in.ConsumeIntegralInRange(0, 3)) {
    case 0: script.fallback = ScriptedNegotiator::End(); break;
    case 1: script.fallback = ScriptedNegotiator::Accept(); break;
    default: script.fallback = FuzzedMove(in, space); break;
  }
  const int misbehaviour = in.ConsumeIntegralInRange(0, 15);
  script.throw_in_begin = misbehaviour == 0;
  if (misbehaviour == 1) script.throw_observing_step = in.ConsumeIntegralInRange<std::uint64_t>(0, 64);
  return script;
}

void CheckResult(const ProtocolSetup& setup, const std::string& protocol, const NegotiationResult& result,
                 const ScriptedParties& parties, const WitnessedMediators& mediators) {
  std::vector<const conformance::NegotiatorWitness*> party_witnesses;
  for (const auto& witness : parties.witnesses) party_witnesses.push_back(witness.get());
  std::vector<const conformance::MediatorWitness*> mediator_witnesses;
  for (const auto& witness : mediators.witnesses) mediator_witnesses.push_back(witness.get());
  RequireNone(conformance::CheckProtocolContract(*setup.scenario, setup.options, protocol, result, party_witnesses,
                                                 mediator_witnesses));
}

ProtocolSetup FuzzedSetup(FuzzedDataProvider& in, std::size_t max_parties) {
  static const std::vector<Scenario> scenarios = {SmallScenario(2), SmallScenario(3), SmallScenario(4)};
  ProtocolSetup setup;
  setup.parties = in.ConsumeIntegralInRange<std::size_t>(2, std::min<std::size_t>(max_parties, 4));
  setup.scenario = &scenarios[setup.parties - 2];
  setup.options.rounds = in.ConsumeIntegralInRange<std::uint64_t>(1, 12);
  setup.options.seed = 7;
  setup.options.record_trace = in.ConsumeBool();
  return setup;
}

ScriptedParties MakeParties(const std::vector<PartyScript>& scripts, const ProtocolSetup& setup,
                            const std::string& protocol) {
  ScriptedParties parties;
  for (std::size_t p = 0; p < scripts.size(); ++p) {
    parties.negotiators.push_back(scripts[p].Make());
    parties.witnesses.push_back(std::make_unique<conformance::NegotiatorWitness>(
        *parties.negotiators.back(), *setup.scenario, p, setup.options, protocol, fmt::format("scripted party {}", p)));
    parties.pointers.push_back(parties.witnesses.back().get());
  }
  return parties;
}

WitnessedMediators Witnessed(const std::vector<Mediator*>& mediators, const ProtocolSetup& setup,
                             const std::string& protocol) {
  WitnessedMediators witnessed;
  for (std::size_t m = 0; m < mediators.size(); ++m) {
    witnessed.witnesses.push_back(std::make_unique<conformance::MediatorWitness>(
        *mediators[m], *setup.scenario, m, mediators.size(), setup.options, protocol));
    witnessed.pointers.push_back(witnessed.witnesses.back().get());
  }
  return witnessed;
}

}  // namespace parley::fuzz
