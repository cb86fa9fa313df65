// The Pareto frontier of linear additive utilities without enumerating the space: a dynamic
// programme that adds one issue at a time and keeps only the partial outcomes that can still be
// the start of a Pareto-optimal outcome. Exact (the same frontier as enumeration), or approximate
// with a stated bound past AnalysisOptions::frontier_point_limit.
// Why it is exact, the floating-point margin and the bound after thinning:
// docs/analysis-large-spaces.md#issue-by-issue-linear-additive-utilities
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <queue>
#include <vector>

#include <fmt/format.h>

#include "analysis/frontier_methods.h"
#include "analysis/non_dominated.h"
#include "common/format_count.h"
#include "parley/error.h"
#include "parley/limits.h"
#include "parley/utility.h"

namespace parley::internal {
namespace {

// Far above the rounding error of a sum of doubles in [0, 1] (a few 2^-53 per issue) and four
// key steps (2^-40): a difference of kMargin between two partial sums is still more than one key
// step after thousands of further additions.
constexpr double kMargin = 0x1p-38;
// The first grid tried when a stage must be thinned; doubled until the stage fits.
constexpr double kFirstCellSide = 0x1p-24;

// One issue's contributions: contributions[v * parties + p] = w_p * v_p(value at position v).
struct IssueTable {
  std::uint32_t values = 0;
  std::vector<double> contributions;
};

// The partial outcomes kept after one issue: their sums over the issues so far and, to rebuild
// the outcomes at the end, which partial outcome of the previous stage each extends and with
// which value of this stage's issue.
struct Stage {
  std::vector<double> sums;  // point-major, one per party
  std::vector<std::uint32_t> parent;
  std::vector<std::uint32_t> position;
  std::size_t size() const { return parent.size(); }
  void Append(const double* point, std::size_t parties, std::uint32_t from, std::uint32_t value) {
    sums.insert(sums.end(), point, point + parties);
    parent.push_back(from);
    position.push_back(value);
  }
};

// The most points a stage may keep: the option, lowered so that the stages fit in the cache
// limit. Every stage keeps 8 bytes per point until the end (to rebuild the outcomes), the last
// one its sums too, and the outcomes are rebuilt whole; with more than two parties a stage is
// built from every extension of the previous one, a vector of sums per value of the issue.
std::size_t PointLimit(const Scenario& scenario, const AnalysisOptions& options) {
  const std::uint64_t parties = scenario.party_count(), issues = scenario.space().issue_count();
  std::uint64_t widest = 1;
  for (const auto& issue : scenario.space().issues()) widest = std::max(widest, issue.cardinality());
  std::uint64_t bytes_per_point = 16 * issues + 8 * parties;
  if (parties > 2) bytes_per_point += 8 * parties * widest;
  const std::uint64_t fitting = DefaultResourceLimits().max_cache_bytes / bytes_per_point;
  return static_cast<std::size_t>(
      std::clamp<std::uint64_t>(fitting, 2, std::max<std::size_t>(options.frontier_point_limit, 2)));
}

class Programme {
 public:
  Programme(const Scenario& scenario, const AnalysisOptions& options);
  ParetoFrontier Run();

 private:
  // True if partial sum `b` lets the search drop `a` (the margin rule, "Floating point" in
  // docs/analysis-large-spaces.md); `open` is the highest partial sum after this stage from which a
  // party can still end below 1 - kMargin/2.
  bool Drops(const double* b, const double* a, const double* open) const {
    bool beyond_margin = false;
    for (std::size_t p = 0; p < parties_; ++p) {
      if (b[p] < a[p]) return false;
      beyond_margin = beyond_margin || (a[p] <= open[p] && b[p] >= a[p] + kMargin);
    }
    return beyond_margin;
  }
  void ExtendTwoParties(const Stage& previous, std::size_t issue, Stage& next);
  void ExtendManyParties(const Stage& previous, std::size_t issue, Stage& next);
  // Which of the candidates `sums` (point-major) another candidate drops.
  std::vector<bool> DroppedOfThree(const std::vector<double>& sums, const double* open) const;
  std::vector<bool> DroppedBySkyline(const std::vector<double>& sums, const double* open) const;
  // Thins `stage` to one point per grid cell if it holds more than the limit; keeps the order.
  void ThinIfOverLimit(Stage& stage);
  Outcome Rebuild(std::size_t point) const;

