// The `human` negotiator in the studio: a seat at the table for a person in a browser tab. The
// negotiation's thread asks the seat to act and waits; the person's page polls what the seat
// shows (its own utilities only) and posts a move, which wakes the negotiation.
//
// Thread safety: the negotiation's thread calls the Negotiator methods; request threads call
// View() and Move(). Both sides hold SeatTable::mutex, which the seats of one negotiation share
// with the negotiation's other state.
#ifndef PARLEY_STUDIO_WEB_SEAT_H_
#define PARLEY_STUDIO_WEB_SEAT_H_

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "parley/negotiator.h"
#include "parley/protocol.h"
#include "studio/studio_internal.h"

namespace parley::studio {

// What the seats of one negotiation share with it.
struct SeatTable {
  std::mutex mutex;
  std::condition_variable moved;  // a person moved, or the negotiation is stopping
  bool stopping = false;
  std::optional<std::size_t> waiting_for;  // the seat waiting for its person, if any
  // Publishes the negotiation's actions so far; called with `mutex` held, on the negotiation's
  // thread (so a page sees the offer its person answers before the person answers).
  std::function<void()> publish;
};

class WebSeat final : public Negotiator {
 public:
  // `parties`: every party's name, in turn order.
  WebSeat(SeatTable& table, std::vector<std::string> parties, std::chrono::milliseconds patience)
      : table_(table), parties_(std::move(parties)), patience_(patience) {}

  void Begin(const NegotiatorContext& context) override;
  ActionType Act(const TurnState& state, Outcome& proposal) override;
  void Observe(const ObservedAction& action) override;
  void Finish(const NegotiationResult& result) override;

  // What the person sees (docs/studio.md, GET /api/runs/ID/seats/P). Hold table.mutex.
  Json View(const std::string& run_state) const;
  // The person's move; 409 when it is not the seat's turn, 400 for a move that is not valid. Hold
  // table.mutex.
  void Move(const Json& body);
  // The seat's own undiscounted utility of `outcome`. Hold table.mutex.
  double UtilityOf(const Outcome& outcome) const { return context_.profile->Utility(outcome); }
  const OutcomeSpace& space() const { return *context_.space; }

 private:
  struct Entry {
    std::uint64_t round = 0;
    std::size_t party = 0;
    ActionType action = ActionType::kOffer;
    std::optional<Outcome> outcome;
    double utility = 0.0;
  };
  struct PendingMove {
    ActionType action = ActionType::kOffer;
    Outcome outcome;
  };

  Json EntryJson(const Entry& entry) const;

  SeatTable& table_;
  std::vector<std::string> parties_;
  std::chrono::milliseconds patience_;
  NegotiatorContext context_;
  std::optional<Outcome> best_;  // the seat's best outcome, in spaces small enough to search
  bool waiting_ = false;
  bool timed_out_ = false;
  std::optional<PendingMove> move_;
  TurnState turn_;
  std::optional<Outcome> offer_on_table_;
  std::vector<Entry> history_;  // every action, the seat's own included
  struct Ending {
    EndReason reason = EndReason::kDeadline;
    std::optional<Outcome> agreement;
    double utility = 0.0, undiscounted_utility = 0.0;
    std::uint64_t rounds = 0;
  };
  std::optional<Ending> ending_;
};

}  // namespace parley::studio

#endif  // PARLEY_STUDIO_WEB_SEAT_H_
