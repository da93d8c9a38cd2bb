// SPDX-License-Identifier: MIT
// `cspcast plugins`: the priority plugins found, and the files that failed.
#include "../common.hpp"
#include "commands.hpp"

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
  }
  for (const auto& lever : m.info().levers) {
    std::cout << "  lever     " << lever.id << " -> " << lever.indicator << ", "
              << lever.default_effect.describe() << ": " << lever.title << '\n';
  }
  std::cout << '\n';
}

}  // namespace

int cmd_plugins(const Args& args) {
  PluginOptions p;
  po::options_description all;
  add_help(all);
  all.add(plugin_options(p));
  if (parse(args, all, "usage: cspcast plugins [--plugin-dir DIR]...")) {
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
  if (p.strict && !registry.failures().empty()) return kFailure;
  return kOk;
}

}  // namespace cspcast::cli
