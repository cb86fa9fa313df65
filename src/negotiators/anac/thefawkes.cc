// TheFawkes (ANAC 2013, winner), as GENIUS 9.1.10 runs it: agents.anac.y2013.TheFawkes.TheFawkes,
// a BOA agent (BOAagentBilateral) made of
//  - TheFawkes_OM (negotiator.boaframework.opponentmodel): a frequency model of the opponent's
//    issue weights (learning rate 0.8, renormalised by GENIUS's AdditiveUtilitySpace.setWeight)
//    and value counts, plus a forecast of the opponent's concession: the utilities of its offers
//    indexed by time, a Daubechies-8 discrete wavelet transform of them and a smoothing cubic
//    spline (rho = 1e-16) through the decomposition;
//  - Fawkes_Offering (negotiator.boaframework.offeringstrategy.anac2013): a reserved-utility curve
//    (beta = 0.002, nu = 0.2) against the forecast over the next ten opponent intervals; an
//    optimistic or pessimistic (rho = 0.8) estimate of when and what the opponent will concede,
//    interpolated from its own previous bid; every bid above a lower bound of that target is a
//    candidate;
//  - TheFawkes_OMS (negotiator.boaframework.omstrategy): the candidate the model rates best for the
//    opponent, the second best whenever its last ten bids were all worth the same to itself;
//  - AC_TheFawkes (negotiator.boaframework.acceptanceconditions.anac2013): never below the mean
//    utility of the domain, otherwise accept when at least the next bid, or in the last interval
//    when at least the best offer of the last ten intervals.
// Docs: docs/strategies.md#thefawkes--thefawkes-anac-2013
//
// What GENIUS's framework makes of it, and the port keeps:
//  - BidHistory.sortToTime sorts the opponent's offers newest first in place, so the offer the
//    acceptance condition calls "last" is the opponent's first one.
//  - The acceptance condition asks the offering strategy for its next bid a second time in the
//    same turn, which advances the OMS's memory and counter again.
//  - BidDetails are shared objects: the time of the agent's previous bid is the time of the last
//    turn that chose that same bid, even earlier in the same turn.
//  - Opponent model weights pass through setWeight's renormalisation (RENORMALCORR 0.05) and its
//    check, issue by issue in issue-number order (a HashMap of small Integers).
//
// Reproduces the original step for step (tests/genius_thefawkes_test.cc replays GENIUS's traces).
// Deliberate differences, where Parley cannot do what GENIUS does:
//  - GENIUS issue numbers are taken to be 1..n in issue order (as in every ANAC domain file).
//  - The time index of a negotiation without a round deadline is 100 per second of its time
//    limit, as the original's; with neither a round nor a time limit, that of 200 rounds.
//  - Issues that are not discrete (the original casts every issue to IssueDiscrete and throws):
//    the model ignores them, and where no bid's value positions are known every candidate is
//    rated alike.
//  - With several opponents every other party's offer counts as the opponent's; before its own
//    first bid the agent makes its opening bid (GENIUS would throw for want of a previous bid).
//  - In its last interval, with no offer in the window it looks back over (GENIUS would throw),
//    it accepts.
//  - The outcome space is read off the profile's OutcomeRanking: every bid when it is
//    exhaustive, its sample otherwise (GENIUS enumerates every bid, or runs out of memory).
//  - std::pow stands for Java's Math.pow (both within an ulp; the traces show no difference).
// Like the original its acceptance and bids do not check the reservation value, so it can accept
// or offer less, and Parley's rationality contract is not checked for it
// (tests/conformance_negotiation.cc, ReservationValueExemptions).
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <memory>
#include <vector>

#include "parley/negotiator.h"
#include "parley/utility.h"
#include "preferences/genius_sorted_outcomes.h"

