// Shuttle negotiation (indirect alternating offers): the parties take turns as in SAOP but never
// talk to each other. Every offer goes to the lead mediator, which forwards it, withholds it or
// replaces it with a package of its own, and every acceptance goes to the mediator too.
// Rules, who sees what, traces, faults, and why a forwarding mediator reproduces SAOP exactly:
// docs/mediation.md#shuttle-indirect-alternating-offers
#include <string_view>

#include <fmt/format.h>

#include "parley/error.h"
#include "parley/mediator.h"
#include "parley/protocol.h"
#include "parley/random.h"
#include "protocols/run_support.h"

namespace parley {
namespace {

class ShuttleRun final : public internal::RunBase {
 public:
  ShuttleRun(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
             const std::vector<Mediator*>& mediators, const NegotiationOptions& options, bool disclosed)
      : RunBase(scenario, negotiators, options, scenario.party_count(), scenario.party_count()),
        mediators_(mediators),
        live_(space_.issue_count()),
        proposal_(space_.issue_count()),
        replacement_(space_.issue_count()),
        live_utilities_(n_, 0.0),
        proposal_utilities_(n_, 0.0),
        accepted_(n_, false) {
    if (!result_.fault) BeginMediators(disclosed);
    if (result_.fault) Finish();
  }

  const Outcome* current_offer() const override { return has_live_ ? &live_ : nullptr; }

  void Step() override {
    for (std::size_t turn = 0; turn < n_ && !done_; ++turn) Turn();
  }

 private:
  // Records a fault of mediator `m`, under party index n + m, with a message naming it.
  void MediatorFault(std::size_t m, std::string_view message, double time) {
    internal::RecordMediatorFault(result_, n_, m, message, time);
  }

  void BeginMediators(bool disclosed);
  void Turn();
  // Hands party `party`'s valid offer in proposal_ to the lead mediator and acts on its decision.
  // Faults are left in result_ for the caller to end on.
  void RelayOffer(std::size_t party, std::uint64_t step, std::uint64_t round);
  // Makes `source` the live offer from `author` and shows it to every party but `skip`.
  void Deliver(const Outcome& source, const std::vector<double>& utilities, std::size_t author, std::size_t skip,
               std::uint64_t step, std::uint64_t round);

  std::vector<Mediator*> mediators_;

