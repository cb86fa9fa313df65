// Differential tests of `agentherb` against GENIUS's agents.anac.y2018.agentherb.AgentHerb, from the
// sessions GENIUS recorded in ../shared/genius-traces (README.md there): bilateral CarA against
// TimeDependentAgentBoulware, three parties on Dinner and SmartGrid against two
// BoulwareNegotiationParty, and the two three-party sessions GENIUS aborted.
//
// AgentHerb's only variation between same-seed runs is the start weights of its logistic
// regressions, drawn from ThreadLocalRandom (which GENIUS's seed does not reach) each time it
// builds its models: from its second turn on, when an opponent has a history. Its first turn is
// its best bid and must match; from the second turn its offers are those random choices. Its
// acceptance compares the last offer with the bid it would offer, so with that bid taken from the
// record (ChooseNextBid) every decision must be GENIUS's to the end: at GENIUS's offers the
// recorded offer; at GENIUS's accepts, whose next bid GENIUS does not record, the best bid its
// accept allows (worth at most the last offer over the discount factor), the hardest case.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>

#include "fixtures.h"
#include "genius_port_checks.h"
#include "genius_repeated_runs.h"
#include "genius_trace.h"
#include "negotiators/anac/agentherb.h"
#include "negotiators/anac/genius_domain.h"
#include "parley/protocol.h"
#include "parley/utility.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using testing::GeniusTrace;

constexpr const char* kAgent = "AgentHerb";
constexpr const char* kClass = "agents.anac.y2018.agentherb.AgentHerb";
const testing::RecordedAgent kRecorded = testing::MultilateralAgent(kAgent, kClass);

// Its second turn is the first that builds a model, and so the first that draws: the three sessions
// that ended normally (all five, the two GENIUS aborted included, in the next test).
TEST(GeniusAgentHerb, MatchesEveryTraceUpToItsFirstDraw) {
  testing::ExpectFollowsRecordedSessions(
      kAgent, kClass, "agentherb",
      {{"CarA__AgentHerb__TimeDependentAgentBoulware.jsonl.gz", 0, 3, "its second turn"},
       {"Dinner__AgentHerb__BoulwareNegotiationParty__BoulwareNegotiationParty.jsonl.gz", 0, 4, "its second turn"},
       {"SmartGrid__AgentHerb__BoulwareNegotiationParty__BoulwareNegotiationParty.jsonl.gz", 0, 4, "its second turn"}});
}

// In all five sessions, the two GENIUS aborted included, the first difference is one of its own
// offers (its second: the output shows the step).
TEST(GeniusAgentHerb, FirstDifferenceIsItsOwnOffer) {
  testing::ExpectFirstDifferenceIsOwnOffer(kRecorded, "agentherb");
}

// The trace under replay, for AgentHerbWithRecordedNextBid: GENIUS step -> the agent's action.
std::map<std::uint64_t, const testing::GeniusTraceAction*>& RecordedTurns() {
  static std::map<std::uint64_t, const testing::GeniusTraceAction*> turns;
  return turns;
}

class AgentHerbWithRecordedNextBid final : public AgentHerb {
 public:
  void Begin(const NegotiatorContext& context) override {
    space_ = context.space;
    profile_ = context.profile;
    AgentHerb::Begin(context);
  }

 protected:
  bool ChooseNextBid(const TurnState& state, Outcome& next) override {
    const auto it = RecordedTurns().find(state.step + 1);  // GENIUS counts steps from 1
    if (it == RecordedTurns().end()) return AgentHerb::ChooseNextBid(state, next);
    if (it->second->action == ActionType::kOffer) {
      next = testing::ToOutcome(*space_, it->second->bid);
      return true;
    }
    // GENIUS accepted, so its next bid met u(last) >= u(next) * d: the hardest such bid for the
    // port, the best one that still meets it.
    const double last = state.current_offer ? profile_->Utility(*state.current_offer) : 0.0;
    double best = -1.0;
    Outcome bid;
    ForEachGeniusBid(*space_, ~std::uint64_t{0}, bid, [&](const Outcome& each) {
      const double utility = profile_->Utility(each);
      if (last >= utility * profile_->discount_factor() && utility > best) {
        best = utility;
        next = each;
      }
    });
    return true;
  }

 private:
  const OutcomeSpace* space_ = nullptr;
  const Profile* profile_ = nullptr;
};

testing::TraceComparison ReplayWithRecordedNextBids(const GeniusTrace& trace, const std::string& name) {
  RecordedTurns().clear();
  for (const auto& action : trace.actions) {
    if (action.agent == 0) RecordedTurns()[action.step] = &action;
  }
  const testing::TraceComparison comparison = testing::ReplayAgainstTrace(trace, 0, name);
  RecordedTurns().clear();
  std::cout << comparison.Describe(trace) << "\n";
  return comparison;
}

