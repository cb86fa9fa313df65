// Test-only plugin that registers a negotiator whose parameter default is not spec text, after one
// that is fine: the loader refuses both, so neither factory is ever called.
#include <memory>

#include "parley/plugin.h"

namespace {

parley::NegotiatorRegistry::Entry Named(const char* name, const char* default_value) {
  return {name, "Never made.", {{"wait", default_value, "unused"}}, [](const parley::Spec&) {
            return std::unique_ptr<parley::Negotiator>();
          }};
}

}  // namespace

PARLEY_PLUGIN(registrar) {
  registrar.AddNegotiator(Named("good-default-test", "3"));
  registrar.AddNegotiator(Named("bad-default-test", "time(e="));
}
