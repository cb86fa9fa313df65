// The "annealing" mediator: simulated annealing over single texts (Kirkpatrick, Gelatt and Vecchi
// 1983). In Klein, Faratin, Sayama and Bar-Yam's mediated single-text negotiation (2003), and in
// GENIUS's Annealer after it, the parties anneal; here the mediator does, so that parties who vote
// truthfully still let the search cross texts someone vetoes to reach better ones. It keeps a
// current text and proposes it with one issue changed. A text every party accepts becomes the
// current text (and the standing text, by the protocol's rule); a vetoed text of its own becomes
// the current text anyway with probability exp(-vetoes / T), T falling with time. So it can
// leave a standing text that every neighbour of it loses, which hill-climb cannot; the
// agreement is still the last text every party accepted.
// Schedule, probabilities and parameters: docs/mediation.md#single-negotiation-text
#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include <fmt/format.h>

#include "mediators/text_moves.h"
#include "parley/error.h"
#include "parley/mediator.h"
#include "parley/random.h"

namespace parley {
namespace {

class Annealing final : public Mediator {
 public:
  explicit Annealing(double temperature) : temperature_(temperature) {
    if (!std::isfinite(temperature_) || temperature_ < 0.0) {
      throw UsageError(fmt::format("annealing: temperature must be a non-negative number, got {}", temperature_));
    }
  }

  void Begin(const MediatorContext& context) override {
    rng_ = Rng(context.seed);
    moves_.Reset(*context.space);
    current_ = Outcome(context.space->issue_count());
    accepted_ = current_;
    has_current_ = false;
    has_accepted_ = false;
    proposed_ = false;
  }

  bool ProposeText(const TextState& state, Outcome& text) override {
    // A text all accepted while another mediator was drafting, or before this one began.
    if (state.accepted_text && (!has_accepted_ || !(accepted_ == *state.accepted_text))) {
      accepted_ = *state.accepted_text;
      has_accepted_ = true;
      current_ = accepted_;
      has_current_ = true;
    }
    if (!has_current_) {
      moves_.RandomText(rng_, current_);
      has_current_ = true;
      text = current_;
    } else {
      text = current_;
      moves_.ChangeOneIssue(rng_, text);
    }
    proposed_ = true;
    proposed_time_ = state.time;
    return true;
  }

  void ObserveAnswers(const Outcome& text, const std::vector<Vote>& votes,
                      const std::vector<Feedback>& /*feedback*/) override {
    const bool own = proposed_;
    proposed_ = false;
    std::size_t vetoes = 0;
    for (Vote vote : votes) vetoes += vote == Vote::kVeto ? 1 : 0;
    if (vetoes == 0) {
      accepted_ = text;
      has_accepted_ = true;
      current_ = text;
      has_current_ = true;
      return;
    }
    if (!own) return;
    // At temperature 0 the exponent is -infinity: a vetoed text is never taken, and nothing drawn.
    const double probability = std::exp(-static_cast<double>(vetoes) / TemperatureAt(proposed_time_));
    if (probability > 0.0 && rng_.Bernoulli(probability)) current_ = text;
  }

 private:
  // Linear cooling in normalised time, from `temperature` at the start to 0 at the deadline: it
  // needs no count of rounds, so it is the same under a deadline in rounds or in seconds, and the
  // last texts are a hill climb. (A geometric schedule never reaches 0 and needs a rate fitted to
  // the number of rounds, which a wall-clock deadline does not give.)
  double TemperatureAt(double time) const { return temperature_ * std::max(0.0, 1.0 - time); }

  double temperature_;
  Rng rng_{0};
  internal::TextMoves moves_;
  Outcome current_;   // where the search stands: neighbours of it are proposed
  Outcome accepted_;  // the last text every party accepted, as far as this mediator knows
  bool has_current_ = false;
  bool has_accepted_ = false;
  bool proposed_ = false;  // whether the text being answered is this mediator's
  double proposed_time_ = 0.0;
};

const bool kRegistered = MediatorRegistry::Add(
    {"annealing",
     "Single text: simulated annealing; proposes neighbours (one issue changed) of its current text, which "
     "follows texts all accept and, with probability exp(-vetoes / T), vetoed ones; T cools linearly to 0.",
     {{"temperature", "1", "the temperature T at the start, falling linearly to 0 at the deadline"}},
     [](const Spec& spec) { return std::make_unique<Annealing>(spec.GetDouble("temperature")); }});

}  // namespace
}  // namespace parley
