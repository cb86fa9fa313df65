// HardHeaded, winner of ANAC 2011: the behaviour of agents.anac.y2011.HardHeaded.KLH in GENIUS
// 9.1.10 (van Krimpen, Looije & Hajizadeh, "HardHeaded", in Complex Automated Negotiations:
// Theories, Models, and Software Competitions, Studies in Computational Intelligence 435, 2013).
// It walks down its own bid list (hardheaded_bid_list.h) one bid at a time while the bids stay
// above a very Boulware target, picks among bids of nearly equal utility the one its learned
// opponent model likes best, offers back the opponent's best bid when that is better for itself,
// and falls back to a random earlier bid of its own once the list drops below the target.
//
// Deliberate differences from the original (docs/strategies.md#hardheaded--hardheaded-anac-2011):
// - The original draws from an unseeded java.util.Random; the port draws from a JavaRandom
//   seeded with DeriveSeed(context.seed, {100}) (100: the seed of the original's equivalence-test
//   mode), so a negotiation is reproducible. (Its second Random serves a branch that cannot be
//   reached: a refilled queue is never empty.)
// - Where the original throws in its turn and GENIUS aborts the session (the bottom of the list
//   reached; no opponent bid has an entry yet), the port goes on: it stays at the bottom of its
//   list, and offers its queue without the opponent's best bid.
// - Integer issues are enumerated like discrete ones, and spaces too large to enumerate use the
//   sampled ranking as the bid list (the original accepts only discrete issues and enumerates
//   every outcome); real issues do not enter the opponent model.
// - The issues' numbers in GENIUS files are not kept: the model updates the issues in file
//   order, which is the order in which the original visits their numbers for every domain of the
//   corpus (numbers ascending in file order).
#include <algorithm>
#include <cmath>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "common/java_random.h"
#include "negotiators/anac/genius_tree_map.h"
#include "negotiators/anac/hardheaded_bid_list.h"
#include "parley/error.h"
#include "parley/negotiator.h"
#include "parley/random.h"

namespace parley {
namespace {

// The original's constants.
constexpr double kConcessionStart = 0.05;        // Ka: the target's concession at t = 0
constexpr std::size_t kTopSelectedBids = 4;      // more candidates than this: the model picks 5
constexpr double kLearningCoefficient = 0.2;     // weight added to unchanged issues, over n
constexpr double kLearningValueAddition = 1;     // count added to each offered value
constexpr double kUtilityTolerance = 0.01;       // how far below the first candidate others may be
constexpr double kIgnoreDiscountAbove = 0.9;     // discount factors from here on are ignored
constexpr double kLateExponent = 30.0;           // concession exponent after t = discount
constexpr double kRenormalisationOffset = 0.05;  // GENIUS's weight renormalisation correction

// The opponent model: issue weights and value counts, updated as the original's copy of its own
// utility space is, including GENIUS's renormalisation after every weight that is set.
class HardHeadedOpponentModel {
 public:
  void Reset(const OutcomeSpace& space) {
    space_ = &space;
    const std::size_t n = space.issue_count();
    weights_.assign(n, 1.0 / static_cast<double>(n));
    counts_.assign(n, {});
    for (std::size_t i = 0; i < n; ++i) {
      if (space.issue(i).countable()) counts_[i].assign(space.issue(i).cardinality(), 1.0);
    }
    last_.reset();
    previous_.reset();
  }

  void Observe(const Outcome& offer) {
    previous_ = std::move(last_);
    last_ = offer;
    if (!previous_) return;
    const std::size_t n = weights_.size();
    std::size_t unchanged = 0;
    for (std::size_t i = 0; i < n; ++i) unchanged += (*last_)[i] == (*previous_)[i];
    const double golden = kLearningCoefficient / static_cast<double>(n);
    const double total = 1.0 + golden * static_cast<double>(unchanged);
    const double maximum = 1.0 - static_cast<double>(n) * golden / total;
    for (std::size_t i = 0; i < n; ++i) {
      const double weight = weights_[i];
      const bool same = (*last_)[i] == (*previous_)[i];
      SetWeight(i, same && weight < maximum ? (weight + golden) / total : weight / total);
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (counts_[i].empty()) continue;
      counts_[i][space_->issue(i).PositionOf(offer[i])] += kLearningValueAddition;
    }
  }

  // The opponent's estimated utility: the weighted counts, each over its issue's largest count.
  double Utility(const Outcome& outcome) const {
    double utility = 0.0;
    for (std::size_t i = 0; i < weights_.size(); ++i) {
      if (counts_[i].empty()) continue;
      const double largest = *std::max_element(counts_[i].begin(), counts_[i].end());
      const double evaluation = largest < 0.00001 ? 0.0 : counts_[i][space_->issue(i).PositionOf(outcome[i])] / largest;
      utility += weights_[i] * evaluation;
    }
    return utility > 1.0 ? 1.0 : utility;
  }

