// The checks of conformance.h on whole negotiations: the protocol's contract from a result and the
// witnesses, the parties' contract, reproducibility, and running a case with witnesses around
// every party. The suites that loop over the registries are in conformance_suites.cc.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <functional>
#include <memory>
#include <thread>
#include <utility>

#include "conformance.h"
#include "parley/error.h"
#include "parley/outcome_ranking.h"
#include "parley/random.h"
#include "parley/spec.h"

namespace parley::conformance {
namespace {

// A wall-clock negotiation may overrun its limit by the turn in progress, no more.
constexpr double kWallClockSlack = 0.25;
// Trace entries reported wrong before the rest of a trace is skipped.
constexpr std::size_t kMaxTraceViolations = 5;

std::string JoinSpecs(const std::vector<std::string>& specs) {
  std::string joined;
  for (const auto& spec : specs) joined += (joined.empty() ? "" : " | ") + spec;
  return joined;
}

// u * d^t, recomputed here rather than asked of Profile::Discount.
double Discounted(const Profile& profile, double utility, double time) {
  const double d = profile.discount_factor();
  return d < 1.0 ? utility * std::pow(d, time) : utility;
}

// The trace's part of the protocol contract.
void CheckTrace(const Scenario& scenario, const NegotiationOptions& options, std::size_t mediator_count,
                const NegotiationResult& result, const std::function<void(std::string)>& violation) {
  const Trace& trace = result.trace;
  const OutcomeSpace& space = scenario.space();
  const std::size_t n = scenario.party_count();
  if (trace.size() > 0 && (trace.party_count() != n || trace.issue_count() != space.issue_count())) {
    violation(fmt::format("recorded a trace of {} parties and {} issues", trace.party_count(), trace.issue_count()));
    return;
  }
  std::size_t reported = 0;
  auto entry_violation = [&](std::size_t i, std::string what) {
    if (reported++ < kMaxTraceViolations) violation(fmt::format("recorded trace entry {} {}", i, what));
  };
  bool agreement_accepted = false;
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const Trace::Step& step = trace.step(i);
    if (step.party >= n + mediator_count)
      entry_violation(i, fmt::format("by party {}, who does not exist", step.party));
    if (step.step >= result.steps) {
      entry_violation(i, fmt::format("at step {} of a negotiation of {} steps", step.step, result.steps));
    }
    if (i > 0) {
      const Trace::Step& before = trace.step(i - 1);
      if (step.step < before.step || step.round < before.round || step.time < before.time) {
        entry_violation(
            i, fmt::format("(step {}, round {}, time {}) before entry {} (step {}, round {}, time {})", step.step,
                           step.round, step.time, i - 1, before.step, before.round, before.time));
      }
    }
    if (!(step.time >= 0.0 && step.time < 1.0)) entry_violation(i, fmt::format("at time {}", step.time));
    if (step.time > result.time) {
      entry_violation(i, fmt::format("at time {}, after the end at time {}", step.time, result.time));
    }
    if (options.rounds > 0 && step.round >= options.rounds) {
      entry_violation(i, fmt::format("in round {}, past the deadline of {} rounds", step.round, options.rounds));
    }
    switch (step.action) {
      case ActionType::kOffer:
      case ActionType::kAccept: break;
      case ActionType::kEndNegotiation:
        if (trace.has_offer(i)) entry_violation(i, "as a walk-away with an offer");
        if (step.party >= n) entry_violation(i, fmt::format("as a walk-away of party {}", step.party));
        break;
      case ActionType::kReject:
        if (!trace.has_offer(i)) entry_violation(i, "as a vote against no offer");
        if (step.party >= n) entry_violation(i, fmt::format("as a vote of party {}", step.party));
        break;
      case ActionType::kElicit:
        if (!trace.has_offer(i) || !trace.elicitation(i)) entry_violation(i, "as a question without its outcome");
        if (step.party >= n) entry_violation(i, fmt::format("as a question of party {}", step.party));
        break;
      default: entry_violation(i, fmt::format("with unknown action {}", static_cast<int>(step.action)));
    }
    if (!trace.has_offer(i)) continue;
    const Outcome offer = trace.offer(i);
    std::string why;
    if (!space.IsValid(offer, &why)) {
      entry_violation(i, fmt::format("with an invalid offer: {}", why));
      continue;
    }
    for (std::size_t p = 0; p < n; ++p) {
      const double utility = scenario.profile(p).Utility(offer);
      if (trace.utility(i, p) != utility) {
        entry_violation(i, fmt::format("with party {}'s utility {} of {}, whose profile gives {}", p,
                                       trace.utility(i, p), space.Format(offer), utility));
      }
    }
    if (step.action == ActionType::kAccept && result.agreement && offer == *result.agreement) agreement_accepted = true;
  }
  // Every charge is in the trace, in the order it was made: the sums are the results' costs exactly.
  if (trace.has_elicitations()) {
    std::vector<double> charged(n, 0.0);
    for (std::size_t i = 0; i < trace.size(); ++i) {
      if (const Trace::Elicitation* asked = trace.elicitation(i); asked && trace.step(i).party < n) {
        charged[trace.step(i).party] += asked->charge;
      }
    }
    if (charged != result.elicitation_costs) {
      violation(fmt::format("charged {} in its trace but reports elicitation costs {}", fmt::join(charged, ", "),
                            fmt::join(result.elicitation_costs, ", ")));
    }
  }
  if (result.agreement && space.IsValid(*result.agreement) && !agreement_accepted) {
    violation(fmt::format("agreed on {} but its trace shows no acceptance of it", space.Format(*result.agreement)));
  }
  if (result.end_reason == EndReason::kEndedByParty &&
      (trace.size() == 0 || trace.step(trace.size() - 1).action != ActionType::kEndNegotiation)) {
    violation("ended by a party's walk-away but its trace does not end with one");
  }
}

// The time party p committed to the agreement: its last offer or acceptance of it in the trace;
// the end time without a trace; nothing when the trace shows neither (under majority the standing
// offer binds parties that voted against it).
std::optional<double> CommitmentTime(const NegotiationResult& result, std::size_t party) {
  const Trace& trace = result.trace;
  if (trace.size() == 0) return result.time;
  for (std::size_t i = trace.size(); i-- > 0;) {
    const Trace::Step& step = trace.step(i);
    const bool commits = step.action == ActionType::kOffer || step.action == ActionType::kAccept;
    if (step.party == party && commits && trace.has_offer(i) && trace.offer(i) == *result.agreement) {
      return step.time;
    }
  }
  return std::nullopt;
}

// A negotiator that offers random outcomes (seeded) and accepts nothing: the party of the probe
// negotiations that find out what a protocol needs.
class ProbeNegotiator final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override {
    space_ = context.space;
    rng_ = Rng(context.seed);
  }
  ActionType Act(const TurnState& /*state*/, Outcome& proposal) override {
    space_->RandomOutcome(rng_, proposal);
    return ActionType::kOffer;
  }

