// The "hill-climb" mediator: a single-text mediator that proposes neighbours of the standing text
// (the same text with one issue changed). Since the standing text only moves when every party
// accepts, this is a hill climb on accepted texts: no party that accepts only what is at least as
// good for it is ever worse off than under the previous accepted text.
// Which neighbour it proposes, with and without disclosed profiles, and when it stops:
// docs/mediation.md#single-negotiation-text
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "mediators/text_moves.h"
#include "parley/error.h"
#include "parley/mediator.h"
#include "parley/random.h"

namespace parley {
namespace {

enum class Objective { kEgalitarian, kNash };

// Texts are compared lexicographically on these, larger first.
struct Score {
  double first = -std::numeric_limits<double>::infinity();
  double second = -std::numeric_limits<double>::infinity();
  double third = -std::numeric_limits<double>::infinity();

  friend bool operator<(const Score& a, const Score& b) {
    if (a.first != b.first) return a.first < b.first;
    if (a.second != b.second) return a.second < b.second;
    return a.third < b.third;
  }
};

class HillClimb final : public Mediator {
 public:
  HillClimb(Objective objective, bool stop) : objective_(objective), stop_(stop) {}

  void Begin(const MediatorContext& context) override {
    rng_ = Rng(context.seed);
    moves_.Reset(*context.space);
    max_rounds_ = context.max_rounds;
    disclosed_.clear();
    for (const Profile* profile : context.disclosed) {
      if (profile) disclosed_.push_back(profile);
    }
    all_disclosed_ = disclosed_.size() == context.party_count;
    gains_.assign(disclosed_.size(), 0.0);
    utilities_.assign(disclosed_.size(), 0.0);
    accepted_utilities_.assign(disclosed_.size(), 0.0);
    listed_.clear();
    unlisted_.clear();
    first_slot_.clear();
    std::size_t slots = 0;
    for (std::size_t issue : moves_.movable()) {
      const Issue& spec = context.space->issue(issue);
      if (spec.countable() && spec.cardinality() <= kMaxListedValues) {
        listed_.push_back(issue);
        first_slot_.push_back(slots);
        slots += spec.cardinality() - 1;
      } else {
        unlisted_.push_back(issue);
      }
    }
    first_slot_.push_back(slots);
    tried_.assign(slots, false);
    untried_ = slots;
    base_ = Outcome(context.space->issue_count());
    candidate_ = base_;
    best_ = base_;
    has_base_ = false;
    base_is_accepted_ = false;
  }

  bool ProposeText(const TextState& state, Outcome& text) override {
    time_ = state.time;
    if (state.accepted_text) {
      if (!base_is_accepted_ || !(base_ == *state.accepted_text)) {
        base_ = *state.accepted_text;
        base_is_accepted_ = true;
        has_base_ = true;
        for (std::size_t p = 0; p < disclosed_.size(); ++p) accepted_utilities_[p] = disclosed_[p]->Utility(base_);
        ResetTried();
      }
    } else if (!has_base_) {
      Restart();
      text = base_;
      return true;
    }

    if (untried_ == 0 && unlisted_.empty()) {
      if (base_is_accepted_ && stop_) return false;
      Restart();
      text = base_;
      return true;
    }
    if (disclosed_.empty()) {
      RandomNeighbour(text);
      return true;
    }
    if (BestNeighbour(text)) return true;
    if (base_is_accepted_ && stop_) return false;
    Restart();
    text = base_;
    return true;
  }

  void ObserveAnswers(const Outcome& text, const std::vector<Vote>& votes,
                      const std::vector<Feedback>& /*feedback*/) override {
    if (base_is_accepted_ || !has_base_) return;
    Score score;
    if (disclosed_.empty()) {
      score.first = 0.0;
      for (Vote vote : votes) score.first += vote == Vote::kAccept ? 1.0 : 0.0;
    } else {
      score = Evaluate(text);
    }
    if (base_score_ < score) {
      base_ = text;
      base_score_ = score;
      ResetTried();
    }
  }

 private:
  static constexpr std::uint64_t kMaxListedValues = 4096;
  static constexpr int kRealSamples = 4;

  void ResetTried() {
    std::fill(tried_.begin(), tried_.end(), false);
    untried_ = tried_.size();
  }

  void Restart() {
    moves_.RandomText(rng_, base_);
    has_base_ = true;
    base_is_accepted_ = false;
    base_score_ = disclosed_.empty() ? Score{-1.0, 0.0, 0.0} : Evaluate(base_);
    ResetTried();
  }

  // Writes the neighbour of the base in slot `slot` into `text`.
  void SlotText(std::size_t slot, Outcome& text) const {
    std::size_t k = 0;
    while (first_slot_[k + 1] <= slot) ++k;
    const Issue& spec = moves_.space().issue(listed_[k]);
    std::uint64_t position = slot - first_slot_[k];
    if (position >= spec.PositionOf(base_[listed_[k]])) ++position;
    text = base_;
    text[listed_[k]] = spec.ValueAt(position);
  }

