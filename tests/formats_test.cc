// Round trips between every scenario format Parley writes, on the shared corpus (linear additive
// scenarios through GeniusWeb JSON and Parley JSON back to GENIUS XML, hyper-rectangle ones
// through Parley JSON back to GENIUS XML) and on shipped scenarios: utilities of outcomes (every
// outcome of spaces up to 10^5, otherwise a few thousand seeded random ones), issue and value
// names, reservation values and discount factors must come back to 1e-12. Hand-written GeniusWeb
// and NegMAS files are checked against utilities computed by hand. Each registered format's own
// round trip is in format_conformance_test.cc.
#include <gtest/gtest.h>

#include <stdio.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "conformance_gtest.h"
#include "fixtures.h"
#include "parley/error.h"
#include "parley/random.h"
#include "parley/scenario_format.h"
#include "parley/utility.h"
#include "test_support.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

constexpr double kTolerance = 1e-12;

fs::path TestData() { return parley::testing::SourceDir() / "tests" / "data" / "formats"; }

// `copy` must describe `original` (conformance::CheckSameScenario): same issues and values (by
// name), same parties (by name; the order may differ), same utilities on every outcome of spaces
// up to 10^5 outcomes and 3000 seeded random ones otherwise, reservation values and discount
// factors, to 1e-12.
void ExpectSameScenario(const Scenario& original, const Scenario& copy, const std::string& context) {
  EXPECT_TRUE(conformance::NoViolations(conformance::CheckSameScenario(original, copy, context, {})));
}

Scenario WriteAndRead(const Scenario& scenario, const std::string& format, const fs::path& path) {
  SaveScenario(scenario, path, format);
  return LoadScenario(path.string(), format);
}

bool AllLinearAdditive(const Scenario& scenario) {
  return std::all_of(scenario.profiles().begin(), scenario.profiles().end(), [](const Profile& p) {
    return dynamic_cast<const LinearAdditiveUtility*>(&p.utility_function()) != nullptr;
  });
}

// The name of a party whose issue weights are used as written (GENIUS's reading) and add up to
// something else than 1, if there is one.
std::optional<std::string> UnnormalisedParty(const Scenario& scenario) {
  for (const Profile& profile : scenario.profiles()) {
    const auto* linear = dynamic_cast<const LinearAdditiveUtility*>(&profile.utility_function());
    if (!linear || linear->weight_rule() != WeightRule::kAsGiven) continue;
    double total = 0.0;
    for (double w : linear->weights()) total += w;
    if (std::abs(total - 1.0) > 1e-12) return profile.name();
  }
  return std::nullopt;
}

// Every party of `copy` gives the same double as the party of `original` with its name, at
// seeded random outcomes: conversions that can hold GENIUS's numbers keep them to the last bit.
void ExpectSameDoubles(const Scenario& original, const Scenario& copy, const std::string& context) {
  Rng rng(DeriveSeed(77, {original.space().issue_count()}));
  Outcome outcome;
  for (const Profile& profile : original.profiles()) {
    const auto other = std::find_if(copy.profiles().begin(), copy.profiles().end(),
                                    [&](const Profile& p) { return p.name() == profile.name(); });
    ASSERT_NE(other, copy.profiles().end()) << context << ": no party " << profile.name();
    for (int sample = 0; sample < 500; ++sample) {
      original.space().RandomOutcome(rng, outcome);
      ASSERT_EQ(other->Utility(outcome), profile.Utility(outcome))
          << context << ", " << profile.name() << " at " << original.space().Format(outcome);
    }
  }
}

bool HasRealIssue(const Scenario& scenario) {
  const auto& issues = scenario.space().issues();
  return std::any_of(issues.begin(), issues.end(), [](const Issue& i) { return i.kind() == IssueKind::kReal; });
}

// ---------------------------------------------------------------------------------------------
// The corpus: GENIUS XML -> GeniusWeb JSON -> Parley JSON -> GENIUS XML; scenarios whose weights
// do not add up to 1 GENIUS XML -> Parley JSON -> GENIUS XML, to the last bit.

