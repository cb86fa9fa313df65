// An example plugin: the negotiator "stubborn", in a shared library of its own.
//
//   build/parley negotiate --plugin build/examples/plugin/stubborn.so --negotiators 'stubborn(accept=0.7),boulware'
//
// Stubborn offers its own best outcome at every turn and accepts an offer worth at least `accept`
// to it (and never less than its reservation value). docs/plugins.md walks through this file.
#include <algorithm>
#include <memory>

#include "parley/plugin.h"

namespace {  // a plugin's own classes stay out of the program's namespace

class Stubborn final : public parley::Negotiator {
 public:
  explicit Stubborn(const parley::Spec& spec) : accept_(spec.GetDouble("accept")) {
    if (!(accept_ >= 0.0 && accept_ <= 1.0)) {
      throw parley::UsageError("stubborn: accept must be between 0 and 1");
    }
  }

  void Begin(const parley::NegotiatorContext& context) override {
    profile_ = context.profile;
    // Outcomes sorted by this party's utility, shared by every negotiator using the profile.
    ranking_ = &profile_->utility_function().ranking();
    threshold_ = std::max(accept_, profile_->reservation_value());
  }

  parley::ActionType Act(const parley::TurnState& state, parley::Outcome& proposal) override {
    if (state.current_offer && state.current_offer_utility >= threshold_) return parley::ActionType::kAccept;
    ranking_->CopyOutcome(ranking_->size() - 1, proposal);
    return parley::ActionType::kOffer;
  }

 private:
  double accept_;
  double threshold_ = 1.0;
  const parley::Profile* profile_ = nullptr;
  const parley::OutcomeRanking* ranking_ = nullptr;
};

}  // namespace

PARLEY_PLUGIN(registrar) {
  registrar.AddNegotiator({"stubborn",
                           "Offers its own best outcome every turn; accepts an offer worth at least `accept` (and "
                           "its reservation value).",
                           {{"accept", "0.8", "the least utility it accepts"}},
                           [](const parley::Spec& spec) { return std::make_unique<Stubborn>(spec); }});
}
