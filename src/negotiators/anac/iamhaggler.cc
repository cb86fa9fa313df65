// IAMhaggler (ANAC 2010, third place), as GENIUS 9.1.10 runs it:
// agents.anac.y2010.Southampton.IAMhaggler with its bases SouthamptonAgent, SimilarityAgent,
// VariableConcessionSimilarityAgent and LinearSimilarityAgent, its BidSpace, its Bayesian
// OpponentModel and its ConcessionUtils / SpecialTimeConcessionFunction.
// Docs: docs/strategies.md#iamhaggler--iamhaggler-anac-2010
//
// It fits a power law to the best offers received so far, picks the time at which a deal would be
// worth most to it (discounting included), and derives from it the exponent of a time-dependent
// target that falls towards 0.5 and never rises again (0.8 at least while the opponent has never
// moved by more than 0.02). It offers, among the bids worth the target that are best for both
// sides together, the one its Bayesian opponent model likes most, and accepts an offer worth 98%
// of its own last or planned offer, or worth 0.9 / 1.02.
//
// Reproduces the original step for step on linear spaces of discrete issues
// (tests/genius_iamhaggler_test.cc replays GENIUS's traces). Deliberate differences, where Parley
// cannot do what GENIUS does:
//  - The original draws from Math.random() only in code that runs for integer and real issues,
//    and even there casts the draw to 0 before using it; nothing here is random.
//  - On spaces the original handles with its continuous-issue geometry (integer or real issues),
//    on nonlinear profiles (which it does not support) and on spaces of more than 2^21 bids, the
//    port takes its candidates from the profile's OutcomeRanking (every bid, or its sample) and
//    models a non-discrete issue with rising and falling linear hypotheses only.
//  - Where the original finds no bid at all it recurses until the stack overflows; the port
//    offers its best bid instead.
//  - With several opponents every other party's offer counts as the opponent's (the original is
//    bilateral).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <numeric>
#include <optional>
#include <vector>

#include "common/java_math.h"
#include "negotiators/anac/genius_value_order.h"
#include "parley/negotiator.h"
#include "parley/utility.h"

namespace parley {
namespace {

// Math.round for the non-negative times it is used on.
std::int64_t JavaRound(double x) { return static_cast<std::int64_t>(std::floor(x + 0.5)); }

constexpr double kAcceptMultiplier = 1.02;
constexpr double kMaximumAspiration = 0.9;
constexpr double kUtility1 = 0.95;
constexpr double kMinDiscounting = 0.1;
constexpr double kMinBeta = 0.01;
constexpr double kHardHeadTarget = 0.8;
constexpr double kBreakoff = 0.5;
constexpr std::size_t kFirstLimit = 1000;
constexpr std::size_t kLimitStep = 10000;
constexpr std::uint64_t kExactLimit = std::uint64_t{1} << 21;

// The Southampton Bayesian opponent model: per issue, eleven weight hypotheses (w = j/10 with a
// prior falling as (1 - (j+1)/11)^3) and a set of evaluation-function hypotheses (rising,
// triangular peaks, falling), updated from each new distinct offer by how far it lies from a
// linearly conceding opponent.
class SouthamptonModel {
 public:
  void Reset(const OutcomeSpace& space) {
    space_ = &space;
    const std::size_t n = space.issue_count();
    issues_.assign(n, {});
    history_.clear();
    previous_utility_ = 1.0;
    for (std::size_t i = 0; i < n; ++i) {
      IssueModel& m = issues_[i];
      double sum = 0.0;
      for (int j = 0; j < kWeights; ++j) {
        const double f = 1.0 - ((static_cast<double>(j) + 1.0) / kWeights);
        m.weight_p[j] = f * f * f;
        sum += m.weight_p[j];
      }
      for (double& p : m.weight_p) p = p / sum;
      const Issue& issue = space.issue(i);
      if (issue.kind() == IssueKind::kDiscrete) {
        const auto count = static_cast<int>(issue.cardinality());
        auto add = [&](auto evaluation) {
          std::vector<double> raw(static_cast<std::size_t>(count));
          for (int j = 0; j < count; ++j) raw[static_cast<std::size_t>(j)] = evaluation(j);
          m.tables.push_back(Normalised(raw));
        };
        add([](int j) { return 1000.0 * j + 1; });
        for (int k = 1; count > 2 && k < count - 1; ++k) {
          // Integer arithmetic as the original has it: 1000 * j / k truncates, and the falling
          // side subtracts 1 / (count - k - 1), which is 1 only when that divisor is 1.
          add([count, k](int j) {
            return j < k ? static_cast<double>(1000 * j / k)
                         : static_cast<double>(1000 * (count - j - 1 / (count - k - 1) + 1));
          });
        }
        add([count](int j) { return 1000.0 * (count - j - 1) + 1; });
        for (const auto& table : m.tables) {
          double high = 4.9e-324, low = 1.7976931348623157e308;  // Double.MIN_VALUE, MAX_VALUE
          for (double e : table) high = std::max(high, e), low = std::min(low, e);
          m.extreme_max.push_back(high);
          m.extreme_min.push_back(low);
        }
      } else {
        m.tables.resize(2);  // rising and falling linear functions of the position in the range
        m.extreme_max = {1.0, 1.0};
        m.extreme_min = {0.0, 0.0};
      }
      m.eval_p.assign(m.tables.size(), 1.0 / static_cast<double>(m.tables.size()));
    }
    Refresh();
  }

