// The "genius-bayesian" opponent model: GENIUS 9.1.10's
// negotiator.boaframework.opponentmodel.BayesianModel, the adapter around
// agents.bayesianopponentmodel.BayesianOpponentModel (the unscalable form of Hindriks & Tykhonov,
// AAMAS 2008: one hypothesis per ordering of the issue weights times one value-function shape per
// issue). As GENIUS 9.1.10 ships it, the class estimates 0 for every bid on every scenario of the
// corpus, and the port reproduces exactly that. Why, read from the original:
// - building the hypotheses, a discrete issue appends its list of value-function shapes after an
//   empty list, and an integer issue appends only an empty list; the combinations are then taken
//   from the first n lists, one of which is empty as soon as the space has a discrete or integer
//   issue, so the model holds no hypothesis and every expected utility is 0;
// - its normalisation (u - least) / (greatest - least) is then 0 / 0, NaN, which its base class
//   answers with 0 (and a "crashed" message);
// - its update adds the bid to its history before asking whether the bid was seen before, so it
//   never learns, on any space; the parameter m (use only the most probable hypotheses) thus
//   changes nothing either.
// Deliberate differences:
// - On a space whose issues are all real, GENIUS holds n! * 3^n hypotheses and answers the
//   normalised expected utility of its (never updated) prior; the port answers 0 there too. No
//   scenario of the corpus has a real issue.
// - GENIUS cannot begin on 13 issues or more (n! overflows its array size); the port answers 0.
// The proof against GENIUS: docs/strategies.md#genius-bayesian--bayesianmodel
#include "parley/boa.h"

namespace parley {
namespace {

class GeniusBayesianModel final : public OpponentModel {
 public:
  void Begin(const NegotiatorContext& context) override { BeginCommon(context); }
  void Update(std::size_t, const Outcome&, double) override {}
  double EstimatedUtility(std::size_t, const Outcome&) const override { return 0.0; }
};

const bool kRegistered = OpponentModelRegistry::Add(
    {"genius-bayesian",
     "GENIUS's BayesianModel (unscalable Bayesian learning) as GENIUS 9.1.10 ships it: its hypothesis lists "
     "are misaligned, so it estimates 0 for every bid and never learns.",
     {{"m", "0", "above 0, only the most probable hypotheses count (as in GENIUS, this changes nothing)"}},
     [](const Spec&) { return std::make_unique<GeniusBayesianModel>(); }});

}  // namespace
}  // namespace parley
