// Differential tests of `yxagent` against GENIUS's agents.anac.y2016.yxagent.YXAgent, from the
// sessions GENIUS 9.1.10 recorded in ../shared/genius-traces (README.md there): bilateral CarA
// against TimeDependentAgentBoulware, three parties on Dinner and SmartGrid against two
// BoulwareNegotiationParty, and the two three-party sessions GENIUS aborted.
//
// Every offer YXAgent makes is a random bid from unseeded generators (determinism.json: CarA and
// Dinner differ from step 1), so a trace matches step by step only up to its opening offer. Its
// state is what the others did and nothing of its own, and its decisions (accept, walk away) are
// made before and apart from its draw, so with its offers replaced by the recorded ones it must
// take GENIUS's decisions to the end of each trace; its offers, GENIUS's and the port's, must reach
// the threshold the source sets. GENIUS's 30 repeated runs on CarA vary only in its draws, as the
// port's runs do over seeds.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "genius_port_checks.h"
#include "genius_repeated_runs.h"
#include "genius_scripted_sessions.h"
#include "genius_trace.h"
#include "parley/protocol.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using testing::GeniusTrace;

constexpr const char* kAgent = "YXAgent";
constexpr const char* kClass = "agents.anac.y2016.yxagent.YXAgent";
const testing::RecordedAgent kRecorded = testing::MultilateralAgent(kAgent, kClass);

TEST(GeniusYXAgent, MatchesEveryTraceUpToItsFirstRandomOffer) {
  testing::ExpectFirstDifferenceIsOwnOffer(kRecorded, "yxagent");
}

// YXAgent without its opponent model: it accepts whatever is worth more than its threshold
// (max(0.7, 1 - 0.1 per opponent, reservation value)). Its offers are replaced by the recorded ones.
class ThresholdOnly final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override {
    threshold_ =
        std::max({0.7, 1 - 0.1 * static_cast<double>(context.party_count - 1), context.profile->reservation_value()});
  }
  ActionType Act(const TurnState& state, Outcome& proposal) override {
    if (state.current_offer != nullptr && state.current_offer_utility > threshold_) return ActionType::kAccept;
    for (std::size_t i = 0; i < proposal.size(); ++i) proposal[i] = 0.0;  // a discrete domain's first bid
    return ActionType::kOffer;
  }

 private:
  double threshold_ = 0.0;
};

// With its offers taken from the record, every decision is GENIUS's to the end of every trace.
// Two contrasts show that the comparison sees the decisions that matter, at the steps read off the
// traces: on Dinner GENIUS's YXAgent rejects offers worth 0.8064 > 0.8 from step 346 on (its model
// raises the bar there), which the threshold alone accepts; on SmartGrid its first accept is at
// step 307, where Hardliner offers.
TEST(GeniusYXAgent, TakesEveryDecisionOfTheOriginal) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  testing::ExpectEveryDecisionWithRecordedOffers(kRecorded, "yxagent", "");
  const NegotiatorRegistry::ScopedEntry entry(
      {"test-yxagent-threshold-only", "YXAgent's threshold without its model (tests only).", {}, [](const Spec&) {
         return std::make_unique<ThresholdOnly>();
       }});
  struct Contrast {
    const char* trace;
    const char* spec;
    std::uint64_t first_difference;
  };
  for (const Contrast& contrast :
       {Contrast{"Dinner__YXAgent__BoulwareNegotiationParty__BoulwareNegotiationParty.jsonl.gz",
                 "test-yxagent-threshold-only", 346},
        Contrast{"SmartGrid__YXAgent__BoulwareNegotiationParty__BoulwareNegotiationParty.jsonl.gz", "hardliner",
                 307}}) {
    const GeniusTrace trace = testing::ReadGeniusTrace(testing::GeniusTraceFolder() / contrast.trace);
    testing::RecordedOffers offers = testing::ReadRecordedOffers(trace, 0);
    const testing::TraceComparison comparison = testing::ReplayWithRecordedOffers(trace, 0, contrast.spec, offers);
    EXPECT_FALSE(comparison.match) << contrast.trace;
    EXPECT_EQ(comparison.step, contrast.first_difference) << comparison.Describe(trace);
  }
}