  // updateBeliefs: a repeated offer teaches nothing.
  void Update(const Outcome& bid, std::int64_t current_time, double total_time) {
    if (std::find(history_.begin(), history_.end(), bid) != history_.end()) return;
    history_.push_back(bid);
    if (history_.size() > 1) UpdateWeights(bid);
    UpdateEvaluations(bid);
    previous_utility_ = 1 - (1 - 0.0) * std::pow(static_cast<double>(current_time) / total_time, 1.0 / 1.0);
    Refresh();
  }

  // getNormalizedUtility from the per-value table Refresh() keeps.
  double Normalized(const Outcome& bid) const {
    double u = 0.0;
    for (std::size_t i = 0; i < issues_.size(); ++i) u += expected_weights_[i] * ExpectedEvaluation(i, bid[i]);
    return (u - min_utility_) / (max_utility_ - min_utility_);
  }
  // The same for a discrete bid given by value positions.
  double NormalizedAt(const std::uint32_t* positions) const {
    double u = 0.0;
    for (std::size_t i = 0; i < issues_.size(); ++i) u += expected_weights_[i] * expected_table_[i][positions[i]];
    return (u - min_utility_) / (max_utility_ - min_utility_);
  }

 private:
  static constexpr int kWeights = 11;
  static constexpr double kSigma = 0.25;

  struct IssueModel {
    double weight_p[kWeights] = {};
    std::vector<std::vector<double>> tables;  // discrete: normalised evaluation by position
    std::vector<double> eval_p;
    std::vector<double> extreme_max, extreme_min;
  };

  // EvaluatorDiscrete.getEvaluation: evaluation over the largest evaluation (0 when that is tiny).
  static std::vector<double> Normalised(const std::vector<double>& raw) {
    const double top = *std::max_element(raw.begin(), raw.end());
    std::vector<double> out(raw.size());
    for (std::size_t j = 0; j < raw.size(); ++j) out[j] = top < 0.00001 ? 0.0 : raw[j] / top;
    return out;
  }

