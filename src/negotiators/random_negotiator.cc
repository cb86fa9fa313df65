// A seeded random negotiator, the baseline of every tournament: it offers a uniformly random
// outcome and accepts with a fixed probability. By default it is rational: it offers only
// outcomes worth at least its reservation value and accepts only such offers.
#include <cmath>

#include <fmt/format.h>

#include "negotiators/own_ranking.h"
#include "parley/error.h"
#include "parley/random.h"

namespace parley {
namespace {

class RandomNegotiator final : public Negotiator {
 public:
  RandomNegotiator(double accept_probability, double end_probability, bool rational)
      : accept_probability_(accept_probability), end_probability_(end_probability), rational_(rational) {
    for (double p : {accept_probability_, end_probability_}) {
      if (!(p >= 0.0 && p <= 1.0)) {
        throw UsageError(fmt::format("random negotiator: probabilities must be in [0, 1], got {}", p));
      }
    }
  }

  void Begin(const NegotiatorContext& context) override {
    rng_ = Rng(context.seed);
    space_ = context.space;
    ranking_.Reset(context);
  }

  ActionType Act(const TurnState& state, Outcome& proposal) override {
    if (end_probability_ > 0.0 && rng_.Bernoulli(end_probability_)) return ActionType::kEndNegotiation;
    const double reservation = ranking_.ReservationValueAt(state.time);
    if (state.current_offer && (!rational_ || state.current_offer_utility >= reservation) &&
        rng_.Bernoulli(accept_probability_)) {
      return ActionType::kAccept;
    }
    const OutcomeRanking& ranking = ranking_.ranking();
    if (!rational_) {
      space_->RandomOutcome(rng_, proposal);
    } else if (const std::size_t first = ranking.LowestAtLeast(reservation); first < ranking.size()) {
      ranking.CopyOutcome(first + rng_.UniformInt(ranking.size() - first), proposal);
    } else {
      // Nothing beats the reservation value: offer the best there is rather than nothing.
      ranking.CopyOutcome(ranking.size() - 1, proposal);
    }
    return ActionType::kOffer;
  }

 private:
  double accept_probability_;
  double end_probability_;
  bool rational_;
  Rng rng_{0};
  const OutcomeSpace* space_ = nullptr;
  OwnRanking ranking_;
};

const bool kRegistered = NegotiatorRegistry::Add(
    {"random",
     "Offers uniformly random outcomes and accepts with a fixed probability (seeded).",
     {{"accept", "0.15", "probability of accepting an acceptable offer"},
      {"end", "0", "probability of walking away on a turn"},
      {"rational", "true", "offer and accept only outcomes worth at least the reservation value"}},
     [](const Spec& spec) {
       return std::make_unique<RandomNegotiator>(spec.GetDouble("accept"), spec.GetDouble("end"),
                                                 spec.GetBool("rational"));
     }});

}  // namespace
}  // namespace parley
