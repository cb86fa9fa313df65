// Stacked alternating offers (SAOP), as in GENIUS's multilateral protocol and NegMAS's
// SAOMechanism: parties take turns in a fixed order; on its turn a party accepts the offer on the
// table, replaces it with its own offer, or ends the negotiation. An offer is agreed when every
// other party has accepted it in turn. Time is GENIUS's: with a deadline of R rounds every turn of
// 1-based round r happens at t = r / (R + 1), and a negotiation that runs out ends at R / (R + 1);
// with a wall-clock limit L, at elapsed / L; with both, the later of the two. At the deadline with
// no agreement every party gets its reservation value at the end time, discounted. The rules and
// where they come from in GENIUS: docs/negotiation.md#stacked-alternating-offers-saop
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "parley/error.h"
#include "parley/protocol.h"
#include "protocols/run_support.h"

namespace parley {
namespace {

class SaopRun final : public internal::RunBase {
 public:
  SaopRun(const Scenario& scenario, const std::vector<Negotiator*>& negotiators, const NegotiationOptions& options,
          internal::ElicitationRule elicitation)
      : RunBase(scenario, negotiators, options, scenario.party_count(), scenario.party_count(), elicitation),
        current_(space_.issue_count()),
        current_utilities_(n_, 0.0) {
    if (result_.fault) Finish();
  }

  const Outcome* current_offer() const override { return has_offer_ ? &current_ : nullptr; }

 private:
  // A party's turn.
  void Move() override;

  Outcome current_;
  std::vector<double> current_utilities_;
  bool has_offer_ = false;
  std::size_t offerer_ = 0;
  std::size_t acceptances_ = 0;
};

void SaopRun::Move() {
  const std::uint64_t round = step_ / n_;
  const std::size_t party = step_ % n_;
  if (ReachedDeadline()) return;
  const std::optional<ActionType> action = AskParty(party, round, current_offer(), offerer_, acceptances_,
                                                    current_utilities_, {"during its turn at step {}", step_});
  if (!action) return;
  const std::uint64_t step = step_++;
  if (!CheckAlternatingMove(party, step, *action, has_offer_)) return;

  bool agreed = false;
  if (*action == ActionType::kOffer) {
    current_ = proposal_;
    for (std::size_t p = 0; p < n_; ++p) current_utilities_[p] = scenario_.profile(p).Utility(current_);
    has_offer_ = true;
    offerer_ = party;
    acceptances_ = 0;
  } else if (*action == ActionType::kAccept) {
    agreed = ++acceptances_ == n_ - 1;
  }

  const bool ended = *action == ActionType::kEndNegotiation;
  if (options_.record_trace) {
    result_.trace.Add({step, round, time_, party, *action}, ended ? nullptr : &current_,
                      ended ? nullptr : current_utilities_.data());
  }

  ObservedAction observed{.party = party,
                          .type = *action,
                          .offer = ended ? nullptr : &current_,
                          .step = step,
                          .round = round,
                          .time = time_};
  if (!TellParties(observed, ended ? nullptr : current_utilities_.data(), party, {"while observing step {}", step})) {
    Finish();
    return;
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
  explicit StackedAlternatingOffers(double elicitation_cost) : elicitation_cost_(elicitation_cost) {}

  std::unique_ptr<NegotiationRun> Start(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                                        const std::vector<Mediator*>& mediators,
                                        const NegotiationOptions& options) override {
    using Kind = internal::ElicitationRule::Kind;
    return internal::StartAlternatingOffers(scenario, negotiators, mediators, options,
                                            {elicitation_cost_ > 0.0 ? Kind::kRank : Kind::kNone, elicitation_cost_});
  }
  bool AllowsElicitation() const override { return elicitation_cost_ > 0.0; }

 private:
  double elicitation_cost_;
};

const bool kRegistered = ProtocolRegistry::Add(
    {"saop",
     "Stacked alternating offers: parties take turns to accept, counter-offer or walk away; an offer is agreed "
     "when every other party has accepted it in turn.",
     {{"elicitation_cost", "0",
       "when above 0, a party may ask during its turn where an outcome ranks (GENIUS 10.4's elicitRank), paying "
       "this for each outcome not ranked yet"}},
     [](const Spec& spec) {
       return std::make_unique<StackedAlternatingOffers>(internal::ElicitationCost(spec, "saop"));
     }});

}  // namespace

namespace internal {

double ElicitationCost(const Spec& spec, std::string_view protocol) {
  const double cost = spec.GetDouble("elicitation_cost");
  if (!(cost >= 0.0) || !std::isfinite(cost)) {
    throw UsageError(fmt::format("{}: elicitation_cost must be a number >= 0, found {}", protocol, cost));
  }
  return cost;
}

std::unique_ptr<NegotiationRun> StartAlternatingOffers(const Scenario& scenario,
                                                       const std::vector<Negotiator*>& negotiators,
                                                       const std::vector<Mediator*>& mediators,
                                                       const NegotiationOptions& options, ElicitationRule elicitation) {
  CheckSetup(scenario, negotiators, options);
  if (!mediators.empty()) {
    throw UsageError("stacked alternating offers has no mediators; use the shuttle or single-text protocol");
  }
  return std::make_unique<SaopRun>(scenario, negotiators, options, elicitation);
}

}  // namespace internal
}  // namespace parley
