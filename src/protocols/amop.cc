// Alternating multiple offers (AMOP), GENIUS's AlternatingMultipleOffersProtocol: rounds alternate
// between bidding, in which every party in turn puts an offer on the table, and voting, in which
// every party votes on every offer of that bidding round; the first offer every party accepts is the
// agreement. Unlike SAOP no offer replaces another, and every party sees every offer before it
// votes. The run is shared with majority consensus: voting_rounds.cc. Rules and sources:
// docs/negotiation.md#voting-protocols-amop-and-majority
#include <memory>

#include "parley/protocol.h"
#include "protocols/voting_rounds.h"

namespace parley {
namespace {

class AlternatingMultipleOffers final : public Protocol {
 public:
  std::unique_ptr<NegotiationRun> Start(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                                        const std::vector<Mediator*>& mediators,
                                        const NegotiationOptions& options) override {
    return internal::StartVotingRounds(scenario, negotiators, mediators, options, internal::VotingRule::kUnanimity,
                                       "amop");
  }
};

const bool kRegistered = ProtocolRegistry::Add(
    {"amop",
     "Alternating multiple offers (GENIUS): a bidding round in which every party makes an offer, then a voting "
     "round in which every party votes on every offer; the first offer all accept is agreed. A round is one phase.",
     {},
     [](const Spec&) { return std::make_unique<AlternatingMultipleOffers>(); }});

}  // namespace
}  // namespace parley
