// CUHKAgent, winner of ANAC 2012: a port of GENIUS's agents.anac.y2012.CUHKAgent.CUHKAgent
// (GENIUS 9.1.10), reimplemented from its source. It holds its target at the best utility and
// lowers it, after a point set by the discount factor and by how many distinct bids the
// opponent has been making, towards the discounted best; it offers back the opponent's best bid
// once that reaches the target, and otherwise the bid near the target whose values the opponent
// has proposed most often. Its own bids are cached at the start in 0.01-wide utility bands.
// Hao & Leung, "CUHKAgent: An adaptive negotiation strategy for bilateral negotiations over
// multiple items", in Novel Insights in Agent-based Complex Automated Negotiation (Studies in
// Computational Intelligence 535, 2014).
//
// Deliberate differences from the original, each because Parley cannot do otherwise:
// - Randomness: the original draws from unseeded generators (its own `new Random()` for the
//   random bids of large domains, a fresh `new Random()` in every choice of a bid), so no two
//   GENIUS runs agree. The port draws all of them, in the original's order, from one
//   JavaRandom seeded from the context's seed, so that a Parley run is reproducible.
// - Time: the original measures rounds between its turns with the timeline's clock (the round
//   number in a round deadline, seconds otherwise) and the time its own turn takes. Parley's
//   clock does not move during a turn, so its own share is always 0, as with a round deadline in
//   GENIUS; with a wall-clock deadline the port counts in normalised time instead of seconds,
//   which gives the same number of rounds left.
// - Three or more parties: the original is bilateral. It answers the last message it received;
//   when that is an Accept that did not close the deal, it returns no action and GENIUS aborts
//   the session. The port skips such Accepts and answers the last offer.
// - Its best bid is GENIUS's getMaxUtilityBid (the first best bid in BidIterator order) taken from
//   the profile's ranking; beyond 2^21 outcomes the ranking holds a sample and its hill-climbed
//   optima rather than every bid, where GENIUS would walk them all.
// Strategy notes: docs/strategies.md#cuhkagent--cuhkagent-anac-2012
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <unordered_map>
#include <vector>

#include "common/java_random.h"
#include "negotiators/anac/genius_domain.h"
#include "negotiators/anac/genius_random_bid.h"
#include "parley/error.h"
#include "parley/negotiator.h"
#include "preferences/genius_bid_iterator.h"

namespace parley {
namespace {

// Java's (int) cast of a double: truncation, NaN to 0, saturation at the int range.
int JavaInt(double x) {
  if (std::isnan(x)) return 0;
  if (x >= 2147483647.0) return std::numeric_limits<int>::max();
  if (x <= -2147483648.0) return std::numeric_limits<int>::min();
  return static_cast<int>(x);
}

// How often the opponent proposed each value of one issue. Dense for the issues of real domains,
// a map for the huge integer ranges Parley allows.
class ValueCounts {
 public:
  explicit ValueCounts(std::uint64_t values) {
    if (values <= kDenseLimit) dense_.assign(values, 0);
  }
  int Get(std::uint64_t value) const {
    if (!dense_.empty()) return dense_[value];
    const auto it = sparse_.find(value);
    return it == sparse_.end() ? 0 : it->second;
  }
  void Increment(std::uint64_t value) {
    if (!dense_.empty()) {
      ++dense_[value];
    } else {
      ++sparse_[value];
    }
  }

 private:
  static constexpr std::uint64_t kDenseLimit = 1 << 16;
  std::vector<int> dense_;
  std::unordered_map<std::uint64_t, int> sparse_;
};

class CuhkAgent final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override;
  void Observe(const ObservedAction& action) override;
  ActionType Act(const TurnState& state, Outcome& proposal) override;

 private:
  static constexpr double kBand = 0.01;                    // width of the utility bands of the bid cache
  static constexpr std::uint64_t kEnumerateBelow = 20000;  // larger domains are sampled
  static constexpr int kSampledBids = 20001;
  static constexpr int kChoiceSample = 200;          // candidates looked at per choice
  static constexpr std::size_t kModelledBids = 100;  // distinct opponent bids counted in the model

  enum class Last { kNothing, kOffer, kEnd };

