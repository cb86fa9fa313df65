// Tests of preferences: linear additive utilities (tables, clamped and unclamped linear and GENIUS
// triangular value functions, weight normalisation, the cap at 1, exact extremes), the ANAC 2014
// hyper-rectangle utilities (inclusive, exclusive and unbounded rectangles, nested functions with
// sum/min/max aggregation), and profiles and scenarios (discounting, validation). Expected values
// are worked out by hand in the comments, or by an independent brute-force evaluation.
#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <vector>

#include <gtest/gtest.h>

#include "parley/error.h"
#include "parley/hyper_rectangle.h"
#include "parley/scenario.h"
#include "parley/utility.h"

namespace parley {
namespace {

constexpr double kTolerance = 1e-12;
const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

Outcome O(std::vector<double> values) { return Outcome(std::move(values)); }

// d: discrete {a, b}; n: integer 0..10; temp: real [0, 10].
std::shared_ptr<const OutcomeSpace> MixedSpace() {
  return std::make_shared<const OutcomeSpace>(
      "mixed",
      std::vector<Issue>{Issue::Discrete("d", {"a", "b"}), Issue::Integer("n", 0, 10), Issue::Real("temp", 0.0, 10.0)});
}

// Weights 2:1:1 -> .5, .25, .25. d: {.2, 1}. n: clamp(-.5 + .25 n). temp: triangular 2..8, top 4.
LinearAdditiveUtility MixedUtility(const std::shared_ptr<const OutcomeSpace>& space) {
  return LinearAdditiveUtility(space, {2, 1, 1},
                               {ValueFunction::Table({0.2, 1.0}), ValueFunction::Linear(0.25, -0.5, 0.0, true),
                                ValueFunction::Triangular(2.0, 8.0, 4.0)});
}

TEST(LinearAdditiveUtilityTest, HandCalculatedUtilitiesWithUnnormalisedWeights) {
  const auto space = MixedSpace();
  const auto u = MixedUtility(space);
  EXPECT_EQ(u.kind(), "linear-additive");
  ASSERT_EQ(u.weights().size(), 3u);
  EXPECT_NEAR(u.weights()[0], 0.5, kTolerance);
  EXPECT_NEAR(u.weights()[1], 0.25, kTolerance);
  EXPECT_NEAR(u.weights()[2], 0.25, kTolerance);

  // .5*1 + .25*(-.5+.75) + .25*1 = .5 + .0625 + .25
  EXPECT_NEAR(u.Utility(O({1, 3, 4})), 0.8125, kTolerance);
  // .5*.2 + .25*0 (clamped from -.5) + .25*0 (below lower)
  EXPECT_NEAR(u.Utility(O({0, 0, 1})), 0.1, kTolerance);
  // .1 + .25*1 (clamped from 1.5) + .25*(1 - 2/4)
  EXPECT_NEAR(u.Utility(O({0, 8, 6})), 0.475, kTolerance);
  // .5 + .25*1 + .25*(1/2)
  EXPECT_NEAR(u.Utility(O({1, 6, 3})), 0.875, kTolerance);
  // .5 + .25*1 (clamped from 2) + .25*0 (at upper)
  EXPECT_NEAR(u.Utility(O({1, 10, 8})), 0.75, kTolerance);
  // .1 + 0 + 0 (at lower)
  EXPECT_NEAR(u.Utility(O({0, 2, 2})), 0.1, kTolerance);
  // .5 + .25*.5 + .25*(1 - 3.5/4)
  EXPECT_NEAR(u.Utility(O({1, 4, 7.5})), 0.65625, kTolerance);

  // Extremes: .5 + .25 + .25 at (b, n >= 6, temp 4); .1 + 0 + 0.
  EXPECT_NEAR(u.max_utility(), 1.0, kTolerance);
  EXPECT_NEAR(u.min_utility(), 0.1, kTolerance);
}

TEST(LinearAdditiveUtilityTest, TriangularFollowsTheGeniusRule) {
  const Issue real = Issue::Real("x", 0.0, 10.0);
  const ValueFunction f = ValueFunction::Triangular(2.0, 8.0, 4.0);
  // x < lower -> 0; x < top -> (x - lower) / (top - lower); x < upper -> 1 - (x - top) / (upper - top); else 0.
  const std::vector<std::pair<double, double>> expected = {{0.0, 0.0},   {1.999, 0.0}, {2.0, 0.0},  {3.0, 0.5},
                                                           {3.5, 0.75},  {4.0, 1.0},   {5.0, 0.75}, {6.0, 0.5},
                                                           {7.9, 0.025}, {8.0, 0.0},   {9.0, 0.0},  {10.0, 0.0}};
  for (const auto& [x, v] : expected) EXPECT_NEAR(f.Evaluate(real, x), v, kTolerance) << "x = " << x;

  // Tabulated on an integer issue, the same rule applies at each integer.
  auto space = std::make_shared<const OutcomeSpace>("one", std::vector<Issue>{Issue::Integer("x", 0, 10)});
  const LinearAdditiveUtility u(space, {3.0}, {f});
  const double by_integer[] = {0, 0, 0, .5, 1, .75, .5, .25, 0, 0, 0};
  for (int x = 0; x <= 10; ++x) EXPECT_NEAR(u.Utility(O({double(x)})), by_integer[x], kTolerance) << x;
  EXPECT_NEAR(u.max_utility(), 1.0, kTolerance);
  EXPECT_NEAR(u.min_utility(), 0.0, kTolerance);
}

TEST(LinearAdditiveUtilityTest, ExtremesOfAnUntabulatedIntegerIssueWithAFractionalPeak) {
  // Too many values to tabulate; the peak at 2000000.5 is not an integer, so the best integers
  // are 2000000 (rising side: 2000000 / 2000000.5) and 2000001 (falling: 1 - .5 / 1999999.5).
  auto space = std::make_shared<const OutcomeSpace>("wide", std::vector<Issue>{Issue::Integer("n", 0, 4000000)});
  const LinearAdditiveUtility u(space, {1.0}, {ValueFunction::Triangular(0.0, 4000000.0, 2000000.5)});
  const double best = 2000000.0 / 2000000.5;
  EXPECT_GT(best, 1.0 - 0.5 / 1999999.5);
  EXPECT_NEAR(u.Utility(O({2000000})), best, kTolerance);
  EXPECT_NEAR(u.max_utility(), best, kTolerance);
  EXPECT_NEAR(u.min_utility(), 0.0, kTolerance);
}

TEST(LinearAdditiveUtilityTest, LinearIsClampedOnlyWhenAsked) {
  const Issue n = Issue::Integer("n", 1, 5);
  // .1 + .3 (x - 1): .1, .4, .7, 1.0, 1.3 at x = 1..5; and with slope -.5, offset .2: .2, -.3, ...
  const ValueFunction clamped = ValueFunction::Linear(0.3, 0.1, 1.0, true);
  const ValueFunction raw = ValueFunction::Linear(0.3, 0.1, 1.0, false);
  EXPECT_NEAR(clamped.Evaluate(n, 4), 1.0, kTolerance);
  EXPECT_NEAR(clamped.Evaluate(n, 5), 1.0, kTolerance);
  EXPECT_NEAR(raw.Evaluate(n, 5), 1.3, kTolerance);
  EXPECT_NEAR(raw.Evaluate(n, 2), 0.4, kTolerance);
  const ValueFunction falling = ValueFunction::Linear(-0.5, 0.2, 1.0, true);
  EXPECT_NEAR(falling.Evaluate(n, 2), 0.0, kTolerance);
  EXPECT_NEAR(ValueFunction::Linear(-0.5, 0.2, 1.0, false).Evaluate(n, 2), -0.3, kTolerance);
}

TEST(LinearAdditiveUtilityTest, UtilityIsCappedAtOne) {
  auto space = std::make_shared<const OutcomeSpace>(
      "cap", std::vector<Issue>{Issue::Integer("n", 1, 5), Issue::Discrete("d", {"lo", "hi"})});
  // Equal weights; n unclamped .1 .. 1.3; d {.5, 1}.
  const LinearAdditiveUtility u(space, {1, 1},
                                {ValueFunction::Linear(0.3, 0.1, 1.0, false), ValueFunction::Table({0.5, 1.0})});
  EXPECT_NEAR(u.Utility(O({5, 0})), 0.9, kTolerance);   // .65 + .25
  EXPECT_NEAR(u.Utility(O({5, 1})), 1.0, kTolerance);   // .65 + .5 = 1.15, capped
  EXPECT_NEAR(u.Utility(O({4, 1})), 1.0, kTolerance);   // .5 + .5
  EXPECT_NEAR(u.Utility(O({3, 1})), 0.85, kTolerance);  // .35 + .5
  EXPECT_NEAR(u.max_utility(), 1.0, kTolerance);
  EXPECT_NEAR(u.min_utility(), 0.3, kTolerance);  // .05 + .25

  // Values above 1 everywhere: every outcome is worth exactly 1.
  const LinearAdditiveUtility high(space, {1, 3},
                                   {ValueFunction::Linear(0.0, 2.0, 0.0, false), ValueFunction::Table({1.5, 3.0})});
  EXPECT_DOUBLE_EQ(high.Utility(O({2, 0})), 1.0);
  EXPECT_DOUBLE_EQ(high.max_utility(), 1.0);
  EXPECT_DOUBLE_EQ(high.min_utility(), 1.0);
}

TEST(LinearAdditiveUtilityTest, ExtremesMatchABruteForceEvaluation) {
  auto space = std::make_shared<const OutcomeSpace>(
      "brute", std::vector<Issue>{Issue::Discrete("a", {"p", "q", "r", "s"}), Issue::Integer("b", -2, 3),
                                  Issue::Discrete("c", {"x", "y", "z"})});
  const std::vector<double> weights = {0.7, 2.2, 1.1};
  const std::vector<double> table_a = {0.3, 0.9, 0.0, 0.55};
  const std::vector<double> table_c = {0.25, 1.0, 0.6};
  // b: unclamped .1 + .3 (x + 1): -.2, .1, .4, .7, 1.0, 1.3 at -2..3.
  const LinearAdditiveUtility u(
      space, weights,
      {ValueFunction::Table(table_a), ValueFunction::Linear(0.3, 0.1, -1.0, false), ValueFunction::Table(table_c)});
  const double total = 0.7 + 2.2 + 1.1;
  double hi = -kInf, lo = kInf;
  for (int a = 0; a < 4; ++a) {
    for (int b = -2; b <= 3; ++b) {
      for (int c = 0; c < 3; ++c) {
        const double value_b = 0.1 + 0.3 * (b + 1);
        const double expected = std::min(1.0, (0.7 * table_a[a] + 2.2 * value_b + 1.1 * table_c[c]) / total);
        EXPECT_NEAR(u.Utility(O({double(a), double(b), double(c)})), expected, 1e-12) << a << " " << b << " " << c;
        hi = std::max(hi, expected);
        lo = std::min(lo, expected);
      }
    }
  }
  EXPECT_NEAR(u.max_utility(), hi, 1e-12);
  EXPECT_NEAR(u.min_utility(), lo, 1e-12);
  // By hand: lowest is (r, -2, x): (0 + 2.2 * -.2 + 1.1 * .25) / 4 = -.04125.
  EXPECT_NEAR(lo, -0.04125, 1e-12);
}

TEST(LinearAdditiveUtilityTest, InvalidArgumentsAreUsageErrors) {
  auto space = std::make_shared<const OutcomeSpace>(
      "bad", std::vector<Issue>{Issue::Discrete("d", {"a", "b", "c"}), Issue::Real("r", 0.0, 1.0)});
  const ValueFunction table = ValueFunction::Table({0, 0.5, 1});
  const ValueFunction line = ValueFunction::Linear(1.0, 0.0, 0.0, true);
  auto make = [&](std::vector<double> weights, std::vector<ValueFunction> functions) {
    return LinearAdditiveUtility(space, std::move(weights), std::move(functions));
  };
  EXPECT_NO_THROW(make({1, 0}, {table, line}));
  EXPECT_THROW(make({-0.1, 1}, {table, line}), UsageError);
  EXPECT_THROW(make({kNaN, 1}, {table, line}), UsageError);
  EXPECT_THROW(make({kInf, 1}, {table, line}), UsageError);
  EXPECT_THROW(make({0, 0}, {table, line}), UsageError);
  EXPECT_THROW(make({1}, {table, line}), UsageError);
  EXPECT_THROW(make({1, 1, 1}, {table, line}), UsageError);
  EXPECT_THROW(make({1, 1}, {table}), UsageError);
  EXPECT_THROW(make({1, 1}, {ValueFunction::Table({0, 1}), line}), UsageError);        // too short
  EXPECT_THROW(make({1, 1}, {ValueFunction::Table({0, 1, 1, 1}), line}), UsageError);  // too long
  EXPECT_THROW(make({1, 1}, {table, ValueFunction::Table({0, 1})}), UsageError);       // table on a real issue
  EXPECT_THROW(make({1, 1}, {ValueFunction::Table({0, kNaN, 1}), line}), UsageError);  // NaN value
}

TEST(LinearAdditiveUtilityTest, RankingIsBuiltOnceAndShared) {
  auto discrete = std::make_shared<const OutcomeSpace>(
      "small", std::vector<Issue>{Issue::Discrete("d", {"a", "b"}), Issue::Integer("n", 0, 3)});
  const LinearAdditiveUtility u(discrete, {1, 1},
                                {ValueFunction::Table({0, 1}), ValueFunction::Table({0, .1, .2, .3})});
  EXPECT_EQ(&u.ranking(), &u.ranking());
  EXPECT_EQ(u.ranking().size(), 8u);
}

// x and y: integers 0..9.
std::shared_ptr<const OutcomeSpace> GridSpace() {
  return std::make_shared<const OutcomeSpace>("grid",
                                              std::vector<Issue>{Issue::Integer("x", 0, 9), Issue::Integer("y", 0, 9)});
}

HyperRectangle Rectangle(HyperRectangle::Kind kind, std::vector<HyperRectangle::Bound> bounds, double utility,
                         double weight = 1.0) {
  HyperRectangle r;
  r.kind = kind;
  r.bounds = std::move(bounds);
  r.utility = utility;
  r.weight = weight;
  return r;
}

TEST(HyperRectangleUtilityTest, InclusiveExclusiveAndUnboundedRectangles) {
  using Kind = HyperRectangle::Kind;
  HyperRectangleFunction root;
  root.aggregation = HyperRectangleFunction::Aggregation::kSum;
  // Inclusive: x in [2,5] and y in [3,4] -> 10. Exclusive: outside x in [0,4] or y in [0,4] -> 6 * .5.
  // No bounds -> 1 * 2 always.
  root.rectangles = {Rectangle(Kind::kInclusive, {{0, 2, 5}, {1, 3, 4}}, 10.0),
                     Rectangle(Kind::kExclusive, {{0, 0, 4}, {1, 0, 4}}, 6.0, 0.5),
                     Rectangle(Kind::kInclusive, {}, 1.0, 2.0)};
  const HyperRectangleUtility u(GridSpace(), root, 20.0);
  EXPECT_EQ(u.kind(), "hyper-rectangle");
  EXPECT_NEAR(u.Utility(O({3, 3})), 12.0 / 20, kTolerance);  // 10 + 0 + 2
  EXPECT_NEAR(u.Utility(O({4, 4})), 12.0 / 20, kTolerance);  // bounds are inclusive on both sides
  EXPECT_NEAR(u.Utility(O({5, 4})), 15.0 / 20, kTolerance);  // 10 + 3 (x outside [0,4]) + 2
  EXPECT_NEAR(u.Utility(O({3, 7})), 5.0 / 20, kTolerance);   // 0 + 3 + 2
  EXPECT_NEAR(u.Utility(O({6, 6})), 5.0 / 20, kTolerance);   // outside both exclusive ranges
  EXPECT_NEAR(u.Utility(O({1, 1})), 2.0 / 20, kTolerance);   // inside both exclusive ranges
  EXPECT_NEAR(u.Utility(O({2, 5})), 5.0 / 20, kTolerance);   // y just outside the inclusive range

  // An exclusive rectangle with no ranges contributes too.
  HyperRectangleFunction lone;
  lone.rectangles = {Rectangle(Kind::kExclusive, {}, 4.0, 0.25)};
  EXPECT_NEAR(HyperRectangleUtility(GridSpace(), lone, 2.0).Utility(O({0, 0})), 0.5, kTolerance);
}

TEST(HyperRectangleUtilityTest, NestedFunctionsWithMinAndMaxAggregation) {
  using Kind = HyperRectangle::Kind;
  using Aggregation = HyperRectangleFunction::Aggregation;
  HyperRectangleFunction sum_child;  // 3 when x in [0,2]; weight 2 in the parent
  sum_child.aggregation = Aggregation::kSum;
  sum_child.weight = 2.0;
  sum_child.rectangles = {Rectangle(Kind::kInclusive, {{0, 0, 2}}, 3.0)};
  HyperRectangleFunction min_child;  // min(8, 6 when y in [5,9] else 0); weight .5
  min_child.aggregation = Aggregation::kMin;
  min_child.weight = 0.5;
  min_child.rectangles = {Rectangle(Kind::kInclusive, {}, 8.0), Rectangle(Kind::kInclusive, {{1, 5, 9}}, 6.0)};
  HyperRectangleFunction root;  // max(5 when x in [8,9], children); its own weight is not applied
  root.aggregation = Aggregation::kMax;
  root.weight = 0.5;
  root.rectangles = {Rectangle(Kind::kInclusive, {{0, 8, 9}}, 5.0)};
  root.children = {sum_child, min_child};
  const HyperRectangleUtility u(GridSpace(), root, 10.0);

  EXPECT_NEAR(u.Utility(O({1, 6})), 0.6, kTolerance);  // max(0, 3*2, min(8,6)*.5 = 3) = 6
  EXPECT_NEAR(u.Utility(O({1, 2})), 0.6, kTolerance);  // max(0, 6, min(8,0)*.5 = 0)
  EXPECT_NEAR(u.Utility(O({5, 6})), 0.3, kTolerance);  // max(0, 0, 3)
  EXPECT_NEAR(u.Utility(O({9, 6})), 0.5, kTolerance);  // max(5, 0, 3)
  EXPECT_NEAR(u.Utility(O({5, 2})), 0.0, kTolerance);  // max(0, 0, 0)

  // Capped at 1 when the declared maximum is below the function's value: 6 / 2 = 3.
  const HyperRectangleUtility capped(GridSpace(), root, 2.0);
  EXPECT_DOUBLE_EQ(capped.Utility(O({1, 6})), 1.0);
  EXPECT_NEAR(capped.Utility(O({5, 2})), 0.0, kTolerance);

  // A min over rectangles at the root.
  HyperRectangleFunction min_root;
  min_root.aggregation = Aggregation::kMin;
  min_root.rectangles = {Rectangle(Kind::kInclusive, {}, 4.0), Rectangle(Kind::kInclusive, {{0, 0, 4}}, 7.0)};
  const HyperRectangleUtility min_u(GridSpace(), min_root, 8.0);
  EXPECT_NEAR(min_u.Utility(O({2, 0})), 0.5, kTolerance);  // min(4, 7)
  EXPECT_NEAR(min_u.Utility(O({6, 0})), 0.0, kTolerance);  // min(4, 0)
}

TEST(HyperRectangleUtilityTest, InvalidArgumentsAreUsageErrors) {
  HyperRectangleFunction root;
  root.rectangles = {Rectangle(HyperRectangle::Kind::kInclusive, {{0, 0, 1}}, 1.0)};
  EXPECT_THROW(HyperRectangleUtility(GridSpace(), root, 0.0), UsageError);
  EXPECT_THROW(HyperRectangleUtility(GridSpace(), root, -1.0), UsageError);
  EXPECT_THROW(HyperRectangleUtility(GridSpace(), root, kNaN), UsageError);
  EXPECT_THROW(HyperRectangleUtility(GridSpace(), root, kInf), UsageError);
  HyperRectangleFunction bad_issue;
  bad_issue.rectangles = {Rectangle(HyperRectangle::Kind::kInclusive, {{2, 0, 1}}, 1.0)};
  EXPECT_THROW(HyperRectangleUtility(GridSpace(), bad_issue, 1.0), UsageError);
  HyperRectangleFunction nested_bad;
  nested_bad.children = {bad_issue};
  EXPECT_THROW(HyperRectangleUtility(GridSpace(), nested_bad, 1.0), UsageError);
  HyperRectangleFunction nan_utility;
  nan_utility.rectangles = {Rectangle(HyperRectangle::Kind::kInclusive, {}, kNaN)};
  EXPECT_THROW(HyperRectangleUtility(GridSpace(), nan_utility, 1.0), UsageError);
}

std::shared_ptr<const LinearAdditiveUtility> SmallUtility(const std::shared_ptr<const OutcomeSpace>& space) {
  return std::make_shared<const LinearAdditiveUtility>(
      space, std::vector<double>{1.0}, std::vector<ValueFunction>{ValueFunction::Table({0.0, 0.4, 1.0})});
}

std::shared_ptr<const OutcomeSpace> SmallSpace() {
  return std::make_shared<const OutcomeSpace>("s", std::vector<Issue>{Issue::Discrete("d", {"x", "y", "z"})});
}

TEST(ProfileTest, DiscountsUtilitiesAndReservationValues) {
  const auto space = SmallSpace();
  const Profile profile("p", SmallUtility(space), 0.3, 0.5);
  EXPECT_TRUE(profile.discounted());
  EXPECT_NEAR(profile.Utility(O({1})), 0.4, kTolerance);
  EXPECT_NEAR(profile.DiscountedUtility(O({1}), 0.0), 0.4, kTolerance);
  EXPECT_NEAR(profile.DiscountedUtility(O({1}), 1.0), 0.2, kTolerance);
  EXPECT_NEAR(profile.DiscountedUtility(O({2}), 0.5), std::sqrt(0.5), kTolerance);  // 0.7071...
  EXPECT_NEAR(profile.DiscountedUtility(O({1}), 2.0 / 3.0), 0.4 * std::cbrt(0.25), kTolerance);
  EXPECT_NEAR(profile.DiscountedReservationValue(0.0), 0.3, kTolerance);
  EXPECT_NEAR(profile.DiscountedReservationValue(1.0), 0.15, kTolerance);
  EXPECT_NEAR(profile.Discount(0.8, 0.5), 0.8 * std::sqrt(0.5), kTolerance);

  const Profile flat("q", SmallUtility(space), 0.3, 1.0);
  EXPECT_FALSE(flat.discounted());
  EXPECT_DOUBLE_EQ(flat.DiscountedUtility(O({1}), 0.9), 0.4);
  EXPECT_DOUBLE_EQ(flat.DiscountedReservationValue(1.0), 0.3);
}

TEST(ProfileTest, InvalidProfilesAreUsageErrors) {
  const auto space = SmallSpace();
  const auto u = SmallUtility(space);
  EXPECT_NO_THROW(Profile("p", u, -0.5, 1.0));  // a negative reservation value is allowed
  EXPECT_THROW(Profile("p", u, 0.0, 0.0), UsageError);
  EXPECT_THROW(Profile("p", u, 0.0, -0.5), UsageError);
  EXPECT_THROW(Profile("p", u, 0.0, 1.0001), UsageError);
  EXPECT_THROW(Profile("p", u, 0.0, kNaN), UsageError);
  EXPECT_THROW(Profile("p", u, kNaN, 1.0), UsageError);
  EXPECT_THROW(Profile("p", u, kInf, 1.0), UsageError);
  EXPECT_THROW(Profile("p", nullptr, 0.0, 1.0), UsageError);
}

TEST(ScenarioTest, NeedsTwoDistinctProfilesOverItsSpace) {
  const auto space = SmallSpace();
  const auto u = SmallUtility(space);
  const Profile a("a", u, 0.0, 1.0), b("b", u, 0.0, 1.0);
  const Scenario scenario("ok", space, {a, b});
  EXPECT_EQ(scenario.party_count(), 2u);
  EXPECT_EQ(scenario.profile(1).name(), "b");
  EXPECT_EQ(&scenario.space(), space.get());

  EXPECT_THROW(Scenario("one", space, {a}), UsageError);
  EXPECT_THROW(Scenario("none", space, {}), UsageError);
  EXPECT_THROW(Scenario("same names", space, {a, a}), UsageError);
  EXPECT_THROW(Scenario("no space", nullptr, {a, b}), UsageError);
  const auto other_space = SmallSpace();  // equal, but another object
  EXPECT_THROW(Scenario("other space", other_space, {a, b}), UsageError);
}

}  // namespace
}  // namespace parley
