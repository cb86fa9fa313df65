// The differential checks every test of a port of a GENIUS multilateral agent with unseeded random
// offers makes (tests/genius_<agent>_test.cc), on the agent's recorded sessions in
// ../shared/genius-traces with it as party 0 (CarA against TimeDependentAgentBoulware, Dinner and
// SmartGrid against two BoulwareNegotiationParty, and the two three-party sessions GENIUS aborted):
// - step by step, the first difference from GENIUS must be one of its own offers (the first random
//   choice), never an accept or an offer the original could not have drawn differently;
// - with its offers replaced by the recorded ones, every decision must be GENIUS's to the end, and
//   a negotiator with another acceptance rule must part from the record (so that the comparison is
//   known to see a difference);
// - the port's own offers, noted before the replay replaces them (ForEachPortOffer), can then be
//   held to the original's band.
// Test-only, header-only.
#ifndef PARLEY_TESTS_GENIUS_RANDOM_PORT_CHECKS_H_
#define PARLEY_TESTS_GENIUS_RANDOM_PORT_CHECKS_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "genius_recorded_offers.h"
#include "genius_trace.h"

namespace parley::testing {

// The five sessions of `agent` (the short GENIUS class name), three of which ended normally.
inline std::vector<std::filesystem::path> MultilateralAgentTraces(const std::string& agent) {
  EXPECT_EQ(TracesOfAgent(agent, true).size(), 3u);
  const auto all = TracesOfAgent(agent, false);
  EXPECT_EQ(all.size(), 5u);
  return all;
}

// `genius_class` is the fully qualified class name, `spec` the port.
inline void ExpectFirstDifferenceIsOwnOffer(const std::string& agent, const std::string& genius_class,
                                            const std::string& spec) {
  if (!std::filesystem::is_directory(GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  for (const auto& file : MultilateralAgentTraces(agent)) {
    const GeniusTrace trace = ReadGeniusTrace(file);
    ASSERT_EQ(trace.start.agents.front(), genius_class) << file;
    const TraceComparison comparison = ReplayAgainstTrace(trace, 0, spec);
    std::cout << comparison.Describe(trace) << "\n";
    if (comparison.match) continue;
    bool own_offer = false;
    for (const auto& action : trace.actions) {
      if (action.step == comparison.step) own_offer = action.agent == 0 && action.action == ActionType::kOffer;
    }
    EXPECT_TRUE(own_offer) << comparison.Describe(trace);
  }
}

// `spec` must match every trace with its offers taken from the record; `contrast` (a registered
// name) must not match the first.
inline void ExpectEveryDecisionWithRecordedOffers(const std::string& agent, const std::string& spec,
                                                  const std::string& contrast) {
  if (!std::filesystem::is_directory(GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  bool contrasted = false;
  for (const auto& file : MultilateralAgentTraces(agent)) {
    const GeniusTrace trace = ReadGeniusTrace(file);
    const Scenario scenario = LoadTraceScenario(trace);
    RecordedOffers offers = ReadRecordedOffers(trace, scenario.space(), 0);
    EXPECT_TRUE(MatchesTrace(trace, ReplayWithRecordedOffers(trace, 0, spec, offers)));
    if (!contrasted) {
      RecordedOffers again = ReadRecordedOffers(trace, scenario.space(), 0);
      EXPECT_FALSE(MatchesTrace(trace, ReplayWithRecordedOffers(trace, 0, contrast, again)));
      contrasted = true;
    }
  }
}

// The port's own offers as it made them, before a replay with recorded offers replaced them:
// (GENIUS step, the port's undiscounted utility of its offer), for the replay under way.
inline std::vector<std::pair<std::uint64_t, double>>& WatchedOffers() {
  static std::vector<std::pair<std::uint64_t, double>> offers;
  return offers;
}

class WatchedNegotiator final : public Negotiator {
 public:
  explicit WatchedNegotiator(const std::string& inner) : inner_(NegotiatorRegistry::Create(inner)) {}
  void Begin(const NegotiatorContext& context) override {
    profile_ = context.profile;
    inner_->Begin(context);
  }
  void Observe(const ObservedAction& action) override { inner_->Observe(action); }
  ActionType Act(const TurnState& state, Outcome& proposal) override {
    const ActionType action = inner_->Act(state, proposal);
    if (action == ActionType::kOffer) WatchedOffers().emplace_back(state.step + 1, profile_->Utility(proposal));
    return action;
  }

 private:
  std::unique_ptr<Negotiator> inner_;
  const Profile* profile_ = nullptr;
};

// Replays every trace of `agent` with `inner`'s offers replaced by the recorded ones (each replay
// must match the trace) and calls check(trace, recorded action, port's utility of its own offer)
// for each offer the port made; returns how many it compared.
template <typename Check>
int ForEachPortOffer(const std::string& agent, const std::string& inner, Check check) {
  // Registered for these replays only, so that suites iterating the registry later in the same
  // process do not meet it.
  const std::string watched = "test-" + inner + "-watched";
  const NegotiatorRegistry::ScopedEntry entry(
      {watched, inner + ", its offers noted (tests only).", {}, [inner](const Spec&) {
         return std::make_unique<WatchedNegotiator>(inner);
       }});
  int compared = 0;
  for (const auto& file : MultilateralAgentTraces(agent)) {
    const GeniusTrace trace = ReadGeniusTrace(file);
    const Scenario scenario = LoadTraceScenario(trace);
    RecordedOffers offers = ReadRecordedOffers(trace, scenario.space(), 0);
    WatchedOffers().clear();
    EXPECT_TRUE(MatchesTrace(trace, ReplayWithRecordedOffers(trace, 0, watched, offers)));
    for (const auto& [step, utility] : WatchedOffers()) {
      for (const auto& action : trace.actions) {
        if (action.step != step) continue;
        ++compared;
        check(trace, action, utility);
      }
    }
  }
  return compared;
}

}  // namespace parley::testing

#endif  // PARLEY_TESTS_GENIUS_RANDOM_PORT_CHECKS_H_
