// NegMAS's Nice Tit for Tat, negmas.gb.negotiators.titfortat.NiceTitForTatNegotiator with its
// defaults: a MAP negotiator whose opponent model is FrequencyLinearUFunModel, whose bidding is
// NiceTitForTatOfferingPolicy (target "nash") and whose acceptance is ACCombi. Each step it rebuilds
// the Pareto frontier of its own normalised utility against the model, takes the Nash point on its
// rational part, sets its target from how far the opponent's best offer has moved from its first
// (as a fraction of the way to its Nash utility) and a concession bonus, offers the frontier outcome
// at or above the target that the model likes best, or the opponent's best offer when that is worth
// as much; it accepts an offer worth its planned offer (normalised), or anything rational from
// relative time t = 0.98. Docs: docs/strategies.md#negmas-nice-tft--negmass-nicetitfortatnegotiator
//
// NegMAS's step is Parley's round and its relative time Parley's time (SAOMechanism's defaults).
// With SAOMechanism's default callbacks the model counts each partner offer when it is made and
// again when it responds to it; the port does the same.
//
// Deliberate differences, where Parley cannot do what NegMAS does or NegMAS does not decide:
//  - Frontier order: NegMAS lists the frontier by descending sum of the two utilities after numpy's
//    default argsort, whose order of equal sums is not defined beyond 16 outcomes; the port puts
//    equal sums in descending outcome order, what that argsort gives up to 16 outcomes.
//  - Above 10,000 outcomes NegMAS's AdaptiveParetoSampler switches to MOBANOS (an exact frontier
//    by another algorithm, so another order); the port keeps the exact frontier and its order. On
//    spaces of more than 65,536 outcomes (or with a real issue) it uses the 65,536 outcomes of its
//    own ranking that are best for it.
//  - Its normalised utility is u * s + h with NegMAS's scale s and shift h, not NegMAS's chain of
//    scaled weights, so scaled profiles may differ in the last bit; its limits are exact where
//    NegMAS samples 1000 outcomes for them on larger spaces.
//  - Where no frontier outcome reaches its target (only by rounding) NegMAS samples up to 100
//    outcomes of the band with Python's random module; the port takes the first 100 of the band in
//    its ranking's order. Where no frontier point is rational (a reservation value above its best)
//    NegMAS rebuilds the frontier with pareto_frontier; the port uses the same frontier unfiltered.
//  - The discount of the bonus is the profile's discount factor; utilities are read undiscounted
//    (a discounted NegMAS utility function scales them and their limits alike).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "negotiators/negmas/negmas_normalised.h"
#include "parley/negotiator.h"
#include "parley/outcome_ranking.h"

namespace parley {
namespace {

struct NiceTftParameters {
  double a = 1.0;
  double b = 0.0;
  double t = 0.98;
};

// FrequencyLinearUFunModel: per issue, how often each value was offered, in the order values first
// appeared (the order NegMAS's dicts sum them in).
class FrequencyLinearModel {
 public:
  void Reset(const OutcomeSpace& space) {
    space_ = &space;
    counts_.assign(space.issue_count(), {});
    slots_.assign(space.issue_count(), {});
    weights_.assign(space.issue_count(), 0.0);
    total_ = 0;
  }

  // The value an offer is counted under: itself on countable issues, the nearest of 10 evenly
  // spaced points (the first on a tie) on a real one.
  double Bucket(std::size_t issue, double value) const {
    const Issue& spec = space_->issue(issue);
    if (spec.kind() != IssueKind::kReal) return value;
    constexpr int kLevels = 10;
    const double step = (spec.upper() - spec.lower()) / (kLevels - 1);
    double best = 0.0;
    double best_distance = INFINITY;
    for (int level = 0; level < kLevels; ++level) {
      const double point = level == kLevels - 1 ? spec.upper() : level * step + spec.lower();
      const double distance = std::abs(point - value);
      if (distance < best_distance) {
        best_distance = distance;
        best = point;
      }
    }
    return best;
  }

