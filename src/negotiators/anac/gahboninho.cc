// Gahboninho (ANAC 2011, second place), as GENIUS 9.1.10 runs it:
// agents.anac.y2011.Gahboninho.Gahboninho with its IssueManager and OpponnentModel. A bully: for
// its first 40 offers (before t = 0.15) it walks down from 1 to 0.925 so that the opponent can
// learn its preferences, then holds a target that falls only as the discount presses and rises
// with the opponent's "noise" (how much the opponent's offers vary, re-estimated every 21
// offers); near the end it gives in to the best offer received. Its bids are those at least as
// good for it, issue by issue, as the opponent's first offer, keyed by utility; it offers the
// cheapest bid at or above its target, and after 0.9 d of the time keeps only the bids its
// opponent model rates nearly as highly as the best one. It accepts an offer above 0.95 during
// its first offers, and any offer at least a compromise factor (0.95 to 0.8) times its target.
// Docs: docs/strategies.md#gahboninho--gahboninho-anac-2011
//
// Reproduces the original's decisions (tests/genius_gahboninho_test.cc replays GENIUS's traces).
// Deliberate differences, where Parley cannot do what GENIUS does:
//  - Randomness: the original draws from six unseeded java.util.Random. Two of them matter: one
//    inserts each value it keeps at a random place in that issue's list (which orders the
//    enumeration of its bids), one nudges the key of a bid whose utility is already a key by
//    -0.002 / (nextInt() % 9999999). Together they decide which of several equally good bids it
//    offers, so GENIUS's own runs differ from the sixth offer on. The port draws each from its own
//    JavaRandom seeded from context.seed (the insertions from the seed, the nudges from its bits
//    inverted, the two random bids of the best-bid search from seed + 1) so that a Parley run is
//    reproducible. The other generators feed bids whose values are all overwritten (or methods
//    the agent never calls) and are not drawn.
//  - GENIUS issue numbers are taken to be the issues' positions plus one (as in every GENIUS
//    domain file); they decide the order of a java.util.HashMap keyed by the issues.
//  - Its bids are enumerated until the timeline passes a point that, under a round deadline,
//    the original never reaches: on large spaces it would enumerate without end. The port stops
//    at 2^18 bids (beyond every ANAC 2010-2012 domain's count of kept bids in the recorded runs).
//  - A real issue with equal bounds would loop for ever in the original; the port takes its one
//    value. An issue's evaluation comes from the linear-additive value function; other utility
//    functions (which the original cannot take) evaluate the issue by the utility of its best
//    bid with that value changed.
//  - With several opponents every other party's offer counts as the opponent's (the original
//    is bilateral and sees only one).
//  - Like the original it ignores the reservation value (it accepts and offers below it).
// Its count of its own offers' values (which feeds the noise) is of the bids it proposed; an
// Observe() of its own offer, which Parley's protocols never send but a wrapper that changed the
// offer may, corrects the count to the bid actually made (the differential test breaks ties as
// GENIUS did that way).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/java_random.h"
#include "negotiators/anac/gahboninho_opponent_model.h"
#include "negotiators/anac/genius_random_bid.h"
#include "parley/negotiator.h"
#include "parley/utility.h"
#include "preferences/genius_bid_iterator.h"
#include "preferences/genius_issue_order.h"

