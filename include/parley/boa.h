// The BOA architecture of automated negotiation (Baarslag et al.): a negotiator assembled from a
// Bidding strategy (what to offer next), an Opponent model (what the others are estimated to
// want) and an Acceptance strategy (when to accept). Each part is registered by name, so that
//
//   boa(bidding=time(e=0.2),acceptance=combi(t=0.98),model=frequency)
//
// builds a negotiator from the command line, a configuration file, C++ or Python, and the
// generic conformance test plays every combination of registered parts.
//
// The parts see the negotiation through the same NegotiatorContext, TurnState and ObservedAction
// as any negotiator. The bidding strategy is given the opponent model (which may be the "none"
// model) to choose, among outcomes near its target utility, the one best for the opponents.
#ifndef PARLEY_BOA_H_
#define PARLEY_BOA_H_

#include <cstddef>
#include <memory>

#include "parley/negotiator.h"
#include "parley/registry.h"

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

// Estimates what the other parties want from what they offer.
class OpponentModel {
 public:
  virtual ~OpponentModel() = default;
  virtual void Begin(const NegotiatorContext& context) = 0;
  // An offer made by `party` (never the model's own party) at normalised time `time`.
  virtual void Update(std::size_t party, const Outcome& offer, double time) = 0;
  // The estimated utility, in [0, 1], of `outcome` for opponent `party`.
  virtual double EstimatedUtility(std::size_t party, const Outcome& outcome) const = 0;
  // The mean estimated utility over every opponent (what bidding strategies maximise).
  double EstimatedOpponentsUtility(const Outcome& outcome) const;
  // False for the "none" model: strategies then fall back to their plain behaviour.
  virtual bool informative() const { return true; }

 protected:
  // Set by Begin implementations that call BeginCommon.
  void BeginCommon(const NegotiatorContext& context) {
    party_ = context.party;
    party_count_ = context.party_count;
  }
  std::size_t party_ = 0;
  std::size_t party_count_ = 0;
};

// Decides what to offer next.
class BiddingStrategy {
 public:
  virtual ~BiddingStrategy() = default;
  // `model` stays valid for the whole negotiation.
  virtual void Begin(const NegotiatorContext& context, const OpponentModel& model) = 0;
  virtual void Observe(const ObservedAction& /*action*/) {}
  // Writes the next offer into `proposal` and returns its (undiscounted) utility for this party.
  virtual double Bid(const TurnState& state, Outcome& proposal) = 0;
};

// Decides whether to accept the offer on the table.
class AcceptanceStrategy {
 public:
  virtual ~AcceptanceStrategy() = default;
  virtual void Begin(const NegotiatorContext& context) = 0;
  // Every other party's action, and also each offer its own negotiator makes (party ==
  // context.party, shown right after the decision not to accept).
  virtual void Observe(const ObservedAction& /*action*/) {}
  // Accept state.current_offer (worth state.current_offer_utility to this party), knowing that
  // the next offer would be worth `next_offer_utility`?
  virtual bool Accept(const TurnState& state, double next_offer_utility) = 0;
};

template <>
struct RegistryTraits<OpponentModel> {
  static constexpr const char* kKind = "opponent model";
};
template <>
struct RegistryTraits<BiddingStrategy> {
  static constexpr const char* kKind = "bidding strategy";
};
template <>
struct RegistryTraits<AcceptanceStrategy> {
  static constexpr const char* kKind = "acceptance strategy";
};

using OpponentModelRegistry = Registry<OpponentModel>;
using BiddingStrategyRegistry = Registry<BiddingStrategy>;
using AcceptanceStrategyRegistry = Registry<AcceptanceStrategy>;

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_BOA_H_
