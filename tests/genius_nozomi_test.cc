// Differential tests of `nozomi` against GENIUS's agents.anac.y2010.Nozomi.Nozomi, from the
// sessions GENIUS 9.1.10 recorded in ../shared/genius-traces (README.md there).
//
// Nozomi draws from unseeded java.util.Randoms, so GENIUS itself does not repeat a session
// (determinism.json: CarA differs from step 5, its third turn). From its first answer to an offer
// after its opening replies it draws, every turn, which kind of bid to make (and which issues to
// move), so a trace is compared step by step up to that turn. Whether it accepts depends only on
// the offers exchanged, its own included, so the trace is then replayed with its offers replaced
// by the recorded ones (and shown to the port, which updates its state from the bid it offered):
// every acceptance must match to the end. Finally the outcomes of seeded runs are compared with
// GENIUS's 30 recorded runs.
#include <gtest/gtest.h>

#include <cstdint>

#include "genius_port_checks.h"
#include "genius_repeated_runs.h"
#include "genius_trace.h"

namespace parley {
namespace {

using testing::GeniusTrace;

constexpr const char* kAgent = "Nozomi";

// CarA with it first and second, Travel and ItexvsCypress with it first; against Boulware and
// Hardliner.
const testing::RecordedAgent kRecorded = {kAgent, "agents.anac.y2010.Nozomi.Nozomi", 8, 8};

// The GENIUS step of Nozomi's first turn that can draw: the first that answers an offer after its
// reply to the opponent's first offer (its third turn as the first party, its second as the
// second), where it draws the kind of bid to make.
std::uint64_t FirstPossibleDraw(const GeniusTrace& trace, std::size_t party) {
  std::size_t turns = 0;
  for (const auto& action : trace.actions) {
    if (action.agent == party && ++turns == (party == 0 ? 3u : 2u)) return action.step;
  }
  return trace.actions.empty() ? 0 : trace.actions.back().step + 1;
}

// Another negotiator in its seat parts from the record (after the same opening).
TEST(GeniusNozomi, MatchesEveryTraceUpToItsFirstDraw) {
  testing::ExpectMatchesUpToFirstDraw(kRecorded, "nozomi", FirstPossibleDraw, "time(e=0.2)", false);
}

TEST(GeniusNozomi, TakesTheOriginalsDecisionsWithTheRecordedOffers) {
  testing::ExpectEveryDecisionWithRecordedOffers(kRecorded, "nozomi", "conceder",
                                                 testing::ShownAndOwnBeforeFirstDraw(FirstPossibleDraw));
}

// 30 seeded runs against `boulware` (GENIUS's TimeDependentAgentBoulware) on CarA, 200 rounds:
// agreement rate, mean end round and mean utilities inside the 95% intervals of GENIUS's 30 runs.
TEST(GeniusNozomi, OutcomesOnCarAFallInsideGeniusRepeatedRuns) {
  testing::ExpectInsideRepeatedRuns(kAgent, "nozomi", 30);
}

}  // namespace
}  // namespace parley
