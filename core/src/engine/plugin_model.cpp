// SPDX-License-Identifier: MIT
#include "plugin_model.hpp"

#include <cspcast/error.hpp>

#include <cmath>
#include <limits>
#include <sstream>

namespace cspcast {
namespace {

// Paths drawn for point(): the mean of this many, from a fixed stream.
constexpr int kPointPaths = 2000;
constexpr std::uint64_t kPointSeed = 0x706f696e74ULL;  // "point"

std::string fmt(double v) {
  std::ostringstream out;
  out.precision(17);
  out << v;
  return out.str();
}

// Why `v` is not a value of `range`, or nullptr.
const char* fault(double v, ValueRange range) {
  if (std::isnan(v)) return "NaN (or a value left unfilled)";
  if (!std::isfinite(v)) return "an infinite value";
  switch (range) {
    case ValueRange::kWholeNonNegative:
      if (v < 0.0) return "a negative count";
      if (v != std::floor(v)) return "a count that is not whole";
      return nullptr;
    case ValueRange::kPercentage:
      return v < 0.0 || v > 100.0 ? "a percentage outside 0 to 100" : nullptr;
    case ValueRange::kNonNegative:
      return v < 0.0 ? "a negative rate" : nullptr;
    case ValueRange::kAny:
      return nullptr;
  }
  return nullptr;
}

}  // namespace

PluginModelAdapter::PluginModelAdapter(
    std::shared_ptr<const ProjectionModel> model,
    const std::string& plugin,
    std::string who,
    ValueRange range,
    YearMonth first_month)
    : model_(std::move(model)),
      who_(std::move(who)),
      range_(range),
      first_month_(first_month) {
  try {
    name_ = plugin + ": " + model_->name();
    description_ = model_->description();
  } catch (const std::exception& e) {
    throw PluginError(who_ + ": describing its model: " + e.what());
  }
}

void PluginModelAdapter::simulate_paths(std::uint64_t seed,
                                        std::uint64_t key,
                                        int first_path,
                                        int step,
                                        MatrixRef out,
                                        Eigen::Index /*first_read*/) const {
  const auto cols = static_cast<int>(out.cols());
  if (cols == 0 || out.rows() == 0) return;
  // A value the plugin does not write stays NaN and is reported.
  out.setConstant(std::numeric_limits<double>::quiet_NaN());
  const PathStreams streams(seed, key, first_path, step, cols);
  try {
    model_->simulate(
        streams, PathBlock(out.data(), out.rows(), cols, out.outerStride()));
  } catch (const std::exception& e) {
    throw PluginError(who_ + ": simulate: " + e.what());
  } catch (...) {
    throw PluginError(who_ + ": simulate: unknown exception");
  }
  for (Eigen::Index c = 0; c < out.cols(); ++c) {
    for (Eigen::Index r = 0; r < out.rows(); ++r) {
      const double v = out(r, c);
      if (const char* why = fault(v, range_)) {
        throw PluginError(
            who_ + ": model " + name_ + " gave " + why + " (" + fmt(v) +
            ") for " + (first_month_ + static_cast<int>(r)).str() + ", path " +
            std::to_string(first_path + static_cast<int>(c) * step));
      }
    }
  }
}

void PluginModelAdapter::point(VectorRef out) const {
  Matrix paths(out.size(), kPointPaths);
  simulate_paths(kPointSeed, 0, 0, 1, paths, 0);
  out = paths.rowwise().mean();
}

double PluginModelAdapter::aicc() const {
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace cspcast
