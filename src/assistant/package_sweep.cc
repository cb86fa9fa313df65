// Sweeping a package table (see package_sweep.h; definitions in docs/mediate.md).
#include "assistant/package_sweep.h"

#include <algorithm>

#include <fmt/format.h>

#include "common/format_count.h"
#include "parley/error.h"
#include "parley/limits.h"

#include "parley/utility.h"

namespace parley::internal {

std::vector<std::uint64_t> RadixOf(const OutcomeSpace& space) {
  std::vector<std::uint64_t> radix;
  for (const auto& issue : space.issues()) radix.push_back(issue.cardinality());
  return radix;
}

bool Preferred(const Candidate& a, const Candidate& b) {
  if (a.product != b.product) return a.product > b.product;
  if (a.welfare != b.welfare) return a.welfare > b.welfare;
  return a.index < b.index;
}

Candidate CandidateOf(const PackageTable& table, const std::vector<double>& fallbacks, std::uint64_t index) {
  Candidate candidate{1.0, 0.0, index};
  for (std::size_t p = 0; p < fallbacks.size(); ++p) {
    candidate.product *= table.utilities[p][index] - fallbacks[p];
    candidate.welfare += table.utilities[p][index];
  }
  return candidate;
}

std::vector<std::int64_t> Keys(const std::vector<double>& fallbacks) {
  std::vector<std::int64_t> keys;
  for (double fallback : fallbacks) keys.push_back(UtilityKey(fallback));
  return keys;
}

void FillKeys(PackageTable& table) {
  table.keys.resize(table.utilities.size());
  for (std::size_t p = 0; p < table.utilities.size(); ++p) {
    table.keys[p].resize(table.size);
    for (std::uint64_t index = 0; index < table.size; ++index)
      table.keys[p][index] = UtilityKey(table.utilities[p][index]);
  }
}

std::uint64_t ZoneSize(const PackageTable& table, const std::vector<std::int64_t>& keys) {
  std::uint64_t size = 0;
  for (std::uint64_t index = 0; index < table.size; ++index) size += InZone(table, keys, index);
  return size;
}

Sweep SweepTable(const PackageTable& table, const std::vector<double>& fallbacks, std::size_t top) {
  Sweep sweep;
  SweepInto(
      table, fallbacks, top, [](const Candidate&) {}, sweep);
  return sweep;
}

std::vector<double> ReportTimes(const MultiTrackScenario& scenario, const MediationOptions& options) {
  if (options.top == 0) throw UsageError("the number of packages to propose (K) must be at least 1");
  std::vector<double> times = options.times.empty() ? DefaultMediationTimes(scenario) : options.times;
  for (double time : times) {
    if (!(time >= 0.0 && time <= 1.0)) {
      throw UsageError(fmt::format("time {} is outside [0, 1]; times are normalised (0 = start, 1 = deadline)", time));
    }
  }
  times.push_back(0.0);
  SortUnique(times);
  return times;
}

void SortUnique(std::vector<double>& times) {
  std::sort(times.begin(), times.end());
  times.erase(std::unique(times.begin(), times.end()), times.end());
}

std::optional<std::string> JointNote(const MultiTrackScenario& scenario, const MediationOptions& options) {
  if (scenario.tracks().size() < 2) return "one track: the joint package is the track's package";
  std::uint64_t product = 1;
  const std::uint64_t joint_limit = std::min(options.joint_enumeration_limit, DefaultResourceLimits().max_outcomes);
  for (const auto& track : scenario.tracks()) {
    const auto size = track.stakes.space().cardinality();
    if (!size) {
      return fmt::format("track '{}' has {} packages: the joint packages cannot be enumerated", track.name,
                         track.stakes.space().DescribeSize());
    }
    if (*size > joint_limit || product * *size > joint_limit) {
      return fmt::format("the tracks' spaces multiply to more than {} joint packages: not enumerated",
                         FormatCount(joint_limit));
    }
    product *= *size;
  }
  return std::nullopt;
}

std::shared_ptr<const OutcomeSpace> JointSpace(const MultiTrackScenario& scenario) {
  std::vector<Issue> issues;
  for (const auto& track : scenario.tracks()) {
    for (const auto& issue : track.stakes.space().issues()) {
      const std::string name = track.name + "/" + issue.name();
      issues.push_back(issue.kind() == IssueKind::kDiscrete
                           ? Issue::Discrete(name, issue.values())
                           : Issue::Integer(name, static_cast<std::int64_t>(issue.lower()),
                                            static_cast<std::int64_t>(issue.upper())));
    }
  }
  return std::make_shared<const OutcomeSpace>(scenario.name() + " joint", std::move(issues));
}

std::vector<Outcome> SplitJoint(const MultiTrackScenario& scenario, const Outcome& joint) {
  std::vector<Outcome> parts;
  std::size_t next = 0;
  for (const auto& track : scenario.tracks()) {
    Outcome part(track.stakes.space().issue_count());
    for (std::size_t i = 0; i < part.size(); ++i) part[i] = joint[next++];
    parts.push_back(std::move(part));
  }
  return parts;
}

std::vector<std::string> EndedTracks(const MultiTrackScenario& scenario,
                                     const std::vector<std::optional<double>>& ends_at,
                                     const std::vector<std::size_t>& tracks, double time) {
  std::vector<std::string> ended;
  for (std::size_t t : tracks) {
    if (ends_at[t] && *ends_at[t] <= time) ended.push_back(scenario.tracks()[t].name);
  }
  return ended;
}

std::vector<MediationMoment> Moments(const MultiTrackScenario& scenario,
                                     const std::vector<std::optional<double>>& ends_at,
                                     const std::vector<std::size_t>& tracks,
                                     const std::vector<std::vector<double>>& fallbacks,
                                     const std::vector<double>& times) {
  std::vector<MediationMoment> moments;
  for (std::size_t m = 0; m < times.size(); ++m) {
    MediationMoment moment;
    moment.time = times[m];
    moment.fallbacks = fallbacks[m];
    moment.ended_tracks = EndedTracks(scenario, ends_at, tracks, times[m]);
    moments.push_back(std::move(moment));
  }
  return moments;
}

std::vector<std::optional<double>> EndsAt(const MultiTrackScenario& scenario) {
  std::vector<std::optional<double>> ends_at;
  for (const auto& track : scenario.tracks()) ends_at.push_back(track.ends_at);
  return ends_at;
}

MediationSubject TrackSubject(const MultiTrackScenario& scenario, std::size_t track) {
  MediationSubject subject;
  subject.name = scenario.tracks()[track].name;
  subject.tracks = {track};
  subject.parties = scenario.tracks()[track].participants;
  subject.packages = scenario.tracks()[track].stakes.space().cardinality();
  return subject;
}

MediationSubject JointSubject(const MultiTrackScenario& scenario, const OutcomeSpace& joint_space) {
  MediationSubject subject;
  subject.name = "joint package";
  subject.joint = true;
  for (std::size_t t = 0; t < scenario.tracks().size(); ++t) subject.tracks.push_back(t);
  for (const auto& party : scenario.parties()) subject.parties.push_back(party.name);
  subject.packages = joint_space.cardinality();
  subject.enumerated = true;
  subject.method = fmt::format("enumeration of {} joint packages (overall utilities, every track agreed)",
                               FormatCount(*joint_space.cardinality()));
  return subject;
}

std::string TrackMethod(std::uint64_t packages) {
  return fmt::format("enumeration of {} packages", FormatCount(packages));
}

std::vector<std::pair<std::size_t, std::size_t>> Origin(const MultiTrackScenario& scenario,
                                                        const std::vector<std::size_t>& tracks) {
  std::vector<std::pair<std::size_t, std::size_t>> origin;
  for (std::size_t t : tracks) {
    for (std::size_t i = 0; i < scenario.tracks()[t].stakes.space().issue_count(); ++i) origin.emplace_back(t, i);
  }
  return origin;
}

MediationPackage MakePackage(const std::vector<double>& utilities, const std::vector<double>& fallbacks,
                             std::vector<Outcome> parts) {
  MediationPackage package;
  package.parts = std::move(parts);
  package.utilities = utilities;
  package.nash_product = 1.0;
  for (std::size_t p = 0; p < utilities.size(); ++p) {
    package.gains.push_back(utilities[p] - fallbacks[p]);
    package.nash_product *= package.gains.back();
  }
  return package;
}

void FillRemoved(MediationMoment& moment, std::size_t issue, std::optional<std::uint64_t> removed_zone_size,
                 const std::string& why) {
  IssueGrowth& growth = moment.issues[issue];
  growth.removal_defined = removed_zone_size.has_value();
  if (!removed_zone_size) {
    growth.removal_undefined_reason = why;
    return;
  }
  growth.removed_zone_size = *removed_zone_size;
  growth.removed_fraction =
      static_cast<double>(growth.removed_zone_size) / static_cast<double>(growth.remaining_packages);
  if (moment.zone_exists) growth.removed_growth = growth.removed_fraction / *moment.zone_fraction;
}

// Fractions compare exactly as integers: with N packages, a zone of Z and an issue of c values
// leaving s zone packages when settled, settled growth = (s / (N / c)) / (Z / N) = s * c / Z.
void RankIssues(MediationMoment& moment, std::uint64_t packages) {
  const bool empty = !moment.zone_exists;
  auto values = [&](const IssueGrowth& g) { return packages / g.remaining_packages; };  // c
  auto settled = [&](const IssueGrowth& g) { return g.settled_zone_size * values(g); };
  auto removed = [&](const IssueGrowth& g) { return g.removal_defined ? g.removed_zone_size * values(g) : 0; };
  std::stable_sort(moment.issues.begin(), moment.issues.end(), [&](const IssueGrowth& a, const IssueGrowth& b) {
    if (!empty && settled(a) != settled(b)) return settled(a) > settled(b);
    if (a.removal_defined != b.removal_defined) return a.removal_defined;
    return removed(a) > removed(b);
  });
  if (moment.issues.empty()) return;
  const IssueGrowth& front = moment.issues.front();
  const bool grows = empty ? front.removal_defined && front.removed_zone_size > 0
                           : settled(front) > *moment.zone_size || removed(front) > *moment.zone_size;
  if (grows) moment.stumbling_block = front.name;
}

}  // namespace parley::internal
