// The enumerated answers of the mediator's assistant for one subject (a track, or the joint
// package), from a table of every party's utility of every package: the zone, the best K packages,
// the zone per issue value and the ranking of the issues. Shared by AssistMediation and the
// mediation kernel that answers the same questions in sampled worlds (mediation_kernel.h), so that
// both give the same answers from the same numbers. docs/mediate.md defines the answers.
#ifndef PARLEY_ASSISTANT_PACKAGE_SWEEP_H_
#define PARLEY_ASSISTANT_PACKAGE_SWEEP_H_

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <queue>
#include <string>
#include <utility>
#include <vector>

#include "parley/mediation_assistant.h"
#include "parley/multi_track.h"
#include "parley/outcome_space.h"
#include "parley/utility.h"

namespace parley::internal {

// Each party's utility of every package of an enumerated space.
struct PackageTable {
  std::vector<std::uint64_t> radix;  // values per issue, last issue fastest
  std::uint64_t size = 0;
  std::vector<std::vector<double>> utilities;  // [party][package index]
  // Optional, [party][package index]: UtilityKey of each utility, for tables swept at many times
  // (FillKeys); empty: computed at each test. Either way the same zone.
  std::vector<std::vector<std::int64_t>> keys;
};

// Fills table.keys from table.utilities.
void FillKeys(PackageTable& table);

std::vector<std::uint64_t> RadixOf(const OutcomeSpace& space);

// A package ranked for proposal: larger Nash product first, then larger sum of utilities (so that
// ties in the product go to the package that leaves less on the table), then enumeration order.
struct Candidate {
  double product = 0.0;
  double welfare = 0.0;
  std::uint64_t index = 0;
};
bool Preferred(const Candidate& a, const Candidate& b);
// Package `index` with its Nash product of gains over `fallbacks` and its welfare.
Candidate CandidateOf(const PackageTable& table, const std::vector<double>& fallbacks, std::uint64_t index);

// The UtilityKey of each fallback: a package is in the zone when every party's key of it is larger.
std::vector<std::int64_t> Keys(const std::vector<double>& fallbacks);
inline bool InZone(const PackageTable& table, const std::vector<std::int64_t>& keys, std::uint64_t index) {
  for (std::size_t p = 0; p < keys.size(); ++p) {
    const std::int64_t key = table.keys.empty() ? UtilityKey(table.utilities[p][index]) : table.keys[p][index];
    if (key <= keys[p]) return false;
  }
  return true;
}
std::uint64_t ZoneSize(const PackageTable& table, const std::vector<std::int64_t>& keys);

// What one sweep of the full table at one time yields.
struct Sweep {
  std::uint64_t zone_size = 0;
  std::vector<Candidate> best;                       // best first
  std::vector<std::vector<std::uint64_t>> by_value;  // [issue][position]: zone packages with that value
};
Sweep SweepTable(const PackageTable& table, const std::vector<double>& fallbacks, std::size_t top);
// The same into `sweep` (its buffers reused), calling visit(candidate) for every package in the
// zone in index order (its Nash product of gains and its welfare filled in). With top = 0 no best
// packages are kept.
template <typename Visit>
void SweepInto(const PackageTable& table, const std::vector<double>& fallbacks, std::size_t top, Visit visit,
               Sweep& sweep);

// The times of the report: options.times (or DefaultMediationTimes), with 0 added, sorted and
// without duplicates. Throws UsageError for K = 0 or a time outside [0, 1].
std::vector<double> ReportTimes(const MultiTrackScenario& scenario, const MediationOptions& options);
void SortUnique(std::vector<double>& times);

// Why the joint package is not analysed (one track, a track too large or not countable, too many
// joint packages), or nullopt when it is.
std::optional<std::string> JointNote(const MultiTrackScenario& scenario, const MediationOptions& options);

// The joint package space: every track's issues in track order, named "track/issue".
std::shared_ptr<const OutcomeSpace> JointSpace(const MultiTrackScenario& scenario);
// Splits a joint outcome into one outcome per track.
std::vector<Outcome> SplitJoint(const MultiTrackScenario& scenario, const Outcome& joint);

// The tracks among `tracks` that have ended by `time` (ends_at[t] <= time), by name.
std::vector<std::string> EndedTracks(const MultiTrackScenario& scenario,
                                     const std::vector<std::optional<double>>& ends_at,
                                     const std::vector<std::size_t>& tracks, double time);
// One empty moment per time, with its fallbacks and ended tracks.
std::vector<MediationMoment> Moments(const MultiTrackScenario& scenario,
                                     const std::vector<std::optional<double>>& ends_at,
                                     const std::vector<std::size_t>& tracks,
                                     const std::vector<std::vector<double>>& fallbacks,
                                     const std::vector<double>& times);
// Each track's ends_at, as the scenario says.
std::vector<std::optional<double>> EndsAt(const MultiTrackScenario& scenario);

// A track's subject (its participants' packages) and the joint package's subject (every party's),
// with their names, tracks, parties and package counts, before any answer. The joint subject is
// enumerated by construction (JointNote says when it is not analysed at all).
MediationSubject TrackSubject(const MultiTrackScenario& scenario, std::size_t track);
MediationSubject JointSubject(const MultiTrackScenario& scenario, const OutcomeSpace& joint_space);
// The method of an enumerated track subject, for people.
std::string TrackMethod(std::uint64_t packages);
// For each issue of the subject covering `tracks`, the track and issue it comes from.
std::vector<std::pair<std::size_t, std::size_t>> Origin(const MultiTrackScenario& scenario,
                                                        const std::vector<std::size_t>& tracks);

MediationPackage MakePackage(const std::vector<double>& utilities, const std::vector<double>& fallbacks,
                             std::vector<Outcome> parts);

// The moment's zone, best packages and settled issues from its sweep. `origin[i]` is the track and
// issue that issue i of `space` comes from; `parts(index)` turns a package index into one outcome
// per track. The removed side of each issue is filled by FillRemoved, the ranking by RankIssues.
template <typename Parts>
void FillMoment(MediationMoment& moment, const OutcomeSpace& space,
                const std::vector<std::pair<std::size_t, std::size_t>>& origin, const PackageTable& table,
                const Sweep& sweep, const std::vector<double>& fallbacks, Parts parts);

// Issue i's removal at one moment: nullopt with `why` when undefined, else the zone's size in the
// table without the issue.
void FillRemoved(MediationMoment& moment, std::size_t issue, std::optional<std::uint64_t> removed_zone_size,
                 const std::string& why);

// Ranks the issues (see MediationMoment::issues) and names the stumbling block.
void RankIssues(MediationMoment& moment, std::uint64_t packages);

// The enumerated answers for one subject whose packages are `space` (a track's, or the joint
// space): FillMoment per time, then one reduced table at a time (`removal(i, why)` gives the table
// without issue i, or nullopt with the reason) swept at every time, then RankIssues.
template <typename Removal, typename Parts>
void AnswerByEnumeration(MediationSubject& subject, const OutcomeSpace& space,
                         const std::vector<std::pair<std::size_t, std::size_t>>& origin, const PackageTable& table,
                         const std::vector<std::vector<double>>& fallbacks, std::size_t top, Removal removal,
                         Parts parts) {
  for (std::size_t m = 0; m < subject.moments.size(); ++m) {
    FillMoment(subject.moments[m], space, origin, table, SweepTable(table, fallbacks[m], top), fallbacks[m], parts);
  }
  // One reduced table at a time, swept at every time.
  for (std::size_t i = 0; i < table.radix.size(); ++i) {
    std::string why;
    const std::optional<PackageTable> reduced = removal(i, why);
    for (std::size_t m = 0; m < subject.moments.size(); ++m) {
      FillRemoved(subject.moments[m], i, reduced ? std::optional(ZoneSize(*reduced, Keys(fallbacks[m]))) : std::nullopt,
                  why);
    }
  }
  for (auto& moment : subject.moments) RankIssues(moment, table.size);
}

template <typename Parts>
void FillMoment(MediationMoment& moment, const OutcomeSpace& space,
                const std::vector<std::pair<std::size_t, std::size_t>>& origin, const PackageTable& table,
                const Sweep& sweep, const std::vector<double>& fallbacks, Parts parts) {
  const double packages = static_cast<double>(table.size);
  moment.zone_exists = sweep.zone_size > 0;
  moment.zone_size = sweep.zone_size;
  moment.zone_fraction = static_cast<double>(sweep.zone_size) / packages;
  for (const Candidate& candidate : sweep.best) {
    std::vector<double> utilities;
    for (const auto& column : table.utilities) utilities.push_back(column[candidate.index]);
    moment.best.push_back(MakePackage(utilities, fallbacks, parts(candidate.index)));
  }
  for (std::size_t i = 0; i < table.radix.size(); ++i) {
    IssueGrowth growth;
    growth.track = origin[i].first;
    growth.issue = origin[i].second;
    growth.name = space.issue(i).name();
    growth.remaining_packages = table.size / table.radix[i];
    const auto& counts = sweep.by_value[i];
    const std::size_t best = std::max_element(counts.begin(), counts.end()) - counts.begin();
    growth.settled_value = space.issue(i).ValueAt(best);
    growth.settled_zone_size = counts[best];
    growth.settled_fraction = static_cast<double>(counts[best]) / static_cast<double>(growth.remaining_packages);
    if (moment.zone_exists) growth.settled_growth = growth.settled_fraction / *moment.zone_fraction;
    moment.issues.push_back(std::move(growth));
  }
}

template <typename Visit>
void SweepInto(const PackageTable& table, const std::vector<double>& fallbacks, std::size_t top, Visit visit,
               Sweep& sweep) {
  const std::vector<std::int64_t> keys = Keys(fallbacks);
  sweep.zone_size = 0;
  sweep.best.clear();
  sweep.by_value.resize(table.radix.size());
  for (std::size_t i = 0; i < table.radix.size(); ++i) sweep.by_value[i].assign(table.radix[i], 0);
  // The worst of the best K so far on top, to be pushed out by a better package.
  std::priority_queue<Candidate, std::vector<Candidate>, decltype(&Preferred)> kept(&Preferred);
  // Each issue's position in the package at `index`, advanced like an odometer (last issue fastest).
  std::vector<std::uint64_t> position(table.radix.size(), 0);
  for (std::uint64_t index = 0; index < table.size; ++index) {
    if (index > 0) {
      for (std::size_t i = table.radix.size(); i-- > 0;) {
        if (++position[i] < table.radix[i]) break;
        position[i] = 0;
      }
    }
    if (!InZone(table, keys, index)) continue;
    ++sweep.zone_size;
    for (std::size_t i = 0; i < table.radix.size(); ++i) ++sweep.by_value[i][position[i]];
    const Candidate candidate = CandidateOf(table, fallbacks, index);
    visit(candidate);
    if (kept.size() < top) {
      kept.push(candidate);
    } else if (top > 0 && Preferred(candidate, kept.top())) {
      kept.pop();
      kept.push(candidate);
    }
  }
  for (; !kept.empty(); kept.pop()) sweep.best.push_back(kept.top());
  std::reverse(sweep.best.begin(), sweep.best.end());
}

}  // namespace parley::internal

#endif  // PARLEY_ASSISTANT_PACKAGE_SWEEP_H_
