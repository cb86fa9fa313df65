// BetaOne (ANAC 2018, third in the individual ranking), as GENIUS runs it:
// agents.anac.y2018.beta_one.Group2 with its AntiAnalysis and GroupNegotiator, a NegotiationParty.
// It reverses its own preferences issue by issue into an "anti" profile and takes the
// Kalai-Smorodinsky point of its own profile against that one as a fair utility k; its selfish
// point is k + 0.225 (1 - k). For each other party it keeps a box of utilities: over the first 75%
// of (discount-scaled) time the box slides from 1 down to the selfish point (0.05 wide); after
// that it slides towards k +- 0.025, unless the party's offers fall faster (a least-squares slope
// over its offers) than its own selfish concession, when the box stays at [selfish point, 1]. It
// accepts an offer worth the lower edge of the last actor's box and otherwise offers a random bid
// inside the box of the party whose offer it answers.
// Docs: docs/strategies.md#betaone--betaone-anac-2018-multilateral
//
// Deliberate differences, where Parley cannot do what GENIUS does:
//  - Randomness: each offer is drawn with a fresh unseeded `new Random()` in the original; the
//    port draws from one JavaRandom seeded from the seed with its bits inverted, so that a Parley
//    run is reproducible.
//  - The anti profile reorders and swaps the evaluations GENIUS rounds to integers; the port swaps
//    the evaluations as loaded (normalised), the same wherever the file's evaluations are integers,
//    as in every profile the traces use. Where the original stops reversing (an issue that is not
//    discrete) the port keeps the rest of the profile as it is, as the original does; on a profile
//    that is not linear additive (the original fails to start) k is 0.5, the original's value when
//    it cannot build the anti profile.
//  - Where the original throws because no bid lies in the box (GENIUS then aborts the session),
//    the port walks away.
//  - On a space too large to enumerate, GENIUS runs out of memory; the port sorts and analyses the
//    sample its outcome ranking holds.
//  - The original's use of earlier sessions (persistent data, undiscounted profiles only) is
//    absent: Parley keeps no history between negotiations, as in GENIUS's traces (persistent data
//    disabled).
//  - Like the original it ignores its reservation value (it may accept or offer below it), so the
//    conformance rule on the reservation value spares it.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <utility>
#include <vector>

#include "common/java_random.h"
#include "negotiators/anac/genius_kalai_point.h"
#include "negotiators/anac/genius_priority_queue.h"
#include "negotiators/anac/genius_value_order.h"
#include "parley/negotiator.h"
#include "parley/utility.h"
#include "preferences/genius_sorted_outcomes.h"

namespace parley {
namespace {

constexpr double kObserveDuration = 0.75;
constexpr double kBoxSize = 0.05;
constexpr double kSlopeTolerance = 0.035;
constexpr double kSelfishRatio = (0.15 + 0.30) / 2.0;

double Lerp(double a, double b, double t) { return a + (b - a) * std::clamp(t, 0.0, 1.0); }

// Apache Commons Math's SimpleRegression (with intercept), updated as it updates its sums.
class Regression {
 public:
  void Add(double x, double y) {
    if (n_ == 0) {
      x_mean_ = x;
      y_mean_ = y;
    } else {
      const double grown = 1.0 + static_cast<double>(n_);
      const double share = static_cast<double>(n_) / grown;
      const double dx = x - x_mean_;
      const double dy = y - y_mean_;
      xx_ += dx * dx * share;
      xy_ += dx * dy * share;
      x_mean_ += dx / grown;
      y_mean_ += dy / grown;
    }
    ++n_;
  }
  // NaN with fewer than two points or no spread in x.
  double Slope() const {
    if (n_ < 2 || std::abs(xx_) < 10 * std::numeric_limits<double>::denorm_min()) {
      return std::numeric_limits<double>::quiet_NaN();
    }
    return xy_ / xx_;
  }

 private:
  std::int64_t n_ = 0;
  double x_mean_ = 0.0, y_mean_ = 0.0, xx_ = 0.0, xy_ = 0.0;
};

struct Box {
  double lower = 1.0;
  double upper = 1.0;
};

class BetaOne final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override;
  void Observe(const ObservedAction& action) override;
  ActionType Act(const TurnState& state, Outcome& proposal) override;

 private:
  // AntiAnalysis: the own utility of the Kalai-Smorodinsky point against the anti profile.
  double AntiKalaiUtility() const;
  Box BoxAt(double time, bool betrayed) const;

  const OutcomeSpace* space_ = nullptr;
  const Profile* profile_ = nullptr;
  std::shared_ptr<const GeniusSortedOutcomes> sorted_;
  double discount_ = 1.0;
  double anti_kalai_ = 0.5;
  double selfish_ = 1.0;
  JavaRandom free_random_{0};