  double Evaluation(std::size_t i, std::size_t h, double value) const {
    const Issue& issue = space_->issue(i);
    if (issue.kind() == IssueKind::kDiscrete) return issues_[i].tables[h][issue.PositionOf(value)];
    const double x = (value - issue.lower()) / (issue.upper() - issue.lower());
    return h == 0 ? x : 1.0 - x;
  }
  double ExpectedWeight(std::size_t i) const {
    double w = 0.0;
    for (int j = 0; j < kWeights; ++j) w += issues_[i].weight_p[j] * (static_cast<double>(j) / (kWeights - 1));
    return w;
  }
  double ExpectedEvaluation(std::size_t i, double value) const {
    const IssueModel& m = issues_[i];
    if (space_->issue(i).kind() == IssueKind::kDiscrete) {
      return expected_table_[i][space_->issue(i).PositionOf(value)];
    }
    double e = 0.0;
    for (std::size_t h = 0; h < m.eval_p.size(); ++h) e += m.eval_p[h] * Evaluation(i, h, value);
    return e;
  }
  // Uncached, for the updates (which read the hypotheses as they were before the update).
  double ExpectedEvaluationNow(std::size_t i, double value) const {
    const IssueModel& m = issues_[i];
    double e = 0.0;
    for (std::size_t h = 0; h < m.eval_p.size(); ++h) e += m.eval_p[h] * Evaluation(i, h, value);
    return e;
  }
  double PartialUtility(const Outcome& bid, std::size_t skip) const {
    double u = 0.0;
    for (std::size_t i = 0; i < issues_.size(); ++i) {
      if (i == skip) continue;
      u += ExpectedWeight(i) * ExpectedEvaluationNow(i, bid[i]);
    }
    return u;
  }
  double Likelihood(double utility) const {
    const double x = (previous_utility_ - utility) / previous_utility_;
    return (1.0 / (kSigma * std::sqrt(2 * M_PI))) * std::exp(-(x * x) / (2 * kSigma * kSigma));
  }

  void UpdateWeights(const Outcome& bid) {
    std::vector<IssueModel> updated = issues_;
    for (std::size_t i = 0; i < issues_.size(); ++i) {
      const double partial = PartialUtility(bid, i);
      const double evaluation = ExpectedEvaluationNow(i, bid[i]);
      double likelihood[kWeights];
      double n = 0.0;
      for (int j = 0; j < kWeights; ++j) {
        likelihood[j] = Likelihood(partial + (static_cast<double>(j) / (kWeights - 1)) * evaluation);
        n += issues_[i].weight_p[j] * likelihood[j];
      }
      for (int j = 0; j < kWeights; ++j) updated[i].weight_p[j] = issues_[i].weight_p[j] * likelihood[j] / n;
    }
    for (std::size_t i = 0; i < issues_.size(); ++i) std::copy_n(updated[i].weight_p, kWeights, issues_[i].weight_p);
  }

  void UpdateEvaluations(const Outcome& bid) {
    std::vector<std::vector<double>> updated(issues_.size());
    for (std::size_t i = 0; i < issues_.size(); ++i) {
      const IssueModel& m = issues_[i];
      const double partial = PartialUtility(bid, i);
      const double weight = ExpectedWeight(i);
      std::vector<double> likelihood(m.eval_p.size());
      double n = 0.0;
      for (std::size_t h = 0; h < m.eval_p.size(); ++h) {
        likelihood[h] = Likelihood(partial + weight * Evaluation(i, h, bid[i]));
        n += m.eval_p[h] * likelihood[h];
      }
      updated[i].resize(m.eval_p.size());
      for (std::size_t h = 0; h < m.eval_p.size(); ++h) updated[i][h] = m.eval_p[h] * likelihood[h] / n;
    }
    for (std::size_t i = 0; i < issues_.size(); ++i) issues_[i].eval_p = std::move(updated[i]);
  }

  // The expected weights (normalised), each discrete value's expected evaluation, and the
  // extreme utilities that normalise the model's estimates.
  void Refresh() {
    const std::size_t n = issues_.size();
    expected_weights_.assign(n, 0.0);
    double sum = 0.0;
    for (std::size_t i = 0; i < n; ++i) sum += expected_weights_[i] = ExpectedWeight(i);
    for (double& w : expected_weights_) w = sum == 0 ? 1.0 / static_cast<double>(n) : w / sum;
    expected_table_.assign(n, {});
    for (std::size_t i = 0; i < n; ++i) {
      const Issue& issue = space_->issue(i);
      if (issue.kind() != IssueKind::kDiscrete) continue;
      for (std::uint64_t k = 0; k < issue.cardinality(); ++k) {
        expected_table_[i].push_back(ExpectedEvaluationNow(i, issue.ValueAt(k)));
      }
    }
    auto extreme = [&](bool high) {
      double u = 0.0;
      for (std::size_t i = 0; i < n; ++i) {
        const IssueModel& m = issues_[i];
        double e = 0.0;
        for (std::size_t h = 0; h < m.eval_p.size(); ++h)
          e += m.eval_p[h] * (high ? m.extreme_max[h] : m.extreme_min[h]);
        u += expected_weights_[i] * e;
      }
      return u;
    };
    max_utility_ = extreme(true);
    min_utility_ = extreme(false);
  }

