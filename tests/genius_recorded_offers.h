// For ports of GENIUS agents whose offers are random in GENIUS (unseeded draws): a trace replayed
// (genius_trace.h) with each of the port's offers replaced by the recorded one where the two
// differ, under a rule: any offer (the default), or only an offer worth the same to the port
// within a tolerance (for agents whose random choice is among equally good bids). The trace can
// then be followed past the first random offer, and every decision that does not depend on the
// draws (accepting, walking away, the offers marked as the port's own to make) compared to the end.
// The port's own offers are noted before they are replaced, so that their worth can be checked.
// Test-only, header-only. One replay at a time: the replay reaches its RecordedOffers through a
// process-wide pointer set around it.
#ifndef PARLEY_TESTS_GENIUS_RECORDED_OFFERS_H_
#define PARLEY_TESTS_GENIUS_RECORDED_OFFERS_H_

#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "genius_trace.h"
#include "parley/negotiator.h"

namespace parley::testing {

// The recorded offers of the party under test, the rule of their replacement, and what the replay
// did with them.
struct RecordedOffers {
  std::map<std::uint64_t, Outcome> by_step;  // by GENIUS step
  // Steps whose offer the port must make itself (deterministic in the original): counted when
  // replaced.
  std::set<std::uint64_t> deterministic;
  // A port's offer is replaced only where the recorded one is worth the same to the port within
  // this; infinite: every differing offer is.
  double tolerance = std::numeric_limits<double>::infinity();
  // Show the port each replacement as an observation of its own offer, for ports whose later
  // decisions depend on what they offered (the protocol never shows a party its own action).
  bool shown_to_port = false;
  // Offers worth more than this away from the recorded ones (replaced or not) are counted: with a
  // tolerance wider than the band, how often the port's choice strayed from GENIUS's band.
  double band = std::numeric_limits<double>::infinity();

  int replaced = 0;
  int replaced_deterministic = 0;
  int unequal = 0;  // differing offers worth more than `tolerance` away from the recorded ones
  int beyond_band = 0;
  std::uint64_t first_replaced = 0;  // GENIUS step of the first replacement
  // (GENIUS step, the port's undiscounted utility of its own offer before any replacement).
  std::vector<std::pair<std::uint64_t, double>> port_offers;
};

// The offers `party` made in the trace, with the default rule (any offer replaced, not shown).
inline RecordedOffers ReadRecordedOffers(const GeniusTrace& trace, std::size_t party) {
  const Scenario scenario = LoadTraceScenario(trace);
  RecordedOffers offers;
  for (const auto& action : trace.actions) {
    if (action.agent == party && action.action == ActionType::kOffer) {
      offers.by_step.emplace(action.step, ToOutcome(scenario.space(), action.bid));
    }
  }
  return offers;
}

inline RecordedOffers*& CurrentRecordedOffers() {
  static RecordedOffers* current = nullptr;
  return current;
}

class WithRecordedOffers final : public Negotiator {
 public:
  explicit WithRecordedOffers(const std::string& inner) : inner_(NegotiatorRegistry::Create(inner)) {}
  void Begin(const NegotiatorContext& context) override {
    context_ = context;
    inner_->Begin(context);
  }
  void Observe(const ObservedAction& action) override { inner_->Observe(action); }
  void Finish(const NegotiationResult& result) override { inner_->Finish(result); }
  ActionType Act(const TurnState& state, Outcome& proposal) override {
    const ActionType action = inner_->Act(state, proposal);
    RecordedOffers* recorded = CurrentRecordedOffers();
    if (action != ActionType::kOffer || recorded == nullptr) return action;
    const std::uint64_t step = state.step + 1;  // GENIUS counts steps from 1
    const double utility = context_.profile->Utility(proposal);
    recorded->port_offers.emplace_back(step, utility);
    const auto it = recorded->by_step.find(step);
    if (it == recorded->by_step.end() || it->second == proposal) return action;
    const double gap = std::abs(context_.profile->Utility(it->second) - utility);
    if (gap > recorded->band) ++recorded->beyond_band;
    if (gap > recorded->tolerance) {
      ++recorded->unequal;
      return action;
    }
    proposal = it->second;
    if (recorded->replaced++ == 0) recorded->first_replaced = step;
    if (recorded->deterministic.count(step)) ++recorded->replaced_deterministic;
    if (recorded->shown_to_port) {
      inner_->Observe({.party = context_.party,
                       .type = ActionType::kOffer,
                       .offer = &proposal,
                       .offer_utility = context_.profile->Utility(proposal),
                       .step = state.step,
                       .round = state.round,
                       .time = state.time});
    }
    return action;
  }

 private:
  std::unique_ptr<Negotiator> inner_;
  NegotiatorContext context_;
};

// Replays `trace` with `inner` (a negotiator spec) as party `party`, its offers replaced by
// `offers` under their rule; prints the comparison and the counts. The wrapper is registered for
// the replay only, so that suites iterating the registry later in the same process do not meet it.
inline TraceComparison ReplayWithRecordedOffers(const GeniusTrace& trace, std::size_t party, const std::string& inner,
                                                RecordedOffers& offers) {
  std::string name = "test-" + inner + "-recorded-offers";
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') c = '-';  // a spec's parameters
  }
  const NegotiatorRegistry::ScopedEntry entry(
      {name, inner + " offering the recorded bids where it differs (tests only).", {}, [inner](const Spec&) {
         return std::make_unique<WithRecordedOffers>(inner);
       }});
  CurrentRecordedOffers() = &offers;
  TraceComparison comparison = ReplayAgainstTrace(trace, party, name);
  CurrentRecordedOffers() = nullptr;
  std::cout << comparison.Describe(trace) << " (" << offers.replaced << " of " << offers.by_step.size()
            << " offers replaced by the recorded ones, " << offers.unequal << " not within " << offers.tolerance << ", "
            << offers.beyond_band << " beyond " << offers.band << ")\n";
  return comparison;
}

}  // namespace parley::testing

#endif  // PARLEY_TESTS_GENIUS_RECORDED_OFFERS_H_
