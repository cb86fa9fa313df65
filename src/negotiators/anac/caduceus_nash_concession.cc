// The agent of GENIUS's Caduceus portfolio named like it,
// agents.anac.y2016.caduceus.agents.Caduceus.Caduceus (GENIUS 9.1.10), reimplemented from its
// source. Until the current round reaches 0.83 d of the deadline it offers its best bid. From then
// on it models itself and every party that has offered in one structure (per issue a weight, per
// value a utility): its own from its profile, the others' from counts of the values they offer and
// of values repeated from their previous offer, each weighted by a factor falling with time. Each
// turn it normalises all models in place, takes as "Nash bid" the bid where a running product of
// the models' utilities over the whole space (never reset between bids) last rose, and offers the
// bid nearest the point t of the way from its best bid towards that bid (in a space of its own
// weighted value utilities, normalised and scaled by 10), or a random bid worth its reservation
// value of at least 0.75 when that bid's discounted utility is below it. It accepts when the last
// offer's discounted utility exceeds its bid's by 0.2.
// Strategy notes: docs/strategies.md#caduceus--caduceus-anac-2016-multilateral
//
// Deliberate differences from the original, each because Parley cannot do otherwise:
// - Randomness: its random bids come from an unseeded `new Random()` in GENIUS; here from a
//   JavaRandom seeded from context.seed with its bits inverted, in the original's order.
// - Its random bid repeats until one is worth the reservation value (forever when none is); here
//   at most 100000 draws, then the best drawn.
// - Its models need a linear additive profile over discrete issues (the original casts to both and
//   fails otherwise). Integer issues are read as discrete values named by their numbers; with a
//   real issue, another kind of profile, or more than 2^18 bids (it enumerates the space twice a
//   turn and keeps a point per bid), the port keeps offering its best bid.
// - The others' models are taken in turn order; the original takes them in the HashMap order of
//   their GENIUS agent ids, which Parley does not have (the order only changes the rounding of the
//   product). Value names match case-insensitively in ASCII only (Java folds every letter).
#include "negotiators/anac/caduceus_nash_concession.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "common/java_decimal_format.h"
#include "common/java_hash.h"
#include "common/java_random.h"
#include "negotiators/anac/genius_random_bid.h"
#include "negotiators/anac/genius_value_order.h"
#include "parley/outcome_ranking.h"
#include "parley/utility.h"
#include "preferences/genius_bid_iterator.h"

namespace parley {

namespace {

// Scores per issue and value, the original's "sane utility space".
struct ValueModel {
  std::vector<double> weight;                // per issue
  std::vector<std::vector<double>> utility;  // per issue and value position
};

struct OpponentModel {
  bool offered = false;
  ValueModel model;
  Outcome last_offer;
};

class CaduceusNashConcession final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override;
  void Observe(const ObservedAction& action) override;
  ActionType Act(const TurnState& state, Outcome& proposal) override;

 private:
  static constexpr double kBestOfferShare = 0.83;
  static constexpr double kLeastReservation = 0.75;
  static constexpr double kAcceptMargin = 0.2;
  static constexpr double kNearMaxPrecision = 0.1;
  static constexpr double kScale = 10.0;
  static constexpr int kRandomBidTries = 100000;
  static constexpr std::uint64_t kMaxModelledBids = std::uint64_t{1} << 18;

  bool IsBestOfferTime(const TurnState& state) const;
  // 2 t^2 - 101 t + 100, rounded up to three decimals: the weight of one observation.
  static double RoundValue(double t);
  void Normalise(ValueModel& model) const;
  double ModelUtility(const ValueModel& model, const Outcome& bid) const;
  // Position of bid number `index` in BidIterator order (first issue fastest).
  void BidAt(std::uint64_t index, Outcome& bid) const;
  // False when the running product never rose above 0.
  bool FindNashBid(Outcome& nash);
  void Vectorise(const Outcome& bid, std::vector<double>& point) const;
  void OfferTowards(const Outcome& target, double t, Outcome& bid);

  const Profile* profile_ = nullptr;
  const OutcomeSpace* space_ = nullptr;
  std::size_t issues_ = 0;
  std::uint64_t max_rounds_ = 0;
  double discount_ = 1.0;
  double self_reservation_ = kLeastReservation;
  double best_offer_share_ = kBestOfferShare;
  bool modelled_ = false;  // the models apply to this profile and space
  std::uint64_t bid_count_ = 0;
  JavaRandom free_random_{0};
  Outcome best_bid_;

  std::vector<std::vector<std::string>> value_names_;  // per issue, per position
  std::vector<std::size_t> issue_order_;               // saneSpaceMap's HashMap order
  std::vector<std::vector<std::size_t>> value_order_;  // per issue, its values' HashMap order
  ValueModel own_;
  std::vector<OpponentModel> opponents_;  // by party
  bool have_offer_ = false;
  Outcome last_offer_;  // the last offer received from anyone

