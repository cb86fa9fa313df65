// Differential tests of `gahboninho` against GENIUS's agents.anac.y2011.Gahboninho.Gahboninho, from
// the eight sessions GENIUS 9.1.10 recorded in ../shared/genius-traces (README.md there): CarA
// against Boulware and Hardliner in either seat, Travel and Grocery as party 0.
//
// Gahboninho's only random choice is which of several equally good bids it offers: its bids are
// keyed by utility, a bid whose utility is already a key gets a key nudged by an unseeded random
// amount, and the bids are enumerated in an order its unseeded insertions shuffle. So in GENIUS the
// utility of every offer is decided, the bid is not once two bids tie (GENIUS's own runs differ from
// step 11 on CarA). The tests therefore
//  - replay every trace with the port as recorded and require the first difference, if any, to be
//    an offer of its own that is worth exactly what the recorded one is worth (a tie);
//  - replay every trace with each of the port's offers replaced by the recorded one when the two
//    are equally good (and only then), and require the whole session to match GENIUS to the end:
//    every acceptance, every offer's worth, the agreement;
//  - compare the outcomes of seeded runs on CarA with GENIUS's 30 repeated runs.
// Each is contrasted with something that must fail.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "genius_recorded_offers.h"
#include "genius_repeated_runs.h"
#include "genius_trace.h"
#include "parley/negotiator.h"
#include "parley/protocol.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using testing::GeniusTrace;

constexpr const char* kAgent = "Gahboninho";
constexpr const char* kClass = "agents.anac.y2011.Gahboninho.Gahboninho";

// Seats of the original in every recorded session of it (8 sessions, one seat each).
struct Seat {
  fs::path file;
  std::size_t party;
};
std::vector<Seat> Seats() {
  std::vector<Seat> seats;
  for (const auto& file : testing::TracesOfAgent(kAgent, false)) {
    const GeniusTrace trace = testing::ReadGeniusTrace(file);
    for (std::size_t p = 0; p < trace.start.agents.size(); ++p) {
      if (trace.start.agents[p] == kClass) seats.push_back({file, p});
    }
  }
  return seats;
}

// The recorded offers of the seat, and what the replay below found.
struct TieBreaks {
  testing::RecordedOffers offers;
  int ties_taken = 0;       // port's bid replaced by the recorded, equally good one
  int unequal = 0;          // port's bid worth something else than the recorded one
  std::uint64_t first_tie = 0;  // GENIUS step of the first tie broken as recorded
  double tolerance = 1e-12;
};
TieBreaks*& CurrentTieBreaks() {
  static TieBreaks* current = nullptr;
  return current;
}

// The port, offering the recorded bid instead of its own only where the two are worth the same to
// it (GENIUS's random choice between equally good bids).
class WithRecordedTieBreaks final : public Negotiator {
 public:
  explicit WithRecordedTieBreaks(std::string inner) : inner_(NegotiatorRegistry::Create(inner)) {}
  void Begin(const NegotiatorContext& context) override {
    profile_ = context.profile;
    party_ = context.party;
    inner_->Begin(context);
  }
  void Observe(const ObservedAction& action) override { inner_->Observe(action); }
  ActionType Act(const TurnState& state, Outcome& proposal) override {
    const ActionType action = inner_->Act(state, proposal);
    TieBreaks* ties = CurrentTieBreaks();
    if (action != ActionType::kOffer || ties == nullptr) return action;
    const auto it = ties->offers.by_step.find(state.step + 1);
    if (it == ties->offers.by_step.end() || it->second == proposal) return action;
    if (std::abs(profile_->Utility(it->second) - profile_->Utility(proposal)) <= ties->tolerance) {
      proposal = it->second;
      if (ties->ties_taken++ == 0) ties->first_tie = state.step + 1;
      // The port counts the values of its own offers; it must count the one made.
      ObservedAction own;
      own.party = party_;
      own.offer = &proposal;
      own.step = state.step;
      own.round = state.round;
      own.time = state.time;
      inner_->Observe(own);
    } else {
      ++ties->unequal;
    }
    return action;
  }

