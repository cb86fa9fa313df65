#include "analysis/non_dominated.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "parley/analysis.h"
#include "parley/random.h"

namespace parley {

namespace internal {
namespace {

constexpr std::size_t kRandomPivots = 8;
constexpr std::uint64_t kPivotSeed = 0x7069766f74ULL;

void KeysOf(const UtilityColumns& utilities, std::size_t item, std::int64_t* out) {
  if (utilities.comparison == UtilityComparison::kExact) {
    for (std::size_t p = 0; p < utilities.columns.size(); ++p) out[p] = ExactKey(utilities.columns[p][item]);
  } else {
    for (std::size_t p = 0; p < utilities.columns.size(); ++p) out[p] = UtilityKey(utilities.columns[p][item]);
  }
}

// A double that grows with the key (not strictly, for rounded keys beyond 2^53): where a key
// falls on a line, for bucketing and for sums that must not overflow.
double KeyCoordinate(std::int64_t key, UtilityComparison comparison) {
  return comparison == UtilityComparison::kExact ? ExactKeyValue(key) : static_cast<double>(key);
}

// Items that are each party's best and the best under a few positive weightings: vectors that
// dominate most others in practice.
std::vector<std::vector<std::int64_t>> Pivots(const UtilityColumns& utilities) {
  const std::size_t parties = utilities.columns.size();
  std::vector<std::vector<double>> weightings;
  for (std::size_t p = 0; p < parties; ++p) {
    std::vector<double> w(parties, 1e-6);
    w[p] = 1.0;
    weightings.push_back(std::move(w));
  }
  weightings.emplace_back(parties, 1.0);
  Rng rng(kPivotSeed);
  for (std::size_t k = 0; k < kRandomPivots; ++k) {
    std::vector<double> w(parties);
    for (double& x : w) x = 0.05 + rng.UniformReal();
    weightings.push_back(std::move(w));
  }
  std::vector<std::size_t> best(weightings.size(), 0);
  std::vector<double> best_value(weightings.size(), -INFINITY);
  for (std::size_t i = 0; i < utilities.count; ++i) {
    for (std::size_t k = 0; k < weightings.size(); ++k) {
      double v = 0.0;
      for (std::size_t p = 0; p < parties; ++p) v += weightings[k][p] * utilities.columns[p][i];
      if (v > best_value[k]) {
        best_value[k] = v;
        best[k] = i;
      }
    }
  }
  std::sort(best.begin(), best.end());
  best.erase(std::unique(best.begin(), best.end()), best.end());
  std::vector<std::vector<std::int64_t>> pivots;
  for (std::size_t item : best) {
    std::vector<std::int64_t> keys(parties);
    KeysOf(utilities, item, keys.data());
    pivots.push_back(std::move(keys));
  }
  return pivots;
}

// Calls keep(item, keys) for every item no pivot dominates, in ascending order of items.
template <typename Keep>
void PivotFilter(const UtilityColumns& utilities, Keep keep) {
  const std::size_t parties = utilities.columns.size();
  std::vector<std::vector<std::int64_t>> pivots = Pivots(utilities);
  std::vector<std::int64_t> keys(parties);
  for (std::size_t i = 0; i < utilities.count; ++i) {
    KeysOf(utilities, i, keys.data());
    bool dominated = false;
    for (std::size_t k = 0; k < pivots.size(); ++k) {
      if (Dominates(pivots[k].data(), keys.data(), parties)) {
        // Try the pivot that just worked first next time: consecutive items are alike.
        if (k > 0) std::swap(pivots[k], pivots[0]);
        dominated = true;
        break;
      }
    }
    if (!dominated) keep(i, keys.data());
  }
}

// A survivor of the pivot filter for a fixed number of parties: its keys and its position, held
// together so that sorting moves whole rows through the cache rather than chasing indices.
template <std::size_t N>
struct Row {
  std::array<std::int64_t, N> keys;
  std::size_t item;
};

// Keys lexicographically descending, then items ascending.
template <std::size_t N>
bool RowBefore(const Row<N>& a, const Row<N>& b) {
  for (std::size_t p = 0; p < N; ++p) {
    if (a.keys[p] != b.keys[p]) return a.keys[p] > b.keys[p];
  }
  return a.item < b.item;
}

// Sorts rows by RowBefore. Large inputs are first distributed in place into buckets by their first
// key (an American flag sort: one counting pass, then each row swapped once into its bucket), so
// that the comparison sort only orders the few rows of each bucket: on millions of rows this
// removes most of the comparisons. Bucketing by a monotone function of the first key (its
// coordinate, which for exact keys is the utility itself and so spreads like it) keeps the order
// exact.
template <std::size_t N>
void SortRows(std::vector<Row<N>>& rows, UtilityComparison comparison) {
  // A lambda rather than the function's address, so that the comparison is inlined.
  const auto before = [](const Row<N>& a, const Row<N>& b) { return RowBefore(a, b); };
  constexpr std::size_t kBucketThreshold = std::size_t{1} << 15;
  if (rows.size() < kBucketThreshold) {
    std::sort(rows.begin(), rows.end(), before);
    return;
  }
  std::int64_t low = rows.front().keys[0], high = low;
  for (const auto& row : rows) {
    low = std::min(low, row.keys[0]);
    high = std::max(high, row.keys[0]);
  }
  const std::size_t buckets = std::min<std::size_t>(std::size_t{1} << 16, rows.size() / 16);
  const double top = KeyCoordinate(high, comparison), bottom = KeyCoordinate(low, comparison);
  const double scale = top > bottom ? static_cast<double>(buckets - 1) / (top - bottom) : 0.0;
  // Larger first keys go to lower buckets: the order is descending.
  const auto bucket_of = [&](const Row<N>& row) {
    return std::min(buckets - 1, static_cast<std::size_t>((top - KeyCoordinate(row.keys[0], comparison)) * scale));
  };
  std::vector<std::size_t> next(buckets + 1, 0);
  for (const auto& row : rows) ++next[bucket_of(row) + 1];
  for (std::size_t b = 0; b < buckets; ++b) next[b + 1] += next[b];
  std::vector<std::size_t> ends(next.begin() + 1, next.end());
  for (std::size_t b = 0; b < buckets; ++b) {
    while (next[b] < ends[b]) {
      const std::size_t target = bucket_of(rows[next[b]]);
      if (target == b) {
        ++next[b];
      } else {
        std::swap(rows[next[b]], rows[next[target]++]);
      }
    }
  }
  std::size_t start = 0;
  for (std::size_t b = 0; b < buckets; ++b) {
    std::sort(rows.begin() + static_cast<std::ptrdiff_t>(start), rows.begin() + static_cast<std::ptrdiff_t>(ends[b]),
              before);
    start = ends[b];
  }
}

template <std::size_t N>
std::vector<Row<N>> SortedRows(const UtilityColumns& utilities) {
  std::vector<Row<N>> rows;
  // Untouched capacity costs address space, not memory.
  rows.reserve(utilities.count);
  PivotFilter(utilities, [&](std::size_t item, const std::int64_t* keys) {
    Row<N> row;
    std::copy(keys, keys + N, row.keys.begin());
    row.item = item;
    rows.push_back(row);
  });
  SortRows(rows, utilities.comparison);
  return rows;
}

// Walks sorted rows in groups of identical key vectors, asking `dominated(first row)` once per
// group and then `insert(first row)`; keeps every member of a non-dominated group.
template <std::size_t N, typename IsDominated, typename Insert>
std::vector<std::size_t> SweepGroups(const std::vector<Row<N>>& rows, IsDominated dominated, Insert insert) {
  std::vector<std::size_t> kept;
  for (std::size_t start = 0; start < rows.size();) {
    std::size_t end = start + 1;
    while (end < rows.size() && rows[end].keys == rows[start].keys) ++end;
    if (!dominated(rows[start])) {
      for (std::size_t k = start; k < end; ++k) kept.push_back(rows[k].item);
      insert(rows[start]);
    }
    start = end;
  }
  return kept;
}

std::vector<std::size_t> TwoParties(const std::vector<Row<2>>& rows) {
  // In lexicographic descending order every dominating vector comes earlier; a vector is
  // dominated exactly when an earlier, different vector has a second key at least as large.
  std::int64_t best_second = INT64_MIN;
  bool any = false;
  return SweepGroups(
      rows, [&](const Row<2>& row) { return any && best_second >= row.keys[1]; },
      [&](const Row<2>& row) {
        best_second = std::max(best_second, row.keys[1]);
        any = true;
      });
}

// For the three-party sweep: whether any vector inserted so far has a second key and a third
// key at least as large as a query's. Starts as a staircase (the inserted vectors no other
// inserted vector beats on both keys, sorted by second key ascending, so third key descending),
// which stays small and in cache when the frontier is small; if it grows past kStaircaseLimit,
// moves to a Fenwick tree over the ranks of every row's second key (prefix maxima of the third
// key), O(log n) per operation whatever the frontier.
class SecondThirdIndex {
 public:
  explicit SecondThirdIndex(const std::vector<Row<3>>& rows) : rows_(rows) {}