namespace parley {
namespace {

// One level after another of the Daubechies-8 wavelet transform (JWave's forward transform, as
// the original bundles it): each level filters the first h values into h/2 approximations and
// h/2 details, down to fewer than 8 values. An odd h leaves its last value 0.
std::vector<double> DaubechiesDecomposition(const std::vector<double>& signal) {
  static const std::vector<double> kScales = [] {
    // Daubechies' 8-tap filter, normalised by sqrt(2) as JWave does.
    std::vector<double> s = {0.32580343, 1.01094572, 0.8922014, -0.03967503,
                             -0.2645071, 0.0436163,  0.0465036, -0.01498699};
    for (double& v : s) v /= 1.4142135623730951;
    return s;
  }();
  static const std::vector<double> kDetails = {kScales[7], -kScales[6], kScales[5], -kScales[4],
                                               kScales[3], -kScales[2], kScales[1], -kScales[0]};
  constexpr std::size_t kWave = 8;
  std::vector<double> out = signal;
  std::vector<double> level;
  for (std::size_t h = signal.size(); h >= kWave; h >>= 1) {
    level.assign(h, 0.0);
    const std::size_t half = h >> 1;
    for (std::size_t i = 0; i < half; ++i) {
      for (std::size_t j = 0; j < kWave; ++j) {
        std::size_t k = (i << 1) + j;  // below 2h: one wrap at most
        if (k >= h) k -= h;
        level[i] += out[k] * kScales[j];
        level[i + half] += out[k] * kDetails[j];
      }
    }
    std::copy(level.begin(), level.end(), out.begin());
  }
  return out;
}

// A cubic polynomial c0 + c1 x + c2 x^2 + c3 x^3, evaluated by Horner's rule.
struct Cubic {
  double c[4] = {0, 0, 0, 0};
  double At(double x) const {
    double r = c[3];
    for (int i = 2; i >= 0; --i) r = c[i] + x * r;
    return r;
  }
  double Slope(double x) const {
    double r = c[3] * 3.0;
    for (int i = 2; i >= 1; --i) r = c[i] * static_cast<double>(i) + x * r;
    return r;
  }
};

// The smoothing cubic spline the original bundles (after Pollock, "Smoothing with cubic
// splines"), with unit weights: one polynomial left of the first knot, one per interval and one
// right of the last knot, values clamped to [0, 1].
class SmoothingSpline {
 public:
  void Fit(const std::vector<double>& x, const std::vector<double>& y, double rho) {
    x_ = x;
    const std::size_t size = x.size();
    for (std::vector<double>* a : {&h_, &r_, &u_, &v_, &w_}) a->assign(size, 0.0);
    q_.assign(size + 1, 0.0);
    std::vector<double>& h = h_;
    std::vector<double>& r = r_;
    std::vector<double>& u = u_;
    std::vector<double>& v = v_;
    std::vector<double>& w = w_;
    std::vector<double>& q = q_;
    const double sigma = 1.0;  // 1 / sqrt(weight)
    const double mu = rho <= 0 ? 1.0e100 : (2 * (1 - rho)) / (3 * rho);
    const std::size_t n = size - 1;
    h[0] = x[1] - x[0];
    r[0] = 3 / h[0];
    for (std::size_t i = 1; i < n; ++i) {
      h[i] = x[i + 1] - x[i];
      r[i] = 3 / h[i];
      q[i] = (3 * (y[i + 1] - y[i]) / h[i]) - (3 * (y[i] - y[i - 1]) / h[i - 1]);
    }
    for (std::size_t i = 1; i < n; ++i) {
      u[i] = (r[i - 1] * r[i - 1] * sigma) + ((r[i - 1] + r[i]) * (r[i - 1] + r[i]) * sigma) + (r[i] * r[i] * sigma);
      u[i] = mu * u[i] + 2 * (x[i + 1] - x[i - 1]);
      v[i] = (-(r[i - 1] + r[i]) * r[i] * sigma) - (r[i] * (r[i] + r[i + 1]) * sigma);
      v[i] = (mu * v[i]) + h[i];
      w[i] = mu * r[i] * r[i + 1] * sigma;
    }
    SolvePentadiagonal(u, v, w, q);
    pieces_.assign(n + 2, Cubic{});
    const double a0 = y[0] - (mu * r[0] * q[1] * sigma);
    const double d1 = y[1] - (mu * ((-r[0] - r[1]) * q[1] + r[1] * q[2]) * sigma);
    pieces_[0].c[0] = a0;
    pieces_[0].c[1] = (d1 - a0) / h[0] - (q[1] * h[0] / 3);
    pieces_[1].c[0] = a0;
    pieces_[1].c[3] = q[1] / (3 * h[0]);
    pieces_[1].c[1] = ((d1 - a0) / h[0]) - (q[1] * h[0] / 3);
    for (std::size_t j = 1; j < n; ++j) {
      Cubic& p = pieces_[j + 1];
      p.c[3] = (q[j + 1] - q[j]) / (3 * h[j]);
      p.c[2] = q[j];
      p.c[1] = ((q[j] + q[j - 1]) * h[j - 1]) + pieces_[j].c[1];
      const double a = (r[j - 1] * q[j - 1]) + ((-r[j - 1] - r[j]) * q[j]) + (r[j] * q[j + 1]);
      p.c[0] = y[j] - (mu * a * sigma);
    }
    const double end = x[n] - x[n - 1];
    pieces_[n + 1].c[1] = pieces_[n].Slope(end);
    pieces_[n + 1].c[0] = pieces_[n].At(end);
  }

