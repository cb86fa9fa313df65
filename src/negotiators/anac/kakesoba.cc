// KakeSoba (ANAC 2019, second place), as GENIUS 9.1.10 runs it: agents.anac.y2019.kakesoba.KakeSoba,
// reimplemented from its source. With partial preferences it estimates a linear additive utility
// function by a tabu search scored by rank correlation with its known ranking (kakesoba.h); with
// full information it plays on its true profile, as the original does when GENIUS gives it no user
// model. It opens with its best bid, accepts any offer worth 0.85 (discounted) and its discounted
// reservation value, and as the second party in the last round anything above that reservation
// value. Otherwise, among the bids worth between 0.85 and 1 and the reservation value, it offers the
// one that brings the frequencies of its own offers' values (each issue's counts divided by the
// largest) closest, in sum of absolute differences, to its evaluations of those values, so that
// its offers spell out its preferences. On a profile that is not linear additive over discrete
// issues it offers random bids.
// Docs: docs/strategies.md#kakesoba--kakesoba-anac-2019-second-place.
//
// Deliberate differences:
// - The tabu search's neighbours sit in a HashMap keyed by object identity, whose order decides
//   which neighbour wins a tie and which one is never scored (the first iterated): not
//   reproducible even in Java. The port takes them in the order they were made. Its random draws
//   are the original's, from AbstractNegotiationParty's generator: JavaRandom(context.seed).
// - With full information the original compares its offer frequencies with its profile file's
//   evaluations as written (0 to 100 in many ANAC files), which Parley does not keep: the port uses
//   them as GENIUS evaluates them, divided by the issue's largest. The two agree on files whose
//   largest evaluation per issue is 1 and on its own estimates, whose values it scales to a largest
//   of 1.
// - With partial preferences on a space with integer or real issues the original's estimation
//   fails (it casts every issue to a discrete one); the port records a fault.
// - On spaces of more than 2^18 bids its searches walk only the first 2^18 in BidIterator order;
//   the original walks them all.
// - Where every bid is worth 0 GENIUS has no best bid (null); the port takes the first bid.
// Its "invalid domain" fallback inside the estimation never fires in GENIUS (the estimation runs
// before its own init sets it), nor here.
#include "negotiators/anac/kakesoba.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/java_random.h"
#include "negotiators/anac/genius_domain.h"
#include "negotiators/anac/genius_random_bid.h"
#include "parley/negotiator.h"
#include "parley/utility.h"
#include "preferences/genius_issue_order.h"

