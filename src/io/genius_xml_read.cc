// Reading GENIUS XML scenarios with GENIUS's own semantics: the issues of a domain file, and each
// profile's utility (linear additive, or ANAC 2014's hyper-rectangles), reservation value and
// discount factor. docs/formats/genius-xml.md gives the formulas and where Parley deliberately
// departs from GENIUS; genius_xml_file.cc parses the files and tells the domain from the profiles.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <pugixml.hpp>

#include "io/genius_xml_file.h"
#include "io/genius_xml_internal.h"
#include "parley/error.h"
#include "parley/hyper_rectangle.h"
#include "parley/limits.h"
#include "parley/utf8.h"
#include "parley/utility.h"

namespace parley::internal {
namespace {

namespace fs = std::filesystem;

// GENIUS treats a discrete issue whose best evaluation is below this as worthless everywhere
// (EvaluatorDiscrete), rather than dividing by a tiny maximum.
constexpr double kNegligibleMaxEvaluation = 0.00001;

// The name of the space or party a file describes: its file name without extension. File names
// need not be UTF-8, names must be, so malformed bytes become U+FFFD.
std::string NameOf(const fs::path& path) { return ValidUtf8(path.stem().string()); }

// GENIUS decides an issue's kind from its `type` attribute alone (a missing one means discrete);
// `vtype` in domains and `etype` in profiles only draw a warning when they disagree.
IssueKind IssueKindOf(const XmlFile& file, pugi::xml_node issue) {
  const pugi::xml_attribute type = issue.attribute("type");
  if (!type) return IssueKind::kDiscrete;
  const std::string kind = Lower(Trim(type.value()));
  if (kind == "discrete") return IssueKind::kDiscrete;
  if (kind == "integer") return IssueKind::kInteger;
  if (kind == "real") return IssueKind::kReal;
  file.Fail(issue,
            fmt::format("{} has type=\"{}\"; expected discrete, integer or real", Describe(issue), type.value()));
}

// ---------------------------------------------------------------------------------------------
// Domain

struct Domain {
  std::shared_ptr<const OutcomeSpace> space;
  std::vector<std::int64_t> labels;              // issue `index` attribute, by position
  std::map<std::int64_t, std::size_t> by_label;  // `index` attribute -> position
};

Domain ReadDomain(const XmlFile& file) {
  std::vector<IssueElement> elements;
  CollectIssues(file, file.root(), elements);
  if (elements.empty()) {
    file.Fail(file.root(), fmt::format("the domain {} has no <issue> elements; expected at least one issue under an "
                                       "<objective>",
                                       Describe(file.root())));
  }
  Domain domain;
  std::vector<Issue> issues;
  for (const auto& [element, parent] : elements) {
    const std::int64_t label = IntegerAttribute(file, element, "index", "an integer issue number");
    if (!domain.by_label.emplace(label, issues.size()).second) {
      file.Fail(element, fmt::format("{}: a second issue with index {}; issue indices must be distinct",
                                     Describe(element), label));
    }
    domain.labels.push_back(label);
    std::string name(RequireAttribute(file, element, "name", "the issue's name"));
    try {
      switch (IssueKindOf(file, element)) {
        case IssueKind::kDiscrete: {
          std::vector<std::string> values;
          for (pugi::xml_node item : element.children("item")) {
            values.emplace_back(RequireAttribute(file, item, "value", "the value's name"));
          }
          issues.push_back(Issue::Discrete(std::move(name), std::move(values)));
          break;
        }
        case IssueKind::kInteger: {
          const char* expected = "integer bounds as attributes (the older <range> child is not read, as in GENIUS 10)";
          const std::int64_t lower = IntegerAttribute(file, element, "lowerbound", expected);
          const std::int64_t upper = IntegerAttribute(file, element, "upperbound", expected);
          issues.push_back(Issue::Integer(std::move(name), lower, upper));
          break;
        }
        case IssueKind::kReal: {
          // GENIUS puts real bounds on a <range> child; accept them on the issue itself too.
          pugi::xml_node range = element.child("range");
          if (!range) range = element;
          const double lower = NumberAttribute(file, range, "lowerbound", "the real issue's lower bound");
          const double upper = NumberAttribute(file, range, "upperbound", "the real issue's upper bound");
          issues.push_back(Issue::Real(std::move(name), lower, upper));
          break;
        }
      }
    } catch (const UsageError& error) {
      file.Fail(element, error.what());
    }
  }
  try {
    domain.space = std::make_shared<const OutcomeSpace>(NameOf(file.path()), std::move(issues));
  } catch (const UsageError& error) {
    file.Fail(file.root(), error.what());
  }
  return domain;
}

// ---------------------------------------------------------------------------------------------
// Profiles

// The profile's issue elements matched to the domain's issues: by_position[i] is the element
// describing domain issue i. Profiles must describe exactly the domain's issues.
std::vector<IssueElement> MatchIssues(const XmlFile& file, const Domain& domain, pugi::xml_node root) {
  std::vector<IssueElement> elements;
  CollectIssues(file, root, elements);
  std::vector<IssueElement> by_position(domain.labels.size());
  for (const IssueElement& element : elements) {
    const std::int64_t label = IntegerAttribute(file, element.issue, "index", "an integer issue number");
    const auto it = domain.by_label.find(label);
    if (it == domain.by_label.end()) {
      std::string known;
      for (std::int64_t l : domain.labels) known += (known.empty() ? "" : ", ") + std::to_string(l);
      file.Fail(element.issue, fmt::format("{}: issue index {} does not exist in the domain (its issue indices: {})",
                                           Describe(element.issue), label, known));
    }
    if (by_position[it->second].issue) {
      file.Fail(element.issue, fmt::format("{}: a second issue with index {}", Describe(element.issue), label));
    }
    const Issue& issue = domain.space->issue(it->second);
    const IssueKind kind = IssueKindOf(file, element.issue);
    if (kind != issue.kind()) {
      file.Fail(element.issue,
                fmt::format("{} is {} here but the domain's issue {} ('{}') is {}", Describe(element.issue),
                            IssueKindName(kind), label, issue.name(), IssueKindName(issue.kind())));
    }
    by_position[it->second] = element;
  }
  for (std::size_t i = 0; i < by_position.size(); ++i) {
    if (!by_position[i].issue) {
      file.Fail(root, fmt::format("the profile has no <issue index=\"{}\"> for the domain's issue '{}'; expected one "
                                  "element per domain issue",
                                  domain.labels[i], domain.space->issue(i).name()));
    }
  }
  return by_position;
}

// The weight of an issue as written: GENIUS only looks for it among the <weight> elements beside
// the issue, and keeps the last one with the issue's index (a map by index).
double ReadWeight(const XmlFile& file, const IssueElement& element, std::int64_t label) {
  std::optional<double> found;
  for (pugi::xml_node weight : element.parent.children("weight")) {
    if (IntegerAttribute(file, weight, "index", "the index of the issue the weight belongs to") != label) continue;
    const double value = NumberAttribute(file, weight, "value", "a non-negative number");
    if (value < 0.0) {
      file.Fail(weight, fmt::format("{} has the negative weight {}; weights must be >= 0", Describe(weight), value));
    }
    found = value;
  }
  if (!found) {
    file.Fail(element.issue, fmt::format("{} has no <weight index=\"{}\"> beside it; every issue needs a weight",
                                         Describe(element.issue), label));
  }
  return *found;
}

ValueFunction ReadDiscreteEvaluator(const XmlFile& file, pugi::xml_node element, const Issue& issue) {
  // Only the issue's own <item> children count: items inside similarity or criteria functions
  // describe something else.
  std::vector<std::optional<double>> evaluations(issue.cardinality());
  for (pugi::xml_node item : element.children("item")) {
    const std::string_view value = RequireAttribute(file, item, "value", "the name of one of the issue's values");
    const auto position = issue.FindValue(value);
    if (!position) {
      file.Fail(item, fmt::format("unknown issue value '{}' for issue '{}'; the domain's values are: {}", value,
                                  issue.name(), fmt::join(issue.values(), ", ")));
    }
    // A later item for the same value replaces an earlier one, as in GENIUS.
    const double evaluation = OptionalNumberAttribute(file, item, "evaluation", 0.0, "a number >= 0");
    // GENIUS's evaluators refuse negative evaluations too ("Evaluation values have to be >= 0").
    if (evaluation < 0.0) {
      file.Fail(item,
                fmt::format("{} has the negative evaluation {}; evaluations must be >= 0", Describe(item), evaluation));
    }
    evaluations[*position] = evaluation;
  }
  double max = -INFINITY;
  for (std::size_t p = 0; p < evaluations.size(); ++p) {
    if (!evaluations[p]) {
      file.Fail(element, fmt::format("{} has no <item value=\"{}\">; every value of the domain needs an evaluation",
                                     Describe(element), issue.values()[p]));
    }
    max = std::max(max, *evaluations[p]);
  }
  std::vector<double> table(evaluations.size(), 0.0);
  if (max >= kNegligibleMaxEvaluation) {
    for (std::size_t p = 0; p < table.size(); ++p) table[p] = *evaluations[p] / max;
  }
  return ValueFunction::Table(std::move(table));
}

ValueFunction ReadIntegerEvaluator(const XmlFile& file, pugi::xml_node element) {
  // GENIUS measures the slope from the lower bound written in the profile, not the domain's.
  const char* bounds = "integer bounds as attributes of the profile's issue";
  const std::int64_t lower = IntegerAttribute(file, element, "lowerbound", bounds);
  IntegerAttribute(file, element, "upperbound", bounds);
  const pugi::xml_node evaluator = element.child("evaluator");
  if (!evaluator) return ValueFunction::Linear(0.0, 0.0, static_cast<double>(lower), true);
  if (!evaluator.attribute("slope") && !evaluator.attribute("offset") && evaluator.attribute("parameter0")) {
    file.Fail(evaluator,
              "integer evaluator has parameter0/parameter1 (an older GENIUS form); expected slope and "
              "offset attributes");
  }
  const double slope = NumberAttribute(file, evaluator, "slope", "the utility gained per unit above the lower bound");
  const double offset = NumberAttribute(file, evaluator, "offset", "the utility at the lower bound");
  return ValueFunction::Linear(slope, offset, static_cast<double>(lower), true);
}

ValueFunction ReadRealEvaluator(const XmlFile& file, pugi::xml_node element) {
  const pugi::xml_node evaluator = element.child("evaluator");
  if (!evaluator) file.Fail(element, fmt::format("{} has no <evaluator>; a real issue needs one", Describe(element)));
  const std::string type = Lower(Trim(RequireAttribute(file, evaluator, "ftype", "linear, constant or triangular")));
  auto parameter = [&](const char* name) { return NumberAttribute(file, evaluator, name, "a number"); };
  if (type == "linear") {
    // parameter1 is the slope and parameter0 the offset, on the value itself.
    return ValueFunction::Linear(parameter("parameter1"), parameter("parameter0"), 0.0, true);
  }
  if (type == "constant") return ValueFunction::Linear(0.0, parameter("parameter0"), 0.0, false);
  if (type == "triangular") {
    return ValueFunction::Triangular(parameter("parameter0"), parameter("parameter1"), parameter("parameter2"));
  }
  file.Fail(evaluator, fmt::format("real evaluator has ftype=\"{}\"; expected linear, constant or triangular",
                                   evaluator.attribute("ftype").value()));
}

std::shared_ptr<const UtilityFunction> ReadLinearUtility(const XmlFile& file, const Domain& domain, WeightRule rule) {
  const std::vector<IssueElement> elements = MatchIssues(file, domain, file.root());
  std::vector<double> weights;
  std::vector<ValueFunction> functions;
  for (std::size_t i = 0; i < elements.size(); ++i) {
    const Issue& issue = domain.space->issue(i);
    weights.push_back(ReadWeight(file, elements[i], domain.labels[i]));
    switch (issue.kind()) {
      case IssueKind::kDiscrete: functions.push_back(ReadDiscreteEvaluator(file, elements[i].issue, issue)); break;
      case IssueKind::kInteger: functions.push_back(ReadIntegerEvaluator(file, elements[i].issue)); break;
      case IssueKind::kReal: functions.push_back(ReadRealEvaluator(file, elements[i].issue)); break;
    }
  }
  if (std::all_of(weights.begin(), weights.end(), [](double w) { return w == 0.0; })) {
    file.Fail(file.root(), "every issue weight is zero; expected at least one positive weight");
  }
  try {
    return std::make_shared<const LinearAdditiveUtility>(domain.space, std::move(weights), std::move(functions), rule);
  } catch (const UsageError& error) {
    file.Fail(file.root(), error.what());
  }
}

HyperRectangle ReadRectangle(const XmlFile& file, pugi::xml_node node, const Domain& domain) {
  HyperRectangle rectangle;
  rectangle.utility = NumberAttribute(file, node, "utility", "the rectangle's utility");
  rectangle.weight = OptionalNumberAttribute(file, node, "weight", 1.0, "a number");
  // GENIUS builds an exclusive rectangle from the EXCLUDES bounds as soon as there is one, and
  // then ignores any INCLUDES.
  const bool exclusive = static_cast<bool>(node.child("EXCLUDES"));
  rectangle.kind = exclusive ? HyperRectangle::Kind::kExclusive : HyperRectangle::Kind::kInclusive;
  for (pugi::xml_node bound : node.children(exclusive ? "EXCLUDES" : "INCLUDES")) {
    const std::int64_t label = IntegerAttribute(file, bound, "index", "the index of an integer issue");
    const auto it = domain.by_label.find(label);
    if (it == domain.by_label.end()) {
      file.Fail(bound,
                fmt::format("{} refers to issue index {}, which does not exist in the domain", Describe(bound), label));
    }
    if (domain.space->issue(it->second).kind() != IssueKind::kInteger) {
      file.Fail(bound, fmt::format("{} bounds issue '{}', which is not an integer issue", Describe(bound),
                                   domain.space->issue(it->second).name()));
    }
    const std::int64_t min = IntegerAttribute(file, bound, "min", "the smallest value inside the rectangle");
    const std::int64_t max = IntegerAttribute(file, bound, "max", "the largest value inside the rectangle");
    rectangle.bounds.push_back({it->second, static_cast<double>(min), static_cast<double>(max)});
  }
  return rectangle;
}

// `depth` counts the <ufun> elements from the root one (1) to this one: evaluating the utility
// recurses through them, so their nesting is limited.
HyperRectangleFunction ReadFunction(const XmlFile& file, pugi::xml_node node, const Domain& domain,
                                    std::uint64_t depth = 1) {
  if (const std::uint64_t max_depth = DefaultResourceLimits().max_depth; depth > max_depth) {
    file.Fail(node, fmt::format("<ufun> nested {} deep, beyond {}", depth,
                                DescribeLimit(max_depth, "nested functions", "--max-depth")));
  }
  HyperRectangleFunction function;
  const std::string aggregation = Lower(Trim(RequireAttribute(file, node, "aggregation", "sum, min or max")));
  if (aggregation == "sum") {
    function.aggregation = HyperRectangleFunction::Aggregation::kSum;
  } else if (aggregation == "min") {
    function.aggregation = HyperRectangleFunction::Aggregation::kMin;
  } else if (aggregation == "max") {
    function.aggregation = HyperRectangleFunction::Aggregation::kMax;
  } else {
    file.Fail(node, fmt::format("<ufun> has aggregation=\"{}\"; expected sum, min or max",
                                node.attribute("aggregation").value()));
  }
  function.weight = OptionalNumberAttribute(file, node, "weight", 1.0, "a number");
  for (pugi::xml_node child : node.children()) {
    const std::string_view name = child.name();
    if (name == "hyperRectangle") function.rectangles.push_back(ReadRectangle(file, child, domain));
    if (name == "ufun") function.children.push_back(ReadFunction(file, child, domain, depth + 1));
  }
  return function;
}

std::shared_ptr<const UtilityFunction> ReadNonlinearUtility(const XmlFile& file, const Domain& domain) {
  MatchIssues(file, domain, file.root());
  // GENIUS looks for <utility> in the root's first element (normally the root <objective>).
  pugi::xml_node utility =
      file.root().find_child([](pugi::xml_node n) { return n.type() == pugi::node_element; }).child("utility");
  if (!utility) utility = file.root().child("utility");
  if (!utility) {
    file.Fail(file.root(), "nonlinear profile has no <utility maxutility=...> element in its root <objective>");
  }
  const double max_utility = NumberAttribute(file, utility, "maxutility", "the largest utility, a positive number");
  if (!(max_utility > 0.0)) {
    file.Fail(utility, fmt::format("maxutility is {}; expected a positive number", max_utility));
  }
  const auto ufuns = utility.children("ufun");
  const auto count = std::distance(ufuns.begin(), ufuns.end());
  if (count != 1) file.Fail(utility, fmt::format("<utility> holds {} <ufun> elements; expected exactly one", count));
  try {
    return std::make_shared<const HyperRectangleUtility>(domain.space, ReadFunction(file, *ufuns.begin(), domain),
                                                         max_utility);
  } catch (const UsageError& error) {
    file.Fail(utility, error.what());
  }
}

double ReadReservation(const XmlFile& file, pugi::xml_node node) {
  return NumberAttribute(file, node, "value", "the utility of no agreement, a number");
}

// GENIUS's validateDiscount: anything outside (0, 1) means no discounting.
double ReadDiscount(const XmlFile& file, pugi::xml_node node) {
  const double d = NumberAttribute(file, node, "value", "a discount factor in (0, 1]");
  return d <= 0.0 || d >= 1.0 ? 1.0 : d;
}

// GENIUS 9.1.10's UncertainAdditiveUtilitySpace: a linear profile whose party is shown a ranking
// of comparisons + 1 bids (tag <comparisons>, 10 when missing or not an integer), drawn with the
// seed 314 unless <fixed_seed> says false (then unseeded). <errors> is never used by GENIUS and
// <experimental> only exposes the truth to the agent; both are ignored. As a knowledge spec
// (parley/knowledge.h), applied when a negotiation asks for `auto`.
std::string UncertainKnowledge(pugi::xml_node root) {
  long comparisons = 10;
  if (auto tag = root.child("comparisons")) {
    const std::string text(Trim(tag.child_value()));
    char* end = nullptr;
    const long parsed = std::strtol(text.c_str(), &end, 10);
    if (!text.empty() && end == text.c_str() + text.size() && parsed >= 0) comparisons = parsed;
  }
  bool fixed_seed = true;
  if (auto tag = root.child("fixed_seed")) fixed_seed = Lower(Trim(tag.child_value())) == "true";
  return fmt::format("genius(comparisons={},seed={})", comparisons, fixed_seed ? 314 : 0);
}

// GENIUS 10.4's <elicitation_cost>: what each rank question costs the party (User.elicitRank), 0
// when missing. GENIUS falls back on 0 for a value it cannot read; Parley refuses it instead, as it
// does a negative cost, which would pay the party for asking.
std::optional<double> UncertainElicitationCost(const XmlFile& file, pugi::xml_node root) {
  const pugi::xml_node tag = root.child("elicitation_cost");
  if (!tag) return std::nullopt;
  const std::string text(Trim(tag.child_value()));
  char* end = nullptr;
  const double cost = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(cost) || cost < 0.0) {
    file.Fail(tag, fmt::format("<elicitation_cost> is \"{}\"; expected a number >= 0", text));
  }
  return cost;
}

// `uncertain`, when given, receives the description lines of an uncertain profile (below).
Profile ReadProfile(const XmlFile& file, const Domain& domain, WeightRule rule, std::string* uncertain = nullptr) {
  const pugi::xml_node root = file.root();
  const pugi::xml_attribute type = root.attribute("type");
  const std::string kind = type ? Lower(Trim(type.value())) : "linear";
  std::shared_ptr<const UtilityFunction> utility;
  pugi::xml_node reservation, discount;
  if (kind == "uncertain" && uncertain) {
    const std::string name = NameOf(file.path());
    *uncertain = UncertainProfileLine(name, kUncertainKnowledge, UncertainKnowledge(root));
    if (const auto cost = UncertainElicitationCost(file, root)) {
      *uncertain += UncertainProfileLine(name, kUncertainElicitationCost, fmt::format("{}", *cost));
    }
  }
  if (kind == "linear" || kind == "uncertain") {
    utility = ReadLinearUtility(file, domain, rule);
    // GENIUS looks at every level of a linear profile; a later tag (in document order of the
    // elements holding them) replaces an earlier one.
    ForEachElement(root, [&](pugi::xml_node node) {
      if (auto r = node.child("reservation")) reservation = r;
      if (auto d = node.child("discount_factor")) discount = d;
    });
  } else if (kind == "nonlinear") {
    utility = ReadNonlinearUtility(file, domain);
    reservation = root.child("reservation");
    discount = root.child("discount_factor");
  } else {
    file.Fail(root, fmt::format("<utility_space type=\"{}\"> is not supported; expected linear, nonlinear or uncertain",
                                type.value()));
  }
  const double reservation_value = reservation ? ReadReservation(file, reservation) : 0.0;
  const double discount_factor = discount ? ReadDiscount(file, discount) : 1.0;
  try {
    return Profile(NameOf(file.path()), std::move(utility), reservation_value, discount_factor);
  } catch (const UsageError& error) {
    file.Fail(root, error.what());
  }
}

// ---------------------------------------------------------------------------------------------
// Folders

std::string FolderName(const fs::path& folder) {
  fs::path normal = folder.lexically_normal();
  if (normal.filename().empty()) normal = normal.parent_path();
  std::string name = normal.filename().string();
  if (name.empty() || name == "." || name == "..") name = fs::absolute(folder).lexically_normal().filename().string();
  return ValidUtf8(name);
}

// The scenario of a domain and its profiles; `where` names their folder in messages.
Scenario AssembleScenario(std::string name, const fs::path& where, const Domain& domain,
                          std::vector<Profile> profiles) {
  try {
    return Scenario(std::move(name), domain.space, std::move(profiles));
  } catch (const UsageError& error) {
    throw InputError(fmt::format("{}: {}", where.string(), error.what()));
  }
}

}  // namespace

