// Loading plugins: dlopen, the handshake of parley/plugin.h, and adding what the plugin registered
// to the NegotiatorRegistry only when all of it can be added.
#include <dlfcn.h>

#include <mutex>
#include <set>
#include <system_error>

#include <fmt/format.h>

#include "parley/error.h"
#include "parley/plugin.h"

namespace parley {
namespace {

class CollectingRegistrar final : public PluginRegistrar {
 public:
  void AddNegotiator(NegotiatorRegistry::Entry entry) override { entries.push_back(std::move(entry)); }
  std::vector<NegotiatorRegistry::Entry> entries;
};

// The plugins loaded, each behind a pointer so that the references LoadPlugin returns stay valid
// as the list grows.
struct LoadedPluginList {
  std::mutex mutex;
  std::vector<std::unique_ptr<PluginInfo>> plugins;
};

LoadedPluginList& Plugins() {
  static LoadedPluginList registry;
  return registry;
}

std::filesystem::path Absolute(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::path canonical = std::filesystem::canonical(path, ec);
  return ec ? std::filesystem::absolute(path) : canonical;
}

void Register(const std::filesystem::path& path, std::vector<NegotiatorRegistry::Entry>& entries, PluginInfo& info) {
  std::set<std::string> names;
  for (const auto& entry : entries) {
    if (entry.name.empty() || !entry.factory) {
      throw InputError(
          fmt::format("{}: the plugin registered a negotiator without a name or a factory", path.string()));
    }
    if (NegotiatorRegistry::Has(entry.name) || !names.insert(entry.name).second) {
      throw InputError(fmt::format("{}: the plugin registers negotiator '{}', a name that is already taken",
                                   path.string(), entry.name));
    }
    try {
      NegotiatorRegistry::CheckDefaults(entry);
    } catch (const UsageError& e) {
      throw InputError(fmt::format("{}: {}", path.string(), e.what()));
    }
  }
  for (auto& entry : entries) {
    info.negotiators.push_back(entry.name);
    NegotiatorRegistry::Add(std::move(entry));
  }
}

}  // namespace

const PluginInfo& LoadPlugin(const std::filesystem::path& path) {
  LoadedPluginList& registry = Plugins();
  std::lock_guard lock(registry.mutex);
  const std::filesystem::path absolute = Absolute(path);
  for (const auto& plugin : registry.plugins) {
    if (plugin->path == absolute) return *plugin;
  }
  std::error_code ec;
  if (!std::filesystem::exists(absolute, ec)) {
    throw InputError(fmt::format("{}: no such plugin file", path.string()));
  }
  if (std::filesystem::is_directory(absolute, ec)) {
    throw InputError(fmt::format("{}: is a folder; a plugin is a shared library (.so)", path.string()));
  }
  // RTLD_LOCAL: one plugin's symbols do not stand in for another's. The library is never closed:
  // its code backs the negotiators it registers.
  void* handle = dlopen(absolute.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = dlerror();
    throw InputError(fmt::format("{}: cannot load the plugin: {}", path.string(), why ? why : "unknown error"));
  }
  dlerror();
  void* symbol = dlsym(handle, PARLEY_PLUGIN_ENTRY_POINT);
  if (symbol == nullptr) {
    throw InputError(
        fmt::format("{}: not a Parley plugin: it exports no function '{}' (define it with "
                    "PARLEY_PLUGIN, see docs/plugins.md)",
                    path.string(), PARLEY_PLUGIN_ENTRY_POINT));
  }
  using EntryPoint = int (*)(ParleyPluginCall*);
  const auto entry_point = reinterpret_cast<EntryPoint>(symbol);

  CollectingRegistrar registrar;
  char error[1024] = "";
  ParleyPluginCall call{};
  call.host_abi_version = PARLEY_PLUGIN_ABI_VERSION;
  call.host_build = plugin_abi::BuildSignature();
  call.registrar = static_cast<PluginRegistrar*>(&registrar);
  call.error = error;
  call.error_size = sizeof error;
  const int status = entry_point(&call);
  if (status == 1 || call.plugin_abi_version != PARLEY_PLUGIN_ABI_VERSION) {
    throw InputError(fmt::format(
        "{}: the plugin was built for Parley plugin ABI {} ({}), but this program has ABI {} ({}); rebuild the "
        "plugin against this Parley's headers with the same C++ standard library",
        path.string(), call.plugin_abi_version, call.plugin_build ? call.plugin_build : "no build signature",
        PARLEY_PLUGIN_ABI_VERSION, call.host_build));
  }
  if (status != 0) {
    throw InputError(fmt::format("{}: the plugin failed to register its negotiators: {}", path.string(),
                                 error[0] ? error : fmt::format("status {}", status)));
  }
  auto info = std::make_unique<PluginInfo>();
  info->path = absolute;
  Register(path, registrar.entries, *info);
  registry.plugins.push_back(std::move(info));
  return *registry.plugins.back();
}

std::vector<PluginInfo> LoadedPlugins() {
  LoadedPluginList& registry = Plugins();
  std::lock_guard lock(registry.mutex);
  std::vector<PluginInfo> list;
  for (const auto& plugin : registry.plugins) list.push_back(*plugin);
  return list;
}

}  // namespace parley
