// Referees: the agreement a protocol's rules give, derived from nothing but the recorded trace and
// written here independently of the protocols' code (docs/negotiation.md states the rules each one
// follows). CheckProtocolContract compares the result's agreement with the referee's whenever the
// negotiation ended by its rules (an agreement, the deadline or a walk-away) with a trace.
#include <fmt/format.h>

#include <algorithm>
#include <compare>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "conformance.h"
#include "parley/spec.h"

namespace parley::conformance {
namespace {

// saop and shaop: an offer is agreed when every other party accepts it in turn, before anyone
// makes another offer.
RefereeVerdict AlternatingOffersReferee(const Scenario& scenario, const NegotiationResult& result) {
  const Trace& trace = result.trace;
  const std::size_t n = scenario.party_count();
  RefereeVerdict verdict;
  std::optional<Outcome> table;
  std::size_t accepts = 0;
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const Trace::Step& step = trace.step(i);
    if (step.action == ActionType::kOffer) {
      table = trace.offer(i);
      accepts = 0;
    } else if (step.action == ActionType::kAccept) {
      if (!table || trace.offer(i) != *table) {
        verdict.violations.push_back(fmt::format("recorded an acceptance at entry {} of an offer not on the table", i));
        return verdict;
      }
      if (++accepts == n - 1) {
        verdict.agreement = table;
        if (i + 1 != trace.size())
          verdict.violations.push_back(fmt::format("went on after the agreement at entry {}", i));
        return verdict;
      }
    }
  }
  return verdict;
}

// shuttle: a party's offer goes to the lead mediator, which forwards it (it is then live, from its
// author, and agreed when the N-1 other parties have accepted it), withholds it (nothing changes),
// or replaces it with a package (recorded as the mediator's offer at the same step: live, and agreed
// when all N parties have accepted it). A delivery clears the acceptances; an acceptance is of the
// live offer and counts once per party. Forwarding and withholding leave no entry of their own, so
// the referee follows every reading the trace allows and judges only when they agree (nothing when
// they do not: a withheld offer equal to the live one, say).
std::optional<RefereeVerdict> ShuttleReferee(const Scenario& scenario, const NegotiationResult& result) {
  const Trace& trace = result.trace;
  const std::size_t n = scenario.party_count();
  using Key = std::vector<double>;
  struct Reading {
    std::optional<Key> live;
    std::size_t author = 0;          // n for the mediator's package
    std::set<std::size_t> accepted;  // parties that accepted the live offer
    std::optional<Key> agreement;
    auto operator<=>(const Reading&) const = default;
  };
  RefereeVerdict verdict;
  std::set<Reading> readings = {Reading{}};
  bool walked_away = false;
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const Trace::Step& step = trace.step(i);
    std::set<Reading> next;
    if (step.action == ActionType::kEndNegotiation) {
      walked_away = true;
      continue;
    }
    if (step.action == ActionType::kOffer && step.party == n) {
      // The package replacing the offer just recorded: the reading that forwarded or withheld it
      // is wrong, so the readings before that offer are the base.
      if (i == 0 || trace.step(i - 1).step != step.step || trace.step(i - 1).party >= n) {
        verdict.violations.push_back(fmt::format("recorded entry {} a package that replaces no offer", i));
        return verdict;
      }
      for (Reading reading : readings) {
        reading.live = trace.offer(i).values();
        reading.author = n;
        reading.accepted.clear();
        next.insert(std::move(reading));
      }
      readings = std::move(next);
      continue;
    }
    if (step.action == ActionType::kOffer) {
      const bool replaced = i + 1 < trace.size() && trace.step(i + 1).party == n && trace.step(i + 1).step == step.step;
      for (const Reading& reading : readings) {
        if (replaced) {
          next.insert(reading);  // the package's entry sets the live offer
          continue;
        }
        next.insert(reading);  // withheld
        Reading forwarded = reading;
        forwarded.live = trace.offer(i).values();
        forwarded.author = step.party;
        forwarded.accepted.clear();
        next.insert(std::move(forwarded));
      }
      readings = std::move(next);
      continue;
    }
    if (step.action != ActionType::kAccept) continue;
    bool agreed_too_early = false;
    for (Reading reading : readings) {
      if (reading.agreement || !reading.live || *reading.live != trace.offer(i).values()) continue;
      if (step.party != reading.author) reading.accepted.insert(step.party);
      const std::size_t needed = reading.author == n ? n : n - 1;
      if (reading.accepted.size() == needed) {
        // Agreed here, so the trace must end here.
        if (i + 1 != trace.size()) {
          agreed_too_early = true;
          continue;
        }
        reading.agreement = reading.live;
      }
      next.insert(std::move(reading));
    }
    if (next.empty()) {
      verdict.violations.push_back(
          agreed_too_early
              ? fmt::format("recorded entry {}, an acceptance that agrees in every reading, but the trace goes on", i)
              : fmt::format("recorded entry {}: party {} accepts an offer that is live in no reading of the trace", i,
                            step.party));
      return verdict;
    }
    readings = std::move(next);
  }
  std::set<std::optional<Key>> agreements;
  for (const Reading& reading : readings) agreements.insert(walked_away ? std::nullopt : reading.agreement);
  if (agreements.size() != 1) return std::nullopt;
  if (const std::optional<Key>& agreement = *agreements.begin()) verdict.agreement = Outcome(*agreement);
  return verdict;
}

