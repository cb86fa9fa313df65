#include "parley/protocol.h"

#include <algorithm>

#include <fmt/format.h>

#include "parley/error.h"
#include "parley/mediator.h"

namespace parley {

std::string_view EndReasonName(EndReason reason) {
  switch (reason) {
    case EndReason::kAgreement: return "agreement";
    case EndReason::kDeadline: return "deadline";
    case EndReason::kEndedByParty: return "ended";
    case EndReason::kFault: return "fault";
    case EndReason::kStopped: return "stopped";
    case EndReason::kPartialAgreement: return "partial";
  }
  return "unknown";
}

void Trace::Reset(std::size_t issue_count, std::size_t party_count, std::size_t expected_steps) {
  issue_count_ = issue_count;
  party_count_ = party_count;
  steps_.clear();
  has_offer_.clear();
  offers_.clear();
  utilities_.clear();
  elicitations_.clear();
  vote_ranges_.clear();
  steps_.reserve(expected_steps);
  has_offer_.reserve(expected_steps);
  offers_.reserve(expected_steps * issue_count);
  utilities_.reserve(expected_steps * party_count);
}

void Trace::Add(const Step& step, const Outcome* offer, const double* utilities) {
  steps_.push_back(step);
  has_offer_.push_back(offer != nullptr);
  if (offer) {
    offers_.insert(offers_.end(), offer->values().begin(), offer->values().end());
  } else {
    offers_.resize(offers_.size() + issue_count_, 0.0);
  }
  if (utilities) {
    utilities_.insert(utilities_.end(), utilities, utilities + party_count_);
  } else {
    utilities_.resize(utilities_.size() + party_count_, 0.0);
  }
}

void Trace::AddElicitation(const Step& step, const Outcome& outcome, const double* utilities, Elicitation elicitation) {
  elicitations_.emplace_back(steps_.size(), std::move(elicitation));
  Add(step, &outcome, utilities);
}

const Trace::Elicitation* Trace::elicitation(std::size_t i) const {
  const auto found = std::lower_bound(elicitations_.begin(), elicitations_.end(), i,
                                      [](const auto& entry, std::size_t index) { return entry.first < index; });
  return found != elicitations_.end() && found->first == i ? &found->second : nullptr;
}

void Trace::AddVote(const Step& step, const Outcome& offer, const double* utilities, VoteRange range) {
  vote_ranges_.emplace_back(steps_.size(), range);
  Add(step, &offer, utilities);
}

const Trace::VoteRange* Trace::vote_range(std::size_t i) const {
  const auto found = std::lower_bound(vote_ranges_.begin(), vote_ranges_.end(), i,
                                      [](const auto& entry, std::size_t index) { return entry.first < index; });
  return found != vote_ranges_.end() && found->first == i ? &found->second : nullptr;
}

Outcome Trace::offer(std::size_t i) const {
  const auto begin = offers_.begin() + static_cast<std::ptrdiff_t>(i * issue_count_);
  return Outcome(std::vector<double>(begin, begin + static_cast<std::ptrdiff_t>(issue_count_)));
}

NegotiationResult Protocol::Run(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                                const NegotiationOptions& options) {
  return Run(scenario, negotiators, {}, options);
}

NegotiationResult Protocol::Run(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                                const std::vector<Mediator*>& mediators, const NegotiationOptions& options) {
  auto run = Start(scenario, negotiators, mediators, options);
  while (!run->done()) run->Step();
  return run->TakeResult();
}

NegotiationResult RunNegotiation(const Scenario& scenario, const std::vector<std::string>& negotiator_specs,
                                 const NegotiationOptions& options, std::string_view protocol,
                                 const std::vector<std::string>& mediator_specs) {
  if (negotiator_specs.size() != scenario.party_count()) {
    throw UsageError(fmt::format("scenario '{}' has {} parties but {} negotiators were given", scenario.name(),
                                 scenario.party_count(), negotiator_specs.size()));
  }
  std::vector<std::unique_ptr<Negotiator>> owned;
  std::vector<Negotiator*> negotiators;
  for (const auto& spec : negotiator_specs) {
    owned.push_back(NegotiatorRegistry::Create(spec));
    negotiators.push_back(owned.back().get());
  }
  std::vector<std::unique_ptr<Mediator>> owned_mediators;
  std::vector<Mediator*> mediators;
  for (const auto& spec : mediator_specs) {
    owned_mediators.push_back(MediatorRegistry::Create(spec));
    mediators.push_back(owned_mediators.back().get());
  }
  auto mechanism = ProtocolRegistry::Create(protocol);
  NegotiationResult result = mechanism->Run(scenario, negotiators, mediators, options);
  result.negotiators = negotiator_specs;
  result.mediators = mediator_specs;
  return result;
}

}  // namespace parley
