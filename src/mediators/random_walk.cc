// The random-walk mediator: the simplest single-text mediator, a baseline for the others. Each
// text is the standing (last accepted) text with one issue changed to a random other value;
// before any text has been accepted, each text is a fresh uniformly random outcome. It ignores
// the answers, so every improvement it finds is luck; seeded, so runs repeat.
#include "mediators/text_moves.h"
#include "parley/mediator.h"
#include "parley/random.h"

namespace parley {
namespace {

class RandomWalk final : public Mediator {
 public:
  void Begin(const MediatorContext& context) override {
    rng_ = Rng(context.seed);
    moves_.Reset(*context.space);
  }

  bool ProposeText(const TextState& state, Outcome& text) override {
    if (!state.accepted_text) {
      moves_.RandomText(rng_, text);
      return true;
    }
    text = *state.accepted_text;
    moves_.ChangeOneIssue(rng_, text);
    return true;
  }

 private:
  Rng rng_{0};
  internal::TextMoves moves_;
};

const bool kRegistered = MediatorRegistry::Add(
    {"random-walk",
     "Single text: the accepted text with one issue changed at random (a random text until one is accepted).",
     {},
     [](const Spec&) { return std::make_unique<RandomWalk>(); }});

}  // namespace
}  // namespace parley
