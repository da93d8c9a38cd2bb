// SPDX-License-Identifier: MIT
// Private: a small Nelder-Mead minimiser for up to kMaxDim parameters that
// allocates nothing (the simplex lives on the stack).
#pragma once

#include <algorithm>
#include <array>
#include <cmath>

namespace cspcast::detail {

inline constexpr int kMaxDim = 8;
using Point = std::array<double, kMaxDim>;

struct NelderMeadResult {
  Point x{};
  double value = 0.0;
  int evaluations = 0;
};

/// Minimises f over `dim` parameters from `start` with initial steps `step`.
template <typename F>
NelderMeadResult nelder_mead(F&& f,
                             const Point& start,
                             const Point& step,
                             int dim,
                             int max_evaluations,
                             double tolerance) {
  std::array<Point, kMaxDim + 1> simplex{};
  std::array<double, kMaxDim + 1> value{};
  int evals = 0;
  const int n_vertices = dim + 1;
  for (int i = 0; i < n_vertices; ++i) {
    simplex[static_cast<std::size_t>(i)] = start;
    if (i > 0) {
      simplex[static_cast<std::size_t>(i)][static_cast<std::size_t>(i - 1)] +=
          step[static_cast<std::size_t>(i - 1)];
    }
    value[static_cast<std::size_t>(i)] =
        f(simplex[static_cast<std::size_t>(i)]);
    ++evals;
  }
  auto at = [](auto& arr, int i) -> auto& {
    return arr[static_cast<std::size_t>(i)];
  };
  while (evals < max_evaluations) {
    // Order: best first, worst last (insertion sort, dim is small).
    for (int i = 1; i < n_vertices; ++i) {
      for (int j = i; j > 0 && at(value, j) < at(value, j - 1); --j) {
        std::swap(at(value, j), at(value, j - 1));
        std::swap(at(simplex, j), at(simplex, j - 1));
      }
    }
    const double best = at(value, 0);
    const double worst = at(value, dim);
    if (std::abs(worst - best) <= tolerance * (std::abs(best) + 1e-10)) break;
    Point centroid{};
    for (int i = 0; i < dim; ++i) {
      for (int k = 0; k < dim; ++k) {
        at(centroid, k) += at(at(simplex, i), k) / dim;
      }
    }
    auto blend = [&](double t) {
      Point p{};
      for (int k = 0; k < dim; ++k) {
        at(p, k) =
            at(centroid, k) + t * (at(at(simplex, dim), k) - at(centroid, k));
      }
      return p;
    };
    const Point reflected = blend(-1.0);
    const double f_reflected = f(reflected);
    ++evals;
    if (f_reflected < best) {
      const Point expanded = blend(-2.0);
      const double f_expanded = f(expanded);
      ++evals;
      if (f_expanded < f_reflected) {
        at(simplex, dim) = expanded;
        at(value, dim) = f_expanded;
      } else {
        at(simplex, dim) = reflected;
        at(value, dim) = f_reflected;
      }
      continue;
    }
    if (f_reflected < at(value, dim - 1)) {
      at(simplex, dim) = reflected;
      at(value, dim) = f_reflected;
      continue;
    }
    const bool outside = f_reflected < worst;
    const Point contracted = blend(outside ? -0.5 : 0.5);
    const double f_contracted = f(contracted);
    ++evals;
    if (f_contracted < (outside ? f_reflected : worst)) {
      at(simplex, dim) = contracted;
      at(value, dim) = f_contracted;
      continue;
    }
    for (int i = 1; i < n_vertices; ++i) {
      for (int k = 0; k < dim; ++k) {
        at(at(simplex, i), k) =
            at(at(simplex, 0), k) +
            0.5 * (at(at(simplex, i), k) - at(at(simplex, 0), k));
      }
      at(value, i) = f(at(simplex, i));
      ++evals;
    }
  }
  int best_i = 0;
  for (int i = 1; i < n_vertices; ++i) {
    if (at(value, i) < at(value, best_i)) best_i = i;
  }
  return {at(simplex, best_i), at(value, best_i), evals};
}

}  // namespace cspcast::detail
