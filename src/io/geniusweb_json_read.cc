// Reading GeniusWeb scenario folders (GeniusWeb, ANL 2022+): the domain, from its own file or
// embedded in a profile, and one LinearAdditiveUtilitySpace profile per party, with GeniusWeb's
// decimals kept in value names. docs/formats/geniusweb-json.md says what is read and where Parley
// departs from GeniusWeb.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "io/geniusweb_json_internal.h"
#include "io/json_node.h"
#include "io/json_text.h"
#include "io/scenario_files.h"
#include "parley/error.h"
#include "parley/utility.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using internal::Checked;
using internal::Json;
using internal::kGeniusWebProfileKind;
using internal::Node;

// Number value sets with more values than this that are not integer ranges would become very
// long discrete issues; GeniusWeb scenarios have a few dozen.
constexpr std::int64_t kMaxListedNumbers = 1'000'000;
// A number value set's decimals are handled exactly up to this many places.
constexpr int kMaxDecimalPlaces = 15;

// ---------------------------------------------------------------------------------------------
// Decimals: GeniusWeb's numbers are decimals (Java BigDecimal); value names keep them.

// How many decimal places the shortest text of `value` has ("0.25" -> 2, "1e-05" -> 5).
int DecimalPlaces(double value) {
  const std::string text = internal::ShortestNumber(value);
  const std::size_t e = text.find('e');
  const std::string mantissa = text.substr(0, e);
  const std::size_t dot = mantissa.find('.');
  int places = dot == std::string::npos ? 0 : static_cast<int>(mantissa.size() - dot - 1);
  if (e != std::string::npos) places -= std::stoi(text.substr(e + 1));
  return std::max(places, 0);
}

// units / 10^places as decimal text, without trailing zeros ("-1.5", "3").
std::string ScaledText(std::int64_t units, int places) {
  const bool negative = units < 0;
  const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(units) : static_cast<std::uint64_t>(units);
  std::string digits = std::to_string(magnitude);
  if (places > 0) {
    if (digits.size() <= static_cast<std::size_t>(places)) digits.insert(0, places + 1 - digits.size(), '0');
    digits.insert(digits.size() - places, ".");
    while (digits.back() == '0') digits.pop_back();
    if (digits.back() == '.') digits.pop_back();
  }
  return (negative && magnitude != 0 ? "-" : "") + digits;
}

// One issue of a GeniusWeb domain and what Parley made of it.
struct ValueSet {
  enum class Kind { kDiscrete, kNumbers } kind = Kind::kDiscrete;
  std::vector<std::string> names;  // discrete values, or number values as text
  // Number sets: the range and each value as a number (in position order).
  double low = 0.0, high = 0.0, step = 0.0;
  std::vector<double> numbers;
  bool integer_range = false;  // read as an integer issue (integers, step 1)
};

struct Domain {
  std::string name;
  std::vector<std::string> issue_names;
  std::vector<ValueSet> sets;
};

ValueSet ReadRange(const Node& node) {
  node.RequireObject("a range {\"low\": ..., \"high\": ..., \"step\": ...}");
  node.CheckKeys({"low", "high", "step"});
  ValueSet set;
  set.kind = ValueSet::Kind::kNumbers;
  set.low = node.Required("low", "the smallest value (a number)").Number();
  set.high = node.Required("high", "the largest value (a number)").Number();
  set.step = node.Required("step", "the step between values (a positive number)").Number();
  if (!(set.step > 0.0)) node.Child("step").Expected("a positive step");
  if (set.high < set.low) node.Fail(fmt::format("high ({}) is below low ({})", set.high, set.low));
  const int places = std::max({DecimalPlaces(set.low), DecimalPlaces(set.high), DecimalPlaces(set.step)});
  if (places > kMaxDecimalPlaces) {
    node.Fail(
        fmt::format("the range needs {} decimal places; Parley reads ranges of up to {}", places, kMaxDecimalPlaces));
  }
  const double scale = std::pow(10.0, places);
  if (std::abs(set.low) * scale > 9.0e15 || std::abs(set.high) * scale > 9.0e15) {
    node.Fail("the range's numbers are too large to list exactly");
  }
  const std::int64_t low = std::llround(set.low * scale), high = std::llround(set.high * scale);
  const std::int64_t step = std::max<std::int64_t>(std::llround(set.step * scale), 1);
  const std::int64_t count = (high - low) / step + 1;
  set.integer_range = places == 0 && step == 1;
  if (!set.integer_range && count > kMaxListedNumbers) {
    node.Fail(
        fmt::format("the range holds {} values; Parley lists at most {} values of a range that is not the "
                    "integers from low to high",
                    count, kMaxListedNumbers));
  }
  if (set.integer_range) return set;
  for (std::int64_t k = 0; k < count; ++k) {
    set.names.push_back(ScaledText(low + k * step, places));
    set.numbers.push_back(static_cast<double>(low + k * step) / scale);
  }
  return set;
}

