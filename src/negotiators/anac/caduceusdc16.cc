// CaduceusDC16, second in ANAC 2017 (multilateral): a port of GENIUS's
// agents.anac.y2017.caduceusdc16.CaduceusDC16 (GENIUS 9.1.10), reimplemented from its source. A
// portfolio in the manner of Caduceus (caduceus.cc; the part they share is caduceus_portfolio.h):
// until the current round reaches 0.83 d of the deadline it offers its best bid; from then on it
// asks five ANAC 2016 agents for an action every turn — YXAgent, ParsCat, Farma, MyAgent and
// Atlas3's 2016 version — scored 5, 4, 3, 2 and 1 (normalised). It accepts when the accepting
// agents outscore the offering ones and the last offer received is worth at least 0.75 to it; when
// the offering ones outscore, it offers a bid voted issue by issue from their bids; otherwise its
// best bid. All five see every action the portfolio sees and get the portfolio's profile, deadline
// and seed.
// Strategy notes: docs/strategies.md#caduceusdc16--caduceusdc16-anac-2017-multilateral
//
// What the original does, reproduced: the vote on each issue counts a value's first proposer as 1
// whatever its score and each later one by its score, ties going by java.util.HashMap order
// (caduceusdc16_vote.h). It seeds a java.util.Random from its seed but never draws from it (the
// weighted draw among the members' bids that Caduceus makes is left unused), so the port has none.
// It never reads its reservation value. The members are the ports registered as "yxagent",
// "parscat", "farma", "myagent" and "atlas3-2016"; their deliberate differences (each draws what
// the original draws unseeded from a generator seeded from context.seed) are in their files.
//
// Deliberate differences of the portfolio itself, each because Parley cannot do otherwise:
// - Persistent data: the original sets its acceptance floor to the mean utility that parties named
//   like it obtained in the earlier sessions of the tournament (GENIUS's StandardInfoList), 0.75
//   when there are none. Parley keeps nothing for a negotiator between negotiations, so the floor
//   is a parameter, `floor`, whose default 0.75 plays every negotiation as the first of a
//   tournament (as GENIUS recorded its sessions, with an empty history); a caller who knows the
//   earlier sessions' mean passes it.
// - Issues are taken to be numbered 1..n in the domain's order (the original reads the members'
//   bids by GENIUS issue number), as in every GENIUS domain of the corpus.
// - A real value hashes by identity in GENIUS, so the vote's order among real values is not
//   reproducible even there; here real values hash as 0 (caduceusdc16_vote.h).
#include <array>
#include <memory>
#include <vector>

#include "negotiators/anac/caduceus_portfolio.h"
#include "negotiators/anac/caduceusdc16_vote.h"
#include "parley/negotiator.h"
#include "parley/registry.h"

namespace parley {
namespace {

class CaduceusDC16 final : public Negotiator {
 public:
  explicit CaduceusDC16(double floor) : floor_(floor) {}
  void Begin(const NegotiatorContext& context) override;
  void Observe(const ObservedAction& action) override;
  ActionType Act(const TurnState& state, Outcome& proposal) override;
  void Finish(const NegotiationResult& result) override { portfolio_.Finish(result); }

 private:
  static constexpr std::size_t kMembers = CaduceusPortfolio::kMembers;
  static constexpr std::array<const char*, kMembers> kMemberNames = {"yxagent", "parscat", "farma", "myagent",
                                                                     "atlas3-2016"};
  static constexpr std::array<double, kMembers> kRawScores = {5, 4, 3, 2, 1};

  const double floor_;  // the least it accepts (see the header)
  const OutcomeSpace* space_ = nullptr;
  CaduceusPortfolio portfolio_;
  bool received_ = false;
  double last_received_utility_ = 0.0;
  std::vector<const Outcome*> offered_;
  std::vector<double> offered_scores_;
};

void CaduceusDC16::Begin(const NegotiatorContext& context) {
  space_ = context.space;
  received_ = false;
  last_received_utility_ = 0.0;
  std::vector<std::unique_ptr<Negotiator>> members;
  for (const char* name : kMemberNames) members.push_back(NegotiatorRegistry::Create(name));
  portfolio_.Begin(context, std::move(members), kRawScores);
}

void CaduceusDC16::Observe(const ObservedAction& action) {
  if (action.type == ActionType::kOffer && action.offer) {
    received_ = true;
    last_received_utility_ = action.offer_utility;
  }
  portfolio_.Observe(action);
}

ActionType CaduceusDC16::Act(const TurnState& state, Outcome& proposal) {
  if (portfolio_.IsBestOfferTime(state)) {
    proposal = portfolio_.best_bid();
    return ActionType::kOffer;
  }
  portfolio_.Ask(state);
  // A member accepts only with an offer on the table, so one has been received by then.
  if (portfolio_.accepting() > portfolio_.offering() && received_ && last_received_utility_ >= floor_) {
    return ActionType::kAccept;
  }
  if (portfolio_.offering() > portfolio_.accepting()) {
    offered_.clear();
    offered_scores_.clear();
    for (std::size_t m : portfolio_.offering_members()) {
      offered_.push_back(&portfolio_.proposal(m));
      offered_scores_.push_back(portfolio_.score(m));
    }
    CaduceusDC16Vote(*space_, offered_, offered_scores_, proposal);
    return ActionType::kOffer;
  }
  proposal = portfolio_.best_bid();
  return ActionType::kOffer;
}

const bool kRegistered = NegotiatorRegistry::Add(
    {"caduceusdc16",
     "CaduceusDC16 (ANAC 2017, second, multilateral), as GENIUS's agents.anac.y2017.caduceusdc16.CaduceusDC16: its "
     "best bid until 0.83 d, then the scored vote of YXAgent, ParsCat, Farma, MyAgent and Atlas3 (2016), accepting "
     "only offers worth 0.75, offering a bid voted issue by issue.",
     {{"floor", "0.75",
       "the least utility of an offer it accepts; in GENIUS the mean utility it obtained in the tournament's earlier "
       "sessions, 0.75 before any"}},
     [](const Spec& spec) { return std::make_unique<CaduceusDC16>(spec.GetDouble("floor")); }});

}  // namespace
}  // namespace parley
