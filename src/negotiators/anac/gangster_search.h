// The genetic search of Gangster (ANAC 2014; agents.anac.y2014.Gangster.GenAlg in GENIUS 9.1.10),
// for the port in gangster.cc: a global search over the whole space, whose random bids deal each
// issue's values out without replacement until all have been dealt, and a local search among bids
// within a Manhattan distance of the opponent's latest offer. Each keeps the ten best distinct bids
// of a generation, breeds them pairwise and with one fresh random bid, and stops after ten
// generations or as soon as fewer than ten distinct bids survive, then answering the survivors of
// the generation before (of the previous search, if that was the first).
// Integer issues only. Not thread-safe; draws from the JavaRandom it is given.
#ifndef PARLEY_NEGOTIATORS_ANAC_GANGSTER_SEARCH_H_
#define PARLEY_NEGOTIATORS_ANAC_GANGSTER_SEARCH_H_

#include <vector>

#include "common/java_random.h"
#include "negotiators/anac/genius_priority_queue.h"
#include "parley/outcome_space.h"
#include "parley/scenario.h"

namespace parley {

// Thrown where the original throws out of its turn (which its turn catches).
struct GangsterFailure {};
// Thrown where the original would loop for ever: every issue of a local step is stuck at a bound.
struct GangsterStuck {};

struct GangsterSample {
  Outcome bid;
  double utility = 0.0;
};

// Sum over the issues of the absolute difference of the two bids' values.
int ManhattanDistance(const Outcome& a, const Outcome& b);

class GangsterSearch {
 public:
  // False when an issue is not an integer issue (the original cannot be built then).
  bool Reset(const OutcomeSpace& space, const Profile& profile, JavaRandom& random);

  // The bids found; the reference stays valid until the next search.
  const std::vector<GangsterSample>& Global() { return Run(nullptr, 0); }
  const std::vector<GangsterSample>& Local(const Outcome& latest, int max_distance) {
    return Run(&latest, max_distance);
  }

 private:
  struct ByUtility {  // BidDetails' natural order: the best first
    int operator()(const GangsterSample& a, const GangsterSample& b) const {
      return a.utility < b.utility ? 1 : (a.utility > b.utility ? -1 : 0);
    }
  };

  const std::vector<GangsterSample>& Run(const Outcome* latest, int max_distance);
  void KeepSurvivors();
  GangsterSample Sample(const Outcome* latest, int max_distance);
  void DealtBid(Outcome& bid);
  void NearBid(const Outcome& reference, int max_distance, Outcome& bid);
  void CrossOver(const GangsterSample& a, const GangsterSample& b);
  void CrossOverNear(const Outcome& reference, int max_distance, const GangsterSample& a, const GangsterSample& b);
  GangsterSample Rated(Outcome bid) const;

  const OutcomeSpace* space_ = nullptr;
  const Profile* profile_ = nullptr;
  JavaRandom* random_ = nullptr;
  std::size_t issues_ = 0;
  // The values still to deal and those dealt, per issue; the two swap roles when the first issue's
  // values are all dealt.
  std::vector<std::vector<int>> to_deal_;
  std::vector<std::vector<int>> dealt_;
  GeniusPriorityQueue<GangsterSample, ByUtility> generation_;
  std::vector<GangsterSample> offspring_;
  std::vector<GangsterSample> survivors_;
  std::vector<GangsterSample> new_survivors_;
};

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_GANGSTER_SEARCH_H_