Domain ReadDomain(const Node& node) {
  node.RequireObject("a GeniusWeb domain {\"name\": ..., \"issuesValues\": {...}}");
  node.CheckKeys({"name", "issuesValues"});
  Domain domain;
  if (auto name = node.Find("name")) domain.name = name->String("the domain's name (a string)");
  const Node issues = node.Required("issuesValues", "an object mapping each issue to its values");
  issues.RequireObject("an object mapping each issue to its values");
  for (const auto& [issue, value] : issues.json().items()) {
    if (internal::IsCommentKey(issue)) continue;
    const Node set_node = issues.Member(issue, value);
    set_node.RequireObject("{\"values\": [...]} or {\"range\": {\"low\": ..., \"high\": ..., \"step\": ...}}");
    set_node.CheckKeys({"values", "range"});
    const bool listed = set_node.json().contains("values"), ranged = set_node.json().contains("range");
    if (listed == ranged) {
      set_node.Fail("expected exactly one of \"values\" (a list of value names) or \"range\" (numbers)");
    }
    ValueSet set;
    if (listed) {
      const Node values = set_node.Child("values");
      const std::size_t n = values.ArraySize("a non-empty array of value names");
      if (n == 0) values.Fail("expected a non-empty array of value names, found an empty array");
      std::set<std::string> seen;
      for (std::size_t k = 0; k < n; ++k) {
        const Node element = values.Element(k);
        set.names.push_back(element.String("a value name (a string)"));
        if (!seen.insert(set.names.back()).second)
          element.Fail(fmt::format("the value '{}' is listed twice", set.names.back()));
      }
    } else {
      set = ReadRange(set_node.Child("range"));
    }
    domain.issue_names.push_back(issue);
    domain.sets.push_back(std::move(set));
  }
  if (domain.issue_names.empty()) issues.Fail("expected at least one issue, found none");
  return domain;
}

std::shared_ptr<const OutcomeSpace> SpaceOf(const Domain& domain, const std::string& fallback_name, const Node& where) {
  std::vector<Issue> issues;
  for (std::size_t i = 0; i < domain.sets.size(); ++i) {
    const ValueSet& set = domain.sets[i];
    if (set.integer_range) {
      issues.push_back(Checked(where, [&] {
        return Issue::Integer(domain.issue_names[i], static_cast<std::int64_t>(set.low),
                              static_cast<std::int64_t>(set.high));
      }));
    } else {
      issues.push_back(Issue::Discrete(domain.issue_names[i], set.names));
    }
  }
  const std::string name = domain.name.empty() ? fallback_name : domain.name;
  return Checked(where, [&] { return std::make_shared<const OutcomeSpace>(name, std::move(issues)); });
}

// The embedded domain of a profile must be the scenario's: same issues, same values.
void CheckSameDomain(const Node& node, const Domain& embedded, const Domain& domain) {
  const std::set<std::string> a(embedded.issue_names.begin(), embedded.issue_names.end());
  const std::set<std::string> b(domain.issue_names.begin(), domain.issue_names.end());
  if (a != b) node.Fail("the profile's domain has other issues than the scenario's domain");
  for (std::size_t i = 0; i < embedded.issue_names.size(); ++i) {
    const auto at = std::find(domain.issue_names.begin(), domain.issue_names.end(), embedded.issue_names[i]);
    const ValueSet& mine = embedded.sets[i];
    const ValueSet& theirs = domain.sets[static_cast<std::size_t>(at - domain.issue_names.begin())];
    const bool same = mine.kind == theirs.kind &&
                      (mine.kind == ValueSet::Kind::kNumbers
                           ? mine.low == theirs.low && mine.high == theirs.high && mine.step == theirs.step
                           : std::set<std::string>(mine.names.begin(), mine.names.end()) ==
                                 std::set<std::string>(theirs.names.begin(), theirs.names.end()));
    if (!same) {
      node.Fail(fmt::format("the profile's domain gives issue '{}' other values than the scenario's domain",
                            embedded.issue_names[i]));
    }
  }
}

