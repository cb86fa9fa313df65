// Farma, a finalist of ANAC 2016 (multilateral): a port of GENIUS's agents.anac.y2016.farma.Farma
// (GENIUS 9.1.10), reimplemented from its source. It is of Atlas3's family: the same search for its
// best bid, relative-utility walk and simulated annealing (atlas3_bid_search.h). Its own parts: a
// threshold from each opponent's offer statistics (undiscounted: 1 - (1 - Emax) t^alpha, alpha
// from how its own offers' mean and variance compare with the opponent's; discounted:
// 1 - (1 - d) ln(1 + t (e - 1)) capped at 0.95), never below a floor raised to the least Emax; its
// best bid in its first three turns and every 75/d-th; otherwise a bid from the neighbourhood it
// collects around every offer received (one value changed, or moved to an opponent's most
// frequent value), the one nearest above the threshold (within 0.125) that the opponents offered
// or accepted most and that looks most like their most frequent values.
// Runs inside CaduceusDC16 (ANAC 2017); GENIUS recorded no session of it.
//
// Deliberate differences from the original, each because it cannot be done otherwise:
// - Randomness: as in atlas3.cc, the original's unseeded draws (Domain.getRandomBid(null) for its
//   best bid and for each turn's start bid, `new Random()` in the annealing, Collections.shuffle)
//   come, in the original's order, from one JavaRandom seeded from context.seed with its bits
//   inverted.
// - Its first search for its best bid repeats while that bid is worth less than the reservation
//   value; the port stops after 100 searches (the original never ends then), as atlas3's.
// - Integer and real issues: its lists of an integer issue's values fail on first use
//   (java.lang.Integer is not a Value) and it has none for a real issue, so the original cannot
//   start on such a domain. The port uses an integer issue's whole range, leaves real issues out of
//   its statistics and neighbourhood, and searches as atlas3 does there (random bids).
// - The neighbourhood is a java.util.HashMap iterated in its order (JavaHashMapKeys); Java turns a
//   bucket of nine or more bids of a table of 64 or more into a tree, which reorders it: not
//   reproduced (bid hash codes that collide that much do not occur in GENIUS's domains).
// It ignores the reservation value where the original does: it accepts and offers bids worth less.
// Strategy notes: docs/strategies.md#farma--farma-anac-2016-multilateral
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "common/java_hash.h"
#include "negotiators/anac/atlas3_bid_search.h"
#include "negotiators/anac/genius_bid_hash.h"
#include "negotiators/anac/genius_random_bid.h"
#include "parley/negotiator.h"

namespace parley {
namespace {

class Farma final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override;
  void Observe(const ObservedAction& action) override;
  ActionType Act(const TurnState& state, Outcome& proposal) override;

 private:
  // What it knows of one opponent, in order of first appearance.
  struct Opponent {
    int offers = 0;
    double first_offer_utility = 0.0;
    double sum = 0.0, square_sum = 0.0, mean = 0.0, variance = 0.0, deviation = 0.0;
    int accepts = 0;
    std::vector<int> value_offers;  // per value name (name_id_), how often it offered it
  };

  static constexpr double kNearThreshold = 0.125;
  static constexpr int kMaxBidTurns = 3;
  static constexpr double kMaxBidPeriod = 75.0;

  double U(const Outcome& bid) const { return profile_->Utility(bid); }
  std::uint64_t ValueCount(std::size_t issue) const { return search_.ValueCount(issue); }
  double Value(std::size_t issue, std::uint64_t index) const { return search_.Value(issue, index); }
  std::uint64_t ValueIndex(std::size_t issue, double value) const { return space_->issue(issue).PositionOf(value); }
  std::size_t OpponentIndex(std::size_t party);
  double Emax(const Opponent& opponent) const;
  double FarmaThreshold(double t) const;
  bool EndsNegotiation(double t) const;
  int MaxBidPeriod() const;
  double AcceptRate(const Opponent& opponent) const;
  double Importance(const Opponent& opponent) const;
  double Similarity(const Outcome& a, const Outcome& b) const;
  double SupportOf(const Outcome& bid) const;
  std::uint64_t MostOffered(const Opponent& opponent, std::size_t issue) const;
  void AddNeighbour(const Outcome& bid);
  void NeighboursOfOffer(const Outcome& offer);
  void FrequencyVariants(const Outcome& base, std::vector<Outcome>* variants);
  bool PickNearThreshold(const std::vector<Outcome>& bids, double threshold, Outcome& bid);
  bool PickNeighbour(double threshold, Outcome& bid);
  void SearchBid(const Outcome& base, double threshold, Outcome& bid);

