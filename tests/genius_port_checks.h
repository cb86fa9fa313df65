// The step-by-step differential checks of Parley's ports of GENIUS agents against the sessions
// GENIUS recorded (../shared/genius-traces, README.md there), one test file per port
// (tests/genius_<agent>_test.cc). Which to use for which kind of port:
// - deterministic original (the README's table says "yes"), seeded or not: ExpectEveryTraceReproduced,
//   every session matched to its end;
// - original seeded only in part, or unseeded: the record followed up to the original's first
//   random choice, found by reading the source: ExpectFollowsRecordedSessions (a table of the step
//   in each session) or ExpectMatchesUpToFirstDraw (a rule that reads it off the trace); or, where
//   every random choice is one of its own offers, ExpectFirstDifferenceIsOwnOffer;
// - then every decision past that point, with the port's offers replaced by the recorded ones
//   (genius_recorded_offers.h): ExpectEveryDecisionWithRecordedOffers, with any offer replaced when
//   its offers are arbitrary, with a tolerance when they are equivalent (equally good bids), with
//   ExpectFirstDifferenceIsFirstReplacement to show the plain replay parts only there; the worth of
//   the port's own offers, noted before they are replaced: ForEachPortOffer;
// - outcomes over repeated seeded runs against GENIUS's repeated-runs.json, and the worth of its
//   offers over seeds along a record: genius_repeated_runs.h;
// - no trace of the agent (a sub-agent GENIUS never ran alone): scripted sessions on CarA
//   (genius_scripted_sessions.h), with expectations derived by hand from the original's source or
//   printed by the original's class driven through the same session.
// Every check replays each session with the port in the original's seat and the other parties
// scripted from the record (genius_trace.h); contrasts (another negotiator in the seat must part
// from the record) show that a comparison sees differences. Each check skips (GTEST_SKIP) without
// the traces folder. Test-only, header-only.
#ifndef PARLEY_TESTS_GENIUS_PORT_CHECKS_H_
#define PARLEY_TESTS_GENIUS_PORT_CHECKS_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "genius_recorded_offers.h"
#include "genius_trace.h"

