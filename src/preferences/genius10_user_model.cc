// GENIUS 10.4's user model: genius.core.uncertainty.ComparisonGenerator.generateRankingByAmount of
// GENIUS 10.4, which differs from 9.1.10's (user_models.cc) in always ranking the best and the
// worst bid. docs/uncertainty.md ("Partial preferences").
#include "preferences/genius10_user_model.h"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

#include "common/genius_shuffle.h"
#include "common/java_random.h"
#include "parley/error.h"
#include "parley/partial_preferences.h"
#include "preferences/genius_sorted_outcomes.h"

namespace parley {
namespace {

std::vector<Outcome> Ends(const GeniusSortedOutcomes& sorted, std::size_t issue_count) {
  if (sorted.size() == 0) return {};
  std::vector<Outcome> ends(sorted.size() == 1 ? 1 : 2, Outcome(issue_count));
  sorted.CopyOutcome(sorted.size() - 1, ends.front());
  sorted.CopyOutcome(0, ends.back());
  return ends;
}

}  // namespace

std::vector<Outcome> GeniusWorstAndBest(const Profile& truth) {
  auto sorted = GeniusSortedOutcomes::For(truth);
  if (!sorted) sorted = GeniusSortedOutcomes::Shared(truth.shared_utility_function());
  return Ends(*sorted, truth.utility_function().space().issue_count());
}

PartialPreferences Genius10UserModel(const Profile& truth, std::size_t comparisons, std::int64_t java_seed) {
  const auto sorted = GeniusSortedOutcomes::For(truth);
  const OutcomeSpace& space = truth.utility_function().space();
  if (sorted == nullptr) {
    throw UsageError(fmt::format("GENIUS 10.4's user model of '{}': GENIUS cannot list every bid of '{}'", truth.name(),
                                 space.name()));
  }
  const std::shared_ptr<const OutcomeSpace> shared_space(truth.shared_utility_function(), &space);
  const std::size_t size = sorted->size();
  const double low = sorted->utility(size - 1);
  const double high = sorted->utility(0);
  // GENIUS 10.4's UncertainPreferenceContainer asks for `comparisons` bids (9.1.10 asked for one
  // more), of which two are the ends.
  if (comparisons <= 2 || size <= 2) {
    return PartialPreferences::Ranking(shared_space, Ends(*sorted, space.issue_count()), low, high);
  }
  // The bids between the ends, in SortedOutcomeSpace order, shuffled as that list is.
  std::vector<std::size_t> middle(size - 2);
  std::iota(middle.begin(), middle.end(), std::size_t{1});
  JavaRandom random(java_seed);
  JavaShuffle(middle, random);
  middle.resize(std::min(comparisons - 2, middle.size()));
  // BidDetailsSorterUtility reversed, stable (List.sort).
  std::stable_sort(middle.begin(), middle.end(), [&](std::size_t a, std::size_t b) {
    if (sorted->utility(a) != sorted->utility(b)) return sorted->utility(a) < sorted->utility(b);
    return sorted->hash(a) > sorted->hash(b);
  });
  std::vector<Outcome> worst_first(middle.size() + 2, Outcome(space.issue_count()));
  sorted->CopyOutcome(size - 1, worst_first.front());
  for (std::size_t k = 0; k < middle.size(); ++k) sorted->CopyOutcome(middle[k], worst_first[k + 1]);
  sorted->CopyOutcome(0, worst_first.back());
  return PartialPreferences::Ranking(shared_space, std::move(worst_first), low, high);
}

}  // namespace parley