// single-text: each round a mediator's text (an offer by party N + m), then every party's answer in
// party order: an acceptance of the text, a veto (an offer without an outcome) or a walk-away. A
// text every party accepts stands; the standing text at the end is the agreement, unless a party
// walked away.
RefereeVerdict SingleTextReferee(const Scenario& scenario, const NegotiationResult& result) {
  const Trace& trace = result.trace;
  const std::size_t n = scenario.party_count();
  RefereeVerdict verdict;
  std::optional<Outcome> text;
  std::optional<Outcome> standing;
  std::size_t accepts = 0;
  std::size_t answers = 0;
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const Trace::Step& step = trace.step(i);
    if (step.party >= n) {
      if (step.action != ActionType::kOffer || !trace.has_offer(i) || (text && answers != n)) {
        verdict.violations.push_back(fmt::format("recorded entry {} a text where party {} should answer", i, answers));
        return verdict;
      }
      text = trace.offer(i);
      accepts = answers = 0;
      continue;
    }
    if (step.action == ActionType::kElicit) continue;
    if (!text || step.party != answers) {
      verdict.violations.push_back(
          fmt::format("recorded entry {} an answer of party {} where {}", i, step.party,
                      text ? fmt::format("party {} answers", answers) : std::string("no text was put")));
      return verdict;
    }
    ++answers;
    if (step.action == ActionType::kEndNegotiation) return verdict;  // no agreement
    if (step.action != ActionType::kAccept) continue;
    if (!trace.has_offer(i) || trace.offer(i) != *text) {
      verdict.violations.push_back(fmt::format("recorded entry {} an acceptance of something else than the text", i));
      return verdict;
    }
    if (++accepts == n) standing = text;
  }
  verdict.agreement = standing;
  return verdict;
}

// amop and majority (GENIUS): phases alternate between bidding (round 0, 2, ...: every party offers
// once, in turn order) and voting (every party votes on every offer of the bidding round before, the
// offers in the order made, the parties in turn order within each). An offer all accept is agreed at
// once. Under majority an offer stands when it has more votes than the standing one ever had, and
// binds at the deadline if the last complete phase was a voting phase.
RefereeVerdict VotingRoundsReferee(const Scenario& scenario, const NegotiationResult& result, bool majority) {
  const Trace& trace = result.trace;
  const std::size_t n = scenario.party_count();
  RefereeVerdict verdict;
  auto wrong = [&](std::size_t i, std::string what) {
    verdict.violations.push_back(fmt::format("recorded entry {} {}", i, what));
  };
  std::vector<Outcome> bids;
  std::vector<std::size_t> votes;
  std::optional<Outcome> standing;
  std::size_t standing_votes = 0;
  std::uint64_t round = 0;
  std::size_t moves_in_round = 0;
  bool any = false;
  bool walked_away = false;
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const Trace::Step& step = trace.step(i);
    if (!any || step.round != round) {
      if (any && step.round != round + 1) wrong(i, fmt::format("in round {} after round {}", step.round, round));
      round = step.round;
      moves_in_round = 0;
      if (round % 2 == 1)
        votes.assign(bids.size(), 0);
      else
        bids.clear();
    }
    any = true;
    const std::size_t k = moves_in_round++;
    if (step.action == ActionType::kEndNegotiation) {
      walked_away = true;
      continue;
    }
    if (round % 2 == 0) {
      if (step.action != ActionType::kOffer || step.party != k) {
        wrong(i, fmt::format("as move {} of a bidding round by party {} with action '{}'", k, step.party,
                             ActionTypeName(step.action)));
        return verdict;
      }
      bids.push_back(trace.offer(i));
      continue;
    }
    const std::size_t ballot = k / n;
    const std::size_t voter = k % n;
    if ((step.action != ActionType::kAccept && step.action != ActionType::kReject) || step.party != voter ||
        ballot >= bids.size() || trace.offer(i) != bids[ballot]) {
      wrong(i, fmt::format("as vote {} of a voting round, by party {}, not party {}'s vote on offer {}", k, step.party,
                           voter, ballot));
      return verdict;
    }
    if (step.action != ActionType::kAccept) continue;
    const std::size_t count = ++votes[ballot];
    if (majority && count > standing_votes) {
      standing = bids[ballot];
      standing_votes = count;
    }
    if (count == n) {
      verdict.agreement = bids[ballot];
      if (i + 1 != trace.size()) wrong(i, "as the agreement's last vote, but the trace goes on");
      return verdict;
    }
  }
  // A walk-away ends either protocol without agreement.
  if (!majority || !standing || walked_away) return verdict;
  // The last complete phase: the last recorded one if it has all its moves, else the one before.
  const std::size_t full = round % 2 == 0 ? n : n * n;
  const bool last_complete_is_voting = any && (moves_in_round == full ? round % 2 == 1 : round % 2 == 0);
  if (last_complete_is_voting) verdict.agreement = standing;
  return verdict;
}