  double At(double z) const {
    const std::size_t i = Piece(z);
    double value = pieces_[i].At(i == 0 ? z - x_[0] : z - x_[i - 1]);
    if (std::isnan(value) || value < 0) return 0;
    if (std::isinf(value) || value > 1) return 1;
    return value;
  }

 private:
  // The original's bisection for the piece holding z, which assumes ascending knots.
  std::size_t Piece(double z) const {
    std::int64_t j = static_cast<std::int64_t>(x_.size()) - 1;
    if (z > x_[static_cast<std::size_t>(j)]) return static_cast<std::size_t>(j + 1);
    std::int64_t probe = 0, i = 0;
    while (i + 1 != j) {
      if (z > x_[static_cast<std::size_t>(probe)]) {
        i = probe;
      } else {
        j = probe;
      }
      probe = i + (j - i) / 2;
      if (j == 0) --i;
    }
    return static_cast<std::size_t>(i + 1);
  }

  // Pollock's "quincunx" solver of the spline's symmetric five-diagonal system, in place.
  static void SolvePentadiagonal(std::vector<double>& u, std::vector<double>& v, std::vector<double>& w,
                                 std::vector<double>& q) {
    const std::size_t size = u.size();
    u[0] = 0;
    v[1] /= u[1];
    w[1] /= u[1];
    for (std::size_t j = 2; j + 1 < size; ++j) {
      u[j] = u[j] - (u[j - 2] * w[j - 2] * w[j - 2]) - (u[j - 1] * v[j - 1] * v[j - 1]);
      v[j] = (v[j] - (u[j - 1] * v[j - 1] * w[j - 1])) / u[j];
      w[j] /= u[j];
    }
    q[1] -= v[0] * q[0];
    for (std::size_t j = 2; j + 1 < size; ++j) q[j] = q[j] - (v[j - 1] * q[j - 1]) - (w[j - 2] * q[j - 2]);
    for (std::size_t j = 1; j + 1 < size; ++j) q[j] /= u[j];
    q[size - 1] = 0;
    for (std::size_t j = size - 2; j-- > 1;) q[j] = q[j] - (v[j] * q[j + 1]) - (w[j] * q[j + 2]);
  }

