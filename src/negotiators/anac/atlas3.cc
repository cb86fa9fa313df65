// Atlas3, winner of ANAC 2015 (multilateral): a port of GENIUS's agents.anac.y2015.Atlas3.Atlas3
// (GENIUS 9.1.10), reimplemented from its source. Its target comes from a 2x2 end game between
// holding out and conceding, valued with the best bid the opponents have offered (bilateral) or
// all supported (more parties): linear in time without discounting, 1 - t/d otherwise, never below
// the game's value. It offers the bid nearest above the target found from a random bid (one issue
// changed, else a relative-utility walk down from its best bid, else simulated annealing), moved
// towards the values the opponents propose most; at the end it walks down the list of bids the
// others supported, best first, and then accepts.
// Mori & Ito, "Atlas3: A negotiating agent based on expecting lower limit of concession function",
// in Modern Approaches to Agent-based Complex Automated Negotiation (Studies in Computational
// Intelligence 674, 2017).
//
// Deliberate differences from the original, each because Parley cannot do otherwise:
// - Randomness: the random bid each search starts from comes, as in GENIUS, from a java.util.Random
//   seeded with the party's seed (JavaRandom(context.seed)). Everything else the original draws
//   from unseeded generators (its searches' `new Random()`, Collections.shuffle's shared one), so
//   no two GENIUS runs agree; the port draws those, in the original's order, from one JavaRandom
//   seeded from context.seed with its bits inverted, so that a Parley run is reproducible.
// - Real issues: the original supports them only through a random search that repeats until a
//   bid reaches the target (and may never end); the port stops after kRandomSearchTries draws with
//   the best bid drawn, and its first search for its best bid skips real issues, where the
//   original's search throws.
// - Its search for its best bid repeats while that bid is worth less than the reservation value;
//   the port stops after kMaxBidSearches searches (the original never ends then).
// The class is declared in atlas3.h, whose virtual functions its ANAC 2016 version overrides
// (atlas3_2016.cc).
// Strategy notes: docs/strategies.md#atlas3--atlas3-anac-2015-multilateral
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <vector>

#include "negotiators/anac/atlas3.h"

#include "common/java_random.h"
#include "negotiators/anac/genius_domain.h"
#include "negotiators/anac/genius_random_bid.h"
#include "negotiators/anac/genius_shuffle.h"
#include "parley/error.h"
#include "parley/negotiator.h"

