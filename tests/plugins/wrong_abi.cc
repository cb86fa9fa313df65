// Test-only plugin that answers the handshake as a plugin built for another ABI would.
#include "parley/plugin.h"

extern "C" __attribute__((visibility("default"))) int parley_register_plugin(ParleyPluginCall* call) {
  call->plugin_abi_version = 999;
  call->plugin_build = "a future standard library";
  return 1;
}
