// Tests of the tournament runner: results that do not depend on the thread count, rows equal to
// each negotiation run alone with its derived seed, resuming after a real kill -9 of the `parley`
// program, faulty and too-slow negotiators recorded without stopping the run, configuration
// errors named clearly, and summary statistics recomputed here from the rows.
#include <gtest/gtest.h>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "parley/analysis.h"
#include "parley/error.h"
#include "parley/negotiator.h"
#include "parley/protocol.h"
#include "parley/random.h"
#include "parley/scenario_format.h"
#include "parley/tournament.h"
#include "test_support.h"

extern char** environ;

namespace parley {
namespace {

using testing::RunCli;
using testing::ShippedScenarios;
using testing::TemporaryFolder;

using testing::CountLines;
using testing::ReadFile;
using testing::WithoutElapsed;

// Computed here, independently of the library: FNV-1a over the identity string.
std::uint64_t Fnv1a(const std::string& text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

std::uint64_t ExpectedSeed(std::uint64_t seed, const TournamentRow& row) {
  const std::uint64_t h = Fnv1a(row.scenario);
  const auto& a = row.assignment;
  if (a.size() == 2) return DeriveSeed(seed, {h, a[0], a[1], row.repetition});
  if (a.size() == 3) return DeriveSeed(seed, {h, a[0], a[1], a[2], row.repetition});
  ADD_FAILURE() << "unexpected party count " << a.size();
  return 0;
}

TournamentConfig SmallConfig() {
  TournamentConfig config;
  config.negotiators = {"boulware", "absolute-tft", "random(accept=0.2)"};
  config.scenarios = {(ShippedScenarios() / "genius" / "CarA").string(), "ceasefire-2024#rafah",
                      (ShippedScenarios() / "genius" / "group2-dinner").string()};
  config.repetitions = 2;
  config.rounds = 40;
  config.seed = 11;
  return config;
}

// Negotiators that misbehave, registered only by the tests that use them (the conformance suites
// play every registered negotiator, and these are meant to fail).
// Offers its best outcome, then throws from round 3 on.
class Thrower final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override { profile_ = context.profile; }
  ActionType Act(const TurnState& state, Outcome& proposal) override {
    if (state.round >= 3) throw std::runtime_error("thrower gives up");
    const auto& ranking = profile_->utility_function().ranking();
    ranking.CopyOutcome(ranking.size() - 1, proposal);
    return ActionType::kOffer;
  }

 private:
  const Profile* profile_ = nullptr;
};

class Sleeper final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override { profile_ = context.profile; }
  ActionType Act(const TurnState&, Outcome& proposal) override {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const auto& ranking = profile_->utility_function().ranking();
    ranking.CopyOutcome(ranking.size() - 1, proposal);
    return ActionType::kOffer;
  }

