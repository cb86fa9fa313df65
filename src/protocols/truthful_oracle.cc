// Truthful answers to elicitation questions. Rank questions follow GENIUS 10.4's
// genius.core.uncertainty.User.elicitRank: a ranked outcome is answered for free; any other is
// charged first, then inserted before the first ranked outcome (worst first) that
// BidDetailsSorterUtility says it is worse than, and left out when there is none. Comparisons
// follow GeniusWeb's COB party (geniusweb.exampleparties.comparebids.CompareBids): an option is
// better when it is preferred and not equally preferred, worse the other way round; every
// ElicitComparison is charged (GeniusWeb's SHAOP). docs/negotiation.md#elicitation.
#include "protocols/truthful_oracle.h"

#include <utility>

#include <fmt/format.h>

#include "parley/error.h"
#include "preferences/genius10_user_model.h"
#include "preferences/genius_sorted_outcomes.h"

namespace parley::internal {

TruthfulOracle::TruthfulOracle(const Scenario& scenario, std::size_t party, ElicitationRule rule,
                               std::vector<Outcome> worst_first, PartialPreferences* known)
    : scenario_(scenario),
      truth_(scenario.profile(party)),
      rule_(rule),
      ranking_(std::move(worst_first)),
      known_(known),
      utilities_(scenario.party_count()) {
  bid_hash_.Reset(scenario.space());
  if (ranking_.empty() && rule_.kind == Kind::kRank) ranking_ = GeniusWorstAndBest(truth_);
}

void TruthfulOracle::CheckAsk(const Outcome& outcome, Kind wanted, const char* question) const {
  if (rule_.kind != wanted) {
    throw UsageError(fmt::format("asked {} under a protocol that does not allow it", question));
  }
  if (!open_) throw UsageError(fmt::format("asked {} outside its turn", question));
  std::string why;
  if (!scenario_.space().IsValid(outcome, &why)) {
    throw UsageError(fmt::format("asked {} about an invalid outcome: {}", question, why));
  }
}

std::int32_t TruthfulOracle::DetailsHash(const Outcome& outcome, double utility) const {
  return BidDetailsHash(static_cast<std::uint32_t>(bid_hash_(outcome)), utility);
}

bool TruthfulOracle::WorseThan(const Outcome& a, double utility_a, const Outcome& b) const {
  const double utility_b = truth_.Utility(b);
  if (utility_a != utility_b) return utility_a < utility_b;
  return DetailsHash(a, utility_a) > DetailsHash(b, utility_b);
}

std::size_t TruthfulOracle::ElicitRank(const Outcome& outcome) {
  CheckAsk(outcome, Kind::kRank, "for a rank");
  ++requests_;
  Trace::Elicitation record;
  for (std::size_t k = 0; k < ranking_.size(); ++k) {
    if (ranking_[k] == outcome) {
      record.rank = k;
      asked_.push_back({outcome, std::move(record)});
      return k;
    }
  }
  cost_ += rule_.cost;
  record.charge = rule_.cost;
  const double utility = truth_.Utility(outcome);
  std::size_t position = 0;
  while (position < ranking_.size() && !WorseThan(outcome, utility, ranking_[position])) ++position;
  if (position < ranking_.size()) {
    ranking_.insert(ranking_.begin() + static_cast<std::ptrdiff_t>(position), outcome);
    record.rank = position;
    if (known_) {
      learned_.emplace_back(ranking_[position + 1], outcome);
      if (position > 0) learned_.emplace_back(outcome, ranking_[position - 1]);
    }
  }
  asked_.push_back({outcome, std::move(record)});
  return position;
}

ComparisonAnswer TruthfulOracle::Compare(const Outcome& outcome, std::span<const Outcome> options) {
  CheckAsk(outcome, Kind::kComparison, "for a comparison");
  if (options.empty()) throw UsageError("asked for a comparison with no options");
  for (const Outcome& option : options) {
    std::string why;
    if (!scenario_.space().IsValid(option, &why)) {
      throw UsageError(fmt::format("asked for a comparison with an invalid option: {}", why));
    }
  }
  ++requests_;
  cost_ += rule_.cost;
  Trace::Elicitation record;
  record.charge = rule_.cost;
  record.options.assign(options.begin(), options.end());
  ComparisonAnswer answer;
  const double utility = truth_.Utility(outcome);
  for (std::size_t k = 0; k < options.size(); ++k) {
    const double option_utility = truth_.Utility(options[k]);
    if (option_utility > utility) {
      answer.better.push_back(options[k]);
      record.better.push_back(k);
    } else if (option_utility < utility) {
      answer.worse.push_back(options[k]);
      record.worse.push_back(k);
    }
    if (known_ && options[k] != outcome) {
      if (option_utility >= utility) learned_.emplace_back(options[k], outcome);
      if (option_utility <= utility) learned_.emplace_back(outcome, options[k]);
    }
  }
  asked_.push_back({outcome, std::move(record)});
  return answer;
}

void TruthfulOracle::FoldIntoKnown() {
  if (known_ == nullptr || learned_.empty()) return;
  if (rule_.kind == Kind::kRank && known_->IsRanking()) {
    *known_ =
        PartialPreferences::Ranking(known_->shared_space(), ranking_, known_->low_utility(), known_->high_utility());
  } else {
    *known_ = known_->WithRelations(learned_);
  }
  learned_.clear();
}

void TruthfulOracle::CloseTurn(Trace* trace, const Trace::Step& step) {
  open_ = false;
  FoldIntoKnown();
  if (trace) {
    for (Asked& asked : asked_) {
      for (std::size_t p = 0; p < utilities_.size(); ++p) utilities_[p] = scenario_.profile(p).Utility(asked.outcome);
      trace->AddElicitation(step, asked.outcome, utilities_.data(), std::move(asked.elicitation));
    }
  }
  asked_.clear();
}

}  // namespace parley::internal
