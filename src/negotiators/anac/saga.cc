// SAGA (ANAC 2019, third place, by Yuta Hosokawa), as GENIUS 9.1.10 runs it:
// agents.anac.y2019.saga.SAGA, reimplemented from its source. With partial preferences it
// estimates its utility function by a genetic algorithm over GENIUS's additive spaces (saga.h),
// scored by the rank correlation with its known ranking; with full information it plays on its
// true profile, as the original does when GENIUS gives it no user model. Its target falls as
// 1 - t^5 towards a floor 60% of the way from the opponent's first offer to 1; it offers a random
// bid above the target (its best bid when 500 draws find none) and accepts at random, with a
// probability rising with the offer's excess over the target, from t = 0.6 also somewhat below
// it, and from t = 0.997 with probability u^2.
// Docs: docs/strategies.md#saga--saga-anac-2019-third-place.
//
// Deliberate differences:
// - The original's acceptance draws and its genetic algorithm draw from its own unseeded
//   `new Random()`; the port draws them, in the original's order, from one JavaRandom seeded with
//   the party's seed with its bits inverted, so that a run is reproducible. Its random bids come,
//   as in GENIUS, from AbstractNegotiationParty's generator: JavaRandom(context.seed).
// - On spaces of more than 2^18 bids its searches walk only the first 2^18 in BidIterator order;
//   the original walks them all.
// - Where every bid is worth 0 GENIUS has no best bid (null, an invalid offer); the port takes
//   the first bid of BidIterator order.
// - With partial preferences on a space with integer or real issues the original's estimation
//   fails (it casts every issue to a discrete one); the port records a fault.
// - std::pow stands for Java's Math.pow.
// It never accepts below its reservation value and its target never falls below it, so with full
// information it keeps it (short of a reservation value above its best bid, which it then offers).
#include "negotiators/anac/saga.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

#include "common/java_random.h"
#include "negotiators/anac/genius_domain.h"
#include "negotiators/anac/genius_random_bid.h"
#include "parley/negotiator.h"
#include "preferences/genius_issue_order.h"

