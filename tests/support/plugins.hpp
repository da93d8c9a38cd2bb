// SPDX-License-Identifier: MIT
// The plugins built with the tests, loaded from the build tree only.
#pragma once

#include <cspcast/plugin/registry.hpp>

#include <string>
#include <vector>

namespace cspcast::test {

/// Every plugin of the build tree, or only `only` when it is given.
inline std::vector<plugin::GuardedModel> load_models(
    const std::string& only = "") {
  plugin::PluginRegistry registry;
  plugin::DiscoveryOptions d;
  d.plugin_dirs = {CSPCAST_TEST_PLUGIN_DIR};
  d.use_environment = false;
  d.use_default_dirs = false;
  registry.load(d);
  std::vector<plugin::GuardedModel> models;
  for (const auto& p : registry.plugins()) {
    if (only.empty() || p.name() == only) models.emplace_back(p);
  }
  return models;
}

}  // namespace cspcast::test