namespace parley {
namespace {

// java.lang.Double.compare: numeric order, then -0.0 before 0.0 and NaN after everything.
struct JavaDoubleLess {
  bool operator()(double a, double b) const {
    if (a < b) return true;
    if (a > b) return false;
    return Bits(a) < Bits(b);
  }
  static std::int64_t Bits(double x) {
    if (std::isnan(x)) x = std::numeric_limits<double>::quiet_NaN();
    std::int64_t bits;
    std::memcpy(&bits, &x, sizeof bits);
    return bits;
  }
};

// Bids keyed by (nudged) utility: a java.util.TreeMap<Double, Bid>. Values are indices into the
// agent's pool of bids.
using KeyedBids = std::map<double, std::uint32_t, JavaDoubleLess>;

// How often each value of one issue appeared in a run of offers, keyed as the original keys it:
// a discrete value by its name, a numeric one by the number of its bin; iterated in Java's String
// order.
class ValueTally {
 public:
  void Reset(const Issue& issue) {
    issue_ = &issue;
    counts_.clear();
    if (issue.kind() == IssueKind::kDiscrete) {
      dense_.assign(issue.cardinality(), 0);
      by_name_.resize(issue.cardinality());
      for (std::size_t k = 0; k < by_name_.size(); ++k) by_name_[k] = k;
      std::sort(by_name_.begin(), by_name_.end(),
                [&](std::size_t a, std::size_t b) { return issue.values()[a] < issue.values()[b]; });
    }
  }
  void Clear() {
    std::fill(dense_.begin(), dense_.end(), 0);
    counts_.clear();
  }
  // Counts `value` `times` more (-1 takes one back: a key whose count falls to 0 is gone).
  void Add(double value, int times) {
    if (issue_->kind() == IssueKind::kDiscrete) {
      dense_[static_cast<std::size_t>(value)] += times;
      return;
    }
    const auto it = counts_.try_emplace(std::to_string(Bin(value)), 0).first;
    if ((it->second += times) == 0) counts_.erase(it);
  }
  // Calls visit(count here, count in `other`) for every key present here, in key order, where
  // `other` (a tally of the same issue) has it too.
  template <class Visit>
  void ForEachShared(const ValueTally& other, Visit&& visit) const {
    if (issue_->kind() == IssueKind::kDiscrete) {
      for (std::size_t k : by_name_) {
        if (dense_[k] > 0 && other.dense_[k] > 0) visit(dense_[k], other.dense_[k]);
      }
      return;
    }
    for (const auto& [key, count] : counts_) {
      const auto it = other.counts_.find(key);
      if (it != other.counts_.end()) visit(count, it->second);
    }
  }

 private:
  // IssueManager.EstimateValue for numeric issues: the bin of width range / steps (integers:
  // steps = min(20, values)) holding the value, counted from 0 rather than from the lower bound.
  std::int32_t Bin(double value) const {
    double step = issue_->upper() - issue_->lower();
    if (step == 0) return 0;
    if (issue_->kind() == IssueKind::kInteger) {
      step /= static_cast<double>(JavaIntCast(std::min(20.0, issue_->upper() - issue_->lower() + 1)));
    } else {
      step /= 20.0;
    }
    return JavaIntCast(value / step);
  }

  const Issue* issue_ = nullptr;
  std::vector<int> dense_;
  std::vector<std::size_t> by_name_;
  std::map<std::string, int> counts_;
};

class Gahboninho final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override {
    profile_ = context.profile;
    space_ = context.space;
    party_ = context.party;
    issues_ = space_->issue_count();
    linear_ = dynamic_cast<const LinearAdditiveUtility*>(&profile_->utility_function());
    const double d = profile_->discount_factor();
    discount_ = (d <= 0.001 || d > 1) ? 1 : d;
    insert_random_ = JavaRandom(static_cast<std::int64_t>(context.seed));
    nudge_random_ = JavaRandom(~static_cast<std::int64_t>(context.seed));
    JavaRandom search_random(static_cast<std::int64_t>(context.seed) + 1);
    FindMaxBid(search_random);
    opponent_.Reset(*space_);
    pool_.clear();
    bids_.clear();
    incoming_.assign(issues_, {});
    outgoing_.assign(issues_, {});
    value_kinds_.assign(issues_, 0);
    for (std::size_t i = 0; i < issues_; ++i) {
      const Issue& issue = space_->issue(i);
      incoming_[i].Reset(issue);
      outgoing_[i].Reset(issue);
      if (issue.kind() == IssueKind::kDiscrete) {
        value_kinds_[i] = static_cast<int>(issue.cardinality());
      } else if (issue.kind() == IssueKind::kReal) {
        value_kinds_[i] = kSteps;
      } else {
        value_kinds_[i] = JavaIntCast(std::min(static_cast<double>(kSteps), issue.upper() - issue.lower() + 1));
      }
    }
    // Target state (IssueManager).
    noise_ = 0.4 * discount_;
    compromise_ = 0.95;
    first_target_given_ = false;
    previous_target_ = 1;
    max_decrease_ = 0.0009;
    panic_start_ = panic_end_ = -1;
    panic_rounds_ = 1;
    frenzy_ = false;
    // Statistics of the opponent's offers.
    noise_step_ = 0.01;
    countdown_ = kCountdown;
    previous_similarity_ = 0.2;
    previous_best_ = 1;
    best_ = 0;
    worst_opponent_value_ = 1;
    previous_worst_opponent_value_ = 1;
    round_worst_opponent_value_ = 1;
    best_bid_.reset();
    outgoing_count_ = 0;
    last_offer_ = Outcome(issues_);
    collisions_left_ = 200000;
    // Agent state.
    filtered_ = false;
    opponent_bid_.reset();
    previous_bid_ = false;
    turns_ = 0;
    first_actions_ = kFirstActions;
  }