namespace parley {

double SagaTarget(double t, double first_utility, double reservation) {
  const double concession = 0.6;  // how far towards the opponent's first offer it concedes
  const double speed = 5;         // 1 - t^speed
  double floor = first_utility + concession * (1 - first_utility);
  if (floor < reservation) floor = reservation;
  return floor + (1.0 - floor) * (1.0 - std::pow(t, speed));
}

std::optional<double> SagaAcceptProbability(double t, double target, double utility, double reservation) {
  if (utility < reservation) return std::nullopt;
  const double below_from = 0.6;  // from here offers below the target may be accepted
  const double any_from = 0.997;  // from here any offer may be
  if (t <= below_from) return std::pow((utility - target) / (1.0 - target), std::pow(3, (0.5 - t) * 2));
  if (t >= any_from) return std::pow(utility, 2);
  const double chance_below = 0.15 * std::pow((t - below_from) / (1 - below_from), 2);
  const double base = target - (1 - target) * (t - below_from) / (1 - below_from);
  if (utility > target) {
    return chance_below +
           (1.0 - chance_below) * std::pow((utility - target) / (1.0 - target), std::pow(3, (0.5 - t) * 2));
  }
  if (utility > base) return chance_below * std::pow((utility - base) / (target - base), 2);
  return std::nullopt;
}

double SagaFitness(const GeniusAdditiveEstimate& estimate, const GeniusBidRanking& ranking) {
  const std::size_t n = ranking.worst_first.size();
  std::vector<double> utilities(n);
  for (std::size_t k = 0; k < n; ++k) utilities[k] = estimate.Utility(ranking.worst_first[k]);
  std::vector<double> distinct = utilities;  // the original's TreeMap: highest first, each once
  std::sort(distinct.begin(), distinct.end(), [](double a, double b) { return a > b; });
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  // Java ints: the sum of squares wraps as the original's does on rankings of tens of thousands.
  std::uint32_t squares = 0;
  for (std::size_t i = 0; i < n; ++i) {  // best first: position i holds the (n - 1 - i)-th worst
    const double u = utilities[n - 1 - i];
    const auto rank = static_cast<std::uint32_t>(
        std::lower_bound(distinct.begin(), distinct.end(), u, [](double a, double b) { return a > b; }) -
        distinct.begin() + 1);
    const std::uint32_t diff = static_cast<std::uint32_t>(i + 1) - rank;
    squares += diff * diff;
  }
  const double size = static_cast<double>(n);
  const double spearman =
      1.0 - 6.0 * static_cast<double>(static_cast<std::int32_t>(squares)) / (std::pow(size, 3) - size);
  const double low_diff = std::abs(ranking.low_utility - utilities.front());
  const double high_diff = std::abs(ranking.high_utility - utilities.back());
  return spearman * 10 + (1 - low_diff) + (1 - high_diff);
}

namespace {

// Bids its searches walk in BidIterator order (the original walks every one, for hours a turn on
// the largest corpus spaces).
constexpr std::uint64_t kBidsWalked = std::uint64_t{1} << 18;
constexpr int kSelected = 500;        // popSize
constexpr int kGenerations = 200;     // maxGeneration
constexpr double kChildrenPer = 3.0;  // crossRate: children per selected estimate
constexpr double kBlxAlpha = 0.3;
constexpr double kMutation = 0.005;
constexpr double kGeneFloor = 0.01;
constexpr int kBidTries = 500;  // maxLoop of its random bid search

GeniusAdditiveEstimate RandomEstimate(const OutcomeSpace& space, const std::vector<std::size_t>& order,
                                      JavaRandom& random) {
  GeniusAdditiveEstimate estimate(space);
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    estimate.set_weight(i, random.NextDouble());
    for (std::size_t k = 0; k < estimate.value_count(i); ++k) estimate.set_number(i, k, random.NextDouble());
  }
  estimate.NormalizeWeights(order);
  return estimate;
}

// BLX-alpha between two genes, floored.
double Blend(double a, double b, JavaRandom& random) {
  const double low = std::min(a, b) - kBlxAlpha * std::abs(a - b);
  const double high = std::max(a, b) + kBlxAlpha * std::abs(a - b);
  const double child = random.NextDouble() * (high - low) + low;
  return child < kGeneFloor ? kGeneFloor : child;
}

GeniusAdditiveEstimate Crossover(const OutcomeSpace& space, const std::vector<std::size_t>& order,
                                 const GeniusAdditiveEstimate& first, const GeniusAdditiveEstimate& second,
                                 JavaRandom& random) {
  GeniusAdditiveEstimate child(space);
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    child.set_weight(i, Blend(first.weight(i), second.weight(i), random));
    if (random.NextDouble() < kMutation) child.set_weight(i, random.NextDouble());
    for (std::size_t k = 0; k < child.value_count(i); ++k) {
      child.set_number(i, k, Blend(first.number(i, k), second.number(i, k), random));
      if (random.NextDouble() < kMutation) child.set_number(i, k, random.NextDouble());
    }
  }
  child.NormalizeWeights(order);
  return child;
}

// selectByRoulette: the fittest first, then `count - 1` drawn in proportion to fitness (a draw
// that the running sum never passes, by rounding, adds nothing, as in the original).
std::vector<GeniusAdditiveEstimate> SelectByRoulette(const std::vector<GeniusAdditiveEstimate>& population,
                                                     const std::vector<double>& fitness, int count,
                                                     JavaRandom& random) {
  double best = -1.0;
  std::size_t best_index = 0;
  double sum = 0.0;
  for (std::size_t i = 0; i < fitness.size(); ++i) {
    if (best < fitness[i]) {
      best = fitness[i];
      best_index = i;
    }
    sum += fitness[i];
  }
  std::vector<GeniusAdditiveEstimate> selected;
  selected.reserve(static_cast<std::size_t>(count) * 4);
  selected.push_back(population[best_index]);
  for (int s = 0; s < count - 1; ++s) {
    const double draw = random.NextDouble() * sum;
    double running = 0.0;
    for (std::size_t i = 0; i < population.size(); ++i) {
      running += fitness[i];
      if (running > draw) {
        selected.push_back(population[i]);
        break;
      }
    }
  }
  return selected;
}

}  // namespace

GeniusAdditiveEstimate SagaEstimate(const OutcomeSpace& space, const GeniusBidRanking& ranking, JavaRandom& random) {
  const std::vector<std::size_t> order = GeniusIssueHashMapOrder(space);
  const auto children = static_cast<int>(kSelected * kChildrenPer);
  std::vector<GeniusAdditiveEstimate> population;
  for (int i = 0; i < kSelected * (1.0 + kChildrenPer); ++i) population.push_back(RandomEstimate(space, order, random));
  std::vector<double> fitness;
  for (int generation = 0; generation < kGenerations; ++generation) {
    fitness.clear();
    for (const GeniusAdditiveEstimate& estimate : population) fitness.push_back(SagaFitness(estimate, ranking));
    population = SelectByRoulette(population, fitness, kSelected, random);
    const auto parents = static_cast<std::int32_t>(population.size());
    for (int c = 0; c < children; ++c) {
      const std::size_t first = static_cast<std::size_t>(random.NextInt(parents));
      const std::size_t second = static_cast<std::size_t>(random.NextInt(parents));
      population.push_back(Crossover(space, order, population[first], population[second], random));
    }
  }
  double best = -1.0;
  std::size_t best_index = 0;  // the original fails if every fitness is -1 or less; none can be here
  for (std::size_t i = 0; i < population.size(); ++i) {
    const double f = SagaFitness(population[i], ranking);
    if (f > best) {
      best = f;
      best_index = i;
    }
  }
  return population[best_index];
}

