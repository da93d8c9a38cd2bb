// SPDX-License-Identifier: MIT
// The plugin contract: one exported C function returns a plain descriptor
// that the host checks before any C++ object crosses. Valid C++17.
#pragma once

#include <cstdint>

namespace cspcast {
class PriorityModel;
}

/// Bump on any change to cspcast_plugin_descriptor, PriorityModel's vtable
/// or the SDK types crossing it (projection.hpp, model_kit.hpp).
/// 2: plugins may bring their own projection models (fit_projection),
/// indicators declare companion series.
#define CSPCAST_PLUGIN_ABI_VERSION 2u
#define CSPCAST_PLUGIN_ENTRY "cspcast_plugin_entry"

extern "C" {
struct cspcast_plugin_descriptor {  // plain data; the layout is the contract
  std::uint32_t abi_version;        // CSPCAST_PLUGIN_ABI_VERSION when built
  std::uint32_t descriptor_size;    // sizeof(cspcast_plugin_descriptor)
  const char* name;                 // unique, [a-z0-9_]+
  const char* version;              // the plugin's own semantic version
  std::int32_t order;               // lower runs first; ties by name
  const char* build_tag;  // core version, compiler, C++ runtime, Eigen
  cspcast::PriorityModel* (*create)() noexcept;  // nullptr on failure
  void (*destroy)(cspcast::PriorityModel*) noexcept;
};
}
