// The hard-liner: always offers its best outcome and accepts only an offer worth as much. The
// reference point for "how much does conceding buy?".
#include "negotiators/own_ranking.h"

namespace parley {
namespace {

class Hardliner final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override { ranking_.Reset(context); }

  ActionType Act(const TurnState& state, Outcome& proposal) override {
    if (state.current_offer && state.current_offer_utility >= ranking_.best_utility()) return ActionType::kAccept;
    ranking_.OfferAtLeast(ranking_.best_utility(), proposal);
    return ActionType::kOffer;
  }

 private:
  OwnRanking ranking_;
};

const bool kRegistered = NegotiatorRegistry::Add(
    {"hardliner", "Always offers its best outcome; accepts only an offer as good.", {}, [](const Spec&) {
       return std::make_unique<Hardliner>();
     }});

}  // namespace
}  // namespace parley
