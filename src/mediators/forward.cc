// The "forward" mediator: relays every offer unchanged, so that a shuttle negotiation plays out
// exactly as stacked alternating offers would. The baseline against which the other shuttle
// mediators' effect is measured.
#include "parley/mediator.h"

namespace parley {
namespace {

class ForwardMediator final : public Mediator {
 public:
  void Begin(const MediatorContext& /*context*/) override {}

  RelayDecision Relay(const RelayState& /*state*/, const Outcome& /*offer*/, Outcome& /*replacement*/) override {
    return RelayDecision::kForward;
  }
};

const bool kRegistered = MediatorRegistry::Add(
    {"forward",
     "Shuttle: forwards every offer unchanged (shuttle with it reproduces stacked alternating offers).",
     {},
     [](const Spec&) { return std::make_unique<ForwardMediator>(); }});

}  // namespace
}  // namespace parley
