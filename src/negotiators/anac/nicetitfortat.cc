// Nice Tit for Tat (ANAC 2011, Tim Baarslag), as GENIUS 9.1.10 runs it:
// agents.anac.y2011.Nice_Tit_for_Tat.NiceTitForTat with its BilateralAgent base and its BidHistory.
// A tit-for-tat in utility: it estimates the Nash point from a Bayesian model of the opponent,
// measures how far the opponent has conceded from its first bids towards that point, and concedes
// the same fraction of its own way there, plus a bonus for discounting and, late, for time. Among
// the bids near that target it offers one of the best few for the opponent, at random. It accepts
// an offer worth its planned bid; after t = 0.98 also when few offers are left to come and none
// of them is likely to beat the offer; and when it would accept while the opponent once offered
// more, it first offers that better bid back, up to four times.
// References: T. Baarslag, K. Hindriks, C. Jonker, "A tit for tat negotiation strategy for
// real-time bilateral negotiations", Complex Automated Negotiations, Springer 2013.
// Docs: docs/strategies.md#nicetitfortat--nice-tit-for-tat-anac-2011
//
// The opponent model is Parley's "genius-scalable-bayesian", GENIUS's
// agents.bayesianopponentmodel.BayesianOpponentModelScalable number for number (its estimate is the
// class's getNormalizedUtility), taught the opponent's last offer at each counter-offer as the
// original teaches it. The Nash point is GENIUS's BidSpace.getNash of the own profile against that
// model (genius_nash_point.h); bids are searched in GENIUS's BidIterator order (genius_domain.h).
//
// Deliberate differences, where Parley cannot do what GENIUS does:
//  - The original draws its choice among the best bids from its own unseeded `new Random()`; the
//    port draws from JavaRandom(context.seed), so a run is reproducible.
//  - The model's own differences (docs/strategies.md#genius-scalable-bayesian--scalablebayesianmodel):
//    std::exp for Java's Math.exp (one ulp apart on rare arguments), and estimates of 0 on spaces
//    with integer or real issues. There GENIUS's model fails (integer issues misalign its lists,
//    every estimate throws and the original's bid choice, finding no candidate, fails with a
//    NullPointerException) or learns linear shapes (real issues).
//  - With several opponents every other party's offer counts as the opponent's; where the last
//    action received is an accept that did not close the deal the original returns no action and
//    GENIUS aborts the session: the port walks away.
//  - The domain size is the true number of bids; Java's long product wraps on the largest spaces.
//  - On spaces of 200000 bids or more (where the original builds no BidSpace) searches see the
//    first 2^16 bids of BidIterator order; the original walks them all, for hours on the largest
//    corpus spaces.
//  - The original casts its profile to an additive one and cannot start on any other; the port
//    plays on any profile. Where every bid is worth 0 GENIUS has no best bid (null), the port takes
//    the first one.
//  - std::pow stands for Java's Math.pow (the discount in its overshoot check).
// Like the original it reads its reservation value only in the Nash point: it offers and accepts
// below it (tests/conformance_negotiation.cc, ReservationValueExemptions).
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "common/java_random.h"
#include "negotiators/anac/genius_bid_hash.h"
#include "negotiators/anac/genius_domain.h"
#include "negotiators/anac/genius_nash_point.h"
#include "parley/boa.h"
#include "parley/negotiator.h"
#include "parley/utility.h"
#include "preferences/genius_bid_iterator.h"