namespace parley {

double KakeSobaScore(const GeniusAdditiveEstimate& estimate, const GeniusBidRanking& ranking) {
  const std::size_t n = ranking.worst_first.size();
  std::vector<double> utilities(n);
  for (std::size_t k = 0; k < n; ++k) utilities[k] = estimate.Utility(ranking.worst_first[k]);
  std::vector<double> sorted = utilities;
  std::sort(sorted.begin(), sorted.end());
  double errors = 0.0;
  for (std::size_t k = 0; k < n; ++k) {  // real rank k; estimated rank: the first index of its utility
    const auto estimated = static_cast<double>(std::find(sorted.begin(), sorted.end(), utilities[k]) - sorted.begin());
    errors += std::pow(static_cast<double>(k) - estimated, 2);
  }
  const double size = static_cast<double>(n);
  const double spearman = 1.0 - 6.0 * errors / (std::pow(size, 3) - size);
  const double low_diff = std::abs(ranking.low_utility - utilities.front());
  const double high_diff = std::abs(ranking.high_utility - utilities.back());
  return spearman * 10.0 + (1.0 - low_diff) + (1.0 - high_diff);
}

namespace {

// Bids its searches walk in BidIterator order (the original walks every one, for hours a turn on
// the largest corpus spaces).
constexpr std::uint64_t kBidsWalked = std::uint64_t{1} << 18;
constexpr int kMoves = 5000;    // numOfMovement
constexpr double kSpeed = 1.0;  // step scale of a move
constexpr double kLowerBound = 0.85;
constexpr double kUpperBound = 1.0;

// The original's normalize: weights by their sum, then each issue's numbers by their largest.
void Normalize(GeniusAdditiveEstimate& estimate, const std::vector<std::size_t>& order) {
  estimate.NormalizeWeights(order);
  for (std::size_t i = 0; i < estimate.issue_count(); ++i) {
    double largest = estimate.number(i, 0);
    for (std::size_t k = 1; k < estimate.value_count(i); ++k) largest = std::max(largest, estimate.number(i, k));
    for (std::size_t k = 0; k < estimate.value_count(i); ++k)
      estimate.set_number(i, k, estimate.number(i, k) / largest);
  }
}

struct Move {
  std::size_t issue = 0;
  bool weight = false;
  std::size_t value = 0;
};

// Movement(domain, wightRate): a weight with probability 1 - weight_rate, else one value.
Move RandomMove(const OutcomeSpace& space, double weight_rate, JavaRandom& random) {
  Move move;
  move.issue = static_cast<std::size_t>(random.NextInt(static_cast<std::int32_t>(space.issue_count())));
  if (random.NextDouble() > weight_rate) {
    move.weight = true;
  } else {
    move.value =
        static_cast<std::size_t>(random.NextInt(static_cast<std::int32_t>(space.issue(move.issue).cardinality())));
  }
  return move;
}

// getNeighbor: the move's weight or value stepped up or down (absolute value) by a random amount.
GeniusAdditiveEstimate Neighbour(const GeniusAdditiveEstimate& current, const Move& move,
                                 const std::vector<std::size_t>& order, JavaRandom& random) {
  GeniusAdditiveEstimate neighbour = current;
  const std::size_t i = move.issue;
  if (move.weight) {
    const auto issues = static_cast<double>(current.issue_count());
    if (random.NextBoolean()) {
      neighbour.set_weight(i, current.weight(i) + kSpeed * random.NextDouble() / issues);
    } else {
      neighbour.set_weight(i, std::abs(current.weight(i) - kSpeed * random.NextDouble() / issues));
    }
  } else {
    double average = 0;
    for (std::size_t k = 0; k < current.value_count(i); ++k) average += current.number(i, k);
    average /= static_cast<double>(current.value_count(i));
    const double number = current.number(i, move.value);
    if (random.NextBoolean()) {
      neighbour.set_number(i, move.value, number + kSpeed * average * random.NextDouble());
    } else {
      neighbour.set_number(i, move.value, std::abs(number - kSpeed * average * random.NextDouble()));
    }
  }
  Normalize(neighbour, order);
  return neighbour;
}

}  // namespace

GeniusAdditiveEstimate KakeSobaEstimate(const OutcomeSpace& space, const GeniusBidRanking& ranking,
                                        JavaRandom& random) {
  const std::vector<std::size_t> order = GeniusIssueHashMapOrder(space);
  GeniusAdditiveEstimate current(space);
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    current.set_weight(i, random.NextDouble());
    for (std::size_t k = 0; k < current.value_count(i); ++k) current.set_number(i, k, random.NextDouble());
  }
  Normalize(current, order);
  GeniusAdditiveEstimate best = current;
  double best_score = KakeSobaScore(best, ranking);
  std::size_t neighbourhood = 0;  // the original's domainSize
  for (const Issue& issue : space.issues()) neighbourhood += issue.cardinality() + 1;
  const double weight_rate = static_cast<double>(space.issue_count()) * 1.0 / static_cast<double>(neighbourhood);
  // Its tabu list holds the moves taken, but a new move never equals one (identity), so it forbids
  // nothing and is not kept.
  std::vector<GeniusAdditiveEstimate> neighbours(neighbourhood);
  for (int m = 0; m < kMoves; ++m) {
    for (std::size_t j = 0; j < neighbourhood; ++j) {
      const Move move = RandomMove(space, weight_rate, random);
      neighbours[j] = Neighbour(current, move, order, random);
    }
    std::size_t chosen = 0;  // the first, taken unscored
    double chosen_score = -100.0;
    for (std::size_t j = 1; j < neighbourhood; ++j) {
      const double score = KakeSobaScore(neighbours[j], ranking);
      if (score > chosen_score) {
        chosen = j;
        chosen_score = score;
      }
    }
    current = neighbours[chosen];
    if (chosen_score > best_score) {
      best = current;
      best_score = chosen_score;
    }
  }
  return best;
}

namespace {

class KakeSoba final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override;
  void Observe(const ObservedAction& action) override;
  ActionType Act(const TurnState& state, Outcome& proposal) override;

 private:
  double U(const Outcome& bid) const { return estimate_ ? estimate_->Utility(bid) : profile_->Utility(bid); }
  // EvaluatorDiscrete.getDoubleValue of value position k of issue i (see the header's differences).
  double Evaluation(std::size_t i, std::size_t k) const;
  double Discounted(double u, double t) const { return profile_->Discount(u, t); }
  double DiscountedReservation(double t) const { return reservation_ == 0 ? 0 : Discounted(reservation_, t); }
  // getErrorWithNewBid: the error with `bid` counted once more.
  double ErrorWith(const Outcome& bid) const;
  void Count(const Outcome& bid);
  void ChooseBid(double t, Outcome& bid);

  const OutcomeSpace* space_ = nullptr;
  const Profile* profile_ = nullptr;
  const LinearAdditiveUtility* additive_ = nullptr;  // with full information
  std::optional<GeniusAdditiveEstimate> estimate_;   // with partial preferences
  JavaRandom random_{0};                             // AbstractNegotiationParty.rand
  bool invalid_ = false;
  bool first_party_ = false;
  bool rounds_deadline_ = false;
  std::uint64_t max_rounds_ = 0;
  double reservation_ = 0.0;
  int turns_ = 0;
  enum class Last { kNone, kOffer, kAccept, kOther } last_ = Last::kNone;
  Outcome received_;
  Outcome best_bid_;
  std::vector<std::vector<double>> counts_;  // per issue, per value position: its offers holding it
  Outcome walk_;
};

