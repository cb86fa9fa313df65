// The "feedback" mediator: single-text mediation that learns, from the parties' feedback on
// consecutive texts differing in one issue, how each party ranks the values of each issue, and
// proposes changes no party is known to dislike. Run it under single-text(feedback=true).
// After the feedback-based mediated protocol of Aydoğan, Hindriks and Jonker, reimplemented from
// its published description.
// The model, the base text, the next text and when it stops: docs/mediation.md#single-negotiation-text
#include <algorithm>

#include "mediators/text_moves.h"
#include "parley/mediator.h"
#include "parley/random.h"

namespace parley {
namespace {

class FeedbackMediator final : public Mediator {
 public:
  explicit FeedbackMediator(bool stop) : stop_(stop) {}

  void Begin(const MediatorContext& context) override {
    rng_ = Rng(context.seed);
    moves_.Reset(*context.space);
    parties_ = context.party_count;
    modelled_.assign(context.space->issue_count(), kUnmodelled);
    offsets_.clear();
    sizes_.clear();
    first_value_.clear();
    std::size_t cells = 0;
    std::size_t values = 0;
    for (std::size_t issue : moves_.movable()) {
      const Issue& spec = context.space->issue(issue);
      if (!spec.countable() || spec.cardinality() > kMaxModelledValues) continue;
      modelled_[issue] = offsets_.size();
      offsets_.push_back(cells);
      sizes_.push_back(spec.cardinality());
      first_value_.push_back(values);
      cells += spec.cardinality() * spec.cardinality();
      values += spec.cardinality();
    }
    tried_.assign(values, 0);
    no_better_.assign(parties_, std::vector<std::uint8_t>(cells, 0));
    worse_.assign(parties_, std::vector<std::uint8_t>(cells, 0));
    base_ = Outcome(context.space->issue_count());
    accepted_ = base_;
    last_ = base_;
    has_base_ = false;
    has_accepted_ = false;
    has_last_ = false;
    learning_ = false;
  }

  bool ProposeText(const TextState& state, Outcome& text) override {
    if (state.accepted_text && (!has_accepted_ || !(accepted_ == *state.accepted_text))) {
      accepted_ = *state.accepted_text;
      has_accepted_ = true;
      SetBase(accepted_);
    }
    if (!has_base_) {
      moves_.RandomText(rng_, text);
      SetBase(text);
      return true;
    }

    // Keep exploring the issue the previous text changed, while the answers teach the model.
    if (state.previous_text && learning_) {
      const std::size_t issue = OnlyDifference(*state.previous_text, base_);
      if (issue != kNone && modelled_[issue] != kUnmodelled && Propose(issue, issue + 1, text)) return true;
    }
    if (Propose(0, base_.size(), text)) return true;

    if (has_accepted_ && stop_) return false;
    moves_.RandomText(rng_, text);
    SetBase(text);
    return true;
  }

  void ObserveAnswers(const Outcome& text, const std::vector<Vote>& /*votes*/,
                      const std::vector<Feedback>& feedback) override {
    learning_ = feedback.size() == parties_;
    if (has_last_ && learning_) {
      const std::size_t changed = OnlyDifference(last_, text);
      if (changed != kNone && modelled_[changed] != kUnmodelled) {
        for (std::size_t p = 0; p < parties_; ++p) Learn(p, changed, last_[changed], text[changed], feedback[p]);
      }
      if (has_base_) MaybeMoveBase(text, feedback);
    }
    last_ = text;
    has_last_ = true;
  }

