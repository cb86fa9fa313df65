// MOPAC, Multiple Offers Partial Consensus (GeniusWeb's protocol "MOPAC", geniusweb.protocol.session.
// mopac: MOPACState, OfferPhase, VotingPhase, OptInPhase, GeniusWeb 2.x read in its Python port).
// Every round has three phases: each party makes an offer; each votes on the offers with a power
// range; each may widen its votes (opt in). The opt-in votes form coalitions by the chosen voting
// evaluator (mopac_evaluators.h); a coalition's parties agree among themselves and leave, and the
// rest go on while at least two negotiate. A party that walks away or breaks the rules leaves
// alone. Rules, sources and Parley's choices: docs/negotiation.md#mopac-mopac
#include <algorithm>
#include <charconv>
#include <memory>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "parley/error.h"
#include "parley/protocol.h"
#include "protocols/mopac_evaluators.h"
#include "protocols/run_support.h"

namespace parley {
namespace {

using internal::MopacEvaluator;

// The evaluators enumerate every group of voters on an outcome, as GeniusWeb's power set does.
constexpr std::size_t kMaxParties = 20;

class MopacRun final : public internal::RunBase {
 public:
  MopacRun(const Scenario& scenario, const std::vector<Negotiator*>& negotiators, const NegotiationOptions& options,
           std::vector<int> powers, MopacEvaluator evaluator)
      // One round (Offer, Voting and OptIn) per Step(); each party records an offer and a few votes.
      : RunBase(scenario, negotiators, options, 1, 4 * scenario.party_count()),
        powers_(std::move(powers)),
        total_power_(std::accumulate(powers_.begin(), powers_.end(), 0)),
        evaluator_(evaluator),
        state_(n_, PartyState::kNegotiating),
        offers_(n_, Outcome(space_.issue_count())),
        offer_utilities_(n_ * n_, 0.0),
        opt_ins_(n_),
        last_shown_(n_) {
    if (result_.fault) Finish();
  }

  const Outcome* current_offer() const override { return result_.agreement ? &*result_.agreement : nullptr; }

 private:
  enum class PartyState { kNegotiating, kAgreed, kWalkedAway, kRemoved };

  std::uint64_t ClockPosition() const override { return round_; }
  std::uint64_t RoundsPlayed() const override { return rounds_begun_; }
  void EndAtDeadline() override { Conclude(EndReason::kDeadline); }
  void Move() override;

  // Each phase asks the parties negotiating when it starts, in turn order; false when the run ended.
  bool OfferPhase();
  bool VotingPhase();
  bool OptInPhase();
  // With a wall-clock limit, whether it has passed before the next move (the run is then finished).
  bool DeadlineBeforeMove() { return options_.time_limit_seconds > 0.0 && ReachedDeadline(); }
  // The parties negotiating now, in turn order.
  std::vector<std::size_t> Negotiating() const;
  // Party `party` walks away (recorded as kEndNegotiation at step `step`) or is removed for breaking a
  // rule; false when fewer than two parties are left, which ends the run.
  bool WalkAway(std::size_t party, std::uint64_t step);
  bool Remove(std::size_t party, std::string why);
  // A party's remove-or-go-on after the rest of its departure; false when the run ended.
  bool AfterDeparture(EndReason reason);
  // Why `votes` break the rules, or nothing: each names an offer shown, with 1 <= min <= max, and
  // no two name the same outcome.
  std::optional<std::string> CheckVotes(const std::vector<PowerVote>& votes) const;
  // Why `mine` does not extend `before` (GeniusWeb's Votes.isExtending), or nothing.
  std::optional<std::string> CheckExtends(const std::vector<PowerVote>& before,
                                          const std::vector<PowerVote>& mine) const;
  // What the voting and opt-in phases show `voter`.
  MopacVoting Shown(std::size_t voter);
  void RecordVotes(std::size_t party, std::uint64_t step, const std::vector<PowerVote>& votes, bool opt_in);
  // The coalitions of this round's opt-in votes leave with their outcomes.
  void FormCoalitions();
  // Ends the run: one coalition of every party is the agreement, other coalitions a partial
  // agreement; without any, `otherwise`.
  void Conclude(EndReason otherwise);
  // The first offer with offer k's outcome: votes are about outcomes, as GeniusWeb's are about bids.
  std::size_t BidOf(std::size_t k) const;
  const double* OfferUtilities(std::size_t k) const { return offer_utilities_.data() + k * n_; }