  std::vector<double> x_;
  std::vector<Cubic> pieces_;
  std::vector<double> h_, r_, u_, v_, w_, q_;  // the fit's working rows, kept for their capacity
};

class TheFawkes final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override {
    profile_ = context.profile;
    space_ = context.space;
    party_ = context.party;
    sorted_ = GeniusSortedOutcomes::Shared(profile_->shared_utility_function());
    positioned_ = sorted_->has_positions();
    max_rounds_ = context.max_rounds;
    if (context.max_rounds > 0) {
      time_index_factor_ = static_cast<double>(context.max_rounds + 1);  // DiscreteTimeline.getTotalTime
    } else if (context.time_limit_seconds > 0) {
      time_index_factor_ = 100 * context.time_limit_seconds;
    } else {
      time_index_factor_ = 201;
    }
    const double d = profile_->discount_factor();
    discount_ = d == 0 ? 1 : d;
    reservation_ = profile_->reservation_value();
    best_utility_ = sorted_->utility(0);
    // AC_TheFawkes: the mean utility of the sorted outcome space, summed in its order.
    double total = 0;
    for (std::size_t k = 0; k < sorted_->size(); ++k) total += sorted_->utility(k);
    minimum_acceptable_ = total / static_cast<double>(sorted_->size());
    bid_time_.assign(sorted_->size(), -1.0);
    ratings_.assign(sorted_->size(), 0.0);
    rated_in_.assign(sorted_->size(), 0);
    generation_ = 0;
    own_count_ = 0;
    own_last_ = 0;
    second_best_count_ = 1;
    last_ten_.clear();
    offers_.clear();
    previous_offer_ = Outcome();
    // TheFawkes_OM: equal issue weights, every value counted once.
    const std::size_t issues = space_->issue_count();
    weights_.assign(issues, 1 / static_cast<double>(issues));
    counts_.assign(issues, {});
    for (std::size_t i = 0; i < issues; ++i) {
      const Issue& issue = space_->issue(i);
      if (issue.kind() == IssueKind::kDiscrete) counts_[i].assign(issue.values().size(), 1);
    }
    largest_gap_ = 0;
    ratio_spread_ = 0;
    RateValues();
  }

  void Observe(const ObservedAction& action) override {
    if (action.type != ActionType::kOffer || !action.offer || action.party == party_) return;
    offers_.push_back({action.offer_utility, action.time});
    const Outcome& bid = *action.offer;
    if (offers_.size() >= 2) Learn(bid);
    previous_offer_ = bid;
  }

  ActionType Act(const TurnState& state, Outcome& proposal) override {
    const double t = state.time;
    std::size_t bid = own_count_ == 0 ? Opening(t) : NextBid(t);
    if (!offers_.empty() && Acceptable(t)) return ActionType::kAccept;
    ++own_count_;
    own_last_ = bid;
    sorted_->CopyOutcome(bid, proposal);
    return ActionType::kOffer;
  }

 private:
  static constexpr double kBeta = 0.002;  // concession rate of the reserved utility
  static constexpr double kRho = 0.8;     // tolerance of the pessimistic estimate
  static constexpr double kNu = 0.2;      // risk factor on the discount
  static constexpr double kLearnCoef = 0.8;
  static constexpr int kLearnValueAddition = 1;
  static constexpr double kRenormalisation = 0.05;  // AdditiveUtilitySpace's RENORMALCORR
  static constexpr std::size_t kMemory = 10;

  struct Received {
    double utility;
    double time;
  };

  // Fawkes_Offering.determineOpeningBid: the best bid, stamped with the time.
  std::size_t Opening(double t) {
    bid_time_[0] = t;
    return 0;
  }

  // Fawkes_Offering.determineNextBid.
  std::size_t NextBid(double t) {
    if (offers_.size() <= 1 || own_count_ == 0) return Opening(t);
    const std::size_t bid = Respond(TargetUtility(t), t);
    bid_time_[bid] = t;
    return bid;
  }

  double OpponentInterval() const { return std::min(0.1, largest_gap_); }

  // Fawkes_Offering.responseMechanism: the OMS's pick among the bids above the lower bound.
  std::size_t Respond(double target, double t) {
    const double time_correction = 1 - (t / 10.0);
    const double inertia = second_best_count_ / (static_cast<double>(own_count_) * 10.0);
    const double lower = (time_correction - inertia) * target;
    const auto span = sorted_->BidsInRange(lower, DBL_MAX);
    if (!span || span->count == 0) return own_last_;
    return Pick(span->first, span->count);
  }

