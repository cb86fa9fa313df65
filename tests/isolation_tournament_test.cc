// Tournaments with isolated negotiators, through the real `parley` program: the misbehaving
// negotiators of tests/plugins/misbehaving.cc (loaded only by the programs these tests start)
// crash, loop and hoard memory, and the tournament records their faults and keeps every other
// result; and a tournament with every negotiator isolated equals the one run in process. Also the
// command line's other uses of plugins: listing their negotiators, naming a bad one.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "isolation/worker_process.h"  // kAddressSanitizer: a sanitizer build enforces memory otherwise
#include "parley/isolation.h"
#include "parley/tournament.h"
#include "test_support.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

std::string MisbehavingPlugin() { return (parley::testing::TestPluginDir() / "misbehaving.so").string(); }

// A tournament of three good negotiators and three that crash, loop and hoard memory: every
// negotiation in which a bad one plays ends in its fault, and every other row is exactly the row
// of the tournament of the good ones alone.
TEST(IsolationTournament, TournamentRecordsTheFaultsAndKeepsEveryOtherResult) {
  const fs::path folder = testing::TemporaryFolder("parley-isolation-tournament");
  const std::string good = "boulware,absolute-tft,hardliner";
  const std::vector<std::string> bad = {"process(inner=segfault(after=2))", "process(inner=spin,timeout=1)",
                                        "process(inner=hog,memory=300)"};
  const std::string scenarios = "--scenarios '" + (testing::ShippedScenarios() / "genius" / "CarB").string() + "' '" +
                                (testing::ShippedScenarios() / "genius" / "CarA").string() + "'";
  const auto good_run = testing::RunCli("tournament --quiet --rounds 60 --seed 9 --threads 2 " + scenarios +
                                        " --negotiators '" + good + "' --out '" + (folder / "good").string() + "'");
  ASSERT_EQ(good_run.exit_code, 0) << good_run.err;
  std::string all = good;
  for (const auto& spec : bad) all += "," + spec;
  const auto mixed_run =
      testing::RunCli("tournament --quiet --rounds 60 --seed 9 --threads 2 --plugin '" + MisbehavingPlugin() + "' " +
                      scenarios + " --negotiators '" + all + "' --out '" + (folder / "mixed").string() + "'");
  ASSERT_EQ(mixed_run.exit_code, 0) << mixed_run.err;

  std::map<std::pair<std::string, std::vector<std::size_t>>, TournamentRow> good_rows;
  for (auto row : ReadResultsFile(folder / "good" / "results.jsonl")) {
    good_rows[{row.scenario, row.assignment}] = row;
  }
  const auto mixed_rows = ReadResultsFile(folder / "mixed" / "results.jsonl");
  ASSERT_EQ(mixed_rows.size(), 2u * 6 * 6);
  std::size_t compared = 0;
  std::map<std::string, std::size_t> faults;
  for (const auto& row : mixed_rows) {
    SCOPED_TRACE(row.scenario + " " + row.negotiators[0] + " vs " + row.negotiators[1]);
    const auto first_bad =
        std::find_if(row.assignment.begin(), row.assignment.end(), [](std::size_t i) { return i >= 3; });
    if (first_bad == row.assignment.end()) {
      const auto it = good_rows.find({row.scenario, row.assignment});
      ASSERT_NE(it, good_rows.end());
      TournamentRow expected = it->second;
      expected.id = row.id;  // ids count every negotiation, the bad ones too
      expected.elapsed_seconds = 0;
      TournamentRow actual = row;
      actual.elapsed_seconds = 0;
      EXPECT_EQ(RowToJsonLine(actual), RowToJsonLine(expected));
      ++compared;
      continue;
    }
    // The first bad negotiator in turn order misbehaves first (each at its third turn).
    const std::size_t party = static_cast<std::size_t>(first_bad - row.assignment.begin());
    EXPECT_EQ(row.end_reason, "fault");
    ASSERT_TRUE(row.fault_party.has_value());
    EXPECT_EQ(*row.fault_party, party);
    EXPECT_FALSE(row.agreement);
    const std::size_t which = row.assignment[party] - 3;
    const char* expected[] = {"killed by SIGSEGV", "did not answer within 1 s",
                              internal::kAddressSanitizer ? "stopped by AddressSanitizer" : "ran out of memory"};
    EXPECT_NE(row.fault.find(expected[which]), std::string::npos) << row.fault;
    EXPECT_NE(row.fault.find(bad[which]), std::string::npos) << row.fault;
    ++faults[bad[which]];
  }
  EXPECT_EQ(compared, good_rows.size());
  EXPECT_EQ(compared, 2u * 3 * 3);
  // Every negotiation with a bad negotiator ended in one of the three faults.
  std::size_t fault_rows = 0;
  for (const auto& [spec, count] : faults) fault_rows += count;
  EXPECT_EQ(fault_rows, 2u * (6 * 6 - 3 * 3));
  EXPECT_EQ(faults.size(), 3u);
  // The summary counts them.
  const Json summary = Json::parse(testing::ReadFile(folder / "mixed" / "summary.json"));
  EXPECT_EQ(summary["faults"], fault_rows) << summary.dump();
  fs::remove_all(folder);
}

