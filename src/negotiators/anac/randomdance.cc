// RandomDance (ANAC 2015, multilateral), as GENIUS 9.1.10 runs it:
// agents.anac.y2015.RandomDance.RandomDance, a NegotiationParty. It models every other party by
// value counts (three models each, whose later offers weigh 1, 1.05 or 0.95 times the one
// before) and itself by its own utilities, and each turn draws one model per party at random. It
// offers the bid that maximises a weighted sum of everyone's modelled values, raising its own
// weight until the bid clears a target that falls from the best such bid towards time's end, and
// accepts the last offer when it is worth more than the target, or in the last rounds.
// Docs: docs/strategies.md#randomdance--randomdance-anac-2015-multilateral
//
// Deliberate differences, where Parley cannot do what GENIUS does:
//  - Randomness: the original draws from Math.random(), unseeded; the port draws from a JavaRandom
//    seeded from the seed with its bits inverted. (Its seeded generator only fills a random bid
//    whose every issue is then overwritten, so the port makes no such draws.)
//  - GENIUS keys the other parties by agent id and visits them in the java.util.HashMap order of
//    those names, which Parley does not know; the port visits them in party order and itself
//    last. With two or three parties only the order of draws among parties and ties between
//    parties depend on it (sums of two terms do not).
//  - On a real issue the original's models throw; the port models it on GENIUS's 21-value grid.
//  - Where the original throws, the port carries on: with nothing to accept when it would accept
//    it offers its best bid; a search for the target whose sums are all NaN is left out; a party
//    that acted before any offer was made is left out of the choice of the party whose last bid
//    suits the others most.
//  - Like the original it ignores its reservation value except to walk away when its target falls
//    below it, so the conformance rule on the reservation value spares it.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "common/java_random.h"
#include "negotiators/anac/genius_domain.h"
#include "parley/negotiator.h"
#include "parley/utility.h"
#include "preferences/genius_bid_iterator.h"

namespace parley {
namespace {

constexpr std::size_t kNashMemory = 200;  // NashCountMax
constexpr double kAcceptSafety = 5;       // NumberOfAcceptSafety, in turns
constexpr int kTargetChecks = 3;          // NumberOfRandomTargetCheck
constexpr std::array<double, 3> kDecays = {1.0, 1.05, 0.95};

// Value positions of a bid: a countable issue's position, a real issue's point of the grid.
using Positions = std::vector<std::size_t>;

// One party's modelled values (PlayerData): per issue a score per value, divided by the largest
// score (at least 1) and multiplied by the issue's weight.
class PlayerModel {
 public:
  void Reset(const OutcomeSpace& space, double decay) {
    decay_ = decay;
    issues_.assign(space.issue_count(), {});
    for (std::size_t i = 0; i < space.issue_count(); ++i) {
      issues_[i].score.assign(GeniusValueCount(space.issue(i)), 0.0);
    }
  }
  double Value(std::size_t issue, std::size_t position) const {
    const IssueScores& s = issues_[issue];
    return s.score[position] / s.max * s.weight;
  }
  double Utility(const Positions& bid) const {
    double sum = 0;
    for (std::size_t i = 0; i < bid.size(); ++i) sum += Value(i, bid[i]);
    return sum;
  }
  // Counts an offer: its values gain the current increment, which then decays; each issue's
  // weight becomes its largest score over the sum of all issues' largest scores.
  void Count(const Positions& bid) {
    double largest_sum = 0;
    for (std::size_t i = 0; i < bid.size(); ++i) {
      IssueScores& s = issues_[i];
      s.score[bid[i]] += s.increment;
      s.max = std::max(s.max, s.score[bid[i]]);
      s.increment *= decay_;
      largest_sum += s.max;
    }
    for (IssueScores& s : issues_) s.weight = s.max / largest_sum;
  }
  // Its own model (SetMyUtility): a value scores what it adds to the worst bid, every issue
  // weighs 1 / (1 - worst utility).
  void SetOwn(std::size_t issue, std::size_t position, double score, double weight) {
    issues_[issue].score[position] = score;
    issues_[issue].weight = weight;
  }

 private:
  struct IssueScores {
    std::vector<double> score;
    double max = 1.0;
    double increment = 1.0;
    double weight = 1.0;
  };
  double decay_ = 1.0;
  std::vector<IssueScores> issues_;
};

class RandomDance final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override;
  void Observe(const ObservedAction& action) override;
  ActionType Act(const TurnState& state, Outcome& proposal) override;

 private:
  struct Opponent {
    std::array<PlayerModel, 3> models;
    std::set<Positions> counted;      // bids already counted (PlayerData.history)
    std::optional<Outcome> last_bid;  // the last offer seen when it last acted (olderBidMap)
    const PlayerModel* drawn = nullptr;
  };
  // A model and its weight in a weighted search, in the order GENIUS sums them.
  struct Term {
    const PlayerModel* model;
    double weight;
  };

