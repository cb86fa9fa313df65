// The "withhold" mediator: a filter of non-starters. It withholds an offer that would give some
// receiving party less than that party's reservation value (at the time of the offer, following
// its schedule) and forwards the rest. It can judge only the parties whose profiles were
// disclosed to it; without disclosure it forwards everything.
#include "parley/mediator.h"

namespace parley {
namespace {

class WithholdMediator final : public Mediator {
 public:
  void Begin(const MediatorContext& context) override {
    disclosed_ = context.disclosed;
    max_rounds_ = context.max_rounds;
  }

  RelayDecision Relay(const RelayState& state, const Outcome& offer, Outcome& /*replacement*/) override {
    for (std::size_t p = 0; p < disclosed_.size(); ++p) {
      const Profile* profile = disclosed_[p];
      if (p == state.from || profile == nullptr) continue;
      if (profile->Utility(offer) < profile->ReservationValueAt(state.time, max_rounds_)) {
        return RelayDecision::kWithhold;
      }
    }
    return RelayDecision::kForward;
  }

 private:
  std::vector<const Profile*> disclosed_;
  std::uint64_t max_rounds_ = 0;
};

const bool kRegistered = MediatorRegistry::Add(
    {"withhold",
     "Shuttle: withholds offers that give a receiving party less than its reservation value (known only for "
     "parties that disclosed their preferences) and forwards the rest.",
     {},
     [](const Spec&) { return std::make_unique<WithholdMediator>(); }});

}  // namespace
}  // namespace parley
