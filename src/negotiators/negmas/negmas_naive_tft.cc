// NegMAS's naive tit-for-tat, negmas.gb.negotiators.titfortat.NaiveTitForTatNegotiator (also
// exported as SimpleTitForTatNegotiator, the same class): a MAP negotiator whose partner model is
// ZeroSumModel (the partner's normalised utility is taken to be 1 minus its own), whose concession
// comes from KindConcessionRecommender, and whose acceptance and offering are TFTAcceptancePolicy
// and TFTOfferingPolicy. It concedes, on its normalised scale, as much as the partner's latest
// offer is worth to it; so from the negotiation's step 3 on it offers the worst outcome worth at
// least 1 - c (c the partner's offer normalised between its reservation value and its best) and
// accepts when c >= 1 - c. At step 0 it concedes nothing; at steps 1 and 2 every call of the
// recommender concedes the utility gap between the next two outcomes of its own ranking, read from
// the top down by a cursor that every call moves (an acceptance check and an offer each call it).
// Docs: docs/strategies.md#negmas-naive-tft--negmass-naivetitfortatnegotiator
//
// NegMAS's step is Parley's round (SAOMechanism's default, one_offer_per_step=False, gives every
// negotiator a turn in each step), so state.step is TurnState::round.
//
// Floating point follows NegMAS's expressions operation by operation (1 - (1 - c) is not always c;
// normalisation multiplies by the reciprocal of the range), with its tolerances: ranges below
// 1e-5 normalise to 1, the inverter widens its search by 1e-6 below and 2e-6 above.
//
// Deliberate differences, where Parley cannot do what NegMAS does or NegMAS does not decide:
//  - Its ranking is Parley's OutcomeRanking: ties in utility keep the outcome order. NegMAS sorts
//    with numpy's default argsort, which is not stable beyond 16 outcomes (and depends on the CPU),
//    so its order among equally good outcomes is not defined; below 17 outcomes the two agree.
//  - On spaces Parley does not enumerate (a real issue, more than 2^21 outcomes) it ranks Parley's
//    sample and takes the sample's extremes as its minimum and maximum; NegMAS discretises real
//    issues to 10 levels and finds the extremes of a linear function exactly.
//  - It reads its undiscounted utility and its constant reservation value (NegMAS's utility
//    functions have no reservation schedule; a discounted NegMAS utility function would scale
//    every utility, its minimum and its maximum alike, which normalisation cancels).
//  - The cursor of the steps 1 and 2 restarts with every negotiation (NegMAS keeps it in the utility
//    function's cached inverter, which a fresh utility function starts afresh).
//  - `rank_only` and `stochastic` are not offered: the first replaces utilities by ranks in the
//    partner model, the second draws from Python's random module; their defaults (false) are ported.
// Where NegMAS divides by a range of zero (every outcome worth the same, at steps 1 and 2) it divides
// numpy floats and gets an infinity, which the policies refuse: IEEE division does the same here.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "negotiators/negmas/negmas_normalised.h"
#include "parley/error.h"
#include "parley/negotiator.h"
#include "parley/outcome_ranking.h"

namespace parley {
namespace {

struct NaiveTftParameters {
  double kindness = 0.0;
  bool punish = false;
  double initial_concession = 0.0;
  bool must_concede = true;
  std::int64_t no_concession_step = 0;
  std::int64_t kindness_start_step = 3;
  double min_concession_eps = 1e-12;
};

class NegmasNaiveTft final : public Negotiator {
 public:
  explicit NegmasNaiveTft(const NaiveTftParameters& parameters) : parameters_(parameters) {}

  void Begin(const NegotiatorContext& context) override {
    ranking_ = &context.profile->utility_function().ranking();
    reservation_value_ = context.profile->reservation_value();
    minimum_ = ranking_->worst_utility();
    maximum_ = ranking_->best_utility();
    cursor_ = -1;
    partner_offer_value_.reset();
  }

  ActionType Act(const TurnState& state, Outcome& proposal) override {
    const auto step = static_cast<std::int64_t>(state.round);
    if (state.current_offer != nullptr) {
      // TFTOfferingPolicy keeps the offer it is shown before the acceptance policy decides.
      const double value = NormalisedAboveReserve(state.current_offer_utility);
      partner_offer_value_ = value;
      const double acceptable = 1.0 - Sanitised(Recommend(PartnerConcession(value), step));
      if (value >= acceptable) return ActionType::kAccept;
    }
    // With no partner offer yet, the partner model's utility is taken to be 1: no concession.
    const double partner_concession = partner_offer_value_ ? PartnerConcession(*partner_offer_value_) : 1.0 - 1.0;
    const double target = 1.0 - Sanitised(Recommend(partner_concession, step));
    ranking_->CopyOutcome(WorstIn(target), proposal);
    return ActionType::kOffer;
  }

 private:
  double NormalisedAboveReserve(double utility) const {
    return NegmasNormalised(utility, minimum_, maximum_, reservation_value_);
  }

  // ZeroSumModel's normalised utility of the offer is 1 - c; the partner's concession is 1 minus that.
  static double PartnerConcession(double value) {
    const double partner_utility = value * -1.0 + 1.0;
    return 1.0 - partner_utility;
  }

