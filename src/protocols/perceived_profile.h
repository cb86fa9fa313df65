// Partial knowledge in a negotiation (NegotiationOptions::knowledge): the negotiator of a party
// that knows only part of its preferences is begun with the profile it perceives (its
// estimator's utility function with the true reservation value, schedule and discount factor, as
// GENIUS 9.1.10's NegotiationPartyInternal gives its agents) and its knowledge in
// NegotiatorContext::known, and is shown its perceived utilities of every offer. The protocol
// still records and scores the negotiation with the true profiles. docs/uncertainty.md.
#ifndef PARLEY_PROTOCOLS_PERCEIVED_PROFILE_H_
#define PARLEY_PROTOCOLS_PERCEIVED_PROFILE_H_

#include <memory>
#include <optional>
#include <vector>

#include "parley/partial_preferences.h"
#include "parley/protocol.h"

namespace parley::internal {

// Stands between the protocol and a negotiator that perceives `perceived` instead of its true
// profile; `inner` must outlive it.
class PerceivingNegotiator final : public Negotiator {
 public:
  PerceivingNegotiator(Negotiator& inner, std::shared_ptr<const PartialPreferences> known, Profile perceived)
      : inner_(inner), known_(std::move(known)), perceived_(std::move(perceived)) {}

  void Begin(const NegotiatorContext& context) override;
  ActionType Act(const TurnState& state, Outcome& proposal) override;
  void Observe(const ObservedAction& action) override;
  Vote VoteOn(const VoteRequest& request, Outcome& scratch) override;
  bool VoteRanges(const MopacVoting& voting, std::vector<PowerVote>& votes, Outcome& scratch) override;
  bool OptIn(const MopacVoting& voting, std::span<const MopacBallot> ballots, std::vector<PowerVote>& mine) override;
  void Finish(const NegotiationResult& result) override { inner_.Finish(result); }
  // The negotiator's own answer, or the truthful one for the profile it perceives.
  std::optional<Feedback> CompareTexts(const Outcome& previous, const Outcome& next) override;

 private:
  Negotiator& inner_;
  std::shared_ptr<const PartialPreferences> known_;
  Profile perceived_;
  std::vector<MopacOffer> offers_;  // the offers shown, with their perceived utilities
  // The voting shown, its offers worth what the perceived profile says.
  MopacVoting Perceived(const MopacVoting& voting);
};

// The negotiators to run: `negotiators` as they are where options.knowledge says nothing, the
// others behind a PerceivingNegotiator kept in `perceivers`. Throws UsageError when a party's
// knowledge is over another space or its estimator cannot estimate from it.
std::vector<Negotiator*> WithKnowledge(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                                       const NegotiationOptions& options,
                                       std::vector<std::unique_ptr<Negotiator>>& perceivers);

}  // namespace parley::internal

#endif  // PARLEY_PROTOCOLS_PERCEIVED_PROFILE_H_
