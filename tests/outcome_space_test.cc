// Tests of issues and outcome spaces (mixed-radix indexing checked against a brute-force
// enumeration, sizes of spaces too large to enumerate, validity, random outcomes, parsing and
// formatting values) and of the seeded generator they draw from (Rng, DeriveSeed).
#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "parley/error.h"
#include "parley/outcome_space.h"
#include "parley/random.h"

namespace parley {
namespace {

// 3 x 4 x 2 = 24 outcomes: a discrete issue, an integer range that includes negatives and a
// second discrete issue.
OutcomeSpace MixedSpace() {
  return OutcomeSpace("mixed", {Issue::Discrete("letter", {"a", "b", "c"}), Issue::Integer("number", -1, 2),
                                Issue::Discrete("side", {"left", "right"})});
}

std::vector<Issue> ManyIssues(std::size_t count, std::size_t values) {
  std::vector<std::string> names;
  for (std::size_t v = 0; v < values; ++v) names.push_back("v" + std::to_string(v));
  std::vector<Issue> issues;
  for (std::size_t i = 0; i < count; ++i) issues.push_back(Issue::Discrete("issue" + std::to_string(i), names));
  return issues;
}

TEST(OutcomeSpaceTest, IndexAndDecodeFollowTheBruteForceEnumeration) {
  const OutcomeSpace space = MixedSpace();
  ASSERT_TRUE(space.enumerable());
  EXPECT_EQ(space.cardinality(), std::optional<std::uint64_t>(24));
  EXPECT_NEAR(space.log10_cardinality(), std::log10(24.0), 1e-12);
  EXPECT_EQ(space.DescribeSize(), "24");

  // The last issue varies fastest.
  OutcomeIndex expected = 0;
  Outcome decoded;
  for (int letter = 0; letter < 3; ++letter) {
    for (int number = -1; number <= 2; ++number) {
      for (int side = 0; side < 2; ++side) {
        const Outcome outcome(std::vector<double>{double(letter), double(number), double(side)});
        SCOPED_TRACE(::testing::Message() << "index " << expected);
        EXPECT_TRUE(space.IsValid(outcome));
        EXPECT_EQ(space.IndexOf(outcome), expected);
        space.Decode(expected, decoded);
        EXPECT_EQ(decoded, outcome);
        EXPECT_EQ(space.OutcomeAt(expected), outcome);
        ++expected;
      }
    }
  }
  EXPECT_EQ(expected, 24u);
  EXPECT_THROW(space.OutcomeAt(24), UsageError);
}

TEST(OutcomeSpaceTest, DecodeResizesAWronglySizedOutcome) {
  const OutcomeSpace space = MixedSpace();
  Outcome out(std::vector<double>{9.0});
  space.Decode(23, out);
  EXPECT_EQ(out.values(), (std::vector<double>{2, 2, 1}));
}

TEST(OutcomeSpaceTest, HugeSpaceReportsItsSizeAsALogarithm) {
  const OutcomeSpace space("anac2014", ManyIssues(50, 10));
  EXPECT_FALSE(space.enumerable());
  EXPECT_FALSE(space.cardinality().has_value());
  EXPECT_NEAR(space.log10_cardinality(), 50.0, 1e-9);
  EXPECT_EQ(space.DescribeSize(), "about 1.0e+50 (too large to enumerate)");
  const Outcome outcome(50);
  EXPECT_TRUE(space.IsValid(outcome));
  EXPECT_THROW(space.IndexOf(outcome), UsageError);
  EXPECT_THROW(space.OutcomeAt(0), UsageError);
}

TEST(OutcomeSpaceTest, EnumerableUpToTheLargest64BitProduct) {
  // 2^63 fits in 64 bits; 2^64 does not.
  std::vector<Issue> fits = ManyIssues(15, 16);
  fits.push_back(Issue::Integer("last", 0, 7));
  const OutcomeSpace big("big", fits);
  ASSERT_TRUE(big.enumerable());
  EXPECT_EQ(*big.cardinality(), std::uint64_t{1} << 63);
  Outcome last(16);
  for (std::size_t i = 0; i < 15; ++i) last[i] = 15;
  last[15] = 7;
  EXPECT_EQ(big.IndexOf(last), (std::uint64_t{1} << 63) - 1);
  EXPECT_EQ(big.OutcomeAt((std::uint64_t{1} << 63) - 1), last);

  const OutcomeSpace too_big("too-big", ManyIssues(16, 16));
  EXPECT_FALSE(too_big.enumerable());
  EXPECT_NEAR(too_big.log10_cardinality(), 64 * std::log10(2.0), 1e-9);
}

TEST(OutcomeSpaceTest, RealIssuesMakeTheSpaceInfinite) {
  const OutcomeSpace space("real", {Issue::Discrete("d", {"x", "y"}), Issue::Real("price", 0.0, 10.0)});
  EXPECT_FALSE(space.enumerable());
  EXPECT_TRUE(std::isinf(space.log10_cardinality()));
  EXPECT_NE(space.DescribeSize().find("infinite"), std::string::npos) << space.DescribeSize();
  EXPECT_FALSE(space.issue(1).countable());
  EXPECT_EQ(space.issue(1).cardinality(), 0u);
}

TEST(OutcomeSpaceTest, IsValidRejectsMalformedOutcomes) {
  const OutcomeSpace space(
      "v", {Issue::Discrete("d", {"x", "y", "z"}), Issue::Integer("n", 5, 9), Issue::Real("r", -1.0, 1.0)});
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_TRUE(space.IsValid(Outcome(std::vector<double>{0, 5, -1})));
  EXPECT_TRUE(space.IsValid(Outcome(std::vector<double>{2, 9, 1})));
  EXPECT_TRUE(space.IsValid(Outcome(std::vector<double>{1, 7, 0.123})));

  const std::vector<std::vector<double>> invalid = {
      {},          {0, 5},        {0, 5, 0, 0}, {3, 5, 0},   {-1, 5, 0},   {0.5, 5, 0},
      {nan, 5, 0}, {0, 4, 0},     {0, 10, 0},   {0, 6.5, 0}, {0, nan, 0},  {0, inf, 0},
      {0, 5, 1.5}, {0, 5, -1.01}, {0, 5, nan},  {0, 5, inf}, {0, 5, -inf},
  };
  for (const auto& values : invalid) {
    std::string why;
    EXPECT_FALSE(space.IsValid(Outcome(values), &why)) << ::testing::PrintToString(values);
    EXPECT_FALSE(why.empty());
    EXPECT_FALSE(space.IsValid(Outcome(values)));  // no reason wanted
  }
}

TEST(OutcomeSpaceTest, RandomOutcomesAreValidDeterministicAndCoverTheValues) {
  const OutcomeSpace space(
      "r", {Issue::Discrete("d", {"x", "y", "z"}), Issue::Integer("n", -3, 3), Issue::Real("r", 2.0, 4.0)});
  Rng first(99), second(99), other(100);
  Outcome a, b, c;
  std::set<double> seen_d, seen_n;
  bool differs = false;
  for (int k = 0; k < 2000; ++k) {
    space.RandomOutcome(first, a);
    space.RandomOutcome(second, b);
    space.RandomOutcome(other, c);
    ASSERT_TRUE(space.IsValid(a)) << space.Format(a);
    ASSERT_EQ(a, b);
    differs = differs || !(a == c);
    seen_d.insert(a[0]);
    seen_n.insert(a[1]);
  }
  EXPECT_TRUE(differs);
  EXPECT_EQ(seen_d.size(), 3u);
  EXPECT_EQ(seen_n.size(), 7u);
}

TEST(OutcomeSpaceTest, FormatAndFind) {
  const OutcomeSpace space = MixedSpace();
  EXPECT_EQ(space.Format(Outcome(std::vector<double>{1, -1, 1})), "letter=b, number=-1, side=right");
  EXPECT_EQ(space.FindIssue("number"), std::optional<std::size_t>(1));
  EXPECT_FALSE(space.FindIssue("nothing").has_value());
  EXPECT_EQ(space.issue(2).FindValue("right"), std::optional<std::size_t>(1));
  EXPECT_FALSE(space.issue(2).FindValue("up").has_value());
  EXPECT_EQ(space.name(), "mixed");
  EXPECT_EQ(space.issue_count(), 3u);
}

TEST(IssueTest, DiscreteValuesParseAndFormatByName) {
  const Issue issue = Issue::Discrete("fruit", {"apple", "banana", "cherry"});
  EXPECT_EQ(issue.kind(), IssueKind::kDiscrete);
  EXPECT_EQ(issue.cardinality(), 3u);
  EXPECT_EQ(issue.Format(1), "banana");
  EXPECT_EQ(issue.Parse("cherry"), std::optional<double>(2.0));
  EXPECT_FALSE(issue.Parse("durian").has_value());
  EXPECT_FALSE(issue.Parse("1").has_value());
  for (std::uint64_t p = 0; p < 3; ++p) {
    EXPECT_EQ(issue.Parse(issue.Format(issue.ValueAt(p))), std::optional<double>(double(p)));
    EXPECT_EQ(issue.PositionOf(issue.ValueAt(p)), p);
  }
}

TEST(IssueTest, IntegerValuesParseAndFormat) {
  const Issue issue = Issue::Integer("count", -5, 20);
  EXPECT_EQ(issue.kind(), IssueKind::kInteger);
  EXPECT_EQ(issue.cardinality(), 26u);
  EXPECT_EQ(issue.Format(-5), "-5");
  EXPECT_EQ(issue.Format(17), "17");
  EXPECT_EQ(issue.Parse("12"), std::optional<double>(12.0));
  EXPECT_EQ(issue.Parse("-5"), std::optional<double>(-5.0));
  EXPECT_FALSE(issue.Parse("21").has_value());
  EXPECT_FALSE(issue.Parse("-6").has_value());
  EXPECT_FALSE(issue.Parse("2.5").has_value());
  EXPECT_FALSE(issue.Parse("ten").has_value());
  EXPECT_FALSE(issue.Parse("").has_value());
  EXPECT_FALSE(issue.Parse("3x").has_value());
  for (std::uint64_t p = 0; p < 26; ++p) {
    const double v = issue.ValueAt(p);
    EXPECT_EQ(v, -5.0 + double(p));
    EXPECT_EQ(issue.PositionOf(v), p);
    EXPECT_EQ(issue.Parse(issue.Format(v)), std::optional<double>(v));
  }
}

TEST(IssueTest, RealValuesRoundTripExactly) {
  const Issue issue = Issue::Real("price", -2.0, 1000.0);
  EXPECT_EQ(issue.kind(), IssueKind::kReal);
  EXPECT_EQ(issue.Parse("0.25"), std::optional<double>(0.25));
  EXPECT_EQ(issue.Parse("-2"), std::optional<double>(-2.0));
  EXPECT_EQ(issue.Parse("1e3"), std::optional<double>(1000.0));
  EXPECT_FALSE(issue.Parse("1000.5").has_value());
  EXPECT_FALSE(issue.Parse("-2.0001").has_value());
  EXPECT_FALSE(issue.Parse("nan").has_value());
  EXPECT_FALSE(issue.Parse("abc").has_value());
  for (double v : {0.1, 1.0 / 3.0, 2.5e-3, -1.9999999, 999.999, 0.0, 123456.0 / 1024.0}) {
    const auto parsed = issue.Parse(issue.Format(v));
    ASSERT_TRUE(parsed.has_value()) << issue.Format(v);
    EXPECT_EQ(*parsed, v) << issue.Format(v);
  }
}

TEST(IssueTest, InvalidIssuesAreUsageErrors) {
  EXPECT_THROW(Issue::Discrete("d", {}), UsageError);
  EXPECT_THROW(Issue::Discrete("d", {"a", "b", "a"}), UsageError);
  EXPECT_THROW(Issue::Integer("n", 3, 2), UsageError);
  EXPECT_THROW(Issue::Real("r", 2.0, 1.0), UsageError);
  EXPECT_THROW(Issue::Real("r", std::numeric_limits<double>::quiet_NaN(), 1.0), UsageError);
  EXPECT_THROW(Issue::Real("r", 0.0, std::numeric_limits<double>::infinity()), UsageError);
  EXPECT_NO_THROW(Issue::Integer("n", 4, 4));
}

TEST(OutcomeSpaceTest, InvalidSpacesAreUsageErrors) {
  EXPECT_THROW(OutcomeSpace("empty", {}), UsageError);
  EXPECT_THROW(OutcomeSpace("dup", {Issue::Discrete("a", {"x"}), Issue::Integer("a", 0, 3)}), UsageError);
  try {
    OutcomeSpace("dup", {Issue::Integer("price", 0, 1), Issue::Integer("price", 0, 1)});
    FAIL() << "expected a UsageError";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("price"), std::string::npos) << e.what();
  }
}

TEST(RngTest, SameSeedSameSequence) {
  Rng a(2024), b(2024), c(2025);
  bool differs = false;
  for (int i = 0; i < 1000; ++i) {
    const std::uint64_t x = a.Next();
    EXPECT_EQ(x, b.Next());
    differs = differs || x != c.Next();
  }
  EXPECT_TRUE(differs);
  Rng d(7), e(7);
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(d.UniformInt(1000), e.UniformInt(1000));
    EXPECT_EQ(d.UniformReal(), e.UniformReal());
  }
}