  // KindConcessionRecommender.
  double Recommend(double partner_concession, std::int64_t step) {
    double concession = partner_concession < 0.0 && !parameters_.punish ? 0.0 : partner_concession;
    if (step <= parameters_.no_concession_step) return 0.0;
    if (step >= parameters_.kindness_start_step) return concession + parameters_.kindness;
    concession += parameters_.initial_concession;
    if (!parameters_.must_concede) return concession;
    const double best = UtilityOrReserve(NextWorse());
    const double next = UtilityOrReserve(NextWorse());
    const double range = ranking_->best_utility() - ranking_->worst_utility();
    return (best - next + parameters_.min_concession_eps) / range;
  }

  // TFTAcceptancePolicy and TFTOfferingPolicy refuse a concession that is not finite or lies
  // outside [-1e-6, 1.0000001], and concede nothing instead.
  static double Sanitised(double concession) {
    if (!std::isfinite(concession)) return 0.0;
    if (!(-1e-6 <= concession && concession <= 1.0000001)) return 0.0;
    return concession;
  }

  // The presorting inverter's next_worse: the best outcome first, then one rank lower per call,
  // nothing once the worst has been returned.
  std::optional<std::size_t> NextWorse() {
    if (cursor_ < 0) {
      cursor_ = static_cast<std::int64_t>(ranking_->size()) - 1;
      return static_cast<std::size_t>(cursor_);
    }
    if (cursor_ > 0) return static_cast<std::size_t>(--cursor_);
    return std::nullopt;
  }

  // A utility function evaluates no outcome to its reservation value.
  double UtilityOrReserve(std::optional<std::size_t> rank) const {
    return rank ? ranking_->utility(*rank) : reservation_value_;
  }

  // The presorting inverter's worst_in((target, 1), normalized=True): the rank whose utility is
  // nearest the raw lower bound among those from 1e-6 below it, the first at or above it winning
  // ties (the first in rank order among the others).
  std::size_t WorstIn(double target) const {
    double low = target;
    double high = 1.0;
    // A concession inside [-1e-6, 1.0000001] keeps the inversion of the range well below NegMAS's
    // tolerance of 0.1, so the bounds are only swapped.
    if (low > high) std::swap(low, high);
    const double range = maximum_ - minimum_;
    if (range < 1e-6) {
      low = high = 0.0;
    } else {
      low = low * range + minimum_;
      high = high * range + minimum_;
      if (low > high) std::swap(low, high);
    }
    const std::size_t size = ranking_->size();
    const std::size_t first = std::min(ranking_->LowestAtLeast(low), size - 1);
    const double lowest_candidate = low - 1e-6;
    const double highest_candidate = high + 2 * 1e-6;
    std::size_t best = first;
    double best_difference = std::abs(ranking_->utility(first) - low);
    // Only ranks below `first` can be nearer (every later one is at least as far); they are within
    // 1e-6 below the bound, well inside the 2e-6 NegMAS allows when it takes another rank.
    for (std::size_t rank = ranking_->LowestAtLeast(lowest_candidate); rank < first; ++rank) {
      const double utility = ranking_->utility(rank);
      if (!(lowest_candidate <= utility && utility <= highest_candidate)) continue;
      const double difference = std::abs(utility - low);
      if (difference < best_difference) {
        best = rank;
        best_difference = difference;
      }
    }
    return best;
  }

  NaiveTftParameters parameters_;
  const OutcomeRanking* ranking_ = nullptr;
  double reservation_value_ = 0.0;
  double minimum_ = 0.0;
  double maximum_ = 1.0;
  std::int64_t cursor_ = -1;                   // next_worse's rank; -1 before its first call
  std::optional<double> partner_offer_value_;  // normalised value of the last offer it responded to
};

double InitialConcession(const Spec& spec) {
  const std::string text = spec.GetString("initial_concession");
  if (text == "min") return 0.0;
  const double value = spec.GetDouble("initial_concession");
  if (!std::isfinite(value) || value < 0.0) {
    throw UsageError(
        fmt::format("negmas-naive-tft: initial_concession must be 'min' or a non-negative number, got {}", text));
  }
  return value;
}

const bool kRegistered = NegotiatorRegistry::Add(
    {"negmas-naive-tft",
     "NegMAS's NaiveTitForTatNegotiator (= SimpleTitForTatNegotiator): concedes as much as the partner's latest offer "
     "is worth to it, in normalised utility; accepts from half its range.",
     {{"kindness", "0", "added to every concession from kindness_start_step on"},
      {"punish", "false", "return a partner's negative concession instead of ignoring it"},
      {"initial_concession", "min", "'min' (0) or a concession added at steps 1 and 2 when must_concede is false"},
      {"must_concede", "true", "at steps 1 and 2, concede the gap between the next two outcomes of its ranking"},
      {"no_concession_step", "0", "steps up to this one concede nothing"},
      {"kindness_start_step", "3", "from this step on, concede the partner's concession plus kindness"},
      {"min_concession_eps", "1e-12", "added to the gap of the forced concessions"}},
     [](const Spec& spec) {
       NaiveTftParameters parameters;
       parameters.kindness = spec.GetDouble("kindness");
       parameters.punish = spec.GetBool("punish");
       parameters.initial_concession = InitialConcession(spec);
       parameters.must_concede = spec.GetBool("must_concede");
       parameters.no_concession_step = spec.GetInt("no_concession_step");
       parameters.kindness_start_step = spec.GetInt("kindness_start_step");
       parameters.min_concession_eps = spec.GetDouble("min_concession_eps");
       return std::make_unique<NegmasNaiveTft>(parameters);
     }});

}  // namespace
}  // namespace parley