TEST(FormatsCorpusTest, GeniusToGeniusWebToParleyToGeniusPreservesEveryUtility) {
  if (!fs::exists(testing::SharedScenarios())) GTEST_SKIP() << "no shared corpus at " << testing::SharedScenarios();
  const fs::path work = testing::TemporaryFolder("formats-corpus");
  int converted = 0, nonlinear = 0, unreadable = 0, real_issues = 0, unnormalised = 0, index = 0;
  for (const fs::path& folder : testing::ScenarioFolders(testing::SharedScenarios())) {
    const std::string name = fs::relative(folder, testing::SharedScenarios()).string();
    std::optional<Scenario> original;
    try {
      original = LoadScenario(folder.string(), "genius-xml");
    } catch (const InputError&) {
      ++unreadable;  // the GENIUS XML tests say why these are refused
      continue;
    }
    if (!AllLinearAdditive(*original)) {
      // Only Parley JSON and GENIUS XML hold ANAC 2014's hyper-rectangles.
      const fs::path base = work / std::to_string(index++);
      const Scenario parley = WriteAndRead(*original, "parley-json", base / "scenario.json");
      ExpectSameScenario(*original, parley, name + " as Parley JSON");
      ExpectSameScenario(*original, WriteAndRead(parley, "genius-xml", base / "genius"), name + " back as GENIUS XML");
      fs::remove_all(base);
      ++nonlinear;
      continue;
    }
    const fs::path base = work / std::to_string(index++);
    if (HasRealIssue(*original)) {
      // GeniusWeb's value sets are finite: the writer refuses, and writes nothing.
      EXPECT_THROW(SaveScenario(*original, base / "geniusweb", "geniusweb-json"), UsageError) << name;
      EXPECT_FALSE(fs::exists(base / "geniusweb")) << name;
      ++real_issues;
      continue;
    }
    if (const auto party = UnnormalisedParty(*original)) {
      // GeniusWeb needs weights adding up to 1: the writer refuses, names the party and writes
      // nothing. Parley JSON and GENIUS XML keep the weights as they are, and so every double.
      try {
        SaveScenario(*original, base / "geniusweb", "geniusweb-json");
        ADD_FAILURE() << name << ": GeniusWeb JSON took weights that do not add up to 1";
      } catch (const UsageError& error) {
        EXPECT_NE(std::string(error.what())
                      .find("GeniusWeb JSON cannot hold party '" + *party + "': its issue weights add up to "),
                  std::string::npos)
            << error.what();
      }
      EXPECT_FALSE(fs::exists(base / "geniusweb")) << name;
      const Scenario parley = WriteAndRead(*original, "parley-json", base / "scenario.json");
      ExpectSameDoubles(*original, parley, name + " as Parley JSON");
      const Scenario genius = WriteAndRead(parley, "genius-xml", base / "genius");
      ExpectSameDoubles(*original, genius, name + " as Parley JSON, then GENIUS XML");
      ExpectSameScenario(*original, genius, name + " as Parley JSON, then GENIUS XML");
      ++unnormalised;
      fs::remove_all(base);
      continue;
    }
    const Scenario web = WriteAndRead(*original, "geniusweb-json", base / "geniusweb");
    ExpectSameScenario(*original, web, name + " as GeniusWeb JSON");
    const Scenario parley = WriteAndRead(web, "parley-json", base / "scenario.json");
    ExpectSameScenario(*original, parley, name + " as GeniusWeb JSON, then Parley JSON");
    const Scenario genius = WriteAndRead(parley, "genius-xml", base / "genius");
    ExpectSameScenario(*original, genius, name + " back as GENIUS XML");
    ++converted;
    fs::remove_all(base);
  }
  std::cout << "[ corpus   ] " << converted << " linear additive scenarios round-tripped; " << real_issues
            << " with real issues refused by GeniusWeb JSON; " << unnormalised
            << " whose weights do not add up to 1 refused by GeniusWeb JSON and kept by Parley JSON; " << nonlinear
            << " hyper-rectangle scenarios through Parley JSON and back to GENIUS XML; " << unreadable
            << " unreadable ones\n";
  EXPECT_GE(converted, 60);
  EXPECT_GE(nonlinear, 10);
  // The 14 folders of docs/corpus.md's list that load (Laptop five times and other/laptopdomain,
  // Phone A-C, bank robbery, car domain, SYAgent, QODomain, journal_learning/six_issues).
  EXPECT_EQ(unnormalised, 14);
  fs::remove_all(work);
}