TEST(RngTest, UniformIntStaysWithinItsBound) {
  Rng rng(1);
  for (std::uint64_t bound : {std::uint64_t{1}, std::uint64_t{2}, std::uint64_t{3}, std::uint64_t{7},
                              std::uint64_t{1000}, (std::uint64_t{1} << 63) + 1, ~std::uint64_t{0}}) {
    for (int i = 0; i < 2000; ++i) ASSERT_LT(rng.UniformInt(bound), bound) << bound;
  }
  for (int i = 0; i < 100; ++i) EXPECT_EQ(rng.UniformInt(1), 0u);
  // A bound just above 2^63 rejects about half the raw words; the results must still reach both halves.
  bool low = false, high = false;
  for (int i = 0; i < 200; ++i) {
    const std::uint64_t v = rng.UniformInt((std::uint64_t{1} << 63) + 1);
    (v < (std::uint64_t{1} << 62) ? low : high) = true;
  }
  EXPECT_TRUE(low && high);
}

TEST(RngTest, UniformIntIsRoughlyUniform) {
  // Chi-square over 10 and 6 buckets; the 99.99th percentile for 9 degrees of freedom is about
  // 33, for 5 about 25.7, so these bounds fail only for a broken generator.
  for (const auto& [bound, limit] : {std::pair<std::uint64_t, double>{10, 40.0}, {6, 32.0}}) {
    Rng rng(31337 + bound);
    const int draws = 120000;
    std::vector<int> counts(bound, 0);
    for (int i = 0; i < draws; ++i) ++counts[rng.UniformInt(bound)];
    const double expected = double(draws) / double(bound);
    double chi2 = 0.0;
    for (int c : counts) chi2 += (c - expected) * (c - expected) / expected;
    EXPECT_LT(chi2, limit) << "bound " << bound;
  }
}

