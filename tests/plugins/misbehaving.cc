// Test-only plugin: negotiators that behave (offer their best outcome) for `after` turns and then
// misbehave in one way each. Loaded only by programs the tests start (never by the test process
// itself, and never registered in the library), to check that isolation contains them.
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "parley/plugin.h"

namespace {

enum class Fault { kCrash, kSpin, kHog, kThrow };

class Misbehaving final : public parley::Negotiator {
 public:
  Misbehaving(Fault fault, const parley::Spec& spec) : fault_(fault), after_(spec.GetInt("after")) {}

  void Begin(const parley::NegotiatorContext& context) override {
    ranking_ = &context.profile->utility_function().ranking();
  }

  parley::ActionType Act(const parley::TurnState&, parley::Outcome& proposal) override {
    if (turns_++ == after_) Misbehave();
    ranking_->CopyOutcome(ranking_->size() - 1, proposal);
    return parley::ActionType::kOffer;
  }

 private:
  // Not instrumented by the sanitizers, so that the invalid write is a real SIGSEGV in a sanitizer
  // build too.
  __attribute__((no_sanitize("address", "undefined"))) void Misbehave() {
    switch (fault_) {
      case Fault::kCrash: {
        volatile int* nowhere = nullptr;
        *nowhere = 1;  // a real invalid access, not a signal sent by hand
        break;
      }
      case Fault::kSpin: {
        volatile std::uint64_t counter = 0;
        while (true) counter = counter + 1;
      }
      case Fault::kHog:
        while (true) {
          // Touched, so that the memory is really used and not only reserved.
          hoard_.emplace_back(std::size_t{32} << 20, 'x');
        }
      case Fault::kThrow: throw std::runtime_error("gave up on purpose at turn " + std::to_string(after_));
    }
  }

  Fault fault_;
  std::int64_t after_;
  std::int64_t turns_ = 0;
  const parley::OutcomeRanking* ranking_ = nullptr;
  std::vector<std::string> hoard_;
};

parley::NegotiatorRegistry::Entry Entry(const char* name, const char* description, Fault fault) {
  return {
      name, description, {{"after", "2", "turns played well before misbehaving"}}, [fault](const parley::Spec& spec) {
        return std::make_unique<Misbehaving>(fault, spec);
      }};
}

}  // namespace

PARLEY_PLUGIN(registrar) {
  registrar.AddNegotiator(Entry("segfault", "Writes through a null pointer at turn `after`.", Fault::kCrash));
  registrar.AddNegotiator(Entry("spin", "Loops for ever at turn `after`.", Fault::kSpin));
  registrar.AddNegotiator(Entry("hog", "Allocates and fills memory without end at turn `after`.", Fault::kHog));
  registrar.AddNegotiator(Entry("thrower", "Throws at turn `after`.", Fault::kThrow));
}
