// An approximate Pareto frontier for any utility functions on spaces too large to enumerate (the
// hyper-rectangle utilities of ANAC 2014 on 10^10 to 10^50 outcomes, or many parties): the
// non-dominated points among seeded random outcomes, each party's best outcomes, hill-climbs on
// random positive weightings of the parties' utilities, and a few rounds of Pareto local search
// (every single-issue change of every non-dominated point). Every returned point is a real
// outcome with its exact utilities, but Pareto-optimal outcomes the search never reached are
// missing and a returned point may be dominated by one of them; the result says so.
//
// The error measured against exact frontiers is reported in docs/analysis-large-spaces.md.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include <fmt/format.h>

#include "analysis/frontier_methods.h"
#include "analysis/non_dominated.h"
#include "common/format_count.h"
#include "parley/limits.h"
#include "parley/outcome_ranking.h"
#include "parley/random.h"
#include "parley/utility.h"

namespace parley::internal {
namespace {

// Each party's best ranked outcomes added as candidates: the ends of the frontier.
constexpr std::size_t kTopPerParty = 64;
// Hill-climbs on weighted sums of the utilities: one per party (that party first) and the rest
// on random weightings, spreading the climbs along the frontier.
constexpr std::size_t kClimbs = 64;
constexpr std::size_t kClimbPasses = 50;
// Values tried per issue by a climb or a neighbourhood, for issues with more values than this
// (and real issues): a random selection.
constexpr std::uint64_t kValuesPerIssue = 64;
constexpr std::size_t kSearchRounds = 8;
// Work allowed to all the climbs, in utility evaluations times issues (see outcome_ranking.cc):
// never reached on GENIUS or ANAC scenarios, it bounds climbs over thousands of issues.
constexpr std::uint64_t kClimbWork = std::uint64_t{1} << 34;

// Candidate outcomes and their utilities, reduced to the non-dominated ones from time to time.
class Pool {
 public:
  explicit Pool(const Scenario& scenario)
      : scenario_(scenario), issues_(scenario.space().issue_count()), columns_(scenario.party_count()) {}

  std::size_t size() const { return explored_.size(); }
  std::size_t evaluations() const { return evaluations_; }
  double utility(std::size_t party, std::size_t k) const { return columns_[party][k]; }
  bool explored(std::size_t k) const { return explored_[k]; }
  void set_explored(std::size_t k) { explored_[k] = true; }
  void CopyOutcome(std::size_t k, Outcome& out) const {
    for (std::size_t i = 0; i < issues_; ++i) out[i] = values_[k * issues_ + i];
  }

  void Add(const Outcome& outcome) {
    values_.insert(values_.end(), outcome.values().begin(), outcome.values().end());
    for (std::size_t p = 0; p < columns_.size(); ++p) columns_[p].push_back(scenario_.profile(p).Utility(outcome));
    explored_.push_back(false);
    ++evaluations_;
  }

  // Keeps the non-dominated candidates, each outcome once (an outcome found twice keeps its
  // explored mark if either copy had it).
  void KeepNonDominated() {
    UtilityColumns utilities;
    utilities.count = size();
    for (const auto& column : columns_) utilities.columns.push_back(column.data());
    std::vector<std::size_t> kept = NonDominated(utilities);
    std::stable_sort(kept.begin(), kept.end(), [&](std::size_t a, std::size_t b) {
      return std::lexicographical_compare(&values_[a * issues_], &values_[(a + 1) * issues_], &values_[b * issues_],
                                          &values_[(b + 1) * issues_]);
    });
    std::vector<double> values;
    std::vector<std::vector<double>> columns(columns_.size());
    std::vector<bool> explored;
    for (std::size_t r = 0; r < kept.size(); ++r) {
      const std::size_t k = kept[r];
      const bool repeat =
          r > 0 && std::equal(&values_[k * issues_], &values_[(k + 1) * issues_], &values_[kept[r - 1] * issues_]);
      if (repeat) {
        if (explored_[k]) explored.back() = true;
        continue;
      }
      values.insert(values.end(), &values_[k * issues_], &values_[(k + 1) * issues_]);
      for (std::size_t p = 0; p < columns_.size(); ++p) columns[p].push_back(columns_[p][k]);
      explored.push_back(explored_[k]);
    }
    values_.swap(values);
    columns_.swap(columns);
    explored_.swap(explored);
  }

