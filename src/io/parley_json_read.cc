// Reading Parley's own scenario format ("parley-json", docs/formats/parley-json.md) strictly: a
// forgotten value or a misspelt key is reported with the file and the JSON location, and the
// utilities read are exactly those written (parley_json_write.cc).
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "common/format_count.h"
#include "io/json_node.h"
#include "io/parley_json_internal.h"
#include "io/uncertain_number_read.h"
#include "parley/error.h"
#include "parley/hyper_rectangle.h"
#include "parley/limits.h"

namespace parley {
namespace {

using internal::Checked;
using internal::ChildPath;
using internal::FormatCount;
using internal::IsCommentKey;
using internal::Json;
using internal::Node;
using internal::NumberSite;
using internal::ParseDocument;
using internal::PlainNumber;
using internal::UncertainReader;
using Kind = NumberPlace::Kind;

// The numbers of one party that may be uncertain, read through the document's UncertainReader.
struct PartyNumbers {
  UncertainReader& reader;
  std::size_t party;
  std::string_view name;

  UncertainReader::Read Read(const Node& node, Kind kind, std::size_t issue = 0, std::size_t position = 0,
                             std::string_view key = {}, std::string_view value = {}) const {
    return reader.ReadNumber(node, NumberSite{kind, party, issue, position, name, key, value});
  }
};

Issue ReadIssue(const Node& node) {
  node.RequireObject("an issue: {\"name\": ..., and one of \"values\", \"integer\" or \"real\"}");
  node.CheckKeys({"name", "values", "integer", "real"});
  std::string name = node.Required("name", "the issue's name").String();
  const int kinds = node.json().contains("values") + node.json().contains("integer") + node.json().contains("real");
  if (kinds != 1) {
    node.Fail(
        fmt::format("issue '{}' needs exactly one of \"values\" (a list of names), \"integer\" ([lower, upper]) "
                    "or \"real\" ([lower, upper])",
                    name));
  }
  if (auto values = node.Find("values")) {
    const std::size_t n = values->ArraySize("a non-empty array of value names");
    if (n == 0) values->Fail("expected a non-empty array of value names, found an empty array");
    std::vector<std::string> names;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < n; ++i) {
      const Node value = values->Element(i);
      names.push_back(value.String("a value name (a string)"));
      if (!seen.insert(names.back()).second) value.Fail(fmt::format("the value '{}' is listed twice", names.back()));
    }
    return Issue::Discrete(std::move(name), std::move(names));
  }
  const bool integer = node.json().contains("integer");
  const Node range = node.Child(integer ? "integer" : "real");
  const std::string_view what = integer ? "[lower, upper] with integer bounds" : "[lower, upper] with number bounds";
  if (range.ArraySize(what) != 2) range.Expected(what);
  if (integer) {
    internal::RefuseUncertain(range.Element(0));
    internal::RefuseUncertain(range.Element(1));
    const std::int64_t lower = range.Element(0).Integer(), upper = range.Element(1).Integer();
    if (lower > upper) range.Fail(fmt::format("the lower bound {} is above the upper bound {}", lower, upper));
    return Checked(range, [&] { return Issue::Integer(std::move(name), lower, upper); });
  }
  const double lower = PlainNumber(range.Element(0)), upper = PlainNumber(range.Element(1));
  if (lower > upper) range.Fail(fmt::format("the lower bound {} is above the upper bound {}", lower, upper));
  return Issue::Real(std::move(name), lower, upper);
}

// Looks an issue up by the name used as a key in `parent`, failing at the key when unknown.
std::size_t IssueByKey(const Node& parent, const std::string& key, const OutcomeSpace& space) {
  if (auto index = space.FindIssue(key)) return *index;
  std::string list;
  for (const Issue& issue : space.issues()) list += (list.empty() ? "" : ", ") + issue.name();
  parent.Child(key).Fail(fmt::format("there is no issue named '{}' (the issues: {})", key, list));
}

// A value -> number table of a countable issue; strict: every value exactly once.
ValueFunction ReadTable(const Node& node, const Issue& issue, std::size_t issue_index, const PartyNumbers& numbers) {
  node.RequireObject(issue.kind() == IssueKind::kDiscrete ? "an object mapping each value name to a number"
                                                          : "an object mapping each integer (as a string) to a number");
  std::map<std::uint64_t, double> by_position;
  for (const auto& [key, value] : node.json().items()) {
    if (IsCommentKey(key)) continue;
    const Node entry = node.Member(key, value);
    const std::optional<double> parsed = issue.Parse(key);
    if (!parsed) {
      if (issue.kind() == IssueKind::kDiscrete) {
        std::string list;
        for (const auto& name : issue.values()) list += (list.empty() ? "" : ", ") + name;
        entry.Fail(fmt::format("'{}' is not a value of issue '{}' (its values: {})", key, issue.name(), list));
      }
      entry.Fail(fmt::format("'{}' is not an integer in [{}, {}], the range of issue '{}'", key,
                             issue.Format(issue.lower()), issue.Format(issue.upper()), issue.name()));
    }
    const std::uint64_t position = issue.PositionOf(*parsed);
    const double number = numbers.Read(entry, Kind::kValueUtility, issue_index, position, issue.name(), key).value;
    if (!by_position.emplace(position, number).second) {
      entry.Fail(fmt::format("the value {} of issue '{}' is given twice", issue.Format(*parsed), issue.name()));
    }
  }
  // Positions come out of the map in order, so the first gap is the first missing value.
  std::uint64_t expected = 0;
  for (const auto& [position, number] : by_position) {
    if (position != expected) break;
    ++expected;
  }
  if (expected < issue.cardinality()) {
    node.Fail(fmt::format(
        "no number for the value {} of issue '{}' (every value needs one{})",
        issue.kind() == IssueKind::kDiscrete ? fmt::format("'{}'", issue.Format(issue.ValueAt(expected)))
                                             : issue.Format(issue.ValueAt(expected)),
        issue.name(), issue.kind() == IssueKind::kInteger ? "; a \"linear\" shape describes a range compactly" : ""));
  }
  std::vector<double> table;
  table.reserve(by_position.size());
  for (const auto& [position, number] : by_position) table.push_back(number);
  return ValueFunction::Table(std::move(table));
}

ValueFunction ReadValueFunction(const Node& node, const Issue& issue, std::size_t issue_index,
                                const PartyNumbers& numbers) {
  node.RequireObject(issue.countable() ? "an object: value -> number, or {\"shape\": ...}"
                                       : "an object {\"shape\": \"linear\" or \"triangular\", ...}");
  const bool has_shape = node.json().contains("shape") && node.json().at("shape").is_string();
  if (!has_shape) {
    if (!issue.countable()) node.Required("shape", "\"linear\" or \"triangular\" (a real issue has no value table)");
    return ReadTable(node, issue, issue_index, numbers);
  }
  const std::string& shape = node.Child("shape").String();
  if (shape == "table") {
    node.CheckKeys({"shape", "values"});
    if (!issue.countable()) node.Child("shape").Fail("a real issue cannot have a value table");
    return ReadTable(node.Required("values", "an object mapping each value to a number"), issue, issue_index, numbers);
  }
  if (shape == "linear") {
    node.CheckKeys({"shape", "slope", "offset", "origin", "clamped"});
    const double slope = PlainNumber(node.Required("slope", "the slope (a number)"));
    const double offset = PlainNumber(node.Required("offset", "the offset (a number): the value at the lower bound"));
    const auto origin = node.Find("origin");
    const auto clamped = node.Find("clamped");
    return ValueFunction::Linear(slope, offset, origin ? PlainNumber(*origin) : issue.lower(),
                                 clamped ? clamped->Bool() : true);
  }
  if (shape == "triangular") {
    node.CheckKeys({"shape", "lower", "upper", "top"});
    const double lower = PlainNumber(node.Required("lower", "the point where the value starts rising (a number)"));
    const double upper = PlainNumber(node.Required("upper", "the point where the value is back to 0 (a number)"));
    const double top = PlainNumber(node.Required("top", "the point where the value is 1 (a number)"));
    // Any order: a GENIUS file may give its three points out of order, and GENIUS evaluates such
    // a "triangle" by the same rule (docs/formats/parley-json.md), so a converted file keeps it.
    return ValueFunction::Triangular(lower, upper, top);
  }
  node.Child("shape").Fail(
      fmt::format("unknown shape \"{}\" (expected \"table\", \"linear\" or \"triangular\")", shape));
}

std::shared_ptr<const UtilityFunction> ReadLinearAdditive(const Node& node,
                                                          const std::shared_ptr<const OutcomeSpace>& space,
                                                          const PartyNumbers& numbers) {
  node.CheckKeys({"type", "weights", "values", "normalise_weights"});
  const std::size_t n = space->issue_count();
  const auto normalise = node.Find("normalise_weights");
  const WeightRule rule = !normalise || normalise->Bool() ? WeightRule::kNormalise : WeightRule::kAsGiven;

  const Node weights_node = node.Required("weights", "an object giving each issue's weight, by issue name");
  weights_node.RequireObject("an object giving each issue's weight, by issue name");
  std::vector<std::optional<double>> weights(n);
  for (const auto& [key, value] : weights_node.json().items()) {
    if (IsCommentKey(key)) continue;
    const std::size_t issue = IssueByKey(weights_node, key, *space);
    weights[issue] = numbers.Read(weights_node.Member(key, value), Kind::kIssueWeight, issue, 0, key).value;
  }

  const Node values_node = node.Required("values", "an object giving each issue's values, by issue name");
  values_node.RequireObject("an object giving each issue's values, by issue name");
  std::vector<std::optional<ValueFunction>> functions(n);
  for (const auto& [key, value] : values_node.json().items()) {
    if (IsCommentKey(key)) continue;
    const std::size_t issue = IssueByKey(values_node, key, *space);
    functions[issue] = ReadValueFunction(values_node.Member(key, value), space->issue(issue), issue, numbers);
  }

  std::vector<double> weight_list;
  std::vector<ValueFunction> function_list;
  double total = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& name = space->issue(i).name();
    if (!weights[i]) {
      weights_node.Required(name, fmt::format("the weight of issue '{}'", name));
    }
    if (!functions[i]) values_node.Required(name, fmt::format("the values of issue '{}'", name));
    weight_list.push_back(*weights[i]);
    function_list.push_back(*functions[i]);
    total += *weights[i];
  }
  if (!(total > 0.0)) weights_node.Fail("every weight is 0; at least one issue must matter");
  numbers.reader.RecordRawWeights(numbers.party, weight_list);
  return Checked(node, [&] {
    return std::make_shared<const LinearAdditiveUtility>(space, std::move(weight_list), std::move(function_list), rule);
  });
}

