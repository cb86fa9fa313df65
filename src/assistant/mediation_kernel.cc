// The mediation kernel (see mediation_kernel.h; docs/uncertainty.md, "Mediating under
// uncertainty"). The arithmetic of each table is that of the code it stands for, step for step:
// LinearAdditiveUtility's constructor and EvaluateAll (src/preferences/linear_additive.cc),
// OverallUtility (src/tracks/multi_track.cc) and the removal of an issue
// (src/assistant/issue_removal.cc); tests/mediation_kernel_test.cc holds them together.
#include "assistant/mediation_kernel.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "assistant/issue_removal.h"
#include "common/format_count.h"
#include "parley/error.h"
#include "parley/limits.h"
#include "parley/utility.h"

namespace parley::internal {

// One stakeholder profile of a track.
struct StakeShape {
  std::string name;
  const LinearAdditiveUtility* linear = nullptr;  // null: not linear additive
  bool varies = false;
  ReservationSchedule::Interpolation interpolation = ReservationSchedule::Interpolation::kStep;
  ReservationSchedule::Unit unit = ReservationSchedule::Unit::kTime;
  std::vector<double> table;  // the estimate's utilities, for a profile that does not vary
  // Without each issue, for a profile that does not vary: the table, or empty with the reason.
  std::vector<std::vector<double>> reduced;
  std::vector<std::string> reduced_why;
};

struct TrackShape {
  std::string name;
  std::shared_ptr<const OutcomeSpace> space;
  std::vector<std::uint64_t> radix;
  std::uint64_t size = 0;
  std::vector<StakeShape> stakes;
  std::vector<std::size_t> participants;  // stake indices, in turn order
};

// Where an interaction's conditions hold: per track, per package of the track, whether every
// condition on that track holds (empty: no condition on the track). Per joint issue removed, the
// removed issue's track gets its own table over the reduced packages, or the interaction is dropped.
struct InteractionShape {
  std::vector<std::vector<std::uint8_t>> holds;    // [track][package]
  std::vector<std::uint8_t> dropped;               // [joint issue]
  std::vector<std::vector<std::uint8_t>> reduced;  // [joint issue]: that issue's track, reduced
};

struct PartyShape {
  std::vector<std::pair<std::size_t, std::size_t>> entries;  // (track, stake) per entry of its weights
  std::vector<InteractionShape> interactions;
  std::vector<bool> unconditional;  // interactions without conditions: they hold with no deal too
};

struct MediationKernel::Shape {
  std::vector<TrackShape> tracks;
  std::vector<PartyShape> parties;
  bool joint = false;
  std::shared_ptr<const OutcomeSpace> joint_space;
  PackageTable joint_layout;                                              // radix and size only
  std::vector<std::size_t> track_offset;                                  // the joint issue of each track's first issue
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> origins;  // [subject]: Origin()
};

struct MediationKernel::Workspace {
  std::vector<std::vector<std::vector<double>>> stake_tables;  // [track][stake], for varying stakes
  std::vector<std::vector<std::vector<double>>> normalised;    // [track][stake]
  std::vector<std::vector<const std::vector<double>*>> columns;
  std::vector<std::vector<std::vector<double>>> fallback_of;  // [track][stake][moment]
  std::vector<PackageTable> tables;                           // [subject]
  std::vector<std::vector<std::vector<double>>> fallbacks;    // [subject][moment][party]
  std::vector<std::vector<double>> reduced_stakes;            // [stake] of the track being reduced
  std::vector<const std::vector<double>*> reduced_columns;    // [stake]: null when not defined
  std::vector<std::string> reduced_why;
  PackageTable reduced;
  std::vector<double> weights, scratch;
  std::vector<std::vector<MediationMoment>> moments;  // [subject][moment]
  Sweep sweep;
  std::vector<std::vector<double>> weighted;  // FillJoint's weighted columns
  // [subject][moment]: the first moment with the same fallbacks (the same answers), and the zone
  // packages of each such first moment, to visit again for the others.
  std::vector<std::vector<std::size_t>> same_as;
  std::vector<std::vector<std::vector<Candidate>>> zone_of;
};

namespace {

std::vector<std::uint64_t> ReducedRadix(const std::vector<std::uint64_t>& radix, std::size_t drop) {
  std::vector<std::uint64_t> reduced;
  for (std::size_t i = 0; i < radix.size(); ++i) {
    if (i != drop) reduced.push_back(radix[i]);
  }
  return reduced;
}

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

// The stake's fallback at each of `times` (one schedule built per world, not per moment).
void FallbacksAt(const StakeShape& shape, const StakeNumbers& numbers, const std::vector<double>& times,
                 std::uint64_t rounds, std::vector<double>& out) {
  if (numbers.schedule.empty()) {
    std::fill(out.begin(), out.end(), numbers.reservation_value);
    return;
  }
  const ReservationSchedule schedule(numbers.schedule, shape.interpolation, shape.unit);
  for (std::size_t m = 0; m < times.size(); ++m) out[m] = schedule.ValueAt(times[m], rounds);
}

// One term of a party's overall utility in a joint table: weight times a track column.
struct JointTerm {
  double weight = 0.0;
  std::size_t track = 0;
  const std::vector<double>* column = nullptr;
};
struct JointBonus {
  double value = 0.0;
  std::vector<std::pair<std::size_t, const std::vector<std::uint8_t>*>> holds;  // (track, table)
};

// utilities[p][index] = 0.0 + sum of p's terms in order + the values of p's holding interactions
// in order: OverallUtility's sum, with every track agreed.
void FillJoint(const std::vector<std::uint64_t>& track_sizes, const std::vector<std::vector<JointTerm>>& terms,
               const std::vector<std::vector<JointBonus>>& bonuses, PackageTable& table,
               std::vector<std::vector<double>>& weighted) {
  table.utilities.resize(terms.size());
  for (auto& column : table.utilities) column.resize(table.size);
  // Each term's weighted column first (the same products OverallUtility forms), then the sums.
  std::size_t count = 0;
  for (const auto& party : terms) count += party.size();
  weighted.resize(std::max(weighted.size(), count));
  std::vector<const double*> columns;
  std::size_t next = 0;
  for (const auto& party : terms) {
    for (const JointTerm& term : party) {
      std::vector<double>& column = weighted[next++];
      column.resize(term.column->size());
      for (std::size_t i = 0; i < column.size(); ++i) column[i] = term.weight * (*term.column)[i];
      columns.push_back(column.data());
    }
  }
  std::vector<std::uint64_t> at(track_sizes.size(), 0);
  for (std::uint64_t index = 0; index < table.size; ++index) {
    const double* const* column = columns.data();
    for (std::size_t p = 0; p < terms.size(); ++p) {
      double total = 0.0;
      for (const JointTerm& term : terms[p]) total += (*column++)[at[term.track]];
      for (const JointBonus& bonus : bonuses[p]) {
        bool all = true;
        for (const auto& [track, holds] : bonus.holds) all = all && (*holds)[at[track]];
        if (all) total += bonus.value;
      }
      table.utilities[p][index] = total;
    }
    for (std::size_t t = track_sizes.size(); t-- > 0;) {
      if (++at[t] < track_sizes[t]) break;
      at[t] = 0;
    }
  }
}

}  // namespace

void TabulateLinear(const std::vector<double>& weights, WeightRule rule, const std::vector<std::vector<double>>& values,
                    std::vector<double>& normalised, std::vector<double>& out, std::vector<double>& scratch) {
  TabulateLinearWithout(weights, rule, values, values.size(), normalised, out, scratch);
}

void TabulateLinearWithout(const std::vector<double>& weights, WeightRule rule,
                           const std::vector<std::vector<double>>& values, std::size_t drop,
                           std::vector<double>& normalised, std::vector<double>& out, std::vector<double>& scratch) {
  normalised.clear();
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (i != drop) normalised.push_back(weights[i]);
  }
  double total = 0.0, largest = 0.0;
  for (double w : normalised) {
    if (!std::isfinite(w) || w < 0.0) {
      throw UsageError(fmt::format("a weight of {} in a sampled world; weights must be finite and non-negative", w));
    }
    total += w;
    largest = std::max(largest, w);
  }
  if (!(total > 0.0)) throw UsageError("all issue weights of a profile are zero in a sampled world");
  if (rule == WeightRule::kNormalise && std::isinf(total)) {
    // As LinearAdditiveUtility: finite weights whose sum overflows are scaled down first.
    total = 0.0;
    for (double& w : normalised) total += (w /= largest);
  }
  if (rule == WeightRule::kNormalise) {
    for (double& w : normalised) w /= total;
  }
  // EvaluateAll's prefix sums: after issue i, entry k holds the sum of the first issues' weighted
  // values for the k-th combination of their values (last issue fastest), starting from 0.0.
  out.assign(1, 0.0);
  std::size_t kept = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i == drop) continue;
    const std::vector<double>& table = values[i];
    const double w = normalised[kept++];
    // The weighted values first, rounded as the constructor stores them, then the sums.
    const std::size_t size = out.size() * table.size();
    scratch.resize(size + table.size());
    double* weighted = scratch.data() + size;
    for (std::size_t p = 0; p < table.size(); ++p) weighted[p] = w * table[p];
    for (std::size_t k = 0; k < out.size(); ++k) {
      for (std::size_t p = 0; p < table.size(); ++p) scratch[k * table.size() + p] = out[k] + weighted[p];
    }
    out.swap(scratch);
    out.resize(size);
  }
  for (double& u : out) u = std::min(u, 1.0);
}

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

