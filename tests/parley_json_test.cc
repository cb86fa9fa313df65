// Tests of the "parley-json" scenario format: writing then reading reproduces a scenario exactly,
// hand-written files mean what the documentation says, and every mistake is reported with the
// file and the JSON location.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "io/parley_json_internal.h"
#include "parley/error.h"
#include "parley/hyper_rectangle.h"
#include "parley/multi_track.h"
#include "parley/random.h"
#include "parley/scenario_format.h"
#include "test_support.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void WriteText(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// Every issue kind; enumerable would hide real-issue paths, so two real issues are included.
std::shared_ptr<const OutcomeSpace> EveryKindSpace() {
  return std::make_shared<const OutcomeSpace>(
      "every-kind", std::vector<Issue>{Issue::Discrete("brand", {"Dell", "Mac", "HP"}),
                                       Issue::Integer("price", 200, 212), Issue::Integer("quantity", -3, 4),
                                       Issue::Real("ratio", 0.0, 1.0), Issue::Real("temperature", -5.5, 30.25),
                                       Issue::Discrete("colour with spaces", {"deep red", "blue"})});
}

HyperRectangleFunction NestedFunction() {
  using Bound = HyperRectangle::Bound;
  HyperRectangle a{HyperRectangle::Kind::kInclusive, {Bound{1, 202, 208}, Bound{2, -1, 3}}, 97.0, 1.0};
  HyperRectangle b{HyperRectangle::Kind::kExclusive, {Bound{0, 1, 2}, Bound{3, 0.25, 0.75}}, 41.5, 0.7};
  HyperRectangle always{HyperRectangle::Kind::kInclusive, {}, 3.25, 1.0};
  HyperRectangle c{HyperRectangle::Kind::kInclusive, {Bound{4, -1.125, 20.0}}, 12.0, 2.0};
  HyperRectangle d{HyperRectangle::Kind::kExclusive, {Bound{5, 0, 0}}, 8.0, 1.0};

  HyperRectangleFunction min_child{HyperRectangleFunction::Aggregation::kMin, 0.3, {c, d}, {}};
  HyperRectangleFunction max_grandchild{HyperRectangleFunction::Aggregation::kMax, 1.7, {a, d}, {}};
  HyperRectangleFunction max_child{HyperRectangleFunction::Aggregation::kMax, 0.9, {b}, {max_grandchild}};
  return HyperRectangleFunction{HyperRectangleFunction::Aggregation::kSum, 1.0, {a, b, always}, {min_child, max_child}};
}

Scenario EveryKindScenario() {
  auto space = EveryKindSpace();
  std::vector<double> price_table;
  for (int i = 0; i < 13; ++i) price_table.push_back(1.0 - i / 13.0);
  auto linear = std::make_shared<const LinearAdditiveUtility>(
      space, std::vector<double>{0.1, 0.37, 0.11, 0.2, 0.13, 0.09},
      std::vector<ValueFunction>{
          ValueFunction::Table({1.0, 0.4, 0.0}), ValueFunction::Table(price_table),
          ValueFunction::Linear(0.1, 0.3, -3.0, true), ValueFunction::Linear(0.7, 0.2, 0.0, false),
          ValueFunction::Triangular(-2.0, 25.0, 10.0 / 3.0), ValueFunction::Table({0.25, 1.0 / 3.0})});
  auto linear_other_origins = std::make_shared<const LinearAdditiveUtility>(
      space, std::vector<double>{3.0, 1.0, 1.0, 2.0, 0.5, 0.25},
      std::vector<ValueFunction>{ValueFunction::Table({0.0, 0.5, 1.0}), ValueFunction::Linear(-0.05, 1.0, 203.5, true),
                                 ValueFunction::Triangular(-3.0, 4.0, 0.0), ValueFunction::Linear(-1.0, 1.0, 0.1, true),
                                 ValueFunction::Linear(1.0 / 35.75, 0.0, -5.5, true),
                                 ValueFunction::Table({1.0, 0.0})});
  auto rectangles = std::make_shared<const HyperRectangleUtility>(space, NestedFunction(), 150.0);
  Scenario scenario("every-kind", space,
                    {Profile("buyer", linear, 0.2, 1.0), Profile("seller", rectangles, 0.1, 0.95),
                     Profile("broker", linear_other_origins, 0.0, 0.5)});
  scenario.set_description("Built in C++ to exercise every part of the format.\nSecond line, \"quoted\".");
  return scenario;
}

