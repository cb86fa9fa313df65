// End-to-end tests of the `parley` program: each sub-command run as a child process, its output
// checked against the library computing the same thing, and every kind of bad input answered by
// a clear message and a non-zero exit status.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "fixtures.h"
#include "parley/knowledge.h"
#include "parley/multi_track.h"
#include "parley/protocol.h"
#include "parley/random.h"
#include "parley/scenario_format.h"
#include "test_support.h"

namespace parley {
namespace {

using testing::RunCli;

using testing::CountLines;

TEST(Cli, NegotiateRunsTheBuiltinDefaultScenario) {
  const auto result = RunCli("negotiate");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("ceasefire-2024"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("Israel"), std::string::npos);
  EXPECT_NE(result.out.find("Hamas"), std::string::npos);
  EXPECT_NE(result.out.find("Result"), std::string::npos);
  EXPECT_NE(result.out.find("Track ceasefire"), std::string::npos);
  EXPECT_NE(result.out.find("Track rafah"), std::string::npos);
  EXPECT_NE(result.out.find("Overall utility"), std::string::npos);
  EXPECT_NE(result.out.find("Egypt"), std::string::npos);
}

TEST(Cli, NegotiateJsonMatchesTheLibrary) {
  const auto result = RunCli(
      "negotiate --scenario 'ceasefire-2024#rafah' --json --negotiators boulware,conceder "
      "--rounds 80 --seed 9");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);

