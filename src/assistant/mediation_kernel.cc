// The mediation kernel (see mediation_kernel.h; docs/uncertainty.md, "Mediating under
// uncertainty"): the estimate's shape, taken apart once, and each world's answers from the tables
// of mediation_kernel_tables.cc, swept with the code AssistMediation uses (package_sweep.h).
#include "assistant/mediation_kernel.h"

#include <algorithm>

#include <fmt/format.h>

#include "assistant/issue_removal.h"
#include "assistant/mediation_kernel_parts.h"
#include "common/format_count.h"
#include "parley/error.h"
#include "parley/limits.h"

namespace parley::internal {
namespace {

// Per package of `space`: whether every condition of `conditions` on track `track` holds.
std::vector<std::uint8_t> HoldsTable(const OutcomeSpace& space, const std::string& track,
                                     const std::vector<Interaction::Condition>& conditions) {
  std::vector<std::uint8_t> holds(*space.cardinality(), 1);
  Outcome outcome;
  for (std::uint64_t index = 0; index < holds.size(); ++index) {
    space.Decode(index, outcome);
    for (const auto& condition : conditions) {
      if (condition.track == track && !condition.HeldBy(space, outcome)) holds[index] = 0;
    }
  }
  return holds;
}

bool ConditionsOn(const std::vector<Interaction::Condition>& conditions, const std::string& track) {
  return std::any_of(conditions.begin(), conditions.end(), [&](const auto& c) { return c.track == track; });
}

}  // namespace

MediationKernel::MediationKernel(MultiTrackScenario estimate, const MediationOptions& options,
                                 const std::function<std::vector<double>(std::size_t, std::size_t)>& raw_weights,
                                 std::vector<std::vector<bool>> varies)
    : estimate_(std::move(estimate)), options_(options), times_(ReportTimes(estimate_, options)) {
  auto shape = std::make_unique<Shape>();
  const std::uint64_t track_limit = std::min(options.track_enumeration_limit, DefaultResourceLimits().max_outcomes);
  estimate_numbers_.stakes.resize(estimate_.tracks().size());
  for (std::size_t t = 0; t < estimate_.tracks().size(); ++t) {
    const Track& track = estimate_.tracks()[t];
    TrackShape& ts = shape->tracks.emplace_back();
    ts.name = track.name;
    ts.space = track.stakes.shared_space();
    if (!ts.space->cardinality() || *ts.space->cardinality() > track_limit) {
      throw UsageError(
          fmt::format("track '{}' has {} packages, too many to enumerate in every sampled world (limit {}); "
                      "answer it alone with NAME#TRACK and a smaller space",
                      track.name, ts.space->DescribeSize(), FormatCount(track_limit)));
    }
    ts.radix = RadixOf(*ts.space);
    ts.size = *ts.space->cardinality();
    for (const auto& participant : track.participants) ts.participants.push_back(*track.stakes.FindParty(participant));
    for (std::size_t s = 0; s < track.stakes.party_count(); ++s) {
      const Profile& profile = track.stakes.profile(s);
      StakeShape& stake = ts.stakes.emplace_back();
      StakeNumbers& numbers = estimate_numbers_.stakes[t].emplace_back();
      stake.name = profile.name();
      stake.linear = dynamic_cast<const LinearAdditiveUtility*>(&profile.utility_function());
      const bool asked = varies.empty() ? stake.linear != nullptr : varies[t][s];
      stake.varies = asked;
      numbers.reservation_value = profile.reservation_value();
      numbers.schedule = profile.reservation_schedule().points();
      stake.interpolation = profile.reservation_schedule().interpolation();
      stake.unit = profile.reservation_schedule().unit();
      if (stake.linear) {
        numbers.weights = raw_weights(t, s);
        for (std::size_t i = 0; i < ts.space->issue_count(); ++i) {
          const Issue& issue = ts.space->issue(i);
          auto& column = numbers.values.emplace_back();
          for (std::uint64_t p = 0; p < issue.cardinality(); ++p) {
            column.push_back(stake.linear->value_functions()[i].Evaluate(issue, issue.ValueAt(p)));
          }
        }
      } else if (asked) {
        throw UsageError(fmt::format("{}'s utility in track '{}' is {}; only linear additive utilities can vary",
                                     stake.name, track.name, profile.utility_function().kind()));
      }
      if (stake.varies) continue;
      profile.utility_function().EvaluateAll(stake.table);
      // The table without each issue, once: the same computation as the removal itself.
      for (std::size_t i = 0; i < ts.space->issue_count(); ++i) {
        std::string why;
        const auto reduced = WithoutIssue(profile, i, SpaceWithout(*ts.space, i), why);
        stake.reduced.emplace_back();
        stake.reduced_why.push_back(why);
        if (reduced) reduced->EvaluateAll(stake.reduced.back());
      }
    }
  }
  for (const auto& track : estimate_.tracks()) estimate_numbers_.ends_at.push_back(track.ends_at);

  shape->joint = !JointNote(estimate_, options);
  if (shape->joint) {
    shape->joint_space = JointSpace(estimate_);
    shape->joint_layout.radix = RadixOf(*shape->joint_space);
    shape->joint_layout.size = *shape->joint_space->cardinality();
  }
  std::size_t offset = 0;
  for (const auto& track : shape->tracks) {
    shape->track_offset.push_back(offset);
    offset += track.radix.size();
  }
  std::vector<std::size_t> all_tracks(estimate_.tracks().size());
  for (std::size_t t = 0; t < all_tracks.size(); ++t) {
    all_tracks[t] = t;
    shape->origins.push_back(Origin(estimate_, {t}));
  }
  const auto origin = Origin(estimate_, all_tracks);
  if (shape->joint) shape->origins.push_back(origin);
  for (const auto& party : estimate_.parties()) {
    PartyShape& ps = shape->parties.emplace_back();
    auto& weights = estimate_numbers_.track_weights.emplace_back();
    auto& values = estimate_numbers_.interactions.emplace_back();
    for (const auto& entry : party.weights) {
      const std::size_t t = *estimate_.FindTrack(entry.track);
      ps.entries.emplace_back(t, *estimate_.tracks()[t].stakes.FindParty(party.name));
      weights.push_back(entry.weight);
    }
    for (const auto& interaction : party.interactions) {
      values.push_back(interaction.value);
      ps.unconditional.push_back(interaction.conditions.empty());
      InteractionShape& is = ps.interactions.emplace_back();
      if (!shape->joint) continue;
      for (std::size_t t = 0; t < estimate_.tracks().size(); ++t) {
        const std::string& name = estimate_.tracks()[t].name;
        is.holds.push_back(ConditionsOn(interaction.conditions, name)
                               ? HoldsTable(*shape->tracks[t].space, name, interaction.conditions)
                               : std::vector<std::uint8_t>{});
      }
      for (const auto& [t, i] : origin) {
        const std::string& name = estimate_.tracks()[t].name;
        const std::string& issue = shape->tracks[t].space->issue(i).name();
        const bool dropped = std::any_of(interaction.conditions.begin(), interaction.conditions.end(),
                                         [&](const auto& c) { return c.track == name && c.issue == issue; });
        is.dropped.push_back(dropped);
        is.reduced.push_back(!dropped && ConditionsOn(interaction.conditions, name)
                                 ? HoldsTable(*SpaceWithout(*shape->tracks[t].space, i), name, interaction.conditions)
                                 : std::vector<std::uint8_t>{});
      }
    }
  }
  shape_ = std::move(shape);

  estimate_workspace_ = NewWorkspace();
  Prepare(estimate_numbers_, *estimate_workspace_);
  estimate_report_ = Report(estimate_numbers_);
  std::vector<const MediationSubject*> subjects;
  for (const auto& subject : estimate_report_.tracks) subjects.push_back(&subject);
  if (estimate_report_.joint) subjects.push_back(&*estimate_report_.joint);
  for (std::size_t s = 0; s < subjects.size(); ++s) {
    auto& per_moment = recommended_.emplace_back();
    for (const auto& moment : subjects[s]->moments) {
      per_moment.push_back(moment.best.empty() ? std::nullopt : std::optional(IndexOf(s, moment.best.front())));
    }
  }
}

MediationKernel::~MediationKernel() = default;

std::size_t MediationKernel::subject_count() const { return shape_->tracks.size() + (shape_->joint ? 1 : 0); }

std::shared_ptr<MediationKernel::Workspace> MediationKernel::NewWorkspace() const {
  auto ws = std::make_shared<Workspace>();
  const std::size_t tracks = shape_->tracks.size();
  ws->stake_tables.resize(tracks);
  ws->normalised.resize(tracks);
  ws->columns.resize(tracks);
  ws->fallback_of.resize(tracks);
  for (std::size_t t = 0; t < tracks; ++t) {
    const std::size_t stakes = shape_->tracks[t].stakes.size();
    ws->stake_tables[t].resize(stakes);
    ws->normalised[t].resize(stakes);
    ws->columns[t].resize(stakes);
    ws->fallback_of[t].assign(stakes, std::vector<double>(times_.size()));
  }
  ws->tables.resize(subject_count());
  ws->fallbacks.resize(subject_count());
  ws->moments.assign(subject_count(), std::vector<MediationMoment>(times_.size()));
  for (std::size_t t = 0; t < tracks; ++t) {
    ws->tables[t].radix = shape_->tracks[t].radix;
    ws->tables[t].size = shape_->tracks[t].size;
    ws->tables[t].utilities.resize(shape_->tracks[t].participants.size());
    ws->fallbacks[t].assign(times_.size(), std::vector<double>(shape_->tracks[t].participants.size()));
  }
  if (shape_->joint) {
    ws->tables[tracks] = shape_->joint_layout;
    ws->fallbacks[tracks].assign(times_.size(), std::vector<double>(shape_->parties.size()));
  }
  return ws;
}

void MediationKernel::Prepare(const WorldNumbers& world, Workspace& ws) const {
  for (std::size_t t = 0; t < shape_->tracks.size(); ++t) {
    const TrackShape& track = shape_->tracks[t];
    for (std::size_t s = 0; s < track.stakes.size(); ++s) {
      const StakeShape& stake = track.stakes[s];
      const StakeNumbers& numbers = world.stakes[t][s];
      if (stake.varies) {
        TabulateLinear(numbers.weights, stake.linear->weight_rule(), numbers.values, ws.normalised[t][s],
                       ws.stake_tables[t][s], ws.scratch);
        ws.columns[t][s] = &ws.stake_tables[t][s];
      } else {
        ws.columns[t][s] = &stake.table;
      }
      FallbacksAt(stake, numbers, times_, options_.rounds, ws.fallback_of[t][s]);
    }
    for (std::size_t k = 0; k < track.participants.size(); ++k) {
      ws.tables[t].utilities[k] = *ws.columns[t][track.participants[k]];
      for (std::size_t m = 0; m < times_.size(); ++m) {
        ws.fallbacks[t][m][k] = ws.fallback_of[t][track.participants[k]][m];
      }
    }
    // Keys once per world: every moment compares the same keys with its own fallbacks.
    FillKeys(ws.tables[t]);
  }
  if (!shape_->joint) return;
  const std::size_t joint = shape_->tracks.size();
  FillJointTable(*shape_, world, ws);
  FillKeys(ws.tables[joint]);
  // No deal anywhere: OverallUtility with every track ended at the moment's time, so only
  // interactions without conditions hold.
  for (std::size_t m = 0; m < times_.size(); ++m) {
    for (std::size_t p = 0; p < shape_->parties.size(); ++p) {
      const PartyShape& party = shape_->parties[p];
      double total = 0.0;
      for (std::size_t e = 0; e < party.entries.size(); ++e) {
        const auto [t, s] = party.entries[e];
        total += world.track_weights[p][e] * ws.fallback_of[t][s][m];
      }
      for (std::size_t k = 0; k < party.interactions.size(); ++k) {
        if (party.unconditional[k]) total += world.interactions[p][k];
      }
      ws.fallbacks[joint][m][p] = total;
    }
  }
}

std::uint64_t MediationKernel::IndexOf(std::size_t subject, const MediationPackage& package) const {
  std::vector<double> joined;
  for (const auto& part : package.parts) joined.insert(joined.end(), part.values().begin(), part.values().end());
  const OutcomeSpace& space = subject == shape_->tracks.size() ? *shape_->joint_space : *shape_->tracks[subject].space;
  return space.IndexOf(Outcome(std::move(joined)));
}

std::vector<std::string> MediationKernel::IssueNames(std::size_t subject) const {
  const OutcomeSpace& space = subject == shape_->tracks.size() ? *shape_->joint_space : *shape_->tracks[subject].space;
  std::vector<std::string> names;
  for (const auto& issue : space.issues()) names.push_back(issue.name());
  return names;
}

MediationPackage MediationKernel::EstimatePackage(std::size_t subject, std::size_t moment, std::uint64_t index) const {
  const PackageTable& table = estimate_workspace_->tables[subject];
  std::vector<double> utilities;
  for (const auto& column : table.utilities) utilities.push_back(column[index]);
  const bool joint = subject == shape_->tracks.size();
  std::vector<Outcome> parts = joint ? SplitJoint(estimate_, shape_->joint_space->OutcomeAt(index))
                                     : std::vector<Outcome>{shape_->tracks[subject].space->OutcomeAt(index)};
  return MakePackage(utilities, estimate_workspace_->fallbacks[subject][moment], std::move(parts));
}

std::uint64_t MediationKernel::EstimateRank(std::size_t subject, std::size_t moment, std::uint64_t index) const {
  const PackageTable& table = estimate_workspace_->tables[subject];
  const std::vector<double>& fallbacks = estimate_workspace_->fallbacks[subject][moment];
  const std::vector<std::int64_t> keys = Keys(fallbacks);
  if (!InZone(table, keys, index)) return 0;
  const Candidate self = CandidateOf(table, fallbacks, index);
  std::uint64_t rank = 1;
  for (std::uint64_t other = 0; other < table.size; ++other) {
    if (other != index && InZone(table, keys, other) && Preferred(CandidateOf(table, fallbacks, other), self)) ++rank;
  }
  return rank;
}

MediationReport MediationKernel::Report(const WorldNumbers& world) const {
  auto ws = NewWorkspace();
  Prepare(world, *ws);
  MediationReport report;
  report.scenario = estimate_.name();
  report.times = times_;
  report.top = options_.top;
  for (std::size_t t = 0; t < shape_->tracks.size(); ++t) {
    const TrackShape& track = shape_->tracks[t];
    MediationSubject subject = TrackSubject(estimate_, t);
    subject.enumerated = true;
    subject.method = TrackMethod(track.size);
    subject.moments = Moments(estimate_, world.ends_at, subject.tracks, ws->fallbacks[t], times_);
    auto removal = [&](std::size_t issue, std::string& why) -> std::optional<PackageTable> {
      if (track.radix.size() >= 2) ReduceTrack(*shape_, world, t, issue, *ws);
      if (!ReducedTrackTable(*shape_, t, issue, *ws, why)) return std::nullopt;
      return ws->reduced;
    };
    auto parts = [&](std::uint64_t index) { return std::vector<Outcome>{track.space->OutcomeAt(index)}; };
    AnswerByEnumeration(subject, *track.space, shape_->origins[t], ws->tables[t], ws->fallbacks[t], options_.top,
                        removal, parts);
    report.tracks.push_back(std::move(subject));
  }
  if (!shape_->joint) {
    report.joint_note = *JointNote(estimate_, options_);
    return report;
  }
  const std::size_t joint = shape_->tracks.size();
  MediationSubject subject = JointSubject(estimate_, *shape_->joint_space);
  subject.moments = Moments(estimate_, world.ends_at, subject.tracks, ws->fallbacks[joint], times_);
  const auto& origin = shape_->origins[joint];
  auto removal = [&](std::size_t issue, std::string& why) -> std::optional<PackageTable> {
    const auto [t, i] = origin[issue];
    if (shape_->tracks[t].radix.size() >= 2) ReduceTrack(*shape_, world, t, i, *ws);
    if (!ReducedJointTable(*shape_, world, issue, t, i, *ws, why)) return std::nullopt;
    return ws->reduced;
  };
  auto parts = [&](std::uint64_t index) { return SplitJoint(estimate_, shape_->joint_space->OutcomeAt(index)); };
  AnswerByEnumeration(subject, *shape_->joint_space, origin, ws->tables[joint], ws->fallbacks[joint], options_.top,
                      removal, parts);
  report.joint = std::move(subject);
  return report;
}

void MediationKernel::Sample(const WorldNumbers& world, Workspace& ws, bool full, const Visit& visit,
                             std::vector<SubjectSample>& out) const {
  Prepare(world, ws);
  const std::size_t subjects = subject_count();
  out.resize(subjects);
  ws.same_as.resize(subjects);
  ws.zone_of.resize(subjects);
  for (std::size_t s = 0; s < subjects; ++s) {
    // Moments whose fallbacks are those of an earlier moment have its answers: computed once.
    ws.same_as[s].resize(times_.size());
    ws.zone_of[s].resize(times_.size());
    for (std::size_t m = 0; m < times_.size(); ++m) {
      std::size_t first = 0;
      while (ws.fallbacks[s][first] != ws.fallbacks[s][m]) ++first;
      ws.same_as[s][m] = first;
    }
    SubjectSample& sample = out[s];
    sample.zone_exists.assign(times_.size(), 0);
    sample.recommended_accepted.assign(times_.size(), 0);
    const PackageTable& table = ws.tables[s];
    for (std::size_t m = 0; m < times_.size(); ++m) {
      const std::size_t first = ws.same_as[s][m];
      if (first != m) {
        sample.zone_exists[m] = sample.zone_exists[first];
        sample.recommended_accepted[m] =
            recommended_[s][m] && InZone(table, Keys(ws.fallbacks[s][m]), *recommended_[s][m]);
        if (!full) continue;
        ws.moments[s][m] = ws.moments[s][first];
        for (const Candidate& candidate : ws.zone_of[s][first]) visit(s, m, candidate);
        continue;
      }
      const std::vector<double>& fallbacks = ws.fallbacks[s][m];
      const std::vector<std::int64_t> keys = Keys(fallbacks);
      if (recommended_[s][m]) sample.recommended_accepted[m] = InZone(table, keys, *recommended_[s][m]);
      if (!full) {
        // Whether the zone exists: the first package in it answers.
        bool exists = sample.recommended_accepted[m];
        for (std::uint64_t index = 0; index < table.size && !exists; ++index) exists = InZone(table, keys, index);
        sample.zone_exists[m] = exists;
        continue;
      }
      MediationMoment& moment = ws.moments[s][m];
      moment = MediationMoment{};
      std::vector<Candidate>& zone = ws.zone_of[s][m];
      zone.clear();
      SweepInto(
          table, fallbacks, 0,
          [&](const Candidate& c) {
            zone.push_back(c);
            visit(s, m, c);
          },
          ws.sweep);
      const bool joint = s == shape_->tracks.size();
      const OutcomeSpace& space = joint ? *shape_->joint_space : *shape_->tracks[s].space;
      FillMoment(moment, space, shape_->origins[s], table, ws.sweep, fallbacks,
                 [](std::uint64_t) { return std::vector<Outcome>{}; });
      sample.zone_exists[m] = moment.zone_exists;
    }
  }
  if (!full) return;
  const std::size_t joint = shape_->tracks.size();
  // The zone of the reduced table at each moment, counted once per set of equal fallbacks.
  std::vector<std::optional<std::uint64_t>> removed(times_.size());
  auto fill_removed = [&](std::size_t s, std::size_t issue, bool defined, const std::string& why) {
    for (std::size_t m = 0; m < times_.size(); ++m) {
      const std::size_t first = ws.same_as[s][m];
      removed[m] = !defined     ? std::nullopt
                   : first != m ? removed[first]
                                : std::optional(ZoneSize(ws.reduced, Keys(ws.fallbacks[s][m])));
      FillRemoved(ws.moments[s][m], issue, removed[m], why);
    }
  };
  for (std::size_t t = 0; t < shape_->tracks.size(); ++t) {
    const TrackShape& track = shape_->tracks[t];
    for (std::size_t i = 0; i < track.radix.size(); ++i) {
      if (track.radix.size() >= 2) ReduceTrack(*shape_, world, t, i, ws);
      std::string why;
      fill_removed(t, i, ReducedTrackTable(*shape_, t, i, ws, why), why);
      if (!shape_->joint) continue;
      const std::size_t issue = shape_->track_offset[t] + i;
      fill_removed(joint, issue, ReducedJointTable(*shape_, world, issue, t, i, ws, why), why);
    }
  }
  for (std::size_t s = 0; s < subjects; ++s) {
    out[s].zone_size.assign(times_.size(), 0);
    out[s].stumbling_block.assign(times_.size(), -1);
    for (std::size_t m = 0; m < times_.size(); ++m) {
      MediationMoment& moment = ws.moments[s][m];
      RankIssues(moment, ws.tables[s].size);
      out[s].zone_size[m] = *moment.zone_size;
      if (moment.stumbling_block) {
        const IssueGrowth& front = moment.issues.front();
        out[s].stumbling_block[m] =
            static_cast<std::int32_t>(s == joint ? shape_->track_offset[front.track] + front.issue : front.issue);
      }
    }
  }
}

}  // namespace parley::internal