// What the GeniusWeb and NegMAS readers, the writers and `parley convert` say about input they
// refuse: every message names the file, the place in it and what was expected.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "parley/error.h"
#include "parley/scenario_format.h"
#include "parley/utility.h"
#include "test_support.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

void WriteFiles(const fs::path& folder, const std::vector<std::pair<std::string, std::string>>& files) {
  fs::create_directories(folder);
  for (const auto& [name, text] : files) std::ofstream(folder / name) << text;
}

// Loading `folder` fails with an InputError whose message holds every one of `parts`.
void ExpectRefused(const fs::path& folder, std::initializer_list<std::string> parts) {
  try {
    LoadScenario(folder.string());
    ADD_FAILURE() << folder << " was read";
  } catch (const InputError& e) {
    for (const std::string& part : parts) EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
  }
}

// ---------------------------------------------------------------------------------------------
// GeniusWeb JSON

const std::string kDomain = R"({"name": "d", "issuesValues": {"place": {"values": ["beach", "city"]},
                                "days": {"range": {"low": 2, "high": 6, "step": 1}}}})";

// A profile whose utilities, weights and extra keys are given as JSON text.
std::string ProfileText(const std::string& place, const std::string& days, const std::string& weights,
                        const std::string& extra = "") {
  return R"({"LinearAdditiveUtilitySpace": {"issueUtilities": {"place": )" + place + R"(, "days": )" + days +
         R"(}, "issueWeights": )" + weights + extra + "}}";
}

const std::string kPlace = R"({"DiscreteValueSetUtilities": {"valueUtilities": {"beach": 1, "city": 0}}})";
const std::string kDays =
    R"({"NumberValueSetUtilities": {"lowValue": 2, "lowUtility": 0, "highValue": 6, "highUtility": 1}})";
const std::string kWeights = R"({"place": 0.5, "days": 0.5})";

class GeniusWebErrorsTest : public ::testing::Test {
 protected:
  void SetUp() override { folder_ = testing::TemporaryFolder("geniusweb-errors"); }
  void TearDown() override { fs::remove_all(folder_); }

  // The domain, a valid profile b.json and `profile` as a.json.
  void Expect(const std::string& profile, std::initializer_list<std::string> parts) {
    WriteFiles(folder_,
               {{"domain.json", kDomain}, {"a.json", profile}, {"b.json", ProfileText(kPlace, kDays, kWeights)}});
    ExpectRefused(folder_, parts);
  }

  fs::path folder_;
};

TEST_F(GeniusWebErrorsTest, TheValidProfilesAreRead) {
  WriteFiles(folder_, {{"domain.json", kDomain},
                       {"a.json", ProfileText(kPlace, kDays, kWeights)},
                       {"b.json", ProfileText(kPlace, kDays, kWeights)}});
  const Scenario scenario = LoadScenario(folder_.string());
  EXPECT_EQ(scenario.party_count(), 2u);
  EXPECT_DOUBLE_EQ(scenario.profile(0).Utility(Outcome({0, 4})), 0.5 * 1 + 0.5 * 0.5);
}

TEST_F(GeniusWebErrorsTest, MissingWeights) {
  Expect(R"({"LinearAdditiveUtilitySpace": {"issueUtilities": {"place": )" + kPlace + R"(, "days": )" + kDays + "}}}",
         {"a.json", "LinearAdditiveUtilitySpace.issueWeights: missing", "expected an object mapping each issue"});
}

TEST_F(GeniusWebErrorsTest, AWeightThatIsNotANumber) {
  Expect(ProfileText(kPlace, kDays, R"({"place": 0.5, "days": "half"})"),
         {"a.json", "LinearAdditiveUtilitySpace.issueWeights.days", "expected a weight", "the string \"half\""});
}

TEST_F(GeniusWebErrorsTest, AnIssueWithoutWeight) {
  Expect(ProfileText(kPlace, kDays, R"({"place": 1})"), {"a.json", "issueWeights", "no weight for issue 'days'"});
}

