// What every protocol does the same way: starting negotiators with their derived seeds, telling
// time, turning a negotiator's exception into a recorded fault, settling the final utilities,
// and telling every negotiator the result. Protocols share these so that their results mean the
// same thing.
#ifndef PARLEY_PROTOCOLS_RUN_SUPPORT_H_
#define PARLEY_PROTOCOLS_RUN_SUPPORT_H_

#include <chrono>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "parley/mediator.h"
#include "parley/protocol.h"
#include "parley/spec.h"
#include "protocols/truthful_oracle.h"

namespace parley::internal {

// The message of the exception in flight (for catch (...) blocks).
std::string DescribeCurrentException();

// Normalised time as GENIUS's DiscreteTimeline counts it: with a deadline of R rounds every move
// of 1-based round r happens at r / (R + 1), and a negotiation that runs out ends at R / (R + 1).
// With a wall-clock limit L: elapsed / L, ending at 1. With both: the larger of the two.
class NegotiationClock {
 public:
  NegotiationClock(const NegotiationOptions& options, std::size_t steps_per_round);
  double elapsed_seconds() const;
  // Time of move `step` (counted from 0, steps_per_round moves a round); sets `past_deadline`
  // when the deadline has been reached before it, and then returns the time the negotiation ends.
  double TimeOfStep(std::uint64_t step, bool& past_deadline) const;
  std::uint64_t rounds() const { return rounds_; }

 private:
  std::chrono::steady_clock::time_point start_;
  std::uint64_t rounds_;
  double time_limit_;
  double total_rounds_;  // R + 1, GENIUS's totalRounds
  std::size_t steps_per_round_;
};

// Throws UsageError unless there is one negotiator per party of the scenario and a deadline (in
// rounds, wall-clock time or both): the checks every protocol's Start makes.
void CheckSetup(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                const NegotiationOptions& options);

// Throws UsageError unless a mediated protocol has its mediators, none of them null: "the
// <protocol> protocol needs <needed>" when there is none.
void CheckMediators(const std::vector<Mediator*>& mediators, std::string_view protocol, std::string_view needed);

// A stacked alternating offers run (saop.cc) under `elicitation`'s rule: "saop", and "shaop",
// which is SAOP with comparison requests. Checks the setup as Protocol::Start does.
std::unique_ptr<NegotiationRun> StartAlternatingOffers(const Scenario& scenario,
                                                       const std::vector<Negotiator*>& negotiators,
                                                       const std::vector<Mediator*>& mediators,
                                                       const NegotiationOptions& options, ElicitationRule elicitation);
// A protocol's `elicitation_cost` parameter; UsageError "<protocol>: elicitation_cost must be a
// number >= 0, found <x>" otherwise.
double ElicitationCost(const Spec& spec, std::string_view protocol);

// Calls Begin on each negotiator with its seed (SeedOfParty) and its oracle (oracles[p], when
// given). Returns how many were begun; on an exception records the fault in `result` and stops.
std::size_t BeginNegotiators(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                             const NegotiationOptions& options, NegotiationResult& result,
                             std::span<PreferenceOracle* const> oracles = {});

// Party `party`'s seed: options.party_seeds[party] when given, else DeriveSeed(options.seed, {party}).
std::uint64_t SeedOfParty(const NegotiationOptions& options, std::size_t party);

// Records a fault: the negotiation ends now, without agreement.
void RecordFault(NegotiationResult& result, std::size_t party, std::string message, double time);

// Records a fault of mediator `mediator` under party index party_count + mediator, with a message
// naming it ("mediator 1 <message>").
void RecordMediatorFault(NegotiationResult& result, std::size_t party_count, std::size_t mediator,
                         std::string_view message, double time);

// Calls Begin on each mediator with seed DeriveSeed(options.seed, {1000 + m}) and its own
// interests from options.mediator_interests; with `disclosed` every mediator is given every
// party's profile, otherwise none. On an exception records that mediator's fault in `result`,
// stops and returns false.
bool BeginMediators(const Scenario& scenario, const std::vector<Mediator*>& mediators,
                    const NegotiationOptions& options, bool disclosed, NegotiationResult& result);

// Fills the final utilities: a party in one of result.coalitions gets its discounted utility of
// the coalition's outcome at the coalition's time; otherwise, with an agreement, its discounted
// utility of it at `result.time`, without one its reservation value at that time (following its
// schedule), discounted. Sets steps, rounds and elapsed time as given.
void SettleUtilities(const Scenario& scenario, NegotiationResult& result, std::uint64_t rounds_deadline);

// Tells the first `begun` negotiators the result, ignoring their failures (the result is final).
void FinishNegotiators(const std::vector<Negotiator*>& negotiators, std::size_t begun, const NegotiationResult& result);

// What every protocol's run holds and does alike: the scenario, negotiators, mediators, options,
// clock and result; done(), result(), Stop() at the time of the next move, and Finish(), which
// settles the utilities and tells the negotiators; and the moves every protocol makes the same
// way: checking the deadline, asking a party for its action, telling parties what happened and
// recording who failed. A protocol derives from it and plays its rounds by its own rules.
class RunBase : public NegotiationRun {
 public:
  bool done() const override { return done_; }
  // Plays a round: steps_per_round moves (Move()), fewer if the run ends first.
  void Step() override;
  const NegotiationResult& result() const override { return result_; }
  NegotiationResult TakeResult() override { return std::move(result_); }
  void Stop(std::string why) override;