namespace parley {
namespace {

// The original's constants.
constexpr double kOpeningWindow = 0.01;    // its opponent's starting point: offers up to this time
constexpr double kAcceptancePhase = 0.98;  // from here it may accept less than its planned bid
constexpr double kLastUpdate = 0.99;       // no learning after this time
constexpr double kFallbackNash = 0.7;      // the Nash estimate without a BidSpace
constexpr double kBidSpaceBelow = 200000;  // bids: the Nash point is computed below this size
constexpr double kBigDomain = 10000;       // bids: halves learning, stops searches at 2 bids
constexpr double kBonusDomain = 3000;      // bids: the time bonus starts at 0.85, not 0.91
constexpr int kOffersOfBestBid = 4;        // times it offers back the opponent's best bid
constexpr std::uint64_t kBidsSearchedBeyond = std::uint64_t{1} << 16;  // on spaces without a BidSpace

// Java's Math.min/Math.max on doubles: NaN wins.
double JavaMin(double a, double b) { return std::isnan(a) || std::isnan(b) ? NAN : std::min(a, b); }
double JavaMax(double a, double b) { return std::isnan(a) || std::isnan(b) ? NAN : std::max(a, b); }

class NiceTitForTat final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override;
  void Observe(const ObservedAction& action) override;
  ActionType Act(const TurnState& state, Outcome& proposal) override;

 private:
  // An offer received: the bid, its own undiscounted utility, and the time it was received.
  struct Received {
    Outcome bid;
    double utility = 0.0;
    double time = 0.0;
  };

  void CounterBid(double t, Outcome& bid);
  void UpdateNash();
  double Bonus(double t) const;
  double OpponentStartingPoint() const;
  void BidsOfUtility(double target);
  std::size_t CountInRange(double lower, double upper) const;
  void CollectInRange(double lower, double upper);
  void BestForOpponent(Outcome& bid);
  bool Acceptable(const Outcome& planned, double t) const;
  ActionType AcceptOrOfferBest(double t, Outcome& proposal);
  // BidHistory.filterBetween(min_utility, 1, from, to): utility in (min_utility, 1], time in (from, to].
  std::size_t CountBetween(double min_utility, double from, double to, double* utility_sum = nullptr) const;
  // BidHistory.getBestBid: the last offer of the greatest utility.
  const Received& BestReceived() const;
  double Discounted(double utility, double t) const { return utility * std::pow(discount_, t); }

  const Profile* profile_ = nullptr;
  const OutcomeSpace* space_ = nullptr;
  std::unique_ptr<OpponentModel> model_;
  std::size_t opponent_ = 0;  // the model's slot for the opponent (every other party)
  JavaRandom random_{0};
  GeniusBidHash bid_hash_;
  double bid_count_ = 0.0;
  bool big_ = false;
  double discount_ = 1.0;
  double reservation_ = 0.0;
  Outcome max_bid_;

  // The own utility of every bid in BidIterator order (of the first kBidsSearchedBeyond on spaces
  // without a BidSpace), the same sorted (to count a range), and the walk's positions by own utility,
  // descending (the frontier sweep's order; the Nash point's, below kBidSpaceBelow bids).
  bool nash_space_ = false;
  std::vector<double> utilities_;
  std::vector<double> sorted_utilities_;
  std::vector<std::uint32_t> by_utility_;

  std::vector<Received> received_;
  bool last_received_is_offer_ = false;
  bool offered_ = false;  // whether it has made an offer (BilateralAgent's own history)
  double nash_ = 0.0;
  double initial_gap_ = 0.0;
  int best_offered_back_ = 0;
  // The BidSpace's Nash point (NaN: none), kept until the model is taught a bid it has not seen.
  std::optional<double> nash_point_;
  std::vector<Outcome> taught_bids_;

