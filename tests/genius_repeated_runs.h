// Distribution checks of ports of GENIUS agents that draw unseeded random numbers, over seeded
// runs of the port:
// - outcomes: GENIUS's 30 recorded sessions of repeated-runs.json beside the traces (CarA, the agent
//   as party 0 against TimeDependentAgentBoulware), and the 95% intervals a port's seeded runs are
//   held to (ExpectInsideRepeatedRuns, the only such check): Wilson's score interval for the
//   agreement rate, Student's t interval for the mean of the end round and of each utility. The
//   opponent must be GENIUS's Boulware (RepeatedRunsUnavailable);
// - offer levels: how good the port's own offers are, to itself, when it answers the other party's
//   recorded offers at each of its recorded turns, averaged over seeds, beside how good the
//   original's recorded offers were (LargestWindowGap).
// Test-only, header-only; reading throws InputError naming the file.
#ifndef PARLEY_TESTS_GENIUS_REPEATED_RUNS_H_
#define PARLEY_TESTS_GENIUS_REPEATED_RUNS_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "genius_trace.h"
#include "parley/error.h"
#include "parley/negotiator.h"
#include "parley/protocol.h"

namespace parley::testing {

// Outcomes of repeated sessions: per session whether it agreed, its end round and each party's
// undiscounted and discounted utility.
struct OutcomeSample {
  std::vector<bool> agreement;
  std::vector<double> end_round;
  std::vector<std::vector<double>> util;       // [party][session]
  std::vector<std::vector<double>> util_disc;  // [party][session]