namespace {

using Shape = MediationKernel::Shape;
using Workspace = MediationKernel::Workspace;

// Each party's terms: weight times its stake's column in each track it weighs; track `reduced`
// (when not npos) reads the workspace's reduced columns.
std::vector<std::vector<JointTerm>> JointTerms(const Shape& shape, const WorldNumbers& world, const Workspace& ws,
                                               std::size_t reduced) {
  std::vector<std::vector<JointTerm>> terms(shape.parties.size());
  for (std::size_t p = 0; p < shape.parties.size(); ++p) {
    for (std::size_t e = 0; e < shape.parties[p].entries.size(); ++e) {
      const auto [t, s] = shape.parties[p].entries[e];
      terms[p].push_back({world.track_weights[p][e], t, t == reduced ? ws.reduced_columns[s] : ws.columns[t][s]});
    }
  }
  return terms;
}

// Each party's interactions, with where their conditions hold; `removed` (when not npos) is the
// joint issue taken off the table, whose interactions are dropped and whose track is reduced.
std::vector<std::vector<JointBonus>> JointBonuses(const Shape& shape, const WorldNumbers& world, std::size_t removed,
                                                  std::size_t reduced_track) {
  std::vector<std::vector<JointBonus>> bonuses(shape.parties.size());
  for (std::size_t p = 0; p < shape.parties.size(); ++p) {
    for (std::size_t k = 0; k < shape.parties[p].interactions.size(); ++k) {
      const InteractionShape& interaction = shape.parties[p].interactions[k];
      if (removed != std::string::npos && interaction.dropped[removed]) continue;
      JointBonus bonus{world.interactions[p][k], {}};
      for (std::size_t t = 0; t < interaction.holds.size(); ++t) {
        if (t == reduced_track) {
          if (!interaction.reduced[removed].empty()) bonus.holds.emplace_back(t, &interaction.reduced[removed]);
        } else if (!interaction.holds[t].empty()) {
          bonus.holds.emplace_back(t, &interaction.holds[t]);
        }
      }
      bonuses[p].push_back(std::move(bonus));
    }
  }
  return bonuses;
}

std::vector<std::uint64_t> TrackSizes(const Shape& shape, std::size_t reduced_track, std::uint64_t reduced_size) {
  std::vector<std::uint64_t> sizes;
  for (std::size_t t = 0; t < shape.tracks.size(); ++t) {
    sizes.push_back(t == reduced_track ? reduced_size : shape.tracks[t].size);
  }
  return sizes;
}

// Every stake of track t without issue `drop` in the world: ws.reduced_columns[s], or
// ws.reduced_why[s] when the removal is not defined for that stake (issue_removal.cc's reasons).
void ReduceTrack(const Shape& shape, const WorldNumbers& world, std::size_t t, std::size_t drop, Workspace& ws) {
  const TrackShape& track = shape.tracks[t];
  const std::size_t stakes = track.stakes.size();
  ws.reduced_stakes.resize(std::max(ws.reduced_stakes.size(), stakes));
  ws.reduced_columns.assign(stakes, nullptr);
  ws.reduced_why.resize(stakes);
  for (std::size_t s = 0; s < stakes; ++s) {
    const StakeShape& stake = track.stakes[s];
    if (!stake.varies) {
      if (!stake.reduced_why[drop].empty()) {
        ws.reduced_why[s] = stake.reduced_why[drop];
      } else {
        ws.reduced_columns[s] = &stake.reduced[drop];
      }
      continue;
    }
    const std::vector<double>& weights = ws.normalised[t][s];
    double remaining = 0.0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (i != drop) remaining += weights[i];
    }
    if (!(remaining > 0.0)) {
      ws.reduced_why[s] = fmt::format("{} gives weight only to this issue", stake.name);
      continue;
    }
    TabulateLinearWithout(weights, WeightRule::kNormalise, world.stakes[t][s].values, drop, ws.weights,
                          ws.reduced_stakes[s], ws.scratch);
    ws.reduced_columns[s] = &ws.reduced_stakes[s];
  }
}

