// Protocols run a negotiation between negotiators over a scenario and report what happened.
//
// A Protocol is registered by name like a negotiator ("saop" is the stacked alternating offers
// protocol of GENIUS and NegMAS). Its result holds the agreement (if any), each party's final
// utility, how the negotiation ended, any fault, and optionally a full trace of every action.
// A negotiator that throws or misbehaves ends its own negotiation with the fault recorded; it
// never takes the process down.
#ifndef PARLEY_PROTOCOL_H_
#define PARLEY_PROTOCOL_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parley/negotiator.h"
#include "parley/registry.h"
#include "parley/scenario.h"

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

struct MultiTrackState;

struct NegotiationOptions {
  std::uint64_t rounds = 0;         // deadline in rounds; 0 for none
  double time_limit_seconds = 0.0;  // wall-clock deadline; 0 for none. At least one is needed.
  std::uint64_t seed = 0;           // negotiators' seeds are derived from it and their position
  // When not empty, one seed per party, given to the negotiators as they are instead of the derived
  // ones: GENIUS gives every party the same seed, so a recorded GENIUS session is replayed with
  // party_seeds = {seed, seed, ...}. Any other size is a UsageError.
  std::vector<std::uint64_t> party_seeds;
  bool record_trace = true;
  // When this negotiation is one track of a multi-track negotiation: the state of every track,
  // shown to the negotiators, and this track's position in it.
  const MultiTrackState* tracks = nullptr;
  std::size_t track = 0;
  // Mediators with a stake of their own: mediator_interests[m] is mediator m's profile over this
  // negotiation's issues (missing or nullptr: none).
  std::vector<const Profile*> mediator_interests;
  // What each party knows of its own preferences: knowledge[p] missing or nullptr means its whole
  // profile. A party with partial knowledge negotiates with the estimate that estimators[p] (a
  // preference estimator spec, parley/preference_estimator.h; missing or empty:
  // "genius-rank-points", GENIUS's default) makes from it, seeded with the party's seed, and sees
  // it in NegotiatorContext::known; results and traces still use the true profiles.
  std::vector<std::shared_ptr<const PartialPreferences>> knowledge;
  std::vector<std::string> estimators;
};

// kStopped: ended from outside before its deadline (an event such as an operation starting, or a
// multi-track runner ending the track). kPartialAgreement: ended with coalitions that agreed among
// themselves (mopac) but not with every party on one outcome.
enum class EndReason { kAgreement, kDeadline, kEndedByParty, kFault, kStopped, kPartialAgreement };

std::string_view EndReasonName(EndReason reason);

struct Fault {
  // The party at fault; in mediated protocols party_count + m for mediator m (the message then
  // names "mediator m").
  std::size_t party = 0;
  std::string message;
};

// Every action of a negotiation, in order. Stored flat (one array per column) so that recording
// a step does not allocate once capacity is reserved.
class Trace {
 public:
  struct Step {
    std::uint64_t step;
    std::uint64_t round;
    double time;
    // Who acted; in mediated protocols party_count + m for mediator m (a single-text text is
    // recorded as kOffer by its mediator).
    std::size_t party;
    ActionType action;
  };

  void Reset(std::size_t issue_count, std::size_t party_count, std::size_t expected_steps);
  // Records an action; `offer` and `utilities` (undiscounted, one per party) are null for
  // kEndNegotiation.
  void Add(const Step& step, const Outcome* offer, const double* utilities);

  std::size_t size() const { return steps_.size(); }
  std::size_t issue_count() const { return issue_count_; }
  std::size_t party_count() const { return party_count_; }
  const Step& step(std::size_t i) const { return steps_[i]; }
  bool has_offer(std::size_t i) const { return has_offer_[i]; }
  // A vote with a power range (mopac): party step.party accepts the entry's offer in any agreement
  // whose parties' powers add up to at least min_power and at most max_power. opt_in marks the
  // votes of an opt-in phase, which decide the agreements, from those of the voting phase before.
  struct VoteRange {
    int min_power = 1;
    int max_power = 1;
    bool opt_in = false;
  };
  // Records a vote (kAccept with its offer) with its range.
  void AddVote(const Step& step, const Outcome& offer, const double* utilities, VoteRange range);
  bool has_vote_ranges() const { return !vote_ranges_.empty(); }
  // The range recorded at entry i, or nullptr when entry i is not a vote with one.
  const VoteRange* vote_range(std::size_t i) const;

  // The offer made or accepted at entry i (only if has_offer(i)).
  Outcome offer(std::size_t i) const;
  // Undiscounted utility of that offer for `party`.
  double utility(std::size_t i, std::size_t party) const { return utilities_[i * party_count_ + party]; }

  // A question a party asked its preference oracle (preference_oracle.h) and the answer: an entry
  // of kind kElicit whose offer is the outcome asked about.
  struct Elicitation {
    double charge = 0.0;              // what the question cost (0 for a free repeat)
    std::vector<Outcome> options;     // a comparison's options; none for a rank question
    std::vector<std::size_t> better;  // positions in `options` of those strictly better
    std::vector<std::size_t> worse;   // and strictly worse
    std::optional<std::size_t> rank;  // a rank question's answer: the position, worst first
  };
  void AddElicitation(const Step& step, const Outcome& outcome, const double* utilities, Elicitation elicitation);
  bool has_elicitations() const { return !elicitations_.empty(); }
  // The question recorded at entry i, or nullptr when entry i is not one.
  const Elicitation* elicitation(std::size_t i) const;

