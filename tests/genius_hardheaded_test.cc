// Differential tests of `hardheaded` against agents.anac.y2011.HardHeaded.KLH of GENIUS 9.1.10,
// from the sessions GENIUS recorded in ../shared/genius-traces (its README gives the format and
// the rules): the port replays each of KLH's recorded sessions with the opponent scripted from
// the record (genius_port_checks.h). KLH draws from an unseeded java.util.Random, so a session is
// compared step by step only up to KLH's first random choice that can change what it does, and
// its outcomes are compared as a distribution over repeated runs (repeated-runs.json).
#include <gtest/gtest.h>

#include "genius_port_checks.h"
#include "genius_repeated_runs.h"

namespace parley::testing {
namespace {

// KLH's one random choice: when the bid below its last offer in its list falls under its target,
// it offers one of its earlier offers, drawn uniformly. The draw matters once those are not all
// the same bid. The steps below are that first draw among distinct bids, found by following the
// original's rules along each record (and confirmed by running the original with a dozen seeds
// on the record's opponent actions, which part there and not before).
const std::vector<RecordedSession> kSessions = {
    {"CarA__KLH__TimeDependentAgentBoulware.jsonl.gz", 0, 59,
     "its 30th offer draws one of its 29 earlier offers (GENIUS's own same-seed rerun parts there too, "
     "determinism.json)"},
    {"CarA__KLH__TimeDependentAgentHardliner.jsonl.gz", 0, 59, "its 30th offer draws one of its 29 earlier offers"},
    {"CarA__TimeDependentAgentBoulware__KLH.jsonl.gz", 1, 56, "its 28th offer draws one of its 27 earlier offers"},
    {"CarA__TimeDependentAgentHardliner__KLH.jsonl.gz", 1, 56, "its 28th offer draws one of its 27 earlier offers"},
    {"Grocery__KLH__TimeDependentAgentBoulware.jsonl.gz", 0, 301,
     "from its 2nd offer on it draws at every refill, among copies of its best bid until its 150th offer (step "
     "299) is another; its 151st is the first draw among distinct bids"},
    {"Grocery__KLH__TimeDependentAgentHardliner.jsonl.gz", 0, 313,
     "its 157th offer is the first draw among earlier offers that are not all its best bid"},
    {"Travel__KLH__TimeDependentAgentBoulware.jsonl.gz", 0, 13, "its 7th offer draws one of its 6 earlier offers"},
    {"Travel__KLH__TimeDependentAgentHardliner.jsonl.gz", 0, 13, "its 7th offer draws one of its 6 earlier offers"},
};

TEST(GeniusHardHeaded, FollowsEveryRecordedSessionUpToItsFirstRandomChoice) {
  ExpectFollowsRecordedSessions("KLH", "agents.anac.y2011.HardHeaded.KLH", "hardheaded", kSessions);
}

// Agreement rate, end round and utilities of 300 seeded runs against GENIUS's Boulware on CarA,
// inside the 95% intervals of GENIUS's 30 runs of KLH.
TEST(GeniusHardHeaded, OutcomesOfRepeatedRunsMatchTheOriginals) { ExpectInsideRepeatedRuns("KLH", "hardheaded", 300); }

}  // namespace
}  // namespace parley::testing
