// What a scenario becomes with one issue taken off the table, for the mediator's assistant's
// stumbling-block question: the issue's term removed from every profile and the remaining weights
// renormalised; across tracks, the interaction terms that can no longer hold dropped.
// Definitions: docs/mediate.md#3-the-stumbling-block-settled-and-removed-zone-growth
#include "assistant/issue_removal.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "parley/utility.h"

namespace parley::internal {

std::shared_ptr<const OutcomeSpace> SpaceWithout(const OutcomeSpace& space, std::size_t drop) {
  std::vector<Issue> issues;
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    if (i != drop) issues.push_back(space.issue(i));
  }
  return std::make_shared<const OutcomeSpace>(space.name(), std::move(issues));
}

std::shared_ptr<const UtilityFunction> WithoutIssue(const Profile& profile, std::size_t drop,
                                                    const std::shared_ptr<const OutcomeSpace>& reduced,
                                                    std::string& why) {
  const auto* linear = dynamic_cast<const LinearAdditiveUtility*>(&profile.utility_function());
  if (!linear) {
    why = fmt::format("{}'s utility is {}, not linear additive", profile.name(), profile.utility_function().kind());
    return nullptr;
  }
  std::vector<double> weights;
  std::vector<ValueFunction> functions;
  double remaining = 0.0;
  for (std::size_t i = 0; i < linear->weights().size(); ++i) {
    if (i == drop) continue;
    weights.push_back(linear->weights()[i]);
    functions.push_back(linear->value_functions()[i]);
    remaining += linear->weights()[i];
  }
  if (!(remaining > 0.0)) {
    why = fmt::format("{} gives weight only to this issue", profile.name());
    return nullptr;
  }
  return std::make_shared<const LinearAdditiveUtility>(reduced, std::move(weights), std::move(functions));
}

namespace {

// The profile with the issue removed, keeping its fallback and schedule.
std::optional<Profile> ProfileWithout(const Profile& profile, std::size_t drop,
                                      const std::shared_ptr<const OutcomeSpace>& reduced, std::string& why) {
  auto utility = WithoutIssue(profile, drop, reduced, why);
  if (!utility) return std::nullopt;
  Profile result(profile.name(), std::move(utility), profile.reservation_value(), profile.discount_factor());
  if (!profile.reservation_schedule().empty()) result = result.WithSchedule(profile.reservation_schedule());
  return result;
}

}  // namespace

std::optional<Scenario> ScenarioWithout(const Scenario& scenario, std::size_t drop, std::string& why) {
  if (scenario.space().issue_count() < 2) {
    why = "it is the only issue";
    return std::nullopt;
  }
  const auto reduced = SpaceWithout(scenario.space(), drop);
  std::vector<Profile> profiles;
  for (const auto& profile : scenario.profiles()) {
    auto without = ProfileWithout(profile, drop, reduced, why);
    if (!without) return std::nullopt;
    profiles.push_back(std::move(*without));
  }
  return Scenario(scenario.name(), reduced, std::move(profiles));
}

std::optional<MultiTrackScenario> MultiTrackWithout(const MultiTrackScenario& scenario, std::size_t track,
                                                    std::size_t issue, std::string& why) {
  const Track& changed = scenario.tracks()[track];
  auto stakes = ScenarioWithout(changed.stakes, issue, why);
  if (!stakes) {
    if (changed.stakes.space().issue_count() < 2) why = fmt::format("it is the only issue of track '{}'", changed.name);
    return std::nullopt;
  }
  std::vector<Track> tracks = scenario.tracks();
  tracks[track].stakes = std::move(*stakes);
  const std::string& issue_name = changed.stakes.space().issue(issue).name();
  std::vector<MultiTrackParty> parties = scenario.parties();
  for (auto& party : parties) {
    std::erase_if(party.interactions, [&](const Interaction& interaction) {
      return std::any_of(interaction.conditions.begin(), interaction.conditions.end(), [&](const auto& condition) {
        return condition.track == changed.name && condition.issue == issue_name;
      });
    });
  }
  return MultiTrackScenario(scenario.name(), scenario.description(), std::move(parties), std::move(tracks),
                            scenario.mediators(), scenario.events());
}

}  // namespace parley::internal