  void RandomNeighbour(Outcome& text) {
    const std::uint64_t pick = rng_.UniformInt(untried_ + unlisted_.size());
    if (pick >= untried_) {
      text = base_;
      moves_.ChangeIssue(unlisted_[pick - untried_], rng_, text);
      return;
    }
    std::uint64_t seen = 0;
    for (std::size_t slot = 0; slot < tried_.size(); ++slot) {
      if (tried_[slot]) continue;
      if (seen++ == pick) {
        tried_[slot] = true;
        --untried_;
        SlotText(slot, text);
        return;
      }
    }
  }

  // False when only neighbours that change nobody's utility are left (with every profile
  // disclosed, accepting one would only move the base sideways, and could cycle).
  bool BestNeighbour(Outcome& text) {
    Score best_score;
    std::size_t best_slot = tried_.size();
    bool found = false;
    for (std::size_t slot = 0; slot < tried_.size(); ++slot) {
      if (tried_[slot]) continue;
      SlotText(slot, candidate_);
      const Score score = Evaluate(candidate_, true);
      if (all_disclosed_ && base_is_accepted_ && !ChangesAnyone()) {
        tried_[slot] = true;
        --untried_;
        continue;
      }
      if (!found || best_score < score) {
        best_score = score;
        best_slot = slot;
        best_ = candidate_;
        found = true;
      }
    }
    for (std::size_t issue : unlisted_) {
      for (int i = 0; i < kRealSamples; ++i) {
        candidate_ = base_;
        moves_.ChangeIssue(issue, rng_, candidate_);
        const Score score = Evaluate(candidate_, true);
        if (!found || best_score < score) {
          best_score = score;
          best_slot = tried_.size();
          best_ = candidate_;
          found = true;
        }
      }
    }
    if (!found) return false;
    if (best_slot < tried_.size()) {
      tried_[best_slot] = true;
      --untried_;
    }
    text = best_;
    return true;
  }

  // Whether the text last evaluated changes some disclosed party's utility of the accepted text.
  bool ChangesAnyone() const {
    for (std::size_t p = 0; p < disclosed_.size(); ++p) {
      if (utilities_[p] != accepted_utilities_[p]) return true;
    }
    return false;
  }

  // The objective of `text` for the disclosed parties at the current time; with
  // `rank_acceptable`, texts they should all accept come first.
  Score Evaluate(const Outcome& text, bool rank_acceptable = false) {
    double smallest = std::numeric_limits<double>::infinity();
    double sum = 0.0;
    bool acceptable = true;
    for (std::size_t p = 0; p < disclosed_.size(); ++p) {
      const double utility = disclosed_[p]->Utility(text);
      utilities_[p] = utility;
      const double reservation = disclosed_[p]->ReservationValueAt(time_, max_rounds_);
      gains_[p] = utility - reservation;
      smallest = std::min(smallest, gains_[p]);
      sum += utility;
      acceptable = acceptable && utility >= reservation && (!base_is_accepted_ || utility >= accepted_utilities_[p]);
    }
    double objective = smallest;
    if (objective_ == Objective::kNash && smallest > 0.0) {
      objective = 0.0;
      for (double gain : gains_) objective += std::log(gain);
    }
    // A text where someone is below its reservation value ranks by the smallest gain alone.
    const double floor = std::min(smallest, 0.0);
    if (rank_acceptable) return {acceptable ? 1.0 : 0.0, floor < 0.0 ? floor : objective, sum};
    return {floor, objective, sum};
  }

  Objective objective_;
  bool stop_;
  Rng rng_{0};
  internal::TextMoves moves_;
  std::uint64_t max_rounds_ = 0;
  double time_ = 0.0;
  std::vector<const Profile*> disclosed_;
  bool all_disclosed_ = false;
  std::vector<double> gains_;
  std::vector<double> utilities_;  // of the text last evaluated
  std::vector<double> accepted_utilities_;
  std::vector<std::size_t> listed_;      // issues whose neighbours are enumerated
  std::vector<std::size_t> first_slot_;  // first slot of each listed issue, then the slot count
  std::vector<std::size_t> unlisted_;    // movable issues changed at random
  std::vector<bool> tried_;              // slots put to the parties since the base last changed
  std::size_t untried_ = 0;
  Outcome base_;
  Outcome candidate_;
  Outcome best_;
  Score base_score_;
  bool has_base_ = false;
  bool base_is_accepted_ = false;
};

Objective ParseObjective(const std::string& name) {
  if (name == "egalitarian") return Objective::kEgalitarian;
  if (name == "nash") return Objective::kNash;
  throw UsageError(fmt::format("hill-climb: objective must be 'egalitarian' or 'nash', got '{}'", name));
}

const bool kRegistered = MediatorRegistry::Add(
    {"hill-climb",
     "Single text: proposes neighbours (one issue changed) of the accepted text, the best for the disclosed "
     "profiles or at random, each once; stops at a local optimum.",
     {{"objective", "egalitarian",
       "with disclosed profiles: 'egalitarian' (smallest gain over reservation) or 'nash' (product of gains)"},
      {"stop", "true", "stop the negotiation once every neighbour of the accepted text has been vetoed"}},
     [](const Spec& spec) {
       return std::make_unique<HillClimb>(ParseObjective(spec.GetString("objective", "egalitarian")),
                                          spec.GetBool("stop", true));
     }});

}  // namespace
}  // namespace parley