  void Observe(const Outcome& offer) {
    for (std::size_t issue = 0; issue < counts_.size(); ++issue) {
      const double bucket = Bucket(issue, offer[issue]);
      auto [slot, added] = slots_[issue].emplace(bucket, counts_[issue].size());
      if (added) counts_[issue].push_back({bucket, 0});
      ++counts_[issue][slot->second].second;
    }
    ++total_;
    for (std::size_t issue = 0; issue < counts_.size(); ++issue) {
      std::int64_t total = 0;
      for (const auto& [bucket, count] : counts_[issue]) total += count;
      double sum = 0.0;
      for (const auto& [bucket, count] : counts_[issue]) {
        const double share = static_cast<double>(count) / static_cast<double>(total);
        sum += share * std::log(share);
      }
      double entropy = -sum;
      if (counts_[issue].size() > 1) entropy /= std::log(static_cast<double>(counts_[issue].size()));
      weights_[issue] = 1.0 - entropy;
    }
  }

  bool learned() const { return total_ > 0; }
  double weight(std::size_t issue) const { return weights_[issue]; }
  // count / the issue's largest count.
  double Score(std::size_t issue, double bucket) const {
    std::int64_t largest = 0;
    for (const auto& entry : counts_[issue]) largest = std::max(largest, entry.second);
    const auto slot = slots_[issue].find(bucket);
    const std::int64_t count = slot == slots_[issue].end() ? 0 : counts_[issue][slot->second].second;
    return largest > 0 ? static_cast<double>(count) / static_cast<double>(largest) : 0.0;
  }

 private:
  const OutcomeSpace* space_ = nullptr;
  std::vector<std::vector<std::pair<double, std::int64_t>>> counts_;
  std::vector<std::map<double, std::size_t>> slots_;
  std::vector<double> weights_;
  std::int64_t total_ = 0;
};

class NegmasNiceTft final : public Negotiator {
 public:
  explicit NegmasNiceTft(const NiceTftParameters& parameters) : parameters_(parameters) {}

  void Begin(const NegotiatorContext& context) override {
    space_ = context.space;
    utility_function_ = &context.profile->utility_function();
    const OutcomeRanking& ranking = utility_function_->ranking();
    reservation_value_ = context.profile->reservation_value();
    discount_ = context.profile->discount_factor();
    big_ = !space_->cardinality() || *space_->cardinality() > 3000;
    minimum_ = ranking.worst_utility();
    maximum_ = ranking.best_utility();
    SetNormalisation();
    model_.Reset(*space_);
    LoadOutcomes(ranking);
    opponent_first_.reset();
    opponent_best_.reset();
    opponent_best_bid_.reset();
    point_step_ = -1;
    point_.reset();
    offer_step_ = -1;
  }

  void Observe(const ObservedAction& action) override {
    if (action.type == ActionType::kOffer && action.offer != nullptr) model_.Observe(*action.offer);
  }

  ActionType Act(const TurnState& state, Outcome& proposal) override {
    const auto step = static_cast<std::int64_t>(state.round);
    if (state.current_offer != nullptr) {
      const Outcome& offer = *state.current_offer;
      model_.Observe(offer);
      RecordOpponentOffer(offer, state.current_offer_utility);
      if (state.time >= parameters_.t) {
        if (state.current_offer_utility >= reservation_value_) return ActionType::kAccept;
      } else {
        const double offered = NegmasNormalised(state.current_offer_utility, minimum_, maximum_, reservation_value_);
        const double planned =
            NegmasNormalised(Propose(step, state.time).utility, minimum_, maximum_, reservation_value_);
        if (parameters_.a * offered + parameters_.b >= planned) return ActionType::kAccept;
      }
    }
    proposal = Propose(step, state.time).outcome;
    return ActionType::kOffer;
  }

 private:
  struct Bid {
    Outcome outcome;
    double utility = 0.0;  // raw
  };

  // BaseUtilityFunction.normalize(normalize_reserved_values=True): unchanged when already within
  // 1e-6 of [0, 1], constant below a range of 1e-10, else scaled by 1 / range and shifted so that
  // the best is 1, the reservation value with it.
  void SetNormalisation() {
    constant_ = false;
    scale_ = 1.0;
    shift_ = 0.0;
    if (std::abs(minimum_ - 0.0) < 1e-6 && std::abs(maximum_ - 1.0) < 1e-6) {
      normalised_reservation_ = reservation_value_;
    } else if (maximum_ - minimum_ < 1e-10) {
      constant_ = true;
      constant_value_ = maximum_ < reservation_value_ ? 0.0 : 1.0;
      normalised_reservation_ = maximum_ < reservation_value_ ? 1.0 : 0.0;
    } else {
      scale_ = 1.0 / (maximum_ - minimum_);
      shift_ = 1.0 - scale_ * maximum_;
      normalised_reservation_ = reservation_value_ * scale_ + shift_;
    }
    normalised_minimum_ = Normalise(minimum_);
    normalised_maximum_ = Normalise(maximum_);
  }

