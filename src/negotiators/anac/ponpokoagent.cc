// PonPokoAgent (ANAC 2017, multilateral winner), as GENIUS 9.1.10 runs it:
// agents.anac.y2017.ponpokoagent.PonPokoAgent, a NegotiationParty. At the start it draws 30,000
// random bids, keeps the distinct ones sorted by utility, and picks one of five concession
// patterns at random; each turn the pattern's band [low, high], a function of time (some with a
// sine ripple), decides everything: it accepts an offer worth more than `low` and otherwise offers
// a random one of its bids inside the band, lowering `low` in steps of 0.0001 until one is.
// Docs: docs/strategies.md#ponpokoagent--ponpokoagent-anac-2017-multilateral
//
// The bids and the pattern come from AbstractNegotiationParty's seeded generator, as in GENIUS,
// so they are GENIUS's for the same seed; the choice of a bid inside the band is unseeded in the
// original (a static `new Random()`). Deliberate differences, where Parley cannot do what GENIUS
// does:
//  - Randomness: the bid inside the band is drawn from a JavaRandom seeded from the seed with its
//    bits inverted (the original's is unseeded), so that a Parley run is reproducible. The list's
//    order among bids of equal utility (a HashSet's in the original) is the domain's order here;
//    only which bid an unseeded draw lands on depends on it.
//  - When no bid lies at or below `high`, the original lowers `low` for ever; the port offers its
//    worst bid.
//  - Like the original it ignores its reservation value and its discount factor (it may accept or
//    offer below the reservation value), so the conformance rule on the reservation value spares it.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <vector>

#include "common/java_random.h"
#include "negotiators/anac/genius_random_bid.h"
#include "parley/negotiator.h"

namespace parley {
namespace {

class PonPokoAgent final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override;
  void Observe(const ObservedAction& action) override;
  ActionType Act(const TurnState& state, Outcome& proposal) override;

 private:
  static constexpr int kRandomBids = 30000;
  static constexpr int kPatterns = 5;
  static constexpr double kLowering = 0.0001;

  struct Band {
    double low;
    double high;
  };
  Band BandAt(double t) const;

  const OutcomeSpace* space_ = nullptr;
  const Profile* profile_ = nullptr;
  std::vector<Outcome> bids_;  // distinct, best first
  std::vector<double> utilities_;
  int pattern_ = 0;
  JavaRandom free_random_{0};  // the original's unseeded choice inside the band
  bool has_last_offer_ = false;
  double last_offer_utility_ = 0.0;
};

void PonPokoAgent::Begin(const NegotiatorContext& context) {
  space_ = context.space;
  profile_ = context.profile;
  JavaRandom party_random(static_cast<std::int64_t>(context.seed));  // AbstractNegotiationParty.rand
  free_random_ = JavaRandom(~static_cast<std::int64_t>(context.seed));
  struct Drawn {
    double utility;
    Outcome bid;
  };
  std::vector<Drawn> drawn;
  drawn.reserve(kRandomBids);
  Outcome bid(space_->issue_count());
  for (int k = 0; k < kRandomBids; ++k) {
    GeniusDomainRandomBid(*space_, party_random, bid);
    drawn.push_back({profile_->Utility(bid), bid});
  }
  std::sort(drawn.begin(), drawn.end(), [](const Drawn& a, const Drawn& b) {
    if (a.utility != b.utility) return a.utility > b.utility;
    return a.bid.values() < b.bid.values();
  });
  bids_.clear();
  utilities_.clear();
  for (const Drawn& d : drawn) {
    if (!bids_.empty() && bids_.back() == d.bid) continue;
    bids_.push_back(d.bid);
    utilities_.push_back(d.utility);
  }
  pattern_ = party_random.NextInt(kPatterns);
  has_last_offer_ = false;
  last_offer_utility_ = 0.0;
}

void PonPokoAgent::Observe(const ObservedAction& action) {
  if (action.type != ActionType::kOffer || !action.offer) return;
  has_last_offer_ = true;
  last_offer_utility_ = action.offer_utility;
}

// The five patterns, each written as the original computes it (left to right, so that the band's
// bounds round as GENIUS's do).
PonPokoAgent::Band PonPokoAgent::BandAt(double t) const {
  switch (pattern_) {
    case 0: return {1 - 0.1 * t - 0.1 * std::abs(std::sin(t * 40)), 1 - 0.1 * t};
    case 1: return {1 - 0.22 * t, 1};
    case 2: return {1 - 0.1 * t - 0.15 * std::abs(std::sin(t * 20)), 1 - 0.1 * t};
    case 3: return {t > 0.99 ? 1 - 0.3 * t : 1 - 0.1 * t, 1 - 0.05 * t};
    default: return {1 - 0.21 * t * std::abs(std::sin(t * 20)), 1 - 0.15 * t * std::abs(std::sin(t * 20))};
  }
}

ActionType PonPokoAgent::Act(const TurnState& state, Outcome& proposal) {
  Band band = BandAt(state.time);
  if (has_last_offer_ && last_offer_utility_ > band.low) return ActionType::kAccept;

  // The bids inside the band are a run of the list: from the first at or below `high` to the
  // last at or above `low`.
  const auto first = static_cast<std::size_t>(
      std::find_if(utilities_.begin(), utilities_.end(), [&](double u) { return u <= band.high; }) -
      utilities_.begin());
  if (first == utilities_.size()) {
    proposal = bids_.back();
    return ActionType::kOffer;
  }
  while (utilities_[first] < band.low) band.low -= kLowering;
  std::size_t end = first;
  while (end < utilities_.size() && utilities_[end] >= band.low) ++end;
  const auto pick = static_cast<std::size_t>(free_random_.NextInt(static_cast<std::int32_t>(end - first)));
  proposal = bids_[first + pick];
  return ActionType::kOffer;
}

const bool kRegistered = NegotiatorRegistry::Add(
    {"ponpokoagent",
     "PonPokoAgent (ANAC 2017, winner), as GENIUS runs it: one of five time-dependent bands drawn at the start; "
     "accepts an offer above the band's floor, else offers a random one of 30,000 random bids inside the band.",
     {},
     [](const Spec&) { return std::make_unique<PonPokoAgent>(); }});

}  // namespace
}  // namespace parley
