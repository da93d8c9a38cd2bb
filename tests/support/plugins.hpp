// SPDX-License-Identifier: MIT
// The plugins built with the tests, loaded from the build tree only.
#pragma once

#include <cspcast/plugin/registry.hpp>

#include <memory>
#include <string>
#include <vector>

namespace cspcast::test {

/// Every plugin of the build tree (or only `only`) as the engine's sources.
inline std::vector<std::shared_ptr<const PrioritySource>> load_models(
    const std::string& only = "") {
  plugin::PluginRegistry registry;
  plugin::DiscoveryOptions d;
  d.plugin_dirs = {CSPCAST_TEST_PLUGIN_DIR};
  d.use_environment = false;
  d.use_default_dirs = false;
  registry.load(d);
  std::vector<std::shared_ptr<const PrioritySource>> models;
  for (const auto& p : registry.plugins()) {
    if (only.empty() || p.name() == only) models.push_back(p.model());
  }
  return models;
}

}  // namespace cspcast::test