  // The live offer, on every party's table.
  Outcome live_;
  Outcome proposal_;
  Outcome replacement_;
  std::vector<double> live_utilities_;
  std::vector<double> proposal_utilities_;
  bool has_live_ = false;
  std::size_t author_ = 0;      // a party, or n_ for the mediator
  std::vector<bool> accepted_;  // who has accepted the live offer (its author never needs to)
  std::size_t acceptances_ = 0;
  std::size_t required_ = 0;  // n - 1 for a forwarded offer, n for a package
};

void ShuttleRun::BeginMediators(bool disclosed) {
  internal::BeginMediators(scenario_, mediators_, options_, disclosed, result_);
}

void ShuttleRun::Turn() {
  const std::uint64_t round = step_ / n_;
  const std::size_t party = step_ % n_;
  bool past_deadline = false;
  time_ = clock_.TimeOfStep(step_, past_deadline);
  if (past_deadline) {
    result_.end_reason = EndReason::kDeadline;
    Finish();
    return;
  }

  TurnState state;
  state.step = step_;
  state.round = round;
  state.time = time_;
  state.current_offer = has_live_ ? &live_ : nullptr;
  state.offerer = author_;
  state.acceptances = 0;  // the mediator does not tell who has accepted
  state.current_offer_utility = has_live_ ? live_utilities_[party] : 0.0;

  // The buffer is shared by every party's turn; a negotiator may have resized it.
  if (proposal_.size() != space_.issue_count()) proposal_ = Outcome(space_.issue_count());
  ActionType action;
  try {
    action = negotiators_[party]->Act(state, proposal_);
  } catch (...) {
    internal::RecordFault(
        result_, party,
        fmt::format("threw during its turn at step {}: {}", step_, internal::DescribeCurrentException()), time_);
    Finish();
    return;
  }
  const std::uint64_t step = step_++;

  switch (action) {
    case ActionType::kOffer: {
      if (!space_.IsValid(proposal_, &why_)) {
        internal::RecordFault(result_, party, fmt::format("proposed an invalid outcome at step {}: {}", step, why_),
                              time_);
        break;
      }
      for (std::size_t p = 0; p < n_; ++p) proposal_utilities_[p] = scenario_.profile(p).Utility(proposal_);
      if (options_.record_trace) {
        result_.trace.Add({step, round, time_, party, action}, &proposal_, proposal_utilities_.data());
      }
      RelayOffer(party, step, round);
      break;
    }
    case ActionType::kAccept: {
      if (!has_live_) {
        internal::RecordFault(result_, party, fmt::format("accepted at step {} when no offer was on the table", step),
                              time_);
        break;
      }
      if (options_.record_trace) {
        result_.trace.Add({step, round, time_, party, action}, &live_, live_utilities_.data());
      }
      try {
        mediators_[0]->ObserveAcceptance(party, live_);
      } catch (...) {
        MediatorFault(
            0,
            fmt::format("threw while told of an acceptance at step {}: {}", step, internal::DescribeCurrentException()),
            time_);
        break;
      }
      // The author of a forwarded offer agreed to it by making it; accepting again adds nothing.
      if (party != author_ && !accepted_[party]) {
        accepted_[party] = true;
        ++acceptances_;
      }
      if (acceptances_ == required_) {
        result_.end_reason = EndReason::kAgreement;
        result_.agreement = live_;
        Finish();
        return;
      }
      break;
    }
    case ActionType::kEndNegotiation:
      if (options_.record_trace) result_.trace.Add({step, round, time_, party, action}, nullptr, nullptr);
      result_.end_reason = EndReason::kEndedByParty;
      Finish();
      return;
    default:
      internal::RecordFault(result_, party, fmt::format("returned an unknown action at step {}", step), time_);
      break;
  }
  if (result_.fault) Finish();
}

void ShuttleRun::RelayOffer(std::size_t party, std::uint64_t step, std::uint64_t round) {
  RelayState relay;
  relay.step = step;
  relay.round = round;
  relay.time = time_;
  relay.from = party;
  relay.delivered = has_live_ ? &live_ : nullptr;
  if (replacement_.size() != space_.issue_count()) replacement_ = Outcome(space_.issue_count());
  RelayDecision decision;
  try {
    decision = mediators_[0]->Relay(relay, proposal_, replacement_);
  } catch (...) {
    MediatorFault(
        0, fmt::format("threw while relaying the offer of step {}: {}", step, internal::DescribeCurrentException()),
        time_);
    return;
  }
  switch (decision) {
    case RelayDecision::kForward:
      Deliver(proposal_, proposal_utilities_, party, party, step, round);
      return;
    case RelayDecision::kWithhold:
      return;
    case RelayDecision::kReplace:
      if (!space_.IsValid(replacement_, &why_)) {
        MediatorFault(0, fmt::format("replaced the offer of step {} with an invalid outcome: {}", step, why_), time_);
        return;
      }
      // proposal_utilities_ is free once the offer is replaced; it now holds the package's.
      for (std::size_t p = 0; p < n_; ++p) proposal_utilities_[p] = scenario_.profile(p).Utility(replacement_);
      if (options_.record_trace) {
        result_.trace.Add({step, round, time_, n_, ActionType::kOffer}, &replacement_, proposal_utilities_.data());
      }
      Deliver(replacement_, proposal_utilities_, n_, n_, step, round);
      return;
  }
  MediatorFault(0, fmt::format("returned an unknown relay decision at step {}", step), time_);
}

void ShuttleRun::Deliver(const Outcome& source, const std::vector<double>& utilities, std::size_t author,
                         std::size_t skip, std::uint64_t step, std::uint64_t round) {
  live_ = source;
  live_utilities_ = utilities;
  has_live_ = true;
  author_ = author;
  accepted_.assign(n_, false);
  acceptances_ = 0;
  required_ = author < n_ ? n_ - 1 : n_;

  ObservedAction observed;
  observed.party = author;
  observed.type = ActionType::kOffer;
  observed.offer = &live_;
  observed.step = step;
  observed.round = round;
  observed.time = time_;
  for (std::size_t p = 0; p < n_; ++p) {
    if (p == skip) continue;
    observed.offer_utility = live_utilities_[p];
    try {
      negotiators_[p]->Observe(observed);
    } catch (...) {
      internal::RecordFault(
          result_, p, fmt::format("threw while observing step {}: {}", step, internal::DescribeCurrentException()),
          time_);
      return;
    }
  }
}

class Shuttle final : public Protocol {
 public:
  explicit Shuttle(bool disclosed) : disclosed_(disclosed) {}

  std::unique_ptr<NegotiationRun> Start(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                                        const std::vector<Mediator*>& mediators,
                                        const NegotiationOptions& options) override {
    internal::CheckSetup(scenario, negotiators, options);
    if (mediators.empty()) {
      throw UsageError("the shuttle protocol needs a mediator to relay the offers (the first one given leads)");
    }
    for (const Mediator* mediator : mediators) {
      if (mediator == nullptr) throw UsageError("the shuttle protocol was given a null mediator");
    }
    return std::make_unique<ShuttleRun>(scenario, negotiators, mediators, options, disclosed_);
  }

 private:
  bool disclosed_;
};

const bool kRegistered = ProtocolRegistry::Add(
    {"shuttle",
     "Indirect alternating offers: parties take turns as in SAOP but every offer and acceptance goes to the lead "
     "mediator, which forwards the offer to the others, withholds it, or replaces it with a package all must accept.",
     {{"disclosed", "false",
       "every party tells the mediators its preferences (its profile); never shown to another party"}},
     [](const Spec& spec) { return std::make_unique<Shuttle>(spec.GetBool("disclosed", false)); }});

}  // namespace
}  // namespace parley