void ExpectSameFunction(const HyperRectangleFunction& a, const HyperRectangleFunction& b) {
  EXPECT_EQ(a.aggregation, b.aggregation);
  EXPECT_EQ(a.weight, b.weight);
  ASSERT_EQ(a.rectangles.size(), b.rectangles.size());
  for (std::size_t r = 0; r < a.rectangles.size(); ++r) {
    const HyperRectangle& x = a.rectangles[r];
    const HyperRectangle& y = b.rectangles[r];
    EXPECT_EQ(x.kind, y.kind);
    EXPECT_EQ(x.utility, y.utility);
    EXPECT_EQ(x.weight, y.weight);
    ASSERT_EQ(x.bounds.size(), y.bounds.size());
    for (std::size_t i = 0; i < x.bounds.size(); ++i) {
      EXPECT_EQ(x.bounds[i].issue, y.bounds[i].issue);
      EXPECT_EQ(x.bounds[i].min, y.bounds[i].min);
      EXPECT_EQ(x.bounds[i].max, y.bounds[i].max);
    }
  }
  ASSERT_EQ(a.children.size(), b.children.size());
  for (std::size_t c = 0; c < a.children.size(); ++c) ExpectSameFunction(a.children[c], b.children[c]);
}

void ExpectSameValueFunction(const ValueFunction& a, const ValueFunction& b) {
  EXPECT_EQ(a.shape(), b.shape());
  EXPECT_EQ(a.table(), b.table());
  EXPECT_EQ(a.slope(), b.slope());
  EXPECT_EQ(a.offset(), b.offset());
  EXPECT_EQ(a.origin(), b.origin());
  EXPECT_EQ(a.clamped(), b.clamped());
  EXPECT_EQ(a.lower(), b.lower());
  EXPECT_EQ(a.upper(), b.upper());
  EXPECT_EQ(a.top(), b.top());
}

// Structure and, on random outcomes, every utility: bit for bit.
void ExpectSameScenario(const Scenario& a, const Scenario& b, int samples = 2000) {
  EXPECT_EQ(a.name(), b.name());
  EXPECT_EQ(a.description(), b.description());
  ASSERT_EQ(a.space().issue_count(), b.space().issue_count());
  for (std::size_t i = 0; i < a.space().issue_count(); ++i) {
    const Issue& x = a.space().issue(i);
    const Issue& y = b.space().issue(i);
    EXPECT_EQ(x.name(), y.name());
    EXPECT_EQ(x.kind(), y.kind());
    EXPECT_EQ(x.values(), y.values());
    EXPECT_EQ(x.lower(), y.lower());
    EXPECT_EQ(x.upper(), y.upper());
  }
  ASSERT_EQ(a.party_count(), b.party_count());
  for (std::size_t p = 0; p < a.party_count(); ++p) {
    const Profile& x = a.profile(p);
    const Profile& y = b.profile(p);
    EXPECT_EQ(x.name(), y.name());
    EXPECT_EQ(x.reservation_value(), y.reservation_value());
    EXPECT_EQ(x.discount_factor(), y.discount_factor());
    ASSERT_EQ(x.utility_function().kind(), y.utility_function().kind());
    if (const auto* lx = dynamic_cast<const LinearAdditiveUtility*>(&x.utility_function())) {
      const auto& ly = dynamic_cast<const LinearAdditiveUtility&>(y.utility_function());
      EXPECT_EQ(lx->weights(), ly.weights()) << "party " << x.name();
      for (std::size_t i = 0; i < lx->value_functions().size(); ++i) {
        SCOPED_TRACE("party " + x.name() + ", issue " + a.space().issue(i).name());
        ExpectSameValueFunction(lx->value_functions()[i], ly.value_functions()[i]);
      }
    } else {
      const auto& hx = dynamic_cast<const HyperRectangleUtility&>(x.utility_function());
      const auto& hy = dynamic_cast<const HyperRectangleUtility&>(y.utility_function());
      EXPECT_EQ(hx.max_utility(), hy.max_utility());
      ExpectSameFunction(hx.root(), hy.root());
    }
  }
  Rng rng(20240425);
  Outcome outcome;
  for (int s = 0; s < samples; ++s) {
    a.space().RandomOutcome(rng, outcome);
    for (std::size_t p = 0; p < a.party_count(); ++p) {
      ASSERT_EQ(a.profile(p).Utility(outcome), b.profile(p).Utility(outcome))
          << "party " << a.profile(p).name() << " at " << a.space().Format(outcome);
    }
  }
}

const ScenarioFormat& Format() {
  static const std::unique_ptr<ScenarioFormat> format = ScenarioFormatRegistry::Create("parley-json");
  return *format;
}

TEST(ParleyJsonTest, RegisteredAndWritable) {
  ASSERT_TRUE(ScenarioFormatRegistry::Has("parley-json"));
  EXPECT_TRUE(Format().CanWrite());
}

TEST(ParleyJsonTest, WriteThenReadReproducesEveryKindExactly) {
  const Scenario original = EveryKindScenario();
  const fs::path path = testing::TemporaryFolder("parley-json") / "nested" / "folder" / "every-kind.json";
  Format().Write(original, path);
  ASSERT_TRUE(fs::is_regular_file(path));
  EXPECT_EQ(std::distance(fs::directory_iterator(path.parent_path()), fs::directory_iterator()), 1)
      << "the temporary file was left behind";
  EXPECT_TRUE(Format().Recognizes(path));
  const Scenario read = Format().Read(path);
  EXPECT_EQ(read.source(), path.string());
  ExpectSameScenario(original, read);

  // Writing what was read gives the same text: nothing drifts across generations.
  const fs::path again = path.parent_path() / "again.json";
  Format().Write(read, again);
  EXPECT_EQ(Slurp(path), Slurp(again));
  fs::remove_all(path.parent_path().parent_path().parent_path());
}

