#include "protocols/run_support.h"

#include <fmt/format.h>

#include "common/uncertain_profile_notes.h"
#include "parley/error.h"
#include "parley/partial_preferences.h"
#include "parley/random.h"
#include "protocols/perceived_profile.h"

namespace parley::internal {

std::string DescribeCurrentException() {
  try {
    throw;
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "unknown exception";
  }
}

NegotiationClock::NegotiationClock(const NegotiationOptions& options, std::size_t steps_per_round)
    : start_(std::chrono::steady_clock::now()),
      rounds_(options.rounds),
      time_limit_(options.time_limit_seconds),
      total_rounds_(static_cast<double>(options.rounds) + 1.0),
      steps_per_round_(steps_per_round) {}

double NegotiationClock::elapsed_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

double NegotiationClock::TimeOfStep(std::uint64_t step, bool& past_deadline) const {
  past_deadline = false;
  const std::uint64_t round = step / steps_per_round_;  // 0-based
  if (rounds_ && round >= rounds_) {
    past_deadline = true;
    return static_cast<double>(rounds_) / total_rounds_;
  }
  double time = rounds_ ? static_cast<double>(round + 1) / total_rounds_ : 0.0;
  if (time_limit_ > 0.0) {
    const double wall = elapsed_seconds() / time_limit_;
    if (wall >= 1.0) {
      past_deadline = true;
      return 1.0;
    }
    time = std::max(time, wall);
  }
  return time;
}

std::uint64_t SeedOfParty(const NegotiationOptions& options, std::size_t party) {
  return party < options.party_seeds.size() ? options.party_seeds[party] : DeriveSeed(options.seed, {party});
}

void RecordFault(NegotiationResult& result, std::size_t party, std::string message, double time) {
  result.fault = Fault{party, std::move(message)};
  result.end_reason = EndReason::kFault;
  result.agreement.reset();
  result.time = time;
}

void CheckSetup(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                const NegotiationOptions& options) {
  if (negotiators.size() != scenario.party_count()) {
    throw UsageError(fmt::format("scenario '{}' has {} parties but {} negotiators were given", scenario.name(),
                                 scenario.party_count(), negotiators.size()));
  }
  if (options.rounds == 0 && !(options.time_limit_seconds > 0.0)) {
    throw UsageError("a negotiation needs a deadline: a number of rounds, a time limit, or both");
  }
  if (!options.party_seeds.empty() && options.party_seeds.size() != negotiators.size()) {
    throw UsageError(
        fmt::format("{} party seeds were given for {} negotiators", options.party_seeds.size(), negotiators.size()));
  }
}

void CheckMediators(const std::vector<Mediator*>& mediators, std::string_view protocol, std::string_view needed) {
  if (mediators.empty()) throw UsageError(fmt::format("the {} protocol needs {}", protocol, needed));
  for (const Mediator* mediator : mediators) {
    if (mediator == nullptr) throw UsageError(fmt::format("the {} protocol was given a null mediator", protocol));
  }
}

void RecordMediatorFault(NegotiationResult& result, std::size_t party_count, std::size_t mediator,
                         std::string_view message, double time) {
  RecordFault(result, party_count + mediator, fmt::format("mediator {} {}", mediator, message), time);
}

bool BeginMediators(const Scenario& scenario, const std::vector<Mediator*>& mediators,
                    const NegotiationOptions& options, bool disclosed, NegotiationResult& result) {
  const std::size_t n = scenario.party_count();
  MediatorContext context;
  context.space = &scenario.space();
  context.party_count = n;
  context.mediator_count = mediators.size();
  context.disclosed.assign(n, nullptr);
  if (disclosed) {
    for (std::size_t p = 0; p < n; ++p) context.disclosed[p] = &scenario.profile(p);
  }
  context.max_rounds = options.rounds;
  for (std::size_t m = 0; m < mediators.size(); ++m) {
    context.mediator = m;
    context.seed = DeriveSeed(options.seed, {1000 + m});
    context.own_interests = m < options.mediator_interests.size() ? options.mediator_interests[m] : nullptr;
    try {
      mediators[m]->Begin(context);
    } catch (...) {
      RecordMediatorFault(result, n, m, fmt::format("failed to start: {}", DescribeCurrentException()), 0.0);
      return false;
    }
  }
  return true;
}

std::size_t BeginNegotiators(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                             const NegotiationOptions& options, NegotiationResult& result,
                             std::span<PreferenceOracle* const> oracles) {
  std::size_t begun = 0;
  for (std::size_t p = 0; p < negotiators.size(); ++p) {
    NegotiatorContext context;
    context.space = &scenario.space();
    context.profile = &scenario.profile(p);
    context.party = p;
    context.party_count = scenario.party_count();
    context.max_rounds = options.rounds;
    context.time_limit_seconds = options.time_limit_seconds;
    context.seed = SeedOfParty(options, p);
    context.tracks = options.tracks;
    context.track = options.track;
    context.oracle = p < oracles.size() ? oracles[p] : nullptr;
    // Counted before the call: a negotiator that fails in Begin is still told Finish.
    ++begun;
    try {
      negotiators[p]->Begin(context);
    } catch (...) {
      RecordFault(result, p, fmt::format("failed to start: {}", DescribeCurrentException()), 0.0);
      break;
    }
  }
  return begun;
}

void SettleUtilities(const Scenario& scenario, NegotiationResult& result, std::uint64_t rounds_deadline) {
  const std::size_t n = scenario.party_count();
  result.utilities.assign(n, 0.0);
  result.undiscounted_utilities.assign(n, 0.0);
  std::vector<bool> settled(n, false);
  // A coalition's parties get its outcome, discounted at the time they agreed on it.
  for (const Coalition& coalition : result.coalitions) {
    for (const std::size_t p : coalition.parties) {
      const Profile& profile = scenario.profile(p);
      result.undiscounted_utilities[p] = profile.Utility(coalition.outcome);
      result.utilities[p] = profile.Discount(result.undiscounted_utilities[p], coalition.time);
      settled[p] = true;
    }
  }
  for (std::size_t p = 0; p < n; ++p) {
    if (settled[p]) continue;
    const Profile& profile = scenario.profile(p);
    if (result.agreement) {
      result.undiscounted_utilities[p] = profile.Utility(*result.agreement);
      result.utilities[p] = profile.Discount(result.undiscounted_utilities[p], result.time);
    } else {
      result.undiscounted_utilities[p] = profile.ReservationValueAt(result.time, rounds_deadline);
      result.utilities[p] = profile.Discount(result.undiscounted_utilities[p], result.time);
    }
  }
}

void FinishNegotiators(const std::vector<Negotiator*>& negotiators, std::size_t begun,
                       const NegotiationResult& result) {
  for (std::size_t p = 0; p < begun && p < negotiators.size(); ++p) {
    try {
      negotiators[p]->Finish(result);
    } catch (...) {
      // The negotiation is over; a failure while being told so cannot change its result.
    }
  }
}

namespace {

// GENIUS 10.4 charges a rank question what the party's uncertain profile declares
// (<elicitation_cost>); Parley does so for a party that negotiates with partial knowledge,
// and charges the protocol's cost otherwise. docs/negotiation.md#elicitation.
ElicitationRule RuleOfParty(const Scenario& scenario, std::size_t party, ElicitationRule rule,
                            const PartialPreferences* known) {
  if (rule.kind != ElicitationRule::Kind::kRank || known == nullptr) return rule;
  if (const auto declared = UncertainProfileElicitationCost(scenario.description(), scenario.profile(party).name())) {
    rule.cost = *declared;
  }
  return rule;
}

}  // namespace

RunBase::RunBase(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                 const NegotiationOptions& options, std::size_t steps_per_round, std::size_t trace_steps_per_round,
                 ElicitationRule elicitation)
    : scenario_(scenario),
      space_(scenario.space()),
      negotiators_(negotiators),
      options_(options),
      n_(scenario.party_count()),
      moves_per_round_(steps_per_round),
      clock_(options, steps_per_round),
      proposal_(space_.issue_count()) {
  result_.trace.Reset(space_.issue_count(), n_,
                      options.record_trace ? (options.rounds ? options.rounds * trace_steps_per_round : 1024) : 0);
  // Answers add to what a party knows, so under elicitation each party's knowledge is this run's
  // own copy, which its oracle grows and its negotiator reads (NegotiatorContext::known).
  std::vector<PartialPreferences*> growing(n_, nullptr);
  if (elicitation.kind != ElicitationRule::Kind::kNone) {
    for (std::size_t p = 0; p < n_ && p < options_.knowledge.size(); ++p) {
      if (options_.knowledge[p] == nullptr) continue;
      auto own = std::make_shared<PartialPreferences>(*options_.knowledge[p]);
      growing[p] = own.get();
      options_.knowledge[p] = std::move(own);
    }
  }
  if (!options_.knowledge.empty()) negotiators_ = WithKnowledge(scenario, negotiators, options_, perceivers_);
  std::vector<PreferenceOracle*> oracles;
  if (elicitation.kind != ElicitationRule::Kind::kNone) {
    for (std::size_t p = 0; p < n_; ++p) {
      // A party starts from the ranking it knows; one with full information, or with a partial
      // order that is not a ranking, from the worst and best outcomes (the oracle's default).
      std::vector<Outcome> known_ranking;
      if (growing[p] && growing[p]->IsRanking()) {
        for (const std::size_t position : growing[p]->WorstFirst())
          known_ranking.push_back(growing[p]->outcomes()[position]);
      }
      oracles_.push_back(std::make_unique<TruthfulOracle>(
          scenario, p, RuleOfParty(scenario, p, elicitation, growing[p]), std::move(known_ranking), growing[p]));
      oracles.push_back(oracles_.back().get());
    }
  }
  begun_ = BeginNegotiators(scenario, negotiators_, options, result_, oracles);
}

void RunBase::BeginMediators(const std::vector<Mediator*>& mediators, bool disclosed) {
  mediators_ = mediators;
  if (!result_.fault) internal::BeginMediators(scenario_, mediators_, options_, disclosed, result_);
}

void RunBase::Step() {
  for (std::size_t move = 0; move < moves_per_round_ && !done_; ++move) Move();
}

void RunBase::Stop(std::string why) {
  if (done_) return;
  bool past_deadline = false;
  time_ = clock_.TimeOfStep(ClockPosition(), past_deadline);
  result_.end_reason = EndReason::kStopped;
  result_.stop_reason = std::move(why);
  Finish();
}

void RunBase::Finish() {
  done_ = true;
  result_.steps = step_;
  result_.rounds = RoundsPlayed();
  result_.time = time_;
  result_.elapsed_seconds = clock_.elapsed_seconds();
  SettleUtilities(scenario_, result_, options_.rounds);
  if (!oracles_.empty()) {
    result_.elicitation_costs.clear();
    result_.elicitation_requests.clear();
    for (const auto& oracle : oracles_) {
      result_.elicitation_costs.push_back(oracle->cost());
      result_.elicitation_requests.push_back(oracle->requests());
    }
  }
  FinishNegotiators(negotiators_, begun_, result_);
}

void RunBase::EndAtDeadline() {
  result_.end_reason = EndReason::kDeadline;
  Finish();
}

bool RunBase::FailMove(std::size_t party, std::uint64_t step, ActionType action) {
  switch (action) {
    case ActionType::kOffer:
      RecordFaultOf(party, fmt::format("proposed an invalid outcome at step {}: {}", step, why_));
      break;
    case ActionType::kAccept:
      RecordFaultOf(party, fmt::format("accepted at step {} when no offer was on the table", step));
      break;
    default: RecordFaultOf(party, fmt::format("returned an unknown action at step {}", step)); break;
  }
  Finish();
  return false;
}

bool RunBase::CastVote(const VoteRequest& request, const double* utilities, Moment when, Vote& vote) {
  FitToSpace(proposal_);
  try {
    vote = negotiators_[request.voter]->VoteOn(request, proposal_);
  } catch (...) {
    RecordThrow(request.voter, when);
    Finish();
    return false;
  }
  const std::uint64_t step = step_++;
  const ActionType action = vote == Vote::kAccept ? ActionType::kAccept : ActionType::kReject;
  const TurnState& turn = request.turn;
  if (options_.record_trace) {
    result_.trace.Add({step, turn.round, turn.time, request.voter, action}, turn.current_offer, utilities);
  }
  ObservedAction observed{.party = request.voter,
                          .type = action,
                          .offer = turn.current_offer,
                          .step = step,
                          .round = turn.round,
                          .time = turn.time};
  if (!TellParties(observed, utilities, request.voter, {"while observing step {}", step})) {
    Finish();
    return false;
  }
  return true;
}

void RunBase::RecordFaultOf(std::size_t actor, std::string message) {
  if (actor < n_) {
    RecordFault(result_, actor, std::move(message), time_);
  } else {
    RecordMediatorFault(result_, n_, actor - n_, message, time_);
  }
}

void RunBase::RecordThrow(std::size_t actor, Moment when) {
  const std::string moment = fmt::vformat(fmt::string_view(when.text), fmt::make_format_args(when.at));
  RecordFaultOf(actor, fmt::format("threw {}: {}", moment, DescribeCurrentException()));
}

}  // namespace parley::internal
