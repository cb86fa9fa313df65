// What every negotiator has without writing it: the names of its actions and votes, and a vote
// drawn from its acceptance logic.
#include "parley/negotiator.h"

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

}  // namespace parley