TEST(ParleyJsonTest, WrittenTextIsReadableByPeople) {
  const fs::path path = testing::TemporaryFolder("parley-json") / "every-kind.json";
  Format().Write(EveryKindScenario(), path);
  const std::string text = Slurp(path);
  EXPECT_EQ(text.rfind("{\n  \"format\": \"parley-scenario\",\n  \"version\": 1,\n", 0), 0u) << text;
  EXPECT_NE(text.find("{\"name\": \"brand\", \"values\": [\"Dell\", \"Mac\", \"HP\"]}"), std::string::npos) << text;
  EXPECT_NE(text.find("{\"name\": \"price\", \"integer\": [200, 212]}"), std::string::npos) << text;
  EXPECT_NE(text.find("\"brand\": {\"Dell\": 1.0, \"Mac\": 0.4, \"HP\": 0.0}"), std::string::npos) << text;
  // Real issues' linear functions whose origin is not the lower bound say so; others do not.
  EXPECT_NE(text.find("\"ratio\": {\"shape\": \"linear\", \"slope\": 0.7, \"offset\": 0.2, \"clamped\": false}"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("\"quantity\": {\"shape\": \"linear\", \"slope\": 0.1, \"offset\": 0.3}"), std::string::npos)
      << text;
  EXPECT_NE(text.find("\"origin\": 203.5"), std::string::npos) << text;
  EXPECT_NE(text.find("\"kind\": \"exclusive\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"bounds\": {\"brand\": [\"Mac\", \"HP\"], \"ratio\": [0.25, 0.75]}"), std::string::npos)
      << text;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = text.find('\n', start);
    const std::string line = text.substr(start, end - start);
    EXPECT_EQ(line.find('\t'), std::string::npos);
    if (line.find("\"description\"") == std::string::npos) {
      EXPECT_LE(line.size(), 100u) << line;
    }
    start = end == std::string::npos ? text.size() : end + 1;
  }
  fs::remove_all(path.parent_path());
}

// The reader divides weights by their floating-point sum; the writer must choose numbers that
// survive that division unchanged, whatever the weights.
TEST(ParleyJsonTest, WeightsSurviveRenormalisation) {
  Rng rng(7);
  const fs::path folder = testing::TemporaryFolder("parley-json");
  for (int round = 0; round < 150; ++round) {
    const std::size_t n = 1 + rng.UniformInt(40);
    std::vector<Issue> issues;
    for (std::size_t i = 0; i < n; ++i) issues.push_back(Issue::Discrete(fmt::format("i{}", i), {"a", "b"}));
    auto space = std::make_shared<const OutcomeSpace>("weights", std::move(issues));
    std::vector<ValueFunction> functions(n, ValueFunction::Table({0.0, 1.0}));
    std::vector<std::shared_ptr<const UtilityFunction>> utilities;
    for (int party = 0; party < 2; ++party) {
      std::vector<double> weights;
      for (std::size_t i = 0; i < n; ++i) weights.push_back(rng.Bernoulli(0.1) ? 0.0 : rng.UniformReal() * 10.0);
      weights[0] += 0.5;
      utilities.push_back(std::make_shared<const LinearAdditiveUtility>(space, weights, functions));
    }
    const Scenario scenario("weights", space,
                            {Profile("a", utilities[0], 0.0, 1.0), Profile("b", utilities[1], 0.0, 1.0)});
    const fs::path path = folder / "weights.json";
    Format().Write(scenario, path);
    const Scenario read = Format().Read(path);
    for (std::size_t p = 0; p < 2; ++p) {
      ASSERT_EQ(dynamic_cast<const LinearAdditiveUtility&>(scenario.profile(p).utility_function()).weights(),
                dynamic_cast<const LinearAdditiveUtility&>(read.profile(p).utility_function()).weights())
          << "round " << round << ", " << n << " issues";
    }
  }
  fs::remove_all(folder);
}

