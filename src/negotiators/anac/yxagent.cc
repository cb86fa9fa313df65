// YXAgent (ANAC 2016 finalist, multilateral), as GENIUS 9.1.10 runs it:
// agents.anac.y2016.yxagent.YXAgent, a NegotiationParty. Its offers are random bids drawn until one
// is worth at least a threshold: 0.7 for its opening offer, then the highest of 0.7, 1 - 0.1 per
// opponent and its reservation value. It accepts the last offer when that is worth more than the
// threshold; after its tenth turn, more than the estimate of what that offer is worth to the
// "toughest" opponent (frequency model) minus 0.075 per opponent, if higher. At its second turn it
// walks away when its reservation value is high for its discount factor (a table per number of
// opponents).
// Docs: docs/strategies.md#yxagent--yxagent-anac-2016-multilateral
//
// Deliberate differences, where Parley cannot do what GENIUS does:
//  - Randomness: the original draws every value of every random bid from a fresh unseeded
//    `new Random()`. The port draws them, one nextInt per issue in issue order as the original,
//    from one JavaRandom seeded from the context seed, so that a Parley run is reproducible.
//  - Clock: the original reads System.currentTimeMillis() at the start and at every turn, and
//    turns the milliseconds elapsed into a whole number of 3-minute spans (ANAC 2016's deadline,
//    truncated to a long). That number is 0 in any session shorter than 3 minutes: every session
//    of an ANAC 2016 tournament and every recorded GENIUS session. The port holds it at 0: its
//    model's increments are then the constants 1/30000 (values), 1/(100 issues) (issues), or in a
//    domain with an integer issue 1/955 and 1/(10 issues), and the model-based acceptance is on
//    at every turn after the tenth, as in GENIUS's sessions.
//  - Opponent order: the toughest opponent is the first with the largest score in the iteration
//    order of a java.util.HashMap keyed by the opponents' GENIUS ids ("<class>@<position>"), so an
//    exact tie goes to the first of them there. Parley's parties have no ids; the port gives a tie
//    to the opponent with the highest position, which is that order for ids of one class at
//    positions 1 to 3 in the recorded sessions (BoulwareNegotiationParty@k,
//    TimeDependentAgentBoulware@k iterate @3, @2, @1).
//  - Discrete values are compared by value where the original compares Value objects by
//    reference; they are the same objects whenever an opponent builds its bids from its domain's
//    values, as GENIUS's agents do.
//  - Where the original would draw for ever (no bid reaches the threshold) or throws (real issues,
//    which its model cannot hold; no toughest opponent after the tenth turn, in a domain whose
//    issues all have one value), the port offers its best bid after kMaxDraws misses, leaves real
//    issues out of its value model, and counts the estimate as 0.
//  - Its opening offer is drawn against 0.7 whatever its reservation value, so it may open below
//    it; the conformance rule on the reservation value spares it.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <vector>

#include "common/java_random.h"
#include "negotiators/anac/genius_random_bid.h"
#include "parley/negotiator.h"
#include "preferences/genius_bid_iterator.h"

namespace parley {
namespace {

class YXAgent final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override;
  void Observe(const ObservedAction& action) override;
  ActionType Act(const TurnState& state, Outcome& proposal) override;

 private:
  static constexpr double kMinimalThreshold = 0.7;
  static constexpr double kDeductionPerOpponent = 0.1;
  static constexpr int kModelTurns = 10;  // integer values are learnt from the offers up to this turn
  static constexpr int kMaxDraws = 100000;

  // The original's model of one opponent.
  struct Opponent {
    std::size_t party = 0;
    std::vector<double> issue_weight;
    // Per issue and value position: discrete values from 1, integer values once learnt (empty
    // before), nothing for real issues.
    std::vector<std::vector<double>> value_weight;
    std::vector<std::vector<double>> integer_offers;  // per issue, the integer values offered early
    bool has_bid = false;
    Outcome last_bid;
    double toughness = 0.0;  // the sum over issues of the largest 1 - value weight
  };

