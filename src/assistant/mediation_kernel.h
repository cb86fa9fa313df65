// The mediator's assistant for many worlds of one scenario: worlds that differ from the estimate
// only in numbers (weights, value utilities, fallbacks, track weights, interaction values, event
// times), never in issues, values or conditions. The kernel enumerates the packages, splits joint
// packages into track packages and matches interaction conditions once; per world it recomputes
// only utilities, with the same arithmetic as LinearAdditiveUtility and OverallUtility, and sweeps
// the tables with the code AssistMediation uses (package_sweep.h), so a world's answers are those
// AssistMediation gives for the scenario with the world's numbers, bit for bit.
//
// Construction throws UsageError when a subject cannot be enumerated or a profile whose numbers
// vary is not a tabulated linear additive function. Report and Sample are const and thread-safe;
// Sample allocates only in a workspace's first use (one workspace per thread).
#ifndef PARLEY_ASSISTANT_MEDIATION_KERNEL_H_
#define PARLEY_ASSISTANT_MEDIATION_KERNEL_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "assistant/package_sweep.h"
#include "parley/mediation_assistant.h"
#include "parley/multi_track.h"
#include "parley/schedule.h"

namespace parley::internal {

// The numbers of one stakeholder profile of one track.
struct StakeNumbers {
  std::vector<double> weights;              // linear additive: as written, before normalisation
  std::vector<std::vector<double>> values;  // linear additive: [issue][position], the value utilities
  double reservation_value = 0.0;
  std::vector<ReservationSchedule::Point> schedule;  // empty: the profile has no schedule
};

// Every number of a world the kernel reads.
struct WorldNumbers {
  std::vector<std::vector<StakeNumbers>> stakes;   // [track][profile of Track::stakes]
  std::vector<std::vector<double>> track_weights;  // [party][entry of MultiTrackParty::weights]
  std::vector<std::vector<double>> interactions;   // [party][interaction]: its value
  std::vector<std::optional<double>> ends_at;      // [track]
};

// What one world answers for one subject, per moment.
struct SubjectSample {
  std::vector<std::uint8_t> zone_exists;
  std::vector<std::uint8_t> recommended_accepted;  // the estimate's first proposal is in the world's zone
  std::vector<std::uint64_t> zone_size;            // full samples only
  std::vector<std::int32_t> stumbling_block;       // full samples only: the subject's issue index, -1 for none
};

class MediationKernel {
 public:
  // `raw_weights(track, profile)` gives the weights a linear additive profile was written with
  // (LinearAdditiveUtility keeps only normalised ones); `varies[track][profile]` says whose
  // utilities change between worlds (empty: every linear additive profile's). Throws UsageError.
  MediationKernel(MultiTrackScenario estimate, const MediationOptions& options,
                  const std::function<std::vector<double>(std::size_t, std::size_t)>& raw_weights,
                  std::vector<std::vector<bool>> varies = {});
  ~MediationKernel();

  const MultiTrackScenario& estimate() const { return estimate_; }
  // The estimate's own numbers: the starting point of every world.
  const WorldNumbers& estimate_numbers() const { return estimate_numbers_; }
  const std::vector<double>& times() const { return times_; }
  // The subjects in report order: every track, then the joint package when it is analysed.
  std::size_t subject_count() const;
  // The report AssistMediation gives at the estimate; Report(estimate_numbers()) equals it.
  const MediationReport& estimate_report() const { return estimate_report_; }
  // The estimate's first proposal of each subject at each moment ([subject][moment]; nullopt when
  // the estimate has no zone then).
  const std::vector<std::vector<std::optional<std::uint64_t>>>& recommended() const { return recommended_; }

  // The issues of a subject: the track's, or "track/issue" for the joint package.
  std::vector<std::string> IssueNames(std::size_t subject) const;
  // The index of `package` (one outcome per track of the subject) in the subject's package order.
  std::uint64_t IndexOf(std::size_t subject, const MediationPackage& package) const;
  // Package `index` of `subject` at `moment` with the estimate's utilities and fallbacks.
  MediationPackage EstimatePackage(std::size_t subject, std::size_t moment, std::uint64_t index) const;
  // Its place among the estimate's zone packages at `moment` in the order of proposal (1 = the
  // first proposal); 0 when it is outside the estimate's zone.
  std::uint64_t EstimateRank(std::size_t subject, std::size_t moment, std::uint64_t index) const;

  // AssistMediation's report for the world (slow: builds every package).
  MediationReport Report(const WorldNumbers& world) const;

  struct Workspace;
  std::shared_ptr<Workspace> NewWorkspace() const;
  // A zone package of subject `subject` at moment `moment` of the world, with its Nash product.
  using Visit = std::function<void(std::size_t subject, std::size_t moment, const Candidate& package)>;
  // The world's answers per subject into `out` (sized by the kernel). With `full`, also zone
  // sizes, stumbling blocks and `visit` for every zone package; without, only whether the zone
  // exists and whether the estimate's first proposal is in it (`visit` not called).
  void Sample(const WorldNumbers& world, Workspace& workspace, bool full, const Visit& visit,
              std::vector<SubjectSample>& out) const;

  struct Shape;

 private:
  // The world's stake utilities and fallbacks, and every subject's table and fallbacks.
  void Prepare(const WorldNumbers& world, Workspace& workspace) const;

  MultiTrackScenario estimate_;
  MediationOptions options_;
  std::vector<double> times_;
  std::unique_ptr<const Shape> shape_;
  WorldNumbers estimate_numbers_;
  MediationReport estimate_report_;
  std::vector<std::vector<std::optional<std::uint64_t>>> recommended_;
  std::shared_ptr<Workspace> estimate_workspace_;  // prepared with the estimate's numbers
};

// The utility of every package of a track under a linear additive profile with `weights` (as
// written; normalised under kNormalise) and value utilities values[issue][position], with
// LinearAdditiveUtility's arithmetic (the same bits as its EvaluateAll). `normalised` receives the
// weights used. Exposed for the test that holds the two together.
void TabulateLinear(const std::vector<double>& weights, WeightRule rule, const std::vector<std::vector<double>>& values,
                    std::vector<double>& normalised, std::vector<double>& out, std::vector<double>& scratch);
// The same without issue `drop` (values.size(): none), as a profile with that issue removed.
void TabulateLinearWithout(const std::vector<double>& weights, WeightRule rule,
                           const std::vector<std::vector<double>>& values, std::size_t drop,
                           std::vector<double>& normalised, std::vector<double>& out, std::vector<double>& scratch);

}  // namespace parley::internal

#endif  // PARLEY_ASSISTANT_MEDIATION_KERNEL_H_
