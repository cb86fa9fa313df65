// GENIUS's own voters for the single negotiation text: parties.simplemediator.HillClimber and
// parties.simplemediator.Annealer of GENIUS 9.1.10, which GENIUS runs under its
// SimpleMediatorBasedProtocol beside a flipping mediator. In GENIUS the climbing and the annealing
// are done by the voters, not by the mediator: the hill climber accepts a text exactly when it is
// worth at least as much to it as the last text every party accepted (0 before any); the annealer
// also accepts a worse text with probability exp((u - u_accepted) / t) at normalised time t.
// Rules, time, discounting and what they do under offer protocols:
// docs/mediation.md#genius-hill-climber-and-genius-annealer--geniuss-own-voters
//
// Deliberate differences from GENIUS:
//  - The annealer's draw comes from JavaRandom(context.seed), one nextDouble per worse text, where
//    the original calls the unseeded Math.random(): the same seed gives the same votes.
//  - Under a protocol of offers (saop, shaop, an offer forwarded by a shuttle mediator), where the
//    originals cannot play, they offer their best outcome and accept only offers worth their
//    reservation value that their own rule would accept as a text, measured against the best offer
//    they have accepted before (none at first).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <numbers>
#include <optional>

#include "common/java_random.h"
#include "negotiators/own_ranking.h"
#include "parley/negotiator.h"

namespace parley {
namespace {

class GeniusTextVoter final : public Negotiator {
 public:
  explicit GeniusTextVoter(bool anneal) : anneal_(anneal) {}

  void Begin(const NegotiatorContext& context) override {
    profile_ = context.profile;
    party_count_ = context.party_count;
    // GENIUS's voters discount their utilities on a timeline in seconds and not on one in rounds.
    discounted_ = context.max_rounds == 0;
    random_ = JavaRandom(static_cast<std::int64_t>(context.seed));
    ranking_.Reset(context);
    accepted_text_utility_ = 0.0;
    best_accepted_offer_.reset();
  }

  ActionType Act(const TurnState& state, Outcome& proposal) override {
    if (state.current_offer) {
      const double utility = Perceived(state.current_offer_utility, state.time);
      if (state.offerer == party_count_) {
        // A text from the mediator (or a shuttle mediator's package): GENIUS's vote.
        if (Votes(utility, accepted_text_utility_, state.time)) return ActionType::kAccept;
      } else if (state.current_offer_utility >= ranking_.ReservationValueAt(state.time) &&
                 (!best_accepted_offer_ || Votes(utility, *best_accepted_offer_, state.time))) {
        best_accepted_offer_ = std::max(utility, best_accepted_offer_.value_or(utility));
        return ActionType::kAccept;
      }
    }
    // A veto, or an offer: the single-text protocol ignores what is written here.
    ranking_.OfferAtLeast(ranking_.best_utility(), proposal);
    return ActionType::kOffer;
  }

  void Observe(const ObservedAction& action) override {
    // The single-text protocol announces a text every party accepted as an acceptance by the
    // mediator (party = party count), at the time of the round it was put in, which is the time
    // GENIUS's voter measured it at.
    if (action.party == party_count_ && action.type == ActionType::kAccept && action.offer) {
      accepted_text_utility_ = Perceived(action.offer_utility, action.time);
    }
  }

 private:
  double Perceived(double utility, double time) const {
    return discounted_ ? profile_->Discount(utility, time) : utility;
  }

  // Whether a text worth `utility` is accepted against a reference worth `reference`. A worse text
  // costs the annealer one draw whatever the probability, as Math.random() does in the original.
  bool Votes(double utility, double reference, double time) {
    if (reference <= utility) return true;
    if (!anneal_) return false;
    // Math.pow(Math.E, x) as the original computes it (std::numbers::e is Math.E). At t = 0 the
    // exponent is -infinity and the probability 0: a worse text is always vetoed, never NaN.
    const double probability = std::pow(std::numbers::e, (utility - reference) / time);
    return probability > random_.NextDouble();
  }

  bool anneal_;
  const Profile* profile_ = nullptr;
  std::size_t party_count_ = 0;
  bool discounted_ = false;
  JavaRandom random_{0};
  OwnRanking ranking_;
  double accepted_text_utility_ = 0.0;         // of the last text all accepted, as perceived then
  std::optional<double> best_accepted_offer_;  // under offer protocols, as perceived when accepted
};

const bool kHillClimber = NegotiatorRegistry::Add(
    {"genius-hill-climber",
     "GENIUS's single-text HillClimber: votes for a text worth at least the last text all accepted; under "
     "offer protocols offers its best outcome.",
     {},
     [](const Spec&) { return std::make_unique<GeniusTextVoter>(false); }});

const bool kAnnealer = NegotiatorRegistry::Add(
    {"genius-annealer",
     "GENIUS's single-text Annealer: as genius-hill-climber, and votes for a worse text with probability "
     "exp(du / t) (seeded).",
     {},
     [](const Spec&) { return std::make_unique<GeniusTextVoter>(true); }});

}  // namespace
}  // namespace parley
