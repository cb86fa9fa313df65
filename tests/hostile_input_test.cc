// Hostile inputs, one test each: every reader given what an attacker or a broken tool would
// write must answer with an error that names the file, the place and the expectation, or with a
// bounded result that is still correct, never a crash, a hang or unbounded memory. Inputs are
// generated into temporary folders. docs/reliability.md ("Bad input") lists them.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "parley/analysis.h"
#include "parley/error.h"
#include "parley/hyper_rectangle.h"
#include "parley/limits.h"
#include "parley/multi_track.h"
#include "parley/outcome_ranking.h"
#include "parley/protocol.h"
#include "parley/scenario_format.h"
#include "parley/tournament.h"
#include "parley/trace_io.h"
#include "parley/utf8.h"
#include "parley/utility.h"
#include "test_support.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
using testing::ReadFile;
using testing::RunCli;
using testing::TemporaryFolder;

void WriteText(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// The message of the InputError or UsageError `load` throws ("" if it throws none).
template <typename F>
std::string ErrorOf(F&& load) {
  try {
    load();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

// Removes a folder of generated inputs (some are tens of megabytes) when the test ends.
class RemovedAtEnd {
 public:
  explicit RemovedAtEnd(fs::path folder) : folder_(std::move(folder)) {}
  ~RemovedAtEnd() {
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
  }

 private:
  fs::path folder_;
};

#define EXPECT_HAS(text, part) EXPECT_NE(std::string(text).find(part), std::string::npos) << (text)

// ---------------------------------------------------------------------------------------------
// GENIUS XML

// A domain of discrete issues ("name" -> values), issue indices 1, 2, ...
std::string Domain(const std::vector<std::pair<std::string, std::vector<std::string>>>& issues,
                   const std::string& prologue = "") {
  std::string xml = prologue + "<negotiation_template><utility_space><objective index=\"0\" name=\"root\">";
  for (std::size_t i = 0; i < issues.size(); ++i) {
    xml += "<issue index=\"" + std::to_string(i + 1) + "\" name=\"" + issues[i].first + "\" type=\"discrete\">";
    for (const auto& value : issues[i].second) xml += "<item value=\"" + value + "\"/>";
    xml += "</issue>";
  }
  return xml + "</objective></utility_space></negotiation_template>";
}

struct ProfileIssue {
  std::string name;
  std::vector<std::pair<std::string, std::string>> evaluations;  // value -> evaluation text
  std::string weight = "1";
  std::string type = "discrete";
};

std::string ProfileXml(const std::vector<ProfileIssue>& issues, const std::string& extra = "",
                       const std::string& prologue = "") {
  std::string xml = prologue + "<utility_space type=\"linear\"><objective index=\"0\" name=\"root\">";
  for (std::size_t i = 0; i < issues.size(); ++i) {
    const std::string index = std::to_string(i + 1);
    xml += "<issue index=\"" + index + "\" name=\"" + issues[i].name + "\" type=\"" + issues[i].type + "\">";
    for (const auto& [value, evaluation] : issues[i].evaluations) {
      xml += "<item value=\"" + value + "\" evaluation=\"" + evaluation + "\"/>";
    }
    xml += "</issue><weight index=\"" + index + "\" value=\"" + issues[i].weight + "\"/>";
  }
  return xml + "</objective>" + extra + "</utility_space>";
}

ProfileIssue Simple(const std::string& a = "a", const std::string& b = "b") { return {"i", {{a, "1"}, {b, "0.5"}}}; }

// A folder holding domain.xml, p1.xml and p2.xml.
fs::path GeniusFolder(const fs::path& folder, const std::string& domain, const std::string& p1, const std::string& p2) {
  WriteText(folder / "domain.xml", domain);
  WriteText(folder / "p1.xml", p1);
  WriteText(folder / "p2.xml", p2);
  return folder;
}

Scenario ReadGenius(const fs::path& folder) { return LoadScenario(folder.string(), "genius-xml"); }

TEST(HostileXml, EntityExpansionIsNotPerformed) {
  // The "billion laughs": ten levels of entities, each ten times the one below, 10^9 "lol"s.
  std::string prologue = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 \"lol\">\n";
  for (int level = 1; level <= 9; ++level) {
    prologue += "<!ENTITY lol" + std::to_string(level) + " \"";
    for (int k = 0; k < 10; ++k) prologue += "&lol" + std::to_string(level - 1) + ";";
    prologue += "\">\n";
  }
  prologue += "]>\n";
  const fs::path folder =
      GeniusFolder(TemporaryFolder("hostile") / "laughs", Domain({{"i", {"&lol9;", "b"}}}, prologue),
                   ProfileXml({Simple("&lol9;")}, "", prologue), ProfileXml({Simple("&lol9;")}));
  // pugixml neither reads the internal subset nor expands custom entities: the name stays the
  // literal reference, six bytes long.
  const Scenario scenario = ReadGenius(folder);
  EXPECT_EQ(scenario.space().issue(0).values(), (std::vector<std::string>{"&lol9;", "b"}));
  EXPECT_DOUBLE_EQ(scenario.profile(0).Utility(Outcome({0.0})), 1.0);
}

TEST(HostileXml, ExternalEntityIsNotRead) {
  const fs::path secret = TemporaryFolder("hostile-secret") / "secret.txt";
  WriteText(secret, "TOP-SECRET-CONTENT");
  const std::string prologue =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY xxe SYSTEM \"file://" + secret.string() + "\">]>\n";
  const fs::path folder = GeniusFolder(TemporaryFolder("hostile") / "xxe", Domain({{"i", {"&xxe;", "b"}}}, prologue),
                                       ProfileXml({Simple("&xxe;")}), ProfileXml({Simple("&xxe;")}));
  const Scenario scenario = ReadGenius(folder);
  EXPECT_EQ(scenario.space().issue(0).values()[0], "&xxe;");
  EXPECT_EQ(scenario.space().Format(Outcome({0.0})).find("TOP-SECRET"), std::string::npos);
  EXPECT_EQ(scenario.description().find("TOP-SECRET"), std::string::npos);
}

TEST(HostileXml, AMillionNestedObjectivesAreWalkedWithoutRecursion) {
  constexpr int kDepth = 1'000'000;
  std::string domain = "<negotiation_template><utility_space>";
  for (int k = 0; k < kDepth; ++k) domain += "<objective>";
  domain += "<issue index=\"1\" name=\"deep\" type=\"discrete\"><item value=\"a\"/><item value=\"b\"/></issue>";
  for (int k = 0; k < kDepth; ++k) domain += "</objective>";
  domain += "</utility_space></negotiation_template>";
  ProfileIssue deep{"deep", {{"a", "1"}, {"b", "0.25"}}};
  const fs::path folder =
      GeniusFolder(TemporaryFolder("hostile") / "deep", domain, ProfileXml({deep}), ProfileXml({deep}));
  const RemovedAtEnd cleanup(folder);
  const Scenario scenario = ReadGenius(folder);
  ASSERT_EQ(scenario.space().issue_count(), 1u);
  EXPECT_EQ(scenario.space().issue(0).name(), "deep");
  EXPECT_DOUBLE_EQ(scenario.profile(0).Utility(Outcome({1.0})), 0.25);
}

TEST(HostileXml, AMillionNestedElementsInAProfileAreWalkedWithoutRecursion) {
  // GENIUS finds <reservation> at any depth of a linear profile; so does Parley, a million deep.
  constexpr int kDepth = 1'000'000;
  std::string extra;
  for (int k = 0; k < kDepth; ++k) extra += "<x>";
  extra += "<reservation value=\"0.375\"/>";
  for (int k = 0; k < kDepth; ++k) extra += "</x>";
  const fs::path folder = GeniusFolder(TemporaryFolder("hostile") / "deep", Domain({{"i", {"a", "b"}}}),
                                       ProfileXml({Simple()}, extra), ProfileXml({Simple()}));
  const RemovedAtEnd cleanup(folder);
  EXPECT_DOUBLE_EQ(ReadGenius(folder).profile(0).reservation_value(), 0.375);
}

TEST(HostileXml, UfunsNestedBeyondTheDepthLimitAreRefused) {
  const std::string domain =
      "<negotiation_template><utility_space><objective index=\"0\" name=\"root\"><issue index=\"1\" name=\"x\" "
      "type=\"integer\" lowerbound=\"0\" upperbound=\"9\"/></objective></utility_space></negotiation_template>";
  auto nonlinear = [](int depth) {
    std::string xml =
        "<utility_space type=\"nonlinear\"><objective index=\"0\" name=\"root\"><issue index=\"1\" name=\"x\" "
        "type=\"integer\" lowerbound=\"0\" upperbound=\"9\"/><utility maxutility=\"10\">";
    for (int k = 0; k < depth; ++k) xml += "<ufun aggregation=\"sum\">";
    xml += "<hyperRectangle utility=\"10\"><INCLUDES index=\"1\" min=\"0\" max=\"4\"/></hyperRectangle>";
    for (int k = 0; k < depth; ++k) xml += "</ufun>";
    return xml + "</utility></objective></utility_space>";
  };
  const std::uint64_t limit = DefaultResourceLimits().max_depth;
  // At the limit: read, and the rectangle still counts (utility 10 / 10 inside, 0 outside).
  const fs::path ok =
      GeniusFolder(TemporaryFolder("hostile") / "ok", domain, nonlinear(static_cast<int>(limit)), nonlinear(1));
  EXPECT_DOUBLE_EQ(ReadGenius(ok).profile(0).Utility(Outcome({3.0})), 1.0);
  EXPECT_DOUBLE_EQ(ReadGenius(ok).profile(0).Utility(Outcome({5.0})), 0.0);
  const fs::path deep = GeniusFolder(TemporaryFolder("hostile") / "deep", domain, nonlinear(100'000), nonlinear(1));
  const RemovedAtEnd cleanup(deep);
  const std::string message = ErrorOf([&] { ReadGenius(deep); });
  EXPECT_HAS(message, (deep / "p1.xml").string() + ":1: <ufun> nested 101 deep");
  EXPECT_HAS(message, "the limit of 100 nested functions (--max-depth)");
}

TEST(HostileXml, NamesThatAreNotUtf8AreRefusedNamingTheByte) {
  const fs::path folder = GeniusFolder(TemporaryFolder("hostile") / "latin", Domain({{"i", {"caf\xE9", "b"}}}),
                                       ProfileXml({Simple("caf\xE9")}), ProfileXml({Simple("caf\xE9")}));
  const std::string message = ErrorOf([&] { ReadGenius(folder); });
  EXPECT_HAS(message, (folder / "domain.xml").string() + ":1:");
  EXPECT_HAS(message, "\"caf\\xE9\" is not valid UTF-8 (byte 4 is 0xE9)");
  EXPECT_TRUE(IsValidUtf8(message));
}

TEST(HostileXml, DeclaredLatin1IsConvertedToUtf8) {
  const std::string prologue = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n";
  const fs::path folder =
      GeniusFolder(TemporaryFolder("hostile") / "latin", Domain({{"i", {"caf\xE9", "b"}}}, prologue),
                   ProfileXml({Simple("caf\xE9")}, "", prologue), ProfileXml({Simple("caf\xE9")}, "", prologue));
  EXPECT_EQ(ReadGenius(folder).space().issue(0).values()[0], "caf\xC3\xA9");
}

TEST(HostileXml, NonFiniteAndNegativeNumbersAreRefused) {
  const fs::path root = TemporaryFolder("hostile");
  struct Case {
    ProfileIssue issue;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {{"i", {{"a", "1"}, {"b", "0"}}, "nan"},
       "<weight index=\"1\" value=\"nan\"> has value=\"nan\", which is not a number"},
      {{"i", {{"a", "1"}, {"b", "0"}}, "inf"}, "has value=\"inf\", which is not a number"},
      {{"i", {{"a", "1"}, {"b", "0"}}, "1e999"}, "has value=\"1e999\", which is not a number"},
      {{"i", {{"a", "1"}, {"b", "0"}}, "-1"}, "has the negative weight -1; weights must be >= 0"},
      {{"i", {{"a", "NaN"}, {"b", "0"}}}, "has evaluation=\"NaN\", which is not a number"},
      {{"i", {{"a", "-Infinity"}, {"b", "0"}}}, "has evaluation=\"-Infinity\", which is not a number"},
      {{"i", {{"a", "1"}, {"b", "-0.5"}}},
       "<item value=\"b\"> has the negative evaluation -0.5; evaluations must be >= 0"},
  };
  for (std::size_t k = 0; k < cases.size(); ++k) {
    const fs::path folder = GeniusFolder(root / std::to_string(k), Domain({{"i", {"a", "b"}}}),
                                         ProfileXml({cases[k].issue}), ProfileXml({Simple()}));
    const std::string message = ErrorOf([&] { ReadGenius(folder); });
    EXPECT_HAS(message, (folder / "p1.xml").string() + ":1: ");
    EXPECT_HAS(message, cases[k].expected);
  }
}

TEST(HostileXml, DiscountFactorsOutsideTheUnitIntervalMeanNoDiscounting) {
  // GENIUS's rule (validateDiscount): d <= 0 or d >= 1 is no discounting.
  const fs::path root = TemporaryFolder("hostile");
  const std::vector<std::pair<std::string, double>> cases = {{"1.5", 1.0}, {"-0.5", 1.0},  {"0", 1.0},
                                                             {"1", 1.0},   {"1e300", 1.0}, {"0.5", 0.5}};
  for (std::size_t k = 0; k < cases.size(); ++k) {
    const fs::path folder = GeniusFolder(root / std::to_string(k), Domain({{"i", {"a", "b"}}}),
                                         ProfileXml({Simple()}, "<discount_factor value=\"" + cases[k].first + "\"/>"),
                                         ProfileXml({Simple()}));
    const Profile profile = ReadGenius(folder).profile(0);
    EXPECT_DOUBLE_EQ(profile.discount_factor(), cases[k].second) << cases[k].first;
    EXPECT_DOUBLE_EQ(profile.DiscountedUtility(Outcome({0.0}), 1.0), cases[k].second) << cases[k].first;
  }
  const fs::path nan = GeniusFolder(root / "nan", Domain({{"i", {"a", "b"}}}),
                                    ProfileXml({Simple()}, "<discount_factor value=\"nan\"/>"), ProfileXml({Simple()}));
  EXPECT_HAS(ErrorOf([&] { ReadGenius(nan); }),
             "<discount_factor value=\"nan\"> has value=\"nan\", which is not a number");
}

TEST(HostileXml, DuplicateIssuesAndValuesAreRefused) {
  const fs::path root = TemporaryFolder("hostile");
  const fs::path values =
      GeniusFolder(root / "values", Domain({{"i", {"a", "a"}}}), ProfileXml({Simple()}), ProfileXml({Simple()}));
  EXPECT_HAS(ErrorOf([&] { ReadGenius(values); }),
             (values / "domain.xml").string() + ":1: discrete issue 'i' lists the value 'a' twice");
  const fs::path issues = GeniusFolder(root / "issues", Domain({{"i", {"a", "b"}}, {"i", {"c", "d"}}}),
                                       ProfileXml({Simple()}), ProfileXml({Simple()}));
  EXPECT_HAS(ErrorOf([&] { ReadGenius(issues); }), "outcome space 'domain' has two issues named 'i'");
}

TEST(HostileXml, ProfilesThatDisagreeWithTheirDomainAreRefused) {
  const fs::path root = TemporaryFolder("hostile");
  const std::string domain = Domain({{"i", {"a", "b"}}, {"j", {"c", "d"}}});
  const ProfileIssue i = Simple();
  const ProfileIssue j{"j", {{"c", "1"}, {"d", "0"}}};
  struct Case {
    std::string profile, expected;
  };
  const std::vector<Case> cases = {
      {ProfileXml({i}), "the profile has no <issue index=\"2\"> for the domain's issue 'j'"},
      {ProfileXml({i, j, {"k", {{"e", "1"}}}}), "issue index 3 does not exist in the domain (its issue indices: 1, 2)"},
      {ProfileXml({i, {"j", {{"c", "1"}, {"z", "0"}}}}),
       "unknown issue value 'z' for issue 'j'; the domain's values are: c, d"},
      {ProfileXml({i, {"j", {{"c", "1"}, {"d", "0"}}, "1", "real"}}),
       "is real here but the domain's issue 2 ('j') is discrete"},
  };
  for (std::size_t k = 0; k < cases.size(); ++k) {
    const fs::path folder = GeniusFolder(root / std::to_string(k), domain, cases[k].profile, ProfileXml({i, j}));
    const std::string message = ErrorOf([&] { ReadGenius(folder); });
    EXPECT_HAS(message, (folder / "p1.xml").string() + ":1: ");
    EXPECT_HAS(message, cases[k].expected);
  }
}

TEST(HostileXml, AMillionIssuesAreRefusedBeforeTheyAreBuilt) {
  std::string domain = "<negotiation_template><utility_space><objective>";
  for (int k = 1; k <= 1'000'000; ++k) {
    domain +=
        "<issue index=\"" + std::to_string(k) + "\" name=\"i" + std::to_string(k) + "\"><item value=\"a\"/></issue>";
  }
  domain += "</objective></utility_space></negotiation_template>";
  const fs::path folder =
      GeniusFolder(TemporaryFolder("hostile") / "million", domain, ProfileXml({Simple()}), ProfileXml({Simple()}));
  const RemovedAtEnd cleanup(folder);
  const std::string message = ErrorOf([&] { ReadGenius(folder); });
  EXPECT_HAS(message, (folder / "domain.xml").string() +
                          ":1: <issue index=\"10001\" name=\"i10001\"> is issue number "
                          "10,001, beyond the limit of 10,000 issues (--max-issues)");
}

// ---------------------------------------------------------------------------------------------
// Parley JSON

// A two-party scenario over discrete issues, as a JSON document to break in one place.
Json Scenario2(const std::vector<std::pair<std::string, std::vector<std::string>>>& issues) {
  Json json = {{"format", "parley-scenario"}, {"name", "hostile"}};
  json["issues"] = Json::array();
  Json weights = Json::object(), values = Json::object();
  for (const auto& [name, names] : issues) {
    json["issues"].push_back({{"name", name}, {"values", names}});
    weights[name] = 1.0;
    Json table = Json::object();
    for (std::size_t v = 0; v < names.size(); ++v) table[names[v]] = v == 0 ? 1.0 : 0.0;
    values[name] = table;
  }
  for (const char* party : {"A", "B"}) {
    json["parties"].push_back(
        {{"name", party}, {"utility", {{"type", "linear-additive"}, {"weights", weights}, {"values", values}}}});
  }
  return json;
}

fs::path WriteJson(const std::string& text, const std::string& name = "scenario.json") {
  const fs::path path = TemporaryFolder("hostile-json") / name;
  WriteText(path, text);
  return path;
}

Scenario ReadJson(const fs::path& path) { return LoadScenario(path.string(), "parley-json"); }

std::string JsonError(const Json& json) {
  const fs::path path = WriteJson(json.dump());
  return ErrorOf([&] { ReadJson(path); });
}

TEST(HostileJson, AMillionNestedArraysAreAnErrorNotACrash) {
  constexpr int kDepth = 1'000'000;
  const fs::path path =
      WriteJson("{\"format\": \"parley-scenario\", \"name\": \"x\", \"issues\": " + std::string(kDepth, '[') +
                std::string(kDepth, ']') + "}");
  const RemovedAtEnd cleanup(path.parent_path());
  const std::string message = ErrorOf([&] { ReadJson(path); });
  EXPECT_HAS(message, path.string() + ": issues[0]: expected an issue");
}

TEST(HostileJson, AMillionNestedArraysInACommentAreReadAndIgnored) {
  constexpr int kDepth = 1'000'000;
  std::string text = Scenario2({{"i", {"a", "b"}}}).dump();
  text.insert(1, "\"_note\": " + std::string(kDepth, '[') + std::string(kDepth, ']') + ", ");
  const fs::path path = WriteJson(text);
  const RemovedAtEnd cleanup(path.parent_path());
  const Scenario scenario = ReadJson(path);
  EXPECT_DOUBLE_EQ(scenario.profile(0).Utility(Outcome({0.0})), 1.0);
}

TEST(HostileJson, FunctionsNestedBeyondTheDepthLimitAreRefused) {
  Json json = Scenario2({{"i", {"a", "b"}}});
  Json function = {{"rectangles", Json::array({{{"utility", 1}}})}};
  for (int k = 0; k < 200; ++k) function = {{"functions", Json::array({function})}};
  json["parties"][0]["utility"] = {{"type", "hyper-rectangle"}, {"max_utility", 1}, {"function", function}};
  const std::string message = JsonError(json);
  EXPECT_HAS(message, "parties[0].utility.function");
  EXPECT_HAS(message, "a function nested 101 deep, beyond the limit of 100 nested functions (--max-depth)");
}

TEST(HostileJson, AMillionIssuesAreRefusedNamingTheLimit) {
  std::string text = "{\"format\": \"parley-scenario\", \"name\": \"m\", \"issues\": [";
  for (int k = 0; k < 1'000'000; ++k)
    text += (k ? ",{\"name\":\"i" : "{\"name\":\"i") + std::to_string(k) + "\",\"values\":[\"a\"]}";
  text += "], \"parties\": []}";
  const fs::path path = WriteJson(text);
  const RemovedAtEnd cleanup(path.parent_path());
  EXPECT_HAS(ErrorOf([&] { ReadJson(path); }),
             path.string() + ": issues: 1,000,000 issues, more than the limit of 10,000 issues (--max-issues)");
}

TEST(HostileJson, AnIssueOfTwoHundredThousandValuesIsReadInLinearTime) {
  // A quadratic parser or look-up (nlohmann's callback parser, ordered_json's linear key search)
  // would take hours here; the reader takes well under a second.
  // Written as text: building it with ordered_json would itself be quadratic.
  std::string names, table;
  for (int v = 0; v < 200'000; ++v) {
    names += (v ? ",\"v" : "\"v") + std::to_string(v) + "\"";
    table += (v ? ",\"v" : "\"v") + std::to_string(v) + "\":" + (v == 199'999 ? "0.75" : "0");
  }
  std::string text =
      "{\"format\": \"parley-scenario\", \"name\": \"wide\", \"issues\": [{\"name\": \"i\", \"values\": [" + names +
      "]}], \"parties\": [";
  for (const char* party : {"A", "B"}) {
    text += std::string(party[0] == 'A' ? "" : ",") + "{\"name\": \"" + party +
            "\", \"utility\": {\"type\": \"linear-additive\", \"weights\": {\"i\": 1}, \"values\": {\"i\": {" + table +
            "}}}}";
  }
  const fs::path path = WriteJson(text + "]}");
  const RemovedAtEnd cleanup(path.parent_path());
  const Scenario scenario = ReadJson(path);
  EXPECT_DOUBLE_EQ(scenario.profile(1).Utility(Outcome({199'999.0})), 0.75);
  EXPECT_EQ(scenario.space().issue(0).FindValue("v123456"), std::optional<std::size_t>(123'456));
}

TEST(HostileJson, NonFiniteNegativeAndHugeNumbers) {
  Json json = Scenario2({{"i", {"a", "b"}}, {"j", {"c", "d"}}});
  const auto with = [&](const std::string& pointer, Json value) {
    Json copy = json;
    copy[Json::json_pointer(pointer)] = std::move(value);
    return copy;
  };
  // JSON has no NaN or infinity; 1e999 reads as infinity and is refused like any non-number.
  std::string text = json.dump();
  text.replace(text.find("\"weights\":{\"i\":1.0"), 18, "\"weights\":{\"i\":1e999");
  EXPECT_HAS(ErrorOf([&] { ReadJson(WriteJson(text)); }), "malformed JSON: number overflow parsing '1e999'");
  EXPECT_HAS(JsonError(with("/parties/0/utility/weights/i", -1)),
             "parties[0].utility.weights.i: expected a weight >= 0, found -1");
  EXPECT_HAS(JsonError(with("/parties/0/reservation_value", "nan")), "parties[0].reservation_value: expected a number");
  // Weights whose sum overflows still normalise exactly: 1e308 and 1e308 are a half each.
  Json huge = with("/parties/0/utility/weights/i", 1e308);
  huge["parties"][0]["utility"]["weights"]["j"] = 1e308;
  const Scenario halves = ReadJson(WriteJson(huge.dump()));
  EXPECT_DOUBLE_EQ(halves.profile(0).Utility(Outcome({0.0, 1.0})), 0.5);
  // Negative values are allowed in Parley JSON (used as written): 0.5 * -3 + 0.5 * 1 = -1.
  const Scenario negative = ReadJson(WriteJson(with("/parties/0/utility/values/i/a", -3).dump()));
  EXPECT_DOUBLE_EQ(negative.profile(0).Utility(Outcome({0.0, 0.0})), -1.0);
  // The largest finite values stay finite: weights are normalised, so a utility is an average.
  Json largest = with("/parties/0/utility/values/i/b", -1.7e308);
  largest["parties"][0]["utility"]["values"]["j"]["d"] = -1.7e308;
  EXPECT_DOUBLE_EQ(ReadJson(WriteJson(largest.dump())).profile(0).Utility(Outcome({1.0, 1.0})), -1.7e308);
  // An unclamped line that leaves the doubles on its range is refused rather than giving an
  // infinite utility; so are rectangles whose products overflow.
  Json line = json;
  line["issues"][1] = {{"name", "j"}, {"real", {0, 1e300}}};
  line["parties"][0]["utility"]["values"]["j"] = {
      {"shape", "linear"}, {"slope", 1e300}, {"offset", 0}, {"clamped", false}};
  EXPECT_HAS(JsonError(line),
             "parties[0].utility: the value function of issue 'j' overflows at 1e+300; values must be finite");
  Json rectangles = json;
  rectangles["parties"][1]["utility"] = {
      {"type", "hyper-rectangle"},
      {"max_utility", 1},
      {"function", {{"rectangles", Json::array({{{"utility", 1e308}, {"weight", 1e308}}})}}}};
  EXPECT_HAS(JsonError(rectangles),
             "parties[1].utility: the rectangles of the utility function over 'hostile' hold "
             "numbers so large that utilities overflow");
}

TEST(HostileJson, DiscountFactorsOutsideTheUnitIntervalAreRefused) {
  for (double d : {0.0, -0.5, 1.5, 1e300}) {
    Json json = Scenario2({{"i", {"a", "b"}}});
    json["parties"][1]["discount_factor"] = d;
    EXPECT_HAS(JsonError(json), "parties[1].discount_factor: expected a discount factor in (0, 1]");
  }
}

TEST(HostileJson, DuplicateNamesAndKeysAreRefused) {
  EXPECT_HAS(JsonError(Scenario2({{"i", {"a", "b"}}, {"i", {"c", "d"}}})), "issues[1]: a second issue named 'i'");
  EXPECT_HAS(JsonError(Scenario2({{"i", {"a", "a"}}})), "issues[0].values[1]: the value 'a' is listed twice");
  Json parties = Scenario2({{"i", {"a", "b"}}});
  parties["parties"][1]["name"] = "A";
  EXPECT_HAS(JsonError(parties), "parties[1]: a second party named 'A'");
  std::string text = Scenario2({{"i", {"a", "b"}}}).dump();
  text.replace(text.find("\"weights\":{\"i\":1.0}"), 19, "\"weights\":{\"i\":1.0,\"i\":0.5}");
  const fs::path path = WriteJson(text);
  EXPECT_HAS(ErrorOf([&] { ReadJson(path); }),
             path.string() + ": parties[0].utility.weights.i: the key \"i\" appears twice in the same object");
}

TEST(HostileJson, ProfilesThatDisagreeWithTheirIssuesAreRefused) {
  Json json = Scenario2({{"i", {"a", "b"}}, {"j", {"c", "d"}}});
  Json missing = json;
  missing["parties"][0]["utility"]["weights"].erase("j");
  EXPECT_HAS(JsonError(missing), "parties[0].utility.weights.j: missing; expected the weight of issue 'j'");
  Json extra = json;
  extra["parties"][0]["utility"]["weights"]["k"] = 1;
  EXPECT_HAS(JsonError(extra), "parties[0].utility.weights.k: there is no issue named 'k' (the issues: i, j)");
  Json unknown = json;
  unknown["parties"][0]["utility"]["values"]["j"]["z"] = 1;
  EXPECT_HAS(JsonError(unknown), "parties[0].utility.values.j.z: 'z' is not a value of issue 'j' (its values: c, d)");
  Json real = json;
  real["issues"][1] = {{"name", "j"}, {"real", {0, 1}}};
  EXPECT_HAS(JsonError(real), "parties[0].utility.values.j.shape: missing; expected \"linear\" or \"triangular\"");
}

TEST(HostileJson, TextThatIsNotUtf8IsMalformedJson) {
  std::string text = Scenario2({{"i", {"a", "b"}}}).dump();
  text.replace(text.find("\"a\""), 3, "\"caf\xE9\"");
  const fs::path path = WriteJson(text);
  const std::string message = ErrorOf([&] { ReadJson(path); });
  EXPECT_HAS(message, path.string() + ":1:");
  EXPECT_HAS(message, "malformed JSON: syntax error while parsing value - invalid string: ill-formed UTF-8 byte");
}

TEST(HostileMultiTrack, ErrorsInsideATrackNameTheirPlace) {
  Json json = Json::parse(ReadFile(parley::testing::SourceDir() / "scenarios/builtin/ceasefire-2024.json"), nullptr,
                          true, /*ignore_comments=*/true);
  json["tracks"][0]["scenario"]["parties"][0]["discount_factor"] = 1.5;
  const fs::path path = WriteJson(json.dump(), "multi.json");
  EXPECT_HAS(ErrorOf([&] { LoadMultiTrackScenario(path.string()); }),
             path.string() + ": tracks[0].scenario.parties[0].discount_factor: expected a discount factor in (0, 1]");
}

// ---------------------------------------------------------------------------------------------
// GeniusWeb JSON and NegMAS YAML

TEST(HostileGeniusWeb, AnIssueOfTwoHundredThousandValuesIsReadInLinearTime) {
  const fs::path folder = TemporaryFolder("hostile-gw") / "wide";
  const RemovedAtEnd cleanup(folder);
  std::string names, table;
  for (int v = 0; v < 200'000; ++v) {
    names += (v ? ",\"v" : "\"v") + std::to_string(v) + "\"";
    table += (v ? ",\"v" : "\"v") + std::to_string(v) + "\":" + (v == 123'456 ? "1" : "0.5");
  }
  const std::string domain = "{\"name\": \"wide\", \"issuesValues\": {\"i\": {\"values\": [" + names + "]}}}";
  WriteText(folder / "wide.json", domain);
  for (const char* party : {"alice", "bob"}) {
    WriteText(folder / (std::string(party) + ".json"),
              "{\"LinearAdditiveUtilitySpace\": {\"issueUtilities\": {\"i\": {\"DiscreteValueSetUtilities\": "
              "{\"valueUtilities\": {" +
                  table + "}}}}, \"issueWeights\": {\"i\": 1}, \"domain\": " + domain + ", \"name\": \"" + party +
                  "\"}}");
  }
  const Scenario scenario = LoadScenario(folder.string(), "geniusweb-json");
  EXPECT_DOUBLE_EQ(scenario.profile(0).Utility(Outcome({123'456.0})), 1.0);
  EXPECT_DOUBLE_EQ(scenario.profile(1).Utility(Outcome({7.0})), 0.5);
}

// The NegMAS YAML test scenario with `extra` appended to the buyer's file.
fs::path NegmasYaml(const std::string& extra) {
  const fs::path source = parley::testing::SourceDir() / "tests/data/formats/negmas-yaml/trade";
  const fs::path folder = TemporaryFolder("hostile-yaml") / "trade";
  fs::create_directories(folder);
  for (const auto& entry : fs::directory_iterator(source))
    fs::copy_file(entry.path(), folder / entry.path().filename());
  std::ofstream(folder / "buyer.yml", std::ios::app) << extra;
  return folder;
}

TEST(HostileYaml, AliasesExpandingToABillionValuesAreRefused) {
  // The YAML "billion laughs": nine levels of aliases, each repeating the one below ten times.
  std::string bomb = "lol0: &l0 [\"lollollollollol\", \"lollollollollol\"]\n";
  for (int level = 1; level <= 9; ++level) {
    bomb += "lol" + std::to_string(level) + ": &l" + std::to_string(level) + " [";
    for (int k = 0; k < 10; ++k) bomb += (k ? ", *l" : "*l") + std::to_string(level - 1);
    bomb += "]\n";
  }
  const fs::path folder = NegmasYaml(bomb);
  const std::string message = ErrorOf([&] { LoadScenario(folder.string()); });
  EXPECT_HAS(message, (folder / "buyer.yml").string() + ":");
  EXPECT_HAS(message, "the document expands to far more than its own size, through aliases (*name)");
}

TEST(HostileYaml, AHundredThousandNestedSequencesAreAnErrorNotACrash) {
  const fs::path folder = NegmasYaml("deep: " + std::string(100'000, '[') + std::string(100'000, ']') + "\n");
  const std::string message = ErrorOf([&] { LoadScenario(folder.string()); });
  EXPECT_HAS(message, (folder / "buyer.yml").string() + ":23:");
  EXPECT_HAS(message, "levels); NegMAS files nest a few levels");
}

// ---------------------------------------------------------------------------------------------
// Tournament configurations

TEST(HostileTournamentConfig, DeepNestingThreadsAndRepetitionsAreBounded) {
  const fs::path root = TemporaryFolder("hostile-config");
  const RemovedAtEnd cleanup(root);
  const fs::path deep = root / "deep.json";
  WriteText(deep, "{\"format\": \"parley-tournament\", \"negotiators\": " + std::string(1'000'000, '[') +
                      std::string(1'000'000, ']') + "}");
  EXPECT_HAS(ErrorOf([&] { ReadTournamentConfig(deep); }),
             deep.string() + ": negotiators[0]: expected a list of negotiator specs");

  const fs::path threads = root / "threads.json";
  WriteText(threads, R"({"negotiators": ["boulware"], "scenarios": ["ceasefire-2024#rafah"], "threads": 1000000000})");
  EXPECT_HAS(ErrorOf([&] { ReadTournamentConfig(threads); }),
             threads.string() + ": threads: expected at most 4096 threads, found 1000000000");

  TournamentConfig config;
  config.negotiators = {"boulware", "conceder"};
  config.scenarios = {"ceasefire-2024#rafah"};
  config.repetitions = std::uint64_t{1} << 62;
  EXPECT_HAS(ErrorOf([&] { PlanTournament(config); }), "the tournament has more than 2^64 negotiations");
}

// ---------------------------------------------------------------------------------------------
// Spaces too large to enumerate, and the resource limits

// Restores the default limits when a test that changed them ends.
class LimitsGuard {
 public:
  LimitsGuard() : saved_(DefaultResourceLimits()) {}
  ~LimitsGuard() { SetDefaultResourceLimits(saved_); }

 private:
  ResourceLimits saved_;
};

// Two linear additive parties over `issues` issues of `values` values; party 0 prefers low
// positions, with weights 1, 2, 3, ...; party 1 high ones, with the same weights or, if
// `first_only`, only on the first issue (then the frontier has `values` points: the first issue
// at each value and the others at their lowest).
Scenario Opposed(std::size_t issues, std::size_t values, bool first_only = false) {
  std::vector<Issue> list;
  std::vector<std::string> names;
  for (std::size_t v = 0; v < values; ++v) names.push_back("v" + std::to_string(v));
  for (std::size_t i = 0; i < issues; ++i) list.push_back(Issue::Discrete("i" + std::to_string(i), names));
  auto space = std::make_shared<const OutcomeSpace>("opposed", std::move(list));
  std::vector<Profile> profiles;
  for (int party = 0; party < 2; ++party) {
    std::vector<double> weights, table(values);
    std::vector<ValueFunction> functions;
    for (std::size_t v = 0; v < values; ++v) {
      const double up = static_cast<double>(v) / static_cast<double>(values - 1);
      table[v] = party == 0 ? 1.0 - up : up;
    }
    for (std::size_t i = 0; i < issues; ++i) {
      weights.push_back(party == 1 && first_only ? (i == 0 ? 1.0 : 0.0) : static_cast<double>(i + 1));
      functions.push_back(ValueFunction::Table(table));
    }
    profiles.emplace_back(party == 0 ? "low" : "high",
                          std::make_shared<const LinearAdditiveUtility>(space, weights, functions), 0.0, 1.0);
  }
  return Scenario("opposed", space, std::move(profiles));
}

TEST(HostileSpaces, EvaluatingEveryOutcomeBeyondTheLimitIsRefused) {
  const Scenario huge = Opposed(50, 10);  // 10^50 outcomes, beyond 64 bits
  std::vector<double> out;
  EXPECT_HAS(ErrorOf([&] { huge.profile(0).utility_function().EvaluateAll(out); }),
             "cannot evaluate every outcome of 'opposed': about 1.0e+50 (too large to enumerate) outcomes, more than "
             "the limit of 50,000,000 outcomes (--max-outcomes)");
  const Scenario large = Opposed(18, 10);  // 10^18 outcomes: fits in 64 bits, not in memory
  EXPECT_HAS(ErrorOf([&] { large.profile(0).utility_function().EvaluateAll(out); }),
             "1000000000000000000 outcomes, more than the limit of 50,000,000 outcomes");
  EXPECT_TRUE(out.empty());
}

TEST(HostileSpaces, RankingsOfHugeSpacesAreSampledAndFindTheBest) {
  const Scenario huge = Opposed(50, 10);
  const OutcomeRanking& ranking = huge.profile(0).utility_function().ranking();
  EXPECT_FALSE(ranking.exhaustive());
  EXPECT_LE(ranking.size(), OutcomeRanking::kSampleSize + OutcomeRanking::kClimbStarts);
  // Hill-climbing a separable function reaches its maximum, the all-lowest outcome (utility 1).
  EXPECT_DOUBLE_EQ(ranking.best_utility(), 1.0);
}

TEST(HostileSpaces, AnalysisOfHugeSpacesDoesNotEnumerate) {
  const Scenario huge = Opposed(50, 10, /*first_only=*/true);
  const ScenarioAnalysis analysis(huge);
  EXPECT_HAS(analysis.frontier().method, "dynamic programme over 50 issues without enumeration (exact");
  ASSERT_EQ(analysis.frontier().points.size(), 10u);
  for (const FrontierPoint& point : analysis.frontier().points) {
    for (std::size_t i = 1; i < 50; ++i) EXPECT_EQ(point.outcome[i], 0.0);
  }
  // Each party's best outcome is on the frontier: the ideal point is (1, 1).
  EXPECT_DOUBLE_EQ(analysis.ideal_point()[0], 1.0);
  EXPECT_DOUBLE_EQ(analysis.ideal_point()[1], 1.0);
  ASSERT_TRUE(analysis.nash().has_value());
}

TEST(HostileSpaces, ALowerOutcomeLimitGivesTheSameFrontierWithoutEnumerating) {
  const Scenario scenario = Opposed(6, 5);  // 15,625 outcomes
  const ScenarioAnalysis enumerated(scenario);
  EXPECT_HAS(enumerated.frontier().method, "enumeration of 15625 outcomes");
  LimitsGuard guard;
  ResourceLimits limits = DefaultResourceLimits();
  limits.max_outcomes = 1000;
  SetDefaultResourceLimits(limits);
  const Scenario fresh = Opposed(6, 5);  // a new utility function, so a new ranking
  const ScenarioAnalysis bounded(fresh);
  EXPECT_HAS(bounded.frontier().method,
             "dynamic programme over 6 issues without enumeration (exact; largest partial frontier");
  EXPECT_HAS(bounded.frontier().method,
             "(not enumerated: 15,625 outcomes, more than the limit of 1,000 outcomes (--max-outcomes))");
  ASSERT_EQ(bounded.frontier().points.size(), enumerated.frontier().points.size());
  for (std::size_t k = 0; k < bounded.frontier().points.size(); ++k) {
    EXPECT_EQ(bounded.frontier().points[k].utilities, enumerated.frontier().points[k].utilities);
  }
  EXPECT_FALSE(fresh.profile(0).utility_function().ranking().exhaustive());
}

TEST(HostileSpaces, ASmallCacheLimitShrinksTheRankingSample) {
  LimitsGuard guard;
  ResourceLimits limits = DefaultResourceLimits();
  limits.max_cache_bytes = std::uint64_t{1} << 20;
  SetDefaultResourceLimits(limits);
  const Scenario huge = Opposed(50, 10);
  const OutcomeRanking& ranking = huge.profile(0).utility_function().ranking();
  // Two copies of each sample's 50 values and 2 numbers, within 1 MiB; plus the climbed ones.
  EXPECT_LE(ranking.size(), (std::size_t{1} << 20) / (2 * 8 * 52) + OutcomeRanking::kClimbStarts);
  EXPECT_DOUBLE_EQ(ranking.best_utility(), 1.0);
  // The analysis keeps fewer partial outcomes per stage (1 MiB / 816 bytes), approximates and
  // says why; each party's best outcome (utility 1) is within the stated bound of a returned point.
  const ScenarioAnalysis analysis(huge);
  const std::string& method = analysis.frontier().method;
  EXPECT_FALSE(analysis.frontier().exact);
  EXPECT_HAS(method, "passed the limit of 1,285 points");
  EXPECT_HAS(method, "(the limit of 2,000,000 points was lowered to fit the limit of 1 MiB (--max-memory-mb))");
  const std::size_t within = method.find("within ");
  ASSERT_NE(within, std::string::npos);
  const double bound = std::stod(method.substr(within + 7));
  EXPECT_LT(bound, 1.0);
  EXPECT_GE(analysis.ideal_point()[0], 1.0 - bound);
  EXPECT_GE(analysis.ideal_point()[1], 1.0 - bound);
}

TEST(HostileSpaces, IntegerRangesBeyondTheTableLimitAreEvaluatedNotTabulated) {
  // Thirty issues of 2^20 integers each would take 240 MiB of tables; the limit (2^24 values)
  // tabulates sixteen and evaluates the rest from their line, with the same utilities.
  std::vector<Issue> issues;
  for (int i = 0; i < 30; ++i) issues.push_back(Issue::Integer("n" + std::to_string(i), 0, (1 << 20) - 1));
  auto space = std::make_shared<const OutcomeSpace>("wide", std::move(issues));
  const double slope = 1.0 / ((1 << 20) - 1);
  const LinearAdditiveUtility utility(space, std::vector<double>(30, 1.0),
                                      std::vector<ValueFunction>(30, ValueFunction::Linear(slope, 0.0, 0.0, true)));
  Outcome outcome(30);
  for (int i = 0; i < 30; ++i) outcome[i] = (i % 2) ? (1 << 20) - 1 : 0;  // half the issues at their best
  EXPECT_NEAR(utility.Utility(outcome), 0.5, 1e-12);
  EXPECT_DOUBLE_EQ(utility.max_utility(), 1.0);
  EXPECT_DOUBLE_EQ(utility.min_utility(), 0.0);
}

TEST(HostileSpaces, AnIssueOfATrillionIntegersIsAnalysedWithoutTables) {
  // The issue-by-issue programme would tabulate 2^40 values per party: analysis samples instead.
  auto space = std::make_shared<const OutcomeSpace>(
      "trillion",
      std::vector<Issue>{Issue::Integer("n", 0, (std::int64_t{1} << 40) - 1), Issue::Discrete("d", {"x", "y"})});
  std::vector<Profile> profiles;
  for (double slope : {0x1p-40, -0x1p-40}) {
    auto function = std::make_shared<const LinearAdditiveUtility>(
        space, std::vector<double>{1.0, 1.0},
        std::vector<ValueFunction>{ValueFunction::Linear(slope, slope > 0 ? 0.0 : 1.0, 0.0, true),
                                   ValueFunction::Table({1.0, 0.0})});
    profiles.emplace_back(slope > 0 ? "up" : "down", function, 0.0, 1.0);
  }
  const Scenario scenario("trillion", space, profiles);
  std::vector<double> out;
  EXPECT_HAS(ErrorOf([&] { scenario.profile(0).utility_function().EvaluateAll(out); }), "more than the limit");
  const ScenarioAnalysis analysis(scenario, AnalysisOptions{.samples = 2000});
  EXPECT_HAS(analysis.frontier().method, "approximate");
  // Both prefer d = x; the frontier found keeps it, and every point is a real outcome.
  for (const FrontierPoint& point : analysis.frontier().points) {
    EXPECT_EQ(point.outcome[1], 0.0);
    EXPECT_DOUBLE_EQ(point.utilities[0], scenario.profile(0).Utility(point.outcome));
  }
}

TEST(HostileSpaces, HugeUtilitiesSaturateTheirComparisonKeys) {
  EXPECT_EQ(UtilityKey(1e300), std::int64_t{1} << 62);
  EXPECT_EQ(UtilityKey(-1e300), -(std::int64_t{1} << 62));
  EXPECT_LT(UtilityKey(-1e300), UtilityKey(-1e6));
  EXPECT_LT(UtilityKey(1e6), UtilityKey(1e300));
}

// ---------------------------------------------------------------------------------------------
// UTF-8

TEST(HostileUtf8, MalformedSequencesAreFound) {
  EXPECT_TRUE(IsValidUtf8("caf\xC3\xA9 \xF0\x9F\x98\x80"));
  EXPECT_EQ(FirstInvalidUtf8("ab\xC0\x80"), std::optional<std::size_t>(2));         // overlong
  EXPECT_EQ(FirstInvalidUtf8("\xED\xA0\x80"), std::optional<std::size_t>(0));       // surrogate
  EXPECT_EQ(FirstInvalidUtf8("a\xF4\x90\x80\x80"), std::optional<std::size_t>(1));  // above U+10FFFF
  EXPECT_EQ(FirstInvalidUtf8("a\xE2\x82"), std::optional<std::size_t>(1));          // truncated
  EXPECT_EQ(FirstInvalidUtf8("\xF5"), std::optional<std::size_t>(0));
  EXPECT_EQ(ValidUtf8("a\xFF"
                      "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(EscapeInvalidUtf8("a\xFF"), "a\\xFF");
}

TEST(HostileUtf8, NamesMustBeUtf8) {
  EXPECT_HAS(ErrorOf([] {
               Issue::Discrete("i", {"ok", "bad\xFF"});
             }),
             "a value name of issue 'i' \"bad\\xFF\" is not valid UTF-8");
  EXPECT_HAS(ErrorOf([] { Issue::Integer("n\xFF", 0, 1); }), "the issue name \"n\\xFF\" is not valid UTF-8");
  const Scenario scenario = Opposed(1, 2);
  EXPECT_HAS(ErrorOf([&] { Profile("p\xFF", scenario.profile(0).shared_utility_function(), 0.0, 1.0); }),
             "the profile name \"p\\xFF\" is not valid UTF-8");
  EXPECT_HAS(ErrorOf([&] { Scenario("s\xFF", scenario.shared_space(), scenario.profiles()); }),
             "the scenario name \"s\\xFF\" is not valid UTF-8");
}

TEST(HostileUtf8, FolderAndFileNamesThatAreNotUtf8AreRepaired) {
  const fs::path folder = TemporaryFolder("hostile") / "caf\xE9";
  WriteText(folder / "domain.xml", Domain({{"i", {"a", "b"}}}));
  WriteText(folder / "p\xE9.xml", ProfileXml({Simple()}));
  WriteText(folder / "q.xml", ProfileXml({Simple()}));
  const Scenario scenario = ReadGenius(folder);
  EXPECT_EQ(scenario.name(), "caf\xEF\xBF\xBD");
  EXPECT_EQ(scenario.profile(0).name(), "p\xEF\xBF\xBD");
  EXPECT_TRUE(IsValidUtf8(scenario.description()));
}

TEST(HostileUtf8, JsonAndCsvWritersRepairTextInsteadOfThrowing) {
  const Scenario scenario = Opposed(2, 3);
  NegotiationOptions options;
  options.rounds = 3;
  NegotiationResult result = RunNegotiation(scenario, {"hardliner", "hardliner"}, options);
  // A negotiator's spec and fault message can carry any bytes (plugins, command-line arguments).
  result.negotiators[0] = "plugin\xFF";
  result.fault = Fault{0, "crashed: \xC0\x80"};
  std::ostringstream lines, csv;
  WriteTraceJsonLines(scenario, result, lines);
  WriteTraceCsv(scenario, result, csv);
  std::istringstream in(lines.str());
  std::size_t count = 0;
  for (std::string line; std::getline(in, line); ++count) {
    const Json parsed = Json::parse(line);  // throws on invalid UTF-8
    if (parsed["party"] == "low") {
      EXPECT_EQ(parsed["negotiator"], "plugin\xEF\xBF\xBD");
    }
  }
  EXPECT_EQ(count, result.trace.size());
  EXPECT_TRUE(IsValidUtf8(lines.str()));
  const Json summary = Json::parse(ResultToJson(scenario, result));
  EXPECT_EQ(summary["negotiators"][0], "plugin\xEF\xBF\xBD");
  EXPECT_EQ(summary["fault"]["message"], "crashed: \xEF\xBF\xBD\xEF\xBF\xBD");
  TournamentRow row;
  row.scenario = "folder\xFF";
  row.fault = "bad\xFF";
  EXPECT_EQ(Json::parse(RowToJsonLine(row))["fault"], "bad\xEF\xBF\xBD");
  EXPECT_TRUE(IsValidUtf8(RowToCsvLine(row)));
}

// ---------------------------------------------------------------------------------------------
// The command line: a non-zero exit, the message, and no partial output files

TEST(HostileCli, ABrokenScenarioExitsNonZeroAndWritesNoTrace) {
  const fs::path root = TemporaryFolder("hostile-cli");
  const fs::path folder = GeniusFolder(root / "broken", Domain({{"i", {"a", "b"}}}),
                                       ProfileXml({{"i", {{"a", "1"}, {"b", "-1"}}}}), ProfileXml({Simple()}));
  const fs::path trace = root / "trace.jsonl";
  const auto result =
      RunCli("negotiate --scenario '" + folder.string() + "' --negotiators hardliner --trace '" + trace.string() + "'");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_HAS(result.err, "parley: error: " + (folder / "p1.xml").string() +
                             ":1: <item value=\"b\"> has the negative evaluation -1; evaluations must be >= 0");
  EXPECT_FALSE(fs::exists(trace));
}

TEST(HostileCli, ConvertingABrokenScenarioWritesNothing) {
  const fs::path root = TemporaryFolder("hostile-cli");
  const RemovedAtEnd cleanup(root);
  WriteText(root / "deep.json", "{\"format\": \"parley-scenario\", \"name\": \"x\", \"issues\": " +
                                    std::string(100'000, '[') + std::string(100'000, ']') + "}");
  const fs::path out = root / "out.json";
  const auto result = RunCli("scenario convert '" + (root / "deep.json").string() + "' -o '" + out.string() + "'");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_HAS(result.err, (root / "deep.json").string() + ": issues[0]: expected an issue");
  EXPECT_FALSE(fs::exists(out));
}

TEST(HostileCli, ATournamentWithABrokenScenarioWritesNoResults) {
  const fs::path root = TemporaryFolder("hostile-cli");
  const fs::path folder =
      GeniusFolder(root / "dup", Domain({{"i", {"a", "a"}}}), ProfileXml({Simple()}), ProfileXml({Simple()}));
  const fs::path out = root / "results";
  const auto result = RunCli("tournament --quiet --negotiators boulware,conceder --scenarios '" + folder.string() +
                             "' --out '" + out.string() + "'");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_HAS(result.err, (folder / "domain.xml").string() + ":1: discrete issue 'i' lists the value 'a' twice");
  EXPECT_TRUE(!fs::exists(out) || fs::is_empty(out));
}

TEST(HostileCli, SpacesOfTenToTheFiftyAreAnalysedAndPlayedWithoutEnumerating) {
  const fs::path root = TemporaryFolder("hostile-cli");
  const fs::path path = root / "huge.json";
  SaveScenario(Opposed(50, 10, /*first_only=*/true), path, "parley-json");
  const auto analysed = RunCli("analyze '" + path.string() + "' --json");
  ASSERT_EQ(analysed.exit_code, 0) << analysed.err;
  const Json analysis = Json::parse(analysed.out);
  EXPECT_HAS(analysis["frontier"]["method"].get<std::string>(), "without enumeration (exact");
  EXPECT_EQ(analysis["frontier"]["size"], 10);
  const fs::path out = root / "results";
  const auto played = RunCli("tournament --quiet --negotiators boulware,conceder --rounds 20 --scenarios '" +
                             path.string() + "' --out '" + out.string() + "'");
  ASSERT_EQ(played.exit_code, 0) << played.err;
  EXPECT_EQ(testing::CountLines(out / "results.jsonl"), 4u);  // 2 negotiators in 2 roles, self-play included
}

TEST(HostileCli, LimitFlagsAreAppliedAndNamedWhenHit) {
  const fs::path car = parley::testing::SourceDir() / "scenarios/genius/CarA";
  const auto refused = RunCli("--max-issues 3 scenario info '" + car.string() + "'");
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_HAS(refused.err, "is issue number 4, beyond the limit of 3 issues (--max-issues)");
  // After the command name too; the frontier is then found without enumerating the 15,625 outcomes.
  const auto analysed = RunCli("analyze '" + car.string() + "' --json --max-outcomes 1000");
  ASSERT_EQ(analysed.exit_code, 0) << analysed.err;
  EXPECT_HAS(Json::parse(analysed.out)["frontier"]["method"].get<std::string>(), "dynamic programme");
  const auto deep = RunCli("--max-depth 0 list negotiators");
  EXPECT_NE(deep.exit_code, 0);
}

}  // namespace
}  // namespace parley
