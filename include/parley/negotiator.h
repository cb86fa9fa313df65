// The negotiator interface: what a software negotiator sees and decides.
//
// A protocol calls Begin() once, then Act() on each of the negotiator's turns, Observe() after
// every other party's action, and Finish() at the end. A negotiator knows its own profile and
// nothing of the others' but what they do. Negotiators are registered by name (see registry.h)
// and created from a Spec such as "time(e=0.2)"; every random choice draws from the seed given
// in the context, so a negotiation is reproducible.
//
// Hot-path contract: Act() writes its proposal into a buffer the protocol owns and pre-sizes, so
// a turn need not allocate.
#ifndef PARLEY_NEGOTIATOR_H_
#define PARLEY_NEGOTIATOR_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "parley/outcome_space.h"
#include "parley/registry.h"
#include "parley/scenario.h"

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

struct MultiTrackState;
class PartialPreferences;
class PreferenceOracle;

// kElicit is never returned by Act(): it marks a trace entry where a party asked its preference
// oracle a question during its turn (preference_oracle.h). kReject is a vote against an offer put to
// the vote (amop, majority): a trace entry and an observed action, never returned by Act() either.
enum class ActionType { kOffer, kAccept, kEndNegotiation, kElicit, kReject };

// A party's comparison of a text with the previous one, for feedback-based mediation.
enum class Feedback { kBetter, kSame, kWorse };

// A party's answer to an offer or text put to the vote: a single-text text, or one of the offers
// on the table in the voting protocols (amop, majority).
enum class Vote { kAccept, kVeto };

std::string_view ActionTypeName(ActionType type);
std::string_view VoteName(Vote vote);

// Fixed for one negotiation; the references stay valid until Finish() returns.
struct NegotiatorContext {
  const OutcomeSpace* space = nullptr;
  const Profile* profile = nullptr;  // this negotiator's own preferences (as it perceives them)
  std::size_t party = 0;             // this negotiator's position in the turn order
  std::size_t party_count = 0;
  std::uint64_t max_rounds = 0;     // deadline in rounds; 0 when there is none
  double time_limit_seconds = 0.0;  // wall-clock deadline; 0 when there is none
  std::uint64_t seed = 0;           // for every random choice this negotiator makes
  // In a multi-track negotiation: every track's state (updated between rounds) and which one
  // this negotiation is; nullptr otherwise.
  const MultiTrackState* tracks = nullptr;
  std::size_t track = 0;
  // What the negotiator knows of its preferences when it is not told its utility function
  // (parley/partial_preferences.h); nullptr means full information. When set, `profile` holds
  // an estimate made from it, with the true reservation value, schedule and discount factor, as
  // GENIUS gives its agents; the negotiation is still scored with the true profile.
  const PartialPreferences* known = nullptr;
  // Under a protocol that lets parties ask about their own preferences at a cost (saop with
  // elicitation_cost > 0, shaop): where to ask, inside Act() only (preference_oracle.h); nullptr
  // otherwise.
  PreferenceOracle* oracle = nullptr;
};

// The state of the negotiation when a negotiator is asked to act.
struct TurnState {
  std::uint64_t step = 0;   // 0-based index of this turn in the whole negotiation
  std::uint64_t round = 0;  // 0-based; in each round every party has one turn
  // Normalised time in [0, 1): with a deadline of R rounds, r / (R + 1) for every turn of 1-based
  // round r (GENIUS's DiscreteTimeline); with a wall-clock limit, the fraction elapsed.
  double time = 0.0;
  // The offer on the table, or nullptr before the first offer.
  const Outcome* current_offer = nullptr;
  std::size_t offerer = 0;             // who made current_offer
  std::size_t acceptances = 0;         // parties that have accepted it so far
  double current_offer_utility = 0.0;  // own undiscounted utility of current_offer
};

// Another party's action, shown to everyone else right after it is taken.
struct ObservedAction {
  std::size_t party = 0;
  ActionType type = ActionType::kOffer;
  const Outcome* offer = nullptr;  // the offer made or accepted; nullptr for kEndNegotiation
  double offer_utility = 0.0;      // the observer's own undiscounted utility of `offer`
  std::uint64_t step = 0;
  std::uint64_t round = 0;
  double time = 0.0;  // the time of the turn in which it was taken
};

// A vote asked of a negotiator in the voting protocols (amop, majority): in the voting phase every
// party votes on every offer made in the bidding phase before it, in the order they were made, and
// sees each vote as it is cast.
struct VoteRequest {
  // turn.current_offer is the offer voted on, made by turn.offerer; turn.acceptances counts the
  // votes for it so far; turn.current_offer_utility is the voter's own utility of it.
  TurnState turn;
  std::size_t voter = 0;   // this negotiator's position
  std::size_t ballot = 0;  // which of the offers on the table, 0-based, in the order they were made
  std::size_t ballots = 0;
};

