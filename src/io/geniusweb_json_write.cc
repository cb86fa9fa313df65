// Writing GeniusWeb scenario folders: a domain file and one LinearAdditiveUtilitySpace profile
// per party, with weights whose decimal sum is exactly 1 and the reservation value as a bid when
// an outcome has it (or, unless strict, NegMAS's extra keys). docs/formats/geniusweb-json.md says
// what is written and what is refused.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "io/geniusweb_json_internal.h"
#include "io/json_node.h"
#include "io/json_text.h"
#include "io/scenario_files.h"
#include "parley/error.h"
#include "parley/utility.h"

namespace parley {
namespace {

using internal::Json;
using internal::kGeniusWebProfileKind;

// The reservation bid is looked for among at most this many outcomes.
constexpr std::uint64_t kMaxSearchedOutcomes = 10'000'000;

// ---------------------------------------------------------------------------------------------
// Decimals: GeniusWeb's numbers are decimals (Java BigDecimal); weights keep them.

// Weights close to `weights` (which sum to about 1) with at most 15 decimal places each whose
// decimal sum is exactly 1, as GeniusWeb requires; the largest absorbs the rounding.
std::vector<double> DecimalWeights(const std::vector<double>& weights) {
  constexpr double kUnit = 1e15;
  std::vector<std::int64_t> units;
  std::int64_t total = 0;
  for (double w : weights) {
    units.push_back(std::llround(w * kUnit));
    total += units.back();
  }
  const auto largest = std::max_element(units.begin(), units.end());
  *largest += static_cast<std::int64_t>(kUnit) - total;
  std::vector<double> result;
  for (std::int64_t u : units) result.push_back(static_cast<double>(u) / kUnit);
  return result;
}

// GeniusWeb names (of domains and profiles) are letters and digits only.
std::string SimpleName(const std::string& name, std::string_view fallback) {
  std::string simple;
  for (unsigned char c : name) {
    if (std::isalnum(c) && c < 128) simple += static_cast<char>(c);
  }
  return simple.empty() ? std::string(fallback) : simple;
}

// How a Parley issue is written: as a list of value names, or as a number range whose
// utilities are a line from its low to its high value.
struct WrittenIssue {
  bool range = false;
};

// The clamped-linear function of an integer issue as GeniusWeb's line, when it is one: both ends
// in [0, 1], and GENIUS's clamp changes nothing in between.
std::optional<std::pair<double, double>> LineEnds(const ValueFunction& f, const Issue& issue) {
  if (f.shape() != ValueFunction::Shape::kLinear || !(issue.upper() > issue.lower())) return std::nullopt;
  const double low = f.offset() + f.slope() * (issue.lower() - f.origin());
  const double high = f.offset() + f.slope() * (issue.upper() - f.origin());
  if (!(low >= 0.0 && low <= 1.0 && high >= 0.0 && high <= 1.0)) return std::nullopt;
  return std::make_pair(low, high);
}

const LinearAdditiveUtility& LinearOf(const Profile& profile) {
  const LinearAdditiveUtility& utility = internal::LinearUtilityToWrite(profile, "GeniusWeb JSON");
  internal::RefuseWeightsNotAddingUpToOne(
      profile, utility, "GeniusWeb JSON", "GeniusWeb needs weights that add up to 1",
      "read the GENIUS folder with genius-xml(normalise_weights=true) to normalise them");
  return utility;
}

std::vector<WrittenIssue> ChooseIssues(const Scenario& scenario) {
  const OutcomeSpace& space = scenario.space();
  for (const Profile& profile : scenario.profiles()) LinearOf(profile);  // before any work on them
  std::vector<WrittenIssue> written(space.issue_count());
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    const Issue& issue = space.issue(i);
    if (issue.kind() == IssueKind::kReal) {
      throw UsageError(
          fmt::format("GeniusWeb JSON cannot hold issue '{}': GeniusWeb's value sets are finite (a list "
                      "of values, or a range with a step), and this issue is a real interval",
                      issue.name()));
    }
    if (issue.kind() != IssueKind::kInteger) continue;
    written[i].range = std::all_of(scenario.profiles().begin(), scenario.profiles().end(), [&](const Profile& p) {
      return LineEnds(LinearOf(p).value_functions()[i], issue).has_value();
    });
  }
  return written;
}

Json DomainJson(const OutcomeSpace& space, const std::vector<WrittenIssue>& written) {
  Json values = Json::object();
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    const Issue& issue = space.issue(i);
    if (written[i].range) {
      values[issue.name()] = {{"range",
                               {{"low", static_cast<std::int64_t>(issue.lower())},
                                {"high", static_cast<std::int64_t>(issue.upper())},
                                {"step", 1}}}};
      continue;
    }
    internal::CheckListable(issue, "GeniusWeb JSON");
    Json names = Json::array();
    for (std::uint64_t p = 0; p < issue.cardinality(); ++p) names.push_back(issue.Format(issue.ValueAt(p)));
    values[issue.name()] = {{"values", std::move(names)}};
  }
  return {{"name", SimpleName(space.name(), "domain")}, {"issuesValues", std::move(values)}};
}

