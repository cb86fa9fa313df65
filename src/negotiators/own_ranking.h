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
    profile_ = context.profile;
    rounds_ = context.max_rounds;
    reservation_value_ = context.profile->reservation_value();
    scheduled_ = !context.profile->reservation_schedule().empty();
  }

  const OutcomeRanking& ranking() const { return *ranking_; }
  double best_utility() const { return ranking_->best_utility(); }
  // The least a rational negotiator should settle for: its reservation value, or the worst
  // outcome when every outcome beats the reservation value.
  double floor_utility() const { return std::max(reservation_value_, ranking_->worst_utility()); }
  // The same at normalised time `time`, following the reservation schedule if there is one.
  double FloorAt(double time) const {
    if (!scheduled_) return floor_utility();
    return std::max(profile_->ReservationValueAt(time, rounds_), ranking_->worst_utility());
  }
  double ReservationValueAt(double time) const {
    return scheduled_ ? profile_->ReservationValueAt(time, rounds_) : reservation_value_;
  }

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
  const Profile* profile_ = nullptr;
  std::uint64_t rounds_ = 0;
  double reservation_value_ = 0.0;
  bool scheduled_ = false;
};

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_OWN_RANKING_H_