Scenario ReadGeniusFolder(const std::filesystem::path& folder, WeightRule rule) {
  const ScannedFolder scanned = ScanFolder(folder);
  const Domain domain = ReadDomain(*scanned.domain);
  std::vector<Profile> profiles;
  std::string uncertain;  // lines for the uncertain profiles, read back by KnowledgeFromSpec("auto")
  for (const auto& file : scanned.profiles) {
    std::string lines;
    profiles.push_back(ReadProfile(*file, domain, rule, &lines));
    uncertain += lines;
  }
  Scenario scenario = AssembleScenario(FolderName(folder), folder, domain, std::move(profiles));
  scenario.set_description(scanned.report.Describe() + uncertain);
  return scenario;
}

std::shared_ptr<const OutcomeSpace> ReadGeniusDomainText(const std::filesystem::path& name, std::string text) {
  return ReadDomain(XmlFile(name, std::move(text))).space;
}

Scenario ReadGeniusTexts(const std::string& name, const GeniusText& domain, const std::vector<GeniusText>& profiles,
                         WeightRule rule) {
  const Domain read = ReadDomain(XmlFile(domain.name, domain.text));
  std::vector<Profile> parties;
  for (const GeniusText& profile : profiles) {
    parties.push_back(ReadProfile(XmlFile(profile.name, profile.text), read, rule));
  }
  return AssembleScenario(name, domain.name.parent_path(), read, std::move(parties));
}

}  // namespace parley::internal
