// The mediation kernel's own parts (mediation_kernel.h): what it keeps of the estimate's shape, a
// thread's workspace, and the per-world tables built from them (mediation_kernel_tables.cc), so
// that the kernel's answers (mediation_kernel.cc) and its arithmetic each have a file.
#ifndef PARLEY_ASSISTANT_MEDIATION_KERNEL_PARTS_H_
#define PARLEY_ASSISTANT_MEDIATION_KERNEL_PARTS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "assistant/mediation_kernel.h"
#include "assistant/package_sweep.h"
#include "parley/schedule.h"
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
  std::vector<std::vector<std::uint8_t>> reduced;  // [joint issue]: that track, reduced
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

// The stake's fallback at each of `times` (one schedule built per world, not per moment).
void FallbacksAt(const StakeShape& shape, const StakeNumbers& numbers, const std::vector<double>& times,
                 std::uint64_t rounds, std::vector<double>& out);

// The joint table of the world into ws.tables[shape.tracks.size()], from the track columns the
// workspace holds: OverallUtility's sum, with every track agreed.
void FillJointTable(const MediationKernel::Shape& shape, const WorldNumbers& world, MediationKernel::Workspace& ws);

// Every stake of track t without issue `drop` in the world: ws.reduced_columns[s], or
// ws.reduced_why[s] when the removal is not defined for that stake (issue_removal.cc's reasons).
void ReduceTrack(const MediationKernel::Shape& shape, const WorldNumbers& world, std::size_t t, std::size_t drop,
                 MediationKernel::Workspace& ws);
// The table of track t's subject without issue `drop` into ws.reduced, or false with the reason.
bool ReducedTrackTable(const MediationKernel::Shape& shape, std::size_t t, std::size_t drop,
                       MediationKernel::Workspace& ws, std::string& why);
// The joint table without joint issue `removed` (issue `drop` of track t) into ws.reduced, or
// false with the reason (issue_removal.cc's MultiTrackWithout).
bool ReducedJointTable(const MediationKernel::Shape& shape, const WorldNumbers& world, std::size_t removed,
                       std::size_t t, std::size_t drop, MediationKernel::Workspace& ws, std::string& why);

}  // namespace parley::internal

#endif  // PARLEY_ASSISTANT_MEDIATION_KERNEL_PARTS_H_