  double Normalise(double utility) const {
    if (constant_) return constant_value_;
    if (scale_ == 1.0 && shift_ == 0.0) return utility;
    return utility * scale_ + shift_;
  }
  // The normalised utility function's eval_normalized.
  double NormalisedTwice(double utility) const {
    return NegmasNormalised(Normalise(utility), normalised_minimum_, normalised_maximum_, normalised_reservation_);
  }

  void LoadOutcomes(const OutcomeRanking& ranking) {
    constexpr std::size_t kMaxOutcomes = std::size_t{1} << 16;
    outcomes_.clear();
    utilities_.clear();
    Outcome outcome(space_->issue_count());
    if (ranking.exhaustive() && ranking.size() <= kMaxOutcomes) {
      for (OutcomeIndex index = 0; index < *space_->cardinality(); ++index) {
        space_->Decode(index, outcome);
        outcomes_.push_back(outcome);
      }
    } else {
      const std::size_t count = std::min(ranking.size(), kMaxOutcomes);
      for (std::size_t rank = ranking.size() - count; rank < ranking.size(); ++rank) {
        ranking.CopyOutcome(rank, outcome);
        outcomes_.push_back(outcome);
      }
    }
    normalised_.clear();
    for (const Outcome& each : outcomes_) {
      utilities_.push_back(utility_function_->Utility(each));
      normalised_.push_back(Normalise(utilities_.back()));
    }
    own_order_.resize(outcomes_.size());
    for (std::size_t i = 0; i < own_order_.size(); ++i) own_order_[i] = i;
    std::sort(own_order_.begin(), own_order_.end(), [&](std::size_t x, std::size_t y) {
      if (normalised_[x] != normalised_[y]) return normalised_[x] > normalised_[y];
      return x > y;
    });
    // Each outcome's bucket per issue, as an index into that issue's distinct buckets.
    const std::size_t issues = space_->issue_count();
    bucket_values_.assign(issues, {});
    bucket_ids_.assign(outcomes_.size() * issues, 0);
    for (std::size_t issue = 0; issue < issues; ++issue) {
      std::map<double, std::uint32_t> ids;
      for (std::size_t i = 0; i < outcomes_.size(); ++i) {
        const double bucket = model_.Bucket(issue, outcomes_[i][issue]);
        auto [slot, added] = ids.emplace(bucket, static_cast<std::uint32_t>(bucket_values_[issue].size()));
        if (added) bucket_values_[issue].push_back(bucket);
        bucket_ids_[i * issues + issue] = slot->second;
      }
    }
  }

  // FrequencyLinearUFunModel.eval of every outcome: the weighted mean of the issues' scores, the
  // plain mean when no issue has weight, 0.5 before any offer.
  void EstimateAll() {
    const std::size_t issues = space_->issue_count();
    estimates_.assign(outcomes_.size(), 0.5);
    if (!model_.learned() || issues == 0) return;
    std::vector<std::vector<double>> scores(issues);
    double weight_sum = 0.0;
    for (std::size_t issue = 0; issue < issues; ++issue) {
      for (double bucket : bucket_values_[issue]) scores[issue].push_back(model_.Score(issue, bucket));
      weight_sum += model_.weight(issue);
    }
    for (std::size_t i = 0; i < outcomes_.size(); ++i) {
      double sum = 0.0;
      for (std::size_t issue = 0; issue < issues; ++issue) {
        const double score = scores[issue][bucket_ids_[i * issues + issue]];
        sum += weight_sum <= 0.0 ? score : score * model_.weight(issue);
      }
      estimates_[i] = weight_sum <= 0.0 ? sum / static_cast<double>(issues) : sum / weight_sum;
    }
  }