HyperRectangle ReadRectangle(const Node& node, const OutcomeSpace& space) {
  node.RequireObject("a rectangle: {\"utility\": ..., \"bounds\": {issue: [min, max], ...}}");
  node.CheckKeys({"utility", "weight", "kind", "bounds"});
  HyperRectangle rectangle;
  rectangle.utility = PlainNumber(node.Required("utility", "the rectangle's utility (a number)"));
  if (auto weight = node.Find("weight")) rectangle.weight = PlainNumber(*weight);
  if (auto kind = node.Find("kind")) {
    const std::string& name = kind->String("\"inclusive\" or \"exclusive\"");
    if (name == "inclusive") {
      rectangle.kind = HyperRectangle::Kind::kInclusive;
    } else if (name == "exclusive") {
      rectangle.kind = HyperRectangle::Kind::kExclusive;
    } else {
      kind->Expected("\"inclusive\" or \"exclusive\"");
    }
  }
  if (auto bounds = node.Find("bounds")) {
    bounds->RequireObject("an object mapping issue names to [min, max]");
    for (const auto& [key, value] : bounds->json().items()) {
      if (IsCommentKey(key)) continue;
      const std::size_t index = IssueByKey(*bounds, key, space);
      const Issue& issue = space.issue(index);
      const Node range = bounds->Member(key, value);
      const bool discrete = issue.kind() == IssueKind::kDiscrete;
      const std::string_view what =
          discrete ? "[first, last] with value names of the issue" : "[min, max] with numbers";
      if (range.ArraySize(what) != 2) range.Expected(what);
      HyperRectangle::Bound bound;
      bound.issue = index;
      double* ends[2] = {&bound.min, &bound.max};
      for (std::size_t e = 0; e < 2; ++e) {
        const Node end = range.Element(e);
        if (discrete) {
          const auto position = issue.FindValue(end.String("a value name of the issue"));
          if (!position) end.Fail(fmt::format("'{}' is not a value of issue '{}'", end.String(), issue.name()));
          *ends[e] = static_cast<double>(*position);
        } else {
          *ends[e] = PlainNumber(end);
        }
      }
      if (bound.min > bound.max) range.Fail("the first bound is above the second");
      rectangle.bounds.push_back(bound);
    }
  }
  return rectangle;
}