constexpr const char* kLaptop = R"({
  "format": "parley-scenario", "version": 1,
  "name": "laptop", "description": "A buyer and a seller; numbers made up for the test.",
  "_note": "keys starting with an underscore are comments",
  "issues": [
    {"name": "brand", "values": ["Dell", "Mac", "HP"]},
    {"name": "price", "integer": [200, 900]},
    {"name": "ratio", "real": [0.0, 1.0]}
  ],
  "parties": [
    {"name": "buyer", "reservation_value": 0.2,
     "utility": {
       "type": "linear-additive",
       "weights": {"brand": 5, "price": 3, "ratio": 2},
       "values": {
         "brand": {"Dell": 1.0, "Mac": 0.4, "HP": 0.0, "comment": "Macs are too dear"},
         "price": {"shape": "linear", "slope": -0.001, "offset": 1.0},
         "ratio": {"shape": "triangular", "lower": 0, "upper": 1, "top": 0.5}
       }}},
    // Comments in the C++ style are accepted too.
    {"name": "seller", "discount_factor": 0.9,
     "utility": {
       "type": "hyper-rectangle", "max_utility": 100,
       "function": {
         "rectangles": [
           {"utility": 60, "bounds": {"brand": ["Mac", "HP"]}},
           {"utility": 40, "kind": "exclusive", "bounds": {"price": [200, 500]}}
         ],
         "functions": [
           {"aggregation": "max", "weight": 0.5, "rectangles": [{"utility": 20, "bounds": {"ratio": [0.5, 1]}}]}
         ]}}}
  ]
})";

Outcome Laptop(const Scenario& scenario, const std::string& brand, double price, double ratio) {
  return Outcome({*scenario.space().issue(0).Parse(brand), price, ratio});
}

TEST(ParleyJsonTest, HandWrittenFileMeansWhatTheDocumentationSays) {
  const Scenario scenario = internal::ReadParleyJsonText(kLaptop, "laptop.json");
  EXPECT_EQ(scenario.name(), "laptop");
  EXPECT_EQ(scenario.description(), "A buyer and a seller; numbers made up for the test.");
  ASSERT_EQ(scenario.party_count(), 2u);
  const Profile& buyer = scenario.profile(0);
  const Profile& seller = scenario.profile(1);
  EXPECT_EQ(buyer.reservation_value(), 0.2);
  EXPECT_EQ(buyer.discount_factor(), 1.0);     // the default
  EXPECT_EQ(seller.reservation_value(), 0.0);  // the default
  EXPECT_EQ(seller.discount_factor(), 0.9);

  // Weights 5:3:2 normalise to 0.5, 0.3, 0.2.
  // (Dell, 700, 0.25): 0.5 * 1 + 0.3 * (1 - 0.001 * 500) + 0.2 * (0.25 / 0.5) = 0.75.
  EXPECT_NEAR(buyer.Utility(Laptop(scenario, "Dell", 700, 0.25)), 0.75, 1e-12);
  // (Mac, 200, 0.5): 0.5 * 0.4 + 0.3 * 1 + 0.2 * 1 = 0.7.
  EXPECT_NEAR(buyer.Utility(Laptop(scenario, "Mac", 200, 0.5)), 0.7, 1e-12);
  // (HP, 900, 0.9): 0 + 0.3 * 0.3 + 0.2 * (1 - 0.4 / 0.5) = 0.13.
  EXPECT_NEAR(buyer.Utility(Laptop(scenario, "HP", 900, 0.9)), 0.13, 1e-12);
  // Linear values are clamped at 0 and 1 by default: the slope never drives price below 0 here,
  // so check the clamp on a steeper hand-written slope below.

  // Seller: 60 for Mac or HP, 40 when the price is outside [200, 500], plus 0.5 * 20 when
  // ratio >= 0.5; divided by 100 and capped at 1.
  EXPECT_NEAR(seller.Utility(Laptop(scenario, "Dell", 300, 0.1)), 0.0, 1e-12);
  EXPECT_NEAR(seller.Utility(Laptop(scenario, "Dell", 800, 0.1)), 0.4, 1e-12);
  EXPECT_NEAR(seller.Utility(Laptop(scenario, "Mac", 300, 0.6)), 0.7, 1e-12);
  EXPECT_NEAR(seller.Utility(Laptop(scenario, "HP", 501, 0.1)), 1.0, 1e-12);
  EXPECT_NEAR(seller.Utility(Laptop(scenario, "HP", 501, 0.9)), 1.0, 1e-12);  // 110 / 100, capped
  EXPECT_NEAR(seller.DiscountedUtility(Laptop(scenario, "Dell", 800, 0.1), 1.0), 0.36, 1e-12);
}

// The complete example in docs/formats/parley-json.md loads and gives the utilities the
// document works out by hand.
TEST(ParleyJsonTest, DocumentedExampleMeansWhatItSays) {
  const fs::path doc = parley::testing::SourceDir() / "docs" / "formats" / "parley-json.md";
  const std::string text = Slurp(doc);
  const std::size_t start = text.find("```json\n");
  ASSERT_NE(start, std::string::npos) << doc;
  const std::size_t end = text.find("```", start + 8);
  ASSERT_NE(end, std::string::npos);
  const Scenario scenario = internal::ReadParleyJsonText(text.substr(start + 8, end - start - 8), doc.string());
  const Outcome outcome({0, 700, 1, 0.25});  // Dell, 700, 1 year, 0.25
  EXPECT_NEAR(scenario.profile(0).Utility(outcome), 0.7, 1e-12);
  EXPECT_NEAR(scenario.profile(1).Utility(outcome), 0.5, 1e-12);
  EXPECT_EQ(scenario.profile(1).discount_factor(), 0.9);
}

