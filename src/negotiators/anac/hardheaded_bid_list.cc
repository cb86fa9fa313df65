// HardHeaded's bid list (hardheaded_bid_list.h); docs/strategies.md#hardheaded--hardheaded-anac-2011.
#include "negotiators/anac/hardheaded_bid_list.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <utility>

namespace parley {

namespace {

// The original's offset step, and where each pass starts.
constexpr double kOffsetStep = 0.00000001;

}  // namespace

std::shared_ptr<const HardHeadedBidList> HardHeadedBidList::Shared(
    const std::shared_ptr<const UtilityFunction>& utility) {
  // Keyed by address, checked by a weak pointer, so that a function built later at the address
  // of a destroyed one gets its own list.
  using Entry = std::pair<std::weak_ptr<const UtilityFunction>, std::shared_ptr<const HardHeadedBidList>>;
  static std::mutex mutex;
  static std::map<const UtilityFunction*, Entry> lists;
  {
    const std::lock_guard<std::mutex> lock(mutex);
    const auto found = lists.find(utility.get());
    if (found != lists.end() && found->second.first.lock() == utility) return found->second.second;
  }
  auto list = std::make_shared<HardHeadedBidList>();
  list->Build(*utility);
  const std::lock_guard<std::mutex> lock(mutex);
  for (auto it = lists.begin(); it != lists.end();) it = it->second.first.expired() ? lists.erase(it) : std::next(it);
  auto& entry = lists[utility.get()];
  if (entry.first.lock() != utility) entry = {utility, std::move(list)};
  return entry.second;
}

void HardHeadedBidList::SortKeepingLast(std::vector<Entry>& built, std::vector<Entry>& out) {
  std::stable_sort(built.begin(), built.end(), [](const Entry& a, const Entry& b) { return a.key < b.key; });
  out.clear();
  for (const Entry& entry : built) {
    if (!out.empty() && out.back().key == entry.key) {
      out.back() = entry;  // a put under an existing key replaces the bid
    } else {
      out.push_back(entry);
    }
  }
}

void HardHeadedBidList::Build(const UtilityFunction& utility) {
  space_ = &utility.space();
  ranking_ = nullptr;
  entries_.clear();
  position_of_index_.clear();
  const OutcomeSpace& space = *space_;
  std::vector<Entry> built;

  const auto cardinality = space.cardinality();
  if (!cardinality || *cardinality > OutcomeRanking::kExhaustiveLimit) {
    // Too large to enumerate: the ranking (ascending utility) stands in for the last pass.
    ranking_ = &utility.ranking();
    built.reserve(ranking_->size());
    double offset = -kOffsetStep;
    for (std::size_t rank = 0; rank < ranking_->size(); ++rank) {
      built.push_back({ranking_->utility(rank) + offset, rank});
      offset = offset - kOffsetStep;
    }
    SortKeepingLast(built, entries_);
    return;
  }

  std::vector<double> utilities;
  utility.EvaluateAll(utilities);
  const std::size_t issues = space.issue_count();
  std::vector<std::uint64_t> stride(issues, 1);
  for (std::size_t i = issues - 1; i > 0; --i) stride[i - 1] = stride[i] * space.issue(i).cardinality();

  // Index 0 is the outcome with every issue at its first value.
  entries_.push_back({utilities[0], 0});
  for (std::size_t i = 0; i < issues; ++i) {
    const std::uint64_t values = space.issue(i).cardinality();
    built.clear();
    built.reserve(entries_.size() * values);
    double offset = -kOffsetStep;
    // Every entry so far has issue i at its first value, so changing it adds v * stride.
    for (const Entry& entry : entries_) {
      for (std::uint64_t v = 0; v < values; ++v) {
        const std::uint64_t index = entry.ref + v * stride[i];
        built.push_back({utilities[index] + offset, index});
        offset = offset - kOffsetStep;
      }
    }
    SortKeepingLast(built, entries_);
  }
  position_of_index_.assign(*cardinality, -1);
  for (std::size_t p = 0; p < entries_.size(); ++p) position_of_index_[entries_[p].ref] = static_cast<std::int32_t>(p);
}

void HardHeadedBidList::CopyOutcome(std::size_t position, Outcome& out) const {
  if (ranking_) {
    ranking_->CopyOutcome(entries_[position].ref, out);
  } else {
    space_->Decode(entries_[position].ref, out);
  }
}

std::optional<std::size_t> HardHeadedBidList::Floor(double key) const {
  const auto after = std::upper_bound(entries_.begin(), entries_.end(), key,
                                      [](double k, const Entry& entry) { return k < entry.key; });
  if (after == entries_.begin()) return std::nullopt;
  return static_cast<std::size_t>(after - entries_.begin()) - 1;
}

std::optional<std::size_t> HardHeadedBidList::Find(const Outcome& outcome) const {
  if (ranking_ || position_of_index_.empty()) return std::nullopt;
  const std::int32_t position = position_of_index_[space_->IndexOf(outcome)];
  if (position < 0) return std::nullopt;
  return static_cast<std::size_t>(position);
}

}  // namespace parley