  // TheFawkes_OMS.getBid: the candidates sorted (stably) by the model's rating, best first.
  std::size_t Pick(std::size_t first, std::size_t count) {
    std::size_t best = first, second = first;
    if (positioned_) {
      double best_rating = Rating(first);
      std::size_t best_ties = 1;
      std::size_t runner_up = first;
      double runner_up_rating = -INFINITY;
      bool has_runner_up = false;
      for (std::size_t k = first + 1; k < first + count; ++k) {
        const double rating = Rating(k);
        if (rating > best_rating) {
          // The previous best and its ties fall behind: the runner-up is the first of them.
          runner_up = best;
          runner_up_rating = best_rating;
          has_runner_up = true;
          best = k;
          best_rating = rating;
          best_ties = 1;
        } else if (rating == best_rating) {
          if (++best_ties == 2) {
            runner_up = k;
            runner_up_rating = rating;
            has_runner_up = true;
          }
        } else if (best_ties < 2 && (!has_runner_up || rating > runner_up_rating)) {
          runner_up = k;
          runner_up_rating = rating;
          has_runner_up = true;
        }
      }
      second = count > 1 ? runner_up : first;
    } else {
      second = count > 1 ? first + 1 : first;
    }
    std::size_t chosen = best;
    const double best_utility = sorted_->utility(best);
    const bool repeating = std::all_of(last_ten_.begin(), last_ten_.end(), [&](double u) { return u == best_utility; });
    if (repeating) {
      ++second_best_count_;
      if (count > 1) chosen = second;
    }
    last_ten_.push_back(sorted_->utility(chosen));
    if (last_ten_.size() > kMemory) last_ten_.pop_front();
    return chosen;
  }

  // The opponent model's utility of the sorted bid k: weight times normalised count, summed in
  // issue order and capped at 1 (AdditiveUtilitySpace.getUtility).
  // Kept per bid until the model next learns, since a turn rates the same bids twice.
  double Rating(std::size_t k) {
    if (rated_in_[k] == generation_) return ratings_[k];
    const std::uint32_t* position = sorted_->positions(k);
    double u = 0;
    for (std::size_t i = 0; i < rating_.size(); ++i) {
      if (!rating_[i].empty()) u += rating_[i][position[i]];
    }
    rated_in_[k] = generation_;
    return ratings_[k] = u > 1 ? 1 : u;
  }

  void RateValues() {
    ++generation_;
    rating_.assign(counts_.size(), {});
    for (std::size_t i = 0; i < counts_.size(); ++i) {
      if (counts_[i].empty()) continue;
      const double max = *std::max_element(counts_[i].begin(), counts_[i].end());
      rating_[i].resize(counts_[i].size());
      for (std::size_t v = 0; v < counts_[i].size(); ++v) {
        rating_[i][v] = weights_[i] * (max < 0.00001 ? 0.0 : counts_[i][v] / max);
      }
    }
  }

  // Fawkes_Offering.getTargetUtility (formulas 7 to 14 of the TheFawkes paper).
  double TargetUtility(double t) {
    const double step = OpponentInterval();
    double max_diff = DBL_TRUE_MIN, min_diff = DBL_MAX;
    double optimistic_time = 0, optimistic_utility = 0, pessimistic_time = 0, pessimistic_utility = 0;
    const double horizon = std::min(t + (step * 10), 1.0);
    for (double time = t; time < horizon; time += step) {
      const double reserved = Discounted(ReservedUtility(time), time);
      const double expected_raw = ExpectedUtility(time);
      const double expected = Discounted(expected_raw, time);
      const double diff = expected - reserved;
      if (expected >= reserved && diff > max_diff) {
        max_diff = diff;
        optimistic_time = time;
        optimistic_utility = expected_raw;
      }
      if (max_diff == DBL_TRUE_MIN) {
        const double gap = std::fabs(diff);
        if (gap < min_diff) {
          min_diff = gap;
          pessimistic_time = time;
          pessimistic_utility = expected_raw;
        }
      }
    }
    double estimated_time, estimated_utility;
    if (max_diff == DBL_TRUE_MIN) {
      const double xsi = (std::pow(kRho, -1) * Discounted(pessimistic_utility, pessimistic_time)) /
                         Discounted(ReservedUtility(pessimistic_time), pessimistic_time);
      if (xsi > 1) {
        estimated_time = pessimistic_time;
        estimated_utility = pessimistic_utility;
      } else {
        estimated_time = -1;
        estimated_utility = -1;
      }
    } else {
      estimated_time = optimistic_time;
      estimated_utility = optimistic_utility;
    }
    if (estimated_utility == -1) return ReservedUtility(t);
    const double previous_utility = sorted_->utility(own_last_);
    const double factor = (t - estimated_time) / (bid_time_[own_last_] - estimated_time);
    return estimated_utility + (previous_utility - estimated_utility) * factor;
  }