  void Observe(const ObservedAction& action) override {
    if (action.party == party_) {
      if (action.type == ActionType::kOffer && action.offer != nullptr) RecountOwnOffer(*action.offer);
      return;
    }
    previous_bid_ = opponent_bid_.has_value();
    if (action.type != ActionType::kOffer || action.offer == nullptr) return;
    opponent_bid_ = *action.offer;
    opponent_utility_ = action.offer_utility;
    if (previous_bid_) {
      CountOpponentOffer(*action.offer, action.offer_utility);
      opponent_.Learn(*action.offer);
    } else {
      ListBids(*action.offer);
    }
  }

  ActionType Act(const TurnState& state, Outcome& proposal) override {
    const double t = state.time;
    if (first_actions_ > 0 && opponent_bid_ && opponent_utility_ > 0.95) return ActionType::kAccept;
    const double factor = compromise_;
    const double threshold = factor * NextTarget(t);
    if (opponent_bid_ && opponent_utility_ >= threshold) return ActionType::kAccept;
    ++turns_;
    if (!filtered_ && t > discount_ * 0.9) {
      filtered_ = true;
      const std::int32_t wanted = JavaIntCast(turns_ * (1 - t));
      if (bids_.size() > 200) FilterBids(t, wanted);
    }
    const double* bid = max_bid_.values().data();
    if (previous_bid_) {
      if (first_actions_ >= 0 && t < 0.15) {
        bid = AtLeast(0.925 + (1 - 0.925) / kFirstActions * first_actions_);
        --first_actions_;
      } else {
        bid = AtLeast(NextTarget(t));
        if (frenzy_) bid = best_bid_->values().data();
      }
    }
    std::copy(bid, bid + issues_, &proposal[0]);
    CountOwnOffer(proposal);
    return ActionType::kOffer;
  }

 private:
  static constexpr int kFirstActions = 40;
  static constexpr int kCountdown = 20;
  static constexpr int kSteps = 20;  // numeric issues are cut into this many
  static constexpr double kPlayers = 8;
  static constexpr std::size_t kMaxBids = std::size_t{1} << 18;

  // The evaluation of issue `i` at `value` (AdditiveUtilitySpace.getEvaluation); only compared
  // within one issue.
  double Evaluation(std::size_t i, double value) {
    if (linear_ != nullptr) return linear_->value_functions()[i].Evaluate(space_->issue(i), value);
    scratch_ = max_bid_;
    scratch_[i] = value;
    return profile_->Utility(scratch_);
  }

  // IssueManager.GetMaxBidWithNoCost: issue by issue the value that makes a bid worth most, the
  // other values left as they were last tried (first from a random bid).
  void FindMaxBid(JavaRandom& random) {
    max_bid_ = Outcome(issues_);
    Outcome trial(issues_);
    GeniusDomainRandomBid(*space_, random, max_bid_);
    GeniusDomainRandomBid(*space_, random, trial);
    for (std::size_t i = 0; i < issues_; ++i) {
      const Issue& issue = space_->issue(i);
      if (issue.kind() == IssueKind::kDiscrete) {
        double most = 0;
        std::size_t best = 0;
        for (std::size_t k = 0; k < issue.cardinality(); ++k) {
          trial[i] = static_cast<double>(k);
          const double u = profile_->Utility(trial);
          if (u > most) most = u, best = k;
        }
        max_bid_[i] = static_cast<double>(best);
      } else {
        trial[i] = issue.upper();
        const double at_upper = profile_->Utility(trial);
        trial[i] = issue.lower();
        max_bid_[i] = at_upper > profile_->Utility(trial) ? issue.upper() : issue.lower();
      }
    }
    if (profile_->Utility(max_bid_) == 0) GeniusMaxUtilityBid(profile_->utility_function().ranking(), max_bid_);
  }

