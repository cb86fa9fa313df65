// Name-to-factory registries: how the CLI, tests, tournaments and Python find negotiators,
// protocols and scenario formats.
//
// Each implementation registers itself from its own .cc file with a static registerer:
//
//   const bool kRegistered = parley::Registry<parley::Negotiator>::Add({
//       "time", "Time-dependent concession ...",
//       {{"e", "1", "concession exponent"}},
//       [](const parley::Spec& spec) { return std::make_unique<TimeBased>(spec.GetDouble("e")); }});
//
// A parameter's default is declared once, there: Create fills in every registered parameter the
// spec leaves out before the factory sees it, so a factory reads its parameters without fallbacks.
//
// Nothing else keeps lists of implementations. Registration happens during static
// initialisation; afterwards the registry is read-only and safe to use from many threads.
#ifndef PARLEY_REGISTRY_H_
#define PARLEY_REGISTRY_H_

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "parley/error.h"
#include "parley/spec.h"

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

struct ParameterInfo {
  std::string name;
  // Spec text ("0.2", "true", "time(e=0.2)") of the value taken when a spec leaves the parameter
  // out. Empty: the parameter has no default, and every spec must give it.
  std::string default_value;
  std::string description;
};

// Specialised by each registered interface to name itself in messages ("negotiator").
template <typename T>
struct RegistryTraits;

template <typename T>
class Registry {
 public:
  using Factory = std::function<std::unique_ptr<T>(const Spec&)>;
  struct Entry {
    std::string name;
    std::string description;
    std::vector<ParameterInfo> parameters;
    Factory factory;  // called by Create with the filled-in spec; call Create, not this
    // The implementation needs a person (the `human` negotiator, who plays at the terminal).
    // Whatever runs entries unattended (the conformance suites, tournaments, benchmarks) leaves
    // interactive entries out, and tournaments refuse them.
    bool interactive = false;
  };

  // Adds an entry; returns true so it can initialise a static constant. A second entry with the
  // same name is a programming error and aborts registration with std::logic_error.
  static bool Add(Entry entry) {
    auto& entries = Entries();
    const std::string name = entry.name;
    if (!entries.emplace(name, std::move(entry)).second) {
      throw std::logic_error(std::string(RegistryTraits<T>::kKind) + " '" + name + "' registered twice");
    }
    return true;
  }

  // Creates the implementation named by spec.name(), checking its parameters against the entry,
  // and hands the factory the spec with every registered parameter it leaves out set to its
  // default. The caller's spec is not changed: its text, as written, is what results show and
  // seeds derive from. Nested specs (boa's parts, process's inner negotiator) stay as written;
  // their own registries fill them in when they are created.
  static std::unique_ptr<T> Create(const Spec& spec) {
    const Entry& entry = Find(spec.name());
    for (const auto& parameter : spec.parameters()) {
      const std::string& key = parameter.first;  // not a structured binding: clang 14 cannot capture one
      const bool known = std::any_of(entry.parameters.begin(), entry.parameters.end(),
                                     [&](const ParameterInfo& p) { return p.name == key; });
      if (!known) {
        std::string list;
        for (const auto& p : entry.parameters) list += (list.empty() ? "" : ", ") + p.name;
        throw UsageError(std::string(RegistryTraits<T>::kKind) + " '" + spec.name() + "' has no parameter '" + key +
                         "' (its parameters: " + (list.empty() ? "none" : list) + ")");
      }
    }
    Spec filled = spec;
    for (const auto& parameter : entry.parameters) {
      if (filled.has(parameter.name)) continue;
      if (parameter.default_value.empty()) {
        const std::string what = parameter.description.empty() ? "" : " (" + parameter.description + ")";
        throw UsageError(std::string(RegistryTraits<T>::kKind) + " '" + spec.name() + "' needs parameter '" +
                         parameter.name + "'" + what + ": it has no default; write " + spec.name() + "(" +
                         parameter.name + "=...)");
      }
      filled.Set(parameter.name, ParseDefault(entry, parameter));
    }
    return entry.factory(filled);
  }
  static std::unique_ptr<T> Create(std::string_view text) { return Create(Spec::Parse(text)); }

  // Throws UsageError naming the first default of `entry` that is not spec text. Registrations
  // made at run time (plugins, Python) call this before Add; built-in ones are covered by the
  // suite, which creates every entry by name alone.
  static void CheckDefaults(const Entry& entry) {
    for (const auto& parameter : entry.parameters) {
      if (!parameter.default_value.empty()) ParseDefault(entry, parameter);
    }
  }

  static bool Has(const std::string& name) { return Entries().count(name) > 0; }

  static const Entry& Find(const std::string& name) {
    const auto& entries = Entries();
    auto it = entries.find(name);
    if (it == entries.end()) {
      std::string list;
      for (const auto& [key, value] : entries) list += (list.empty() ? "" : ", ") + key;
      throw UsageError("unknown " + std::string(RegistryTraits<T>::kKind) + " '" + name + "' (known: " + list + ")");
    }
    return it->second;
  }

  // All entries, sorted by name.
  static std::vector<const Entry*> List() {
    std::vector<const Entry*> list;
    for (const auto& [name, entry] : Entries()) list.push_back(&entry);
    return list;
  }

  // Test hook: an entry registered for the lifetime of this object and removed when it is
  // destroyed, so that a test can put a deliberately broken implementation through the checks
  // that loop over List() without other tests seeing it. Adding and removing are not
  // thread-safe: no other thread may look anything up in this registry meanwhile. Objects the
  // entry created stay valid after the removal (they do not refer to it); pointers from List()
  // to it do not. Throws std::logic_error as Add() does when the name is taken.
  class ScopedEntry {
   public:
    explicit ScopedEntry(Entry entry) : name_(entry.name) { Add(std::move(entry)); }
    ~ScopedEntry() { Entries().erase(name_); }
    ScopedEntry(const ScopedEntry&) = delete;
    ScopedEntry& operator=(const ScopedEntry&) = delete;

   private:
    std::string name_;
  };

 private:
  static Spec ParseDefault(const Entry& entry, const ParameterInfo& parameter) {
    try {
      return Spec::Parse(parameter.default_value);
    } catch (const UsageError& e) {
      throw UsageError(std::string(RegistryTraits<T>::kKind) + " '" + entry.name + "': the default of parameter '" +
                       parameter.name + "' is not a spec value: " + e.what());
    }
  }

  static std::map<std::string, Entry>& Entries() {
    static std::map<std::string, Entry> entries;
    return entries;
  }
};

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_REGISTRY_H_
