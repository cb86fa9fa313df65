// MyAgent, a finalist of ANAC 2016 (multilateral): a port of GENIUS's
// agents.anac.y2016.myagent.MyAgent (GENIUS 9.1.10), reimplemented from its source. It is of
// Atlas3's family (atlas3_bid_search.h): the same search for its best bid, and each offer is Atlas3's search
// above the threshold (the relative-utility walk, then simulated annealing) from a random bid, or
// its best bid when that fails. Its own part is the threshold 1 - t^(1/e): e = 0.01 (hold out to
// the end) unless exactly one opponent has accepted at most twice and conceding to it looks better
// than holding out (its mean offer times d^t above threshold x d x slant, the slant measuring how
// far its recent offers have moved off its most frequent values); then e = 0.5 while it has made
// fewer than 70 offers, else 0.3 (undiscounted) or 1.65 (discounted) for a slant under 0.15, else
// 0.1. It walks away once the threshold is below its reservation value. Runs inside CaduceusDC16
// (ANAC 2017); GENIUS recorded no session of it.
//
// Deliberate differences from the original, each because it cannot be done otherwise:
// - Randomness: as in atlas3.cc, the original's unseeded draws (Domain.getRandomBid(null) for its
//   best bid and for each offer's start bid, `new Random()` in the annealing, Collections.shuffle)
//   come, in the original's order, from one JavaRandom seeded from context.seed with its bits
//   inverted.
// - Its first search for its best bid repeats while that bid is worth less than the reservation
//   value; the port stops after 100 searches (the original never ends then), as atlas3's.
// - Integer and real issues: its lists of an integer issue's values fail on first use
//   (java.lang.Integer is not a Value) and its slant fails on a real issue, so the original cannot
//   run on such domains. The port uses an integer issue's whole range (in order), leaves real issues
//   out of the slant and searches as atlas3 does there (random bids).
// - The slant of an opponent that has accepted but never offered fails in the original (it has no
//   counts yet: a NullPointerException out of chooseAction); the port counts it as 0.
// It ignores the reservation value where the original does: it accepts whatever reaches its
// threshold, which falls to 0 by the deadline (it walks away only on its turns, after accepting).
// Strategy notes: docs/strategies.md#myagent--myagent-anac-2016-multilateral
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <memory>
#include <numeric>
#include <vector>

#include "negotiators/anac/atlas3_bid_search.h"
#include "negotiators/anac/genius_random_bid.h"
#include "negotiators/anac/genius_value_order.h"
#include "parley/negotiator.h"

namespace parley {
namespace {

class MyAgent final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override;
  void Observe(const ObservedAction& action) override;
  ActionType Act(const TurnState& state, Outcome& proposal) override;

 private:
  // What it knows of one opponent, in order of first appearance.
  struct Opponent {
    int offers = 0;
    double sum = 0.0;
    double mean = 0.0;
    int accepts = 0;
    std::vector<std::vector<int>> value_offers;     // per issue and value position
    std::deque<std::vector<std::uint64_t>> recent;  // value positions of its last kRecentOffers offers
  };

  static constexpr std::size_t kRecentOffers = 20;
  static constexpr int kEarlyOffers = 70;
  static constexpr int kMostAccepts = 2;

  double U(const Outcome& bid) const { return profile_->Utility(bid); }
  std::uint64_t ValueCount(std::size_t issue) const { return search_.ValueCount(issue); }
  std::size_t OpponentIndex(std::size_t party);
  double Slant(const Opponent& opponent) const;
  double MyThreshold(double t) const;