  void Add(bool agreed, double round, const std::vector<double>& utilities, const std::vector<double>& discounted) {
    agreement.push_back(agreed);
    end_round.push_back(round);
    util.resize(utilities.size());
    util_disc.resize(discounted.size());
    for (std::size_t p = 0; p < utilities.size(); ++p) util[p].push_back(utilities[p]);
    for (std::size_t p = 0; p < discounted.size(); ++p) util_disc[p].push_back(discounted[p]);
  }
  std::size_t size() const { return agreement.size(); }
};

inline OutcomeSample ReadRepeatedRuns(const std::filesystem::path& file, const std::string& agent) {
  std::ifstream in(file);
  if (!in) throw InputError(fmt::format("{}: cannot be read", file.string()));
  const nlohmann::json json = nlohmann::json::parse(in, nullptr, false);
  if (json.is_discarded() || !json.contains("agents") || !json["agents"].contains(agent)) {
    throw InputError(fmt::format("{}: expected agents.{} in a JSON object", file.string(), agent));
  }
  OutcomeSample sample;
  for (const auto& run : json["agents"][agent].at("runs")) {
    sample.Add(run.at("has_agreement").get<bool>(), run.at("end_round").get<double>(),
               run.at("util").get<std::vector<double>>(), run.at("util_disc").get<std::vector<double>>());
  }
  return sample;
}

struct Interval {
  double low = 0.0;
  double high = 0.0;
  // A degenerate interval (every recorded run alike) admits rounding differences only.
  bool Contains(double x) const { return x >= low - 1e-9 && x <= high + 1e-9; }
};

// The repeated runs were played against TimeDependentAgentBoulware, so a port's runs are compared
// with them only once Parley's `boulware` is that agent: when it replays GENIUS's own Boulware
// against Boulware session on CarA, both parties native, action for action. Empty when it does,
// else why not (for GTEST_SKIP).
inline std::string BoulwareIsNotGenius(const std::filesystem::path& folder) {
  const GeniusTrace trace =
      ReadGeniusTrace(folder / "CarA__TimeDependentAgentBoulware__TimeDependentAgentBoulware.jsonl.gz");
  const TraceComparison comparison = RunTraceNatively(trace, {"boulware", "boulware"});
  if (comparison.match) return {};
  return "`boulware` is not GENIUS's TimeDependentAgentBoulware yet: " + comparison.Describe(trace);
}

// Why the repeated runs cannot be compared here (for GTEST_SKIP), empty when they can: the traces
// folder is missing, or BoulwareIsNotGenius.
inline std::string RepeatedRunsUnavailable() {
  const std::filesystem::path folder = GeniusTraceFolder();
  if (!std::filesystem::is_directory(folder)) return "no GENIUS traces";
  return BoulwareIsNotGenius(folder);
}

inline double Mean(const std::vector<double>& values) {
  double sum = 0.0;
  for (double v : values) sum += v;
  return values.empty() ? 0.0 : sum / static_cast<double>(values.size());
}

inline double AgreementRate(const OutcomeSample& sample) {
  double agreed = 0.0;
  for (bool a : sample.agreement) agreed += a ? 1.0 : 0.0;
  return sample.size() ? agreed / static_cast<double>(sample.size()) : 0.0;
}

constexpr double kZ95 = 1.959963984540054;

// Wilson's score interval for a proportion.
inline Interval WilsonInterval(double rate, double n) {
  const double z2 = kZ95 * kZ95;
  const double centre = (rate + z2 / (2.0 * n)) / (1.0 + z2 / n);
  const double half = kZ95 / (1.0 + z2 / n) * std::sqrt(rate * (1.0 - rate) / n + z2 / (4.0 * n * n));
  return {centre - half, centre + half};
}

// Student's t interval for a mean; the 97.5% quantile from the Cornish-Fisher expansion in 1/df
// (2.045 for 29 degrees of freedom, as the tables give).
inline Interval MeanInterval(const std::vector<double>& values) {
  const double n = static_cast<double>(values.size());
  const double mean = Mean(values);
  double squares = 0.0;
  for (double v : values) squares += (v - mean) * (v - mean);
  const double sd = n > 1.0 ? std::sqrt(squares / (n - 1.0)) : 0.0;
  const double df = n - 1.0;
  const double z = kZ95;
  const double t =
      z + (z * z * z + z) / (4.0 * df) + (5.0 * std::pow(z, 5) + 16.0 * z * z * z + 3.0 * z) / (96.0 * df * df);
  const double half = t * sd / std::sqrt(n);
  return {mean - half, mean + half};
}

// Plays `runs` seeded negotiations (seeds 1..runs) of `port_spec` as party 0 against `boulware` on
// the scenario and deadline of GENIUS's session of `agent` (the short class name) against Boulware
// on CarA and checks that the agreement rate, mean end round and mean utilities of each party fall
// inside the 95% intervals of GENIUS's repeated runs of `agent`. Skips when RepeatedRunsUnavailable.
inline void ExpectInsideRepeatedRuns(const std::string& agent, const std::string& port_spec, std::uint64_t runs) {
  if (const std::string why = RepeatedRunsUnavailable(); !why.empty()) GTEST_SKIP() << why;
  const std::filesystem::path folder = GeniusTraceFolder();
  const OutcomeSample genius = ReadRepeatedRuns(folder / "repeated-runs.json", agent);
  ASSERT_EQ(genius.size(), 30u);
  const GeniusTrace trace = ReadGeniusTrace(folder / ("CarA__" + agent + "__TimeDependentAgentBoulware.jsonl.gz"));
  const Scenario scenario = LoadTraceScenario(trace);
  OutcomeSample port;
  for (std::uint64_t seed = 1; seed <= runs; ++seed) {
    NegotiationOptions options;
    options.rounds = trace.start.deadline_rounds;
    options.seed = seed;
    options.record_trace = false;
    const NegotiationResult result = RunNegotiation(scenario, {port_spec, "boulware"}, options);
    ASSERT_FALSE(result.fault.has_value()) << result.fault->message;
    port.Add(result.agreement.has_value(), static_cast<double>(result.rounds), result.undiscounted_utilities,
             result.utilities);
  }
  const Interval rate = WilsonInterval(AgreementRate(genius), static_cast<double>(genius.size()));
  EXPECT_TRUE(rate.Contains(AgreementRate(port)))
      << "agreement rate " << AgreementRate(port) << " outside [" << rate.low << ", " << rate.high << "]";
  const auto check = [](const std::string& what, const std::vector<double>& recorded,
                        const std::vector<double>& ported) {
    const Interval interval = MeanInterval(recorded);
    const double mean = Mean(ported);
    std::cout << what << ": GENIUS mean " << Mean(recorded) << " in [" << interval.low << ", " << interval.high
              << "], port mean " << mean << "\n";
    EXPECT_TRUE(interval.Contains(mean)) << what << ": port mean " << mean << " outside [" << interval.low << ", "
                                         << interval.high << "]";
  };
  check("end round", genius.end_round, port.end_round);
  for (std::size_t p = 0; p < 2; ++p) {
    const std::string who = p == 0 ? agent : "Boulware";
    check("utility of " + who, genius.util[p], port.util[p]);
    check("discounted utility of " + who, genius.util_disc[p], port.util_disc[p]);
  }
}

// How good a party's offers are to itself along one bilateral session. The port answering a
// record is not shown to the other party (whose actions are the record's), so the session is
// followed to its recorded end whatever the port does; an acceptance where the record goes on is
// counted and the port asked again at its next turn.
struct OfferLevels {
  std::vector<double> utilities;  // of the party's offers in turn order, to itself, undiscounted
  double mean_utility = 0.0;
  int offers = 0;
  int acceptances = 0;

