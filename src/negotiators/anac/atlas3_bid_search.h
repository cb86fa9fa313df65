// The bid searches of GENIUS's Atlas3 (agents.anac.y2015.Atlas3.etc.bidSearch) and of the agent
// built on the same sample code, kawaii (agents.anac.y2015.fairy.bidSearch): a first search for
// the best bid by simulated annealing, then, for a target, a walk down from the best bid by
// values' relative utilities while the space looks linear and simulated annealing once it has
// failed, or random bids when a real issue is present. Draw for draw as the originals, from one
// generator standing for their unseeded ones (free_random()).
// Not thread-safe: one instance per negotiator. The searches write into caller buffers and
// allocate only while collecting the annealing's candidates.
#ifndef PARLEY_NEGOTIATORS_ANAC_ATLAS3_BID_SEARCH_H_
#define PARLEY_NEGOTIATORS_ANAC_ATLAS3_BID_SEARCH_H_

#include <cstdint>
#include <vector>

#include "common/java_random.h"
#include "parley/outcome_space.h"
#include "parley/scenario.h"

namespace parley {

class Atlas3BidSearch {
 public:
  // Sets up for one negotiation and runs the first search for the best bid (drawing from
  // `free_seed`'s generator), then the relative utilities of every value against that bid.
  void Begin(const Profile& profile, const OutcomeSpace& space, std::int64_t free_seed);

  // The value search over issue `issue` tries: ValueCount(issue) of them (0 for a real issue).
  std::uint64_t ValueCount(std::size_t issue) const { return values_[issue]; }
  double Value(std::size_t issue, std::uint64_t index) const { return space_->issue(issue).ValueAt(index); }
  bool has_real_issue() const { return has_real_issue_; }
  // The searches' issue list, which the relative-utility walk shuffles in place.
  const std::vector<std::size_t>& issue_order() const { return issue_order_; }
  const Outcome& max_bid() const { return max_bid_; }
  // The utility lost by putting value `index` into the first best bid at issue `issue`.
  double RelativeUtility(std::size_t issue, std::uint64_t index) const { return relative_utility_[issue][index]; }
  JavaRandom& free_random() { return free_random_; }

  // Every bid a search evaluates that is at least as good as the best so far becomes the best.
  void NoteCandidateForMax(const Outcome& bid, double utility);

  // getBidbyAppropriateSearch: the relative-utility walk while the space looks linear, simulated
  // annealing (from `base` once the walk has failed) otherwise; `bid` keeps the walk's or `base`'s
  // value when the annealing finds nothing at or above `threshold`.
  void AppropriateSearch(const Outcome& base, double threshold, Outcome& bid);
  // getBid of the agents that use nothing else: random bids when a real issue is present, else
  // AppropriateSearch from `base`; the best bid when the result falls short of `threshold`.
  void BidAtThreshold(const Outcome& base, double threshold, Outcome& bid);
  // Random bids on GENIUS's grid until one reaches the threshold (at most kRandomSearchTries, then
  // the best drawn).
  void RandomSearch(double threshold, Outcome& bid);
  void RelativeUtilitySearch(double threshold, Outcome& bid);
  // Returns false where the original throws (an issue without values: a real issue).
  bool SimulatedAnnealing(const Outcome& base, double threshold, Outcome& bid);

 private:
  static constexpr int kRandomSearchTries = 100000;
  static constexpr int kMaxBidSearches = 100;
  // Simulated annealing: temperature from 1 down to 1e-4, cooled by 0.999 a step.
  static constexpr double kStartTemperature = 1.0;
  static constexpr double kEndTemperature = 0.0001;
  static constexpr double kCooling = 0.999;

  double U(const Outcome& bid) const { return profile_->Utility(bid); }
  void FindMaxBid();

  const Profile* profile_ = nullptr;
  const OutcomeSpace* space_ = nullptr;
  std::size_t issues_ = 0;
  JavaRandom free_random_{0};
  double reservation_ = 0.0;
  bool has_real_issue_ = false;
  std::vector<std::uint64_t> values_;  // per issue, how many values the searches try (0: real)
  std::vector<std::size_t> issue_order_;
  std::vector<std::vector<double>> relative_utility_;  // per issue and value, against the first best bid
  Outcome max_bid_;
  double max_bid_utility_ = 0.0;
  bool linear_ = true;

  Outcome work_, start_, neighbour_;
  std::vector<std::uint64_t> shuffled_values_;
};

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_ATLAS3_BID_SEARCH_H_
