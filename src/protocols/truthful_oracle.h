// The preference oracle protocols give negotiators (parley/preference_oracle.h): it answers from
// the party's true profile, charges what the protocol's rule says, and keeps the questions of the
// current turn until the protocol records them in the trace. The rules and their sources:
// docs/negotiation.md#elicitation.
#ifndef PARLEY_PROTOCOLS_TRUTHFUL_ORACLE_H_
#define PARLEY_PROTOCOLS_TRUTHFUL_ORACLE_H_

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "negotiators/anac/genius_bid_hash.h"
#include "parley/partial_preferences.h"
#include "parley/preference_oracle.h"
#include "parley/protocol.h"
#include "parley/scenario.h"

namespace parley::internal {

// Which questions a protocol allows and what each costs.
struct ElicitationRule {
  enum class Kind { kNone, kRank, kComparison };
  Kind kind = Kind::kNone;
  double cost = 0.0;
};

class TruthfulOracle final : public PreferenceOracle {
 public:
  // Party `party` of `scenario`, starting from `worst_first` (the party's known ranking), or, when
  // it is empty, from the worst and best outcomes in GENIUS's order (GENIUS 10.4's smallest user
  // model). When `known` is given (what the party knows; worst_first is then its ranking, if it is
  // one), CloseTurn folds the turn's answers into it. The scenario and `known` must outlive the
  // oracle.
  TruthfulOracle(const Scenario& scenario, std::size_t party, ElicitationRule rule, std::vector<Outcome> worst_first,
                 PartialPreferences* known = nullptr);

  bool Allows(Question question) const override {
    return question == Question::kRank ? rule_.kind == Kind::kRank : rule_.kind == Kind::kComparison;
  }
  const std::vector<Outcome>& Ranking() const override { return ranking_; }
  std::size_t ElicitRank(const Outcome& outcome) override;
  ComparisonAnswer Compare(const Outcome& outcome, std::span<const Outcome> options) override;
  double cost() const override { return cost_; }
  std::uint64_t requests() const override { return requests_; }

  // Questions are allowed only between OpenTurn() and CloseTurn(); CloseTurn records those of the
  // turn in `trace` (when not null) as kElicit entries at `step`, in the order they were asked,
  // and folds what they taught into `known`: a known ranking under rank questions becomes the
  // oracle's Ranking() (its low and high utilities kept, as GENIUS's elicitRank keeps them);
  // otherwise each answer adds its relations (an inserted outcome between its neighbours in
  // Ranking(); a compared outcome against each option, both ways when they are worth as much).
  void OpenTurn() { open_ = true; }
  void CloseTurn(Trace* trace, const Trace::Step& step);

 private:
  using Kind = ElicitationRule::Kind;
  struct Asked {
    Outcome outcome;
    Trace::Elicitation elicitation;
  };
  void CheckAsk(const Outcome& outcome, Kind wanted, const char* question) const;
  void FoldIntoKnown();
  // GENIUS's BidDetailsSorterUtility.compare(a, b) == 1 for distinct outcomes: a is worth less, or
  // as much with a larger BidDetails.hashCode().
  bool WorseThan(const Outcome& a, double utility_a, const Outcome& b) const;
  std::int32_t DetailsHash(const Outcome& outcome, double utility) const;

  const Scenario& scenario_;
  const Profile& truth_;
  ElicitationRule rule_;
  std::vector<Outcome> ranking_;
  GeniusBidHash bid_hash_;
  double cost_ = 0.0;
  std::uint64_t requests_ = 0;
  bool open_ = false;
  std::vector<Asked> asked_;  // this turn's questions
  PartialPreferences* known_;
  std::vector<std::pair<Outcome, Outcome>> learned_;  // this turn's "at least as good as" answers
  std::vector<double> utilities_;
};

}  // namespace parley::internal

#endif  // PARLEY_PROTOCOLS_TRUTHFUL_ORACLE_H_
