// A person's seat in a studio negotiation (web_seat.h). The rules are those of the terminal's
// `human` negotiator: a person sees its own utilities and nothing of the others' preferences,
// may offer any valid outcome, accept the offer on the table, or walk away; a person who does not
// move within the patience given walks away.
#include "studio/web_seat.h"

#include <fmt/format.h>

#include "parley/protocol.h"

namespace parley::studio {

namespace {

// The seat names its best outcome when finding it takes at most this many evaluations.
constexpr std::uint64_t kBestSearchLimit = 1'000'000;

}  // namespace

void WebSeat::Begin(const NegotiatorContext& context) {
  std::lock_guard lock(table_.mutex);
  context_ = context;
  const OutcomeSpace& space = *context.space;
  if (space.cardinality() && *space.cardinality() <= kBestSearchLimit) {
    Outcome outcome(space.issue_count());
    double best_utility = -1.0;
    for (OutcomeIndex index = 0; index < *space.cardinality(); ++index) {
      space.Decode(index, outcome);
      const double utility = context.profile->Utility(outcome);
      if (utility > best_utility) {
        best_utility = utility;
        best_ = outcome;
      }
    }
  }
}

ActionType WebSeat::Act(const TurnState& state, Outcome& proposal) {
  std::unique_lock lock(table_.mutex);
  turn_ = state;
  offer_on_table_.reset();
  if (state.current_offer) offer_on_table_ = *state.current_offer;
  move_.reset();
  waiting_ = true;
  table_.waiting_for = context_.party;
  if (table_.publish) table_.publish();
  const bool moved = table_.moved.wait_for(lock, patience_, [&] { return move_.has_value() || table_.stopping; });
  waiting_ = false;
  table_.waiting_for.reset();
  if (!moved || !move_) {
    timed_out_ = !moved;
    if (moved) table_.stopped_a_seat = true;
    return ActionType::kEndNegotiation;
  }
  if (move_->action == ActionType::kOffer) proposal = move_->outcome;
  return move_->action;
}

void WebSeat::Observe(const ObservedAction& action) {
  std::lock_guard lock(table_.mutex);
  Entry entry{action.round, action.party, action.type, std::nullopt, action.offer_utility};
  if (action.offer) entry.outcome = *action.offer;
  history_.push_back(std::move(entry));
}

void WebSeat::Finish(const NegotiationResult& result) {
  std::lock_guard lock(table_.mutex);
  ending_ = Ending{result.end_reason, result.agreement, result.utilities[context_.party],
                   result.undiscounted_utilities[context_.party], result.rounds};
}

Json WebSeat::EntryJson(const Entry& entry) const {
  Json json = {
      {"round", entry.round + 1},
      {"party", entry.party < parties_.size() ? parties_[entry.party] : fmt::format("mediator {}", entry.party)},
      {"action", ActionTypeName(entry.action)}};
  if (entry.outcome) {
    json["outcome"] = OutcomeValues(*context_.space, *entry.outcome);
    json["utility"] = entry.utility;
  }
  return json;
}

Json WebSeat::View(const std::string& run_state) const {
  const OutcomeSpace& space = *context_.space;
  const Profile& profile = *context_.profile;
  Json view = {{"party", context_.party},
               {"name", context_.party < parties_.size() ? parties_[context_.party] : ""},
               {"state", run_state},
               {"your_turn", waiting_},
               {"round", turn_.round + 1},
               {"rounds", context_.max_rounds},
               {"time", turn_.time},
               {"time_limit_seconds", context_.time_limit_seconds},
               {"reservation_value", profile.ReservationValueAt(turn_.time, context_.max_rounds)},
               {"discount_factor", profile.discount_factor()},
               {"issues", IssuesJson(space)},
               {"offer", nullptr},
               {"best", nullptr},
               {"result", nullptr}};
  if (offer_on_table_) {
    view["offer"] = {{"by", turn_.offerer < parties_.size() ? parties_[turn_.offerer] : ""},
                     {"outcome", OutcomeValues(space, *offer_on_table_)},
                     {"utility", turn_.current_offer_utility}};
  }
  if (best_) view["best"] = {{"outcome", OutcomeValues(space, *best_)}, {"utility", profile.Utility(*best_)}};
  Json history = Json::array();
  for (const auto& entry : history_) history.push_back(EntryJson(entry));
  view["history"] = std::move(history);
  if (ending_) {
    Json result = {{"end", EndReasonName(ending_->reason)},
                   {"agreement", nullptr},
                   {"utility", ending_->utility},
                   {"undiscounted_utility", ending_->undiscounted_utility},
                   {"rounds", ending_->rounds},
                   {"timed_out", timed_out_}};
    if (ending_->agreement) result["agreement"] = OutcomeValues(space, *ending_->agreement);
    view["result"] = std::move(result);
  }
  return view;
}

void WebSeat::Move(const Json& body) {
  if (!waiting_) throw HttpError(409, "it is not this seat's turn");
  const std::string action = StringField(body, "action", "");
  PendingMove move;
  if (action == "offer") {
    move.action = ActionType::kOffer;
    move.outcome = OutcomeOfValues(*context_.space, body.contains("outcome") ? body["outcome"] : Json(), "outcome");
  } else if (action == "accept") {
    if (!offer_on_table_) throw HttpError(409, "there is no offer on the table to accept");
    move.action = ActionType::kAccept;
  } else if (action == "end") {
    move.action = ActionType::kEndNegotiation;
  } else {
    throw HttpError(400, "\"action\" must be \"offer\", \"accept\" or \"end\"");
  }
  // The seat's own move, as the history shows the others'.
  Entry entry{turn_.round, context_.party, move.action, std::nullopt, 0.0};
  if (move.action == ActionType::kOffer) {
    entry.outcome = move.outcome;
    entry.utility = context_.profile->Utility(move.outcome);
  } else if (move.action == ActionType::kAccept) {
    entry.outcome = *offer_on_table_;
    entry.utility = turn_.current_offer_utility;
  }
  history_.push_back(std::move(entry));
  // Taken now: the page that posted it sees the seat no longer waiting, before the negotiation
  // wakes.
  waiting_ = false;
  table_.waiting_for.reset();
  move_ = std::move(move);
  table_.moved.notify_all();
}

}  // namespace parley::studio