  const Scenario scenario = LoadScenario(std::string(kDefaultScenario) + "#rafah");
  NegotiationOptions options;
  options.rounds = 80;
  options.seed = 9;
  const NegotiationResult expected = RunNegotiation(scenario, {"boulware", "conceder"}, options);
  EXPECT_EQ(json["agreement"].get<bool>(), expected.agreement.has_value());
  EXPECT_EQ(json["steps"].get<std::uint64_t>(), expected.steps);
  for (std::size_t p = 0; p < scenario.party_count(); ++p) {
    EXPECT_DOUBLE_EQ(json["utilities"][scenario.profile(p).name()].get<double>(), expected.utilities[p]);
  }
  if (expected.agreement) {
    for (std::size_t i = 0; i < scenario.space().issue_count(); ++i) {
      const Issue& issue = scenario.space().issue(i);
      const auto& value = json["outcome"][issue.name()];
      const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
      EXPECT_EQ(text, issue.Format((*expected.agreement)[i]));
    }
  }
}

TEST(Cli, NegotiateRunsTheVotingProtocols) {
  // --protocol amop and majority: the JSON result and the trace's votes are the library's.
  const auto folder = testing::TemporaryFolder("parley-voting");
  const std::string dinner = (testing::ShippedScenarios() / "genius" / "group2-dinner").string();
  for (const std::string protocol : {"amop", "majority"}) {
    const auto trace = folder / (protocol + ".jsonl");
    const auto result =
        RunCli("negotiate --scenario '" + dinner + "' --json --negotiators boulware,conceder,linear --protocol " +
               protocol + " --rounds 12 --seed 4 --trace '" + trace.string() + "'");
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto json = nlohmann::json::parse(result.out);
    const Scenario scenario = LoadScenario(dinner);
    NegotiationOptions options;
    options.rounds = 12;
    options.seed = 4;
    const NegotiationResult expected = RunNegotiation(scenario, {"boulware", "conceder", "linear"}, options, protocol);
    EXPECT_EQ(json["agreement"].get<bool>(), expected.agreement.has_value()) << protocol;
    EXPECT_EQ(json["steps"].get<std::uint64_t>(), expected.steps) << protocol;
    std::size_t votes = 0;
    for (std::size_t i = 0; i < expected.trace.size(); ++i) {
      const ActionType action = expected.trace.step(i).action;
      votes += action == ActionType::kAccept || action == ActionType::kReject;
    }
    ASSERT_GT(votes, 0u) << protocol;
    EXPECT_EQ(CountLines(trace), expected.trace.size()) << protocol;
    std::ifstream lines(trace);
    std::string line;
    std::size_t recorded_votes = 0;
    while (std::getline(lines, line)) {
      const std::string action = nlohmann::json::parse(line)["action"].get<std::string>();
      recorded_votes += action == "accept" || action == "reject";
    }
    EXPECT_EQ(recorded_votes, votes) << protocol;
  }
}

TEST(Cli, NegotiateSummarisesAPartialAgreement) {
  // Under mopac the two camps of TwoCampsScenario each agree on their best option (utility 1 for
  // every party): the summary lists both coalitions and measures the point (1, 1, 1, 1), which no
  // single outcome reaches: welfare 4, Pareto-optimal.
  const auto folder = testing::TemporaryFolder("parley-partial");
  const auto path = folder / "camps.json";
  SaveScenario(testing::TwoCampsScenario(), path, "parley-json");
  const auto result = RunCli("negotiate --scenario '" + path.string() + "' --protocol mopac --negotiators boulware");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("Result      partial agreement: 2 coalitions by round 1\n"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("Coalition   A, C on option=a in round 1"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("Coalition   B, D on option=c in round 1"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("Welfare     4.0000 (sum of utilities, each party's of its own coalition's deal)"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("Pareto      optimal;"), std::string::npos) << result.out;
}

TEST(Cli, NegotiateShowsElicitationCostsAndNetUtilities) {
  // Under a protocol that charges questions, the text says what each party paid, how many
  // questions it asked and its utility net of them; the numbers are the library's.
  const std::string car = (testing::ShippedScenarios() / "genius" / "CarA").string();
  const auto result =
      RunCli("negotiate --scenario '" + car +
             "' --protocol 'saop(elicitation_cost=0.01)' --negotiators "
             "genius-elicitation-example,boulware --knowledge 'genius(comparisons=10),full' --rounds 100");
  ASSERT_EQ(result.exit_code, 0) << result.err;

  const Scenario scenario = LoadScenario(car);
  NegotiationOptions options;
  options.rounds = 100;
  SetKnowledge(scenario, {"genius(comparisons=10)", "full"}, {}, options);
  const NegotiationResult expected =
      RunNegotiation(scenario, {"genius-elicitation-example", "boulware"}, options, "saop(elicitation_cost=0.01)");
  ASSERT_EQ(expected.elicitation_costs.size(), 2u);
  ASSERT_GT(expected.elicitation_requests[0], 0u);  // the case must show a charge
  EXPECT_NE(result.out.find(fmt::format("Elicitation {}  {:.4f}  ({} questions; net utility {:.4f})",
                                        scenario.profile(0).name(), expected.elicitation_costs[0],
                                        expected.elicitation_requests[0],
                                        expected.utilities[0] - expected.elicitation_costs[0])),
            std::string::npos)
      << result.out;
  // Without a charging protocol there is no such line.
  EXPECT_EQ(RunCli("negotiate --scenario '" + car + "' --rounds 10").out.find("Elicitation"), std::string::npos);
}

TEST(Cli, NegotiateWritesTraceFiles) {
  const auto folder = testing::TemporaryFolder("parley-trace");
  const auto jsonl = folder / "trace.jsonl";
  const auto csv = folder / "trace.csv";
  auto result =
      RunCli("negotiate --scenario 'ceasefire-2024#rafah' --negotiators hardliner --rounds 7 --json --trace '" +
             jsonl.string() + "'");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto summary = nlohmann::json::parse(result.out);
  // Two hard-liners with opposed best outcomes never agree: 7 rounds of 2 offers each.
  EXPECT_FALSE(summary["agreement"].get<bool>());
  EXPECT_EQ(CountLines(jsonl), 14u);
  std::ifstream in(jsonl);
  std::string first;
  std::getline(in, first);
  const auto line = nlohmann::json::parse(first);
  EXPECT_EQ(line["step"], 0);
  EXPECT_EQ(line["party"], "Egypt");
  EXPECT_EQ(line["action"], "offer");
  EXPECT_EQ(line["offer"]["Rafah operation"], "cancel");  // Egypt's best outcome

  result = RunCli("negotiate --scenario 'ceasefire-2024#rafah' --negotiators hardliner --rounds 7 --trace '" +
                  csv.string() + "'");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(CountLines(csv), 15u);  // header plus one row per action
  std::filesystem::remove_all(folder);
}

TEST(Cli, ScenarioInfoDescribesTheScenario) {
  const auto result = RunCli("scenario info ceasefire-2024");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const MultiTrackScenario multi = LoadMultiTrackScenario("ceasefire-2024");
  for (const auto& track : multi.tracks()) {
    EXPECT_NE(result.out.find("Track " + track.name), std::string::npos) << result.out;
    EXPECT_NE(result.out.find(track.stakes.space().DescribeSize()), std::string::npos) << result.out;
    for (const auto& issue : track.stakes.space().issues()) EXPECT_NE(result.out.find(issue.name()), std::string::npos);
  }
  for (const auto& mediator : multi.mediators()) EXPECT_NE(result.out.find(mediator.name), std::string::npos);
  EXPECT_NE(result.out.find("0.5500"), std::string::npos);  // Israel's reservation value on the Rafah track
}

TEST(Cli, ScenarioConvertWritesAnEquivalentParleyJsonFile) {
  const auto folder = testing::TemporaryFolder("parley-convert");
  const auto source = testing::ShippedScenarios() / "genius" / "CarA";
  const auto target = folder / "car.json";
  const auto result = RunCli("scenario convert '" + source.string() + "' -o '" + target.string() + "'");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const Scenario original = LoadScenario(source.string());
  const Scenario converted = LoadScenario(target.string());
  ASSERT_EQ(converted.party_count(), original.party_count());
  Rng rng(1);
  Outcome outcome;
  for (int k = 0; k < 300; ++k) {
    original.space().RandomOutcome(rng, outcome);
    for (std::size_t p = 0; p < original.party_count(); ++p) {
      EXPECT_EQ(converted.profile(p).Utility(outcome), original.profile(p).Utility(outcome));
    }
  }
  for (std::size_t p = 0; p < original.party_count(); ++p) {
    EXPECT_EQ(converted.profile(p).reservation_value(), original.profile(p).reservation_value());
    EXPECT_EQ(converted.profile(p).discount_factor(), original.profile(p).discount_factor());
  }
  std::filesystem::remove_all(folder);
}

TEST(Cli, NegotiateWithChosenPartiesInTheGivenOrder) {
  const auto result = RunCli(
      "negotiate --scenario 'ceasefire-2024#rafah' --json --parties Israel,Egypt "
      "--negotiators hardliner --rounds 3");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["negotiators"].size(), 2u);
  // Without an agreement each party gets its reservation value at the deadline: Israel's is 0.55
  // throughout, Egypt's falls from 0.35 to 0.10 at t = 0.6 (scenarios/builtin/ceasefire-2024.json).
  EXPECT_DOUBLE_EQ(json["utilities"]["Israel"].get<double>(), 0.55);
  EXPECT_DOUBLE_EQ(json["utilities"]["Egypt"].get<double>(), 0.10);
}

TEST(Cli, ListNegotiatorsShowsTheRegistry) {
  const auto result = RunCli("list negotiators");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  for (const auto* entry : NegotiatorRegistry::List()) EXPECT_NE(result.out.find(entry->name), std::string::npos);
}

TEST(Cli, ListFormatsSaysWhichWriteAndTheirParameters) {
  const auto result = RunCli("list formats");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  for (const auto* entry : ScenarioFormatRegistry::List()) {
    const bool writes = ScenarioFormatRegistry::Create(entry->name)->CanWrite();
    const std::string heading = entry->name + (writes ? "  (reads and writes)\n" : "  (reads)\n");
    EXPECT_NE(result.out.find(heading), std::string::npos) << heading << result.out;
  }
  EXPECT_NE(result.out.find("    strict=false  when writing, refuse what GeniusWeb cannot say"), std::string::npos)
      << result.out;
}

struct BadInvocation {
  std::string arguments;
  std::string message;  // expected in stderr
};

TEST(Cli, BadInputGivesAClearErrorAndNonZeroExit) {
  const auto folder = testing::TemporaryFolder("parley-bad");
  std::ofstream(folder / "broken.json") << "{\"format\": \"parley-scenario\", \"issues\": [";
  std::filesystem::create_directories(folder / "empty-folder");
  const std::vector<BadInvocation> cases = {
      {"negotiate --scenario /no/such/path", "/no/such/path"},
      {"negotiate --negotiators no-such-negotiator", "unknown negotiator 'no-such-negotiator'"},
      {"negotiate --negotiators 'time(e=0.2'", "expected ',' or ')'"},
      {"negotiate --negotiators 'time(q=1)'", "has no parameter 'q'"},
      {"negotiate --scenario 'ceasefire-2024#rafah' --negotiators a,b,c", "2 parties"},
      {"negotiate --scenario 'ceasefire-2024#nowhere'", "no track 'nowhere' (its tracks: ceasefire, rafah)"},
      {"negotiate --rounds 0", "--rounds"},
      {"negotiate --scenario '" + (folder / "broken.json").string() + "'", "broken.json"},
      {"scenario info '" + (folder / "empty-folder").string() + "'", "empty-folder"},
      {"scenario convert 'ceasefire-2024#rafah' -o '" + (folder / "x.json").string() + "' --to no-such-format",
       "unknown scenario format"},
      {"no-such-command", "no-such-command"},
      {"negotiate --scenario 'ceasefire-2024#ceasefire' --parties Israel,Qatar",
       "no party 'Qatar' (its parties: Israel, Hamas, Egypt)"},
  };
  for (const auto& c : cases) {
    const auto result = RunCli(c.arguments);
    EXPECT_NE(result.exit_code, 0) << c.arguments;
    EXPECT_NE(result.err.find(c.message), std::string::npos) << c.arguments << "\nstderr: " << result.err;
    EXPECT_EQ(result.err.find("internal error"), std::string::npos) << c.arguments << ": " << result.err;
  }
  EXPECT_FALSE(std::filesystem::exists(folder / "x.json"));
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace parley
