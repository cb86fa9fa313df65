// The run shared by GENIUS's voting protocols (voting_rounds.h). A GENIUS round is one phase: with a
// deadline of R rounds the phases are bidding, voting, bidding, ... R in all, and every move of
// 1-based phase r happens at t = r / (R + 1), as GENIUS's DiscreteTimeline counts them; with a
// wall-clock limit the deadline is checked before every move and a phase it interrupts does not
// count (GENIUS's SessionManager drops the unfinished round).
#include "protocols/voting_rounds.h"

#include <algorithm>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "parley/error.h"
#include "protocols/run_support.h"

namespace parley::internal {
namespace {

class VotingRoundsRun final : public RunBase {
 public:
  VotingRoundsRun(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                  const NegotiationOptions& options, VotingRule rule)
      // One phase per Step(); a bidding phase records n entries, a voting phase n * n.
      : RunBase(scenario, negotiators, options, 1, scenario.party_count() * scenario.party_count()),
        rule_(rule),
        bids_(scenario.party_count(), Outcome(space_.issue_count())),
        bid_utilities_(n_ * n_, 0.0),
        accepts_(n_, 0),
        table_utilities_(n_, 0.0),
        standing_(space_.issue_count()) {
    if (result_.fault) Finish();
  }

  // The offer that would bind now: the standing offer under majority; under unanimity none
  // before the agreement.
  const Outcome* current_offer() const override {
    if (result_.agreement) return &*result_.agreement;
    return rule_ == VotingRule::kMajority && standing_votes_ > 0 ? &standing_ : nullptr;
  }

 private:
  std::uint64_t ClockPosition() const override { return phase_; }
  std::uint64_t RoundsPlayed() const override { return phases_begun_; }
  void EndAtDeadline() override;
  void Move() override;

  bool IsVotingPhase() const { return phase_ % 2 == 1; }
  // With a wall-clock limit, whether it has passed before the next move of this phase (the run is
  // then finished). A deadline in rounds falls between phases and is checked by Move().
  bool DeadlineBeforeMove();
  // A phase's moves; false when the run ended during it.
  bool BiddingPhase();
  bool VotingPhase();
  // Ends the run with `offer` agreed.
  void Agree(const Outcome& offer);
  const double* BidUtilities(std::size_t k) const { return bid_utilities_.data() + k * n_; }