// `depth` counts the functions from the root (1) to this one: evaluating the utility recurses
// through them, so their nesting is limited.
HyperRectangleFunction ReadFunction(const Node& node, const OutcomeSpace& space, std::uint64_t depth = 1) {
  if (const std::uint64_t max_depth = DefaultResourceLimits().max_depth; depth > max_depth) {
    node.Fail(fmt::format("a function nested {} deep, beyond {}", depth,
                          DescribeLimit(max_depth, "nested functions", "--max-depth")));
  }
  node.RequireObject("a function: {\"aggregation\": ..., \"rectangles\": [...], \"functions\": [...]}");
  node.CheckKeys({"aggregation", "weight", "rectangles", "functions"});
  HyperRectangleFunction function;
  if (auto aggregation = node.Find("aggregation")) {
    const std::string& name = aggregation->String("\"sum\", \"min\" or \"max\"");
    if (name == "sum") {
      function.aggregation = HyperRectangleFunction::Aggregation::kSum;
    } else if (name == "min") {
      function.aggregation = HyperRectangleFunction::Aggregation::kMin;
    } else if (name == "max") {
      function.aggregation = HyperRectangleFunction::Aggregation::kMax;
    } else {
      aggregation->Expected("\"sum\", \"min\" or \"max\"");
    }
  }
  if (auto weight = node.Find("weight")) function.weight = PlainNumber(*weight);
  if (auto rectangles = node.Find("rectangles")) {
    const std::size_t n = rectangles->ArraySize("an array of rectangles");
    for (std::size_t i = 0; i < n; ++i) function.rectangles.push_back(ReadRectangle(rectangles->Element(i), space));
  }
  if (auto functions = node.Find("functions")) {
    const std::size_t n = functions->ArraySize("an array of functions");
    for (std::size_t i = 0; i < n; ++i)
      function.children.push_back(ReadFunction(functions->Element(i), space, depth + 1));
  }
  return function;
}

