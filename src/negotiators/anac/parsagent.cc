// ParsAgent (ANAC 2015, multilateral), as GENIUS 9.1.10 runs it: agents.anac.y2015.ParsAgent.ParsAgent,
// a NegotiationParty built on AbstractTimeDependentNegotiationParty. Its target is that class's
// time-dependent curve, 1 - (t - 1/(N+1))^(1/e), never below 0.7, with e = 0.20 when the first
// offer it received is worth less discounted than undiscounted and 0.15 otherwise; it accepts the
// last offer received when it is worth more than the target. Otherwise it offers the bid the other
// parties' most frequent values agree on (every issue they do not agree on at its first value), or
// a variation of an offer someone accepted, or a variation of its best bid in one issue (drawn
// with probability inversely proportional to its weight), whichever first clears the target.
// Docs: docs/strategies.md#parsagent--parsagent-anac-2015-multilateral
//
// Deliberate differences, where Parley cannot do what GENIUS does:
//  - Randomness: the original draws its issue choices from Math.random(), unseeded; the port draws
//    them from a JavaRandom seeded from the seed with its bits inverted. Its random values come, as
//    in GENIUS, from the party's generator seeded with the seed (AbstractNegotiationParty.rand).
//  - Its search for a variation of its best bid stops after 1 ms of wall-clock time in GENIUS; the
//    port stops after kVariationDraws draws, so that a run is reproducible.
//  - An Accept that arrives before any offer leaves an empty entry among the accepted offers in
//    GENIUS, which throws at every later use: the port, like the original, then falls back to a
//    variation of its best bid whenever it looks at them, and ignores later Accepts (in GENIUS the
//    next one throws out of the message handler).
//  - Like the original it ignores its reservation value, so the conformance rule on the reservation
//    value spares it. Issues are taken to be numbered 1..n in the domain's order, as GENIUS's
//    weights and bids are addressed by number.
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "common/java_hash.h"
#include "common/java_random.h"
#include "negotiators/anac/genius_random_bid.h"
#include "parley/negotiator.h"
#include "parley/utility.h"
#include "preferences/genius_bid_iterator.h"

namespace parley {
namespace {

constexpr double kTargetFloor = 0.7;
constexpr double kDiscountedE = 0.20;
constexpr double kUndiscountedE = 0.15;
// Stands for GENIUS's 1 ms: draws of one issue's value before the search gives up.
constexpr int kVariationDraws = 1000;

// How often an opponent offered each value of each issue (OpponentPreferences.repeatedissue). An
// issue's entry may exist and be empty; values are kept in the order first seen, and scanned in
// the order of the java.util.HashMap that holds them.
class ValueCounts {
 public:
  void Reset(std::size_t issues) {
    present_.assign(issues, false);
    values_.assign(issues, {});
    counts_.assign(issues, {});
    hashes_.assign(issues, {});
  }
  bool present(std::size_t issue) const { return present_[issue]; }
  bool empty(std::size_t issue) const { return values_[issue].empty(); }
  void Create(std::size_t issue) { present_[issue] = true; }
  void Add(std::size_t issue, double value, std::int32_t hash) {
    present_[issue] = true;
    auto& values = values_[issue];
    for (std::size_t k = 0; k < values.size(); ++k) {
      if (values[k] == value) {
        ++counts_[issue][k];
        return;
      }
    }
    values.push_back(value);
    counts_[issue].push_back(1);
    hashes_[issue].push_back(hash);
  }
  // The original's "two most frequent values": a count above the first replaces it (without
  // moving it to second place), else a count above the second replaces that. Empty slots are
  // nullopt.
  std::pair<std::optional<double>, std::optional<double>> TopTwo(std::size_t issue) const {
    int first = 0, second = 0;
    std::optional<double> first_value, second_value;
    for (std::size_t k : JavaHashMapOrder(hashes_[issue])) {
      const int count = counts_[issue][k];
      if (count > first) {
        first = count;
        first_value = values_[issue][k];
      } else if (count > second) {
        second = count;
        second_value = values_[issue][k];
      }
    }
    return {first_value, second_value};
  }

