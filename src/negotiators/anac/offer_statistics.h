// Shared by AgentK and Atlas3: running statistics of the utilities (to oneself) of the offers an
// opponent makes, and the estimate of the most it can be expected to concede that Kawaguchi,
// Fujita & Ito derive from them ("AgentK: Compromising strategy based on estimated maximum
// utility for automated negotiating agents", ANAC 2010 chapter, 2012).
//
// If the opponent's offers were spread uniformly, their width would be sqrt(12) times their
// standard deviation; the estimated maximum is the mean moved that fraction of the way towards
// the best utility: emax = mean + (best - mean) * min(1, sqrt(12 * variance)).
#ifndef PARLEY_NEGOTIATORS_ANAC_OFFER_STATISTICS_H_
#define PARLEY_NEGOTIATORS_ANAC_OFFER_STATISTICS_H_

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace parley {

class OfferStatistics {
 public:
  void Reset() { *this = OfferStatistics(); }
  void Add(double utility) {
    ++count_;
    sum_ += utility;
    sum_of_squares_ += utility * utility;
  }

  std::size_t count() const { return count_; }
  double mean() const { return count_ ? sum_ / static_cast<double>(count_) : 0.0; }
  // Population variance (the offers seen are the whole sample).
  double variance() const {
    if (count_ == 0) return 0.0;
    const double m = mean();
    return std::max(0.0, sum_of_squares_ / static_cast<double>(count_) - m * m);
  }
  // Width of a uniform distribution with this variance, capped at 1 (a utility range).
  double width() const { return std::min(1.0, std::sqrt(12.0 * variance())); }
  double EstimatedMax(double best) const {
    const double m = mean();
    return std::min(best, m + (best - m) * width());
  }

 private:
  std::size_t count_ = 0;
  double sum_ = 0.0;
  double sum_of_squares_ = 0.0;
};

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_OFFER_STATISTICS_H_