  const Profile* profile_ = nullptr;
  const OutcomeSpace* space_ = nullptr;
  std::size_t issues_ = 0;
  Atlas3BidSearch search_;  // its searches and the generator of the original's unseeded draws
  double reservation_ = 0.0;
  double discount_ = 1.0;
  std::vector<std::size_t> opponents_;  // parties in order of first action
  Outcome base_;
  double estimated_discount_ = -1.0;                   // the original's own estimate, made at its first acceptance test
  std::vector<Opponent> stats_;                        // parallel to opponents_
  std::vector<std::vector<std::size_t>> value_order_;  // per issue, its values in HashMap order
};

void MyAgent::Begin(const NegotiatorContext& context) {
  profile_ = context.profile;
  space_ = context.space;
  issues_ = space_->issue_count();
  reservation_ = profile_->reservation_value();
  discount_ = profile_->discount_factor();
  search_.Begin(*profile_, *space_, ~static_cast<std::int64_t>(context.seed));
  opponents_.clear();
  base_ = Outcome(issues_);
  estimated_discount_ = -1.0;
  stats_.clear();
  value_order_.assign(issues_, {});
  for (std::size_t i = 0; i < issues_; ++i) {
    const Issue& issue = space_->issue(i);
    if (issue.kind() == IssueKind::kDiscrete) {
      value_order_[i] = GeniusEvaluatorValueOrder(issue);
    } else {
      value_order_[i].resize(ValueCount(i));
      std::iota(value_order_[i].begin(), value_order_[i].end(), std::size_t{0});
    }
  }
}

std::size_t MyAgent::OpponentIndex(std::size_t party) {
  const auto found = std::find(opponents_.begin(), opponents_.end(), party);
  if (found != opponents_.end()) return static_cast<std::size_t>(found - opponents_.begin());
  opponents_.push_back(party);
  stats_.emplace_back();
  return opponents_.size() - 1;
}

void MyAgent::Observe(const ObservedAction& action) {
  // A vote against an offer (amop, majority) is neither an Accept nor an Offer, which is all the
  // original reads.
  if (action.type == ActionType::kEndNegotiation || action.type == ActionType::kReject) return;
  Opponent& opponent = stats_[OpponentIndex(action.party)];
  if (action.type == ActionType::kAccept) {
    ++opponent.accepts;
    return;
  }
  if (!action.offer) return;
  const Outcome& offer = *action.offer;
  ++opponent.offers;
  opponent.sum += U(offer);
  opponent.mean = opponent.sum / opponent.offers;
  if (opponent.value_offers.empty()) {
    opponent.value_offers.assign(issues_, {});
    for (std::size_t i = 0; i < issues_; ++i) opponent.value_offers[i].assign(ValueCount(i), 0);
  }
  std::vector<std::uint64_t> positions(issues_, 0);
  for (std::size_t i = 0; i < issues_; ++i) {
    if (ValueCount(i) == 0) continue;
    positions[i] = space_->issue(i).PositionOf(offer[i]);
    ++opponent.value_offers[i][positions[i]];
  }
  opponent.recent.push_back(std::move(positions));
  if (opponent.recent.size() > kRecentOffers) opponent.recent.pop_front();
}

// Over the issues in the searches' order, where the value it offered most over all its offers is
// also the one it offered most lately (the first in HashMap order of those equally frequent):
// (share overall - share lately) x share overall, when that is not negative.
double MyAgent::Slant(const Opponent& opponent) const {
  if (opponent.value_offers.empty()) return 0.0;
  double slant = 0.0;
  std::vector<int> recent_counts;
  for (std::size_t issue : search_.issue_order()) {
    const std::vector<std::size_t>& order = value_order_[issue];
    if (order.empty()) continue;
    const std::vector<int>& counts = opponent.value_offers[issue];
    std::size_t most = order.front();
    double total = 0.0;
    for (std::size_t v : order) {
      if (counts[most] < counts[v]) most = v;
      total += counts[v];
    }
    const double share = counts[most] / total;
    recent_counts.assign(counts.size(), 0);
    for (const std::vector<std::uint64_t>& positions : opponent.recent) ++recent_counts[positions[issue]];
    const int recent_total = static_cast<int>(opponent.recent.size());
    std::size_t recent_most = order.front();
    for (std::size_t v : order) {
      if ((recent_counts[v] + 0.0) / recent_total > (recent_counts[recent_most] + 0.0) / recent_total) recent_most = v;
    }
    if (recent_most != most) continue;
    const double drift = share - (recent_counts[most] + 0.0) / recent_total;
    if (drift >= 0.0) slant += drift * share;
  }
  return slant;
}

double MyAgent::MyThreshold(double t) const {
  double e = 0.01;
  const Opponent* arrogant = nullptr;
  int arrogants = 0;
  for (const Opponent& opponent : stats_) {
    if (opponent.accepts <= kMostAccepts) {
      ++arrogants;
      arrogant = &opponent;
    }
  }
  if (arrogants == 1) {
    const double slant = Slant(*arrogant);
    const double rush = (1.0 - std::pow(t, 1.0 / e)) * estimated_discount_ * slant;
    const double concede = arrogant->mean * std::pow(estimated_discount_, t);
    if (concede > rush) {
      if (arrogant->offers < kEarlyOffers) {
        e = 0.5;
      } else if (slant < 0.15) {
        e = estimated_discount_ == 1.0 ? 0.3 : 1.65;
      } else {
        e = 0.1;
      }
    }
  }
  return 1.0 - std::pow(t, 1.0 / e);
}

ActionType MyAgent::Act(const TurnState& state, Outcome& proposal) {
  const double t = state.time;
  if (state.current_offer != nullptr) {
    const double u = U(*state.current_offer);
    if (estimated_discount_ == -1.0) {
      // The original reads the discount factor back from the discounted utility of the offer (NaN
      // for an offer worth 0, and then for good).
      const double discounted = u * std::pow(discount_, t);
      estimated_discount_ = std::pow(discounted / u, 1.0 / t);
    }
    if (u >= MyThreshold(t)) return ActionType::kAccept;
  }
  if (MyThreshold(t) < reservation_) return ActionType::kEndNegotiation;
  GeniusDomainRandomBid(*space_, search_.free_random(), base_);  // Domain.getRandomBid(null): unseeded
  const double threshold = MyThreshold(t);
  search_.BidAtThreshold(base_, threshold, proposal);
  return ActionType::kOffer;
}

const bool kRegistered = NegotiatorRegistry::Add(
    {"myagent",
     "MyAgent (ANAC 2016 finalist, multilateral), as GENIUS's agents.anac.y2016.myagent.MyAgent (a part of "
     "CaduceusDC16): the threshold 1 - t^(1/e), e from how a single hard-headed opponent's offers drift, and "
     "Atlas3's search above it from a random bid.",
     {},
     [](const Spec&) { return std::make_unique<MyAgent>(); }});

}  // namespace
}  // namespace parley