  const Scenario& scenario_;
  const std::size_t parties_;
  const std::size_t issues_;
  const std::size_t limit_;
  const std::size_t requested_limit_;
  std::vector<IssueTable> tables_;
  std::vector<double> open_;  // open_[k * parties + p]: see Drops
  std::vector<Stage> stages_;
  std::size_t largest_ = 0;
  std::size_t thinned_ = 0;
  double error_bound_ = 0.0;
};

Programme::Programme(const Scenario& scenario, const AnalysisOptions& options)
    : scenario_(scenario),
      parties_(scenario.party_count()),
      issues_(scenario.space().issue_count()),
      limit_(PointLimit(scenario, options)),
      requested_limit_(std::max<std::size_t>(options.frontier_point_limit, 2)) {
  const OutcomeSpace& space = scenario.space();
  std::vector<const LinearAdditiveUtility*> functions;
  for (const Profile& profile : scenario.profiles()) {
    const auto* linear = dynamic_cast<const LinearAdditiveUtility*>(&profile.utility_function());
    if (linear == nullptr) {
      throw UsageError(
          fmt::format("the issue-by-issue Pareto frontier needs linear additive utilities; party '{}' "
                      "of '{}' has a {} utility function",
                      profile.name(), scenario.name(), profile.utility_function().kind()));
    }
    functions.push_back(linear);
  }
  tables_.resize(issues_);
  std::vector<double> highest(issues_ * parties_, -INFINITY);
  for (std::size_t i = 0; i < issues_; ++i) {
    const Issue& issue = space.issue(i);
    if (!issue.countable() || issue.cardinality() > std::numeric_limits<std::uint32_t>::max()) {
      throw UsageError(
          fmt::format("the issue-by-issue Pareto frontier needs countable issues of at most 2^32 values; "
                      "issue '{}' of '{}' has {}",
                      issue.name(), scenario.name(),
                      issue.countable() ? FormatCount(issue.cardinality()) + " values" : "real values"));
    }
    IssueTable& table = tables_[i];
    table.values = static_cast<std::uint32_t>(issue.cardinality());
    table.contributions.resize(std::size_t{table.values} * parties_);
    for (std::uint32_t v = 0; v < table.values; ++v) {
      for (std::size_t p = 0; p < parties_; ++p) {
        // The same product LinearAdditiveUtility tabulates, so the sums match Utility() to the bit.
        const double c =
            functions[p]->weights()[i] * functions[p]->value_functions()[i].Evaluate(issue, issue.ValueAt(v));
        table.contributions[v * parties_ + p] = c;
        highest[i * parties_ + p] = std::max(highest[i * parties_ + p], c);
      }
    }
  }
  open_.assign(issues_ * parties_, 0.0);
  for (std::size_t p = 0; p < parties_; ++p) {
    double rest = 0.0;  // the most the issues after k can still add
    for (std::size_t k = issues_; k-- > 0;) {
      open_[k * parties_ + p] = 1.0 - kMargin / 2 - rest;
      rest += highest[k * parties_ + p];
    }
  }
}

void Programme::ExtendTwoParties(const Stage& previous, std::size_t issue, Stage& next) {
  // The previous stage is sorted by the first party's sum, descending; so is each copy of it
  // shifted by one value's contribution. Merging the copies with a heap visits the candidates
  // in that order without storing them, and a candidate can only be dropped for one already
  // kept: one dropping it by the margin in the first coordinate has a first sum at least
  // a[0] + kMargin (a prefix of the kept list, whose best second sum `best_far` is tracked),
  // one dropping it in the second has a first sum at least a[0] (any kept point so far).
  struct Head {
    double x, y;
    std::uint32_t value, index;
  };
  auto comes_later = [](const Head& a, const Head& b) {
    if (a.x != b.x) return a.x < b.x;
    if (a.y != b.y) return a.y < b.y;
    if (a.value != b.value) return a.value > b.value;
    return a.index > b.index;
  };
  const IssueTable& table = tables_[issue];
  const double* c = table.contributions.data();
  const double* open = &open_[issue * 2];
  const auto count = static_cast<std::uint32_t>(previous.size());
  std::vector<Head> storage;
  storage.reserve(table.values);
  std::priority_queue<Head, std::vector<Head>, decltype(comes_later)> heap(comes_later, std::move(storage));
  for (std::uint32_t v = 0; v < table.values; ++v) {
    heap.push({previous.sums[0] + c[2 * v], previous.sums[1] + c[2 * v + 1], v, 0});
  }
  double best = -INFINITY, best_far = -INFINITY;
  std::size_t far = 0;
  while (!heap.empty()) {
    const Head h = heap.top();
    heap.pop();
    if (h.index + 1 < count) {
      const std::uint32_t k = h.index + 1;
      heap.push({previous.sums[2 * k] + c[2 * h.value], previous.sums[2 * k + 1] + c[2 * h.value + 1], h.value, k});
    }
    for (; far < next.size() && next.sums[2 * far] >= h.x + kMargin; ++far)
      best_far = std::max(best_far, next.sums[2 * far + 1]);
    const bool dropped = (h.x <= open[0] && best_far >= h.y) || (h.y <= open[1] && best >= h.y + kMargin);
    if (dropped) continue;
    const double point[2] = {h.x, h.y};
    next.Append(point, 2, h.index, h.value);
    best = std::max(best, h.y);
    if (next.size() > limit_) {
      ThinIfOverLimit(next);
      best = best_far = -INFINITY;
      for (far = 0; far < next.size() && next.sums[2 * far] >= h.x + kMargin; ++far) {
        best_far = std::max(best_far, next.sums[2 * far + 1]);
      }
      for (std::size_t k = 0; k < next.size(); ++k) best = std::max(best, next.sums[2 * k + 1]);
    }
  }
}

void Programme::ExtendManyParties(const Stage& previous, std::size_t issue, Stage& next) {
  const IssueTable& table = tables_[issue];
  const double* open = &open_[issue * parties_];
  const std::size_t count = previous.size() * table.values;
  std::vector<double> sums(count * parties_);
  for (std::size_t k = 0; k < previous.size(); ++k) {
    for (std::uint32_t v = 0; v < table.values; ++v) {
      const std::size_t id = k * table.values + v;
      for (std::size_t p = 0; p < parties_; ++p) {
        sums[id * parties_ + p] = previous.sums[k * parties_ + p] + table.contributions[v * parties_ + p];
      }
    }
  }
  const std::vector<bool> dropped = parties_ == 3 ? DroppedOfThree(sums, open) : DroppedBySkyline(sums, open);
  for (std::size_t id = 0; id < count; ++id) {
    if (dropped[id]) continue;
    next.Append(&sums[id * parties_], parties_, static_cast<std::uint32_t>(id / table.values),
                static_cast<std::uint32_t>(id % table.values));
  }
  ThinIfOverLimit(next);
}

std::vector<bool> Programme::DroppedOfThree(const std::vector<double>& sums, const double* open) const {
  // "Drops" is transitive, so a candidate is dropped exactly when any candidate drops it, kept or
  // not: no sequential sweep is needed. A candidate a falls to a point b that beats it by the
  // margin in coordinate q (where a is open) and is no worse in the other two, r and s. For each
  // q, visit the candidates by decreasing a[q], after inserting every b with b[q] >= a[q] +
  // kMargin into a Fenwick tree over the ranks of b[r] (descending) that holds the largest b[s];
  // a is dropped if the prefix up to a[r]'s rank holds some b[s] >= a[s].
  const std::size_t count = sums.size() / 3;
  std::vector<bool> dropped(count, false);
  std::vector<std::size_t> order(count);
  std::vector<double> seconds;
  std::vector<double> tree(count + 1);
  for (std::size_t q = 0; q < 3; ++q) {
    const std::size_t r = (q + 1) % 3, s = (q + 2) % 3;
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return sums[a * 3 + q] > sums[b * 3 + q]; });
    seconds.resize(count);
    for (std::size_t k = 0; k < count; ++k) seconds[k] = sums[k * 3 + r];
    std::sort(seconds.begin(), seconds.end(), std::greater<>());
    seconds.erase(std::unique(seconds.begin(), seconds.end()), seconds.end());
    auto rank_of = [&](double x) {
      return static_cast<std::size_t>(std::lower_bound(seconds.begin(), seconds.end(), x, std::greater<>()) -
                                      seconds.begin());
    };
    std::fill(tree.begin(), tree.begin() + static_cast<std::ptrdiff_t>(seconds.size() + 1), -INFINITY);
    std::size_t inserted = 0;
    for (std::size_t a : order) {
      const double* point = &sums[a * 3];
      if (dropped[a] || point[q] > open[q]) continue;
      for (; inserted < count && sums[order[inserted] * 3 + q] >= point[q] + kMargin; ++inserted) {
        const double* b = &sums[order[inserted] * 3];
        for (std::size_t i = rank_of(b[r]) + 1; i <= seconds.size(); i += i & (~i + 1))
          tree[i] = std::max(tree[i], b[s]);
      }
      double best = -INFINITY;
      for (std::size_t i = rank_of(point[r]) + 1; i > 0; i -= i & (~i + 1)) best = std::max(best, tree[i]);
      dropped[a] = best >= point[s];
    }
  }
  return dropped;
}