void KakeSoba::Begin(const NegotiatorContext& context) {
  space_ = context.space;
  profile_ = context.profile;
  random_ = JavaRandom(static_cast<std::int64_t>(context.seed));
  estimate_.reset();
  additive_ = nullptr;
  bool discrete = true;
  for (const Issue& issue : space_->issues()) discrete = discrete && issue.kind() == IssueKind::kDiscrete;
  if (const std::optional<GeniusBidRanking> ranking = GeniusBidRankingOf(context, "kakesoba")) {
    if (!discrete) throw std::runtime_error("kakesoba estimates from partial preferences over discrete issues only");
    estimate_ = KakeSobaEstimate(*space_, *ranking, random_);
    invalid_ = false;
  } else {
    additive_ = dynamic_cast<const LinearAdditiveUtility*>(&profile_->utility_function());
    invalid_ = additive_ == nullptr || !discrete;
  }
  reservation_ = profile_->reservation_value();
  rounds_deadline_ = context.max_rounds > 0;
  max_rounds_ = context.max_rounds;
  first_party_ = false;
  turns_ = 0;
  last_ = Last::kNone;
  received_ = Outcome(space_->issue_count());
  counts_.assign(space_->issue_count(), {});
  for (std::size_t i = 0; i < space_->issue_count(); ++i) counts_[i].assign(space_->issue(i).cardinality(), 0.0);
  if (!invalid_)
    GeniusMaxUtilityBidBy(
        *space_, [this](const Outcome& bid) { return U(bid); }, best_bid_, kBidsWalked);
}

void KakeSoba::Observe(const ObservedAction& action) {
  switch (action.type) {
    case ActionType::kOffer:
      last_ = Last::kOffer;
      received_ = *action.offer;
      break;
    case ActionType::kAccept: last_ = Last::kAccept; break;
    default: last_ = Last::kOther; break;
  }
}

double KakeSoba::Evaluation(std::size_t i, std::size_t k) const {
  if (estimate_) return estimate_->number(i, k);
  return additive_->value_functions()[i].Evaluate(space_->issue(i), space_->issue(i).ValueAt(k));
}

double KakeSoba::ErrorWith(const Outcome& bid) const {
  double error = 0.0;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    const auto added = static_cast<std::size_t>(bid[i]);
    double largest = 0.0;
    for (std::size_t k = 0; k < counts_[i].size(); ++k) largest = std::max(largest, counts_[i][k] + (k == added));
    for (std::size_t k = 0; k < counts_[i].size(); ++k) {
      error += std::abs((counts_[i][k] + (k == added)) / largest - Evaluation(i, k));
    }
  }
  return error;
}

void KakeSoba::Count(const Outcome& bid) {
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i][static_cast<std::size_t>(bid[i])] += 1.0;
}

// generateBid: from its best bid (proposable or not), the first bid in BidIterator order with a
// strictly smaller error among the proposable ones.
void KakeSoba::ChooseBid(double t, Outcome& bid) {
  bid = best_bid_;
  double least = ErrorWith(best_bid_);
  const double reservation = DiscountedReservation(t);
  ForEachGeniusBid(*space_, kBidsWalked, walk_, [&](const Outcome& candidate) {
    const double u = Discounted(U(candidate), t);
    if (!(kLowerBound <= u && u <= kUpperBound && u >= reservation)) return;
    const double error = ErrorWith(candidate);
    if (error < least) {
      bid = candidate;
      least = error;
    }
  });
}

ActionType KakeSoba::Act(const TurnState& state, Outcome& proposal) {
  const double t = state.time;
  ++turns_;
  if (invalid_) {
    GeniusPartyRandomBid(*space_, random_, proposal);
    return ActionType::kOffer;
  }
  if (last_ != Last::kOffer && last_ != Last::kAccept) first_party_ = true;
  if (last_ == Last::kOffer) {
    const double u = Discounted(U(received_), t);
    if (kLowerBound <= u && u >= DiscountedReservation(t)) return ActionType::kAccept;
    if (rounds_deadline_ && !first_party_ && state.round + 1 >= max_rounds_ && u > DiscountedReservation(t)) {
      return ActionType::kAccept;
    }
  }
  if (turns_ == 1) {
    proposal = best_bid_;
  } else {
    ChooseBid(t, proposal);
  }
  Count(proposal);
  return ActionType::kOffer;
}

const bool kRegistered = NegotiatorRegistry::Add(
    {"kakesoba",
     "KakeSoba (ANAC 2019, second place), as GENIUS's agents.anac.y2019.kakesoba.KakeSoba: estimates its "
     "preferences from a known ranking by tabu search, accepts offers worth 0.85, and among the bids above 0.85 "
     "offers the one that makes its offers' value frequencies mirror its evaluations.",
     {},
     [](const Spec&) { return std::make_unique<KakeSoba>(); }});

}  // namespace
}  // namespace parley
