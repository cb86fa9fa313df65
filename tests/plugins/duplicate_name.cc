// Test-only plugin that registers a new name and one the library already has.
#include <memory>

#include "parley/plugin.h"

namespace {

class Idle final : public parley::Negotiator {
 public:
  void Begin(const parley::NegotiatorContext&) override {}
  parley::ActionType Act(const parley::TurnState&, parley::Outcome&) override {
    return parley::ActionType::kEndNegotiation;
  }
};

parley::NegotiatorRegistry::Entry Named(const char* name) {
  return {name, "Walks away.", {}, [](const parley::Spec&) { return std::make_unique<Idle>(); }};
}

}  // namespace

PARLEY_PLUGIN(registrar) {
  registrar.AddNegotiator(Named("idle-duplicate-test"));
  registrar.AddNegotiator(Named("boulware"));
}
