// Atlas3 (ANAC 2015 winner, multilateral) as GENIUS 9.1.10 runs it, the negotiator registered as
// "atlas3" (atlas3.cc, where the strategy and every deliberate difference are described). Declared
// here because its ANAC 2016 version, "atlas3-2016" (atlas3_2016.cc), is the same agent with a few
// parts changed: those are the virtual functions below, each the 2015 original's way.
// Not thread-safe: one instance per negotiator.
#ifndef PARLEY_NEGOTIATORS_ANAC_ATLAS3_H_
#define PARLEY_NEGOTIATORS_ANAC_ATLAS3_H_

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "common/java_random.h"
#include "negotiators/anac/atlas3_bid_search.h"
#include "parley/negotiator.h"

namespace parley {

class Atlas3 : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override;
  void Observe(const ObservedAction& action) override;
  ActionType Act(const TurnState& state, Outcome& proposal) override;

 protected:
  // Where the ANAC 2016 version (atlas3_2016.cc) differs, each the 2015 original's way:
  // the random bid each offer's search starts from (AbstractNegotiationParty.generateRandomBid);
  virtual void DrawStartBid(Outcome& bid);
  // every bid one value away from `base`: the least good reaching the threshold;
  virtual void NeighbourhoodSearch(const Outcome& base, double threshold, Outcome& bid);
  // the threshold at time t from the end game's target, discounted by d: max(1 - t/d, target);
  virtual double ThresholdFromTarget(double t, double target) const;
  // the final phase: a walk down the bids the others supported.
  virtual ActionType FinalAction(const TurnState& state, Outcome& proposal);

  // Accept, walk away or offer, as outside the final phase.
  ActionType OrdinaryAction(const TurnState& state, Outcome& proposal);

  double U(const Outcome& bid) const { return profile_->Utility(bid); }
  std::uint64_t ValueIndex(std::size_t issue, double value) const;
  double Value(std::size_t issue, std::uint64_t index) const { return search_.Value(issue, index); }
  std::uint64_t ValueCount(std::size_t issue) const { return search_.ValueCount(issue); }
  void NoteCandidateForMax(const Outcome& bid, double utility) { search_.NoteCandidateForMax(bid, utility); }
  JavaRandom& free_random() { return search_.free_random(); }  // the original's unseeded draws
  double Threshold(double t) const;
  ActionType OfferAction(double t, Outcome& proposal);
  void AddSupportedBid(const Outcome& bid);

  // The searches write their bid into `bid` (never aliasing an argument).
  void GetBid(const Outcome& base, double threshold, Outcome& bid);
  void MoveTowardsFrequentValues(Outcome& bid);

  const Profile* profile_ = nullptr;
  const OutcomeSpace* space_ = nullptr;
  std::size_t issues_ = 0;
  JavaRandom party_random_{0};  // AbstractNegotiationParty.rand, seeded as in GENIUS
  Atlas3BidSearch search_;      // its searches and the generator of the original's unseeded draws
  double reservation_ = 0.0;
  double discount_ = 1.0;

  std::size_t negotiators_ = 0;
  std::vector<std::size_t> opponents_;       // in order of first appearance, shuffled in place over time
  std::vector<std::vector<int>> frequency_;  // per issue and value, how often the others offered it
  double best_offered_utility_ = 0.0;
  std::vector<Outcome> supported_;  // bids every other party offered or accepted, best first
  std::vector<double> supported_utility_;
  double best_supported_utility_ = 0.0;
  std::size_t supporters_ = 0;
  bool have_offer_ = false;
  Outcome offered_;
  std::size_t walked_ = 0;  // how far the final walk down `supported_` has gone
  std::uint64_t turns_ = 0;

  Outcome base_, work_, next_;
  std::vector<std::pair<std::size_t, double>> targets_;
  std::vector<std::uint64_t> shuffled_values_;
  std::vector<std::size_t> shuffled_issues_;
};

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_ATLAS3_H_
