// Atlas3's bid searches, shared by the atlas3 and kawaii ports; see atlas3_bid_search.h and
// docs/strategies.md#atlas3--atlas3-anac-2015-multilateral.
#include "negotiators/anac/atlas3_bid_search.h"

#include <algorithm>
#include <cmath>

#include "common/genius_shuffle.h"
#include "negotiators/anac/genius_random_bid.h"

namespace parley {

void Atlas3BidSearch::Begin(const Profile& profile, const OutcomeSpace& space, std::int64_t free_seed) {
  profile_ = &profile;
  space_ = &space;
  issues_ = space.issue_count();
  free_random_ = JavaRandom(free_seed);
  reservation_ = profile.reservation_value();
  values_.assign(issues_, 0);
  has_real_issue_ = false;
  for (std::size_t i = 0; i < issues_; ++i) {
    const Issue& issue = space.issue(i);
    if (issue.countable()) {
      values_[i] = issue.cardinality();
    } else {
      has_real_issue_ = true;
    }
  }
  issue_order_.resize(issues_);
  for (std::size_t i = 0; i < issues_; ++i) issue_order_[i] = i;
  work_ = start_ = neighbour_ = Outcome(issues_);
  linear_ = true;
  FindMaxBid();
  relative_utility_.assign(issues_, {});
  for (std::size_t i = 0; i < issues_; ++i) {
    work_ = max_bid_;
    for (std::uint64_t v = 0; v < ValueCount(i); ++v) {
      work_[i] = Value(i, v);
      relative_utility_[i].push_back(U(work_) - max_bid_utility_);
    }
  }
}

void Atlas3BidSearch::NoteCandidateForMax(const Outcome& bid, double utility) {
  if (utility >= max_bid_utility_) {
    max_bid_ = bid;
    max_bid_utility_ = utility;
  }
}

// Domain.getRandomBid with an unseeded generator, then one annealing towards utility 1 per issue
// (stopping at a bid worth exactly 1), repeated while the best bid is worth less than the
// reservation value (at most kMaxBidSearches times: the original never ends then).
void Atlas3BidSearch::FindMaxBid() {
  max_bid_ = Outcome(issues_);
  GeniusDomainRandomBid(*space_, free_random_, max_bid_);
  max_bid_utility_ = U(max_bid_);
  for (std::size_t n = 0; n < issues_; ++n) {
    bool completed = true;
    for (int search = 0; completed && search < kMaxBidSearches; ++search) {
      start_ = max_bid_;
      completed = SimulatedAnnealing(start_, 1.0, work_);
      if (max_bid_utility_ >= reservation_) break;
    }
    if (completed && max_bid_utility_ == 1.0) break;
  }
}

void Atlas3BidSearch::BidAtThreshold(const Outcome& base, double threshold, Outcome& bid) {
  if (has_real_issue_) {
    RandomSearch(threshold, bid);
    return;
  }
  AppropriateSearch(base, threshold, bid);
  if (U(bid) < threshold) bid = max_bid_;
}

void Atlas3BidSearch::AppropriateSearch(const Outcome& base, double threshold, Outcome& bid) {
  if (linear_) {
    RelativeUtilitySearch(threshold, bid);
    if (U(bid) < threshold) linear_ = false;
  } else {
    bid = base;
  }
  if (!linear_) {
    start_ = bid;
    if (SimulatedAnnealing(start_, threshold, work_)) {
      const double u = U(work_);
      if (u <= 1.0 && u >= threshold) bid = work_;
    }
  }
}

void Atlas3BidSearch::RandomSearch(double threshold, Outcome& bid) {
  GeniusAgentRandomBidReaching(*space_, *profile_, free_random_, threshold, kRandomSearchTries, bid, work_);
}

// From the best bid, issue by issue in a shuffled order, the first value in a shuffled order that
// keeps the total loss within 1 - threshold (assuming the best bid is worth 1).
void Atlas3BidSearch::RelativeUtilitySearch(double threshold, Outcome& bid) {
  bid = max_bid_;
  const double allowed = threshold - 1.0;
  double conceded = 0.0;
  JavaShuffle(issue_order_, free_random_);
  for (std::size_t issue : issue_order_) {
    shuffled_values_.resize(ValueCount(issue));
    for (std::uint64_t v = 0; v < ValueCount(issue); ++v) shuffled_values_[v] = v;
    JavaShuffle(shuffled_values_, free_random_);
    for (std::uint64_t v : shuffled_values_) {
      const double relative = relative_utility_[issue][v];
      if (allowed <= conceded + relative) {
        bid[issue] = Value(issue, v);
        conceded += relative;
        break;
      }
    }
  }
}

// Simulated annealing towards utility `threshold`: one random value change a step, kept when it
// gets closer or with probability exp(-|change of distance| / temperature); the result is a random
// one of the least good bids met at or above the threshold, or `base` when none was.
bool Atlas3BidSearch::SimulatedAnnealing(const Outcome& base, double threshold, Outcome& bid) {
  Outcome& current = bid;
  current = base;
  double current_utility = U(base);
  std::vector<Outcome> targets;
  double target_utility = 0.0;
  for (double temperature = kStartTemperature; temperature > kEndTemperature; temperature *= kCooling) {
    neighbour_ = current;
    const std::size_t issue = issue_order_[free_random_.NextInt(static_cast<std::int32_t>(issues_))];
    if (ValueCount(issue) == 0) return false;
    const auto count = static_cast<std::int32_t>(std::min<std::uint64_t>(ValueCount(issue), 2147483647));
    neighbour_[issue] = Value(issue, static_cast<std::uint64_t>(free_random_.NextInt(count)));
    const double next_utility = U(neighbour_);
    NoteCandidateForMax(neighbour_, next_utility);
    const double next_cost = std::abs(threshold - next_utility);
    const double current_cost = std::abs(threshold - current_utility);
    const double p = std::exp(-std::abs(next_cost - current_cost) / temperature);
    if (next_cost < current_cost || p > free_random_.NextDouble()) {
      current = neighbour_;
      current_utility = next_utility;
    }
    if (current_utility >= threshold) {
      if (targets.empty() || current_utility < target_utility) {
        targets.clear();
        targets.push_back(current);
        target_utility = current_utility;
      } else if (current_utility == target_utility) {
        targets.push_back(current);
      }
    }
  }
  if (targets.empty()) {
    bid = base;
  } else {
    bid = targets[free_random_.NextInt(static_cast<std::int32_t>(targets.size()))];
  }
  return true;
}

}  // namespace parley