  void FillBands();
  void AddToBands(std::uint32_t bid);
  std::uint32_t Store(const Outcome& bid);
  std::uint64_t ValueIndex(std::size_t issue, double value) const;

  void UpdateOpponentModel(const Outcome& bid, double utility);
  double ConcessionDegree() const;
  double EstimateRoundsLeft(double now);
  // Each writes the bid it chooses into `bid` and returns its utility.
  double BidToOffer(double t, Outcome& bid);
  double ChooseBid(Outcome& bid);
  void BidsBetween(double lower, double upper);
  bool AcceptOpponentOffer(double offer_utility, double own_utility, double t);
  bool TerminateNegotiation(double own_utility, double t);
  ActionType Respond(double offer_utility, double own_utility, double t, bool last_chance);

  const Profile* profile_ = nullptr;
  const OutcomeSpace* space_ = nullptr;
  JavaRandom random_{0};
  double bid_count_ = 0.0;  // Domain.getNumberOfPossibleBids
  double discount_ = 1.0;
  double reservation_ = 0.0;  // never below 0, as the original reads it
  double max_utility_ = 0.0;
  double threshold_ = 0.0;
  double concede_time_ = 0.0;           // where the target reaches the discounted best
  double concede_time_original_ = 0.0;  // the same before the opponent's toughness adjusts it
  bool concede_to_opponent_ = false;
  bool tough_ = false;
  bool have_proposed_ = false;

  // Clock in the timeline's units: the round number with a round deadline, normalised time else.
  bool rounds_known_ = false;
  double total_time_ = 1.0;
  double before_ = 0.0;
  double after_ = 0.0;
  double longest_opponent_turn_ = 0.0;

  // The bid cache: bids stored flat, bands_[k] listing those with utility in [k, k+1] * kBand.
  std::size_t issues_ = 0;
  std::vector<double> stored_values_;
  std::vector<std::uint64_t> stored_model_index_;  // each value's position in the opponent model
  std::vector<double> stored_utility_;
  std::vector<std::vector<std::uint32_t>> bands_;
  std::vector<std::uint32_t> candidates_;
  std::vector<std::uint32_t> sample_;
  Outcome max_bid_;
  std::uint32_t max_bid_id_ = 0;
  Outcome scratch_;

  // The opponent model: distinct bids in order of first appearance, how often each came, value
  // counts over the first kModelledBids distinct bids, and the best bid.
  std::vector<Outcome> opponent_bids_;
  std::vector<int> times_offered_;
  std::vector<ValueCounts> value_counts_;
  Outcome best_opponent_bid_;
  double best_opponent_utility_ = 0.0;

