// Rubick (ANAC 2017, multilateral), as GENIUS 9.1.10 runs it: agents.anac.y2017.rubick.Rubick, a
// NegotiationParty that draws every random number from AbstractNegotiationParty's seeded generator.
// Each turn it draws a target between its best utility and the best discounted offer it has seen
// (never counted below 0.8): one minus t^p times a half-normal draw, where the power p is usually 10
// and, with a small chance that shrinks as the offers improve, 3 or 2. It accepts the last offer
// when it beats the target; otherwise it offers, among its bids worth at least the target (best
// first), one sharing values with a bag drawn from the values the opponents offer more often than
// a (miscomputed) average, or the bid nearest the target; in the last round it repeats one of the
// three best bids another party accepted.
// Docs: docs/strategies.md#rubick--rubick-anac-2017-multilateral
//
// Reproduces the original draw for draw (tests/genius_rubick_test.cc replays GENIUS's traces).
// Deliberate differences, where Parley cannot do what GENIUS does:
//  - The original tells its opponents apart by the class name in their GENIUS ids and keeps a
//    second frequency table for a second opponent class. Parley's parties have no names: the port
//    takes every opponent to be of one class, other than its own, as in the recorded sessions
//    (two BoulwareNegotiationParty, or one TimeDependentAgentBoulware). Every opponent offer but
//    the first then counts in the first table, the second table stays empty, and the second bag
//    is drawn uniformly; the three-party analysis of past sessions never starts.
//  - Parley keeps no data between negotiations, so the history of past sessions is empty, as in
//    the first session of an ANAC 2017 tournament (where the recorded sessions ran as well).
//  - The original only runs on discrete issues (it throws at the start otherwise). The port counts
//    integer values by position like discrete ones and leaves real issues out of its frequency
//    tables; where the original would draw from an empty list of frequent values (and throw), that
//    issue's bag entry matches nothing.
//  - Like the original it accepts and offers below its reservation value (its targets never look at
//    it), so the conformance rule on the reservation value spares it.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <vector>

#include "common/java_random.h"
#include "parley/negotiator.h"
#include "parley/utility.h"
#include "preferences/genius_sorted_outcomes.h"

namespace parley {
namespace {

// Marks a bag entry that matches no value (see the header).
constexpr std::int64_t kNoValue = -1;

class Rubick final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override;
  void Observe(const ObservedAction& action) override;
  ActionType Act(const TurnState& state, Outcome& proposal) override;

 private:
  static constexpr double kFloor = 0.8;            // the least the best offer seen is taken to be worth
  static constexpr double kBestOfferShare = 0.95;  // of a new best offer, remembered as the best
  static constexpr double kLastMoment = 0.999;     // accept anything after this time
  static constexpr double kLastOffers = 0.995;     // repeat an accepted bid after this time
  static constexpr std::size_t kAcceptedChoices = 3;

  std::int64_t Position(std::size_t issue, double value) const;
  int PowerOfTime(double best_seen);
  void NoteAccepted(const Outcome& bid);
  void DrawBags();
  bool SearchCandidates(double target, Outcome& proposal) const;

  const Profile* profile_ = nullptr;
  const OutcomeSpace* space_ = nullptr;
  std::shared_ptr<const GeniusSortedOutcomes> sorted_;
  JavaRandom random_{0};  // AbstractNegotiationParty.rand, seeded with the party's seed as in GENIUS