 private:
  const Scenario& scenario_;
  std::size_t issues_;
  std::vector<double> values_;  // outcome-major
  std::vector<std::vector<double>> columns_;
  std::vector<bool> explored_;  // its single-issue neighbours have been added
  std::size_t evaluations_ = 0;
};

// The values a climb or a neighbourhood tries for `issue`: all of them when there are few,
// otherwise kValuesPerIssue random ones.
template <typename Visit>
void ForValuesOf(const Issue& issue, Rng& rng, Visit visit) {
  if (issue.countable() && issue.cardinality() <= kValuesPerIssue) {
    for (std::uint64_t v = 0; v < issue.cardinality(); ++v) visit(issue.ValueAt(v));
    return;
  }
  for (std::uint64_t k = 0; k < kValuesPerIssue; ++k) {
    visit(issue.countable() ? issue.ValueAt(rng.UniformInt(issue.cardinality()))
                            : issue.lower() + (issue.upper() - issue.lower()) * rng.UniformReal());
  }
}

double Weighted(const Scenario& scenario, const std::vector<double>& weights, const Outcome& outcome) {
  double total = 0.0;
  for (std::size_t p = 0; p < weights.size(); ++p) total += weights[p] * scenario.profile(p).Utility(outcome);
  return total;
}

// Improves `outcome` one issue at a time for the weighted sum of utilities until no single
// change helps (or kClimbPasses passes, or `evaluations` weighted sums, which it decreases).
void Climb(const Scenario& scenario, const std::vector<double>& weights, Outcome& outcome, Rng& rng,
           std::uint64_t& evaluations) {
  const OutcomeSpace& space = scenario.space();
  double best = Weighted(scenario, weights, outcome);
  for (std::size_t pass = 0; pass < kClimbPasses && evaluations > 0; ++pass) {
    bool improved = false;
    for (std::size_t i = 0; i < space.issue_count() && evaluations > 0; ++i) {
      const double original = outcome[i];
      double best_value = original;
      ForValuesOf(space.issue(i), rng, [&](double value) {
        if (evaluations == 0) return;
        --evaluations;
        outcome[i] = value;
        const double u = Weighted(scenario, weights, outcome);
        if (u > best) {
          best = u;
          best_value = value;
          improved = true;
        }
      });
      outcome[i] = best_value;
    }
    if (!improved) break;
  }
}

}  // namespace

ParetoFrontier SampledFrontier(const Scenario& scenario, const AnalysisOptions& options) {
  const OutcomeSpace& space = scenario.space();
  const std::size_t parties = scenario.party_count();
  const std::size_t issues = space.issue_count();
  Rng rng(options.seed);
  Pool pool(scenario);
  Outcome outcome(issues);
  // The most candidates held at once, so that outcomes of thousands of issues stay within the
  // cache limit; sampling and local search stop adding candidates there.
  const std::size_t capacity = static_cast<std::size_t>(std::max<std::uint64_t>(
      1024, DefaultResourceLimits().max_cache_bytes / (2 * sizeof(double) * (issues + parties + 1))));

  // Uniform samples, reduced now and then so that the pool stays small.
  const std::size_t batch = std::min(std::max<std::size_t>(4096, options.samples / 16), capacity / 2);
  std::size_t reduce_at = batch;
  for (std::size_t s = 0; s < options.samples && pool.size() < capacity; ++s) {
    space.RandomOutcome(rng, outcome);
    pool.Add(outcome);
    if (pool.size() >= reduce_at) {
      pool.KeepNonDominated();
      reduce_at = pool.size() + batch;
    }
  }
  // The ends of the frontier.
  for (std::size_t p = 0; p < parties; ++p) {
    const OutcomeRanking& ranking = scenario.profile(p).utility_function().ranking();
    for (std::size_t r = ranking.size(); r-- > 0 && ranking.size() - r <= kTopPerParty;) {
      ranking.CopyOutcome(r, outcome);
      pool.Add(outcome);
    }
  }
  pool.KeepNonDominated();

  // Climbs from the best candidate so far for each weighting.
  std::vector<double> weights(parties);
  std::uint64_t climb_evaluations = kClimbWork / (std::max<std::size_t>(issues, 1) * parties);
  for (std::size_t c = 0; c < kClimbs; ++c) {
    for (std::size_t p = 0; p < parties; ++p) {
      // Exponential draws normalised are uniform on the simplex; the first climbs favour one party.
      weights[p] = c < parties ? (p == c ? 1.0 : 1e-3) : -std::log(1.0 - rng.UniformReal());
    }
    std::size_t start = 0;
    double start_value = -INFINITY;
    for (std::size_t k = 0; k < pool.size(); ++k) {
      double v = 0.0;
      for (std::size_t p = 0; p < parties; ++p) v += weights[p] * pool.utility(p, k);
      if (v > start_value) {
        start_value = v;
        start = k;
      }
    }
    if (pool.size() == 0) {
      space.RandomOutcome(rng, outcome);
    } else {
      pool.CopyOutcome(start, outcome);
    }
    Climb(scenario, weights, outcome, rng, climb_evaluations);
    pool.Add(outcome);
  }
  pool.KeepNonDominated();

  // Pareto local search: add every single-issue change of each non-dominated point not yet
  // explored, keep the non-dominated ones, and repeat, within a budget of as many evaluations as
  // there were samples.
  const std::size_t budget = pool.evaluations() + options.samples;
  std::size_t rounds = 0;
  Outcome neighbour(issues);
  auto within_budget = [&] { return pool.evaluations() < budget && pool.size() < capacity; };
  for (; rounds < kSearchRounds && within_budget(); ++rounds) {
    const std::size_t current = pool.size();
    bool any = false;
    for (std::size_t k = 0; k < current && within_budget(); ++k) {
      if (pool.explored(k)) continue;
      pool.set_explored(k);
      any = true;
      pool.CopyOutcome(k, neighbour);
      for (std::size_t i = 0; i < issues; ++i) {
        const double original = neighbour[i];
        ForValuesOf(space.issue(i), rng, [&](double value) {
          if (value == original || pool.size() >= capacity) return;
          neighbour[i] = value;
          pool.Add(neighbour);
        });
        neighbour[i] = original;
      }
    }
    pool.KeepNonDominated();
    if (!any) break;
  }

  ParetoFrontier frontier;
  for (std::size_t k = 0; k < pool.size(); ++k) {
    FrontierPoint point;
    point.outcome = Outcome(issues);
    pool.CopyOutcome(k, point.outcome);
    for (std::size_t p = 0; p < parties; ++p) point.utilities.push_back(pool.utility(p, k));
    frontier.points.push_back(std::move(point));
  }
  frontier.exact = false;
  frontier.comparison = UtilityComparison::kRounded;
  frontier.method = fmt::format(
      "approximate: the non-dominated outcomes among {} seeded random samples (seed {}), each party's {} best ranked "
      "outcomes, {} hill-climbs on weighted sums of the utilities and {} rounds of Pareto local search ({} candidate "
      "outcomes in all); Pareto-optimal outcomes the search did not reach are missing",
      FormatCount(options.samples), options.seed, kTopPerParty, kClimbs, rounds, FormatCount(pool.evaluations()));
  Canonicalize(frontier);
  return frontier;
}

}  // namespace parley::internal
