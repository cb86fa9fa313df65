// The suites of conformance.h over negotiations: every registered negotiator, BOA combination,
// protocol and mediator put through CheckNegotiation in the cases each suite's comment describes.
#include <fmt/format.h>

#include "conformance.h"
#include "parley/boa.h"

namespace parley::conformance {
namespace {

NegotiationCase Case(const Scenario& scenario, std::string protocol, std::vector<std::string> negotiators,
                     std::vector<std::string> mediators, const NegotiationOptions& options) {
  NegotiationCase negotiation;
  negotiation.scenario = &scenario;
  negotiation.protocol = std::move(protocol);
  negotiation.negotiators = std::move(negotiators);
  negotiation.mediators = std::move(mediators);
  negotiation.options = options;
  return negotiation;
}

}  // namespace

Violations NegotiatorSuite(const Scenario& scenario, const NegotiationOptions& options, const PartyContract& contract) {
  Violations violations;
  const auto names = RegisteredNames<Negotiator>();
  for (const auto& first : names) {
    for (const auto& other : names) {
      std::vector<std::string> specs(scenario.party_count(), other);
      specs[0] = first;
      Append(violations, CheckNegotiation(Case(scenario, "saop", specs, {}, options), contract));
    }
  }
  return violations;
}

std::vector<std::string> BoaCombinations() {
  std::vector<std::string> specs;
  for (const auto& bidding : RegisteredNames<BiddingStrategy>()) {
    for (const auto& acceptance : RegisteredNames<AcceptanceStrategy>()) {
      for (const auto& model : RegisteredNames<OpponentModel>()) {
        specs.push_back(fmt::format("boa(bidding={},acceptance={},model={})", bidding, acceptance, model));
      }
    }
  }
  return specs;
}

Violations BoaSuite(const Scenario& scenario, const NegotiationOptions& options,
                    const std::vector<std::string>& opponents) {
  Violations violations;
  for (const auto& boa : BoaCombinations()) {
    for (const auto& opponent : opponents) {
      std::vector<std::string> specs(scenario.party_count(), opponent);
      specs[0] = boa;
      Append(violations, CheckNegotiation(Case(scenario, "saop", specs, {}, options)));
    }
  }
  return violations;
}

Violations ProtocolSuite(const Scenario& scenario, const NegotiationOptions& options) {
  Violations violations;
  const auto names = RegisteredNames<Negotiator>();
  const auto protocols = RegisteredVariants<Protocol>();
  for (const auto& protocol : protocols) {
    std::vector<std::string> mediators;
    if (!RunsWithoutMediators(protocol, scenario)) {
      const auto serving = MediatorsServing(protocol, scenario);
      if (serving.empty()) {
        violations.push_back(
            fmt::format("protocol '{}' needs a mediator, but no registered mediator serves it on "
                        "scenario '{}'",
                        protocol, scenario.name()));
        continue;
      }
      mediators = {serving.front()};
    }
    for (std::size_t k = 0; k < names.size(); ++k) {
      std::vector<std::string> specs;
      for (std::size_t p = 0; p < scenario.party_count(); ++p) specs.push_back(names[(k + p) % names.size()]);
      const NegotiationCase negotiation = Case(scenario, protocol, specs, mediators, options);
      Append(violations, CheckNegotiation(negotiation));
      // Every negotiator on threads under the first protocol; every protocol with its first case.
      if (protocol == protocols.front() || k == 0) Append(violations, CheckIndependentOfThreads(negotiation));
    }
  }
  return violations;
}

Violations MediatorSuite(const Scenario& scenario, const NegotiationOptions& options, std::size_t mixes) {
  Violations violations;
  const auto names = RegisteredNames<Negotiator>();
  std::size_t offset = 0;
  for (const auto& protocol : RegisteredVariants<Protocol>()) {
    if (RunsWithoutMediators(protocol, scenario)) continue;
    for (const auto& mediator : MediatorsServing(protocol, scenario)) {
      if (mixes == 0) {
        for (const auto& negotiator : names) {
          const std::vector<std::string> specs(scenario.party_count(), negotiator);
          Append(violations, CheckNegotiation(Case(scenario, protocol, specs, {mediator}, options)));
        }
      } else {
        for (std::size_t j = 0; j < mixes; ++j, ++offset) {
          std::vector<std::string> specs;
          for (std::size_t p = 0; p < scenario.party_count(); ++p) specs.push_back(names[(offset + p) % names.size()]);
          Append(violations, CheckNegotiation(Case(scenario, protocol, specs, {mediator}, options)));
        }
      }
      // Two of the same mediator (a team under single text; a lead and an idle co-mediator in
      // shuttle), with the negotiators in turn.
      std::vector<std::string> specs;
      for (std::size_t p = 0; p < scenario.party_count(); ++p) specs.push_back(names[p % names.size()]);
      Append(violations, CheckNegotiation(Case(scenario, protocol, specs, {mediator, mediator}, options)));
    }
  }
  return violations;
}

}  // namespace parley::conformance
