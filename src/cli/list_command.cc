// `parley list negotiators|protocols|formats|scenarios`: what the registries hold.
#include <string_view>

#include <fmt/format.h>

#include "cli/commands.h"
#include "parley/boa.h"
#include "parley/mediator.h"
#include "parley/negotiator.h"
#include "parley/plugin.h"
#include "parley/preference_estimator.h"
#include "parley/protocol.h"
#include "parley/scenario_format.h"

namespace parley::cli {
namespace {

template <typename T>
void PrintEntry(const typename Registry<T>::Entry& entry, std::string_view note = {}) {
  fmt::print("{}{}\n    {}\n", entry.name, note, entry.description);
  for (const auto& parameter : entry.parameters) {
    fmt::print("    {}={}  {}\n", parameter.name, parameter.default_value.empty() ? "?" : parameter.default_value,
               parameter.description);
  }
}

template <typename T>
void PrintRegistry() {
  for (const auto* entry : Registry<T>::List()) {
    PrintEntry<T>(*entry, entry->interactive ? "  (interactive: a person plays it at the terminal)" : "");
  }
}

}  // namespace

void AddListCommand(CLI::App& app) {
  auto* list = app.add_subcommand("list",
                                  "List registered negotiators, mediators, protocols, scenario formats or built-in "
                                  "scenarios.");
  list->require_subcommand(1);
  auto plugins = std::make_shared<std::vector<std::string>>();
  auto* negotiators = list->add_subcommand("negotiators", "Registered negotiators and their parameters.");
  negotiators->add_option("--plugin", *plugins, "Load negotiators from a shared library too (repeatable)");
  negotiators->callback([plugins] {
    for (const auto& plugin : *plugins) LoadPlugin(plugin);
    PrintRegistry<Negotiator>();
  });
  list->add_subcommand("mediators", "Registered mediators and their parameters.")->callback([] {
    PrintRegistry<Mediator>();
  });
  list->add_subcommand("bidding", "Registered bidding strategies (for boa negotiators).")->callback([] {
    PrintRegistry<BiddingStrategy>();
  });
  list->add_subcommand("acceptance", "Registered acceptance strategies (for boa negotiators).")->callback([] {
    PrintRegistry<AcceptanceStrategy>();
  });
  list->add_subcommand("models", "Registered opponent models (for boa negotiators).")->callback([] {
    PrintRegistry<OpponentModel>();
  });
  list->add_subcommand("estimators", "Registered preference estimators (for parties with partial preferences).")
      ->callback([] { PrintRegistry<PreferenceEstimator>(); });
  list->add_subcommand("protocols", "Registered negotiation protocols.")->callback([] { PrintRegistry<Protocol>(); });
  list->add_subcommand("formats", "Registered scenario formats.")->callback([] {
    for (const auto* entry : ScenarioFormatRegistry::List()) {
      const bool writes = ScenarioFormatRegistry::Create(entry->name)->CanWrite();
      PrintEntry<ScenarioFormat>(*entry, writes ? "  (reads and writes)" : "  (reads)");
    }
  });
  list->add_subcommand("scenarios", "Scenarios built into Parley.")->callback([] {
    for (const auto& name : BuiltinScenarioNames()) fmt::print("{}\n", name);
  });
}

}  // namespace parley::cli