std::shared_ptr<const UtilityFunction> ReadHyperRectangle(const Node& node,
                                                          const std::shared_ptr<const OutcomeSpace>& space) {
  node.CheckKeys({"type", "max_utility", "function"});
  const Node max_node = node.Required("max_utility", "the utility that maps to 1 (a number > 0)");
  const double max_utility = PlainNumber(max_node, "a number > 0");
  if (!(max_utility > 0.0)) max_node.Expected("a number > 0");
  HyperRectangleFunction root = ReadFunction(node.Required("function", "the root function"), *space);
  return Checked(node,
                 [&] { return std::make_shared<const HyperRectangleUtility>(space, std::move(root), max_utility); });
}

// {"unit": "time" | "rounds", "interpolation": "step" | "linear", "points": [[at, value], ...]}
ReservationSchedule ReadSchedule(const Node& node, const PartyNumbers& numbers) {
  node.RequireObject("a reservation schedule: {\"points\": [[time, value], ...], ...}");
  node.CheckKeys({"unit", "interpolation", "points"});
  auto unit = ReservationSchedule::Unit::kTime;
  if (auto unit_node = node.Find("unit")) {
    const std::string& text = unit_node->String("\"time\" or \"rounds\"");
    if (text == "rounds") {
      unit = ReservationSchedule::Unit::kRounds;
    } else if (text != "time") {
      unit_node->Expected("\"time\" or \"rounds\"");
    }
  }
  auto interpolation = ReservationSchedule::Interpolation::kStep;
  if (auto shape = node.Find("interpolation")) {
    const std::string& text = shape->String("\"step\" or \"linear\"");
    if (text == "linear") {
      interpolation = ReservationSchedule::Interpolation::kLinear;
    } else if (text != "step") {
      shape->Expected("\"step\" or \"linear\"");
    }
  }
  const Node points_node = node.Required("points", "an array of [time, value] pairs");
  const std::size_t count = points_node.ArraySize("an array of [time, value] pairs");
  if (count == 0) points_node.Fail("expected at least one [time, value] pair");
  std::vector<ReservationSchedule::Point> points;
  UncertainReader::Read previous_time;
  for (std::size_t k = 0; k < count; ++k) {
    const Node pair = points_node.Element(k);
    if (pair.ArraySize("a [time, value] pair") != 2) pair.Expected("a [time, value] pair");
    UncertainReader::Read time;
    if (unit == ReservationSchedule::Unit::kRounds) {
      time.value = PlainNumber(pair.Element(0), "a time");
      time.low = time.high = time.value;
    } else {
      time = numbers.Read(pair.Element(0), Kind::kScheduleTime, 0, k);
    }
    // Ranged times must keep the points in order in every world.
    if (k > 0 && (time.uncertain || previous_time.uncertain) && !(previous_time.high < time.low)) {
      points_node.Fail(
          fmt::format("the times of points {} and {} may overlap ([{}, {}] and [{}, {}]); their ranges "
                      "must be ordered",
                      k - 1, k, previous_time.low, previous_time.high, time.low, time.high));
    }
    previous_time = time;
    points.push_back({time.value, numbers.Read(pair.Element(1), Kind::kScheduleValue, 0, k).value});
  }
  return Checked(node, [&] { return ReservationSchedule(std::move(points), interpolation, unit); });
}

