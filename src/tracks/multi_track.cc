#include "parley/multi_track.h"

#include <set>

#include <fmt/format.h>

#include "parley/error.h"

namespace parley {

bool Interaction::Condition::HeldBy(const OutcomeSpace& space, const Outcome& agreement) const {
  const auto position = space.FindIssue(issue);
  if (!position) return false;
  for (const auto& text : values) {
    const auto value = space.issue(*position).Parse(text);
    if (value && *value == agreement[*position]) return true;
  }
  return false;
}

MultiTrackScenario::MultiTrackScenario(std::string name, std::string description, std::vector<MultiTrackParty> parties,
                                       std::vector<Track> tracks, std::vector<MediatorRole> mediators,
                                       std::vector<Event> events)
    : name_(std::move(name)),
      description_(std::move(description)),
      parties_(std::move(parties)),
      tracks_(std::move(tracks)),
      mediators_(std::move(mediators)),
      events_(std::move(events)) {
  std::set<std::string> seen;
  for (const auto& party : parties_) {
    if (!seen.insert(party.name).second) throw UsageError(fmt::format("two parties are named '{}'", party.name));
  }
  seen.clear();
  for (const auto& track : tracks_) {
    if (!seen.insert(track.name).second) throw UsageError(fmt::format("two tracks are named '{}'", track.name));
  }
  if (tracks_.empty()) throw UsageError(fmt::format("'{}' has no tracks", name_));
  for (const auto& track : tracks_) {
    for (const auto& profile : track.stakes.profiles()) {
      if (!FindParty(profile.name())) {
        throw UsageError(
            fmt::format("track '{}' has a profile for '{}', who is not a party", track.name, profile.name()));
      }
    }
    if (track.participants.size() < 2) {
      throw UsageError(fmt::format("track '{}' has {} participant(s); a negotiation needs at least two", track.name,
                                   track.participants.size()));
    }
    for (const auto& participant : track.participants) {
      if (!track.stakes.FindParty(participant)) {
        throw UsageError(
            fmt::format("'{}' takes part in track '{}' but has no profile for it", participant, track.name));
      }
    }
    if (!track.negotiators.empty() && track.negotiators.size() != track.participants.size()) {
      throw UsageError(fmt::format("track '{}' names {} negotiators for {} participants", track.name,
                                   track.negotiators.size(), track.participants.size()));
    }
    for (const auto& mediator : track.mediators) {
      if (!FindMediator(mediator)) {
        throw UsageError(fmt::format("track '{}' names the mediator '{}', who is not listed", track.name, mediator));
      }
    }
    if (track.ends_at && !(*track.ends_at > 0.0 && *track.ends_at <= 1.0)) {
      throw UsageError(
          fmt::format("track '{}' ends at time {}; expected a time in (0, 1]", track.name, *track.ends_at));
    }
  }
  for (const auto& party : parties_) {
    for (const auto& weight : party.weights) {
      const auto track = FindTrack(weight.track);
      if (!track) throw UsageError(fmt::format("'{}' weighs the unknown track '{}'", party.name, weight.track));
      if (!tracks_[*track].stakes.FindParty(party.name)) {
        throw UsageError(fmt::format("'{}' weighs track '{}' but has no profile for it", party.name, weight.track));
      }
      if (!std::isfinite(weight.weight) || weight.weight < 0.0) {
        throw UsageError(fmt::format("'{}' gives track '{}' the weight {}; expected a non-negative number", party.name,
                                     weight.track, weight.weight));
      }
    }
    for (const auto& interaction : party.interactions) {
      for (const auto& condition : interaction.conditions) {
        const auto track = FindTrack(condition.track);
        if (!track) {
          throw UsageError(
              fmt::format("an interaction of '{}' refers to the unknown track '{}'", party.name, condition.track));
        }
        const OutcomeSpace& space = tracks_[*track].stakes.space();
        const auto issue = space.FindIssue(condition.issue);
        if (!issue) {
          throw UsageError(fmt::format("an interaction of '{}' refers to the unknown issue '{}' of track '{}'",
                                       party.name, condition.issue, condition.track));
        }
        for (const auto& value : condition.values) {
          if (!space.issue(*issue).Parse(value)) {
            throw UsageError(fmt::format("an interaction of '{}' refers to '{}', not a value of '{}' in track '{}'",
                                         party.name, value, condition.issue, condition.track));
          }
        }
      }
    }
  }
  for (const auto& mediator : mediators_) {
    if (mediator.interests && !FindParty(*mediator.interests)) {
      throw UsageError(fmt::format("mediator '{}' has the interests of '{}', who is not a party", mediator.name,
                                   *mediator.interests));
    }
  }
}

MultiTrackScenario MultiTrackScenario::FromScenario(const Scenario& scenario, std::string protocol) {
  std::vector<MultiTrackParty> parties;
  std::vector<std::string> participants;
  for (const auto& profile : scenario.profiles()) {
    parties.push_back({profile.name(), "", {{scenario.name(), 1.0}}, {}});
    participants.push_back(profile.name());
  }
  Track track{scenario.name(), scenario.description(), scenario, participants, std::move(protocol), {}, {}, {}, {}};
  MultiTrackScenario result(scenario.name(), scenario.description(), std::move(parties), {std::move(track)}, {}, {});
  result.source = scenario.source();
  return result;
}

std::optional<std::size_t> MultiTrackScenario::FindParty(std::string_view name) const {
  for (std::size_t i = 0; i < parties_.size(); ++i) {
    if (parties_[i].name == name) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> MultiTrackScenario::FindTrack(std::string_view name) const {
  for (std::size_t i = 0; i < tracks_.size(); ++i) {
    if (tracks_[i].name == name) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> MultiTrackScenario::FindMediator(std::string_view name) const {
  for (std::size_t i = 0; i < mediators_.size(); ++i) {
    if (mediators_[i].name == name) return i;
  }
  return std::nullopt;
}

std::optional<double> MultiTrackScenario::TrackValue(std::size_t party, std::size_t track,
                                                     const std::optional<Outcome>& agreement, double end_time,
                                                     std::uint64_t rounds) const {
  const auto stake = tracks_[track].stakes.FindParty(parties_[party].name);
  if (!stake) return std::nullopt;
  const Profile& profile = tracks_[track].stakes.profile(*stake);
  return agreement ? profile.Utility(*agreement) : profile.ReservationValueAt(end_time, rounds);
}

double MultiTrackScenario::OverallUtility(std::size_t party, const std::vector<std::optional<Outcome>>& agreements,
                                          const std::vector<double>& end_times, std::uint64_t rounds) const {
  const MultiTrackParty& p = parties_[party];
  double total = 0.0;
  for (const auto& weight : p.weights) {
    const std::size_t track = *FindTrack(weight.track);
    total += weight.weight * TrackValue(party, track, agreements[track], end_times[track], rounds).value_or(0.0);
  }
  for (const auto& interaction : p.interactions) {
    bool all = true;
    for (const auto& condition : interaction.conditions) {
      const std::size_t track = *FindTrack(condition.track);
      all = all && agreements[track] && condition.HeldBy(tracks_[track].stakes.space(), *agreements[track]);
    }
    if (all) total += interaction.value;
  }
  return total;
}

}  // namespace parley
