// AgentGG (ANAC 2019 winner), as GENIUS 9.1.10 runs it: the parts of
// agents.anac.y2019.agentgg.{AgentGG, ImpMap, impUnit} that decide what it offers and accepts,
// declared here so that tests can check them by hand; the negotiator itself is in agentgg.cc.
//
// Its "importance" of a value is the mean position (1 = worst) of the ranked bids holding it, and
// a bid's importance the sum over its issues; it never reads its estimated utility function.
// Discrete issues only. Not thread-safe; one instance per negotiator.
#ifndef PARLEY_NEGOTIATORS_ANAC_AGENTGG_H_
#define PARLEY_NEGOTIATORS_ANAC_AGENTGG_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "parley/outcome_space.h"

namespace parley {

// The original's ImpMap: per issue, its values with a running sum of weights and a count, and the
// importance (the mean, or for the opponent's map the count of offers) used to rank them.
class AgentGGImportanceMap {
 public:
  // An empty map (every importance 0, values in the domain's order) over a space of discrete issues.
  explicit AgentGGImportanceMap(const OutcomeSpace& space);

  // ImpMap.self_update: the ranked bids, worst first, weigh 1, 2, ...; each value's importance is
  // the mean weight of the bids holding it (0 if none); each issue's values are sorted by it,
  // most important first (a stable sort); then the least of the issues' smallest importances is
  // subtracted from every importance.
  void LearnRanking(const std::vector<Outcome>& worst_first);
  // ImpMap.opponent_update: each value of the offer gains 1. (The original also re-sorts each
  // issue's values, an order nothing reads for this map; the port leaves it.)
  void LearnOffer(const Outcome& offer);

  // ImpMap.getImportance: the sum, in issue order, of the importances of the bid's values.
  double Importance(const Outcome& bid) const;
  // The value ranked first / last of `issue` (the original's MAX and MIN importance bids).
  double FirstValue(std::size_t issue) const { return units_[issue].front().value; }
  double LastValue(std::size_t issue) const { return units_[issue].back().value; }
  double ValueImportance(std::size_t issue, double value) const;

 private:
  struct Unit {
    double value = 0.0;           // Outcome's encoding: the value's position in the issue
    std::int32_t weight_sum = 0;  // Java ints: they wrap past 2^31 as the original's do
    std::int32_t count = 0;
    double importance = 0.0;
  };
  void SortIssues();
  void Tabulate();

  std::vector<std::vector<Unit>> units_;
  std::vector<std::vector<double>> by_value_;  // importance by issue and value position, for Importance()
};

// The median importance as the original computes it: meant to be the ranking's median bid, it
// counts bids from 1 against a 0-based median index, so it reads the bid before the median (and
// with an even count the average of that bid and the next; with one bid, none: 0).
double AgentGGMedianImportance(const AgentGGImportanceMap& map, const std::vector<Outcome>& worst_first);

// The lower threshold (as a ratio of the importance range) at time t, given the estimated Nash
// ratio and the reservation ratio; the upper threshold is 0.1 above it.
double AgentGGLowerThreshold(double t, double nash, double reservation_ratio);

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_AGENTGG_H_
