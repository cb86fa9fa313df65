#include "isolation/messages.h"

#include <cstdint>
#include <limits>
#include <optional>

#include <fmt/format.h>

namespace parley::internal {
namespace {

constexpr std::size_t kMaxListSize = std::size_t{1} << 20;

// Each message's fields are listed once, in a function template that an Encoder (writing) or a
// Decoder (reading) visits in order, so that the two directions cannot disagree on a field.

class Encoder {
 public:
  explicit Encoder(FrameWriter& out) : out_(out) {}
  void operator()(std::uint64_t value) { out_.U64(value); }
  void operator()(double value) { out_.F64(value); }
  void operator()(const std::string& text) { out_.String(text); }
  void operator()(const std::vector<double>& values) { out_.Values(values); }
  void operator()(const std::vector<std::string>& list) {
    out_.U64(list.size());
    for (const auto& item : list) out_.String(item);
  }
  void operator()(const std::optional<Outcome>& outcome) { Offer(outcome ? &*outcome : nullptr, nullptr); }
  void operator()(const std::optional<Fault>& fault) {
    out_.U8(fault.has_value());
    if (fault) {
      out_.U64(fault->party);
      out_.String(fault->message);
    }
  }
  void operator()(const std::vector<Coalition>& coalitions) {
    out_.U64(coalitions.size());
    for (const Coalition& coalition : coalitions) {
      out_.OutcomeValues(coalition.outcome);
      out_.U64(coalition.parties.size());
      for (const std::size_t party : coalition.parties) out_.U64(party);
      out_.U64(coalition.round);
      out_.F64(coalition.time);
    }
  }
  // An offer by pointer (nullptr for none); `storage` is for the reader.
  void Offer(const Outcome* offer, Outcome* /*storage*/) {
    out_.U8(offer != nullptr);
    if (offer) out_.OutcomeValues(*offer);
  }
  template <typename E>
  void Enum(E value, E /*last*/, const char* /*what*/) {
    out_.U8(static_cast<std::uint8_t>(value));
  }

 private:
  FrameWriter& out_;
};

class Decoder {
 public:
  explicit Decoder(FrameReader& in) : in_(in) {}
  void operator()(std::uint64_t& value) { value = in_.U64(); }
  void operator()(double& value) { value = in_.F64(); }
  void operator()(std::string& text) { text = in_.String(); }
  void operator()(std::vector<double>& values) { in_.Values(values, kMaxListSize); }
  void operator()(std::vector<std::string>& list) {
    const std::uint64_t count = in_.U64();
    if (count > kMaxListSize) throw WireError(fmt::format("a list of {} strings", count));
    list.clear();
    for (std::uint64_t i = 0; i < count; ++i) list.push_back(in_.String());
  }
  void operator()(std::optional<Outcome>& outcome) {
    outcome.reset();
    if (in_.U8()) in_.OutcomeValues(outcome.emplace(), kMaxIssues);
  }
  void operator()(std::optional<Fault>& fault) {
    fault.reset();
    if (in_.U8()) {
      Fault& read = fault.emplace();
      read.party = in_.U64();
      read.message = in_.String();
    }
  }
  void operator()(std::vector<Coalition>& coalitions) {
    const std::uint64_t count = in_.U64();
    if (count > kMaxListSize) throw WireError(fmt::format("a list of {} coalitions", count));
    coalitions.clear();
    for (std::uint64_t c = 0; c < count; ++c) {
      Coalition& coalition = coalitions.emplace_back();
      in_.OutcomeValues(coalition.outcome, kMaxIssues);
      const std::uint64_t parties = in_.U64();
      if (parties > kMaxListSize) throw WireError(fmt::format("a coalition of {} parties", parties));
      for (std::uint64_t p = 0; p < parties; ++p) coalition.parties.push_back(in_.U64());
      coalition.round = in_.U64();
      coalition.time = in_.F64();
    }
  }
  // Points `offer` at `*storage`, which receives the values, or sets it to nullptr.
  void Offer(const Outcome*& offer, Outcome* storage) {
    offer = nullptr;
    if (in_.U8()) {
      in_.OutcomeValues(*storage, kMaxIssues);
      offer = storage;
    }
  }
  // An enumerator from 0 to `last`; `what` names the enumeration in the error.
  template <typename E>
  void Enum(E& value, E last, const char* what) {
    const std::uint8_t read = in_.U8();
    if (read > static_cast<std::uint8_t>(last)) throw WireError(fmt::format("unknown {} {}", what, read));
    value = static_cast<E>(read);
  }

