// GeniusWeb's MOPAC voting evaluators (geniusweb.voting: CollectedVotes, LargestAgreement,
// LargestAgreementsLoop): which coalitions the opt-in votes of a round form. A coalition is a
// group of at least two voters on one outcome whose total power lies within every member's range;
// per outcome the most powerful such group is the candidate. Ties, which GeniusWeb leaves to hash
// order, are broken by Parley's rule: docs/negotiation.md#mopac-mopac.
#ifndef PARLEY_PROTOCOLS_MOPAC_EVALUATORS_H_
#define PARLEY_PROTOCOLS_MOPAC_EVALUATORS_H_

#include <cstddef>
#include <vector>

namespace parley::internal {

enum class MopacEvaluator {
  kLargestAgreement,       // LargestAgreement: at most one coalition a round, the most powerful
  kLargestAgreementsLoop,  // LargestAgreementsLoop: the most powerful, then again among the rest, ...
};

// One party's vote on an outcome (GeniusWeb's Vote): it accepts the outcome in a group whose total
// power P has min_power <= P <= max_power.
struct RangedVote {
  std::size_t party = 0;
  int min_power = 1;
  int max_power = 1;
};

// A coalition of the evaluators' answer: the outcome (its position among the bids) and its parties,
// ascending.
struct VotedCoalition {
  std::size_t bid = 0;
  std::vector<std::size_t> parties;
  friend bool operator==(const VotedCoalition&, const VotedCoalition&) = default;
};

// The most powerful viable group among `votes` (all on one outcome), as ascending parties, or none.
// Ties: the most parties, then the lexicographically smallest list of parties. At most 20 votes.
std::vector<std::size_t> MaxPowerGroup(const std::vector<RangedVote>& votes, const std::vector<int>& powers);

// The coalitions `evaluator` forms. `votes_by_bid[b]` holds the votes on bid b, the bids in the order
// they were first offered; `powers` every party's power. Among bids whose groups tie: the most
// parties, then the smallest list of parties, then the bid offered first. Coalitions come in the
// order formed and are disjoint.
std::vector<VotedCoalition> FormCoalitions(MopacEvaluator evaluator,
                                           const std::vector<std::vector<RangedVote>>& votes_by_bid,
                                           const std::vector<int>& powers);

}  // namespace parley::internal

#endif  // PARLEY_PROTOCOLS_MOPAC_EVALUATORS_H_