 private:
  // GENIUS sets the weight, moves every weight towards a sum of one by an amount proportional
  // to the weight plus a correction, and restores the one weight it set when the sum then falls
  // outside (0.98, 1.02).
  void SetWeight(std::size_t issue, double weight) {
    const double old = weights_[issue];
    weights_[issue] = weight;
    const std::size_t n = weights_.size();
    if (n == 1) {
      weights_[0] = 1.0;
    } else {
      double sum = 0.0;
      for (double w : weights_) sum += w;
      const double excess = (0.0 + sum) - 1.0;
      const double corrected = sum + kRenormalisationOffset * static_cast<double>(n);
      for (double& w : weights_) {
        w = w - excess * (w + kRenormalisationOffset) / corrected;
        if (w < 0) w = 0;
      }
    }
    double check = 0.0;
    for (double w : weights_) check += w;
    if (!(check > .98 && check < 1.02)) weights_[issue] = old;
  }

  const OutcomeSpace* space_ = nullptr;
  std::vector<double> weights_;
  std::vector<std::vector<double>> counts_;  // empty for real issues
  std::optional<Outcome> last_, previous_;
};

class HardHeaded final : public Negotiator {
 public:
  HardHeaded(double exponent, double minimum) : exponent_(exponent), minimum_(minimum) {
    if (!(exponent_ > 0.0) || !std::isfinite(exponent_)) {
      throw UsageError(fmt::format("hardheaded: exponent e must be positive, got {}", exponent_));
    }
    if (!std::isfinite(minimum_)) throw UsageError("hardheaded: min must be a number");
  }

  void Begin(const NegotiatorContext& context) override {
    profile_ = context.profile;
    party_count_ = context.party_count;
    const double discount = context.profile->discount_factor();
    discount_ = discount > 0.0 && discount <= 1.0 ? discount : 1.0;
    shared_list_ = HardHeadedBidList::Shared(context.profile->shared_utility_function());
    list_ = shared_list_.get();
    model_.Reset(*context.space);
    history_draws_ = JavaRandom(static_cast<std::int64_t>(DeriveSeed(context.seed, {100})));
    outcome_ = Outcome(context.space->issue_count());
    candidate_ = outcome_;
    best_utility_ = list_->size() ? Utility(list_->size() - 1) : 0.0;
    first_turn_ = true;
    queue_.clear();
    my_bids_.clear();
    lowest_yet_ = 1.0;
    opponent_best_.reset();
    opponent_best_utility_ = 0.0;
    opponent_best_entry_.reset();
    has_opponent_bid_ = false;
  }

  void Observe(const ObservedAction& action) override {
    if (action.type != ActionType::kOffer || !action.offer || action.party >= party_count_) return;
    has_opponent_bid_ = true;
    model_.Observe(*action.offer);
    const double utility = profile_->Utility(*action.offer);
    if (!opponent_best_ || utility > opponent_best_utility_) {
      opponent_best_ = *action.offer;
      opponent_best_utility_ = utility;
    }
    // The original looks its entry up on every offer; a bid without one keeps the old entry.
    if (const auto entry = list_->Find(*opponent_best_)) opponent_best_entry_ = entry;
  }

  ActionType Act(const TurnState& state, Outcome& proposal) override {
    const double target = Target(state.time);
    if (first_turn_) {
      first_turn_ = false;
      queue_.push_back(list_->size() - 1);
    } else if (queue_.empty()) {
      FillQueue(target);
    }
    if (has_opponent_bid_ && state.current_offer) {
      const double offered = state.current_offer_utility;
      if (offered > lowest_yet_ || Utility(queue_.front()) <= offered) return ActionType::kAccept;
    }
    const std::size_t next = queue_.front();
    queue_.pop_front();
    my_bids_.push_back(next);
    if (list_->key(next) < lowest_yet_) lowest_yet_ = Utility(next);
    list_->CopyOutcome(next, proposal);
    return ActionType::kOffer;
  }

 private:
  double Utility(std::size_t position) {
    list_->CopyOutcome(position, outcome_);
    return profile_->Utility(outcome_);
  }

  // The target p(t): from the best utility down to the minimum, conceding Ka at once and then
  // as t^(1/e); with a discount factor d below 0.9 the target stays above min + (best - min) d
  // until t = d (exponent e / d) and concedes the rest after it (exponent 30).
  double Target(double time) const {
    const double top = best_utility_;
    const double bottom = minimum_;
    const double step = discount_;
    if (step >= kIgnoreDiscountAbove) {
      const double conceded = kConcessionStart + (1 - kConcessionStart) * std::pow(time / step, 1.0 / exponent_);
      return bottom + (1 - conceded) * (top - bottom);
    }
    if (time <= step) {
      const double exponent = exponent_ / step;
      const double conceded = kConcessionStart + (1 - kConcessionStart) * std::pow(time / step, 1.0 / exponent);
      const double middle = bottom + std::abs(top - bottom) * step;
      return middle + (1 - conceded) * (top - middle);
    }
    const double conceded =
        kConcessionStart + (1 - kConcessionStart) * std::pow((time - step) / (1 - step), 1.0 / kLateExponent);
    const double middle = bottom + std::abs(top - bottom) * step;
    return bottom + (1 - conceded) * (middle - bottom);
  }