 private:
  const OutcomeSpace* space_ = nullptr;
  Rng rng_{0};
};

// One run of a case, with a witness around every party.
struct WitnessedRun {
  std::vector<std::unique_ptr<Negotiator>> negotiators;
  std::vector<std::unique_ptr<Mediator>> mediators;
  std::vector<std::unique_ptr<NegotiatorWitness>> party_witnesses;
  std::vector<std::unique_ptr<MediatorWitness>> mediator_witnesses;
  NegotiationResult result;
  Violations failures;  // the case could not be set up or the protocol threw

  std::vector<const NegotiatorWitness*> parties() const {
    std::vector<const NegotiatorWitness*> list;
    for (const auto& witness : party_witnesses) list.push_back(witness.get());
    return list;
  }
  std::vector<const MediatorWitness*> mediators_seen() const {
    std::vector<const MediatorWitness*> list;
    for (const auto& witness : mediator_witnesses) list.push_back(witness.get());
    return list;
  }
};

WitnessedRun Play(const NegotiationCase& negotiation) {
  WitnessedRun run;
  const Scenario& scenario = *negotiation.scenario;
  std::vector<Negotiator*> negotiators;
  std::vector<Mediator*> mediators;
  try {
    for (std::size_t p = 0; p < negotiation.negotiators.size(); ++p) {
      const std::string& spec = negotiation.negotiators[p];
      run.negotiators.push_back(NegotiatorRegistry::Create(spec));
      run.party_witnesses.push_back(std::make_unique<NegotiatorWitness>(
          *run.negotiators.back(), scenario, p, negotiation.options, negotiation.protocol,
          fmt::format("negotiator '{}' (party {})", spec, p)));
      run.party_witnesses.back()->set_checks_rationality(KeepsReservationValue(spec));
      negotiators.push_back(run.party_witnesses.back().get());
    }
    for (std::size_t m = 0; m < negotiation.mediators.size(); ++m) {
      run.mediators.push_back(MediatorRegistry::Create(negotiation.mediators[m]));
      run.mediator_witnesses.push_back(std::make_unique<MediatorWitness>(
          *run.mediators.back(), scenario, m, negotiation.mediators.size(), negotiation.options, negotiation.protocol));
      mediators.push_back(run.mediator_witnesses.back().get());
    }
  } catch (const std::exception& e) {
    run.failures.push_back(fmt::format("could not create its parties: {}", e.what()));
    return run;
  }
  try {
    auto protocol = ProtocolRegistry::Create(negotiation.protocol);
    run.result = protocol->Run(scenario, negotiators, mediators, negotiation.options);
    run.result.negotiators = negotiation.negotiators;
    run.result.mediators = negotiation.mediators;
  } catch (const UsageError& e) {
    run.failures.push_back(fmt::format("protocol '{}' refused the negotiation: {}", negotiation.protocol, e.what()));
  } catch (const std::exception& e) {
    run.failures.push_back(fmt::format("protocol '{}' threw: {}", negotiation.protocol, e.what()));
  } catch (...) {
    run.failures.push_back(fmt::format("protocol '{}' threw something that is not an exception", negotiation.protocol));
  }
  return run;
}