  const OutcomeSpace* space_ = nullptr;
  std::vector<IssueModel> issues_;
  std::vector<Outcome> history_;
  double previous_utility_ = 1.0;
  std::vector<double> expected_weights_;
  std::vector<std::vector<double>> expected_table_;
  double max_utility_ = 0.0, min_utility_ = 0.0;
};

// The bids IAMhaggler chooses from (BidSpace's discrete combinations): on linear spaces of
// discrete issues every bid, listed as GENIUS does (first issue fastest, each issue's values in
// its evaluator's HashMap order), with its own utility and its weighted sum of evaluations.
class Candidates {
 public:
  void Build(const Profile& profile, const OutcomeSpace& space) {
    const auto* linear = dynamic_cast<const LinearAdditiveUtility*>(&profile.utility_function());
    const std::size_t n = space.issue_count();
    issue_count_ = n;
    const auto size = space.cardinality();
    exact_ = linear && size && *size <= kExactLimit &&
             std::all_of(space.issues().begin(), space.issues().end(),
                         [](const Issue& i) { return i.kind() == IssueKind::kDiscrete; });
    positions_.clear();
    utility_.clear();
    evaluation_.clear();
    outcomes_.clear();
    if (exact_) {
      std::vector<std::vector<std::size_t>> order(n);
      for (std::size_t i = 0; i < n; ++i) order[i] = GeniusEvaluatorValueOrder(space.issue(i));
      count_ = static_cast<std::size_t>(*size);
      positions_.resize(count_ * n);
      utility_.resize(count_);
      evaluation_.resize(count_);
      Outcome bid(n);
      for (std::size_t c = 0; c < count_; ++c) {
        std::size_t rest = c;
        double sum = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
          const std::size_t values = order[i].size();
          const std::size_t position = order[i][rest % values];
          rest /= values;
          positions_[c * n + i] = static_cast<std::uint32_t>(position);
          sum += linear->weights()[i] * linear->value_functions()[i].table()[position];
          bid[i] = static_cast<double>(position);
        }
        evaluation_[c] = sum;
        utility_[c] = profile.Utility(bid);
      }
      // getMaxUtilityBid: per issue the first value (in the issue's order) of highest evaluation.
      best_ = Outcome(n);
      for (std::size_t i = 0; i < n; ++i) {
        const auto& table = linear->value_functions()[i].table();
        double high = 0.0;
        for (std::size_t k = 0; k < table.size(); ++k) {
          if (table[k] > high) high = table[k], best_[i] = static_cast<double>(k);
        }
      }
    } else {
      const OutcomeRanking& ranking = profile.utility_function().ranking();
      count_ = ranking.size();
      outcomes_.resize(count_);
      utility_.resize(count_);
      for (std::size_t c = 0; c < count_; ++c) {
        outcomes_[c] = Outcome(n);
        ranking.CopyOutcome(c, outcomes_[c]);
        utility_[c] = ranking.utility(c);
      }
      evaluation_ = utility_;
      best_ = outcomes_.back();
    }
  }

  bool exact() const { return exact_; }
  std::size_t size() const { return count_; }
  double utility(std::size_t c) const { return utility_[c]; }
  double evaluation(std::size_t c) const { return evaluation_[c]; }
  const Outcome& best() const { return best_; }
  double Model(const SouthamptonModel& model, std::size_t c) const {
    return exact_ ? model.NormalizedAt(&positions_[c * issue_count_]) : model.Normalized(outcomes_[c]);
  }
  void CopyOutcome(std::size_t c, Outcome& out) const {
    if (!exact_) {
      out = outcomes_[c];
      return;
    }
    for (std::size_t i = 0; i < issue_count_; ++i) out[i] = static_cast<double>(positions_[c * issue_count_ + i]);
  }