 private:
  std::vector<bool> present_;
  std::vector<std::vector<double>> values_;
  std::vector<std::vector<int>> counts_;
  std::vector<std::vector<std::int32_t>> hashes_;
};

class ParsAgent final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override;
  void Observe(const ObservedAction& action) override;
  ActionType Act(const TurnState& state, Outcome& proposal) override;

 private:
  struct AcceptedOffer {
    Outcome bid;
    double utility = 0.0;
  };

  // The target at time t; nullopt before the first offer received, where the original's
  // getE() throws (its discount flag is still unset).
  std::optional<double> Target(double t) const;
  std::int32_t ValueHash(std::size_t issue, double value) const;
  // addBidToList: the bid goes after the last entry worth at most as much, unless such an entry
  // is the same bid (then nothing is added).
  void Accepted(const Outcome& bid);
  double RandomValue(std::size_t issue) { return GeniusPartyRandomValue(space_->issue(issue), random_); }
  // Issue numbers (1-based) drawn by weight (chooseBestIssue, 0 when none is reached) and by
  // inverse weight (chooseWorstIssue). Both draw from Math.random() first.
  std::size_t BestIssue();
  std::size_t WorstIssue();
  // getMybestBid: `start` with its worst issue redrawn until it clears the target. False where the
  // original throws (a profile that is not additive).
  bool Variation(const Outcome& start, std::optional<double> target, Outcome& out);
  // offerMyNewBid; false where the original returns null or throws.
  bool NewBid(double target, Outcome& out);
  // getNNBid: the best variation of an accepted offer that clears the target, if any; false where
  // the original throws.
  bool AcceptedVariation(double target, std::optional<Outcome>& best);
  // getMutualIssues: per issue the value both opponents favour, if they agree.
  std::vector<std::optional<double>> MutualValues();
  std::optional<double> MutualValue(std::size_t issue, int cycle);
  // The original's last resort after an exception: a variation of its best bid, else that bid.
  ActionType FallBack(std::optional<double> target, Outcome& proposal);

  const OutcomeSpace* space_ = nullptr;
  const Profile* profile_ = nullptr;
  const LinearAdditiveUtility* additive_ = nullptr;  // nullptr: the original's casts throw
  double offset_ = 0.0;                              // 1 / totalRounds of GENIUS's discrete timeline
  Outcome best_bid_;
  JavaRandom random_{0};       // AbstractNegotiationParty.rand, seeded
  JavaRandom math_random_{0};  // Math.random(), unseeded in GENIUS

