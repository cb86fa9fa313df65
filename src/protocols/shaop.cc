// Stacked human alternating offers (SHAOP), GeniusWeb's protocol for parties that know only part
// of their preferences: SAOP (saop.cc), where a party may, during its turn, ask how an outcome
// compares with some options (GeniusWeb's ElicitComparison), is answered truthfully from its true
// profile (as GeniusWeb's COB party answers from the full profile: the options strictly better
// and those strictly worse), and then acts again; every request adds elicitation_cost to the
// party's costs, and its score is its utility minus its costs. Requests are calls to the party's
// oracle inside Act() (parley/preference_oracle.h), recorded as kElicit trace entries before the
// turn's action; they take no step and are not shown to the other parties. The rules, which of
// them GeniusWeb's documentation confirms and which are Parley's choices:
// docs/negotiation.md#stacked-human-alternating-offers-shaop
#include "parley/protocol.h"
#include "protocols/run_support.h"

namespace parley {
namespace {

class StackedHumanAlternatingOffers final : public Protocol {
 public:
  explicit StackedHumanAlternatingOffers(double elicitation_cost) : elicitation_cost_(elicitation_cost) {}

  std::unique_ptr<NegotiationRun> Start(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                                        const std::vector<Mediator*>& mediators,
                                        const NegotiationOptions& options) override {
    return internal::StartAlternatingOffers(scenario, negotiators, mediators, options,
                                            {internal::ElicitationRule::Kind::kComparison, elicitation_cost_});
  }
  bool AllowsElicitation() const override { return true; }

 private:
  double elicitation_cost_;
};

const bool kRegistered = ProtocolRegistry::Add(
    {"shaop",
     "Stacked human alternating offers (GeniusWeb): SAOP where a party may, during its turn, ask how an outcome "
     "compares with other outcomes, at a cost, and is answered truthfully before it acts.",
     {{"elicitation_cost", "0.1", "what each comparison request costs (GeniusWeb's default elicitationcost)"}},
     [](const Spec& spec) {
       return std::make_unique<StackedHumanAlternatingOffers>(internal::ElicitationCost(spec, "shaop"));
     }});

}  // namespace
}  // namespace parley