 private:
  FrameReader& in_;
};

template <typename Wire, typename Message>
void BeginFields(Wire& wire, Message& message) {
  wire(message.plugins);
  wire(message.negotiator);
  wire(message.scenario_json);
  wire(message.party);
  wire(message.party_count);
  wire(message.max_rounds);
  wire(message.time_limit_seconds);
  wire(message.seed);
  wire(message.track);
}

// `offer` receives the current offer when reading; writing passes nullptr.
template <typename Wire, typename State>
void TurnFields(Wire& wire, State& state, Outcome* offer) {
  wire(state.step);
  wire(state.round);
  wire(state.time);
  wire.Offer(state.current_offer, offer);
  wire(state.offerer);
  wire(state.acceptances);
  wire(state.current_offer_utility);
}

// `offer` receives the action's offer when reading; writing passes nullptr.
template <typename Wire, typename Action>
void ObservedFields(Wire& wire, Action& action, Outcome* offer) {
  wire(action.party);
  // kElicit is never shown to another party, but the range is the enum's.
  wire.Enum(action.type, ActionType::kReject, "action type");
  wire.Offer(action.offer, offer);
  wire(action.offer_utility);
  wire(action.step);
  wire(action.round);
  wire(action.time);
}

template <typename Wire, typename Result>
void ResultFields(Wire& wire, Result& result) {
  wire(result.agreement);
  wire.Enum(result.end_reason, EndReason::kPartialAgreement, "end reason");
  wire(result.coalitions);
  wire(result.utilities);
  wire(result.undiscounted_utilities);
  wire(result.steps);
  wire(result.rounds);
  wire(result.time);
  wire(result.elapsed_seconds);
  wire(result.fault);
  wire(result.stop_reason);
  wire(result.negotiators);
  wire(result.mediators);
}

}  // namespace

void WriteBegin(FrameWriter& out, const BeginMessage& message) {
  out.Start(MessageType::kBegin);
  Encoder wire(out);
  BeginFields(wire, message);
}

BeginMessage ReadBegin(FrameReader& in) {
  BeginMessage message;
  Decoder wire(in);
  BeginFields(wire, message);
  in.End();
  return message;
}

void WriteTurn(FrameWriter& out, const TurnState& state) {
  out.Start(MessageType::kAct);
  Encoder wire(out);
  TurnFields(wire, state, nullptr);
}

void ReadTurn(FrameReader& in, TurnState& state, Outcome& offer) {
  Decoder wire(in);
  TurnFields(wire, state, &offer);
  in.End();
}

void WriteVote(FrameWriter& out, const VoteRequest& request) {
  out.Start(MessageType::kVote);
  Encoder wire(out);
  TurnFields(wire, request.turn, nullptr);
  wire(request.voter);
  wire(request.ballot);
  wire(request.ballots);
}

void ReadVote(FrameReader& in, VoteRequest& request, Outcome& offer) {
  Decoder wire(in);
  TurnFields(wire, request.turn, &offer);
  wire(request.voter);
  wire(request.ballot);
  wire(request.ballots);
  in.End();
}

namespace {

void WriteVotes(FrameWriter& out, const std::vector<PowerVote>& votes) {
  out.U64(votes.size());
  for (const PowerVote& vote : votes) {
    out.U64(vote.offer);
    out.U64(static_cast<std::uint64_t>(static_cast<std::int64_t>(vote.min_power)));
    out.U64(static_cast<std::uint64_t>(static_cast<std::int64_t>(vote.max_power)));
  }
}

int ReadInt(FrameReader& in) {
  const auto value = static_cast<std::int64_t>(in.U64());
  if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
    throw WireError(fmt::format("a power of {}", value));
  }
  return static_cast<int>(value);
}

void ReadVotes(FrameReader& in, std::vector<PowerVote>& votes) {
  const std::uint64_t count = in.U64();
  if (count > kMaxListSize) throw WireError(fmt::format("a list of {} votes", count));
  votes.clear();
  for (std::uint64_t i = 0; i < count; ++i) {
    PowerVote& vote = votes.emplace_back();
    vote.offer = in.U64();
    vote.min_power = ReadInt(in);
    vote.max_power = ReadInt(in);
  }
}

void WriteVoting(FrameWriter& out, const MopacVoting& voting) {
  out.U64(voting.step);
  out.U64(voting.round);
  out.F64(voting.time);
  out.U64(voting.voter);
  out.U64(voting.offers.size());
  for (const MopacOffer& offer : voting.offers) {
    out.OutcomeValues(*offer.outcome);
    out.U64(offer.maker);
    out.F64(offer.utility);
  }
  out.U64(voting.powers.size());
  for (const int power : voting.powers) out.U64(static_cast<std::uint64_t>(static_cast<std::int64_t>(power)));
  out.U64(static_cast<std::uint64_t>(static_cast<std::int64_t>(voting.total_power)));
}

}  // namespace