TEST(ParleyJsonTest, LinearOptionsAndIntegerTables) {
  const std::string text = R"({"format": "parley-scenario", "name": "options",
    "issues": [{"name": "n", "integer": [1, 3]}, {"name": "x", "real": [2, 4]}],
    "parties": [
      {"name": "a", "utility": {"type": "linear-additive", "weights": {"n": 1, "x": 1},
        "values": {"n": {"shape": "table", "values": {"1": 0.0, "2": 0.5, "3": 2.0}},
                   "x": {"shape": "linear", "slope": 2, "offset": -1, "clamped": false}}}},
      {"name": "b", "utility": {"type": "linear-additive", "weights": {"n": 1, "x": 1},
        "values": {"n": {"1": 1.0, "2": 0.5, "3": 0.0},
                   "x": {"shape": "linear", "slope": 2, "offset": -1, "origin": 3}}}}]})";
  const Scenario scenario = internal::ReadParleyJsonText(text, "options.json");
  const auto& a = dynamic_cast<const LinearAdditiveUtility&>(scenario.profile(0).utility_function());
  const auto& b = dynamic_cast<const LinearAdditiveUtility&>(scenario.profile(1).utility_function());
  EXPECT_EQ(a.value_functions()[0].table(), (std::vector<double>{0.0, 0.5, 2.0}));  // as written, not rescaled
  EXPECT_EQ(b.value_functions()[0].table(), (std::vector<double>{1.0, 0.5, 0.0}));
  // a.x: -1 + 2 * (x - 2), not clamped: x = 2 gives -1; b.x: clamped, origin 3: x = 4 gives 1 (from 1).
  EXPECT_EQ(a.value_functions()[1].Evaluate(scenario.space().issue(1), 2.0), -1.0);
  EXPECT_EQ(a.value_functions()[1].origin(), 2.0);
  EXPECT_FALSE(a.value_functions()[1].clamped());
  EXPECT_EQ(b.value_functions()[1].origin(), 3.0);
  EXPECT_TRUE(b.value_functions()[1].clamped());
  EXPECT_EQ(b.value_functions()[1].Evaluate(scenario.space().issue(1), 2.0), 0.0);
  EXPECT_EQ(b.value_functions()[1].Evaluate(scenario.space().issue(1), 4.0), 1.0);
}

// Each mistake must be reported with the origin and the JSON location.
void ExpectError(const std::string& text, const std::vector<std::string>& fragments) {
  try {
    internal::ReadParleyJsonText(text, "bad.json");
    ADD_FAILURE() << "no error for:\n" << text;
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.rfind("bad.json", 0), 0u) << message;
    for (const auto& fragment : fragments) EXPECT_NE(message.find(fragment), std::string::npos) << message;
  }
}

// A valid two-party scenario, with `party0` as the first party's JSON.
std::string WithFirstParty(const std::string& party0) {
  return R"({"format": "parley-scenario", "name": "t",
  "issues": [{"name": "brand", "values": ["Dell", "Mac", "HP"]}, {"name": "price", "integer": [1, 3]}],
  "parties": [)" +
         party0 + R"(,
    {"name": "seller", "utility": {"type": "linear-additive", "weights": {"brand": 1, "price": 1},
      "values": {"brand": {"Dell": 0, "Mac": 1, "HP": 0.5}, "price": {"shape": "linear", "slope": 0.5, "offset": 0}}}}
  ]})";
}

std::string Buyer(const std::string& weights, const std::string& brand_values, const std::string& extra = "") {
  return R"({"name": "buyer", )" + extra + R"("utility": {"type": "linear-additive", "weights": )" + weights +
         R"(, "values": {"brand": )" + brand_values +
         R"(, "price": {"shape": "linear", "slope": -0.5, "offset": 1}}}})";
}

const std::string kWeights = R"({"brand": 0.6, "price": 0.4})";
const std::string kBrand = R"({"Dell": 1, "Mac": 0.5, "HP": 0})";

TEST(ParleyJsonTest, TheValidBaseOfTheErrorTestsLoads) {
  const Scenario scenario = internal::ReadParleyJsonText(WithFirstParty(Buyer(kWeights, kBrand)), "good.json");
  EXPECT_EQ(scenario.party_count(), 2u);
}

TEST(ParleyJsonTest, MalformedJsonReportsLineAndColumn) {
  ExpectError("{\n  \"format\": \"parley-scenario\",\n  \"name\": \"t\"\n  \"issues\": []\n}",
              {"bad.json:4:10:", "malformed JSON", "expected '}'"});
  ExpectError("{\"format\": \"parley-scenario\", \"name\": ", {"bad.json:1:", "malformed JSON"});
  ExpectError("", {"bad.json:1:1:", "malformed JSON"});
}

TEST(ParleyJsonTest, MissingIssues) {
  ExpectError(R"({"format": "parley-scenario", "name": "t", "parties": []})", {"issues: missing", "array of issues"});
}