  const Profile* profile_ = nullptr;
  const OutcomeSpace* space_ = nullptr;
  std::size_t issues_ = 0;
  Atlas3BidSearch search_;  // its searches and the generator of the original's unseeded draws
  double reservation_ = 0.0;
  double discount_ = 1.0;
  std::vector<std::size_t> opponents_;  // parties in order of first action
  bool have_offer_ = false;
  Outcome offered_;  // the last offer another party made
  Outcome base_;
  std::vector<std::vector<std::size_t>> name_id_;  // per issue and value: an id of its name
  std::size_t names_ = 0;
  std::vector<Opponent> stats_;  // parallel to opponents_
  int total_accepts_ = 0;
  std::map<std::vector<double>, std::vector<int>> support_;  // per bid, per opponent: offers and accepts
  GeniusBidHash bid_hash_;
  std::vector<Outcome> neighbours_;  // in insertion order
  std::vector<double> neighbour_utility_;
  std::set<std::vector<double>> neighbour_set_;
  JavaHashMapKeys neighbour_order_;  // neighbours_ by their hashes, in the HashMap's order
  int round_ = 0;
  int own_offers_ = 0;
  double own_sum_ = 0.0, own_square_sum_ = 0.0, own_mean_ = 0.0, own_variance_ = 0.0;
  std::vector<Outcome> candidates_, variants_;
  Outcome frequent_bid_, variant_;
};

void Farma::Begin(const NegotiatorContext& context) {
  profile_ = context.profile;
  space_ = context.space;
  issues_ = space_->issue_count();
  reservation_ = profile_->reservation_value();
  discount_ = profile_->discount_factor();
  search_.Begin(*profile_, *space_, ~static_cast<std::int64_t>(context.seed));
  opponents_.clear();
  have_offer_ = false;
  offered_ = base_ = Outcome(issues_);
  // Value.equals is by name, whatever the issue: counts of equally named values are shared.
  std::map<std::string, std::size_t> ids;
  name_id_.assign(issues_, {});
  for (std::size_t i = 0; i < issues_; ++i) {
    const Issue& issue = space_->issue(i);
    for (std::uint64_t v = 0; v < ValueCount(i); ++v) {
      const std::string name = issue.kind() == IssueKind::kDiscrete
                                   ? "d" + issue.values()[v]
                                   : "i" + std::to_string(static_cast<std::int64_t>(Value(i, v)));
      name_id_[i].push_back(ids.emplace(name, ids.size()).first->second);
    }
  }
  names_ = ids.size();
  stats_.clear();
  total_accepts_ = 0;
  support_.clear();
  bid_hash_.Reset(*space_);
  neighbours_.clear();
  neighbour_utility_.clear();
  neighbour_set_.clear();
  neighbour_order_.Clear();
  round_ = 0;
  own_offers_ = 0;
  own_sum_ = own_square_sum_ = own_mean_ = own_variance_ = 0.0;
  frequent_bid_ = variant_ = Outcome(issues_);
}

std::size_t Farma::OpponentIndex(std::size_t party) {
  const auto found = std::find(opponents_.begin(), opponents_.end(), party);
  if (found != opponents_.end()) return static_cast<std::size_t>(found - opponents_.begin());
  opponents_.push_back(party);
  stats_.emplace_back();
  stats_.back().value_offers.assign(names_, 0);
  return opponents_.size() - 1;
}

void Farma::Observe(const ObservedAction& action) {
  // A vote against an offer (amop, majority) is neither an Accept nor an Offer, which is all the
  // original reads.
  if (action.type == ActionType::kEndNegotiation || action.type == ActionType::kReject) return;
  const std::size_t o = OpponentIndex(action.party);
  Opponent& opponent = stats_[o];
  if (action.type == ActionType::kAccept) {
    // The original counts the accept for the last offer another party made.
    if (have_offer_) {
      std::vector<int>& counts = support_[offered_.values()];
      counts.resize(std::max(counts.size(), o + 1), 0);
      ++counts[o];
    }
    ++opponent.accepts;
    ++total_accepts_;
    return;
  }
  if (!action.offer) return;
  offered_ = *action.offer;
  have_offer_ = true;
  for (std::size_t i = 0; i < issues_; ++i) {
    if (ValueCount(i) > 0) ++opponent.value_offers[name_id_[i][ValueIndex(i, offered_[i])]];
  }
  std::vector<int>& counts = support_[offered_.values()];
  counts.resize(std::max(counts.size(), o + 1), 0);
  ++counts[o];
  const double u = U(offered_);
  if (opponent.offers == 0) opponent.first_offer_utility = u;
  ++opponent.offers;
  opponent.sum += u;
  opponent.square_sum += u * u;
  opponent.mean = opponent.sum / opponent.offers;
  opponent.variance = opponent.square_sum / opponent.offers - opponent.mean * opponent.mean;
  if (opponent.variance < 0.0) opponent.variance = 0.0;
  opponent.deviation = std::sqrt(opponent.variance);
  NeighboursOfOffer(offered_);
}

// The highest utility the opponent's offers suggest it would accept: its mean plus the width of a
// distribution with that mean and deviation.
double Farma::Emax(const Opponent& opponent) const {
  const double m = opponent.mean;
  const double width =
      m > 0.0 && m < 1.0 ? std::sqrt(3.0 / (m - m * m)) * opponent.deviation : std::sqrt(12.0) * opponent.deviation;
  return m + (1.0 - m) * width;
}

double Farma::FarmaThreshold(double t) const {
  double floor = (discount_ < 1.0 ? 0.30 : 0.55) + reservation_ * 0.2;
  double least_emax = 1.0;
  for (const Opponent& opponent : stats_) least_emax = std::min(least_emax, Emax(opponent));
  floor = std::max(floor, least_emax);
  if (reservation_ == 0.0 && t > 0.99) floor *= 0.85;

  double threshold = 1.0;
  if (discount_ < 1.0) {
    threshold = std::min(0.95, 1.0 - (1.0 - discount_) * std::log1p(t * (std::exp(1.0) - 1.0)));
  } else {
    // alpha above 1 concedes late; it falls as this party offers better for itself than the
    // opponent does (cooperativeness) and varies less (assertiveness).
    const double base_alpha = 3.5 + reservation_;
    for (const Opponent& opponent : stats_) {
      const double assertiveness = own_variance_ - opponent.variance;
      const double cooperativeness = own_mean_ - opponent.mean;
      const double alpha = std::max(0.1, base_alpha - (cooperativeness - assertiveness));
      threshold = std::min(threshold, 1.0 - (1.0 - Emax(opponent)) * std::pow(t, alpha));
    }
  }
  return std::max(threshold, floor);
}

bool Farma::EndsNegotiation(double t) const {
  const double discounted_reservation = reservation_ == 0.0 ? 0.0 : reservation_ * std::pow(discount_, t);
  if (discounted_reservation >= FarmaThreshold(t)) return true;
  if (t > 0.5 && reservation_ > discount_ * 2.0) {
    double least_distance = 1.0;
    double most_emax = 0.0;
    for (const Opponent& opponent : stats_) {
      least_distance = std::min(least_distance, opponent.offers == 0 ? 0.0 : 1.0 - opponent.first_offer_utility);
      most_emax = std::max(most_emax, Emax(opponent));
    }
    if (most_emax < least_distance) return true;
  }
  return false;
}

int Farma::MaxBidPeriod() const {
  const double period = kMaxBidPeriod / discount_;  // (int) in Java: truncated, saturating
  if (period >= 2147483647.0) return std::numeric_limits<int>::max();
  return static_cast<int>(period);
}

ActionType Farma::Act(const TurnState& state, Outcome& proposal) {
  const double t = state.time;
  ++round_;
  if (state.current_offer != nullptr && have_offer_ && U(offered_) >= FarmaThreshold(t)) return ActionType::kAccept;
  if (EndsNegotiation(t)) return ActionType::kEndNegotiation;
  GeniusDomainRandomBid(*space_, search_.free_random(), base_);  // drawn every offer, used only by the search
  const double threshold = FarmaThreshold(t);
  if (round_ <= kMaxBidTurns || round_ % MaxBidPeriod() == 0) {
    proposal = search_.max_bid();
  } else {
    SearchBid(base_, threshold, proposal);
  }
  const double u = U(proposal);
  ++own_offers_;
  own_sum_ += u;
  own_square_sum_ += u * u;
  own_mean_ = own_sum_ / own_offers_;
  own_variance_ = std::max(0.0, own_square_sum_ / own_offers_ - own_mean_ * own_mean_);
  return ActionType::kOffer;
}

void Farma::SearchBid(const Outcome& base, double threshold, Outcome& bid) {
  if (search_.has_real_issue()) {
    search_.RandomSearch(threshold, bid);
    return;
  }
  if (!PickNeighbour(threshold, bid)) {
    search_.AppropriateSearch(base, threshold, bid);
    variants_.clear();
    FrequencyVariants(bid, &variants_);
    if (PickNearThreshold(variants_, threshold, variant_)) bid = variant_;
  }
  if (U(bid) < threshold) bid = search_.max_bid();
}

// Java's integer division: 1 when the opponent accepted as often as all accepts together plus the
// number of other opponents, else 0.
double Farma::AcceptRate(const Opponent& opponent) const {
  return static_cast<double>((opponent.accepts + 1) / (total_accepts_ + static_cast<int>(stats_.size())));
}

double Farma::Importance(const Opponent& opponent) const {
  const double distance = opponent.offers == 0 ? 0.0 : 1.0 - opponent.first_offer_utility;
  return 1.0 - AcceptRate(opponent) + distance;
}

// Over the issues in the searches' order: 1 - the value's relative utility for each issue where
// the two bids agree, averaged over all issues.
double Farma::Similarity(const Outcome& a, const Outcome& b) const {
  double similarity = 0.0;
  for (std::size_t issue : search_.issue_order()) {
    if (ValueCount(issue) == 0 || a[issue] != b[issue]) continue;
    similarity += 1.0 - search_.RelativeUtility(issue, ValueIndex(issue, a[issue]));
  }
  return similarity / static_cast<double>(issues_);
}

double Farma::SupportOf(const Outcome& bid) const {
  const auto found = support_.find(bid.values());
  if (found == support_.end()) return 0.0;
  double support = 0.0;
  for (std::size_t o = 0; o < stats_.size(); ++o) {
    if (o < found->second.size() && found->second[o] > 0) support += Importance(stats_[o]) * found->second[o];
  }
  return support;
}

// The issue's first value offered most often by the opponent (the first value when none was).
std::uint64_t Farma::MostOffered(const Opponent& opponent, std::size_t issue) const {
  std::uint64_t most = 0;
  double most_count = 0.0;
  for (std::uint64_t v = 0; v < ValueCount(issue); ++v) {
    const double count = opponent.value_offers[name_id_[issue][v]];
    if (most_count < count) {
      most_count = count;
      most = v;
    }
  }
  return most;
}

void Farma::AddNeighbour(const Outcome& bid) {
  if (!neighbour_set_.insert(bid.values()).second) return;
  neighbours_.push_back(bid);
  neighbour_order_.Put(bid_hash_(bid));
  neighbour_utility_.push_back(U(bid));
}

// Every bid one value away from the offer worth the reservation value, and for each new one its
// variants towards each opponent's most frequent values.
void Farma::NeighboursOfOffer(const Outcome& offer) {
  for (std::size_t issue : search_.issue_order()) {
    for (std::uint64_t v = 0; v < ValueCount(issue); ++v) {
      if (offer[issue] == Value(issue, v)) continue;
      Outcome neighbour = offer;
      neighbour[issue] = Value(issue, v);
      if (U(neighbour) < reservation_ || neighbour_set_.count(neighbour.values()) > 0) continue;
      AddNeighbour(neighbour);
      FrequencyVariants(neighbour, nullptr);
    }
  }
}

// For each opponent and issue, `base` with that issue moved to the opponent's most frequent value;
// those worth the reservation value join the neighbourhood.
void Farma::FrequencyVariants(const Outcome& base, std::vector<Outcome>* variants) {
  for (const Opponent& opponent : stats_) {
    for (std::size_t issue : search_.issue_order()) {
      if (ValueCount(issue) == 0) continue;
      Outcome variant = base;
      variant[issue] = Value(issue, MostOffered(opponent, issue));
      if (variants != nullptr) variants->push_back(variant);
      if (U(variant) >= reservation_) AddNeighbour(variant);
    }
  }
}

// Of the bids at most 0.125 above the threshold, the first with the greatest support (offers and
// accepts weighted by each opponent's importance) plus similarity to the last opponent's most
// frequent values; else the first most similar. False when no bid scores above 0.
bool Farma::PickNearThreshold(const std::vector<Outcome>& bids, double threshold, Outcome& bid) {
  // The original weighs every opponent's similarity in turn and keeps only the last.
  const Opponent* last = stats_.empty() ? nullptr : &stats_.back();
  if (last != nullptr) {
    frequent_bid_ = search_.max_bid();
    for (std::size_t issue = 0; issue < issues_; ++issue) {
      if (ValueCount(issue) > 0) frequent_bid_[issue] = Value(issue, MostOffered(*last, issue));
    }
  }
  const Outcome* best = nullptr;
  const Outcome* most_similar = nullptr;
  double best_score = 0.0;
  double best_similarity = 0.0;
  for (const Outcome& candidate : bids) {
    const double distance = U(candidate) - threshold;
    if (!(distance >= 0.0 && distance < kNearThreshold)) continue;
    const double similarity = last == nullptr ? 0.0 : Importance(*last) * Similarity(candidate, frequent_bid_);
    if (similarity > best_similarity) {
      best_similarity = similarity;
      most_similar = &candidate;
    }
    const double score = SupportOf(candidate) + similarity;
    if (score > best_score) {
      best_score = score;
      best = &candidate;
    }
  }
  if (best == nullptr) best = most_similar;
  if (best == nullptr) return false;
  bid = *best;
  return true;
}

// The neighbourhood's bids reaching the threshold, in the HashMap's order, picked from as above.
bool Farma::PickNeighbour(double threshold, Outcome& bid) {
  candidates_.clear();
  neighbour_order_.ForEach([&](std::size_t n) {
    if (neighbour_utility_[n] >= threshold) candidates_.push_back(neighbours_[n]);
  });
  if (candidates_.empty()) return false;
  return PickNearThreshold(candidates_, threshold, bid);
}

const bool kRegistered = NegotiatorRegistry::Add(
    {"farma",
     "Farma (ANAC 2016 finalist, multilateral), as GENIUS's agents.anac.y2016.farma.Farma (a part of "
     "CaduceusDC16): a threshold from each opponent's offer statistics, its best bid at first and every 75/d "
     "turns, else the bid near the threshold that the others supported most, from bids around their offers.",
     {},
     [](const Spec&) { return std::make_unique<Farma>(); }});

}  // namespace
}  // namespace parley
