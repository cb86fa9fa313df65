// The mediator's assistant (see parley/mediation_assistant.h and docs/mediate.md).
//
// Every subject (a track, or the joint package) is reduced to a table: each party's utility of
// every package, in mixed-radix order over the subject's issues. Utilities do not depend on the
// time, only the fallbacks do, so each table is built once and swept once per time; the tables of
// the subject with one issue removed are built one at a time, so memory stays at two tables.
#include "parley/mediation_assistant.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include <fmt/format.h>

#include "assistant/issue_removal.h"
#include "assistant/package_sweep.h"
#include "common/format_count.h"
#include "parley/analysis.h"
#include "parley/error.h"
#include "parley/limits.h"
#include "parley/utility.h"

namespace parley {
namespace {

using internal::AnswerByEnumeration;
using internal::Candidate;
using internal::EndsAt;
using internal::FormatCount;
using internal::JointNote;
using internal::JointSpace;
using internal::JointSubject;
using internal::Keys;
using internal::MakePackage;
using internal::Moments;
using internal::MultiTrackWithout;
using internal::Origin;
using internal::PackageTable;
using internal::Preferred;
using internal::RadixOf;
using internal::ReportTimes;
using internal::ScenarioWithout;
using internal::SortUnique;
using internal::SplitJoint;
using internal::TrackMethod;
using internal::TrackSubject;

PackageTable TrackTable(const Scenario& scenario) {
  PackageTable table;
  table.radix = RadixOf(scenario.space());
  table.size = *scenario.space().cardinality();
  table.utilities.resize(scenario.party_count());
  for (std::size_t p = 0; p < scenario.party_count(); ++p) {
    scenario.profile(p).utility_function().EvaluateAll(table.utilities[p]);
  }
  return table;
}

// Every party's overall utility of every joint package, every track agreed on its part.
PackageTable JointTable(const MultiTrackScenario& scenario, std::uint64_t rounds) {
  const auto space = JointSpace(scenario);
  PackageTable table;
  table.radix = RadixOf(*space);
  table.size = *space->cardinality();
  table.utilities.assign(scenario.parties().size(), std::vector<double>(table.size));
  const std::vector<double> end_times(scenario.tracks().size(), 1.0);  // unused: every track agreed
  std::vector<std::optional<Outcome>> agreements(scenario.tracks().size());
  Outcome joint;
  for (std::uint64_t index = 0; index < table.size; ++index) {
    space->Decode(index, joint);
    std::size_t next = 0;
    for (std::size_t t = 0; t < scenario.tracks().size(); ++t) {
      Outcome& part = agreements[t].emplace(scenario.tracks()[t].stakes.space().issue_count());
      for (std::size_t i = 0; i < part.size(); ++i) part[i] = joint[next++];
    }
    for (std::size_t p = 0; p < scenario.parties().size(); ++p) {
      table.utilities[p][index] = scenario.OverallUtility(p, agreements, end_times, rounds);
    }
  }
  return table;
}

MediationSubject AnalyseTrack(const MultiTrackScenario& scenario, std::size_t t, const std::vector<double>& times,
                              const MediationOptions& options) {
  const Track& track = scenario.tracks()[t];
  const Scenario negotiation = track.Negotiation();
  const OutcomeSpace& space = negotiation.space();
  MediationSubject subject = TrackSubject(scenario, t);
  std::vector<std::vector<double>> fallbacks;
  for (double time : times) {
    std::vector<double> values;
    for (const auto& profile : negotiation.profiles())
      values.push_back(profile.ReservationValueAt(time, options.rounds));
    fallbacks.push_back(std::move(values));
  }
  subject.moments = Moments(scenario, EndsAt(scenario), subject.tracks, fallbacks, times);

  const std::uint64_t track_limit = std::min(options.track_enumeration_limit, DefaultResourceLimits().max_outcomes);
  if (space.cardinality() && *space.cardinality() <= track_limit) {
    subject.enumerated = true;
    subject.method = TrackMethod(*space.cardinality());
    const auto origin = Origin(scenario, {t});
    auto removal = [&](std::size_t issue, std::string& why) -> std::optional<PackageTable> {
      const auto without = ScenarioWithout(negotiation, issue, why);
      if (!without) return std::nullopt;
      return TrackTable(*without);
    };
    auto parts = [&](std::uint64_t index) { return std::vector<Outcome>{space.OutcomeAt(index)}; };
    AnswerByEnumeration(subject, space, origin, TrackTable(negotiation), fallbacks, options.top, removal, parts);
    return subject;
  }

  // Too many packages to enumerate: whether the zone exists and the best proposals are read off
  // the Pareto frontier (the zone is empty exactly when no frontier point is in it, and the Nash
  // package is on the frontier); the best K are the best K frontier points.
  const auto analysis = ScenarioAnalysis::Of(negotiation);
  subject.method = fmt::format(
      "Pareto frontier ({}); {} packages are too many to enumerate (limit {}): the zone's "
      "size and the stumbling block are not computed, and the proposals are frontier points",
      analysis->frontier().method, space.DescribeSize(), FormatCount(track_limit));
  for (std::size_t m = 0; m < times.size(); ++m) {
    MediationMoment& moment = subject.moments[m];
    const std::vector<std::int64_t> keys = Keys(fallbacks[m]);
    std::vector<std::pair<Candidate, const FrontierPoint*>> zone;
    const auto& points = analysis->frontier().points;
    for (std::size_t k = 0; k < points.size(); ++k) {
      bool inside = true;
      Candidate candidate{1.0, 0.0, k};
      for (std::size_t p = 0; p < keys.size(); ++p) {
        inside = inside && UtilityKey(points[k].utilities[p]) > keys[p];
        candidate.product *= points[k].utilities[p] - fallbacks[m][p];
        candidate.welfare += points[k].utilities[p];
      }
      if (inside) zone.emplace_back(candidate, &points[k]);
    }
    moment.zone_exists = !zone.empty();
    const std::size_t kept = std::min(options.top, zone.size());
    std::partial_sort(zone.begin(), zone.begin() + kept, zone.end(),
                      [](const auto& a, const auto& b) { return Preferred(a.first, b.first); });
    for (std::size_t k = 0; k < kept; ++k) {
      moment.best.push_back(MakePackage(zone[k].second->utilities, fallbacks[m], {zone[k].second->outcome}));
    }
  }
  return subject;
}

MediationSubject AnalyseJoint(const MultiTrackScenario& scenario, const std::vector<double>& times,
                              const MediationOptions& options) {
  const auto space = JointSpace(scenario);
  MediationSubject subject = JointSubject(scenario, *space);
  // No deal anywhere: every track ends without agreement at the moment's time.
  std::vector<std::vector<double>> fallbacks;
  const std::vector<std::optional<Outcome>> no_deal(scenario.tracks().size());
  for (double time : times) {
    const std::vector<double> end_times(scenario.tracks().size(), time);
    std::vector<double> values;
    for (std::size_t p = 0; p < scenario.parties().size(); ++p) {
      values.push_back(scenario.OverallUtility(p, no_deal, end_times, options.rounds));
    }
    fallbacks.push_back(std::move(values));
  }
  subject.moments = Moments(scenario, EndsAt(scenario), subject.tracks, fallbacks, times);

  const auto origin = Origin(scenario, subject.tracks);
  auto removal = [&](std::size_t joint_issue, std::string& why) -> std::optional<PackageTable> {
    const auto without = MultiTrackWithout(scenario, origin[joint_issue].first, origin[joint_issue].second, why);
    if (!without) return std::nullopt;
    return JointTable(*without, options.rounds);
  };
  auto parts = [&](std::uint64_t index) { return SplitJoint(scenario, space->OutcomeAt(index)); };
  AnswerByEnumeration(subject, *space, origin, JointTable(scenario, options.rounds), fallbacks, options.top, removal,
                      parts);
  return subject;
}

double RoundTime(double time) { return std::round(time * 1e9) / 1e9; }

void AddChange(std::vector<double>& times, double at) {
  if (at > 0.0 && at < 1.0) {
    times.push_back(RoundTime(at));
    times.push_back(RoundTime(std::max(0.0, at - 0.01)));
  }
}

}  // namespace

std::vector<double> DefaultMediationTimes(const MultiTrackScenario& scenario) {
  std::vector<double> times = {0.0, 0.25, 0.5, 1.0};
  for (const auto& event : scenario.events()) AddChange(times, event.time);
  for (const auto& track : scenario.tracks()) {
    if (track.ends_at) AddChange(times, *track.ends_at);
    for (const auto& profile : track.stakes.profiles()) {
      const ReservationSchedule& schedule = profile.reservation_schedule();
      if (schedule.unit() != ReservationSchedule::Unit::kTime) continue;
      for (const auto& point : schedule.points()) AddChange(times, point.at);
    }
  }
  SortUnique(times);
  return times;
}

MediationReport AssistMediation(const MultiTrackScenario& scenario, const MediationOptions& options) {
  const std::vector<double> times = ReportTimes(scenario, options);

  MediationReport report;
  report.scenario = scenario.name();
  report.times = times;
  report.top = options.top;
  for (std::size_t t = 0; t < scenario.tracks().size(); ++t) {
    report.tracks.push_back(AnalyseTrack(scenario, t, times, options));
  }
  if (auto note = JointNote(scenario, options)) {
    report.joint_note = std::move(*note);
    return report;
  }
  report.joint = AnalyseJoint(scenario, times, options);
  return report;
}

std::string DescribePackage(const MultiTrackScenario& scenario, const MediationSubject& subject,
                            const MediationPackage& package) {
  std::string text;
  for (std::size_t k = 0; k < package.parts.size(); ++k) {
    const Track& track = scenario.tracks()[subject.tracks[k]];
    const OutcomeSpace& space = track.stakes.space();
    if (k) text += " | ";
    if (subject.joint) text += "[" + track.name + "] ";
    for (std::size_t i = 0; i < space.issue_count(); ++i) {
      text += fmt::format("{}{}: {}", i ? "; " : "", space.issue(i).name(), space.issue(i).Format(package.parts[k][i]));
    }
  }
  return text;
}

}  // namespace parley
