// SPDX-License-Identifier: MIT
// `cspcast plugins`: the priority plugins found, and the files that failed.
#include "../common.hpp"
#include "commands.hpp"

#include <cspcast/plugin/conformance.hpp>

#include <iostream>

namespace cspcast::cli {
namespace {

void print_plugin(const plugin::LoadedPlugin& loaded) {
  const plugin::GuardedModel& m = *loaded.model();
  std::cout << m.name() << ' ' << m.version() << " (order " << loaded.order()
            << ") " << m.path().string() << "\n  " << m.info().title << '\n';
  for (const auto& ind : m.info().indicators) {
    std::cout << "  indicator " << ind.id << " [" << to_string(ind.unit)
              << ", model " << to_string(ind.model.kind) << "/"
              << to_string(ind.model.transform) << "] " << ind.title << '\n';
    if (!ind.own_model.empty()) {
      std::cout << "    own model: " << ind.own_model;
      if (!ind.companions.empty()) {
        std::cout << " (companion series:";
        for (const auto& c : ind.companions) std::cout << ' ' << c.name;
        std::cout << ")";
      }
      std::cout << '\n';
    }
  }
  for (const auto& lever : m.info().levers) {
    std::cout << "  lever     " << lever.id << " -> " << lever.indicator << ", "
              << lever.default_effect.describe() << ": " << lever.title << '\n';
  }
  std::cout << '\n';
}

// The shared conformance checks on every own model of every plugin:
// the number of faults found.
int check_models(const plugin::PluginRegistry& registry) {
  int faults = 0;
  int models = 0;
  for (const auto& loaded : registry.plugins()) {
    const plugin::GuardedModel& m = *loaded.model();
    for (const auto& ind : m.info().indicators) {
      if (ind.own_model.empty()) continue;
      ++models;
      const std::vector<std::string> found = plugin::own_model_faults(m, ind);
      std::cout << "check " << ind.id << " (" << m.name()
                << "): " << (found.empty() ? "conforms" : "FAILS") << '\n';
      for (const auto& f : found) std::cout << "  " << f << '\n';
      faults += static_cast<int>(found.size());
    }
  }
  std::cout << models << " plugin model(s) checked, " << faults
            << " fault(s)\n";
  return faults;
}

}  // namespace

int cmd_plugins(const Args& args) {
  PluginOptions p;
  bool check = false;
  po::options_description all;
  add_help(all);
  po::options_description own("plugins");
  own.add_options()(
      "check",
      po::bool_switch(&check),
      "run the shared conformance checks on every plugin's own projection "
      "models (docs/plugin-guide.md); exit 1 on a fault");
  all.add(own);
  all.add(plugin_options(p));
  if (parse(args,
            all,
            "usage: cspcast plugins [--check] [--plugin-dir DIR]...")) {
    return kOk;
  }
  PluginOptions lenient = p;
  lenient.strict = false;
  const plugin::PluginRegistry registry = load_plugins(lenient);
  std::cout << "searched:";
  for (const auto& d : registry.searched()) std::cout << ' ' << d.string();
  std::cout << "\n\n";
  for (const auto& loaded : registry.plugins()) print_plugin(loaded);
  if (registry.plugins().empty()) {
    plugin::DiscoveryOptions d;
    for (const auto& dir : p.dirs) d.plugin_dirs.emplace_back(dir);
    std::cout << no_plugin_hint(d) << "\n\n";
  }
  std::cout << registry.plugins().size() << " plugin(s) loaded, "
            << registry.failures().size() << " failed\n";
  for (const auto& f : registry.failures())
    std::cout << "failed: " << f.reason << '\n';
  if (check) {
    std::cout << '\n';
    if (check_models(registry) > 0) return kFailure;
  }
  if (p.strict && !registry.failures().empty()) return kFailure;
  return kOk;
}

}  // namespace cspcast::cli