TEST(RngTest, UniformRealIsInTheUnitInterval) {
  Rng rng(5);
  double sum = 0.0;
  const int draws = 100000;
  for (int i = 0; i < draws; ++i) {
    const double x = rng.UniformReal();
    ASSERT_GE(x, 0.0);
    ASSERT_LT(x, 1.0);
    sum += x;
  }
  // The mean of n uniforms has standard deviation 1/sqrt(12 n), about 0.0009 here.
  EXPECT_NEAR(sum / draws, 0.5, 0.005);
  for (int i = 0; i < 100; ++i) {
    EXPECT_FALSE(rng.Bernoulli(0.0));
    EXPECT_TRUE(rng.Bernoulli(1.0));
  }
}

TEST(DeriveSeedTest, DeterministicAndSensitiveToEveryInput) {
  EXPECT_EQ(DeriveSeed(42, {1, 2}), DeriveSeed(42, {1, 2}));
  EXPECT_NE(DeriveSeed(42, {1, 2}), DeriveSeed(42, {2, 1}));
  EXPECT_NE(DeriveSeed(42, {1}), DeriveSeed(43, {1}));
  EXPECT_NE(DeriveSeed(42, {}), DeriveSeed(42, {0}));
  EXPECT_NE(DeriveSeed(42, {0}), DeriveSeed(42, {0, 0}));
  std::set<std::uint64_t> seeds;
  for (std::uint64_t party = 0; party < 100; ++party) {
    for (std::uint64_t repetition = 0; repetition < 10; ++repetition) {
      seeds.insert(DeriveSeed(0, {party, repetition}));
    }
  }
  EXPECT_EQ(seeds.size(), 1000u);
}

}  // namespace
}  // namespace parley

namespace parley {
namespace {

// A braced list is always values: Outcome({2}) is one issue holding 2, Outcome(2) two issues.
TEST(OutcomeTest, BracedListsAreValuesAndCountsAreSizes) {
  EXPECT_EQ(Outcome({2}).size(), 1u);
  EXPECT_EQ(Outcome({2})[0], 2.0);
  EXPECT_EQ(Outcome({0, 2}).values(), (std::vector<double>{0.0, 2.0}));
  EXPECT_EQ(Outcome(2).size(), 2u);
  EXPECT_EQ(Outcome(2)[1], 0.0);
}

}  // namespace
}  // namespace parley