  // The mean utility of the offers in each window of `width` consecutive offers (a last window
  // shorter than half of that joins the one before).
  std::vector<double> WindowMeans(std::size_t width) const {
    std::vector<double> means;
    std::vector<std::size_t> sizes;
    for (std::size_t start = 0; start < utilities.size(); start += width) {
      const std::size_t end = std::min(utilities.size(), start + width);
      double sum = 0.0;
      for (std::size_t i = start; i < end; ++i) sum += utilities[i];
      if (!means.empty() && 2 * (end - start) < width) {
        means.back() =
            (means.back() * static_cast<double>(sizes.back()) + sum) / static_cast<double>(sizes.back() + end - start);
        sizes.back() += end - start;
      } else {
        means.push_back(sum / static_cast<double>(end - start));
        sizes.push_back(end - start);
      }
    }
    return means;
  }
};

// The record's own figures for `party`.
inline OfferLevels RecordedOfferLevels(const GeniusTrace& trace, std::size_t party) {
  OfferLevels levels;
  for (const auto& action : trace.actions) {
    if (action.agent != party) continue;
    if (action.action == ActionType::kAccept) ++levels.acceptances;
    if (action.action != ActionType::kOffer) continue;
    levels.mean_utility += action.util[party];
    levels.utilities.push_back(action.util[party]);
    ++levels.offers;
  }
  if (levels.offers > 0) levels.mean_utility /= levels.offers;
  return levels;
}

// `spec` in the seat of `party`, seeded with `seed`, answering the record's other offers.
inline OfferLevels PortOfferLevels(const GeniusTrace& trace, const Scenario& scenario, std::size_t party,
                                   const std::string& spec, std::uint64_t seed) {
  const std::unique_ptr<Negotiator> port = NegotiatorRegistry::Create(spec);
  NegotiatorContext context;
  context.space = &scenario.space();
  context.profile = &scenario.profile(party);
  context.party = party;
  context.party_count = scenario.party_count();
  context.max_rounds = trace.start.deadline_rounds;
  context.seed = seed;
  port->Begin(context);
  Outcome table;
  bool offered = false;
  Outcome proposal(scenario.space().issue_count());
  OfferLevels levels;
  for (const auto& action : trace.actions) {
    if (action.agent == party) {
      TurnState state;
      state.step = action.step - 1;
      state.round = action.round - 1;
      state.time = action.time;
      state.current_offer = offered ? &table : nullptr;
      state.offerer = 1 - party;
      state.current_offer_utility = offered ? scenario.profile(party).Utility(table) : 0.0;
      const ActionType answer = port->Act(state, proposal);
      if (answer == ActionType::kAccept) ++levels.acceptances;
      if (answer == ActionType::kOffer) {
        levels.utilities.push_back(scenario.profile(party).Utility(proposal));
        levels.mean_utility += levels.utilities.back();
        ++levels.offers;
      }
      continue;
    }
    if (action.action != ActionType::kOffer) continue;
    table = ToOutcome(scenario.space(), action.bid);
    offered = true;
    ObservedAction observed;
    observed.party = action.agent;
    observed.type = ActionType::kOffer;
    observed.offer = &table;
    observed.offer_utility = scenario.profile(party).Utility(table);
    observed.step = action.step - 1;
    observed.round = action.round - 1;
    observed.time = action.time;
    port->Observe(observed);
  }
  if (levels.offers > 0) levels.mean_utility /= levels.offers;
  return levels;
}

// The largest gap, over windows of `width` consecutive offers, between the mean utility of the
// offers of `spec` in the seat of `party` (averaged over seeds 1 to `seeds`) and the record's.
inline double LargestWindowGap(const GeniusTrace& trace, const Scenario& scenario, std::size_t party,
                               const std::string& spec, std::uint64_t seeds, std::size_t width) {
  const std::vector<double> recorded = RecordedOfferLevels(trace, party).WindowMeans(width);
  std::vector<double> port(recorded.size(), 0.0);
  std::vector<double> counted(recorded.size(), 0.0);
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    const std::vector<double> means = PortOfferLevels(trace, scenario, party, spec, seed).WindowMeans(width);
    for (std::size_t w = 0; w < std::min(means.size(), port.size()); ++w) {
      port[w] += means[w];
      counted[w] += 1.0;
    }
  }
  double gap = 0.0;
  for (std::size_t w = 0; w < recorded.size(); ++w) {
    if (counted[w] > 0.0) gap = std::max(gap, std::abs(port[w] / counted[w] - recorded[w]));
  }
  return gap;
}

}  // namespace parley::testing

#endif  // PARLEY_TESTS_GENIUS_REPEATED_RUNS_H_
