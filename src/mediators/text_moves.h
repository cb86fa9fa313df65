// Moves shared by the single-text mediators: a uniformly random text, and a text that differs
// from another in one issue. Issues with a single value can never change and are skipped.
#ifndef PARLEY_MEDIATORS_TEXT_MOVES_H_
#define PARLEY_MEDIATORS_TEXT_MOVES_H_

#include <cstdint>
#include <vector>

#include "parley/mediator.h"
#include "parley/outcome_space.h"
#include "parley/random.h"

namespace parley::internal {

class TextMoves {
 public:
  void Reset(const OutcomeSpace& space) {
    space_ = &space;
    movable_.clear();
    for (std::size_t i = 0; i < space.issue_count(); ++i) {
      const Issue& issue = space.issue(i);
      if (issue.countable() ? issue.cardinality() > 1 : issue.upper() > issue.lower()) movable_.push_back(i);
    }
  }

  const OutcomeSpace& space() const { return *space_; }
  // Issues with more than one value, in space order.
  const std::vector<std::size_t>& movable() const { return movable_; }

  void RandomText(Rng& rng, Outcome& text) const { space_->RandomOutcome(rng, text); }

  // Sets `issue` of `text` to a uniformly random value other than its current one (for a real
  // issue, a uniformly random value of its range).
  void ChangeIssue(std::size_t issue, Rng& rng, Outcome& text) const {
    const Issue& spec = space_->issue(issue);
    if (!spec.countable()) {
      text[issue] = spec.lower() + rng.UniformReal() * (spec.upper() - spec.lower());
      return;
    }
    const std::uint64_t current = spec.PositionOf(text[issue]);
    std::uint64_t position = rng.UniformInt(spec.cardinality() - 1);
    if (position >= current) ++position;
    text[issue] = spec.ValueAt(position);
  }

  // Changes one uniformly chosen movable issue; returns false when no issue can change.
  bool ChangeOneIssue(Rng& rng, Outcome& text) const {
    if (movable_.empty()) return false;
    ChangeIssue(movable_[rng.UniformInt(movable_.size())], rng, text);
    return true;
  }

 private:
  const OutcomeSpace* space_ = nullptr;
  std::vector<std::size_t> movable_;
};

}  // namespace parley::internal

#endif  // PARLEY_MEDIATORS_TEXT_MOVES_H_
