// CUHKAgent, winner of ANAC 2012, reimplemented from its published description: it does not
// concede before a non-exploitation point set by the discount factor and the opponents'
// concession, then concedes towards a minimum threshold that adapts to what they have offered,
// choosing its bids with the frequency opponent model.
// Hao & Leung, "CUHKAgent: An adaptive negotiation strategy for bilateral negotiations over
// multiple items", in Novel Insights in Agent-based Complex Automated Negotiation (Studies in
// Computational Intelligence 535, 2014); Hao, Song, Leung & Ming, "An efficient and robust
// negotiating strategy in bilateral negotiations over multiple items" (EAAI 2014).
// Formulas, every one a choice of Parley's: docs/strategies.md#cuhkagent--cuhkagent-anac-2012
#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "negotiators/anac/best_received.h"
#include "negotiators/boa/near_target.h"
#include "negotiators/own_ranking.h"
#include "parley/boa.h"
#include "parley/error.h"

namespace parley {
namespace {

class CuhkAgent final : public Negotiator {
 public:
  explicit CuhkAgent(NearTarget near) : near_(near) {
    if (!(near_.window >= 0.0)) throw UsageError("cuhkagent: window must be non-negative");
  }

  void Begin(const NegotiatorContext& context) override {
    own_.Reset(context);
    party_count_ = context.party_count;
    discount_ = context.profile->discount_factor();
    model_ = OpponentModelRegistry::Create("frequency");
    model_->Begin(context);
    scratch_ = Outcome(context.space->issue_count());
    best_received_.Reset(context.space->issue_count());
    first_.assign(party_count_, kNone);
    best_.assign(party_count_, kNone);
  }

  void Observe(const ObservedAction& action) override {
    if (action.type != ActionType::kOffer || !action.offer || action.party >= party_count_) return;
    model_->Update(action.party, *action.offer, action.time);
    if (first_[action.party] == kNone) first_[action.party] = action.offer_utility;
    best_[action.party] = std::max(best_[action.party], action.offer_utility);
    best_received_.Observe(*action.offer, action.offer_utility);
  }

  ActionType Act(const TurnState& state, Outcome& proposal) override {
    const double target = Target(state.time);
    const double next = best_received_.Bid(target, near_, own_, *model_, proposal, scratch_);
    if (state.current_offer) {
      const double u = state.current_offer_utility;
      if (u >= own_.ReservationValueAt(state.time) && (u >= target || u >= next)) return ActionType::kAccept;
    }
    return ActionType::kOffer;
  }

 private:
  double ConcessionDegree() const {
    const double top = own_.best_utility();
    double degree = 1.0;
    bool any = false;
    for (std::size_t p = 0; p < party_count_; ++p) {
      if (first_[p] == kNone) continue;
      any = true;
      const double room = top - first_[p];
      degree = std::min(degree, room > 0.0 ? std::clamp((best_[p] - first_[p]) / room, 0.0, 1.0) : 1.0);
    }
    return any ? degree : 0.0;
  }

  double Target(double t) const {
    const double top = own_.best_utility();
    const double c = ConcessionDegree();
    const double lambda = 0.08 + 0.82 * std::pow(discount_, 1.5 - c);
    const double b = std::min(top, std::max(own_.FloorAt(t), best_received_.utility()));
    const double m = b + (top - b) * (0.25 + 0.5 * c);
    if (t <= lambda) return top - (top - m) * (t / lambda) * (t / lambda);
    return m - (m - b) * (t - lambda) / (1.0 - lambda);
  }

  static constexpr double kNone = -INFINITY;

  NearTarget near_;
  OwnRanking own_;
  std::unique_ptr<OpponentModel> model_;
  std::size_t party_count_ = 0;
  double discount_ = 1.0;
  Outcome scratch_;
  BestReceived best_received_;
  std::vector<double> first_;  // each party's first offer's utility to us
  std::vector<double> best_;   // each party's best offer's utility to us
};

const bool kRegistered = NegotiatorRegistry::Add(
    {"cuhkagent",
     "CUHKAgent (ANAC 2012 winner): holds out until a point set by the discount factor and the opponents' "
     "concession, then concedes to an adaptive minimum threshold; frequency model guides the offer chosen.",
     {{"window", "0.02", "how far above the target an offer may be when the model chooses"},
      {"candidates", "16", "the most near-target outcomes the model is asked about per offer"}},
     [](const Spec& spec) {
       NearTarget near;
       near.window = spec.GetDouble("window", 0.02);
       near.max_candidates = static_cast<std::size_t>(std::max<std::int64_t>(1, spec.GetInt("candidates", 16)));
       return std::make_unique<CuhkAgent>(near);
     }});

}  // namespace
}  // namespace parley
