// AgentHerb (ANAC 2018, social-welfare winner), as GENIUS 10.4 runs it:
// agents.anac.y2018.agentherb.AgentHerb with its LogisticRegression, Vector and VectorConverter.
// Declared here rather than in its .cc so that a differential test can give it the next bid the
// original recorded (ChooseNextBid), since the original's random start weights cannot be
// reproduced; everything else is private to agentherb.cc.
//
// Not thread-safe: one instance per negotiation. Begin() allocates a table of the bids GENIUS's
// BidIterator visits (utility and features); Act() allocates one weight vector per opponent.
#ifndef PARLEY_NEGOTIATORS_ANAC_AGENTHERB_H_
#define PARLEY_NEGOTIATORS_ANAC_AGENTHERB_H_

#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "common/java_random.h"
#include "parley/negotiator.h"

namespace parley {

// A bid as the original's VectorConverter writes it: a bias of 1 (entry 0), then per issue either
// the integer value scaled to [0, 1] or one entry per discrete value, 1 for the bid's value and 0
// for the others. Only the entries after the bias that can be non-zero are kept, one per issue in
// vector order: (index, value). Leaving out the zeros changes no sum: w * 0 adds a zero.
using AgentHerbFeature = std::pair<std::uint32_t, double>;

// The original's LogisticRegression: weights drawn uniformly from [-1, 1) at construction, one
// pass of stochastic gradient steps at rate 0.5 per labelled bid, a sigmoid of the weighted sum.
class AgentHerbLogisticRegression {
 public:
  static constexpr double kRate = 0.5;

  // `size` weights, each ThreadLocalRandom.nextDouble(-1, 1)'s recipe applied to random.NextDouble().
  AgentHerbLogisticRegression(std::size_t size, JavaRandom& random);
  // `bid` points at one feature per issue (`count` of them).
  void Train(const AgentHerbFeature* bid, std::size_t count, int label);
  double Classify(const AgentHerbFeature* bid, std::size_t count) const;
  const std::vector<double>& weights() const { return weights_; }

 private:
  std::vector<double> weights_;
};

class AgentHerb : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override;
  void Observe(const ObservedAction& action) override;
  ActionType Act(const TurnState& state, Outcome& proposal) override;

 protected:
  // Writes the bid it would offer now into `next`: over every bid in BidIterator order, the last
  // one of the highest utility plus the product of the opponents' modelled acceptance chances,
  // each model trained afresh from random weights on that opponent's history. False when no bid
  // scores a number (the original then throws and walks away).
  virtual bool ChooseNextBid(const TurnState& state, Outcome& next);

 private:
  struct Labelled {
    std::vector<AgentHerbFeature> bid;
    int label;  // 1: the opponent offered or accepted it; 0: it answered it with an offer
  };

  // The features of `bid`; false on a real issue, which the original's converter cannot take.
  bool Convert(const Outcome& bid, AgentHerbFeature* out) const;
  void Record(std::size_t party, const Outcome& bid, int label);

  const OutcomeSpace* space_ = nullptr;
  const Profile* profile_ = nullptr;
  double discount_factor_ = 1.0;
  bool convertible_ = true;  // no real issue (the original's converter throws on one)
  std::size_t vector_size_ = 1;
  std::vector<std::size_t> value_offset_;  // per issue: its first entry in the vector
  // The bids its search visits, in BidIterator order: their utilities and features (issue_count
  // features a bid, one after another).
  std::size_t scanned_ = 0;
  std::vector<double> utilities_;
  std::vector<AgentHerbFeature> features_;
  // Per opponent (by party) the labelled bids it is judged on, in the order they came.
  std::map<std::size_t, std::vector<Labelled>> histories_;
  std::optional<Outcome> last_offered_;  // the last offer made, by anyone, itself included
  JavaRandom random_{0};                 // seeded in Begin(); stands for the original's unseeded ThreadLocalRandom
};

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_AGENTHERB_H_
