// Negotiators loaded from shared libraries (`parley negotiate --plugin lib.so`), and the contract
// such a library follows. docs/plugins.md has a worked example.
//
// The contract is a C++ one: a plugin is compiled against the same Parley headers, with the same
// C++ standard library, as the program that loads it, because its negotiators implement the C++
// Negotiator interface and are handed C++ objects (outcomes, profiles, results). The two are
// compared, through a plain C handshake that PARLEY_PLUGIN writes, before any C++ object crosses;
// a mismatch is refused with a message saying what differs. How and why:
// docs/plugins.md#the-abi-contract
//
//   #include "parley/plugin.h"
//   PARLEY_PLUGIN(registrar) {
//     registrar.AddNegotiator({"stubborn", "Offers its best outcome ...", {{"accept", "0.8", "..."}},
//                              [](const parley::Spec& spec) { return std::make_unique<Stubborn>(spec); }});
//   }
//
// A loaded plugin is never unloaded: its code backs the negotiators it registered.
#ifndef PARLEY_PLUGIN_H_
#define PARLEY_PLUGIN_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

#include "parley/negotiator.h"
#include "parley/protocol.h"

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

// Raised whenever a public header changes in a way that breaks compiled plugins (a virtual
// function, a field of a struct a negotiator sees). The layout fingerprint in the build signature
// below catches most changes of size that a forgotten raise would let through. 2: the registry
// fills in registered defaults before a factory runs, and Spec's getters lost their fallbacks.
// 3: Negotiator::VoteOn, for the voting protocols. 4: Negotiator::VoteRanges and OptIn (mopac), and
// NegotiationResult's coalitions and removals.
#define PARLEY_PLUGIN_ABI_VERSION 4

// The handshake between host and plugin. Its layout is fixed for every ABI version, so that any
// two versions can at least tell each other what they are.

extern "C" {
struct ParleyPluginCall {
  // Filled by the host.
  std::uint32_t host_abi_version;
  const char* host_build;
  void* registrar;  // a parley::PluginRegistrar*, touched only when the versions match
  char* error;      // where the plugin writes why it failed, NUL-terminated
  std::size_t error_size;
  // Filled by the plugin.
  std::uint32_t plugin_abi_version;
  const char* plugin_build;  // a string with static storage in the plugin
};
}

// The one symbol a plugin exports: returns 0 when its negotiators are registered.
#define PARLEY_PLUGIN_ENTRY_POINT "parley_register_plugin"

namespace parley {

// What a plugin registers its negotiators with. Entries are checked and added to the
// NegotiatorRegistry when the plugin's entry point returns: all of them, or none if a name is
// already taken.
class PluginRegistrar {
 public:
  virtual void AddNegotiator(NegotiatorRegistry::Entry entry) = 0;

 protected:
  ~PluginRegistrar() = default;
};

namespace plugin_abi {

#define PARLEY_PLUGIN_STRINGIFY_(x) #x
#define PARLEY_PLUGIN_STRINGIFY(x) PARLEY_PLUGIN_STRINGIFY_(x)

// What must be equal on both sides besides the ABI version: the standard library, its major
// release and string ABI, and the sizes of the structs negotiators exchange with the engine.
#if defined(_GLIBCXX_RELEASE)
#define PARLEY_PLUGIN_STDLIB \
  "libstdc++ " PARLEY_PLUGIN_STRINGIFY(_GLIBCXX_RELEASE) " cxx11-abi=" PARLEY_PLUGIN_STRINGIFY(_GLIBCXX_USE_CXX11_ABI)
#elif defined(_LIBCPP_VERSION)
#define PARLEY_PLUGIN_STDLIB \
  "libc++ " PARLEY_PLUGIN_STRINGIFY(_LIBCPP_VERSION) " abi=" PARLEY_PLUGIN_STRINGIFY(_LIBCPP_ABI_VERSION)
#else
#define PARLEY_PLUGIN_STDLIB "unknown standard library"
#endif
#if defined(_GLIBCXX_DEBUG)
#define PARLEY_PLUGIN_DEBUG_MODE " debug-mode"
#else
#define PARLEY_PLUGIN_DEBUG_MODE ""
#endif

// These functions have internal linkage on purpose: a plugin's calls to an inline function could
// bind to the host's copy (the host exports its symbols to plugins), and then the plugin would
// check the host against itself.

// "libstdc++ 12 cxx11-abi=1, layout 56/64/56/232/40/112": read by people in error messages.
static inline const char* BuildSignature() {
  static const std::string signature =
      std::string(PARLEY_PLUGIN_STDLIB PARLEY_PLUGIN_DEBUG_MODE) + ", layout " +
      std::to_string(sizeof(NegotiatorContext)) + "/" + std::to_string(sizeof(TurnState)) + "/" +
      std::to_string(sizeof(ObservedAction)) + "/" + std::to_string(sizeof(NegotiationResult)) + "/" +
      std::to_string(sizeof(Spec)) + "/" + std::to_string(sizeof(NegotiatorRegistry::Entry));
  return signature.c_str();
}

static inline void CopyError(ParleyPluginCall* call, const char* message) {
  if (call->error == nullptr || call->error_size == 0) return;
  std::strncpy(call->error, message, call->error_size - 1);
  call->error[call->error_size - 1] = '\0';
}

// The plugin's side of parley_register_plugin (compiled into the plugin by PARLEY_PLUGIN).
// Returns 0 on success, 1 on a version mismatch, 2 when registration threw.
static inline int Enter(ParleyPluginCall* call, void (*body)(PluginRegistrar&)) {
  call->plugin_abi_version = PARLEY_PLUGIN_ABI_VERSION;
  call->plugin_build = BuildSignature();
  if (call->host_abi_version != PARLEY_PLUGIN_ABI_VERSION || call->host_build == nullptr ||
      std::strcmp(call->host_build, call->plugin_build) != 0) {
    return 1;
  }
  try {
    body(*static_cast<PluginRegistrar*>(call->registrar));
  } catch (const std::exception& e) {
    CopyError(call, e.what());
    return 2;
  } catch (...) {
    CopyError(call, "unknown exception");
    return 2;
  }
  return 0;
}

}  // namespace plugin_abi

// A plugin that has been loaded.
struct PluginInfo {
  std::filesystem::path path;            // absolute, as loaded
  std::vector<std::string> negotiators;  // the names it registered
};

// Loads the plugin at `path` (once: loading the same file again returns what the first load
// registered) and adds its negotiators to the NegotiatorRegistry. Throws InputError naming the
// file when it is missing, is not a shared library, lacks the entry point, was built for another
// ABI or standard library, or registers a name that is already taken.
//
// Not thread-safe against concurrent use of the registry: load plugins before running
// negotiations on other threads.
const PluginInfo& LoadPlugin(const std::filesystem::path& path);

// Every plugin loaded so far, in load order (out-of-process negotiators load the same ones).
std::vector<PluginInfo> LoadedPlugins();

}  // namespace parley

// Defines the plugin's entry point; the braces that follow are the body of a function given a
// parley::PluginRegistrar& named `registrar_name`.
#define PARLEY_PLUGIN(registrar_name)                                                                    \
  static void ParleyPluginRegister(::parley::PluginRegistrar& registrar_name);                           \
  extern "C" __attribute__((visibility("default"))) int parley_register_plugin(ParleyPluginCall* call) { \
    return ::parley::plugin_abi::Enter(call, &ParleyPluginRegister);                                     \
  }                                                                                                      \
  static void ParleyPluginRegister(::parley::PluginRegistrar& registrar_name)

#pragma GCC visibility pop

#endif  // PARLEY_PLUGIN_H_