// mopac (GeniusWeb's MOPAC): coalitions form at the end of each round's opt-in phase from the opt-in
// votes alone. On each outcome the candidate is the group of at least two of its voters with the most
// power whose power lies in every member's range (ties: more parties, then the smaller list of
// parties); among outcomes the most powerful candidate (ties: more parties, the smaller list, the
// outcome offered first in the round). largest-agreement forms that one; largest-agreements-loop
// then repeats among the parties left. A party in a coalition takes no further part.
RefereeVerdict MopacReferee(const Spec& spec, const Scenario& scenario, const NegotiationResult& result) {
  const Trace& trace = result.trace;
  const std::size_t n = scenario.party_count();
  RefereeVerdict verdict;
  std::vector<long long> power(n, 1);
  if (spec.has("powers")) {
    std::vector<long long> given;
    const std::string text = spec.GetString("powers");
    std::size_t start = 0;
    while (true) {
      const std::size_t end = std::min(text.find(':', start), text.size());
      given.push_back(std::stoll(text.substr(start, end - start)));
      if (end == text.size()) break;
      start = end + 1;
    }
    for (std::size_t p = 0; p < n; ++p) power[p] = given.size() == 1 ? given[0] : given.at(p);
  }
  const bool loop = !spec.has("evaluator") || spec.GetString("evaluator") == "largest-agreements-loop";
  std::vector<bool> left(n, false);

  struct OptInVote {
    std::size_t party;
    Outcome outcome;
    long long min_power, max_power;
  };
  auto form = [&](std::uint64_t round, const std::vector<Outcome>& offered, const std::vector<OptInVote>& votes) {
    while (true) {
      std::optional<Coalition> best;
      long long best_power = 0;
      for (const Outcome& outcome : offered) {
        std::vector<const OptInVote*> voters;
        for (const OptInVote& vote : votes) {
          if (vote.outcome == outcome && !left[vote.party]) voters.push_back(&vote);
        }
        for (std::size_t mask = 1; mask < (std::size_t{1} << voters.size()); ++mask) {
          std::vector<std::size_t> parties;
          long long total = 0, low = 0, high = std::numeric_limits<long long>::max();
          for (std::size_t i = 0; i < voters.size(); ++i) {
            if (!(mask >> i & 1)) continue;
            parties.push_back(voters[i]->party);
            total += power[voters[i]->party];
            low = std::max(low, voters[i]->min_power);
            high = std::min(high, voters[i]->max_power);
          }
          if (parties.size() < 2 || total < low || total > high) continue;
          std::sort(parties.begin(), parties.end());
          const bool better =
              !best || total > best_power ||
              (total == best_power && (parties.size() > best->parties.size() ||
                                       (parties.size() == best->parties.size() && parties < best->parties)));
          if (better) {
            best = Coalition{outcome, parties, round, 0.0};
            best_power = total;
          }
        }
      }
      if (!best) return;
      for (const std::size_t party : best->parties) left[party] = true;
      verdict.coalitions.push_back(*best);
      if (!loop) return;
    }
  };

  std::optional<std::uint64_t> round;
  std::vector<Outcome> offered;  // the round's distinct outcomes, in the order first offered
  std::vector<OptInVote> votes;
  for (std::size_t i = 0; i <= trace.size(); ++i) {
    if (i == trace.size() || !round || trace.step(i).round != *round) {
      if (round) form(*round, offered, votes);
      if (i == trace.size()) break;
      round = trace.step(i).round;
      offered.clear();
      votes.clear();
    }
    const Trace::Step& step = trace.step(i);
    if (step.party < n && left[step.party]) {
      verdict.violations.push_back(
          fmt::format("recorded entry {} by party {}, which had agreed in a coalition already", i, step.party));
    }
    if (step.action == ActionType::kOffer) {
      const Outcome offer = trace.offer(i);
      if (std::find(offered.begin(), offered.end(), offer) == offered.end()) offered.push_back(offer);
    } else if (step.action == ActionType::kAccept) {
      const Trace::VoteRange* range = trace.vote_range(i);
      if (!range) {
        verdict.violations.push_back(fmt::format("recorded entry {} as a vote without a power range", i));
        continue;
      }
      if (std::find(offered.begin(), offered.end(), trace.offer(i)) == offered.end()) {
        verdict.violations.push_back(
            fmt::format("recorded entry {} as a vote on an outcome not offered in its round", i));
      }
      if (range->opt_in) votes.push_back({step.party, trace.offer(i), range->min_power, range->max_power});
    } else if (step.action != ActionType::kEndNegotiation) {
      verdict.violations.push_back(fmt::format("recorded entry {} with action '{}'", i, ActionTypeName(step.action)));
    }
  }
  if (verdict.coalitions.size() == 1 && verdict.coalitions[0].parties.size() == n) {
    verdict.agreement = verdict.coalitions[0].outcome;
  }
  return verdict;
}