 private:
  std::unique_ptr<Negotiator> inner_;
  const Profile* profile_ = nullptr;
  std::size_t party_ = 0;
};

testing::TraceComparison ReplayWithTieBreaks(const GeniusTrace& trace, std::size_t party, const std::string& inner,
                                             TieBreaks& ties) {
  const std::string name = "test-" + inner + "-recorded-tie-breaks";
  if (!NegotiatorRegistry::Has(name)) {
    NegotiatorRegistry::Add({name, inner + " breaking ties as recorded (tests only).", {},
                             [inner](const Spec&) { return std::make_unique<WithRecordedTieBreaks>(inner); }});
  }
  const Scenario scenario = testing::LoadTraceScenario(trace);
  ties.offers = testing::ReadRecordedOffers(trace, scenario.space(), party);
  CurrentTieBreaks() = &ties;
  testing::TraceComparison comparison = testing::ReplayAgainstTrace(trace, party, name);
  CurrentTieBreaks() = nullptr;
  std::cout << comparison.Describe(trace) << " (" << ties.ties_taken << " of " << ties.offers.by_step.size()
            << " offers were ties broken as recorded, " << ties.unequal << " differed in worth)\n";
  return comparison;
}

TEST(GeniusGahboninho, MatchesEveryTraceUpToItsFirstTie) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  const std::vector<Seat> seats = Seats();
  EXPECT_EQ(seats.size(), 8u);
  for (const Seat& seat : seats) {
    const GeniusTrace trace = testing::ReadGeniusTrace(seat.file);
    const testing::TraceComparison comparison = testing::ReplayAgainstTrace(trace, seat.party, "gahboninho");
    std::cout << comparison.Describe(trace) << "\n";
    if (comparison.match) continue;
    // The first difference is an offer of its own as good as the recorded one: the first tie the
    // replay below has to break as recorded.
    TieBreaks ties;
    ReplayWithTieBreaks(trace, seat.party, "gahboninho", ties);
    EXPECT_EQ(comparison.step, ties.first_tie) << comparison.Describe(trace);
  }
}

TEST(GeniusGahboninho, TakesEveryDecisionOfTheOriginal) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  for (const Seat& seat : Seats()) {
    SCOPED_TRACE(seat.file.filename().string());
    const GeniusTrace trace = testing::ReadGeniusTrace(seat.file);
    TieBreaks ties;
    const testing::TraceComparison comparison = ReplayWithTieBreaks(trace, seat.party, "gahboninho", ties);
    EXPECT_TRUE(testing::MatchesTrace(trace, comparison));
    EXPECT_EQ(ties.unequal, 0);
  }
}

// Another GENIUS-style agent in the seat, even with the same help, must not match.
TEST(GeniusGahboninho, AnotherAgentInTheSeatDoesNotMatch) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  const std::vector<Seat> seats = Seats();
  ASSERT_FALSE(seats.empty());
  const GeniusTrace trace = testing::ReadGeniusTrace(seats.front().file);
  TieBreaks ties;
  EXPECT_FALSE(testing::MatchesTrace(trace, ReplayWithTieBreaks(trace, seats.front().party, "boulware", ties)));
  EXPECT_FALSE(testing::MatchesTrace(trace, testing::ReplayAgainstTrace(trace, seats.front().party, "agentlg")));
}

// 30 seeded runs against `boulware` (GENIUS's TimeDependentAgentBoulware) on CarA, 200 rounds:
// GENIUS's 30 runs all end alike (agreement in round 142), so the port's must too.
TEST(GeniusGahboninho, OutcomesOnCarAFallInsideGeniusRepeatedRuns) {
  const fs::path folder = testing::GeniusTraceFolder();
  if (!fs::is_directory(folder)) GTEST_SKIP() << "no GENIUS traces";
  if (const std::string why = testing::BoulwareIsNotGenius(folder); !why.empty()) GTEST_SKIP() << why;
  testing::ExpectInsideRepeatedRuns(folder, kAgent, "gahboninho", 30);
}

}  // namespace
}  // namespace parley
