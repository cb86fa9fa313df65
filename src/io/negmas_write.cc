// Writing NegMAS scenario folders: the outcome space and one LinearAdditiveUtilityFunction per
// party (inside an ExpDiscountedUFun when the party discounts), in the form NegMAS's
// Scenario.load reads.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "io/json_node.h"
#include "io/json_text.h"
#include "io/negmas_internal.h"
#include "io/scenario_files.h"
#include "io/yaml_text.h"
#include "parley/error.h"
#include "parley/utility.h"

namespace parley::internal {
namespace {

const LinearAdditiveUtility& LinearOf(const Profile& profile) { return LinearUtilityToWrite(profile, "NegMAS files"); }

// A linear value function that no clamp bends over the issue's range: NegMAS's AffineFun.
bool IsAffine(const ValueFunction& f, const Issue& issue) {
  if (f.shape() != ValueFunction::Shape::kLinear) return false;
  if (!f.clamped()) return true;
  for (double x : {issue.lower(), issue.upper()}) {
    const double v = f.offset() + f.slope() * (x - f.origin());
    if (!(v >= 0.0 && v <= 1.0)) return false;
  }
  return true;
}

// Integer issues are written as NegMAS's ContiguousIssue when every party's function on them is
// affine; otherwise as a listed issue of the integers' names, each with its utility.
std::vector<bool> ContiguousIssues(const Scenario& scenario) {
  const OutcomeSpace& space = scenario.space();
  std::vector<bool> contiguous(space.issue_count(), false);
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    if (space.issue(i).kind() != IssueKind::kInteger) continue;
    contiguous[i] = std::all_of(scenario.profiles().begin(), scenario.profiles().end(), [&](const Profile& p) {
      return IsAffine(LinearOf(p).value_functions()[i], space.issue(i));
    });
  }
  return contiguous;
}

Json IssueJson(const Issue& issue, bool contiguous) {
  if (issue.kind() == IssueKind::kReal) {
    return {
        {"type", "ContinuousIssue"}, {"name", issue.name()}, {"values", Json::array({issue.lower(), issue.upper()})}};
  }
  if (contiguous) {
    return {
        {"type", "ContiguousIssue"},
        {"name", issue.name()},
        {"values", Json::array({static_cast<std::int64_t>(issue.lower()), static_cast<std::int64_t>(issue.upper())})}};
  }
  CheckListable(issue, "NegMAS files");
  Json values = Json::array();
  for (std::uint64_t p = 0; p < issue.cardinality(); ++p) values.push_back(issue.Format(issue.ValueAt(p)));
  return {{"type", "CategoricalIssue"}, {"name", issue.name()}, {"values", std::move(values)}};
}

Json ValueFunctionJson(const Profile& profile, const Issue& issue, const ValueFunction& f, bool listed) {
  if (!listed) {
    if (!IsAffine(f, issue)) {
      throw UsageError(
          fmt::format("NegMAS files cannot hold party '{}', issue '{}': its {} function is not a line "
                      "over the issue's range",
                      profile.name(), issue.name(),
                      f.shape() == ValueFunction::Shape::kTriangular ? "triangular" : "clamped linear"));
    }
    // v(x) = offset + slope (x - origin) = bias + slope x.
    return {{"type", "AffineFun"}, {"slope", f.slope()}, {"bias", f.offset() - f.slope() * f.origin()}};
  }
  Json mapping = Json::object();
  for (std::uint64_t p = 0; p < issue.cardinality(); ++p) {
    const double value = issue.ValueAt(p);
    mapping[issue.Format(value)] = f.Evaluate(issue, value);
  }
  return {{"type", "TableFun"}, {"mapping", std::move(mapping)}};
}

// The largest utility before Parley's cap at 1, which NegMAS does not apply.
double UncappedBest(const LinearAdditiveUtility& utility) {
  const OutcomeSpace& space = utility.space();
  double best = 0.0;
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    const Issue& issue = space.issue(i);
    const ValueFunction& f = utility.value_functions()[i];
    double hi = -INFINITY;
    if (f.shape() == ValueFunction::Shape::kTable) {
      hi = *std::max_element(f.table().begin(), f.table().end());
    } else {
      for (double x : {issue.lower(), issue.upper()}) hi = std::max(hi, f.Evaluate(issue, x));
      if (f.shape() == ValueFunction::Shape::kTriangular) hi = std::max(hi, 1.0);
    }
    best += utility.weights()[i] * hi;
  }
  return best;
}

Json UtilityJson(const Profile& profile, const std::vector<bool>& contiguous) {
  const LinearAdditiveUtility& utility = LinearOf(profile);
  const OutcomeSpace& space = utility.space();
  if (const double best = UncappedBest(utility); best > 1.0) {
    throw UsageError(
        fmt::format("NegMAS files cannot hold party '{}': its weighted values add up to {} at best, which "
                    "Parley caps at 1 and NegMAS would not",
                    profile.name(), best));
  }
  Json weights = Json::array(), values = Json::array();
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    const Issue& issue = space.issue(i);
    weights.push_back(utility.weights()[i]);
    const bool listed = issue.kind() == IssueKind::kDiscrete || (issue.kind() == IssueKind::kInteger && !contiguous[i]);
    values.push_back(ValueFunctionJson(profile, issue, utility.value_functions()[i], listed));
  }
  Json ufun = {{"type", "LinearAdditiveUtilityFunction"},
               {"name", profile.name()},
               {"reserved_value", profile.reservation_value()},
               {"weights", std::move(weights)},
               {"values", std::move(values)}};
  if (!profile.discounted()) return ufun;
  // Parley's u d^t with t the normalised time is NegMAS's discount over "relative_time".
  return {{"type", "ExpDiscountedUFun"},
          {"name", profile.name()},
          {"reserved_value", profile.reservation_value()},
          {"discount", profile.discount_factor()},
          {"factor", "relative_time"},
          {"dynamic_reservation", true},
          {"ufun", std::move(ufun)}};
}

}  // namespace

std::vector<std::pair<std::string, std::string>> NegmasFiles(const Scenario& scenario, NegmasSyntax syntax) {
  const OutcomeSpace& space = scenario.space();
  for (const Profile& profile : scenario.profiles()) LinearOf(profile);  // before any work on them
  const std::vector<bool> contiguous = ContiguousIssues(scenario);
  Json issues = Json::array();
  bool countable = true;
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    issues.push_back(IssueJson(space.issue(i), contiguous[i]));
    countable = countable && space.issue(i).countable();
  }
  const Json domain = {{"type", countable ? "DiscreteCartesianOutcomeSpace" : "CartesianOutcomeSpace"},
                       {"name", space.name()},
                       {"issues", std::move(issues)}};
  const std::string extension = syntax == NegmasSyntax::kYaml ? ".yml" : ".json";
  auto text = [&](const Json& json) { return syntax == NegmasSyntax::kYaml ? YamlText(json) : JsonText(json); };
  std::vector<std::string> stems;
  std::vector<std::pair<std::string, std::string>> files;
  for (const Profile& profile : scenario.profiles()) {
    CheckFileStem(profile.name(), "the party name");
    stems.push_back(profile.name());
  }
  // NegMAS names the outcome space file after the space; keep that unless a party has the name.
  files.emplace_back(UnusedStem(space.name(), stems) + extension, text(domain));
  for (const Profile& profile : scenario.profiles()) {
    files.emplace_back(profile.name() + extension, text(UtilityJson(profile, contiguous)));
  }
  return files;
}

}  // namespace parley::internal