 private:
  static constexpr std::uint64_t kMaxModelledValues = 32;
  static constexpr std::size_t kUnmodelled = static_cast<std::size_t>(-1);
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  // The one issue where `a` and `b` differ, or kNone (none or several).
  static std::size_t OnlyDifference(const Outcome& a, const Outcome& b) {
    std::size_t found = kNone;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i] == b[i]) continue;
      if (found != kNone) return kNone;
      found = i;
    }
    return found;
  }

  void SetBase(const Outcome& text) {
    base_ = text;
    has_base_ = true;
    std::fill(tried_.begin(), tried_.end(), 0);
  }

  std::size_t Cell(std::size_t issue, std::uint64_t a, std::uint64_t b) const {
    const std::size_t k = modelled_[issue];
    return offsets_[k] + a * sizes_[k] + b;
  }
  std::uint64_t Position(std::size_t issue, double value) const {
    return moves_.space().issue(issue).PositionOf(value);
  }

  void Learn(std::size_t party, std::size_t issue, double from, double to, Feedback feedback) {
    const std::uint64_t a = Position(issue, from);
    const std::uint64_t b = Position(issue, to);
    auto& no_better = no_better_[party];
    auto& worse = worse_[party];
    switch (feedback) {
      case Feedback::kBetter: no_better[Cell(issue, a, b)] = worse[Cell(issue, a, b)] = 1; break;
      case Feedback::kWorse: no_better[Cell(issue, b, a)] = worse[Cell(issue, b, a)] = 1; break;
      case Feedback::kSame: no_better[Cell(issue, a, b)] = no_better[Cell(issue, b, a)] = 1; break;
    }
    // Transitive closure over the issue's (at most 32) values.
    const std::uint64_t size = sizes_[modelled_[issue]];
    for (std::uint64_t m = 0; m < size; ++m) {
      for (std::uint64_t x = 0; x < size; ++x) {
        if (!no_better[Cell(issue, x, m)]) continue;
        for (std::uint64_t y = 0; y < size; ++y) {
          if (!no_better[Cell(issue, m, y)]) continue;
          no_better[Cell(issue, x, y)] = 1;
          if (worse[Cell(issue, x, m)] || worse[Cell(issue, m, y)]) worse[Cell(issue, x, y)] = 1;
        }
      }
    }
  }

  // Moves the base to `text` when `text` is at least as good for every party and better for one,
  // as far as the model (or, for a text one change from the base, the feedback itself) shows.
  void MaybeMoveBase(const Outcome& text, const std::vector<Feedback>& feedback) {
    const std::size_t issue = OnlyDifference(base_, text);
    if (issue == kNone) return;
    const bool direct = last_ == base_;
    const bool modelled = modelled_[issue] != kUnmodelled;
    if (!direct && !modelled) return;
    std::size_t better = 0;
    for (std::size_t p = 0; p < parties_; ++p) {
      if (direct) {
        if (feedback[p] == Feedback::kWorse) return;
        better += feedback[p] == Feedback::kBetter;
        continue;
      }
      const std::uint64_t from = Position(issue, base_[issue]);
      const std::uint64_t to = Position(issue, text[issue]);
      if (!no_better_[p][Cell(issue, from, to)]) return;
      better += worse_[p][Cell(issue, from, to)];
    }
    if (better > 0) SetBase(text);
  }

  // Writes into `text` the base with one issue in [first, last) changed to the best candidate
  // value; false when there is none.
  bool Propose(std::size_t first, std::size_t last, Outcome& text) {
    std::size_t chosen_issue = kNone;
    std::uint64_t chosen_position = 0;
    std::size_t best_priority = 0;
    std::uint64_t ties = 0;
    auto consider = [&](std::size_t issue, std::uint64_t position, std::size_t priority) {
      if (chosen_issue != kNone && priority < best_priority) return;
      if (chosen_issue == kNone || priority > best_priority) {
        best_priority = priority;
        ties = 0;
      }
      // Reservoir sampling: a uniformly random choice among the equally good candidates.
      if (rng_.UniformInt(++ties) == 0) {
        chosen_issue = issue;
        chosen_position = position;
      }
    };
    for (std::size_t issue : moves_.movable()) {
      if (issue < first || issue >= last) continue;
      if (modelled_[issue] == kUnmodelled) {
        consider(issue, 0, 0);
        continue;
      }
      const std::uint64_t current = Position(issue, base_[issue]);
      for (std::uint64_t value = 0; value < sizes_[modelled_[issue]]; ++value) {
        if (value == current || tried_[first_value_[modelled_[issue]] + value]) continue;
        std::size_t better = 0;
        bool excluded = false;
        bool no_gain_for_all = true;
        for (std::size_t p = 0; p < parties_ && !excluded; ++p) {
          excluded = worse_[p][Cell(issue, value, current)];
          no_gain_for_all = no_gain_for_all && no_better_[p][Cell(issue, value, current)];
          better += worse_[p][Cell(issue, current, value)];
        }
        if (!excluded && !no_gain_for_all) consider(issue, value, better);
      }
    }
    if (chosen_issue == kNone) return false;
    text = base_;
    if (modelled_[chosen_issue] == kUnmodelled) {
      moves_.ChangeIssue(chosen_issue, rng_, text);
    } else {
      text[chosen_issue] = moves_.space().issue(chosen_issue).ValueAt(chosen_position);
      tried_[first_value_[modelled_[chosen_issue]] + chosen_position] = 1;
    }
    return true;
  }

  bool stop_;
  Rng rng_{0};
  internal::TextMoves moves_;
  std::size_t parties_ = 0;
  std::vector<std::size_t> modelled_;     // per issue: its index among the modelled issues, or kUnmodelled
  std::vector<std::size_t> offsets_;      // per modelled issue: first cell of its value-by-value matrix
  std::vector<std::uint64_t> sizes_;      // per modelled issue: its number of values
  std::vector<std::size_t> first_value_;  // per modelled issue: its first entry in tried_
  std::vector<std::uint8_t> tried_;       // per modelled issue value: put with the current base
  // Per party, per modelled issue, cell (a, b): value a is known to be no better (worse) than b.
  std::vector<std::vector<std::uint8_t>> no_better_;
  std::vector<std::vector<std::uint8_t>> worse_;
  Outcome base_;
  Outcome accepted_;
  Outcome last_;  // the last text whose answers it saw
  bool has_base_ = false;
  bool has_accepted_ = false;
  bool has_last_ = false;
  bool learning_ = false;  // the last answers came with feedback
};

const bool kRegistered = MediatorRegistry::Add(
    {"feedback",
     "Single text with feedback (Aydoğan, Hindriks and Jonker): learns each party's order of issue values from "
     "better/same/worse answers and changes one issue at a time to values no party is known to like less.",
     {{"stop", "true", "stop the negotiation when no candidate text is left and a text has been accepted"}},
     [](const Spec& spec) { return std::make_unique<FeedbackMediator>(spec.GetBool("stop")); }});

}  // namespace
}  // namespace parley