bool Reproducible(const NegotiationOptions& options) { return options.rounds > 0 && options.time_limit_seconds == 0.0; }

Violations Prefixed(const std::string& prefix, Violations violations) {
  for (auto& violation : violations) violation = prefix + ": " + violation;
  return violations;
}

}  // namespace

void Append(Violations& to, Violations more) {
  to.insert(to.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
}

void Guarded(Violations& violations, const std::string& who, const std::function<void()>& body) {
  try {
    body();
  } catch (const std::exception& e) {
    violations.push_back(fmt::format("{} threw: {}", who, e.what()));
  } catch (...) {
    violations.push_back(fmt::format("{} threw something that is not an exception", who));
  }
}

std::vector<std::string> SpecVariants(const std::string& name, const std::vector<ParameterInfo>& parameters) {
  std::vector<std::string> specs = {name};
  std::vector<std::string> flipped;
  for (const ParameterInfo& parameter : parameters) {
    if (parameter.default_value == "true") flipped.push_back(parameter.name + "=false");
    if (parameter.default_value == "false") flipped.push_back(parameter.name + "=true");
  }
  for (const auto& one : flipped) specs.push_back(name + "(" + one + ")");
  if (flipped.size() > 1) {
    std::string all;
    for (const auto& one : flipped) all += (all.empty() ? "" : ",") + one;
    specs.push_back(name + "(" + all + ")");
  }
  return specs;
}

std::string Describe(const NegotiationCase& negotiation) {
  const NegotiationOptions& options = negotiation.options;
  std::string deadline;
  if (options.rounds > 0) deadline = fmt::format("{} rounds", options.rounds);
  if (options.time_limit_seconds > 0) {
    deadline += fmt::format("{}{} s", deadline.empty() ? "" : " and ", options.time_limit_seconds);
  }
  std::string text = fmt::format("{}, {}, seed {}, scenario '{}': {}", negotiation.protocol, deadline, options.seed,
                                 negotiation.scenario->name(), JoinSpecs(negotiation.negotiators));
  if (!negotiation.mediators.empty()) text += fmt::format(" (mediators: {})", JoinSpecs(negotiation.mediators));
  return text;
}

Violations CheckProtocolContract(const Scenario& scenario, const NegotiationOptions& options, std::string_view protocol,
                                 const NegotiationResult& result, const std::vector<const NegotiatorWitness*>& parties,
                                 const std::vector<const MediatorWitness*>& mediators) {
  Violations violations;
  const std::function<void(std::string)> violation = [&](std::string what) {
    violations.push_back(fmt::format("protocol '{}' {}", protocol, what));
  };
  const std::size_t n = scenario.party_count();
  const std::size_t m = mediators.size();
  const std::string_view reason = EndReasonName(result.end_reason);

  if (result.fault.has_value() != (result.end_reason == EndReason::kFault)) {
    violation(fmt::format("recorded {} but ended with reason '{}'", result.fault ? "a fault" : "no fault", reason));
  }
  if (result.fault) {
    if (result.fault->party >= n + m) {
      violation(fmt::format("blamed party {} of {} parties and {} mediators", result.fault->party, n, m));
    }
    if (result.fault->message.empty()) violation("recorded a fault without a message");
  }
  if (result.agreement.has_value() != (result.end_reason == EndReason::kAgreement)) {
    violation(fmt::format("recorded {} but ended with reason '{}'", result.agreement ? "an agreement" : "no agreement",
                          reason));
  }
  std::string why;
  if (result.agreement && !scenario.space().IsValid(*result.agreement, &why)) {
    violation(fmt::format("agreed on an invalid outcome: {}", why));
  }

  // The deadline.
  if (!(result.time >= 0.0 && result.time <= 1.0)) violation(fmt::format("ended at normalised time {}", result.time));
  if (options.rounds > 0 && result.rounds > options.rounds) {
    violation(fmt::format("ran {} rounds, past the deadline of {}", result.rounds, options.rounds));
  }
  if (result.end_reason == EndReason::kDeadline) {
    // GENIUS's clock: R rounds run out at R / (R + 1); a wall clock at 1.
    const double rounds_end = options.rounds > 0 ? options.rounds / (options.rounds + 1.0) : -1.0;
    const bool clock_end = options.time_limit_seconds > 0.0 && result.time == 1.0;
    if (result.time != rounds_end && !clock_end) {
      violation(fmt::format("ended at the deadline at time {}, not {} (the end of {} rounds) or 1 (the clock's end)",
                            result.time, rounds_end, options.rounds));
    }
    if (options.time_limit_seconds == 0.0 && result.rounds != options.rounds) {
      violation(fmt::format("ended at the deadline after {} of {} rounds", result.rounds, options.rounds));
    }
  }
  if (options.time_limit_seconds > 0.0 && result.elapsed_seconds > options.time_limit_seconds + kWallClockSlack) {
    violation(fmt::format("took {} s under a wall-clock deadline of {} s", result.elapsed_seconds,
                          options.time_limit_seconds));
  }

  // The final utilities, recomputed.
  if (result.utilities.size() != n || result.undiscounted_utilities.size() != n) {
    violation(fmt::format("gave {} utilities and {} undiscounted ones for {} parties", result.utilities.size(),
                          result.undiscounted_utilities.size(), n));
  } else {
    const bool valid_agreement = result.agreement && scenario.space().IsValid(*result.agreement);
    // A party in a coalition is owed its outcome at the coalition's time.
    std::vector<const Coalition*> coalition_of(n, nullptr);
    for (const Coalition& coalition : result.coalitions) {
      if (coalition.parties.size() < 2)
        violation(fmt::format("formed a coalition of {} parties", coalition.parties.size()));
      if (!scenario.space().IsValid(coalition.outcome, &why)) {
        violation(fmt::format("formed a coalition on an invalid outcome: {}", why));
        continue;
      }
      if (coalition.time > result.time) {
        violation(fmt::format("formed a coalition at time {}, after the end at time {}", coalition.time, result.time));
      }
      for (const std::size_t p : coalition.parties) {
        if (p >= n || coalition_of[p]) {
          violation(fmt::format("put party {} in a coalition it cannot join", p));
          continue;
        }
        coalition_of[p] = &coalition;
      }
    }
    if (!result.coalitions.empty() && result.end_reason != EndReason::kAgreement &&
        result.end_reason != EndReason::kPartialAgreement && result.end_reason != EndReason::kStopped) {
      violation(fmt::format("formed coalitions but ended with reason '{}'", reason));
    }
    if (result.end_reason == EndReason::kPartialAgreement && result.coalitions.empty()) {
      violation("ended with a partial agreement but formed no coalition");
    }
    if (result.agreement && !result.coalitions.empty() &&
        (result.coalitions.size() != 1 || result.coalitions[0].parties.size() != n ||
         result.coalitions[0].outcome != *result.agreement)) {
      violation("agreed on an outcome that is not one coalition's of every party");
    }
    for (std::size_t p = 0; p < n; ++p) {
      const Profile& profile = scenario.profile(p);
      const Coalition* coalition = coalition_of[p];
      const double undiscounted = coalition         ? profile.Utility(coalition->outcome)
                                  : valid_agreement ? profile.Utility(*result.agreement)
                                                    : profile.ReservationValueAt(result.time, options.rounds);
      const double discounted = Discounted(profile, undiscounted, coalition ? coalition->time : result.time);
      if (result.undiscounted_utilities[p] != undiscounted || result.utilities[p] != discounted) {
        violation(
            fmt::format("gave party {} utility {} (undiscounted {}) where its profile gives {} (undiscounted {}) "
                        "{} at time {}",
                        p, result.utilities[p], result.undiscounted_utilities[p], discounted, undiscounted,
                        coalition         ? "for its coalition's outcome"
                        : valid_agreement ? "for the agreement"
                                          : "for no agreement",
                        result.time));
      }
    }
  }

  if (!options.record_trace) {
    if (result.trace.size() > 0) violation(fmt::format("recorded {} trace entries unasked", result.trace.size()));
  } else {
    CheckTrace(scenario, options, m, result, violation);
    // A walk-away is by the rules too: under tau the rules themselves end a negotiation that way.
    const bool by_the_rules = result.end_reason == EndReason::kAgreement || result.end_reason == EndReason::kDeadline ||
                              result.end_reason == EndReason::kPartialAgreement ||
                              result.end_reason == EndReason::kEndedByParty;
    if (by_the_rules) {
      if (std::optional<RefereeVerdict> verdict = RefereeOf(protocol, scenario, result)) {
        for (std::string& what : verdict->violations) violation(std::move(what));
        if (verdict->agreement != result.agreement) {
          violation(fmt::format("ended with {}, where its rules applied to its trace give {}",
                                result.agreement ? scenario.space().Format(*result.agreement) : "no agreement",
                                verdict->agreement ? scenario.space().Format(*verdict->agreement) : "no agreement"));
        }
        const auto describe = [&](const std::vector<Coalition>& coalitions) {
          std::string text;
          for (const Coalition& coalition : coalitions) {
            text += fmt::format("{}[{}] on {} in round {}", text.empty() ? "" : ", ", fmt::join(coalition.parties, " "),
                                scenario.space().Format(coalition.outcome), coalition.round);
          }
          return text.empty() ? std::string("none") : text;
        };
        bool same = verdict->coalitions.size() == result.coalitions.size();
        for (std::size_t c = 0; same && c < result.coalitions.size(); ++c) {
          const Coalition& mine = result.coalitions[c];
          const Coalition& theirs = verdict->coalitions[c];
          same = mine.outcome == theirs.outcome && mine.parties == theirs.parties && mine.round == theirs.round;
        }
        if (!same) {
          violation(fmt::format("formed coalitions {}, where its rules applied to its trace form {}",
                                describe(result.coalitions), describe(verdict->coalitions)));
        }
      }
    }
  }

  // What the parties were shown, and their beginning and end.
  for (const NegotiatorWitness* witness : parties) Append(violations, witness->protocol_violations());
  for (std::size_t p = 0; p < parties.size(); ++p) {
    const NegotiatorWitness& witness = *parties[p];
    if (witness.finish_calls() != witness.begin_calls()) {
      violation(fmt::format("began party {} {} times and finished it {} times", p, witness.begin_calls(),
                            witness.finish_calls()));
    }
    if (witness.finish_reason() && *witness.finish_reason() != result.end_reason) {
      violation(fmt::format("told party {} the negotiation ended with '{}', but its result says '{}'", p,
                            EndReasonName(*witness.finish_reason()), reason));
    }
    if (witness.latest_time() > result.time) {
      violation(
          fmt::format("showed party {} time {}, after the end at time {}", p, witness.latest_time(), result.time));
    }
  }
  for (const MediatorWitness* witness : mediators) Append(violations, witness->protocol_violations());
  return violations;
}

const std::vector<ReservationValueExemption>& ReservationValueExemptions() {
  static const std::vector<ReservationValueExemption> exemptions = {
      {"boulware",
       "GENIUS's TimeDependentAgent bids the outcome nearest its target, whose floor is the "
       "reservation value at the start, so it may offer or accept just below it"},
      {"conceder", "as boulware"},
      {"genius-elicitation-example",
       "GENIUS 10.4's ElicitationAgentExample decides by its ranking of outcomes alone and never reads its "
       "reservation value"},
      {"linear", "as boulware"},
      {"hardliner", "as boulware"},
      {"iamhaggler",
       "GENIUS's IAMhaggler never reads its reservation value: its target falls to 0.5 whatever it "
       "is, and it accepts offers worth 98% of its own"},
      {"hardheaded",
       "GENIUS's KLH concedes to its own floor of 0.585 and accepts by it, never by the reservation "
       "value"},
      {"agentk",
       "GENIUS's Agent_K sets its targets from 1 and the opponent's offers, never from the reservation "
       "value"},
      {"agentlg",
       "GENIUS's AgentLG accepts an offer worth 99% of its last bid (90% after t = 0.999) whatever its "
       "reservation value"},
      {"omacagent",
       "GENIUS's OMACagent accepts anything as good as its next bid or one it made before, and can "
       "offer the opponent's best offer or a random bid below its reservation value"},
      {"thenegotiatorreloaded",
       "GENIUS's TheNegotiatorReloaded accepts by its 0.98 and 1.05 rules, which do not "
       "look at the reservation value"},
      {"thefawkes", "GENIUS's TheFawkes neither accepts nor bids with its reservation value in view"},
      {"negmas-wab",
       "NegMAS's WAROfferingPolicy offers every outcome below its reservation value before its rational ones "
       "(the \"wasting\" strategy for TAU), and under protocols other than TAU such an offer can be agreed"},
      {"negmas-war", "as negmas-wab"},
      {"negmas-wan", "as negmas-wab"},
      {"atlas3",
       "GENIUS's Atlas3: late in discounted negotiations its threshold max(1 - t/d, r d^(1-t)) falls "
       "below r (it accepts 0.4641 against 0.5 in every recorded CarA session against Boulware)"},
      {"atlas3-2016",
       "GENIUS's Atlas32016 has Atlas3's end game, whose threshold falls below r late in discounted negotiations"},
      {"farma",
       "GENIUS's Farma checks acceptance before its walk-away rule, against a threshold whose floor is "
       "0.30 + 0.2 r (discounted) or 0.55 + 0.2 r, and offers whatever clears that threshold"},
      {"myagent",
       "GENIUS's MyAgent accepts whatever reaches 1 - t^(1/e) before it compares that threshold with its "
       "reservation value"},
      {"yushu",
       "GENIUS's Yushu never reads its reservation value (it accepts 0.0 against 0.5 in its recorded "
       "CarA session against Hardliner)"},
      {"nozomi", "GENIUS's Nozomi never reads its reservation value"},
      {"rubick",
       "GENIUS's Rubick never reads its reservation value: it accepts by a random target above the best "
       "offer seen and in the last round offers a bid another party accepted, whatever it is worth"},
      {"ponpokoagent", "GENIUS's PonPokoAgent accepts and bids by bands that are fixed functions of time alone"},
      {"parscat", "GENIUS's ParsCat accepts and bids by targets that are fixed functions of time alone"},
      {"parsagent",
       "GENIUS's ParsAgent never reads its reservation value: it accepts above a time-dependent target "
       "that stops at 0.7 and offers whatever first clears it"},
      {"randomdance",
       "GENIUS's RandomDance accepts whatever is on the table in its last turns (when five more turns would "
       "pass the deadline), whatever its reservation value"},
      {"caduceus",
       "GENIUS's Caduceus never reads its reservation value: it accepts when ParsAgent, whose vote "
       "outweighs the rest, accepts, and offers its members' bids whatever they are worth"},
      {"caduceusdc16",
       "GENIUS's CaduceusDC16 never reads its reservation value: it accepts offers worth 0.75 when its members "
       "vote so, and offers the bid its members vote for whatever it is worth"},
      {"gahboninho",
       "GENIUS's Gahboninho never reads its reservation value: it accepts by a compromise factor times "
       "its target and in the end offers the best offer received"},
      {"iamhaggler2011",
       "GENIUS's IAMhaggler2011 never reads its reservation value: it accepts offers worth 1/1.02 of "
       "its own and aims where its regression expects the best agreement"},
      {"agentm",
       "GENIUS's AgentM accepts an offer worth more than the worst bid it has offered, and outside "
       "integer domains whatever is offered, never looking at its reservation value"},
      {"kawaii",
       "GENIUS's kawaii accepts and bids down to a target floored at 0.8, walking away only once its "
       "discounted reservation value beats that target, so an offer between the two is accepted"},
      {"yxagent",
       "GENIUS's YXAgent draws its opening offer against 0.7 whatever its reservation value, and offers its best "
       "bid when no bid reaches its threshold"},
      {"gangster",
       "GENIUS's Gangster accepts an offer worth 0.8 on linear profiles, and its target, which falls to "
       "the best recent offer, on nonlinear ones, whatever its reservation value"},
      {"agent36",
       "GENIUS's Agent36 never reads its reservation value: it accepts from t = 0.9 whatever reaches "
       "max(0.7, 1 - t^5) or an accepted offer's worth"},
      {"betaone",
       "GENIUS's BetaOne (Group2) never reads its reservation value: it accepts and bids by boxes that "
       "slide towards its Kalai point against its reversed profile"},
      {"agentherb",
       "GENIUS's AgentHerb never reads its reservation value: it accepts an offer worth its next bid's "
       "utility times the discount factor and offers whatever its models of the opponents favour"},
      {"nicetitfortat",
       "GENIUS's NiceTitForTat reads its reservation value only in its Nash point: it accepts an offer worth its "
       "planned bid, and late anything no recent offer beat"},
      {"genius-simple-tft",
       "GENIUS's SimpleTFTAgent never reads its reservation value: its offers are fixed shares of the pie and "
       "then its last value plus the opponent's last drop"},
      {"genius-hill-climber",
       "GENIUS's single-text HillClimber never reads its reservation value: it votes for any text worth at least "
       "the last text all accepted, and for any text at all before one is"},
      {"genius-annealer",
       "GENIUS's single-text Annealer never reads its reservation value: it votes as HillClimber does, and for "
       "worse texts by chance"},
      {"negmas-naive-tft",
       "NegMAS's NaiveTitForTatNegotiator aims its offers on a scale from its worst outcome to its best, not "
       "from its reservation value, and a reservation value at its best normalises every offer to 1, which it "
       "accepts"},
      {"negmas-nice-tft",
       "NegMAS's NiceTitForTatNegotiator accepts by normalised utilities, and a reservation value at its best "
       "normalises every offer to 1, which reaches its own next offer"},
      {"agentgg",
       "GENIUS's AgentGG reads its reservation value only as floors of its importance threshold late in the "
       "negotiation, so it may offer or accept below it"},
      {"kakesoba",
       "GENIUS's KakeSoba offers random bids, whatever its reservation value, on a profile that is not linear "
       "additive over discrete issues, and opens with its best bid, which may be worth less"},
  };
  return exemptions;
}

const std::vector<AcceptanceReservationValueExemption>& AcceptanceReservationValueExemptions() {
  static const std::vector<AcceptanceReservationValueExemption> exemptions = {
      {"genius-const", "GENIUS's AC_Const accepts any offer worth more than c, whatever the reservation value"},
      {"genius-time", "GENIUS's AC_Time accepts any offer after time t"},
      {"genius-previous",
       "GENIUS's AC_Previous compares with its previous offer, which a rising reservation value can pass"},
      {"genius-gap", "GENIUS's AC_Gap accepts an offer up to c below its previous offer"},
      {"genius-combi", "GENIUS's AC_Combi accepts any offer from time t on"},
      {"genius-combi-max",
       "GENIUS's AC_CombiMax accepts the best offer received so far from time t on, however little it is worth"},
      {"genius-combi-avg", "GENIUS's AC_CombiAvg accepts an offer above the recent mean from time t on"},
      {"genius-combi-max-in-window", "GENIUS's AC_CombiMaxInWindow accepts the best recent offer from time t on"},
  };
  return exemptions;
}

bool AcceptanceKeepsReservationValue(std::string_view acceptance_spec) {
  const std::string name = Spec::Parse(acceptance_spec).name();
  const auto& exemptions = AcceptanceReservationValueExemptions();
  return std::none_of(exemptions.begin(), exemptions.end(), [&](const AcceptanceReservationValueExemption& exemption) {
    return exemption.acceptance == name;
  });
}

const std::vector<FullInformationExemption>& FullInformationExemptions() {
  static const std::vector<FullInformationExemption> exemptions = {
      {"agentgg",
       "GENIUS's AgentGG builds its importance map from its user model in init, and has none with full "
       "information"},
  };
  return exemptions;
}

bool IsFullInformationFault(std::string_view negotiator_spec, std::string_view fault) {
  const std::string name = Spec::Parse(negotiator_spec).name();
  const auto& exemptions = FullInformationExemptions();
  return fault.find(name + " needs partial preferences") != std::string_view::npos &&
         std::any_of(exemptions.begin(), exemptions.end(),
                     [&](const FullInformationExemption& exemption) { return exemption.negotiator == name; });
}

bool KeepsReservationValue(std::string_view negotiator_spec) {
  const Spec spec = Spec::Parse(negotiator_spec);
  const std::string& name = spec.name();
  if (name == "boa" && spec.has("acceptance") &&
      !AcceptanceKeepsReservationValue(spec.GetSpec("acceptance").ToString())) {
    return false;
  }
  const auto& exemptions = ReservationValueExemptions();
  return std::none_of(exemptions.begin(), exemptions.end(),
                      [&](const ReservationValueExemption& exemption) { return exemption.negotiator == name; });
}

Violations CheckPartyContract(const NegotiationCase& negotiation, const NegotiationResult& result,
                              const std::vector<const NegotiatorWitness*>& parties, const PartyContract& contract) {
  Violations violations;
  const Scenario& scenario = *negotiation.scenario;
  const std::size_t n = scenario.party_count();
  const std::uint64_t rounds = negotiation.options.rounds;
  auto negotiator = [&](std::size_t p) {
    return fmt::format("negotiator '{}' (party {})",
                       p < negotiation.negotiators.size() ? negotiation.negotiators[p] : "", p);
  };
  auto rational = [&](std::size_t p) {
    return p >= negotiation.negotiators.size() || KeepsReservationValue(negotiation.negotiators[p]);
  };
  if (contract.no_faults && result.fault) {
    const std::size_t party = result.fault->party;
    if (party < n && party < negotiation.negotiators.size() &&
        IsFullInformationFault(negotiation.negotiators[party], result.fault->message)) {
      // started without the partial preferences it needs, and said so
    } else if (party < n) {
      violations.push_back(fmt::format("{} faulted: {}", negotiator(party), result.fault->message));
    } else {
      const std::size_t m = party - n;
      violations.push_back(fmt::format("mediator '{}' (mediator {}) faulted: {}",
                                       m < negotiation.mediators.size() ? negotiation.mediators[m] : "", m,
                                       result.fault->message));
    }
  }
  if (contract.no_faults) {
    // Under mopac a party that breaks the rules is removed and the rest go on.
    for (const Fault& removal : result.removals) {
      // A removal that ended the negotiation is its fault, reported above.
      const bool reported =
          result.fault && result.fault->party == removal.party && result.fault->message == removal.message;
      if (removal.party < n && !reported) {
        violations.push_back(fmt::format("{} was removed: {}", negotiator(removal.party), removal.message));
      }
    }
  }
  if (!contract.rational) return violations;
  for (const NegotiatorWitness* witness : parties) Append(violations, witness->party_violations());
  // Offers, from the trace.
  std::vector<bool> reported(n, false);
  const Trace& trace = result.trace;
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const Trace::Step& step = trace.step(i);
    if (step.party >= n || step.action != ActionType::kOffer || !trace.has_offer(i) || reported[step.party] ||
        !rational(step.party)) {
      continue;
    }
    const Profile& profile = scenario.profile(step.party);
    const double utility = profile.Utility(trace.offer(i));
    const double reservation = profile.ReservationValueAt(step.time, rounds);
    if (utility < reservation && profile.utility_function().ranking().best_utility() >= reservation) {
      violations.push_back(
          fmt::format("{} offered an outcome worth {} to it, below its reservation value {} at time {}",
                      negotiator(step.party), utility, reservation, step.time));
      reported[step.party] = true;
    }
  }
  // The agreement.
  if (result.agreement && scenario.space().IsValid(*result.agreement)) {
    for (std::size_t p = 0; p < n; ++p) {
      if (!rational(p)) continue;
      const Profile& profile = scenario.profile(p);
      const double utility = profile.Utility(*result.agreement);
      const std::optional<double> commitment = CommitmentTime(result, p);
      if (!commitment) continue;
      const double committed = *commitment;
      const double reservation = profile.ReservationValueAt(committed, rounds);
      if (utility < reservation) {
        violations.push_back(
            fmt::format("{} agreed to an outcome worth {} to it, below its reservation value {} when "
                        "it committed at time {}",
                        negotiator(p), utility, reservation, committed));
      }
      const double at_end = profile.ReservationValueAt(result.time, rounds);
      if (contract.rational_at_end && utility < at_end) {
        violations.push_back(
            fmt::format("{} agreed to an outcome worth {} to it, below its reservation value {} at "
                        "the time of the agreement, {}",
                        negotiator(p), utility, at_end, result.time));
      }
    }
  }
  return violations;
}

