// GeniusWeb's DefaultPartialOrdering files (ReadPartialPreferences, WritePartialPreferences in
// parley/knowledge.h): the wiki's jobs example read by hand, a written file read back to the same
// relations, and one exact message per kind of bad file.
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fixtures.h"
#include "parley/error.h"
#include "parley/knowledge.h"
#include "test_support.h"

namespace parley {
namespace {

std::shared_ptr<const OutcomeSpace> Jobs() {
  return std::make_shared<const OutcomeSpace>(
      "jobs", std::vector<Issue>{Issue::Discrete("salary", {"2000", "2500"}), Issue::Discrete("fte", {"0.8", "1.0"}),
                                 Issue::Integer("days", 3, 5)});
}

std::string Write(const std::filesystem::path& folder, const std::string& name, const std::string& text) {
  const auto path = folder / name;
  std::ofstream(path) << text;
  return path.string();
}

const char* kJobs = R"({"DefaultPartialOrdering": {
  "name": "party1",
  "domain": {"name": "jobs", "issuesValues": {"salary": {"values": ["2000", "2500"]}}},
  "bids": [{"issuevalues": {"salary": "2500", "fte": "0.8", "days": 4}},
           {"issuevalues": {"salary": "2000", "fte": "1.0", "days": 3}},
           {"issuevalues": {"salary": "2000", "fte": "0.8", "days": 5}}],
  "better": [[0, 1], [1, 2]],
  "reservationBid": {"issuevalues": {"salary": "2000", "fte": "0.8", "days": 3}}
}})";

TEST(GeniusWebPartialOrdering, ReadsTheBidsAndRelations) {
  const auto folder = testing::TemporaryFolder("partial");
  const PartialPreferences known = ReadPartialPreferences(Write(folder, "p.json", kJobs), Jobs());
  ASSERT_EQ(known.size(), 3u);
  EXPECT_EQ(known.outcomes()[0], Outcome({1, 0, 4}));
  EXPECT_EQ(known.outcomes()[1], Outcome({0, 1, 3}));
  EXPECT_EQ(known.outcomes()[2], Outcome({0, 0, 5}));
  EXPECT_EQ(known.relations(), (std::vector<PartialPreferences::Relation>{{0, 1}, {1, 2}}));
  EXPECT_TRUE(known.IsRanking());
  EXPECT_EQ(known.WorstFirst(), (std::vector<std::size_t>{2, 1, 0}));
  EXPECT_EQ(known.reservation_outcome(), Outcome({0, 0, 3}));
}

TEST(GeniusWebPartialOrdering, WrittenFilesReadBackToTheSameRelations) {
  const auto folder = testing::TemporaryFolder("partial");
  const Scenario scenario = testing::RandomLinearScenario(41, 2, 3);
  const std::vector<PartialPreferences> cases = {
      RandomRanking(scenario.profile(0), 12, 4),
      PartialPreferences::Order(
          scenario.shared_space(),
          {scenario.space().OutcomeAt(3), scenario.space().OutcomeAt(9), scenario.space().OutcomeAt(1)},
          {{0, 2}, {1, 2}, {1, 1}}, scenario.space().OutcomeAt(0))};
  for (const PartialPreferences& known : cases) {
    const std::string path = (folder / "written.json").string();
    WritePartialPreferences(known, "party", path);
    const PartialPreferences again = ReadPartialPreferences(path, scenario.shared_space());
    EXPECT_EQ(again.outcomes(), known.outcomes());
    EXPECT_EQ(again.relations(), known.relations());
    EXPECT_EQ(again.reservation_outcome(), known.reservation_outcome());
    EXPECT_EQ(again.IsRanking(), known.IsRanking());
  }
}

TEST(GeniusWebPartialOrdering, BadFilesAreRefusedInOneLine) {
  const auto folder = testing::TemporaryFolder("partial");
  const auto bid = [](const char* salary) {
    return std::string(R"({"issuevalues": {"salary": ")") + salary + R"(", "fte": "0.8", "days": 4}})";
  };
  const struct {
    std::string text;
    std::string expected;  // after "<path>: "
  } rows[] = {
      {R"({"LinearAdditiveUtilitySpace": {}})",
       "LinearAdditiveUtilitySpace: unknown key \"LinearAdditiveUtilitySpace\" (expected one of "
       "\"DefaultPartialOrdering\"; keys "
       "starting with \"_\" or \"comment\" are comments)"},
      {R"({"DefaultPartialOrdering": {"better": []}})",
       "DefaultPartialOrdering.bids: missing; expected a list of bids"},
      {R"({"DefaultPartialOrdering": {"bids": [)" + bid("3000") + R"(], "better": []}})",
       "DefaultPartialOrdering.bids[0].issuevalues.salary: \"3000\" is not a value of issue 'salary'"},
      {R"({"DefaultPartialOrdering": {"bids": [{"issuevalues": {"salary": "2000"}}], "better": []}})",
       "DefaultPartialOrdering.bids[0].issuevalues: no value for issue 'fte'"},
      {R"({"DefaultPartialOrdering": {"bids": [{"issuevalues": {"salary": "2000", "fte": "1.0", "days": 4, "car": "x"}}], "better": []}})",
       "DefaultPartialOrdering.bids[0].issuevalues.car: 'car' is not an issue of 'jobs'"},
      {R"({"DefaultPartialOrdering": {"bids": [)" + bid("2000") + R"(], "better": [[0, 7]]}})",
       "DefaultPartialOrdering.better[0][1]: bid 7 does not exist; there are 1 bids"},
      {R"({"DefaultPartialOrdering": {"bids": [)" + bid("2000") + R"(], "better": [[0]]}})",
       "DefaultPartialOrdering.better[0]: expected a pair [i, j] of bid positions, found an array of 1 elements"},
      {R"({"DefaultPartialOrdering": {"bids": [)" + bid("2000") + "," + bid("2000") + R"(], "better": []}})",
       "DefaultPartialOrdering.bids: partial preferences: outcome 1 repeats outcome 0"},
  };
  for (const auto& row : rows) {
    const std::string path = Write(folder, "bad.json", row.text);
    try {
      ReadPartialPreferences(path, Jobs());
      ADD_FAILURE() << "accepted " << row.text;
    } catch (const InputError& error) {
      EXPECT_EQ(std::string(error.what()), path + ": " + row.expected);
    }
  }
}

}  // namespace
}  // namespace parley