namespace parley {

void Atlas3::Begin(const NegotiatorContext& context) {
  profile_ = context.profile;
  space_ = context.space;
  issues_ = space_->issue_count();
  party_random_ = JavaRandom(static_cast<std::int64_t>(context.seed));
  free_random_ = JavaRandom(~static_cast<std::int64_t>(context.seed));
  reservation_ = profile_->reservation_value();
  discount_ = profile_->discount_factor();
  values_.assign(issues_, 0);
  has_real_issue_ = false;
  for (std::size_t i = 0; i < issues_; ++i) {
    const Issue& issue = space_->issue(i);
    if (issue.countable()) {
      values_[i] = issue.cardinality();
    } else {
      has_real_issue_ = true;
    }
  }
  issue_order_.resize(issues_);
  for (std::size_t i = 0; i < issues_; ++i) issue_order_[i] = i;
  base_ = work_ = next_ = start_ = neighbour_ = best_drawn_ = offered_ = Outcome(issues_);
  linear_ = true;
  FindMaxBid();
  relative_utility_.assign(issues_, {});
  for (std::size_t i = 0; i < issues_; ++i) {
    work_ = max_bid_;
    for (std::uint64_t v = 0; v < ValueCount(i); ++v) {
      work_[i] = Value(i, v);
      relative_utility_[i].push_back(U(work_) - max_bid_utility_);
    }
  }

  negotiators_ = context.party_count;  // GENIUS tells it with Inform("NumberOfAgents")
  opponents_.clear();
  frequency_.assign(issues_, {});
  for (std::size_t i = 0; i < issues_; ++i) frequency_[i].assign(ValueCount(i), 0);
  best_offered_utility_ = 0.0;
  supported_.clear();
  supported_utility_.clear();
  best_supported_utility_ = 0.0;
  supporters_ = 0;
  have_offer_ = false;
  walked_ = 0;
  turns_ = 0;
}

std::uint64_t Atlas3::ValueIndex(std::size_t issue, double value) const {
  return space_->issue(issue).PositionOf(value);
}

void Atlas3::NoteCandidateForMax(const Outcome& bid, double utility) {
  if (utility >= max_bid_utility_) {
    max_bid_ = bid;
    max_bid_utility_ = utility;
  }
}

// Domain.getRandomBid with an unseeded generator, then one annealing towards utility 1 per issue
// (stopping at a bid worth exactly 1); every bid the annealing meets that is at least as good as
// the best so far becomes the best.
void Atlas3::FindMaxBid() {
  max_bid_ = Outcome(issues_);
  GeniusDomainRandomBid(*space_, free_random_, max_bid_);
  max_bid_utility_ = U(max_bid_);
  for (std::size_t n = 0; n < issues_; ++n) {
    bool completed = true;
    for (int search = 0; completed && search < kMaxBidSearches; ++search) {
      base_ = max_bid_;
      completed = SimulatedAnnealing(base_, 1.0, work_);
      if (max_bid_utility_ >= reservation_) break;
    }
    if (completed && max_bid_utility_ == 1.0) break;
  }
}

double Atlas3::Threshold(double t) const {
  // The end game: each side holds out (1) or concedes (2); conceding first, with probability 1/2
  // when both concede, yields the best compromise known: the best offer received when bilateral,
  // the best bid all others supported otherwise.
  const double compromise = negotiators_ == 2 ? best_offered_utility_ : best_supported_utility_;
  const double a11 = reservation_ * discount_;
  const double a12 = discount_;
  const double a21 = compromise >= reservation_ ? compromise * discount_ : reservation_ * discount_;
  const double a22 = 0.5 * a21 + 0.5 * a12;
  double q = 1.0;  // the opponent's equilibrium probability of holding out
  if (a12 - a22 != 0.0 && 1.0 - (a11 - a21) / (a12 - a22) != 0.0) q = 1.0 / (1.0 - (a11 - a21) / (a12 - a22));
  if (q < 0.0 || q > 1.0) q = 1.0;
  const double target = (q * a21 + (1.0 - q) * a22) / std::pow(discount_, t);
  return ThresholdFromTarget(t, target);
}

double Atlas3::ThresholdFromTarget(double t, double target) const {
  if (discount_ == 1.0) return target + (1.0 - target) * (1.0 - t);
  return std::max(1.0 - t / discount_, target);
}

void Atlas3::Observe(const ObservedAction& action) {
  if (action.type == ActionType::kEndNegotiation) return;
  if (std::find(opponents_.begin(), opponents_.end(), action.party) == opponents_.end()) {
    opponents_.push_back(action.party);
  }
  if (action.type == ActionType::kAccept) {
    ++supporters_;
  } else if (action.offer) {
    supporters_ = 1;
    offered_ = *action.offer;
    have_offer_ = true;
    best_offered_utility_ = std::max(best_offered_utility_, action.offer_utility);
    for (std::size_t i = 0; i < issues_; ++i) {
      if (ValueCount(i) > 0) ++frequency_[i][ValueIndex(i, offered_[i])];
    }
  }
  // The last offer counts as supported when every other party offered or accepted it in a row;
  // like the original, this party's own actions do not count, nor reset the tally.
  if (supporters_ + 1 == negotiators_ && have_offer_) AddSupportedBid(offered_);
}

void Atlas3::AddSupportedBid(const Outcome& bid) {
  if (std::find(supported_.begin(), supported_.end(), bid) != supported_.end()) return;
  const double u = U(bid);
  best_supported_utility_ = std::max(best_supported_utility_, u);
  // A stable sort by descending utility: after every bid at least as good.
  std::size_t position = 0;
  while (position < supported_.size() && supported_utility_[position] >= u) ++position;
  supported_.insert(supported_.begin() + static_cast<std::ptrdiff_t>(position), bid);
  supported_utility_.insert(supported_utility_.begin() + static_cast<std::ptrdiff_t>(position), u);
}

ActionType Atlas3::Act(const TurnState& state, Outcome& proposal) {
  const double t = state.time;
  ++turns_;
  const double turn_length = t / static_cast<double>(turns_);
  if (t > 1.0 - turn_length * static_cast<double>(supported_.size() + 1)) return FinalAction(state, proposal);
  return OrdinaryAction(state, proposal);
}

ActionType Atlas3::OrdinaryAction(const TurnState& state, Outcome& proposal) {
  const double t = state.time;
  const double threshold = Threshold(t);
  if (state.step > 0 && have_offer_ && U(offered_) >= threshold) return ActionType::kAccept;
  if (reservation_ * std::pow(discount_, t) >= threshold) return ActionType::kEndNegotiation;
  return OfferAction(t, proposal);
}

// The final phase: offer the supported bids one by one, best first, while each beats the offer on
// the table and the reservation value; accept the offer once it is better; when the list is used
// up, accept anything worth the reservation value.
ActionType Atlas3::FinalAction(const TurnState& state, Outcome& proposal) {
  const double t = state.time;
  const double offered_utility = have_offer_ ? U(offered_) : 0.0;
  if (walked_ >= supported_.size()) {
    if (have_offer_ && offered_utility >= reservation_) return ActionType::kAccept;
    return OfferAction(t, proposal);
  }
  const double next = supported_utility_[walked_];
  if (next > offered_utility && next > reservation_) {
    proposal = supported_[walked_++];
    return ActionType::kOffer;
  }
  if (have_offer_ && offered_utility > reservation_) return ActionType::kAccept;
  return OfferAction(t, proposal);
}

ActionType Atlas3::OfferAction(double t, Outcome& proposal) {
  DrawStartBid(base_);
  GetBid(base_, Threshold(t), proposal);
  return ActionType::kOffer;
}

void Atlas3::DrawStartBid(Outcome& bid) {
  GeniusPartyRandomBid(*space_, party_random_, bid);  // from the seeded generator, as in GENIUS
}

void Atlas3::GetBid(const Outcome& base, double threshold, Outcome& bid) {
  if (has_real_issue_) {
    RandomSearch(threshold, bid);
    return;
  }
  NeighbourhoodSearch(base, threshold, bid);
  if (U(bid) < threshold) SearchAboveThreshold(base, threshold, bid);
  if (U(bid) < threshold) bid = max_bid_;
  MoveTowardsFrequentValues(bid);
}

// The relative-utility walk while the space looks linear, simulated annealing from its result
// (from `base` once the walk has failed before) when it does not.
void Atlas3::SearchAboveThreshold(const Outcome& base, double threshold, Outcome& bid) {
  if (linear_) {
    RelativeUtilitySearch(threshold, bid);
    if (U(bid) < threshold) linear_ = false;
  } else {
    bid = base;
  }
  if (!linear_) {
    start_ = bid;
    if (SimulatedAnnealing(start_, threshold, work_)) {
      const double u = U(work_);
      if (u <= 1.0 && u >= threshold) bid = work_;
    }
  }
}

// Random bids on GENIUS's grid until one reaches the threshold (the original's only search when a
// real issue is present).
void Atlas3::RandomSearch(double threshold, Outcome& bid) {
  double best = -1.0;
  for (int n = 0; n < kRandomSearchTries; ++n) {
    GeniusAgentRandomBid(*space_, free_random_, work_);
    const double u = U(work_);
    if (u > best) {
      best = u;
      best_drawn_ = work_;
    }
    if (u >= threshold) break;
  }
  bid = best_drawn_;
}

// Every bid one value away from `base`: the least good of those reaching the threshold (a random
// one of equals, `base` itself counted once per issue), or `base` when none does.
void Atlas3::NeighbourhoodSearch(const Outcome& base, double threshold, Outcome& bid) {
  targets_.clear();
  double target_utility = 0.0;
  work_ = base;
  for (std::size_t issue : issue_order_) {
    for (std::uint64_t v = 0; v < ValueCount(issue); ++v) {
      work_[issue] = Value(issue, v);
      const double u = U(work_);
      NoteCandidateForMax(work_, u);
      if (u < threshold) continue;
      if (targets_.empty() || u < target_utility) {
        targets_.clear();
        target_utility = u;
      } else if (u != target_utility) {
        continue;
      }
      targets_.emplace_back(issue, work_[issue]);
    }
    work_[issue] = base[issue];
  }
  bid = base;
  if (targets_.empty()) return;
  const auto& [issue, value] = targets_[free_random_.NextInt(static_cast<std::int32_t>(targets_.size()))];
  bid[issue] = value;
}

// From the best bid, issue by issue in a shuffled order, the first value in a shuffled order that
// keeps the total loss within 1 - threshold (assuming the best bid is worth 1).
void Atlas3::RelativeUtilitySearch(double threshold, Outcome& bid) {
  bid = max_bid_;
  const double allowed = threshold - 1.0;
  double conceded = 0.0;
  JavaShuffle(issue_order_, free_random_);
  for (std::size_t issue : issue_order_) {
    shuffled_values_.resize(ValueCount(issue));
    for (std::uint64_t v = 0; v < ValueCount(issue); ++v) shuffled_values_[v] = v;
    JavaShuffle(shuffled_values_, free_random_);
    for (std::uint64_t v : shuffled_values_) {
      const double relative = relative_utility_[issue][v];
      if (allowed <= conceded + relative) {
        bid[issue] = Value(issue, v);
        conceded += relative;
        break;
      }
    }
  }
}

// Simulated annealing towards utility `threshold`: one random value change a step, kept when it
// gets closer or with probability exp(-|change of distance| / temperature); the result is a random
// one of the least good bids met at or above the threshold, or `base` when none was.
bool Atlas3::SimulatedAnnealing(const Outcome& base, double threshold, Outcome& bid) {
  Outcome& current = bid;
  current = base;
  double current_utility = U(base);
  std::vector<Outcome> targets;
  double target_utility = 0.0;
  for (double temperature = kStartTemperature; temperature > kEndTemperature; temperature *= kCooling) {
    neighbour_ = current;
    const std::size_t issue = issue_order_[free_random_.NextInt(static_cast<std::int32_t>(issues_))];
    if (ValueCount(issue) == 0) return false;
    const auto count = static_cast<std::int32_t>(std::min<std::uint64_t>(ValueCount(issue), 2147483647));
    neighbour_[issue] = Value(issue, static_cast<std::uint64_t>(free_random_.NextInt(count)));
    const double next_utility = U(neighbour_);
    NoteCandidateForMax(neighbour_, next_utility);
    const double next_cost = std::abs(threshold - next_utility);
    const double current_cost = std::abs(threshold - current_utility);
    const double p = std::exp(-std::abs(next_cost - current_cost) / temperature);
    if (next_cost < current_cost || p > free_random_.NextDouble()) {
      current = neighbour_;
      current_utility = next_utility;
    }
    if (current_utility >= threshold) {
      if (targets.empty() || current_utility < target_utility) {
        targets.clear();
        targets.push_back(current);
        target_utility = current_utility;
      } else if (current_utility == target_utility) {
        targets.push_back(current);
      }
    }
  }
  if (targets.empty()) {
    bid = base;
  } else {
    bid = targets[free_random_.NextInt(static_cast<std::int32_t>(targets.size()))];
  }
  return true;
}

// Issue by issue in a shuffled order, take the value the others have offered most (ties broken by
// a shuffle) when that does not lower the bid's utility.
void Atlas3::MoveTowardsFrequentValues(Outcome& bid) {
  JavaShuffle(opponents_, free_random_);  // the original shuffles its opponent list here, unused
  shuffled_issues_.resize(issues_);
  for (std::size_t i = 0; i < issues_; ++i) shuffled_issues_[i] = i;
  JavaShuffle(shuffled_issues_, free_random_);
  double utility = U(bid);
  for (std::size_t issue : shuffled_issues_) {
    shuffled_values_.resize(ValueCount(issue));
    for (std::uint64_t v = 0; v < ValueCount(issue); ++v) shuffled_values_[v] = v;
    JavaShuffle(shuffled_values_, free_random_);
    std::uint64_t most = shuffled_values_.empty() ? 0 : shuffled_values_.front();
    for (std::uint64_t v : shuffled_values_) {
      if (frequency_[issue][v] > frequency_[issue][most]) most = v;
    }
    next_ = bid;
    next_[issue] = Value(issue, most);
    const double u = U(next_);
    if (u >= utility) {
      bid = next_;
      utility = u;
    }
  }
}

namespace {

const bool kRegistered = NegotiatorRegistry::Add(
    {"atlas3",
     "Atlas3 (ANAC 2015 winner, multilateral), as GENIUS's agents.anac.y2015.Atlas3.Atlas3: a target from an end "
     "game valued with the best bid the others offered or supported, bids searched near it from a random bid, "
     "and at the end a walk down the bids all others supported.",
     {},
     [](const Spec&) { return std::make_unique<Atlas3>(); }});

}  // namespace
}  // namespace parley