TEST(GeniusAgentHerb, TakesEveryDecisionOfTheOriginalGivenItsNextBids) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  const std::string name = "test-agentherb-recorded-next-bids";
  const NegotiatorRegistry::ScopedEntry entry(
      {name, "agentherb choosing the recorded next bids (tests only).", {}, [](const Spec&) {
         return std::make_unique<AgentHerbWithRecordedNextBid>();
       }});
  int accepts = 0;
  for (const testing::GeniusSeat& seat : testing::SeatsOf(kRecorded)) {
    const fs::path& file = seat.file;
    const GeniusTrace trace = testing::ReadGeniusTrace(file);
    ASSERT_EQ(trace.start.agents.front(), kClass) << file;
    EXPECT_TRUE(testing::MatchesTrace(trace, ReplayWithRecordedNextBids(trace, name)));
    for (const auto& action : trace.actions) accepts += action.agent == 0 && action.action == ActionType::kAccept;
  }
  // Its decisions include accepts (one on CarA, five and one on Dinner, 54 and one on SmartGrid: a
  // three-party accept need not end the session), so both of its answers are compared.
  EXPECT_EQ(accepts, 62);
  // A negotiator that answers otherwise parts from the record under the same replay.
  const GeniusTrace car =
      testing::ReadGeniusTrace(testing::GeniusTraceFolder() / "CarA__AgentHerb__TimeDependentAgentBoulware.jsonl.gz");
  EXPECT_FALSE(testing::MatchesTrace(car, ReplayWithRecordedNextBids(car, "hardliner")));
}

// The model on a bid of one discrete issue of two values (vector: bias, value 0, value 1), by hand:
// weights w = 2r - 1 for the generator's first three doubles r; one step on (1, 1, 0) labelled 1
// moves w0 and w1 by 0.5 (1 - s(w0 + w1)) and leaves w2; the bid (1, 0, 1) then scores s(w0' + w2).
TEST(GeniusAgentHerb, LogisticRegressionByHand) {
  JavaRandom draws(7);
  double w[3];
  for (double& weight : w) weight = draws.NextDouble() * 2 - 1;
  JavaRandom random(7);
  AgentHerbLogisticRegression model(3, random);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(model.weights()[i], w[i]);
  const auto sigmoid = [](double x) { return 1 / (1 + std::exp(-x)); };
  const AgentHerbFeature first{1, 1.0};
  const AgentHerbFeature second{2, 1.0};
  EXPECT_EQ(model.Classify(&first, 1), sigmoid(w[0] + w[1]));
  model.Train(&first, 1, 1);
  const double step = 0.5 * (1 - sigmoid(w[0] + w[1]));
  EXPECT_EQ(model.weights()[0], w[0] + step);
  EXPECT_EQ(model.weights()[1], w[1] + step);
  EXPECT_EQ(model.weights()[2], w[2]);
  EXPECT_EQ(model.Classify(&second, 1), sigmoid(w[0] + step + w[2]));
}

// Where the original throws it walks away: on a real issue (its converter's cast) at its first
// turn; with an integer issue of one value, whose scaled value 0 / 0 makes every score NaN, at its
// second, the first with a model (its first bid is then null).
TEST(GeniusAgentHerb, WalksAwayWhereTheOriginalThrows) {
  auto space = std::make_shared<const OutcomeSpace>(
      "flat", std::vector<Issue>{Issue::Discrete("d", {"a", "b"}), Issue::Integer("one", 3, 3)});
  std::vector<Profile> profiles;
  for (int p = 0; p < 2; ++p) {
    std::vector<ValueFunction> functions = {ValueFunction::Table({p == 0 ? 1.0 : 0.0, p == 0 ? 0.0 : 1.0}),
                                            ValueFunction::Linear(0.0, 1.0, 3.0, true)};
    profiles.emplace_back(
        p == 0 ? "a" : "b",
        std::make_shared<const LinearAdditiveUtility>(space, std::vector<double>{1.0, 1.0}, std::move(functions)), 0.0,
        1.0);
  }
  const Scenario flat("flat", space, std::move(profiles));
  const Scenario real = testing::SmallScenario(2);
  struct Case {
    const Scenario* scenario;
    std::vector<double> other_offer;
    std::uint64_t steps;  // it walks away at the last one
  };
  for (const Case& each : {Case{&flat, {1, 3}, 3}, Case{&real, {1, 1, 0.5}, 1}}) {
    auto port = NegotiatorRegistry::Create("agentherb");
    testing::ScriptedNegotiator other({}, testing::ScriptedNegotiator::Offer(each.other_offer));
    const NegotiationResult result =
        ProtocolRegistry::Create("saop")->Run(*each.scenario, {port.get(), &other}, testing::Rounds(10, 1));
    EXPECT_EQ(result.end_reason, EndReason::kEndedByParty) << each.steps;
    EXPECT_EQ(result.steps, each.steps);
  }
}

TEST(GeniusAgentHerb, OutcomesOnCarAFallInsideGeniusRepeatedRuns) {
  testing::ExpectInsideRepeatedRuns(kAgent, "agentherb", 30);
}

}  // namespace
}  // namespace parley