  std::vector<Outcome> candidates_;
  std::vector<std::pair<double, double>> points_;
  struct Rated {
    double utility;
    std::int32_t hash;
    std::size_t position;
  };
  std::vector<Rated> rated_;
  Outcome scratch_;
  Outcome walked_;
};

void NiceTitForTat::Begin(const NegotiatorContext& context) {
  profile_ = context.profile;
  space_ = context.space;
  model_ = OpponentModelRegistry::Create("genius-scalable-bayesian");
  model_->Begin(context);
  opponent_ = context.party == 0 ? 1 : 0;
  random_ = JavaRandom(static_cast<std::int64_t>(context.seed));
  bid_hash_.Reset(*space_);
  bid_count_ = GeniusBidCount(*space_);
  big_ = bid_count_ > kBigDomain;
  discount_ = profile_->discount_factor();
  reservation_ = profile_->reservation_value();
  GeniusMaxUtilityBid(profile_->utility_function().ranking(), max_bid_);
  nash_space_ = bid_count_ < kBidSpaceBelow;
  utilities_.clear();
  const std::uint64_t searched = nash_space_ ? static_cast<std::uint64_t>(bid_count_) : kBidsSearchedBeyond;
  ForEachGeniusBid(*space_, searched, scratch_,
                   [&](const Outcome& bid) { utilities_.push_back(profile_->Utility(bid)); });
  walked_ = scratch_;
  sorted_utilities_ = utilities_;
  std::sort(sorted_utilities_.begin(), sorted_utilities_.end());
  by_utility_.clear();
  if (nash_space_) {
    by_utility_.resize(utilities_.size());
    for (std::uint32_t k = 0; k < by_utility_.size(); ++k) by_utility_[k] = k;
    std::sort(by_utility_.begin(), by_utility_.end(),
              [&](std::uint32_t a, std::uint32_t b) { return utilities_[a] > utilities_[b]; });
  }
  received_.clear();
  last_received_is_offer_ = false;
  offered_ = false;
  nash_ = 0.0;
  initial_gap_ = 0.0;
  best_offered_back_ = 0;
  nash_point_.reset();
  taught_bids_.clear();
}

void NiceTitForTat::Observe(const ObservedAction& action) {
  last_received_is_offer_ = action.type == ActionType::kOffer && action.offer != nullptr;
  if (last_received_is_offer_) received_.push_back({*action.offer, action.offer_utility, action.time});
}

ActionType NiceTitForTat::Act(const TurnState& state, Outcome& proposal) {
  const double t = state.time;
  if (received_.empty()) {  // it opens
    proposal = max_bid_;
  } else if (!offered_) {  // its first counter-offer is its best bid, unless the offer is as good
    if (Acceptable(max_bid_, t)) {
      const ActionType action = AcceptOrOfferBest(t, proposal);
      if (action == ActionType::kAccept) return action;
    } else {
      proposal = max_bid_;
    }
  } else if (last_received_is_offer_) {
    CounterBid(t, scratch_);
    if (Acceptable(scratch_, t)) {
      const ActionType action = AcceptOrOfferBest(t, proposal);
      if (action == ActionType::kAccept) return action;
    } else {
      proposal = scratch_;
    }
  } else {
    return ActionType::kEndNegotiation;
  }
  offered_ = true;
  return ActionType::kOffer;
}

void NiceTitForTat::CounterBid(double t, Outcome& bid) {
  // Learning stops late, and half-way on big domains.
  if (!(t > kLastUpdate) && !(big_ && t > 0.5)) {
    const Outcome& last = received_.back().bid;
    if (std::find(taught_bids_.begin(), taught_bids_.end(), last) == taught_bids_.end()) {
      taught_bids_.push_back(last);
      nash_point_.reset();
    }
    model_->Update(opponent_, last, t);
    UpdateNash();
  }
  double most_offered = -1;
  for (const Received& r : received_) most_offered = std::max(most_offered, r.utility);
  const double start = OpponentStartingPoint();
  // The opponent's way from its starting point towards the Nash point, as a share (NaN when it
  // has not moved and starts at the Nash point, as in Java).
  const double opponent_share = JavaMin(1, (most_offered - start) / (nash_ - start));
  double target = 1 - opponent_share * (1 - nash_);
  initial_gap_ = 1 - start;
  const double gap_to_nash = JavaMax(0, target - nash_);
  target -= Bonus(t) * gap_to_nash;
  BidsOfUtility(target);
  BestForOpponent(bid);
  // Never ask for less than the opponent's best offer so far: offer that instead.
  const Received& best = BestReceived();
  if (Discounted(best.utility, t) >= Discounted(profile_->Utility(bid), t)) bid = best.bid;
}

void NiceTitForTat::UpdateNash() {
  nash_ = kFallbackNash;
  double multiplier = 1.4 - 0.6 * initial_gap_;
  if (multiplier < 0) multiplier = 0;
  if (nash_space_) {
    if (!nash_point_) {
      points_.clear();
      for (std::uint32_t k : by_utility_) {
        GeniusBidAt(*space_, k, walked_);
        points_.emplace_back(utilities_[k], model_->EstimatedUtility(opponent_, walked_));
      }
      nash_point_ = GeniusNashOwnUtility(points_, reservation_, 0.0);
      if (!nash_point_) nash_point_ = NAN;  // no point: remembered as such until the model learns
    }
    if (!std::isnan(*nash_point_)) nash_ = *nash_point_;
  }
  nash_ *= multiplier;
  if (nash_ > 1) nash_ = 1;
  if (nash_ < 0.5) nash_ = 0.5;
}

double NiceTitForTat::Bonus(double t) const {
  const double discount_bonus = 0.5 - 0.4 * discount_;
  const double start = bid_count_ > kBonusDomain ? 0.85 : 0.91;
  const double time_bonus = t > start ? std::min(1.0, 20 * (t - start)) : 0.0;
  return std::clamp(std::max(discount_bonus, time_bonus), 0.0, 1.0);
}

double NiceTitForTat::OpponentStartingPoint() const {
  double least = -1;
  for (const Received& r : received_) {
    if (r.utility > 0 && r.utility <= 1 && r.time > 0 && r.time <= kOpeningWindow) {
      if (least == -1 || r.utility <= least) least = r.utility;
    }
  }
  return least == -1 ? received_.front().utility : least;
}

void NiceTitForTat::BidsOfUtility(double target) {
  if (target > 1) target = 1;
  const double lower = target * 0.98;
  double upper = target + 0.04;
  do {
    upper += 0.01;
    // The original walks the bids for each window (on big domains until it has two); counting
    // the window in the sorted utilities finds the same one, then a single walk collects it.
    std::size_t found = CountInRange(lower, upper);
    if (big_) found = std::min<std::size_t>(found, 2);
    // At least two bids, or one once the window reaches 1.
    if (found > 1 || (upper >= 1 && found > 0)) {
      CollectInRange(lower, upper);
      return;
    }
  } while (upper <= 1);
  candidates_.assign(1, max_bid_);
}

std::size_t NiceTitForTat::CountInRange(double lower, double upper) const {
  // A NaN target (an opponent that never moved, starting at the Nash estimate) admits no bid.
  if (std::isnan(lower) || std::isnan(upper)) return 0;
  const auto from = std::lower_bound(sorted_utilities_.begin(), sorted_utilities_.end(), lower);
  const auto to = std::upper_bound(from, sorted_utilities_.end(), upper);
  return static_cast<std::size_t>(to - from);
}

void NiceTitForTat::CollectInRange(double lower, double upper) {
  std::size_t found = 0;
  for (std::size_t k = 0; k < utilities_.size() && !(big_ && found >= 2); ++k) {
    if (utilities_[k] >= lower && utilities_[k] <= upper) {
      if (candidates_.size() <= found) candidates_.emplace_back(space_->issue_count());
      GeniusBidAt(*space_, k, candidates_[found++]);
    }
  }
  candidates_.resize(found);
}

void NiceTitForTat::BestForOpponent(Outcome& bid) {
  rated_.clear();
  for (std::size_t k = 0; k < candidates_.size(); ++k) {
    const double utility = model_->EstimatedUtility(opponent_, candidates_[k]);
    // BidDetails.hashCode of (bid, utility, time 0), GENIUS's tie-break among equal estimates.
    const auto bits = std::bit_cast<std::uint64_t>(utility);
    std::uint32_t hash = 31u + static_cast<std::uint32_t>(bid_hash_(candidates_[k]));
    hash = 31u * hash + static_cast<std::uint32_t>(bits ^ (bits >> 32));
    hash = 31u * hash;
    rated_.push_back({utility, static_cast<std::int32_t>(hash), k});
  }
  // The best n by estimate, 3 <= n <= 20 as a tenth of the candidates, one of them at random.
  const std::size_t n = std::clamp<std::size_t>(
      static_cast<std::size_t>(std::floor(static_cast<double>(candidates_.size()) / 10.0 + 0.5)), 3, 20);
  const std::size_t best = std::min(n, rated_.size());
  std::partial_sort(rated_.begin(), rated_.begin() + static_cast<std::ptrdiff_t>(best), rated_.end(),
                    [](const Rated& a, const Rated& b) {
                      if (a.utility != b.utility) return a.utility > b.utility;
                      if (a.hash != b.hash) return a.hash < b.hash;
                      return a.position < b.position;  // GENIUS's sort is stable
                    });
  bid = candidates_[rated_[static_cast<std::size_t>(random_.NextInt(static_cast<std::int32_t>(best)))].position];
}

std::size_t NiceTitForTat::CountBetween(double min_utility, double from, double to, double* utility_sum) const {
  std::size_t count = 0;
  for (const Received& r : received_) {
    if (min_utility < r.utility && r.utility <= 1 && from < r.time && r.time <= to) {
      ++count;
      if (utility_sum) *utility_sum += r.utility;
    }
  }
  return count;
}

const NiceTitForTat::Received& NiceTitForTat::BestReceived() const {
  std::size_t best = 0;
  for (std::size_t k = 1; k < received_.size(); ++k) {
    if (received_[k].utility >= received_[best].utility) best = k;
  }
  return received_[best];
}

bool NiceTitForTat::Acceptable(const Outcome& planned, double t) const {
  const Received& offer = received_.back();
  if (offer.utility >= profile_->Utility(planned)) return true;
  if (t < kAcceptancePhase) return false;
  // Near the end: accept unless many offers are still to come, or one of the recent ones was
  // better (the chance of a better offer within the time left is then taken to be 1).
  const double time_left = 1 - t;
  const std::size_t to_come = CountBetween(0, t - time_left, t);
  if (to_come > (big_ ? 40u : 10u)) return false;
  const double window = time_left;
  double better_sum = 0.0;
  const std::size_t better = CountBetween(offer.utility, t - window, t, &better_sum);
  double chance = time_left / window;
  if (chance > 1) chance = 1;
  const double all_miss = better == 0 ? 1 : std::pow(1 - chance, static_cast<double>(better));
  const double average = better == 0 ? 0 : better_sum / static_cast<double>(better);
  return offer.utility > (1 - all_miss) * average;
}

ActionType NiceTitForTat::AcceptOrOfferBest(double t, Outcome& proposal) {
  const double offered = received_.back().utility;
  const std::size_t to_come = CountBetween(0, t - (1 - t), t);
  const Received& best = BestReceived();
  if (to_come > 1 && best.utility > offered && best_offered_back_ < kOffersOfBestBid) {
    ++best_offered_back_;
    proposal = best.bid;
    return ActionType::kOffer;
  }
  return ActionType::kAccept;
}

const bool kRegistered = NegotiatorRegistry::Add(
    {"nicetitfortat",
     "Nice Tit for Tat (ANAC 2011), as GENIUS's agents.anac.y2011.Nice_Tit_for_Tat.NiceTitForTat: concedes towards "
     "the Nash point of a Bayesian opponent model as far as the opponent has conceded, offering one of the bids near "
     "that target best for the opponent; accepts its planned bid's worth, late also what is unlikely to be beaten.",
     {},
     [](const Spec&) { return std::make_unique<NiceTitForTat>(); }});

}  // namespace
}  // namespace parley
