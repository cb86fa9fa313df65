// What every protocol does the same way: starting negotiators with their derived seeds, telling
// time, turning a negotiator's exception into a recorded fault, settling the final utilities,
// and telling every negotiator the result. Protocols share these so that their results mean the
// same thing.
#ifndef PARLEY_PROTOCOLS_RUN_SUPPORT_H_
#define PARLEY_PROTOCOLS_RUN_SUPPORT_H_

#include <chrono>
#include <exception>
#include <optional>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

#include "parley/mediator.h"
#include "parley/mediator.h"
#include "parley/protocol.h"

namespace parley::internal {

// The message of the exception in flight (for catch (...) blocks).
std::string DescribeCurrentException();

// Normalised time: step / (rounds * steps_per_round) with a round deadline, elapsed / limit with
// a wall-clock one, the larger with both.
class NegotiationClock {
 public:
  NegotiationClock(const NegotiationOptions& options, std::size_t steps_per_round);
  double elapsed_seconds() const;
  // Time of step `step`; sets `past_deadline` when the deadline has been reached before it.
  double TimeOfStep(std::uint64_t step, bool& past_deadline) const;
  std::uint64_t rounds() const { return rounds_; }

 private:
  std::chrono::steady_clock::time_point start_;
  std::uint64_t rounds_;
  double time_limit_;
  double total_steps_;
  std::size_t steps_per_round_;
};

// Throws UsageError unless there is one negotiator per party of the scenario and a deadline (in
// rounds, wall-clock time or both): the checks every protocol's Start makes.
void CheckSetup(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                const NegotiationOptions& options);

// Calls Begin on each negotiator with seed DeriveSeed(options.seed, {party}). Returns how many
// were begun; on an exception records the fault in `result` and stops.
std::size_t BeginNegotiators(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                             const NegotiationOptions& options, NegotiationResult& result);

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

// Fills the final utilities: with an agreement each party's discounted utility of it at
// `result.time`, without one its reservation value at that time (following its schedule),
// discounted. Sets steps, rounds and elapsed time as given.
void SettleUtilities(const Scenario& scenario, NegotiationResult& result, std::uint64_t rounds_deadline);

// Tells the first `begun` negotiators the result, ignoring their failures (the result is final).
void FinishNegotiators(const std::vector<Negotiator*>& negotiators, std::size_t begun,
                       const NegotiationResult& result);

// What every protocol's run holds and does alike: the scenario, negotiators, options, clock and
// result; done(), result(), Stop() at the time of the next move, and Finish(), which settles the
// utilities and tells the negotiators. A protocol derives from it and plays its rounds.
class RunBase : public NegotiationRun {
 public:
  bool done() const override { return done_; }
  const NegotiationResult& result() const override { return result_; }
  NegotiationResult TakeResult() override { return std::move(result_); }
  void Stop(std::string why) override;

 protected:
  // Reserves the trace for `trace_steps_per_round` entries a round and begins the negotiators;
  // the derived run calls Finish() if that recorded a fault (after its own set-up).
  RunBase(const Scenario& scenario, const std::vector<Negotiator*>& negotiators, const NegotiationOptions& options,
          std::size_t steps_per_round, std::size_t trace_steps_per_round);

  // Where the clock stands for the next move (a step, or a round for one-move-per-round
  // protocols), so that Stop() ends the run at the time that move would have had.
  virtual std::uint64_t ClockPosition() const { return step_; }
  // The rounds to report: rounds begun, by default.
  virtual std::uint64_t RoundsPlayed() const { return (step_ + n_ - 1) / n_; }
  void Finish();

  const Scenario& scenario_;
  const OutcomeSpace& space_;
  std::vector<Negotiator*> negotiators_;
  NegotiationOptions options_;
  std::size_t n_;
  NegotiationClock clock_;
  NegotiationResult result_;
  std::size_t begun_ = 0;
  bool done_ = false;
  std::uint64_t step_ = 0;
  double time_ = 0.0;
  std::string why_;  // scratch for validity messages
};

}  // namespace parley::internal

#endif  // PARLEY_PROTOCOLS_RUN_SUPPORT_H_
