// The mediation kernel's per-world tables (mediation_kernel_parts.h). The arithmetic of each is that
// of the code it stands for, step for step: LinearAdditiveUtility's constructor and EvaluateAll
// (src/preferences/linear_additive.cc), OverallUtility (src/tracks/multi_track.cc) and the removal
// of an issue (src/assistant/issue_removal.cc); tests/mediation_kernel_test.cc holds them together.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "assistant/mediation_kernel_parts.h"
#include "parley/error.h"

namespace parley::internal {
namespace {

using Shape = MediationKernel::Shape;
using Workspace = MediationKernel::Workspace;

std::vector<std::uint64_t> ReducedRadix(const std::vector<std::uint64_t>& radix, std::size_t drop) {
  std::vector<std::uint64_t> reduced;
  for (std::size_t i = 0; i < radix.size(); ++i) {
    if (i != drop) reduced.push_back(radix[i]);
  }
  return reduced;
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

}  // namespace

void FallbacksAt(const StakeShape& shape, const StakeNumbers& numbers, const std::vector<double>& times,
                 std::uint64_t rounds, std::vector<double>& out) {
  if (numbers.schedule.empty()) {
    std::fill(out.begin(), out.end(), numbers.reservation_value);
    return;
  }
  const ReservationSchedule schedule(numbers.schedule, shape.interpolation, shape.unit);
  for (std::size_t m = 0; m < times.size(); ++m) out[m] = schedule.ValueAt(times[m], rounds);
}

void FillJointTable(const Shape& shape, const WorldNumbers& world, Workspace& ws) {
  constexpr std::size_t kNone = std::string::npos;
  FillJoint(TrackSizes(shape, kNone, 0), JointTerms(shape, world, ws, kNone), JointBonuses(shape, world, kNone, kNone),
            ws.tables[shape.tracks.size()], ws.weighted);
}

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

}  // namespace parley::internal
