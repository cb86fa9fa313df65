// GeniusWeb's MOPAC voting evaluators: CollectedVotes.getMaxAgreements with LargestAgreement and
// LargestAgreementsLoop (geniusweb/voting/, GeniusWeb 2.x, read in its Python port). The groups are
// enumerated as GeniusWeb's power set does; rules and the tie-break: docs/negotiation.md#mopac-mopac.
#include "protocols/mopac_evaluators.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <limits>

namespace parley::internal {
namespace {

// A candidate coalition and what ranks it.
struct Group {
  std::vector<std::size_t> parties;  // ascending
  long long power = 0;
};

// Whether `a` beats `b`: more power, then more parties, then the smaller list of parties.
bool Beats(const Group& a, const Group& b) {
  if (a.power != b.power) return a.power > b.power;
  if (a.parties.size() != b.parties.size()) return a.parties.size() > b.parties.size();
  return a.parties < b.parties;
}

Group BestGroup(const std::vector<RangedVote>& votes, const std::vector<int>& powers) {
  // Voters in ascending party order, so that a mask's members come out sorted.
  std::vector<RangedVote> sorted = votes;
  std::sort(sorted.begin(), sorted.end(), [](const RangedVote& a, const RangedVote& b) { return a.party < b.party; });
  const std::size_t k = sorted.size();
  Group best;
  for (std::uint32_t mask = 1; mask < (std::uint32_t{1} << k); ++mask) {
    if (std::popcount(mask) < 2) continue;
    long long power = 0;
    int needed = 0;
    int allowed = std::numeric_limits<int>::max();
    for (std::size_t i = 0; i < k; ++i) {
      if (!(mask >> i & 1u)) continue;
      power += powers[sorted[i].party];
      needed = std::max(needed, sorted[i].min_power);
      allowed = std::min(allowed, sorted[i].max_power);
    }
    if (power < needed || power > allowed) continue;
    Group group{{}, power};
    for (std::size_t i = 0; i < k; ++i) {
      if (mask >> i & 1u) group.parties.push_back(sorted[i].party);
    }
    if (best.parties.empty() || Beats(group, best)) best = std::move(group);
  }
  return best;
}

}  // namespace

std::vector<std::size_t> MaxPowerGroup(const std::vector<RangedVote>& votes, const std::vector<int>& powers) {
  return BestGroup(votes, powers).parties;
}

std::vector<VotedCoalition> FormCoalitions(MopacEvaluator evaluator,
                                           const std::vector<std::vector<RangedVote>>& votes_by_bid,
                                           const std::vector<int>& powers) {
  std::vector<VotedCoalition> coalitions;
  std::vector<bool> agreed(powers.size(), false);
  std::vector<RangedVote> remaining;
  while (true) {
    // CollectedVotes.getMaxAgreements over the parties not in a coalition yet (CollectedVotes.Without).
    std::size_t best_bid = 0;
    Group best;
    for (std::size_t bid = 0; bid < votes_by_bid.size(); ++bid) {
      remaining.clear();
      for (const RangedVote& vote : votes_by_bid[bid]) {
        if (!agreed[vote.party]) remaining.push_back(vote);
      }
      Group group = BestGroup(remaining, powers);
      // Strictly better only, so that among equals the bid offered first stays.
      if (!group.parties.empty() && (best.parties.empty() || Beats(group, best))) {
        best = std::move(group);
        best_bid = bid;
      }
    }
    if (best.parties.empty()) break;
    for (const std::size_t party : best.parties) agreed[party] = true;
    coalitions.push_back({best_bid, std::move(best.parties)});
    if (evaluator == MopacEvaluator::kLargestAgreement) break;
  }
  return coalitions;
}

}  // namespace parley::internal