 private:
  bool exact_ = false;
  std::size_t issue_count_ = 0;
  std::size_t count_ = 0;
  std::vector<std::uint32_t> positions_;
  std::vector<Outcome> outcomes_;
  std::vector<double> utility_, evaluation_;
  Outcome best_;
};

class IAMhaggler final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override {
    profile_ = context.profile;
    space_ = context.space;
    party_ = context.party;
    if (context.max_rounds > 0) {
      total_time_ = static_cast<double>(context.max_rounds + 1);
    } else {
      total_time_ = context.time_limit_seconds > 0 ? context.time_limit_seconds : 1.0;
    }
    candidates_.Build(*profile_, *space_);
    model_.Reset(*space_);
    const double d = profile_->discount_factor();
    // BidSpace keeps 0 for an undiscounted profile (the 2011 convention).
    discounting_ = profile_->discounted() ? d : 0.0;
    default_beta_ = 1.0;
    max_beta_ = 2.0;
    // With no weight on integer or real issues the defaults follow the number of discrete
    // combinations (every bid of an all-discrete space).
    if (std::all_of(space_->issues().begin(), space_->issues().end(),
                    [](const Issue& i) { return i.kind() == IssueKind::kDiscrete; })) {
      const auto size = space_->cardinality();
      const double combinations = size ? static_cast<double>(*size) : 1e300;
      default_beta_ = std::min(0.5, std::max(0.0625, combinations * 0.001));
      max_beta_ = profile_->discounted() ? (2.0 + (4.0 * std::min(0.5, d))) * default_beta_ : 2.0 + 4.0 * default_beta_;
    }
    lowest_target_ = 1.0;
    hard_head_ = true;
    first_offered_.reset();
    has_last_ = false;
    opponent_bids_.clear();
    has_previous_opponent_ = false;
    history_.clear();
    best_opponent_utility_ = 0.0;
    has_best_opponent_ = false;
    utility0_ = 0.0;
    last_message_offer_ = false;
    have_message_ = false;
    scratch_ = Outcome(space_->issue_count());
  }

  void Observe(const ObservedAction& action) override {
    if (action.party == party_) return;
    have_message_ = true;
    last_message_offer_ = action.type == ActionType::kOffer && action.offer;
    if (!last_message_offer_) return;
    message_ = *action.offer;
    message_utility_ = action.offer_utility;
    if (hard_head_ && !opponent_bids_.empty() && std::fabs(opponent_bids_.front() - message_utility_) > 0.02) {
      hard_head_ = false;
    }
  }

  ActionType Act(const TurnState& state, Outcome& proposal) override {
    time_ = state.time;
    if (!have_message_ || !last_message_offer_) {
      // No offer to answer: the opening offer, or the previous action again.
      if (!has_last_ || !last_was_offer_) return Offer(candidates_.best(), proposal);
      return Offer(last_bid_, proposal);
    }
    if (!has_last_) return Offer(candidates_.best(), proposal);
    const double offered = message_utility_;
    if (offered * kAcceptMultiplier >= last_utility_ || offered * kAcceptMultiplier >= kMaximumAspiration) {
      opponent_bids_.push_back(offered);
      has_previous_opponent_ = true;
      return Accept();
    }
    const std::optional<double> planned = ProposeNext(scratch_);
    if (!planned) return Accept();
    opponent_bids_.push_back(offered);
    const bool accept = offered * kAcceptMultiplier >= *planned;
    has_previous_opponent_ = true;
    if (accept) return Accept();
    return Offer(scratch_, proposal);
  }

 private:
  ActionType Accept() {
    last_was_offer_ = false;
    has_last_ = true;
    return ActionType::kAccept;
  }
  ActionType Offer(const Outcome& bid, Outcome& proposal) {
    proposal = bid;
    last_bid_ = bid;
    last_utility_ = profile_->Utility(bid);
    if (!first_offered_) first_offered_ = last_utility_;
    last_was_offer_ = true;
    has_last_ = true;
    return ActionType::kOffer;
  }

  // proposeNextBid: learn from the offer, set the target, trade off. The planned bid goes into
  // `out`; its utility is returned, or nullopt where the original plans no bid (and accepts).
  std::optional<double> ProposeNext(Outcome& out) {
    const double now = time_ * total_time_ * 1000;
    model_.Update(message_, JavaRound(now), total_time_ * 1000);
    const double offered = message_utility_;
    if (!has_previous_opponent_) utility0_ = offered;
    const double target = Target(now);
    joint_ready_ = false;  // the model changed
    return TradeOff(target, kFirstLimit, out);
  }