  Outcome last_offer_;
  bool has_last_offer_ = false;
  int offers_received_ = 0;
  double best_seen_ = 0.0;  // maxReceivedBidutil
  bool counting_ = false;   // the opponents' class is known (after their first offer)
  // Per issue, how often the opponents offered each value (by position); the second table never
  // fills (see the header) but its bag is drawn all the same.
  std::vector<std::vector<int>> counts_;
  std::vector<std::int64_t> bag_;
  std::vector<std::int64_t> second_bag_;
  std::vector<Outcome> accepted_;  // bids another party accepted, best first
};

void Rubick::Begin(const NegotiatorContext& context) {
  profile_ = context.profile;
  space_ = context.space;
  sorted_ = GeniusSortedOutcomes::Shared(profile_->shared_utility_function());
  random_ = JavaRandom(static_cast<std::int64_t>(context.seed));
  last_offer_ = Outcome(space_->issue_count());
  has_last_offer_ = false;
  offers_received_ = 0;
  best_seen_ = profile_->reservation_value();
  counting_ = false;
  counts_.assign(space_->issue_count(), {});
  for (std::size_t i = 0; i < space_->issue_count(); ++i) {
    if (space_->issue(i).countable()) counts_[i].assign(space_->issue(i).cardinality(), 0);
  }
  bag_.clear();
  second_bag_.clear();
  accepted_.clear();
}

std::int64_t Rubick::Position(std::size_t issue, double value) const {
  if (counts_[issue].empty()) return kNoValue;
  return static_cast<std::int64_t>(space_->issue(issue).PositionOf(value));
}

void Rubick::Observe(const ObservedAction& action) {
  if (!action.offer) return;
  if (action.type == ActionType::kAccept) {
    NoteAccepted(*action.offer);
    return;
  }
  if (action.type != ActionType::kOffer) return;
  last_offer_ = *action.offer;
  has_last_offer_ = true;
  const double discounted = profile_->Discount(action.offer_utility, action.time);
  if (best_seen_ < discounted) best_seen_ = discounted * kBestOfferShare;
  ++offers_received_;
  // The offer is counted only once the opponents' class is known, which the original learns from
  // this very offer after counting it: the opponents' first offer is never counted.
  if (counting_) {
    for (std::size_t i = 0; i < counts_.size(); ++i) {
      const std::int64_t position = Position(i, last_offer_[i]);
      if (position != kNoValue) ++counts_[i][static_cast<std::size_t>(position)];
    }
  }
  if (offers_received_ > 2) DrawBags();
  counting_ = true;
}

// Keeps the accepted bids best first; a bid already listed is not listed again, and among equal
// utilities the earlier stays ahead.
void Rubick::NoteAccepted(const Outcome& bid) {
  if (std::find(accepted_.begin(), accepted_.end(), bid) != accepted_.end()) return;
  const double utility = profile_->Utility(bid);
  const auto worse = std::find_if(accepted_.begin(), accepted_.end(),
                                  [&](const Outcome& b) { return utility > profile_->Utility(b); });
  accepted_.insert(worse, bid);
}

// Per issue, one value drawn uniformly among those offered at least the issue's "average": the
// offers counted divided by the number of issues (not of values), as the original computes it;
// first the opponents' bag, then the second (empty) table's, whose every value qualifies.
void Rubick::DrawBags() {
  const std::size_t issues = counts_.size();
  bag_.assign(issues, kNoValue);
  second_bag_.assign(issues, kNoValue);
  std::vector<std::int64_t> frequent;
  for (std::size_t i = 0; i < issues; ++i) {
    const std::vector<int>& counts = counts_[i];
    double sum = 0.0;
    for (const int count : counts) sum += count;
    const double mean = sum / static_cast<double>(issues);
    frequent.clear();
    for (std::size_t v = 0; v < counts.size(); ++v) {
      if (counts[v] >= mean) frequent.push_back(static_cast<std::int64_t>(v));
    }
    if (!frequent.empty()) bag_[i] = frequent[random_.NextInt(static_cast<std::int32_t>(frequent.size()))];
    if (!counts.empty()) second_bag_[i] = random_.NextInt(static_cast<std::int32_t>(counts.size()));
  }
}

// The power of time in the target: 2 or 3 with a chance that shrinks as `best_seen` grows, else 10.
int Rubick::PowerOfTime(double best_seen) {
  const double chance = random_.NextDouble();
  if (chance > 0.95 + 0.05 * best_seen) return 2;
  if (chance > 0.93 + 0.07 * best_seen) return 3;
  return 10;
}

ActionType Rubick::Act(const TurnState& state, Outcome& proposal) {
  const double t = state.time;
  const int power = PowerOfTime(best_seen_);
  double target = 1.0 - std::pow(t, power) * std::abs(random_.NextGaussian() / 3.0);
  if (offers_received_ < 2) {
    target = 1.0;
  } else {
    best_seen_ = std::max(best_seen_, kFloor);
    target = best_seen_ + (1.0 - best_seen_) * target;
    const double offered = profile_->Discount(profile_->Utility(last_offer_), t);
    if (offered > target || t > kLastMoment) return ActionType::kAccept;
  }

  if (t > kLastOffers && !accepted_.empty()) {
    const std::size_t choices = std::min(accepted_.size(), kAcceptedChoices);
    proposal = accepted_[static_cast<std::size_t>(random_.NextInt(static_cast<std::int32_t>(choices)))];
    return ActionType::kOffer;
  }
  if (!bag_.empty() && !second_bag_.empty() && SearchCandidates(target, proposal)) return ActionType::kOffer;
  sorted_->CopyOutcome(sorted_->IndexNearUtility(target), proposal);
  return ActionType::kOffer;
}

// Walks the bids worth at least `target`, best first, scoring each by the values it shares with
// the two bags. The original keeps as its pick the index of the last bid whose score exceeded the
// index then kept (it compares a score with an index); the port keeps that rule. Fails when fewer
// than two bids qualify.
bool Rubick::SearchCandidates(double target, Outcome& proposal) const {
  const std::size_t issues = counts_.size();
  std::int64_t pick = -1;
  std::size_t candidates = 0;
  for (std::size_t k = 0; k < sorted_->size() && sorted_->utility(k) >= target; ++k, ++candidates) {
    sorted_->CopyOutcome(k, proposal);
    std::int64_t score = 0;
    for (std::size_t i = 0; i < issues; ++i) {
      const std::int64_t position = Position(i, proposal[i]);
      if (position == kNoValue) continue;
      if (position == bag_[i]) ++score;
      if (position == second_bag_[i]) ++score;
    }
    if (pick < score) pick = static_cast<std::int64_t>(k);
  }
  if (candidates <= 1) return false;
  sorted_->CopyOutcome(static_cast<std::size_t>(pick), proposal);
  return true;
}

const bool kRegistered = NegotiatorRegistry::Add(
    {"rubick",
     "Rubick (ANAC 2017), as GENIUS runs it: a randomised target between its best utility and the best offer seen "
     "(at least 0.8), the bid above it that best matches values drawn from the opponents' frequent ones; in the last "
     "round one of the three best bids another party accepted.",
     {},
     [](const Spec&) { return std::make_unique<Rubick>(); }});

}  // namespace
}  // namespace parley
