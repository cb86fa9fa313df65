// kawaii, an ANAC 2015 finalist (multilateral): a port of GENIUS's agents.anac.y2015.fairy.kawaii
// (GENIUS 9.1.10), reimplemented from its source. It is built on the same sample code as Atlas3:
// a Boulware-like target 1 - 0.2 t^2, pulled towards its floor of 0.8 by the share of the other
// parties whose last action since its previous look was an Accept, discounted by d^t and never
// below 0.8. It accepts an offer worth the target, walks away when its discounted reservation
// value beats the target, and otherwise offers a bid near the target found from a random bid by
// Atlas3's searches (atlas3_bid_search.h), or its best bid when they find none.
// Strategy notes: docs/strategies.md#kawaii--kawaii-anac-2015-multilateral
//
// Deliberate differences from the original, each because Parley cannot do otherwise:
// - Randomness: the random bid each offer starts from comes, as in GENIUS, from a java.util.Random
//   seeded with the party's seed (JavaRandom(context.seed)); the searches' unseeded draws (their
//   `new Random()` and Collections.shuffle's shared generator) come, in the original's order, from
//   one JavaRandom seeded from context.seed with its bits inverted, so that a run is reproducible.
// - Real issues: the original's random search repeats until a bid reaches the target (it may never
//   end); the port stops after 100000 draws with the best bid drawn (as the atlas3 port).
// - Integer issues: the original's list of an integer issue's values casts each Integer to a
//   Value, which throws, and its set-up then fails; the port tries every value, as Atlas3 does.
// - Its first search for its best bid repeats while that bid is worth less than the reservation
//   value; the port stops after 100 searches (the original never ends then).
// What the original keeps but never reads (the mean and variance of each party's offers, its own
// offers) is not kept. The number of parties, which GENIUS tells it in Inform("NumberOfAgents"),
// comes from the context.
#include <cmath>
#include <cstdint>
#include <memory>
#include <vector>

#include "common/java_random.h"
#include "negotiators/anac/atlas3_bid_search.h"
#include "negotiators/anac/genius_random_bid.h"
#include "parley/negotiator.h"

namespace parley {
namespace {

class Kawaii final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override;
  void Observe(const ObservedAction& action) override;
  ActionType Act(const TurnState& state, Outcome& proposal) override;

 private:
  static constexpr double kMinThreshold = 0.8;

  double U(const Outcome& bid) const { return profile_->Utility(bid); }
  // Also forgets who has accepted: the original clears that record on every call.
  double Threshold(double t);

  const Profile* profile_ = nullptr;
  const OutcomeSpace* space_ = nullptr;
  JavaRandom party_random_{0};  // AbstractNegotiationParty.rand, seeded as in GENIUS
  Atlas3BidSearch search_;
  double reservation_ = 0.0;
  double discount_ = 1.0;
  std::size_t negotiators_ = 0;

  std::vector<std::size_t> opponents_;  // in order of first action
  // Per party, its last action since the record was cleared: 0 none, 1 an offer, 2 an accept.
  std::vector<int> last_action_;
  bool have_offer_ = false;
  Outcome offered_;  // the last offer received
  Outcome base_;
};

void Kawaii::Begin(const NegotiatorContext& context) {
  profile_ = context.profile;
  space_ = context.space;
  party_random_ = JavaRandom(static_cast<std::int64_t>(context.seed));
  reservation_ = profile_->reservation_value();
  discount_ = profile_->discount_factor();
  negotiators_ = context.party_count;
  search_.Begin(*profile_, *space_, ~static_cast<std::int64_t>(context.seed));
  opponents_.clear();
  last_action_.assign(context.party_count, 0);
  have_offer_ = false;
  offered_ = base_ = Outcome(space_->issue_count());
}

void Kawaii::Observe(const ObservedAction& action) {
  // A vote against an offer (amop, majority) is neither an Accept nor an Offer, which is all the
  // original reads.
  if (action.type == ActionType::kEndNegotiation || action.type == ActionType::kReject) return;
  if (action.party >= last_action_.size()) last_action_.resize(action.party + 1, 0);
  bool known = false;
  for (std::size_t opponent : opponents_) known = known || opponent == action.party;
  if (!known) opponents_.push_back(action.party);
  if (action.type == ActionType::kAccept) {
    last_action_[action.party] = 2;
  } else {
    last_action_[action.party] = 1;
    offered_ = *action.offer;
    have_offer_ = true;
  }
}

double Kawaii::Threshold(double t) {
  double threshold = 1.0 - (1.0 - kMinThreshold) * std::pow(t, 1.0 / 0.5);
  int accepted = 0;
  for (std::size_t opponent : opponents_) {
    if (last_action_[opponent] == 2) ++accepted;
  }
  const int others = static_cast<int>(negotiators_) - 1;
  // Java evaluates (threshold - min) * accepted first, then divides.
  threshold = threshold - (threshold - kMinThreshold) * static_cast<double>(accepted) / others;
  for (int& action : last_action_) action = 0;
  threshold = threshold * std::pow(discount_, t);
  if (threshold < kMinThreshold) threshold = kMinThreshold;
  return threshold;
}

ActionType Kawaii::Act(const TurnState& state, Outcome& proposal) {
  const double t = state.time;
  // Accept is not allowed on the session's first turn; before any offer the original's utility of
  // the missing bid throws, is caught, and the target is not computed.
  if (state.step > 0 && have_offer_ && U(offered_) >= Threshold(t)) return ActionType::kAccept;
  if (reservation_ * std::pow(discount_, t) > Threshold(t)) return ActionType::kEndNegotiation;
  GeniusPartyRandomBid(*space_, party_random_, base_);  // from the seeded generator, as in GENIUS
  const double threshold = Threshold(t);
  search_.BidAtThreshold(base_, threshold, proposal);
  return ActionType::kOffer;
}

const bool kRegistered = NegotiatorRegistry::Add(
    {"kawaii",
     "kawaii (ANAC 2015 finalist, multilateral), as GENIUS's agents.anac.y2015.fairy.kawaii: a target 1 - 0.2 t^2 "
     "pulled to 0.8 by the share of others accepting, offers near it found by Atlas3's searches.",
     {},
     [](const Spec&) { return std::make_unique<Kawaii>(); }});

}  // namespace
}  // namespace parley