  // pareto_frontier_numpy(sort_by_welfare=False) of (normalised utility, estimate): one outcome per
  // undominated pair (the first in its presorted order, so the last in outcome order), listed by
  // descending sum, equal sums in descending outcome order.
  void BuildFrontier() {
    frontier_.clear();
    double best_above = -INFINITY;  // the highest estimate among strictly better own utilities
    for (std::size_t start = 0; start < own_order_.size();) {
      // A group of equal own utility, highest position first: its first highest estimate stands
      // for the group's best pair (the only one that can be undominated).
      std::size_t end = start;
      std::size_t group_best = own_order_[start];
      while (end < own_order_.size() && normalised_[own_order_[end]] == normalised_[own_order_[start]]) {
        if (estimates_[own_order_[end]] > estimates_[group_best]) group_best = own_order_[end];
        ++end;
      }
      if (estimates_[group_best] > best_above) frontier_.push_back(group_best);
      best_above = std::max(best_above, estimates_[group_best]);
      start = end;
    }
    std::stable_sort(frontier_.begin(), frontier_.end(), [&](std::size_t x, std::size_t y) {
      const double sum_x = normalised_[x] + estimates_[x];
      const double sum_y = normalised_[y] + estimates_[y];
      if (sum_x != sum_y) return sum_x > sum_y;
      return x > y;
    });
  }

  // _target_point with nash_points: its own utility at the first frontier point (of the rational
  // ones) whose product of gains is within 1e-12 of the largest; every point when a range is empty.
  std::optional<double> NashUtility() const {
    std::vector<std::size_t> points;
    for (std::size_t i : frontier_) {
      if (std::isfinite(normalised_[i]) && std::isfinite(estimates_[i]) && normalised_[i] >= normalised_reservation_ &&
          estimates_[i] >= 0.0) {
        points.push_back(i);
      }
    }
    if (points.empty()) points = frontier_;
    if (points.empty()) return std::nullopt;
    double own_low = INFINITY, own_high = -INFINITY, other_low = INFINITY, other_high = -INFINITY;
    for (std::size_t i : points) {
      own_low = std::min(own_low, normalised_[i]);
      own_high = std::max(own_high, normalised_[i]);
      other_low = std::min(other_low, estimates_[i]);
      other_high = std::max(other_high, estimates_[i]);
    }
    // The model's reservation value is 0.
    if (!(normalised_reservation_ < own_low)) own_low = normalised_reservation_;
    if (!(0.0 < other_low)) other_low = 0.0;
    constexpr double kEps = 1e-12;
    if (own_high - own_low <= kEps || other_high - other_low <= kEps) return normalised_[points.front()];
    std::vector<double> products;
    double best = -INFINITY;
    for (std::size_t i : points) {
      double product = 1.0;
      product *= normalised_[i] - own_low;
      product *= estimates_[i] - other_low;
      products.push_back(product);
      best = std::max(best, product);
    }
    for (std::size_t k = 0; k < points.size(); ++k) {
      if (products[k] >= best - kEps) return normalised_[points[k]];
    }
    return std::nullopt;
  }

  // The concession bonus: max(0.5 - 0.4 d, a ramp of 20 per unit of time from 0.91, or 0.85
  // beyond 3000 outcomes), within [0, 1].
  double Bonus(double time) const {
    const double discount = discount_ > 0.0 && discount_ <= 1.0 ? discount_ : 1.0;
    const double discount_bonus = 0.5 - 0.4 * discount;
    const double start = big_ ? 0.85 : 0.91;
    double time_bonus = 0.0;
    if (time > start) time_bonus = std::min(1.0, 20.0 * (time - start));
    return std::min(1.0, std::max(0.0, std::max(discount_bonus, time_bonus)));
  }

  // NiceTitForTatOfferingPolicy, computed once per step (OfferingPolicy.propose caches it).
  const Bid& Propose(std::int64_t step, double time) {
    if (offer_step_ == step) return offer_;
    offer_step_ = step;
    EstimateAll();
    BuildFrontier();
    if (step - point_step_ >= 1 || !point_) {
      point_ = NashUtility();
      point_step_ = step;
    }
    const double reserved = std::isfinite(normalised_reservation_) ? normalised_reservation_ : 0.0;
    const double first = opponent_first_ ? *opponent_first_ : 1.0;
    const double best_offered = opponent_best_ ? *opponent_best_ : first;
    const double initial_gap = 1.0 - first;
    const double base_nash = point_ ? *point_ : 0.7;
    double my_nash = base_nash * std::max(0.0, 1.4 - 0.6 * initial_gap);
    my_nash = std::min(1.0, std::max({0.5, reserved, my_nash}));
    const double denominator = my_nash - first;
    const double factor = denominator > 1e-9 ? std::min(1.0, std::max(0.0, (best_offered - first) / denominator)) : 0.0;
    double target = 1.0 - factor * (1.0 - my_nash);
    target -= Bonus(time) * std::max(0.0, target - my_nash);
    target = std::min(std::max(target, reserved), 1.0);

    std::size_t chosen = BestForOpponent(target);
    offer_ = Bid{outcomes_[chosen], utilities_[chosen]};
    // makeAppropriate: the opponent's best offer when it is worth at least as much.
    if (opponent_best_bid_) {
      const double planned = NormalisedTwice(offer_.utility);
      const double best = NormalisedTwice(opponent_best_bid_->utility);
      if (std::isfinite(planned) && std::isfinite(best) && best >= planned) offer_ = *opponent_best_bid_;
    }
    return offer_;
  }

