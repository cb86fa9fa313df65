// Stacked alternating offers (SAOP), as in GENIUS's multilateral protocol and NegMAS's
// SAOMechanism: parties take turns in a fixed order; on its turn a party accepts the offer on the
// table, replaces it with its own offer, or ends the negotiation. An offer is agreed when every
// other party has accepted it in turn. Time is normalised: with a deadline of R rounds and N
// parties, turn s happens at t = s / (R N); with a wall-clock limit L, at elapsed / L; with both,
// the later of the two. At the deadline with no agreement every party gets its reservation value
// at t = 1, discounted.
#include <fmt/format.h>

#include "parley/error.h"
#include "parley/protocol.h"
#include "protocols/run_support.h"

namespace parley {
namespace {

class SaopRun final : public internal::RunBase {
 public:
  SaopRun(const Scenario& scenario, const std::vector<Negotiator*>& negotiators, const NegotiationOptions& options)
      : RunBase(scenario, negotiators, options, scenario.party_count(), scenario.party_count()),
        current_(space_.issue_count()),
        proposal_(space_.issue_count()),
        current_utilities_(n_, 0.0) {
    if (result_.fault) Finish();
  }

  const Outcome* current_offer() const override { return has_offer_ ? &current_ : nullptr; }

  void Step() override {
    for (std::size_t turn = 0; turn < n_ && !done_; ++turn) Turn();
  }

 private:
  void Turn();

  Outcome current_;
  Outcome proposal_;
  std::vector<double> current_utilities_;
  bool has_offer_ = false;
  std::size_t offerer_ = 0;
  std::size_t acceptances_ = 0;
};

void SaopRun::Turn() {
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
  state.current_offer = has_offer_ ? &current_ : nullptr;
  state.offerer = offerer_;
  state.acceptances = acceptances_;
  state.current_offer_utility = has_offer_ ? current_utilities_[party] : 0.0;

  // The buffer is shared by every party's turn; a negotiator may have resized it.
  if (proposal_.size() != space_.issue_count()) proposal_ = Outcome(space_.issue_count());
  ActionType action;
  try {
    action = negotiators_[party]->Act(state, proposal_);
  } catch (...) {
    internal::RecordFault(result_, party,
                          fmt::format("threw during its turn at step {}: {}", step_, internal::DescribeCurrentException()),
                          time_);
    Finish();
    return;
  }
  const std::uint64_t step = step_++;

  bool agreed = false;
  switch (action) {
    case ActionType::kOffer:
      if (!space_.IsValid(proposal_, &why_)) {
        internal::RecordFault(result_, party, fmt::format("proposed an invalid outcome at step {}: {}", step, why_),
                              time_);
        break;
      }
      current_ = proposal_;
      for (std::size_t p = 0; p < n_; ++p) current_utilities_[p] = scenario_.profile(p).Utility(current_);
      has_offer_ = true;
      offerer_ = party;
      acceptances_ = 0;
      break;
    case ActionType::kAccept:
      if (!has_offer_) {
        internal::RecordFault(result_, party,
                              fmt::format("accepted at step {} when no offer was on the table", step), time_);
        break;
      }
      agreed = ++acceptances_ == n_ - 1;
      break;
    case ActionType::kEndNegotiation:
      break;
    default:
      internal::RecordFault(result_, party, fmt::format("returned an unknown action at step {}", step), time_);
      break;
  }
  if (result_.fault) {
    Finish();
    return;
  }

  const bool ended = action == ActionType::kEndNegotiation;
  if (options_.record_trace) {
    result_.trace.Add({step, round, time_, party, action}, ended ? nullptr : &current_,
                      ended ? nullptr : current_utilities_.data());
  }

  ObservedAction observed;
  observed.party = party;
  observed.type = action;
  observed.offer = ended ? nullptr : &current_;
  observed.step = step;
  observed.round = round;
  observed.time = time_;
  for (std::size_t p = 0; p < n_; ++p) {
    if (p == party) continue;
    observed.offer_utility = ended ? 0.0 : current_utilities_[p];
    try {
      negotiators_[p]->Observe(observed);
    } catch (...) {
      internal::RecordFault(
          result_, p,
          fmt::format("threw while observing step {}: {}", step, internal::DescribeCurrentException()), time_);
      Finish();
      return;
    }
  }

  if (agreed) {
    result_.end_reason = EndReason::kAgreement;
    result_.agreement = current_;
    Finish();
  } else if (ended) {
    result_.end_reason = EndReason::kEndedByParty;
    Finish();
  }
}

class StackedAlternatingOffers final : public Protocol {
 public:
  std::unique_ptr<NegotiationRun> Start(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                                        const std::vector<Mediator*>& mediators,
                                        const NegotiationOptions& options) override {
    internal::CheckSetup(scenario, negotiators, options);
    if (!mediators.empty()) {
      throw UsageError("stacked alternating offers has no mediators; use the shuttle or single-text protocol");
    }
    return std::make_unique<SaopRun>(scenario, negotiators, options);
  }
};

const bool kRegistered = ProtocolRegistry::Add(
    {"saop",
     "Stacked alternating offers: parties take turns to accept, counter-offer or walk away; an offer is agreed "
     "when every other party has accepted it in turn.",
     {},
     [](const Spec&) { return std::make_unique<StackedAlternatingOffers>(); }});

}  // namespace
}  // namespace parley
