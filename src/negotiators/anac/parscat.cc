// ParsCat (ANAC 2016, multilateral), as GENIUS 9.1.10 runs it: agents.anac.y2016.parscat.ParsCat,
// a NegotiationParty. It opens with its best bid; afterwards it offers random bids whose utility
// lies in a band around a target that follows the time of the last offer received (widening the
// search downwards 0.01 at a time after every 1,000 misses) — bilaterally, the best offer received
// instead when that is worth more to it — and accepts the last offer when it is worth a
// piecewise-linear function of time, or exactly what its own bid would be worth (bilaterally:
// when its own bid would be the opponent's last, best offer).
// Docs: docs/strategies.md#parscat--parscat-anac-2016-multilateral
//
// Deliberate differences, where Parley cannot do what GENIUS does:
//  - Randomness: the original draws its random bids from an unseeded `new Random()`; the port
//    draws them, in the same order and with the same recipe, from a JavaRandom seeded from the
//    seed with its bits inverted, so that a Parley run is reproducible.
//  - Where the original would search for ever (no bid within 0.01 of 0.49, its lowest band, which
//    it reaches when nothing nearer its target exists), the port stops after one failed pass of
//    1,000 draws in that band and offers its best bid.
//  - Like the original it ignores its reservation value and its discount factor, so the
//    conformance rule on the reservation value spares it.
#include <cstdint>
#include <memory>
#include <vector>

#include "common/java_random.h"
#include "negotiators/anac/genius_random_bid.h"
#include "parley/negotiator.h"
#include "preferences/genius_bid_iterator.h"

namespace parley {
namespace {

class ParsCat final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override;
  void Observe(const ObservedAction& action) override;
  ActionType Act(const TurnState& state, Outcome& proposal) override;

 private:
  static constexpr int kDrawsPerPass = 1000;
  static constexpr double kWidening = 0.01;
  static constexpr double kLowestTarget = 0.5;  // at or below it the band is pinned at 0.49 +- 0.01

  static double AcceptableUtility(double t);
  // The original's random search; false where it would never end (see the header).
  bool DrawBid(Outcome& bid, double& utility);

  const OutcomeSpace* space_ = nullptr;
  const Profile* profile_ = nullptr;
  bool bilateral_ = false;
  bool has_real_issue_ = false;  // or another issue its random bids cannot draw from
  Outcome best_bid_;
  JavaRandom free_random_{0};  // the original's unseeded generator

