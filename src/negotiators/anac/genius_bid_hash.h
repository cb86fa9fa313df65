// GENIUS's Bid.hashCode, for ports of agents that keep bids as keys of a java.util.HashMap and pick
// from it by position (a random index into its key set, the first key that qualifies): with these
// hash codes, JavaHashMapOrder (common/java_hash.h) gives the order the map iterates them in.
//
// Bid.hashCode is the sum of its values' hash codes: a discrete value hashes as its name does
// (java.lang.String.hashCode over UTF-16), an integer value as 0. A real value hashes by identity
// in GENIUS (not reproducible even in Java); here it hashes as 0.
#ifndef PARLEY_NEGOTIATORS_ANAC_GENIUS_BID_HASH_H_
#define PARLEY_NEGOTIATORS_ANAC_GENIUS_BID_HASH_H_

#include <cstdint>
#include <vector>

#include "common/java_hash.h"
#include "parley/outcome_space.h"

namespace parley {

// Bid.hashCode of outcomes of one space, from hash codes of each issue's values computed once.
class GeniusBidHash {
 public:
  void Reset(const OutcomeSpace& space) {
    space_ = &space;
    value_hashes_.assign(space.issue_count(), {});
    for (std::size_t i = 0; i < space.issue_count(); ++i) {
      const Issue& issue = space.issue(i);
      if (issue.kind() != IssueKind::kDiscrete) continue;
      for (const std::string& name : issue.values()) value_hashes_[i].push_back(JavaStringHash(name));
    }
  }
  std::int32_t operator()(const Outcome& outcome) const {
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i < value_hashes_.size(); ++i) {
      if (value_hashes_[i].empty()) continue;
      sum += static_cast<std::uint32_t>(value_hashes_[i][space_->issue(i).PositionOf(outcome[i])]);
    }
    return static_cast<std::int32_t>(sum);
  }

 private:
  const OutcomeSpace* space_ = nullptr;
  std::vector<std::vector<std::int32_t>> value_hashes_;
};

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_GENIUS_BID_HASH_H_
