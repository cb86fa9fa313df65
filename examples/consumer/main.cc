// A program that uses an installed Parley as any outside project does (CMakeLists.txt here, or
// pkg-config; docs/install.md). It checks that linking the library by name brought the
// implementations that register themselves, then plays the built-in scenario's Rafah track: in
// this process, with one negotiator isolated in the installed worker program, and, given a plugin,
// against the plugin's negotiator. Each agreement's utilities are recomputed from the profiles.
//
//   consumer [PLUGIN.so]
//
// Prints one line per negotiation; exits 1 after naming every check that failed.
#include <cmath>
#include <cstddef>
#include <iostream>
#include <string>
#include <vector>

#include "parley/boa.h"
#include "parley/error.h"
#include "parley/isolation.h"
#include "parley/mediator.h"
#include "parley/negotiator.h"
#include "parley/plugin.h"
#include "parley/protocol.h"
#include "parley/scenario_format.h"

namespace {

int failures = 0;

void Check(bool ok, const std::string& what) {
  if (!ok) {
    std::cerr << "consumer: " << what << "\n";
    ++failures;
  }
}

// A few names of each kind, from the documentation: a linker that dropped the library's
// registrations would leave these registries empty.
template <typename Registry>
void ExpectRegistered(const std::string& kind, const std::vector<std::string>& names) {
  for (const auto& name : names) Check(Registry::Has(name), kind + " '" + name + "' is not registered");
}

// Plays the Rafah track; a fault fails, and so does the lack of an agreement when `must_agree`.
void Play(const parley::Scenario& scenario, const std::vector<std::string>& specs, bool must_agree) {
  parley::NegotiationOptions options;
  options.rounds = 200;
  options.seed = 7;
  const parley::NegotiationResult result = parley::RunNegotiation(scenario, specs, options);
  std::string who;
  for (const auto& spec : specs) who += (who.empty() ? "" : " vs ") + spec;
  Check(!result.fault, who + ": fault: " + (result.fault ? result.fault->message : ""));
  Check(result.agreement.has_value() || !must_agree, who + ": no agreement in 200 rounds");
  std::cout << who << ": " << parley::EndReasonName(result.end_reason) << " in round " << result.rounds;
  if (result.agreement) {
    std::cout << ", " << scenario.space().Format(*result.agreement);
    Check(result.undiscounted_utilities.size() == scenario.party_count(), who + ": one utility per party expected");
    for (std::size_t party = 0; party < scenario.party_count() && party < result.undiscounted_utilities.size();
         ++party) {
      const double expected = scenario.profile(party).Utility(*result.agreement);
      Check(std::abs(result.undiscounted_utilities[party] - expected) < 1e-12,
            who + ": utility of " + scenario.profile(party).name() + " differs from its profile's");
    }
  }
  std::cout << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  try {
    ExpectRegistered<parley::NegotiatorRegistry>("negotiator", {"boulware", "conceder", "hardheaded", "process"});
    ExpectRegistered<parley::BiddingStrategyRegistry>("bidding strategy", {"time"});
    ExpectRegistered<parley::AcceptanceStrategyRegistry>("acceptance strategy", {"next", "combi"});
    ExpectRegistered<parley::OpponentModelRegistry>("opponent model", {"frequency"});
    ExpectRegistered<parley::MediatorRegistry>("mediator", {"forward", "hill-climb"});
    ExpectRegistered<parley::ProtocolRegistry>("protocol", {"saop", "single-text", "shuttle"});
    ExpectRegistered<parley::ScenarioFormatRegistry>("scenario format", {"genius-xml", "parley-json"});

    const parley::Scenario scenario = parley::LoadScenario("ceasefire-2024#rafah");
    Play(scenario, {"boulware", "conceder"}, true);
    std::cout << "worker: " << parley::NegotiatorWorkerPath().string() << "\n";
    Play(scenario, {parley::IsolatedSpec("boulware"), "conceder"}, true);
    if (argc > 1) {
      const parley::PluginInfo& plugin = parley::LoadPlugin(argv[1]);
      Check(!plugin.negotiators.empty(), std::string(argv[1]) + ": registered no negotiator");
      if (!plugin.negotiators.empty()) Play(scenario, {plugin.negotiators.front(), "conceder"}, false);
    }
  } catch (const parley::Error& e) {
    std::cerr << "consumer: error: " << e.what() << "\n";
    return 1;
  }
  return failures == 0 ? 0 : 1;
}