  bool Covered(std::int64_t second, std::int64_t third) const {
    if (!tree_.empty()) return PrefixMax(RankOf(second)) >= third;
    const auto it = std::lower_bound(staircase_.begin(), staircase_.end(), second,
                                     [](const Step& step, std::int64_t key) { return step.second < key; });
    return it != staircase_.end() && it->third >= third;
  }

  // `second`, `third` must not be Covered.
  void Insert(std::int64_t second, std::int64_t third) {
    if (!tree_.empty()) {
      Update(RankOf(second), third);
      return;
    }
    // The steps the new one beats on both keys: those with second key <= `second` (a prefix)
    // whose third key is <= `third` (a suffix of that prefix).
    auto end = std::upper_bound(staircase_.begin(), staircase_.end(), second,
                                [](std::int64_t key, const Step& step) { return key < step.second; });
    auto begin = std::partition_point(staircase_.begin(), end, [&](const Step& step) { return step.third > third; });
    begin = staircase_.erase(begin, end);
    staircase_.insert(begin, Step{second, third});
    if (staircase_.size() > kStaircaseLimit) MoveToTree();
  }

 private:
  static constexpr std::size_t kStaircaseLimit = 4096;
  struct Step {
    std::int64_t second, third;
  };

  void MoveToTree() {
    // Ranks of the second key, descending: rank 0 is the largest.
    seconds_.reserve(rows_.size());
    for (const auto& row : rows_) seconds_.push_back(row.keys[1]);
    std::sort(seconds_.begin(), seconds_.end(), std::greater<>());
    seconds_.erase(std::unique(seconds_.begin(), seconds_.end()), seconds_.end());
    seconds_.shrink_to_fit();
    tree_.assign(seconds_.size() + 1, INT64_MIN);
    for (const Step& step : staircase_) Update(RankOf(step.second), step.third);
    staircase_ = {};
  }
  std::size_t RankOf(std::int64_t key) const {
    return static_cast<std::size_t>(std::lower_bound(seconds_.begin(), seconds_.end(), key, std::greater<>()) -
                                    seconds_.begin());
  }
  // Largest third key among inserted vectors whose second key has rank <= `rank`.
  std::int64_t PrefixMax(std::size_t rank) const {
    std::int64_t best = INT64_MIN;
    for (std::size_t i = rank + 1; i > 0; i -= i & (~i + 1)) best = std::max(best, tree_[i]);
    return best;
  }
  void Update(std::size_t rank, std::int64_t value) {
    for (std::size_t i = rank + 1; i < tree_.size(); i += i & (~i + 1)) tree_[i] = std::max(tree_[i], value);
  }