 private:
  std::size_t issue_count_ = 0;
  std::size_t party_count_ = 0;
  std::vector<Step> steps_;
  std::vector<bool> has_offer_;
  std::vector<double> offers_;                                     // issue_count_ values per entry
  std::vector<double> utilities_;                                  // party_count_ values per entry
  std::vector<std::pair<std::size_t, Elicitation>> elicitations_;  // by entry, ascending
  std::vector<std::pair<std::size_t, VoteRange>> vote_ranges_;     // by entry, ascending
};

// Parties that agreed on an outcome among themselves, leaving the others to go on (mopac's
// partial consensus): the outcome, who (ascending), and when.
struct Coalition {
  Outcome outcome;
  std::vector<std::size_t> parties;
  std::uint64_t round = 0;
  double time = 0.0;
  friend bool operator==(const Coalition&, const Coalition&) = default;
};

struct NegotiationResult {
  // The outcome every party agreed on; under mopac only when one coalition holds every party.
  std::optional<Outcome> agreement;
  EndReason end_reason = EndReason::kDeadline;
  // Under mopac: the coalitions formed, in the order formed (one of every party when `agreement`
  // is set); empty under every other protocol.
  std::vector<Coalition> coalitions;
  // Parties removed from a negotiation that went on without them (mopac removes a party that
  // breaks its rules instead of ending the negotiation): who and why, in the order removed.
  std::vector<Fault> removals;
  // Each party's final utility: its discounted utility of the agreement (or of its coalition's
  // outcome) at the time it was reached, or its discounted reservation value.
  std::vector<double> utilities;
  // Undiscounted utilities of the agreement or coalition outcome (reservation values without one).
  std::vector<double> undiscounted_utilities;
  std::uint64_t steps = 0;       // turns taken
  std::uint64_t rounds = 0;      // rounds begun
  double time = 0.0;             // normalised time at the end
  double elapsed_seconds = 0.0;  // wall-clock duration
  std::optional<Fault> fault;
  std::string stop_reason;               // why it was stopped (kStopped), or why tau's rules broke it (kEndedByParty)
  std::vector<std::string> negotiators;  // the specs of the negotiators, in turn order
  std::vector<std::string> mediators;    // the specs of the mediators, lead first
  // Under a protocol that allows elicitation (preference_oracle.h): what each party was charged
  // and how many questions it asked; empty otherwise. A party's score is then its utility minus
  // its cost (GENIUS 10.4's user utility: discounted utility minus total bother).
  std::vector<double> elicitation_costs;
  std::vector<std::uint64_t> elicitation_requests;
  Trace trace;
};

class Mediator;

// One negotiation in progress, advanced a round at a time, so that several negotiations (the
// tracks of a multi-track negotiation) can run side by side on one clock.
class NegotiationRun {
 public:
  virtual ~NegotiationRun() = default;
  virtual bool done() const = 0;
  // Plays one round (a turn of every party, or one text and its votes). Does nothing when done.
  virtual void Step() = 0;
  // Ends the negotiation now without agreement (reason kStopped); `why` is kept in the result's
  // fault-free `stop_reason`. Does nothing when done.
  virtual void Stop(std::string why) = 0;
  // The offer or text currently on the table, if any (the agreement once agreed).
  virtual const Outcome* current_offer() const = 0;
  // The result; complete once done().
  virtual const NegotiationResult& result() const = 0;
  virtual NegotiationResult TakeResult() = 0;
};

class Protocol {
 public:
  virtual ~Protocol() = default;
  // Starts one negotiation. `negotiators[i]` plays scenario.profile(i); `mediators` are the
  // mediators of protocols that have them, the first being the lead. The pointers must stay
  // valid until the run is destroyed. Throws UsageError on a bad setup (wrong number of
  // negotiators or mediators, no deadline); negotiators' and mediators' own failures are
  // reported in the result.
  virtual std::unique_ptr<NegotiationRun> Start(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                                                const std::vector<Mediator*>& mediators,
                                                const NegotiationOptions& options) = 0;

  // Whether parties may ask about their own preferences at a cost (preference_oracle.h), so that
  // results carry elicitation costs.
  virtual bool AllowsElicitation() const { return false; }

  // Runs a negotiation to its end.
  NegotiationResult Run(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                        const NegotiationOptions& options);
  NegotiationResult Run(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                        const std::vector<Mediator*>& mediators, const NegotiationOptions& options);
};

template <>
struct RegistryTraits<Protocol> {
  static constexpr const char* kKind = "protocol";
};

using ProtocolRegistry = Registry<Protocol>;

// Creates the negotiators (and mediators) from their specs and runs them under the protocol
// given as a spec ("saop", "single-text(...)").
NegotiationResult RunNegotiation(const Scenario& scenario, const std::vector<std::string>& negotiator_specs,
                                 const NegotiationOptions& options, std::string_view protocol = "saop",
                                 const std::vector<std::string>& mediator_specs = {});

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_PROTOCOL_H_