  // The offers received (all other parties pooled): the last, the best (the last of the best
  // ones, as BidHistory.getBestBidDetails keeps) and the time of the last.
  bool received_ = false;
  Outcome last_offer_;
  double last_utility_ = 0.0;
  Outcome best_offer_;
  double best_utility_ = 0.0;
  bool last_is_best_ = false;
  double last_offer_time_ = 0.0;
};

void ParsCat::Begin(const NegotiatorContext& context) {
  space_ = context.space;
  profile_ = context.profile;
  bilateral_ = context.party_count == 2;
  has_real_issue_ = false;
  // Its random bids throw on a real issue and on an integer issue of one value (nextInt(0)).
  for (const Issue& issue : space_->issues()) {
    has_real_issue_ = has_real_issue_ || !issue.countable() ||
                      (issue.kind() == IssueKind::kInteger && issue.upper() == issue.lower());
  }
  best_bid_ = Outcome(space_->issue_count());
  GeniusMaxUtilityBid(profile_->utility_function().ranking(), best_bid_);
  free_random_ = JavaRandom(~static_cast<std::int64_t>(context.seed));
  received_ = false;
  last_utility_ = best_utility_ = 0.0;
  last_is_best_ = false;
  last_offer_time_ = 0.0;
}

void ParsCat::Observe(const ObservedAction& action) {
  if (action.type != ActionType::kOffer || !action.offer) return;
  last_offer_ = *action.offer;
  last_utility_ = action.offer_utility;
  last_offer_time_ = action.time;
  last_is_best_ = !received_ || last_utility_ >= best_utility_;
  if (last_is_best_) {
    best_offer_ = last_offer_;
    best_utility_ = last_utility_;
  }
  received_ = true;
}

// The utility from which it accepts at time t, written as the original computes it.
double ParsCat::AcceptableUtility(double t) {
  double u = 1;
  if (t <= .25) u = 1 - t * 0.4;
  if (t > .25 && t <= .375) u = .9 + (t - .25) * 0.4;
  if (t > .375 && t <= .5) u = .95 - (t - .375) * 0.4;
  if (t > .5 && t <= .6) u = .9 - (t - .5);
  if (t > .6 && t <= .7) u = .8 + (t - .6) * 2;
  if (t > .7 && t <= .8) u = 1 - (t - .7) * 3;
  if (t > .8 && t <= .9) u = .7 + (t - 0.8) * 1;
  if (t > .9 && t <= .95) u = .8 - (t - .9) * 6;
  if (t > .95) u = .5 + (t - .95) * 4;
  if (u > 1) u = .8;
  return u;
}

// Random bids (GENIUS's agents' recipe) until one lies within `margin` of the target; the target
// follows the time of the last offer received and drops by 0.01 after each pass of 1,000 draws.
// A pass that reaches its 1,000th draw is followed by another even when that draw fits, as in the
// original.
bool ParsCat::DrawBid(Outcome& bid, double& utility) {
  const double t = last_offer_time_;
  double lowering = 0.0;
  for (;;) {
    int draws = 0;
    bool pinned = false;
    bool outside = true;
    while (outside && draws < kDrawsPerPass) {
      GeniusAgentRandomBid(*space_, free_random_, bid);
      double target = 0.0;
      double margin = 0.0;
      if (t < .5) {
        target = 1 - t / 4;
        margin = 0.01;
      }
      if (t >= .5 && t < .8) {
        target = .9 - t / 5;
        margin = .02;
      }
      if (t >= .8 && t < .9) {
        target = .7 + t / 5;
        margin = .02;
      }
      if (t >= .9 && t < .95) {
        target = .8 + t / 5;
        margin = .02;
      }
      if (t >= .95) {
        target = 1 - t / 4 - .01;
        margin = .02;
      }
      if (t == 1) {
        target = .5;
        margin = .05;
      }
      target = target - lowering;
      if (target > 1) {
        target = 1;
        margin = .01;
      }
      if (target <= kLowestTarget) {
        target = 0.49;
        margin = .01;
        pinned = true;
      }
      ++draws;
      utility = profile_->Utility(bid);
      outside = utility < target - margin || utility > target + margin;
    }
    if (draws != kDrawsPerPass) return true;
    if (pinned && outside) return false;
    lowering = lowering + kWidening;
  }
}

ActionType ParsCat::Act(const TurnState& state, Outcome& proposal) {
  if (!received_ || has_real_issue_) {
    // Where the original's random bids throw, it offers its best bid instead.
    proposal = best_bid_;
    return ActionType::kOffer;
  }
  double utility = 0.0;
  if (!DrawBid(proposal, utility)) {
    proposal = best_bid_;
    return ActionType::kOffer;
  }
  // Bilaterally, a random bid worth less than the best offer received gives way to that offer;
  // when that offer is also the last one, it accepts it.
  if (bilateral_ && utility < best_utility_) {
    if (last_is_best_) return ActionType::kAccept;
    proposal = best_offer_;
    utility = best_utility_;
  }
  if (last_utility_ == utility || last_utility_ >= AcceptableUtility(state.time)) return ActionType::kAccept;
  return ActionType::kOffer;
}

const bool kRegistered = NegotiatorRegistry::Add(
    {"parscat",
     "ParsCat (ANAC 2016), as GENIUS runs it: random bids around a target that follows the time of the last offer "
     "received (bilaterally the best offer received when better); accepts above a piecewise-linear curve of time.",
     {},
     [](const Spec&) { return std::make_unique<ParsCat>(); }});

}  // namespace
}  // namespace parley