// ---------------------------------------------------------------------------------------------
// Folder formats and existing folders (every format's round trip is in
// format_conformance_test.cc).

using testing::PortableScenario;

TEST(FormatsTest, FolderFormatsWriteOnlyIntoNewOrEmptyFolders) {
  const fs::path work = testing::TemporaryFolder("formats-existing");
  const Scenario scenario = PortableScenario(3, false);
  for (const std::string format : {"genius-xml", "geniusweb-json", "negmas-yaml", "negmas-json"}) {
    SCOPED_TRACE(format);
    const fs::path folder = work / format;
    fs::create_directories(folder);
    SaveScenario(scenario, folder, format);  // an empty folder is fine
    const auto files = std::distance(fs::directory_iterator(folder), fs::directory_iterator());
    EXPECT_EQ(files, 4);  // the domain and three profiles
    EXPECT_THROW(SaveScenario(scenario, folder, format), UsageError);
    EXPECT_EQ(std::distance(fs::directory_iterator(folder), fs::directory_iterator()), files);
  }
  // Nothing but the four folders: no temporary folder left behind.
  EXPECT_EQ(std::distance(fs::directory_iterator(work), fs::directory_iterator()), 4);
  fs::remove_all(work);
}

// ---------------------------------------------------------------------------------------------
// Hand-written files

TEST(GeniusWebJsonTest, ReadsTheHandWrittenHolidayScenario) {
  const Scenario scenario = LoadScenario((TestData() / "geniusweb" / "holiday").string());
  ASSERT_EQ(scenario.party_count(), 2u);
  EXPECT_EQ(scenario.name(), "holiday");
  const OutcomeSpace& space = scenario.space();
  ASSERT_EQ(space.issue_count(), 3u);
  EXPECT_EQ(space.issue(0).name(), "place");
  EXPECT_EQ(space.issue(1).kind(), IssueKind::kInteger);  // integers from 2 to 6, step 1
  EXPECT_EQ(space.issue(1).lower(), 2.0);
  EXPECT_EQ(space.issue(1).upper(), 6.0);
  EXPECT_EQ(space.issue(2).kind(), IssueKind::kDiscrete);  // 0.5 to 1.5 by 0.25: listed
  EXPECT_EQ(space.issue(2).values(), (std::vector<std::string>{"0.5", "0.75", "1", "1.25", "1.5"}));
  const Profile& alice = scenario.profile(*scenario.FindParty("alice"));
  const Profile& bob = scenario.profile(*scenario.FindParty("bob"));
  auto outcome = [&](const std::string& place, double days, const std::string& budget) {
    return Outcome({static_cast<double>(*space.issue(0).FindValue(place)), days,
                    static_cast<double>(*space.issue(2).FindValue(budget))});
  };
  // alice: 0.5 place + 0.3 (0.2 + 0.8 (days - 2) / 4) + 0.2 (1 - (budget - 0.5)).
  EXPECT_NEAR(alice.Utility(outcome("beach", 6, "0.5")), 1.0, kTolerance);
  EXPECT_NEAR(alice.Utility(outcome("mountains", 4, "1")), 0.25 + 0.18 + 0.1, kTolerance);
  EXPECT_NEAR(alice.Utility(outcome("city", 3, "1.25")), 0.125 + 0.12 + 0.05, kTolerance);
  // Her reservation bid is (city, 3, 1.25).
  EXPECT_NEAR(alice.reservation_value(), 0.295, kTolerance);
  // bob (older spellings "discreteutils"/"numberutils"; his embedded domain lists issues and
  // values in another order): 0.25 place + 0.25 (1 - 0.5 (days - 2) / 4) + 0.5 (budget - 0.5).
  EXPECT_NEAR(bob.Utility(outcome("beach", 6, "0.5")), 0.125, kTolerance);
  EXPECT_NEAR(bob.Utility(outcome("mountains", 4, "1")), 0.1875 + 0.1875 + 0.25, kTolerance);
  EXPECT_NEAR(bob.Utility(outcome("city", 3, "1.25")), 0.25 + 0.21875 + 0.375, kTolerance);
  EXPECT_EQ(bob.reservation_value(), 0.0);
  EXPECT_FALSE(bob.discounted());
}