TEST(ParleyJsonTest, WrongFormatTag) {
  ExpectError(R"({"format": "genius", "name": "t"})", {"format:", "\"parley-scenario\""});
  ExpectError(R"({"format": "parley-scenario", "version": 2, "name": "t"})", {"version:", "version 2"});
}

TEST(ParleyJsonTest, UnknownIssueInWeights) {
  ExpectError(WithFirstParty(Buyer(R"({"brand": 0.6, "price": 0.3, "colour": 0.1})", kBrand)),
              {"parties[0].utility.weights.colour", "no issue named 'colour'", "brand, price"});
}

TEST(ParleyJsonTest, MissingWeight) {
  ExpectError(WithFirstParty(Buyer(R"({"brand": 0.6})", kBrand)), {"parties[0].utility.weights.price", "missing"});
}

TEST(ParleyJsonTest, MissingDiscreteValue) {
  ExpectError(WithFirstParty(Buyer(kWeights, R"({"Dell": 1, "HP": 0})")), {"parties[0].utility.values.brand", "'Mac'"});
  ExpectError(WithFirstParty(Buyer(kWeights, R"({"Dell": 1, "Mac": 0.5, "HP": 0, "Acer": 1})")),
              {"parties[0].utility.values.brand.Acer", "not a value of issue 'brand'"});
}

TEST(ParleyJsonTest, WrongTypes) {
  ExpectError(WithFirstParty(Buyer(R"({"brand": 0.6, "price": "0.4"})", kBrand)),
              {"parties[0].utility.weights.price", "expected a weight", "the string \"0.4\""});
  ExpectError(WithFirstParty(Buyer(kWeights, R"(["Dell", "Mac"])")), {"parties[0].utility.values.brand", "expected"});
  ExpectError(WithFirstParty(Buyer(kWeights, kBrand, R"("reservation_value": null, )")),
              {"parties[0].reservation_value", "expected a number", "null"});
  ExpectError(R"({"format": "parley-scenario", "name": 3})", {"name:", "expected a string", "the number 3"});
  ExpectError(R"([1, 2])", {"top level", "expected a scenario object"});
}

TEST(ParleyJsonTest, UnknownKey) {
  ExpectError(WithFirstParty(Buyer(kWeights, kBrand, R"("reservation": 0.3, )")),
              {"parties[0].reservation", "unknown key \"reservation\"", "\"reservation_value\""});
  ExpectError(R"({"format": "parley-scenario", "name": "t", "isues": []})", {"isues:", "unknown key"});
}

TEST(ParleyJsonTest, DuplicateKey) {
  ExpectError(WithFirstParty(Buyer(R"({"brand": 0.6, "price": 0.4, "brand": 0.1})", kBrand)),
              {"parties[0].utility.weights.brand", "twice"});
}

TEST(ParleyJsonTest, OnePartyOnly) {
  ExpectError(R"({"format": "parley-scenario", "name": "t", "issues": [{"name": "a", "values": ["x", "y"]}],
    "parties": [{"name": "p", "utility": {"type": "linear-additive", "weights": {"a": 1}, "values": {"a": {"x": 0, "y": 1}}}}]})",
              {"parties:", "at least two parties, found 1"});
}

TEST(ParleyJsonTest, DiscountFactorOutOfRange) {
  ExpectError(WithFirstParty(Buyer(kWeights, kBrand, R"("discount_factor": 1.5, )")),
              {"parties[0].discount_factor", "(0, 1]", "1.5"});
}

TEST(ParleyJsonTest, NegativeWeight) {
  ExpectError(WithFirstParty(Buyer(R"({"brand": -0.6, "price": 0.4})", kBrand)),
              {"parties[0].utility.weights.brand", ">= 0", "-0.6"});
}

