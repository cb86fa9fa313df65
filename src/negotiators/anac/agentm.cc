// AgentM (ANAC 2014), as GENIUS 9.1.10 runs it: agents.anac.y2014.AgentM.AgentM. Built for the
// nonlinear integer domains of ANAC 2014: each turn it samples up to 1000 random bids and then
// anneals towards a bid worth about 0.999 minus a concession that grows with time and with the
// spread of the opponent's offers, copying the opponent's most frequent values and its best offer
// into the candidates. It accepts any offer worth more than the worst bid it has itself offered.
// On any other domain the original fails at its first reply (it treats every value as an integer
// value) and its fallback accepts whatever is on the table; the port does the same.
// Docs: docs/strategies.md#agentm--agentm-anac-2014
//
// Deliberate differences, where Parley cannot do what GENIUS does:
//  - The original draws from unseeded `new Random()`s (one per search, per neighbour move and per
//    coin flip) and from Domain.getRandomBid with an unseeded generator; here every draw comes from
//    one JavaRandom seeded from the context's seed, in the original's order, so a run is
//    reproducible and cannot equal a given GENIUS run.
//  - The original keeps the agreement of an earlier session with the same profile and then
//    accepts anything at least as good; Parley has no sessions, so that bid never exists (as in
//    GENIUS with persistent data off, as in every recorded run).
//  - Where the original returns an acceptance of nothing on the first turn (its search failed
//    before any offer was made), which GENIUS rejects, the port ends the negotiation.
//  - With several opponents every other party's offer counts as the opponent's, and the offer on
//    the table is the one it answers (the original is bilateral).
//  - std::exp and std::pow stand for Java's Math.exp and Math.pow (each within an ulp of the exact
//    value; the annealing compares them with a random draw).
//  - Issue numbers are taken as 1..n in domain order (GENIUS's `index` attributes, which the
//    ANAC 2014 domains number that way).
// Like the original it ignores its reservation value (the conformance suite knows).
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "common/java_random.h"
#include "negotiators/anac/genius_random_bid.h"
#include "parley/negotiator.h"
#include "parley/utility.h"

namespace parley {
namespace {

constexpr int kIterations = 1000;     // random samples, then annealing steps, per turn
constexpr double kGoodEnough = 0.98;  // a sample above this ends the sampling
constexpr double kAnnealTarget = 0.999;
constexpr double kStartTemperature = 0.01;
constexpr int kCountedValues = 10;  // the per-issue value counters have ten slots

// Where the original throws (a cast to an integer issue or value that is not one, a counter slot
// out of range); caught in Act as the original's handlers catch it.
struct OriginalThrows {};

class AgentM final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override {
    space_ = context.space;
    profile_ = context.profile;
    party_ = context.party;
    issues_ = space_->issue_count();
    random_ = std::make_unique<JavaRandom>(static_cast<std::int64_t>(context.seed));
    bidmax_.reset();
    my_worst_utility_.reset();
    opponent_offered_ = false;
    opponent_best_ = Outcome(issues_);
    opponent_best_utility_ = 0.0;
    opponent_worst_utility_ = 0.0;
    opponent_last_ = Outcome(issues_);
    counts_.assign(issues_ * kCountedValues, 0);
    most_frequent_.assign(issues_, 0);
    bid_ = Outcome(issues_);
    next_ = Outcome(issues_);
  }

  void Observe(const ObservedAction& action) override {
    if (action.type != ActionType::kOffer || !action.offer || action.party == party_) return;
    const double utility = action.offer_utility;
    // BidHistory: the best is the last of equal maxima, the worst the first of equal minima.
    if (!opponent_offered_ || utility >= opponent_best_utility_) {
      opponent_best_ = *action.offer;
      opponent_best_utility_ = utility;
    }
    if (!opponent_offered_ || utility < opponent_worst_utility_) opponent_worst_utility_ = utility;
    opponent_last_ = *action.offer;
    opponent_offered_ = true;
  }

