// Kendall's tau-b between two utility functions (parley/partial_preferences.h), by Knight's
// O(n log n) method (W. R. Knight, "A computer method for calculating Kendall's tau with
// ungrouped data", JASA 61, 1966): sort by the first key, count the pairs the second key puts the
// other way round while merge-sorting by it, and correct for ties in each and in both.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "parley/error.h"
#include "parley/partial_preferences.h"
#include "parley/random.h"
#include "parley/utility.h"

namespace parley {
namespace {

using Key = std::pair<std::int64_t, std::int64_t>;

// The number of pairs in runs of equal elements of a sorted range, compared by `same`.
template <class Same>
std::uint64_t TiedPairs(const std::vector<Key>& keys, Same same) {
  std::uint64_t pairs = 0;
  for (std::size_t first = 0; first < keys.size();) {
    std::size_t last = first + 1;
    while (last < keys.size() && same(keys[first], keys[last])) ++last;
    const std::uint64_t run = last - first;
    pairs += run * (run - 1) / 2;
    first = last;
  }
  return pairs;
}

// Sorts `keys` by .second (stable merge sort) and returns the number of pairs it had to reverse.
std::uint64_t SortBySecondCountingSwaps(std::vector<Key>& keys) {
  std::vector<Key> buffer(keys.size());
  std::uint64_t swaps = 0;
  for (std::size_t width = 1; width < keys.size(); width *= 2) {
    for (std::size_t left = 0; left < keys.size(); left += 2 * width) {
      const std::size_t middle = std::min(left + width, keys.size());
      const std::size_t right = std::min(left + 2 * width, keys.size());
      std::size_t i = left, j = middle, out = left;
      while (i < middle && j < right) {
        if (keys[j].second < keys[i].second) {
          swaps += middle - i;  // keys[j] goes before every key left in the first half
          buffer[out++] = keys[j++];
        } else {
          buffer[out++] = keys[i++];
        }
      }
      while (i < middle) buffer[out++] = keys[i++];
      while (j < right) buffer[out++] = keys[j++];
    }
    keys.swap(buffer);
  }
  return swaps;
}

bool SameShape(const OutcomeSpace& a, const OutcomeSpace& b) {
  if (&a == &b) return true;
  if (a.issue_count() != b.issue_count()) return false;
  for (std::size_t i = 0; i < a.issue_count(); ++i) {
    const Issue& x = a.issue(i);
    const Issue& y = b.issue(i);
    if (x.name() != y.name() || x.kind() != y.kind() || x.cardinality() != y.cardinality()) return false;
  }
  return true;
}

}  // namespace

double KendallTau(const UtilityFunction& a, const UtilityFunction& b, std::size_t sample, std::uint64_t seed) {
  if (!SameShape(a.space(), b.space())) {
    throw UsageError(fmt::format("Kendall's tau: the utility functions are over different spaces ('{}' and '{}')",
                                 a.space().name(), b.space().name()));
  }
  std::vector<Key> keys;
  if (sample == 0) {
    std::vector<double> of_a, of_b;
    a.EvaluateAll(of_a);
    b.EvaluateAll(of_b);
    keys.resize(of_a.size());
    for (std::size_t k = 0; k < keys.size(); ++k) keys[k] = {UtilityKey(of_a[k]), UtilityKey(of_b[k])};
  } else {
    Rng rng(seed);
    Outcome outcome(a.space().issue_count());
    keys.resize(sample);
    for (Key& key : keys) {
      a.space().RandomOutcome(rng, outcome);
      key = {UtilityKey(a.Utility(outcome)), UtilityKey(b.Utility(outcome))};
    }
  }
  const std::uint64_t n = keys.size();
  const std::uint64_t pairs = n * (n - (n > 0 ? 1 : 0)) / 2;
  std::sort(keys.begin(), keys.end());
  const std::uint64_t tied_a = TiedPairs(keys, [](const Key& x, const Key& y) { return x.first == y.first; });
  const std::uint64_t tied_both = TiedPairs(keys, [](const Key& x, const Key& y) { return x == y; });
  const std::uint64_t swaps = SortBySecondCountingSwaps(keys);
  const std::uint64_t tied_b = TiedPairs(keys, [](const Key& x, const Key& y) { return x.second == y.second; });
  const double denominator =
      std::sqrt(static_cast<double>(pairs - tied_a)) * std::sqrt(static_cast<double>(pairs - tied_b));
  if (denominator == 0.0) return 0.0;
  // concordant - discordant = (pairs - tied_a - tied_b + tied_both) - 2 * discordant.
  const double difference = static_cast<double>(pairs - tied_a - tied_b + tied_both) - 2.0 * static_cast<double>(swaps);
  return difference / denominator;
}

}  // namespace parley
