// What a party knows of its own preferences when it does not know its utility function: some
// outcomes with "at least as good as" relations between them (a ranking is the special case of a
// chain), and possibly the utilities of the worst and best of them. GENIUS's user models of ANAC
// 2018-2019 (a BidRanking with its low and high utilities) and GeniusWeb's partial orderings are
// both held here; docs/uncertainty.md ("Partial preferences") explains both.
//
// PartialPreferences is immutable after construction, cheap to copy (it shares its data) and
// safe to share between threads. The constructors throw UsageError for what cannot be partial
// preferences over the space (below); nothing else throws.
#ifndef PARLEY_PARTIAL_PREFERENCES_H_
#define PARLEY_PARTIAL_PREFERENCES_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "parley/outcome_space.h"

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

class Profile;
class UtilityFunction;

class PartialPreferences {
 public:
  // "outcomes[first] is at least as good as outcomes[second]".
  using Relation = std::pair<std::size_t, std::size_t>;

  // A total ranking, worst first (GENIUS's BidRanking order): each outcome is at least as good as
  // the one before it. `low_utility` and `high_utility` are the utilities of the worst and best
  // outcome when the party is told them (GENIUS always is), each in [0, 1] and low <= high.
  // Throws UsageError for an empty list, an outcome that is not valid in `space`, an outcome
  // listed twice, or utilities out of range.
  static PartialPreferences Ranking(std::shared_ptr<const OutcomeSpace> space, std::vector<Outcome> worst_first,
                                    std::optional<double> low_utility = {}, std::optional<double> high_utility = {});
  // A partial order (GeniusWeb's DefaultPartialOrdering): each relation (a, b) says outcomes[a]
  // is at least as good as outcomes[b]; the relation need not be closed or complete, and an
  // outcome may appear in none. `reservation_outcome`, when given, is the outcome worth as much
  // as no agreement. Throws UsageError for an outcome not valid in `space`, an outcome listed
  // twice, or a relation that names a position outside `outcomes`.
  static PartialPreferences Order(std::shared_ptr<const OutcomeSpace> space, std::vector<Outcome> outcomes,
                                  std::vector<Relation> at_least_as_good,
                                  std::optional<Outcome> reservation_outcome = {});

  const OutcomeSpace& space() const;
  const std::shared_ptr<const OutcomeSpace>& shared_space() const;
  // The outcomes the party knows something about, in the order they were given.
  const std::vector<Outcome>& outcomes() const;
  std::size_t size() const { return outcomes().size(); }
  // The relations as given (for a Ranking: (k + 1, k) for each k).
  const std::vector<Relation>& relations() const;
  std::optional<double> low_utility() const;
  std::optional<double> high_utility() const;
  const std::optional<Outcome>& reservation_outcome() const;

  // True when the relations order every listed outcome in one chain, each directly related to
  // the next (a Ranking always; an Order when its relations say as much).
  bool IsRanking() const;
  // The chain as positions into outcomes(), worst first. Throws UsageError unless IsRanking().
  const std::vector<std::size_t>& WorstFirst() const;
  // The position of `outcome` in outcomes(), if it is listed. O(log size) comparisons.
  std::optional<std::size_t> Find(const Outcome& outcome) const;

  // These preferences and more: for each pair (a, b), "a is at least as good as b" appended to
  // relations(), with a and b appended to outcomes() when not listed yet; the low and high
  // utilities and the reservation outcome kept. What a party knows once its questions are
  // answered (preference_oracle.h). Throws UsageError for an outcome not valid in the space.
  PartialPreferences WithRelations(const std::vector<std::pair<Outcome, Outcome>>& at_least_as_good) const;

 private:
  struct Data;
  explicit PartialPreferences(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
  static std::shared_ptr<Data> NewData(std::shared_ptr<const OutcomeSpace> space, std::vector<Outcome> outcomes);
  std::shared_ptr<const Data> data_;
};

// GENIUS 9.1.10's user model of an uncertain profile (UncertainPreferenceContainer with
// ComparisonGenerator.generateRankingByAmount): every bid in SortedOutcomeSpace order, shuffled
// by Collections.shuffle with java.util.Random(java_seed), the first comparisons + 1 of them (all
// when there are fewer) ranked worst first as BidDetailsSorterUtility reversed orders them; low
// and high are the true utilities of the worst and best ranked bids. GENIUS uses the seed 314
// when the profile's fixed_seed is true (its default) and an unseeded Random otherwise, which
// cannot be reproduced: callers then pass a seed of their own. Throws UsageError when GENIUS
// could not sort the space (a real issue, or too many outcomes: GeniusSortedOutcomes::For).
PartialPreferences GeniusUserModel(const Profile& truth, std::size_t comparisons, std::int64_t java_seed = 314);

// GENIUS 10.4's user model (its ComparisonGenerator.generateRankingByAmount), which always ranks
// the best and the worst bid so that rank questions (preference_oracle.h) can place any other: the
// bids of SortedOutcomeSpace order without its first (best) and last (worst), shuffled by
// Collections.shuffle with java.util.Random(java_seed), the first comparisons - 2 of them (all
// when there are fewer: GENIUS fails then) ranked as BidDetailsSorterUtility reversed orders them,
// between the worst and the best: `comparisons` bids in all, as 10.4's UncertainPreferenceContainer
// asks for (9.1.10's asks for comparisons + 1); with comparisons <= 2, the worst and the best
// alone. low and high are their true utilities. Throws UsageError when GENIUS could not sort the space, as
// GeniusUserModel does.
PartialPreferences Genius10UserModel(const Profile& truth, std::size_t comparisons, std::int64_t java_seed = 314);

// Parley's own user model: `count` distinct outcomes drawn uniformly from Rng(seed) (every outcome
// when the space has no more), ranked worst first by true utility, equal utilities by outcome
// index (by draw order on spaces too large to index); low and high from the truth. Works on any
// space; on one that is not enumerable, fewer outcomes are returned if the draws keep repeating.
// Throws UsageError when count is 0.
PartialPreferences RandomRanking(const Profile& truth, std::size_t count, std::uint64_t seed);

// Kendall's tau-b between the orders two utility functions over one space give the outcomes, in
// [-1, 1]: over every outcome of an enumerable space when `sample` is 0, else over `sample`
// outcomes drawn from Rng(seed). Utilities are compared by UtilityKey, so values that differ by
// rounding noise tie. 0 when either function ties every outcome. O(n log n). Throws UsageError
// when the spaces differ, or when `sample` is 0 and the space is not enumerable or larger than
// ResourceLimits::max_outcomes.
double KendallTau(const UtilityFunction& a, const UtilityFunction& b, std::size_t sample = 0, std::uint64_t seed = 0);

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_PARTIAL_PREFERENCES_H_