  double ReservedUtility(double time) const {
    return reservation_ + (1 - std::pow(time, 1 / kBeta)) * ((best_utility_ * std::pow(discount_, kNu)) - reservation_);
  }

  double ExpectedUtility(double time) const {
    const double index = std::floor(time * time_index_factor_);
    return forecast_.At(static_cast<double>(static_cast<int>(index))) * (1 + ratio_spread_);
  }

  double Discounted(double utility, double time) const { return utility * std::pow(discount_, time); }

  // AC_TheFawkes.determineAcceptability.
  bool Acceptable(double t) {
    const double last = offers_.front().utility;  // the oldest: the history is sorted newest first
    const double next = sorted_->utility(NextBid(t));
    if (last < minimum_acceptable_) return false;
    if (last >= next) return true;
    if (t >= (1 - OpponentInterval())) {
      const double from = t - (OpponentInterval() * 10);
      double best = -INFINITY;
      for (auto it = offers_.rbegin(); it != offers_.rend(); ++it) {
        if (0 < it->utility && it->utility <= 1.1 && from < it->time && it->time <= t)
          best = std::max(best, it->utility);
      }
      return last >= best;
    }
    return false;
  }

  // TheFawkes_OM.updateModel, from the opponent's second offer on.
  void Learn(const Outcome& bid) {
    const std::size_t issues = weights_.size();
    std::vector<bool> unchanged(issues);
    int same = 0;
    for (std::size_t i = 0; i < issues; ++i) {
      unchanged[i] = space_->issue(i).kind() != IssueKind::kDiscrete || bid[i] == previous_offer_[i];
      if (unchanged[i]) ++same;
    }
    const double golden = kLearnCoef / static_cast<double>(issues);
    const double total = 1 + (golden * same);
    const double maximum = 1 - ((static_cast<double>(issues) * golden) / total);
    for (std::size_t i = 0; i < issues; ++i) {
      if (unchanged[i] && weights_[i] < maximum) {
        SetWeight(i, (weights_[i] + golden) / total);
      } else {
        SetWeight(i, weights_[i] / total);
      }
    }
    for (std::size_t i = 0; i < issues; ++i) {
      if (counts_[i].empty()) continue;
      double& count = counts_[i][static_cast<std::size_t>(space_->issue(i).PositionOf(bid[i]))];
      count = kLearnValueAddition + std::round(count);
    }
    RateValues();
    Forecast();
  }

  // AdditiveUtilitySpace.setWeight on an unlocked issue: set, renormalise every issue towards a
  // sum of 1, and put this issue's old weight back if the sum is still off by 2% or more.
  void SetWeight(std::size_t issue, double weight) {
    const double old = weights_[issue];
    weights_[issue] = weight;
    const std::size_t n = weights_.size();
    double sum = 0;
    for (double w : weights_) sum += w;
    if (n == 1) weights_[0] = 1.0;
    if (n > 1) {
      const double diff = sum - 1.0;
      const double corrected = sum + kRenormalisation * static_cast<double>(n);
      for (double& w : weights_) w = std::max(0.0, w - (diff * (w + kRenormalisation) / corrected));
    }
    double check = 0;
    for (double w : weights_) check += w;
    if (!(check > .98 && check < 1.02)) weights_[issue] = old;
  }

