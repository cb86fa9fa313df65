// Shared by negotiators that concede along their own preference order: the outcome whose utility
// is closest to and at least a target, found by binary search in the profile's OutcomeRanking.
#ifndef PARLEY_NEGOTIATORS_OWN_RANKING_H_
#define PARLEY_NEGOTIATORS_OWN_RANKING_H_

#include <algorithm>

#include "parley/negotiator.h"
#include "parley/outcome_ranking.h"

namespace parley {

class OwnRanking {
 public:
  void Reset(const NegotiatorContext& context) {
    ranking_ = &context.profile->utility_function().ranking();
    reservation_value_ = context.profile->reservation_value();
  }

  const OutcomeRanking& ranking() const { return *ranking_; }
  double best_utility() const { return ranking_->best_utility(); }
  // The least a rational negotiator should settle for: its reservation value, or the worst
  // outcome when every outcome beats the reservation value.
  double floor_utility() const { return std::max(reservation_value_, ranking_->worst_utility()); }

  // Rank of the lowest-utility outcome with utility >= target (the best outcome if none is).
  std::size_t RankAtLeast(double target) const {
    const std::size_t rank = ranking_->LowestAtLeast(target);
    return rank < ranking_->size() ? rank : ranking_->size() - 1;
  }
  // Writes that outcome into `proposal` and returns its utility.
  double OfferAtLeast(double target, Outcome& proposal) const {
    const std::size_t rank = RankAtLeast(target);
    ranking_->CopyOutcome(rank, proposal);
    return ranking_->utility(rank);
  }

 private:
  const OutcomeRanking* ranking_ = nullptr;
  double reservation_value_ = 0.0;
};

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_OWN_RANKING_H_
