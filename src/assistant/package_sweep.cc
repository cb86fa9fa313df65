// Sweeping a package table (see package_sweep.h; definitions in docs/mediate.md).
#include "assistant/package_sweep.h"

#include <algorithm>
#include <queue>

#include "parley/utility.h"

namespace parley::internal {

std::vector<std::uint64_t> RadixOf(const OutcomeSpace& space) {
  std::vector<std::uint64_t> radix;
  for (const auto& issue : space.issues()) radix.push_back(issue.cardinality());
  return radix;
}

bool Preferred(const Candidate& a, const Candidate& b) {
  if (a.product != b.product) return a.product > b.product;
  if (a.welfare != b.welfare) return a.welfare > b.welfare;
  return a.index < b.index;
}

std::vector<std::int64_t> Keys(const std::vector<double>& fallbacks) {
  std::vector<std::int64_t> keys;
  for (double fallback : fallbacks) keys.push_back(UtilityKey(fallback));
  return keys;
}

bool InZone(const PackageTable& table, const std::vector<std::int64_t>& keys, std::uint64_t index) {
  for (std::size_t p = 0; p < keys.size(); ++p) {
    if (UtilityKey(table.utilities[p][index]) <= keys[p]) return false;
  }
  return true;
}

std::uint64_t ZoneSize(const PackageTable& table, const std::vector<std::int64_t>& keys) {
  std::uint64_t size = 0;
  for (std::uint64_t index = 0; index < table.size; ++index) size += InZone(table, keys, index);
  return size;
}

Sweep SweepTable(const PackageTable& table, const std::vector<double>& fallbacks, std::size_t top) {
  const std::vector<std::int64_t> keys = Keys(fallbacks);
  Sweep sweep;
  for (std::uint64_t radix : table.radix) sweep.by_value.emplace_back(radix, 0);
  // The worst of the best K so far on top, to be pushed out by a better package.
  std::priority_queue<Candidate, std::vector<Candidate>, decltype(&Preferred)> kept(&Preferred);
  for (std::uint64_t index = 0; index < table.size; ++index) {
    if (!InZone(table, keys, index)) continue;
    ++sweep.zone_size;
    std::uint64_t rest = index;
    for (std::size_t i = table.radix.size(); i-- > 0;) {
      ++sweep.by_value[i][rest % table.radix[i]];
      rest /= table.radix[i];
    }
    Candidate candidate{1.0, 0.0, index};
    for (std::size_t p = 0; p < keys.size(); ++p) {
      candidate.product *= table.utilities[p][index] - fallbacks[p];
      candidate.welfare += table.utilities[p][index];
    }
    if (kept.size() < top) {
      kept.push(candidate);
    } else if (Preferred(candidate, kept.top())) {
      kept.pop();
      kept.push(candidate);
    }
  }
  for (; !kept.empty(); kept.pop()) sweep.best.push_back(kept.top());
  std::reverse(sweep.best.begin(), sweep.best.end());
  return sweep;
}

MediationPackage MakePackage(const std::vector<double>& utilities, const std::vector<double>& fallbacks,
                             std::vector<Outcome> parts) {
  MediationPackage package;
  package.parts = std::move(parts);
  package.utilities = utilities;
  package.nash_product = 1.0;
  for (std::size_t p = 0; p < utilities.size(); ++p) {
    package.gains.push_back(utilities[p] - fallbacks[p]);
    package.nash_product *= package.gains.back();
  }
  return package;
}

void FillRemoved(MediationMoment& moment, std::size_t issue, std::optional<std::uint64_t> removed_zone_size,
                 const std::string& why) {
  IssueGrowth& growth = moment.issues[issue];
  growth.removal_defined = removed_zone_size.has_value();
  if (!removed_zone_size) {
    growth.removal_undefined_reason = why;
    return;
  }
  growth.removed_zone_size = *removed_zone_size;
  growth.removed_fraction =
      static_cast<double>(growth.removed_zone_size) / static_cast<double>(growth.remaining_packages);
  if (moment.zone_exists) growth.removed_growth = growth.removed_fraction / *moment.zone_fraction;
}

// Fractions compare exactly as integers: with N packages, a zone of Z and an issue of c values
// leaving s zone packages when settled, settled growth = (s / (N / c)) / (Z / N) = s * c / Z.
void RankIssues(MediationMoment& moment, std::uint64_t packages) {
  const bool empty = !moment.zone_exists;
  auto values = [&](const IssueGrowth& g) { return packages / g.remaining_packages; };  // c
  auto settled = [&](const IssueGrowth& g) { return g.settled_zone_size * values(g); };
  auto removed = [&](const IssueGrowth& g) { return g.removal_defined ? g.removed_zone_size * values(g) : 0; };
  std::stable_sort(moment.issues.begin(), moment.issues.end(), [&](const IssueGrowth& a, const IssueGrowth& b) {
    if (!empty && settled(a) != settled(b)) return settled(a) > settled(b);
    if (a.removal_defined != b.removal_defined) return a.removal_defined;
    return removed(a) > removed(b);
  });
  if (moment.issues.empty()) return;
  const IssueGrowth& front = moment.issues.front();
  const bool grows = empty ? front.removal_defined && front.removed_zone_size > 0
                           : settled(front) > *moment.zone_size || removed(front) > *moment.zone_size;
  if (grows) moment.stumbling_block = front.name;
}

}  // namespace parley::internal