  // The concession forecast: the utilities of the opponent's offers by time index, their wavelet
  // decomposition smoothed by a cubic spline, and the spread of the spline's ratio to them.
  void Forecast() {
    // BidHistory order is newest first; the gap from the oldest to the newest comes first.
    double previous = offers_.front().time;
    for (auto it = offers_.rbegin(); it != offers_.rend(); ++it) {
      const double gap = previous - it->time;
      if (gap > largest_gap_) largest_gap_ = gap;
      previous = it->time;
    }
    int last_index = -1;
    for (const Received& r : offers_)
      last_index = std::max(last_index, static_cast<int>(std::floor(r.time * time_index_factor_)));
    std::vector<double> chi(static_cast<std::size_t>(last_index + 1), 0.0);
    for (auto it = offers_.rbegin(); it != offers_.rend(); ++it) {
      chi[static_cast<std::size_t>(static_cast<int>(std::floor(it->time * time_index_factor_)))] = it->utility;
    }
    // The original also writes a HashMap in history order; an index reached twice keeps the
    // older offer's utility, as here (the older comes later, newest first).
    const std::vector<double> decomposition = DaubechiesDecomposition(chi);
    const std::size_t n = decomposition.size();
    std::vector<double> x(n + 1, 0.0), y(n + 1, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      x[i] = static_cast<double>(i);
      y[i] = decomposition[i];
    }
    forecast_.Fit(x, y, 1e-16);
    std::vector<double> ratio(chi.size());
    for (std::size_t i = 0; i < chi.size(); ++i) {
      double r = forecast_.At(static_cast<double>(i)) / chi[i];
      if (std::isinf(r)) {
        r = 0;
      } else if (std::isnan(r)) {
        r = 1;
      }
      ratio[i] = r;
    }
    // Fawkews_Math.getStandardDeviation (population).
    ratio_spread_ = 0;
    if (ratio.size() > 1) {
      double mean = 0;
      for (double r : ratio) mean += r;
      mean /= static_cast<double>(ratio.size());
      double deviation = 0;
      for (double r : ratio) deviation += (r - mean) * (r - mean);
      ratio_spread_ = std::sqrt(deviation / static_cast<double>(ratio.size()));
    }
  }

  const Profile* profile_ = nullptr;
  const OutcomeSpace* space_ = nullptr;
  std::size_t party_ = 0;
  std::shared_ptr<const GeniusSortedOutcomes> sorted_;
  bool positioned_ = false;
  std::uint64_t max_rounds_ = 0;
  double time_index_factor_ = 201;
  double discount_ = 1;
  double reservation_ = 0;
  double best_utility_ = 1;
  double minimum_acceptable_ = 0;
  // Offering and OMS state.
  std::vector<double> bid_time_;  // each sorted bid's BidDetails time (-1 until chosen)
  std::size_t own_count_ = 0;
  std::size_t own_last_ = 0;
  int second_best_count_ = 1;
  std::deque<double> last_ten_;
  // Opponent model.
  std::vector<Received> offers_;  // oldest first
  Outcome previous_offer_;
  std::vector<double> weights_;
  std::vector<std::vector<double>> counts_;
  std::vector<std::vector<double>> rating_;  // weight x normalised count, per issue and value
  std::vector<double> ratings_;              // per sorted bid, valid where rated_in_ is generation_
  std::vector<std::uint32_t> rated_in_;
  std::uint32_t generation_ = 0;
  double largest_gap_ = 0;
  SmoothingSpline forecast_;
  double ratio_spread_ = 0;
};

const bool kRegistered = NegotiatorRegistry::Add(
    {"thefawkes",
     "TheFawkes (ANAC 2013, winner), as GENIUS runs it: forecasts the opponent's concession with a wavelet "
     "decomposition and smoothing spline of its offers, concedes towards the forecast along a reserved-utility "
     "curve, offers the bid a frequency model rates best for the opponent; accepts at least its next bid.",
     {},
     [](const Spec&) { return std::make_unique<TheFawkes>(); }});

}  // namespace
}  // namespace parley
