// Differential tests of ports of GENIUS agents that draw unseeded random numbers. Step by step:
// each recorded session of the agent is replayed (genius_trace.h) and must match up to the
// original's first random choice that can change what it does. As a distribution: the original's
// recorded repeated runs (../shared/genius-traces/repeated-runs.json: N sessions of CarA, the
// agent as party 0 against agents.TimeDependentAgentBoulware, 200 rounds) give 95% intervals for
// the agreement rate (Wilson score interval) and for the mean end round and mean utilities
// (Student t interval); the port's rate and means over its own seeded runs, in Parley's SAOP
// against `boulware`, must fall inside them. Header-only, for the tests of each such port.
#ifndef PARLEY_TESTS_GENIUS_UNSEEDED_AGENTS_H_
#define PARLEY_TESTS_GENIUS_UNSEEDED_AGENTS_H_

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "genius_trace.h"
#include "parley/protocol.h"
#include "parley/scenario_format.h"
#include "test_support.h"

namespace parley::testing {

// One recorded session of the agent and the step of the original's first random choice that can
// matter in it (0: none in the whole session), with the reason.
struct RecordedSession {
  const char* file;
  std::size_t party;  // the agent's position
  std::uint64_t first_random_step;
  const char* why;
};

// Replays every session with `spec` in the agent's seat: all of the agent's recorded sessions
// (`agent` is its short GENIUS name, `agent_class` the full one) must be listed, each must match
// up to its first random choice, and a session without one must match to the end.
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
    const TraceComparison comparison = ReplayAgainstTrace(trace, session.party, spec);
    if (session.first_random_step == 0) {
      EXPECT_TRUE(MatchesTrace(trace, comparison)) << session.why;
    } else if (!comparison.match) {
      EXPECT_GE(comparison.step, session.first_random_step)
          << comparison.Describe(trace) << "\nbefore its first random choice at step " << session.first_random_step
          << ": " << session.why;
    }
  }
}

struct Interval {
  double low, high;
};

// 95% Wilson score interval of a proportion of `successes` in `n`.
inline Interval WilsonInterval(std::size_t successes, std::size_t n) {
  const double z = 1.959963984540054, p = static_cast<double>(successes) / static_cast<double>(n);
  const double nn = static_cast<double>(n), centre = (p + z * z / (2 * nn)) / (1 + z * z / nn);
  const double half = z * std::sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn)) / (1 + z * z / nn);
  return {centre - half, centre + half};
}

// 95% Student t interval of the mean of `values` (t quantile by the Cornish-Fisher expansion,
// within 1e-3 of the tables from 10 degrees of freedom on).
inline Interval MeanInterval(const std::vector<double>& values) {
  const double n = static_cast<double>(values.size()), z = 1.959963984540054, df = n - 1;
  double mean = 0.0, squares = 0.0;
  for (double v : values) mean += v / n;
  for (double v : values) squares += (v - mean) * (v - mean);
  const double sd = std::sqrt(squares / df);
  const double t = z + (z * z * z + z) / (4 * df) + (5 * std::pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * df * df);
  return {mean - t * sd / std::sqrt(n), mean + t * sd / std::sqrt(n)};
}

// Runs `spec` (party 0) against `boulware` on CarA, seeds 1..runs, and checks the agreement rate,
// mean end round and mean undiscounted utilities of both parties (the reservation value without
// agreement, as GENIUS records) against the intervals of `agent`'s recorded runs.
inline void ExpectInsideRepeatedRuns(const std::string& agent, const std::string& spec, std::uint64_t runs) {
  const std::filesystem::path file = SharedScenarios().parent_path() / "genius-traces" / "repeated-runs.json";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "no " << file;
  std::ifstream in(file);
  const nlohmann::json recorded = nlohmann::json::parse(in).at("agents").at(agent);
  ASSERT_EQ(recorded.at("opponent"), "agents.TimeDependentAgentBoulware");
  ASSERT_EQ(recorded.at("deadline_rounds"), 200);
  std::vector<double> end_rounds, utilities[2];
  std::size_t agreements = 0;
  for (const auto& run : recorded.at("runs")) {
    end_rounds.push_back(run.at("end_round").get<double>());
    agreements += run.at("has_agreement").get<bool>();
    for (std::size_t p = 0; p < 2; ++p) utilities[p].push_back(run.at("util").at(p).get<double>());
  }
  const Scenario scenario = LoadScenario((SharedScenarios() / recorded.at("scenario").get<std::string>()).string());
  NegotiationOptions options;
  options.rounds = 200;
  options.record_trace = false;
  double port_agreements = 0.0, port_end_round = 0.0, port_utility[2] = {0.0, 0.0};
  for (std::uint64_t seed = 1; seed <= runs; ++seed) {
    options.seed = seed;
    const NegotiationResult result = RunNegotiation(scenario, {spec, "boulware"}, options);
    ASSERT_FALSE(result.fault.has_value()) << result.fault->message;
    port_agreements += result.agreement ? 1.0 : 0.0;
    port_end_round += static_cast<double>(result.rounds);
    for (std::size_t p = 0; p < 2; ++p) port_utility[p] += result.undiscounted_utilities[p];
  }
  const double n = static_cast<double>(runs);
  const auto expect_inside = [](const char* what, double value, Interval interval) {
    EXPECT_TRUE(value >= interval.low - 1e-12 && value <= interval.high + 1e-12)
        << what << ": the port's " << value << " is outside the original's 95% interval [" << interval.low << ", "
        << interval.high << "]";
  };
  expect_inside("agreement rate", port_agreements / n, WilsonInterval(agreements, end_rounds.size()));
  expect_inside("mean end round", port_end_round / n, MeanInterval(end_rounds));
  expect_inside("mean utility of party 0", port_utility[0] / n, MeanInterval(utilities[0]));
  expect_inside("mean utility of party 1", port_utility[1] / n, MeanInterval(utilities[1]));
}

}  // namespace parley::testing

#endif  // PARLEY_TESTS_GENIUS_UNSEEDED_AGENTS_H_