  // IssueManager.learnBids, from the opponent's first offer: per issue the values worth at least
  // the opponent's (each inserted at a random place in the list), then every combination keyed by
  // its utility, the first issue of the issues' HashMap order varying slowest.
  void ListBids(const Outcome& first) {
    std::vector<std::vector<double>> kept(issues_);
    std::vector<bool> listed(issues_, false);
    double effective = 1;
    for (std::size_t i = 0; i < issues_; ++i) {
      const Issue& issue = space_->issue(i);
      const double floor = Evaluation(i, first[i]);
      double added = 0;
      const auto keep = [&](double value) {
        std::vector<double>& list = kept[i];
        std::size_t at = 0;
        if (!list.empty()) {
          at = static_cast<std::size_t>(std::abs(static_cast<std::int64_t>(insert_random_.NextInt())) %
                                        static_cast<std::int64_t>(list.size()));
        }
        list.insert(list.begin() + static_cast<std::ptrdiff_t>(at), value);
        listed[i] = true;
      };
      if (issue.kind() == IssueKind::kDiscrete) {
        for (std::size_t k = 0; k < issue.cardinality(); ++k) {
          if (Evaluation(i, static_cast<double>(k)) >= floor) keep(static_cast<double>(k)), added += 1;
        }
      } else if (issue.kind() == IssueKind::kInteger) {
        const auto lower = static_cast<std::int64_t>(issue.lower());
        const auto upper = static_cast<std::int64_t>(issue.upper());
        const auto steps =
            static_cast<std::int64_t>(std::min(static_cast<double>(kSteps - 1), issue.upper() - issue.lower()));
        if (steps == 0) return;  // the original divides by zero here and lists nothing
        const std::int64_t step = std::max<std::int64_t>(1, (upper - lower) / steps);
        for (std::int64_t v = lower; v <= upper; v += step) {
          if (Evaluation(i, static_cast<double>(v)) >= floor) keep(static_cast<double>(v));
        }
        added += std::abs(static_cast<double>(upper - lower));
      } else {
        const double step = (issue.upper() - issue.lower()) / (kSteps - 1);
        for (double v = issue.lower(); v <= issue.upper(); v += step) {
          if (Evaluation(i, v) >= floor) keep(v), added += 1000;
          if (step == 0) break;
        }
      }
      effective *= added;
    }
    noise_step_ = std::max(0.003, std::min(0.015, 0.01 * effective / 400));
    // An issue without a kept value leaves every bid incomplete: GENIUS cannot value them.
    if (std::find(listed.begin(), listed.end(), false) != listed.end()) return;
    const std::vector<std::size_t> order = GeniusIssueHashMapOrder(*space_);
    Outcome bid(issues_);
    std::vector<std::size_t> position(issues_, 0);
    for (std::size_t i = 0; i < issues_; ++i) bid[i] = kept[i][0];
    for (bool more = true; more && pool_.size() < kMaxBids * issues_;) {
      KeepBid(bid, profile_->Utility(bid));
      more = false;  // until some issue moves on to its next value; the last of `order` moves fastest
      for (std::size_t k = issues_; k-- > 0 && !more;) {
        const std::size_t i = order[k];
        more = ++position[i] < kept[i].size();
        if (!more) position[i] = 0;
        bid[i] = kept[i][position[i]];
      }
    }
  }

  // Bids.put with the original's nudging of a key already taken.
  void KeepBid(const Outcome& bid, double utility) {
    const std::uint32_t index = AddToPool(bid);
    for (;;) {
      const auto [it, added] = bids_.try_emplace(utility, index);
      if (added) return;
      if (collisions_left_ <= 0) {
        it->second = index;  // the key's former bid is lost, as in the original
        return;
      }
      --collisions_left_;
      utility -= 0.002 / static_cast<double>(nudge_random_.NextInt() % 9999999);
    }
  }

  std::uint32_t AddToPool(const Outcome& bid) {
    const auto index = static_cast<std::uint32_t>(pool_.size() / issues_);
    pool_.insert(pool_.end(), bid.values().begin(), bid.values().end());
    return index;
  }
  const double* Pooled(std::uint32_t index) const { return &pool_[static_cast<std::size_t>(index) * issues_]; }

