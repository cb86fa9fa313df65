// The single negotiation text procedure with vetoes (Fisher's one-text procedure, as used at Camp
// David; Klein et al.'s mediated single-text protocol): parties never exchange offers. Each round
// a mediator puts one complete text to every party, which accepts or vetoes it; a text every party
// accepts stands until a later one is accepted by all, and the last one standing is the agreement.
// Rules and choices (mediators taking turns, answers, feedback, who sees what, time, traces,
// faults): docs/mediation.md#single-negotiation-text
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "parley/mediator.h"
#include "parley/protocol.h"
#include "parley/random.h"
#include "parley/utility.h"
#include "protocols/run_support.h"

namespace parley {
namespace {

class SingleTextRun final : public internal::RunBase {
 public:
  SingleTextRun(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                const std::vector<Mediator*>& mediators, const NegotiationOptions& options, bool feedback,
                bool disclosed)
      : RunBase(scenario, negotiators, options, 1, scenario.party_count() + 1),
        feedback_on_(feedback),
        text_(space_.issue_count()),
        previous_(space_.issue_count()),
        accepted_(space_.issue_count()),
        text_utilities_(n_, 0.0),
        previous_utilities_(n_, 0.0),
        votes_(n_, Vote::kVeto) {
    feedback_.reserve(n_);
    BeginMediators(mediators, disclosed);
    if (result_.fault) Finish();
  }

  // The standing text: what would be agreed if the negotiation ended now.
  const Outcome* current_offer() const override { return has_accepted_ ? &accepted_ : nullptr; }

 private:
  // One text per round: the clock counts rounds, and the result reports the texts put.
  std::uint64_t ClockPosition() const override { return round_; }
  std::uint64_t RoundsPlayed() const override { return texts_put_; }
  void EndAtDeadline() override { EndWithAcceptedText(EndReason::kDeadline); }

  // A round: one text and every party's answer.
  void Move() override;
  // Asks party p for its vote (and feedback); false when the negotiation ended on its answer.
  // Counter-offers written into proposal_ are ignored.
  bool Ask(std::size_t party);
  void Announce(std::uint64_t text_step);
  // Ends with the standing text as the agreement, or without agreement for `otherwise`.
  void EndWithAcceptedText(EndReason otherwise);

  bool feedback_on_;

