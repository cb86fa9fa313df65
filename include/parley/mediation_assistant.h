// The mediator's assistant: from the parties' preferences (stated to the mediator, or the
// mediator's estimates), the answers a mediator asks for before and during talks, per track and
// for the joint package across tracks, at several points of the clock:
//
//   1. Is there a package every party prefers to its fallback, and how many (the zone)?
//   2. Which K packages to propose: the best by Nash product of gains over the fallbacks.
//   3. Which issue stands most in the way (the stumbling block): how much the zone grows when an
//      issue is settled first, or taken off the table.
//   4. How these answers change as the deadline approaches and events change the fallbacks.
//
// Utilities are undiscounted, fallbacks follow the reservation schedules, and "prefers" means a
// strictly larger utility after rounding with UtilityKey (as in analysis.h). The definitions and
// formulas are in docs/mediate.md.
#ifndef PARLEY_MEDIATION_ASSISTANT_H_
#define PARLEY_MEDIATION_ASSISTANT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parley/multi_track.h"
#include "parley/outcome_space.h"

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

struct MediationOptions {
  std::size_t top = 5;  // K, the packages proposed; at least 1
  // Normalised times in [0, 1] to answer at; 0 (now) is always added. Empty: the default times.
  std::vector<double> times;
  // A track's packages are enumerated up to this many; larger tracks answer (1) and (2) from the
  // Pareto frontier and skip the zone's size and the stumbling block.
  std::uint64_t track_enumeration_limit = 10'000'000;
  // The joint package is analysed when the product of the tracks' spaces is at most this.
  std::uint64_t joint_enumeration_limit = 1'000'000;
  std::uint64_t rounds = 0;  // the deadline in rounds, for schedules given in rounds (0: none)
};

// 0, 0.25, 0.5 and 1, plus, for every event, every time a track ends and every step of a
// participant's reservation schedule (in time units) at time e in (0, 1): e and e - 0.01.
// Sorted, without duplicates.
std::vector<double> DefaultMediationTimes(const MultiTrackScenario& scenario);

// One package and what it gives each party.
struct MediationPackage {
  std::vector<Outcome> parts;     // one outcome per track of the subject, in its track order
  std::vector<double> utilities;  // per party of the subject
  std::vector<double> gains;      // utility minus the party's fallback at the moment's time
  double nash_product = 0.0;      // product of the gains
};

// What happens to the zone when one issue is settled or removed. Fractions are of the packages
// left once the issue is fixed or dropped (`remaining_packages` of them).
struct IssueGrowth {
  std::size_t track = 0;  // index in MultiTrackScenario::tracks()
  std::size_t issue = 0;  // index in that track's outcome space
  std::string name;       // the issue's name; "track/issue" in the joint package
  std::uint64_t remaining_packages = 0;

  // SETTLED: the issue fixed at the value (Outcome encoding) leaving the most zone packages among
  // the remaining issues (the first such value in the issue's order). Utilities are unchanged,
  // so the settled zone is part of the zone: it is empty when the zone is.
  double settled_value = 0.0;
  std::uint64_t settled_zone_size = 0;
  double settled_fraction = 0.0;
  std::optional<double> settled_growth;  // settled_fraction / zone fraction; absent if the zone is empty

  // REMOVED: the issue dropped from every party's utility (linear additive utilities lose the
  // issue's term and renormalise the remaining weights; in the joint package, interaction terms
  // conditioned on the issue are dropped too). Fallbacks are unchanged.
  bool removal_defined = false;
  std::string removal_undefined_reason;  // when not defined
  std::uint64_t removed_zone_size = 0;
  double removed_fraction = 0.0;
  std::optional<double> removed_growth;  // removed_fraction / zone fraction; absent if the zone is empty
};

// The answers at one time.
struct MediationMoment {
  double time = 0.0;
  std::vector<double> fallbacks;           // per party of the subject: its utility of no deal now
  std::vector<std::string> ended_tracks;   // tracks of the subject that an event has ended by now
  bool zone_exists = false;                // (1): some package gives every party more than its fallback
  std::optional<std::uint64_t> zone_size;  // absent when the packages were not enumerated
  std::optional<double> zone_fraction;     // zone_size / packages
  std::vector<MediationPackage> best;      // (2): at most K, best Nash product first
  // (3): every issue, ranked: when the zone is not empty by settled growth, then removed growth
  // (undefined last), then issue order; when it is empty, by removed fraction, then issue order.
  // Empty when the packages were not enumerated.
  std::vector<IssueGrowth> issues;
  // The stumbling block, issues.front(), when dealing with it grows the zone: settled growth > 1
  // (or, when the zone is empty, a removal that opens one). Its name, else absent.
  std::optional<std::string> stumbling_block;
};

// One track between its participants, or the joint package across every track between every
// party.
struct MediationSubject {
  std::string name;  // the track's name, or "joint package"
  bool joint = false;
  std::vector<std::size_t> tracks;        // the tracks its packages cover
  std::vector<std::string> parties;       // whose preferences count, in the order of every per-party vector
  std::optional<std::uint64_t> packages;  // size of the package space, when countable
  bool enumerated = false;                // false: (1) and (2) come from the Pareto frontier
  std::string method;                     // how it was computed, for people
  std::vector<MediationMoment> moments;   // one per time of the report
};

struct MediationReport {
  std::string scenario;
  std::vector<double> times;
  std::size_t top = 0;
  std::vector<MediationSubject> tracks;   // one per track, in the scenario's order
  std::optional<MediationSubject> joint;  // with two tracks or more, when small enough
  std::string joint_note;                 // why there is no joint analysis, when there is none
};

// Computes the report. Throws UsageError for K = 0 or a time outside [0, 1].
MediationReport AssistMediation(const MultiTrackScenario& scenario, const MediationOptions& options = {});

// A package in words: "issue: value; issue: value" (tracks separated by " | " and named in the
// joint package).
std::string DescribePackage(const MultiTrackScenario& scenario, const MediationSubject& subject,
                            const MediationPackage& package);

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_MEDIATION_ASSISTANT_H_