  // GenerateBidWithAtleastUtilityOf: the bid with the least key at or above `utility`, else the
  // best bid.
  const double* AtLeast(double utility) const {
    const auto it = bids_.lower_bound(utility);
    return it == bids_.end() ? max_bid_.values().data() : Pooled(it->second);
  }

  // OpponnentModel.FilterBids: walking down from the top key (while t < 0.94), the bids the model
  // rates at least 0.84 of the best rated so far, keyed by their plain utility; kept only if that
  // leaves at least 20 bids and a tenth of `wanted`.
  void FilterBids(double t, std::int32_t wanted) {
    KeyedBids kept;
    auto it = std::prev(bids_.end());
    double best = opponent_.Utility(Pooled(it->second));
    kept[it->first] = it->second;
    if (t < 0.94) {
      while (it != bids_.begin()) {
        --it;
        const double* bid = Pooled(it->second);
        const double rating = opponent_.Utility(bid);
        if (rating >= best * 0.84) {
          scratch_ = Outcome(std::vector<double>(bid, bid + issues_));
          kept[profile_->Utility(scratch_)] = it->second;
          if (rating > best) best = rating;
        }
      }
    }
    if (static_cast<std::int64_t>(kept.size()) < wanted / 10 || kept.size() < 20) return;
    bids_ = std::move(kept);
  }

  // IssueManager.GetNextRecommendedOfferUtility: the target of the next offer. Called twice in a
  // turn once the first offers are over, as in the original; each call moves it.
  double NextTarget(double t) {
    if (!first_target_given_) {
      first_target_given_ = true;
      return 1;
    }
    const double d = discount_;
    double low = std::pow(d, 2 * t);
    double high = low * (1 + 6 * noise_ * std::pow(d, 5));
    const double floor = 2 * (1.0 / kPlayers);
    if (t < 0.85 * d) {
      low *= std::max(best_, 0.9125);
    } else if (t <= 0.92 * d) {
      compromise_ = 0.94;
      low *= std::max(best_, 0.84);
      high /= low;
    } else if (t <= 0.94 * d) {
      compromise_ = 0.93;
      low *= std::max(best_, 0.775);
      high /= low;
    } else if (t <= 0.985 * low && (best_ <= floor || t <= (1 - 3 * (panic_end_ - panic_start_) / panic_rounds_))) {
      // The original compares the time with 0.985 times the discounted floor here.
      compromise_ = 0.91;
      max_decrease_ = 0.001;
      low *= std::max(best_, 0.7);
      high /= low;
      panic_end_ = panic_start_ = t;
    } else if (t <= 0.9996 && (best_ <= floor || t <= (1 - 3 * (panic_end_ - panic_start_) / panic_rounds_))) {
      panic_end_ = t;
      ++panic_rounds_;
      max_decrease_ = 0.001 + 0.01 * (t - 0.985) / (0.015);
      if (3 * (1.0 / kPlayers) > best_) {
        low *= 3.5 * (1.0 / kPlayers);
        compromise_ = 0.8;
      } else {
        low *= best_;
        compromise_ = 0.95;
      }
      high /= low;
    } else {
      compromise_ = 0.92;
      if (best_ < floor) {
        low = floor;
        high = 1;
      } else {
        high = low = best_;
        frenzy_ = true;
      }
      max_decrease_ = 1;
    }
    high = std::max(high, low);
    double target = std::min(1.0, high - (high - low) * t);
    if (target + max_decrease_ < previous_target_) {
      target = previous_target_ - max_decrease_;
    } else if (target - 0.005 > previous_target_) {
      target = previous_target_ + 0.005;
    }
    previous_target_ = target;
    return target;
  }

  void CountOwnOffer(const Outcome& bid) {
    ++outgoing_count_;
    for (std::size_t i = 0; i < issues_; ++i) outgoing_[i].Add(bid[i], 1);
    last_offer_ = bid;
  }
  // Its last offer was `bid` after all: its count of its own values follows.
  void RecountOwnOffer(const Outcome& bid) {
    if (outgoing_count_ == 0 || bid == last_offer_) return;
    for (std::size_t i = 0; i < issues_; ++i) {
      outgoing_[i].Add(last_offer_[i], -1);
      outgoing_[i].Add(bid[i], 1);
    }
    last_offer_ = bid;
  }