  // IAMhaggler.getTargetUtility over VariableConcessionSimilarityAgent's.
  double Target(double now) {
    const double beta = Beta(now);
    const double start = *first_offered_;
    const double progress = static_cast<double>(JavaRound(now)) / (total_time_ * 1000);
    const double with_beta = start - (start - kBreakoff) * std::pow(progress, 1.0 / beta);
    const double with_default = start - (start - kBreakoff) * std::pow(progress, 1.0 / default_beta_);
    double target;
    if (progress < 0.2) {
      target = with_default;
    } else if (progress < 0.4) {
      target = (with_default * (1 - ((progress - 0.2) / 0.2))) + (with_beta * ((progress - 0.2) / 0.2));
    } else {
      target = with_beta;
    }
    lowest_target_ = JavaMin(target, lowest_target_);
    return hard_head_ ? JavaMax(kHardHeadTarget, lowest_target_) : lowest_target_;
  }

  // ConcessionUtils.getBeta: a power law u = u0 + e^a t^b fitted (in logs) to the best offers
  // received, the time at which that curve, discounted, is worth most, and the concession
  // exponent that reaches the curve's value there; the default where the fit is undefined.
  double Beta(double now) const {
    const double discounting = std::max(discounting_, kMinDiscounting);
    double n = 1, sum_xy = 0, sum_x = 0, sum_y = std::log(1 - utility0_), sum_xx = 0;
    for (const auto& [utility, time] : history_) {
      const double x = std::log(time), y = std::log(utility - utility0_);
      if (std::isnan(x) || std::isnan(y)) return default_beta_;
      if (std::isinf(x) || std::isinf(y)) continue;
      sum_xy += x * y;
      sum_x += x;
      sum_y += y;
      sum_xx += x * x;
      n++;
    }
    const double b = ((n * sum_xy) - (sum_x * sum_y)) / ((n * sum_xx) - (sum_x * sum_x));
    if (std::isnan(b)) return default_beta_;
    const double a = (sum_y - (b * sum_x)) / n;
    if (std::isnan(a)) return default_beta_;
    // getMaxima: now, every thousandth from now on, and 1; the discount rate is scaled by
    // (t + now) / 2t, which with `now` in milliseconds makes it very steep.
    const double scaled = -discounting * ((time_ + now) / (time_ * 2.0));
    const double exp_a = std::exp(a);
    double best_utility = 0, maxima = 0;
    auto consider = [&](double m) {
      const double u = (utility0_ + (exp_a * std::pow(m, b))) * std::exp(scaled * m);
      if (u > best_utility) maxima = m, best_utility = u;
    };
    consider(time_);
    for (int i = static_cast<int>(std::floor(time_ * 1000)); i <= 1000; i++) consider(static_cast<double>(i) / 1000.0);
    consider(1.0);
    double util = utility0_ + (std::exp(a) * std::pow(maxima, b));
    util = JavaMax(0, JavaMin(1, util));
    const double beta = JavaMax(0, std::log(maxima) / std::log((1 - util) / 0.5));
    return JavaMin(max_beta_, JavaMax(kMinBeta, beta));
  }

