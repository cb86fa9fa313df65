// Gangster's genetic search (gangster_search.h). Constants and order of draws follow the original
// GenAlg; docs/strategies.md#gangster--gangster-anac-2014 explains them.
#include "negotiators/anac/gangster_search.h"

#include <cstdlib>
#include <utility>

namespace parley {
namespace {

constexpr int kFirstGeneration = 120;
constexpr std::size_t kSurvivors = 10;
constexpr int kGenerations = 10;
constexpr int kMinDistance = 1;  // survivors differ by at least this much
constexpr int kMaxSwaps = 500;   // the original's guard against an endless repair

}  // namespace

int ManhattanDistance(const Outcome& a, const Outcome& b) {
  int distance = 0;
  for (std::size_t i = 0; i < a.size(); ++i) distance += std::abs(static_cast<int>(a[i]) - static_cast<int>(b[i]));
  return distance;
}

bool GangsterSearch::Reset(const OutcomeSpace& space, const Profile& profile, JavaRandom& random) {
  space_ = &space;
  profile_ = &profile;
  random_ = &random;
  issues_ = space.issue_count();
  to_deal_.assign(issues_, {});
  dealt_.assign(issues_, {});
  generation_.clear();
  offspring_.clear();
  survivors_.clear();
  new_survivors_.clear();
  for (std::size_t i = 0; i < issues_; ++i) {
    const Issue& issue = space.issue(i);
    if (issue.kind() != IssueKind::kInteger) return false;
    for (auto v = static_cast<int>(issue.lower()); v <= static_cast<int>(issue.upper()); ++v) to_deal_[i].push_back(v);
  }
  return true;
}

GangsterSample GangsterSearch::Rated(Outcome bid) const {
  const double utility = profile_->Utility(bid);
  return {std::move(bid), utility};
}

void GangsterSearch::DealtBid(Outcome& bid) {
  for (std::size_t i = 0; i < issues_; ++i) {
    std::vector<int>& values = to_deal_[i];
    if (values.empty()) throw GangsterFailure{};  // Random.nextInt(0)
    const auto k = static_cast<std::size_t>(random_->NextInt(static_cast<std::int32_t>(values.size())));
    const int value = values[k];
    values.erase(values.begin() + static_cast<std::ptrdiff_t>(k));
    dealt_[i].push_back(value);
    bid[i] = value;
  }
  if (to_deal_[0].empty()) std::swap(to_deal_, dealt_);
}

// Up to `max_distance` unit steps away from `reference`, each issue stepping one way only and every
// step taken from the reference's value (so an issue drawn twice still moves by one).
void GangsterSearch::NearBid(const Outcome& reference, int max_distance, Outcome& bid) {
  bid = reference;
  std::vector<int> direction(issues_, 0);
  std::vector<bool> stuck(issues_, false);
  std::size_t stuck_count = 0;
  const int steps = random_->NextInt(max_distance) + 1;
  for (int s = 0; s < steps; ++s) {
    const auto i = static_cast<std::size_t>(random_->NextInt(static_cast<std::int32_t>(issues_)));
    if (direction[i] == 0) direction[i] = 2 * random_->NextInt(2) - 1;
    const Issue& issue = space_->issue(i);
    const double old = reference[i];
    if ((old == issue.upper() && direction[i] == 1) || (old == issue.lower() && direction[i] == -1)) {
      if (!stuck[i]) {
        stuck[i] = true;
        if (++stuck_count == issues_) throw GangsterStuck{};
      }
      --s;
      continue;
    }
    bid[i] = old + direction[i];
  }
}

GangsterSample GangsterSearch::Sample(const Outcome* latest, int max_distance) {
  Outcome bid(issues_);
  if (latest != nullptr) {
    NearBid(*latest, max_distance, bid);
  } else {
    DealtBid(bid);
  }
  return Rated(std::move(bid));
}

void GangsterSearch::CrossOver(const GangsterSample& a, const GangsterSample& b) {
  Outcome first(issues_);
  Outcome second(issues_);
  for (std::size_t i = 0; i < issues_; ++i) {
    const bool keep = random_->NextBoolean();
    first[i] = keep ? a.bid[i] : b.bid[i];
    second[i] = keep ? b.bid[i] : a.bid[i];
  }
  offspring_.push_back(Rated(std::move(first)));
  offspring_.push_back(Rated(std::move(second)));
}

// A crossing whose children must stay within `max_distance` of `reference`: while one is too far,
// swap back a random issue on which the farther child is not the closer one.
void GangsterSearch::CrossOverNear(const Outcome& reference, int max_distance, const GangsterSample& a,
                                   const GangsterSample& b) {
  Outcome first(issues_);
  Outcome second(issues_);
  std::vector<int> distance_first(issues_);
  std::vector<int> distance_second(issues_);
  int total_first = 0;
  int total_second = 0;
  for (std::size_t i = 0; i < issues_; ++i) {
    const bool keep = random_->NextBoolean();
    first[i] = keep ? a.bid[i] : b.bid[i];
    second[i] = keep ? b.bid[i] : a.bid[i];
    distance_first[i] = std::abs(static_cast<int>(first[i]) - static_cast<int>(reference[i]));
    distance_second[i] = std::abs(static_cast<int>(second[i]) - static_cast<int>(reference[i]));
    total_first += distance_first[i];
    total_second += distance_second[i];
  }
  const auto random_issue = [&] {
    return static_cast<std::size_t>(random_->NextInt(static_cast<std::int32_t>(issues_)));
  };
  for (int swaps = 0; total_first > max_distance || total_second > max_distance;) {
    std::size_t i = 0;
    if (total_first > total_second) {
      do {
        i = random_issue();
      } while (distance_first[i] < distance_second[i]);
    } else {
      do {
        i = random_issue();
      } while (distance_first[i] > distance_second[i]);
    }
    std::swap(first[i], second[i]);
    total_first += distance_second[i] - distance_first[i];
    total_second += distance_first[i] - distance_second[i];
    std::swap(distance_first[i], distance_second[i]);
    if (++swaps > kMaxSwaps) break;
  }
  offspring_.push_back(Rated(std::move(first)));
  offspring_.push_back(Rated(std::move(second)));
}

// The best of the generation, then the next best that differ from every one kept, polling while
// fewer were polled than remain queued.
void GangsterSearch::KeepSurvivors() {
  new_survivors_.clear();
  new_survivors_.push_back(generation_.Poll());
  std::size_t polled = 1;
  while (new_survivors_.size() < kSurvivors && polled < generation_.size()) {
    GangsterSample sample = generation_.Poll();
    ++polled;
    bool distinct = true;
    for (const GangsterSample& survivor : new_survivors_) {
      if (ManhattanDistance(sample.bid, survivor.bid) < kMinDistance) {
        distinct = false;
        break;
      }
    }
    if (distinct) new_survivors_.push_back(std::move(sample));
  }
}

const std::vector<GangsterSample>& GangsterSearch::Run(const Outcome* latest, int max_distance) {
  generation_.clear();
  for (int i = 0; i < kFirstGeneration; ++i) generation_.Add(Sample(latest, max_distance));
  for (int k = 1; k < kGenerations; ++k) {
    KeepSurvivors();
    if (new_survivors_.size() < kSurvivors) return survivors_;
    survivors_ = new_survivors_;
    offspring_.clear();
    for (std::size_t i = 0; i < kSurvivors; ++i) {
      for (std::size_t j = i + 1; j < kSurvivors; ++j) {
        if (latest == nullptr) {
          CrossOver(survivors_[i], survivors_[j]);
        } else {
          CrossOverNear(*latest, max_distance, survivors_[i], survivors_[j]);
        }
      }
    }
    const GangsterSample fresh = Sample(latest, max_distance);
    for (std::size_t j = 0; j < kSurvivors; ++j) {
      if (latest == nullptr) {
        CrossOver(survivors_[j], fresh);
      } else {
        CrossOverNear(*latest, max_distance, survivors_[j], fresh);
      }
    }
    for (const GangsterSample& survivor : survivors_) offspring_.push_back(survivor);
    generation_.clear();
    for (GangsterSample& child : offspring_) generation_.Add(std::move(child));
  }
  KeepSurvivors();
  if (new_survivors_.size() < kSurvivors) return survivors_;
  return new_survivors_;
}

}  // namespace parley
