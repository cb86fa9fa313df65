// Differential tests of `iamhaggler` against GENIUS 9.1.10 running the original
// (agents.anac.y2010.Southampton.IAMhaggler): every recorded session of it in
// ../shared/genius-traces (CarA as party 0 and as party 1, Travel and ItexvsCypress as party 0,
// each against TimeDependentAgentBoulware and TimeDependentAgentHardliner), replayed with the
// opponent scripted from the record (genius_port_checks.h). The port must take the same action
// with the same bid at every step, see the same times and utilities, and end the same way. The
// original makes no random choice on these all-discrete domains, and GENIUS's same-seed rerun
// reproduced it.
#include <gtest/gtest.h>

#include "genius_port_checks.h"

namespace parley::testing {
namespace {

TEST(GeniusIAMhaggler, EveryRecordedSessionStepByStep) { ExpectEveryTraceReproduced("IAMhaggler", "iamhaggler", 8); }

}  // namespace
}  // namespace parley::testing