TEST_F(GeniusWebErrorsTest, AUtilityOutsideTheUnitInterval) {
  Expect(
      ProfileText(R"({"DiscreteValueSetUtilities": {"valueUtilities": {"beach": 1.5, "city": 0}}})", kDays, kWeights),
      {"a.json", "issueUtilities.place.DiscreteValueSetUtilities.valueUtilities.beach", "[0, 1]"});
}

TEST_F(GeniusWebErrorsTest, AValueTheDomainDoesNotHave) {
  Expect(ProfileText(R"({"DiscreteValueSetUtilities": {"valueUtilities": {"beach": 1, "city": 0, "sea": 1}}})", kDays,
                     kWeights),
         {"a.json", "valueUtilities.sea", "'sea' is not a value of issue 'place' (its values: beach, city)"});
}

TEST_F(GeniusWebErrorsTest, AValueWithoutUtility) {
  Expect(ProfileText(R"({"DiscreteValueSetUtilities": {"valueUtilities": {"beach": 1}}})", kDays, kWeights),
         {"a.json", "valueUtilities", "no utility for the value 'city' of issue 'place'"});
}

TEST_F(GeniusWebErrorsTest, NumberUtilitiesThatDoNotSpanTheRange) {
  Expect(
      ProfileText(kPlace,
                  R"({"NumberValueSetUtilities": {"lowValue": 1, "lowUtility": 0, "highValue": 6, "highUtility": 1}})",
                  kWeights),
      {"a.json", "issueUtilities.days.NumberValueSetUtilities", "from 1 to 6 but issue 'days' ranges from 2 to 6"});
}

TEST_F(GeniusWebErrorsTest, UtilitiesOfTheWrongKind) {
  Expect(ProfileText(kDays, kDays, kWeights),
         {"a.json", "issueUtilities.place", "its utilities must be DiscreteValueSetUtilities"});
  Expect(ProfileText(kPlace, R"({"Sigmoid": {}})", kWeights),
         {"a.json", "issueUtilities.days.Sigmoid", "unknown value set utilities \"Sigmoid\""});
}

TEST_F(GeniusWebErrorsTest, AReservationBidWithAnUnknownValue) {
  Expect(ProfileText(kPlace, kDays, kWeights, R"(, "reservationBid": {"issuevalues": {"place": "sea", "days": 3}})"),
         {"a.json", "reservationBid.issuevalues.place", "expected a value of issue 'place'"});
  Expect(ProfileText(kPlace, kDays, kWeights, R"(, "reservationBid": {"issuevalues": {"place": "city", "days": 9}})"),
         {"a.json", "reservationBid.issuevalues.days", "expected an integer from 2 to 6"});
}

TEST_F(GeniusWebErrorsTest, AMisspeltKey) {
  Expect(ProfileText(kPlace, kDays, kWeights, R"(, "reservationBids": null)"),
         {"a.json", "LinearAdditiveUtilitySpace.reservationBids", "unknown key \"reservationBids\""});
}

TEST_F(GeniusWebErrorsTest, AnEmbeddedDomainThatDiffers) {
  Expect(ProfileText(kPlace, kDays, kWeights,
                     R"(, "domain": {"name": "d", "issuesValues": {"place": {"values": ["beach", "sea"]},
                     "days": {"range": {"low": 2, "high": 6, "step": 1}}}})"),
         {"a.json", "LinearAdditiveUtilitySpace.domain", "other values than the scenario's domain"});
}

TEST_F(GeniusWebErrorsTest, AnotherKindOfProfile) {
  Expect(R"({"SumOfGroupsUtilitySpace": {}})",
         {"a.json", "SumOfGroupsUtilitySpace: SumOfGroupsUtilitySpace profiles are not supported"});
}

TEST_F(GeniusWebErrorsTest, MalformedJson) {
  Expect(R"({"LinearAdditiveUtilitySpace": {"issueUtilities": )", {"a.json", "1:"});
}

TEST_F(GeniusWebErrorsTest, ADomainWithABadRange) {
  WriteFiles(folder_, {{"domain.json",
                        R"({"name": "d", "issuesValues": {"days": {"range": {"low": 2, "high": 6, "step": 0}}}})"},
                       {"a.json", ProfileText(kPlace, kDays, kWeights)},
                       {"b.json", ProfileText(kPlace, kDays, kWeights)}});
  ExpectRefused(folder_, {"domain.json", "issuesValues.days.range.step", "expected a positive step"});
}

