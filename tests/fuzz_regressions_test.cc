// Inputs the fuzz targets (fuzz/, docs/reliability.md) found to break Parley, each kept as a test
// of the clear error or the correct result that replaced the failure. The fuzz target that
// found an input and what went wrong are named above its test.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "fixtures.h"
#include "parley/error.h"
#include "parley/negotiator.h"
#include "parley/protocol.h"
#include "parley/scenario_format.h"
#include "parley/spec.h"
#include "parley/utility.h"
#include "test_support.h"

namespace parley {
namespace {

// Expects `make` to throw UsageError whose message contains every one of `parts`.
template <typename F>
void ExpectUsageError(F&& make, const std::vector<std::string>& parts) {
  try {
    make();
    ADD_FAILURE() << "no UsageError";
  } catch (const UsageError& e) {
    const std::string message = e.what();
    for (const auto& part : parts) EXPECT_NE(message.find(part), std::string::npos) << message;
  }
}

// spec_fuzzer: a tit-for-tat bidding window of two quintillion offers was accepted, and the
// negotiator then failed to start ("cannot create std::vector larger than max_size()").
TEST(FuzzRegressions, TitForTatBiddingWindowIsBoundedWhenCreated) {
  ExpectUsageError(
      [] { NegotiatorRegistry::Create("boa(bidding=tit-for-tat(mode=averaged,window=2049638230412172402))"); },
      {"tit-for-tat bidding", "window must be at most 1048576", "2049638230412172402"});
  ExpectUsageError([] { NegotiatorRegistry::Create("boa(bidding=tit-for-tat(window=1048577))"); }, {"at most 1048576"});
  // The largest window allowed plays like any other.
  const Scenario scenario = testing::RandomLinearScenario(3, 2, 3);
  NegotiationOptions options;
  options.rounds = 20;
  options.seed = 1;
  const NegotiationResult result =
      RunNegotiation(scenario, {"boa(bidding=tit-for-tat(window=1048576))", "boulware"}, options);
  EXPECT_FALSE(result.fault) << result.fault->message;
  EXPECT_EQ(result.utilities.size(), 2u);
}

// spec_fuzzer: a parameter key that is not one word (given in quotes) was printed bare by
// ToString, so the canonical text did not parse back.
TEST(FuzzRegressions, QuotedParameterKeysStayQuotedInTheCanonicalText) {
  const Spec spec = Spec::Parse(R"(ef-("boa(bidding=time(e=8),model"=rency))");
  ASSERT_EQ(spec.parameters().size(), 1u);
  EXPECT_EQ(spec.parameters().begin()->first, "boa(bidding=time(e=8),model");
  EXPECT_EQ(spec.ToString(), R"(ef-("boa(bidding=time(e=8),model"=rency))");
  EXPECT_EQ(Spec::Parse(spec.ToString()), spec);
  // Keys holding one kind of quote are written between the other; empty keys are quoted too.
  const Spec quotes = Spec::Parse(R"(x('say "hi"'=1,"it's"=2,""=3))");
  EXPECT_EQ(Spec::Parse(quotes.ToString()), quotes) << quotes.ToString();
  EXPECT_EQ(quotes.ToString(), R"(x(""=3,"it's"=2,'say "hi"'=1))");
}

// A copy of the NegMAS YAML test scenario in a fresh folder, with `from` replaced by `to` in
// `file`.
std::filesystem::path NegmasTradeWith(const std::string& file, const std::string& from, const std::string& to) {
  const auto folder = testing::TemporaryFolder("parley-fuzz-regression");
  const auto source = parley::testing::SourceDir() / "tests" / "data" / "formats" / "negmas-yaml" / "trade";
  for (const auto& entry : std::filesystem::directory_iterator(source)) {
    std::string text = testing::ReadFile(entry.path());
    if (entry.path().filename() == file) {
      const auto at = text.find(from);
      EXPECT_NE(at, std::string::npos) << from;
      if (at != std::string::npos) text.replace(at, from.size(), to);
    }
    std::ofstream(folder / entry.path().filename(), std::ios::binary) << text;
  }
  return folder;
}

// Expects reading `folder` as NegMAS YAML to throw InputError whose message contains `parts`.
void ExpectNegmasInputError(const std::filesystem::path& folder, const std::vector<std::string>& parts) {
  try {
    LoadScenario(folder.string(), "negmas-yaml");
    ADD_FAILURE() << "no InputError";
  } catch (const InputError& e) {
    const std::string message = e.what();
    for (const auto& part : parts) EXPECT_NE(message.find(part), std::string::npos) << message;
  }
}

// negmas_yaml_fuzzer: a value name that is not UTF-8 escaped the reader as the UsageError of the
// issue's constructor, naming neither the file nor the place.
TEST(FuzzRegressions, NegmasValueNameThatIsNotUtf8IsAnInputErrorAtItsIssue) {
  const auto folder = NegmasTradeWith("Trade.yml", "- 110\n", "- 110\x8a\n");
  ExpectNegmasInputError(folder, {"Trade.yml", "issues[1]", "price", "not valid UTF-8"});
  std::filesystem::remove_all(folder);
}

// negmas_yaml_fuzzer: a string that is not UTF-8 where a number belongs made the message itself
// fail (nlohmann refuses to print such a string), with an exception that was not InputError.
TEST(FuzzRegressions, NegmasStringThatIsNotUtf8WhereANumberBelongsIsAnInputError) {
  const auto folder = NegmasTradeWith("seller.yml", "slope: 0.01", "slope: x\xafy");
  ExpectNegmasInputError(folder, {"seller.yml", "slope", "expected", "\xef\xbf\xbd"});  // U+FFFD in the message
  std::filesystem::remove_all(folder);
}

// genius_xml_profile_fuzzer (round trips): a GENIUS "triangular" evaluator whose points come out
// of order was read, as GENIUS reads it, but Parley JSON refused the file Parley wrote from it.
// The expected values follow GENIUS's EVALFUNCTYPE.evalTriangular by hand, with lower 0, upper 1
// and top 2: 0 below 0; x / 2 below 2; then, as x >= 1 = upper, 0.
TEST(FuzzRegressions, TriangleWithPointsOutOfOrderSurvivesEveryFormatThatWritesIt) {
  const auto folder = testing::TemporaryFolder("parley-fuzz-regression");
  std::ofstream(folder / "domain.xml") << R"(<negotiation_template><utility_space><objective index="0" name="root">
    <issue index="1" name="share" type="real"><range lowerbound="0" upperbound="3"/></issue>
  </objective></utility_space></negotiation_template>)";
  for (const char* party : {"a.xml", "b.xml"}) {
    std::ofstream(folder / party) << R"(<utility_space><objective index="0" name="root">
      <issue index="1" name="share" type="real"><range lowerbound="0" upperbound="3"/>
        <evaluator ftype="triangular" parameter0="0" parameter1="1" parameter2="2"/></issue>
      <weight index="1" value="1"/></objective></utility_space>)";
  }
  const std::vector<std::pair<double, double>> expected = {{0, 0}, {0.5, 0.25}, {1, 0.5}, {1.5, 0.75},
                                                           {2, 0}, {2.5, 0},    {3, 0}};
  const Scenario original = LoadScenario(folder.string(), "genius-xml");
  for (const auto& [x, value] : expected) EXPECT_DOUBLE_EQ(original.profile(0).Utility(Outcome({x})), value) << x;
  for (const char* format : {"parley-json", "genius-xml"}) {
    SCOPED_TRACE(format);
    const auto written = folder / (std::string("written-") + format);
    SaveScenario(original, written, format);
    const Scenario copy = LoadScenario(written.string(), format);
    for (const auto& [x, value] : expected) EXPECT_DOUBLE_EQ(copy.profile(0).Utility(Outcome({x})), value) << x;
  }
  std::filesystem::remove_all(folder);
}

// parley_json_fuzzer (round trips): an integer issue of ten billion values under a clamped line
// (which no GeniusWeb or NegMAS range can say) was listed value by value when written in those
// formats, until memory ran out. Now the writers refuse it, naming the issue and the limit, and
// write nothing.
TEST(FuzzRegressions, FolderFormatsRefuseToListTenBillionIntegers) {
  auto space = std::make_shared<const OutcomeSpace>(
      "wide",
      std::vector<Issue>{Issue::Integer("price", 0, 9'999'999'999), Issue::Discrete("colour", {"red", "blue"})});
  auto utility = std::make_shared<const LinearAdditiveUtility>(
      space, std::vector<double>{1, 1},
      std::vector<ValueFunction>{ValueFunction::Linear(0.001, 0, 0, true), ValueFunction::Table({0.0, 1.0})});
  const Scenario scenario("wide", space, {Profile("a", utility, 0, 1), Profile("b", utility, 0, 1)});
  const auto folder = testing::TemporaryFolder("parley-fuzz-regression");
  for (const char* format : {"geniusweb-json", "negmas-yaml", "negmas-json"}) {
    SCOPED_TRACE(format);
    const auto written = folder / format;
    ExpectUsageError([&] { SaveScenario(scenario, written, format); },
                     {"issue 'price'", "10000000000 values", "1000000 listed integers"});
    EXPECT_FALSE(std::filesystem::exists(written));
  }
  std::filesystem::remove_all(folder);
}

// parley_json_fuzzer (round trips): a discrete value worth -0.5 (which Parley JSON allows: a
// utility is a weighted sum) was written to GENIUS XML, whose reader, like GENIUS, then refused
// the file. Now the writer refuses it, naming the party, issue and value, and writes nothing.
TEST(FuzzRegressions, GeniusXmlRefusesToWriteANegativeEvaluation) {
  auto space = std::make_shared<const OutcomeSpace>(
      "dinner", std::vector<Issue>{Issue::Discrete("origin", {"Dutch food", "Greek food", "Thai food"})});
  auto utility = std::make_shared<const LinearAdditiveUtility>(
      space, std::vector<double>{1}, std::vector<ValueFunction>{ValueFunction::Table({1.0, -0.5, 0.25})});
  const Scenario scenario("dinner", space, {Profile("a", utility, 0, 1), Profile("b", utility, 0, 1)});
  const auto folder = testing::TemporaryFolder("parley-fuzz-regression");
  ExpectUsageError([&] { SaveScenario(scenario, folder / "genius", "genius-xml"); },
                   {"party 'a'", "issue 'origin'", "'Greek food' is worth -0.5", "negative evaluations"});
  EXPECT_FALSE(std::filesystem::exists(folder / "genius"));
  std::filesystem::remove_all(folder);
}

// parley_json_fuzzer (round trips): a scenario named with 600 bytes was written to GENIUS XML as
// "<name>.xml", which no file system accepts, and the write failed as an I/O error. Now a name
// too long for a file gives way to "domain" for the domain file, and a party's name, which the
// reader needs back, is refused as one that cannot be a file name.
TEST(FuzzRegressions, NamesTooLongForAFileNameAreNotWrittenAsOne) {
  const std::string long_name(600, 'n');
  auto space = std::make_shared<const OutcomeSpace>(long_name, std::vector<Issue>{Issue::Discrete("x", {"a", "b"})});
  auto utility = std::make_shared<const LinearAdditiveUtility>(
      space, std::vector<double>{1}, std::vector<ValueFunction>{ValueFunction::Table({1.0, 0.0})});
  const auto folder = testing::TemporaryFolder("parley-fuzz-regression");
  const Scenario scenario("long", space, {Profile("a", utility, 0, 1), Profile("b", utility, 0, 1)});
  for (const char* format : {"genius-xml", "geniusweb-json", "negmas-yaml", "negmas-json"}) {
    SCOPED_TRACE(format);
    const auto written = folder / format;
    SaveScenario(scenario, written, format);
    EXPECT_EQ(LoadScenario(written.string(), format).party_count(), 2u);
  }
  EXPECT_TRUE(std::filesystem::exists(folder / "genius-xml" / "domain.xml"));
  const Scenario long_party("long", space, {Profile(long_name, utility, 0, 1), Profile("b", utility, 0, 1)});
  ExpectUsageError([&] { SaveScenario(long_party, folder / "party", "genius-xml"); },
                   {"cannot be a file name", "600 bytes long"});
  EXPECT_FALSE(std::filesystem::exists(folder / "party"));
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace parley