Violations DifferencesBetween(const NegotiationResult& first, const NegotiationResult& again) {
  Violations differences;
  auto differ = [&](std::string what) { differences.push_back(std::move(what)); };
  if (first.end_reason != again.end_reason) {
    differ(fmt::format("it ended with '{}', then with '{}'", EndReasonName(first.end_reason),
                       EndReasonName(again.end_reason)));
  }
  if (first.agreement != again.agreement) differ("another agreement");
  if (first.coalitions != again.coalitions) differ("other coalitions");
  if (first.steps != again.steps || first.rounds != again.rounds) {
    differ(fmt::format("{} steps in {} rounds, then {} in {}", first.steps, first.rounds, again.steps, again.rounds));
  }
  if (first.time != again.time) differ(fmt::format("it ended at time {}, then at {}", first.time, again.time));
  if (first.utilities != again.utilities || first.undiscounted_utilities != again.undiscounted_utilities) {
    differ("other utilities");
  }
  if (first.fault.has_value() != again.fault.has_value() ||
      (first.fault && (first.fault->party != again.fault->party || first.fault->message != again.fault->message))) {
    differ("another fault");
  }
  const Trace& a = first.trace;
  const Trace& b = again.trace;
  if (a.size() != b.size()) differ(fmt::format("a trace of {} entries, then of {}", a.size(), b.size()));
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
    const Trace::Step& x = a.step(i);
    const Trace::Step& y = b.step(i);
    bool same = x.step == y.step && x.round == y.round && x.time == y.time && x.party == y.party &&
                x.action == y.action && a.has_offer(i) == b.has_offer(i);
    if (same && a.has_offer(i)) {
      same = a.offer(i) == b.offer(i);
      for (std::size_t p = 0; p < a.party_count() && same; ++p) same = a.utility(i, p) == b.utility(i, p);
    }
    if (!same) {
      differ(fmt::format("trace entry {} differs (party {} {} at step {}, then party {} {} at step {})", i, x.party,
                         ActionTypeName(x.action), x.step, y.party, ActionTypeName(y.action), y.step));
      break;
    }
  }
  return differences;
}