// MOPAC (mopac): a vote for one of the round's offers that holds only in an agreement whose parties'
// powers add up to at least min_power and at most max_power (GeniusWeb's Vote). Valid when `offer`
// is one of the offers shown and 1 <= min_power <= max_power; one vote per distinct outcome.
struct PowerVote {
  std::size_t offer = 0;  // position in MopacVoting::offers
  int min_power = 2;
  int max_power = 2;
  friend bool operator==(const PowerVote&, const PowerVote&) = default;
};

// An offer of a MOPAC offer phase as its voting phase shows it.
struct MopacOffer {
  const Outcome* outcome = nullptr;
  std::size_t maker = 0;
  double utility = 0.0;  // the voter's own undiscounted utility of it
};

// One party's votes of a MOPAC voting phase, as its opt-in phase shows them.
struct MopacBallot {
  std::size_t party = 0;
  std::vector<PowerVote> votes;
};

// What a MOPAC voting or opt-in phase shows a party: every offer of the round and every party's power.
struct MopacVoting {
  std::uint64_t step = 0;
  std::uint64_t round = 0;             // the Offer/Voting/OptIn cycle, 0-based
  double time = 0.0;                   // as TurnState::time, the same for the three phases of a cycle
  std::size_t voter = 0;               // this negotiator's position
  std::span<const MopacOffer> offers;  // in the order made, one per party that offered, repeats kept
  std::span<const int> powers;         // every party's power, those that left included
  int total_power = 0;                 // the sum of `powers`
};

struct NegotiationResult;

class Negotiator {
 public:
  virtual ~Negotiator() = default;

  virtual void Begin(const NegotiatorContext& context) = 0;
  // The negotiator's turn: return kOffer after writing an outcome into `proposal` (sized to the
  // space's issue count), kAccept to accept state.current_offer, or kEndNegotiation to walk away.
  // Throwing, accepting when there is no offer, or proposing an invalid outcome is a fault that
  // ends the negotiation.
  virtual ActionType Act(const TurnState& state, Outcome& proposal) = 0;
  // Called after every action of another party.
  virtual void Observe(const ObservedAction& /*action*/) {}

  // The voting protocols (amop, majority): this negotiator's vote on one offer on the table. The
  // default lets every negotiator vote with its own acceptance logic: it accepts its own offer,
  // and for another party's it is asked to act as if that offer were on the table in an
  // alternating-offers turn (request.turn, with `scratch` as the proposal buffer): kAccept is a
  // vote for it, a counter-offer or a walk-away a vote against. Throwing is a fault.
  virtual Vote VoteOn(const VoteRequest& request, Outcome& scratch);

  // MOPAC's voting phase: the votes this negotiator casts on the round's offers (`votes` arrives
  // empty). Returns false to walk away instead. The default votes, once per distinct outcome, for
  // every offer its VoteOn accepts (its own included), with the range [2, voting.total_power]:
  // GeniusWeb's example parties vote [2, unbounded] by default. `scratch` is VoteOn's buffer.
  // Throwing, or an invalid vote, removes the negotiator from the negotiation.
  virtual bool VoteRanges(const MopacVoting& voting, std::vector<PowerVote>& votes, Outcome& scratch);
  // MOPAC's opt-in phase: every party's votes of the voting phase (`ballots`, by party, those that
  // left since included) and this negotiator's own, in `mine`, to keep or extend: every vote must
  // stay with a range at least as wide (GeniusWeb's Votes.isExtending), new ones may be added; a
  // narrower set removes the negotiator. Returns false to walk away. The default keeps `mine`.
  virtual bool OptIn(const MopacVoting& voting, std::span<const MopacBallot> ballots, std::vector<PowerVote>& mine);
  // Called once when the negotiation has ended.
  virtual void Finish(const NegotiationResult& /*result*/) {}

  // Mediated protocols that ask for feedback: how `next` compares with `previous` for this
  // negotiator. The default, nullopt, asks the protocol to answer truthfully on the negotiator's
  // behalf from its own profile; a strategic negotiator may answer otherwise.
  virtual std::optional<Feedback> CompareTexts(const Outcome& /*previous*/, const Outcome& /*next*/) {
    return std::nullopt;
  }
};

template <>
struct RegistryTraits<Negotiator> {
  static constexpr const char* kKind = "negotiator";
};

using NegotiatorRegistry = Registry<Negotiator>;

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_NEGOTIATOR_H_
