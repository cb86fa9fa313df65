// Yushu (ANAC 2010): a port of GENIUS's agents.anac.y2010.Yushu.Yushu (GENIUS 9.1.10),
// reimplemented from its source. It measures how much time one of its rounds takes, and from the
// number of rounds left and the opponent's average offer sets a floor; its target falls from its
// best utility towards that floor as t^1.2. It offers back the opponent's best offer once that
// reaches the target (one of the opponent's ten best, at random, when it made that offer lately),
// otherwise the bid just above the target, and after ten offers a random bid from a band around
// the target. It accepts at the target, or at 96% (92% near the end) of its best utility.
//
// Deliberate differences from the original, each because Parley cannot do otherwise:
// - Randomness: the original draws from two unseeded `new Random()`s, so no two GENIUS runs agree.
//   The port draws from two JavaRandoms seeded from a JavaRandom on the context's seed, each in
//   the original's order, so that a Parley run is reproducible.
// - Its bids are read off the profile's ranking (same utilities; ties in GENIUS's BidIterator
//   order, as the original's walk over the domain meets them). Beyond 2^21 outcomes, or with real
//   issues, the ranking holds a sample where the original would walk every bid of its grid.
// - Three or more parties: the original is bilateral and answers the last message it received
//   (GENIUS aborts the session when that is an Accept); the port answers the offer on the table.
// - Like the original it ignores its reservation value: it can accept, and offer, bids worth less.
// - The protocol never shows a negotiator its own action. When it does (a replay that substitutes
//   a recorded offer for the port's), the port takes that bid as the one it offered.
// Strategy notes: docs/strategies.md#yushu--yushu-anac-2010
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

#include "common/java_random.h"
#include "parley/negotiator.h"
#include "parley/utility.h"
#include "preferences/genius_bid_iterator.h"

namespace parley {
namespace {

// Java's (int) cast of a non-negative double below 2^31.
std::size_t JavaIndex(double x) { return static_cast<std::size_t>(x); }

class Yushu final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override {
    profile_ = context.profile;
    party_ = context.party;
    ranking_ = &profile_->utility_function().ranking();
    issues_ = context.space->issue_count();
    best_bid_ = Outcome(issues_);
    scratch_ = Outcome(issues_);
    best_utility_ = GeniusMaxUtilityBid(*ranking_, best_bid_);
    JavaRandom seeds(static_cast<std::int64_t>(context.seed));
    suggestion_random_ = JavaRandom(seeds.NextLong());
    candidate_random_ = JavaRandom(seeds.NextLong());
    opponent_bids_.clear();
    opponent_utilities_.clear();
    opponent_utility_sum_ = 0.0;
    best_ten_.clear();
    my_bids_.clear();
    response_times_.clear();
    previous_time_ = 0.0;
    suggestion_.reset();
    offered_suggestion_ = false;
    rounds_left_ = 0.0;
    acceptable_ = 1.0;
  }

  // Only its own action, shown back by a replay that substituted a recorded offer.
  void Observe(const ObservedAction& action) override {
    if (action.party != party_ || action.type != ActionType::kOffer || !action.offer || my_bids_.empty()) return;
    my_bids_.back() = *action.offer;
    if (offered_suggestion_) suggestion_ = *action.offer;
  }

  ActionType Act(const TurnState& state, Outcome& proposal) override {
    const double t = state.time;
    response_times_.push_back(t - previous_time_);
    previous_time_ = t;
    offered_suggestion_ = false;
    if (!state.current_offer) return Offer(best_bid_, proposal);

    const double offered = state.current_offer_utility;
    opponent_bids_.push_back(*state.current_offer);
    opponent_utilities_.push_back(offered);
    opponent_utility_sum_ += offered;
    RankOpponentOffer(offered);

    const double target = my_bids_.empty() ? 1.0 : TargetUtility(t);
    bool accept = false;
    if (offered >= target || offered >= acceptable_) {
      if (!suggestion_) accept = true;
      if (rounds_left_ < kEndRounds) accept = true;
      if (suggestion_ && rounds_left_ > kEndRounds && profile_->Utility(*suggestion_) <= offered) accept = true;
    }
    if (accept) return ActionType::kAccept;
    if (suggestion_) {
      offered_suggestion_ = true;
      return Offer(*suggestion_, proposal);
    }
    if (target >= best_utility_) return Offer(best_bid_, proposal);
    return Offer(NextBid(target), proposal);
  }