TEST(ParleyJsonTest, OtherMistakes) {
  // An issue with no kind, or two.
  ExpectError(R"({"format": "parley-scenario", "name": "t", "issues": [{"name": "a"}]})", {"issues[0]", "exactly one"});
  // Shapes and their fields.
  ExpectError(
      WithFirstParty(R"({"name": "buyer", "utility": {"type": "linear-additive", "weights": {"brand": 1, "price": 1},
      "values": {"brand": {"Dell": 1, "Mac": 0.5, "HP": 0}, "price": {"shape": "cubic"}}}})"),
      {"parties[0].utility.values.price.shape", "unknown shape"});
  ExpectError(
      WithFirstParty(R"({"name": "buyer", "utility": {"type": "linear-additive", "weights": {"brand": 1, "price": 1},
      "values": {"brand": {"Dell": 1, "Mac": 0.5, "HP": 0}, "price": {"shape": "linear", "offset": 1}}}})"),
      {"parties[0].utility.values.price.slope", "missing"});
  ExpectError(
      WithFirstParty(R"({"name": "buyer", "utility": {"type": "linear-additive", "weights": {"brand": 1, "price": 1},
      "values": {"brand": {"Dell": 1, "Mac": 0.5, "HP": 0}, "price": {"shape": "table", "values": {"1": 1, "2": 0}}}}})"),
      {"parties[0].utility.values.price.values", "value 3"});
  ExpectError(
      WithFirstParty(R"({"name": "buyer", "utility": {"type": "linear-additive", "weights": {"brand": 1, "price": 1},
      "values": {"brand": {"Dell": 1, "Mac": 0.5, "HP": 0}, "price": {"1": 1, "2": 0, "3": 0, "4": 1}}}})"),
      {"parties[0].utility.values.price.4", "not an integer in [1, 3]"});
  ExpectError(WithFirstParty(R"({"name": "buyer", "utility": {"type": "cobb-douglas"}})"),
              {"parties[0].utility.type", "\"linear-additive\" or \"hyper-rectangle\""});
  // Hyper-rectangles.
  ExpectError(WithFirstParty(R"({"name": "buyer", "utility": {"type": "hyper-rectangle", "max_utility": 0,
      "function": {}}})"),
              {"parties[0].utility.max_utility", "> 0"});
  ExpectError(WithFirstParty(R"({"name": "buyer", "utility": {"type": "hyper-rectangle", "max_utility": 10,
      "function": {"rectangles": [{"utility": 1, "bounds": {"brand": ["Mac", "Acer"]}}]}}})"),
              {"parties[0].utility.function.rectangles[0].bounds.brand[1]", "'Acer'"});
  ExpectError(WithFirstParty(R"({"name": "buyer", "utility": {"type": "hyper-rectangle", "max_utility": 10,
      "function": {"functions": [{"rectangles": [{"utility": 1, "kind": "outside", "bounds": {}}]}]}}})"),
              {"parties[0].utility.function.functions[0].rectangles[0].kind", "\"exclusive\""});
  ExpectError(WithFirstParty(R"({"name": "buyer", "utility": {"type": "hyper-rectangle", "max_utility": 10,
      "function": {"rectangles": [{"utility": 1, "bounds": {"price": [3, 1]}}]}}})"),
              {"parties[0].utility.function.rectangles[0].bounds.price", "above"});
  // Names that need quoting in a path are quoted.
  ExpectError(R"({"format": "parley-scenario", "name": "t", "issues": [{"name": "a b", "values": ["x"]}],
    "parties": [{"name": "p", "utility": {"type": "linear-additive", "weights": {"a b": "1"}, "values": {}}},
                {"name": "q", "utility": {"type": "linear-additive", "weights": {"a b": 1}, "values": {}}}]})",
              {"parties[0].utility.weights[\"a b\"]"});
}

TEST(ParleyJsonTest, ReadNamesTheFile) {
  const fs::path folder = testing::TemporaryFolder("parley-json");
  const fs::path path = folder / "broken.json";
  WriteText(path, WithFirstParty(Buyer(kWeights, kBrand, R"("discount_factor": 1.5, )")));
  try {
    Format().Read(path);
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(path.string() + ": parties[0].discount_factor", 0), 0u) << e.what();
  }
  EXPECT_THROW(Format().Read(folder / "missing.json"), InputError);
  fs::remove_all(folder);
}

TEST(ParleyJsonTest, RecognizesOnlyParleyScenarios) {
  const fs::path folder = testing::TemporaryFolder("parley-json");
  WriteText(folder / "ours.json", WithFirstParty(Buyer(kWeights, kBrand)));
  WriteText(folder / "tag-last.json", R"({"name": "t", "nested": {"format": "other"}, "format": "parley-scenario"})");
  WriteText(folder / "other.json", R"({"format": "geniusweb", "name": "t"})");
  WriteText(folder / "nested-tag.json", R"({"domain": {"format": "parley-scenario"}})");
  WriteText(folder / "array.json", R"([{"format": "parley-scenario"}])");
  WriteText(folder / "garbage.json", "not json at all");
  WriteText(folder / "ours.txt", WithFirstParty(Buyer(kWeights, kBrand)));
  fs::create_directories(folder / "folder.json");
  EXPECT_TRUE(Format().Recognizes(folder / "ours.json"));
  EXPECT_TRUE(Format().Recognizes(folder / "tag-last.json"));
  EXPECT_FALSE(Format().Recognizes(folder / "other.json"));
  EXPECT_FALSE(Format().Recognizes(folder / "nested-tag.json"));
  EXPECT_FALSE(Format().Recognizes(folder / "array.json"));
  EXPECT_FALSE(Format().Recognizes(folder / "garbage.json"));
  EXPECT_FALSE(Format().Recognizes(folder / "ours.txt"));
  EXPECT_FALSE(Format().Recognizes(folder / "folder.json"));
  EXPECT_FALSE(Format().Recognizes(folder / "absent.json"));
  // LoadScenario finds the format on its own.
  EXPECT_EQ(LoadScenario((folder / "ours.json").string()).party_count(), 2u);
  fs::remove_all(folder);
}

