// SPDX-License-Identifier: MIT
// Private: a model whose forecasts are another model's, mapped step by step
// (a transform undone, a seasonal figure put back, a drift added).
#pragma once

#include <cspcast/kernels/forecast_model.hpp>

#include <memory>
#include <utility>

namespace cspcast::kernels::detail {

/// Point forecasts and every sample path of the inner model go through
/// map(), one trajectory at a time, so that the paths keep their temporal
/// correlation.
class MappedModel : public ForecastModel {
 public:
  explicit MappedModel(std::unique_ptr<ForecastModel> inner)
      : inner_(std::move(inner)) {}
  void point(VectorRef out) const final {
    inner_->point(out);
    map(out);
  }
  void simulate_paths(std::uint64_t seed,
                      std::uint64_t key,
                      int first_path,
                      int step,
                      MatrixRef out,
                      Eigen::Index first_read) const final {
    inner_->simulate_paths(seed, key, first_path, step, out, first_read);
    map_paths(out, first_read);
  }
  [[nodiscard]] double aicc() const override { return inner_->aicc(); }

 protected:
  [[nodiscard]] const ForecastModel& inner() const { return *inner_; }
  /// Maps one trajectory, h = 1 .. v.size(), in place.
  virtual void map(VectorRef v) const = 0;
  /// Maps every column of `paths` as map() would; rows before
  /// `first_read` may be left unmapped (only a map that acts month by month
  /// can skip them, as the transform does).
  virtual void map_paths(MatrixRef paths, Eigen::Index /*first_read*/) const {
    for (Eigen::Index c = 0; c < paths.cols(); ++c) map(paths.col(c));
  }

 private:
  std::unique_ptr<ForecastModel> inner_;
};

}  // namespace cspcast::kernels::detail
