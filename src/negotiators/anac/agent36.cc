// Agent36 (ANAC 2018, second in the individual ranking), as GENIUS runs it:
// agents.anac.y2018.meng_wan.Agent36, a NegotiationParty. Its target is the larger of a floor
// (0.8; 0.75 from t = 0.95, 0.7 after t = 0.98; raised to an offer's worth when that offer reaches
// the target just after another party accepted something, before t = 0.9) and 1 - t^5. Before
// t = 0.9 it never accepts; from then on it accepts the last offer when that reaches the target.
// It offers its best bid with its least important issue (a draw weighted by inverse weight) set to
// random values until the bid beats the target; once another party has accepted something, it first
// tries the bids others accepted with one issue (a draw weighted by weight) set at random, per
// issue, keeping the best that beats the target; from t = 0.9 it first replays, best first, the
// accepted bids it values above 0.7 while they reach the target.
// Docs: docs/strategies.md#agent36--agent36-anac-2018-multilateral
//
// The original also keeps per-opponent value counts and a search for values both opponents
// prefer; that search can never produce a bid (it builds an empty bid whose evaluation throws, or
// fails on a missing opponent, and the original then offers from its best bid as above), so the
// port keeps none of it. Deliberate differences, where Parley cannot do what GENIUS does:
//  - Randomness: the values it draws come from AbstractNegotiationParty's generator, seeded as in
//    GENIUS (JavaRandom(seed)); the choice of an issue comes from Math.random() in the original,
//    unseeded, and here from a JavaRandom seeded from the seed with its bits inverted, so that a
//    Parley run is reproducible.
//  - Clock: the search from its best bid reads System.currentTimeMillis() and gives up as soon as
//    the millisecond counter has moved on, offering the last bid it tried even though it missed the
//    target (in GENIUS's CarA session four of the first 22 offers are such give-ups). That depends
//    on the machine's speed; the port gives up after kSearchDraws draws instead, which in practice
//    means it finds a bid beating the target whenever one exists on that issue. (It also stamps
//    the offers it files with the clock, but never reads the stamps.)
//  - Issues are taken to be numbered 1..n in the domain's order, as in every GENIUS domain of the
//    corpus (the original mixes issue numbers and positions).
//  - An Accept that arrives before any offer (the original then throws in receiveMessage) is
//    ignored.
//  - On a profile that is not linear additive the original's issue choices throw and it offers its
//    best bid every time; so does the port.
//  - Like the original it ignores its reservation value and its discount factor (it may accept or
//    offer below the reservation value), so the conformance rule on the reservation value spares it.
#include <cmath>
#include <cstdint>
#include <memory>
#include <vector>

#include "common/java_random.h"
#include "negotiators/anac/genius_random_bid.h"
#include "parley/negotiator.h"
#include "parley/utility.h"
#include "preferences/genius_bid_iterator.h"

namespace parley {
namespace {

class Agent36 final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override;
  void Observe(const ObservedAction& action) override;
  ActionType Act(const TurnState& state, Outcome& proposal) override;

 private:
  static constexpr double kInitialFloor = 0.8;
  static constexpr double kAcceptFrom = 0.9;
  static constexpr double kReplayAbove = 0.7;
  static constexpr int kSearchDraws = 1000;

  struct Accepted {
    Outcome bid;
    double utility;
  };

  double Target(double t) const;
  // chooseWorstIssue / chooseBestIssue: a 1-based issue number, 0 for none.
  std::size_t LeastImportantIssue();
  std::size_t MostImportantIssue();
  // getMybestBid on the best bid.
  void SearchFromBest(double target, Outcome& bid);
  // getNNBid: false when no variation of an accepted bid beats the target.
  bool VaryAccepted(double target, Outcome& bid);
  // addBidToList.
  void Remember(const Outcome& bid, double utility);

  const OutcomeSpace* space_ = nullptr;
  const Profile* profile_ = nullptr;
  const LinearAdditiveUtility* linear_ = nullptr;
  Outcome best_bid_;
  JavaRandom party_random_{0};  // AbstractNegotiationParty.rand
  JavaRandom free_random_{0};   // the original's Math.random()