  // The next bids to offer: the entry below the last one offered and those within the tolerance
  // below it that reach the target; below the target, one of its own earlier bids at random.
  // More than four candidates: the five the opponent model values most, one at a time. The
  // candidates sit in a java.util.TreeMap, as in the original, and a pick that is one of its
  // entries (not the snapshot of its last) changes when removing it copies its successor in: the
  // queue keeps what the entries hold once the picking is done. The opponent's best bid goes
  // first when it is worth more to itself than the head of the queue.
  void FillQueue(double target) {
    const std::size_t last = my_bids_.back();
    const std::size_t first = last > 0 ? last - 1 : 0;
    candidates_.Clear();
    candidates_.Put(list_->key(first), first);
    if (list_->key(first) < target) {
      const auto count = static_cast<double>(my_bids_.size());
      const std::size_t drawn = my_bids_[static_cast<std::size_t>(std::floor(count * history_draws_.NextDouble()))];
      candidates_.Remove(list_->key(first));
      candidates_.Put(list_->key(drawn), drawn);
    }
    const double first_key = list_->key(first);
    for (std::size_t below = first; below > 0; --below) {
      const double key = list_->key(below - 1);
      if (!(first_key - key < kUtilityTolerance && key >= target)) break;
      candidates_.Put(key, below - 1);
    }
    if (candidates_.size() <= kTopSelectedBids) {
      for (int node = candidates_.First(); node != Candidates::kNone; node = candidates_.Next(node)) {
        queue_.push_back(candidates_.value(node));
      }
    } else {
      picks_.clear();
      // The candidates are the entries first - k .. first; the model does not change while the
      // queue is filled, so each is scored once.
      lowest_candidate_ = candidates_.value(candidates_.First());
      scores_.resize(first + 1 - lowest_candidate_);
      for (std::size_t position = lowest_candidate_; position <= first; ++position) {
        scores_[position - lowest_candidate_] = Score(position);
      }
      for (std::size_t added = 0; added <= kTopSelectedBids; ++added) {
        // The last entry (a snapshot) unless an entry, in ascending key order, scores strictly more.
        Pick best{Candidates::kNone, candidates_.value(candidates_.Last())};
        double best_score = CachedScore(best.position);
        for (int node = candidates_.First(); node != Candidates::kNone; node = candidates_.Next(node)) {
          const double score = CachedScore(candidates_.value(node));
          if (score > best_score) {
            best = {node, candidates_.value(node)};
            best_score = score;
          }
        }
        picks_.push_back(best);
        candidates_.Remove(list_->key(best.position));
      }
      for (const Pick& pick : picks_) {
        queue_.push_back(pick.node == Candidates::kNone ? pick.position : candidates_.value(pick.node));
      }
    }
    if (opponent_best_entry_ && list_->key(queue_.front()) < list_->key(*opponent_best_entry_)) {
      queue_.push_front(*opponent_best_entry_);
    }
  }

  // The opponent model's estimate of the bid at `position` (the model does not change while the
  // queue is filled).
  double Score(std::size_t position) {
    list_->CopyOutcome(position, candidate_);
    return model_.Utility(candidate_);
  }

  double CachedScore(std::size_t position) const { return scores_[position - lowest_candidate_]; }

  using Candidates = JavaTreeMap<std::size_t>;
  struct Pick {
    int node;              // the tree's entry, or kNone for a snapshot
    std::size_t position;  // the snapshot's bid
  };

  double exponent_;
  double minimum_;
  const Profile* profile_ = nullptr;
  std::size_t party_count_ = 0;
  double discount_ = 1.0;
  std::shared_ptr<const HardHeadedBidList> shared_list_;
  const HardHeadedBidList* list_ = nullptr;
  double best_utility_ = 0.0;
  HardHeadedOpponentModel model_;
  JavaRandom history_draws_{0};
  Outcome outcome_, candidate_;
  bool first_turn_ = true;
  std::deque<std::size_t> queue_;
  std::vector<std::size_t> my_bids_;
  Candidates candidates_;
  std::vector<Pick> picks_;
  std::vector<double> scores_;  // of candidates lowest_candidate_ .. first
  std::size_t lowest_candidate_ = 0;
  double lowest_yet_ = 1.0;
  std::optional<Outcome> opponent_best_;
  double opponent_best_utility_ = 0.0;
  std::optional<std::size_t> opponent_best_entry_;
  bool has_opponent_bid_ = false;
};

const bool kRegistered = NegotiatorRegistry::Add(
    {"hardheaded",
     "HardHeaded (ANAC 2011 winner), as GENIUS's KLH: walks down its own bid list under a very Boulware target, "
     "the frequency opponent model picks among near-equal bids, accepts offers better than its lowest offer so far "
     "or at least as good as its next.",
     {{"e", "0.05", "concession exponent: the target concedes as t^(1/e)"},
      {"min", "0.585", "the utility the target concedes to at the deadline"}},
     [](const Spec& spec) { return std::make_unique<HardHeaded>(spec.GetDouble("e"), spec.GetDouble("min")); }});

}  // namespace
}  // namespace parley