  // IssueManager.ProcessOpponentBid, for every opponent offer after the first: twenty offers are
  // counted (the best for the agent joins its bids), and the twenty-first, itself not counted,
  // compares how alike the agent's and the opponent's value frequencies are and moves the noise.
  void CountOpponentOffer(const Outcome& bid, double utility) {
    if (countdown_ > 0) {
      if (utility > best_) {
        best_ = utility;
        best_bid_ = bid;
        bids_[best_] = AddToPool(bid);
      }
      const double rating = opponent_.Utility(bid.values().data());
      if (round_worst_opponent_value_ < rating) round_worst_opponent_value_ = rating;
      if (worst_opponent_value_ > rating) worst_opponent_value_ = rating;
      --countdown_;
      for (std::size_t i = 0; i < issues_; ++i) incoming_[i].Add(bid[i], 1);
      return;
    }
    double similarity = 0;
    for (std::size_t i = 0; i < issues_; ++i) {
      outgoing_[i].ForEachShared(incoming_[i], [&](int mine, int theirs) {
        const float out = static_cast<float>(mine) / static_cast<float>(outgoing_count_);
        const float in = static_cast<float>(theirs) / static_cast<float>(kCountdown);
        const float diff = out - in;
        const float square = diff * diff;
        similarity += (1.0 / static_cast<double>(issues_)) * (1.0 / value_kinds_[i]) * (1 - square);
      });
    }
    if (similarity > previous_similarity_) {
      noise_ += 0.05;
    } else if (best_ < previous_best_ || worst_opponent_value_ < previous_worst_opponent_value_) {
      noise_ += noise_step_;
    } else {
      noise_ -= noise_step_;
      if (round_worst_opponent_value_ > worst_opponent_value_ * 1.2) noise_ -= noise_step_;
      if (similarity * 1.1 < previous_similarity_) noise_ -= noise_step_;
    }
    noise_ = std::min(std::max(noise_, 0.0), 1.0);
    previous_similarity_ = similarity;
    countdown_ = kCountdown;
    previous_best_ = best_;
    round_worst_opponent_value_ = 1;
    previous_worst_opponent_value_ = worst_opponent_value_;
    for (auto& tally : incoming_) tally.Clear();
  }

  const Profile* profile_ = nullptr;
  const OutcomeSpace* space_ = nullptr;
  const LinearAdditiveUtility* linear_ = nullptr;
  std::size_t party_ = 0;
  std::size_t issues_ = 0;
  double discount_ = 1;
  JavaRandom insert_random_{0};
  JavaRandom nudge_random_{0};
  Outcome max_bid_;
  Outcome scratch_;
  GahboninhoOpponentModel opponent_;
  std::vector<double> pool_;  // every bid the agent has listed, issues_ values each
  KeyedBids bids_;
  // Target.
  double noise_ = 0;
  double compromise_ = 0.95;
  bool first_target_given_ = false;
  double previous_target_ = 1;
  double max_decrease_ = 0.0009;
  double panic_start_ = -1, panic_end_ = -1, panic_rounds_ = 1;
  bool frenzy_ = false;
  // Statistics.
  std::vector<ValueTally> incoming_, outgoing_;
  std::vector<int> value_kinds_;
  int outgoing_count_ = 0;
  Outcome last_offer_;
  double noise_step_ = 0.01;
  int countdown_ = kCountdown;
  double previous_similarity_ = 0.2;
  double previous_best_ = 1;
  double best_ = 0;
  double worst_opponent_value_ = 1;
  double previous_worst_opponent_value_ = 1;
  double round_worst_opponent_value_ = 1;
  std::optional<Outcome> best_bid_;
  int collisions_left_ = 200000;
  // Turns.
  bool filtered_ = false;
  std::optional<Outcome> opponent_bid_;
  double opponent_utility_ = 0;
  bool previous_bid_ = false;
  int turns_ = 0;
  int first_actions_ = kFirstActions;
};

const bool kRegistered = NegotiatorRegistry::Add(
    {"gahboninho",
     "Gahboninho (ANAC 2011, second), as GENIUS runs it: concedes to 0.925 over its first 40 offers, then holds a "
     "target that yields only to the discount and to a calm opponent, and in the last moments to the best offer "
     "received.",
     {},
     [](const Spec&) { return std::make_unique<Gahboninho>(); }});

}  // namespace
}  // namespace parley
