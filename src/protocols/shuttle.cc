// Shuttle negotiation (indirect alternating offers): the parties take turns as in SAOP but never
// talk to each other. Every offer goes to the lead mediator, which forwards it, withholds it or
// replaces it with a package of its own, and every acceptance goes to the mediator too.
// Rules, who sees what, traces, faults, and why a forwarding mediator reproduces SAOP exactly:
// docs/mediation.md#shuttle-indirect-alternating-offers
#include <optional>
#include <string_view>

#include <fmt/format.h>

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
        live_(space_.issue_count()),
        replacement_(space_.issue_count()),
        live_utilities_(n_, 0.0),
        proposal_utilities_(n_, 0.0),
        accepted_(n_, false) {
    BeginMediators(mediators, disclosed);
    if (result_.fault) Finish();
  }

  const Outcome* current_offer() const override { return has_live_ ? &live_ : nullptr; }

 private:
  // A party's turn.
  void Move() override;
  // Hands party `party`'s valid offer in proposal_ to the lead mediator and acts on its decision.
  // Faults are left in result_ for the caller to end on.
  void RelayOffer(std::size_t party, std::uint64_t step, std::uint64_t round);
  // Makes `source` the live offer from `author` and shows it to every party but `skip`.
  void Deliver(const Outcome& source, const std::vector<double>& utilities, std::size_t author, std::size_t skip,
               std::uint64_t step, std::uint64_t round);

  // The live offer, on every party's table.
  Outcome live_;
  Outcome replacement_;
  std::vector<double> live_utilities_;
  std::vector<double> proposal_utilities_;
  bool has_live_ = false;
  std::size_t author_ = 0;      // a party, or n_ for the mediator
  std::vector<bool> accepted_;  // who has accepted the live offer (its author never needs to)
  std::size_t acceptances_ = 0;
  std::size_t required_ = 0;  // n - 1 for a forwarded offer, n for a package
};

void ShuttleRun::Move() {
  const std::uint64_t round = step_ / n_;
  const std::size_t party = step_ % n_;
  if (ReachedDeadline()) return;
  // The mediator does not tell who has accepted: the table shows no acceptances.
  const std::optional<ActionType> action =
      AskParty(party, round, current_offer(), author_, 0, live_utilities_, {"during its turn at step {}", step_});
  if (!action) return;
  const std::uint64_t step = step_++;
  if (!CheckAlternatingMove(party, step, *action, has_live_)) return;

  switch (*action) {
    case ActionType::kOffer: {
      for (std::size_t p = 0; p < n_; ++p) proposal_utilities_[p] = scenario_.profile(p).Utility(proposal_);
      if (options_.record_trace) {
        result_.trace.Add({step, round, time_, party, *action}, &proposal_, proposal_utilities_.data());
      }
      RelayOffer(party, step, round);
      break;
    }
    case ActionType::kAccept: {
      if (options_.record_trace) {
        result_.trace.Add({step, round, time_, party, *action}, &live_, live_utilities_.data());
      }
      try {
        mediators_[0]->ObserveAcceptance(party, live_);
      } catch (...) {
        RecordThrow(n_, {"while told of an acceptance at step {}", step});
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
      if (options_.record_trace) result_.trace.Add({step, round, time_, party, *action}, nullptr, nullptr);
      result_.end_reason = EndReason::kEndedByParty;
      Finish();
      return;
    case ActionType::kElicit:
    case ActionType::kReject: break;  // never returned: CheckAlternatingMove refuses them
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
  FitToSpace(replacement_);
  RelayDecision decision;
  try {
    decision = mediators_[0]->Relay(relay, proposal_, replacement_);
  } catch (...) {
    RecordThrow(n_, {"while relaying the offer of step {}", step});
    return;
  }
  switch (decision) {
    case RelayDecision::kForward: Deliver(proposal_, proposal_utilities_, party, party, step, round); return;
    case RelayDecision::kWithhold: return;
    case RelayDecision::kReplace:
      if (!space_.IsValid(replacement_, &why_)) {
        RecordFaultOf(n_, fmt::format("replaced the offer of step {} with an invalid outcome: {}", step, why_));
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
  RecordFaultOf(n_, fmt::format("returned an unknown relay decision at step {}", step));
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

  ObservedAction observed{
      .party = author, .type = ActionType::kOffer, .offer = &live_, .step = step, .round = round, .time = time_};
  TellParties(observed, live_utilities_.data(), skip, {"while observing step {}", step});
}

class Shuttle final : public Protocol {
 public:
  explicit Shuttle(bool disclosed) : disclosed_(disclosed) {}

  std::unique_ptr<NegotiationRun> Start(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                                        const std::vector<Mediator*>& mediators,
                                        const NegotiationOptions& options) override {
    internal::CheckSetup(scenario, negotiators, options);
    internal::CheckMediators(mediators, "shuttle", "a mediator to relay the offers (the first one given leads)");
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
     [](const Spec& spec) { return std::make_unique<Shuttle>(spec.GetBool("disclosed")); }});

}  // namespace
}  // namespace parley
