// The estimators' shared checks and walk order (estimator_support.h).
#include "preferences/estimator_support.h"

#include <set>

#include <fmt/format.h>

#include "parley/error.h"

namespace parley {

void CheckCountableIssues(const PartialPreferences& known, std::string_view estimator) {
  for (const Issue& issue : known.space().issues()) {
    if (!issue.countable()) {
      throw UsageError(
          fmt::format("preference estimator '{}': issue '{}' of '{}' is real; the estimators score "
                      "the values of countable issues",
                      estimator, issue.name(), known.space().name()));
    }
  }
}

std::vector<std::size_t> WorstFirstOrder(const PartialPreferences& known) {
  if (known.IsRanking()) return known.WorstFirst();
  const std::size_t count = known.size();
  std::vector<std::vector<std::size_t>> better(count);
  std::vector<std::size_t> worse_count(count, 0);
  for (const auto& [above, below] : known.relations()) {
    if (above == below) continue;
    better[below].push_back(above);
    ++worse_count[above];
  }
  std::set<std::size_t> ready;  // nothing unplaced is known to be worse than these
  std::vector<bool> placed(count, false);
  for (std::size_t k = 0; k < count; ++k) {
    if (worse_count[k] == 0) ready.insert(k);
  }
  std::vector<std::size_t> order;
  while (order.size() < count) {
    std::size_t next = 0;
    if (ready.empty()) {  // a cycle: break it at its first-listed outcome
      while (placed[next]) ++next;
    } else {
      next = *ready.begin();
      ready.erase(ready.begin());
    }
    placed[next] = true;
    order.push_back(next);
    for (std::size_t above : better[next]) {
      if (!placed[above] && worse_count[above] > 0 && --worse_count[above] == 0) ready.insert(above);
    }
  }
  return order;
}

}  // namespace parley
