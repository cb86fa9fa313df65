// Gangster's bid store (gangster_bid_storage.h), following the original BidStorage; the reasons
// for its rules are in docs/strategies.md#gangster--gangster-anac-2014.
#include "negotiators/anac/gangster_bid_storage.h"

#include <climits>
#include <cmath>

namespace parley {
namespace {

constexpr std::size_t kMaxSelfish = 2 * 1000;          // more selfish bids than this: clean up
constexpr std::size_t kKeptOfEachOrder = 2 * 250 / 2;  // ... keeping the last of each order
constexpr std::size_t kMaxNotSelfish = 5000;
constexpr std::size_t kKeptNotSelfish = 1000;
constexpr std::size_t kMaxHistory = 3000;

// The original's clean-up of a history past 3000 bids reassigns the list inside its copying loop,
// which leaves the one bid in the middle.
void TrimHistory(std::vector<Outcome>& history) {
  if (history.size() <= kMaxHistory) return;
  Outcome middle = history[history.size() / 2];
  history.assign(1, std::move(middle));
}

}  // namespace

bool GangsterBidStorage::Order::operator()(std::size_t a, std::size_t b) const {
  const Stored& x = (*pool)[a];
  const Stored& y = (*pool)[b];
  switch (key) {
    case 0:
      if (x.distance != y.distance) return x.distance < y.distance;
      break;
    case 1:
      if (x.diversity != y.diversity) return x.diversity < y.diversity;
      break;
    case 2:
      if (x.utility != y.utility) return x.utility < y.utility;
      break;
    default: break;
  }
  return x.text < y.text;
}

void GangsterBidStorage::Reset(const OutcomeSpace& space) {
  space_ = &space;
  by_distance_.clear();
  by_diversity_.clear();
  not_selfish_.clear();
  pool_.clear();
  opponent_offers_.clear();
  own_offers_.clear();
  for (auto& bucket : buckets_) bucket.reset();
  best_of_buckets_.clear();
  first_live_bucket_ = 0;
  target_ = 0.0;
}

std::string GangsterBidStorage::Text(const Outcome& bid) const {
  std::string text = "Bid[";
  for (std::size_t i = 0; i < bid.size(); ++i) {
    if (i > 0) text += ", ";
    text += space_->issue(i).name();
    text += ": ";
    text += std::to_string(static_cast<long long>(bid[i]));
  }
  text += "]";
  return text;
}

std::size_t GangsterBidStorage::BucketOf(double time) {
  const auto i = static_cast<std::size_t>(std::floor(time * 100.0));
  return i >= 100 ? 99 : i;
}

void GangsterBidStorage::AddOpponentOffer(const GangsterOffer& offer) {
  opponent_offers_.push_back(offer.bid);
  TrimHistory(opponent_offers_);
  for (std::size_t id : by_diversity_) {
    Stored& stored = pool_[id];
    const int distance = ManhattanDistance(stored.bid, offer.bid);
    if (distance < stored.distance) {
      by_distance_.erase(id);
      stored.distance = distance;
      by_distance_.insert(id);
    }
  }
  std::optional<Bucket>& bucket = buckets_[BucketOf(offer.time)];
  if (!bucket) bucket.emplace();
  if (!bucket->empty()) {
    const double old_best = bucket->Peek().utility;
    if (offer.utility > old_best) {
      best_of_buckets_.erase(old_best);  // whichever offer holds that utility
      best_of_buckets_.emplace(offer.utility, offer);
    }
  } else {
    best_of_buckets_.emplace(offer.utility, offer);
  }
  bucket->Add(offer);
}

void GangsterBidStorage::AddOwnOffer(const Outcome& bid) {
  own_offers_.push_back(bid);
  TrimHistory(own_offers_);
  for (std::size_t id : by_distance_) {
    Stored& stored = pool_[id];
    const int diversity = ManhattanDistance(stored.bid, bid);
    if (diversity < stored.diversity) {
      by_diversity_.erase(id);
      stored.diversity = diversity;
      by_diversity_.insert(id);
    }
  }
}

void GangsterBidStorage::MeasureAgainstHistory(Stored& stored) const {
  for (const Outcome& offer : opponent_offers_)
    stored.distance = std::min(stored.distance, ManhattanDistance(stored.bid, offer));
  for (const Outcome& own : own_offers_)
    stored.diversity = std::min(stored.diversity, ManhattanDistance(stored.bid, own));
}

void GangsterBidStorage::SetTarget(double target) {
  target_ = target;
  while (!not_selfish_.empty()) {
    const std::size_t id = *not_selfish_.rbegin();
    if (!(pool_[id].utility > target)) break;
    not_selfish_.erase(id);
    MeasureAgainstHistory(pool_[id]);
    by_distance_.insert(id);
    by_diversity_.insert(id);
  }
}

void GangsterBidStorage::AddAll(const std::vector<GangsterSample>& samples) {
  for (const GangsterSample& sample : samples) {
    const std::size_t id = pool_.size();
    pool_.push_back({sample.bid, sample.utility, Text(sample.bid), INT_MAX, INT_MAX});
    if (sample.utility > target_) {
      MeasureAgainstHistory(pool_[id]);
      by_distance_.insert(id);
      by_diversity_.insert(id);
    } else {
      not_selfish_.insert(id);
    }
    if (not_selfish_.size() > kMaxNotSelfish) CleanUpNotSelfish();
    if (by_diversity_.size() > kMaxSelfish) CleanUp();
  }
}

// Keeps the most diverse and the farthest from the opponent (the last of each order), once each.
void GangsterBidStorage::CleanUp() {
  std::set<std::size_t, Order> kept(Order{&pool_, 3});
  auto diverse = by_diversity_.rbegin();
  auto far = by_distance_.rbegin();
  for (std::size_t i = 0; i < kKeptOfEachOrder; ++i) kept.insert(*diverse++);
  for (std::size_t i = 0; i < kKeptOfEachOrder; ++i) kept.insert(*far++);
  by_diversity_.clear();
  by_distance_.clear();
  for (std::size_t id : kept) {
    by_diversity_.insert(id);
    by_distance_.insert(id);
  }
}

void GangsterBidStorage::CleanUpNotSelfish() {
  std::vector<std::size_t> kept;
  auto best = not_selfish_.rbegin();
  for (std::size_t i = 0; i < kKeptNotSelfish; ++i) kept.push_back(*best++);
  not_selfish_.clear();
  not_selfish_.insert(kept.begin(), kept.end());
}

std::optional<std::size_t> GangsterBidStorage::Next(int max_distance) const {
  if (by_distance_.empty()) return std::nullopt;
  const std::size_t farthest = *by_distance_.rbegin();
  if (pool_[farthest].distance < max_distance) return farthest;
  return *by_diversity_.rbegin();
}

void GangsterBidStorage::Remove(std::size_t id) {
  by_diversity_.erase(id);
  by_distance_.erase(id);
}

std::optional<GangsterOffer> GangsterBidStorage::TakeOfferToRepeat(double time, double target, double window) {
  const double oldest = time - window;
  const auto first_kept = static_cast<long>(std::floor(oldest * 100.0));
  for (long k = static_cast<long>(first_live_bucket_); k < first_kept; ++k)
    buckets_[static_cast<std::size_t>(k)].reset();
  if (first_kept > 0) first_live_bucket_ = static_cast<std::size_t>(first_kept);
  while (!best_of_buckets_.empty()) {
    const GangsterOffer best = best_of_buckets_.begin()->second;
    if (best.utility < target) return std::nullopt;
    best_of_buckets_.erase(best_of_buckets_.begin());
    if (best.time > oldest) {
      std::optional<Bucket>& bucket = buckets_[BucketOf(best.time)];
      if (bucket) {
        bucket->RemoveFirst([&](const GangsterOffer& o) {
          return o.bid == best.bid && o.utility == best.utility && o.time == best.time;
        });
        if (!bucket->empty()) best_of_buckets_.emplace(bucket->Peek().utility, bucket->Peek());
      }
      return best;
    }
  }
  return std::nullopt;
}

double GangsterBidStorage::BestOfferedUtility(double time, double window) const {
  for (const auto& [utility, offer] : best_of_buckets_) {
    if (!(offer.time < time - window)) return utility;
  }
  return 0.0;
}

}  // namespace parley