  ActionType Act(const TurnState& state, Outcome& proposal) override {
    const double t = state.time;
    if (state.current_offer == nullptr) {
      try {
        SearchBid(t);
      } catch (const OriginalThrows&) {
        return ActionType::kEndNegotiation;
      }
      proposal = *bidmax_;
      return ActionType::kOffer;
    }
    try {
      SearchBid(t);
      if (Acceptable(Discounted(state.current_offer_utility, t), t)) return ActionType::kAccept;
    } catch (const OriginalThrows&) {
      return ActionType::kAccept;
    }
    proposal = *bidmax_;
    return ActionType::kOffer;
  }

 private:
  double U(const Outcome& bid) const { return profile_->Utility(bid); }
  // The old Agent API's getUtility: discounted at the current time.
  double Discounted(double utility, double t) const { return profile_->Discount(utility, t); }

  const Issue& IntegerIssue(std::size_t i) const {
    const Issue& issue = space_->issue(i);
    if (issue.kind() != IssueKind::kInteger) throw OriginalThrows{};
    return issue;
  }
  std::size_t RandomIssue() { return static_cast<std::size_t>(random_->NextInt(static_cast<std::int32_t>(issues_))); }

  // One step up or down from `value` on a random side, the other side at a bound; the coin is
  // flipped even where the issue has a single value.
  int NeighbourValue(const Issue& issue, int value) {
    int direction = random_->NextBoolean() ? 1 : -1;
    const int lower = static_cast<int>(issue.lower());
    const int upper = static_cast<int>(issue.upper());
    if (lower >= upper) return value;
    if (value + 1 > upper) {
      direction = -1;
    } else if (value - 1 < lower) {
      direction = 1;
    }
    return value + direction;
  }

  // A copy of `from` with one random issue in ten moved one step.
  void Neighbour(const Outcome& from, Outcome& to) {
    to = from;
    for (std::size_t k = 0; k < issues_ / 10; ++k) {
      const std::size_t i = RandomIssue();
      to[i] = NeighbourValue(IntegerIssue(i), static_cast<int>(from[i]));
    }
  }

  static double Temperature(int iteration) {
    const double left = 1.0 - static_cast<double>(iteration) / kIterations;
    return kStartTemperature * std::pow(left, 2.0);
  }
  static double MoveProbability(double current, double next, double temperature) {
    const double loss = current - next;
    return loss > 0.0 ? std::exp(-loss / temperature) : 1.0;
  }

  // Random samples: a better one replaces the kept bid (compared discounted against undiscounted,
  // as the original does); one above kGoodEnough stops the sampling. Leaves the last sample in
  // bid_ and returns its utility; `max_utility` is the kept bid's worth when it last changed.
  double Sample(double t, double& max_utility) {
    double current = 0.0;
    for (int i = 0; i < kIterations; ++i) {
      GeniusDomainRandomBid(*space_, *random_, bid_);
      current = U(bid_);
      if (!bidmax_ || Discounted(U(*bidmax_), t) < current) {
        bidmax_ = bid_;
        max_utility = Discounted(current, t);
        if (max_utility > kGoodEnough) break;
      }
    }
    return current;
  }

