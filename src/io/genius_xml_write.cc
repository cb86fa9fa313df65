// Writing GENIUS XML scenario folders (the "genius-xml" format's Write): one domain file and one
// profile per party (linear additive, or ANAC 2014's hyper-rectangles), chosen so that the reader
// of the same format gives back the same utilities. docs/formats/genius-xml.md says what can be
// written and what is refused.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "io/genius_xml_internal.h"
#include "io/json_text.h"
#include "io/scenario_files.h"
#include "parley/error.h"
#include "parley/hyper_rectangle.h"
#include "parley/utility.h"

namespace parley::internal {
namespace {

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// "party 'A', issue 'price'", for messages.
std::string Where(const Profile& profile, const Issue& issue) {
  return fmt::format("party '{}', issue '{}'", profile.name(), issue.name());
}

void SetNumber(pugi::xml_node node, const char* name, double value) {
  node.append_attribute(name) = ShortestNumber(value).c_str();
}

// <issue index=... etype type vtype name>, as GENIUS writes it.
pugi::xml_node AppendIssue(pugi::xml_node parent, const Issue& issue, std::size_t label) {
  pugi::xml_node node = parent.append_child("issue");
  node.append_attribute("index") = static_cast<unsigned long long>(label);
  const char* kind = issue.kind() == IssueKind::kDiscrete  ? "discrete"
                     : issue.kind() == IssueKind::kInteger ? "integer"
                                                           : "real";
  node.append_attribute("etype") = kind;
  node.append_attribute("type") = kind;
  node.append_attribute("vtype") = kind;
  node.append_attribute("name") = issue.name().c_str();
  if (issue.kind() == IssueKind::kInteger) {
    node.append_attribute("lowerbound") = static_cast<long long>(issue.lower());
    node.append_attribute("upperbound") = static_cast<long long>(issue.upper());
  }
  return node;
}

void AppendRange(pugi::xml_node issue_node, const Issue& issue) {
  pugi::xml_node range = issue_node.append_child("range");
  SetNumber(range, "lowerbound", issue.lower());
  SetNumber(range, "upperbound", issue.upper());
}

pugi::xml_node AppendObjective(pugi::xml_node parent, const OutcomeSpace& space) {
  pugi::xml_node objective = parent.append_child("objective");
  objective.append_attribute("index") = 0;
  objective.append_attribute("etype") = "objective";
  objective.append_attribute("type") = "objective";
  objective.append_attribute("description") = "";
  objective.append_attribute("name") = space.name().c_str();
  return objective;
}

std::string Text(const pugi::xml_document& document) {
  std::ostringstream out;
  document.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

std::string DomainText(const OutcomeSpace& space) {
  pugi::xml_document document;
  pugi::xml_node utility_space = document.append_child("negotiation_template").append_child("utility_space");
  utility_space.append_attribute("number_of_issues") = static_cast<unsigned long long>(space.issue_count());
  pugi::xml_node objective = AppendObjective(utility_space, space);
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    const Issue& issue = space.issue(i);
    pugi::xml_node node = AppendIssue(objective, issue, i + 1);
    if (issue.kind() == IssueKind::kDiscrete) {
      for (std::size_t v = 0; v < issue.values().size(); ++v) {
        pugi::xml_node item = node.append_child("item");
        item.append_attribute("index") = static_cast<unsigned long long>(v + 1);
        item.append_attribute("value") = issue.values()[v].c_str();
      }
    } else if (issue.kind() == IssueKind::kReal) {
      AppendRange(node, issue);
    }
  }
  return Text(document);
}

// GENIUS divides a discrete issue's evaluations by their largest, so only a table whose largest
// entry is exactly 1 (or that is all zeros) reads back unchanged.
void AppendDiscreteEvaluations(pugi::xml_node node, const Profile& profile, const Issue& issue,
                               const ValueFunction& f) {
  const std::vector<double>& table = f.table();
  const double max = *std::max_element(table.begin(), table.end());
  const bool all_zero = std::all_of(table.begin(), table.end(), [](double v) { return v == 0.0; });
  if (max != 1.0 && !all_zero) {
    throw UsageError(
        fmt::format("GENIUS XML cannot hold {}: its best value is worth {}, and GENIUS divides every evaluation of a "
                    "discrete issue by the largest, so that the best value is always worth 1",
                    Where(profile, issue), max));
  }
  if (const auto negative = std::find_if(table.begin(), table.end(), [](double v) { return v < 0.0; });
      negative != table.end()) {
    throw UsageError(
        fmt::format("GENIUS XML cannot hold {}: the value '{}' is worth {}, and GENIUS refuses negative "
                    "evaluations",
                    Where(profile, issue), issue.values()[negative - table.begin()], *negative));
  }
  for (std::size_t v = 0; v < table.size(); ++v) {
    pugi::xml_node item = node.append_child("item");
    item.append_attribute("index") = static_cast<unsigned long long>(v + 1);
    item.append_attribute("value") = issue.values()[v].c_str();
    SetNumber(item, "evaluation", table[v]);
  }
}

// True if the linear function stays within [0, 1] over the issue's range, so that GENIUS's clamp
// changes nothing.
bool WithinUnitInterval(const ValueFunction& f, const Issue& issue) {
  for (double x : {issue.lower(), issue.upper()}) {
    const double v = f.offset() + f.slope() * (x - f.origin());
    if (!(v >= 0.0 && v <= 1.0)) return false;
  }
  return true;
}

void AppendIntegerEvaluator(pugi::xml_node node, const Profile& profile, const Issue& issue, const ValueFunction& f) {
  if (f.shape() != ValueFunction::Shape::kLinear) {
    throw UsageError(fmt::format(
        "GENIUS XML cannot hold {}: GENIUS evaluates an integer issue with a linear function, "
        "and this one has a {}",
        Where(profile, issue), f.shape() == ValueFunction::Shape::kTable ? "value table" : "triangular function"));
  }
  if (!f.clamped() && !WithinUnitInterval(f, issue)) {
    throw UsageError(
        fmt::format("GENIUS XML cannot hold {}: its linear function leaves [0, 1] and is not clamped, "
                    "while GENIUS clamps integer evaluations to [0, 1]",
                    Where(profile, issue)));
  }
  pugi::xml_node evaluator = node.append_child("evaluator");
  evaluator.append_attribute("ftype") = "linear";
  SetNumber(evaluator, "slope", f.slope());
  // GENIUS measures from the issue's lower bound.
  SetNumber(evaluator, "offset",
            f.origin() == issue.lower() ? f.offset() : f.offset() + f.slope() * (issue.lower() - f.origin()));
}

void AppendRealEvaluator(pugi::xml_node node, const Profile& profile, const Issue& issue, const ValueFunction& f) {
  pugi::xml_node evaluator = node.append_child("evaluator");
  switch (f.shape()) {
    case ValueFunction::Shape::kTable: break;  // a real issue has no table (LinearAdditiveUtility refuses it)
    case ValueFunction::Shape::kTriangular:
      evaluator.append_attribute("ftype") = "triangular";
      SetNumber(evaluator, "parameter0", f.lower());
      SetNumber(evaluator, "parameter1", f.upper());
      SetNumber(evaluator, "parameter2", f.top());
      return;
    case ValueFunction::Shape::kLinear:
      if (!f.clamped() && f.slope() == 0.0) {
        evaluator.append_attribute("ftype") = "constant";  // GENIUS's one unclamped evaluator
        SetNumber(evaluator, "parameter0", f.offset());
        return;
      }
      if (!f.clamped() && !WithinUnitInterval(f, issue)) {
        throw UsageError(
            fmt::format("GENIUS XML cannot hold {}: its linear function leaves [0, 1] and is not clamped, "
                        "while GENIUS clamps linear evaluations to [0, 1]",
                        Where(profile, issue)));
      }
      evaluator.append_attribute("ftype") = "linear";
      SetNumber(evaluator, "parameter0", f.origin() == 0.0 ? f.offset() : f.offset() - f.slope() * f.origin());
      SetNumber(evaluator, "parameter1", f.slope());
      return;
  }
}

void AppendReservationAndDiscount(pugi::xml_node root, const Profile& profile) {
  SetNumber(root.append_child("reservation"), "value", profile.reservation_value());
  if (profile.discounted()) SetNumber(root.append_child("discount_factor"), "value", profile.discount_factor());
}

// A rectangle's bounds as GENIUS's INCLUDES/EXCLUDES over integer issues (labels 1, 2, ...). An
// integer lies in [min, max] exactly when it lies in [ceil(min), floor(max)].
void AppendRectangle(pugi::xml_node parent, const HyperRectangle& rectangle, const Profile& profile) {
  const OutcomeSpace& space = profile.utility_function().space();
  pugi::xml_node node = parent.append_child("hyperRectangle");
  SetNumber(node, "utility", rectangle.utility);
  SetNumber(node, "weight", rectangle.weight);
  const char* tag = rectangle.kind == HyperRectangle::Kind::kExclusive ? "EXCLUDES" : "INCLUDES";
  for (const HyperRectangle::Bound& bound : rectangle.bounds) {
    const Issue& issue = space.issue(bound.issue);
    if (issue.kind() != IssueKind::kInteger) {
      throw UsageError(
          fmt::format("GENIUS XML cannot hold a rectangle of party '{}' bounding issue '{}': GENIUS's "
                      "rectangles bound integer issues only",
                      profile.name(), issue.name()));
    }
    pugi::xml_node element = node.append_child(tag);
    element.append_attribute("index") = static_cast<unsigned long long>(bound.issue + 1);
    element.append_attribute("min") = static_cast<long long>(std::ceil(bound.min));
    element.append_attribute("max") = static_cast<long long>(std::floor(bound.max));
  }
}

void AppendFunction(pugi::xml_node parent, const HyperRectangleFunction& function, const Profile& profile) {
  static constexpr const char* kAggregations[] = {"sum", "min", "max"};
  pugi::xml_node node = parent.append_child("ufun");
  node.append_attribute("type") = "PlainUfun";
  node.append_attribute("aggregation") = kAggregations[static_cast<int>(function.aggregation)];
  SetNumber(node, "weight", function.weight);
  for (const HyperRectangle& rectangle : function.rectangles) AppendRectangle(node, rectangle, profile);
  for (const HyperRectangleFunction& child : function.children) AppendFunction(node, child, profile);
}

// ANAC 2014's nonlinear profile: the issues, then <utility maxutility> holding the root function.
std::string NonlinearProfileText(const Profile& profile, const HyperRectangleUtility& utility) {
  const OutcomeSpace& space = utility.space();
  pugi::xml_document document;
  pugi::xml_node root = document.append_child("utility_space");
  root.append_attribute("type") = "nonlinear";
  root.append_attribute("number_of_issues") = static_cast<unsigned long long>(space.issue_count());
  pugi::xml_node objective = AppendObjective(root, space);
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    const Issue& issue = space.issue(i);
    pugi::xml_node node = AppendIssue(objective, issue, i + 1);
    if (issue.kind() == IssueKind::kReal) AppendRange(node, issue);
  }
  pugi::xml_node holder = objective.append_child("utility");
  SetNumber(holder, "maxutility", utility.max_utility());
  AppendFunction(holder, utility.root(), profile);
  AppendReservationAndDiscount(root, profile);
  return Text(document);
}

std::string ProfileText(const Profile& profile) {
  if (const auto* rectangles = dynamic_cast<const HyperRectangleUtility*>(&profile.utility_function())) {
    if (!profile.reservation_schedule().empty()) {
      throw UsageError(fmt::format("GENIUS XML cannot hold the reservation schedule of party '{}'", profile.name()));
    }
    return NonlinearProfileText(profile, *rectangles);
  }
  const LinearAdditiveUtility* utility = &LinearUtilityToWrite(profile, "GENIUS XML");
  const OutcomeSpace& space = utility->space();
  pugi::xml_document document;
  pugi::xml_node root = document.append_child("utility_space");
  root.append_attribute("number_of_issues") = static_cast<unsigned long long>(space.issue_count());
  pugi::xml_node objective = AppendObjective(root, space);
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    const Issue& issue = space.issue(i);
    const ValueFunction& f = utility->value_functions()[i];
    pugi::xml_node node = AppendIssue(objective, issue, i + 1);
    switch (issue.kind()) {
      case IssueKind::kDiscrete: AppendDiscreteEvaluations(node, profile, issue, f); break;
      case IssueKind::kInteger: AppendIntegerEvaluator(node, profile, issue, f); break;
      case IssueKind::kReal:
        AppendRealEvaluator(node, profile, issue, f);
        AppendRange(node, issue);
        break;
    }
    pugi::xml_node weight = objective.append_child("weight");
    weight.append_attribute("index") = static_cast<unsigned long long>(i + 1);
    SetNumber(weight, "value", utility->weights()[i]);
  }
  AppendReservationAndDiscount(root, profile);
  return Text(document);
}

}  // namespace

std::vector<std::pair<std::string, std::string>> GeniusXmlFiles(const Scenario& scenario) {
  std::vector<std::string> stems;
  for (const Profile& profile : scenario.profiles()) {
    CheckFileStem(profile.name(), "the party name");
    if (Lower(profile.name()) == "pareto") {
      throw UsageError(
          fmt::format("a party named '{}' cannot be written as GENIUS XML: readers ignore pareto.xml, "
                      "GENIUS's cached Pareto frontier",
                      profile.name()));
    }
    stems.push_back(profile.name());
  }
  // The reader names the outcome space after the domain file; keep that name when it can be one.
  std::vector<std::string> taken = stems;
  taken.push_back("pareto");
  const std::string domain = UnusedStem(scenario.space().name(), taken);
  std::vector<std::pair<std::string, std::string>> files;
  files.emplace_back(domain + ".xml", DomainText(scenario.space()));
  for (const Profile& profile : scenario.profiles()) files.emplace_back(profile.name() + ".xml", ProfileText(profile));
  return files;
}

void WriteGeniusXml(const Scenario& scenario, const std::filesystem::path& folder) {
  WriteFolderAtomically(folder, GeniusXmlFiles(scenario));
}

}  // namespace parley::internal