TEST(NegmasTest, ReadsTheHandWrittenTradeScenarioAsYamlAndAsJson) {
  for (const std::string syntax : {"negmas-yaml", "negmas-json"}) {
    SCOPED_TRACE(syntax);
    const Scenario scenario = LoadScenario((TestData() / syntax / "trade").string());
    ASSERT_EQ(scenario.party_count(), 2u);
    const OutcomeSpace& space = scenario.space();
    EXPECT_EQ(space.name(), "Trade");
    ASSERT_EQ(space.issue_count(), 3u);
    EXPECT_EQ(space.issue(0).kind(), IssueKind::kInteger);
    EXPECT_EQ(space.issue(1).values(), (std::vector<std::string>{"100", "110", "120"}));
    EXPECT_EQ(space.issue(2).values(), (std::vector<std::string>{"fast", "slow"}));
    const Profile& buyer = scenario.profile(*scenario.FindParty("buyer"));
    const Profile& seller = scenario.profile(*scenario.FindParty("seller"));
    auto outcome = [](double quantity, double price, double delivery) { return Outcome({quantity, price, delivery}); };
    // buyer: 0.1 + 0.2 (0.25 q - 0.25) + 0.4 {1, 0.5, 0} + 0.2 {1, 0}; price and delivery by position.
    EXPECT_NEAR(buyer.Utility(outcome(3, 1, 1)), 0.1 + 0.1 + 0.2, kTolerance);
    EXPECT_NEAR(buyer.Utility(outcome(5, 0, 0)), 0.9, kTolerance);
    EXPECT_NEAR(buyer.Utility(outcome(1, 2, 1)), 0.1, kTolerance);
    EXPECT_NEAR(buyer.reservation_value(), 0.15, kTolerance);
    EXPECT_FALSE(buyer.discounted());
    // seller: 0.1 q + 2 (0.01 price - 1) + 0.1 [slow], weights given by issue name.
    EXPECT_NEAR(seller.Utility(outcome(3, 1, 1)), 0.3 + 0.2 + 0.1, kTolerance);
    EXPECT_NEAR(seller.Utility(outcome(5, 2, 1)), 1.0, kTolerance);
    EXPECT_NEAR(seller.Utility(outcome(1, 0, 0)), 0.1, kTolerance);
    EXPECT_NEAR(seller.reservation_value(), 0.2, kTolerance);
    EXPECT_NEAR(seller.discount_factor(), 0.9, kTolerance);
  }
}

// ---------------------------------------------------------------------------------------------
// What other programs read

// The decimal text of a weight (at most 1, at most 18 decimal places) as a count of 10^-18.
std::uint64_t DecimalUnits(const std::string& text) {
  const std::size_t dot = text.find('.');
  const std::string whole = text.substr(0, dot);
  std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
  EXPECT_EQ(text.find_first_of("eE"), std::string::npos) << "weights are written without exponents: " << text;
  EXPECT_LE(fraction.size(), 18u) << text;
  fraction.resize(18, '0');
  std::uint64_t units = 0;
  for (char c : whole + fraction) units = units * 10 + static_cast<std::uint64_t>(c - '0');
  return units;
}

