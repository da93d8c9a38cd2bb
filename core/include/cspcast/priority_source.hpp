// SPDX-License-Identifier: MIT
// Where the engine gets a priority's models from, whoever provides them:
// a plugin library (the plugin host's GuardedModel), or an object in the
// same process (`InProcessPriority`: tests, embedding programs). The engine
// depends on this interface only, never on the plugin host.
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/priority_model.hpp>

#include <memory>
#include <mutex>
#include <string>

namespace cspcast {

class CSPCAST_CORE_API PrioritySource {
 public:
  PrioritySource() = default;
  PrioritySource(const PrioritySource&) = delete;
  PrioritySource& operator=(const PrioritySource&) = delete;
  PrioritySource(PrioritySource&&) = delete;
  PrioritySource& operator=(PrioritySource&&) = delete;
  virtual ~PrioritySource();
  /// The priority's name (`asb`): the part of its indicator ids before the
  /// dot.
  [[nodiscard]] virtual const std::string& name() const = 0;
  [[nodiscard]] virtual const std::string& version() const = 0;
  /// Where it came from, for messages and the manifest (a library path).
  [[nodiscard]] virtual const std::string& location() const = 0;
  /// What describe() returned (asked once, when the source was made).
  [[nodiscard]] virtual const PriorityInfo& info() const = 0;
  /// The model for one indicator; throws PluginError naming the source
  /// when the provider fails.
  [[nodiscard]] virtual ModelSpec choose_model(
      const IndicatorSpec& indicator, const MonthlySeries& history) const = 0;
  /// The provider's own model, or nullptr (PriorityModel::fit_projection);
  /// the object keeps its provider loaded. Calls are serialised. Throws
  /// PluginError naming the source when the provider fails, DataError
  /// when it finds the data unfit.
  [[nodiscard]] virtual std::shared_ptr<const ProjectionModel> fit_projection(
      const ProjectionInput& input) const = 0;
};

/// A priority model object of this process, as a source.
class CSPCAST_CORE_API InProcessPriority final : public PrioritySource {
 public:
  InProcessPriority(std::shared_ptr<const PriorityModel> model,
                    std::string name,
                    std::string version = "0.0.0");
  [[nodiscard]] const std::string& name() const override { return name_; }
  [[nodiscard]] const std::string& version() const override { return version_; }
  [[nodiscard]] const std::string& location() const override {
    return location_;
  }
  [[nodiscard]] const PriorityInfo& info() const override { return info_; }
  [[nodiscard]] ModelSpec choose_model(
      const IndicatorSpec& indicator,
      const MonthlySeries& history) const override;
  [[nodiscard]] std::shared_ptr<const ProjectionModel> fit_projection(
      const ProjectionInput& input) const override;

 private:
  std::shared_ptr<const PriorityModel> model_;
  mutable std::mutex fit_mutex_;
  std::string name_;
  std::string version_;
  std::string location_ = "(in process)";
  PriorityInfo info_;
};

}  // namespace cspcast
