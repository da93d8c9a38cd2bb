// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/priority_model.hpp>
#include <cspcast/priority_source.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace cspcast::plugin {

class GuardedModel;

/// A plugin library that passed every check. Keeps the library loaded.
class CSPCAST_CORE_API LoadedPlugin {
 public:
  struct Impl;
  explicit LoadedPlugin(std::shared_ptr<Impl> impl);

  [[nodiscard]] const std::string& name() const;
  [[nodiscard]] const std::string& version() const;
  [[nodiscard]] int order() const;
  [[nodiscard]] const std::filesystem::path& path() const;
  /// A new model object; the deleter pins the library. Throws PluginError.
  [[nodiscard]] std::shared_ptr<PriorityModel> create() const;
  /// The model object made (and described) when the library was loaded:
  /// create() and describe() run once per plugin per process.
  [[nodiscard]] std::shared_ptr<const GuardedModel> model() const;

 private:
  std::shared_ptr<Impl> impl_;
};

/// A file that looked like a plugin and failed to load.
struct LoadFailure {
  std::filesystem::path path;
  std::string reason;  // one line, naming the file
};

/// Where plugins are looked for, in order.
struct DiscoveryOptions {
  std::vector<std::filesystem::path> plugin_dirs;  // --plugin-dir, in order
  bool use_environment = true;   // CSPCAST_PLUGIN_PATH (':'-separated)
  bool use_default_dirs = true;  // build tree and <prefix>/lib/cspcast/plugins
};

/// The directories searched, in order, for the given options.
CSPCAST_CORE_API std::vector<std::filesystem::path> plugin_search_path(
    const DiscoveryOptions& options);

/// Owns every loaded plugin library; never unloads while the process runs.
/// Load from one thread.
class CSPCAST_CORE_API PluginRegistry {
 public:
  /// Loads every `cspcast_plugin_*` library in each directory (not
  /// recursive, sorted by path). Failures are recorded, not thrown; a
  /// duplicate name is a failure naming both paths.
  void load(const DiscoveryOptions& options);
  /// Loads one file; records a failure and returns false if it is bad.
  bool load_file(const std::filesystem::path& path);

  /// Loaded plugins in run order: (order, name).
  [[nodiscard]] const std::vector<LoadedPlugin>& plugins() const {
    return plugins_;
  }
  [[nodiscard]] const std::vector<LoadFailure>& failures() const {
    return failures_;
  }
  [[nodiscard]] const std::vector<std::filesystem::path>& searched() const {
    return searched_;
  }
  [[nodiscard]] const LoadedPlugin* find(const std::string& name) const;
  /// Every loaded plugin as the engine's source of priority models.
  [[nodiscard]] std::vector<std::shared_ptr<const PrioritySource>> sources()
      const;

 private:
  std::vector<LoadedPlugin> plugins_;
  std::vector<LoadFailure> failures_;
  std::vector<std::filesystem::path> searched_;
};

/// A model object from a plugin, with every call guarded: a plugin's
/// exception becomes PluginError("<name> (<path>): <call>: <what>").
/// It is the engine's PrioritySource for that plugin.
class CSPCAST_CORE_API GuardedModel final : public PrioritySource {
 public:
  /// Creates the plugin's model object and asks describe() once.
  explicit GuardedModel(const LoadedPlugin& plugin);
  [[nodiscard]] const std::string& name() const override { return name_; }
  [[nodiscard]] const std::string& version() const override { return version_; }
  [[nodiscard]] const std::string& location() const override {
    return location_;
  }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] const PriorityInfo& info() const override { return info_; }
  [[nodiscard]] ModelSpec choose_model(
      const IndicatorSpec& indicator,
      const MonthlySeries& history) const override;
  [[nodiscard]] std::shared_ptr<const ProjectionModel> fit_projection(
      const ProjectionInput& input) const override;

 private:
  std::string name_;
  std::string version_;
  std::filesystem::path path_;
  std::string location_;
  std::shared_ptr<PriorityModel> model_;
  PriorityInfo info_;
  mutable std::mutex fit_mutex_;  // calls into the plugin: one at a time
};

}  // namespace cspcast::plugin
