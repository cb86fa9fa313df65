// GENIUS 10.4's example of an agent that elicits (bilateralexamples.ElicitationAgentExample, in
// GENIUS 10.4's test sources): it works from its user model's ranking of bids, worst first. On its
// first turn it offers the best ranked bid. On a turn after an offer it asks for the rank of the
// offered bid when it is not ranked yet and its total elicitation cost is below 0.15
// (User.elicitRank), accepts the offer when it is among the top tenth of the ranking (its
// percentile (size - index) / size below 0.1, where an unranked bid has index -1), and otherwise
// offers a bid drawn uniformly from the ranking's top part, from position (int) (0.9 · size) on.
// Docs: docs/negotiation.md#genius-elicitation-example--genius-104s-elicitationagentexample
//
// Deliberate differences, where Parley cannot do what GENIUS does:
//  - It draws from JavaRandom(context.seed); the original's Random is unseeded.
//  - Its ranking is the one its oracle keeps (saop with elicitation_cost > 0), else the party's
//    known ranking, else (full information) the worst and best outcomes; without an oracle that
//    answers rank questions (plain saop, shaop) it never asks. The original needs preference
//    uncertainty and fails without it.
//  - Like the original it ignores its reservation value, so the conformance rule on the
//    reservation value spares it.
#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

#include "common/java_random.h"
#include "parley/negotiator.h"
#include "parley/partial_preferences.h"
#include "parley/preference_oracle.h"
#include "preferences/genius10_user_model.h"

namespace parley {
namespace {

class GeniusElicitationExample final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override {
    random_.emplace(static_cast<std::int64_t>(context.seed));
    oracle_ = context.oracle && context.oracle->Allows(PreferenceOracle::Question::kRank) ? context.oracle : nullptr;
    own_ranking_.clear();
    if (oracle_) {
      // The oracle keeps the ranking, starting from what the party knows.
    } else if (context.known && context.known->IsRanking()) {
      for (std::size_t k : context.known->WorstFirst()) own_ranking_.push_back(context.known->outcomes()[k]);
    } else {
      own_ranking_ = GeniusWorstAndBest(*context.profile);
    }
    last_offer_.reset();
  }

  void Observe(const ObservedAction& action) override {
    if (action.type == ActionType::kOffer && action.offer) {
      last_offer_ = *action.offer;
    } else {
      last_offer_.reset();  // the last action received is not an offer
    }
  }

  ActionType Act(const TurnState& /*state*/, Outcome& proposal) override {
    if (!last_offer_) {
      if (ranking().empty()) return ActionType::kEndNegotiation;
      proposal = ranking().back();
      return ActionType::kOffer;
    }
    if (oracle_ && !Contains(*last_offer_) && oracle_->cost() < kMaxBother) oracle_->ElicitRank(*last_offer_);
    const std::vector<Outcome>& order = ranking();
    const auto found = std::find(order.begin(), order.end(), *last_offer_);
    const double index = found == order.end() ? -1.0 : static_cast<double>(found - order.begin());
    const double size = static_cast<double>(order.size());
    if ((size - index) / size < 0.1) return ActionType::kAccept;
    const auto threshold = static_cast<std::size_t>(0.9 * size);
    const auto top = static_cast<std::int32_t>(order.size() - threshold);
    proposal = order[threshold + static_cast<std::size_t>(random_->NextInt(top))];
    return ActionType::kOffer;
  }

 private:
  static constexpr double kMaxBother = 0.15;

  const std::vector<Outcome>& ranking() const { return oracle_ ? oracle_->Ranking() : own_ranking_; }
  bool Contains(const Outcome& outcome) const {
    return std::find(ranking().begin(), ranking().end(), outcome) != ranking().end();
  }

  std::optional<JavaRandom> random_;
  PreferenceOracle* oracle_ = nullptr;
  std::vector<Outcome> own_ranking_;
  std::optional<Outcome> last_offer_;  // when the last action received was an offer
};

const bool kRegistered = NegotiatorRegistry::Add(
    {"genius-elicitation-example",
     "GENIUS 10.4's ElicitationAgentExample: asks the rank of each new offer while its elicitation cost is below "
     "0.15, accepts offers in the top tenth of its ranking, else offers a random bid from that top part.",
     {},
     [](const Spec&) { return std::make_unique<GeniusElicitationExample>(); }});

}  // namespace
}  // namespace parley