Profile ReadParty(const Node& node, const std::shared_ptr<const OutcomeSpace>& space, UncertainReader& reader,
                  std::size_t index) {
  node.RequireObject("a party: {\"name\": ..., \"utility\": {...}}");
  node.CheckKeys({"name", "reservation_value", "reservation_schedule", "discount_factor", "utility"});
  std::string name = node.Required("name", "the party's name").String();
  const PartyNumbers numbers{reader, index, name};
  double reservation_value = 0.0, discount_factor = 1.0;
  if (auto rv = node.Find("reservation_value")) reservation_value = numbers.Read(*rv, Kind::kReservationValue).value;
  std::optional<ReservationSchedule> schedule;
  if (auto schedule_node = node.Find("reservation_schedule")) {
    if (node.Find("reservation_value")) {
      schedule_node->Fail("give either \"reservation_value\" or \"reservation_schedule\", not both");
    }
    schedule = ReadSchedule(*schedule_node, numbers);
  }
  if (auto df = node.Find("discount_factor")) discount_factor = numbers.Read(*df, Kind::kDiscountFactor).value;
  const Node utility = node.Required("utility", "the party's utility function");
  utility.RequireObject("a utility function: {\"type\": \"linear-additive\" or \"hyper-rectangle\", ...}");
  const Node type = utility.Required("type", "\"linear-additive\" or \"hyper-rectangle\"");
  const std::string& kind = type.String("\"linear-additive\" or \"hyper-rectangle\"");
  std::shared_ptr<const UtilityFunction> function;
  if (kind == "linear-additive") {
    function = ReadLinearAdditive(utility, space, numbers);
  } else if (kind == "hyper-rectangle") {
    function = ReadHyperRectangle(utility, space);
  } else {
    type.Expected("\"linear-additive\" or \"hyper-rectangle\"");
  }
  Profile profile =
      Checked(node, [&] { return Profile(std::move(name), std::move(function), reservation_value, discount_factor); });
  if (schedule) profile = profile.WithSchedule(*schedule);
  return profile;
}

}  // namespace