  double negotiation_time_ = 0.0;  // the time of its last turn that answered an offer
  std::vector<Box> boxes_;         // per party
  std::vector<Regression> regressions_;
  bool received_offer_ = false;
  std::size_t last_offerer_ = 0;
  double last_offer_utility_ = 0.0;
  std::size_t last_actor_ = 0;
};

void BetaOne::Begin(const NegotiatorContext& context) {
  space_ = context.space;
  profile_ = context.profile;
  sorted_ = GeniusSortedOutcomes::Shared(profile_->shared_utility_function());
  discount_ = profile_->discount_factor();
  free_random_ = JavaRandom(~static_cast<std::int64_t>(context.seed));
  anti_kalai_ = AntiKalaiUtility();
  selfish_ = Lerp(anti_kalai_, 1, kSelfishRatio);
  negotiation_time_ = 0.0;
  boxes_.assign(context.party_count, Box{});
  regressions_.assign(context.party_count, Regression{});
  received_offer_ = false;
  last_offerer_ = last_actor_ = 0;
  last_offer_utility_ = 0.0;
}

double BetaOne::AntiKalaiUtility() const {
  const auto* linear = dynamic_cast<const LinearAdditiveUtility*>(&profile_->utility_function());
  if (linear == nullptr) return 0.5;
  const std::size_t issues = space_->issue_count();
  // The anti profile's weighted evaluations per issue and value position.
  std::vector<std::vector<double>> anti(issues);
  bool reversing = true;
  for (std::size_t i = 0; i < issues; ++i) {
    const Issue& issue = space_->issue(i);
    if (!issue.countable()) return 0.5;  // GENIUS cannot enumerate the bids
    std::vector<double> evaluation(issue.cardinality());
    for (std::size_t v = 0; v < evaluation.size(); ++v) {
      evaluation[v] = linear->value_functions()[i].Evaluate(issue, issue.ValueAt(v));
    }
    reversing = reversing && issue.kind() == IssueKind::kDiscrete;
    if (reversing) {
      // The values leave a priority queue (least evaluation first, ties as Java's heap gives them,
      // filled in the evaluator's hash order); the k-th from the start and the k-th from the end
      // swap evaluations.
      auto compare = [&](std::size_t a, std::size_t b) {
        return evaluation[a] < evaluation[b] ? -1 : (evaluation[a] > evaluation[b] ? 1 : 0);
      };
      GeniusPriorityQueue<std::size_t, decltype(compare)> queue(compare);
      for (const std::size_t v : GeniusEvaluatorValueOrder(issue)) queue.Add(v);
      std::vector<std::size_t> ascending;
      while (!queue.empty()) ascending.push_back(queue.Poll());
      std::vector<double> swapped(evaluation.size());
      for (std::size_t k = 0; k < ascending.size(); ++k) {
        swapped[ascending[k]] = evaluation[ascending[ascending.size() - 1 - k]];
      }
      evaluation = std::move(swapped);
    }
    for (double& e : evaluation) e = linear->weights()[i] * e;
    anti[i] = std::move(evaluation);
  }
  // Every bid's (own, anti) utilities in the sorted order (own utility descending).
  std::vector<std::pair<double, double>> points(sorted_->size());
  Outcome bid(issues);
  for (std::size_t p = 0; p < sorted_->size(); ++p) {
    sorted_->CopyOutcome(p, bid);
    double anti_utility = 0.0;
    for (std::size_t i = 0; i < issues; ++i) {
      anti_utility += anti[i][static_cast<std::size_t>(space_->issue(i).PositionOf(bid[i]))];
    }
    points[p] = {sorted_->utility(p), std::min(anti_utility, 1.0)};
  }
  return GeniusKalaiOwnUtility(points).value_or(0.5);
}

Box BetaOne::BoxAt(double time, bool betrayed) const {
  if (time > 1 || (time >= kObserveDuration && betrayed)) return {selfish_, 1};
  if (time < kObserveDuration) {
    const double lower = Lerp(1, selfish_, time / kObserveDuration);
    return {lower, std::clamp(lower + kBoxSize, lower, 1.0)};
  }
  const double t = (time - kObserveDuration) / (1 - kObserveDuration);
  return {Lerp(selfish_, anti_kalai_ - kBoxSize / 2, t), Lerp(selfish_ + kBoxSize, anti_kalai_ + kBoxSize / 2, t)};
}

void BetaOne::Observe(const ObservedAction& action) {
  last_actor_ = action.party;
  // A mediator that rewrites offers speaks as one more party.
  if (action.party >= boxes_.size()) {
    boxes_.resize(action.party + 1);
    regressions_.resize(action.party + 1);
  }
  if (action.type != ActionType::kOffer || action.offer == nullptr) return;
  received_offer_ = true;
  last_offerer_ = action.party;
  last_offer_utility_ = action.offer_utility;
  Regression& regression = regressions_[action.party];
  regression.Add(negotiation_time_, action.offer_utility);
  const double own_slope = ((selfish_ + kBoxSize / 2) - 1) / discount_;
  const bool betrayed = regression.Slope() + own_slope < -kSlopeTolerance;
  boxes_[action.party] = BoxAt(negotiation_time_ / discount_, betrayed);
}

ActionType BetaOne::Act(const TurnState& state, Outcome& proposal) {
  if (!received_offer_) {
    sorted_->CopyOutcome(0, proposal);
    return ActionType::kOffer;
  }
  negotiation_time_ = state.time;
  if (last_offer_utility_ >= boxes_[last_actor_].lower) return ActionType::kAccept;
  const Box& box = boxes_[last_offerer_];
  const auto span = sorted_->BidsInRange(box.lower, box.upper);
  if (!span || span->count == 0) return ActionType::kEndNegotiation;
  const auto pick = static_cast<std::size_t>(free_random_.NextInt(static_cast<std::int32_t>(span->count)));
  sorted_->CopyOutcome(span->first + pick, proposal);
  return ActionType::kOffer;
}

const bool kRegistered = NegotiatorRegistry::Add(
    {"betaone",
     "BetaOne (ANAC 2018), as GENIUS runs it: per opponent a box of utilities sliding from 1 to a selfish point, "
     "then towards the Kalai point against its reversed profile unless the opponent concedes too slowly; accepts "
     "at the box's floor, offers random bids inside it.",
     {},
     [](const Spec&) { return std::make_unique<BetaOne>(); }});

}  // namespace
}  // namespace parley
