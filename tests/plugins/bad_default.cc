// Test-only plugin that registers a negotiator whose parameter default is not spec text, after one
// that is fine: the loader refuses both.
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

parley::NegotiatorRegistry::Entry Named(const char* name, const char* default_value) {
  return {name, "Walks away.", {{"wait", default_value, "unused"}},
          [](const parley::Spec&) { return std::make_unique<Idle>(); }};
}

}  // namespace

PARLEY_PLUGIN(registrar) {
  registrar.AddNegotiator(Named("good-default-test", "3"));
  registrar.AddNegotiator(Named("bad-default-test", "time(e="));
}