std::vector<bool> Programme::DroppedBySkyline(const std::vector<double>& sums, const double* open) const {
  // Sort-filter-skyline: a point that drops another has a larger sum of coordinates (every
  // coordinate at least as large, one larger by far more than rounding), so in order of
  // decreasing sums each candidate need only be checked against the points kept before it; and
  // "drops" is transitive, so checking against kept points alone suffices.
  const std::size_t count = sums.size() / parties_;
  std::vector<double> totals(count);
  for (std::size_t id = 0; id < count; ++id) {
    totals[id] = std::accumulate(&sums[id * parties_], &sums[(id + 1) * parties_], 0.0);
  }
  std::vector<std::size_t> order(count);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return totals[a] != totals[b] ? totals[a] > totals[b] : a < b; });
  std::vector<bool> dropped(count, false);
  std::vector<std::size_t> skyline;  // a point that drops one moves forward
  for (std::size_t id : order) {
    const double* a = &sums[id * parties_];
    for (std::size_t k = 0; k < skyline.size() && !dropped[id]; ++k) {
      if (Drops(&sums[skyline[k] * parties_], a, open)) {
        dropped[id] = true;
        // Neighbouring candidates tend to fall to the same point: try it earlier next time.
        if (k > 0) std::swap(skyline[k], skyline[k / 2]);
      }
    }
    if (!dropped[id]) skyline.push_back(id);
  }
  return dropped;
}