double Utility01(const Node& node) {
  const double u = node.Number("a utility in [0, 1]");
  if (u < 0.0 || u > 1.0) node.Expected("a utility in [0, 1] (GeniusWeb's range)");
  return u;
}

ValueFunction ReadDiscreteUtilities(const Node& node, const ValueSet& set, const std::string& issue) {
  node.RequireObject("{\"valueUtilities\": {value: utility, ...}}");
  node.CheckKeys({"valueUtilities"});
  const Node table = node.Required("valueUtilities", "an object mapping each value to its utility");
  table.RequireObject("an object mapping each value to its utility");
  std::vector<std::optional<double>> by_position(set.names.size());
  // Looked up by name in O(1): a linear search per value is quadratic on issues of many values.
  std::unordered_map<std::string_view, std::size_t> positions;
  for (std::size_t p = 0; p < set.names.size(); ++p) positions.emplace(set.names[p], p);
  for (const auto& [value, number] : table.json().items()) {
    const auto at = positions.find(value);
    if (at == positions.end()) {
      table.Member(value, number)
          .Fail(fmt::format("'{}' is not a value of issue '{}' (its values: {})", value, issue,
                            fmt::join(set.names, ", ")));
    }
    by_position[at->second] = Utility01(table.Member(value, number));
  }
  std::vector<double> values;
  for (std::size_t p = 0; p < by_position.size(); ++p) {
    if (!by_position[p]) {
      table.Fail(
          fmt::format("no utility for the value '{}' of issue '{}' (every value needs one)", set.names[p], issue));
    }
    values.push_back(*by_position[p]);
  }
  return ValueFunction::Table(std::move(values));
}

ValueFunction ReadNumberUtilities(const Node& node, const ValueSet& set, const std::string& issue) {
  node.RequireObject("{\"lowValue\": ..., \"lowUtility\": ..., \"highValue\": ..., \"highUtility\": ...}");
  node.CheckKeys({"lowValue", "lowUtility", "highValue", "highUtility"});
  const double low_value = node.Required("lowValue", "the range's low value").Number();
  const double high_value = node.Required("highValue", "the range's high value").Number();
  const double low_utility = Utility01(node.Required("lowUtility", "the utility of the low value, in [0, 1]"));
  const double high_utility = Utility01(node.Required("highUtility", "the utility of the high value, in [0, 1]"));
  if (!(high_value > low_value))
    node.Fail(fmt::format("highValue ({}) must be above lowValue ({})", high_value, low_value));
  if (low_value != set.low || high_value != set.high) {
    node.Fail(fmt::format("the utilities are given from {} to {} but issue '{}' ranges from {} to {}", low_value,
                          high_value, issue, set.low, set.high));
  }
  const double slope = (high_utility - low_utility) / (high_value - low_value);
  if (set.integer_range) return ValueFunction::Linear(slope, low_utility, low_value, false);
  std::vector<double> values;
  for (double x : set.numbers)
    values.push_back(low_utility + (high_utility - low_utility) * (x - low_value) / (high_value - low_value));
  return ValueFunction::Table(std::move(values));
}

ValueFunction ReadValueSetUtilities(const Node& node, const ValueSet& set, const std::string& issue) {
  node.RequireObject("{\"DiscreteValueSetUtilities\": {...}} or {\"NumberValueSetUtilities\": {...}}");
  if (node.json().size() != 1) {
    node.Fail("expected exactly one key: \"DiscreteValueSetUtilities\" or \"NumberValueSetUtilities\"");
  }
  const std::string kind = node.json().begin().key();
  const Node inner = node.Child(kind);
  if (kind == "DiscreteValueSetUtilities" || kind == "discreteutils") {
    if (set.kind != ValueSet::Kind::kDiscrete) {
      node.Fail(fmt::format("issue '{}' has a number range; its utilities must be NumberValueSetUtilities", issue));
    }
    return ReadDiscreteUtilities(inner, set, issue);
  }
  if (kind == "NumberValueSetUtilities" || kind == "numberutils") {
    if (set.kind != ValueSet::Kind::kNumbers) {
      node.Fail(fmt::format("issue '{}' has a list of values; its utilities must be DiscreteValueSetUtilities", issue));
    }
    return ReadNumberUtilities(inner, set, issue);
  }
  node.Child(kind).Fail(
      fmt::format("unknown value set utilities \"{}\" (expected DiscreteValueSetUtilities or "
                  "NumberValueSetUtilities)",
                  kind));
}