 private:
  const Profile* profile_ = nullptr;
};

void RegisterMisbehavingNegotiators() {
  static const bool registered = [] {
    NegotiatorRegistry::Add({"test-thrower", "Throws from its fourth turn on (tests only).", {}, [](const Spec&) {
                               return std::make_unique<Thrower>();
                             }});
    NegotiatorRegistry::Add(
        {"test-sleeper", "Sleeps 20 ms a turn, offering its best (tests only).", {}, [](const Spec&) {
           return std::make_unique<Sleeper>();
         }});
    return true;
  }();
  (void)registered;
}

TEST(Tournament, WorkListCoversEveryAssignmentAndRepetition) {
  TournamentConfig config = SmallConfig();
  const TournamentPlan plan = PlanTournament(config);
  // 3 negotiators: 3^2 = 9 assignments of the two-party scenarios, 3^3 = 27 of the dinner.
  EXPECT_EQ(plan.match_count, (9u + 9u + 27u) * 2u);
  config.self_play = false;
  const TournamentPlan distinct = PlanTournament(config);
  EXPECT_EQ(distinct.match_count, (6u + 6u + 6u) * 2u);  // 3*2 ordered pairs, 3! triples
  for (std::uint64_t id = 0; id < distinct.match_count; ++id) {
    const auto match = distinct.Match(id);
    std::set<std::size_t> used(match.assignment.begin(), match.assignment.end());
    EXPECT_EQ(used.size(), match.assignment.size());
  }
}

TEST(Tournament, RowsEqualEachNegotiationRunAlone) {
  TournamentConfig config = SmallConfig();
  config.threads = 3;
  const TournamentResult result = RunTournament(config);
  ASSERT_EQ(result.rows.size(), result.plan.match_count);
  std::map<std::string, Scenario> scenarios;
  for (std::size_t i = 0; i < result.rows.size(); ++i) {
    const TournamentRow& row = result.rows[i];
    SCOPED_TRACE(::testing::Message() << "row " << row.id << " " << row.scenario);
    EXPECT_EQ(row.id, i);
    ASSERT_EQ(row.seed, ExpectedSeed(config.seed, row));
    if (!scenarios.count(row.scenario)) scenarios.emplace(row.scenario, LoadScenario(row.scenario));
    const Scenario& scenario = scenarios.at(row.scenario);
    std::vector<std::string> specs;
    for (std::size_t index : row.assignment) specs.push_back(config.negotiators[index]);
    EXPECT_EQ(row.negotiators, specs);
    NegotiationOptions options;
    options.rounds = config.rounds;
    options.seed = row.seed;
    options.record_trace = false;
    const NegotiationResult alone = RunNegotiation(scenario, specs, options);
    EXPECT_EQ(row.agreement, alone.agreement.has_value());
    EXPECT_EQ(row.utilities, alone.utilities);
    EXPECT_EQ(row.undiscounted_utilities, alone.undiscounted_utilities);
    EXPECT_EQ(row.steps, alone.steps);
    EXPECT_EQ(row.rounds, alone.rounds);
    EXPECT_EQ(row.end_reason, EndReasonName(alone.end_reason));
    if (alone.agreement) {
      ASSERT_EQ(row.outcome.size(), scenario.space().issue_count());
      for (std::size_t k = 0; k < row.outcome.size(); ++k) {
        EXPECT_EQ(row.outcome[k], scenario.space().issue(k).Format((*alone.agreement)[k]));
      }
    }
    const AgreementMetrics metrics = ScenarioAnalysis::Of(scenario)->Measure(alone.agreement);
    EXPECT_EQ(row.social_welfare, metrics.social_welfare);
    EXPECT_EQ(row.distance_to_pareto, metrics.distance_to_pareto);
    EXPECT_EQ(row.distance_to_nash, metrics.distance_to_nash);
    EXPECT_EQ(row.pareto_optimal, metrics.pareto_optimal);
    for (std::size_t p = 0; p < scenario.party_count(); ++p) {
      EXPECT_EQ(row.roles[p], scenario.profile(p).name());
      EXPECT_DOUBLE_EQ(row.reservation_values[p],
                       scenario.profile(p).DiscountedReservationValue(alone.time, config.rounds));
    }
  }
}

TEST(Tournament, FilesAreIdenticalForOneTwoAndFourThreads) {
  std::map<unsigned, std::filesystem::path> folders;
  for (unsigned threads : {1u, 2u, 4u}) {
    TournamentConfig config = SmallConfig();
    config.threads = threads;
    config.out = TemporaryFolder("parley-tournament-threads") / "out";
    RunTournament(config);
    folders[threads] = config.out;
  }
  for (unsigned threads : {2u, 4u}) {
    SCOPED_TRACE(::testing::Message() << threads << " threads against 1");
    const auto& a = folders[1];
    const auto& b = folders[threads];
    EXPECT_EQ(WithoutElapsed(ReadFile(a / "results.jsonl"), false),
              WithoutElapsed(ReadFile(b / "results.jsonl"), false));
    EXPECT_EQ(WithoutElapsed(ReadFile(a / "results.csv"), true), WithoutElapsed(ReadFile(b / "results.csv"), true));
    for (const char* name : {"summary.csv", "summary.json", "config.json"}) {
      EXPECT_EQ(ReadFile(a / name), ReadFile(b / name)) << name;
    }
  }
  EXPECT_EQ(CountLines(folders[1] / "results.csv"), 1 + (9 + 9 + 27) * 2u);
}

pid_t SpawnCli(const std::vector<std::string>& arguments) {
  std::vector<std::string> all = {parley::testing::CliPath()};
  all.insert(all.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int status = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (status != 0) return -1;
  return pid;
}

TEST(Tournament, ResumesAfterAKillAndEndsWithTheUninterruptedFiles) {
  const auto folder = TemporaryFolder("parley-tournament-resume");
  const std::string car_a = (ShippedScenarios() / "genius" / "CarA").string();
  const std::string car_b = (ShippedScenarios() / "genius" / "CarB").string();
  const std::vector<std::string> common = {"tournament",
                                           "--negotiators",
                                           "boulware,absolute-tft,conceder,random",
                                           "--scenarios",
                                           car_a,
                                           car_b,
                                           "--rounds",
                                           "1000",
                                           "--repetitions",
                                           "300",
                                           "--seed",
                                           "5",
                                           "--threads",
                                           "2",
                                           "--quiet"};
  // 4^2 assignments * 2 scenarios * 300 repetitions = 9,600 negotiations of 1000 rounds.
  auto args = common;
  args.insert(args.end(), {"--out", (folder / "killed").string()});
  const pid_t child = SpawnCli(args);
  ASSERT_GT(child, 0);
  const auto results = folder / "killed" / "results.jsonl";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    if (std::filesystem::exists(results) && CountLines(results) >= 100) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the tournament ended before it could be killed; make it larger";
  const std::size_t rows_before = CountLines(results);
  EXPECT_GE(rows_before, 100u);
  EXPECT_LT(rows_before, 9600u);
  // As if the kill had cut the last line short.
  std::ofstream(results, std::ios::app) << "{\"id\": 17, \"scenario\": \"Ca";

  auto resume = common;
  resume.insert(resume.end(), {"--out", (folder / "killed").string(), "--resume"});
  std::string line;
  for (const auto& a : resume) line += "'" + a + "' ";
  const auto resumed = RunCli(line);
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;

  auto whole = common;
  whole.insert(whole.end(), {"--out", (folder / "whole").string()});
  line.clear();
  for (const auto& a : whole) line += "'" + a + "' ";
  const auto uninterrupted = RunCli(line);
  ASSERT_EQ(uninterrupted.exit_code, 0) << uninterrupted.err;

  const auto a = folder / "killed";
  const auto b = folder / "whole";
  EXPECT_EQ(CountLines(a / "results.jsonl"), 9600u);
  EXPECT_EQ(WithoutElapsed(ReadFile(a / "results.jsonl"), false), WithoutElapsed(ReadFile(b / "results.jsonl"), false));
  EXPECT_EQ(WithoutElapsed(ReadFile(a / "results.csv"), true), WithoutElapsed(ReadFile(b / "results.csv"), true));
  for (const char* name : {"summary.csv", "summary.json", "config.json"}) {
    EXPECT_EQ(ReadFile(a / name), ReadFile(b / name)) << name;
  }
  EXPECT_EQ(resumed.out.substr(0, resumed.out.find("negotiations in")),
            uninterrupted.out.substr(0, uninterrupted.out.find("negotiations in")));
}

TEST(Tournament, FaultyAndTooSlowNegotiatorsAreRecordedAndTheRunGoesOn) {
  RegisterMisbehavingNegotiators();
  TournamentConfig config;
  config.negotiators = {"boulware", "test-thrower", "test-sleeper"};
  config.scenarios = {(ShippedScenarios() / "genius" / "CarA").string()};
  config.rounds = 200;
  // Wide enough that boulware against itself (a few milliseconds) finishes on a loaded machine or
  // under a sanitizer, and far below the 4 s that the sleeper's 200 turns would take.
  config.budget_seconds = 0.5;
  config.threads = 2;
  config.seed = 3;
  const TournamentResult result = RunTournament(config);
  ASSERT_EQ(result.rows.size(), 9u);
  const Scenario scenario = LoadScenario(config.scenarios[0]);
  for (const auto& row : result.rows) {
    SCOPED_TRACE(::testing::Message() << "row " << row.id << ": " << row.negotiators[0] << " vs "
                                      << row.negotiators[1]);
    const bool throws = row.assignment[0] == 1 || row.assignment[1] == 1;
    const bool sleeps = row.assignment[0] == 2 || row.assignment[1] == 2;
    if (throws) {
      // The thrower fails in round 3, long before 20 ms a turn exhausts 0.5 s.
      EXPECT_EQ(row.end_reason, "fault");
      ASSERT_TRUE(row.fault_party.has_value());
      EXPECT_EQ(row.assignment[*row.fault_party], 1u);
      EXPECT_NE(row.fault.find("thrower gives up"), std::string::npos) << row.fault;
      EXPECT_NE(row.fault.find("test-thrower"), std::string::npos) << row.fault;
      EXPECT_FALSE(row.agreement);
    } else if (sleeps) {
      EXPECT_EQ(row.end_reason, "stopped");
      EXPECT_EQ(row.fault, "exceeded the time budget of 0.5 s");
      EXPECT_FALSE(row.fault_party.has_value());
      EXPECT_LT(row.rounds, 200u);
    } else {
      NegotiationOptions options;
      options.rounds = config.rounds;
      options.seed = row.seed;
      const NegotiationResult alone = RunNegotiation(scenario, row.negotiators, options);
      EXPECT_TRUE(row.fault.empty());
      EXPECT_EQ(row.utilities, alone.utilities);
      EXPECT_EQ(row.steps, alone.steps);
    }
  }
  EXPECT_EQ(result.summary.faults, 9u - 1u);  // all but boulware against itself
  for (const auto& s : result.summary.negotiators) {
    // test-thrower is at fault in 5 negotiations: 2 against others in each role, 1 against itself.
    EXPECT_EQ(s.faults, s.negotiator == "test-thrower" ? 5u : 0u) << s.negotiator;
  }
}

// The 0.975 quantile of Student's t, computed here from its density (Simpson's rule and
// bisection), independently of the library's table and expansion.
double TQuantile975(std::size_t degrees) {
  const double v = static_cast<double>(degrees);
  const double c = std::exp(std::lgamma((v + 1) / 2) - std::lgamma(v / 2)) / std::sqrt(v * M_PI);
  auto pdf = [&](double x) { return c * std::pow(1 + x * x / v, -(v + 1) / 2); };
  auto cdf = [&](double x) {
    const int n = 4000;
    const double h = x / n;
    double sum = pdf(0) + pdf(x);
    for (int i = 1; i < n; ++i) sum += (i % 2 ? 4 : 2) * pdf(i * h);
    return 0.5 + sum * h / 3;
  };
  double lo = 1.0, hi = 20.0;
  for (int i = 0; i < 50; ++i) (cdf((lo + hi) / 2) < 0.975 ? lo : hi) = (lo + hi) / 2;
  return lo;
}

TEST(Tournament, SummaryStatisticsEqualTheirDefinitionsOverTheRows) {
  TournamentConfig config = SmallConfig();
  config.threads = 2;
  const TournamentResult result = RunTournament(config);
  // Recomputed here: every role a negotiator played is one sample.
  auto check = [&](const NegotiatorStatistics& s, const std::string& scenario) {
    SCOPED_TRACE(::testing::Message() << s.negotiator << " in " << (scenario.empty() ? "all" : scenario));
    const std::size_t j = static_cast<std::size_t>(
        std::find(config.negotiators.begin(), config.negotiators.end(), s.negotiator) - config.negotiators.begin());
    std::vector<double> utility, advantage, agreement, nash;
    for (const auto& row : result.rows) {
      if (!scenario.empty() && row.scenario != scenario) continue;
      for (std::size_t p = 0; p < row.assignment.size(); ++p) {
        if (row.assignment[p] != j) continue;
        utility.push_back(row.utilities[p]);
        advantage.push_back(row.utilities[p] - row.reservation_values[p]);
        agreement.push_back(row.agreement);
        if (row.distance_to_nash) nash.push_back(*row.distance_to_nash);
      }
    }
    auto expect = [](const Statistic& got, const std::vector<double>& xs) {
      ASSERT_EQ(got.n, xs.size());
      double mean = 0;
      for (double x : xs) mean += x / static_cast<double>(xs.size());
      double var = 0;
      for (double x : xs) var += (x - mean) * (x - mean) / static_cast<double>(xs.size() - 1);
      EXPECT_NEAR(got.mean, mean, 1e-12);
      const double t = TQuantile975(xs.size() - 1);
      EXPECT_NEAR(got.half_width, t * std::sqrt(var / static_cast<double>(xs.size())), 1e-6);
    };
    expect(s.utility, utility);
    expect(s.advantage, advantage);
    expect(s.agreement, agreement);
    if (nash.size() > 1) expect(s.distance_to_nash, nash);
  };
  for (const auto& s : result.summary.negotiators) check(s, "");
  for (const auto& scenario : result.summary.scenarios) {
    for (const auto& s : scenario.negotiators) check(s, scenario.scenario);
  }
  // Ranked by mean utility, best first.
  for (std::size_t i = 1; i < result.summary.negotiators.size(); ++i) {
    EXPECT_GE(result.summary.negotiators[i - 1].utility.mean, result.summary.negotiators[i].utility.mean);
    EXPECT_EQ(result.summary.negotiators[i].rank, i + 1);
  }
  EXPECT_EQ(result.summary.negotiations, result.rows.size());
}

TEST(Tournament, StudentQuantilesMatchTables) {
  for (std::size_t degrees : {1, 2, 5, 11, 29, 30, 31, 53, 77, 200}) {
    EXPECT_NEAR(StudentT975(degrees), TQuantile975(degrees), 2e-5) << degrees;
  }
  EXPECT_NEAR(StudentT975(1), 12.7062, 1e-4);
  EXPECT_NEAR(StudentT975(10), 2.2281, 1e-4);
  EXPECT_NEAR(StudentT975(40), 2.0211, 1e-4);
  EXPECT_NEAR(StudentT975(120), 1.9799, 1e-4);
  EXPECT_NEAR(StudentT975(100000), 1.9600, 1e-4);
}

std::filesystem::path WriteConfig(const std::string& text) {
  const auto path = TemporaryFolder("parley-tournament-config") / "config.json";
  std::ofstream(path) << text;
  return path;
}

// A negotiator that needs a person (registry.h's `interactive`) is refused before anything runs,
// alone, isolated in a process of its own, or named in a configuration file (at its place).
TEST(Tournament, RefusesInteractiveNegotiators) {
  const std::string expected = "negotiator 'human' needs a person at the table; tournaments run unattended";
  for (const std::string spec : {"human", "process(inner=human)"}) {
    TournamentConfig config = SmallConfig();
    config.negotiators = {"boulware", spec};
    try {
      PlanTournament(config);
      ADD_FAILURE() << "planned a tournament with " << spec;
    } catch (const UsageError& e) {
      EXPECT_EQ(std::string(e.what()), expected) << spec;
    }
  }
  const auto file = WriteConfig(R"({"negotiators": ["boulware", "human"], "scenarios": ["x"]})");
  try {
    ReadTournamentConfig(file);
    ADD_FAILURE() << "read a configuration with human";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("negotiators[1]"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
  }
  const auto cli = RunCli("tournament --negotiators boulware,human --scenarios 'ceasefire-2024#rafah' --quiet --out " +
                          (TemporaryFolder("parley-tournament-human") / "out").string());
  EXPECT_NE(cli.exit_code, 0);
  EXPECT_NE(cli.err.find(expected), std::string::npos) << cli.err;
}

TEST(Tournament, ConfigurationErrorsAreNamed) {
  const auto broken = WriteConfig("{\"negotiators\": [\"boulware\",], }");
  try {
    ReadTournamentConfig(broken);
    FAIL() << "accepted broken JSON";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(broken.string()), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("1:"), std::string::npos) << e.what();
  }
  const auto unknown_key = WriteConfig(R"({"negotiators": ["boulware"], "scenarios": ["x"], "repetition": 3})");
  try {
    ReadTournamentConfig(unknown_key);
    FAIL() << "accepted an unknown key";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown key \"repetition\""), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(unknown_key.string()), std::string::npos) << e.what();
  }
  const auto unknown_negotiator = WriteConfig(R"({"negotiators": ["boulware", "bolware"], "scenarios": ["x"]})");
  try {
    ReadTournamentConfig(unknown_negotiator);
    FAIL() << "accepted an unknown negotiator";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("negotiators[1]"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("unknown negotiator 'bolware'"), std::string::npos) << e.what();
  }
  auto cli = RunCli("tournament --negotiators boulware,nobody --scenarios 'ceasefire-2024#rafah' --quiet --out " +
                    (TemporaryFolder("parley-tournament-cli") / "out").string());
  EXPECT_NE(cli.exit_code, 0);
  EXPECT_NE(cli.err.find("unknown negotiator 'nobody'"), std::string::npos) << cli.err;
  cli = RunCli("tournament --config '" + unknown_key.string() + "'");
  EXPECT_NE(cli.exit_code, 0);
  EXPECT_NE(cli.err.find("unknown key \"repetition\""), std::string::npos) << cli.err;
  cli = RunCli("tournament --negotiators boulware --scenarios 'nowhere/*' --quiet");
  EXPECT_NE(cli.exit_code, 0);
  EXPECT_NE(cli.err.find("'nowhere/*' matches no file"), std::string::npos) << cli.err;
}

