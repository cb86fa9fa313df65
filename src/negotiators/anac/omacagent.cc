// OMAC (ANAC 2012, joint third), as GENIUS 9.1.10 runs it: agents.anac.y2012.OMACagent.OMACagent
// with its TimeBidHistory. It records the best offer received in each hundredth of the time,
// predicts from their moving average and spread what the opponent will concede next, and sets its
// target between a Boulware curve and that prediction; its offers are random bids within 1% of the
// target (drawn from a java.util.Random seeded with 100, as the original does), or the best offer
// received when that is at least as good. It accepts an offer at least as good as its own next
// one, and, when discounting is steep or at the very end, any offer it has made itself.
// Chen & Weiss, "OMAC: A Discrete Wavelet Transformation Based Negotiation Agent", in Novel
// Insights in Agent-based Complex Automated Negotiation (Studies in Computational Intelligence
// 535, 2014). Docs: docs/strategies.md#omac--omacagent-anac-2012
//
// Reproduces the original step for step (tests/genius_omacagent_test.cc replays GENIUS's traces).
// Its random draws come from JavaRandom(100) in every negotiation, like the original's, so it
// ignores the context's seed. Deliberate differences, where Parley cannot do what GENIUS does:
//  - A real issue is drawn from 21 steps of its range (GENIUS's default discretisation; Parley's
//    real issues have none).
//  - With several opponents, when the last action seen is an acceptance that did not close the
//    deal, the original returns no action (GENIUS then aborts the session); the port treats the
//    accepted offer as the one to answer.
// Like the original it accepts anything at least as good as its own next bid or that it offered
// before, and can offer the opponent's best offer or a random bid, below its reservation value,
// so Parley's rationality contract is not checked for it (tests/conformance_negotiation.cc,
// ReservationValueExemptions).
#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <vector>

#include "common/java_random.h"
#include "parley/negotiator.h"
#include "parley/utility.h"
#include "preferences/genius_bid_iterator.h"

namespace parley {
namespace {

// The opponent's offers as OMAC keeps them (TimeBidHistory): when each came, the best so far and
// when it improved, and the best undiscounted utility offered in each hundredth of the time.
class OmacHistory {
 public:
  static constexpr std::size_t kBlocks = 100;

  void Reset() {
    times_.clear();
    improvements_.clear();
    best_utility_ = -1;
    has_best_ = false;
    blocks_.fill(0.0);
  }

  void Add(double undiscounted, const Outcome& bid, double time) {
    times_.push_back(time);
    if (undiscounted > best_utility_) {
      best_utility_ = undiscounted;
      if (!has_best_) best_ = Outcome(bid.size());
      best_ = bid;
      has_best_ = true;
      improvements_.push_back(times_.size() - 1);
    }
    const double block_time = time >= 1.0 ? 0.99999 : time;
    double& block = blocks_[static_cast<std::size_t>(std::floor(block_time * 100))];
    if (block < undiscounted) block = undiscounted;
  }

  bool has_best() const { return has_best_; }
  const Outcome& best() const { return best_; }
  const std::array<double, kBlocks>& blocks() const { return blocks_; }
  // When the opponent last improved on its best offer (0 before it has offered).
  double LastImprovementTime() const { return improvements_.empty() ? 0.0 : times_[improvements_.back()]; }

