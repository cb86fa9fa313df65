// Alternating majority consensus, GENIUS's AlternatingMajorityConsensusProtocol: AMOP's bidding and
// voting rounds, but an offer stands as soon as it has more votes than the standing offer ever had,
// an offer every party accepts ends the negotiation, and at the deadline the standing offer binds
// every party (when the last complete round was a voting round, as GENIUS asks for the agreement
// only then). The run is shared with AMOP: voting_rounds.cc. Rules and sources:
// docs/negotiation.md#voting-protocols-amop-and-majority
#include <memory>

#include "parley/protocol.h"
#include "protocols/voting_rounds.h"

namespace parley {
namespace {

class AlternatingMajorityConsensus final : public Protocol {
 public:
  std::unique_ptr<NegotiationRun> Start(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                                        const std::vector<Mediator*>& mediators,
                                        const NegotiationOptions& options) override {
    return internal::StartVotingRounds(scenario, negotiators, mediators, options, internal::VotingRule::kMajority,
                                       "majority");
  }
};

const bool kRegistered = ProtocolRegistry::Add(
    {"majority",
     "Alternating majority consensus (GENIUS): AMOP's bidding and voting rounds; the offer with the most votes "
     "so far stands, an offer all accept is agreed at once, and at the deadline the standing offer binds.",
     {},
     [](const Spec&) { return std::make_unique<AlternatingMajorityConsensus>(); }});

}  // namespace
}  // namespace parley
