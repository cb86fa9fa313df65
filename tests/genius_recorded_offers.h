// For ports of GENIUS agents whose offers are random in GENIUS (unseeded draws): the port run with
// each of its offers replaced by the recorded one where the two differ, so that a replayed trace
// can be followed past the first random offer and every decision that does not depend on the
// random draws (accepting, walking away, which offers are deterministic) compared to the end.
// Test-only, header-only. One replay at a time: the recorded offers are reached through a
// process-wide pointer set around the replay.
#ifndef PARLEY_TESTS_GENIUS_RECORDED_OFFERS_H_
#define PARLEY_TESTS_GENIUS_RECORDED_OFFERS_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "genius_trace.h"
#include "parley/negotiator.h"

namespace parley::testing {

inline Outcome ToOutcome(const OutcomeSpace& space, const GeniusBid& bid) {
  Outcome outcome(space.issue_count());
  for (const auto& [issue_name, value] : bid) {
    const auto issue = space.FindIssue(issue_name);
    EXPECT_TRUE(issue.has_value()) << issue_name;
    if (!issue) continue;
    const auto parsed = space.issue(*issue).Parse(value);
    EXPECT_TRUE(parsed.has_value()) << issue_name << "=" << value;
    if (parsed) outcome[*issue] = *parsed;
  }
  return outcome;
}

// The recorded offers of the party under test by GENIUS step, the steps whose offer the port must
// make itself (deterministic in the original), and what the replay replaced.
struct RecordedOffers {
  std::map<std::uint64_t, Outcome> by_step;
  std::set<std::uint64_t> deterministic;
  int replaced = 0;
  int replaced_deterministic = 0;
};

inline RecordedOffers*& CurrentRecordedOffers() {
  static RecordedOffers* current = nullptr;
  return current;
}

inline RecordedOffers ReadRecordedOffers(const GeniusTrace& trace, const OutcomeSpace& space, std::size_t party) {
  RecordedOffers offers;
  for (const auto& action : trace.actions) {
    if (action.agent == party && action.action == ActionType::kOffer) {
      offers.by_step.emplace(action.step, ToOutcome(space, action.bid));
    }
  }
  return offers;
}

class WithRecordedOffers final : public Negotiator {
 public:
  explicit WithRecordedOffers(const std::string& inner) : inner_(NegotiatorRegistry::Create(inner)) {}
  void Begin(const NegotiatorContext& context) override { inner_->Begin(context); }
  void Observe(const ObservedAction& action) override { inner_->Observe(action); }
  void Finish(const NegotiationResult& result) override { inner_->Finish(result); }
  ActionType Act(const TurnState& state, Outcome& proposal) override {
    const ActionType action = inner_->Act(state, proposal);
    RecordedOffers* recorded = CurrentRecordedOffers();
    if (action != ActionType::kOffer || recorded == nullptr) return action;
    const auto it = recorded->by_step.find(state.step + 1);  // GENIUS counts steps from 1
    if (it == recorded->by_step.end() || it->second == proposal) return action;
    proposal = it->second;
    ++recorded->replaced;
    if (recorded->deterministic.count(state.step + 1)) ++recorded->replaced_deterministic;
    return action;
  }

 private:
  std::unique_ptr<Negotiator> inner_;
};

// Replays `trace` with `inner` (a registered negotiator) as party `party`, its offers replaced by
// `offers` where they differ; prints the comparison and how many were replaced. The wrapper is
// registered as "test-<inner>-recorded-offers" for the replay only, so that suites iterating the
// registry later in the same process do not meet it.
inline TraceComparison ReplayWithRecordedOffers(const GeniusTrace& trace, std::size_t party, const std::string& inner,
                                                RecordedOffers& offers) {
  const std::string name = "test-" + inner + "-recorded-offers";
  const NegotiatorRegistry::ScopedEntry entry(
      {name, inner + " offering the recorded bids where it differs (tests only).", {}, [inner](const Spec&) {
         return std::make_unique<WithRecordedOffers>(inner);
       }});
  CurrentRecordedOffers() = &offers;
  TraceComparison comparison = ReplayAgainstTrace(trace, party, name);
  CurrentRecordedOffers() = nullptr;
  std::cout << comparison.Describe(trace) << " (" << offers.replaced << " of " << offers.by_step.size()
            << " offers replaced by the recorded ones)\n";
  return comparison;
}

}  // namespace parley::testing

#endif  // PARLEY_TESTS_GENIUS_RECORDED_OFFERS_H_
