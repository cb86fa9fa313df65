// The port `thefawkes` against GENIUS 9.1.10's own runs of agents.anac.y2013.TheFawkes.TheFawkes,
// a deterministic agent: its eight recorded sessions (CarA with it first and second, Travel and
// Animal with it first, each against TimeDependentAgentBoulware and TimeDependentAgentHardliner),
// replayed through Parley's saop with the other party scripted, must match step by step and in
// rounds, agreement and utilities at the end (genius_port_checks.h).
#include <gtest/gtest.h>

#include "genius_port_checks.h"

namespace parley::testing {
namespace {

TEST(GeniusTheFawkes, ReproducesEveryRecordedSession) { ExpectEveryTraceReproduced("TheFawkes", "thefawkes", 8); }

}  // namespace
}  // namespace parley::testing