namespace {

class Saga final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override;
  void Observe(const ObservedAction& action) override;
  ActionType Act(const TurnState& state, Outcome& proposal) override;

 private:
  double U(const Outcome& bid) const { return estimate_ ? estimate_->Utility(bid) : profile_->Utility(bid); }
  const Outcome& BestBid();
  void RandomBidAbove(double target, Outcome& bid);

  const OutcomeSpace* space_ = nullptr;
  const Profile* profile_ = nullptr;
  std::optional<GeniusAdditiveEstimate> estimate_;  // with partial preferences
  JavaRandom party_random_{0};                      // AbstractNegotiationParty.rand
  JavaRandom own_random_{0};                        // its `new Random()`
  double reservation_ = 0.0;
  double first_utility_ = 0.95;  // before the opponent's first offer
  bool first_seen_ = false;
  bool have_offer_ = false;
  Outcome last_offer_;
  std::optional<Outcome> best_bid_;
};

void Saga::Begin(const NegotiatorContext& context) {
  space_ = context.space;
  profile_ = context.profile;
  party_random_ = JavaRandom(static_cast<std::int64_t>(context.seed));
  own_random_ = JavaRandom(~static_cast<std::int64_t>(context.seed));
  estimate_.reset();
  if (const std::optional<GeniusBidRanking> ranking = GeniusBidRankingOf(context, "saga")) {
    for (const Issue& issue : space_->issues()) {
      if (issue.kind() != IssueKind::kDiscrete) {
        throw std::runtime_error("saga estimates from partial preferences over discrete issues only; '" + issue.name() +
                                 "' is not");
      }
    }
    estimate_ = SagaEstimate(*space_, *ranking, own_random_);
  }
  reservation_ = profile_->reservation_value();
  first_utility_ = 0.95;
  first_seen_ = have_offer_ = false;
  last_offer_ = Outcome(space_->issue_count());
  best_bid_.reset();
}

void Saga::Observe(const ObservedAction& action) {
  if (action.type != ActionType::kOffer) return;
  last_offer_ = *action.offer;
  have_offer_ = true;
  if (!first_seen_) {
    first_utility_ = U(last_offer_);
    first_seen_ = true;
  }
}

const Outcome& Saga::BestBid() {
  if (!best_bid_) {
    best_bid_.emplace();
    GeniusMaxUtilityBidBy(
        *space_, [this](const Outcome& bid) { return U(bid); }, *best_bid_, kBidsWalked);
  }
  return *best_bid_;
}

// generateRandomBidAboveTarget: its loop test counts failures after a draw, so a bid found on the
// 501st draw is not offered either: its best bid is.
void Saga::RandomBidAbove(double target, Outcome& bid) {
  for (int draw = 0; draw < kBidTries; ++draw) {
    GeniusPartyRandomBid(*space_, party_random_, bid);
    if (U(bid) >= target) return;
  }
  GeniusPartyRandomBid(*space_, party_random_, bid);
  bid = BestBid();
}

ActionType Saga::Act(const TurnState& state, Outcome& proposal) {
  const double t = state.time;
  const double target = SagaTarget(t, first_utility_, reservation_);
  if (have_offer_) {
    const std::optional<double> p = SagaAcceptProbability(t, target, U(last_offer_), reservation_);
    if (p && own_random_.NextDouble() < *p) return ActionType::kAccept;
  }
  RandomBidAbove(target, proposal);
  return ActionType::kOffer;
}

const bool kRegistered = NegotiatorRegistry::Add(
    {"saga",
     "SAGA (ANAC 2019, third place), as GENIUS's agents.anac.y2019.saga.SAGA: estimates its preferences from a "
     "known ranking by a genetic algorithm, concedes as 1 - t^5 towards the opponent's first offer, offers random "
     "bids above its target and accepts at random.",
     {},
     [](const Spec&) { return std::make_unique<Saga>(); }});

}  // namespace
}  // namespace parley
