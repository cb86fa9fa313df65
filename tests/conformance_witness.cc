// The witnesses of conformance.h: what a protocol shows each negotiator and mediator, checked as
// it is shown, and whether a negotiator accepts an offer worth less than its reservation value.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <utility>

#include "conformance.h"
#include "parley/error.h"
#include "parley/outcome_ranking.h"

namespace parley::conformance {
namespace {

constexpr std::size_t kMaxKept = 20;

void Keep(Violations& violations, std::string what) {
  if (violations.size() < kMaxKept) {
    violations.push_back(std::move(what));
  } else if (violations.size() == kMaxKept) {
    violations.push_back("(further violations of the same negotiation left out)");
  }
}

}  // namespace

// --- NegotiatorWitness ---------------------------------------------------------------------------

NegotiatorWitness::NegotiatorWitness(Negotiator& inner, const Scenario& scenario, std::size_t party,
                                     const NegotiationOptions& options, std::string protocol, std::string label)
    : inner_(inner),
      scenario_(scenario),
      party_(party),
      options_(options),
      protocol_(std::move(protocol)),
      label_(std::move(label)) {}

void NegotiatorWitness::ProtocolViolation(std::string what) {
  Keep(protocol_violations_, fmt::format("protocol '{}' {}", protocol_, what));
}

void NegotiatorWitness::CheckTime(double time, std::uint64_t round, std::string_view where) {
  if (!(time >= 0.0 && time < 1.0)) ProtocolViolation(fmt::format("showed party {} time {} {}", party_, time, where));
  if (options_.rounds > 0 && round >= options_.rounds) {
    ProtocolViolation(fmt::format("showed party {} round {} {}, past the deadline of {} rounds", party_, round, where,
                                  options_.rounds));
  }
  latest_time_ = std::max(latest_time_, time);
}

void NegotiatorWitness::CheckShownOffer(const Outcome* offer, double utility, std::string_view where) {
  if (!offer) return;
  std::string why;
  if (!scenario_.space().IsValid(*offer, &why)) {
    ProtocolViolation(fmt::format("showed party {} an invalid offer {}: {}", party_, where, why));
    return;
  }
  const double own = (shown_ ? *shown_ : scenario_.profile(party_)).Utility(*offer);
  if (utility != own) {
    ProtocolViolation(fmt::format("told party {} an offer {} is worth {} to it, but its own profile says {}", party_,
                                  where, utility, own));
  }
}

void NegotiatorWitness::Begin(const NegotiatorContext& context) {
  if (++begin_calls_ > 1) ProtocolViolation(fmt::format("began party {} again", party_));
  if (context.space != &scenario_.space())
    ProtocolViolation(fmt::format("gave party {} another outcome space", party_));
  const bool partial = party_ < options_.knowledge.size() && options_.knowledge[party_] != nullptr;
  if (partial) {
    // The estimate it perceives, with its true reservation value and discount factor.
    const Profile& truth = scenario_.profile(party_);
    if (context.known != options_.knowledge[party_].get()) {
      ProtocolViolation(fmt::format("did not show party {} what it knows of its preferences", party_));
    }
    if (context.profile == nullptr || context.profile == &truth ||
        context.profile->reservation_value() != truth.reservation_value() ||
        context.profile->discount_factor() != truth.discount_factor()) {
      ProtocolViolation(
          fmt::format("gave party {}, which knows part of its preferences, a profile other than its "
                      "estimate with its true reservation value and discount factor",
                      party_));
    }
    shown_ = context.profile;
  } else {
    if (context.profile != &scenario_.profile(party_)) {
      ProtocolViolation(fmt::format("gave party {} a profile other than its own", party_));
    }
    if (context.known != nullptr)
      ProtocolViolation(fmt::format("gave party {}, which knows all, partial knowledge", party_));
  }
  if (context.party != party_ || context.party_count != scenario_.party_count()) {
    ProtocolViolation(fmt::format("told party {} of {} that it is party {} of {}", party_, scenario_.party_count(),
                                  context.party, context.party_count));
  }
  if (context.max_rounds != options_.rounds || context.time_limit_seconds != options_.time_limit_seconds) {
    ProtocolViolation(fmt::format("told party {} of a deadline of {} rounds and {} s instead of {} rounds and {} s",
                                  party_, context.max_rounds, context.time_limit_seconds, options_.rounds,
                                  options_.time_limit_seconds));
  }
  inner_.Begin(context);
}

ActionType NegotiatorWitness::Act(const TurnState& state, Outcome& proposal) {
  if (begin_calls_ == 0 || finish_calls_ > 0)
    ProtocolViolation(fmt::format("asked party {} to act outside its negotiation", party_));
  const std::string where = fmt::format("at step {}", state.step);
  CheckTime(state.time, state.round, where);
  if (last_round_ && state.round <= *last_round_) {
    ProtocolViolation(fmt::format("gave party {} a second turn in round {} ({})", party_, state.round, where));
  }
  if (last_step_ && state.step <= *last_step_) {
    ProtocolViolation(fmt::format("gave party {} step {} after step {}", party_, state.step, *last_step_));
  }
  last_round_ = state.round;
  last_step_ = state.step;
  if (proposal.size() != scenario_.space().issue_count()) {
    ProtocolViolation(fmt::format("gave party {} a proposal buffer of {} values for {} issues {}", party_,
                                  proposal.size(), scenario_.space().issue_count(), where));
  }
  CheckShownOffer(state.current_offer, state.current_offer_utility, "on its table " + where);

  const ActionType action = inner_.Act(state, proposal);
  if (action == ActionType::kAccept) CheckRationalAcceptance(state, "accepted");
  return action;
}

void NegotiatorWitness::CheckRationalAcceptance(const TurnState& state, std::string_view what) {
  if (!checks_rationality_ || !state.current_offer || !scenario_.space().IsValid(*state.current_offer)) return;
  const Profile& profile = scenario_.profile(party_);
  const double utility = profile.Utility(*state.current_offer);
  const double reservation = profile.ReservationValueAt(state.time, options_.rounds);
  if (utility < reservation && profile.utility_function().ranking().best_utility() >= reservation) {
    Keep(party_violations_, fmt::format("{} {} an offer worth {} to it, below its reservation value {} at time {}",
                                        label_, what, utility, reservation, state.time));
  }
}

Vote NegotiatorWitness::VoteOn(const VoteRequest& request, Outcome& scratch) {
  if (begin_calls_ == 0 || finish_calls_ > 0)
    ProtocolViolation(fmt::format("asked party {} to vote outside its negotiation", party_));
  const TurnState& state = request.turn;
  const std::string where = fmt::format("in the vote at step {}", state.step);
  CheckTime(state.time, state.round, where);
  if (last_step_ && state.step <= *last_step_) {
    ProtocolViolation(fmt::format("asked party {} to vote at step {} after step {}", party_, state.step, *last_step_));
  }
  last_step_ = state.step;
  if (request.voter != party_) {
    ProtocolViolation(fmt::format("asked party {} to vote as party {} {}", party_, request.voter, where));
  }
  if (state.current_offer == nullptr || request.ballot >= request.ballots || state.offerer >= scenario_.party_count()) {
    ProtocolViolation(fmt::format("asked party {} to vote on no offer (ballot {} of {}, made by party {}) {}", party_,
                                  request.ballot, request.ballots, state.offerer, where));
    return inner_.VoteOn(request, scratch);
  }
  CheckShownOffer(state.current_offer, state.current_offer_utility, "put to its vote " + where);
  const Vote vote = inner_.VoteOn(request, scratch);
  // Its own offer is exempt: a party that offers below its reservation value (a witness reports
  // that elsewhere) votes for what it offered.
  if (vote == Vote::kAccept && state.offerer != party_) CheckRationalAcceptance(state, "voted for");
  return vote;
}

void NegotiatorWitness::CheckMopacVoting(const MopacVoting& voting, std::string_view where) {
  if (begin_calls_ == 0 || finish_calls_ > 0)
    ProtocolViolation(fmt::format("asked party {} to vote outside its negotiation", party_));
  const std::string at = fmt::format("{} at step {}", where, voting.step);
  CheckTime(voting.time, voting.round, at);
  if (last_step_ && voting.step <= *last_step_) {
    ProtocolViolation(fmt::format("asked party {} {} after step {}", party_, at, *last_step_));
  }
  last_step_ = voting.step;
  if (voting.voter != party_) ProtocolViolation(fmt::format("asked party {} {} as party {}", party_, at, voting.voter));
  const std::size_t n = scenario_.party_count();
  int total = 0;
  for (const int power : voting.powers) total += power;
  if (voting.powers.size() != n || total != voting.total_power ||
      std::any_of(voting.powers.begin(), voting.powers.end(), [](int power) { return power < 1; })) {
    ProtocolViolation(fmt::format("showed party {} {} powers adding up to {} (total {}) for {} parties {}", party_,
                                  voting.powers.size(), total, voting.total_power, n, at));
  }
  if (voting.offers.empty()) ProtocolViolation(fmt::format("asked party {} to vote on no offer {}", party_, at));
  for (const MopacOffer& offer : voting.offers) {
    if (offer.outcome == nullptr || offer.maker >= n) {
      ProtocolViolation(
          fmt::format("showed party {} an offer of party {} without its outcome {}", party_, offer.maker, at));
      continue;
    }
    CheckShownOffer(offer.outcome, offer.utility, "put to its vote " + at);
  }
}

void NegotiatorWitness::CheckPowerVotes(const MopacVoting& voting, const std::vector<PowerVote>& votes,
                                        std::string_view what) {
  for (const PowerVote& vote : votes) {
    if (vote.offer >= voting.offers.size() || vote.min_power < 1 || vote.max_power < vote.min_power) {
      Keep(party_violations_, fmt::format("{} {} offer {} of {} with power range [{}, {}]", label_, what, vote.offer,
                                          voting.offers.size(), vote.min_power, vote.max_power));
      continue;
    }
    const MopacOffer& offer = voting.offers[vote.offer];
    if (offer.outcome == nullptr || offer.maker == party_) continue;
    // A vote for another party's offer is an acceptance of it, as in amop's voting rounds.
    const TurnState turn{.step = voting.step,
                         .round = voting.round,
                         .time = voting.time,
                         .current_offer = offer.outcome,
                         .offerer = offer.maker,
                         .current_offer_utility = offer.utility};
    CheckRationalAcceptance(turn, what);
  }
}

bool NegotiatorWitness::VoteRanges(const MopacVoting& voting, std::vector<PowerVote>& votes, Outcome& scratch) {
  CheckMopacVoting(voting, "to vote");
  if (!votes.empty()) ProtocolViolation(fmt::format("gave party {} {} votes before it voted", party_, votes.size()));
  const bool stays = inner_.VoteRanges(voting, votes, scratch);
  if (stays) CheckPowerVotes(voting, votes, "voted for");
  return stays;
}

bool NegotiatorWitness::OptIn(const MopacVoting& voting, std::span<const MopacBallot> ballots,
                              std::vector<PowerVote>& mine) {
  CheckMopacVoting(voting, "to opt in");
  const auto own =
      std::find_if(ballots.begin(), ballots.end(), [&](const MopacBallot& ballot) { return ballot.party == party_; });
  if (own == ballots.end() || own->votes != mine) {
    ProtocolViolation(fmt::format("asked party {} to opt in without its own votes as it cast them", party_));
  }
  const bool stays = inner_.OptIn(voting, ballots, mine);
  if (stays) CheckPowerVotes(voting, mine, "opted in for");
  return stays;
}

void NegotiatorWitness::Observe(const ObservedAction& action) {
  if (begin_calls_ == 0 || finish_calls_ > 0) {
    ProtocolViolation(fmt::format("showed party {} an action outside its negotiation", party_));
  }
  const std::string where = fmt::format("observed at step {}", action.step);
  if (action.party == party_) ProtocolViolation(fmt::format("showed party {} its own action {}", party_, where));
  CheckTime(action.time, action.round, where);
  CheckShownOffer(action.offer, action.offer_utility, where);
  inner_.Observe(action);
}

void NegotiatorWitness::Finish(const NegotiationResult& result) {
  if (++finish_calls_ > 1) ProtocolViolation(fmt::format("finished party {} again", party_));
  finish_reason_ = result.end_reason;
  try {
    inner_.Finish(result);
  } catch (const std::exception& e) {
    Keep(party_violations_, fmt::format("{} threw from Finish: {}", label_, e.what()));
    throw;
  } catch (...) {
    Keep(party_violations_, fmt::format("{} threw something that is not an exception from Finish", label_));
    throw;
  }
}

std::optional<Feedback> NegotiatorWitness::CompareTexts(const Outcome& previous, const Outcome& next) {
  if (!scenario_.space().IsValid(previous) || !scenario_.space().IsValid(next)) {
    ProtocolViolation(fmt::format("asked party {} to compare invalid texts", party_));
  }
  return inner_.CompareTexts(previous, next);
}

// --- MediatorWitness -----------------------------------------------------------------------------

MediatorWitness::MediatorWitness(Mediator& inner, const Scenario& scenario, std::size_t mediator,
                                 std::size_t mediator_count, const NegotiationOptions& options, std::string protocol)
    : inner_(inner),
      scenario_(scenario),
      mediator_(mediator),
      mediator_count_(mediator_count),
      options_(options),
      protocol_(std::move(protocol)) {}

void MediatorWitness::ProtocolViolation(std::string what) {
  Keep(protocol_violations_, fmt::format("protocol '{}' {}", protocol_, what));
}

void MediatorWitness::CheckValid(const Outcome* outcome, std::string_view what) {
  std::string why;
  if (outcome && !scenario_.space().IsValid(*outcome, &why)) {
    ProtocolViolation(fmt::format("showed mediator {} an invalid {}: {}", mediator_, what, why));
  }
}

void MediatorWitness::CheckTime(double time, std::uint64_t round, std::string_view where) {
  if (!(time >= 0.0 && time < 1.0))
    ProtocolViolation(fmt::format("showed mediator {} time {} {}", mediator_, time, where));
  if (options_.rounds > 0 && round >= options_.rounds) {
    ProtocolViolation(fmt::format("asked mediator {} {} in round {}, past the deadline of {} rounds", mediator_, where,
                                  round, options_.rounds));
  }
}

void MediatorWitness::Begin(const MediatorContext& context) {
  const std::size_t n = scenario_.party_count();
  if (++begin_calls_ > 1) ProtocolViolation(fmt::format("began mediator {} again", mediator_));
  if (context.space != &scenario_.space() || context.party_count != n) {
    ProtocolViolation(fmt::format("gave mediator {} another outcome space or party count", mediator_));
  }
  if (context.mediator != mediator_ || context.mediator_count != mediator_count_) {
    ProtocolViolation(fmt::format("told mediator {} of {} that it is mediator {} of {}", mediator_, mediator_count_,
                                  context.mediator, context.mediator_count));
  }
  if (context.max_rounds != options_.rounds) {
    ProtocolViolation(fmt::format("told mediator {} of a deadline of {} rounds instead of {}", mediator_,
                                  context.max_rounds, options_.rounds));
  }
  if (context.disclosed.size() != n) {
    ProtocolViolation(
        fmt::format("gave mediator {} {} disclosures for {} parties", mediator_, context.disclosed.size(), n));
  } else {
    for (std::size_t p = 0; p < n; ++p) {
      if (context.disclosed[p] && context.disclosed[p] != &scenario_.profile(p)) {
        ProtocolViolation(
            fmt::format("disclosed to mediator {} a profile other than party {}'s as party {}'s", mediator_, p, p));
      }
    }
  }
  const Profile* interests =
      mediator_ < options_.mediator_interests.size() ? options_.mediator_interests[mediator_] : nullptr;
  if (context.own_interests != interests) {
    ProtocolViolation(fmt::format("gave mediator {} interests other than its own", mediator_));
  }
  inner_.Begin(context);
}

bool MediatorWitness::ProposeText(const TextState& state, Outcome& text) {
  CheckTime(state.time, state.round, "for a text");
  CheckValid(state.accepted_text, "accepted text");
  CheckValid(state.previous_text, "previous text");
  const std::size_t n = scenario_.party_count();
  if (state.previous_votes && state.previous_votes->size() != n) {
    ProtocolViolation(
        fmt::format("showed mediator {} {} votes of {} parties", mediator_, state.previous_votes->size(), n));
  }
  if (state.previous_feedback && !state.previous_feedback->empty() && state.previous_feedback->size() != n) {
    ProtocolViolation(fmt::format("showed mediator {} {} answers of feedback from {} parties", mediator_,
                                  state.previous_feedback->size(), n));
  }
  if (text.size() != scenario_.space().issue_count()) {
    ProtocolViolation(fmt::format("gave mediator {} a text buffer of {} values", mediator_, text.size()));
  }
  try {
    return inner_.ProposeText(state, text);
  } catch (const UsageError&) {
    refused_ = true;
    throw;
  }
}

void MediatorWitness::ObserveAnswers(const Outcome& text, const std::vector<Vote>& votes,
                                     const std::vector<Feedback>& feedback) {
  CheckValid(&text, "text with its answers");
  const std::size_t n = scenario_.party_count();
  if (votes.size() != n || (!feedback.empty() && feedback.size() != n)) {
    ProtocolViolation(fmt::format("showed mediator {} {} votes and {} answers of feedback from {} parties", mediator_,
                                  votes.size(), feedback.size(), n));
  }
  inner_.ObserveAnswers(text, votes, feedback);
}

RelayDecision MediatorWitness::Relay(const RelayState& state, const Outcome& offer, Outcome& replacement) {
  CheckTime(state.time, state.round, "to relay an offer");
  if (state.from >= scenario_.party_count()) {
    ProtocolViolation(fmt::format("asked mediator {} to relay an offer from party {}", mediator_, state.from));
  }
  CheckValid(&offer, "offer to relay");
  CheckValid(state.delivered, "delivered offer");
  if (replacement.size() != scenario_.space().issue_count()) {
    ProtocolViolation(fmt::format("gave mediator {} a replacement buffer of {} values", mediator_, replacement.size()));
  }
  try {
    return inner_.Relay(state, offer, replacement);
  } catch (const UsageError&) {
    refused_ = true;
    throw;
  }
}

void MediatorWitness::ObserveAcceptance(std::size_t party, const Outcome& offer) {
  if (party >= scenario_.party_count()) {
    ProtocolViolation(fmt::format("told mediator {} of an acceptance by party {}", mediator_, party));
  }
  CheckValid(&offer, "accepted offer");
  inner_.ObserveAcceptance(party, offer);
}

}  // namespace parley::conformance