void Programme::ThinIfOverLimit(Stage& stage) {
  if (stage.size() <= limit_) return;
  const std::size_t n = stage.size();
  std::vector<std::int64_t> cells(n * parties_);
  std::vector<double> totals(n);
  for (std::size_t k = 0; k < n; ++k) {
    totals[k] = std::accumulate(&stage.sums[k * parties_], &stage.sums[(k + 1) * parties_], 0.0);
  }
  std::vector<std::size_t> order(n);
  std::vector<std::size_t> chosen;
  // Thin to half the limit, so that the next stages have room before thinning again.
  for (double side = kFirstCellSide;; side *= 2) {
    for (std::size_t k = 0; k < n * parties_; ++k)
      cells[k] = static_cast<std::int64_t>(std::floor(stage.sums[k] / side));
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      for (std::size_t p = 0; p < parties_; ++p) {
        if (cells[a * parties_ + p] != cells[b * parties_ + p])
          return cells[a * parties_ + p] < cells[b * parties_ + p];
      }
      return totals[a] != totals[b] ? totals[a] > totals[b] : a < b;
    });
    chosen.clear();
    for (std::size_t r = 0; r < n; ++r) {
      const bool same_cell = r > 0 && std::equal(&cells[order[r] * parties_], &cells[(order[r] + 1) * parties_],
                                                 &cells[order[r - 1] * parties_]);
      if (!same_cell) chosen.push_back(order[r]);
    }
    if (chosen.size() <= limit_ / 2) {
      error_bound_ += side;
      break;
    }
  }
  ++thinned_;
  std::sort(chosen.begin(), chosen.end());
  Stage thinned;
  for (std::size_t k : chosen) thinned.Append(&stage.sums[k * parties_], parties_, stage.parent[k], stage.position[k]);
  stage = std::move(thinned);
}

