// GENIUS's tit-for-tat demonstration agent, agents.SimpleTFTAgent (GENIUS 9.1.10), as a GENIUS
// session runs it. It splits a pie: the domain's first issue is a real number, the share of a
// party called "Agent A". Its first four offers are fixed shares; from its fifth on it returns the
// opponent's last move in that number: its new value is its previous one plus how far the
// opponent's offer dropped since the offer it saw at its previous turn. It never accepts.
// Docs: docs/negotiation.md#genius-simple-tft--geniuss-simpletftagent
//
// GENIUS names an agent after its party ("SimpleTFTAgent@0"), never "Agent A" or "Agent B", so of
// the original's name-dependent branches only these are live: its fixed offers are 1 - 0.9, 1 - 0.9,
// 1 - 0.8 and 1 - 0.85 (the complement of the share it means to keep), and its later offers are not
// replaced by Agent B's schedule.
//
// Deliberate differences, where Parley cannot do what GENIUS does:
//  - Its turn counter is its own. The original's is a static field, shared by every SimpleTFTAgent
//    in the JVM and never reset: in GENIUS only the first session of a JVM with one such agent runs
//    as described (later ones start past the fixed offers, on an empty history, and fail).
//  - Values outside the issue's bounds are offered clamped to them (the original offers any number,
//    which Parley's outcome space cannot hold); it goes on computing from the unclamped value, as the
//    original does, so its offers are the original's, clamped.
//  - Where the original returns no action (after its fixed offers, when the last action it received
//    is not an offer: an accept among three parties) and GENIUS aborts the session, or throws (a
//    first issue that is not real, or more than one issue: its bid sets only the first), it walks
//    away.
//  - It does not sleep a second a turn, as the original does.
//  - Like the original it ignores its reservation value, so the conformance rule on the
//    reservation value spares it.
#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <vector>

#include "parley/negotiator.h"

namespace parley {
namespace {

class GeniusSimpleTft final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override {
    space_ = context.space;
    pie_ = space_->issue_count() == 1 && space_->issue(0).kind() == IssueKind::kReal;
    turn_ = 0;
    last_received_.reset();
    last_received_is_offer_ = false;
    seen_offers_.clear();
    my_last_ = 0.0;
  }

  void Observe(const ObservedAction& action) override {
    last_received_is_offer_ = action.type == ActionType::kOffer && action.offer != nullptr;
    if (last_received_is_offer_) last_received_ = (*action.offer)[0];
  }

  ActionType Act(const TurnState& /*state*/, Outcome& proposal) override {
    if (!pie_) return ActionType::kEndNegotiation;
    double value = 0.0;
    if (turn_ < kFixedShares.size()) {
      value = 1 - kFixedShares[turn_];
    } else {
      if (!last_received_is_offer_ || seen_offers_.empty()) return ActionType::kEndNegotiation;
      value = (seen_offers_.back() - *last_received_) + my_last_;
    }
    const Issue& pie = space_->issue(0);
    proposal[0] = std::clamp(value, pie.lower(), pie.upper());
    my_last_ = value;
    if (last_received_is_offer_) seen_offers_.push_back(*last_received_);
    ++turn_;
    return ActionType::kOffer;
  }

 private:
  // The shares it keeps in its first four offers.
  static constexpr std::array<double, 4> kFixedShares = {0.9, 0.9, 0.8, 0.85};

  const OutcomeSpace* space_ = nullptr;
  bool pie_ = false;
  std::size_t turn_ = 0;
  std::optional<double> last_received_;  // the value of the last offer received
  bool last_received_is_offer_ = false;  // whether the last action received was an offer
  std::vector<double> seen_offers_;      // the last offer received at each of its turns, when it was one
  double my_last_ = 0.0;                 // the value of its last offer, before clamping
};

const bool kRegistered = NegotiatorRegistry::Add(
    {"genius-simple-tft",
     "GENIUS's SimpleTFTAgent: on a pie (one real issue) four fixed offers, then its last value plus the "
     "opponent's last drop; never accepts; walks away on any other domain.",
     {},
     [](const Spec&) { return std::make_unique<GeniusSimpleTft>(); }});

}  // namespace
}  // namespace parley
