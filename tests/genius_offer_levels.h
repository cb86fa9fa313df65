// For ports of GENIUS agents whose bids are random in GENIUS: how good the port's own offers are,
// to itself, when it answers the other party's recorded offers at each of its recorded turns, set
// beside how good the original's recorded offers were. The port's actions are not shown to the
// other party (whose actions are the record's), so the session is followed to its recorded end
// whatever the port does; an acceptance where the record goes on is counted and the port asked
// again at its next turn. Test-only, header-only; bilateral traces.
#ifndef PARLEY_TESTS_GENIUS_OFFER_LEVELS_H_
#define PARLEY_TESTS_GENIUS_OFFER_LEVELS_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "genius_recorded_offers.h"
#include "genius_trace.h"
#include "parley/negotiator.h"

namespace parley::testing {

struct OfferLevels {
  std::vector<double> utilities;  // of the party's offers in turn order, to itself, undiscounted
  double mean_utility = 0.0;
  int offers = 0;
  int acceptances = 0;

  // The mean utility of the offers in each window of `width` consecutive offers (a last window
  // shorter than half of that joins the one before).
  std::vector<double> WindowMeans(std::size_t width) const {
    std::vector<double> means;
    std::vector<std::size_t> sizes;
    for (std::size_t start = 0; start < utilities.size(); start += width) {
      const std::size_t end = std::min(utilities.size(), start + width);
      double sum = 0.0;
      for (std::size_t i = start; i < end; ++i) sum += utilities[i];
      if (!means.empty() && 2 * (end - start) < width) {
        means.back() =
            (means.back() * static_cast<double>(sizes.back()) + sum) / static_cast<double>(sizes.back() + end - start);
        sizes.back() += end - start;
      } else {
        means.push_back(sum / static_cast<double>(end - start));
        sizes.push_back(end - start);
      }
    }
    return means;
  }
};

// The record's own figures for `party`.
inline OfferLevels RecordedOfferLevels(const GeniusTrace& trace, std::size_t party) {
  OfferLevels levels;
  for (const auto& action : trace.actions) {
    if (action.agent != party) continue;
    if (action.action == ActionType::kAccept) ++levels.acceptances;
    if (action.action != ActionType::kOffer) continue;
    levels.mean_utility += action.util[party];
    levels.utilities.push_back(action.util[party]);
    ++levels.offers;
  }
  if (levels.offers > 0) levels.mean_utility /= levels.offers;
  return levels;
}

// `spec` in the seat of `party`, seeded with `seed`, answering the record's other offers.
inline OfferLevels PortOfferLevels(const GeniusTrace& trace, const Scenario& scenario, std::size_t party,
                                   const std::string& spec, std::uint64_t seed) {
  const std::unique_ptr<Negotiator> port = NegotiatorRegistry::Create(spec);
  NegotiatorContext context;
  context.space = &scenario.space();
  context.profile = &scenario.profile(party);
  context.party = party;
  context.party_count = scenario.party_count();
  context.max_rounds = trace.start.deadline_rounds;
  context.seed = seed;
  port->Begin(context);
  Outcome table;
  bool offered = false;
  Outcome proposal(scenario.space().issue_count());
  OfferLevels levels;
  for (const auto& action : trace.actions) {
    if (action.agent == party) {
      TurnState state;
      state.step = action.step - 1;
      state.round = action.round - 1;
      state.time = action.time;
      state.current_offer = offered ? &table : nullptr;
      state.offerer = 1 - party;
      state.current_offer_utility = offered ? scenario.profile(party).Utility(table) : 0.0;
      const ActionType answer = port->Act(state, proposal);
      if (answer == ActionType::kAccept) ++levels.acceptances;
      if (answer == ActionType::kOffer) {
        levels.utilities.push_back(scenario.profile(party).Utility(proposal));
        levels.mean_utility += levels.utilities.back();
        ++levels.offers;
      }
      continue;
    }
    if (action.action != ActionType::kOffer) continue;
    table = ToOutcome(scenario.space(), action.bid);
    offered = true;
    ObservedAction observed;
    observed.party = action.agent;
    observed.type = ActionType::kOffer;
    observed.offer = &table;
    observed.offer_utility = scenario.profile(party).Utility(table);
    observed.step = action.step - 1;
    observed.round = action.round - 1;
    observed.time = action.time;
    port->Observe(observed);
  }
  if (levels.offers > 0) levels.mean_utility /= levels.offers;
  return levels;
}

// The largest gap, over windows of `width` consecutive offers, between the mean utility of the
// offers of `spec` in the seat of `party` (averaged over seeds 1 to `seeds`) and the record's.
inline double LargestWindowGap(const GeniusTrace& trace, const Scenario& scenario, std::size_t party,
                               const std::string& spec, std::uint64_t seeds, std::size_t width) {
  const std::vector<double> recorded = RecordedOfferLevels(trace, party).WindowMeans(width);
  std::vector<double> port(recorded.size(), 0.0);
  std::vector<double> counted(recorded.size(), 0.0);
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    const std::vector<double> means = PortOfferLevels(trace, scenario, party, spec, seed).WindowMeans(width);
    for (std::size_t w = 0; w < std::min(means.size(), port.size()); ++w) {
      port[w] += means[w];
      counted[w] += 1.0;
    }
  }
  double gap = 0.0;
  for (std::size_t w = 0; w < recorded.size(); ++w) {
    if (counted[w] > 0.0) gap = std::max(gap, std::abs(port[w] / counted[w] - recorded[w]));
  }
  return gap;
}

}  // namespace parley::testing

#endif  // PARLEY_TESTS_GENIUS_OFFER_LEVELS_H_
