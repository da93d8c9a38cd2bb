// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/build_tag.hpp>
#include <cspcast/plugin/abi.hpp>
#include <cspcast/priority_model.hpp>

#include <new>

#if defined(CSPCAST_PLUGIN_IN_PROCESS)
#include <cspcast/priority_source.hpp>

#include <memory>

/// Compiled into a program instead of a plugin library (tests, embedding):
/// defines `cspcast_in_process_<Class>()`, which returns the priority as
/// an in-process source with the plugin's name and version, and no entry
/// point.
#define CSPCAST_DEFINE_PLUGIN(Class, name_literal, version_literal, order) \
  std::shared_ptr<const cspcast::PrioritySource>                           \
      cspcast_in_process_##Class() {                                       \
    return std::make_shared<cspcast::InProcessPriority>(                   \
        std::make_shared<Class>(), name_literal, version_literal);         \
  }
#else
/// Defines create, destroy and the exported entry point for one plugin
/// class. `create` swallows exceptions (they may not cross the C boundary)
/// and returns nullptr, which the host reports as a failed create.
#define CSPCAST_DEFINE_PLUGIN(Class, name_literal, version_literal, order) \
  namespace {                                                              \
  cspcast::PriorityModel* cspcast_create_##Class() noexcept {              \
    try {                                                                  \
      return new Class();                                                  \
    } catch (...) {                                                        \
      return nullptr;                                                      \
    }                                                                      \
  }                                                                        \
  void cspcast_destroy_##Class(cspcast::PriorityModel* p) noexcept {       \
    delete p;                                                              \
  }                                                                        \
  const cspcast_plugin_descriptor cspcast_descriptor_##Class = {           \
      CSPCAST_PLUGIN_ABI_VERSION,                                          \
      static_cast<std::uint32_t>(sizeof(cspcast_plugin_descriptor)),       \
      name_literal,                                                        \
      version_literal,                                                     \
      order,                                                               \
      CSPCAST_BUILD_TAG,                                                   \
      &cspcast_create_##Class,                                             \
      &cspcast_destroy_##Class};                                           \
  }                                                                        \
  extern "C" __attribute__((visibility("default")))                        \
  const cspcast_plugin_descriptor*                                         \
  cspcast_plugin_entry() noexcept {                                        \
    return &cspcast_descriptor_##Class;                                    \
  }
#endif
