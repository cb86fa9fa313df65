// Multi-track negotiations: several negotiations (tracks) running at once on one clock, each with
// its own issues, participants, protocol and mediators, between parties whose overall utility
// depends on the outcome of every track.
//
// A track is an ordinary Scenario over the track's issues holding the profile of every party with
// a stake in it; its participants (a subset) negotiate. A party's overall utility is additive
// across tracks plus interaction terms:
//
//   U_p = sum_t w_(p,t) * v_(p,t)  +  sum of p's interaction terms whose conditions all hold,
//
// where v_(p,t) is p's utility of track t's agreement, or p's reservation value for t (following
// its schedule) at the time t ended without agreement. A condition holds when the track agreed on
// one of the listed values. Events end tracks at given times (an operation starts: the talks
// about postponing it end).
#ifndef PARLEY_MULTI_TRACK_H_
#define PARLEY_MULTI_TRACK_H_

#include <optional>
#include <string>
#include <vector>

#include "parley/protocol.h"
#include "parley/scenario.h"

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

struct Track {
  std::string name;
  std::string description;
  Scenario stakes;                        // every stakeholder's profile over the track's issues
  std::vector<std::string> participants;  // who negotiates, in turn order
  std::string protocol = "saop";          // a protocol spec
  std::vector<std::string> mediators;     // names from MultiTrackScenario::mediators, lead first
  std::vector<std::string> negotiators;   // default negotiator specs, one per participant (optional)
  std::optional<double> ends_at;          // normalised time at which an event ends the track
  std::string ends_because;               // the event's name

  // The scenario the participants negotiate (their profiles only).
  Scenario Negotiation() const { return stakes.WithParties(participants); }
};

struct TrackWeight {
  std::string track;
  double weight = 0.0;
};

struct Interaction {
  struct Condition {
    std::string track;
    std::string issue;
    std::vector<std::string> values;  // as written: value names, or numbers for numeric issues

    // Whether `agreement`, an outcome of `space` (the track's), gives the issue one of the values;
    // false when the space has no such issue.
    bool HeldBy(const OutcomeSpace& space, const Outcome& agreement) const;
  };
  std::vector<Condition> conditions;
  double value = 0.0;
  std::string description;
};

struct MultiTrackParty {
  std::string name;
  std::string description;
  std::vector<TrackWeight> weights;  // tracks the party cares about
  std::vector<Interaction> interactions;
};

struct MediatorRole {
  std::string name;
  std::string description;
  std::string strategy = "hill-climb";   // a mediator spec
  std::optional<std::string> interests;  // a party whose stakes are this mediator's own
};

struct Event {
  std::string name;
  double time = 1.0;
  std::string description;
};

class MultiTrackScenario {
 public:
  // Checks the cross references (participants, stakes and weights name existing parties and
  // tracks, mediators exist, every participant has a stake in its track). Throws UsageError.
  MultiTrackScenario(std::string name, std::string description, std::vector<MultiTrackParty> parties,
                     std::vector<Track> tracks, std::vector<MediatorRole> mediators, std::vector<Event> events);

  // One track holding `scenario`, every party with weight 1: how single-track scenarios run.
  static MultiTrackScenario FromScenario(const Scenario& scenario, std::string protocol = "saop");

  const std::string& name() const { return name_; }
  const std::string& description() const { return description_; }
  const std::vector<MultiTrackParty>& parties() const { return parties_; }
  const std::vector<Track>& tracks() const { return tracks_; }
  const std::vector<MediatorRole>& mediators() const { return mediators_; }
  const std::vector<Event>& events() const { return events_; }
  std::optional<std::size_t> FindParty(std::string_view name) const;
  std::optional<std::size_t> FindTrack(std::string_view name) const;
  std::optional<std::size_t> FindMediator(std::string_view name) const;

  // U_p as above. `agreements[t]` is track t's agreement (or nullopt), `end_times[t]` the
  // normalised time it ended, `rounds` the deadline in rounds (for schedules in rounds).
  double OverallUtility(std::size_t party, const std::vector<std::optional<Outcome>>& agreements,
                        const std::vector<double>& end_times, std::uint64_t rounds) const;
  // p's utility from track t alone (its agreement or its reservation value at `end_time`),
  // unweighted; nullopt if p has no stake in t.
  std::optional<double> TrackValue(std::size_t party, std::size_t track, const std::optional<Outcome>& agreement,
                                   double end_time, std::uint64_t rounds) const;

  std::string source;  // where it was read from

 private:
  std::string name_;
  std::string description_;
  std::vector<MultiTrackParty> parties_;
  std::vector<Track> tracks_;
  std::vector<MediatorRole> mediators_;
  std::vector<Event> events_;
};

// What a negotiator on one track can see of the others, kept current by the runner between
// rounds (NegotiationOptions::tracks points to it).
struct TrackView {
  std::string name;
  bool done = false;
  std::optional<Outcome> agreement;
  std::optional<Outcome> current_offer;  // the offer or text on the table
};
struct MultiTrackState {
  std::vector<TrackView> tracks;
};

struct MultiTrackOptions {
  std::uint64_t rounds = 100;  // one clock for every track
  double time_limit_seconds = 0.0;
  std::uint64_t seed = 0;
  bool record_trace = false;
  // Negotiator specs per track, one per participant in turn order (one spec: every participant).
  // A track without an entry uses its own Track::negotiators, or else `default_negotiators`
  // (the first to the first participant, the last to every later one).
  std::vector<std::vector<std::string>> negotiators;
  std::vector<std::string> default_negotiators = {"boulware", "absolute-tft"};
  // Protocol and mediator specs per track, overriding the scenario's when non-empty.
  std::vector<std::string> protocols;
  std::vector<std::vector<std::string>> mediators;
};

struct MultiTrackResult {
  std::vector<NegotiationResult> tracks;
  std::vector<std::string> protocols;        // as run, per track
  std::vector<double> overall_utilities;     // per party of the scenario
  std::vector<double> overall_without_deal;  // per party: every track ending without agreement
};

// Runs every track side by side: round r of every unfinished track is played before round r + 1
// of any; an event stops a track when its time comes; negotiators see the other tracks' state.
MultiTrackResult RunMultiTrack(const MultiTrackScenario& scenario, const MultiTrackOptions& options);

// Loads a multi-track scenario: a built-in name, a Parley multi-track JSON file, or any single-
// track scenario (as one track). Throws InputError.
MultiTrackScenario LoadMultiTrackScenario(const std::string& name_or_path);

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_MULTI_TRACK_H_
