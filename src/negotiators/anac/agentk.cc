// AgentK, winner of ANAC 2010: the behaviour of agents.anac.y2010.AgentK.Agent_K in GENIUS 9.1.10
// (Kawaguchi, Fujita & Ito, "AgentK: Compromising strategy based on estimated maximum utility for
// automated negotiating agents", in New Trends in Agent-Based Complex Automated Negotiations,
// Studies in Computational Intelligence 383, 2012). From the mean and variance of the utilities
// the opponent offers it estimates the most it can expect, sets a target that falls towards that
// estimate as t^alpha and a pull that weakens as t^3, accepts with a probability that grows
// with time and with the offer's margin over both, and otherwise offers one of the opponent's
// earlier offers above its target or a random outcome above a randomly perturbed target.
//
// Deliberate differences from the original (docs/strategies.md#agentk--agentk-anac-2010):
// - The original draws from four unseeded java.util.Random; the port draws from four JavaRandom
//   streams seeded from context.seed (DeriveSeed with tags 100, 200, 300 and 400, after the
//   seeds of the original's equivalence-test mode), so a negotiation is reproducible.
// - With three or more parties, when the last action it saw is an acceptance that did not close
//   the deal, the original returns no action and GENIUS aborts the session; the port ends the
//   negotiation.
// - Real issues: the original draws one of 20 of its 21 grid points; Parley's real issues have no
//   grid, and the port draws the same points of [lower, upper].
// - An integer issue with a single value (the original throws, and accepts the offer on the
//   table or fails) gets that value.
// - The opponent's earlier offers are visited in java.util.HashMap order (genius_bid_hash.h,
//   common/java_hash.h), except in buckets large enough to become trees, whose order in Java
//   depends on identity hash codes.
#include <cmath>
#include <cstdint>
#include <vector>

#include <fmt/format.h>

#include "common/java_hash.h"
#include "common/java_random.h"
#include "negotiators/anac/genius_bid_hash.h"
#include "parley/error.h"
#include "parley/negotiator.h"
#include "parley/random.h"

namespace parley {
namespace {

// The original's constants.
constexpr int kSearchesPerStep = 500;  // random outcomes tried before the bid target drops
constexpr double kSearchStep = 0.01;   // how far the bid target drops then
constexpr int kRealGridPoints = 21;    // GENIUS's default discretisation of a real issue

class AgentK final : public Negotiator {
 public:
  explicit AgentK(double tremor) : tremor_(tremor) {
    if (!(tremor_ >= 0.0) || !std::isfinite(tremor_)) {
      throw UsageError(fmt::format("agentk: tremor must be a non-negative number, got {}", tremor_));
    }
  }

  void Begin(const NegotiatorContext& context) override {
    space_ = context.space;
    profile_ = context.profile;
    party_count_ = context.party_count;
    target_ = 1.0;
    bid_target_ = 1.0;
    sum_ = 0.0;
    sum_of_squares_ = 0.0;
    offers_seen_ = 0;
    accept_draws_ = JavaRandom(Seed(context.seed, 100));
    pick_draws_ = JavaRandom(Seed(context.seed, 200));
    search_draws_ = JavaRandom(Seed(context.seed, 300));
    tremor_draws_ = JavaRandom(Seed(context.seed, 400));
    bid_hash_.Reset(*context.space);
    offered_.clear();
    offered_utility_.clear();
    offered_hashes_.clear();
    last_seen_ = Seen::kNothing;
    search_ = Outcome(context.space->issue_count());
  }

  void Observe(const ObservedAction& action) override {
    // A vote against an offer (amop, majority) is none of the three actions the original tells apart.
    if (action.party >= party_count_ || action.type == ActionType::kReject) return;
    if (action.type != ActionType::kOffer || !action.offer) {
      last_seen_ = action.type == ActionType::kAccept ? Seen::kAccept : Seen::kEnd;
      return;
    }
    last_seen_ = Seen::kOffer;
    last_offer_ = *action.offer;
  }

  ActionType Act(const TurnState& state, Outcome& proposal) override {
    if (last_seen_ == Seen::kNothing) return SelectBid(state, proposal);
    if (last_seen_ != Seen::kOffer || !state.current_offer) return ActionType::kEndNegotiation;
    const double p = AcceptProbability(last_offer_, state.time);
    if (p > accept_draws_.NextDouble()) return ActionType::kAccept;
    return SelectBid(state, proposal);
  }

 private:
  enum class Seen { kNothing, kOffer, kAccept, kEnd };

  static std::int64_t Seed(std::uint64_t seed, std::uint64_t tag) {
    return static_cast<std::int64_t>(DeriveSeed(seed, {tag}));
  }

  // Records the offer, updates the statistics, the target and the bid target, and returns the
  // probability of accepting it (0 below 0.1).
  double AcceptProbability(const Outcome& offer, double time) {
    double offered = profile_->Utility(offer);
    Remember(offer, offered);
    sum_ += offered;
    sum_of_squares_ += offered * offered;
    ++offers_seen_;
    const double mean = sum_ / offers_seen_;
    const double variance = (sum_of_squares_ / offers_seen_) - (mean * mean);
    double deviation = std::sqrt(variance * 12);
    if (std::isnan(deviation)) deviation = 0.0;
    const double pull_time = time * time * time;
    if (offered > 1.) offered = 1;
    const double estimated_max = mean + ((1 - mean) * deviation);
    const double alpha = 1 + tremor_ + (10 * mean) - (2 * tremor_ * mean);
    const double beta = alpha + (tremor_draws_.NextDouble() * tremor_) - (tremor_ / 2);
    const double pull = pull_time * (-300) + 400;
    target_ = Pull(Approach(time, alpha, estimated_max, deviation), estimated_max, pull);
    bid_target_ = Pull(Approach(time, beta, estimated_max, deviation), estimated_max, pull);
    const double over_estimate = offered - estimated_max;
    const double over_target = offered - target_;
    double p = (std::pow(time, alpha) / 5) + over_estimate + over_target;
    if (p < 0.1) p = 0.0;
    return p;
  }