TEST_F(GeniusWebErrorsTest, OneProfileIsNotAScenario) {
  WriteFiles(folder_, {{"domain.json", kDomain}, {"a.json", ProfileText(kPlace, kDays, kWeights)}});
  ExpectRefused(folder_, {folder_.string(), "1 GeniusWeb profile file(s); a scenario needs at least two"});
}

// ---------------------------------------------------------------------------------------------
// NegMAS

const std::string kSpace = R"(type: DiscreteCartesianOutcomeSpace
name: space
issues:
- {type: ContiguousIssue, name: quantity, values: [1, 3]}
- {type: CategoricalIssue, name: delivery, values: [fast, slow]}
)";

std::string Ufun(const std::string& values, const std::string& extra = "") {
  return "type: LinearAdditiveUtilityFunction\nweights: [0.5, 0.5]\nvalues:\n" + values + extra;
}

const std::string kValues = R"(- {type: AffineFun, slope: 0.5, bias: -0.5}
- {type: TableFun, mapping: {fast: 1.0, slow: 0.0}}
)";

class NegmasErrorsTest : public ::testing::Test {
 protected:
  void SetUp() override { folder_ = testing::TemporaryFolder("negmas-errors"); }
  void TearDown() override { fs::remove_all(folder_); }

  void Expect(const std::string& space, const std::string& ufun, std::initializer_list<std::string> parts) {
    WriteFiles(folder_, {{"space.yml", space}, {"a.yml", ufun}, {"b.yml", Ufun(kValues)}});
    ExpectRefused(folder_, parts);
  }

  fs::path folder_;
};

TEST_F(NegmasErrorsTest, TheValidFilesAreRead) {
  WriteFiles(folder_, {{"space.yml", kSpace}, {"a.yml", Ufun(kValues)}, {"b.yml", Ufun(kValues)}});
  const Scenario scenario = LoadScenario(folder_.string());
  ASSERT_EQ(scenario.party_count(), 2u);
  // 0.5 (0.5 q - 0.5) + 0.5 [fast]
  EXPECT_DOUBLE_EQ(scenario.profile(0).Utility(Outcome({3, 0})), 0.5 * 1.0 + 0.5 * 1.0);
  EXPECT_DOUBLE_EQ(scenario.profile(0).Utility(Outcome({2, 1})), 0.5 * 0.5);
  EXPECT_EQ(scenario.profile(0).reservation_value(), 0.0);  // none given: min(0, worst)
}

TEST_F(NegmasErrorsTest, AnIssueTypeParleyDoesNotRead) {
  Expect("type: CartesianOutcomeSpace\nissues:\n- {type: CallableIssue, name: x, values: 3}\n", Ufun(kValues),
         {"space.yml", "issues[0]", "issues of type CallableIssue are not supported"});
}

TEST_F(NegmasErrorsTest, ATableWithoutAValue) {
  Expect(kSpace, Ufun("- {type: IdentityFun}\n- {type: TableFun, mapping: {fast: 1.0}}\n"),
         {"a.yml", "values[1].mapping", "no utility for the value 'slow' of issue 'delivery'"});
}

TEST_F(NegmasErrorsTest, ATableWithAnUnknownValue) {
  Expect(kSpace, Ufun("- {type: IdentityFun}\n- {type: TableFun, mapping: {fast: 1.0, slow: 0, air: 1}}\n"),
         {"a.yml", "values[1].mapping.air", "'air' is not a value of issue 'delivery'"});
}

TEST_F(NegmasErrorsTest, AValueFunctionParleyDoesNotRead) {
  Expect(kSpace, Ufun("- {type: LambdaFun}\n- {type: IdentityFun}\n"),
         {"a.yml", "values[0]", "value functions of type LambdaFun are not supported"});
}

TEST_F(NegmasErrorsTest, ANumericFunctionOnNames) {
  Expect(kSpace, Ufun("- {type: IdentityFun}\n- {type: IdentityFun}\n"),
         {"a.yml", "values[1]", "cannot evaluate the value 'fast' of issue 'delivery' (not a number)"});
}

