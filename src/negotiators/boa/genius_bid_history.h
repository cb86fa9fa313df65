// Shared by the GENIUS acceptance conditions (genius_*_acceptance.cc): what GENIUS's
// NegotiationSession remembers of the bids, as its BOA agent fills it. The opponents' offers are
// kept with the time at which they were received and their own undiscounted utility (GENIUS's
// opponent BidHistory); the negotiator's own offers only as the utility of the latest (its own
// BidHistory's last bid). With several opponents every opponent's offer joins the one history.
#ifndef PARLEY_NEGOTIATORS_BOA_GENIUS_BID_HISTORY_H_
#define PARLEY_NEGOTIATORS_BOA_GENIUS_BID_HISTORY_H_

#include <algorithm>
#include <limits>
#include <optional>
#include <vector>

#include "parley/negotiator.h"

namespace parley {

class GeniusBidHistory {
 public:
  struct Received {
    double time;
    double utility;
  };

  void Reset(const NegotiatorContext& context) {
    party_ = context.party;
    received_.clear();
    own_latest_.reset();
    best_ = -std::numeric_limits<double>::infinity();
  }

  // Every action the acceptance condition observes, its own negotiator's offers included.
  void Record(const ObservedAction& action) {
    if (action.type != ActionType::kOffer) return;
    if (action.party == party_) {
      own_latest_ = action.offer_utility;
    } else {
      received_.push_back({action.time, action.offer_utility});
      best_ = std::max(best_, action.offer_utility);
    }
  }

  const std::vector<Received>& received() const { return received_; }
  // The utility of the negotiator's own latest offer; empty before its first.
  const std::optional<double>& own_latest() const { return own_latest_; }

  // BidHistory.getBestBidDetails: the greatest utility received (-infinity when none), kept as
  // offers arrive so that a turn does not walk the whole history.
  double Best() const { return best_; }

  // BidHistory.filterBetweenTime(from, to): offers received in (from, to] whose utility lies in
  // (0, 1.1], the utility bounds GENIUS's filter always applies. Visits each in order.
  template <typename Visit>
  void ForEachBetween(double from, double to, Visit&& visit) const {
    for (const Received& r : received_) {
      if (0.0 < r.utility && r.utility <= 1.1 && from < r.time && r.time <= to) visit(r);
    }
  }

 private:
  std::size_t party_ = 0;
  std::vector<Received> received_;
  std::optional<double> own_latest_;
  double best_ = -std::numeric_limits<double>::infinity();
};

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_BOA_GENIUS_BID_HISTORY_H_
