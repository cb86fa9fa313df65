// MiCRO: proposes its outcomes best first, taking the next (lower) one only when the opponents have
// made at least as many distinct offers as it has, and otherwise repeating one it has already
// proposed; no opponent model, no sense of time. Registered twice: the bidding strategy "micro"
// for boa(bidding=micro, ...), and the negotiator "micro" with MiCRO's own acceptance rule.
// de Jonge 2022, "An Analysis of the Linear Bilateral ANAC Domains Using the MiCRO Benchmark
// Strategy".
// The rules, how the two registrations differ, and several opponents: docs/strategies.md#micro--micro
#include <algorithm>
#include <bit>
#include <cstdint>
#include <limits>
#include <unordered_set>
#include <vector>

#include "negotiators/own_ranking.h"
#include "parley/boa.h"
#include "parley/random.h"

namespace parley {
namespace {

struct OutcomeHash {
  std::size_t operator()(const Outcome& outcome) const {
    // FNV-1a over the values' bit patterns.
    std::uint64_t hash = 14695981039346656037ull;
    for (double value : outcome.values()) {
      hash ^= std::bit_cast<std::uint64_t>(value + 0.0);  // + 0.0 folds -0 into 0
      hash *= 1099511628211ull;
    }
    return static_cast<std::size_t>(hash);
  }
};

// The strategy itself, shared by the bidding strategy and the negotiator.
class Micro {
 public:
  // What it would do on this turn.
  struct Plan {
    bool concede = false;    // propose a new outcome (else repeat an earlier one)
    double accept_at = 0.0;  // MiCRO's acceptance threshold for this turn
  };

  void Begin(const NegotiatorContext& context) {
    own_.Reset(context);
    party_ = context.party;
    party_count_ = context.party_count;
    rng_ = Rng(DeriveSeed(context.seed, {kSeedTag}));
    received_.assign(context.party_count, {});
    proposed_ = 0;
  }

  void Observe(const ObservedAction& action) {
    if (action.type != ActionType::kOffer || !action.offer || action.party >= party_count_) return;
    auto& seen = received_[action.party];
    if (seen.find(*action.offer) == seen.end()) seen.insert(*action.offer);
  }

  Plan Decide(double time) const {
    const OutcomeRanking& ranking = own_.ranking();
    const std::size_t size = ranking.size();
    Plan plan;
    if (proposed_ == 0) {
      // Its first proposal is its best outcome, even when nothing is worth the reservation value.
      plan.concede = true;
      plan.accept_at = ranking.best_utility();
      return plan;
    }
    const double least_proposed = ranking.utility(size - proposed_);
    plan.accept_at = least_proposed;
    if (proposed_ < size && MatchedConcessions() >= proposed_) {
      const double next = ranking.utility(size - 1 - proposed_);
      if (next >= own_.ReservationValueAt(time)) {
        plan.concede = true;
        plan.accept_at = next;
      }
    }
    return plan;
  }

  // Writes the planned proposal into `proposal` and returns its utility.
  double Propose(const Plan& plan, double time, Outcome& proposal) {
    const OutcomeRanking& ranking = own_.ranking();
    const std::size_t size = ranking.size();
    std::size_t rank;
    if (plan.concede) {
      rank = size - 1 - proposed_;
      ++proposed_;
    } else {
      // A repeat among its earlier proposals still worth the reservation value now (a schedule can
      // raise it); the best outcome when none is.
      const std::size_t lowest = std::max(size - proposed_, ranking.LowestAtLeast(own_.ReservationValueAt(time)));
      rank = lowest < size ? lowest + rng_.UniformInt(size - lowest) : size - 1;
    }
    ranking.CopyOutcome(rank, proposal);
    return ranking.utility(rank);
  }

  double ReservationValueAt(double time) const { return own_.ReservationValueAt(time); }

 private:
  static constexpr std::uint64_t kSeedTag = 0x6d6963726fu;  // "micro"

  // The fewest distinct offers any opponent has made.
  std::size_t MatchedConcessions() const {
    std::size_t fewest = std::numeric_limits<std::size_t>::max();
    for (std::size_t p = 0; p < party_count_; ++p) {
      if (p != party_) fewest = std::min(fewest, received_[p].size());
    }
    return fewest == std::numeric_limits<std::size_t>::max() ? 0 : fewest;
  }

  OwnRanking own_;
  std::size_t party_ = 0;
  std::size_t party_count_ = 0;
  Rng rng_{0};
  std::vector<std::unordered_set<Outcome, OutcomeHash>> received_;
  std::size_t proposed_ = 0;  // distinct outcomes proposed: the best `proposed_` ranks
};

class MicroBidding final : public BiddingStrategy {
 public:
  void Begin(const NegotiatorContext& context, const OpponentModel& /*model*/) override { micro_.Begin(context); }
  void Observe(const ObservedAction& action) override { micro_.Observe(action); }
  double Bid(const TurnState& state, Outcome& proposal) override {
    return micro_.Propose(micro_.Decide(state.time), state.time, proposal);
  }

 private:
  Micro micro_;
};

class MicroNegotiator final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override { micro_.Begin(context); }
  void Observe(const ObservedAction& action) override { micro_.Observe(action); }
  ActionType Act(const TurnState& state, Outcome& proposal) override {
    const Micro::Plan plan = micro_.Decide(state.time);
    if (state.current_offer && state.current_offer_utility >= plan.accept_at &&
        state.current_offer_utility >= micro_.ReservationValueAt(state.time)) {
      return ActionType::kAccept;
    }
    micro_.Propose(plan, state.time, proposal);
    return ActionType::kOffer;
  }

 private:
  Micro micro_;
};

const bool kBidding = BiddingStrategyRegistry::Add(
    {"micro",
     "MiCRO (de Jonge 2022): proposes its outcomes best first, conceding to the next only when every opponent "
     "has made as many distinct offers; otherwise repeats an earlier proposal. Ignores the opponent model.",
     {},
     [](const Spec&) { return std::make_unique<MicroBidding>(); }});
const bool kNegotiator = NegotiatorRegistry::Add(
    {"micro",
     "MiCRO (de Jonge 2022): concedes one outcome at a time, only as fast as the opponents make distinct "
     "offers; accepts an offer worth at least its next proposal or the least it has proposed.",
     {},
     [](const Spec&) { return std::make_unique<MicroNegotiator>(); }});

}  // namespace
}  // namespace parley
