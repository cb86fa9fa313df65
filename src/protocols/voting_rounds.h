// GENIUS's voting protocols, which share one round structure: a bidding round in which every party
// in turn puts an offer on the table, then a voting round in which every party votes on every offer
// of that bidding round. They differ only in what the votes decide (VotingRule). The rules and their
// source in GENIUS: docs/negotiation.md#voting-protocols-amop-and-majority
#ifndef PARLEY_PROTOCOLS_VOTING_ROUNDS_H_
#define PARLEY_PROTOCOLS_VOTING_ROUNDS_H_

#include <memory>
#include <vector>

#include "parley/protocol.h"

namespace parley::internal {

enum class VotingRule {
  // Alternating multiple offers (GENIUS's AlternatingMultipleOffersProtocol): the first offer of a
  // voting round that every party accepts is the agreement, at once.
  kUnanimity,
  // Alternating majority consensus (GENIUS's AlternatingMajorityConsensusProtocol): an offer with
  // more votes than the standing offer has had replaces it; an offer every party accepts is the
  // agreement at once, and at the deadline the standing offer binds.
  kMajority,
};

// Starts a run of either protocol; `protocol` names it in errors. Throws UsageError on a bad setup
// (as Protocol::Start), and when given mediators.
std::unique_ptr<NegotiationRun> StartVotingRounds(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                                                  const std::vector<Mediator*>& mediators,
                                                  const NegotiationOptions& options, VotingRule rule,
                                                  std::string_view protocol);

}  // namespace parley::internal

#endif  // PARLEY_PROTOCOLS_VOTING_ROUNDS_H_
