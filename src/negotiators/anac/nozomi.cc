// Nozomi (ANAC 2010): a port of GENIUS's agents.anac.y2010.Nozomi.Nozomi (GENIUS 9.1.10),
// reimplemented from its source. Each turn it draws what kind of bid to make: back to its
// "restore" bid (its own bid closest, value by value, to the opponent's best offer), the same bid
// again, a compromise (one issue one step down in its own evaluation), or an approach (issues moved
// one step towards the opponent's values), kept within [m, m * 105/95] of a compromise level m
// that follows the opponent's best offer and, every 3% of the time, whether the opponent has
// conceded as much as it has. It accepts an offer at least as good as its own last bid or worth
// 95% of its best, and, more and more readily as time passes, one close to its last bid value by
// value.
//
// Deliberate differences from the original, each because Parley cannot do otherwise:
// - Randomness: the original draws from two unseeded `new Random()`s (the bid type; the issue to
//   move when it searches between two utilities) and a fresh one for every move on a real issue.
//   The port draws from three JavaRandoms seeded from a JavaRandom on the context's seed, each in
//   the original's order, so that a Parley run is reproducible.
// - A discrete value's evaluation is compared as the profile's evaluation divided by the issue's
//   largest (Parley keeps no other); the original compares the file's evaluations rounded to
//   integers. The two agree whenever the file's evaluations are integers.
// - An integer value the original would step past its issue's upper bound stays at the bound.
// - Its best bid is GENIUS's getMaxUtilityBid read off the profile's ranking, which beyond 2^21
//   outcomes holds a sample and its hill-climbed optima rather than every bid.
// - Three or more parties: the original is bilateral and answers the last message it received
//   (GENIUS aborts the session when that is an Accept); the port answers the offer on the table.
// - Like the original it ignores its reservation value: it can accept, and offer, bids worth less.
// - Like the original on a profile that is not linear additive (its casts to an additive space
//   throw there), it accepts the opponent's second offer after its opening.
// - The protocol never shows a negotiator its own action. When it does (a replay that substitutes
//   a recorded offer for the port's), the port takes that bid as the one it offered: the original
//   updates its state from the bid it offers after choosing it, which the port does at its next
//   turn.
// Strategy notes: docs/strategies.md#nozomi--nozomi-anac-2010
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "common/java_random.h"
#include "negotiators/anac/genius_value_order.h"
#include "parley/negotiator.h"
#include "parley/utility.h"
#include "preferences/genius_bid_iterator.h"

namespace parley {
namespace {

enum class BidType { kCompromise, kKeep, kApproach, kRestore };

class Nozomi final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override;
  void Observe(const ObservedAction& action) override;
  ActionType Act(const TurnState& state, Outcome& proposal) override;

 private:
  static constexpr double kBandTop = 105.0;  // the band [m, m * 105 / 95] around the compromise level
  static constexpr double kBandBottom = 95.0;

  double U(const Outcome& bid) const { return profile_->Utility(bid); }
  double BandTop() const { return compromise_level_ * kBandTop / kBandBottom; }
  bool OutsideBand(double u) const { return u < compromise_level_ || u > BandTop(); }
  // GENIUS's Evaluator.getEvaluation: the value's evaluation in [0, 1], unweighted.
  double Evaluation(std::size_t issue, double value) const;

  bool IsAccept(const Outcome& offer, double t);
  double EvalGap(const Outcome& mine, const Outcome& offer, const Outcome& evaluated) const;
  ActionType ChooseBid(const Outcome& offer, double t, Outcome& proposal);
  BidType ChooseBidType(const Outcome& offer, double t);
  double CompromiseProbability() const;
  double KeepProbability(double compromise, double t) const;
  Outcome CompromiseBid(const Outcome& offer);
  double CompromiseValue(std::size_t issue, double mine, double theirs);
  Outcome BetweenBid(const Outcome& basic, const Outcome& offer, double low, double high);
  double HigherValue(std::size_t issue, double value);
  double LowerValue(std::size_t issue, double value);
  Outcome ApproachBid(const Outcome& offer);
  std::pair<double, Outcome> BestApproachStep(const Outcome& base, const Outcome& offer, bool first);
  double ApproachValue(std::size_t issue, double mine, double theirs);
  double RealStep(std::size_t issue, double from, double towards);
  void CommitOffer();
  void UpdateRestoreBid(const Outcome& next);
  void CheckCompromise(double time);

