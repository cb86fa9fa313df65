// Atlas3's ANAC 2016 version, as GENIUS 9.1.10 runs it: agents.anac.y2016.atlas3.Atlas32016, a
// NegotiationParty that is GENIUS's Atlas3 of 2015 (atlas3.cc, whose strategy and deliberate
// differences hold here too) with a few parts changed. It runs inside CaduceusDC16 (ANAC 2017) and
// has no recorded sessions of its own. What differs from the 2015 original, each reproduced:
//  - The random bid each offer's search starts from comes from Domain.getRandomBid with no
//    generator, so from an unseeded `new Random()` (index (int)(nextDouble() * values) per issue),
//    not from the party's seeded generator.
//  - Its neighbourhood search sets each value on a copy that Bid.putValue returns and drops the
//    copy, so every neighbour it weighs is the base bid itself: the search returns the base bid
//    (after a draw among its copies when it reaches the threshold) and only offers it to the best
//    bid found so far.
//  - Discounted, its threshold is max(1 - t / d^t, target) (GENIUS's discount(1, t)), not
//    max(1 - t / d, target); the end game and the walk-away rule are the same.
//  - In the final phase it drops the offer of the next bid the others supported (the call's result
//    is not returned): it moves down the list all the same but offers a newly searched bid. When
//    the list is used up and the offer on the table is worth less than its reservation value, it
//    searches a bid, drops it, fails reading past the end of the list and takes an ordinary turn
//    (accept, walk away or offer).
//  - Its lists of an integer issue's values hold only the upper bound and fail on their first use
//    (java.lang.Integer is not a Value), so the original cannot run on integer issues; the port
//    uses the whole range there, as the 2015 version does.
// Docs: docs/strategies.md#atlas3-2016--atlas3-anac-2016-multilateral
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>

#include "negotiators/anac/atlas3.h"
#include "negotiators/anac/genius_random_bid.h"
#include "parley/negotiator.h"

namespace parley {
namespace {

class Atlas32016 final : public Atlas3 {
 protected:
  void DrawStartBid(Outcome& bid) override;
  void NeighbourhoodSearch(const Outcome& base, double threshold, Outcome& bid) override;
  double ThresholdFromTarget(double t, double target) const override;
  ActionType FinalAction(const TurnState& state, Outcome& proposal) override;

 private:
  Outcome dropped_;  // the bids the original searches and then does not offer
};

void Atlas32016::DrawStartBid(Outcome& bid) { GeniusDomainRandomBid(*space_, free_random(), bid); }

void Atlas32016::NeighbourhoodSearch(const Outcome& base, double threshold, Outcome& bid) {
  std::uint64_t neighbours = 0;  // one per value of every issue, each of them `base`
  for (std::size_t i = 0; i < issues_; ++i) neighbours += ValueCount(i);
  bid = base;
  if (neighbours == 0) return;
  const double u = U(base);
  NoteCandidateForMax(base, u);
  if (u >= threshold) free_random().NextInt(static_cast<std::int32_t>(std::min<std::uint64_t>(neighbours, 2147483647)));
}

double Atlas32016::ThresholdFromTarget(double t, double target) const {
  const double discounted_one = std::pow(discount_, t);
  if (discounted_one == 1.0) return target + (1.0 - target) * (1.0 - t);
  return std::max(1.0 - t / discounted_one, target);
}

ActionType Atlas32016::FinalAction(const TurnState& state, Outcome& proposal) {
  const double t = state.time;
  const double offered_utility = have_offer_ ? U(offered_) : 0.0;
  if (walked_ >= supported_.size()) {
    if (have_offer_ && offered_utility >= reservation_) return ActionType::kAccept;
    if (dropped_.size() != issues_) dropped_ = Outcome(issues_);
    OfferAction(t, dropped_);
    return OrdinaryAction(state, proposal);
  }
  const double next = supported_utility_[walked_];
  if (next > offered_utility && next > reservation_) {
    ++walked_;
    return OfferAction(t, proposal);
  }
  if (have_offer_ && offered_utility > reservation_) return ActionType::kAccept;
  return OfferAction(t, proposal);
}

const bool kRegistered = NegotiatorRegistry::Add(
    {"atlas3-2016",
     "Atlas3's ANAC 2016 version, as GENIUS's agents.anac.y2016.atlas3.Atlas32016 (a part of CaduceusDC16): "
     "atlas3 with an unseeded start bid, a neighbourhood search that stays on its base bid, a threshold discounted "
     "by d^t and a final phase that offers searched bids instead of the supported ones.",
     {},
     [](const Spec&) { return std::make_unique<Atlas32016>(); }});

}  // namespace
}  // namespace parley