 protected:
  // A round has `steps_per_round` moves: a turn of each party, or one text and its answers. Reserves
  // the trace for `trace_steps_per_round` entries a round and begins the negotiators, each with a
  // truthful oracle when `elicitation` allows questions; the derived run calls Finish() if that
  // recorded a fault (after its own set-up).
  RunBase(const Scenario& scenario, const std::vector<Negotiator*>& negotiators, const NegotiationOptions& options,
          std::size_t steps_per_round, std::size_t trace_steps_per_round, ElicitationRule elicitation = {});

  // Keeps the mediators of a mediated protocol and begins them (internal::BeginMediators) unless
  // a negotiator already failed to start; the derived run then calls Finish() on a fault.
  void BeginMediators(const std::vector<Mediator*>& mediators, bool disclosed);

  // Plays one move by the protocol's rules; called only while the run is not done.
  virtual void Move() = 0;
  // Where the clock stands for the next move (a step, or a round for one-move-per-round
  // protocols), so that Stop() ends the run at the time that move would have had.
  virtual std::uint64_t ClockPosition() const { return step_; }
  // The rounds to report: rounds begun, by default.
  virtual std::uint64_t RoundsPlayed() const { return (step_ + n_ - 1) / n_; }
  // How the run ends at its deadline: without agreement, unless the protocol says otherwise.
  virtual void EndAtDeadline();
  void Finish();

  // Sets time_ to the time of the move at ClockPosition(); when the deadline has come, ends the
  // run (EndAtDeadline) and returns true.
  bool ReachedDeadline();

  // When something happened, for a fault's message: a phrase with one {} for the step or round
  // `at` ("during its turn at step {}"). Formatted only when there is a fault.
  struct Moment {
    fmt::format_string<std::uint64_t> text;
    std::uint64_t at;
  };

  // Asks `party` to act at the current step of round `round`, with `offer` (or nullptr) on the
  // table, made by `offerer` and accepted by `acceptances` parties so far, and worth
  // utilities[party] to it. Its offer, if any, is left in proposal_. The questions it asked its
  // oracle during the turn are recorded in the trace first. When it throws, records the fault
  // ("threw <when>: <what>"), finishes the run and returns nothing.
  std::optional<ActionType> AskParty(std::size_t party, std::uint64_t round, const Outcome* offer, std::size_t offerer,
                                     std::size_t acceptances, const std::vector<double>& utilities, Moment when);

  // Asks request.voter for its vote on the offer of `request` (which must be at the current step)
  // and takes it as a step: an acceptance or a rejection in the trace, with each party's utility
  // utilities[p] of the offer, shown to every other party. Leaves the vote in `vote` and returns
  // true, or, when the voter throws (the fault "threw <when>: <what>") or an observer throws,
  // records the fault, finishes the run and returns false.
  bool CastVote(const VoteRequest& request, const double* utilities, Moment when, Vote& vote);

  // A party's move in the alternating-offers protocols (SAOP, shuttle), taken at `step`: an offer
  // (in proposal_) must be a valid outcome, an acceptance needs an offer on the table, and the
  // action must be one of the three. Otherwise records the fault, finishes and returns false.
  bool CheckAlternatingMove(std::size_t party, std::uint64_t step, ActionType action, bool offer_on_table);
  // CheckAlternatingMove's failure: records the fault, finishes, returns false.
  bool FailMove(std::size_t party, std::uint64_t step, ActionType action);