  const std::vector<Row<3>>& rows_;
  std::vector<Step> staircase_;
  std::vector<std::int64_t> seconds_;
  std::vector<std::int64_t> tree_;
};

std::vector<std::size_t> ThreeParties(const std::vector<Row<3>>& rows) {
  // In lexicographic descending order every dominating vector comes earlier; a vector is
  // dominated exactly when an earlier, different, non-dominated vector has second and third keys
  // at least as large.
  SecondThirdIndex index(rows);
  return SweepGroups(
      rows, [&](const Row<3>& row) { return index.Covered(row.keys[1], row.keys[2]); },
      [&](const Row<3>& row) { index.Insert(row.keys[1], row.keys[2]); });
}

// Items' keys, item-major, for the survivors of the pivot filter (any number of parties).
struct KeyTable {
  std::size_t parties = 0;
  std::vector<std::int64_t> keys;
  std::vector<std::size_t> items;  // original positions
  const std::int64_t* row(std::size_t k) const { return &keys[k * parties]; }
};

std::vector<std::size_t> ManyParties(const UtilityColumns& utilities, std::size_t* survivors) {
  const std::size_t parties = utilities.columns.size();
  KeyTable table;
  table.parties = parties;
  PivotFilter(utilities, [&](std::size_t item, const std::int64_t* keys) {
    table.keys.insert(table.keys.end(), keys, keys + parties);
    table.items.push_back(item);
  });
  *survivors = table.items.size();
  // A dominating vector has at least as large a sum of coordinates (rounding is monotone) and is
  // larger lexicographically, so ordered by sum and then lexicographically it comes first; equal
  // vectors are adjacent.
  std::vector<double> sums(table.items.size());
  for (std::size_t k = 0; k < sums.size(); ++k) {
    double sum = 0.0;
    for (std::size_t p = 0; p < parties; ++p) sum += KeyCoordinate(table.row(k)[p], utilities.comparison);
    sums[k] = sum;
  }
  std::vector<std::size_t> order(table.items.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (sums[a] != sums[b]) return sums[a] > sums[b];
    const std::int64_t* ra = table.row(a);
    const std::int64_t* rb = table.row(b);
    for (std::size_t p = 0; p < parties; ++p) {
      if (ra[p] != rb[p]) return ra[p] > rb[p];
    }
    return a < b;
  });
  auto same = [&](std::size_t a, std::size_t b) {
    const std::int64_t* ra = table.row(a);
    const std::int64_t* rb = table.row(b);
    for (std::size_t p = 0; p < parties; ++p) {
      if (ra[p] != rb[p]) return false;
    }
    return true;
  };
  std::vector<std::size_t> skyline, kept;
  for (std::size_t start = 0; start < order.size();) {
    std::size_t end = start + 1;
    while (end < order.size() && same(order[start], order[end])) ++end;
    const std::int64_t* candidate = table.row(order[start]);
    const bool dominated = std::any_of(skyline.begin(), skyline.end(),
                                       [&](std::size_t s) { return Dominates(table.row(s), candidate, parties); });
    if (!dominated) {
      for (std::size_t k = start; k < end; ++k) kept.push_back(table.items[order[k]]);
      skyline.push_back(order[start]);
    }
    start = end;
  }
  return kept;
}

}  // namespace

bool Dominates(const std::int64_t* a, const std::int64_t* b, std::size_t parties) {
  bool larger = false;
  for (std::size_t p = 0; p < parties; ++p) {
    if (a[p] < b[p]) return false;
    larger = larger || a[p] > b[p];
  }
  return larger;
}

// Sorts positions in frontier order: keys descending lexicographically, then position.
void SortInFrontierOrder(const UtilityColumns& utilities, std::vector<std::size_t>& positions) {
  const std::size_t parties = utilities.columns.size();
  std::vector<std::int64_t> keys(positions.size() * parties);
  for (std::size_t k = 0; k < positions.size(); ++k) KeysOf(utilities, positions[k], &keys[k * parties]);
  std::vector<std::size_t> order(positions.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    for (std::size_t p = 0; p < parties; ++p) {
      if (keys[a * parties + p] != keys[b * parties + p]) return keys[a * parties + p] > keys[b * parties + p];
    }
    return positions[a] < positions[b];
  });
  std::vector<std::size_t> sorted(positions.size());
  for (std::size_t k = 0; k < order.size(); ++k) sorted[k] = positions[order[k]];
  positions = std::move(sorted);
}

