// Gangster (ANAC 2014), as GENIUS 9.1.10 runs it: agents.anac.y2014.Gangster.Gangster with its
// GenAlg, BidStorage and ExtendedBidDetails. On nonlinear (hyper-rectangle) profiles its target
// falls from 0.995 towards the best offer of a recent window, reaching it at t = d - 0.01; it
// accepts an offer worth its target, proposes back the best recent offer worth it, and otherwise
// offers the bid of a genetic search (global, and local around the opponent's latest offer) that
// is within reach of the opponent's offers, or else the most unlike its own offers. On any other
// profile it offers random bids and accepts an offer worth more than 0.8.
// Docs: docs/strategies.md#gangster--gangster-anac-2014
//
// Deliberate differences, where Parley cannot do what GENIUS does:
//  - The original draws from unseeded generators (its GenAlg's `new Random()` and
//    Domain.getRandomBid's); here every draw comes from one JavaRandom seeded from the context's
//    seed, in the original's order, so a run is reproducible and cannot equal a given GENIUS run.
//  - Where a local step has every issue stuck at a bound the original loops for ever (GENIUS then
//    aborts the session); the port ends the negotiation.
//  - Where the original would accept with no offer on the table (a target of 0 before any offer),
//    which GENIUS rejects, the port does not accept.
//  - With several opponents every other party's offer counts as the opponent's (the original is
//    bilateral).
//  - std::pow stands for Java's Math.pow (both within an ulp; every acceptance in the traces is
//    reproduced).
//  - Bid.toString, the tie-breaker of its orders, lists the issues in domain order: the order of
//    the Java HashMaps of the original's bids unless the issue count is a power of two (ANAC 2014
//    has 10, 30 and 50), where the maps it sizes to the issue count put the last issue first.
// Like the original it ignores its reservation value except that it stores no offer worth no more
// than it (the conformance suite knows).
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>

#include "common/java_random.h"
#include "negotiators/anac/gangster_bid_storage.h"
#include "negotiators/anac/gangster_search.h"
#include "negotiators/anac/genius_random_bid.h"
#include "parley/negotiator.h"
#include "parley/utility.h"

namespace parley {
namespace {

constexpr double kLinearAcceptance = 0.8;
constexpr double kInitialTarget = 0.995;
constexpr double kDeadlineMargin = 0.01;  // the target reaches the best recent offer at d - margin
constexpr double kConcessionShape = 0.3;
constexpr int kMinimalMaxDistance = 5;
constexpr int kShrinkAfter = 4;  // good local bids that make the reach shrink by one
constexpr double kGoodLocalShare = 0.9;

class Gangster final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override {
    space_ = context.space;
    profile_ = context.profile;
    party_ = context.party;
    issues_ = space_->issue_count();
    random_ = std::make_unique<JavaRandom>(static_cast<std::int64_t>(context.seed));
    nonlinear_ = profile_->utility_function().kind() == "hyper-rectangle";
    latest_.reset();
    latest_utility_ = 0.0;
    reservation_ = profile_->reservation_value();
    deadline_target_time_ = profile_->discount_factor() - kDeadlineMargin;
    max_distance_ = static_cast<int>(std::lround(1.5 * static_cast<double>(issues_)));
    good_local_ = 0;
    last_own_.reset();
    previous_time_ = 0.0;
    previous_target_ = kInitialTarget;
    storage_.Reset(*space_);
    search_ready_ = nonlinear_ && search_.Reset(*space_, *profile_, *random_);
  }

  void Observe(const ObservedAction& action) override {
    if (action.type != ActionType::kOffer || !action.offer || action.party == party_) return;
    latest_ = *action.offer;
    latest_utility_ = action.offer_utility;
    if (!nonlinear_) return;
    if (latest_utility_ > reservation_) storage_.AddOpponentOffer({*action.offer, latest_utility_, action.time});
  }

  ActionType Act(const TurnState& state, Outcome& proposal) override {
    if (!nonlinear_) {
      if (state.current_offer != nullptr && latest_utility_ > kLinearAcceptance) return ActionType::kAccept;
      GeniusDomainRandomBid(*space_, *random_, proposal);
      return ActionType::kOffer;
    }
    try {
      return Nonlinear(state, proposal);
    } catch (const GangsterFailure&) {
      // The original's handler: its last own bid again, or a random bid.
      if (last_own_) {
        proposal = *last_own_;
      } else {
        GeniusDomainRandomBid(*space_, *random_, proposal);
      }
      return ActionType::kOffer;
    } catch (const GangsterStuck&) {
      return ActionType::kEndNegotiation;
    }
  }