  VotingRule rule_;
  std::vector<Outcome> bids_;          // this bidding phase's offers, by party
  std::vector<double> bid_utilities_;  // bid k's utility for party p at k * n_ + p
  std::vector<std::size_t> accepts_;   // votes for each bid so far in this voting phase
  const Outcome* table_ = nullptr;     // the last offer made, shown to the next bidder
  std::size_t table_maker_ = 0;
  std::vector<double> table_utilities_;
  Outcome standing_;  // majority: the offer with the most votes so far
  std::size_t standing_votes_ = 0;
  bool last_phase_was_voting_ = false;  // whether the last completed phase was a voting phase
  std::uint64_t phase_ = 0;             // the phase in progress, 0-based
  std::uint64_t phases_begun_ = 0;
};

void VotingRoundsRun::Move() {
  if (ReachedDeadline()) return;
  ++phases_begun_;
  const bool completed = IsVotingPhase() ? VotingPhase() : BiddingPhase();
  if (!completed) return;
  last_phase_was_voting_ = IsVotingPhase();
  ++phase_;
  // Finish as soon as the deadline has passed rather than on the next Step, so that a runner
  // sharing the clock sees the negotiation done.
  ReachedDeadline();
}

bool VotingRoundsRun::DeadlineBeforeMove() {
  if (options_.time_limit_seconds <= 0.0) return false;
  return ReachedDeadline();
}

bool VotingRoundsRun::BiddingPhase() {
  for (std::size_t party = 0; party < n_; ++party) {
    if (party > 0 && DeadlineBeforeMove()) return false;
    const std::optional<ActionType> action =
        AskParty(party, phase_, table_, table_maker_, 0, table_utilities_, {"during its bid at step {}", step_});
    if (!action) return false;
    const std::uint64_t step = step_++;
    if (!CheckAlternatingMove(party, step, *action, table_ != nullptr)) return false;
    if (*action == ActionType::kEndNegotiation) {
      if (options_.record_trace) result_.trace.Add({step, phase_, time_, party, *action}, nullptr, nullptr);
      ObservedAction observed{
          .party = party, .type = *action, .offer = nullptr, .step = step, .round = phase_, .time = time_};
      // An observer that throws is at fault, and the negotiation ends with its fault instead.
      if (TellParties(observed, nullptr, party, {"while observing step {}", step})) {
        result_.end_reason = EndReason::kEndedByParty;
      }
      Finish();
      return false;
    }
    // Accepting the offer on the table puts it forward again: the bidding phase takes only offers.
    bids_[party] = *action == ActionType::kOffer ? proposal_ : *table_;
    double* utilities = bid_utilities_.data() + party * n_;
    for (std::size_t p = 0; p < n_; ++p) utilities[p] = scenario_.profile(p).Utility(bids_[party]);
    table_ = &bids_[party];
    table_maker_ = party;
    table_utilities_.assign(utilities, utilities + n_);
    if (options_.record_trace) result_.trace.Add({step, phase_, time_, party, ActionType::kOffer}, table_, utilities);
    ObservedAction observed{
        .party = party, .type = ActionType::kOffer, .offer = table_, .step = step, .round = phase_, .time = time_};
    if (!TellParties(observed, utilities, party, {"while observing step {}", step})) {
      Finish();
      return false;
    }
  }
  return true;
}

bool VotingRoundsRun::VotingPhase() {
  std::fill(accepts_.begin(), accepts_.end(), 0);
  for (std::size_t ballot = 0; ballot < n_; ++ballot) {
    const double* utilities = BidUtilities(ballot);
    for (std::size_t voter = 0; voter < n_; ++voter) {
      if ((ballot > 0 || voter > 0) && DeadlineBeforeMove()) return false;
      const VoteRequest request{.turn = {.step = step_,
                                         .round = phase_,
                                         .time = time_,
                                         .current_offer = &bids_[ballot],
                                         .offerer = ballot,
                                         .acceptances = accepts_[ballot],
                                         .current_offer_utility = utilities[voter]},
                                .voter = voter,
                                .ballot = ballot,
                                .ballots = n_};
      Vote vote;
      if (!CastVote(request, utilities, {"while voting at step {}", step_}, vote)) return false;
      if (vote != Vote::kAccept) continue;
      // GENIUS decides after every vote, so the first offer to gather enough votes wins and the
      // remaining votes are never cast.
      const std::size_t votes = ++accepts_[ballot];
      if (rule_ == VotingRule::kMajority && votes > standing_votes_) {
        standing_ = bids_[ballot];
        standing_votes_ = votes;
      }
      if (votes == n_) {
        Agree(bids_[ballot]);
        return false;
      }
    }
  }
  return true;
}

void VotingRoundsRun::Agree(const Outcome& offer) {
  result_.end_reason = EndReason::kAgreement;
  result_.agreement = offer;
  Finish();
}

void VotingRoundsRun::EndAtDeadline() {
  // GENIUS asks for the agreement only after a voting round: when the deadline falls after a
  // bidding round (or cuts a voting round short), the standing offer does not bind.
  if (rule_ == VotingRule::kMajority && standing_votes_ > 0 && last_phase_was_voting_) {
    Agree(standing_);
    return;
  }
  RunBase::EndAtDeadline();
}

}  // namespace

std::unique_ptr<NegotiationRun> StartVotingRounds(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                                                  const std::vector<Mediator*>& mediators,
                                                  const NegotiationOptions& options, VotingRule rule,
                                                  std::string_view protocol) {
  CheckSetup(scenario, negotiators, options);
  if (!mediators.empty()) throw UsageError(fmt::format("the {} protocol has no mediators", protocol));
  return std::make_unique<VotingRoundsRun>(scenario, negotiators, options, rule);
}

}  // namespace parley::internal
