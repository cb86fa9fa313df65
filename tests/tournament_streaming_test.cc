// Tests of what lets a tournament of millions of negotiations run in flat memory: the exact
// statistic accumulators (order-independent, checked against a two-pass computation), the
// on-disk sort of results files by id (checked against std::sort under every kind of disorder and
// memory budget), and a tournament that keeps no rows in memory but writes the same files.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <random>

#include <gtest/gtest.h>

#include "parley/error.h"
#include "parley/tournament.h"
#include "test_support.h"
#include "tournament/line_sort.h"

namespace parley {
namespace {

using testing::ReadFile;
using testing::TemporaryFolder;
using testing::WithoutElapsed;

std::vector<double> RandomSample(std::mt19937_64& rng, std::size_t n, double scale) {
  std::uniform_real_distribution<double> value(-scale, scale);
  std::vector<double> sample(n);
  for (double& x : sample) x = value(rng);
  return sample;
}

TEST(StatisticAccumulator, EqualsTheTwoPassDefinition) {
  std::mt19937_64 rng(7);
  for (std::size_t n : {2u, 3u, 17u, 1000u}) {
    const std::vector<double> sample = RandomSample(rng, n, 1.5);
    double mean = 0;
    for (double x : sample) mean += x;
    mean /= static_cast<double>(n);
    double squares = 0;
    for (double x : sample) squares += (x - mean) * (x - mean);
    const double expected_half =
        StudentT975(n - 1) * std::sqrt(squares / static_cast<double>(n - 1)) / std::sqrt(static_cast<double>(n));
    StatisticAccumulator accumulator;
    for (double x : sample) accumulator.Add(x);
    const Statistic s = accumulator.Result();
    EXPECT_EQ(s.n, n);
    EXPECT_NEAR(s.mean, mean, 1e-12);
    EXPECT_NEAR(s.half_width, expected_half, 1e-11);
  }
}

TEST(StatisticAccumulator, DoesNotDependOnOrderOrMerges) {
  std::mt19937_64 rng(11);
  const std::vector<double> sample = RandomSample(rng, 5000, 3.0);
  StatisticAccumulator in_order;
  for (double x : sample) in_order.Add(x);
  const Statistic expected = in_order.Result();
  for (int trial = 0; trial < 5; ++trial) {
    std::vector<double> shuffled = sample;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    // Split among "threads" of random sizes, merged in a random order.
    std::vector<StatisticAccumulator> parts(1 + trial * 3);
    for (double x : shuffled) parts[rng() % parts.size()].Add(x);
    std::shuffle(parts.begin(), parts.end(), rng);
    StatisticAccumulator merged;
    for (const auto& part : parts) merged.Merge(part);
    const Statistic got = merged.Result();
    EXPECT_EQ(got.n, expected.n);
    EXPECT_EQ(got.mean, expected.mean);  // bit for bit
    EXPECT_EQ(got.half_width, expected.half_width);
  }
}

TEST(StatisticAccumulator, ConstantSamplesHaveNoSpreadAndLargeValuesAreFlagged) {
  StatisticAccumulator constant;
  for (int i = 0; i < 1000; ++i) constant.Add(0.1);
  EXPECT_EQ(constant.Result().half_width, 0.0);
  EXPECT_NEAR(constant.Result().mean, 0.1, 1e-12);

  StatisticAccumulator one;
  one.Add(-0.25);
  EXPECT_EQ(one.Result().mean, -0.25);
  EXPECT_EQ(one.Result().half_width, 0.0);

  // Near the top of the range: sums of squares need all 192 bits without overflowing.
  StatisticAccumulator big;
  big.Add(8388607.0);
  big.Add(-8388607.0);
  EXPECT_EQ(big.Result().mean, 0.0);
  // Sample standard deviation of {a, -a} is a * sqrt(2); half-width t(1) * a * sqrt(2) / sqrt(2).
  EXPECT_NEAR(big.Result().half_width, StudentT975(1) * 8388607.0, 1e-6);

  for (double bad : {std::nan(""), std::numeric_limits<double>::infinity(), 1e9}) {
    StatisticAccumulator flagged;
    flagged.Add(0.5);
    flagged.Add(bad);
    EXPECT_EQ(flagged.Result().n, 2u);
    EXPECT_TRUE(std::isnan(flagged.Result().mean)) << bad;
  }
}

TEST(LeadingId, ReadsJsonAndCsvRows) {
  EXPECT_EQ(LeadingId(R"({"id":42,"scenario":"x"})"), 42u);
  EXPECT_EQ(LeadingId("7,CarA,0"), 7u);
  EXPECT_EQ(LeadingId("id,scenario"), std::nullopt);
  EXPECT_EQ(LeadingId(R"({"id":,)"), std::nullopt);
  EXPECT_EQ(LeadingId("12"), std::nullopt);
  EXPECT_EQ(LeadingId(""), std::nullopt);
}

// Lines "id,payload" in the given id order; payload varies in length.
void WriteLines(const std::filesystem::path& path, const std::vector<std::uint64_t>& ids, const std::string& header) {
  std::ofstream out(path, std::ios::binary);
  if (!header.empty()) out << header << "\n";
  for (std::uint64_t id : ids) out << id << ",payload-" << std::string(id % 37, 'x') << "\n";
}

std::vector<std::string> Lines(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(SortLinesById, SortsAnyDisorderInAnyMemoryBudget) {
  const auto folder = TemporaryFolder("parley-line-sort");
  std::mt19937_64 rng(3);
  const std::size_t n = 20000;
  std::vector<std::uint64_t> sorted(n);
  for (std::size_t i = 0; i < n; ++i) sorted[i] = i;
  // Nearly sorted (as parallel workers produce), reversed, and shuffled.
  std::vector<std::vector<std::uint64_t>> orders;
  std::vector<std::uint64_t> nearly = sorted;
  for (std::size_t i = 0; i + 1 < n; i += 2) {
    if (rng() % 3 == 0) std::swap(nearly[i], nearly[i + 1]);
  }
  orders.push_back(nearly);
  orders.push_back(std::vector<std::uint64_t>(sorted.rbegin(), sorted.rend()));
  std::vector<std::uint64_t> shuffled = sorted;
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  orders.push_back(shuffled);
  WriteLines(folder / "expected", sorted, "id,payload");
  const std::vector<std::string> expected = Lines(folder / "expected");
  for (std::size_t order = 0; order < orders.size(); ++order) {
    for (std::size_t budget : {std::size_t{1500}, std::size_t{64} << 20}) {
      SCOPED_TRACE(::testing::Message() << "order " << order << ", budget " << budget);
      const auto path = folder / "results.csv";
      WriteLines(path, orders[order], "id,payload");
      SortLinesById({{path, true}}, path, "id,payload", budget);
      EXPECT_EQ(Lines(path), expected);
      // No temporary run files left behind.
      std::size_t files = 0;
      for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(folder)) ++files;
      EXPECT_EQ(files, 2u);
    }
  }
}

TEST(SortLinesById, JoinsSeveralInputsAndNamesABadLine) {
  const auto folder = TemporaryFolder("parley-line-sort-inputs");
  WriteLines(folder / "a", {5, 1, 3}, "");
  WriteLines(folder / "b", {4, 0, 2}, "");
  SortLinesById({{folder / "a", false}, {folder / "b", false}}, folder / "out", "header", 16);
  const auto lines = Lines(folder / "out");
  ASSERT_EQ(lines.size(), 7u);
  EXPECT_EQ(lines[0], "header");
  for (std::size_t i = 1; i < lines.size(); ++i) EXPECT_EQ(LeadingId(lines[i]), i - 1);

  {
    std::ofstream out(folder / "bad", std::ios::binary);
    out << "1,a\nnot a row\n";
  }
  try {
    SortLinesById({{folder / "bad", false}}, folder / "out", "");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("bad:2"), std::string::npos) << e.what();
  }
  EXPECT_EQ(Lines(folder / "out").size(), 7u);  // unchanged
}

TournamentConfig SmallTournament(const std::filesystem::path& out) {
  TournamentConfig config;
  config.negotiators = {"boulware", "absolute-tft", "linear"};
  const auto genius = parley::testing::SourceDir() / "scenarios" / "genius";
  config.scenarios = {(genius / "CarA").string(), (genius / "IntegerDomain").string()};
  config.repetitions = 4;
  config.rounds = 60;
  config.seed = 5;
  config.threads = 2;
  config.out = out;
  return config;
}

TEST(TournamentStreaming, WithoutRowsInMemoryTheFilesAndSummaryAreTheSame) {
  const auto folder = TemporaryFolder("parley-tournament-streaming");
  TournamentConfig kept = SmallTournament(folder / "kept");
  const TournamentResult with_rows = RunTournament(kept);
  TournamentConfig streamed = SmallTournament(folder / "streamed");
  streamed.keep_rows = false;
  streamed.threads = 1;
  const TournamentResult without_rows = RunTournament(streamed);
  EXPECT_TRUE(without_rows.rows.empty());
  ASSERT_EQ(with_rows.rows.size(), with_rows.plan.match_count);
  // The summary computed from the rows in memory equals the one accumulated as they finished.
  const TournamentSummary recomputed = SummarizeTournament(with_rows.plan, with_rows.rows);
  EXPECT_EQ(SummaryToJson(recomputed), SummaryToJson(without_rows.summary));
  EXPECT_EQ(SummaryToJson(with_rows.summary), SummaryToJson(without_rows.summary));
  for (const char* name : {"summary.csv", "summary.json", "config.json"}) {
    EXPECT_EQ(ReadFile(kept.out / name), ReadFile(streamed.out / name)) << name;
  }
  EXPECT_EQ(WithoutElapsed(ReadFile(kept.out / "results.jsonl"), false),
            WithoutElapsed(ReadFile(streamed.out / "results.jsonl"), false));
  EXPECT_EQ(WithoutElapsed(ReadFile(kept.out / "results.csv"), true),
            WithoutElapsed(ReadFile(streamed.out / "results.csv"), true));
  // The files list every negotiation once, in id order.
  const auto rows = ReadResultsFile(streamed.out / "results.jsonl");
  ASSERT_EQ(rows.size(), with_rows.plan.match_count);
  for (std::size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(rows[i].id, i);
}

TEST(TournamentStreaming, ResumeRepairsACutLineAndAMissingCsvRow) {
  const auto folder = TemporaryFolder("parley-tournament-streaming-resume");
  TournamentConfig full = SmallTournament(folder / "full");
  RunTournament(full);
  // An interrupted run: the JSON lines hold the first rows, the last one cut in the middle, and
  // the CSV file lacks the last whole row (killed between the two writes).
  TournamentConfig cut = SmallTournament(folder / "cut");
  std::filesystem::create_directories(cut.out);
  std::filesystem::copy_file(full.out / "config.json", cut.out / "config.json");
  const std::string jsonl = ReadFile(full.out / "results.jsonl");
  std::size_t end = 0;
  for (int line = 0; line < 10; ++line) end = jsonl.find('\n', end) + 1;
  const std::size_t next_end = jsonl.find('\n', end);
  {
    std::ofstream out(cut.out / "results.jsonl", std::ios::binary);
    out << jsonl.substr(0, end) << jsonl.substr(end, (next_end - end) / 2);
  }
  {
    std::ofstream out(cut.out / "results.csv", std::ios::binary);
    out << CsvHeader() << "\n";
  }
  cut.resume = true;
  cut.keep_rows = false;
  RunTournament(cut);
  EXPECT_EQ(WithoutElapsed(ReadFile(full.out / "results.jsonl"), false),
            WithoutElapsed(ReadFile(cut.out / "results.jsonl"), false));
  EXPECT_EQ(WithoutElapsed(ReadFile(full.out / "results.csv"), true),
            WithoutElapsed(ReadFile(cut.out / "results.csv"), true));
  EXPECT_EQ(ReadFile(full.out / "summary.json"), ReadFile(cut.out / "summary.json"));
}

}  // namespace
}  // namespace parley