TEST(Tournament, ResumeRefusesADifferentConfigurationAndAnUsedFolderNeedsResume) {
  const auto out = TemporaryFolder("parley-tournament-refuse") / "out";
  const std::string base =
      "tournament --negotiators boulware,conceder --scenarios 'ceasefire-2024#rafah' --rounds 20 "
      "--quiet --out '" +
      out.string() + "'";
  auto cli = RunCli(base);
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_NE(cli.out.find("Rank"), std::string::npos) << cli.out;
  cli = RunCli(base);
  EXPECT_NE(cli.exit_code, 0);
  EXPECT_NE(cli.err.find("already holds a tournament"), std::string::npos) << cli.err;
  cli = RunCli(base + " --resume --seed 4");
  EXPECT_NE(cli.exit_code, 0);
  EXPECT_NE(cli.err.find("differs in seed"), std::string::npos) << cli.err;
  cli = RunCli(base + " --resume --threads 3");  // the thread count changes no result
  EXPECT_EQ(cli.exit_code, 0) << cli.err;
}

TEST(Tournament, SharesMergeIntoTheFilesOfOneProcess) {
  TournamentConfig config = SmallConfig();
  config.out = TemporaryFolder("parley-tournament-shares") / "out";
  config.share_count = 3;
  for (std::size_t share = 0; share < 3; ++share) {
    config.share_index = share;
    RunTournament(config);
  }
  MergeTournamentShares(config);
  TournamentConfig single = SmallConfig();
  single.out = TemporaryFolder("parley-tournament-single") / "out";
  RunTournament(single);
  EXPECT_EQ(WithoutElapsed(ReadFile(config.out / "results.jsonl"), false),
            WithoutElapsed(ReadFile(single.out / "results.jsonl"), false));
  EXPECT_EQ(ReadFile(config.out / "summary.json"), ReadFile(single.out / "summary.json"));
}

}  // namespace
}  // namespace parley
