// What every negotiator has without writing it: the names of its actions and votes, and votes
// drawn from its acceptance logic (docs/negotiation.md#voting-with-a-negotiator-written-for-alternating-offers
// and #mopac-mopac).
#include "parley/negotiator.h"

#include <algorithm>

namespace parley {

std::string_view ActionTypeName(ActionType type) {
  switch (type) {
    case ActionType::kOffer: return "offer";
    case ActionType::kAccept: return "accept";
    case ActionType::kEndNegotiation: return "end";
    case ActionType::kElicit: return "elicit";
    case ActionType::kReject: return "reject";
  }
  return "unknown";
}

std::string_view VoteName(Vote vote) { return vote == Vote::kAccept ? "accept" : "veto"; }

Vote Negotiator::VoteOn(const VoteRequest& request, Outcome& scratch) {
  // A party put its offer forward because it wants it; asking it to act on its own offer as if an
  // opponent had made it would make strategies that never accept what they offer veto themselves.
  if (request.turn.offerer == request.voter) return Vote::kAccept;
  return Act(request.turn, scratch) == ActionType::kAccept ? Vote::kAccept : Vote::kVeto;
}

bool Negotiator::VoteRanges(const MopacVoting& voting, std::vector<PowerVote>& votes, Outcome& scratch) {
  for (std::size_t k = 0; k < voting.offers.size(); ++k) {
    const MopacOffer& offer = voting.offers[k];
    // GeniusWeb's Votes hold one vote per bid: a repeated outcome is voted on where it first appears.
    bool repeated = false;
    for (std::size_t earlier = 0; earlier < k && !repeated; ++earlier) {
      repeated = *voting.offers[earlier].outcome == *offer.outcome;
    }
    if (repeated) continue;
    const VoteRequest request{.turn = {.step = voting.step,
                                       .round = voting.round,
                                       .time = voting.time,
                                       .current_offer = offer.outcome,
                                       .offerer = offer.maker,
                                       .acceptances = 0,
                                       .current_offer_utility = offer.utility},
                              .voter = voting.voter,
                              .ballot = k,
                              .ballots = voting.offers.size()};
    if (VoteOn(request, scratch) == Vote::kAccept) votes.push_back({k, 2, std::max(2, voting.total_power)});
  }
  return true;
}

bool Negotiator::OptIn(const MopacVoting& /*voting*/, std::span<const MopacBallot> /*ballots*/,
                       std::vector<PowerVote>& /*mine*/) {
  return true;
}

}  // namespace parley