  std::vector<int> powers_;
  int total_power_;
  MopacEvaluator evaluator_;
  std::vector<PartyState> state_;
  std::vector<Outcome> offers_;      // this round's offers, in the order made
  std::vector<std::size_t> makers_;  // who made each
  std::vector<std::uint64_t> offer_steps_;
  std::vector<double> offer_utilities_;                         // offer k's utility for party p at k * n_ + p
  std::vector<MopacOffer> shown_;                               // the offers as one voter sees them
  std::vector<MopacBallot> ballots_;                            // this round's voting-phase votes, by party
  std::vector<std::optional<std::vector<PowerVote>>> opt_ins_;  // this round's opt-in votes, by party
  std::vector<PowerVote> votes_;                                // scratch for a party's votes
  std::vector<std::optional<Outcome>> last_shown_;              // the last offer of another party shown to each
  std::optional<Fault> last_removal_;
  std::uint64_t round_ = 0;
  std::uint64_t rounds_begun_ = 0;
};

void MopacRun::Move() {
  if (ReachedDeadline()) return;
  ++rounds_begun_;
  if (!OfferPhase() || !VotingPhase() || !OptInPhase()) return;
  ++round_;
  // Finish as soon as the deadline has passed, so that a runner sharing the clock sees it done.
  ReachedDeadline();
}

std::vector<std::size_t> MopacRun::Negotiating() const {
  std::vector<std::size_t> parties;
  for (std::size_t p = 0; p < n_; ++p) {
    if (state_[p] == PartyState::kNegotiating) parties.push_back(p);
  }
  return parties;
}

bool MopacRun::OfferPhase() {
  makers_.clear();
  offer_steps_.clear();
  bool first = true;
  for (const std::size_t party : Negotiating()) {
    if (!first && DeadlineBeforeMove()) return false;
    first = false;
    const TurnState turn{.step = step_, .round = round_, .time = time_};
    FitToSpace(proposal_);
    const std::uint64_t step = step_++;
    ActionType action;
    try {
      action = negotiators_[party]->Act(turn, proposal_);
    } catch (...) {
      if (!Remove(party,
                  fmt::format("threw during its offer at step {}: {}", step, internal::DescribeCurrentException()))) {
        return false;
      }
      continue;
    }
    if (action == ActionType::kEndNegotiation) {
      if (!WalkAway(party, step)) return false;
      continue;
    }
    std::optional<std::string> wrong;
    if (action == ActionType::kAccept) {
      // A negotiator written for alternating offers accepts the offers it was shown: it puts the last
      // of them forward again, as amop treats an acceptance while bidding.
      if (last_shown_[party]) {
        proposal_ = *last_shown_[party];
      } else {
        wrong = fmt::format("accepted at step {} in an offer phase before it was shown any offer", step);
      }
    } else if (action != ActionType::kOffer) {
      wrong = fmt::format("returned an unknown action at step {}", step);
    } else if (!space_.IsValid(proposal_, &why_)) {
      wrong = fmt::format("proposed an invalid outcome at step {}: {}", step, why_);
    }
    if (wrong) {
      if (!Remove(party, std::move(*wrong))) return false;
      continue;
    }
    if (action == ActionType::kAccept) action = ActionType::kOffer;
    const std::size_t k = makers_.size();
    offers_[k] = proposal_;
    makers_.push_back(party);
    offer_steps_.push_back(step);
    double* utilities = offer_utilities_.data() + k * n_;
    for (std::size_t p = 0; p < n_; ++p) utilities[p] = scenario_.profile(p).Utility(offers_[k]);
    if (options_.record_trace) {
      result_.trace.Add({step, round_, time_, party, ActionType::kOffer}, &offers_[k], utilities);
    }
  }
  return true;
}

bool MopacRun::VotingPhase() {
  // GeniusWeb's Voting inform shows every offer of the round at once; Parley also shows each as an
  // observed offer, so that negotiators learn from them as under the other protocols.
  for (const std::size_t party : Negotiating()) {
    for (std::size_t k = 0; k < makers_.size() && state_[party] == PartyState::kNegotiating; ++k) {
      if (makers_[k] == party) continue;
      last_shown_[party] = offers_[k];
      const ObservedAction observed{.party = makers_[k],
                                    .type = ActionType::kOffer,
                                    .offer = &offers_[k],
                                    .offer_utility = OfferUtilities(k)[party],
                                    .step = offer_steps_[k],
                                    .round = round_,
                                    .time = time_};
      try {
        negotiators_[party]->Observe(observed);
      } catch (...) {
        if (!Remove(party, fmt::format("threw while observing step {}: {}", offer_steps_[k],
                                       internal::DescribeCurrentException()))) {
          return false;
        }
      }
    }
  }
  ballots_.clear();
  for (const std::size_t party : Negotiating()) {
    if (DeadlineBeforeMove()) return false;
    const MopacVoting voting = Shown(party);
    votes_.clear();
    FitToSpace(proposal_);
    const std::uint64_t step = step_++;
    bool stays = false;
    try {
      stays = negotiators_[party]->VoteRanges(voting, votes_, proposal_);
    } catch (...) {
      if (!Remove(party, fmt::format("threw while voting at step {}: {}", step, internal::DescribeCurrentException())))
        return false;
      continue;
    }
    if (!stays) {
      if (!WalkAway(party, step)) return false;
      continue;
    }
    if (std::optional<std::string> wrong = CheckVotes(votes_)) {
      if (!Remove(party, fmt::format("voted at step {} {}", step, *wrong))) return false;
      continue;
    }
    RecordVotes(party, step, votes_, false);
    ballots_.push_back({party, votes_});
  }
  return true;
}

bool MopacRun::OptInPhase() {
  // A wall-clock deadline is checked before the phase only: an opt-in phase, once begun, ends with
  // its coalitions, so that every opt-in vote recorded counted.
  if (DeadlineBeforeMove()) return false;
  std::fill(opt_ins_.begin(), opt_ins_.end(), std::nullopt);
  for (const std::size_t party : Negotiating()) {
    const auto own = std::find_if(ballots_.begin(), ballots_.end(),
                                  [&](const MopacBallot& ballot) { return ballot.party == party; });
    if (own == ballots_.end()) continue;  // every party negotiating now voted; kept for safety
    votes_ = own->votes;
    const MopacVoting voting = Shown(party);
    const std::uint64_t step = step_++;
    bool stays = false;
    try {
      stays = negotiators_[party]->OptIn(voting, ballots_, votes_);
    } catch (...) {
      if (!Remove(party, fmt::format("threw in the opt-in at step {}: {}", step, internal::DescribeCurrentException())))
        return false;
      continue;
    }
    if (!stays) {
      if (!WalkAway(party, step)) return false;
      continue;
    }
    std::optional<std::string> wrong = CheckVotes(votes_);
    if (!wrong) wrong = CheckExtends(own->votes, votes_);
    if (wrong) {
      if (!Remove(party, fmt::format("opted in at step {} {}", step, *wrong))) return false;
      continue;
    }
    RecordVotes(party, step, votes_, true);
    opt_ins_[party] = votes_;
  }
  FormCoalitions();
  if (Negotiating().size() < 2) {
    Conclude(EndReason::kDeadline);  // a coalition formed, so the reason is the coalitions'
    return false;
  }
  return true;
}

MopacVoting MopacRun::Shown(std::size_t voter) {
  shown_.clear();
  for (std::size_t k = 0; k < makers_.size(); ++k)
    shown_.push_back({&offers_[k], makers_[k], OfferUtilities(k)[voter]});
  return {.step = step_,
          .round = round_,
          .time = time_,
          .voter = voter,
          .offers = shown_,
          .powers = powers_,
          .total_power = total_power_};
}

std::size_t MopacRun::BidOf(std::size_t k) const {
  std::size_t first = 0;
  while (first < k && offers_[first] != offers_[k]) ++first;
  return first;
}

std::optional<std::string> MopacRun::CheckVotes(const std::vector<PowerVote>& votes) const {
  for (std::size_t i = 0; i < votes.size(); ++i) {
    const PowerVote& vote = votes[i];
    if (vote.offer >= makers_.size()) {
      return fmt::format("on offer {}, but the round has {} offers", vote.offer, makers_.size());
    }
    if (vote.min_power < 1 || vote.max_power < vote.min_power) {
      return fmt::format("on offer {} with power range [{}, {}]; expected 1 <= min_power <= max_power", vote.offer,
                         vote.min_power, vote.max_power);
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (BidOf(votes[j].offer) == BidOf(vote.offer)) {
        return fmt::format("twice on {} (offers {} and {}); expected one vote per outcome",
                           space_.Format(offers_[vote.offer]), votes[j].offer, vote.offer);
      }
    }
  }
  return std::nullopt;
}

std::optional<std::string> MopacRun::CheckExtends(const std::vector<PowerVote>& before,
                                                  const std::vector<PowerVote>& mine) const {
  for (const PowerVote& old : before) {
    const auto kept = std::find_if(mine.begin(), mine.end(), [&](const PowerVote& vote) {
      return BidOf(vote.offer) == BidOf(old.offer) && vote.min_power <= old.min_power &&
             vote.max_power >= old.max_power;
    });
    if (kept == mine.end()) {
      return fmt::format("without its vote on offer {} with power range [{}, {}] or a wider one", old.offer,
                         old.min_power, old.max_power);
    }
  }
  return std::nullopt;
}

void MopacRun::RecordVotes(std::size_t party, std::uint64_t step, const std::vector<PowerVote>& votes, bool opt_in) {
  if (!options_.record_trace) return;
  for (const PowerVote& vote : votes) {
    result_.trace.AddVote({step, round_, time_, party, ActionType::kAccept}, offers_[vote.offer],
                          OfferUtilities(vote.offer), {vote.min_power, vote.max_power, opt_in});
  }
}

void MopacRun::FormCoalitions() {
  // The bids: the round's distinct outcomes, in the order first offered.
  std::vector<std::vector<internal::RangedVote>> votes_by_bid(makers_.size());
  for (std::size_t p = 0; p < n_; ++p) {
    if (!opt_ins_[p] || state_[p] != PartyState::kNegotiating) continue;
    for (const PowerVote& vote : *opt_ins_[p]) {
      votes_by_bid[BidOf(vote.offer)].push_back({p, vote.min_power, vote.max_power});
    }
  }
  for (internal::VotedCoalition& formed : internal::FormCoalitions(evaluator_, votes_by_bid, powers_)) {
    for (const std::size_t party : formed.parties) state_[party] = PartyState::kAgreed;
    result_.coalitions.push_back({offers_[formed.bid], std::move(formed.parties), round_, time_});
  }
}

bool MopacRun::WalkAway(std::size_t party, std::uint64_t step) {
  state_[party] = PartyState::kWalkedAway;
  if (options_.record_trace) {
    result_.trace.Add({step, round_, time_, party, ActionType::kEndNegotiation}, nullptr, nullptr);
  }
  return AfterDeparture(EndReason::kEndedByParty);
}

bool MopacRun::Remove(std::size_t party, std::string why) {
  state_[party] = PartyState::kRemoved;
  result_.removals.push_back({party, std::move(why)});
  return AfterDeparture(EndReason::kFault);
}

bool MopacRun::AfterDeparture(EndReason reason) {
  // With fewer than two parties left no coalition can form any more: GeniusWeb's session would end
  // after the phase, Parley ends it at once.
  if (Negotiating().size() >= 2) return true;
  if (reason == EndReason::kFault && result_.coalitions.empty()) result_.fault = result_.removals.back();
  Conclude(reason);
  return false;
}

void MopacRun::Conclude(EndReason otherwise) {
  if (result_.coalitions.size() == 1 && result_.coalitions.front().parties.size() == n_) {
    result_.end_reason = EndReason::kAgreement;
    result_.agreement = result_.coalitions.front().outcome;
  } else {
    result_.end_reason = result_.coalitions.empty() ? otherwise : EndReason::kPartialAgreement;
  }
  Finish();
}

// "2:1:1" or one value for every party.
std::vector<int> ParsePowers(const std::string& text) {
  std::vector<int> powers;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = std::min(text.find(':', start), text.size());
    int power = 0;
    const char* first = text.data() + start;
    const char* last = text.data() + end;
    const auto [stop, error] = std::from_chars(first, last, power);
    if (first == last || error != std::errc() || stop != last || power < 1) {
      throw UsageError(
          fmt::format("mopac: powers must be whole numbers >= 1 separated by ':' (e.g. 2:1:1), found '{}'", text));
    }
    powers.push_back(power);
    if (end == text.size()) break;
    start = end + 1;
  }
  return powers;
}

MopacEvaluator ParseEvaluator(const std::string& name) {
  if (name == "largest-agreement") return MopacEvaluator::kLargestAgreement;
  if (name == "largest-agreements-loop") return MopacEvaluator::kLargestAgreementsLoop;
  throw UsageError(
      fmt::format("mopac: evaluator must be 'largest-agreement' or 'largest-agreements-loop', found '{}'", name));
}

class Mopac final : public Protocol {
 public:
  Mopac(std::vector<int> powers, MopacEvaluator evaluator) : powers_(std::move(powers)), evaluator_(evaluator) {}