TEST_F(NegmasErrorsTest, WeightsOfTheWrongLength) {
  Expect(kSpace, "type: LinearAdditiveUtilityFunction\nweights: [1]\nvalues:\n" + kValues,
         {"a.yml", "weights", "expected 2 (one per issue), found 1"});
}

TEST_F(NegmasErrorsTest, DiscountingPerStep) {
  Expect(kSpace,
         "type: ExpDiscountedUFun\ndiscount: 0.9\nfactor: step\nufun:\n  type: LinearAdditiveUtilityFunction\n"
         "  values: [{type: IdentityFun}, {type: TableFun, mapping: {fast: 1, slow: 0}}]\n",
         {"a.yml", "factor", "discounts by \"step\"", "factor \"relative_time\""});
}

TEST_F(NegmasErrorsTest, UtilitiesAboveOne) {
  Expect(kSpace, Ufun(kValues, "bias: 0.5\n"), {"a.yml", "the best outcome is worth 1.5", "caps utilities at 1"});
}

TEST_F(NegmasErrorsTest, MalformedYaml) {
  Expect(kSpace, "type: LinearAdditiveUtilityFunction\nweights: [0.5, 0.5\n", {"a.yml:", "not well-formed YAML"});
}

TEST_F(NegmasErrorsTest, AKeyGivenTwice) {
  Expect(kSpace, Ufun(kValues, "weights: [1, 1]\n"), {"a.yml:", "the key \"weights\" is given twice"});
}

TEST_F(NegmasErrorsTest, NoOutcomeSpace) {
  WriteFiles(folder_, {{"a.yml", Ufun(kValues)}, {"b.yml", Ufun(kValues)}, {"notes.yml", "type: Space\n"}});
  EXPECT_THROW(LoadScenario(folder_.string(), "negmas-yaml"), InputError);
  try {
    LoadScenario(folder_.string(), "negmas-yaml");
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("no outcome space file"), std::string::npos) << e.what();
  }
}

// ---------------------------------------------------------------------------------------------
// Writers refuse what their format cannot hold, and write nothing.

Scenario RealIssueScenario() {
  auto space = std::make_shared<const OutcomeSpace>(
      "s", std::vector<Issue>{Issue::Discrete("d", {"a", "b"}), Issue::Real("price", 0.0, 10.0)});
  std::vector<Profile> profiles;
  for (double slope : {0.1, -0.1}) {
    auto utility = std::make_shared<const LinearAdditiveUtility>(
        space, std::vector<double>{1, 1},
        std::vector<ValueFunction>{ValueFunction::Table({0.5, 1.0}),
                                   ValueFunction::Triangular(0.0, 10.0, slope > 0 ? 7.0 : 3.0)});
    profiles.emplace_back(slope > 0 ? "up" : "down", utility, 0.0, slope > 0 ? 0.8 : 1.0);
  }
  return Scenario("s", space, std::move(profiles));
}

// Writing `scenario` as `format` fails with a UsageError whose message holds `message`.
void ExpectWriteRefused(const Scenario& scenario, const fs::path& path, const std::string& format,
                        const std::string& message) {
  try {
    SaveScenario(scenario, path, format);
    ADD_FAILURE() << format << " wrote " << scenario.name();
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(path)) << path;
}