namespace internal {

Scenario ReadParleyJsonText(const std::string& text, const std::string& origin) {
  const Json document = ParseDocument(text, origin);
  return ReadParleyJsonNode(Node(document, "", origin));
}

Scenario ReadParleyJsonNode(const Node& root, UncertainReader* reader) {
  root.RequireObject("a scenario object {\"format\": \"parley-scenario\", ...}");
  const bool top_level = root.path().empty();
  if (!top_level && root.json().contains("variables")) {
    root.Child("variables").Fail("variables are declared at the top level of the multi-track document");
  }
  root.CheckKeys({"format", "version", "name", "description", "variables", "issues", "parties"});
  UncertainReader own_reader;
  if (reader == nullptr) {
    reader = &own_reader;
    reader->ReadVariables(root);
  }
  const Node format = root.Required("format", "\"parley-scenario\"");
  if (format.String("\"parley-scenario\"") != kParleyJsonFormatTag) format.Expected("\"parley-scenario\"");
  if (auto version = root.Find("version")) {
    const std::int64_t number = version->Integer("the format version 1");
    if (number != kParleyJsonVersion) {
      version->Fail(
          fmt::format("this is version {} of the format; this Parley reads version {}", number, kParleyJsonVersion));
    }
  }
  const std::string& name = root.Required("name", "the scenario's name (a string)").String();

  const Node issues_node = root.Required("issues", "an array of issues");
  const std::size_t issue_count = issues_node.ArraySize("an array of issues");
  if (issue_count == 0) issues_node.Fail("expected at least one issue, found an empty array");
  if (const std::uint64_t max_issues = DefaultResourceLimits().max_issues; issue_count > max_issues) {
    issues_node.Fail(fmt::format("{} issues, more than {}", FormatCount(issue_count),
                                 DescribeLimit(max_issues, "issues", "--max-issues")));
  }
  std::vector<Issue> issues;
  std::set<std::string> issue_names;
  for (std::size_t i = 0; i < issue_count; ++i) {
    const Node node = issues_node.Element(i);
    issues.push_back(ReadIssue(node));
    if (!issue_names.insert(issues.back().name()).second) {
      node.Fail(fmt::format("a second issue named '{}'", issues.back().name()));
    }
  }
  const auto space = std::make_shared<const OutcomeSpace>(name, std::move(issues));

  const Node parties_node = root.Required("parties", "an array of at least two parties");
  const std::size_t party_count = parties_node.ArraySize("an array of at least two parties");
  if (party_count < 2) {
    parties_node.Fail(fmt::format("expected at least two parties, found {}", party_count));
  }
  std::vector<Profile> profiles;
  std::set<std::string> party_names;
  for (std::size_t i = 0; i < party_count; ++i) {
    const Node node = parties_node.Element(i);
    profiles.push_back(ReadParty(node, space, *reader, i));
    if (!party_names.insert(profiles.back().name()).second) {
      node.Fail(fmt::format("a second party named '{}'", profiles.back().name()));
    }
  }
  if (reader == &own_reader) own_reader.Finish(root);
  Scenario scenario = Checked(root, [&] { return Scenario(name, space, std::move(profiles)); });
  if (auto description = root.Find("description")) scenario.set_description(description->String());
  return scenario;
}

Scenario ReadParleyJsonFile(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw InputError(fmt::format("{}: is a folder; a Parley JSON scenario is a single .json file", path.string()));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open: {}", path.string(), std::strerror(errno)));
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) throw InputError(fmt::format("{}: cannot read: {}", path.string(), std::strerror(errno)));
  Scenario scenario = internal::ReadParleyJsonText(text.str(), path.string());
  scenario.set_source(path.string());
  return scenario;
}

}  // namespace internal
}  // namespace parley
