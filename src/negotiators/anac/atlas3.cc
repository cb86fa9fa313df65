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
//   bid reaches the target (and may never end); the port stops after 100000 draws with
//   the best bid drawn, and its first search for its best bid skips real issues, where the
//   original's search throws.
// - Its search for its best bid repeats while that bid is worth less than the reservation value;
//   the port stops after 100 searches (the original never ends then). The searches are in
//   atlas3_bid_search.h, shared with kawaii.
// The class is declared in atlas3.h, whose virtual functions its ANAC 2016 version overrides
// (atlas3_2016.cc).
// Strategy notes: docs/strategies.md#atlas3--atlas3-anac-2015-multilateral
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <vector>

#include "negotiators/anac/atlas3.h"

#include "common/genius_shuffle.h"
#include "common/java_random.h"
#include "negotiators/anac/genius_domain.h"
#include "negotiators/anac/genius_random_bid.h"
#include "parley/error.h"
#include "parley/negotiator.h"

namespace parley {

void Atlas3::Begin(const NegotiatorContext& context) {
  profile_ = context.profile;
  space_ = context.space;
  issues_ = space_->issue_count();
  party_random_ = JavaRandom(static_cast<std::int64_t>(context.seed));
  reservation_ = profile_->reservation_value();
  discount_ = profile_->discount_factor();
  base_ = work_ = next_ = offered_ = Outcome(issues_);
  search_.Begin(*profile_, *space_, ~static_cast<std::int64_t>(context.seed));

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
  // A vote against an offer (amop, majority) is neither an Accept nor an Offer, which is all the
  // original reads.
  if (action.type == ActionType::kEndNegotiation || action.type == ActionType::kReject) return;
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
  if (search_.has_real_issue()) {
    search_.RandomSearch(threshold, bid);
    return;
  }
  NeighbourhoodSearch(base, threshold, bid);
  if (U(bid) < threshold) search_.AppropriateSearch(base, threshold, bid);
  if (U(bid) < threshold) bid = search_.max_bid();
  MoveTowardsFrequentValues(bid);
}

// Every bid one value away from `base`: the least good of those reaching the threshold (a random
// one of equals, `base` itself counted once per issue), or `base` when none does.
void Atlas3::NeighbourhoodSearch(const Outcome& base, double threshold, Outcome& bid) {
  targets_.clear();
  double target_utility = 0.0;
  work_ = base;
  for (std::size_t issue : search_.issue_order()) {
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
  const auto& [issue, value] = targets_[free_random().NextInt(static_cast<std::int32_t>(targets_.size()))];
  bid[issue] = value;
}

// Issue by issue in a shuffled order, take the value the others have offered most (ties broken by
// a shuffle) when that does not lower the bid's utility.
void Atlas3::MoveTowardsFrequentValues(Outcome& bid) {
  JavaShuffle(opponents_, free_random());  // the original shuffles its opponent list here, unused
  shuffled_issues_.resize(issues_);
  for (std::size_t i = 0; i < issues_; ++i) shuffled_issues_[i] = i;
  JavaShuffle(shuffled_issues_, free_random());
  double utility = U(bid);
  for (std::size_t issue : shuffled_issues_) {
    shuffled_values_.resize(ValueCount(issue));
    for (std::uint64_t v = 0; v < ValueCount(issue); ++v) shuffled_values_[v] = v;
    JavaShuffle(shuffled_values_, free_random());
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
