// Partial knowledge in negotiations (perceived_profile.h).
#include "protocols/perceived_profile.h"

#include <fmt/format.h>

#include "parley/error.h"
#include "parley/preference_estimator.h"
#include "protocols/run_support.h"

namespace parley::internal {
namespace {

constexpr const char* kDefaultEstimator = "genius-rank-points";

bool SameIssues(const OutcomeSpace& a, const OutcomeSpace& b) {
  if (a.issue_count() != b.issue_count()) return false;
  for (std::size_t i = 0; i < a.issue_count(); ++i) {
    if (a.issue(i).name() != b.issue(i).name() || a.issue(i).cardinality() != b.issue(i).cardinality()) return false;
  }
  return true;
}

}  // namespace

void PerceivingNegotiator::Begin(const NegotiatorContext& context) {
  NegotiatorContext perceiving = context;
  perceiving.profile = &perceived_;
  perceiving.known = known_.get();
  inner_.Begin(perceiving);
}

ActionType PerceivingNegotiator::Act(const TurnState& state, Outcome& proposal) {
  TurnState perceiving = state;
  if (state.current_offer) perceiving.current_offer_utility = perceived_.Utility(*state.current_offer);
  return inner_.Act(perceiving, proposal);
}

Vote PerceivingNegotiator::VoteOn(const VoteRequest& request, Outcome& scratch) {
  VoteRequest perceiving = request;
  if (request.turn.current_offer) {
    perceiving.turn.current_offer_utility = perceived_.Utility(*request.turn.current_offer);
  }
  return inner_.VoteOn(perceiving, scratch);
}

MopacVoting PerceivingNegotiator::Perceived(const MopacVoting& voting) {
  offers_.assign(voting.offers.begin(), voting.offers.end());
  for (MopacOffer& offer : offers_) offer.utility = perceived_.Utility(*offer.outcome);
  MopacVoting perceiving = voting;
  perceiving.offers = offers_;
  return perceiving;
}

bool PerceivingNegotiator::VoteRanges(const MopacVoting& voting, std::vector<PowerVote>& votes, Outcome& scratch) {
  return inner_.VoteRanges(Perceived(voting), votes, scratch);
}

bool PerceivingNegotiator::OptIn(const MopacVoting& voting, std::span<const MopacBallot> ballots,
                                 std::vector<PowerVote>& mine) {
  return inner_.OptIn(Perceived(voting), ballots, mine);
}

void PerceivingNegotiator::Observe(const ObservedAction& action) {
  ObservedAction perceiving = action;
  if (action.offer) perceiving.offer_utility = perceived_.Utility(*action.offer);
  inner_.Observe(perceiving);
}

std::optional<Feedback> PerceivingNegotiator::CompareTexts(const Outcome& previous, const Outcome& next) {
  if (auto answer = inner_.CompareTexts(previous, next)) return answer;
  const std::int64_t now = UtilityKey(perceived_.Utility(next));
  const std::int64_t before = UtilityKey(perceived_.Utility(previous));
  return now > before ? Feedback::kBetter : now < before ? Feedback::kWorse : Feedback::kSame;
}

std::vector<Negotiator*> WithKnowledge(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                                       const NegotiationOptions& options,
                                       std::vector<std::unique_ptr<Negotiator>>& perceivers) {
  std::vector<Negotiator*> result = negotiators;
  for (std::size_t p = 0; p < options.knowledge.size() && p < negotiators.size(); ++p) {
    const auto& known = options.knowledge[p];
    if (known == nullptr) continue;
    const Profile& truth = scenario.profile(p);
    if (!SameIssues(known->space(), scenario.space())) {
      throw UsageError(fmt::format("the knowledge of party {} ('{}') is over space '{}', not over '{}'", p,
                                   truth.name(), known->space().name(), scenario.space().name()));
    }
    const std::string spec =
        p < options.estimators.size() && !options.estimators[p].empty() ? options.estimators[p] : kDefaultEstimator;
    const auto estimate = PreferenceEstimatorRegistry::Create(spec)->Estimate(*known, SeedOfParty(options, p));
    Profile perceived(truth.name(), estimate, truth.reservation_value(), truth.discount_factor());
    if (!truth.reservation_schedule().empty()) perceived = perceived.WithSchedule(truth.reservation_schedule());
    perceivers.push_back(std::make_unique<PerceivingNegotiator>(*negotiators[p], known, std::move(perceived)));
    result[p] = perceivers.back().get();
  }
  return result;
}

}  // namespace parley::internal