  Last last_ = Last::kNothing;
  Outcome last_offer_;
  double last_offer_utility_ = 0.0;
};

void CuhkAgent::Begin(const NegotiatorContext& context) {
  profile_ = context.profile;
  space_ = context.space;
  issues_ = space_->issue_count();
  random_ = JavaRandom(static_cast<std::int64_t>(context.seed));
  bid_count_ = GeniusBidCount(*space_);
  discount_ = profile_->discount_factor();
  reservation_ = std::max(0.0, profile_->reservation_value());
  scratch_ = Outcome(issues_);
  stored_values_.clear();
  stored_model_index_.clear();
  stored_utility_.clear();
  bands_.clear();
  max_bid_ = Outcome(issues_);
  GeniusMaxUtilityBid(profile_->utility_function().ranking(), max_bid_);
  max_bid_id_ = Store(max_bid_);
  max_utility_ = stored_utility_[max_bid_id_];
  threshold_ = max_utility_;

  const double beta = discount_ > 0.75 ? 1.8 : discount_ > 0.5 ? 1.5 : 1.2;
  constexpr double kEarliest = 0.08;
  concede_time_ = kEarliest + (1.0 - kEarliest) * std::pow(discount_, beta);
  concede_time_original_ = concede_time_;
  FillBands();

  opponent_bids_.clear();
  times_offered_.clear();
  value_counts_.clear();
  for (const Issue& issue : space_->issues()) value_counts_.emplace_back(GeniusValueCount(issue));
  best_opponent_bid_ = Outcome(issues_);
  best_opponent_utility_ = 0.0;

  rounds_known_ = context.max_rounds > 0;
  total_time_ = rounds_known_ ? static_cast<double>(context.max_rounds) + 1.0 : 1.0;
  after_ = rounds_known_ ? 1.0 : 0.0;  // a round timeline starts in round 1
  before_ = 0.0;
  longest_opponent_turn_ = 0.0;
  concede_to_opponent_ = false;
  tough_ = false;
  have_proposed_ = false;
  last_ = Last::kNothing;
  last_offer_ = Outcome(issues_);
}

std::uint32_t CuhkAgent::Store(const Outcome& bid) {
  stored_values_.insert(stored_values_.end(), bid.values().begin(), bid.values().end());
  for (std::size_t i = 0; i < issues_; ++i) stored_model_index_.push_back(ValueIndex(i, bid[i]));
  stored_utility_.push_back(profile_->Utility(bid));
  return static_cast<std::uint32_t>(stored_utility_.size() - 1);
}

// The band of the first k with k * kBand <= u <= (k + 1) * kBand, as the original's linear scan
// finds it (a utility on a boundary goes to the lower band; above the top band, to none).
void CuhkAgent::AddToBands(std::uint32_t bid) {
  const double u = stored_utility_[bid];
  const int count = static_cast<int>(bands_.size());
  int k = std::clamp(JavaInt(u / kBand) - 1, 0, count);
  while (k > 0 && u <= static_cast<double>(k) * kBand) --k;
  while (k < count && !(u <= static_cast<double>(k + 1) * kBand)) ++k;
  if (k < count && u >= static_cast<double>(k) * kBand) bands_[k].push_back(bid);
}

void CuhkAgent::FillBands() {
  const int count = JavaInt(max_utility_ / kBand);
  if (count <= 0) return;  // the original fails here and keeps no cache
  bands_.assign(count, {});
  bands_.back().push_back(max_bid_id_);
  if (bid_count_ < static_cast<double>(kEnumerateBelow)) {
    ForEachGeniusBid(*space_, kEnumerateBelow, scratch_, [&](const Outcome& bid) { AddToBands(Store(bid)); });
    return;
  }
  for (int n = 0; n < kSampledBids; ++n) {
    GeniusAgentRandomBid(*space_, random_, scratch_);
    AddToBands(Store(scratch_));
  }
}

// The value's position in the opponent model: GENIUS's value index, and for a real issue the
// first of 21 equal bins holding it (the last bin if none does, as the original's scan ends).
std::uint64_t CuhkAgent::ValueIndex(std::size_t issue_index, double value) const {
  const Issue& issue = space_->issue(issue_index);
  if (issue.countable()) return issue.PositionOf(value);
  const double step = (issue.upper() - issue.lower()) / static_cast<double>(kGeniusRealSteps);
  double first = issue.lower();
  double last = issue.lower() + step;
  for (std::uint64_t k = 0; k < kGeniusRealSteps; ++k) {
    if (value >= first && value <= last) return k;
    first = last;
    last = last + step;
  }
  return kGeniusRealSteps - 1;
}

void CuhkAgent::Observe(const ObservedAction& action) {
  if (action.type == ActionType::kOffer && action.offer) {
    last_ = Last::kOffer;
    last_offer_ = *action.offer;
    last_offer_utility_ = action.offer_utility;
  } else if (action.type == ActionType::kEndNegotiation) {
    last_ = Last::kEnd;
  }
}

void CuhkAgent::UpdateOpponentModel(const Outcome& bid, double utility) {
  const auto it = std::find(opponent_bids_.begin(), opponent_bids_.end(), bid);
  if (it == opponent_bids_.end()) {
    opponent_bids_.push_back(bid);
    times_offered_.push_back(1);
  } else {
    ++times_offered_[it - opponent_bids_.begin()];
  }
  if (opponent_bids_.size() == 1) {
    best_opponent_bid_ = opponent_bids_.front();
    best_opponent_utility_ = profile_->Utility(best_opponent_bid_);
  } else if (utility > best_opponent_utility_) {
    best_opponent_bid_ = bid;
    best_opponent_utility_ = utility;
  }
  if (opponent_bids_.size() <= kModelledBids) {
    for (std::size_t i = 0; i < issues_; ++i) value_counts_[i].Increment(ValueIndex(i, bid[i]));
  }
}

// The opponent's toughness: the squared share of its last ten distinct bids that it made only
// once (of all its distinct bids over ten, while it has made ten or fewer).
double CuhkAgent::ConcessionDegree() const {
  constexpr std::size_t kWindow = 10;
  const std::size_t count = opponent_bids_.size();
  double once = 0.0;
  if (count > kWindow) {
    for (std::size_t j = count - kWindow; j < count; ++j) once += times_offered_[j] == 1 ? 1.0 : 0.0;
  } else {
    once = static_cast<double>(count);
  }
  const double share = once / static_cast<double>(kWindow);
  return share * share;
}

double CuhkAgent::EstimateRoundsLeft(double now) {
  longest_opponent_turn_ = std::max(longest_opponent_turn_, before_ - after_);
  return JavaInt((total_time_ - now) / longest_opponent_turn_);
}

void CuhkAgent::BidsBetween(double lower, double upper) {
  candidates_.clear();
  const int end = JavaInt(upper / kBand);
  for (int k = JavaInt(lower / kBand); k < end; ++k) {
    if (k < 0 || k >= static_cast<int>(bands_.size())) break;  // where the original's lookup fails
    candidates_.insert(candidates_.end(), bands_[k].begin(), bands_[k].end());
  }
  if (candidates_.empty()) candidates_.push_back(max_bid_id_);
}

// Of the candidates (a sample of kChoiceSample when there are more), the one whose values the
// opponent proposed most often; ties go to a later one on a coin flip, and one time in twenty a
// random candidate is taken instead.
double CuhkAgent::ChooseBid(Outcome& bid) {
  const std::vector<std::uint32_t>* pool = &candidates_;
  if (candidates_.size() >= static_cast<std::size_t>(kChoiceSample)) {
    sample_.clear();
    for (int n = 0; n < kChoiceSample; ++n) {
      sample_.push_back(candidates_[random_.NextInt(static_cast<std::int32_t>(candidates_.size()))]);
    }
    pool = &sample_;
  }
  const auto size = static_cast<std::int32_t>(pool->size());
  int chosen = -1;
  long best = 0;
  for (std::int32_t n = 0; n < size; ++n) {
    const std::uint64_t* index = &stored_model_index_[static_cast<std::size_t>((*pool)[n]) * issues_];
    long score = 0;
    for (std::size_t i = 0; i < issues_; ++i) score += value_counts_[i].Get(index[i]);
    if (score > best || (score == best && random_.NextDouble() < 0.5)) {
      best = score;
      chosen = n;
    }
  }
  if (chosen == -1 || !(random_.NextDouble() < 0.95)) chosen = random_.NextInt(size);
  const std::uint32_t id = (*pool)[chosen];
  for (std::size_t i = 0; i < issues_; ++i) bid[i] = stored_values_[id * issues_ + i];
  return stored_utility_[id];
}

double CuhkAgent::BidToOffer(double t, Outcome& bid) {
  double minimum;
  if (discount_ == 1.0 && bid_count_ > 3000) {
    // Undiscounted large domains: a fixed step down, a larger one at the very end.
    minimum = max_utility_ - 0.05;
    if (discount_ > 1.0 - 0.25 && bid_count_ > 10000 && t >= 0.98) minimum = max_utility_ - 0.25;
    threshold_ = std::min(threshold_, minimum);
  } else {
    if (t <= concede_time_) {
      const double lowest = max_utility_ * discount_ / std::pow(discount_, concede_time_);
      const double x = t / concede_time_;
      threshold_ = max_utility_ - (max_utility_ - lowest) * (x * x);
    } else {
      threshold_ = max_utility_ * discount_ / std::pow(discount_, t);
    }
    minimum = threshold_;
  }
  if (best_opponent_utility_ >= threshold_ || best_opponent_utility_ >= minimum) {
    bid = best_opponent_bid_;
    return best_opponent_utility_;
  }
  BidsBetween(minimum, max_utility_);
  return ChooseBid(bid);
}

bool CuhkAgent::AcceptOpponentOffer(double offer_utility, double own_utility, double t) {
  concede_to_opponent_ = false;
  if (offer_utility >= threshold_ || offer_utility >= own_utility) return true;
  const double best_now = profile_->Discount(best_opponent_utility_, t);
  const bool past_concession = best_now > max_utility_ * discount_ && t > concede_time_;
  if (past_concession || best_now > threshold_ * std::pow(discount_, t)) {
    if (offer_utility >= best_opponent_utility_ - 0.01) return true;
    concede_to_opponent_ = true;
  }
  return false;
}

bool CuhkAgent::TerminateNegotiation(double own_utility, double t) {
  concede_to_opponent_ = false;
  if (reservation_ >= threshold_ || reservation_ >= own_utility) return true;
  const double rv = profile_->reservation_value();
  const double rv_now = rv == 0.0 ? 0.0 : profile_->Discount(rv, t);
  return rv_now > max_utility_ * discount_ && t > concede_time_;
}

// The shared decision after a bid has been chosen: accept, walk away, or (kOffer) offer it.
ActionType CuhkAgent::Respond(double offer_utility, double own_utility, double t, bool last_chance) {
  const bool accept = AcceptOpponentOffer(offer_utility, own_utility, t);
  const bool terminate = TerminateNegotiation(own_utility, t);
  if (accept && terminate) return offer_utility > reservation_ ? ActionType::kAccept : ActionType::kEndNegotiation;
  if (accept) return ActionType::kAccept;
  if (terminate) return ActionType::kEndNegotiation;
  if (last_chance && tough_) return ActionType::kAccept;
  return ActionType::kOffer;
}

ActionType CuhkAgent::Act(const TurnState& state, Outcome& proposal) {
  const double t = state.time;
  const double now = rounds_known_ ? static_cast<double>(state.round) + 1.0 : t;
  before_ = now;
  ActionType action = ActionType::kOffer;
  if (last_ == Last::kNothing) {
    proposal = max_bid_;
  } else if (last_ == Last::kEnd) {
    action = ActionType::kEndNegotiation;  // the negotiation is over; Parley does not ask again
  } else {
    UpdateOpponentModel(last_offer_, last_offer_utility_);
    constexpr double kToughnessWeight = 0.1;
    constexpr double kToughnessPower = 10.0;
    concede_time_ = std::min(1.0, concede_time_original_ + kToughnessWeight * (1.0 - concede_time_original_) *
                                                               std::pow(ConcessionDegree(), kToughnessPower));
    if (!have_proposed_) {
      proposal = max_bid_;
    } else if (EstimateRoundsLeft(now) > 10) {
      const double own = BidToOffer(t, proposal);
      action = Respond(last_offer_utility_, own, t, false);
      if (action == ActionType::kOffer) {
        // Dead in the original too: TerminateNegotiation clears the flag that AcceptOpponentOffer set.
        tough_ = concede_to_opponent_;
        if (concede_to_opponent_) {
          proposal = best_opponent_bid_;
          concede_to_opponent_ = false;
        }
      }
    } else if (t > 0.9985 && EstimateRoundsLeft(now) < 5) {
      double own = best_opponent_utility_;
      proposal = best_opponent_bid_;
      if (own < 0.85) {
        BidsBetween(max_utility_ - 0.15, max_utility_ - 0.02);
        if (EstimateRoundsLeft(now) >= 2) own = ChooseBid(proposal);
      }
      action = Respond(last_offer_utility_, own, t, true);
    } else {
      const double own = BidToOffer(t, proposal);
      action = Respond(last_offer_utility_, own, t, false);
    }
  }
  have_proposed_ = true;
  after_ = now;
  return action;
}

const bool kRegistered = NegotiatorRegistry::Add(
    {"cuhkagent",
     "CUHKAgent (ANAC 2012 winner), as GENIUS's agents.anac.y2012.CUHKAgent.CUHKAgent: holds out until a point "
     "set by the discount factor and the opponent's toughness, then concedes to the discounted best; offers the "
     "opponent's best bid once it reaches the target, else the cached bid whose values the opponent proposed most.",
     {},
     [](const Spec&) { return std::make_unique<CuhkAgent>(); }});

}  // namespace
}  // namespace parley