  double floor_ = kInitialFloor;
  bool received_offer_ = false;
  Outcome last_offer_;
  double last_offer_utility_ = 0.0;
  bool last_was_accept_ = false;
  std::vector<Accepted> accepted_;  // ordered as the original's list (roughly best first)
  std::vector<Accepted> replays_;   // accepted bids worth more than 0.7, in arrival order
  Outcome candidate_;
};

void Agent36::Begin(const NegotiatorContext& context) {
  space_ = context.space;
  profile_ = context.profile;
  linear_ = dynamic_cast<const LinearAdditiveUtility*>(&profile_->utility_function());
  best_bid_ = Outcome(space_->issue_count());
  GeniusMaxUtilityBid(profile_->utility_function().ranking(), best_bid_);
  party_random_ = JavaRandom(static_cast<std::int64_t>(context.seed));
  free_random_ = JavaRandom(~static_cast<std::int64_t>(context.seed));
  floor_ = kInitialFloor;
  received_offer_ = false;
  last_offer_utility_ = 0.0;
  last_was_accept_ = false;
  accepted_.clear();
  replays_.clear();
  candidate_ = Outcome(space_->issue_count());
}

double Agent36::Target(double t) const {
  const double by_time = 1 - std::pow(t, 5);
  return floor_ > by_time ? floor_ : by_time;
}

// Inverse weights summed from the last issue down until they pass 100 * a uniform draw; when they
// never do, the lightest issue (the last-numbered among equals).
std::size_t Agent36::LeastImportantIssue() {
  const double threshold = free_random_.NextDouble() * 100.0;
  const std::vector<double>& weights = linear_->weights();
  double sum = 0.0;
  double lightest = 1.0;
  std::size_t lightest_issue = 1;
  for (std::size_t i = weights.size(); i > 0; --i) {
    sum += 1.0 / weights[i - 1];
    if (weights[i - 1] < lightest) {
      lightest = weights[i - 1];
      lightest_issue = i;
    }
    if (sum > threshold) return i;
  }
  return lightest_issue;
}

// Weights summed from the last issue down until they pass a uniform draw.
std::size_t Agent36::MostImportantIssue() {
  const double threshold = free_random_.NextDouble();
  const std::vector<double>& weights = linear_->weights();
  double sum = 0.0;
  for (std::size_t i = weights.size(); i > 0; --i) {
    sum += weights[i - 1];
    if (sum > threshold) return i;
  }
  return 0;
}

void Agent36::SearchFromBest(double target, Outcome& bid) {
  bid = best_bid_;
  if (linear_ == nullptr) return;
  const std::size_t issue = LeastImportantIssue() - 1;
  for (int draw = 0; draw < kSearchDraws; ++draw) {
    bid = best_bid_;
    bid[issue] = GeniusPartyRandomValue(space_->issue(issue), party_random_);
    if (profile_->Utility(bid) > target) return;
  }
}

// One pass per issue: an issue drawn by weight, then each accepted bid with that issue set at
// random; the best variation beating the target (the first among equals) wins.
bool Agent36::VaryAccepted(double target, Outcome& bid) {
  bool found = false;
  double best = 0.0;
  for (std::size_t pass = 0; pass < space_->issue_count(); ++pass) {
    const std::size_t issue = MostImportantIssue();
    if (issue == 0) continue;  // the original's look-up of issue 0 throws before it draws
    for (const Accepted& accepted : accepted_) {
      candidate_ = accepted.bid;
      candidate_[issue - 1] = GeniusPartyRandomValue(space_->issue(issue - 1), party_random_);
      const double utility = profile_->Utility(candidate_);
      if (utility > target && utility > best) {
        bid = candidate_;
        best = utility;
        found = true;
      }
    }
  }
  return found;
}

// Inserted before the last entry worth no more than it, unless such an entry is the same bid;
// appended when every entry is worth more.
void Agent36::Remember(const Outcome& bid, double utility) {
  std::size_t index = accepted_.size();
  for (std::size_t i = 0; i < accepted_.size(); ++i) {
    if (accepted_[i].utility > utility) continue;
    if (accepted_[i].bid == bid) return;
    index = i;
  }
  accepted_.insert(accepted_.begin() + static_cast<std::ptrdiff_t>(index), Accepted{bid, utility});
}

void Agent36::Observe(const ObservedAction& action) {
  if (action.type == ActionType::kOffer && action.offer != nullptr) {
    last_offer_ = *action.offer;
    last_offer_utility_ = action.offer_utility;
    received_offer_ = true;
  } else if (action.type == ActionType::kAccept && received_offer_) {
    // The original files the last offer it received, whoever's offer was accepted.
    Remember(last_offer_, last_offer_utility_);
    if (last_offer_utility_ > kReplayAbove) replays_.push_back({last_offer_, last_offer_utility_});
  }
  last_was_accept_ = action.type == ActionType::kAccept;
}

ActionType Agent36::Act(const TurnState& state, Outcome& proposal) {
  const double t = state.time;
  if (!received_offer_) {
    SearchFromBest(Target(t), proposal);
    return ActionType::kOffer;
  }
  if (t >= 0.95) floor_ = 0.75;
  if (t > 0.98) floor_ = 0.7;
  if (last_offer_utility_ >= Target(t)) {
    if (t >= kAcceptFrom) return ActionType::kAccept;
    if (last_was_accept_) floor_ = last_offer_utility_;
  }
  const double target = Target(t);
  if (t >= kAcceptFrom && !replays_.empty()) {
    std::size_t best = 0;
    double best_utility = 0.0;
    for (std::size_t i = 0; i < replays_.size(); ++i) {
      if (replays_[i].utility > best_utility) {
        best_utility = replays_[i].utility;
        best = i;
      }
    }
    if (replays_[best].utility >= target) {
      proposal = replays_[best].bid;
      replays_.erase(replays_.begin() + static_cast<std::ptrdiff_t>(best));
      return ActionType::kOffer;
    }
  }
  if (linear_ != nullptr && !accepted_.empty() && VaryAccepted(target, proposal)) return ActionType::kOffer;
  SearchFromBest(target, proposal);
  return ActionType::kOffer;
}

const bool kRegistered = NegotiatorRegistry::Add(
    {"agent36",
     "Agent36 (ANAC 2018), as GENIUS runs it: its best bid with its least important issue varied at random above a "
     "target of max(0.8, 1 - t^5); varies bids the others accepted; accepts from t = 0.9 what reaches the target.",
     {},
     [](const Spec&) { return std::make_unique<Agent36>(); }});

}  // namespace
}  // namespace parley
