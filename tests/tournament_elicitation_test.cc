// Tournaments under a protocol that allows elicitation: rows carry each party's costs, the
// summary scores utility net of them (checked against a second computation from the rows), the
// files gain their columns, and every file of a tournament without elicitation keeps its columns.
#include <map>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "parley/tournament.h"
#include "test_support.h"

namespace parley {
namespace {

using testing::ReadFile;
using testing::ShippedScenarios;
using testing::TemporaryFolder;

TournamentConfig ElicitingConfig(const std::string& protocol) {
  TournamentConfig config;
  config.negotiators = {"genius-elicitation-example", "boulware"};
  config.scenarios = {(ShippedScenarios() / "genius" / "CarA").string()};
  config.rounds = 40;
  config.seed = 3;
  config.threads = 1;
  config.protocol = protocol;
  return config;
}

TEST(TournamentElicitation, ScoresAreUtilitiesNetOfCosts) {
  TournamentConfig config = ElicitingConfig("saop(elicitation_cost=0.02)");
  config.out = TemporaryFolder("parley-tournament-elicitation") / "out";
  const TournamentResult result = RunTournament(config);
  ASSERT_EQ(result.rows.size(), 4u);

  // A second computation of the mean net utility of each negotiator over its roles.
  std::map<std::string, double> net_sum, cost_sum;
  std::map<std::string, int> roles;
  bool asked = false;
  for (const TournamentRow& row : result.rows) {
    ASSERT_TRUE(row.elicitation_costs);
    ASSERT_TRUE(row.elicitation_requests);
    for (std::size_t p = 0; p < row.negotiators.size(); ++p) {
      const double cost = (*row.elicitation_costs)[p];
      if (row.negotiators[p] == "boulware") {
        EXPECT_EQ(cost, 0.0);  // it never asks
      }
      asked = asked || cost > 0.0;
      net_sum[row.negotiators[p]] += row.utilities[p] - cost;
      cost_sum[row.negotiators[p]] += cost;
      ++roles[row.negotiators[p]];
    }
  }
  EXPECT_TRUE(asked);
  for (const NegotiatorStatistics& s : result.summary.negotiators) {
    EXPECT_NEAR(s.utility.mean, net_sum[s.negotiator] / roles[s.negotiator], 1e-9) << s.negotiator;
    ASSERT_TRUE(s.elicitation_cost);
    EXPECT_NEAR(s.elicitation_cost->mean, cost_sum[s.negotiator] / roles[s.negotiator], 1e-9) << s.negotiator;
  }

  const std::string csv = ReadFile(config.out / "results.csv");
  EXPECT_NE(csv.substr(0, csv.find('\n')).find(",elicitation_costs,elicitation_requests"), std::string::npos) << csv;
  const std::string summary_csv = ReadFile(config.out / "summary.csv");
  EXPECT_NE(summary_csv.find("elicitation_cost"), std::string::npos) << summary_csv;
  // The JSON rows read back with their costs (resuming, merging shares).
  const auto rows = ReadResultsFile(config.out / "results.jsonl");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows.front().elicitation_costs, result.rows.front().elicitation_costs);
}

TEST(TournamentElicitation, WithoutElicitationTheFilesKeepTheirColumns) {
  TournamentConfig config = ElicitingConfig("saop");
  config.out = TemporaryFolder("parley-tournament-no-elicitation") / "out";
  const TournamentResult result = RunTournament(config);
  for (const TournamentRow& row : result.rows) EXPECT_FALSE(row.elicitation_costs);
  EXPECT_FALSE(result.summary.negotiators.front().elicitation_cost);
  const std::string csv = ReadFile(config.out / "results.csv");
  EXPECT_EQ(csv.substr(0, csv.find('\n')), CsvHeader());
  EXPECT_EQ(CsvHeader().find("elicitation_"), std::string::npos);
  EXPECT_EQ(ReadFile(config.out / "results.jsonl").find("elicitation_"), std::string::npos);
  EXPECT_EQ(ReadFile(config.out / "summary.json").find("elicitation_"), std::string::npos);
}

}  // namespace
}  // namespace parley
