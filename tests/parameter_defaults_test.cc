// Each parameter's default is declared once, in its registration, and the registry fills it in
// before the factory runs. These tests check, for every entry of every registry, that creating it
// by name alone behaves exactly as creating it with every default written out; that each default,
// as Spec reads it, is bit for bit the value the factories used as their fallback before the
// defaults moved into the registrations (a table kept here); and the messages for a parameter
// that is missing, unknown or has a default that is not spec text.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "conformance.h"
#include "conformance_gtest.h"
#include "fixtures.h"
#include "parley/boa.h"
#include "parley/error.h"
#include "parley/mediator.h"
#include "parley/negotiator.h"
#include "parley/plugin.h"
#include "parley/protocol.h"
#include "parley/registry.h"
#include "parley/scenario_format.h"
#include "test_support.h"

namespace parley {

// A registry of its own for the registry's messages, so that no test-only entry with a required
// parameter joins the registries other tests walk.
struct Gadget {
  virtual ~Gadget() = default;
  std::string spec_seen;  // the spec its factory was handed
};

template <>
struct RegistryTraits<Gadget> {
  static constexpr const char* kKind = "gadget";
};

namespace {

namespace fs = std::filesystem;
using GadgetRegistry = Registry<Gadget>;

// --- The fallbacks the factories used before ----------------------------------------------------

// One fallback literal as it stood in a factory (`spec.GetDouble("e", 0.2)`), copied from the
// code before the defaults moved into the registrations, so that it is independent of the texts
// the registrations now hold.
struct PreviousLiteral {
  const char* kind;  // the registry: "negotiator", "bidding", "acceptance", "model", "protocol", ...
  const char* entry;
  const char* parameter;
  std::variant<double, std::int64_t, bool, std::string> value;
  bool is_spec = false;  // a nested spec (GetSpec) rather than a plain string
};

const std::vector<PreviousLiteral>& PreviousLiterals() {
  using S = std::string;
  static const std::vector<PreviousLiteral> table = {
      {"negotiator", "process", "inner", S("boulware"), true},
      {"negotiator", "process", "cpu", 60.0},
      {"negotiator", "process", "memory", std::int64_t{1024}},
      {"negotiator", "process", "timeout", 10.0},
      {"negotiator", "time", "e", 1.0},
      {"negotiator", "absolute-tft", "k", 1.0},
      // NegMAS's own defaults (NaiveTitForTatNegotiator, ACCombi in NiceTitForTatNegotiator).
      {"negotiator", "negmas-naive-tft", "kindness", 0.0},
      {"negotiator", "negmas-naive-tft", "punish", false},
      {"negotiator", "negmas-naive-tft", "initial_concession", S("min")},
      {"negotiator", "negmas-naive-tft", "must_concede", true},
      {"negotiator", "negmas-naive-tft", "no_concession_step", std::int64_t{0}},
      {"negotiator", "negmas-naive-tft", "kindness_start_step", std::int64_t{3}},
      {"negotiator", "negmas-naive-tft", "min_concession_eps", 1e-12},
      {"negotiator", "negmas-nice-tft", "a", 1.0},
      {"negotiator", "negmas-nice-tft", "b", 0.0},
      {"negotiator", "negmas-nice-tft", "t", 0.98},
      {"negotiator", "hardheaded", "e", 0.05},
      {"negotiator", "hardheaded", "min", 0.585},
      {"negotiator", "agentk", "tremor", 2.0},
      // GENIUS's CaduceusDC16 with no earlier sessions (its StandardInfoList empty).
      {"negotiator", "caduceusdc16", "floor", 0.75},
      {"negotiator", "random", "accept", 0.15},
      {"negotiator", "random", "end", 0.0},
      {"negotiator", "random", "rational", true},
      {"negotiator", "boa", "bidding", S("time"), true},
      {"negotiator", "boa", "acceptance", S("next"), true},
      {"negotiator", "boa", "model", S("none"), true},
      {"acceptance", "combi", "t", 0.98},
      {"acceptance", "combi", "a", 1.0},
      {"acceptance", "combi", "b", 0.0},
      {"acceptance", "const", "c", 0.9},
      {"acceptance", "next", "a", 1.0},
      {"acceptance", "next", "b", 0.0},
      {"acceptance", "time", "t", 0.99},
      // The GENIUS acceptance conditions: the defaults GENIUS's classes declare (getParameterSpec),
      // or, where a class declares none, the documented choice in its registration.
      {"acceptance", "genius-const", "c", 0.9},
      {"acceptance", "genius-time", "t", 0.99},
      {"acceptance", "genius-previous", "a", 1.0},
      {"acceptance", "genius-previous", "b", 0.0},
      {"acceptance", "genius-gap", "c", 0.01},
      {"acceptance", "genius-combi", "a", 1.0},
      {"acceptance", "genius-combi", "b", 0.0},
      {"acceptance", "genius-combi", "t", 0.99},
      {"acceptance", "genius-combi-max", "t", 0.98},
      {"acceptance", "genius-combi-avg", "t", 0.98},
      {"acceptance", "genius-combi-max-in-window", "t", 0.98},
      {"bidding", "time", "e", 1.0},
      {"bidding", "time", "window", 0.02},
      {"bidding", "time", "candidates", std::int64_t{64}},
      {"bidding", "tit-for-tat", "mode", S("relative")},
      {"bidding", "tit-for-tat", "window", std::int64_t{2}},
      {"bidding", "tit-for-tat", "near", 0.02},
      {"bidding", "tit-for-tat", "candidates", std::int64_t{64}},
      {"model", "frequency", "learning", 0.2},
      {"model", "frequency", "bins", std::int64_t{10}},
      {"model", "bayesian", "concession", 0.2},
      {"model", "bayesian", "sigma", 0.25},
      {"model", "bayesian", "hypotheses", std::int64_t{32}},
      {"model", "genius-hardheaded-frequency", "l", 0.2},
      {"model", "genius-bayesian", "m", 0.0},
      {"protocol", "saop", "elicitation_cost", 0.0},
      {"protocol", "shaop", "elicitation_cost", 0.1},
      {"protocol", "shuttle", "disclosed", false},
      {"protocol", "single-text", "feedback", false},
      {"protocol", "single-text", "disclosed", false},
      {"protocol", "mopac", "evaluator", S("largest-agreements-loop")},
      {"protocol", "mopac", "powers", S("1")},
      {"protocol", "tau", "accept_in_any_thread", true},
      {"protocol", "tau", "shuffle", true},
      {"format", "genius-xml", "normalise_weights", false},
      {"format", "geniusweb-json", "strict", false},
      {"mediator", "hill-climb", "objective", S("egalitarian")},
      {"mediator", "hill-climb", "stop", true},
      {"mediator", "package", "every", std::int64_t{3}},
      {"mediator", "package", "limit", std::int64_t{200000}},
      {"mediator", "package", "samples", std::int64_t{5000}},
      {"mediator", "feedback", "stop", true},
      {"mediator", "annealing", "temperature", 1.0},
  };
  return table;
}

// The registered parameters of entry `name` in the registry called `kind` in the table.
const std::vector<ParameterInfo>* RegisteredParameters(const std::string& kind, const std::string& name) {
  const auto find = [&](auto registry) -> const std::vector<ParameterInfo>* {
    using R = decltype(registry);
    return R::Has(name) ? &R::Find(name).parameters : nullptr;
  };
  if (kind == "negotiator") return find(NegotiatorRegistry{});
  if (kind == "bidding") return find(BiddingStrategyRegistry{});
  if (kind == "acceptance") return find(AcceptanceStrategyRegistry{});
  if (kind == "model") return find(OpponentModelRegistry{});
  if (kind == "protocol") return find(ProtocolRegistry{});
  if (kind == "mediator") return find(MediatorRegistry{});
  if (kind == "format") return find(ScenarioFormatRegistry{});
  ADD_FAILURE() << "no registry " << kind;
  return nullptr;
}

TEST(ParameterDefaults, EachDefaultIsBitForBitThePreviousFallback) {
  for (const PreviousLiteral& row : PreviousLiterals()) {
    SCOPED_TRACE(std::string(row.kind) + " '" + row.entry + "' parameter '" + row.parameter + "'");
    const std::vector<ParameterInfo>* parameters = RegisteredParameters(row.kind, row.entry);
    ASSERT_NE(parameters, nullptr);
    const ParameterInfo* parameter = nullptr;
    for (const auto& p : *parameters) {
      if (p.name == row.parameter) parameter = &p;
    }
    ASSERT_NE(parameter, nullptr);
    // What the factory reads: the default parsed as a spec value, under its key.
    Spec filled(row.entry);
    filled.Set(row.parameter, Spec::Parse(parameter->default_value));
    if (const double* value = std::get_if<double>(&row.value)) {
      EXPECT_EQ(std::bit_cast<std::uint64_t>(filled.GetDouble(row.parameter)), std::bit_cast<std::uint64_t>(*value))
          << parameter->default_value << " vs " << *value;
    } else if (const std::int64_t* value = std::get_if<std::int64_t>(&row.value)) {
      EXPECT_EQ(filled.GetInt(row.parameter), *value);
    } else if (const bool* value = std::get_if<bool>(&row.value)) {
      EXPECT_EQ(filled.GetBool(row.parameter), *value);
    } else if (row.is_spec) {
      EXPECT_EQ(filled.GetSpec(row.parameter), Spec::Parse(std::get<std::string>(row.value)));
    } else {
      EXPECT_EQ(filled.GetString(row.parameter), std::get<std::string>(row.value));
    }
  }
}

// The table covers every parameter of every built-in entry (plugins' entries declare their own).
TEST(ParameterDefaults, TheTableCoversEveryBuiltInParameter) {
  std::set<std::string> from_plugins;
  for (const auto& plugin : LoadedPlugins()) from_plugins.insert(plugin.negotiators.begin(), plugin.negotiators.end());
  std::set<std::string> rows;
  for (const PreviousLiteral& row : PreviousLiterals()) {
    EXPECT_TRUE(rows.insert(std::string(row.kind) + "/" + row.entry + "/" + row.parameter).second)
        << "twice: " << row.kind << " " << row.entry << " " << row.parameter;
  }
  const auto check = [&](const char* kind, auto registry) {
    using R = decltype(registry);
    for (const auto* entry : R::List()) {
      if (std::string(kind) == "negotiator" && from_plugins.count(entry->name)) continue;
      for (const auto& parameter : entry->parameters) {
        EXPECT_TRUE(rows.count(std::string(kind) + "/" + entry->name + "/" + parameter.name))
            << kind << " '" << entry->name << "' parameter '" << parameter.name << "' has no row";
      }
    }
  };
  check("negotiator", NegotiatorRegistry{});
  check("bidding", BiddingStrategyRegistry{});
  check("acceptance", AcceptanceStrategyRegistry{});
  check("model", OpponentModelRegistry{});
  check("protocol", ProtocolRegistry{});
  check("mediator", MediatorRegistry{});
  check("format", ScenarioFormatRegistry{});
}

// --- Name alone against every default written out ----------------------------------------------

// `name(k=v,...)` with every registered default written out.
template <typename T>
Spec WrittenOut(const typename Registry<T>::Entry& entry) {
  Spec spec(entry.name);
  for (const auto& parameter : entry.parameters) {
    EXPECT_FALSE(parameter.default_value.empty()) << entry.name << " '" << parameter.name << "' is required";
    spec.Set(parameter.name, Spec::Parse(parameter.default_value));
  }
  return spec;
}

// A negotiation's result, or the message of what it threw: what must be equal.
struct Played {
  std::optional<NegotiationResult> result;
  std::string error;
};

Played Play(const std::function<NegotiationResult()>& run) {
  Played played;
  try {
    played.result = run();
  } catch (const Error& e) {
    played.error = e.what();
  }
  return played;
}

void ExpectSamePlay(const Played& a, const Played& b) {
  EXPECT_EQ(a.error, b.error);
  ASSERT_EQ(a.result.has_value(), b.result.has_value());
  if (a.result) {
    EXPECT_TRUE(conformance::NoViolations(conformance::DifferencesBetween(*a.result, *b.result)));
  }
}

NegotiationOptions ShortNegotiation() {
  NegotiationOptions options;
  options.rounds = 30;
  options.seed = 11;
  return options;
}

// Calls check(name, written) for every entry of Registry<T>, with `written` its spec with every
// default written out, once the entry is known to be created both ways. Interactive entries are
// created but not checked: a negotiation with one would wait for a person.
template <typename T>
void ForEveryEntry(const std::function<void(const std::string&, const std::string&)>& check) {
  EXPECT_FALSE(Registry<T>::List().empty());
  for (const auto* entry : Registry<T>::List()) {
    const Spec written = WrittenOut<T>(*entry);
    SCOPED_TRACE(entry->name + " vs " + written.ToString());
    ASSERT_NE(Registry<T>::Create(entry->name), nullptr);
    ASSERT_NE(Registry<T>::Create(written), nullptr);
    if (entry->interactive) continue;
    check(entry->name, written.ToString());
  }
}

// Runs `run` with the spec by name alone and with its defaults written out, and expects the same
// result (or the same error). Returns whether it ran.
bool PlaysAlike(const std::string& alone, const std::string& written,
                const std::function<NegotiationResult(const std::string&)>& run) {
  const Played a = Play([&] { return run(alone); });
  ExpectSamePlay(a, Play([&] { return run(written); }));
  return a.error.empty();
}

// Each negotiator against a conceder, in both positions.
TEST(ParameterDefaults, EveryNegotiatorByNameAlonePlaysAsWithItsDefaultsWrittenOut) {
  const Scenario scenario = testing::RandomLinearScenario(5, 2, 3);
  ForEveryEntry<Negotiator>([&](const std::string& alone, const std::string& written) {
    for (const bool first : {true, false}) {
      EXPECT_TRUE(PlaysAlike(alone, written, [&](const std::string& spec) {
        return RunNegotiation(
            scenario, first ? std::vector<std::string>{spec, "conceder"} : std::vector<std::string>{"conceder", spec},
            ShortNegotiation());
      }));
    }
  });
}

// Each BOA part inside a boa negotiator, by name alone and written out (its own registry fills
// it in when boa creates it).
template <typename T>
void CheckBoaPart(const std::string& slot, const std::string& others) {
  const Scenario scenario = testing::RandomLinearScenario(6, 2, 3);
  ForEveryEntry<T>([&](const std::string& alone, const std::string& written) {
    const auto boa = [&](const std::string& part) { return "boa(" + slot + "=" + part + others + ")"; };
    EXPECT_TRUE(PlaysAlike(boa(alone), boa(written), [&](const std::string& spec) {
      return RunNegotiation(scenario, {spec, "conceder"}, ShortNegotiation());
    }));
  });
}

TEST(ParameterDefaults, EveryBiddingStrategyByNameAloneBidsAsWithItsDefaultsWrittenOut) {
  CheckBoaPart<BiddingStrategy>("bidding", ",model=frequency");
}

TEST(ParameterDefaults, EveryAcceptanceStrategyByNameAloneAcceptsAsWithItsDefaultsWrittenOut) {
  CheckBoaPart<AcceptanceStrategy>("acceptance", "");
}

TEST(ParameterDefaults, EveryOpponentModelByNameAloneModelsAsWithItsDefaultsWrittenOut) {
  CheckBoaPart<OpponentModel>("model", ",bidding=time(e=0.5)");
}

// The mediated protocols need a mediator: shuttle one that forwards, single-text one that proposes.
TEST(ParameterDefaults, EveryProtocolByNameAloneRunsAsWithItsDefaultsWrittenOut) {
  const Scenario scenario = testing::RandomLinearScenario(7, 2, 3);
  ForEveryEntry<Protocol>([&](const std::string& alone, const std::string& written) {
    std::vector<std::string> mediators;
    if (alone == "shuttle") mediators.push_back("forward");
    if (alone == "single-text") mediators.push_back("random-walk");
    EXPECT_TRUE(PlaysAlike(alone, written, [&](const std::string& protocol) {
      return RunNegotiation(scenario, {"linear", "conceder"}, ShortNegotiation(), protocol, mediators);
    }));
  });
}

// Every mediator is tried under both mediated protocols, with and without disclosed profiles
// (some need them), and must run under at least one.
TEST(ParameterDefaults, EveryMediatorByNameAloneMediatesAsWithItsDefaultsWrittenOut) {
  const Scenario scenario = testing::RandomLinearScenario(8, 2, 3);
  ForEveryEntry<Mediator>([&](const std::string& alone, const std::string& written) {
    int ran = 0;
    for (const char* protocol : {"shuttle", "shuttle(disclosed=true)", "single-text", "single-text(disclosed=true)"}) {
      SCOPED_TRACE(protocol);
      ran += PlaysAlike(alone, written, [&](const std::string& mediator) {
        return RunNegotiation(scenario, {"linear", "conceder"}, ShortNegotiation(), protocol, {mediator});
      });
    }
    EXPECT_GT(ran, 0) << "under no protocol";
  });
}

// Formats: the same answer to CanWrite, and the same files written (for those that write).
TEST(ParameterDefaults, EveryFormatByNameAloneWritesAsWithItsDefaultsWrittenOut) {
  const Scenario scenario = LoadScenario((testing::ShippedScenarios() / "genius" / "CarA").string());
  const fs::path folder = testing::TemporaryFolder("parley-parameter-defaults");
  ForEveryEntry<ScenarioFormat>([&](const std::string& alone, const std::string& written) {
    const auto by_name = ScenarioFormatRegistry::Create(alone);
    const auto written_out = ScenarioFormatRegistry::Create(written);
    ASSERT_EQ(by_name->CanWrite(), written_out->CanWrite());
    if (!by_name->CanWrite()) return;
    // Parley JSON is recognised by its extension; the folder formats do not mind it.
    const fs::path a = folder / (alone + "-alone.json");
    const fs::path b = folder / (alone + "-written.json");
    by_name->Write(scenario, a);
    written_out->Write(scenario, b);
    // The same files with the same bytes (a format writes a file or a folder of files).
    const auto files = [](const fs::path& root) {
      std::vector<fs::path> list;
      if (!fs::is_directory(root)) return std::vector<fs::path>{fs::path()};
      for (const auto& file : fs::recursive_directory_iterator(root)) list.push_back(fs::relative(file.path(), root));
      std::sort(list.begin(), list.end());
      return list;
    };
    ASSERT_EQ(files(a), files(b));
    for (const auto& file : files(a)) {
      if (fs::is_directory(a / file)) continue;
      EXPECT_EQ(testing::ReadFile(file.empty() ? a : a / file), testing::ReadFile(file.empty() ? b : b / file)) << file;
    }
  });
  fs::remove_all(folder);
}

// --- What the factory sees, and the messages ----------------------------------------------------

const bool kGadgets = [] {
  const auto factory = [](const Spec& spec) {
    auto gadget = std::make_unique<Gadget>();
    gadget->spec_seen = spec.ToString();
    return gadget;
  };
  GadgetRegistry::Add(
      {"lamp", "Has defaults.", {{"watts", "60", "power"}, {"shade", "cone(height=0.5)", "nested"}}, factory});
  GadgetRegistry::Add({"lock", "Needs a code.", {{"code", "", "the combination"}, {"turns", "3", "turns"}}, factory});
  return true;
}();

TEST(ParameterDefaults, TheFactorySeesTheFilledSpecAndTheCallerKeepsItsOwn) {
  const Spec spec = Spec::Parse("lamp(watts=40)");
  const auto lamp = GadgetRegistry::Create(spec);
  // Defaults are parsed as spec values: the nested one arrives as a nested spec.
  EXPECT_EQ(lamp->spec_seen, "lamp(shade=cone(height=0.5),watts=40)");
  // The caller's spec, whose text names results and derives seeds, is as written.
  EXPECT_EQ(spec.ToString(), "lamp(watts=40)");
  EXPECT_EQ(GadgetRegistry::Create("lamp")->spec_seen, "lamp(shade=cone(height=0.5),watts=60)");
  EXPECT_EQ(GadgetRegistry::Create("lock(code=1234)")->spec_seen, "lock(code=1234,turns=3)");
}

// The message of the UsageError `create` throws.
std::string CreateError(const std::function<void()>& create) {
  try {
    create();
  } catch (const UsageError& e) {
    return e.what();
  }
  return "no UsageError";
}

TEST(ParameterDefaults, AParameterWithoutADefaultIsRequired) {
  EXPECT_EQ(CreateError([] { GadgetRegistry::Create("lock"); }),
            "gadget 'lock' needs parameter 'code' (the combination): it has no default; write lock(code=...)");
  EXPECT_EQ(CreateError([] { GadgetRegistry::Create("lock(turns=2)"); }),
            "gadget 'lock' needs parameter 'code' (the combination): it has no default; write lock(code=...)");
}

TEST(ParameterDefaults, AnUnknownParameterIsNamedWithTheKnownOnes) {
  EXPECT_EQ(CreateError([] { NegotiatorRegistry::Create("time(x=1)"); }),
            "negotiator 'time' has no parameter 'x' (its parameters: e)");
  EXPECT_EQ(CreateError([] { NegotiatorRegistry::Create("hardliner(e=1)"); }),
            "negotiator 'hardliner' has no parameter 'e' (its parameters: none)");
  // Unknown before missing: the spec is wrong either way, and the unknown key is likely a typo of
  // the missing one.
  EXPECT_EQ(CreateError([] { GadgetRegistry::Create("lock(cod=1)"); }),
            "gadget 'lock' has no parameter 'cod' (its parameters: code, turns)");
}

TEST(ParameterDefaults, ADefaultThatIsNotSpecTextIsARegistrationError) {
  const GadgetRegistry::Entry entry{"broken", "", {{"ok", "1", ""}, {"bad", "a b", ""}}, nullptr};
  EXPECT_EQ(CreateError([&] { GadgetRegistry::CheckDefaults(entry); }),
            "gadget 'broken': the default of parameter 'bad' is not a spec value: cannot parse 'a b' at character 3: "
            "unexpected text after the end");
  const GadgetRegistry::Entry fine{
      "fine", "", {{"ok", "1", ""}, {"required", "", ""}, {"quoted", "'a b'", ""}}, nullptr};
  EXPECT_NO_THROW(GadgetRegistry::CheckDefaults(fine));
}

// Every registered default of the built-in registries is spec text (Create would say otherwise,
// but only for the entries a test creates).
TEST(ParameterDefaults, EveryBuiltInDefaultIsSpecText) {
  for (const auto* entry : NegotiatorRegistry::List()) EXPECT_NO_THROW(NegotiatorRegistry::CheckDefaults(*entry));
  for (const auto* entry : BiddingStrategyRegistry::List()) {
    EXPECT_NO_THROW(BiddingStrategyRegistry::CheckDefaults(*entry));
  }
  for (const auto* entry : AcceptanceStrategyRegistry::List()) {
    EXPECT_NO_THROW(AcceptanceStrategyRegistry::CheckDefaults(*entry));
  }
  for (const auto* entry : OpponentModelRegistry::List()) EXPECT_NO_THROW(OpponentModelRegistry::CheckDefaults(*entry));
  for (const auto* entry : ProtocolRegistry::List()) EXPECT_NO_THROW(ProtocolRegistry::CheckDefaults(*entry));
  for (const auto* entry : MediatorRegistry::List()) EXPECT_NO_THROW(MediatorRegistry::CheckDefaults(*entry));
  for (const auto* entry : ScenarioFormatRegistry::List()) {
    EXPECT_NO_THROW(ScenarioFormatRegistry::CheckDefaults(*entry));
  }
}

}  // namespace
}  // namespace parley
