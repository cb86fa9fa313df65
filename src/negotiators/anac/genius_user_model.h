// GENIUS's user model (genius.core.uncertainty.UserModel with its BidRanking) as the ANAC 2019 agents
// read it: the ranked bids, worst first, and the true utilities of the worst and best of them.
// Built from what a party knows of its own preferences (NegotiatorContext::known); nullopt with
// full information, where GENIUS gives an agent no user model. GENIUS's user models are rankings
// with both utilities given: partial preferences that are not (a partial order, a ranking without
// its utilities) throw std::runtime_error naming `agent`, which the protocol records as its fault.
#ifndef PARLEY_NEGOTIATORS_ANAC_GENIUS_USER_MODEL_H_
#define PARLEY_NEGOTIATORS_ANAC_GENIUS_USER_MODEL_H_

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "parley/negotiator.h"
#include "parley/outcome_space.h"
#include "parley/partial_preferences.h"

namespace parley {

struct GeniusBidRanking {
  std::vector<Outcome> worst_first;
  double low_utility = 0.0;   // BidRanking.getLowUtility
  double high_utility = 1.0;  // BidRanking.getHighUtility
};

inline std::optional<GeniusBidRanking> GeniusBidRankingOf(const NegotiatorContext& context, std::string_view agent) {
  if (context.known == nullptr) return std::nullopt;
  const PartialPreferences& known = *context.known;
  if (!known.IsRanking()) {
    throw std::runtime_error(std::string(agent) +
                             " needs a ranking of outcomes (GENIUS's user model), not a partial order");
  }
  if (!known.low_utility() || !known.high_utility()) {
    throw std::runtime_error(
        std::string(agent) +
        " needs the utilities of the worst and best ranked outcomes (GENIUS's user model gives them)");
  }
  GeniusBidRanking ranking;
  for (std::size_t position : known.WorstFirst()) ranking.worst_first.push_back(known.outcomes()[position]);
  ranking.low_utility = *known.low_utility();
  ranking.high_utility = *known.high_utility();
  return ranking;
}

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_GENIUS_USER_MODEL_H_