  // getTradeOffExhaustive: the best offer received if it is nearly worth the target; else among
  // the `limit` bids best for both sides (all when there are fewer), those worth the target, the
  // first the opponent model likes most; with none, again with 10000 more.
  std::optional<double> TradeOff(double target, std::size_t limit, Outcome& out) {
    if (!has_best_opponent_ || message_utility_ >= best_opponent_utility_) {
      best_opponent_ = message_;
      best_opponent_utility_ = message_utility_;
      has_best_opponent_ = true;
    }
    history_.emplace_back(best_opponent_utility_, time_);
    if (best_opponent_utility_ * kAcceptMultiplier >= target) {
      out = best_opponent_;
      return best_opponent_utility_;
    }
    const std::size_t count = candidates_.size();
    // The original walks its chosen bids in order and keeps the first whose model estimate beats
    // every earlier one (and 0): the qualifier with the highest estimate, the earliest among equals.
    // `earlier` says which of two chosen bids it meets first.
    std::optional<std::size_t> best;
    double best_model = 0;
    bool any = false;
    auto consider = [&](std::size_t c, const auto& earlier) {
      if (!(candidates_.evaluation(c) >= target)) return;
      any = true;
      const double model = candidates_.Model(model_, c);
      if (model > best_model || (best && model == best_model && earlier(c, *best))) best_model = model, best = c;
    };
    if (limit >= count) {
      // Every bid, in the space's order.
      const auto by_index = [](std::size_t x, std::size_t y) { return x < y; };
      for (std::size_t c = 0; c < count; ++c) consider(c, by_index);
    } else {
      // The last `limit` of a stable ascending sort by joint utility, walked in that order: the
      // first `limit` by joint utility descending, later bids first among equals, read backwards.
      // Only which bids they are and the order among equal estimates matter, so they are selected,
      // not sorted.
      if (!joint_ready_) {
        joint_.resize(count);
        for (std::size_t c = 0; c < count; ++c) joint_[c] = candidates_.utility(c) + candidates_.Model(model_, c);
        joint_ready_ = true;
      }
      // Each bid with its key beside it, so that the selection compares neighbours in memory. (A NaN
      // estimate, which Java's comparison ranks above everything, is ranked so here, which keeps the
      // order total.)
      order_.resize(count);
      for (std::size_t c = 0; c < count; ++c) order_[c] = {std::isnan(joint_[c]) ? INFINITY : joint_[c], c};
      const auto before = [](const KeyedBid& x, const KeyedBid& y) {
        return x.first != y.first ? x.first > y.first : x.second > y.second;
      };
      const auto ascending = [&](std::size_t x, std::size_t y) {
        const double a = std::isnan(joint_[x]) ? INFINITY : joint_[x], b = std::isnan(joint_[y]) ? INFINITY : joint_[y];
        return a != b ? a < b : x < y;
      };
      const auto top = order_.begin() + static_cast<std::ptrdiff_t>(limit);
      std::nth_element(order_.begin(), top, order_.end(), before);
      for (auto it = order_.begin(); it != top; ++it) consider(it->second, ascending);
    }
    if (!any) {
      if (limit >= count) {
        out = candidates_.best();
        return profile_->Utility(out);
      }
      return TradeOff(target, limit + kLimitStep, out);
    }
    if (!best) return std::nullopt;
    candidates_.CopyOutcome(*best, out);
    return candidates_.utility(*best);
  }

  const Profile* profile_ = nullptr;
  const OutcomeSpace* space_ = nullptr;
  std::size_t party_ = 0;
  double total_time_ = 1.0;
  double time_ = 0.0;
  Candidates candidates_;
  SouthamptonModel model_;
  double discounting_ = 0.0;
  double default_beta_ = 1.0, max_beta_ = 2.0;
  double lowest_target_ = 1.0;
  bool hard_head_ = true;
  std::optional<double> first_offered_;
  bool has_last_ = false, last_was_offer_ = false;
  Outcome last_bid_;
  double last_utility_ = 0.0;
  std::vector<double> opponent_bids_;  // utilities of the offers it answered with more than an offer of its own
  bool has_previous_opponent_ = false;
  std::vector<std::pair<double, double>> history_;  // best offer received (utility, time)
  Outcome best_opponent_;
  double best_opponent_utility_ = 0.0;
  bool has_best_opponent_ = false;
  double utility0_ = 0.0;
  bool have_message_ = false, last_message_offer_ = false;
  Outcome message_;
  double message_utility_ = 0.0;
  Outcome scratch_;
  using KeyedBid = std::pair<double, std::size_t>;  // joint utility, bid
  std::vector<KeyedBid> order_;
  std::vector<double> joint_;
  bool joint_ready_ = false;
};

const bool kRegistered = NegotiatorRegistry::Add(
    {"iamhaggler",
     "IAMhaggler (ANAC 2010) as GENIUS runs it: a time-dependent target whose exponent comes from a power law "
     "fitted to the best offers received, offers traded off with a Bayesian opponent model, acceptance of offers "
     "worth 98% of its own.",
     {},
     [](const Spec&) { return std::make_unique<IAMhaggler>(); }});

}  // namespace
}  // namespace parley
