// Parley's own scenario format ("parley-json"): one JSON file that holds the issues and every
// party's profile, meant to be written and read by people as much as by programs.
// docs/formats/parley-json.md describes it; this file reads it strictly (a forgotten value or a
// misspelt key is reported with the file and the JSON location) and writes it so that reading
// back reproduces every utility exactly.
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/format_count.h"
#include "io/atomic_file.h"
#include "io/json_node.h"
#include "io/json_text.h"
#include "parley/error.h"
#include "parley/hyper_rectangle.h"
#include "parley/limits.h"
#include "parley/scenario_format.h"

namespace parley {
namespace internal {
Scenario ReadParleyJsonText(const std::string& text, const std::string& origin);
}  // namespace internal

namespace {

using internal::Checked;
using internal::IsCommentKey;
using internal::ChildPath;
using internal::FormatCount;
using internal::Json;
using internal::Node;
using internal::ParseDocument;

constexpr std::string_view kFormatTag = "parley-scenario";
constexpr std::int64_t kVersion = 1;

// ---------------------------------------------------------------------------------------------
// Reading


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
    const std::int64_t lower = range.Element(0).Integer(), upper = range.Element(1).Integer();
    if (lower > upper) range.Fail(fmt::format("the lower bound {} is above the upper bound {}", lower, upper));
    return Checked(range, [&] { return Issue::Integer(std::move(name), lower, upper); });
  }
  const double lower = range.Element(0).Number(), upper = range.Element(1).Number();
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
ValueFunction ReadTable(const Node& node, const Issue& issue) {
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
    if (!by_position.emplace(position, entry.Number()).second) {
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

ValueFunction ReadValueFunction(const Node& node, const Issue& issue) {
  node.RequireObject(issue.countable() ? "an object: value -> number, or {\"shape\": ...}"
                                       : "an object {\"shape\": \"linear\" or \"triangular\", ...}");
  const bool has_shape = node.json().contains("shape") && node.json().at("shape").is_string();
  if (!has_shape) {
    if (!issue.countable()) node.Required("shape", "\"linear\" or \"triangular\" (a real issue has no value table)");
    return ReadTable(node, issue);
  }
  const std::string& shape = node.Child("shape").String();
  if (shape == "table") {
    node.CheckKeys({"shape", "values"});
    if (!issue.countable()) node.Child("shape").Fail("a real issue cannot have a value table");
    return ReadTable(node.Required("values", "an object mapping each value to a number"), issue);
  }
  if (shape == "linear") {
    node.CheckKeys({"shape", "slope", "offset", "origin", "clamped"});
    const double slope = node.Required("slope", "the slope (a number)").Number();
    const double offset = node.Required("offset", "the offset (a number): the value at the lower bound").Number();
    const auto origin = node.Find("origin");
    const auto clamped = node.Find("clamped");
    return ValueFunction::Linear(slope, offset, origin ? origin->Number() : issue.lower(),
                                 clamped ? clamped->Bool() : true);
  }
  if (shape == "triangular") {
    node.CheckKeys({"shape", "lower", "upper", "top"});
    const double lower = node.Required("lower", "the point where the value starts rising (a number)").Number();
    const double upper = node.Required("upper", "the point where the value is back to 0 (a number)").Number();
    const double top = node.Required("top", "the point where the value is 1 (a number)").Number();
    // Any order: a GENIUS file may give its three points out of order, and GENIUS evaluates such
    // a "triangle" by the same rule (docs/formats/parley-json.md), so a converted file keeps it.
    return ValueFunction::Triangular(lower, upper, top);
  }
  node.Child("shape").Fail(
      fmt::format("unknown shape \"{}\" (expected \"table\", \"linear\" or \"triangular\")", shape));
}

std::shared_ptr<const UtilityFunction> ReadLinearAdditive(const Node& node,
                                                          const std::shared_ptr<const OutcomeSpace>& space) {
  node.CheckKeys({"type", "weights", "values"});
  const std::size_t n = space->issue_count();

  const Node weights_node = node.Required("weights", "an object giving each issue's weight, by issue name");
  weights_node.RequireObject("an object giving each issue's weight, by issue name");
  std::vector<std::optional<double>> weights(n);
  for (const auto& [key, value] : weights_node.json().items()) {
    if (IsCommentKey(key)) continue;
    const std::size_t issue = IssueByKey(weights_node, key, *space);
    const Node weight_node = weights_node.Member(key, value);
    const double weight = weight_node.Number("a weight (a number >= 0)");
    if (weight < 0.0) weight_node.Fail(fmt::format("expected a weight >= 0, found {}", weight));
    weights[issue] = weight;
  }

  const Node values_node = node.Required("values", "an object giving each issue's values, by issue name");
  values_node.RequireObject("an object giving each issue's values, by issue name");
  std::vector<std::optional<ValueFunction>> functions(n);
  for (const auto& [key, value] : values_node.json().items()) {
    if (IsCommentKey(key)) continue;
    const std::size_t issue = IssueByKey(values_node, key, *space);
    functions[issue] = ReadValueFunction(values_node.Member(key, value), space->issue(issue));
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
  return Checked(node, [&] {
    return std::make_shared<const LinearAdditiveUtility>(space, std::move(weight_list), std::move(function_list));
  });
}

HyperRectangle ReadRectangle(const Node& node, const OutcomeSpace& space) {
  node.RequireObject("a rectangle: {\"utility\": ..., \"bounds\": {issue: [min, max], ...}}");
  node.CheckKeys({"utility", "weight", "kind", "bounds"});
  HyperRectangle rectangle;
  rectangle.utility = node.Required("utility", "the rectangle's utility (a number)").Number();
  if (auto weight = node.Find("weight")) rectangle.weight = weight->Number();
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
          *ends[e] = end.Number();
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
  if (auto weight = node.Find("weight")) function.weight = weight->Number();
  if (auto rectangles = node.Find("rectangles")) {
    const std::size_t n = rectangles->ArraySize("an array of rectangles");
    for (std::size_t i = 0; i < n; ++i) function.rectangles.push_back(ReadRectangle(rectangles->Element(i), space));
  }
  if (auto functions = node.Find("functions")) {
    const std::size_t n = functions->ArraySize("an array of functions");
    for (std::size_t i = 0; i < n; ++i) function.children.push_back(ReadFunction(functions->Element(i), space, depth + 1));
  }
  return function;
}

std::shared_ptr<const UtilityFunction> ReadHyperRectangle(const Node& node,
                                                          const std::shared_ptr<const OutcomeSpace>& space) {
  node.CheckKeys({"type", "max_utility", "function"});
  const Node max_node = node.Required("max_utility", "the utility that maps to 1 (a number > 0)");
  const double max_utility = max_node.Number("a number > 0");
  if (!(max_utility > 0.0)) max_node.Expected("a number > 0");
  HyperRectangleFunction root = ReadFunction(node.Required("function", "the root function"), *space);
  return Checked(node,
                 [&] { return std::make_shared<const HyperRectangleUtility>(space, std::move(root), max_utility); });
}

// {"unit": "time" | "rounds", "interpolation": "step" | "linear", "points": [[at, value], ...]}
ReservationSchedule ReadSchedule(const Node& node) {
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
  for (std::size_t k = 0; k < count; ++k) {
    const Node pair = points_node.Element(k);
    if (pair.ArraySize("a [time, value] pair") != 2) pair.Expected("a [time, value] pair");
    points.push_back({pair.Element(0).Number("a time"), pair.Element(1).Number("a reservation value")});
  }
  return Checked(node, [&] { return ReservationSchedule(std::move(points), interpolation, unit); });
}

Profile ReadParty(const Node& node, const std::shared_ptr<const OutcomeSpace>& space) {
  node.RequireObject("a party: {\"name\": ..., \"utility\": {...}}");
  node.CheckKeys({"name", "reservation_value", "reservation_schedule", "discount_factor", "utility"});
  std::string name = node.Required("name", "the party's name").String();
  double reservation_value = 0.0, discount_factor = 1.0;
  if (auto rv = node.Find("reservation_value")) reservation_value = rv->Number();
  std::optional<ReservationSchedule> schedule;
  if (auto schedule_node = node.Find("reservation_schedule")) {
    if (node.Find("reservation_value")) {
      schedule_node->Fail("give either \"reservation_value\" or \"reservation_schedule\", not both");
    }
    schedule = ReadSchedule(*schedule_node);
  }
  if (auto df = node.Find("discount_factor")) {
    discount_factor = df->Number("a discount factor in (0, 1]");
    if (!(discount_factor > 0.0 && discount_factor <= 1.0)) df->Expected("a discount factor in (0, 1]");
  }
  const Node utility = node.Required("utility", "the party's utility function");
  utility.RequireObject("a utility function: {\"type\": \"linear-additive\" or \"hyper-rectangle\", ...}");
  const Node type = utility.Required("type", "\"linear-additive\" or \"hyper-rectangle\"");
  const std::string& kind = type.String("\"linear-additive\" or \"hyper-rectangle\"");
  std::shared_ptr<const UtilityFunction> function;
  if (kind == "linear-additive") {
    function = ReadLinearAdditive(utility, space);
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

// ---------------------------------------------------------------------------------------------
// Writing

// JSON has no infinities or NaN; a scenario holding one cannot be written faithfully.
double Finite(double value, std::string_view what) {
  if (!std::isfinite(value)) throw UsageError(fmt::format("cannot write {} = {} as JSON", what, value));
  return value;
}

// Integral numbers are written without ".0", as a person would (bounds of integer issues).
// (-0.0 keeps its sign, so reading back gives the same double in every case.)
Json IntegralIfExact(double value) {
  if (value == std::floor(value) && std::abs(value) < 9.0e15 && !(value == 0.0 && std::signbit(value))) {
    return Json(static_cast<std::int64_t>(value));
  }
  return Json(value);
}

// LinearAdditiveUtility divides the weights by their floating-point sum. Weights that already
// sum to one often do not sum to exactly 1.0, so writing them as stored would change them by an
// ulp on reading. This finds weights close to `normalised` (scaled by a total t near 1) that
// the reader's normalisation turns back into exactly `normalised`; failing that, the stored ones.
std::vector<double> NormalisesTo(const std::vector<double>& normalised) {
  auto normalise = [](std::vector<double> weights) {
    double total = 0.0;
    for (double w : weights) total += w;
    for (double& w : weights) w /= total;
    return weights;
  };
  if (normalise(normalised) == normalised) return normalised;
  double above = 1.0, below = 1.0;
  for (int step = 0; step < 256; ++step) {
    above = std::nextafter(above, 2.0);
    below = std::nextafter(below, 0.0);
    for (double total : {above, below}) {
      std::vector<double> candidate(normalised.size());
      for (std::size_t i = 0; i < normalised.size(); ++i) {
        double c = normalised[i] * total;
        // The product's rounding can land one or two ulps off the value that divides back exactly.
        for (double probe : {c, std::nextafter(c, 0.0), std::nextafter(c, 2.0 * c + 1.0)}) {
          if (probe / total == normalised[i]) {
            c = probe;
            break;
          }
        }
        candidate[i] = c;
      }
      if (normalise(candidate) == normalised) return candidate;
    }
  }
  return normalised;
}

Json WriteValueFunction(const ValueFunction& f, const Issue& issue, const std::string& where) {
  Json json = Json::object();
  switch (f.shape()) {
    case ValueFunction::Shape::kTable: {
      Json table = Json::object();
      for (std::uint64_t p = 0; p < f.table().size(); ++p) {
        table[issue.Format(issue.ValueAt(p))] = Finite(f.table()[p], where);
      }
      if (issue.kind() == IssueKind::kDiscrete) return table;
      json["shape"] = "table";
      json["values"] = std::move(table);
      return json;
    }
    case ValueFunction::Shape::kLinear:
      json["shape"] = "linear";
      json["slope"] = Finite(f.slope(), where + " slope");
      json["offset"] = Finite(f.offset(), where + " offset");
      // The origin defaults to the lower bound; GENIUS's real issues use 0, so write it when it differs.
      if (f.origin() != issue.lower()) json["origin"] = Finite(f.origin(), where + " origin");
      if (!f.clamped()) json["clamped"] = false;
      return json;
    case ValueFunction::Shape::kTriangular:
      json["shape"] = "triangular";
      json["lower"] = Finite(f.lower(), where + " lower");
      json["upper"] = Finite(f.upper(), where + " upper");
      json["top"] = Finite(f.top(), where + " top");
      return json;
  }
  return json;
}

Json WriteLinearAdditive(const LinearAdditiveUtility& utility) {
  const OutcomeSpace& space = utility.space();
  Json json = Json::object();
  json["type"] = "linear-additive";
  const std::vector<double> weights = NormalisesTo(utility.weights());
  Json weights_json = Json::object(), values_json = Json::object();
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    const Issue& issue = space.issue(i);
    weights_json[issue.name()] = Finite(weights[i], "the weight of " + issue.name());
    values_json[issue.name()] =
        WriteValueFunction(utility.value_functions()[i], issue, "the values of " + issue.name());
  }
  json["weights"] = std::move(weights_json);
  json["values"] = std::move(values_json);
  return json;
}

Json WriteFunction(const HyperRectangleFunction& function, const OutcomeSpace& space) {
  static constexpr const char* kAggregations[] = {"sum", "min", "max"};
  Json json = Json::object();
  // Defaults (weight 1, inclusive) are left out: ANAC 2014 profiles hold thousands of rectangles,
  // and short rectangles fit on one line.
  json["aggregation"] = kAggregations[static_cast<int>(function.aggregation)];
  if (function.weight != 1.0) json["weight"] = IntegralIfExact(Finite(function.weight, "a function weight"));
  Json rectangles = Json::array();
  for (const auto& rectangle : function.rectangles) {
    Json r = Json::object();
    r["utility"] = IntegralIfExact(Finite(rectangle.utility, "a rectangle utility"));
    if (rectangle.weight != 1.0) r["weight"] = IntegralIfExact(Finite(rectangle.weight, "a rectangle weight"));
    if (rectangle.kind == HyperRectangle::Kind::kExclusive) r["kind"] = "exclusive";
    Json bounds = Json::object();
    for (const auto& bound : rectangle.bounds) {
      const Issue& issue = space.issue(bound.issue);
      if (bounds.contains(issue.name())) {
        throw UsageError(fmt::format("cannot write a rectangle with two bounds on issue '{}'", issue.name()));
      }
      if (bound.min > bound.max) {
        throw UsageError(
            fmt::format("cannot write a rectangle bound on issue '{}' whose min is above its max", issue.name()));
      }
      if (issue.kind() == IssueKind::kDiscrete) {
        if (!issue.Contains(bound.min) || !issue.Contains(bound.max)) {
          throw UsageError(
              fmt::format("cannot write a rectangle bound on discrete issue '{}' that is not a value", issue.name()));
        }
        bounds[issue.name()] = Json::array({issue.Format(bound.min), issue.Format(bound.max)});
      } else if (issue.kind() == IssueKind::kInteger) {
        bounds[issue.name()] =
            Json::array({IntegralIfExact(Finite(bound.min, "a bound")), IntegralIfExact(Finite(bound.max, "a bound"))});
      } else {
        bounds[issue.name()] = Json::array({Finite(bound.min, "a bound"), Finite(bound.max, "a bound")});
      }
    }
    r["bounds"] = std::move(bounds);
    rectangles.push_back(std::move(r));
  }
  if (!rectangles.empty()) json["rectangles"] = std::move(rectangles);
  if (!function.children.empty()) {
    Json children = Json::array();
    for (const auto& child : function.children) children.push_back(WriteFunction(child, space));
    json["functions"] = std::move(children);
  }
  return json;
}

Json WriteHyperRectangle(const HyperRectangleUtility& utility) {
  Json json = Json::object();
  json["type"] = "hyper-rectangle";
  json["max_utility"] = IntegralIfExact(Finite(utility.max_utility(), "max_utility"));
  json["function"] = WriteFunction(utility.root(), utility.space());
  return json;
}

Json WriteScenario(const Scenario& scenario) {
  Json json = Json::object();
  json["format"] = kFormatTag;
  json["version"] = kVersion;
  json["name"] = scenario.name();
  if (!scenario.description().empty()) json["description"] = scenario.description();
  Json issues = Json::array();
  for (const Issue& issue : scenario.space().issues()) {
    Json entry = Json::object();
    entry["name"] = issue.name();
    switch (issue.kind()) {
      case IssueKind::kDiscrete: entry["values"] = issue.values(); break;
      case IssueKind::kInteger:
        entry["integer"] = Json::array({IntegralIfExact(issue.lower()), IntegralIfExact(issue.upper())});
        break;
      case IssueKind::kReal: entry["real"] = Json::array({issue.lower(), issue.upper()}); break;
    }
    issues.push_back(std::move(entry));
  }
  json["issues"] = std::move(issues);
  Json parties = Json::array();
  for (const Profile& profile : scenario.profiles()) {
    Json party = Json::object();
    party["name"] = profile.name();
    if (const ReservationSchedule& schedule = profile.reservation_schedule(); !schedule.empty()) {
      Json points = Json::array();
      for (const auto& point : schedule.points()) points.push_back(Json::array({point.at, point.value}));
      party["reservation_schedule"] = {{"unit", std::string(UnitName(schedule.unit()))},
                                       {"interpolation", std::string(InterpolationName(schedule.interpolation()))},
                                       {"points", std::move(points)}};
    } else {
      party["reservation_value"] = Finite(profile.reservation_value(), "a reservation value");
    }
    party["discount_factor"] = profile.discount_factor();
    const UtilityFunction& utility = profile.utility_function();
    if (const auto* linear = dynamic_cast<const LinearAdditiveUtility*>(&utility)) {
      party["utility"] = WriteLinearAdditive(*linear);
    } else if (const auto* rectangles = dynamic_cast<const HyperRectangleUtility*>(&utility)) {
      party["utility"] = WriteHyperRectangle(*rectangles);
    } else {
      throw UsageError(fmt::format("the parley-json format cannot write party '{}': its utility is of kind '{}'",
                                   profile.name(), utility.kind()));
    }
    parties.push_back(std::move(party));
  }
  json["parties"] = std::move(parties);
  return json;
}

// Stops a streaming parse as soon as the top-level "format" key has been read, so that
// recognising a file costs a few bytes when "format" comes first (as Parley writes it).
class FormatTagFinder final : public nlohmann::json_sax<Json> {
 public:
  bool found() const { return found_; }

  bool null() override { return Value(); }
  bool boolean(bool) override { return Value(); }
  bool number_integer(number_integer_t) override { return Value(); }
  bool number_unsigned(number_unsigned_t) override { return Value(); }
  bool number_float(number_float_t, const string_t&) override { return Value(); }
  bool string(string_t& value) override {
    if (depth_ == 1 && reading_tag_) {
      found_ = value == kFormatTag;
      return false;
    }
    return Value();
  }
  bool binary(binary_t&) override { return Value(); }
  bool start_object(std::size_t) override { return Open(/*object=*/true); }
  bool end_object() override { return Close(); }
  bool start_array(std::size_t) override { return Open(/*object=*/false); }
  bool end_array() override { return Close(); }
  bool key(string_t& key) override {
    reading_tag_ = depth_ == 1 && key == "format";
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

 private:
  // A non-string "format" value, or anything but an object at the top, means this is not our file.
  bool Value() { return depth_ > 0 && !(depth_ == 1 && reading_tag_); }
  bool Open(bool object) {
    if ((depth_ == 0 && !object) || (depth_ == 1 && reading_tag_)) return false;
    ++depth_;
    return true;
  }
  bool Close() {
    --depth_;
    return depth_ > 0;
  }

  int depth_ = 0;
  bool reading_tag_ = false;
  bool found_ = false;
};

class ParleyJsonFormat final : public ScenarioFormat {
 public:
  bool Recognizes(const std::filesystem::path& path) const override {
    std::error_code ec;
    if (path.extension() != ".json" || !std::filesystem::is_regular_file(path, ec)) return false;
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    FormatTagFinder finder;
    try {
      Json::sax_parse(in, &finder, nlohmann::detail::input_format_t::json, /*strict=*/false, /*ignore_comments=*/true);
    } catch (const std::exception&) {
      return false;
    }
    return finder.found();
  }

  Scenario Read(const std::filesystem::path& path) const override {
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

  bool CanWrite() const override { return true; }

  void Write(const Scenario& scenario, const std::filesystem::path& path) const override {
    std::string text;
    try {
      text = internal::JsonText(WriteScenario(scenario), internal::NumberStyle::kDecimalPoint);
    } catch (const UsageError& e) {
      // In practice a name that is not valid UTF-8, which JSON cannot hold.
      throw UsageError(fmt::format("cannot write scenario '{}': {}", scenario.name(), e.what()));
    }
    WriteFileAtomically(path, text);
  }
};

const bool kRegistered = ScenarioFormatRegistry::Add(
    {"parley-json",
     "Parley's own scenario format: one hand-writable JSON file (docs/formats/parley-json.md).",
     {},
     [](const Spec&) { return std::make_unique<ParleyJsonFormat>(); }});

}  // namespace

namespace internal {

// The scenario as compact Parley JSON text, read back exactly by ReadParleyJsonText (isolated
// negotiators receive their profile this way).
std::string WriteParleyJsonText(const Scenario& scenario) {
  try {
    return WriteScenario(scenario).dump();
  } catch (const nlohmann::json::exception& e) {
    throw UsageError(fmt::format("cannot write scenario '{}' as JSON: {}", scenario.name(), e.what()));
  }
}

Scenario ReadParleyJsonText(const std::string& text, const std::string& origin) {
  const Json document = ParseDocument(text, origin);
  return ReadParleyJsonNode(Node(document, "", origin));
}

Scenario ReadParleyJsonNode(const Node& root) {
  root.RequireObject("a scenario object {\"format\": \"parley-scenario\", ...}");
  root.CheckKeys({"format", "version", "name", "description", "issues", "parties"});
  const Node format = root.Required("format", "\"parley-scenario\"");
  if (format.String("\"parley-scenario\"") != kFormatTag) format.Expected("\"parley-scenario\"");
  if (auto version = root.Find("version")) {
    const std::int64_t number = version->Integer("the format version 1");
    if (number != kVersion) {
      version->Fail(fmt::format("this is version {} of the format; this Parley reads version {}", number, kVersion));
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
    profiles.push_back(ReadParty(node, space));
    if (!party_names.insert(profiles.back().name()).second) {
      node.Fail(fmt::format("a second party named '{}'", profiles.back().name()));
    }
  }
  Scenario scenario = Checked(root, [&] { return Scenario(name, space, std::move(profiles)); });
  if (auto description = root.Find("description")) scenario.set_description(description->String());
  return scenario;
}

}  // namespace internal
}  // namespace parley