  Positions PositionsOf(const Outcome& bid) const;
  double ValueAt(std::size_t issue, std::size_t position) const;
  const PlayerModel* DrawModel(Opponent& opponent) {
    return &opponent.models[static_cast<std::size_t>(static_cast<int>(math_random_.NextDouble() * 3))];
  }
  void Initialise();
  // SearchBidWithWeights: per issue the value with the highest weighted sum (the first of equals);
  // false where every sum is NaN (the original throws).
  bool BestForTerms(const std::vector<Term>& terms, Outcome& bid) const;
  std::map<std::size_t, double> PartyWeights();
  double Target(double t);
  bool SearchBid(double target, const std::map<std::size_t, double>& weights, Outcome& bid);
  bool IsAccept(double t, double target, double utility);

  const OutcomeSpace* space_ = nullptr;
  const Profile* profile_ = nullptr;
  JavaRandom math_random_{0};  // Math.random(), unseeded in GENIUS
  Outcome best_bid_;
  bool initialised_ = false;
  PlayerModel own_;
  double discount_factor_ = 1.0;
  double reservation_value_ = 0.0;
  std::map<std::size_t, Opponent> opponents_;  // by party: the port's visiting order
  std::deque<std::size_t> nash_;               // parties whose last bid suited the others most
  std::optional<Outcome> last_bid_;            // olderBid
  double previous_time_ = 0.0;
  std::vector<Term> terms_;  // scratch
  Outcome candidate_;        // scratch
};

void RandomDance::Begin(const NegotiatorContext& context) {
  space_ = context.space;
  profile_ = context.profile;
  math_random_ = JavaRandom(~static_cast<std::int64_t>(context.seed));
  best_bid_ = Outcome(space_->issue_count());
  GeniusMaxUtilityBid(profile_->utility_function().ranking(), best_bid_);
  initialised_ = false;
  opponents_.clear();
  nash_.clear();
  last_bid_.reset();
  previous_time_ = 0.0;
  candidate_ = Outcome(space_->issue_count());
}

double RandomDance::ValueAt(std::size_t issue, std::size_t position) const {
  return GeniusValueAt(space_->issue(issue), position);
}

Positions RandomDance::PositionsOf(const Outcome& bid) const {
  Positions positions(bid.size());
  for (std::size_t i = 0; i < bid.size(); ++i) {
    const Issue& issue = space_->issue(i);
    if (issue.countable()) {
      positions[i] = issue.PositionOf(bid[i]);
    } else {
      const double step = (issue.upper() - issue.lower()) / static_cast<double>(kGeniusRealSteps - 1);
      const double k = step > 0 ? std::round((bid[i] - issue.lower()) / step) : 0.0;
      positions[i] = static_cast<std::size_t>(std::clamp(k, 0.0, static_cast<double>(kGeniusRealSteps - 1)));
    }
  }
  return positions;
}

// myInit, on the first turn: its own model, reservation value and discount factor.
void RandomDance::Initialise() {
  initialised_ = true;
  own_.Reset(*space_, 1.0);
  reservation_value_ = profile_->reservation_value();
  discount_factor_ = profile_->discount_factor();
  // The original casts its profile to an additive one here; otherwise its own model stays zero.
  if (!dynamic_cast<const LinearAdditiveUtility*>(&profile_->utility_function())) return;
  Outcome worst(space_->issue_count());
  const double minimum = GeniusMinUtilityBid(profile_->utility_function().ranking(), worst);
  Outcome bid = worst;
  for (std::size_t i = 0; i < space_->issue_count(); ++i) {
    bid = worst;
    for (std::size_t k = 0; k < GeniusValueCount(space_->issue(i)); ++k) {
      bid[i] = ValueAt(i, k);
      own_.SetOwn(i, k, profile_->Utility(bid) - minimum, 1.0 / (1.0 - minimum));
    }
  }
}

void RandomDance::Observe(const ObservedAction& action) {
  auto [it, added] = opponents_.try_emplace(action.party);
  Opponent& opponent = it->second;
  if (added) {
    for (std::size_t m = 0; m < kDecays.size(); ++m) opponent.models[m].Reset(*space_, kDecays[m]);
  }
  if (action.type == ActionType::kOffer && action.offer) last_bid_ = *action.offer;
  opponent.last_bid = last_bid_;
  if (!last_bid_) return;  // the original's models skip a missing bid
  Positions positions = PositionsOf(*last_bid_);
  if (!opponent.counted.insert(positions).second) return;
  for (PlayerModel& model : opponent.models) model.Count(positions);
}

bool RandomDance::BestForTerms(const std::vector<Term>& terms, Outcome& bid) const {
  for (std::size_t i = 0; i < space_->issue_count(); ++i) {
    double best = -1;
    std::optional<std::size_t> best_position;
    for (std::size_t k = 0; k < GeniusValueCount(space_->issue(i)); ++k) {
      double sum = 0;
      for (const Term& term : terms) sum += term.model->Value(i, k) * term.weight;
      if (sum > best) {
        best = sum;
        best_position = k;
      }
    }
    if (!best_position) return false;
    bid[i] = ValueAt(i, *best_position);
  }
  return true;
}

// getWeights: a third of the time every party weighs 1; a third of the time each weighs 0.0001
// plus 1 for each time it was the party whose last bid suited the others most; a third of the
// time the parties weigh 1 and 0.01 alternately, starting at random.
std::map<std::size_t, double> RandomDance::PartyWeights() {
  std::map<std::size_t, double> weights;
  const int rule = static_cast<int>(math_random_.NextDouble() * 3);
  if (rule == 0) {
    for (const auto& [party, opponent] : opponents_) weights[party] = 0.0001;
    for (std::size_t party : nash_) weights[party] = weights[party] + 1.0;
  } else if (rule == 2) {
    bool heavy = math_random_.NextDouble() < 0.5;
    for (const auto& [party, opponent] : opponents_) {
      weights[party] = heavy ? 1.0 : 0.01;
      heavy = !heavy;
    }
  } else {
    for (const auto& [party, opponent] : opponents_) weights[party] = 1.0;
  }
  return weights;
}

// GetTarget: the best of three searches with everyone weighing 1 (each with freshly drawn models)
// sets how high the target starts; it falls with t^d (t^3 when undiscounted).
double RandomDance::Target(double t) {
  double best = 0;
  for (int check = 0; check < kTargetChecks; ++check) {
    terms_.clear();
    for (auto& [party, opponent] : opponents_) terms_.push_back({DrawModel(opponent), 1.0});
    terms_.push_back({&own_, 1.0});
    if (!BestForTerms(terms_, candidate_)) continue;  // all sums NaN (see the header)
    best = std::max(best, profile_->Utility(candidate_));
  }
  double target = 1.0 - (1.0 - best) * std::pow(t, discount_factor_);
  if (discount_factor_ > 0.99) target = 1.0 - (1.0 - best) * std::pow(t, 3);
  return target;
}

// SearchBid: the parties' weights scaled to sum to 1, its own weight w / (1 - w) for w = 0, 0.01,
// ... below 9.999, the first bid worth more than the target; else its best bid.
bool RandomDance::SearchBid(double target, const std::map<std::size_t, double>& weights, Outcome& bid) {
  double sum = 0;
  for (const auto& [party, weight] : weights) sum += weight;
  terms_.clear();
  for (const auto& [party, opponent] : opponents_) terms_.push_back({opponent.drawn, weights.at(party) / sum});
  terms_.push_back({&own_, 0.0});
  for (double w = 0; w < 9.999; w += 0.01) {
    terms_.back().weight = w / (1.0 - w);
    if (!BestForTerms(terms_, bid)) return false;
    if (profile_->Utility(bid) > target) return true;
  }
  bid = best_bid_;
  return true;
}

// Accepts in the last turns (when five more turns of the last interval would pass the deadline)
// or when the last offer is worth more than the target.
bool RandomDance::IsAccept(double t, double target, double utility) {
  const double interval = t - previous_time_;
  previous_time_ = t;
  if (t + interval * kAcceptSafety > 1.0) return true;
  if (!last_bid_) return false;
  return utility > target;
}

ActionType RandomDance::Act(const TurnState& state, Outcome& proposal) {
  if (!initialised_) Initialise();
  for (auto& [party, opponent] : opponents_) opponent.drawn = DrawModel(opponent);
  // The party whose last bid the others' drawn models (and its own) like best, by product.
  double best_product = -999;
  std::optional<std::size_t> best_party;
  for (const auto& [party, opponent] : opponents_) {
    if (!opponent.last_bid) continue;  // the original throws here (see the header)
    const Positions positions = PositionsOf(*opponent.last_bid);
    double product = 1.0;
    for (const auto& [other, model] : opponents_) {
      if (other != party) product *= model.drawn->Utility(positions);
    }
    product *= own_.Utility(positions);
    if (product > best_product) {
      best_product = product;
      best_party = party;
    }
  }
  if (best_party) nash_.push_back(*best_party);
  while (nash_.size() > kNashMemory) nash_.pop_front();

  const std::map<std::size_t, double> weights = PartyWeights();
  const double target = Target(state.time);
  const double utility = last_bid_ ? profile_->Utility(*last_bid_) : 0.0;
  const bool searched = SearchBid(target, weights, proposal);
  ActionType action = ActionType::kOffer;
  if (!searched || IsAccept(state.time, target, utility)) action = ActionType::kAccept;
  if (target < reservation_value_) action = ActionType::kEndNegotiation;
  if (action == ActionType::kAccept && !state.current_offer) {
    proposal = best_bid_;  // nothing to accept (see the header)
    return ActionType::kOffer;
  }
  return action;
}

const bool kRegistered = NegotiatorRegistry::Add(
    {"randomdance",
     "RandomDance (ANAC 2015), as GENIUS runs it: offers the bid that best serves a weighted sum of randomly drawn "
     "value-count models of every party, its own weight raised until the bid clears a falling target.",
     {},
     [](const Spec&) { return std::make_unique<RandomDance>(); }});

}  // namespace
}  // namespace parley
