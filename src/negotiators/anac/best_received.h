// Shared by HardHeaded and CUHKAgent: the best offer received so far, and the rule both apply
// when bidding — offer that outcome back when it already reaches the target, since nothing
// better for oneself can be expected to be accepted; otherwise choose near the target.
#ifndef PARLEY_NEGOTIATORS_ANAC_BEST_RECEIVED_H_
#define PARLEY_NEGOTIATORS_ANAC_BEST_RECEIVED_H_

#include <cmath>

#include "negotiators/boa/near_target.h"

namespace parley {

class BestReceived {
 public:
  void Reset(std::size_t issue_count) {
    outcome_ = Outcome(issue_count);
    utility_ = -INFINITY;
  }
  void Observe(const Outcome& offer, double utility) {
    if (utility > utility_) {
      utility_ = utility;
      outcome_ = offer;  // same size: no allocation
    }
  }
  double utility() const { return utility_; }

  // Writes the next offer for `target` into `proposal` and returns its utility.
  double Bid(double target, const NearTarget& near, const OwnRanking& own, const OpponentModel& model,
             Outcome& proposal, Outcome& scratch) const {
    if (utility_ >= target) {
      proposal = outcome_;
      return utility_;
    }
    return near.Choose(own, model, target, proposal, scratch);
  }

 private:
  Outcome outcome_;
  double utility_ = -INFINITY;
};

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_BEST_RECEIVED_H_