std::vector<std::size_t> NonDominated(const UtilityColumns& utilities, std::string* method, bool frontier_order) {
  const std::size_t parties = utilities.columns.size();
  if (utilities.count == 0) return {};
  if (parties == 1) {
    // Degenerate but well defined: the items of maximal utility.
    std::int64_t best = INT64_MIN;
    for (std::size_t i = 0; i < utilities.count; ++i) {
      best = std::max(best, ComparisonKey(utilities.columns[0][i], utilities.comparison));
    }
    std::vector<std::size_t> kept;
    for (std::size_t i = 0; i < utilities.count; ++i) {
      if (ComparisonKey(utilities.columns[0][i], utilities.comparison) == best) kept.push_back(i);
    }
    if (method) *method = "maximum (1 party)";
    return kept;  // one key: ascending positions are frontier order
  }
  std::vector<std::size_t> kept;
  std::size_t survivors = 0;
  std::string algorithm;
  if (parties == 2) {
    const auto rows = SortedRows<2>(utilities);
    survivors = rows.size();
    kept = TwoParties(rows);
    algorithm = "sort and sweep";
  } else if (parties == 3) {
    const auto rows = SortedRows<3>(utilities);
    survivors = rows.size();
    kept = ThreeParties(rows);
    algorithm = "sort and sweep over a staircase";
  } else {
    kept = ManyParties(utilities, &survivors);
    algorithm = "sort-filter-skyline";
  }
  if (!frontier_order) {
    std::sort(kept.begin(), kept.end());
  } else if (parties > 3) {
    SortInFrontierOrder(utilities, kept);
  }  // else the sweeps kept them in frontier order
  if (method) {
    *method = fmt::format("{} ({} parties; {} of {} vectors left after the pivot filter)", algorithm, parties,
                          survivors, utilities.count);
  }
  return kept;
}

}  // namespace internal
}  // namespace parley
