#include "isolation/messages.h"

#include <fmt/format.h>

namespace parley::internal {
namespace {

constexpr std::size_t kMaxListSize = std::size_t{1} << 20;

void WriteStrings(FrameWriter& out, const std::vector<std::string>& list) {
  out.U64(list.size());
  for (const auto& item : list) out.String(item);
}

std::vector<std::string> ReadStrings(FrameReader& in) {
  const std::uint64_t count = in.U64();
  if (count > kMaxListSize) throw WireError(fmt::format("a list of {} strings", count));
  std::vector<std::string> list;
  for (std::uint64_t i = 0; i < count; ++i) list.push_back(in.String());
  return list;
}

ActionType ReadActionType(FrameReader& in) {
  const std::uint8_t value = in.U8();
  if (value > static_cast<std::uint8_t>(ActionType::kEndNegotiation)) {
    throw WireError(fmt::format("unknown action type {}", value));
  }
  return static_cast<ActionType>(value);
}

}  // namespace

void WriteBegin(FrameWriter& out, const BeginMessage& message) {
  out.Start(MessageType::kBegin);
  WriteStrings(out, message.plugins);
  out.String(message.negotiator);
  out.String(message.scenario_json);
  out.U64(message.party);
  out.U64(message.party_count);
  out.U64(message.max_rounds);
  out.F64(message.time_limit_seconds);
  out.U64(message.seed);
  out.U64(message.track);
}

BeginMessage ReadBegin(FrameReader& in) {
  BeginMessage message;
  message.plugins = ReadStrings(in);
  message.negotiator = in.String();
  message.scenario_json = in.String();
  message.party = in.U64();
  message.party_count = in.U64();
  message.max_rounds = in.U64();
  message.time_limit_seconds = in.F64();
  message.seed = in.U64();
  message.track = in.U64();
  in.End();
  return message;
}

void WriteTurn(FrameWriter& out, const TurnState& state) {
  out.Start(MessageType::kAct);
  out.U64(state.step);
  out.U64(state.round);
  out.F64(state.time);
  out.U8(state.current_offer != nullptr);
  if (state.current_offer) out.OutcomeValues(*state.current_offer);
  out.U64(state.offerer);
  out.U64(state.acceptances);
  out.F64(state.current_offer_utility);
}

void ReadTurn(FrameReader& in, TurnState& state, Outcome& offer) {
  state.step = in.U64();
  state.round = in.U64();
  state.time = in.F64();
  state.current_offer = nullptr;
  if (in.U8()) {
    in.OutcomeValues(offer, kMaxIssues);
    state.current_offer = &offer;
  }
  state.offerer = in.U64();
  state.acceptances = in.U64();
  state.current_offer_utility = in.F64();
  in.End();
}

void WriteObserved(FrameWriter& out, const ObservedAction& action) {
  out.Start(MessageType::kObserve);
  out.U64(action.party);
  out.U8(static_cast<std::uint8_t>(action.type));
  out.U8(action.offer != nullptr);
  if (action.offer) out.OutcomeValues(*action.offer);
  out.F64(action.offer_utility);
  out.U64(action.step);
  out.U64(action.round);
  out.F64(action.time);
}

void ReadObserved(FrameReader& in, ObservedAction& action, Outcome& offer) {
  action.party = in.U64();
  action.type = ReadActionType(in);
  action.offer = nullptr;
  if (in.U8()) {
    in.OutcomeValues(offer, kMaxIssues);
    action.offer = &offer;
  }
  action.offer_utility = in.F64();
  action.step = in.U64();
  action.round = in.U64();
  action.time = in.F64();
  in.End();
}

void WriteResult(FrameWriter& out, const NegotiationResult& result) {
  out.Start(MessageType::kFinish);
  out.U8(result.agreement.has_value());
  if (result.agreement) out.OutcomeValues(*result.agreement);
  out.U8(static_cast<std::uint8_t>(result.end_reason));
  out.Values(result.utilities);
  out.Values(result.undiscounted_utilities);
  out.U64(result.steps);
  out.U64(result.rounds);
  out.F64(result.time);
  out.F64(result.elapsed_seconds);
  out.U8(result.fault.has_value());
  if (result.fault) {
    out.U64(result.fault->party);
    out.String(result.fault->message);
  }
  out.String(result.stop_reason);
  WriteStrings(out, result.negotiators);
  WriteStrings(out, result.mediators);
}

NegotiationResult ReadResult(FrameReader& in) {
  NegotiationResult result;
  if (in.U8()) {
    Outcome agreement;
    in.OutcomeValues(agreement, kMaxIssues);
    result.agreement = std::move(agreement);
  }
  const std::uint8_t reason = in.U8();
  if (reason > static_cast<std::uint8_t>(EndReason::kStopped)) throw WireError(fmt::format("end reason {}", reason));
  result.end_reason = static_cast<EndReason>(reason);
  in.Values(result.utilities, kMaxListSize);
  in.Values(result.undiscounted_utilities, kMaxListSize);
  result.steps = in.U64();
  result.rounds = in.U64();
  result.time = in.F64();
  result.elapsed_seconds = in.F64();
  if (in.U8()) {
    Fault fault;
    fault.party = in.U64();
    fault.message = in.String();
    result.fault = std::move(fault);
  }
  result.stop_reason = in.String();
  result.negotiators = ReadStrings(in);
  result.mediators = ReadStrings(in);
  in.End();
  return result;
}

}  // namespace parley::internal