  // The sampler's best_for_opponent: the first frontier outcome with the highest estimate among
  // those at or above the target (scaled between the normalised limits). Failing that (rounding
  // only), the first of up to 100 outcomes of the band in ranking order with the highest estimate.
  std::size_t BestForOpponent(double target) const {
    const double raw = normalised_minimum_ + target * (normalised_maximum_ - normalised_minimum_);
    std::optional<std::size_t> chosen;
    for (std::size_t i : frontier_) {
      if (normalised_[i] >= raw && (!chosen || estimates_[i] > estimates_[*chosen])) chosen = i;
    }
    if (chosen) return *chosen;
    std::vector<std::size_t> band(outcomes_.size());
    for (std::size_t i = 0; i < band.size(); ++i) band[i] = i;
    std::stable_sort(band.begin(), band.end(),
                     [&](std::size_t x, std::size_t y) { return normalised_[x] < normalised_[y]; });
    const double range = normalised_maximum_ - normalised_minimum_;
    const double low = target * range + normalised_minimum_;
    std::size_t taken = 0;
    for (std::size_t i : band) {
      if (normalised_[i] < low) continue;
      if (taken++ == 100) break;
      if (!chosen || estimates_[i] > estimates_[*chosen]) chosen = i;
    }
    return chosen ? *chosen : band.back();
  }

  void RecordOpponentOffer(const Outcome& offer, double utility) {
    const double value = NormalisedTwice(utility);
    if (!std::isfinite(value)) return;
    if (!opponent_first_) opponent_first_ = value;
    if (!opponent_best_ || value > *opponent_best_) {
      opponent_best_ = value;
      opponent_best_bid_ = Bid{offer, utility};
    }
  }

  const NiceTftParameters parameters_;
  const OutcomeSpace* space_ = nullptr;
  const UtilityFunction* utility_function_ = nullptr;
  double reservation_value_ = 0.0;
  double discount_ = 1.0;
  bool big_ = false;
  double minimum_ = 0.0, maximum_ = 1.0;
  bool constant_ = false;
  double constant_value_ = 1.0;
  double scale_ = 1.0, shift_ = 0.0;
  double normalised_reservation_ = 0.0, normalised_minimum_ = 0.0, normalised_maximum_ = 1.0;
  std::vector<Outcome> outcomes_;
  std::vector<double> utilities_;                   // raw, per outcome
  std::vector<double> normalised_;                  // per outcome
  std::vector<std::vector<double>> bucket_values_;  // per issue, the distinct buckets of the outcomes
  std::vector<std::uint32_t> bucket_ids_;           // per outcome and issue
  std::vector<double> estimates_;                   // the model's, per outcome, this step
  std::vector<std::size_t> frontier_;               // outcome positions, in NegMAS's order
  std::vector<std::size_t> own_order_;              // by normalised utility, then position, descending
  FrequencyLinearModel model_;
  std::optional<double> opponent_first_, opponent_best_;
  std::optional<Bid> opponent_best_bid_;
  std::int64_t point_step_ = -1;
  std::optional<double> point_;
  std::int64_t offer_step_ = -1;
  Bid offer_;
};

const bool kRegistered = NegotiatorRegistry::Add(
    {"negmas-nice-tft",
     "NegMAS's NiceTitForTatNegotiator: reciprocates the opponent's concession towards the Nash point of a frequency "
     "model, offering what the model likes best; ACcombi acceptance.",
     {{"a", "1", "ACcombi: weight of the offer's normalised utility"},
      {"b", "0", "ACcombi: added to the offer's normalised utility"},
      {"t", "0.98", "ACcombi: from this time on, accept any offer worth the reservation value"}},
     [](const Spec& spec) {
       NiceTftParameters parameters;
       parameters.a = spec.GetDouble("a");
       parameters.b = spec.GetDouble("b");
       parameters.t = spec.GetDouble("t");
       return std::make_unique<NegmasNiceTft>(parameters);
     }});

}  // namespace
}  // namespace parley