// tau (NegMAS's TAUMechanism): rounds of one thread per party, in any order; a thread is its owner's
// proposal (an offer, or a walk-away) and, after an offer, every other party's response to it in
// party order. After each round, threads in the order they ran: a walk-away, or an offer its owner
// made before but not last, breaks the negotiation; the offer is then remembered as proposed by the
// owner, and each acceptance of it, in responder order, is remembered and may make it agreed: every
// party has proposed it and every party has accepted it in another's thread (with
// accept_in_any_thread=false: in every other party's thread). Then a round in which every party
// repeated its last offer breaks the negotiation, and last the round's offers, in order, are agreed
// if they now qualify. A break ends the trace with a walk-away entry of the breaking party (the last
// thread's owner for a round of repeats).
RefereeVerdict TauReferee(const Scenario& scenario, const NegotiationResult& result, bool accept_in_any_thread) {
  using Key = std::vector<double>;
  const Trace& trace = result.trace;
  const std::size_t n = scenario.party_count();
  RefereeVerdict verdict;
  auto wrong = [&](std::size_t i, std::string what) {
    verdict.violations.push_back(fmt::format("recorded entry {} {}", i, what));
  };
  std::vector<std::set<Key>> offered(n);
  std::vector<std::optional<Key>> last(n);
  std::map<Key, std::set<std::size_t>> proposers;
  std::map<Key, std::set<std::size_t>> acceptors;
  std::map<Key, std::map<std::size_t, std::set<std::size_t>>> acceptor_threads;
  auto agreed = [&](const Key& offer, std::optional<std::size_t> acceptor, std::size_t owner) {
    const bool all_proposed = proposers[offer].size() == n;
    if (accept_in_any_thread) {
      if (acceptor) acceptors[offer].insert(*acceptor);
      return all_proposed && acceptors[offer].size() == n;
    }
    if (acceptor) acceptor_threads[offer][*acceptor].insert(owner);
    if (!all_proposed || acceptor_threads[offer].size() != n) return false;
    for (const auto& [party, threads] : acceptor_threads[offer]) {
      if (threads.size() != n - 1) return false;
    }
    return true;
  };
  struct Thread {
    std::size_t owner;
    std::optional<Key> offer;
    std::vector<std::size_t> accepted_by;
  };
  std::size_t i = 0;
  for (std::uint64_t round = 0; i < trace.size(); ++round) {
    std::vector<Thread> threads;
    std::vector<bool> ran(n, false);
    for (std::size_t k = 0; k < n; ++k) {
      if (i >= trace.size()) {
        wrong(i, fmt::format("missing: round {} ends after {} of {} threads", round, k, n));
        return verdict;
      }
      const Trace::Step& step = trace.step(i);
      const bool proposal = step.action == ActionType::kOffer || step.action == ActionType::kEndNegotiation;
      if (step.round != round || !proposal || step.party >= n || ran[step.party]) {
        wrong(i, fmt::format("(party {}, '{}', round {}) where a proposal of thread {} of round {} belongs", step.party,
                             ActionTypeName(step.action), step.round, k, round));
        return verdict;
      }
      ran[step.party] = true;
      Thread thread{step.party, std::nullopt, {}};
      ++i;
      if (step.action == ActionType::kOffer) {
        thread.offer = trace.offer(i - 1).values();
        for (std::size_t responder = 0; responder < n; ++responder) {
          if (responder == thread.owner) continue;
          const bool response =
              i < trace.size() && trace.step(i).round == round && trace.step(i).party == responder &&
              (trace.step(i).action == ActionType::kAccept || trace.step(i).action == ActionType::kReject) &&
              trace.offer(i).values() == *thread.offer;
          if (!response) {
            wrong(i, fmt::format("where party {}'s response to party {}'s offer of round {} belongs", responder,
                                 thread.owner, round));
            return verdict;
          }
          if (trace.step(i).action == ActionType::kAccept) thread.accepted_by.push_back(responder);
          ++i;
        }
      }
      threads.push_back(std::move(thread));
    }
    // The round's judgement.
    std::optional<std::size_t> breaker;
    std::optional<Key> agreement;
    std::size_t repeating = 0;
    std::vector<Key> new_offers;
    for (const Thread& thread : threads) {
      if (!thread.offer) {
        breaker = thread.owner;
        break;
      }
      const Key& offer = *thread.offer;
      const bool repeats = last[thread.owner] == offer;
      if (repeats) ++repeating;
      if (!repeats && offered[thread.owner].contains(offer)) {
        breaker = thread.owner;
        break;
      }
      last[thread.owner] = offer;
      offered[thread.owner].insert(offer);
      proposers[offer].insert(thread.owner);
      new_offers.push_back(offer);
      for (const std::size_t acceptor : thread.accepted_by) {
        if (agreed(offer, acceptor, thread.owner)) {
          agreement = offer;
          break;
        }
      }
      if (agreement) break;
    }
    if (!breaker && !agreement && repeating == n) breaker = threads.back().owner;
    if (!breaker && !agreement) {
      for (const Key& offer : new_offers) {
        if (agreed(offer, std::nullopt, 0)) {
          agreement = offer;
          break;
        }
      }
    }
    if (agreement) {
      verdict.agreement = Outcome(*agreement);
      if (i != trace.size()) wrong(i, fmt::format("after the agreement in round {}", round));
      return verdict;
    }
    if (breaker) {
      const bool closed = i + 1 == trace.size() && trace.step(i).action == ActionType::kEndNegotiation &&
                          trace.step(i).party == *breaker && trace.step(i).round == round && !trace.has_offer(i);
      if (!closed)
        wrong(i, fmt::format("where the trace should end with party {}'s walk-away closing round {}", *breaker, round));
      if (result.end_reason != EndReason::kEndedByParty) {
        verdict.violations.push_back(fmt::format("ended with '{}' where the rules break the negotiation in round {}",
                                                 EndReasonName(result.end_reason), round));
      }
      return verdict;
    }
  }
  if (result.end_reason == EndReason::kEndedByParty) {
    verdict.violations.push_back("ended by a break that its trace does not show");
  }
  return verdict;
}

}  // namespace

std::optional<RefereeVerdict> RefereeOf(std::string_view protocol, const Scenario& scenario,
                                        const NegotiationResult& result) {
  const Spec spec = Spec::Parse(protocol);
  const std::string& name = spec.name();
  if (name == "saop" || name == "shaop") return AlternatingOffersReferee(scenario, result);
  if (name == "shuttle") return ShuttleReferee(scenario, result);
  if (name == "single-text") return SingleTextReferee(scenario, result);
  if (name == "amop") return VotingRoundsReferee(scenario, result, false);
  if (name == "majority") return VotingRoundsReferee(scenario, result, true);
  if (name == "mopac") return MopacReferee(spec, scenario, result);
  if (name == "tau")
    return TauReferee(scenario, result, !spec.has("accept_in_any_thread") || spec.GetBool("accept_in_any_thread"));
  return std::nullopt;
}

}  // namespace parley::conformance