  Outcome text_;      // the text of this round, written by the mediator
  Outcome previous_;  // the text of the previous round
  Outcome accepted_;  // the last text every party accepted
  std::vector<double> text_utilities_;
  std::vector<double> previous_utilities_;
  std::vector<Vote> votes_;
  std::vector<Feedback> feedback_;  // empty when feedback was not asked for this text
  bool has_previous_ = false;
  bool has_accepted_ = false;
  std::uint64_t round_ = 0;
  std::uint64_t texts_put_ = 0;
};

void SingleTextRun::Move() {
  if (ReachedDeadline()) return;

  const std::size_t mediator = round_ % mediators_.size();
  TextState state;
  state.round = round_;
  state.time = time_;
  state.accepted_text = has_accepted_ ? &accepted_ : nullptr;
  state.previous_text = has_previous_ ? &previous_ : nullptr;
  state.previous_votes = has_previous_ ? &votes_ : nullptr;
  state.previous_feedback = has_previous_ ? &feedback_ : nullptr;
  FitToSpace(text_);
  bool proposed;
  try {
    proposed = mediators_[mediator]->ProposeText(state, text_);
  } catch (...) {
    RecordThrow(n_ + mediator, {"while writing the text of round {}", round_});
    Finish();
    return;
  }
  if (!proposed) {
    result_.stop_reason = fmt::format("mediator {} stopped the negotiation in round {}", mediator, round_);
    EndWithAcceptedText(EndReason::kStopped);
    return;
  }
  if (!space_.IsValid(text_, &why_)) {
    RecordFaultOf(n_ + mediator, fmt::format("wrote an invalid text in round {}: {}", round_, why_));
    Finish();
    return;
  }

  const std::uint64_t text_step = step_++;
  ++texts_put_;
  for (std::size_t p = 0; p < n_; ++p) text_utilities_[p] = scenario_.profile(p).Utility(text_);
  if (options_.record_trace) {
    result_.trace.Add({text_step, round_, time_, n_ + mediator, ActionType::kOffer}, &text_, text_utilities_.data());
  }

  feedback_.clear();
  for (std::size_t p = 0; p < n_; ++p) {
    if (!Ask(p)) return;
  }

  for (std::size_t m = 0; m < mediators_.size(); ++m) {
    try {
      mediators_[m]->ObserveAnswers(text_, votes_, feedback_);
    } catch (...) {
      RecordThrow(n_ + m, {"while observing the answers of round {}", round_});
      Finish();
      return;
    }
  }

  bool all_accept = true;
  for (Vote vote : votes_) all_accept = all_accept && vote == Vote::kAccept;
  if (all_accept) {
    accepted_ = text_;
    has_accepted_ = true;
    Announce(text_step);
    if (done_) return;
  }

  previous_ = text_;
  previous_utilities_ = text_utilities_;
  has_previous_ = true;
  ++round_;
  // Finish as soon as the deadline has passed rather than on the next Step, so that a runner
  // sharing the clock sees the negotiation done.
  ReachedDeadline();
}

bool SingleTextRun::Ask(std::size_t party) {
  // A party never learns how the others voted: the table shows no acceptances.
  const std::optional<ActionType> action =
      AskParty(party, round_, &text_, n_, 0, text_utilities_, {"while answering the text in round {}", round_});
  if (!action) return false;
  const std::uint64_t step = step_++;
  switch (*action) {
    case ActionType::kAccept: votes_[party] = Vote::kAccept; break;
    case ActionType::kOffer: votes_[party] = Vote::kVeto; break;
    case ActionType::kEndNegotiation:
      if (options_.record_trace) result_.trace.Add({step, round_, time_, party, *action}, nullptr, nullptr);
      result_.end_reason = EndReason::kEndedByParty;
      Finish();
      return false;
    default:
      RecordFaultOf(party, fmt::format("returned an unknown action in round {}", round_));
      Finish();
      return false;
  }
  if (options_.record_trace) {
    const bool accepted = *action == ActionType::kAccept;
    result_.trace.Add({step, round_, time_, party, *action}, accepted ? &text_ : nullptr,
                      accepted ? text_utilities_.data() : nullptr);
  }

  if (feedback_on_ && has_previous_) {
    std::optional<Feedback> answer;
    try {
      answer = negotiators_[party]->CompareTexts(previous_, text_);
    } catch (...) {
      RecordThrow(party, {"while comparing the texts in round {}", round_});
      Finish();
      return false;
    }
    if (!answer) {
      const std::int64_t now = UtilityKey(text_utilities_[party]);
      const std::int64_t before = UtilityKey(previous_utilities_[party]);
      answer = now > before ? Feedback::kBetter : now < before ? Feedback::kWorse : Feedback::kSame;
    }
    feedback_.push_back(*answer);
  }
  return true;
}

void SingleTextRun::Announce(std::uint64_t text_step) {
  ObservedAction announcement{
      .party = n_, .type = ActionType::kAccept, .offer = &accepted_, .step = text_step, .round = round_, .time = time_};
  if (!TellParties(announcement, text_utilities_.data(), n_,
                   {"while observing the text accepted in round {}", round_})) {
    Finish();
  }
}

void SingleTextRun::EndWithAcceptedText(EndReason otherwise) {
  if (has_accepted_) {
    result_.end_reason = EndReason::kAgreement;
    result_.agreement = accepted_;
  } else {
    result_.end_reason = otherwise;
  }
  Finish();
}

class SingleText final : public Protocol {
 public:
  SingleText(bool feedback, bool disclosed) : feedback_(feedback), disclosed_(disclosed) {}

  std::unique_ptr<NegotiationRun> Start(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                                        const std::vector<Mediator*>& mediators,
                                        const NegotiationOptions& options) override {
    internal::CheckSetup(scenario, negotiators, options);
    internal::CheckMediators(mediators, "single-text", "at least one mediator (e.g. --mediators hill-climb)");
    return std::make_unique<SingleTextRun>(scenario, negotiators, mediators, options, feedback_, disclosed_);
  }

 private:
  bool feedback_;
  bool disclosed_;
};

const bool kRegistered = ProtocolRegistry::Add(
    {"single-text",
     "Single negotiation text with vetoes: each round a mediator (round-robin, lead first) puts one text to every "
     "party, who accepts or vetoes it; the last text all accepted is the agreement at the deadline.",
     {{"feedback", "false", "also ask every party whether each text is better, the same or worse than the previous"},
      {"disclosed", "false", "give every mediator every party's profile"}},
     [](const Spec& spec) {
       return std::make_unique<SingleText>(spec.GetBool("feedback"), spec.GetBool("disclosed"));
     }});

}  // namespace
}  // namespace parley
