// AgentGG (ANAC 2019 winner, by Shaobo Xu), as GENIUS 9.1.10 runs it:
// agents.anac.y2019.agentgg.AgentGG with its ImpMap and impUnit, reimplemented from their source.
// It knows its preferences only as a ranking of some bids (GENIUS's user model) and scores every
// bid by the "importance" of its values, the mean position of the ranked bids that hold them
// (agentgg.h). Its threshold, a ratio of the importance range, falls with time from 0.9999 to
// points set by an estimate of the Nash point (how much of its range the opponent's best offer for
// it gave during a short window after the first one, pushed 1/1.7 of the way up); it accepts an
// offer whose ratio reaches the threshold of its previous turn, and at the very end one above its
// reservation ratio plus 0.2. It offers random bids whose importance lies between the threshold
// and 0.1 above it: the first one found up to t = 0.2, later the one most often offered by the
// opponent before t = 0.3 (a frequency count).
// Docs: docs/strategies.md#agentgg--agentgg-anac-2019-winner.
//
// Deliberate differences:
// - Without partial preferences (full information) the original cannot start (GENIUS gives it no
//   user model and its init dereferences it); the port records a fault naming what it needs.
//   Integer and real issues, which the original cannot cast to discrete ones, record one too.
// - When no bid between its thresholds turns up in three rounds of 2·|Omega| random draws, the
//   original draws until a bid reaches the lower threshold, for ever if none does (a threshold
//   above 1, which a high reservation value gives late); the port stops after kFallbackDraws
//   draws and offers the most important bid drawn.
// - Its random bids come, as in GENIUS, from AbstractNegotiationParty's generator seeded with the
//   party's seed: JavaRandom(context.seed).
// Like the original it reads its reservation value only to set floors of its threshold: it may
// offer and accept below it (tests/conformance_negotiation.cc, ReservationValueExemptions).
#include "negotiators/anac/agentgg.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

#include "common/java_math.h"
#include "common/java_random.h"
#include "negotiators/anac/genius_domain.h"
#include "negotiators/anac/genius_random_bid.h"
#include "negotiators/anac/genius_user_model.h"
#include "parley/negotiator.h"

namespace parley {

AgentGGImportanceMap::AgentGGImportanceMap(const OutcomeSpace& space)
    : units_(space.issue_count()), by_value_(space.issue_count()) {
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    const Issue& issue = space.issue(i);
    for (std::uint64_t k = 0; k < issue.cardinality(); ++k) units_[i].push_back(Unit{issue.ValueAt(k)});
    by_value_[i].assign(issue.cardinality(), 0.0);
  }
}

void AgentGGImportanceMap::Tabulate() {
  for (std::size_t i = 0; i < units_.size(); ++i) {
    for (const Unit& unit : units_[i]) by_value_[i][static_cast<std::size_t>(unit.value)] = unit.importance;
  }
}

void AgentGGImportanceMap::SortIssues() {
  for (auto& units : units_) {
    std::stable_sort(units.begin(), units.end(),
                     [](const Unit& a, const Unit& b) { return a.importance > b.importance; });
  }
}

void AgentGGImportanceMap::LearnRanking(const std::vector<Outcome>& worst_first) {
  std::int32_t weight = 0;
  for (const Outcome& bid : worst_first) {
    weight = static_cast<std::int32_t>(static_cast<std::uint32_t>(weight) + 1u);
    for (std::size_t i = 0; i < units_.size(); ++i) {
      for (Unit& unit : units_[i]) {
        if (unit.value != bid[i]) continue;
        unit.weight_sum =
            static_cast<std::int32_t>(static_cast<std::uint32_t>(unit.weight_sum) + static_cast<std::uint32_t>(weight));
        unit.count = static_cast<std::int32_t>(static_cast<std::uint32_t>(unit.count) + 1u);
        break;
      }
    }
  }
  for (auto& units : units_) {
    for (Unit& unit : units) {
      unit.importance = unit.count == 0 ? 0.0 : static_cast<double>(unit.weight_sum) / static_cast<double>(unit.count);
    }
  }
  SortIssues();
  double least = INFINITY;
  for (const auto& units : units_) least = std::min(least, units.back().importance);
  for (auto& units : units_) {
    for (Unit& unit : units) unit.importance -= least;
  }
  Tabulate();
}

void AgentGGImportanceMap::LearnOffer(const Outcome& offer) {
  for (std::size_t i = 0; i < units_.size(); ++i) {
    for (Unit& unit : units_[i]) {
      if (unit.value != offer[i]) continue;
      unit.importance += 1.0;
      break;
    }
  }
  Tabulate();
}

double AgentGGImportanceMap::ValueImportance(std::size_t issue, double value) const {
  return by_value_[issue][static_cast<std::size_t>(value)];
}