  // getRandomBid: the bid to offer this turn, also recorded among its own offers.
  void SearchBid(double t) {
    double max_utility = 0.0;
    if (!bidmax_) {
      double current = Sample(t, max_utility);
      for (int i = 1; i <= kIterations && max_utility < kAnnealTarget; ++i) {
        Neighbour(bid_, next_);
        const double next_utility = U(next_);
        if (MoveProbability(current, next_utility, Temperature(i)) > random_->NextDouble()) {
          bid_ = next_;
          current = next_utility;
          if (next_utility > max_utility) {
            bidmax_ = next_;
            max_utility = next_utility;
          }
        }
      }
    } else {
      double current = Sample(t, max_utility);
      const double spread = Discounted(opponent_worst_utility_, t) - Discounted(opponent_best_utility_, t);
      const double concession = std::pow(spread, 2.0) + t / 10.0;
      for (int i = 1; i <= kIterations && max_utility < kAnnealTarget - concession; ++i) {
        Neighbour(bid_, next_);
        for (std::size_t j = 0; j < issues_ / 5; ++j) {
          const std::size_t i1 = RandomIssue();
          NeighbourValue(IntegerIssue(i1), static_cast<int>(bid_[i1]));  // drawn, then unused
          next_[i1] = j % 2 == 0 ? most_frequent_[i1] : opponent_best_[i1];
          const std::size_t i2 = RandomIssue();
          IntegerIssue(i2);
          next_[i2] = opponent_best_[i2];
        }
        const double next_utility = U(next_);
        if (MoveProbability(current, next_utility, Temperature(i)) > random_->NextDouble()) {
          bid_ = next_;
          current = next_utility;
          if (next_utility > Discounted(U(*bidmax_), t) - concession) {
            bidmax_ = next_;
            max_utility = next_utility;
          }
        }
      }
    }
    const double offered = U(*bidmax_);
    if (!my_worst_utility_ || offered < *my_worst_utility_) my_worst_utility_ = offered;
  }

  // isAcceptable: counts the opponent's last offer's values, re-derives each issue's most frequent
  // value (below the upper bound, the lowest on ties, 0 when none counted), then compares the
  // offer with the worst of its own offers.
  bool Acceptable(double offered, double t) {
    const double worst_own = Discounted(*my_worst_utility_, t);
    for (std::size_t i = 0; i < issues_; ++i) {
      if (space_->issue(i).kind() != IssueKind::kInteger) throw OriginalThrows{};
      const int value = static_cast<int>(opponent_last_[i]);
      if (value < 0 || value >= kCountedValues) throw OriginalThrows{};
      ++counts_[i * kCountedValues + static_cast<std::size_t>(value)];
    }
    for (std::size_t i = 0; i < issues_; ++i) {
      const Issue& issue = IntegerIssue(i);
      int most = 0;
      int most_count = 0;
      for (int v = static_cast<int>(issue.lower()); v < static_cast<int>(issue.upper()); ++v) {
        if (v < 0 || v >= kCountedValues) throw OriginalThrows{};
        const int count = counts_[i * kCountedValues + static_cast<std::size_t>(v)];
        if (most_count < count) {
          most = v;
          most_count = count;
        }
      }
      most_frequent_[i] = most;
    }
    return offered > worst_own;
  }

  const OutcomeSpace* space_ = nullptr;
  const Profile* profile_ = nullptr;
  std::size_t party_ = 0;
  std::size_t issues_ = 0;
  std::unique_ptr<JavaRandom> random_;
  std::optional<Outcome> bidmax_;           // the bid it offers, kept between turns
  std::optional<double> my_worst_utility_;  // undiscounted, over every bid it chose
  bool opponent_offered_ = false;
  Outcome opponent_best_;
  double opponent_best_utility_ = 0.0;
  double opponent_worst_utility_ = 0.0;
  Outcome opponent_last_;
  std::vector<int> counts_;         // per issue, how often the opponent offered each value 0..9
  std::vector<int> most_frequent_;  // per issue
  Outcome bid_;                     // the search's current bid
  Outcome next_;                    // its neighbour under consideration
};

const bool kRegistered = NegotiatorRegistry::Add(
    {"agentm",
     "AgentM (ANAC 2014), as GENIUS runs it: random sampling and annealing towards 0.999 minus a concession "
     "growing with time and the spread of the opponent's offers, borrowing the opponent's frequent and best "
     "values; accepts offers better than its worst own offer. Outside integer domains it accepts the first offer.",
     {},
     [](const Spec&) { return std::make_unique<AgentM>(); }});

}  // namespace
}  // namespace parley
