// Plugins: the example plugin is loaded with dlopen and plays; each way a library can fail the
// handshake gives an error naming the file and what is wrong.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>

#include "parley/error.h"
#include "parley/plugin.h"
#include "parley/protocol.h"
#include "parley/scenario_format.h"
#include "test_support.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

fs::path TestPlugin(const char* name) { return parley::testing::TestPluginDir() / (std::string(name) + ".so"); }

// The message of the InputError `load` throws (fails the test if it throws nothing).
template <typename F>
std::string LoadError(F&& load) {
  try {
    load();
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no InputError";
  return {};
}

// The best utility `party` can get over the whole space, by walking every outcome.
double BruteForceBest(const Scenario& scenario, std::size_t party) {
  double best = -std::numeric_limits<double>::infinity();
  const OutcomeSpace& space = scenario.space();
  for (std::uint64_t i = 0; i < *space.cardinality(); ++i) {
    best = std::max(best, scenario.profile(party).Utility(space.OutcomeAt(i)));
  }
  return best;
}

TEST(Plugin, ExamplePluginRegistersItsNegotiatorWithParameters) {
  const PluginInfo& info = LoadPlugin(parley::testing::ExamplePlugin());
  EXPECT_EQ(info.negotiators, std::vector<std::string>{"stubborn"});
  EXPECT_TRUE(info.path.is_absolute());
  const auto& entry = NegotiatorRegistry::Find("stubborn");
  ASSERT_EQ(entry.parameters.size(), 1u);
  EXPECT_EQ(entry.parameters[0].name, "accept");
  EXPECT_EQ(entry.parameters[0].default_value, "0.8");
  // Loading it again is a no-op, and the list of loaded plugins names it once.
  EXPECT_EQ(&LoadPlugin(parley::testing::ExamplePlugin()), &info);
  const auto loaded = LoadedPlugins();
  EXPECT_EQ(std::count_if(loaded.begin(), loaded.end(), [&](const PluginInfo& p) { return p.path == info.path; }), 1);
  // The plugin's own parameter check runs.
  EXPECT_THROW(NegotiatorRegistry::Create("stubborn(accept=2)"), UsageError);
  EXPECT_THROW(NegotiatorRegistry::Create("stubborn(patience=2)"), UsageError);
}

// CarB's profiles with reservation values of 0, so that only `accept` decides.
Scenario CarBWithoutReservationValues() {
  const Scenario car = LoadScenario((testing::ShippedScenarios() / "genius" / "CarB").string());
  std::vector<Profile> profiles;
  for (const auto& p : car.profiles()) profiles.emplace_back(p.name(), p.shared_utility_function(), 0.0, 1.0);
  return Scenario("CarB without reservation values", car.shared_space(), profiles);
}

// `stubborn` (party 0) against the hard-liner on `scenario` for 20 rounds.
NegotiationResult AgainstTheHardliner(const Scenario& scenario, const std::string& stubborn) {
  LoadPlugin(parley::testing::ExamplePlugin());
  NegotiationOptions options;
  options.rounds = 20;
  options.seed = 3;
  return RunNegotiation(scenario, {stubborn, "hardliner"}, options);
}

// Stubborn (party 0) offers its best; the hard-liner answers with its own best, which stubborn
// takes when it is worth at least `accept` to it: with accept=0 at step 2, so the hard-liner gets
// the best utility it can have; with accept=1 never (no outcome of CarB gives both their best).
TEST(Plugin, ExamplePluginPlaysAsDocumented) {
  const Scenario scenario = CarBWithoutReservationValues();
  const NegotiationResult taken = AgainstTheHardliner(scenario, "stubborn(accept=0)");
  ASSERT_FALSE(taken.fault) << taken.fault->message;
  ASSERT_TRUE(taken.agreement);
  EXPECT_EQ(taken.steps, 3u);  // stubborn offers, the hard-liner counters, stubborn accepts
  EXPECT_EQ(taken.undiscounted_utilities[1], BruteForceBest(scenario, 1));
  EXPECT_EQ(scenario.profile(1).Utility(taken.trace.offer(1)), BruteForceBest(scenario, 1));
  EXPECT_EQ(scenario.profile(0).Utility(taken.trace.offer(0)), BruteForceBest(scenario, 0));

  const NegotiationResult refused = AgainstTheHardliner(scenario, "stubborn(accept=1)");
  ASSERT_FALSE(refused.fault) << refused.fault->message;
  EXPECT_FALSE(refused.agreement);
  EXPECT_EQ(refused.end_reason, EndReason::kDeadline);
  EXPECT_EQ(refused.steps, 40u);
  for (std::size_t i = 0; i < refused.trace.size(); ++i) {
    const std::size_t party = refused.trace.step(i).party;
    EXPECT_EQ(refused.trace.utility(i, party), BruteForceBest(scenario, party)) << "step " << i;
  }
}

// Created by name alone, stubborn gets the default its registration declares, accept=0.8: the
// registry fills it in. It takes the hard-liner's best offer exactly when that is worth 0.8 to it.
TEST(Plugin, ExamplePluginTakesItsRegisteredDefault) {
  const Scenario scenario = CarBWithoutReservationValues();
  const NegotiationResult by_name = AgainstTheHardliner(scenario, "stubborn");
  const NegotiationResult written = AgainstTheHardliner(scenario, "stubborn(accept=0.8)");
  ASSERT_FALSE(by_name.fault) << by_name.fault->message;
  ASSERT_FALSE(written.fault) << written.fault->message;
  EXPECT_EQ(by_name.steps, written.steps);
  EXPECT_EQ(by_name.agreement, written.agreement);
  EXPECT_EQ(by_name.undiscounted_utilities, written.undiscounted_utilities);
  // The hard-liner's offer (step 1) is its best outcome; stubborn takes it at step 2 if it is
  // worth at least 0.8 to stubborn, else both hold out to the deadline.
  ASSERT_GE(by_name.trace.size(), 2u);
  const bool takes = by_name.trace.utility(1, 0) >= 0.8;
  EXPECT_EQ(by_name.agreement.has_value(), takes);
  EXPECT_EQ(by_name.steps, takes ? 3u : 40u);
}

TEST(Plugin, MissingFileIsNamed) {
  const std::string message = LoadError([] { LoadPlugin("no/such/plugin.so"); });
  EXPECT_NE(message.find("no/such/plugin.so"), std::string::npos) << message;
  EXPECT_NE(message.find("no such plugin file"), std::string::npos) << message;
}

TEST(Plugin, FolderAndNonLibraryAreRefused) {
  const fs::path folder = testing::TemporaryFolder("parley-plugin-test");
  EXPECT_NE(LoadError([&] { LoadPlugin(folder); }).find("is a folder"), std::string::npos);
  const fs::path text = folder / "notes.so";
  { std::ofstream(text) << "not a library\n"; }
  const std::string message = LoadError([&] { LoadPlugin(text); });
  EXPECT_NE(message.find(text.string()), std::string::npos) << message;
  EXPECT_NE(message.find("cannot load the plugin"), std::string::npos) << message;
  fs::remove_all(folder);
}

TEST(Plugin, LibraryWithoutTheEntryPointIsNotAPlugin) {
  const std::string message = LoadError([] { LoadPlugin(TestPlugin("no_entry_point")); });
  EXPECT_NE(message.find("no_entry_point.so"), std::string::npos) << message;
  EXPECT_NE(message.find("not a Parley plugin"), std::string::npos) << message;
  EXPECT_NE(message.find("parley_register_plugin"), std::string::npos) << message;
}

TEST(Plugin, OtherAbiVersionIsRefusedWithBothVersions) {
  const std::string message = LoadError([] { LoadPlugin(TestPlugin("wrong_abi")); });
  EXPECT_NE(message.find("wrong_abi.so"), std::string::npos) << message;
  EXPECT_NE(message.find("ABI 999 (a future standard library)"), std::string::npos) << message;
  EXPECT_NE(message.find("this program has ABI " + std::to_string(PARLEY_PLUGIN_ABI_VERSION) + " (" +
                         plugin_abi::BuildSignature() + ")"),
            std::string::npos)
      << message;
  // A refused plugin is not remembered as loaded.
  for (const auto& plugin : LoadedPlugins()) EXPECT_EQ(plugin.path.filename(), "stubborn.so");
}

TEST(Plugin, TakenNameRefusesTheWholePlugin) {
  const std::string message = LoadError([] { LoadPlugin(TestPlugin("duplicate_name")); });
  EXPECT_NE(message.find("duplicate_name.so"), std::string::npos) << message;
  EXPECT_NE(message.find("'boulware', a name that is already taken"), std::string::npos) << message;
  // All or nothing: its other negotiator was not added either.
  EXPECT_FALSE(NegotiatorRegistry::Has("idle-duplicate-test"));
}

TEST(Plugin, DefaultThatIsNotSpecTextRefusesTheWholePlugin) {
  const fs::path path = TestPlugin("bad_default");
  const std::string message = LoadError([&] { LoadPlugin(path); });
  EXPECT_EQ(message, path.string() +
                         ": negotiator 'bad-default-test': the default of parameter 'wait' is not a spec value: cannot "
                         "parse 'time(e=' at character 8: expected a name or a value");
  EXPECT_FALSE(NegotiatorRegistry::Has("good-default-test"));
  EXPECT_FALSE(NegotiatorRegistry::Has("bad-default-test"));
}

}  // namespace
}  // namespace parley