TEST(FormatWritersTest, RefuseWhatTheirFormatCannotHoldAndWriteNothing) {
  const fs::path work = testing::TemporaryFolder("formats-refusals");
  const Scenario real = RealIssueScenario();
  const Scenario rectangles = LoadScenario((testing::ShippedScenarios() / "genius" / "10issues").string());
  // The real-issue scenario: GeniusWeb has no real issues, NegMAS no triangular functions.
  for (const auto& [format, message] : std::vector<std::pair<std::string, std::string>>{
           {"geniusweb-json", "GeniusWeb JSON cannot hold issue 'price'"},
           {"negmas-yaml", "party 'up', issue 'price': its triangular function is not a line"},
           {"negmas-json", "party 'up', issue 'price': its triangular function is not a line"}}) {
    ExpectWriteRefused(real, work / format, format, message);
  }
  // GENIUS divides a discrete issue's evaluations by their largest: a best value worth 0.8 cannot be said.
  EXPECT_THROW(
      SaveScenario(LoadScenario((parley::testing::SourceDir() / "tests/data/formats/negmas-yaml/trade").string()),
                   work / "genius", "genius-xml"),
      UsageError);
  // Hyper-rectangles are written by Parley JSON and GENIUS XML only.
  for (const std::string format : {"geniusweb-json", "negmas-yaml", "negmas-json"}) {
    ExpectWriteRefused(rectangles, work / format, format, "linear additive profiles only");
  }
  // Strict GeniusWeb refuses a discount factor instead of writing NegMAS's key.
  const Scenario car = LoadScenario((testing::ShippedScenarios() / "genius" / "CarA").string());
  ExpectWriteRefused(car, work / "strict", "geniusweb-json(strict=true)",
                     "cannot hold the discount factor of party 'Car-A-prof1'");
  EXPECT_EQ(std::distance(fs::directory_iterator(work), fs::directory_iterator()), 0);  // nothing written
  fs::remove_all(work);
}

// ---------------------------------------------------------------------------------------------
// parley convert

TEST(ConvertCommandTest, ConvertsRefusesToOverwriteAndReplacesWithForce) {
  const fs::path work = testing::TemporaryFolder("convert-cli");
  const std::string car = (testing::ShippedScenarios() / "genius" / "CarA").string();
  const std::string out = (work / "car").string();
  auto first = testing::RunCli("convert '" + car + "' '" + out + "' --to geniusweb-json");
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("Wrote CarA (2 parties, 6 issues) as geniusweb-json"), std::string::npos) << first.out;
  EXPECT_TRUE(fs::exists(work / "car" / "Car-A-prof1.json"));

  auto again = testing::RunCli("convert '" + car + "' '" + out + "' --to negmas-yaml");
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find(out + ": already exists; give --force to replace it"), std::string::npos) << again.err;
  EXPECT_TRUE(fs::exists(work / "car" / "Car-A-prof1.json"));  // untouched

  auto forced = testing::RunCli("convert '" + out + "' '" + out + "' --to negmas-yaml --force");
  EXPECT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_TRUE(fs::exists(work / "car" / "Car-A-prof1.yml"));
  EXPECT_FALSE(fs::exists(work / "car" / "Car-A-prof1.json"));

  // Back to Parley JSON, reading with the format named.
  auto json = testing::RunCli("convert '" + out + "' '" + (work / "car.json").string() +
                              "' --from negmas-yaml --to parley-json");
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(LoadScenario((work / "car.json").string()).party_count(), 2u);

  // Only the outputs: no temporary file or folder left beside them.
  EXPECT_EQ(std::distance(fs::directory_iterator(work), fs::directory_iterator()), 2);
  fs::remove_all(work);
}

TEST(ConvertCommandTest, ErrorsLeaveNoOutput) {
  const fs::path work = testing::TemporaryFolder("convert-cli-errors");
  const std::string rectangles = (testing::ShippedScenarios() / "genius" / "10issues").string();
  const std::string out = (work / "out").string();

  auto unknown = testing::RunCli("convert '" + rectangles + "' '" + out + "' --to yaml");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("unknown scenario format 'yaml'"), std::string::npos) << unknown.err;

  auto refused = testing::RunCli("convert '" + rectangles + "' '" + out + "' --to geniusweb-json");
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("linear additive profiles only"), std::string::npos) << refused.err;

  auto wrong_reader = testing::RunCli("convert '" + rectangles + "' '" + out + "' --from negmas-yaml --to parley-json");
  EXPECT_EQ(wrong_reader.exit_code, 1);
  EXPECT_NE(wrong_reader.err.find("no outcome space file"), std::string::npos) << wrong_reader.err;

  auto missing = testing::RunCli("convert '" + (work / "nothing").string() + "' '" + out + "' --to parley-json");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("no such file or folder"), std::string::npos) << missing.err;

  auto usage = testing::RunCli("convert '" + rectangles + "'");
  EXPECT_NE(usage.exit_code, 0);

  EXPECT_EQ(std::distance(fs::directory_iterator(work), fs::directory_iterator()), 0);
  fs::remove_all(work);
}

}  // namespace
}  // namespace parley