TEST(GeniusWebJsonTest, WrittenWeightsAddUpToExactlyOneInDecimal) {
  const fs::path work = testing::TemporaryFolder("geniusweb-weights");
  SaveScenario(PortableScenario(4, false), work / "out", "geniusweb-json");
  int profiles = 0;
  for (const auto& entry : fs::directory_iterator(work / "out")) {
    const std::string text = testing::ReadFile(entry.path());
    if (text.find("issueWeights") == std::string::npos) continue;
    ++profiles;
    // GeniusWeb compares the sum of the decimals with 1 exactly: add the written digits up.
    const std::string weights = text.substr(text.find('{', text.find("\"issueWeights\"")));
    std::uint64_t total = 0;
    for (std::size_t at = weights.find(": "); at < weights.find('}'); at = weights.find(": ", at + 1)) {
      const std::size_t end = weights.find_first_of(",}\n", at + 2);
      total += DecimalUnits(weights.substr(at + 2, end - at - 2));
    }
    EXPECT_TRUE(total == DecimalUnits("1")) << entry.path() << " weights do not add up to 1";
  }
  EXPECT_EQ(profiles, 3);
  fs::remove_all(work);
}

TEST(GeniusWebJsonTest, StrictWritingKeepsReservationBidsAndNothingElse) {
  const fs::path work = testing::TemporaryFolder("geniusweb-strict");
  const Scenario generated = PortableScenario(5, false);
  const Profile& exact = generated.profile(0);  // its reservation value is the utility of outcome 5
  const Profile& other = generated.profile(1);
  auto with_reservation = [&](double reservation) {
    return Scenario("strict", generated.shared_space(),
                    {exact, Profile(other.name(), other.shared_utility_function(), reservation, 1.0)});
  };
  // 0 needs no bid; the first party's value is a bid's utility: strict GeniusWeb holds both.
  const Scenario holdable = with_reservation(0.0);
  const Scenario read = WriteAndRead(holdable, "geniusweb-json(strict=true)", work / "strict");
  ExpectSameScenario(holdable, read, "strict GeniusWeb JSON");
  for (const auto& entry : fs::directory_iterator(work / "strict")) {
    const std::string text = testing::ReadFile(entry.path());
    EXPECT_EQ(text.find("reserved_value"), std::string::npos) << entry.path();
    EXPECT_EQ(text.find("discount_factor"), std::string::npos) << entry.path();
  }
  EXPECT_NE(testing::ReadFile(work / "strict" / "party 0.json").find("reservationBid"), std::string::npos);
  // A value no outcome has: strict refuses, the default writes NegMAS's key.
  const Scenario unholdable = with_reservation(0.123456789);
  EXPECT_THROW(SaveScenario(unholdable, work / "refused", "geniusweb-json(strict=true)"), UsageError);
  EXPECT_FALSE(fs::exists(work / "refused"));
  ExpectSameScenario(unholdable, WriteAndRead(unholdable, "geniusweb-json", work / "keyed"),
                     "GeniusWeb JSON with keys");
  EXPECT_NE(testing::ReadFile(work / "keyed" / "party 1.json").find("\"reserved_value\": 0.123456789"),
            std::string::npos);
  fs::remove_all(work);
}

TEST(GeniusWebJsonTest, ADomainEmbeddedInTheProfilesIsEnough) {
  const fs::path work = testing::TemporaryFolder("geniusweb-embedded");
  for (const char* file : {"alice.json", "bob.json"}) {
    fs::copy_file(TestData() / "geniusweb" / "holiday" / file, work / file);
  }
  const Scenario embedded = LoadScenario(work.string());
  const Scenario full = LoadScenario((TestData() / "geniusweb" / "holiday").string());
  ExpectSameScenario(full, embedded, "holiday without its domain file");
  EXPECT_NE(embedded.description().find("domain embedded in alice.json"), std::string::npos) << embedded.description();
  fs::remove_all(work);
}

