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

bool SameNumber(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

}  // namespace

Scenario SmallScenario(std::size_t parties) {
  auto space = std::make_shared<const OutcomeSpace>(
      "fuzz", std::vector<Issue>{Issue::Discrete("colour", {"red", "green", "blue"}), Issue::Integer("days", 0, 4),
                                 Issue::Real("share", 0.0, 1.0)});
  std::vector<Profile> profiles;
  for (std::size_t p = 0; p < parties; ++p) {
    const double a = static_cast<double>(p % 3) / 2.0;  // 0, 0.5, 1: parties want different things
    std::vector<ValueFunction> functions = {
        ValueFunction::Table({a, 1.0 - a, 0.5}),
        ValueFunction::Linear(p % 2 == 0 ? 0.25 : -0.25, p % 2 == 0 ? 0.0 : 1.0, 0.0, true),
        ValueFunction::Triangular(0.0, 1.0, a)};
    auto utility = std::make_shared<const LinearAdditiveUtility>(
        space, std::vector<double>{1.0 + static_cast<double>(p), 2.0, 1.0}, std::move(functions));
    profiles.emplace_back(fmt::format("party{}", p), std::move(utility), 0.1 * static_cast<double>(p % 4),
                          p == 1 ? 0.9 : 1.0);
  }
  return Scenario("fuzz", space, std::move(profiles));
}

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

void CheckResult(const Scenario& scenario, const NegotiationOptions& options, std::size_t mediator_count,
                 const NegotiationResult& result, const std::vector<std::unique_ptr<ScriptedNegotiator>>& parties) {
  const OutcomeSpace& space = scenario.space();
  const std::size_t n = scenario.party_count();
  Require(result.fault.has_value() == (result.end_reason == EndReason::kFault),
          "a fault is recorded exactly when the end reason is kFault");
  if (result.fault) {
    Require(result.fault->party < n + mediator_count,
            fmt::format("the fault names party {}, beyond {} parties and {} mediators", result.fault->party, n,
                        mediator_count));
    Require(!result.fault->message.empty(), "a fault has a message");
  }
  Require(result.agreement.has_value() == (result.end_reason == EndReason::kAgreement),
          "an agreement is recorded exactly when the end reason is kAgreement");
  Require(result.utilities.size() == n && result.undiscounted_utilities.size() == n, "one utility per party");
  Require(result.time >= 0.0 && result.time <= 1.0, fmt::format("normalised time {} outside [0, 1]", result.time));
  Require(result.rounds <= options.rounds, fmt::format("{} rounds beyond the deadline of {}", result.rounds, options.rounds));
  for (std::size_t p = 0; p < n; ++p) {
    const Profile& profile = scenario.profile(p);
    const double expected = result.agreement ? profile.Utility(*result.agreement)
                                             : profile.ReservationValueAt(result.time, options.rounds);
    Require(SameNumber(result.undiscounted_utilities[p], expected),
            fmt::format("party {}: undiscounted utility {} but its profile gives {}", p,
                        result.undiscounted_utilities[p], expected));
    Require(SameNumber(result.utilities[p], profile.Discount(expected, result.time)),
            fmt::format("party {}: final utility {} is not its discounted utility", p, result.utilities[p]));
  }
  if (result.agreement) {
    std::string why;
    Require(space.IsValid(*result.agreement, &why), fmt::format("the agreement is invalid: {}", why));
  }
  for (std::size_t p = 0; p < parties.size(); ++p) {
    const ScriptedNegotiator& party = *parties[p];
    Require(party.begin_calls() <= 1, "Begin called more than once");
    Require(party.finish_calls() == party.begin_calls(),
            fmt::format("party {} was begun {} times and finished {} times", p, party.begin_calls(),
                        party.finish_calls()));
    if (party.finish_calls() == 1) {
      Require(party.finish_reason() == result.end_reason, "Finish was told another end reason than the result's");
    }
    for (const auto& turn : party.turns()) {
      if (turn.offer) Require(space.IsValid(*turn.offer), fmt::format("party {} was shown an invalid offer", p));
      Require(turn.proposal_size == space.issue_count(),
              fmt::format("party {} was given a proposal buffer of {} values", p, turn.proposal_size));
      Require(turn.time >= 0.0 && turn.time < 1.0, fmt::format("party {} acted at time {}", p, turn.time));
    }
    for (const auto& seen : party.seen()) {
      if (seen.offer) Require(space.IsValid(*seen.offer), fmt::format("party {} observed an invalid offer", p));
      Require(seen.party != p, fmt::format("party {} was shown its own action", p));
    }
  }
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

ScriptedParties MakeParties(const std::vector<PartyScript>& scripts) {
  ScriptedParties parties;
  for (const auto& script : scripts) {
    parties.negotiators.push_back(script.Make());
    parties.pointers.push_back(parties.negotiators.back().get());
  }
  return parties;
}

}  // namespace parley::fuzz