TEST(ParleyJsonTest, SaveScenarioAndFailedWritesLeaveNothing) {
  const fs::path folder = testing::TemporaryFolder("parley-json");
  const Scenario scenario = EveryKindScenario();
  SaveScenario(scenario, folder / "saved.json", "parley-json");
  ExpectSameScenario(scenario, LoadScenario((folder / "saved.json").string()), 200);

  // The parent "folder" is a file: the write fails cleanly and leaves nothing behind.
  WriteText(folder / "blocker", "x");
  EXPECT_THROW(Format().Write(scenario, folder / "blocker" / "s.json"), InputError);
  // A folder in the way of the final name: the rename fails; the temporary file is removed.
  fs::create_directories(folder / "occupied.json" / "inside");
  EXPECT_THROW(Format().Write(scenario, folder / "occupied.json"), InputError);
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"blocker", "occupied.json", "saved.json"}));
  fs::remove_all(folder);
}

// Every shipped built-in scenario loads and is sensible: each track of a multi-track one, or the
// single scenario, has two or more parties whose utilities stay in [0, 1] and survive a round
// trip through the writer.
TEST(ParleyJsonTest, BuiltinScenariosLoad) {
  const fs::path folder = testing::ShippedScenarios() / "builtin";
  int files = 0;
  if (fs::is_directory(folder)) {
    for (const auto& entry : fs::directory_iterator(folder)) {
      if (entry.path().extension() != ".json") continue;
      SCOPED_TRACE(entry.path().string());
      ++files;
      const MultiTrackScenario multi = LoadMultiTrackScenario(entry.path().string());
      EXPECT_FALSE(multi.description().empty());
      for (const Track& track : multi.tracks()) {
        const Scenario& scenario = track.stakes;
        EXPECT_GE(scenario.party_count(), 2u);
        Rng rng(11);
        Outcome outcome;
        for (int s = 0; s < 500; ++s) {
          scenario.space().RandomOutcome(rng, outcome);
          for (const Profile& profile : scenario.profiles()) {
            const double u = profile.Utility(outcome);
            EXPECT_GE(u, 0.0);
            EXPECT_LE(u, 1.0);
          }
        }
        const fs::path copy = testing::TemporaryFolder("parley-json") / (track.name + ".json");
        Format().Write(scenario, copy);
        ExpectSameScenario(scenario, Format().Read(copy), 500);
        fs::remove_all(copy.parent_path());
      }
    }
  }
  if (files == 0) GTEST_SKIP() << "no built-in scenario files in " << folder;
  for (const std::string& name : BuiltinScenarioNames()) {
    const MultiTrackScenario multi = LoadMultiTrackScenario(name);
    EXPECT_EQ(multi.source, "builtin:" + name);
    EXPECT_GE(multi.tracks().size(), 1u);
  }
}

TEST(ParleyJsonTest, DefaultBuiltinScenarioLoads) {
  const MultiTrackScenario multi = LoadMultiTrackScenario(std::string(kDefaultScenario));
  EXPECT_EQ(multi.name(), kDefaultScenario);
  ASSERT_GE(multi.tracks().size(), 2u);
  // As one scenario it is refused with the names of its tracks; one track loads by name.
  try {
    LoadScenario(std::string(kDefaultScenario));
    FAIL() << "a multi-track scenario loaded as one scenario";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(std::string(kDefaultScenario) + "#" + multi.tracks()[0].name),
              std::string::npos)
        << e.what();
  }
  const Scenario track = LoadScenario(std::string(kDefaultScenario) + "#" + multi.tracks()[0].name);
  EXPECT_EQ(track.party_count(), multi.tracks()[0].participants.size());
}

// GENIUS scenarios converted to Parley JSON keep every utility (real issues' linear functions
// have origin 0 there, which the writer must spell out).
TEST(ParleyJsonTest, GeniusScenariosSurviveConversion) {
  const fs::path corpus = testing::SharedScenarios();
  if (!fs::is_directory(corpus)) GTEST_SKIP() << "no shared scenarios at " << corpus;
  if (!ScenarioFormatRegistry::Has("genius-xml")) GTEST_SKIP() << "no genius-xml reader";
  const fs::path folder = testing::TemporaryFolder("parley-json");
  int converted = 0;
  for (const auto& entry : fs::recursive_directory_iterator(corpus)) {
    if (!entry.is_directory()) continue;
    bool has_xml = false;
    for (const auto& file : fs::directory_iterator(entry.path())) has_xml |= file.path().extension() == ".xml";
    if (!has_xml) continue;
    std::optional<Scenario> scenario;
    try {
      scenario = LoadScenario(entry.path().string(), "genius-xml");
    } catch (const Error&) {
      continue;  // what GENIUS files the reader refuses is genius_xml's business
    }
    SCOPED_TRACE(entry.path().string());
    const fs::path path = folder / "converted.json";
    Format().Write(*scenario, path);
    ExpectSameScenario(*scenario, Format().Read(path), 300);
    ++converted;
  }
  EXPECT_GT(converted, 0);
  std::cout << converted << " GENIUS scenarios converted\n";
  fs::remove_all(folder);
}

}  // namespace
}  // namespace parley
