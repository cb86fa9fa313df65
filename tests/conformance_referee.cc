// Referees: the agreement a protocol's rules give, derived from nothing but the recorded trace and
// written here independently of the protocols' code (docs/negotiation.md states the rules each one
// follows). CheckProtocolContract compares the result's agreement with the referee's whenever the
// negotiation ended by its rules (an agreement or the deadline) with a trace.
#include <fmt/format.h>

#include <map>
#include <string>

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
    if (step.action == ActionType::kEndNegotiation) continue;
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
  if (!majority || !standing) return verdict;
  // The last complete phase: the last recorded one if it has all its moves, else the one before.
  const std::size_t full = round % 2 == 0 ? n : n * n;
  const bool last_complete_is_voting = any && (moves_in_round == full ? round % 2 == 1 : round % 2 == 0);
  if (last_complete_is_voting) verdict.agreement = standing;
  return verdict;
}

}  // namespace

std::optional<RefereeVerdict> RefereeOf(std::string_view protocol, const Scenario& scenario,
                                        const NegotiationResult& result) {
  const std::string name = Spec::Parse(protocol).name();
  if (name == "saop" || name == "shaop") return AlternatingOffersReferee(scenario, result);
  if (name == "amop") return VotingRoundsReferee(scenario, result, false);
  if (name == "majority") return VotingRoundsReferee(scenario, result, true);
  return std::nullopt;
}

}  // namespace parley::conformance
