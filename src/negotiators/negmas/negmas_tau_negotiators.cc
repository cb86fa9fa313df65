// NegMAS's negotiators for its TAU protocol (negmas 0.15.7, commit 5e5c71f): the MAP negotiators of
// negmas.gb.negotiators.cab (CABNegotiator, CANNegotiator, CARNegotiator) and .war (WABNegotiator,
// WARNegotiator, WANNegotiator), an offering policy (gb/components/offering.py) combined with an
// acceptance policy (gb/components/acceptance.py):
//  - CAB offering (CABOfferingPolicy) concedes one outcome per proposal along its own ranking, from
//    the best down through every outcome worth at least its reservation value, and then repeats its
//    last offer; with no such outcome it makes no offer (a walk-away).
//  - WAR offering (WAROfferingPolicy) first "wastes" proposals on the outcomes worth less than its
//    reservation value, the last enumerated first, and then offers as CAB does.
//  - Acceptance, per proposer (NegMAS's thread): B (AcceptBetterRational) accepts a first offer worth
//    at least the reservation value and then only offers strictly better than the last it accepted
//    from that proposer; N (AcceptNotWorseRational) offers at least as good as that (the reservation
//    value before the first); R (AcceptAnyRational) every offer worth at least the reservation value.
// Docs: docs/strategies.md#negmas-tau-negotiators--cab-can-car-wab-war-wan
//
// The ranking is NegMAS's PresortingInverseUtilityFunction with rational_only=True: the outcomes
// worth at least the reservation value sorted best first, ties in reverse enumeration order (numpy's
// argsort, stable for the up to 16 outcomes where it sorts by insertion), then the others in
// enumeration order. Index arithmetic follows outcome_at/utility_at exactly, Python's negative
// indices included: a WAR negotiator with no rational outcome offers every outcome from the last to
// the first, then the first again and onwards, and fails as NegMAS's IndexError does past the end.
//
// Deliberate differences, where Parley cannot do what NegMAS does or NegMAS does not decide:
//  - Beyond 16 rational outcomes numpy's quicksort orders ties arbitrarily; Parley keeps the rule
//    above. On spaces Parley does not enumerate, the ranking is Parley's sample (outcome_ranking.h),
//    and the outcomes below the reservation value come in ascending utility, not enumeration order
//    (NegMAS discretises real issues and switches to an approximate inverter past 10^6 outcomes).
//  - They read their undiscounted utility and constant reservation value (NegMAS's utility functions
//    have neither schedules nor a discount applied by the protocol), except that they never accept
//    an offer below the reservation value at the time when a schedule raises it (a Parley
//    scenario's reservation schedule); without a schedule this is NegMAS's rule unchanged.
//  - Under a protocol that asks for responses separately (tau, amop, majority: Negotiator::VoteOn)
//    they answer there and only propose in Act, as NegMAS's propose does. Under saop, which asks a
//    party only to act, they first respond to the offer on the table with their acceptance policy
//    (the proposer's thread is its party) and accept, or else propose.
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

#include "parley/negotiator.h"
#include "parley/outcome_ranking.h"
#include "parley/utility.h"

namespace parley {
namespace {

enum class Offering { kConceding, kWasting };                // CAB, WAR
enum class Acceptance { kBetter, kNotWorse, kAnyRational };  // B, N, R

class NegmasTauNegotiator final : public Negotiator {
 public:
  NegmasTauNegotiator(Offering offering, Acceptance acceptance) : offering_(offering), acceptance_(acceptance) {}

  void Begin(const NegotiatorContext& context) override;
  ActionType Act(const TurnState& state, Outcome& proposal) override;
  Vote VoteOn(const VoteRequest& request, Outcome& scratch) override;

 private:
  // A position of PresortingInverseUtilityFunction's `outcomes` list: rational ones ascending, then
  // the others in enumeration order.
  void OutcomeAtPosition(std::int64_t position, Outcome& out) const;
  double UtilityAtPosition(std::int64_t position) const;
  void ListIrrational() const;
  // outcome_at / utility_at: rank 0 is the best; false / -infinity past the end.
  bool OutcomeAt(std::int64_t rank, Outcome& out) const;
  double UtilityAt(std::int64_t rank) const;
  std::int64_t PositionOf(std::int64_t rank) const;
  // The offering policies: false for NegMAS's None (no offer).
  bool Propose(Outcome& proposal);
  bool ProposeConceding(Outcome& proposal);
  bool ProposeWasting(Outcome& proposal);
  // Repeats the last offer, if any (CAB's and WAR's return of _last_offer).
  bool Repeat(Outcome& proposal) const;
  // CAB's step at next_rank_, whose outcome `found` says was there (in scratch_): offers and
  // advances, or from now on repeats when it is none or below the reservation value.
  bool ConcedeStep(Outcome& proposal, bool found);
  bool Accepts(const Outcome& offer, std::size_t proposer, double time);

