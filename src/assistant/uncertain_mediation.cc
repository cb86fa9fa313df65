// The mediator's assistant over sampled worlds (see parley/uncertain_mediation.h and
// docs/uncertainty.md, "Mediating under uncertainty"). Worlds are answered by the mediation kernel
// in blocks of consecutive indices; each block's tallies are merged in block order, so sums of
// doubles, and with them the whole report, do not depend on the number of threads.
#include "parley/uncertain_mediation.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "assistant/mediation_kernel.h"
#include "common/parallel_blocks.h"
#include "common/sample_statistics.h"
#include "parley/error.h"

namespace parley {
namespace {

using internal::MediationKernel;
using internal::Quantile;
using internal::SubjectSample;
using internal::Wilson;
using internal::WorldNumbers;

constexpr std::uint64_t kBlock = 256;

// Writes a world's uncertain numbers into the kernel's WorldNumbers. Every world writes the same
// places, so a WorldNumbers started from the estimate's needs no reset between worlds.
class WorldWriter {
 public:
  explicit WorldWriter(const UncertainScenario& scenario) : numbers_(scenario.numbers()) {
    const MultiTrackScenario& estimate = scenario.estimate();
    for (const auto& event : estimate.events()) {
      std::vector<std::size_t> ended;
      for (std::size_t t = 0; t < estimate.tracks().size(); ++t) {
        if (estimate.tracks()[t].ends_because == event.name) ended.push_back(t);
      }
      tracks_ended_by_.push_back(std::move(ended));
    }
  }

  // Whose utilities change between worlds: profiles with an uncertain weight or value.
  std::vector<std::vector<bool>> Varies(const MultiTrackScenario& estimate) const {
    std::vector<std::vector<bool>> varies;
    for (const auto& track : estimate.tracks()) varies.emplace_back(track.stakes.party_count(), false);
    for (const auto& number : numbers_) {
      for (const auto& place : number.places) {
        if (place.kind == NumberPlace::Kind::kIssueWeight || place.kind == NumberPlace::Kind::kValueUtility) {
          varies[place.track][place.party] = true;
        }
      }
    }
    return varies;
  }

  void Write(std::span<const double> values, WorldNumbers& world) const {
    for (std::size_t i = 0; i < numbers_.size(); ++i) {
      for (const auto& place : numbers_[i].places) Put(place, values[i], world);
    }
  }

 private:
  void Put(const NumberPlace& place, double value, WorldNumbers& world) const {
    switch (place.kind) {
      case NumberPlace::Kind::kIssueWeight: world.stakes[place.track][place.party].weights[place.issue] = value; return;
      case NumberPlace::Kind::kValueUtility:
        world.stakes[place.track][place.party].values[place.issue][place.position] = value;
        return;
      case NumberPlace::Kind::kReservationValue:
        world.stakes[place.track][place.party].reservation_value = value;
        return;
      case NumberPlace::Kind::kScheduleValue:
        world.stakes[place.track][place.party].schedule[place.position].value = value;
        return;
      case NumberPlace::Kind::kScheduleTime:
        world.stakes[place.track][place.party].schedule[place.position].at = value;
        return;
      case NumberPlace::Kind::kDiscountFactor: return;  // the assistant's utilities are undiscounted
      case NumberPlace::Kind::kTrackWeight: world.track_weights[place.party][place.position] = value; return;
      case NumberPlace::Kind::kInteractionValue: world.interactions[place.party][place.position] = value; return;
      case NumberPlace::Kind::kEventTime:
        for (std::size_t t : tracks_ended_by_[place.position]) world.ends_at[t] = value;
        return;
    }
  }