void WriteMopacVote(FrameWriter& out, const MopacVoting& voting) {
  out.Start(MessageType::kMopacVote);
  WriteVoting(out, voting);
}

void WriteMopacOptIn(FrameWriter& out, const MopacVoting& voting, std::span<const MopacBallot> ballots,
                     const std::vector<PowerVote>& mine) {
  out.Start(MessageType::kMopacOptIn);
  WriteVoting(out, voting);
  out.U64(ballots.size());
  for (const MopacBallot& ballot : ballots) {
    out.U64(ballot.party);
    WriteVotes(out, ballot.votes);
  }
  WriteVotes(out, mine);
}

void ReadMopac(FrameReader& in, MopacMessage& message, bool opt_in) {
  MopacVoting& voting = message.voting;
  voting.step = in.U64();
  voting.round = in.U64();
  voting.time = in.F64();
  voting.voter = in.U64();
  const std::uint64_t offers = in.U64();
  if (offers > kMaxListSize) throw WireError(fmt::format("a list of {} offers", offers));
  message.outcomes.assign(offers, Outcome());
  message.offers.assign(offers, MopacOffer{});
  for (std::uint64_t k = 0; k < offers; ++k) {
    in.OutcomeValues(message.outcomes[k], kMaxIssues);
    message.offers[k].outcome = &message.outcomes[k];
    message.offers[k].maker = in.U64();
    message.offers[k].utility = in.F64();
  }
  const std::uint64_t parties = in.U64();
  if (parties > kMaxListSize) throw WireError(fmt::format("a list of {} powers", parties));
  message.powers.clear();
  for (std::uint64_t p = 0; p < parties; ++p) message.powers.push_back(ReadInt(in));
  voting.total_power = ReadInt(in);
  voting.offers = message.offers;
  voting.powers = message.powers;
  message.ballots.clear();
  message.mine.clear();
  if (opt_in) {
    const std::uint64_t ballots = in.U64();
    if (ballots > kMaxListSize) throw WireError(fmt::format("a list of {} ballots", ballots));
    for (std::uint64_t b = 0; b < ballots; ++b) {
      MopacBallot& ballot = message.ballots.emplace_back();
      ballot.party = in.U64();
      ReadVotes(in, ballot.votes);
    }
    ReadVotes(in, message.mine);
  }
  in.End();
}

void WritePowerVotes(FrameWriter& out, bool stays, const std::vector<PowerVote>& votes) {
  out.Start(MessageType::kPowerVotes);
  out.U8(stays ? 1 : 0);
  WriteVotes(out, votes);
}

bool ReadPowerVotes(FrameReader& in, std::vector<PowerVote>& votes) {
  const std::uint8_t stays = in.U8();
  if (stays > 1) throw WireError(fmt::format("an answer {} to a vote", stays));
  ReadVotes(in, votes);
  in.End();
  return stays == 1;
}

void WriteObserved(FrameWriter& out, const ObservedAction& action) {
  out.Start(MessageType::kObserve);
  Encoder wire(out);
  ObservedFields(wire, action, nullptr);
}

void ReadObserved(FrameReader& in, ObservedAction& action, Outcome& offer) {
  Decoder wire(in);
  ObservedFields(wire, action, &offer);
  in.End();
}

void WriteResult(FrameWriter& out, const NegotiationResult& result) {
  out.Start(MessageType::kFinish);
  Encoder wire(out);
  ResultFields(wire, result);
}

NegotiationResult ReadResult(FrameReader& in) {
  NegotiationResult result;
  Decoder wire(in);
  ResultFields(wire, result);
  in.End();
  return result;
}

}  // namespace parley::internal