  Offering offering_;
  Acceptance acceptance_;
  const OutcomeSpace* space_ = nullptr;
  const Profile* profile_ = nullptr;
  const OutcomeRanking* ranking_ = nullptr;
  std::size_t party_ = 0;
  std::uint64_t max_rounds_ = 0;
  double reservation_value_ = 0.0;
  std::int64_t outcome_count_ = 0;   // NegMAS's n_outcomes
  std::int64_t first_rational_ = 0;  // the ranking's rank of the worst rational outcome
  std::int64_t last_rational_ = -1;  // the position of the best rational outcome
  // The outcomes below the reservation value, listed when first needed: enumeration indices
  // (enumerable spaces) or ranking ranks (sampled spaces).
  mutable bool irrational_listed_ = false;
  mutable std::vector<OutcomeIndex> irrational_;
  mutable std::vector<std::size_t> irrational_ranks_;
  bool exhaustive_ = true;
  // Offering state (CABOfferingPolicy / WAROfferingPolicy).
  std::int64_t next_rank_ = 0;
  std::int64_t irrational_rank_ = 0;
  bool wasting_ = true;
  bool repeating_ = false;
  std::optional<Outcome> last_offer_;
  Outcome scratch_;
  // Acceptance state: the utility of the last offer accepted in each proposer's thread.
  std::map<std::size_t, double> accepted_;
  bool asked_to_respond_ = false;
};

void NegmasTauNegotiator::Begin(const NegotiatorContext& context) {
  space_ = context.space;
  profile_ = context.profile;
  party_ = context.party;
  max_rounds_ = context.max_rounds;
  reservation_value_ = profile_->reservation_value();
  ranking_ = &profile_->utility_function().ranking();
  exhaustive_ = ranking_->exhaustive();
  const std::int64_t ranked = static_cast<std::int64_t>(ranking_->size());
  first_rational_ = static_cast<std::int64_t>(ranking_->LowestAtLeast(reservation_value_));
  last_rational_ = ranked - first_rational_ - 1;
  irrational_.clear();
  irrational_ranks_.clear();
  irrational_listed_ = false;
  outcome_count_ = ranked;
  next_rank_ = 0;
  irrational_rank_ = outcome_count_ - 1;
  wasting_ = true;
  repeating_ = false;
  last_offer_.reset();
  scratch_ = Outcome(space_->issue_count());
  accepted_.clear();
  asked_to_respond_ = false;
}

std::int64_t NegmasTauNegotiator::PositionOf(std::int64_t rank) const {
  if (rank <= last_rational_) {
    const std::int64_t position = last_rational_ - rank;
    // NegMAS indexes a Python list here; past its end that is an IndexError.
    if (position >= outcome_count_) throw std::out_of_range("list index out of range (NegMAS's outcome_at)");
    return position;
  }
  return rank;
}

void NegmasTauNegotiator::ListIrrational() const {
  if (irrational_listed_) return;
  irrational_listed_ = true;
  if (!exhaustive_) {
    for (std::int64_t rank = 0; rank < first_rational_; ++rank) irrational_ranks_.push_back(rank);
    return;
  }
  Outcome outcome(space_->issue_count());
  for (OutcomeIndex index = 0; index < static_cast<OutcomeIndex>(outcome_count_); ++index) {
    space_->Decode(index, outcome);
    if (profile_->Utility(outcome) < reservation_value_) irrational_.push_back(index);
  }
}

void NegmasTauNegotiator::OutcomeAtPosition(std::int64_t position, Outcome& out) const {
  if (position <= last_rational_) {
    ranking_->CopyOutcome(static_cast<std::size_t>(first_rational_ + position), out);
    return;
  }
  ListIrrational();
  const std::size_t k = static_cast<std::size_t>(position - last_rational_ - 1);
  if (exhaustive_) {
    space_->Decode(irrational_[k], out);
  } else {
    ranking_->CopyOutcome(irrational_ranks_[k], out);
  }
}

double NegmasTauNegotiator::UtilityAtPosition(std::int64_t position) const {
  if (position <= last_rational_) return ranking_->utility(static_cast<std::size_t>(first_rational_ + position));
  Outcome outcome(space_->issue_count());
  OutcomeAtPosition(position, outcome);
  return profile_->Utility(outcome);
}

bool NegmasTauNegotiator::OutcomeAt(std::int64_t rank, Outcome& out) const {
  if (rank >= outcome_count_) return false;
  OutcomeAtPosition(PositionOf(rank), out);
  return true;
}

double NegmasTauNegotiator::UtilityAt(std::int64_t rank) const {
  if (rank >= outcome_count_) return -std::numeric_limits<double>::infinity();
  return UtilityAtPosition(PositionOf(rank));
}

bool NegmasTauNegotiator::Propose(Outcome& proposal) {
  return offering_ == Offering::kConceding ? ProposeConceding(proposal) : ProposeWasting(proposal);
}

bool NegmasTauNegotiator::Repeat(Outcome& proposal) const {
  if (last_offer_) proposal = *last_offer_;
  return last_offer_.has_value();
}

bool NegmasTauNegotiator::ConcedeStep(Outcome& proposal, bool found) {
  if (!found || UtilityAt(next_rank_) < reservation_value_) {
    repeating_ = true;
    return Repeat(proposal);
  }
  ++next_rank_;
  last_offer_ = scratch_;
  proposal = scratch_;
  return true;
}

bool NegmasTauNegotiator::ProposeConceding(Outcome& proposal) {
  if (repeating_ || next_rank_ >= outcome_count_) return Repeat(proposal);
  return ConcedeStep(proposal, OutcomeAt(next_rank_, scratch_));
}

bool NegmasTauNegotiator::ProposeWasting(Outcome& proposal) {
  if (repeating_ || (!wasting_ && next_rank_ >= outcome_count_)) return Repeat(proposal);
  if (!wasting_) return ConcedeStep(proposal, OutcomeAt(next_rank_, scratch_));
  if (OutcomeAt(irrational_rank_, scratch_) && UtilityAt(irrational_rank_) < reservation_value_) {
    --irrational_rank_;
    proposal = scratch_;
    return true;
  }
  // The first rational outcome (or none): from here on it offers as CAB does, starting now.
  wasting_ = false;
  return ConcedeStep(proposal, OutcomeAt(next_rank_, scratch_));
}

bool NegmasTauNegotiator::Accepts(const Outcome& offer, std::size_t proposer, double time) {
  const double utility = profile_->Utility(offer);
  if (utility < profile_->ReservationValueAt(time, max_rounds_)) return false;
  if (acceptance_ == Acceptance::kAnyRational) return utility >= reservation_value_;
  const auto accepted = accepted_.find(proposer);
  // NegMAS's utility of "nothing accepted yet" (None) is the reservation value.
  const double standing = accepted == accepted_.end() ? reservation_value_ : accepted->second;
  const bool accepts = acceptance_ == Acceptance::kNotWorse
                           ? utility >= standing
                           : utility > standing || (accepted == accepted_.end() && utility >= standing);
  if (accepts) accepted_[proposer] = utility;
  return accepts;
}

ActionType NegmasTauNegotiator::Act(const TurnState& state, Outcome& proposal) {
  if (!asked_to_respond_ && state.current_offer && state.offerer != party_ &&
      Accepts(*state.current_offer, state.offerer, state.time)) {
    return ActionType::kAccept;
  }
  return Propose(proposal) ? ActionType::kOffer : ActionType::kEndNegotiation;
}

Vote NegmasTauNegotiator::VoteOn(const VoteRequest& request, Outcome& /*scratch*/) {
  asked_to_respond_ = true;
  if (request.turn.offerer == party_) return Vote::kAccept;
  return Accepts(*request.turn.current_offer, request.turn.offerer, request.turn.time) ? Vote::kAccept : Vote::kVeto;
}

bool Register(const char* name, const char* description, Offering offering, Acceptance acceptance) {
  return NegotiatorRegistry::Add({name, description, {}, [offering, acceptance](const Spec&) {
                                    return std::make_unique<NegmasTauNegotiator>(offering, acceptance);
                                  }});
}

const bool kRegistered =
    Register("negmas-cab",
             "NegMAS's CABNegotiator for TAU: concedes one outcome per proposal down to its reservation value, then "
             "repeats; accepts a first rational offer, then only strictly better ones from the same proposer.",
             Offering::kConceding, Acceptance::kBetter) &&
    Register("negmas-can",
             "NegMAS's CANNegotiator for TAU: CAB's concession; accepts an offer at least as good as the last it "
             "accepted from the same proposer (first: its reservation value).",
             Offering::kConceding, Acceptance::kNotWorse) &&
    Register("negmas-car",
             "NegMAS's CARNegotiator for TAU: CAB's concession; accepts every offer worth its reservation value.",
             Offering::kConceding, Acceptance::kAnyRational) &&
    Register("negmas-wab",
             "NegMAS's WABNegotiator for TAU: offers the outcomes below its reservation value first, then concedes "
             "as CAB; accepts as CAB.",
             Offering::kWasting, Acceptance::kBetter) &&
    Register("negmas-war",
             "NegMAS's WARNegotiator for TAU: offers the outcomes below its reservation value first, then concedes "
             "as CAB; accepts every offer worth its reservation value.",
             Offering::kWasting, Acceptance::kAnyRational) &&
    Register("negmas-wan",
             "NegMAS's WANNegotiator for TAU: offers the outcomes below its reservation value first, then concedes "
             "as CAB; accepts as CAN.",
             Offering::kWasting, Acceptance::kNotWorse);

}  // namespace
}  // namespace parley
