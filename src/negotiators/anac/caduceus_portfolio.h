// The portfolio that GENIUS's Caduceus (ANAC 2016, caduceus.cc) and CaduceusDC16 (ANAC 2017,
// caduceusdc16.cc) share: five member negotiators, each shown every action the portfolio sees and
// begun on its context, with fixed scores normalised as the originals' UtilFunctions.normalize
// does; the portfolio's best bid (GENIUS's getMaxUtilityBid) until round 0.83 d (N + 1); and each
// later turn every member asked in order, their scores summed by what they chose. What the
// portfolio then does with the tally is its own. Not thread-safe: one per negotiator.
#ifndef PARLEY_NEGOTIATORS_ANAC_CADUCEUS_PORTFOLIO_H_
#define PARLEY_NEGOTIATORS_ANAC_CADUCEUS_PORTFOLIO_H_

#include <array>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "parley/negotiator.h"
#include "parley/outcome_ranking.h"
#include "preferences/genius_bid_iterator.h"

namespace parley {

// UtilFunctions.normalize: each number divided by their sum, summed in order.
template <class Numbers>
void NormaliseAsCaduceus(Numbers& numbers) {
  double sum = 0.0;
  for (double x : numbers) sum += x;
  for (double& x : numbers) x /= sum;
}

class CaduceusPortfolio {
 public:
  static constexpr std::size_t kMembers = 5;

  // Takes the members (created, not begun) and their raw scores, in the original's order.
  void Begin(const NegotiatorContext& context, std::vector<std::unique_ptr<Negotiator>> members,
             const std::array<double, kMembers>& raw_scores) {
    scores_ = raw_scores;
    NormaliseAsCaduceus(scores_);
    max_rounds_ = context.max_rounds;
    best_offer_share_ = kBestOfferShare * context.profile->discount_factor();
    best_bid_ = Outcome(context.space->issue_count());
    GeniusMaxUtilityBid(context.profile->utility_function().ranking(), best_bid_);
    members_ = std::move(members);
    proposals_.assign(kMembers, Outcome(context.space->issue_count()));
    actions_.assign(kMembers, ActionType::kEndNegotiation);
    for (auto& member : members_) member->Begin(context);
  }
  void Observe(const ObservedAction& action) {
    for (auto& member : members_) member->Observe(action);
  }
  void Finish(const NegotiationResult& result) {
    for (auto& member : members_) member->Finish(result);
  }

  // Before round 0.83 d (N + 1) the portfolio offers its best bid and asks no member. GENIUS
  // compares the current round with the total rounds (N + 1); without a round deadline, seconds
  // with seconds, which is the time.
  bool IsBestOfferTime(const TurnState& state) const {
    if (max_rounds_ == 0) return state.time < best_offer_share_;
    return static_cast<double>(state.round + 1) < static_cast<double>(max_rounds_ + 1) * best_offer_share_;
  }
  const Outcome& best_bid() const { return best_bid_; }

  // Asks every member for its action, in order; afterwards accepting() and offering() are the
  // summed scores of those that accepted and offered, offering_members() those that offered.
  void Ask(const TurnState& state) {
    for (std::size_t m = 0; m < kMembers; ++m) actions_[m] = members_[m]->Act(state, proposals_[m]);
    accepting_ = 0.0;
    offering_ = 0.0;
    offering_members_.clear();
    for (std::size_t m = 0; m < kMembers; ++m) {
      if (actions_[m] == ActionType::kAccept) {
        accepting_ += scores_[m];
      } else if (actions_[m] == ActionType::kOffer) {
        offering_ += scores_[m];
        offering_members_.push_back(m);
      }
    }
  }
  double accepting() const { return accepting_; }
  double offering() const { return offering_; }
  const std::vector<std::size_t>& offering_members() const { return offering_members_; }
  const Outcome& proposal(std::size_t member) const { return proposals_[member]; }
  double score(std::size_t member) const { return scores_[member]; }

 private:
  static constexpr double kBestOfferShare = 0.83;

  std::array<double, kMembers> scores_{};
  std::vector<std::unique_ptr<Negotiator>> members_;
  std::vector<Outcome> proposals_;
  std::vector<ActionType> actions_;
  std::vector<std::size_t> offering_members_;
  double accepting_ = 0.0;
  double offering_ = 0.0;
  std::uint64_t max_rounds_ = 0;
  double best_offer_share_ = kBestOfferShare;
  Outcome best_bid_;
};

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_CADUCEUS_PORTFOLIO_H_