  ValueModel vectorised_with_;  // the own model the bid points were computed with
  std::vector<double> points_;  // issues_ numbers per bid, in BidIterator order
  std::vector<double> point_, max_point_, target_point_;
  Outcome work_, candidate_;
};

void CaduceusNashConcession::Begin(const NegotiatorContext& context) {
  profile_ = context.profile;
  space_ = context.space;
  issues_ = space_->issue_count();
  max_rounds_ = context.max_rounds;
  discount_ = profile_->discount_factor();
  self_reservation_ = std::max(kLeastReservation, profile_->reservation_value());
  best_offer_share_ = kBestOfferShare * discount_;
  free_random_ = JavaRandom(~static_cast<std::int64_t>(context.seed));
  best_bid_ = work_ = candidate_ = last_offer_ = Outcome(issues_);
  GeniusMaxUtilityBid(profile_->utility_function().ranking(), best_bid_);
  have_offer_ = false;
  opponents_.assign(context.party_count, {});
  points_.clear();
  vectorised_with_ = {};

  const auto* linear = dynamic_cast<const LinearAdditiveUtility*>(&profile_->utility_function());
  const auto count = space_->cardinality();
  modelled_ = linear != nullptr && count && *count <= kMaxModelledBids;
  for (const Issue& issue : space_->issues()) modelled_ = modelled_ && issue.countable();
  if (!modelled_) return;
  bid_count_ = *count;
  value_names_.assign(issues_, {});
  value_order_.assign(issues_, {});
  own_.weight = linear->weights();
  own_.utility.assign(issues_, {});
  std::vector<std::int32_t> hashes;
  for (std::size_t i = 0; i < issues_; ++i) {
    const Issue& issue = space_->issue(i);
    hashes.push_back(JavaStringHash(issue.name()));
    // Values enter the model's HashMap in the evaluator's order.
    std::vector<std::size_t> inserted;
    if (issue.kind() == IssueKind::kDiscrete) {
      inserted = GeniusEvaluatorValueOrder(issue);
    } else {
      for (std::size_t p = 0; p < issue.cardinality(); ++p) inserted.push_back(p);
    }
    std::vector<std::int32_t> value_hashes;
    for (std::uint64_t p = 0; p < issue.cardinality(); ++p) {
      value_names_[i].push_back(issue.Format(issue.ValueAt(p)));
      own_.utility[i].push_back(linear->value_functions()[i].Evaluate(issue, issue.ValueAt(p)));
    }
    for (std::size_t p : inserted) value_hashes.push_back(JavaStringHash(value_names_[i][p]));
    for (std::size_t k : JavaHashMapOrder(value_hashes)) value_order_[i].push_back(inserted[k]);
  }
  issue_order_ = JavaHashMapOrder(hashes);
}

double CaduceusNashConcession::RoundValue(double t) {
  return JavaCeilingToThousandths(2 * std::pow(t, 2) - 101 * t + 100);
}

bool CaduceusNashConcession::IsBestOfferTime(const TurnState& state) const {
  // GENIUS compares the current round with the total rounds (N + 1); without a round deadline,
  // seconds with seconds, which is the time.
  if (max_rounds_ == 0) return state.time < best_offer_share_;
  return static_cast<double>(state.round + 1) < static_cast<double>(max_rounds_ + 1) * best_offer_share_;
}

void CaduceusNashConcession::Normalise(ValueModel& model) const {
  double issue_sum = 0.0;
  for (std::size_t i : issue_order_) {
    double value_sum = 0.0;
    for (std::size_t p : value_order_[i]) value_sum += model.utility[i][p];
    for (std::size_t p : value_order_[i]) model.utility[i][p] /= value_sum;
    issue_sum += model.weight[i];
  }
  for (std::size_t i : issue_order_) model.weight[i] /= issue_sum;
}

double CaduceusNashConcession::ModelUtility(const ValueModel& model, const Outcome& bid) const {
  double utility = 0.0;
  for (std::size_t i = 0; i < issues_; ++i) {
    utility += model.weight[i] * model.utility[i][space_->issue(i).PositionOf(bid[i])];
  }
  return utility;
}

void CaduceusNashConcession::Observe(const ObservedAction& action) {
  if (action.type != ActionType::kOffer || !modelled_) {
    if (action.type == ActionType::kOffer) {
      last_offer_ = *action.offer;
      have_offer_ = true;
    }
    return;
  }
  if (action.party >= opponents_.size()) opponents_.resize(action.party + 1);
  OpponentModel& opponent = opponents_[action.party];
  if (!opponent.offered) {
    opponent.model.weight.assign(issues_, 0.0);
    opponent.model.utility.assign(issues_, {});
    for (std::size_t i = 0; i < issues_; ++i) opponent.model.utility[i].assign(value_names_[i].size(), 0.0);
  }
  const Outcome& bid = *action.offer;
  last_offer_ = bid;
  have_offer_ = true;
  for (std::size_t i = 0; i < issues_; ++i) {
    const std::size_t position = space_->issue(i).PositionOf(bid[i]);
    opponent.model.utility[i][position] += RoundValue(action.time);
    if (!opponent.offered) continue;
    // One weight increment for every value of the previous offer, on any issue, spelt alike.
    const std::string& name = value_names_[i][position];
    for (std::size_t j = 0; j < issues_; ++j) {
      const std::string& previous = value_names_[j][space_->issue(j).PositionOf(opponent.last_offer[j])];
      bool same = previous.size() == name.size();
      for (std::size_t c = 0; same && c < name.size(); ++c) {
        same =
            std::tolower(static_cast<unsigned char>(previous[c])) == std::tolower(static_cast<unsigned char>(name[c]));
      }
      if (same) opponent.model.weight[i] += RoundValue(action.time);
    }
  }
  opponent.offered = true;
  opponent.last_offer = bid;
}

void CaduceusNashConcession::BidAt(std::uint64_t index, Outcome& bid) const {
  for (std::size_t i = 0; i < issues_; ++i) {
    const Issue& issue = space_->issue(i);
    bid[i] = issue.ValueAt(index % issue.cardinality());
    index /= issue.cardinality();
  }
}

bool CaduceusNashConcession::FindNashBid(Outcome& nash) {
  Normalise(own_);
  for (OpponentModel& opponent : opponents_) {
    if (opponent.offered) Normalise(opponent.model);
  }
  double product = 1.0;
  double best = 0.0;
  bool found = false;
  for (std::uint64_t b = 0; b < bid_count_; ++b) {
    BidAt(b, candidate_);
    product *= ModelUtility(own_, candidate_);
    for (const OpponentModel& opponent : opponents_) {
      if (opponent.offered) product *= ModelUtility(opponent.model, candidate_);
    }
    if (product > best) {
      best = product;
      nash = candidate_;
      found = true;
    }
    // From 0 (or NaN) on, the product can never rise again.
    if (product == 0.0 || std::isnan(product)) break;
  }
  return found;
}

void CaduceusNashConcession::Vectorise(const Outcome& bid, std::vector<double>& point) const {
  point.resize(issues_);
  double sum = 0.0;
  for (std::size_t i = 0; i < issues_; ++i) {
    point[i] = own_.weight[i] * own_.utility[i][space_->issue(i).PositionOf(bid[i])];
    sum += point[i];
  }
  for (std::size_t i = 0; i < issues_; ++i) point[i] = point[i] / sum * kScale;
}

void CaduceusNashConcession::OfferTowards(const Outcome& target, double t, Outcome& bid) {
  if (points_.empty() || own_.weight != vectorised_with_.weight || own_.utility != vectorised_with_.utility) {
    points_.resize(bid_count_ * issues_);
    for (std::uint64_t b = 0; b < bid_count_; ++b) {
      BidAt(b, candidate_);
      Vectorise(candidate_, point_);
      std::copy(point_.begin(), point_.end(), points_.begin() + static_cast<std::ptrdiff_t>(b * issues_));
    }
    vectorised_with_ = own_;
  }
  Vectorise(best_bid_, max_point_);
  Vectorise(target, target_point_);
  // The unit vector from the best bid towards the target, whose norm the original takes from the
  // last issue alone; the point t along it.
  const double last = target_point_[issues_ - 1] - max_point_[issues_ - 1];
  const double norm = std::sqrt(last * last);
  for (std::size_t i = 0; i < issues_; ++i) {
    target_point_[i] = max_point_[i] + (target_point_[i] - max_point_[i]) / norm * t;
  }
  std::uint64_t nearest = 0;
  double nearest_distance = 0.0;
  for (std::uint64_t b = 0; b < bid_count_; ++b) {
    const double* point = &points_[b * issues_];
    double squares = 0.0;
    bool near_max = true;
    for (std::size_t i = 0; i < issues_; ++i) {
      const double d = target_point_[i] - point[i];
      squares += d * d;
      near_max = near_max && !(point[i] - max_point_[i] > kNearMaxPrecision);
    }
    const double distance = std::sqrt(squares);
    if (b == 0) nearest_distance = distance;  // the first bid is the start, near the best bid or not
    if (!near_max && distance < nearest_distance) {
      nearest = b;
      nearest_distance = distance;
    }
  }
  BidAt(nearest, bid);
}

ActionType CaduceusNashConcession::Act(const TurnState& state, Outcome& proposal) {
  if (!modelled_ || IsBestOfferTime(state)) {
    proposal = best_bid_;
    return ActionType::kOffer;
  }
  const double t = state.time;
  if (FindNashBid(work_)) {
    OfferTowards(work_, t, proposal);
  } else {
    OfferTowards(best_bid_, t, proposal);
  }
  if (profile_->DiscountedUtility(proposal, t) < self_reservation_) {
    GeniusAgentRandomBidReaching(*space_, *profile_, free_random_, self_reservation_, kRandomBidTries, proposal,
                                 candidate_);
  }
  const double last = have_offer_ ? profile_->DiscountedUtility(last_offer_, t) : 0.0;
  if (state.step > 0 && last > profile_->DiscountedUtility(proposal, t) + kAcceptMargin) return ActionType::kAccept;
  return ActionType::kOffer;
}

}  // namespace

std::unique_ptr<Negotiator> MakeCaduceusNashConcession() { return std::make_unique<CaduceusNashConcession>(); }

}  // namespace parley