double AgentGGImportanceMap::Importance(const Outcome& bid) const {
  double importance = 0.0;
  for (std::size_t i = 0; i < by_value_.size(); ++i) importance += by_value_[i][static_cast<std::size_t>(bid[i])];
  return importance;
}

double AgentGGMedianImportance(const AgentGGImportanceMap& map, const std::vector<Outcome>& worst_first) {
  const std::size_t size = worst_first.size();
  const std::size_t median = (size - 1) / 2;  // 0-based, but compared with a count from 1
  const bool even = size % 2 == 0;
  double importance = 0.0;
  if (median >= 1) importance = map.Importance(worst_first[median - 1]);
  if (even) {
    importance += map.Importance(worst_first[median]);
    importance /= 2;
  }
  return importance;
}

double AgentGGLowerThreshold(double t, double nash, double reservation_ratio) {
  // The points it passes through: nash + share * (1 - nash), as the original writes them.
  const auto point = [nash](double share) { return share * (1 - nash) + nash; };
  if (t < 0.01) return 0.9999;
  if (t < 0.02) return 0.99;
  if (t < 0.2) return 0.99 - 0.5 * (t - 0.02);
  if (t < 0.5) return 0.9 - (0.9 - point(0.3)) / (0.5 - 0.2) * (t - 0.2);
  if (t < 0.9) return point(0.3) - (point(0.3) - point(0.15)) / (0.9 - 0.5) * (t - 0.5);
  if (t < 0.98) {
    return JavaMax(point(0.15) - (point(0.15) - point(0.05)) / (0.98 - 0.9) * (t - 0.9), reservation_ratio + 0.3);
  }
  if (t < 0.995) {
    return JavaMax(point(0.05) - (point(0.05) - point(0.0)) / (0.995 - 0.98) * (t - 0.98), reservation_ratio + 0.25);
  }
  if (t < 0.999) {
    return JavaMax(point(0.0) - (point(0.0) - point(-0.35)) / (0.9989 - 0.995) * (t - 0.995), reservation_ratio + 0.25);
  }
  return JavaMax(point(-0.4), reservation_ratio + 0.2);
}

namespace {

constexpr double kNashWindow = 3.0 / 1000.0;  // time it watches the opponent's offers for its Nash estimate
constexpr double kNashDivisor = 1.7;          // the Nash estimate: (1 - best) / 1.7 + best
constexpr double kLearnUntil = 0.3;           // the opponent's offers are counted before this time
constexpr double kLastMoment = 0.9989;        // from here it accepts above its reservation ratio + 0.2
constexpr double kBand = 0.1;                 // upper threshold = lower + kBand
constexpr int kSearches = 3;                  // rounds of 2·|Omega| random draws
constexpr std::uint64_t kFallbackDraws = 1000000;

class AgentGG final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override;
  void Observe(const ObservedAction& action) override;
  ActionType Act(const TurnState& state, Outcome& proposal) override;

 private:
  double Ratio(const Outcome& bid) const { return (map_->Importance(bid) - min_) / (max_ - min_); }
  void WatchForNash(double t);
  void RandomBidBetween(double lower_ratio, double upper_ratio, Outcome& bid);

  const OutcomeSpace* space_ = nullptr;
  JavaRandom random_{0};  // AbstractNegotiationParty.rand
  std::optional<AgentGGImportanceMap> map_;
  std::optional<AgentGGImportanceMap> opponent_map_;
  Outcome max_bid_;
  double max_ = 0.0;
  double min_ = 0.0;
  double reservation_ratio_ = 0.0;
  double draws_per_search_ = 0.0;  // 2·|Omega|, a Java long in the original

  double lower_ = 1.0;  // offerLowerRatio, before its first update
  double upper_ = 1.1;
  bool offer_randomly_ = true;
  bool last_action_was_offer_ = false;
  Outcome received_;
  bool nash_known_ = false;
  bool window_open_ = false;
  double window_start_ = 0.0;
  double best_received_importance_ = 0.0;
  double nash_ = 0.0;
  Outcome draw_;
  Outcome best_draw_;
};