  const Profile* profile_ = nullptr;
  const OutcomeSpace* space_ = nullptr;
  const LinearAdditiveUtility* additive_ = nullptr;
  std::size_t party_ = 0;
  std::size_t issues_ = 0;
  std::vector<std::vector<double>> discrete_evaluations_;  // by value position, discrete issues only
  std::vector<std::size_t> first_best_, first_worst_;      // getMaxValue/getMinValue of discrete issues
  JavaRandom type_random_{0};                              // the bid type
  JavaRandom between_random_{0};                           // the issue moved between two utilities
  JavaRandom real_random_{0};                              // moves on real issues
  Outcome best_bid_;
  double best_utility_ = 0.0;
  std::optional<Outcome> previous_bid_;          // its own last offer
  std::optional<Outcome> previous_partner_bid_;  // the opponent's offer before the current one
  Outcome restore_bid_;
  double min_gap_ = 0.0;
  Outcome best_partner_bid_;
  double best_partner_utility_ = 0.0;
  double compromise_level_ = 1.0;
  bool compromising_ = false;
  bool best_partner_updated_ = false;
  int own_compromises_ = 0;      // consecutive compromise bids (halved by a kept bid)
  int partner_compromises_ = 0;  // > 0: the opponent's offers falling for it, < 0: rising
  int kept_ = 0;                 // consecutive offers of equal utility
  int measure_period_ = 1;
  int bid_count_ = 0;
  double previous_average_ = 0.0;
  double average_ = 0.0;
  double partner_average_ = 0.0;
  double previous_partner_average_ = 0.0;
  // The bid chosen in the last turn, committed to the state at the next turn (see the header).
  std::optional<Outcome> pending_;
  double pending_time_ = 0.0;
};

void Nozomi::Begin(const NegotiatorContext& context) {
  profile_ = context.profile;
  space_ = context.space;
  party_ = context.party;
  issues_ = space_->issue_count();
  additive_ = dynamic_cast<const LinearAdditiveUtility*>(&profile_->utility_function());
  first_best_.assign(issues_, 0);
  first_worst_.assign(issues_, 0);
  discrete_evaluations_.assign(issues_, {});
  for (std::size_t i = 0; i < issues_ && additive_; ++i) {
    const Issue& issue = space_->issue(i);
    if (issue.kind() != IssueKind::kDiscrete) continue;
    // The first value of the evaluator's hash order with the largest (smallest) evaluation.
    const std::vector<std::size_t> order = GeniusEvaluatorValueOrder(issue);
    std::vector<double>& table = discrete_evaluations_[i];
    table.resize(issue.cardinality());
    for (std::size_t v = 0; v < table.size(); ++v) {
      table[v] = additive_->value_functions()[i].Evaluate(issue, static_cast<double>(v));
    }
    std::size_t best = order.front(), worst = order.front();
    for (std::size_t v : order) {
      if (table[v] > table[best]) best = v;
      if (table[v] < table[worst]) worst = v;
    }
    first_best_[i] = best;
    first_worst_[i] = worst;
  }
  JavaRandom seeds(static_cast<std::int64_t>(context.seed));
  type_random_ = JavaRandom(seeds.NextLong());
  between_random_ = JavaRandom(seeds.NextLong());
  real_random_ = JavaRandom(seeds.NextLong());
  best_bid_ = Outcome(issues_);
  best_utility_ = GeniusMaxUtilityBid(profile_->utility_function().ranking(), best_bid_);
  previous_bid_.reset();
  previous_partner_bid_.reset();
  restore_bid_ = best_bid_;
  min_gap_ = static_cast<double>(issues_);
  best_partner_bid_ = Outcome(issues_);
  best_partner_utility_ = 0.0;
  compromise_level_ = best_utility_ * 0.95;
  compromising_ = false;
  best_partner_updated_ = false;
  own_compromises_ = partner_compromises_ = kept_ = 0;
  measure_period_ = 1;
  bid_count_ = 0;
  previous_average_ = best_utility_;
  average_ = partner_average_ = previous_partner_average_ = 0.0;
  pending_.reset();
}

void Nozomi::Observe(const ObservedAction& action) {
  if (action.party != party_ || action.type != ActionType::kOffer || !action.offer) return;
  if (pending_) {
    pending_ = *action.offer;
  } else {
    previous_bid_ = *action.offer;
  }
}

ActionType Nozomi::Act(const TurnState& state, Outcome& proposal) {
  CommitOffer();
  const double t = state.time;
  if (!state.current_offer) {
    previous_bid_ = best_bid_;
    proposal = best_bid_;
    return ActionType::kOffer;
  }
  const Outcome offer = *state.current_offer;
  ActionType action;
  if (IsAccept(offer, t)) {
    action = ActionType::kAccept;
  } else {
    action = ChooseBid(offer, t, proposal);
  }
  previous_partner_bid_ = offer;
  return action;
}

double Nozomi::Evaluation(std::size_t issue, double value) const {
  const ValueFunction& function = additive_->value_functions()[issue];
  if (space_->issue(issue).kind() == IssueKind::kDiscrete) {
    return discrete_evaluations_[issue][static_cast<std::size_t>(value)];
  }
  return function.Evaluate(space_->issue(issue), value);
}

// Per issue 0.5 when the values differ (real values by more than 1% of the range), the difference
// of the evaluations of `evaluated` and `offer`, and 0.5; over twice the number of issues.
double Nozomi::EvalGap(const Outcome& mine, const Outcome& offer, const Outcome& evaluated) const {
  double gap = 0.0;
  for (std::size_t i = 0; i < issues_; ++i) {
    const Issue& issue = space_->issue(i);
    if (issue.kind() == IssueKind::kReal) {
      if (std::abs(mine[i] - offer[i]) > (issue.upper() - issue.lower()) / 100) gap += 0.5;
    } else if (mine[i] != offer[i]) {
      gap += 0.5;
    }
    gap += std::abs(Evaluation(i, evaluated[i]) - Evaluation(i, offer[i]));
    gap += 0.5;
  }
  return gap / (2.0 * static_cast<double>(issues_));
}

bool Nozomi::IsAccept(const Outcome& offer, double t) {
  // Before its first offer the original's utility of its last bid throws, and it does not accept.
  if (!previous_bid_) return false;
  const double previous = U(*previous_bid_);
  const double offered = U(offer);
  if (offered > best_partner_utility_) {
    best_partner_bid_ = offer;
    best_partner_utility_ = offered;
    best_partner_updated_ = true;
  }
  if (offered > best_utility_ * 0.95 || offered >= previous) return true;
  if (!additive_) return false;  // the original's cast to an additive space throws
  const double gap = EvalGap(*previous_bid_, offer, *previous_bid_);
  if (!previous_partner_bid_) return false;
  if (t < 0.50) {
    return offered > compromise_level_ && offered >= best_partner_utility_ && gap < 0.30 &&
           offered > previous * (-0.1 * t + 1.0);
  }
  if (t < 0.80) {
    return offered > compromise_level_ * 0.95 && offered > best_partner_utility_ * 0.95 && gap < 0.35 &&
           offered > previous * (-0.16 * (t - 0.50) + 0.95);
  }
  if (!(offered > compromise_level_ * 0.90 && offered > best_partner_utility_ * 0.95)) return false;
  // Value differences from the restore bid, evaluation differences still from its last bid.
  const double restore_gap = EvalGap(restore_bid_, offer, *previous_bid_);
  const double threshold = t > 0.90 ? 0.50 : 0.40;
  return restore_gap <= threshold || gap <= threshold;
}

ActionType Nozomi::ChooseBid(const Outcome& offer, double t, Outcome& proposal) {
  if (!previous_partner_bid_) {
    best_partner_bid_ = offer;
    best_partner_utility_ = U(offer);
    previous_bid_ = best_bid_;
    proposal = best_bid_;
    return ActionType::kOffer;
  }
  // The original's first cast to an additive space throws here, and it accepts.
  if (!additive_) return ActionType::kAccept;
  ++bid_count_;
  const double partner_previous = U(*previous_partner_bid_);
  const double partner = U(offer);
  partner_average_ += partner;
  if (partner < partner_previous) {
    if (partner_compromises_ < 0) partner_compromises_ = 0;
    ++partner_compromises_;
  } else if (partner > partner_previous) {
    if (partner_compromises_ > 0) partner_compromises_ = 0;
    --partner_compromises_;
  } else {
    partner_compromises_ = 0;
  }
  const double time = t * 100;
  if (best_partner_utility_ > compromise_level_) compromise_level_ = best_partner_utility_;
  if (time > 90 && compromise_level_ - best_partner_utility_ < 0.1) {
    compromise_level_ = (compromise_level_ * 7.0 + best_partner_utility_ * 3.0) / 10.0;
  }
  if (compromise_level_ > best_utility_ * 0.95) compromise_level_ = best_utility_ * 0.95;

  const Outcome& previous = *previous_bid_;
  Outcome next = previous;
  switch (ChooseBidType(offer, t)) {
    case BidType::kRestore: next = restore_bid_; break;
    case BidType::kApproach:
      next = ApproachBid(offer);
      if (OutsideBand(U(next))) next = BetweenBid(next, offer, compromise_level_, BandTop());
      break;
    case BidType::kCompromise:
      next = CompromiseBid(offer);
      if (U(next) < compromise_level_) next = BetweenBid(next, offer, compromise_level_, BandTop());
      if (own_compromises_ < 0) own_compromises_ = 0;
      ++own_compromises_;
      break;
    case BidType::kKeep:
      next = previous;
      own_compromises_ /= 2;
      break;
  }
  if (U(next) <= U(previous) / 2.0) {
    next = ApproachBid(offer);
    if (OutsideBand(U(next))) next = BetweenBid(next, offer, compromise_level_, BandTop());
  }
  if ((OutsideBand(U(next)) && kept_ < 20) || U(next) <= U(previous) / 2.0 || U(next) < best_partner_utility_) {
    next = restore_bid_;
  }
  pending_ = next;
  pending_time_ = time;
  proposal = next;
  return ActionType::kOffer;
}

// What the original does with the bid it has just chosen, before offering it.
void Nozomi::CommitOffer() {
  if (!pending_) return;
  const Outcome next = std::move(*pending_);
  pending_.reset();
  const double time = pending_time_;
  average_ += U(next);
  if (kept_ <= 0) UpdateRestoreBid(next);
  if (time > measure_period_ * 3.0) {
    CheckCompromise(time);
    average_ = 0.0;
    partner_average_ = 0.0;
    bid_count_ = 1;
    ++measure_period_;
  }
  if (U(next) == U(*previous_bid_)) {
    ++kept_;
  } else {
    kept_ = 0;
  }
  if (kept_ > 30 && time > 90.0) {
    compromise_level_ *= 0.99;
    kept_ = 0;
  }
  previous_bid_ = next;
}

BidType Nozomi::ChooseBidType(const Outcome& offer, double t) {
  const double previous = U(*previous_bid_);
  if (std::abs(previous - U(offer)) < 0.05) return BidType::kApproach;
  // The original compares its previous average with itself here: late, it always approaches.
  if (t > 0.80) return BidType::kApproach;
  if (type_random_.NextInt(20) <= 0) return BidType::kRestore;
  const int approach_border = 5;  // the original raises it after t = 0.9, which never gets here
  if (type_random_.NextInt(20) <= approach_border) return BidType::kRestore;
  if (previous > compromise_level_ * kBandTop / kBandBottom) return BidType::kCompromise;
  if (kept_ > 20 && t > 0.60 && type_random_.NextDouble() > 0.60) return BidType::kApproach;
  const double draw = type_random_.NextDouble();
  const double compromise = CompromiseProbability();
  if (draw < compromise) return BidType::kCompromise;
  if (draw < KeepProbability(compromise, t) + compromise) return BidType::kKeep;
  return BidType::kRestore;
}

double Nozomi::CompromiseProbability() const {
  const double previous = U(*previous_bid_);
  const double partner_previous = U(*previous_partner_bid_);
  const double degree = previous / best_utility_;
  const double partner_degree = 1.0 - partner_previous / best_utility_;
  const double streak =
      (static_cast<double>(own_compromises_) + static_cast<double>(std::abs(partner_compromises_)) + 0.001) / 2.0;
  const double ratio = previous / (best_utility_ * 0.9);
  double probability = (degree + partner_degree) / 2.0;
  probability /= 1.0 + streak / 8.0;
  probability *= ratio;
  return probability;
}

double Nozomi::KeepProbability(double compromise, double t) const {
  double keep = 1.0 - compromise;
  const double previous = U(*previous_bid_);
  const double partner_previous = U(*previous_partner_bid_);
  if (!(previous > partner_previous)) return 0.0;
  keep *= (previous - partner_previous) / best_utility_;
  keep *= t;
  keep *= 1.0 + std::abs(own_compromises_) / 4.0;
  keep *= previous / (best_utility_ * 0.8);
  return keep;
}

// The best bid below its last one that changes a single issue one step down in its own evaluation
// (issues the opponent just changed are left alone while the gap is wide and it has not kept long).
Outcome Nozomi::CompromiseBid(const Outcome& offer) {
  const Outcome& previous = *previous_bid_;
  const double basic = U(previous);
  const double gap = std::abs(basic - U(offer));
  Outcome best = previous;
  double best_utility = 0.0;
  Outcome candidate = previous;
  for (std::size_t i = 0; i < issues_; ++i) {
    const bool partner_moved = (*previous_partner_bid_)[i] != offer[i];
    if ((partner_moved && gap > 0.05 && kept_ < 20) || previous[i] == offer[i]) continue;
    candidate = previous;
    candidate[i] = CompromiseValue(i, previous[i], offer[i]);
    const double u = U(candidate);
    if (u > best_utility && u < basic) {
      best_utility = u;
      best = candidate;
    }
  }
  return best;
}

double Nozomi::CompromiseValue(std::size_t issue, double mine, double theirs) {
  const Issue& spec = space_->issue(issue);
  switch (spec.kind()) {
    case IssueKind::kDiscrete: {
      // The best value worth less than its own; the last such in the domain's order.
      const auto& table = discrete_evaluations_[issue];
      const double own = table[static_cast<std::size_t>(mine)];
      double chosen = mine;
      double chosen_evaluation = 0.0;
      for (std::size_t v = 0; v < table.size(); ++v) {
        if (table[v] >= chosen_evaluation && table[v] < own) {
          chosen = static_cast<double>(v);
          chosen_evaluation = table[v];
        }
      }
      return chosen;
    }
    case IssueKind::kInteger: return mine > theirs ? mine - 1 : mine + 1;
    case IssueKind::kReal: return RealStep(issue, mine, theirs);
  }
  return mine;
}

// mine + r * (towards - mine) / 10 for a fresh uniform r.
double Nozomi::RealStep(std::size_t /*issue*/, double from, double towards) {
  return from + real_random_.NextDouble() * (towards - from) / 10;
}

// Moves random issues (not those where its last bid and the offer agree) one step up, or down
// while above `high`, until the bid is worth strictly between `low` and `high`; 1000 tries.
Outcome Nozomi::BetweenBid(const Outcome& basic, const Outcome& offer, double low, double high) {
  Outcome values = basic;
  double utility = U(basic);
  const auto issue_count = static_cast<std::int32_t>(issues_);
  for (int attempt = 0; attempt < 1000; ++attempt) {
    const auto i = static_cast<std::size_t>(between_random_.NextInt(issue_count));
    if ((*previous_bid_)[i] == offer[i]) continue;
    values[i] = utility > high ? LowerValue(i, values[i]) : HigherValue(i, values[i]);
    utility = U(values);
    if (utility > low && utility < high) return values;
  }
  return basic;
}

// The value with the least evaluation above this one's (the first such in the domain's order), or
// the issue's best. On integer and real issues the original compares a bid with itself (it shares
// its map), so both directions step up.
double Nozomi::HigherValue(std::size_t issue, double value) {
  const Issue& spec = space_->issue(issue);
  switch (spec.kind()) {
    case IssueKind::kDiscrete: {
      const auto& table = discrete_evaluations_[issue];
      const double own = table[static_cast<std::size_t>(value)];
      std::size_t chosen = first_best_[issue];
      for (std::size_t v = 0; v < table.size(); ++v) {
        if (table[v] < table[chosen] && table[v] > own) chosen = v;
      }
      return static_cast<double>(chosen);
    }
    case IssueKind::kInteger: return std::min(value + 1, spec.upper());
    case IssueKind::kReal: return RealStep(issue, value, spec.upper());
  }
  return value;
}

// The value with the greatest evaluation below this one's (the first such in the domain's order),
// or the issue's worst; integer and real issues as in HigherValue.
double Nozomi::LowerValue(std::size_t issue, double value) {
  const Issue& spec = space_->issue(issue);
  if (spec.kind() != IssueKind::kDiscrete) return HigherValue(issue, value);
  const auto& table = discrete_evaluations_[issue];
  const double own = table[static_cast<std::size_t>(value)];
  std::size_t chosen = first_worst_[issue];
  for (std::size_t v = 0; v < table.size(); ++v) {
    if (table[v] > table[chosen] && table[v] < own) chosen = v;
  }
  return static_cast<double>(chosen);
}

// Its last bid with the issue whose step towards the opponent's value is worth most moved; then,
// while moving one more issue is worth at least as much as the bid so far, that issue as well.
Outcome Nozomi::ApproachBid(const Outcome& offer) {
  Outcome approach = BestApproachStep(*previous_bid_, offer, true).second;
  for (;;) {
    auto [most, chosen] = BestApproachStep(approach, offer, false);
    if (!(most >= U(approach)) || chosen == approach) break;
    approach = std::move(chosen);
  }
  return approach;
}

// `base` with the one issue moved (from its last bid's value, one step towards the offer's) that is
// worth most, the first such, and that worth; `base` and 0 when no move is worth more than 0. Real
// issues move only when the two values are 1% of the range apart and, in the first step, the
// opponent has kept its value within 1%.
std::pair<double, Outcome> Nozomi::BestApproachStep(const Outcome& base, const Outcome& offer, bool first) {
  const Outcome& previous = *previous_bid_;
  std::pair<double, Outcome> best{0.0, base};
  for (std::size_t i = 0; i < issues_; ++i) {
    const Issue& spec = space_->issue(i);
    if (spec.kind() == IssueKind::kReal) {
      const double range = (spec.upper() - spec.lower()) / 100;
      if (std::abs(previous[i] - offer[i]) < range) continue;
      if (first && !(std::abs(offer[i] - (*previous_partner_bid_)[i]) < range)) continue;
    }
    if (previous[i] == offer[i]) continue;
    Outcome moved = base;
    moved[i] = ApproachValue(i, previous[i], offer[i]);
    const double u = U(moved);
    if (u > best.first) best = {u, std::move(moved)};
  }
  return best;
}

// One step from its value towards the opponent's: the neighbouring discrete value in the domain's
// order, the next integer, or a random tenth of the way on a real issue.
double Nozomi::ApproachValue(std::size_t issue, double mine, double theirs) {
  switch (space_->issue(issue).kind()) {
    case IssueKind::kDiscrete: return mine < theirs ? mine + 1 : mine - 1;
    case IssueKind::kInteger: return mine > theirs ? mine - 1 : mine + 1;
    case IssueKind::kReal: return RealStep(issue, mine, theirs);
  }
  return mine;
}

// The restore bid becomes the offered bid whose evaluations are closest, summed over the issues,
// to the opponent's best offer (on a tie, the better one for itself).
void Nozomi::UpdateRestoreBid(const Outcome& next) {
  double gap = 0.0;
  for (std::size_t i = 0; i < issues_; ++i) {
    gap += std::abs(Evaluation(i, next[i]) - Evaluation(i, best_partner_bid_[i]));
  }
  if (gap < min_gap_) {
    restore_bid_ = next;
    min_gap_ = gap;
  } else if (gap == min_gap_ && U(next) > U(restore_bid_)) {
    restore_bid_ = next;
  }
}

// Every 3% of the time: while compromising, stop and lower the compromise level when the opponent
// conceded less than 90% of what it did itself or the averages are still far apart; otherwise
// start compromising when the opponent conceded more (or, after half time, offered a new best).
void Nozomi::CheckCompromise(double time) {
  average_ /= bid_count_;
  partner_average_ /= bid_count_;
  const double own_drop = previous_average_ - average_;
  const double partner_rise = partner_average_ - previous_partner_average_;
  if (compromising_) {
    const double gap = std::abs(average_ - partner_average_);
    if (partner_rise < own_drop * 0.90 || gap > std::pow(1.0 - time / 100, 2.0) * 0.90) {
      double p1 = compromise_level_, p2 = compromise_level_;
      for (int attenuation = 95; attenuation <= 100; ++attenuation) {
        if (compromise_level_ * attenuation / 100 > best_partner_utility_) {
          p1 = compromise_level_ * attenuation / 100;
          break;
        }
      }
      for (int attenuation = 10; attenuation < 1000; ++attenuation) {
        if (compromise_level_ - gap / attenuation > best_partner_utility_) {
          p2 = compromise_level_ - gap / attenuation;
          break;
        }
      }
      compromise_level_ = (p1 + p2) / 2;
      previous_average_ = average_;
      compromising_ = false;
    }
  } else if (partner_rise > own_drop * 0.90 || (time > 50 && best_partner_updated_)) {
    previous_partner_average_ = partner_average_;
    compromising_ = true;
  }
  best_partner_updated_ = false;
}

const bool kRegistered = NegotiatorRegistry::Add(
    {"nozomi",
     "Nozomi (ANAC 2010), as GENIUS runs it: each turn draws whether to restore its bid closest to the "
     "opponent's best offer, keep its bid, concede one issue a step or move issues towards the opponent, "
     "within a band above a compromise level that follows the opponent's concessions; accepts offers close "
     "to its last bid.",
     {},
     [](const Spec&) { return std::make_unique<Nozomi>(); }});

}  // namespace
}  // namespace parley