 private:
  std::vector<double> times_;
  std::vector<std::size_t> improvements_;
  double best_utility_ = -1;
  Outcome best_;
  bool has_best_ = false;
  std::array<double, kBlocks> blocks_{};
};

class Omac final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override {
    profile_ = context.profile;
    space_ = context.space;
    party_ = context.party;
    rounds_ = context.max_rounds;
    random_ = JavaRandom(kSeed);
    minimum_utility_ = kMinimumUtility;
    reservation_ = profile_->reservation_value();
    if (minimum_utility_ < reservation_) minimum_utility_ = reservation_ * 1.06;
    discount_ = profile_->discount_factor();
    max_bid_ = Outcome(space_->issue_count());
    max_bid_utility_ = GeniusMaxUtilityBid(profile_->utility_function().ranking(), max_bid_);
    expected_utility_ = kExpectedUtility * max_bid_utility_;
    history_.Reset();
    my_bids_.clear();
    partner_offered_ = false;
    partner_bid_ = Outcome(space_->issue_count());
    time_ = 0.0;
    now_ = 0.0;
    updates_ = 0;
    next_utility_ = kInitialNext;
    estimate_time_ = estimate_utility_ = estimate_from_utility_ = estimate_from_time_ = 0.0;
    candidate_ = Outcome(space_->issue_count());
  }

  void Observe(const ObservedAction& action) override {
    if (action.party == party_ || !action.offer) return;
    if (action.type == ActionType::kOffer || action.type == ActionType::kAccept) {
      partner_bid_ = *action.offer;
      partner_offered_ = true;
    }
  }

  ActionType Act(const TurnState& state, Outcome& proposal) override {
    now_ = state.time;
    // d^t once per turn: the random search below evaluates thousands of bids at this time.
    discount_now_ = profile_->discounted() ? std::pow(discount_, now_) : 1.0;
    if (!partner_offered_) return OfferNext(proposal);
    time_ = state.time;
    const double offered = Utility(partner_bid_);
    history_.Add(offered / std::pow(discount_, time_), partner_bid_, time_);
    if ((discount_ < kDiscountThreshold || time_ > kLateTime) && MadeBefore(partner_bid_)) {
      return ActionType::kAccept;
    }
    const ActionType action = OfferNext(proposal);
    if (action != ActionType::kOffer) {
      return reservation_ != 0 ? ActionType::kEndNegotiation : ActionType::kAccept;
    }
    if (offered >= Utility(proposal)) return ActionType::kAccept;
    return ActionType::kOffer;
  }

 private:
  static constexpr std::int64_t kSeed = 100;
  static constexpr double kMinimumUtility = 0.59;
  static constexpr double kExpectedUtility = 0.95;
  static constexpr double kInitialNext = 0.96;
  static constexpr double kDiscountThreshold = 0.845;
  static constexpr double kLateTime = 0.97;
  static constexpr double kSliceWidth = 1.0 / 100;  // timeInt: one of the hundred blocks
  static constexpr double kSessionSeconds = 180.0;
  static constexpr double kLower = 0.99, kUpper = 1.01, kBoost = 1.2;
  static constexpr int kDelay = 75;  // hundredths of the time before the undiscounted strategy adapts
  static constexpr double kSplit = 3.0;

  // Sentinels of next_utility_ (getNextUti): which target the late phase follows.
  static constexpr double kExpect = -3.0, kPredicted = -2.0, kCurve = -1.0;

  // The agent's own utility of a bid, discounted to the time of this turn (Agent.getUtility);
  // a missing bid is worth 0, as GENIUS's utility space answers for null.
  double Utility(const Outcome& bid) const {
    return profile_->discounted() ? profile_->Utility(bid) * discount_now_ : profile_->Utility(bid);
  }

  bool MadeBefore(const Outcome& bid) const {
    return std::find(my_bids_.begin(), my_bids_.end(), bid) != my_bids_.end();
  }

  // chooseBidAction: the best bid at first, then getFinalBid; no bid ends the negotiation.
  ActionType OfferNext(Outcome& proposal) {
    bool found = true;
    if (time_ <= 0.02) {
      proposal = max_bid_;
    } else {
      found = FinalBid(proposal);
    }
    if (!found) return ActionType::kEndNegotiation;
    my_bids_.push_back(proposal);
    return ActionType::kOffer;
  }