  Opponent& OpponentOf(std::size_t party);
  void UpdateModel(Opponent& opponent, const Outcome& bid);
  void LearnIntegerValues();
  void UpdateIssueWeights(Opponent& opponent, const Outcome& bid) const;
  void UpdateValueWeights(Opponent& opponent, const Outcome& bid) const;
  bool SameIntegerSection(std::size_t issue, double previous, double current) const;
  void FindToughest();
  double Estimate(const Opponent& opponent, const Outcome& bid) const;
  bool WalksAway() const;
  // A random bid worth at least `threshold`, or the best bid where the original would never stop.
  void DrawBid(double threshold, Outcome& bid);

  const OutcomeSpace* space_ = nullptr;
  const Profile* profile_ = nullptr;
  std::size_t issues_ = 0;
  double reservation_ = 0.0;
  double discount_ = 1.0;
  bool has_integer_issue_ = false;
  Outcome best_bid_;
  double best_utility_ = 0.0;
  JavaRandom random_{0};

  int turns_ = 0;
  bool integer_values_learnt_ = false;
  bool walk_away_checked_ = false;
  std::vector<Opponent> opponents_;  // in order of first appearance
  const Opponent* toughest_ = nullptr;
  bool received_ = false;
  Outcome last_offer_;
  double last_offer_utility_ = 0.0;
};

void YXAgent::Begin(const NegotiatorContext& context) {
  space_ = context.space;
  profile_ = context.profile;
  issues_ = space_->issue_count();
  reservation_ = profile_->reservation_value();
  discount_ = profile_->discount_factor();
  has_integer_issue_ = false;
  for (const Issue& issue : space_->issues())
    has_integer_issue_ = has_integer_issue_ || issue.kind() == IssueKind::kInteger;
  best_bid_ = Outcome(issues_);
  best_utility_ = GeniusMaxUtilityBid(profile_->utility_function().ranking(), best_bid_);
  random_ = JavaRandom(static_cast<std::int64_t>(context.seed));
  turns_ = 0;
  integer_values_learnt_ = false;
  walk_away_checked_ = false;
  opponents_.clear();
  opponents_.reserve(context.party_count);
  toughest_ = nullptr;
  received_ = false;
  last_offer_utility_ = 0.0;
}

YXAgent::Opponent& YXAgent::OpponentOf(std::size_t party) {
  for (Opponent& opponent : opponents_) {
    if (opponent.party == party) return opponent;
  }
  const std::size_t toughest = toughest_ ? static_cast<std::size_t>(toughest_ - opponents_.data()) : 0;
  Opponent& opponent = opponents_.emplace_back();
  if (toughest_) toughest_ = &opponents_[toughest];  // the vector may have moved
  opponent.party = party;
  opponent.issue_weight.assign(issues_, 1.0 / static_cast<double>(issues_));
  opponent.value_weight.resize(issues_);
  opponent.integer_offers.resize(issues_);
  for (std::size_t i = 0; i < issues_; ++i) {
    if (space_->issue(i).kind() == IssueKind::kDiscrete)
      opponent.value_weight[i].assign(space_->issue(i).cardinality(), 1.0);
  }
  return opponent;
}

void YXAgent::Observe(const ObservedAction& action) {
  Opponent& opponent = OpponentOf(action.party);  // any message makes its sender an opponent
  if (action.type != ActionType::kOffer || action.offer == nullptr) return;
  last_offer_ = *action.offer;
  last_offer_utility_ = action.offer_utility;
  received_ = true;
  UpdateModel(opponent, last_offer_);
}

void YXAgent::UpdateModel(Opponent& opponent, const Outcome& bid) {
  if (turns_ <= kModelTurns) {
    for (std::size_t i = 0; i < issues_; ++i) {
      if (space_->issue(i).kind() == IssueKind::kInteger) opponent.integer_offers[i].push_back(bid[i]);
    }
    if (turns_ == kModelTurns && !integer_values_learnt_) LearnIntegerValues();
  }
  if (opponent.has_bid && turns_ >= kModelTurns) UpdateIssueWeights(opponent, bid);
  UpdateValueWeights(opponent, bid);
  opponent.last_bid = bid;
  opponent.has_bid = true;
  FindToughest();
}

// Each integer issue's values get weights falling linearly from 1 at the end of its range where
// most of the early offers lay (the lower half including the middle) to 0 at the other end.
void YXAgent::LearnIntegerValues() {
  for (Opponent& opponent : opponents_) {
    for (std::size_t i = 0; i < issues_; ++i) {
      const Issue& issue = space_->issue(i);
      if (issue.kind() != IssueKind::kInteger) continue;
      const auto lower = static_cast<std::int64_t>(issue.lower());
      const auto upper = static_cast<std::int64_t>(issue.upper());
      const std::int64_t middle = (lower + upper) / 2;
      const double step = 1.0 / static_cast<double>(upper - lower);
      int below = 0;
      int above = 0;
      for (double value : opponent.integer_offers[i]) {
        if (static_cast<std::int64_t>(value) <= middle) {
          ++below;
        } else {
          ++above;
        }
      }
      std::vector<double>& weight = opponent.value_weight[i];
      const auto last = static_cast<std::size_t>(upper - lower);
      weight.assign(last + 1, 0.0);
      const bool falling = below > above;
      double level = falling ? 1.0 : 0.0;
      for (std::size_t k = 1; k < last; ++k) {
        level = falling ? level - step : level + step;
        weight[k] = level;
      }
      // The end weighted 0 is set last, so a range of one value gets 0.
      weight[falling ? 0 : last] = 1.0;
      weight[falling ? last : 0] = 0.0;
    }
  }
  integer_values_learnt_ = true;
}

// Integer values count as repeated when both fall in the same fifth of the range, as the original
// cuts it (a whole-number width, the last fifth ending at the upper bound).
bool YXAgent::SameIntegerSection(std::size_t issue, double previous, double current) const {
  const auto lower = static_cast<std::int64_t>(space_->issue(issue).lower());
  const auto upper = static_cast<std::int64_t>(space_->issue(issue).upper());
  const auto width = static_cast<double>((upper - lower + 1) / 5);
  double bounds[5];
  double bound = static_cast<double>(lower) + width;
  for (int k = 0; k < 4; ++k) {
    bounds[k] = bound;
    bound += width;
  }
  bounds[4] = static_cast<double>(upper);
  if (previous <= bounds[0] && current <= bounds[0]) return true;
  for (int k = 1; k < 5; ++k) {
    if (previous <= bounds[k] && current <= bounds[k] && previous > bounds[k - 1] && current > bounds[k - 1]) {
      return true;
    }
  }
  return false;
}

// An issue whose value the opponent repeated gains weight; then the weights are normalised.
void YXAgent::UpdateIssueWeights(Opponent& opponent, const Outcome& bid) const {
  const double gain = 1.0 / static_cast<double>(static_cast<int>(issues_) * (has_integer_issue_ ? 10 : 100));
  double sum = 0.0;
  for (std::size_t i = 0; i < issues_; ++i) {
    const bool repeated = space_->issue(i).kind() == IssueKind::kInteger && has_integer_issue_
                              ? SameIntegerSection(i, opponent.last_bid[i], bid[i])
                              : opponent.last_bid[i] == bid[i];
    if (repeated) opponent.issue_weight[i] = opponent.issue_weight[i] + gain;
    sum += opponent.issue_weight[i];
  }
  for (std::size_t i = 0; i < issues_; ++i) opponent.issue_weight[i] = opponent.issue_weight[i] / sum;
}

// The offered discrete values gain weight; then each discrete issue's weights are divided by their
// largest.
void YXAgent::UpdateValueWeights(Opponent& opponent, const Outcome& bid) const {
  const double gain = has_integer_issue_ ? 1.0 / 955 : 1.0 / 30000;
  for (std::size_t i = 0; i < issues_; ++i) {
    if (space_->issue(i).kind() != IssueKind::kDiscrete) continue;
    double& weight = opponent.value_weight[i][space_->issue(i).PositionOf(bid[i])];
    weight = weight + gain;
  }
  for (std::size_t i = 0; i < issues_; ++i) {
    if (space_->issue(i).kind() != IssueKind::kDiscrete) continue;
    std::vector<double>& weights = opponent.value_weight[i];
    double largest = 0.0;
    for (double w : weights) largest = std::max(largest, w);
    for (double& w : weights) w = w / largest;
  }
}

void YXAgent::FindToughest() {
  for (Opponent& opponent : opponents_) {
    double sum = 0.0;
    for (std::size_t i = 0; i < issues_; ++i) {
      double largest = 0.0;
      if (space_->issue(i).kind() == IssueKind::kDiscrete) {
        for (double w : opponent.value_weight[i]) largest = std::max(largest, 1.0 - w);
      }
      sum += largest;
    }
    opponent.toughness = sum;
  }
  // The highest position first (see the header); a strictly larger score wins.
  std::vector<const Opponent*> order;
  for (const Opponent& opponent : opponents_) order.push_back(&opponent);
  std::sort(order.begin(), order.end(), [](const Opponent* a, const Opponent* b) { return a->party > b->party; });
  double toughest = 0.0;
  for (const Opponent* opponent : order) {
    if (opponent->toughness > toughest) {
      toughest = opponent->toughness;
      toughest_ = opponent;
    }
  }
}

// What `bid` is worth to `opponent` by its model: issue weight times value weight, summed.
double YXAgent::Estimate(const Opponent& opponent, const Outcome& bid) const {
  double estimate = 0.0;
  for (std::size_t i = 0; i < issues_; ++i) {
    const Issue& issue = space_->issue(i);
    if (!issue.countable() || opponent.value_weight[i].empty()) continue;
    estimate += opponent.issue_weight[i] * opponent.value_weight[i][issue.PositionOf(bid[i])];
  }
  return estimate;
}

// The original's table: for each discount factor 1.00, 0.99, ..., 0.00 (counted down in steps of
// 0.01 and rounded to two decimals) a reservation value from which it walks away, falling from
// 0.95 (one opponent), 0.86 (two) or 0.75 (more).
bool YXAgent::WalksAway() const {
  const std::size_t opponents = opponents_.size();
  double limit = opponents >= 3 ? 0.75 : opponents == 2 ? 0.86 : 0.95;
  bool walk = false;
  for (double d = 1.0; d >= 0.0; d -= 0.01) {
    const double rounded = std::round(d * 100.0) / 100.0;
    if (discount_ == rounded && reservation_ >= limit) walk = true;
    if (opponents >= 3) {
      limit -= 0.005;
    } else if (opponents == 2) {
      limit -= 0.006;
    } else {
      limit = (limit - 0.005) * 0.998;
    }
  }
  return walk;
}

void YXAgent::DrawBid(double threshold, Outcome& bid) {
  if (best_utility_ >= threshold) {
    for (int draw = 0; draw < kMaxDraws; ++draw) {
      GeniusPartyRandomBid(*space_, random_, bid);
      if (profile_->Utility(bid) >= threshold) return;
    }
  }
  bid = best_bid_;
}

ActionType YXAgent::Act(const TurnState& state, Outcome& proposal) {
  ++turns_;
  if (state.current_offer == nullptr) {  // the opening turn, where it may only offer
    DrawBid(kMinimalThreshold, proposal);
    return ActionType::kOffer;
  }
  const auto opponents = static_cast<double>(opponents_.size());
  const double threshold = std::max(std::max(kMinimalThreshold, 1 - opponents * kDeductionPerOpponent), reservation_);
  if (!walk_away_checked_ && turns_ > 1 && !opponents_.empty()) {
    walk_away_checked_ = true;
    if (WalksAway()) return ActionType::kEndNegotiation;
  }
  DrawBid(threshold, proposal);
  double accept_above = threshold;
  if (turns_ > kModelTurns && received_) {
    const double estimate = toughest_ ? Estimate(*toughest_, last_offer_) : 0.0;
    accept_above = std::max(threshold, estimate - opponents * kDeductionPerOpponent * 3 / 4);
  }
  return received_ && last_offer_utility_ > accept_above ? ActionType::kAccept : ActionType::kOffer;
}

const bool kRegistered = NegotiatorRegistry::Add(
    {"yxagent",
     "YXAgent (ANAC 2016), as GENIUS runs it: random bids above max(0.7, 1 - 0.1 per opponent, reservation "
     "value); accepts above that, or above a frequency model's estimate for the toughest opponent.",
     {},
     [](const Spec&) { return std::make_unique<YXAgent>(); }});

}  // namespace
}  // namespace parley