  const std::vector<UncertainNumber>& numbers_;
  std::vector<std::vector<std::size_t>> tracks_ended_by_;  // [event]
};

// What the worlds of one block say about one subject at one moment.
struct Tally {
  std::uint64_t zone = 0;
  std::uint64_t zone_sizes = 0;         // summed over worlds: the mean fraction is exact
  std::vector<std::uint64_t> accepted;  // [package]
  std::vector<double> nash;             // [package]: sum of Nash products of gains, in the zone
  std::vector<std::uint64_t> blocks;    // [issue], then none
};

using Tallies = std::vector<std::vector<Tally>>;  // [subject][moment]

// Per world, [subject][moment][sample], kept whatever keep_samples says (quantiles and Sobol
// indices need them).
struct PerWorld {
  std::vector<std::vector<std::vector<std::uint8_t>>> zone_exists, accepted;
  std::vector<std::vector<std::vector<std::uint32_t>>> zone_size;
  std::vector<std::vector<std::vector<std::int32_t>>> block;
};

// One thread's buffers.
struct Worker {
  std::shared_ptr<MediationKernel::Workspace> workspace;
  WorldNumbers world;
  std::vector<double> unit, values, mixed;
  std::vector<SubjectSample> samples;

  // Builds the buffers on the worker's first block.
  void Ready(const MediationKernel& kernel, std::size_t dimension) {
    if (workspace) return;
    workspace = kernel.NewWorkspace();
    world = kernel.estimate_numbers();
    unit.resize(dimension);
    values.resize(dimension);
    mixed.resize(dimension);
  }
};

Tallies EmptyTallies(const MediationKernel& kernel, const std::vector<std::uint64_t>& packages,
                     const std::vector<std::size_t>& issues) {
  Tallies tallies(kernel.subject_count());
  for (std::size_t s = 0; s < tallies.size(); ++s) {
    for (std::size_t m = 0; m < kernel.times().size(); ++m) {
      Tally& tally = tallies[s].emplace_back();
      tally.accepted.assign(packages[s], 0);
      tally.nash.assign(packages[s], 0.0);
      tally.blocks.assign(issues[s] + 1, 0);
    }
  }
  return tallies;
}

void Merge(const Tallies& block, Tallies& total) {
  for (std::size_t s = 0; s < total.size(); ++s) {
    for (std::size_t m = 0; m < total[s].size(); ++m) {
      Tally& to = total[s][m];
      const Tally& from = block[s][m];
      to.zone += from.zone;
      to.zone_sizes += from.zone_sizes;
      for (std::size_t k = 0; k < to.accepted.size(); ++k) {
        to.accepted[k] += from.accepted[k];
        to.nash[k] += from.nash[k];
      }
      for (std::size_t i = 0; i < to.blocks.size(); ++i) to.blocks[i] += from.blocks[i];
    }
  }
}

RobustPackage Robust(const MediationKernel& kernel, std::size_t s, std::size_t m, std::uint64_t index,
                     const Tally& tally, std::size_t samples) {
  RobustPackage package;
  package.at_estimate = kernel.EstimatePackage(s, m, index);
  package.index = index;
  package.estimate_rank = kernel.EstimateRank(s, m, index);
  const double n = static_cast<double>(samples);
  package.acceptance = static_cast<double>(tally.accepted[index]) / n;
  package.acceptance_error = std::sqrt(package.acceptance * (1.0 - package.acceptance) / n);
  package.expected_nash = tally.nash[index] / n;
  return package;
}

// Evaluates the N worlds of matrix A with every answer, tallying block by block in block order.
void SampleWorlds(const UncertainScenario& scenario, const MediationKernel& kernel, const WorldWriter& writer,
                  const UncertainMediationOptions& options, const std::vector<std::uint64_t>& packages,
                  const std::vector<std::size_t>& issues, Tallies& total, PerWorld& per_world,
                  std::vector<double>& values) {
  const std::size_t k = scenario.dimension();
  const std::uint64_t n = options.samples;
  const std::uint64_t blocks = (n + kBlock - 1) / kBlock;
  std::vector<Worker> workers(internal::WorkerCount(options.threads, blocks));
  std::mutex merge_mutex;
  std::map<std::uint64_t, Tallies> waiting;
  std::uint64_t next_merge = 0;
  internal::ForEachBlock(blocks, options.threads, [&](std::uint64_t block, unsigned w) {
    Worker& worker = workers[w];
    worker.Ready(kernel, k);
    Tallies tallies = EmptyTallies(kernel, packages, issues);
    auto visit = [&](std::size_t s, std::size_t m, const internal::Candidate& candidate) {
      ++tallies[s][m].accepted[candidate.index];
      tallies[s][m].nash[candidate.index] += candidate.product;
    };
    const std::uint64_t end = std::min(n, (block + 1) * kBlock);
    for (std::uint64_t j = block * kBlock; j < end; ++j) {
      scenario.UnitPointInto(options.seed, j, worker.unit);
      scenario.ValuesInto(worker.unit, worker.values);
      if (!values.empty()) std::copy(worker.values.begin(), worker.values.end(), values.begin() + j * k);
      writer.Write(worker.values, worker.world);
      kernel.Sample(worker.world, *worker.workspace, true, visit, worker.samples);
      for (std::size_t s = 0; s < worker.samples.size(); ++s) {
        const SubjectSample& sample = worker.samples[s];
        for (std::size_t m = 0; m < sample.zone_exists.size(); ++m) {
          Tally& tally = tallies[s][m];
          tally.zone += sample.zone_exists[m];
          tally.zone_sizes += sample.zone_size[m];
          const std::int32_t stumbling = sample.stumbling_block[m];
          ++tally.blocks[stumbling < 0 ? issues[s] : static_cast<std::size_t>(stumbling)];
          per_world.zone_exists[s][m][j] = sample.zone_exists[m];
          per_world.accepted[s][m][j] = sample.recommended_accepted[m];
          per_world.zone_size[s][m][j] = static_cast<std::uint32_t>(sample.zone_size[m]);
          per_world.block[s][m][j] = stumbling;
        }
      }
    }
    std::lock_guard<std::mutex> lock(merge_mutex);
    waiting.emplace(block, std::move(tallies));
    for (auto found = waiting.find(next_merge); found != waiting.end(); found = waiting.find(next_merge)) {
      Merge(found->second, total);
      waiting.erase(found);
      ++next_merge;
    }
  });
}

// One output of the Sobol analysis: the zone's existence, or the acceptance of the estimate's
// first proposal, of one subject at one moment.
struct SobolOutput {
  std::size_t subject = 0, moment = 0;
  bool recommended = false;
};

std::vector<SobolOutput> SobolOutputs(const MediationKernel& kernel, const UncertainMediationOptions& options,
                                      const MediationReport& estimate, std::vector<std::string>& notes) {
  const std::vector<double>& times = kernel.times();
  for (double time : options.sobol_times) {
    if (std::find(times.begin(), times.end(), time) == times.end()) {
      throw UsageError(fmt::format("Sobol indices at t = {}: not an answer time (the answer times are {})", time,
                                   fmt::join(times, ", ")));
    }
  }
  // Every subject: the worlds are answered for all of them anyway, and an output that never
  // changes costs nothing to estimate (its variance is 0).
  std::vector<SobolOutput> outputs;
  for (std::size_t s = 0; s < kernel.subject_count(); ++s) {
    const MediationSubject& subject = s < estimate.tracks.size() ? estimate.tracks[s] : *estimate.joint;
    for (std::size_t m = 0; m < times.size(); ++m) {
      if (!options.sobol_times.empty() &&
          std::find(options.sobol_times.begin(), options.sobol_times.end(), times[m]) == options.sobol_times.end()) {
        continue;
      }
      outputs.push_back({s, m, false});
      if (kernel.recommended()[s][m]) {
        outputs.push_back({s, m, true});
      } else {
        notes.push_back(fmt::format("{} at t = {}: no index for the recommended package, the estimate has no zone",
                                    subject.name, times[m]));
      }
    }
  }
  return outputs;
}

// Evaluates the B and AB_i rows of the Saltelli design (A's are the sampled worlds) with the
// kernel's quick answers and estimates the indices of every output.
void AddSensitivity(const UncertainScenario& scenario, const MediationKernel& kernel, const WorldWriter& writer,
                    const UncertainMediationOptions& options, const PerWorld& per_world,
                    UncertainMediationReport& report) {
  const std::vector<SobolOutput> outputs = SobolOutputs(kernel, options, report.estimate, report.notes);
  const std::size_t k = scenario.dimension(), n = options.samples, count = outputs.size();
  // f[((matrix * n) + j) * count + o]: matrix 0 is B, 1 + i is AB_i.
  std::vector<std::uint8_t> f((k + 1) * n * count);
  const std::uint64_t blocks = (n + kBlock - 1) / kBlock;
  std::vector<Worker> workers(internal::WorkerCount(options.threads, blocks));
  internal::ForEachBlock(blocks, options.threads, [&](std::uint64_t block, unsigned w) {
    Worker& worker = workers[w];
    worker.Ready(kernel, k);
    std::vector<double> b(k);
    auto evaluate = [&](std::span<const double> unit, std::size_t matrix, std::uint64_t j) {
      scenario.ValuesInto(unit, worker.values);
      writer.Write(worker.values, worker.world);
      kernel.Sample(worker.world, *worker.workspace, false, nullptr, worker.samples);
      for (std::size_t o = 0; o < count; ++o) {
        const SubjectSample& sample = worker.samples[outputs[o].subject];
        f[(matrix * n + j) * count + o] = outputs[o].recommended ? sample.recommended_accepted[outputs[o].moment]
                                                                 : sample.zone_exists[outputs[o].moment];
      }
    };
    const std::uint64_t end = std::min<std::uint64_t>(n, (block + 1) * kBlock);
    for (std::uint64_t j = block * kBlock; j < end; ++j) {
      scenario.UnitPointInto(options.seed, j, worker.unit);
      DesignRowB(options.seed, j, b);
      evaluate(b, 0, j);
      for (std::size_t i = 0; i < k; ++i) {
        worker.mixed = worker.unit;
        worker.mixed[i] = b[i];
        evaluate(worker.mixed, 1 + i, j);
      }
    }
  });
  report.evaluations += n * (k + 1);
  std::vector<SobolEstimate> estimates(count);
  internal::ForEachBlock(count, options.threads, [&](std::uint64_t o, unsigned) {
    const SobolOutput& output = outputs[o];
    const auto& from_a = output.recommended ? per_world.accepted[output.subject][output.moment]
                                            : per_world.zone_exists[output.subject][output.moment];
    std::vector<double> f_a(from_a.begin(), from_a.end()), f_b(n);
    std::vector<std::vector<double>> f_ab(k, std::vector<double>(n));
    for (std::size_t j = 0; j < n; ++j) {
      f_b[j] = f[(0 * n + j) * count + o];
      for (std::size_t i = 0; i < k; ++i) f_ab[i][j] = f[((1 + i) * n + j) * count + o];
    }
    estimates[o] = EstimateSobol(f_a, f_b, f_ab, options.sobol_options);
  });
  const MediationReport& estimate = report.estimate;
  for (std::size_t o = 0; o < count; ++o) {
    const std::size_t s = outputs[o].subject;
    report.sensitivity.push_back({s < estimate.tracks.size() ? estimate.tracks[s].name : estimate.joint->name,
                                  kernel.times()[outputs[o].moment], outputs[o].recommended ? "recommended" : "zone",
                                  std::move(estimates[o])});
  }
}

}  // namespace

UncertainMediationReport AssistMediationUnderUncertainty(const UncertainScenario& scenario,
                                                         const UncertainMediationOptions& options) {
  if (scenario.dimension() == 0) {
    throw UsageError("the scenario has no uncertain numbers (docs/uncertainty.md says how to give ranges)");
  }
  if (options.samples == 0) throw UsageError("the number of sampled worlds must be at least 1");
  if (options.sobol && options.samples < 2) {
    throw UsageError(fmt::format("Sobol indices need at least 2 sampled worlds, found {}", options.samples));
  }
  const WorldWriter writer(scenario);
  const MediationKernel kernel(
      scenario.estimate(), options.mediation,
      [&](std::size_t track, std::size_t party) { return scenario.RawWeights(track, party); },
      writer.Varies(scenario.estimate()));
  const std::size_t subjects = kernel.subject_count(), times = kernel.times().size(), n = options.samples;

  UncertainMediationReport report;
  report.estimate = kernel.estimate_report();
  report.numbers = scenario.numbers();
  report.samples = n;
  report.seed = options.seed;
  report.evaluations = n;
  std::vector<std::uint64_t> packages;
  std::vector<std::size_t> issues;
  for (std::size_t s = 0; s < subjects; ++s) {
    const MediationSubject& subject =
        s < report.estimate.tracks.size() ? report.estimate.tracks[s] : *report.estimate.joint;
    packages.push_back(*subject.packages);
    issues.push_back(kernel.IssueNames(s).size());
  }

  PerWorld per_world;
  per_world.zone_exists.assign(subjects, std::vector<std::vector<std::uint8_t>>(times, std::vector<std::uint8_t>(n)));
  per_world.accepted = per_world.zone_exists;
  per_world.zone_size.assign(subjects, std::vector<std::vector<std::uint32_t>>(times, std::vector<std::uint32_t>(n)));
  per_world.block.assign(subjects, std::vector<std::vector<std::int32_t>>(times, std::vector<std::int32_t>(n)));
  if (options.keep_samples) report.values.assign(n * scenario.dimension(), 0.0);
  Tallies total = EmptyTallies(kernel, packages, issues);
  SampleWorlds(scenario, kernel, writer, options, packages, issues, total, per_world, report.values);

  for (std::size_t s = 0; s < subjects; ++s) {
    const MediationSubject& at_estimate =
        s < report.estimate.tracks.size() ? report.estimate.tracks[s] : *report.estimate.joint;
    UncertainSubject subject;
    subject.name = at_estimate.name;
    subject.joint = at_estimate.joint;
    subject.parties = at_estimate.parties;
    subject.issues = kernel.IssueNames(s);
    subject.packages = packages[s];
    for (std::size_t m = 0; m < times; ++m) {
      const Tally& tally = total[s][m];
      UncertainMoment moment;
      moment.time = kernel.times()[m];
      moment.zone_probability = static_cast<double>(tally.zone) / static_cast<double>(n);
      std::tie(moment.zone_low, moment.zone_high) = Wilson(tally.zone, n);
      moment.zone_at_estimate = at_estimate.moments[m].zone_exists;
      moment.zone_fraction_mean =
          static_cast<double>(tally.zone_sizes) / (static_cast<double>(n) * static_cast<double>(packages[s]));
      std::vector<double> fractions;
      for (std::uint32_t size : per_world.zone_size[s][m]) {
        fractions.push_back(static_cast<double>(size) / static_cast<double>(packages[s]));
      }
      std::sort(fractions.begin(), fractions.end());
      moment.zone_fraction_quantiles = {Quantile(fractions, 0.05), Quantile(fractions, 0.5), Quantile(fractions, 0.95)};
      // The most often accepted packages: acceptance, then E[N+], then index.
      std::vector<std::uint64_t> order;
      for (std::uint64_t index = 0; index < packages[s]; ++index) {
        if (tally.accepted[index] > 0) order.push_back(index);
      }
      const std::size_t kept = std::min(options.mediation.top, order.size());
      std::partial_sort(order.begin(), order.begin() + kept, order.end(), [&](std::uint64_t a, std::uint64_t b) {
        if (tally.accepted[a] != tally.accepted[b]) return tally.accepted[a] > tally.accepted[b];
        if (tally.nash[a] != tally.nash[b]) return tally.nash[a] > tally.nash[b];
        return a < b;
      });
      for (std::size_t r = 0; r < kept; ++r) moment.robust.push_back(Robust(kernel, s, m, order[r], tally, n));
      for (const auto& best : at_estimate.moments[m].best) {
        moment.estimate_best.push_back(Robust(kernel, s, m, kernel.IndexOf(s, best), tally, n));
      }
      for (std::size_t i = 0; i <= issues[s]; ++i) {
        moment.stumbling_blocks.emplace_back(i < issues[s] ? subject.issues[i] : "none",
                                             static_cast<double>(tally.blocks[i]) / static_cast<double>(n));
      }
      moment.stumbling_block_at_estimate = at_estimate.moments[m].stumbling_block;
      subject.moments.push_back(std::move(moment));
    }
    if (options.keep_samples) {
      subject.zone_exists = per_world.zone_exists[s];
      subject.recommended_accepted = per_world.accepted[s];
      subject.zone_size = per_world.zone_size[s];
      subject.stumbling_block = per_world.block[s];
    }
    if (subject.joint) {
      report.joint = std::move(subject);
    } else {
      report.tracks.push_back(std::move(subject));
    }
  }
  if (options.sobol) AddSensitivity(scenario, kernel, writer, options, per_world, report);
  return report;
}

}  // namespace parley