  // getFinalBid. Returns false when it has no bid to give.
  bool FinalBid(Outcome& bid) {
    double value = 0.0;
    if (discount_ >= kDiscountThreshold) {
      if (time_ <= kDelay / 100.0) {
        if (reservation_ <= 0.3) return MaxBid(bid);
        value = expected_utility_;
        return RandomBid(value * kLower, value * kUpper, bid);
      }
      if (time_ > 0.01 * (updates_ + kDelay)) {
        next_utility_ = NextUtility();
        ++updates_;
      }
    } else {
      if (time_ <= discount_ / kSplit) {
        if (reservation_ <= 0.3) return MaxBid(bid);
        value = expected_utility_;
        return RandomBid(value * (1.0 - 0.02), value * (1.0 + 0.02), bid);
      }
      if (time_ > 0.01 * (updates_ + static_cast<int>(std::floor(discount_ / kSplit * 100)))) {
        next_utility_ = NextUtility();
        ++updates_;
      }
    }

    if (next_utility_ == kExpect) {
      if (reservation_ <= 0.3) return MaxBid(bid);
      value = expected_utility_;
    } else if (next_utility_ == kPredicted) {
      value = estimate_from_utility_ + (time_ - estimate_from_time_) * (estimate_utility_ - estimate_from_utility_) /
                                           (estimate_time_ - estimate_from_time_);
    } else if (next_utility_ == kCurve) {
      value = CurveUtility(time_);
    }

    bool have = false;
    const double last_improvement = history_.LastImprovementTime() * kSessionSeconds;
    if (time_ * kSessionSeconds - last_improvement > 1.5 || time_ > 0.995) {
      const double discounted = value * std::pow(discount_, time_);
      have = RandomBid(discounted * kLower, discounted * kUpper, bid);
    } else if (value * kLower * kBoost >= max_bid_utility_) {
      bid = max_bid_;
      have = true;
    } else {
      const double discounted = kBoost * value * std::pow(discount_, time_);
      have = RandomBid(discounted * kLower, discounted * kUpper, bid);
    }
    const double own = have ? Utility(bid) : 0.0;
    const double best_offered = Utility(history_.best());
    if (best_offered >= own) return BestOffered(bid);
    if (time_ > 0.999 && best_offered > minimum_utility_ * std::pow(discount_, time_)) {
      return BestOffered(bid);
    }
    return have;
  }

  bool MaxBid(Outcome& bid) const {
    bid = max_bid_;
    return true;
  }
  bool BestOffered(Outcome& bid) const {
    bid = history_.best();
    return true;
  }

  // getOriU: the Boulware curve from the best utility down to the floor.
  double CurveUtility(double t) const {
    double floor = 0.69;
    if (floor < minimum_utility_) floor = minimum_utility_ * 1.05;
    if (discount_ >= kDiscountThreshold) {
      return floor + (1 - std::pow(t, 1.0 / 0.033)) * (max_bid_utility_ - floor);
    }
    const double top = std::pow(discount_, 0.2);
    const double bottom = minimum_utility_ * 1.05;
    return bottom + (1 - std::pow(t, 1.0 / 0.04)) * (top - bottom);
  }

  // getPre: the predicted best offer of the next block, from the completed blocks' maxima: the
  // last three-block moving average, plus the mean residual, plus the residuals' spread scaled
  // by how far the last maximum is from 1 and how early it is. -1 with fewer than three blocks.
  double Prediction() const {
    const auto blocks = static_cast<std::size_t>(std::floor(time_ * 100));
    if (blocks < 3) return -1.0;
    const auto& maxima = history_.blocks();
    std::vector<double> average(blocks, 0.0), residual(blocks);
    for (std::size_t i = 2; i < blocks; ++i) average[i] = (maxima[i] + maxima[i - 1] + maxima[i - 2]) / 3.0;
    for (std::size_t i = 0; i < blocks; ++i) residual[i] = maxima[i] - average[i];
    const double n = static_cast<double>(blocks);
    double sum = 0.0, squares = 0.0;
    for (double r : residual) sum += r;
    for (double r : residual) squares += r * r;
    const double mean = sum / n;
    const double spread = std::sqrt((n / (n - 1.0)) * (squares / n - std::pow(mean, 2)));
    return average[blocks - 1] + mean +
           spread * (1.0 - std::pow(maxima[blocks - 1], 4)) * (1.3 + 0.66 * std::pow(1 - time_ * time_, 0.4));
  }