Violations CompareRuns(const NegotiationResult& first, const NegotiationResult& again) {
  Violations differences = DifferencesBetween(first, again);
  for (std::string& difference : differences) {
    difference =
        "the same seed gave another negotiation (some implementation keeps state outside its instance or draws on "
        "another source of randomness): " +
        difference;
  }
  return differences;
}

Violations CheckNegotiation(const NegotiationCase& negotiation, const PartyContract& contract) {
  const std::string prefix = Describe(negotiation);
  WitnessedRun run = Play(negotiation);
  if (!run.failures.empty()) return Prefixed(prefix, std::move(run.failures));
  Violations violations = CheckProtocolContract(*negotiation.scenario, negotiation.options, negotiation.protocol,
                                                run.result, run.parties(), run.mediators_seen());
  Append(violations, CheckPartyContract(negotiation, run.result, run.parties(), contract));
  if (contract.reproducible && Reproducible(negotiation.options)) {
    WitnessedRun again = Play(negotiation);
    Append(violations, again.failures.empty() ? CompareRuns(run.result, again.result) : std::move(again.failures));
  }
  return Prefixed(prefix, std::move(violations));
}

Violations CheckIndependentOfThreads(const NegotiationCase& negotiation) {
  if (!Reproducible(negotiation.options)) return {};
  const std::string prefix = Describe(negotiation) + ", on two threads at once";
  const WitnessedRun alone = Play(negotiation);
  WitnessedRun first, second;
  std::thread other([&] { second = Play(negotiation); });
  first = Play(negotiation);
  other.join();
  Violations violations;
  for (const WitnessedRun* run : std::initializer_list<const WitnessedRun*>{&alone, &first, &second})
    Append(violations, run->failures);
  if (violations.empty()) {
    Append(violations, CompareRuns(alone.result, first.result));
    Append(violations, CompareRuns(alone.result, second.result));
  }
  return Prefixed(prefix, std::move(violations));
}

