// What a scenario becomes with one issue taken off the table (issue_removal.cc), for the
// mediator's assistant: how much the zone of agreement grows without the issue.
#ifndef PARLEY_ASSISTANT_ISSUE_REMOVAL_H_
#define PARLEY_ASSISTANT_ISSUE_REMOVAL_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "parley/multi_track.h"
#include "parley/scenario.h"

namespace parley::internal {

// The space without issue `drop`.
std::shared_ptr<const OutcomeSpace> SpaceWithout(const OutcomeSpace& space, std::size_t drop);

// `profile`'s utility function over `reduced` (its space without issue `drop`): the issue's term
// removed and the remaining weights renormalised; null with the reason in `why` when that is not
// defined (a utility that is not linear additive, or all of its weight on this issue).
std::shared_ptr<const UtilityFunction> WithoutIssue(const Profile& profile, std::size_t drop,
                                                    const std::shared_ptr<const OutcomeSpace>& reduced,
                                                    std::string& why);

// `scenario` with issue `drop` removed from every profile (its term removed and the remaining
// weights renormalised, the fallback and schedule kept); nullopt with the reason in `why` when
// some profile cannot lose it (the only issue, a utility that is not linear additive, or all of a
// party's weight on this issue).
std::optional<Scenario> ScenarioWithout(const Scenario& scenario, std::size_t drop, std::string& why);

// `scenario` with issue `issue` of track `track` off the table: removed from every stake profile
// of the track, and interaction terms conditioned on it dropped (their condition can no longer
// hold). Nullopt with the reason in `why` when that is not defined.
std::optional<MultiTrackScenario> MultiTrackWithout(const MultiTrackScenario& scenario, std::size_t track,
                                                    std::size_t issue, std::string& why);

}  // namespace parley::internal

#endif  // PARLEY_ASSISTANT_ISSUE_REMOVAL_H_