// The outcome whose utility is the reservation value, if one is found.
std::optional<Outcome> ReservationOutcome(const Profile& profile) {
  const OutcomeSpace& space = profile.utility_function().space();
  if (!space.cardinality() || *space.cardinality() > kMaxSearchedOutcomes) return std::nullopt;
  std::vector<double> utilities;
  profile.utility_function().EvaluateAll(utilities);
  const double r = profile.reservation_value();
  auto at = std::find(utilities.begin(), utilities.end(), r);
  if (at == utilities.end()) {
    at = std::min_element(utilities.begin(), utilities.end(),
                          [&](double a, double b) { return std::abs(a - r) < std::abs(b - r); });
    if (std::abs(*at - r) > 1e-12) return std::nullopt;
  }
  return space.OutcomeAt(static_cast<OutcomeIndex>(at - utilities.begin()));
}

Json ProfileJson(const Profile& profile, const Json& domain, const std::vector<WrittenIssue>& written, bool strict) {
  const LinearAdditiveUtility& utility = LinearOf(profile);
  const OutcomeSpace& space = utility.space();
  Json utilities = Json::object();
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    const Issue& issue = space.issue(i);
    const ValueFunction& f = utility.value_functions()[i];
    if (written[i].range) {
      const auto [low, high] = *LineEnds(f, issue);
      utilities[issue.name()] = {{"NumberValueSetUtilities",
                                  {{"lowValue", static_cast<std::int64_t>(issue.lower())},
                                   {"lowUtility", low},
                                   {"highValue", static_cast<std::int64_t>(issue.upper())},
                                   {"highUtility", high}}}};
      continue;
    }
    Json table = Json::object();
    for (std::uint64_t p = 0; p < issue.cardinality(); ++p) {
      const double value = issue.ValueAt(p);
      const double u = f.Evaluate(issue, value);
      if (!(u >= 0.0 && u <= 1.0)) {
        throw UsageError(
            fmt::format("GeniusWeb JSON cannot hold party '{}', issue '{}': the value '{}' is worth {}, "
                        "outside GeniusWeb's [0, 1]",
                        profile.name(), issue.name(), issue.Format(value), u));
      }
      table[issue.Format(value)] = u;
    }
    utilities[issue.name()] = {{"DiscreteValueSetUtilities", {{"valueUtilities", std::move(table)}}}};
  }
  Json weights = Json::object();
  const std::vector<double> decimal = DecimalWeights(utility.weights());
  for (std::size_t i = 0; i < space.issue_count(); ++i) weights[space.issue(i).name()] = decimal[i];

  Json body = {{"issueUtilities", std::move(utilities)},
               {"issueWeights", std::move(weights)},
               {"domain", domain},
               {"name", SimpleName(profile.name(), "profile")}};
  if (profile.reservation_value() != 0.0) {
    if (const auto outcome = ReservationOutcome(profile)) {
      Json values = Json::object();
      for (std::size_t i = 0; i < space.issue_count(); ++i) {
        const Issue& issue = space.issue(i);
        if (written[i].range) {
          values[issue.name()] = static_cast<std::int64_t>((*outcome)[i]);
        } else {
          values[issue.name()] = issue.Format((*outcome)[i]);
        }
      }
      body["reservationBid"] = {{"issuevalues", std::move(values)}};
    } else if (strict) {
      throw UsageError(
          fmt::format("GeniusWeb JSON (strict) cannot hold the reservation value {} of party '{}': no "
                      "outcome has that utility, and GeniusWeb gives a reservation value as a bid",
                      profile.reservation_value(), profile.name()));
    } else {
      body["reserved_value"] = profile.reservation_value();
    }
  }
  if (profile.discounted()) {
    if (strict) {
      throw UsageError(
          fmt::format("GeniusWeb JSON (strict) cannot hold the discount factor of party '{}': GeniusWeb "
                      "profiles have none",
                      profile.name()));
    }
    body["discount_factor"] = profile.discount_factor();
  }
  return {{std::string(kGeniusWebProfileKind), std::move(body)}};
}

}  // namespace

namespace internal {

void WriteGeniusWebFolder(const Scenario& scenario, const std::filesystem::path& path, bool strict) {
  const std::vector<WrittenIssue> written = ChooseIssues(scenario);
  const Json domain = DomainJson(scenario.space(), written);
  std::vector<std::string> stems;
  std::vector<std::pair<std::string, std::string>> files;
  for (const Profile& profile : scenario.profiles()) {
    internal::CheckFileStem(profile.name(), "the party name");
    stems.push_back(profile.name());
    files.emplace_back(profile.name() + ".json", internal::JsonText(ProfileJson(profile, domain, written, strict)));
  }
  files.insert(files.begin(), {internal::UnusedStem("domain", stems) + ".json", internal::JsonText(domain)});
  internal::WriteFolderAtomically(path, files);
}

}  // namespace internal
}  // namespace parley