 private:
  static constexpr double kEagerness = 1.2;
  static constexpr double kEndRounds = 8.0;  // rounds left below which an acceptable offer is taken
  static constexpr std::size_t kBestKept = 10;
  static constexpr std::size_t kRecentOwn = 4;  // own offers searched for the opponent's best
  static constexpr std::size_t kOffersBeforeRandom = 10;

  ActionType Offer(const Outcome& bid, Outcome& proposal) {
    my_bids_.push_back(bid);
    proposal = bid;
    return ActionType::kOffer;
  }

  // The positions of the opponent's ten best offers for this agent, best first; a new offer goes
  // after every kept one that is at least as good.
  void RankOpponentOffer(double utility) {
    const std::size_t index = opponent_bids_.size() - 1;
    auto at = best_ten_.begin();
    while (at != best_ten_.end() && opponent_utilities_[*at] >= utility) ++at;
    best_ten_.insert(at, index);
    if (best_ten_.size() > kBestKept) best_ten_.pop_back();
  }

  double MeanResponseTime() const {
    if (response_times_.empty()) return 0.0;
    double total = 0.0;
    for (double r : response_times_) total += r;
    return total / static_cast<double>(response_times_.size());
  }

  double MeanRecentResponseTime(std::size_t count) const {
    if (response_times_.size() < count) return 0.0;
    double total = 0.0;
    for (std::size_t k = 0; k < count; ++k) total += response_times_[response_times_.size() - 1 - k];
    return total / static_cast<double>(count);
  }

  // The target utility of the next offer; also sets the rounds left, the acceptance level and,
  // when the opponent's best offer is good enough, the suggestion to offer back.
  double TargetUtility(double t) {
    const double round_time = std::max(MeanResponseTime(), MeanRecentResponseTime(3));
    const double time_left = 1 - t;
    rounds_left_ = time_left / round_time;

    double floor;
    if (rounds_left_ > 6.7) {
      floor = 0.93 * best_utility_;
    } else if (rounds_left_ > 5) {
      floor = 0.90 * best_utility_;
    } else if (time_left > 3 * round_time) {
      floor = 0.86 * best_utility_;
    } else if (time_left > 2.3 * round_time) {
      floor = 0.8 * best_utility_;
    } else {
      floor = 0.6 * best_utility_;
    }
    acceptable_ = time_left < 15 * round_time ? 0.92 * best_utility_ : 0.96 * best_utility_;

    // The opponent's average offer, at least 0.3: a tough opponent lowers the floor near the end.
    const std::size_t received = opponent_bids_.size();
    const double mean_offer = std::max(0.30, opponent_utility_sum_ / static_cast<double>(received));
    const double tough_rounds = 20 + (1 - mean_offer) / 0.10 * 20;
    if (time_left < tough_rounds * round_time && received > 3 && mean_offer < 0.75) {
      floor = floor - (0.75 - mean_offer) / 2.5;
    }
    floor = std::max(0.50, floor);
    floor = floor * (std::min(0.75, mean_offer) / 3 + 0.75);
    floor = std::max(floor, mean_offer);
    double target = best_utility_ - (best_utility_ - floor) * std::pow(t, kEagerness);

    const std::size_t best = best_ten_.front();
    if (time_left < 1.6 * round_time) {
      suggestion_ = opponent_bids_[best];
      return target;
    }
    const double best_offer = opponent_utilities_[best];
    if (time_left > 50 * round_time) target = std::max(target, best_offer * 1.001);
    const bool closing = time_left < 10 * round_time && best_offer > target * 0.95;
    if (closing || best_offer >= target) {
      const double lowered = closing ? target * 0.95 : target;
      bool repeated = false;
      const std::size_t recent = std::min(my_bids_.size(), kRecentOwn);
      for (std::size_t k = 0; k < recent; ++k) {
        if (my_bids_[my_bids_.size() - 1 - k] == opponent_bids_[best]) repeated = true;
      }
      if (repeated) {
        std::vector<std::size_t> candidates;
        for (std::size_t index : best_ten_) {
          if (opponent_utilities_[index] >= lowered) candidates.push_back(index);
        }
        const std::size_t pick = JavaIndex(suggestion_random_.NextDouble() * static_cast<double>(candidates.size()));
        suggestion_ = opponent_bids_[candidates[pick]];
      } else {
        suggestion_ = opponent_bids_[best];
      }
      target = lowered;
    }
    return target;
  }