 private:
  ActionType Nonlinear(const TurnState& state, Outcome& proposal) {
    const double t = state.time;
    double target = Target(t);
    storage_.SetTarget(target);
    if (state.current_offer != nullptr && latest_utility_ >= target) return ActionType::kAccept;
    if (good_local_ > kShrinkAfter && max_distance_ > kMinimalMaxDistance) --max_distance_;
    while (!storage_.HasSelfishBids()) {
      if (!search_ready_) throw GangsterFailure{};
      storage_.AddAll(search_.Global());
      target = Target(t);
      storage_.SetTarget(target);
    }
    if (latest_) {
      if (!search_ready_) throw GangsterFailure{};
      const std::vector<GangsterSample>& local = search_.Local(*latest_, max_distance_);
      good_local_ = 0;
      for (const GangsterSample& sample : local) {
        if (sample.utility > kGoodLocalShare * target) ++good_local_;
      }
      storage_.AddAll(local);
    }
    const std::optional<std::size_t> next = storage_.Next(max_distance_);
    if (!next) {
      // The original first tries again with its last own bid and drops the result (unreachable
      // after a search, kept for its side effects), then fails on the missing bid.
      if (!RepeatOffer(t, target, proposal)) {
        if (!last_own_) throw GangsterFailure{};
        storage_.AddOwnOffer(*last_own_);
      }
      if (RepeatOffer(t, target, proposal)) return ActionType::kOffer;
      last_own_.reset();
      throw GangsterFailure{};
    }
    if (RepeatOffer(t, target, proposal)) return ActionType::kOffer;
    last_own_ = storage_.Bid(*next);
    storage_.AddOwnOffer(*last_own_);
    storage_.Remove(*next);
    proposal = *last_own_;
    return ActionType::kOffer;
  }

  // Proposes back the best recent opponent offer worth the target, if there is one.
  bool RepeatOffer(double t, double target, Outcome& proposal) {
    const std::optional<GangsterOffer> earlier = storage_.TakeOfferToRepeat(t, target, (1.0 - t) + 0.01);
    if (!earlier) return false;
    storage_.AddOwnOffer(earlier->bid);
    proposal = earlier->bid;
    return true;
  }

  // Falls from the previous target towards `final`, linearly in the time left before the deadline
  // target time; `final` lies between the best recent offer and 1, nearer the offer as time runs.
  double Target(double t) {
    const double best_offered = storage_.BestOfferedUtility(t, (1.0 - t) + 0.01);
    if (!(t < deadline_target_time_)) return best_offered;
    const double high = 0.5 * (1.0 + best_offered);
    const double low = best_offered;
    const double final_target = (high - low) * std::pow(deadline_target_time_ - t, kConcessionShape) + low;
    const double ratio = (deadline_target_time_ - t) / (deadline_target_time_ - previous_time_);
    const double target = ratio * (previous_target_ - final_target) + final_target;
    previous_time_ = t;
    previous_target_ = target;
    return target;
  }

  const OutcomeSpace* space_ = nullptr;
  const Profile* profile_ = nullptr;
  std::size_t party_ = 0;
  std::size_t issues_ = 0;
  std::unique_ptr<JavaRandom> random_;
  bool nonlinear_ = false;
  bool search_ready_ = false;
  std::optional<Outcome> latest_;  // the opponent's latest offer
  double latest_utility_ = 0.0;
  double reservation_ = 0.0;
  double deadline_target_time_ = 0.0;
  int max_distance_ = 0;
  int good_local_ = 0;
  std::optional<Outcome> last_own_;  // the last bid of its own it offered (not a repeated offer)
  double previous_time_ = 0.0;
  double previous_target_ = 0.0;
  GangsterSearch search_;
  GangsterBidStorage storage_;
};

const bool kRegistered = NegotiatorRegistry::Add(
    {"gangster",
     "Gangster (ANAC 2014), as GENIUS runs it: on nonlinear profiles a target falling towards the best recent "
     "offer, genetic searches near the opponent's offers, and the best recent offer proposed back; on other "
     "profiles random bids, accepting offers worth more than 0.8.",
     {},
     [](const Spec&) { return std::make_unique<Gangster>(); }});

}  // namespace
}  // namespace parley