// The table of track t's subject without issue `drop` into ws.reduced, or false with the reason.
bool ReducedTrackTable(const Shape& shape, std::size_t t, std::size_t drop, Workspace& ws, std::string& why) {
  const TrackShape& track = shape.tracks[t];
  if (track.radix.size() < 2) {
    why = "it is the only issue";
    return false;
  }
  for (std::size_t s : track.participants) {
    if (!ws.reduced_columns[s]) {
      why = ws.reduced_why[s];
      return false;
    }
  }
  ws.reduced.radix = ReducedRadix(track.radix, drop);
  ws.reduced.size = track.size / track.radix[drop];
  ws.reduced.utilities.resize(track.participants.size());
  for (std::size_t k = 0; k < track.participants.size(); ++k) {
    ws.reduced.utilities[k] = *ws.reduced_columns[track.participants[k]];
  }
  FillKeys(ws.reduced);
  return true;
}

// The joint table without joint issue `removed` (issue `drop` of track t) into ws.reduced, or
// false with the reason (issue_removal.cc's MultiTrackWithout).
bool ReducedJointTable(const Shape& shape, const WorldNumbers& world, std::size_t removed, std::size_t t,
                       std::size_t drop, Workspace& ws, std::string& why) {
  const TrackShape& track = shape.tracks[t];
  if (track.radix.size() < 2) {
    why = fmt::format("it is the only issue of track '{}'", track.name);
    return false;
  }
  for (std::size_t s = 0; s < track.stakes.size(); ++s) {
    if (!ws.reduced_columns[s]) {
      why = ws.reduced_why[s];
      return false;
    }
  }
  ws.reduced.radix = ReducedRadix(shape.joint_layout.radix, removed);
  ws.reduced.size = shape.joint_layout.size / shape.joint_layout.radix[removed];
  FillJoint(TrackSizes(shape, t, track.size / track.radix[drop]), JointTerms(shape, world, ws, t),
            JointBonuses(shape, world, removed, t), ws.reduced, ws.weighted);
  FillKeys(ws.reduced);
  return true;
}

}  // namespace

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
  constexpr std::size_t kNone = std::string::npos;
  FillJoint(TrackSizes(*shape_, kNone, 0), JointTerms(*shape_, world, ws, kNone),
            JointBonuses(*shape_, world, kNone, kNone), ws.tables[joint], ws.weighted);
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