  // The bid closest above the target (the first such in BidIterator order); after ten offers, a
  // random one of the bids in the band around the target, in BidIterator order, or that bid.
  Outcome NextBid(double target) {
    const std::size_t size = ranking_->size();
    std::size_t above = ranking_->LowestAtLeast(target);
    while (above < size && ranking_->utility(above) <= target) ++above;
    Outcome next = best_bid_;
    if (above < size) {
      const double gap = std::abs(ranking_->utility(above) - target);
      ranking_->CopyOutcome(above, next);
      Outcome tied(issues_);
      for (std::size_t rank = above + 1; rank < size && std::abs(ranking_->utility(rank) - target) == gap; ++rank) {
        ranking_->CopyOutcome(rank, tied);
        if (GeniusBidIteratorBefore(tied, next)) next = tied;
      }
    }
    if (my_bids_.size() <= kOffersBeforeRandom) return next;

    const double low = rounds_left_ > 30 ? std::max(opponent_utilities_[best_ten_.front()], target) : 0.96 * target;
    const double high = 1.08 * target;
    std::size_t begin = ranking_->LowestAtLeast(low);
    while (begin < size && ranking_->utility(begin) <= low) ++begin;
    std::size_t end = begin;
    while (end < size && ranking_->utility(end) < high) ++end;
    const std::size_t count = end - begin;
    const std::size_t pick = JavaIndex(candidate_random_.NextDouble() * static_cast<double>(count + 1));
    if (pick == count) return next;
    // The pick-th of the band in BidIterator order (the last issue counts most).
    band_values_.resize(count * issues_);
    band_order_.resize(count);
    for (std::size_t k = 0; k < count; ++k) {
      ranking_->CopyOutcome(begin + k, scratch_);
      std::copy(scratch_.values().begin(), scratch_.values().end(), band_values_.begin() + k * issues_);
      band_order_[k] = k;
    }
    const auto before = [this](std::size_t a, std::size_t b) {
      const double* x = &band_values_[a * issues_];
      const double* y = &band_values_[b * issues_];
      for (std::size_t i = issues_; i-- > 0;) {
        if (x[i] != y[i]) return x[i] < y[i];
      }
      return false;
    };
    std::nth_element(band_order_.begin(), band_order_.begin() + static_cast<std::ptrdiff_t>(pick), band_order_.end(),
                     before);
    const double* chosen = &band_values_[band_order_[pick] * issues_];
    std::copy(chosen, chosen + issues_, &next[0]);
    return next;
  }

  const Profile* profile_ = nullptr;
  const OutcomeRanking* ranking_ = nullptr;
  std::size_t party_ = 0;
  std::size_t issues_ = 0;
  Outcome best_bid_;
  double best_utility_ = 0.0;
  JavaRandom suggestion_random_{0};  // which of the opponent's best offers to offer back
  JavaRandom candidate_random_{0};   // which bid of the band around the target
  std::vector<Outcome> opponent_bids_;
  std::vector<double> opponent_utilities_;
  double opponent_utility_sum_ = 0.0;
  std::vector<std::size_t> best_ten_;  // into opponent_bids_, best first
  std::vector<Outcome> my_bids_;
  std::vector<double> response_times_;
  double previous_time_ = 0.0;
  std::optional<Outcome> suggestion_;  // once set, offered instead of any other bid
  bool offered_suggestion_ = false;    // this turn's offer was the suggestion
  // Scratch space of the band draw: the band's bids (issues_ values each) and their order.
  std::vector<double> band_values_;
  std::vector<std::size_t> band_order_;
  Outcome scratch_;
  double rounds_left_ = 0.0;
  double acceptable_ = 1.0;  // an offer worth this much is acceptable whatever the target
};

const bool kRegistered = NegotiatorRegistry::Add(
    {"yushu",
     "Yushu (ANAC 2010), as GENIUS runs it: a target falling as t^1.2 towards a floor set by the rounds it "
     "expects to have left and the opponent's average offer; offers back the opponent's best offer once it "
     "reaches the target, random bids near the target after ten offers; accepts at the target.",
     {},
     [](const Spec&) { return std::make_unique<Yushu>(); }});

}  // namespace
}  // namespace parley
