// Writing Parley's own scenario format ("parley-json", docs/formats/parley-json.md) so that reading
// back (parley_json_read.cc) reproduces every utility exactly: weights chosen to survive the
// reader's normalisation, integral numbers without ".0", defaults left out.
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "io/atomic_file.h"
#include "io/json_node.h"
#include "io/json_text.h"
#include "io/parley_json_internal.h"
#include "parley/error.h"
#include "parley/hyper_rectangle.h"

namespace parley {
namespace {

using internal::Json;
using internal::kParleyJsonFormatTag;
using internal::kParleyJsonVersion;

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
  // Weights used as given (GENIUS's reading) are written as they are and say so; normalised ones
  // are written so that the reader's normalisation gives them back.
  const bool as_given = utility.weight_rule() == WeightRule::kAsGiven;
  const std::vector<double> weights = as_given ? utility.weights() : NormalisesTo(utility.weights());
  Json weights_json = Json::object(), values_json = Json::object();
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    const Issue& issue = space.issue(i);
    weights_json[issue.name()] = Finite(weights[i], "the weight of " + issue.name());
    values_json[issue.name()] =
        WriteValueFunction(utility.value_functions()[i], issue, "the values of " + issue.name());
  }
  if (as_given) json["normalise_weights"] = false;
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
  json["format"] = kParleyJsonFormatTag;
  json["version"] = kParleyJsonVersion;
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

}  // namespace

namespace internal {

std::string WriteParleyJsonText(const Scenario& scenario) {
  try {
    return WriteScenario(scenario).dump();
  } catch (const nlohmann::json::exception& e) {
    throw UsageError(fmt::format("cannot write scenario '{}' as JSON: {}", scenario.name(), e.what()));
  }
}

void WriteParleyJsonFile(const Scenario& scenario, const std::filesystem::path& path) {
  std::string text;
  try {
    text = internal::JsonText(WriteScenario(scenario), internal::NumberStyle::kDecimalPoint);
  } catch (const UsageError& e) {
    // In practice a name that is not valid UTF-8, which JSON cannot hold.
    throw UsageError(fmt::format("cannot write scenario '{}': {}", scenario.name(), e.what()));
  }
  WriteFileAtomically(path, text);
}

}  // namespace internal
}  // namespace parley
