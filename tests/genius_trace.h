// Recorded GENIUS sessions (../shared/genius-traces, described in its README.md) read into
// structs, and replayed through Parley's own `saop` protocol to check a port of a GENIUS agent
// step by step: the party under test is Parley's port, every other party replays its recorded
// actions in order, and the first step where Parley and GENIUS part is reported. This is the base
// of every differential test of a port; genius_port_checks.h says which check to build on it.
//
// Test-only. Reading throws InputError ("<file>:<line>: <what was expected>"); replaying throws
// UsageError for a party or spec that cannot be run. Not thread-safe beyond what the protocol is.
#ifndef PARLEY_TESTS_GENIUS_TRACE_H_
#define PARLEY_TESTS_GENIUS_TRACE_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "parley/negotiator.h"
#include "parley/scenario.h"

namespace parley::testing {

// A bid as GENIUS logs it: issue name and value name, in the order of the log line.
using GeniusBid = std::vector<std::pair<std::string, std::string>>;

// The `session_start` line (schema 2; fields older logs lack keep their defaults).
struct GeniusTraceStart {
  std::string domain;                 // relative to the scenarios folder
  std::vector<std::string> profiles;  // relative to the scenarios folder, in party order
  std::vector<std::string> agents;    // fully qualified class names
  std::vector<std::string> ids;
  std::string protocol;
  std::uint64_t deadline_rounds = 0;
  std::vector<double> reserved_value;
  std::vector<double> discount_factor;
  std::size_t n_parties = 0;
  std::vector<std::string> api;  // "new" or "old"
  std::int64_t seed = 0;
  std::vector<bool> seed_used;
  std::string genius_version;
  int schema = 1;
  bool deterministic = true;
};

struct GeniusTraceAction {
  std::uint64_t round = 0;  // 1-based
  std::uint64_t turn = 0;   // 1-based within the round
  std::uint64_t step = 0;   // 1-based
  double time = 0.0;
  std::size_t agent = 0;
  std::string agent_id;
  ActionType action = ActionType::kOffer;
  GeniusBid bid;  // empty for EndNegotiation
  std::vector<double> util;
  std::vector<double> util_disc;
  bool agreement = false;
};

struct GeniusTraceEnd {
  std::uint64_t rounds = 0;
  std::uint64_t actions = 0;
  double end_time = 0.0;
  bool has_agreement = false;
  std::optional<GeniusBid> agreement;
  std::vector<double> util;
  std::vector<double> util_disc;
};

struct GeniusTrace {
  std::filesystem::path path;
  GeniusTraceStart start;
  std::vector<GeniusTraceAction> actions;
  std::optional<GeniusTraceEnd> end;   // absent when the session failed
  std::optional<std::string> failure;  // the `session_failed` error
};

// Reads a .jsonl.gz (or plain .jsonl) trace. Throws InputError naming the file and line.
GeniusTrace ReadGeniusTrace(const std::filesystem::path& path);

// ../shared/genius-traces beside the repository; may not exist (tests then skip).
std::filesystem::path GeniusTraceFolder();

// The trace files (full paths, in index order) in which `agent` (a short GENIUS class name such
// as "TimeDependentAgentBoulware") plays, from the folder's index.json; with `only_ok`, only the
// sessions that ended normally. Throws InputError for a missing or malformed index.
std::vector<std::filesystem::path> TracesOfAgent(const std::string& agent, bool only_ok = true,
                                                 const std::filesystem::path& folder = GeniusTraceFolder());

// An agent's seat in one recorded session.
struct GeniusSeat {
  std::filesystem::path file;
  std::size_t party = 0;
};

// The party that `agent_class` (fully qualified) plays in the trace; the party count when none.
std::size_t SeatOf(const GeniusTrace& trace, const std::string& agent_class);

// The recorded sessions of one GENIUS agent, as the traces' README counts them.
struct RecordedAgent {
  std::string name;                // short class name, as in index.json and the file names
  std::string agent_class;         // fully qualified
  std::size_t ended_normally = 0;  // its sessions that ended normally
  std::size_t recorded = 0;        // and all that left a trace, the ones GENIUS aborted included
  bool with_aborted = false;       // whether SeatsOf lists the aborted ones too
};

// A multilateral ANAC agent (2015-2018) as party 0 in its five recorded sessions: CarA against
// TimeDependentAgentBoulware, Dinner and SmartGrid against two BoulwareNegotiationParty (these
// three ended normally) and against two TimeDependentAgentBoulware (which GENIUS aborted).
RecordedAgent MultilateralAgent(const std::string& name, const std::string& agent_class);

// The agent's seat in each of its sessions, in index order. Expects (EXPECT_EQ) the counts the
// agent states, and a seat of the agent in each session.
std::vector<GeniusSeat> SeatsOf(const RecordedAgent& agent);

// The trace's scenario, its profiles in the trace's party order, loaded from `scenarios` (default
// ../shared/scenarios). Throws InputError when a profile is missing.
Scenario LoadTraceScenario(const GeniusTrace& trace, const std::filesystem::path& scenarios = {});

// A recorded bid as an outcome of `space`. Throws InputError naming the issue or value the space
// lacks, or the issue the bid leaves out.
Outcome ToOutcome(const OutcomeSpace& space, const GeniusBid& bid);

// How a run compared with a trace.
struct TraceComparison {
  bool match = false;
  std::uint64_t steps_compared = 0;  // recorded actions found equal
  // The first difference, when !match: where (GENIUS's 1-based step and round, and its time) and
  // what (a sentence with the expected and the actual action, bid or number).
  std::uint64_t step = 0;
  std::uint64_t round = 0;
  double time = 0.0;
  std::string difference;
  // Why the comparison stopped short of the recorded end although everything compared matched:
  // the recorded session failed (session_failed), so nothing after it can be compared.
  std::string note;

  // One readable paragraph: the trace, then "matches" or the difference with its place.
  std::string Describe(const GeniusTrace& trace) const;
};

// Runs Parley's `saop` on the trace's scenario and deadline with party `party` created from
// `negotiator_spec` (its seed the trace's seed) and every other party replaying its recorded
// actions in order, then compares action by action: time and round of every step, the party
// under test's action type and bid, every party's utility of each bid and the party under test's
// discounted utility (1e-12), and at the end rounds, agreement and utilities.
// `scenarios` is the folder the trace's paths are relative to (default ../shared/scenarios).
TraceComparison ReplayAgainstTrace(const GeniusTrace& trace, std::size_t party, const std::string& negotiator_spec,
                                   const std::filesystem::path& scenarios = {});

// Runs every party natively from `specs` (one per party, all seeded with the trace's seed) and
// compares the whole run with the trace as above, every party's actions included.
TraceComparison RunTraceNatively(const GeniusTrace& trace, const std::vector<std::string>& specs,
                                 const std::filesystem::path& scenarios = {});

// For EXPECT_TRUE / ASSERT_TRUE: success on a match, else the described difference.
::testing::AssertionResult MatchesTrace(const GeniusTrace& trace, const TraceComparison& comparison);

}  // namespace parley::testing

#endif  // PARLEY_TESTS_GENIUS_TRACE_H_