bool RunsWithoutMediators(const std::string& protocol, const Scenario& scenario) {
  std::vector<ProbeNegotiator> probes(scenario.party_count());
  std::vector<Negotiator*> negotiators;
  for (auto& probe : probes) negotiators.push_back(&probe);
  NegotiationOptions options;
  options.rounds = 1;
  try {
    ProtocolRegistry::Create(protocol)->Start(scenario, negotiators, {}, options);
  } catch (const UsageError&) {
    return false;
  }
  return true;
}

std::vector<std::string> MediatorsServing(const std::string& protocol, const Scenario& scenario) {
  std::vector<std::string> serving;
  for (const std::string& spec : RegisteredVariants<Mediator>()) {
    std::vector<ProbeNegotiator> probes(scenario.party_count());
    std::vector<Negotiator*> negotiators;
    for (auto& probe : probes) negotiators.push_back(&probe);
    NegotiationOptions options;
    options.rounds = 3;
    options.record_trace = false;
    try {
      auto mediator = MediatorRegistry::Create(spec);
      MediatorWitness witness(*mediator, scenario, 0, 1, options, protocol);
      ProtocolRegistry::Create(protocol)->Run(scenario, negotiators, {&witness}, options);
      if (!witness.refused()) serving.push_back(spec);
    } catch (const UsageError&) {
      // The protocol takes no mediator.
    }
  }
  return serving;
}

}  // namespace parley::conformance