  std::optional<bool> discounted_;  // withDiscount, set by the first offer received
  std::optional<Outcome> last_bid_;
  bool last_was_accept_ = false;
  std::optional<std::size_t> opponent_a_, opponent_b_;
  ValueCounts counts_a_, counts_b_;
  std::vector<AcceptedOffer> accepted_;  // by utility as addBidToList orders them
  bool accepted_broken_ = false;         // an Accept came before any offer (see the header)
};

void ParsAgent::Begin(const NegotiatorContext& context) {
  space_ = context.space;
  profile_ = context.profile;
  additive_ = dynamic_cast<const LinearAdditiveUtility*>(&profile_->utility_function());
  offset_ = context.max_rounds > 0 ? 1.0 / static_cast<double>(context.max_rounds + 1) : 0.0;
  best_bid_ = Outcome(space_->issue_count());
  GeniusMaxUtilityBid(profile_->utility_function().ranking(), best_bid_);
  random_ = JavaRandom(static_cast<std::int64_t>(context.seed));
  math_random_ = JavaRandom(~static_cast<std::int64_t>(context.seed));
  discounted_.reset();
  last_bid_.reset();
  last_was_accept_ = false;
  opponent_a_.reset();
  opponent_b_.reset();
  counts_a_.Reset(space_->issue_count());
  counts_b_.Reset(space_->issue_count());
  accepted_.clear();
  accepted_broken_ = false;
}

std::int32_t ParsAgent::ValueHash(std::size_t issue, double value) const {
  const Issue& i = space_->issue(issue);
  // ValueDiscrete hashes its name; ValueInteger hashes to 0. (Real values never reach a choice
  // that depends on the order: the original throws on a real issue before using them.)
  if (i.kind() == IssueKind::kDiscrete) return JavaStringHash(i.values()[i.PositionOf(value)]);
  return 0;
}

void ParsAgent::Observe(const ObservedAction& action) {
  if (action.type == ActionType::kOffer && action.offer) {
    const Outcome& bid = *action.offer;
    const double utility = action.offer_utility;
    if (!discounted_) discounted_ = profile_->Discount(utility, action.time) != utility;
    if (!opponent_a_) {
      opponent_a_ = action.party;
    } else if (*opponent_a_ != action.party && !opponent_b_) {
      opponent_b_ = action.party;
    }
    ValueCounts& counts = *opponent_a_ == action.party ? counts_a_ : counts_b_;
    for (std::size_t i = 0; i < bid.size(); ++i) counts.Add(i, bid[i], ValueHash(i, bid[i]));
    last_bid_ = bid;
  } else if (action.type == ActionType::kAccept && !accepted_broken_) {
    if (!last_bid_) {
      accepted_broken_ = true;  // GENIUS stores an empty entry (see the header)
    } else {
      Accepted(*last_bid_);
    }
  }
  last_was_accept_ = action.type == ActionType::kAccept;
}

void ParsAgent::Accepted(const Outcome& bid) {
  const double utility = profile_->Utility(bid);
  std::size_t index = accepted_.size();
  for (std::size_t k = 0; k < accepted_.size(); ++k) {
    if (accepted_[k].utility <= utility) {
      if (accepted_[k].bid == bid) return;
      index = k;
    }
  }
  accepted_.insert(accepted_.begin() + static_cast<std::ptrdiff_t>(index), {bid, utility});
}

std::optional<double> ParsAgent::Target(double t) const {
  if (!discounted_) return std::nullopt;
  const double e = *discounted_ ? kDiscountedE : kUndiscountedE;
  const double target = 1.0 - std::pow(t - offset_, 1.0 / e);
  return target < kTargetFloor ? kTargetFloor : target;
}

std::size_t ParsAgent::BestIssue() {
  const double draw = math_random_.NextDouble();
  double sum = 0.0;
  for (std::size_t i = space_->issue_count(); i > 0; --i) {
    sum += additive_->weights()[i - 1];
    if (sum > draw) return i;
  }
  return 0;
}

std::size_t ParsAgent::WorstIssue() {
  const double draw = math_random_.NextDouble() * 100;
  double sum = 0.0;
  std::size_t lightest = 1;
  double lightest_weight = 1.0;
  for (std::size_t i = space_->issue_count(); i > 0; --i) {
    const double weight = additive_->weights()[i - 1];
    sum += 1.0 / weight;
    if (weight < lightest_weight) {
      lightest_weight = weight;
      lightest = i;
    }
    if (sum > draw) return i;
  }
  return lightest;
}

bool ParsAgent::Variation(const Outcome& start, std::optional<double> target, Outcome& out) {
  if (!additive_) {
    math_random_.NextDouble();  // drawn before the cast fails
    return false;
  }
  const std::size_t issue = WorstIssue() - 1;
  for (int draw = 0; draw < kVariationDraws; ++draw) {
    out = start;
    out[issue] = RandomValue(issue);
    if (!target || profile_->Utility(out) > *target) break;
  }
  return true;
}

bool ParsAgent::AcceptedVariation(double target, std::optional<Outcome>& best) {
  best.reset();
  double best_utility = 0.0;
  Outcome candidate;
  for (std::size_t loop = 0; loop < space_->issue_count(); ++loop) {
    if (!additive_) {
      math_random_.NextDouble();
      return false;
    }
    const std::size_t issue = BestIssue();
    if (accepted_broken_) return false;
    if (issue == 0) continue;  // the original's lookup of issue 0 throws and is caught per entry
    for (const AcceptedOffer& entry : accepted_) {
      candidate = entry.bid;
      candidate[issue - 1] = RandomValue(issue - 1);
      const double utility = profile_->Utility(candidate);
      if (utility > target && utility > best_utility) {
        best = candidate;
        best_utility = utility;
      }
    }
  }
  return true;
}

std::optional<double> ParsAgent::MutualValue(std::size_t issue, int cycle) {
  if (!counts_a_.present(issue)) {
    counts_a_.Create(issue);
    return std::nullopt;
  }
  if (!counts_b_.present(issue)) {
    counts_b_.Create(issue);
    return std::nullopt;
  }
  const auto [a0, a1] = counts_a_.TopTwo(issue);
  const auto [b0, b1] = counts_b_.TopTwo(issue);
  if (cycle == 2) {
    if (a0 && b0 && *a0 == *b0) return a0;
    return std::nullopt;
  }
  for (const auto& a : {a0, a1}) {
    for (const auto& b : {b0, b1}) {
      if (a && b && *a == *b) return a;
    }
  }
  return std::nullopt;
}

// Two passes at most: the first asks both opponents' most frequent values to agree; the second,
// taken when no offer was accepted yet and fewer than half the issues agreed, also lets second
// places agree. An issue the first opponent never offered a value for cuts the passes short.
std::vector<std::optional<double>> ParsAgent::MutualValues() {
  std::vector<std::optional<double>> mutual;
  const std::size_t issues = space_->issue_count();
  int cycle = 2;
  while (cycle > 0) {
    mutual.assign(issues, std::nullopt);
    for (std::size_t i = 0; i < issues; ++i) {
      mutual[i] = MutualValue(i, cycle);
      if (counts_a_.empty(i)) --cycle;
    }
    if (cycle != 0) {
      --cycle;
      if (accepted_.empty() && !accepted_broken_) {
        float agreed = 0.0f;
        for (const auto& value : mutual) agreed += value ? 1.0f : 0.0f;
        agreed = agreed / static_cast<float>(mutual.size());
        if (agreed >= 0.5f) --cycle;
      } else {
        --cycle;
      }
    }
  }
  return mutual;
}

bool ParsAgent::NewBid(double target, Outcome& out) {
  std::optional<Outcome> accepted_variation;
  if (!accepted_.empty() || accepted_broken_) {
    if (!AcceptedVariation(target, accepted_variation)) return false;
  }
  if (accepted_variation && profile_->Utility(*accepted_variation) >= target) {
    out = *accepted_variation;
    return true;
  }
  const std::vector<std::optional<double>> mutual = MutualValues();
  out = best_bid_;
  for (std::size_t i = 0; i < mutual.size(); ++i) {
    const Issue& issue = space_->issue(i);
    if (issue.kind() == IssueKind::kReal) return false;  // "not supported issue"
    if (mutual[i]) {
      out[i] = *mutual[i];
    } else {
      // MyBestValue: for a discrete issue it looks at the first value only and answers it; for an
      // integer issue it answers the best bid's value.
      out[i] = issue.kind() == IssueKind::kDiscrete ? issue.ValueAt(0) : best_bid_[i];
    }
  }
  if (profile_->Utility(out) > target) return true;
  return Variation(best_bid_, target, out);
}

ActionType ParsAgent::FallBack(std::optional<double> target, Outcome& proposal) {
  if (!Variation(best_bid_, target, proposal)) proposal = best_bid_;
  return ActionType::kOffer;
}

ActionType ParsAgent::Act(const TurnState& state, Outcome& proposal) {
  const std::optional<double> target = Target(state.time);
  if (!last_bid_) {
    if (!Variation(best_bid_, target, proposal)) return FallBack(target, proposal);
    return ActionType::kOffer;
  }
  // An offer has been received, so the discount flag and with it the target are set.
  if (profile_->Utility(*last_bid_) > *target) return ActionType::kAccept;
  if (!NewBid(*target, proposal)) return FallBack(target, proposal);
  if (!last_was_accept_ && profile_->Utility(proposal) < *target) {
    if (!Variation(best_bid_, target, proposal)) return FallBack(target, proposal);
  }
  return ActionType::kOffer;
}

const bool kRegistered = NegotiatorRegistry::Add(
    {"parsagent",
     "ParsAgent (ANAC 2015), as GENIUS runs it: accepts above a Boulware target (never below 0.7); offers the "
     "values its opponents agree on, a variation of an accepted offer, or a variation of its best bid.",
     {},
     [](const Spec&) { return std::make_unique<ParsAgent>(); }});

}  // namespace
}  // namespace parley
