#include "analysis/non_dominated.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "parley/analysis.h"
#include "parley/random.h"

namespace parley {

std::int64_t UtilityKey(double utility) { return std::llrint(utility * 0x1p40); }

namespace internal {
namespace {

constexpr std::size_t kRandomPivots = 8;
constexpr std::uint64_t kPivotSeed = 0x7069766f74ULL;

// Items' keys, item-major, for the survivors of the pivot filter.
struct KeyTable {
  std::size_t parties = 0;
  std::vector<std::int64_t> keys;
  std::vector<std::size_t> items;  // original positions
  const std::int64_t* row(std::size_t k) const { return &keys[k * parties]; }
};

void KeysOf(const UtilityColumns& utilities, std::size_t item, std::int64_t* out) {
  for (std::size_t p = 0; p < utilities.columns.size(); ++p) out[p] = UtilityKey(utilities.columns[p][item]);
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

KeyTable Survivors(const UtilityColumns& utilities) {
  const std::size_t parties = utilities.columns.size();
  std::vector<std::vector<std::int64_t>> pivots = Pivots(utilities);
  KeyTable table;
  table.parties = parties;
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
    if (dominated) continue;
    table.keys.insert(table.keys.end(), keys.begin(), keys.end());
    table.items.push_back(i);
  }
  return table;
}

// Orders rows by their keys, lexicographically descending.
std::vector<std::size_t> LexicographicOrder(const KeyTable& table) {
  std::vector<std::size_t> order(table.items.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const std::int64_t* ra = table.row(a);
    const std::int64_t* rb = table.row(b);
    for (std::size_t p = 0; p < table.parties; ++p) {
      if (ra[p] != rb[p]) return ra[p] > rb[p];
    }
    return table.items[a] < table.items[b];
  });
  return order;
}

bool SameKeys(const KeyTable& table, std::size_t a, std::size_t b) {
  return std::equal(table.row(a), table.row(a) + table.parties, table.row(b));
}

// Walks `order` in groups of identical key vectors, asking `dominated(first row)` once per group
// and then `insert(first row)`; keeps every member of a non-dominated group.
template <typename IsDominated, typename Insert>
std::vector<std::size_t> SweepGroups(const KeyTable& table, const std::vector<std::size_t>& order,
                                     IsDominated dominated, Insert insert) {
  std::vector<std::size_t> kept;
  for (std::size_t start = 0; start < order.size();) {
    std::size_t end = start + 1;
    while (end < order.size() && SameKeys(table, order[start], order[end])) ++end;
    if (!dominated(order[start])) {
      for (std::size_t k = start; k < end; ++k) kept.push_back(table.items[order[k]]);
      insert(order[start]);
    }
    start = end;
  }
  return kept;
}

std::vector<std::size_t> TwoParties(const KeyTable& table) {
  // In lexicographic descending order every dominating vector comes earlier; a vector is
  // dominated exactly when an earlier, different vector has a second key at least as large.
  const auto order = LexicographicOrder(table);
  std::int64_t best_second = INT64_MIN;
  bool any = false;
  return SweepGroups(
      table, order, [&](std::size_t row) { return any && best_second >= table.row(row)[1]; },
      [&](std::size_t row) {
        best_second = std::max(best_second, table.row(row)[1]);
        any = true;
      });
}

std::vector<std::size_t> ThreeParties(const KeyTable& table) {
  const auto order = LexicographicOrder(table);
  // Ranks of the second key, descending: rank 0 is the largest.
  std::vector<std::int64_t> seconds;
  seconds.reserve(table.items.size());
  for (std::size_t k = 0; k < table.items.size(); ++k) seconds.push_back(table.row(k)[1]);
  std::sort(seconds.begin(), seconds.end(), std::greater<>());
  seconds.erase(std::unique(seconds.begin(), seconds.end()), seconds.end());
  auto rank_of = [&](std::int64_t key) {
    return static_cast<std::size_t>(std::lower_bound(seconds.begin(), seconds.end(), key, std::greater<>()) -
                                    seconds.begin());
  };
  // Fenwick tree over ranks: prefix maximum of the third key among vectors seen so far whose
  // second key has rank <= r (i.e. is at least as large).
  std::vector<std::int64_t> tree(seconds.size() + 1, INT64_MIN);
  auto prefix_max = [&](std::size_t rank) {
    std::int64_t best = INT64_MIN;
    for (std::size_t i = rank + 1; i > 0; i -= i & (~i + 1)) best = std::max(best, tree[i]);
    return best;
  };
  auto update = [&](std::size_t rank, std::int64_t value) {
    for (std::size_t i = rank + 1; i < tree.size(); i += i & (~i + 1)) tree[i] = std::max(tree[i], value);
  };
  return SweepGroups(
      table, order,
      [&](std::size_t row) { return prefix_max(rank_of(table.row(row)[1])) >= table.row(row)[2]; },
      [&](std::size_t row) { update(rank_of(table.row(row)[1]), table.row(row)[2]); });
}

std::vector<std::size_t> ManyParties(const KeyTable& table) {
  // A dominating vector has a strictly larger sum of (integer) keys, so it comes first.
  const std::size_t parties = table.parties;
  std::vector<std::int64_t> sums(table.items.size());
  for (std::size_t k = 0; k < sums.size(); ++k) {
    sums[k] = std::accumulate(table.row(k), table.row(k) + parties, std::int64_t{0});
  }
  auto order = LexicographicOrder(table);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return sums[a] > sums[b]; });
  std::vector<std::size_t> skyline;
  return SweepGroups(
      table, order,
      [&](std::size_t row) {
        return std::any_of(skyline.begin(), skyline.end(),
                           [&](std::size_t s) { return Dominates(table.row(s), table.row(row), parties); });
      },
      [&](std::size_t row) { skyline.push_back(row); });
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

std::vector<std::size_t> NonDominated(const UtilityColumns& utilities, std::string* method) {
  const std::size_t parties = utilities.columns.size();
  if (utilities.count == 0) return {};
  if (parties == 1) {
    // Degenerate but well defined: the items of maximal utility.
    std::int64_t best = INT64_MIN;
    for (std::size_t i = 0; i < utilities.count; ++i) best = std::max(best, UtilityKey(utilities.columns[0][i]));
    std::vector<std::size_t> kept;
    for (std::size_t i = 0; i < utilities.count; ++i) {
      if (UtilityKey(utilities.columns[0][i]) == best) kept.push_back(i);
    }
    if (method) *method = "maximum (1 party)";
    return kept;
  }
  const KeyTable table = Survivors(utilities);
  std::vector<std::size_t> kept;
  std::string algorithm;
  if (parties == 2) {
    kept = TwoParties(table);
    algorithm = "sort and sweep";
  } else if (parties == 3) {
    kept = ThreeParties(table);
    algorithm = "sort and sweep with a Fenwick tree";
  } else {
    kept = ManyParties(table);
    algorithm = "sort-filter-skyline";
  }
  std::sort(kept.begin(), kept.end());
  if (method) {
    *method = fmt::format("{} ({} parties; {} of {} vectors left after the pivot filter)", algorithm, parties,
                          table.items.size(), utilities.count);
  }
  return kept;
}

}  // namespace internal
}  // namespace parley