Outcome Programme::Rebuild(std::size_t point) const {
  const OutcomeSpace& space = scenario_.space();
  Outcome outcome(issues_);
  for (std::size_t k = issues_; k-- > 0;) {
    outcome[k] = space.issue(k).ValueAt(stages_[k].position[point]);
    point = stages_[k].parent[point];
  }
  return outcome;
}

ParetoFrontier Programme::Run() {
  Stage root;
  const std::vector<double> zero(parties_, 0.0);
  root.Append(zero.data(), parties_, 0, 0);
  stages_.reserve(issues_);
  for (std::size_t i = 0; i < issues_; ++i) {
    const Stage& previous = i == 0 ? root : stages_.back();
    Stage next;
    if (parties_ == 2) {
      ExtendTwoParties(previous, i, next);
    } else {
      ExtendManyParties(previous, i, next);
    }
    largest_ = std::max(largest_, next.size());
    // Only the last stage's sums are needed again; earlier stages keep their back-pointers.
    if (i > 0) std::vector<double>().swap(stages_.back().sums);
    stages_.push_back(std::move(next));
  }

  // The survivors are a superset of the frontier under either comparison (a stage drops a prefix
  // only for one whose every completion is strictly better, as doubles and as keys); keep the
  // non-dominated ones by their Utility() values compared as doubles, exactly as enumeration
  // compares them (GENIUS's rule).
  const std::size_t count = stages_.back().size();
  std::vector<Outcome> outcomes;
  outcomes.reserve(count);
  std::vector<std::vector<double>> columns(parties_, std::vector<double>(count));
  for (std::size_t k = 0; k < count; ++k) {
    outcomes.push_back(Rebuild(k));
    for (std::size_t p = 0; p < parties_; ++p) columns[p][k] = scenario_.profile(p).Utility(outcomes.back());
  }
  UtilityColumns utilities;
  utilities.count = count;
  utilities.comparison = UtilityComparison::kExact;
  for (const auto& column : columns) utilities.columns.push_back(column.data());
  ParetoFrontier frontier;
  for (std::size_t k : NonDominated(utilities)) {
    FrontierPoint point;
    point.outcome = std::move(outcomes[k]);
    for (std::size_t p = 0; p < parties_; ++p) point.utilities.push_back(columns[p][k]);
    frontier.points.push_back(std::move(point));
  }
  frontier.exact = thinned_ == 0;
  frontier.comparison = UtilityComparison::kExact;
  if (frontier.exact) {
    frontier.method = fmt::format(
        "dynamic programme over {} issues without enumeration (exact; largest partial "
        "frontier {} points)",
        issues_, FormatCount(largest_));
  } else {
    frontier.method = fmt::format(
        "dynamic programme over {} issues without enumeration (approximate: partial frontiers passed the limit of {} "
        "points and were thinned {} times to one point per grid cell; every outcome is within {:.2g} utility, for "
        "every party, of being weakly dominated by a returned point; largest partial frontier {} points)",
        issues_, FormatCount(limit_), thinned_, error_bound_, FormatCount(largest_));
    if (limit_ < requested_limit_) {
      frontier.method +=
          fmt::format(" (the limit of {} points was lowered to fit {})", FormatCount(requested_limit_),
                      DescribeLimit(DefaultResourceLimits().max_cache_bytes >> 20, "MiB", "--max-memory-mb"));
    }
  }
  Canonicalize(frontier);
  return frontier;
}

}  // namespace

ParetoFrontier IssueByIssueFrontier(const Scenario& scenario, const AnalysisOptions& options) {
  return Programme(scenario, options).Run();
}

}  // namespace parley::internal