namespace parley::testing {

// Deterministic originals: every session that ended normally in which `genius_agent` (the short
// class name) plays, `traces_expected` of them, must be reproduced step by step and at the end in
// each of its seats; Parley's `time(e=0.2)` in the first seat must not.
inline void ExpectEveryTraceReproduced(const std::string& genius_agent, const std::string& spec,
                                       std::size_t traces_expected) {
  if (!std::filesystem::exists(GeniusTraceFolder())) GTEST_SKIP() << "no " << GeniusTraceFolder();
  const auto paths = TracesOfAgent(genius_agent);
  EXPECT_EQ(paths.size(), traces_expected);
  bool contrasted = false;
  for (const auto& path : paths) {
    const GeniusTrace trace = ReadGeniusTrace(path);
    SCOPED_TRACE(path.filename().string());
    EXPECT_TRUE(trace.start.deterministic);
    for (std::size_t party = 0; party < trace.start.agents.size(); ++party) {
      const std::string& agent = trace.start.agents[party];
      if (agent.substr(agent.rfind('.') + 1) != genius_agent) continue;
      EXPECT_TRUE(MatchesTrace(trace, ReplayAgainstTrace(trace, party, spec)));
      if (!contrasted) {
        EXPECT_FALSE(MatchesTrace(trace, ReplayAgainstTrace(trace, party, "time(e=0.2)")));
        contrasted = true;
      }
    }
  }
}

// Replays the trace with `spec` as `party`: it must match up to the original's first random choice
// at `first_choice` (0: none, it must match to the end), `why` saying what that choice is.
inline TraceComparison ExpectMatchesUpTo(const GeniusTrace& trace, std::size_t party, const std::string& spec,
                                         std::uint64_t first_choice, const std::string& why) {
  const TraceComparison comparison = ReplayAgainstTrace(trace, party, spec);
  std::cout << comparison.Describe(trace) << " (first possible random choice at step " << first_choice << ")\n";
  if (first_choice == 0) {
    EXPECT_TRUE(MatchesTrace(trace, comparison)) << why;
  } else if (!comparison.match) {
    EXPECT_GE(comparison.step, first_choice)
        << comparison.Describe(trace) << "\nbefore its first random choice at step " << first_choice << ": " << why;
  }
  return comparison;
}

// One recorded session of the agent and the step of the original's first random choice that can
// matter in it (0: none in the whole session), with the reason.
struct RecordedSession {
  const char* file;
  std::size_t party;  // the agent's position
  std::uint64_t first_random_step;
  const char* why;
};

// Every session of `agent` (short name; `agent_class` the full one) that ended normally must be in
// `sessions`, and each must match up to its first random choice (ExpectMatchesUpTo).
inline void ExpectFollowsRecordedSessions(const std::string& agent, const std::string& agent_class,
                                          const std::string& spec, const std::vector<RecordedSession>& sessions) {
  if (!std::filesystem::is_directory(GeniusTraceFolder())) GTEST_SKIP() << "no " << GeniusTraceFolder();
  std::size_t listed = 0;
  for (const auto& path : TracesOfAgent(agent)) {
    ++listed;
    bool found = false;
    for (const auto& session : sessions) found = found || path.filename() == session.file;
    EXPECT_TRUE(found) << path << " is not in the table";
  }
  EXPECT_EQ(listed, sessions.size());
  for (const auto& session : sessions) {
    const GeniusTrace trace = ReadGeniusTrace(GeniusTraceFolder() / session.file);
    ASSERT_EQ(trace.start.agents[session.party], agent_class) << session.file;
    ExpectMatchesUpTo(trace, session.party, spec, session.first_random_step, session.why);
  }
}

// The GENIUS step of the agent's first turn that may draw, given the trace and the agent's seat.
using FirstDraw = std::function<std::uint64_t(const GeniusTrace&, std::size_t party)>;

// Every session of `agent` must match up to its first possible draw. `contrast` (a spec; empty:
// none), in the seat of the first session, must not match it; with `contrast_before_draw`, not
// even up to the draw (false where both open alike, as time-based agents and Nozomi do with their
// best bid).
inline void ExpectMatchesUpToFirstDraw(const RecordedAgent& agent, const std::string& spec, const FirstDraw& first_draw,
                                       const std::string& contrast = "", bool contrast_before_draw = false) {
  if (!std::filesystem::is_directory(GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  bool contrasted = contrast.empty();
  for (const GeniusSeat& seat : SeatsOf(agent)) {
    const GeniusTrace trace = ReadGeniusTrace(seat.file);
    const std::uint64_t draw = first_draw(trace, seat.party);
    ExpectMatchesUpTo(trace, seat.party, spec, draw, "its first possible draw");
    if (!contrasted) {
      const TraceComparison other = ReplayAgainstTrace(trace, seat.party, contrast);
      EXPECT_FALSE(other.match);
      if (contrast_before_draw) {
        EXPECT_LT(other.step, draw) << other.Describe(trace);
      }
      contrasted = true;
    }
  }
}

// Whether the recorded action at GENIUS step `step` is an offer of `party`'s.
inline bool IsOwnOffer(const GeniusTrace& trace, std::size_t party, std::uint64_t step) {
  for (const auto& action : trace.actions) {
    if (action.step == step) return action.agent == party && action.action == ActionType::kOffer;
  }
  return false;
}

// Replays every session of `agent` with `spec` in its seat and, where the replay parts from the
// record, calls on_difference(trace, party, comparison) to judge the first difference.
template <typename OnDifference>
void ForEachFirstDifference(const RecordedAgent& agent, const std::string& spec, OnDifference on_difference) {
  for (const GeniusSeat& seat : SeatsOf(agent)) {
    const GeniusTrace trace = ReadGeniusTrace(seat.file);
    const TraceComparison comparison = ReplayAgainstTrace(trace, seat.party, spec);
    std::cout << comparison.Describe(trace) << "\n";
    if (!comparison.match) on_difference(trace, seat.party, comparison);
  }
}

// Where every random choice of the original is one of its own offers: in every session, the first
// difference from GENIUS, if any, must be one of the agent's offers, never an accept or an offer
// the original could not have drawn differently.
inline void ExpectFirstDifferenceIsOwnOffer(const RecordedAgent& agent, const std::string& spec) {
  if (!std::filesystem::is_directory(GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  ForEachFirstDifference(agent, spec, [](const GeniusTrace& trace, std::size_t party, const TraceComparison& at) {
    EXPECT_TRUE(IsOwnOffer(trace, party, at.step)) << at.Describe(trace);
  });
}

// Sets up a session's recorded offers before the replay: marks those the port must make itself
// (RecordedOffers::deterministic), and may change the rule (tolerance, shown_to_port, band).
using PrepareOffers = std::function<void(const GeniusTrace&, std::size_t party, RecordedOffers&)>;

// For ports whose later decisions depend on the bids they offered (Yushu, Nozomi): each
// replacement shown to the port, and its offers before its first possible draw marked as its own.
inline PrepareOffers ShownAndOwnBeforeFirstDraw(FirstDraw first_draw) {
  return [first_draw](const GeniusTrace& trace, std::size_t party, RecordedOffers& offers) {
    offers.shown_to_port = true;
    const std::uint64_t draw = first_draw(trace, party);
    for (const auto& [step, bid] : offers.by_step) {
      if (step < draw) offers.deterministic.insert(step);
    }
  };
}

// Replays the session with `spec`'s offers replaced by the recorded ones, prepared by `prepare`:
// it must match the trace to the end, with no marked offer replaced and, under a tolerance, every
// offer of the port's within it. Returns the offers, with the counts of the replay.
inline RecordedOffers ExpectTakesEveryDecision(const GeniusTrace& trace, std::size_t party, const std::string& spec,
                                               const PrepareOffers& prepare = {}) {
  RecordedOffers offers = ReadRecordedOffers(trace, party);
  if (prepare) prepare(trace, party, offers);
  EXPECT_TRUE(MatchesTrace(trace, ReplayWithRecordedOffers(trace, party, spec, offers)));
  EXPECT_EQ(offers.replaced_deterministic, 0) << trace.path.filename().string();
  EXPECT_EQ(offers.unequal, 0) << trace.path.filename().string();
  return offers;
}

// ExpectTakesEveryDecision on every session of `agent`. `contrast` (a spec; empty: none),
// with the same offers replaced (unprepared), in the seat of the first session, must not match it.
inline void ExpectEveryDecisionWithRecordedOffers(const RecordedAgent& agent, const std::string& spec,
                                                  const std::string& contrast, const PrepareOffers& prepare = {}) {
  if (!std::filesystem::is_directory(GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  bool contrasted = contrast.empty();
  for (const GeniusSeat& seat : SeatsOf(agent)) {
    const GeniusTrace trace = ReadGeniusTrace(seat.file);
    ExpectTakesEveryDecision(trace, seat.party, spec, prepare);
    if (!contrasted) {
      RecordedOffers same = ReadRecordedOffers(trace, seat.party);
      EXPECT_FALSE(MatchesTrace(trace, ReplayWithRecordedOffers(trace, seat.party, contrast, same)));
      contrasted = true;
    }
  }
}

// Where the port's offers are replaced under a rule: in every session the plain replay must match,
// or part first at the step of the first replacement (the first offer the rule lets differ), which
// must not be one the port makes itself.
inline void ExpectFirstDifferenceIsFirstReplacement(const RecordedAgent& agent, const std::string& spec,
                                                    const PrepareOffers& prepare) {
  if (!std::filesystem::is_directory(GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  ForEachFirstDifference(agent, spec, [&](const GeniusTrace& trace, std::size_t party, const TraceComparison& at) {
    RecordedOffers offers = ReadRecordedOffers(trace, party);
    prepare(trace, party, offers);
    ReplayWithRecordedOffers(trace, party, spec, offers);
    EXPECT_EQ(at.step, offers.first_replaced) << at.Describe(trace);
    EXPECT_EQ(offers.deterministic.count(at.step), 0u) << at.Describe(trace);
  });
}

// Replays every session of `agent` with `spec`'s offers replaced by the recorded ones (each replay
// must match the trace) and calls check(trace, recorded action, port's utility of its own offer)
// for each offer the port made, as it made it; returns how many it compared.
template <typename Check>
int ForEachPortOffer(const RecordedAgent& agent, const std::string& spec, Check check) {
  int compared = 0;
  for (const GeniusSeat& seat : SeatsOf(agent)) {
    const GeniusTrace trace = ReadGeniusTrace(seat.file);
    RecordedOffers offers = ReadRecordedOffers(trace, seat.party);
    EXPECT_TRUE(MatchesTrace(trace, ReplayWithRecordedOffers(trace, seat.party, spec, offers)));
    for (const auto& [step, utility] : offers.port_offers) {
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

#endif  // PARLEY_TESTS_GENIUS_PORT_CHECKS_H_