  std::unique_ptr<NegotiationRun> Start(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                                        const std::vector<Mediator*>& mediators,
                                        const NegotiationOptions& options) override {
    internal::CheckSetup(scenario, negotiators, options);
    if (!mediators.empty()) throw UsageError("the mopac protocol has no mediators");
    const std::size_t n = scenario.party_count();
    if (n > kMaxParties) {
      throw UsageError(
          fmt::format("mopac: {} parties; its voting evaluators weigh every group of voters and take "
                      "at most {}",
                      n, kMaxParties));
    }
    if (powers_.size() != 1 && powers_.size() != n) {
      throw UsageError(
          fmt::format("mopac: powers gives {} values for {} parties; expected 1 or {}", powers_.size(), n, n));
    }
    std::vector<int> powers = powers_.size() == 1 ? std::vector<int>(n, powers_.front()) : powers_;
    return std::make_unique<MopacRun>(scenario, negotiators, options, std::move(powers), evaluator_);
  }

 private:
  std::vector<int> powers_;
  MopacEvaluator evaluator_;
};

const bool kRegistered = ProtocolRegistry::Add(
    {"mopac",
     "Multiple offers partial consensus (GeniusWeb's MOPAC): each round every party offers, votes on the offers "
     "with a power range and may widen its votes; groups whose votes agree form coalitions that leave with their "
     "outcome, and the rest go on.",
     {{"evaluator", "largest-agreements-loop",
       "how opt-in votes form coalitions: 'largest-agreement' (the most powerful one a round) or "
       "'largest-agreements-loop' (the most powerful, then again among the rest)"},
      {"powers", "1", "each party's power, in turn order, separated by ':' (e.g. 2:1:1); one value for every party"}},
     [](const Spec& spec) {
       return std::make_unique<Mopac>(ParsePowers(spec.GetString("powers")),
                                      ParseEvaluator(spec.GetString("evaluator")));
     }});

}  // namespace
}  // namespace parley