// The source draws until a bid is worth at least 0.7 at the opening turn, and afterwards at least
// max(0.7, 1 - 0.1 per opponent, reservation value): 0.9 on CarA (one opponent, reservation value
// 0.5) and 0.8 with three parties (reservation value 0). GENIUS's recorded offers and the port's
// own must both reach it.
TEST(GeniusYXAgent, OffersReachTheSourcesThreshold) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  int opening = 0;
  const int compared = testing::ForEachPortOffer(
      kRecorded, "yxagent", [&](const GeniusTrace& trace, const testing::GeniusTraceAction& action, double utility) {
        const double threshold = action.step == 1 ? 0.7 : trace.start.n_parties == 2 ? 0.9 : 0.8;
        opening += action.step == 1 ? 1 : 0;
        EXPECT_GE(action.util[0], threshold) << trace.path.filename().string() << " step " << action.step;
        EXPECT_GE(utility, threshold) << trace.path.filename().string() << " step " << action.step;
      });
  EXPECT_EQ(opening, 5);
  EXPECT_GT(compared, 500);
}

TEST(GeniusYXAgent, OutcomesOnCarAFallInsideGeniusRepeatedRuns) {
  testing::ExpectInsideRepeatedRuns(kAgent, "yxagent", 30);
}

// Its walk-away table, derived by hand from the source: with one opponent the reservation value
// from which it walks away at its second turn falls from 0.95 at discount 1.00 by x -> (x - 0.005)
// * 0.998 per 0.01 of discount, so at 0.75 it is (0.95 + 2.495) * 0.998^25 - 2.495 = 0.7818; with
// two opponents it falls from 0.86 by 0.006 per 0.01: 0.80 at 0.90 (reached exactly, so 0.80
// walks), 0.86 at 1.00.
TEST(GeniusYXAgent, WalksAwayByTheSourcesTable) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  struct Row {
    const char* trace;
    double reservation;
    double discount;
    bool walks;
  };
  const std::vector<Row> rows = {
      {"CarA__YXAgent__TimeDependentAgentBoulware.jsonl.gz", 0.79, 0.75, true},
      {"CarA__YXAgent__TimeDependentAgentBoulware.jsonl.gz", 0.78, 0.75, false},
      {"CarA__YXAgent__TimeDependentAgentBoulware.jsonl.gz", 0.96, 1.0, true},
      {"CarA__YXAgent__TimeDependentAgentBoulware.jsonl.gz", 0.94, 1.0, false},
      {"Dinner__YXAgent__BoulwareNegotiationParty__BoulwareNegotiationParty.jsonl.gz", 0.86, 1.0, true},
      {"Dinner__YXAgent__BoulwareNegotiationParty__BoulwareNegotiationParty.jsonl.gz", 0.85, 1.0, false},
      {"Dinner__YXAgent__BoulwareNegotiationParty__BoulwareNegotiationParty.jsonl.gz", 0.80, 0.9, true},
      {"Dinner__YXAgent__BoulwareNegotiationParty__BoulwareNegotiationParty.jsonl.gz", 0.79, 0.9, false},
  };
  for (const Row& row : rows) {
    const Scenario scenario = testing::TraceScenarioWith(row.trace, row.reservation, row.discount);
    std::vector<std::string> specs(scenario.party_count(), "hardliner");
    specs[0] = "yxagent";
    NegotiationOptions options;
    options.rounds = 200;
    options.seed = 7;
    const NegotiationResult result = RunNegotiation(scenario, specs, options);
    ASSERT_FALSE(result.fault.has_value()) << result.fault->message;
    const bool walked = result.end_reason == EndReason::kEndedByParty;
    EXPECT_EQ(walked, row.walks) << row.trace << " rv " << row.reservation << " d " << row.discount;
    if (walked) {
      EXPECT_EQ(result.rounds, 2u) << "at its second turn";
    }
  }
}

}  // namespace
}  // namespace parley