// Σ w_i v_i over the issues the bid gives a value for, as GeniusWeb computes a (partial) bid's utility.
double BidUtility(const Node& node, const Domain& domain, const OutcomeSpace& space,
                  const LinearAdditiveUtility& utility) {
  node.RequireObject("a bid {\"issuevalues\": {issue: value, ...}}");
  node.CheckKeys({"issuevalues"});
  const Node values = node.Required("issuevalues", "an object mapping issues to values");
  values.RequireObject("an object mapping issues to values");
  double total = 0.0;
  for (const auto& [issue_name, value] : values.json().items()) {
    const Node entry = values.Member(issue_name, value);
    const auto i = space.FindIssue(issue_name);
    if (!i) entry.Fail(fmt::format("there is no issue named '{}'", issue_name));
    const Issue& issue = space.issue(*i);
    const ValueSet& set = domain.sets[*i];
    double encoded = 0.0;
    if (set.kind == ValueSet::Kind::kDiscrete) {
      const auto position = issue.FindValue(entry.String(fmt::format("a value of issue '{}' (a string)", issue_name)));
      if (!position) entry.Expected(fmt::format("a value of issue '{}'", issue_name));
      encoded = static_cast<double>(*position);
    } else {
      const double number = entry.Number(fmt::format("a value of issue '{}' (a number)", issue_name));
      if (set.integer_range) {
        if (!issue.Contains(number)) entry.Expected(fmt::format("an integer from {} to {}", set.low, set.high));
        encoded = number;
      } else {
        const auto at = std::find_if(set.numbers.begin(), set.numbers.end(), [&](double x) {
          return std::abs(x - number) <= 1e-9 * std::max(1.0, std::abs(x));
        });
        if (at == set.numbers.end()) entry.Expected(fmt::format("one of the values of issue '{}'", issue_name));
        encoded = static_cast<double>(at - set.numbers.begin());
      }
    }
    total += utility.weights()[*i] * utility.value_functions()[*i].Evaluate(issue, encoded);
  }
  return std::min(total, 1.0);
}

struct ProfileFile {
  fs::path path;
  std::string origin;
  Json json;
};

Profile ReadProfile(const ProfileFile& file, const Domain& domain, const std::shared_ptr<const OutcomeSpace>& space) {
  const Node root(file.json, "", file.origin);
  const std::string kind = file.json.begin().key();
  if (kind != kGeniusWebProfileKind) {
    root.Child(kind).Fail(
        fmt::format("{} profiles are not supported; Parley reads {} profiles", kind, kGeniusWebProfileKind));
  }
  const Node node = root.Child(kind);
  node.RequireObject("a LinearAdditiveUtilitySpace {\"issueUtilities\": ..., \"issueWeights\": ..., ...}");
  node.CheckKeys(
      {"issueUtilities", "issueWeights", "domain", "name", "reservationBid", "reserved_value", "discount_factor"});
  if (auto embedded = node.Find("domain")) CheckSameDomain(*embedded, ReadDomain(*embedded), domain);
  if (auto name = node.Find("name")) name->String("the profile's name (a string)");

  const Node utilities = node.Required("issueUtilities", "an object mapping each issue to its value utilities");
  const Node weights = node.Required("issueWeights", "an object mapping each issue to its weight");
  utilities.RequireObject("an object mapping each issue to its value utilities");
  weights.RequireObject("an object mapping each issue to its weight");
  for (const Node* map : {&utilities, &weights}) {
    for (const auto& [key, value] : map->json().items()) {
      if (!space->FindIssue(key)) {
        map->Child(key).Fail(fmt::format("there is no issue named '{}' in the domain", key));
      }
    }
  }
  std::vector<double> issue_weights;
  std::vector<ValueFunction> functions;
  for (std::size_t i = 0; i < space->issue_count(); ++i) {
    const std::string& issue = space->issue(i).name();
    if (!utilities.json().contains(issue)) utilities.Fail(fmt::format("no utilities for issue '{}'", issue));
    if (!weights.json().contains(issue)) weights.Fail(fmt::format("no weight for issue '{}'", issue));
    const Node weight = weights.Child(issue);
    issue_weights.push_back(weight.Number("a weight (a number >= 0)"));
    if (issue_weights.back() < 0.0) weight.Expected("a weight >= 0");
    functions.push_back(ReadValueSetUtilities(utilities.Child(issue), domain.sets[i], issue));
  }
  auto utility = Checked(weights, [&] {
    return std::make_shared<const LinearAdditiveUtility>(space, std::move(issue_weights), std::move(functions));
  });

  double reservation = 0.0;
  const auto bid = node.Find("reservationBid");
  if (bid && !bid->json().is_null()) reservation = BidUtility(*bid, domain, *space, *utility);
  if (auto value = node.Find("reserved_value")) {
    if (bid && !bid->json().is_null()) value->Fail("give either \"reservationBid\" or \"reserved_value\", not both");
    reservation = value->Number("a reservation value (a number)");
  }
  double discount = 1.0;
  if (auto factor = node.Find("discount_factor")) {
    discount = factor->Number("a discount factor in (0, 1]");
    if (!(discount > 0.0 && discount <= 1.0)) factor->Expected("a discount factor in (0, 1]");
  }
  return Checked(node, [&] { return Profile(file.path.stem().string(), utility, reservation, discount); });
}