// Value names that YAML would read as something else unless quoted.
Scenario AwkwardNames() {
  auto space = std::make_shared<const OutcomeSpace>(
      "awkward", std::vector<Issue>{Issue::Discrete("answer", {"yes", "no", "null", "~", "true"}),
                                    Issue::Discrete("number", {"100", "-5", "1e5", "0.50", ".inf"}),
                                    Issue::Discrete("text: with colon", {" spaced ", "#hash", "a: b", "'quoted'", "é"}),
                                    Issue::Integer("amount", -3, 3)});
  std::vector<Profile> profiles;
  for (int p = 0; p < 2; ++p) {
    std::vector<ValueFunction> functions;
    for (int i = 0; i < 3; ++i) functions.push_back(ValueFunction::Table({1.0, 0.5, 0.25, p * 0.1, 1e-5}));
    functions.push_back(ValueFunction::Linear(1.0 / 6.0, 0.5, 0.0, true));
    auto utility = std::make_shared<const LinearAdditiveUtility>(space, std::vector<double>{1, 2, 3, 4}, functions);
    profiles.emplace_back(p == 0 ? "yes" : "1e5", utility, 0.125, 1.0);
  }
  return Scenario("awkward", space, std::move(profiles));
}

// Runs `command` and returns what it prints, or nothing if it fails.
std::optional<std::string> Output(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return std::nullopt;
  std::string out;
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  if (pclose(pipe) != 0) return std::nullopt;
  return out;
}

// Equal as JSON values, where 1 and 1.0 are the same number.
bool SameValue(const nlohmann::json& a, const nlohmann::json& b) {
  if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
  if (a.type() != b.type()) return false;
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (const auto& [key, value] : a.items()) {
      if (!b.contains(key) || !SameValue(value, b.at(key))) return false;
    }
    return true;
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t k = 0; k < a.size(); ++k) {
      if (!SameValue(a[k], b[k])) return false;
    }
    return true;
  }
  return a == b;
}

TEST(NegmasTest, PyYamlReadsTheWrittenYamlAsTheWrittenJson) {
  if (!Output("python3 -c 'import yaml' 2>/dev/null")) GTEST_SKIP() << "python3 with PyYAML (python3-yaml) not found";
  const fs::path work = testing::TemporaryFolder("negmas-pyyaml");
  const std::vector<Scenario> scenarios = {
      AwkwardNames(), PortableScenario(6, true),
      LoadScenario((testing::ShippedScenarios() / "genius" / "IntegerDomain").string())};
  for (std::size_t k = 0; k < scenarios.size(); ++k) {
    const fs::path yaml = work / fmt::format("yaml-{}", k), json = work / fmt::format("json-{}", k);
    SaveScenario(scenarios[k], yaml, "negmas-yaml");
    SaveScenario(scenarios[k], json, "negmas-json");
    for (const auto& entry : fs::directory_iterator(yaml)) {
      // NegMAS reads its files with yaml.safe_load.
      const auto read = Output(
          "python3 -c 'import sys, yaml, json; print(json.dumps(yaml.safe_load(open(sys.argv[1], "
          "encoding=\"utf-8\"))))' '" +
          entry.path().string() + "'");
      ASSERT_TRUE(read.has_value()) << entry.path();
      const fs::path twin = json / entry.path().filename().replace_extension(".json");
      ASSERT_TRUE(fs::exists(twin)) << twin;
      EXPECT_TRUE(SameValue(nlohmann::json::parse(*read), nlohmann::json::parse(testing::ReadFile(twin))))
          << entry.path() << "\nPyYAML read:\n"
          << *read << "\nJSON written:\n"
          << testing::ReadFile(twin);
    }
    ExpectSameScenario(scenarios[k], LoadScenario(yaml.string()), scenarios[k].name() + " as NegMAS YAML");
  }
  fs::remove_all(work);
}

}  // namespace
}  // namespace parley
