// Gahboninho's model of its opponent (agents.anac.y2011.Gahboninho.OpponnentModel, ANAC 2011), as
// GENIUS 9.1.10 runs it. Per issue it counts how often the opponent offered each value, giving the
// first value offered a bonus that grows with the number of offers; an issue whose offers spread
// little over the values (ranked by those counts) weighs more. The opponent's utility of a bid is
// the weighted sum, over the issues, of each value's count relative to the most counted one.
// Integer and real issues are cut into 21 bins; their "utility" is the closeness to whichever
// bound the first offer was nearer.
//
// The arithmetic follows the original operation for operation (its sums in the same order, its
// integer divisions and casts), so that equal inputs give equal doubles. Not thread-safe; one
// instance per negotiator. Learn() allocates only the first time it sees a bid.
#ifndef PARLEY_NEGOTIATORS_ANAC_GAHBONINHO_OPPONENT_MODEL_H_
#define PARLEY_NEGOTIATORS_ANAC_GAHBONINHO_OPPONENT_MODEL_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
#include <utility>
#include <vector>

#include "parley/outcome_space.h"

namespace parley {

// Java's (int) cast of a double: truncation, NaN to 0, saturating at the int range.
inline std::int32_t JavaIntCast(double x) {
  if (std::isnan(x)) return 0;
  if (x >= 2147483647.0) return std::numeric_limits<std::int32_t>::max();
  if (x <= -2147483648.0) return std::numeric_limits<std::int32_t>::min();
  return static_cast<std::int32_t>(x);
}

class GahboninhoOpponentModel {
 public:
  void Reset(const OutcomeSpace& space) {
    space_ = &space;
    issues_.assign(space.issue_count(), IssueModel{});
    for (std::size_t i = 0; i < space.issue_count(); ++i) {
      const Issue& issue = space.issue(i);
      IssueModel& model = issues_[i];
      model.discrete = issue.kind() == IssueKind::kDiscrete;
      if (model.discrete) {
        model.counts.assign(issue.cardinality(), 0);
      } else {
        model.counts.assign(kBins, 0);
        model.lower = issue.lower();
        model.upper = issue.upper();
      }
    }
    seen_.clear();
  }

  // Learns from an offer of the opponent; an offer seen before teaches nothing. Where the
  // original throws (a numeric value outside its 21 bins, as happens when the lower bound is
  // negative), the issues after it and the weights stay as they were, as in GENIUS.
  void Learn(const Outcome& bid) {
    if (!seen_.insert(bid.values()).second) return;
    // An issue with no spread is worth this many units of the least spread one.
    constexpr double kZeroSpreadUnits = 3;
    double total = 0.0;
    double least = std::numeric_limits<double>::max();
    int zero_spread = 0;
    for (std::size_t i = 0; i < issues_.size(); ++i) {
      IssueModel& model = issues_[i];
      if (!(model.discrete ? model.UpdateDiscrete(bid[i]) : model.UpdateNumeric(bid[i]))) return;
      total += model.spread;
      if (model.spread == 0) {
        ++zero_spread;
      } else {
        least = std::min(model.spread, least);
      }
    }
    total /= least * (1.0 / kZeroSpreadUnits);
    total += zero_spread;
    double weight_sum = 0.0;
    if (total != zero_spread) {
      const double unit = least / kZeroSpreadUnits;
      for (std::size_t i = issues_.size(); i-- > 0;) {
        issues_[i].weight = issues_[i].spread == 0 ? 1 : unit / issues_[i].spread;
        weight_sum += issues_[i].weight;
      }
    }
    for (std::size_t i = issues_.size(); i-- > 0;) {
      if (total == zero_spread) {
        issues_[i].weight = 1.0 / static_cast<double>(issues_.size());
      } else {
        issues_[i].weight /= weight_sum;
      }
    }
  }

  // The opponent's estimated utility of `bid` (0 before the first offer learnt).
  double Utility(const double* bid) const {
    double sum = 0.0;
    for (std::size_t i = 0; i < issues_.size(); ++i) sum += issues_[i].weight * issues_[i].Expected(bid[i]);
    return sum;
  }

 private:
  static constexpr int kBins = 21;

  struct IssueModel {
    bool discrete = true;
    double weight = 0.0;  // 0 until the first offer, as the original's unset field
    double spread = 0.0;  // the original's normalised (rank) variance
    std::vector<int> counts;
    // Discrete issues.
    int updates = 0;
    int first = -1;
    int most = 1;
    std::vector<std::pair<int, int>> by_importance;  // scratch
    // Numeric issues.
    double lower = 0.0, upper = 0.0;
    double best_end = 0.0;  // the bound the first offer was nearer
    bool first_seen = false;
    double bin_sum = 0.0;
    int offers = 0;

    int Importance(int option) const {
      const int bonus = updates / static_cast<int>(counts.size());
      return option == first ? counts[option] + bonus : counts[option];
    }

    bool UpdateDiscrete(double value) {
      ++updates;
      const int option = static_cast<int>(value);
      if (first == -1) first = option;
      ++counts[option];
      // Options ranked by importance, least important first; of options equally important only
      // the last one is ranked (the original keys a sorted map by importance).
      by_importance.clear();
      most = 0;
      int total = 0;
      for (int k = 0; k < static_cast<int>(counts.size()); ++k) {
        const int importance = Importance(k);
        most = std::max(most, importance);
        by_importance.emplace_back(importance, k);
        total += importance;
      }
      std::stable_sort(by_importance.begin(), by_importance.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      std::size_t kept = 0;
      for (std::size_t k = 0; k < by_importance.size(); ++k) {
        if (k + 1 < by_importance.size() && by_importance[k + 1].first == by_importance[k].first) continue;
        by_importance[kept++] = by_importance[k];
      }
      by_importance.resize(kept);
      double average_rank = 0.0;
      int rank = 0;
      for (const auto& entry : by_importance) average_rank += rank++ * static_cast<double>(Importance(entry.second));
      average_rank /= total;
      spread = 0.0;
      rank = 0;
      const auto options = static_cast<double>(counts.size());
      for (const auto& entry : by_importance) {
        const double distance = (average_rank - rank++) / options;
        spread += counts[entry.second] * (distance * distance);
      }
      spread /= total;
      return true;
    }

    bool UpdateNumeric(double value) {
      ++offers;
      if (!first_seen) {
        first_seen = true;
        best_end = (upper - value) >= (value - lower) ? upper : lower;
      }
      const std::int32_t bin = JavaIntCast((value - lower) / (upper / (kBins - 1)));
      if (bin < 0 || bin >= kBins) return false;
      ++counts[bin];
      bin_sum += bin;
      const double average_bin = bin_sum / offers;
      spread = 0.0;
      for (int k = 0; k < kBins; ++k) {
        const double distance = (average_bin - k) / (kBins - 1);
        spread += static_cast<double>(counts[k]) * distance * distance;
      }
      return true;
    }

    double Expected(double value) const {
      if (discrete) return static_cast<double>(Importance(static_cast<int>(value))) / most;
      return std::min(1.0, std::max(0.0, 1 - std::abs(value - best_end)));
    }
  };

  const OutcomeSpace* space_ = nullptr;
  std::vector<IssueModel> issues_;
  std::set<std::vector<double>> seen_;
};

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_GAHBONINHO_OPPONENT_MODEL_H_
