#include "parley/outcome_ranking.h"

#include <algorithm>
#include <numeric>

#include "parley/limits.h"
#include "parley/random.h"
#include "parley/utility.h"

namespace parley {
namespace {

// Fixed so that a sampled ranking, and every negotiation that uses it, is reproducible.
constexpr std::uint64_t kSamplingSeed = 0x70617266656e6365ULL;
// Values tried per issue and pass when hill-climbing over an issue with many values.
constexpr std::uint64_t kClimbValuesPerIssue = 64;

// Work allowed to all the climbs of one ranking, in utility evaluations times issues (an
// evaluation costs about one step per issue). Far above what the climbs of any GENIUS or ANAC
// scenario use; it stops climbs over thousands of issues, which cost the square of the issue
// count per pass, from running for hours.
constexpr std::uint64_t kClimbWork = std::uint64_t{1} << 34;

// Improves `outcome` one issue at a time until no single change raises its utility, or until
// `evaluations` utility evaluations are spent (it is decreased by those made).
double HillClimb(const UtilityFunction& utility, Outcome& outcome, Rng& rng, std::uint64_t& evaluations) {
  const OutcomeSpace& space = utility.space();
  double best = utility.Utility(outcome);
  for (bool improved = true; improved && evaluations > 0;) {
    improved = false;
    for (std::size_t i = 0; i < space.issue_count() && evaluations > 0; ++i) {
      const Issue& issue = space.issue(i);
      const double original = outcome[i];
      double best_value = original;
      const bool all = issue.countable() && issue.cardinality() <= kClimbValuesPerIssue;
      const std::uint64_t tries = all ? issue.cardinality() : kClimbValuesPerIssue;
      for (std::uint64_t k = 0; k < tries && evaluations > 0; ++k, --evaluations) {
        const double v =
            all ? issue.ValueAt(k)
                : (issue.countable() ? issue.ValueAt(rng.UniformInt(issue.cardinality()))
                                     : issue.lower() + (issue.upper() - issue.lower()) * rng.UniformReal());
        outcome[i] = v;
        const double u = utility.Utility(outcome);
        if (u > best) {
          best = u;
          best_value = v;
          improved = true;
        }
      }
      outcome[i] = best_value;
    }
  }
  return best;
}

// Stable sort of one crowded bucket. Clustered values (many near-equal sums of weights) can put
// thousands of outcomes in one bucket, where insertion sort would be quadratic.
void SortCrowdedBucket(const std::vector<double>& values, std::vector<OutcomeIndex>::iterator first,
                       std::vector<OutcomeIndex>::iterator last) {
  std::stable_sort(first, last, [&](OutcomeIndex a, OutcomeIndex b) { return values[a] < values[b]; });
}

// Indices 0..n-1 ordered by `values` ascending, ties in index order (what std::stable_sort
// gives), by a bucket sort: one counting pass into about n buckets by value, then insertion sort
// within each bucket. Bucketing by a monotone function keeps the order exact. Several times faster
// than a comparison sort for the tens of thousands of outcomes of a typical ANAC space, which
// matters because a ranking is built when a negotiator first meets a utility function.
std::vector<OutcomeIndex> SortedByValue(const std::vector<double>& values) {
  const std::size_t n = values.size();
  std::vector<OutcomeIndex> order(n);
  if (n == 0) return order;
  const auto [low, high] = std::minmax_element(values.begin(), values.end());
  const double min = *low, range = *high - *low;
  const std::size_t buckets = std::max<std::size_t>(n, 16);
  const double scale = range > 0 ? static_cast<double>(buckets - 1) / range : 0.0;
  auto bucket_of = [&](double v) { return std::min(buckets - 1, static_cast<std::size_t>((v - min) * scale)); };
  std::vector<std::size_t> starts(buckets + 1, 0);
  for (double v : values) ++starts[bucket_of(v) + 1];
  for (std::size_t b = 0; b < buckets; ++b) starts[b + 1] += starts[b];
  std::vector<std::size_t> next(starts.begin(), starts.end() - 1);
  for (OutcomeIndex i = 0; i < n; ++i) order[next[bucket_of(values[i])]++] = i;
  constexpr std::size_t kInsertionSortLimit = 256;
  for (std::size_t b = 0; b < buckets; ++b) {
    if (starts[b + 1] - starts[b] > kInsertionSortLimit) {
      SortCrowdedBucket(values, order.begin() + static_cast<std::ptrdiff_t>(starts[b]),
                        order.begin() + static_cast<std::ptrdiff_t>(starts[b + 1]));
      continue;
    }
    for (std::size_t k = starts[b] + 1; k < starts[b + 1]; ++k) {
      const OutcomeIndex item = order[k];
      std::size_t j = k;
      for (; j > starts[b] && values[order[j - 1]] > values[item]; --j) order[j] = order[j - 1];
      order[j] = item;
    }
  }
  return order;
}

}  // namespace

OutcomeRanking::OutcomeRanking(const UtilityFunction& utility) : space_(&utility.space()) {
  const OutcomeSpace& space = *space_;
  const std::size_t n = space.issue_count();
  const ResourceLimits limits = DefaultResourceLimits();
  // An exhaustive ranking holds a utility and an index per outcome, and evaluates every outcome
  // once more on the way.
  const std::uint64_t exhaustive_limit =
      std::min({kExhaustiveLimit, limits.max_outcomes, limits.max_cache_bytes / (3 * sizeof(double))});
  if (space.cardinality() && *space.cardinality() <= exhaustive_limit) {
    exhaustive_ = true;
    const std::uint64_t count = *space.cardinality();
    std::vector<double> raw;
    utility.EvaluateAll(raw);
    indices_ = SortedByValue(raw);
    utilities_.resize(count);
    for (std::size_t r = 0; r < count; ++r) utilities_[r] = raw[indices_[r]];
    return;
  }

  // The samples are held twice while the ranking is built (as outcomes, then as values).
  const std::size_t bytes_per_sample = 2 * sizeof(double) * (n + 2);
  const std::size_t sample_size =
      std::clamp<std::size_t>(limits.max_cache_bytes / bytes_per_sample, kClimbStarts, kSampleSize);
  Rng rng(kSamplingSeed);
  std::vector<Outcome> samples(sample_size, Outcome(n));
  std::vector<double> sample_utilities(sample_size);
  for (std::size_t s = 0; s < sample_size; ++s) {
    space.RandomOutcome(rng, samples[s]);
    sample_utilities[s] = utility.Utility(samples[s]);
  }
  std::vector<std::size_t> order(sample_size);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return sample_utilities[a] > sample_utilities[b]; });
  std::uint64_t evaluations = kClimbWork / std::max<std::size_t>(n, 1);
  for (std::size_t k = 0; k < kClimbStarts; ++k) {
    Outcome climbed = samples[order[k]];
    const double u = HillClimb(utility, climbed, rng, evaluations);
    samples.push_back(std::move(climbed));
    sample_utilities.push_back(u);
  }
  std::vector<std::size_t> ranks(samples.size());
  std::iota(ranks.begin(), ranks.end(), std::size_t{0});
  std::stable_sort(ranks.begin(), ranks.end(),
                   [&](std::size_t a, std::size_t b) { return sample_utilities[a] < sample_utilities[b]; });
  utilities_.reserve(samples.size());
  values_.reserve(samples.size() * n);
  for (std::size_t r : ranks) {
    utilities_.push_back(sample_utilities[r]);
    values_.insert(values_.end(), samples[r].values().begin(), samples[r].values().end());
  }
}

void OutcomeRanking::CopyOutcome(std::size_t rank, Outcome& out) const {
  if (exhaustive_) {
    space_->Decode(indices_[rank], out);
    return;
  }
  const std::size_t n = space_->issue_count();
  if (out.size() != n) out = Outcome(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = values_[rank * n + i];
}

std::size_t OutcomeRanking::LowestAtLeast(double target) const {
  return static_cast<std::size_t>(std::lower_bound(utilities_.begin(), utilities_.end(), target) - utilities_.begin());
}

}  // namespace parley
