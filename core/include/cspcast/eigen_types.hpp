// SPDX-License-Identifier: MIT
#pragma once

#include <Eigen/Core>

namespace cspcast {

/// A series is a column; a panel of paths is `n_time x n_paths`, column-major.
using Vector = Eigen::VectorXd;
using Matrix = Eigen::MatrixXd;
using VectorRef = Eigen::Ref<Vector>;
using ConstVectorRef = Eigen::Ref<const Vector>;
using MatrixRef = Eigen::Ref<Matrix>;
using ConstMatrixRef = Eigen::Ref<const Matrix>;
using ConstVectorMap = Eigen::Map<const Vector>;
template <int N>
using Fixed = Eigen::Matrix<double, N, 1>;

}  // namespace cspcast
