// The contents of the engine's messages to an isolated negotiator, written and read by the same
// functions on both sides so that the two cannot drift apart.
#ifndef PARLEY_ISOLATION_MESSAGES_H_
#define PARLEY_ISOLATION_MESSAGES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "isolation/wire.h"
#include "parley/negotiator.h"
#include "parley/protocol.h"

namespace parley::internal {

// The largest outcome either side accepts (issues per outcome).
inline constexpr std::size_t kMaxIssues = std::size_t{1} << 24;

// What the worker needs to create and begin its negotiator. The scenario holds the negotiator's
// own profile first (the others are not sent: a negotiator does not see them).
struct BeginMessage {
  std::vector<std::string> plugins;  // paths, loaded in this order
  std::string negotiator;            // the spec
  std::string scenario_json;         // Parley JSON
  std::uint64_t party = 0;
  std::uint64_t party_count = 0;
  std::uint64_t max_rounds = 0;
  double time_limit_seconds = 0.0;
  std::uint64_t seed = 0;
  std::uint64_t track = 0;
};

void WriteBegin(FrameWriter& out, const BeginMessage& message);
BeginMessage ReadBegin(FrameReader& in);

// `state.current_offer`, if any, is written by value; reading points it at `offer`.
void WriteTurn(FrameWriter& out, const TurnState& state);
void ReadTurn(FrameReader& in, TurnState& state, Outcome& offer);

// A vote request: its turn as WriteTurn writes it, then the voter and the ballot; reading points
// request.turn.current_offer at `offer`.
void WriteVote(FrameWriter& out, const VoteRequest& request);
void ReadVote(FrameReader& in, VoteRequest& request, Outcome& offer);

// MOPAC's voting (kMopacVote) and opt-in (kMopacOptIn, with every ballot and the party's own votes)
// phases. Reading fills `message`, whose `voting` points into its own storage.
struct MopacMessage {
  std::vector<Outcome> outcomes;
  std::vector<MopacOffer> offers;
  std::vector<int> powers;
  MopacVoting voting;
  std::vector<MopacBallot> ballots;
  std::vector<PowerVote> mine;
};
void WriteMopacVote(FrameWriter& out, const MopacVoting& voting);
void WriteMopacOptIn(FrameWriter& out, const MopacVoting& voting, std::span<const MopacBallot> ballots,
                     const std::vector<PowerVote>& mine);
// Reads either; `opt_in` says which was sent.
void ReadMopac(FrameReader& in, MopacMessage& message, bool opt_in);
// The answer: whether the party stays (false: it walks away) and its votes.
void WritePowerVotes(FrameWriter& out, bool stays, const std::vector<PowerVote>& votes);
bool ReadPowerVotes(FrameReader& in, std::vector<PowerVote>& votes);

// `action.offer`, if any, is written by value; reading points it at `offer`.
void WriteObserved(FrameWriter& out, const ObservedAction& action);
void ReadObserved(FrameReader& in, ObservedAction& action, Outcome& offer);

// Everything of the result but the trace.
void WriteResult(FrameWriter& out, const NegotiationResult& result);
NegotiationResult ReadResult(FrameReader& in);

}  // namespace parley::internal

#endif  // PARLEY_ISOLATION_MESSAGES_H_