  // 1 - t^exponent (1 - emax), moved away from 1 by up to twice its distance from 1, the less
  // the more the offers vary.
  static double Approach(double time, double exponent, double estimated_max, double deviation) {
    const double pre_target = 1 - (std::pow(time, exponent) * (1 - estimated_max));
    double ratio = (deviation + 0.1) / (1 - pre_target);
    if (std::isnan(ratio) || ratio > 2.0) ratio = 2.0;
    return ratio * pre_target + 1 - ratio;
  }

  // A target above the estimated maximum is pulled down towards it, by r / (m r^2) for a margin
  // r (r / m once r is within 1 / sqrt(m)); one below it is raised to it.
  static double Pull(double target, double estimated_max, double pull) {
    if (!(target > estimated_max)) return estimated_max;
    const double margin = target - estimated_max;
    double force = 1 / (margin * margin);
    if (force > pull || std::isnan(force)) force = pull;
    return target - margin * force / pull;
  }

  void Remember(const Outcome& offer, double utility) {
    for (std::size_t k = 0; k < offered_.size(); ++k) {
      if (offered_[k] == offer) {
        offered_utility_[k] = utility;
        return;
      }
    }
    offered_.push_back(offer);
    offered_utility_.push_back(utility);
    offered_hashes_.push_back(bid_hash_(offer));
  }

  // One of the opponent's offers worth more than the target, at random; otherwise random
  // outcomes until one reaches the bid target, which drops by 0.01 after every 500 tries.
  ActionType SelectBid(const TurnState& state, Outcome& proposal) {
    const std::vector<std::size_t> order = JavaHashMapOrder(offered_hashes_);
    above_target_.clear();
    for (std::size_t k : order) {
      if (offered_utility_[k] > target_) above_target_.push_back(k);
    }
    if (!above_target_.empty()) {
      const auto index =
          static_cast<std::size_t>(std::floor(pick_draws_.NextDouble() * static_cast<double>(above_target_.size())));
      proposal = offered_[above_target_[index]];
      return ActionType::kOffer;
    }
    double found = 0.0;
    int tries = 0;
    bool any = false;
    while (found < bid_target_) {
      if (tries > kSearchesPerStep) {
        bid_target_ -= kSearchStep;
        tries = 0;
      }
      RandomOutcome(search_);
      found = profile_->Utility(search_);
      any = true;
      ++tries;
    }
    if (!any) return state.current_offer ? ActionType::kAccept : ActionType::kEndNegotiation;
    proposal = search_;
    return ActionType::kOffer;
  }

  // The original's uniform draw of each issue's value, in issue order.
  void RandomOutcome(Outcome& out) {
    for (std::size_t i = 0; i < space_->issue_count(); ++i) {
      const Issue& issue = space_->issue(i);
      switch (issue.kind()) {
        case IssueKind::kDiscrete:
          out[i] = issue.ValueAt(
              static_cast<std::uint64_t>(search_draws_.NextInt(static_cast<std::int32_t>(issue.cardinality()))));
          break;
        case IssueKind::kInteger: {
          const auto range = static_cast<std::int32_t>(issue.upper() - issue.lower());
          out[i] = issue.lower() + (range > 0 ? search_draws_.NextInt(range) : 0);
          break;
        }
        case IssueKind::kReal: {
          const int point = search_draws_.NextInt(kRealGridPoints - 1);
          out[i] = issue.lower() + (issue.upper() - issue.lower()) * point / kRealGridPoints;
          break;
        }
      }
    }
  }

  double tremor_;
  const OutcomeSpace* space_ = nullptr;
  const Profile* profile_ = nullptr;
  std::size_t party_count_ = 0;
  double target_ = 1.0;
  double bid_target_ = 1.0;
  double sum_ = 0.0;
  double sum_of_squares_ = 0.0;
  int offers_seen_ = 0;
  JavaRandom accept_draws_{0}, pick_draws_{0}, search_draws_{0}, tremor_draws_{0};
  GeniusBidHash bid_hash_;
  std::vector<Outcome> offered_;  // the opponent's distinct offers, in order of arrival
  std::vector<double> offered_utility_;
  std::vector<std::int32_t> offered_hashes_;  // their Bid.hashCode, for the HashMap order
  std::vector<std::size_t> above_target_;
  Seen last_seen_ = Seen::kNothing;
  Outcome last_offer_;
  Outcome search_;
};

const bool kRegistered = NegotiatorRegistry::Add(
    {"agentk",
     "AgentK (ANAC 2010 winner), as GENIUS's Agent_K: target from the mean and variance of the opponent's offers "
     "(their estimated maximum), random offers above a perturbed target or the opponent's own offers above the "
     "target, and a time-dependent probability of accepting.",
     {{"tremor", "2", "spread of the random exponent of the bid target (tau); 0 makes offers follow the target"}},
     [](const Spec& spec) { return std::make_unique<AgentK>(spec.GetDouble("tremor")); }});

}  // namespace
}  // namespace parley
