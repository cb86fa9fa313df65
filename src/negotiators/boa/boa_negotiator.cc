// The "boa" negotiator: a bidding strategy, an acceptance strategy and an opponent model composed
// into one negotiator. On its turn it asks the bidding strategy for its next offer, then the
// acceptance strategy whether the offer on the table is better to take; every observed offer
// updates the model before the strategies see it.
#include "parley/boa.h"

namespace parley {

double OpponentModel::EstimatedOpponentsUtility(const Outcome& outcome) const {
  double sum = 0.0;
  std::size_t count = 0;
  for (std::size_t p = 0; p < party_count_; ++p) {
    if (p == party_) continue;
    sum += EstimatedUtility(p, outcome);
    ++count;
  }
  return count ? sum / static_cast<double>(count) : 0.0;
}

namespace {

class BoaNegotiator final : public Negotiator {
 public:
  BoaNegotiator(const Spec& bidding, const Spec& acceptance, const Spec& model)
      : bidding_(BiddingStrategyRegistry::Create(bidding)),
        acceptance_(AcceptanceStrategyRegistry::Create(acceptance)),
        model_(OpponentModelRegistry::Create(model)) {}

  void Begin(const NegotiatorContext& context) override {
    party_count_ = context.party_count;
    party_ = context.party;
    model_->Begin(context);
    bidding_->Begin(context, *model_);
    acceptance_->Begin(context);
  }

  ActionType Act(const TurnState& state, Outcome& proposal) override {
    const double next = bidding_->Bid(state, proposal);
    if (state.current_offer && acceptance_->Accept(state, next)) return ActionType::kAccept;
    // Acceptance conditions that compare with the negotiator's own previous offer (GENIUS's
    // AC_Previous, AC_Gap) learn it here: protocols show a negotiator only the others' actions.
    ObservedAction own;
    own.party = party_;
    own.offer = &proposal;
    own.offer_utility = next;
    own.step = state.step;
    own.round = state.round;
    own.time = state.time;
    acceptance_->Observe(own);
    return ActionType::kOffer;
  }

  void Observe(const ObservedAction& action) override {
    // Offers from the parties (not texts or packages from mediators) teach the model.
    if (action.type == ActionType::kOffer && action.offer && action.party < party_count_) {
      model_->Update(action.party, *action.offer, action.time);
    }
    bidding_->Observe(action);
    acceptance_->Observe(action);
  }

 private:
  std::unique_ptr<BiddingStrategy> bidding_;
  std::unique_ptr<AcceptanceStrategy> acceptance_;
  std::unique_ptr<OpponentModel> model_;
  std::size_t party_count_ = 0;
  std::size_t party_ = 0;
};

const bool kRegistered = NegotiatorRegistry::Add(
    {"boa",
     "Composed from a bidding strategy, an acceptance strategy and an opponent model (the BOA architecture).",
     {{"bidding", "time", "bidding strategy spec (parley list bidding)"},
      {"acceptance", "next", "acceptance strategy spec (parley list acceptance)"},
      {"model", "none", "opponent model spec (parley list models)"}},
     [](const Spec& spec) {
       return std::make_unique<BoaNegotiator>(spec.GetSpec("bidding"), spec.GetSpec("acceptance"),
                                              spec.GetSpec("model"));
     }});

}  // namespace
}  // namespace parley