  // getNextUti: follow the prediction while it beats the curve a block ahead.
  double NextUtility() {
    const double curve = CurveUtility(time_ + kSliceWidth);
    const double predicted = Prediction();
    if (predicted >= 1.0) return kExpect;
    if (predicted > curve) {
      estimate_time_ = time_ + kSliceWidth;
      estimate_utility_ = predicted;
      estimate_from_utility_ = CurveUtility(time_);
      estimate_from_time_ = time_;
      return kPredicted;
    }
    return kCurve;
  }

  // genRanBid: random bids until one's discounted utility lies in [low, high]; the upper bound
  // widens by 0.005 after 1000 tries and every 500 after; after 4000 tries the last bid made
  // (false if there is none).
  bool RandomBid(double low, double high, Outcome& bid) {
    int tries = 0, limit = 1000;
    for (;;) {
      for (std::size_t i = 0; i < space_->issue_count(); ++i) {
        const Issue& issue = space_->issue(i);
        switch (issue.kind()) {
          case IssueKind::kDiscrete:
            candidate_[i] = random_.NextInt(static_cast<std::int32_t>(issue.cardinality()));
            break;
          case IssueKind::kInteger:
            // A one-value range makes Random.nextInt throw in the original, which then has no bid.
            if (issue.upper() == issue.lower()) return false;
            candidate_[i] = issue.lower() + random_.NextInt(static_cast<std::int32_t>(issue.upper() - issue.lower()));
            break;
          case IssueKind::kReal:
            candidate_[i] =
                issue.lower() + (issue.upper() - issue.lower()) * random_.NextInt(kRealSteps - 1) / kRealSteps;
            break;
        }
      }
      if (++tries > limit) {
        limit += 500;
        high += 0.005;
      }
      if (tries > 4000) {
        if (my_bids_.empty()) return false;
        bid = my_bids_.back();
        return true;
      }
      const double u = Utility(candidate_);
      if (!(u < low || u > high)) break;
    }
    bid = candidate_;
    return true;
  }

  static constexpr int kRealSteps = 21;

  const Profile* profile_ = nullptr;
  const OutcomeSpace* space_ = nullptr;
  std::size_t party_ = 0;
  std::uint64_t rounds_ = 0;
  JavaRandom random_{kSeed};
  double minimum_utility_ = kMinimumUtility;
  double reservation_ = 0.0;
  double discount_ = 1.0;
  Outcome max_bid_;
  double max_bid_utility_ = 0.0;
  double expected_utility_ = 0.0;
  OmacHistory history_;
  std::vector<Outcome> my_bids_;
  bool partner_offered_ = false;
  Outcome partner_bid_;
  double time_ = 0.0;  // cTime: the time of the last turn that answered an offer
  double now_ = 0.0;   // the time of this turn, at which utilities are discounted
  double discount_now_ = 1.0;
  int updates_ = 0;  // tCount
  double next_utility_ = kInitialNext;
  double estimate_time_ = 0.0, estimate_utility_ = 0.0;            // est_t, est_u
  double estimate_from_utility_ = 0.0, estimate_from_time_ = 0.0;  // est_mu, est_mt
  Outcome candidate_;
};

const bool kRegistered = NegotiatorRegistry::Add(
    {"omacagent",
     "OMAC (ANAC 2012, joint third), as GENIUS runs it: predicts the opponent's concession from the best offer of "
     "each hundredth of the time, aims between a Boulware curve and the prediction with random bids near the "
     "target; accepts offers at least as good as its next one.",
     {},
     [](const Spec&) { return std::make_unique<Omac>(); }});

}  // namespace
}  // namespace parley