// What each .json file of the folder is, decided by its content.
struct ScannedFolder {
  fs::path folder;
  std::optional<ProfileFile> domain;  // a file holding just a domain
  std::vector<ProfileFile> profiles;
  std::vector<std::string> ignored;  // "file: reason"
};

ScannedFolder Scan(const fs::path& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    throw InputError(
        fmt::format("{}: not a folder; expected a GeniusWeb scenario folder (a domain file and one "
                    "profile file per party)",
                    folder.string()));
  }
  ScannedFolder scanned;
  scanned.folder = folder;
  for (const fs::path& path : internal::FilesIn(folder, {".json"})) {
    ProfileFile file{path, path.string(), {}};
    file.json = internal::ParseDocument(internal::ReadTextFile(path), file.origin);
    const Json& json = file.json;
    if (json.is_object() && json.contains("issuesValues")) {
      if (scanned.domain) {
        throw InputError(fmt::format("{}: two domain files, {} and {}; expected one", folder.string(),
                                     scanned.domain->path.filename().string(), path.filename().string()));
      }
      scanned.domain = std::move(file);
    } else if (json.is_object() && json.size() == 1 &&
               (json.begin().key().ends_with("UtilitySpace") || json.begin().key().ends_with("Ordering"))) {
      scanned.profiles.push_back(std::move(file));
    } else {
      scanned.ignored.push_back(fmt::format("{}: neither a domain (\"issuesValues\") nor a profile (\"{}\")",
                                            path.filename().string(), kGeniusWebProfileKind));
    }
  }
  if (scanned.profiles.size() < 2) {
    throw InputError(fmt::format("{}: {} GeniusWeb profile file(s); a scenario needs at least two (one per party)",
                                 folder.string(), scanned.profiles.size()));
  }
  return scanned;
}

}  // namespace

namespace internal {

Scenario ReadGeniusWebFolder(const std::filesystem::path& folder) {
  const ScannedFolder scanned = Scan(folder);
  // Without a domain file, the first profile's embedded domain is the scenario's.
  const ProfileFile& source = scanned.domain ? *scanned.domain : scanned.profiles.front();
  const Node source_root(source.json, "", source.origin);
  const Node domain_node = [&] {
    if (scanned.domain) return source_root;
    const Node profile = source_root.Child(source.json.begin().key());
    profile.RequireObject("a profile object");
    return profile.Required("domain", "the profile's domain (the folder has no domain file)");
  }();
  const Domain domain = ReadDomain(domain_node);
  const auto space = SpaceOf(domain, source.path.stem().string(), domain_node);
  std::vector<Profile> profiles;
  std::string names;
  for (const ProfileFile& file : scanned.profiles) {
    profiles.push_back(ReadProfile(file, domain, space));
    names += " " + file.path.filename().string();
  }
  try {
    Scenario scenario(internal::FolderName(folder), space, std::move(profiles));
    std::string description = fmt::format(
        "GeniusWeb scenario folder {}: domain {}; profiles (one per party, in this order):{}", folder.string(),
        scanned.domain ? scanned.domain->path.filename().string() : "embedded in " + source.path.filename().string(),
        names);
    for (const std::string& ignored : scanned.ignored) description += "; ignored " + ignored;
    scenario.set_description(description + ".");
    return scenario;
  } catch (const UsageError& error) {
    throw InputError(fmt::format("{}: {}", folder.string(), error.what()));
  }
}

}  // namespace internal
}  // namespace parley
