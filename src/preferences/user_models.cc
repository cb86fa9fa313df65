// The user models that give a party partial preferences drawn from its true profile: GENIUS
// 9.1.10's (genius.core.uncertainty.ComparisonGenerator.generateRankingByAmount, as
// UncertainPreferenceContainer calls it) and Parley's own uniform one. docs/uncertainty.md.
#include <algorithm>
#include <numeric>
#include <set>
#include <string>

#include <fmt/format.h>

#include "common/genius_shuffle.h"
#include "common/java_random.h"
#include "parley/error.h"
#include "parley/partial_preferences.h"
#include "parley/random.h"
#include "parley/scenario.h"
#include "preferences/genius_sorted_outcomes.h"

namespace parley {
namespace {

// The space the profile's utility function is defined over, kept alive by the function.
std::shared_ptr<const OutcomeSpace> SpaceOf(const Profile& truth) {
  return {truth.shared_utility_function(), &truth.utility_function().space()};
}

}  // namespace

PartialPreferences GeniusUserModel(const Profile& truth, std::size_t comparisons, std::int64_t java_seed) {
  const auto sorted = GeniusSortedOutcomes::For(truth);
  if (sorted == nullptr) {
    const OutcomeSpace& space = truth.utility_function().space();
    const bool real = std::any_of(space.issues().begin(), space.issues().end(),
                                  [](const Issue& issue) { return !issue.countable(); });
    throw UsageError(fmt::format(
        "GENIUS's user model of '{}': GENIUS cannot list every bid of '{}': {}", truth.name(), space.name(),
        real
            ? std::string("it has a real issue")
            : fmt::format("it has {} outcomes, more than {}", space.DescribeSize(), OutcomeRanking::kExhaustiveLimit)));
  }
  // Every bid as a position in SortedOutcomeSpace order, shuffled as that list is.
  std::vector<std::size_t> bids(sorted->size());
  std::iota(bids.begin(), bids.end(), std::size_t{0});
  JavaRandom random(java_seed);
  JavaShuffle(bids, random);
  // comparisons + 1 bids are asked for (an int in GENIUS); a list holds no more than it has.
  bids.resize(comparisons < bids.size() ? comparisons + 1 : bids.size());
  // BidDetailsSorterUtility reversed: utility ascending, equal utilities by hash code descending;
  // what is still equal keeps the shuffled order (List.sort is stable).
  std::stable_sort(bids.begin(), bids.end(), [&](std::size_t a, std::size_t b) {
    if (sorted->utility(a) != sorted->utility(b)) return sorted->utility(a) < sorted->utility(b);
    return sorted->hash(a) > sorted->hash(b);
  });
  std::vector<Outcome> worst_first(bids.size());
  for (std::size_t k = 0; k < bids.size(); ++k) sorted->CopyOutcome(bids[k], worst_first[k]);
  return PartialPreferences::Ranking(SpaceOf(truth), std::move(worst_first), sorted->utility(bids.front()),
                                     sorted->utility(bids.back()));
}

PartialPreferences RandomRanking(const Profile& truth, std::size_t count, std::uint64_t seed) {
  if (count == 0) throw UsageError("random ranking: the number of ranked outcomes must be at least 1");
  const UtilityFunction& utility = truth.utility_function();
  const OutcomeSpace& space = utility.space();
  Rng rng(seed);
  struct Drawn {
    double utility;
    std::uint64_t order;  // outcome index, or draw number on a space that has none
    Outcome outcome;
  };
  std::vector<Drawn> drawn;
  if (space.enumerable()) {
    // Floyd's sampling: `count` distinct indices in `count` draws.
    const std::uint64_t size = *space.cardinality();
    const std::uint64_t wanted = std::min<std::uint64_t>(count, size);
    std::set<OutcomeIndex> chosen;
    for (std::uint64_t j = size - wanted; j < size; ++j) {
      const OutcomeIndex pick = rng.UniformInt(j + 1);
      chosen.insert(chosen.count(pick) != 0 ? j : pick);
    }
    for (OutcomeIndex index : chosen) {
      Outcome outcome = space.OutcomeAt(index);
      drawn.push_back({utility.Utility(outcome), index, std::move(outcome)});
    }
  } else {
    // Real issues: repeats are next to impossible, but bounded all the same.
    std::set<std::vector<double>> seen;
    Outcome outcome(space.issue_count());
    for (std::uint64_t tries = 0; drawn.size() < count && tries < 4 * std::uint64_t{count} + 64; ++tries) {
      space.RandomOutcome(rng, outcome);
      if (!seen.insert(outcome.values()).second) continue;
      drawn.push_back({utility.Utility(outcome), drawn.size(), outcome});
    }
  }
  std::sort(drawn.begin(), drawn.end(), [](const Drawn& a, const Drawn& b) {
    return a.utility != b.utility ? a.utility < b.utility : a.order < b.order;
  });
  std::vector<Outcome> worst_first;
  worst_first.reserve(drawn.size());
  for (Drawn& d : drawn) worst_first.push_back(std::move(d.outcome));
  const double low = drawn.front().utility;
  const double high = drawn.back().utility;
  // Utilities outside [0, 1] (a profile file may hold them) are not what a user can be told.
  return PartialPreferences::Ranking(SpaceOf(truth), std::move(worst_first),
                                     low >= 0.0 && low <= 1.0 ? std::optional<double>(low) : std::nullopt,
                                     high >= 0.0 && high <= 1.0 ? std::optional<double>(high) : std::nullopt);
}

}  // namespace parley