  // Shows `observed` to every party but `skip` (n_ for none), each with its own utilities[p] of
  // the offer (0 when `utilities` is null). When one throws, records its fault ("threw <when>:
  // <what>") and returns false without telling the others; the run is not finished.
  bool TellParties(ObservedAction& observed, const double* utilities, std::size_t skip, Moment when);

  // Records a fault of `actor` (a party, or n_ + m for mediator m, whose message then names it)
  // at time_. Neither finishes the run.
  void RecordFaultOf(std::size_t actor, std::string message);
  // For catch blocks: the fault "threw <when>: <the exception's message>".
  void RecordThrow(std::size_t actor, Moment when);

  // Ends `party`'s turn with its oracle, recording the questions of the turn at the current step.
  void CloseOracle(TruthfulOracle& oracle, std::size_t party, std::uint64_t round) {
    oracle.CloseTurn(options_.record_trace ? &result_.trace : nullptr,
                     {step_, round, time_, party, ActionType::kElicit});
  }

  // A buffer handed to a negotiator or mediator to write an outcome into, back to the size of the
  // space in case an earlier writer resized it.
  void FitToSpace(Outcome& buffer) const;

  const Scenario& scenario_;
  const OutcomeSpace& space_;
  std::vector<Negotiator*> negotiators_;  // behind their perceived profiles (options.knowledge)
  std::vector<std::unique_ptr<Negotiator>> perceivers_;
  std::vector<Mediator*> mediators_;  // the lead first; none in unmediated protocols
  NegotiationOptions options_;
  std::size_t n_;
  std::size_t moves_per_round_;
  NegotiationClock clock_;
  NegotiationResult result_;
  std::size_t begun_ = 0;
  bool done_ = false;
  std::uint64_t step_ = 0;
  double time_ = 0.0;
  Outcome proposal_;                                      // where parties write their offers, shared by every turn
  std::string why_;                                       // scratch for validity messages
  std::vector<std::unique_ptr<TruthfulOracle>> oracles_;  // one per party when elicitation is allowed
};

// Inline: these run on every turn, and in a final run ClockPosition() then resolves statically.

inline bool RunBase::ReachedDeadline() {
  bool past_deadline = false;
  time_ = clock_.TimeOfStep(ClockPosition(), past_deadline);
  if (past_deadline) EndAtDeadline();
  return past_deadline;
}

inline std::optional<ActionType> RunBase::AskParty(std::size_t party, std::uint64_t round, const Outcome* offer,
                                                   std::size_t offerer, std::size_t acceptances,
                                                   const std::vector<double>& utilities, Moment when) {
  const TurnState state{.step = step_,
                        .round = round,
                        .time = time_,
                        .current_offer = offer,
                        .offerer = offerer,
                        .acceptances = acceptances,
                        .current_offer_utility = offer ? utilities[party] : 0.0};
  FitToSpace(proposal_);
  TruthfulOracle* oracle = oracles_.empty() ? nullptr : oracles_[party].get();
  if (oracle) oracle->OpenTurn();
  try {
    const ActionType action = negotiators_[party]->Act(state, proposal_);
    if (oracle) CloseOracle(*oracle, party, round);
    return action;
  } catch (...) {
    if (oracle) CloseOracle(*oracle, party, round);
    RecordThrow(party, when);
    Finish();
    return std::nullopt;
  }
}

inline bool RunBase::CheckAlternatingMove(std::size_t party, std::uint64_t step, ActionType action,
                                          bool offer_on_table) {
  const bool valid = action == ActionType::kOffer    ? space_.IsValid(proposal_, &why_)
                     : action == ActionType::kAccept ? offer_on_table
                                                     : action == ActionType::kEndNegotiation;
  return valid || FailMove(party, step, action);
}

inline bool RunBase::TellParties(ObservedAction& observed, const double* utilities, std::size_t skip, Moment when) {
  for (std::size_t p = 0; p < n_; ++p) {
    if (p == skip) continue;
    observed.offer_utility = utilities ? utilities[p] : 0.0;
    try {
      negotiators_[p]->Observe(observed);
    } catch (...) {
      RecordThrow(p, when);
      return false;
    }
  }
  return true;
}

inline void RunBase::FitToSpace(Outcome& buffer) const {
  if (buffer.size() != space_.issue_count()) buffer = Outcome(space_.issue_count());
}

}  // namespace parley::internal

#endif  // PARLEY_PROTOCOLS_RUN_SUPPORT_H_