void AgentGG::Begin(const NegotiatorContext& context) {
  space_ = context.space;
  const std::optional<GeniusBidRanking> ranking = GeniusBidRankingOf(context, "agentgg");
  if (!ranking) {
    throw std::runtime_error(
        "agentgg needs partial preferences (a ranking of outcomes); with full information "
        "GENIUS's AgentGG has no user model and cannot start");
  }
  for (const Issue& issue : space_->issues()) {
    if (issue.kind() != IssueKind::kDiscrete) {
      throw std::runtime_error("agentgg needs discrete issues; '" + issue.name() + "' is not");
    }
  }
  random_ = JavaRandom(static_cast<std::int64_t>(context.seed));
  map_.emplace(*space_);
  opponent_map_.emplace(*space_);
  map_->LearnRanking(ranking->worst_first);
  const std::size_t issues = space_->issue_count();
  max_bid_ = Outcome(issues);
  Outcome min_bid(issues);
  for (std::size_t i = 0; i < issues; ++i) {
    max_bid_[i] = map_->FirstValue(i);
    min_bid[i] = map_->LastValue(i);
  }
  max_ = map_->Importance(max_bid_);
  min_ = map_->Importance(min_bid);
  const double median_ratio = (AgentGGMedianImportance(*map_, ranking->worst_first) - min_) / (max_ - min_);
  reservation_ratio_ = context.profile->reservation_value() * median_ratio / 0.5;
  draws_per_search_ = 2 * GeniusBidCount(*space_);
  lower_ = 1.0;
  upper_ = 1.1;
  offer_randomly_ = true;
  last_action_was_offer_ = false;
  received_ = Outcome(issues);
  nash_known_ = window_open_ = false;
  window_start_ = best_received_importance_ = nash_ = 0.0;
  draw_ = best_draw_ = Outcome(issues);
}

void AgentGG::Observe(const ObservedAction& action) {
  last_action_was_offer_ = action.type == ActionType::kOffer;
  if (action.type == ActionType::kOffer) received_ = *action.offer;
}

// getMaxOppoBidImpForMe. The original opens its window when the offer differs (as an object) from
// the one it answered last; before its first answer that is always so, and afterwards it no
// longer looks: the window opens at its first evaluation.
void AgentGG::WatchForNash(double t) {
  best_received_importance_ = std::max(best_received_importance_, map_->Importance(received_));
  if (!window_open_) {
    window_open_ = true;
    window_start_ = t;
    return;
  }
  if (t - window_start_ > kNashWindow) {
    const double best = (best_received_importance_ - min_) / (max_ - min_);
    nash_ = (1 - best) / kNashDivisor + best;
    nash_known_ = true;
  }
}

// getNeededRandomBid.
void AgentGG::RandomBidBetween(double lower_ratio, double upper_ratio, Outcome& bid) {
  const double lower = lower_ratio * (max_ - min_) + min_;
  const double upper = upper_ratio * (max_ - min_) + min_;
  for (int search = 0; search < kSearches; ++search) {
    double best_for_opponent = 0.0;
    bool found = false;
    for (double k = 0; k < draws_per_search_; ++k) {
      GeniusPartyRandomBid(*space_, random_, draw_);
      const double importance = map_->Importance(draw_);
      if (importance < lower || importance > upper) continue;
      if (offer_randomly_) {
        bid = draw_;
        return;
      }
      const double for_opponent = opponent_map_->Importance(draw_);  // the original computes it for every draw
      if (for_opponent > best_for_opponent) {
        best_for_opponent = for_opponent;
        best_draw_ = draw_;
        found = true;
      }
    }
    if (found) {
      bid = best_draw_;
      return;
    }
  }
  double best = -INFINITY;
  for (std::uint64_t n = 0; n < kFallbackDraws; ++n) {
    GeniusPartyRandomBid(*space_, random_, draw_);
    const double importance = map_->Importance(draw_);
    if (importance >= lower) {
      bid = draw_;
      return;
    }
    if (importance > best) {
      best = importance;
      best_draw_ = draw_;
    }
  }
  bid = best_draw_;
}

ActionType AgentGG::Act(const TurnState& state, Outcome& proposal) {
  if (!last_action_was_offer_) {
    proposal = max_bid_;
    return ActionType::kOffer;
  }
  const double t = state.time;
  if (Ratio(received_) >= lower_) return ActionType::kAccept;  // the threshold of its previous turn
  if (!nash_known_) WatchForNash(t);
  if (t < kLearnUntil) opponent_map_->LearnOffer(received_);
  lower_ = AgentGGLowerThreshold(t, nash_, reservation_ratio_);
  if (t >= 0.2 && t < 0.5) offer_randomly_ = false;
  upper_ = lower_ + kBand;
  if (t >= kLastMoment && Ratio(received_) > reservation_ratio_ + 0.2) return ActionType::kAccept;
  RandomBidBetween(lower_, upper_, proposal);
  return ActionType::kOffer;
}

const bool kRegistered = NegotiatorRegistry::Add(
    {"agentgg",
     "AgentGG (ANAC 2019 winner), as GENIUS's agents.anac.y2019.agentgg.AgentGG: scores bids by the mean rank of "
     "their values in its known ranking, concedes towards an estimated Nash point, offers random bids in a band "
     "that the opponent offered most. Needs partial preferences.",
     {},
     [](const Spec&) { return std::make_unique<AgentGG>(); }});

}  // namespace
}  // namespace parley