// The same tournament with every negotiator isolated gives the same rows (but for the specs).
TEST(IsolationTournament, IsolatedTournamentEqualsTheInProcessOne) {
  const fs::path folder = testing::TemporaryFolder("parley-isolated-tournament");
  const std::string common =
      "tournament --quiet --rounds 80 --seed 5 --threads 2 --negotiators "
      "'boulware,absolute-tft,micro,random' --scenarios '" +
      (testing::ShippedScenarios() / "genius" / "CarA").string() + "' ";
  const auto plain = testing::RunCli(common + "--out '" + (folder / "plain").string() + "'");
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  const auto isolated = testing::RunCli(common + "--isolate --out '" + (folder / "isolated").string() + "'");
  ASSERT_EQ(isolated.exit_code, 0) << isolated.err;
  auto a = ReadResultsFile(folder / "plain" / "results.jsonl");
  auto b = ReadResultsFile(folder / "isolated" / "results.jsonl");
  ASSERT_EQ(a.size(), 16u);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (const auto& spec : b[i].negotiators) EXPECT_EQ(spec.rfind("process(inner=", 0), 0u) << spec;
    EXPECT_EQ(b[i].negotiators[0], IsolatedSpec(a[i].negotiators[0]));
    a[i].negotiators = b[i].negotiators;
    a[i].elapsed_seconds = b[i].elapsed_seconds = 0;
    EXPECT_EQ(RowToJsonLine(a[i]), RowToJsonLine(b[i]));
  }
  fs::remove_all(folder);
}

TEST(PluginCli, ListsAPluginsNegotiatorsAndNamesABadPlugin) {
  const auto listed =
      testing::RunCli(std::string("list negotiators --plugin '") + parley::testing::ExamplePlugin() + "'");
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("stubborn\n"), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("accept=0.8"), std::string::npos) << listed.out;
  const auto missing = testing::RunCli("negotiate --plugin no-such-plugin.so --negotiators boulware");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(missing.err, "parley: error: no-such-plugin.so: no such plugin file\n");
  // A tournament configuration's "plugins" are loaded before its negotiators are checked.
  const fs::path folder = testing::TemporaryFolder("parley-plugin-config");
  {
    std::ofstream(folder / "config.json") << Json{
        {"negotiators", {"stubborn", "boulware"}},
        {"scenarios", {(testing::ShippedScenarios() / "genius" / "CarA").string()}},
        {"plugins", {parley::testing::ExamplePlugin()}},
        {"rounds", 20}}.dump();
  }
  const auto run = testing::RunCli("tournament --quiet --config '" + (folder / "config.json").string() + "' --out '" +
                                   (folder / "out").string() + "'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(ReadResultsFile(folder / "out" / "results.jsonl").size(), 4u);
  // The resolved configuration keeps the plugins, so that it can be run again as it is.
  const Json resolved = Json::parse(testing::ReadFile(folder / "out" / "config.json"));
  EXPECT_EQ(resolved["plugins"], Json::array({parley::testing::ExamplePlugin()}));
  fs::remove_all(folder);
}

}  // namespace
}  // namespace parley
