// For ports of GENIUS agents whose random choice is among offers that are equivalent for the
// agent (equally good bids, bids within one utility band): the port replayed with each of its
// offers replaced by the recorded one where the two are worth the same to it within a tolerance,
// and only there, so that a trace can be followed past the first random choice while every offer's
// worth and every other decision is still compared. The port learns of the replacement through an
// Observe() of its own offer (Parley's protocols never send one; ports whose state depends on
// their own offers take it as the bid actually made). Test-only, header-only. One replay at a
// time: the recorded offers are reached through a process-wide pointer set around the replay.
#ifndef PARLEY_TESTS_GENIUS_EQUIVALENT_OFFERS_H_
#define PARLEY_TESTS_GENIUS_EQUIVALENT_OFFERS_H_

#include <cctype>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "genius_recorded_offers.h"
#include "genius_trace.h"
#include "parley/negotiator.h"

namespace parley::testing {

// Every seat the GENIUS agent `genius_class` (fully qualified) took in its recorded sessions.
struct GeniusSeat {
  std::filesystem::path file;
  std::size_t party = 0;
};
inline std::vector<GeniusSeat> SeatsOf(const std::string& short_name, const std::string& genius_class) {
  std::vector<GeniusSeat> seats;
  for (const auto& file : TracesOfAgent(short_name, false)) {
    const GeniusTrace trace = ReadGeniusTrace(file);
    for (std::size_t p = 0; p < trace.start.agents.size(); ++p) {
      if (trace.start.agents[p] == genius_class) seats.push_back({file, p});
    }
  }
  return seats;
}

// The recorded offers of the party under test, the tolerance, and what the replay found.
struct EquivalentOffers {
  RecordedOffers offers;
  double tolerance = 1e-12;
  int replaced = 0;                  // port's bid replaced by the recorded, equivalent one
  int unequal = 0;                   // port's bid worth more than `tolerance` away from the recorded one
  std::uint64_t first_replaced = 0;  // GENIUS step of the first replacement
  int replaced_deterministic = 0;    // of those, at steps in offers.deterministic
  // Offers worth more than `band` away from the recorded ones (replaced or not): with a tolerance
  // wider than the band, how often the port's choice strayed from GENIUS's band.
  double band = std::numeric_limits<double>::infinity();
  int beyond_band = 0;
};

inline EquivalentOffers*& CurrentEquivalentOffers() {
  static EquivalentOffers* current = nullptr;
  return current;
}

class WithEquivalentRecordedOffers final : public Negotiator {
 public:
  explicit WithEquivalentRecordedOffers(const std::string& inner) : inner_(NegotiatorRegistry::Create(inner)) {}
  void Begin(const NegotiatorContext& context) override {
    profile_ = context.profile;
    party_ = context.party;
    inner_->Begin(context);
  }
  void Observe(const ObservedAction& action) override { inner_->Observe(action); }
  void Finish(const NegotiationResult& result) override { inner_->Finish(result); }
  ActionType Act(const TurnState& state, Outcome& proposal) override {
    const ActionType action = inner_->Act(state, proposal);
    EquivalentOffers* recorded = CurrentEquivalentOffers();
    if (action != ActionType::kOffer || recorded == nullptr) return action;
    const auto it = recorded->offers.by_step.find(state.step + 1);  // GENIUS counts steps from 1
    if (it == recorded->offers.by_step.end() || it->second == proposal) return action;
    const double gap = std::abs(profile_->Utility(it->second) - profile_->Utility(proposal));
    if (gap > recorded->band) ++recorded->beyond_band;
    if (gap > recorded->tolerance) {
      ++recorded->unequal;
      return action;
    }
    proposal = it->second;
    if (recorded->offers.deterministic.count(state.step + 1)) ++recorded->replaced_deterministic;
    if (recorded->replaced++ == 0) recorded->first_replaced = state.step + 1;
    ObservedAction own;
    own.party = party_;
    own.offer = &proposal;
    own.offer_utility = profile_->Utility(proposal);
    own.step = state.step;
    own.round = state.round;
    own.time = state.time;
    inner_->Observe(own);
    return action;
  }

 private:
  std::unique_ptr<Negotiator> inner_;
  const Profile* profile_ = nullptr;
  std::size_t party_ = 0;
};

// Replays `trace` with `inner` (a registered negotiator) as party `party`, its offers replaced by
// the recorded ones where they are worth the same within `offers.tolerance`; prints the comparison
// and the counts.
inline TraceComparison ReplayWithEquivalentOffers(const GeniusTrace& trace, std::size_t party, const std::string& inner,
                                                  EquivalentOffers& offers) {
  std::string name = "test-" + inner + "-equivalent-recorded-offers";
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') c = '-';  // a spec's parameters
  }
  if (!NegotiatorRegistry::Has(name)) {
    NegotiatorRegistry::Add(
        {name, inner + " offering the recorded bids where equivalent (tests only).", {}, [inner](const Spec&) {
           return std::make_unique<WithEquivalentRecordedOffers>(inner);
         }});
  }
  const Scenario scenario = LoadTraceScenario(trace);
  offers.offers = ReadRecordedOffers(trace, scenario.space(), party);
  CurrentEquivalentOffers() = &offers;
  TraceComparison comparison = ReplayAgainstTrace(trace, party, name);
  CurrentEquivalentOffers() = nullptr;
  std::cout << comparison.Describe(trace) << " (" << offers.replaced << " of " << offers.offers.by_step.size()
            << " offers replaced by equivalent recorded ones, " << offers.unequal << " not equivalent, "
            << offers.beyond_band << " beyond " << offers.band << " of the recorded)\n";
  return comparison;
}

}  // namespace parley::testing

#endif  // PARLEY_TESTS_GENIUS_EQUIVALENT_OFFERS_H_
