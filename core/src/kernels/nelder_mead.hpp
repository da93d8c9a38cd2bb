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

/// The simplex of `dim + 1` vertices and their values, on the stack.
struct Simplex {
  std::array<Point, kMaxDim + 1> vertex{};
  std::array<double, kMaxDim + 1> value{};
  int dim = 0;
  Point centroid{};

  static double& at(Point& p, int k) { return p[static_cast<std::size_t>(k)]; }
  Point& x(int i) { return vertex[static_cast<std::size_t>(i)]; }
  double& f(int i) { return value[static_cast<std::size_t>(i)]; }

  // Best first, worst last (insertion sort: dim is small).
  void order() {
    for (int i = 1; i <= dim; ++i) {
      for (int j = i; j > 0 && f(j) < f(j - 1); --j) {
        std::swap(f(j), f(j - 1));
        std::swap(x(j), x(j - 1));
      }
    }
  }
  // The centroid of every vertex but the worst.
  void take_centroid() {
    centroid = Point{};
    for (int i = 0; i < dim; ++i) {
      for (int k = 0; k < dim; ++k) at(centroid, k) += at(x(i), k) / dim;
    }
  }
  // The point at t along the line from the centroid to the worst vertex.
  Point blend(double t) {
    Point p{};
    for (int k = 0; k < dim; ++k) {
      at(p, k) = at(centroid, k) + t * (at(x(dim), k) - at(centroid, k));
    }
    return p;
  }
  void replace_worst(const Point& p, double value_at_p) {
    x(dim) = p;
    f(dim) = value_at_p;
  }
  [[nodiscard]] int best() {
    int best_i = 0;
    for (int i = 1; i <= dim; ++i) {
      if (f(i) < f(best_i)) best_i = i;
    }
    return best_i;
  }
};

/// Minimises f over `dim` parameters from `start` with initial steps `step`.
template <typename F>
NelderMeadResult nelder_mead(F&& f,
                             const Point& start,
                             const Point& step,
                             int dim,
                             int max_evaluations,
                             double tolerance) {
  Simplex s;
  s.dim = dim;
  int evals = 0;
  for (int i = 0; i <= dim; ++i) {
    s.x(i) = start;
    if (i > 0)
      Simplex::at(s.x(i), i - 1) += step[static_cast<std::size_t>(i - 1)];
    s.f(i) = f(s.x(i));
    ++evals;
  }
  while (evals < max_evaluations) {
    s.order();
    const double best = s.f(0);
    const double worst = s.f(dim);
    if (std::abs(worst - best) <= tolerance * (std::abs(best) + 1e-10)) break;
    s.take_centroid();
    const Point reflected = s.blend(-1.0);
    const double f_reflected = f(reflected);
    ++evals;
    if (f_reflected < best) {
      const Point expanded = s.blend(-2.0);
      const double f_expanded = f(expanded);
      ++evals;
      if (f_expanded < f_reflected) {
        s.replace_worst(expanded, f_expanded);
      } else {
        s.replace_worst(reflected, f_reflected);
      }
      continue;
    }
    if (f_reflected < s.f(dim - 1)) {
      s.replace_worst(reflected, f_reflected);
      continue;
    }
    const bool outside = f_reflected < worst;
    const Point contracted = s.blend(outside ? -0.5 : 0.5);
    const double f_contracted = f(contracted);
    ++evals;
    if (f_contracted < (outside ? f_reflected : worst)) {
      s.replace_worst(contracted, f_contracted);
      continue;
    }
    // Shrink towards the best vertex.
    for (int i = 1; i <= dim; ++i) {
      for (int k = 0; k < dim; ++k) {
        Simplex::at(s.x(i), k) =
            Simplex::at(s.x(0), k) +
            0.5 * (Simplex::at(s.x(i), k) - Simplex::at(s.x(0), k));
      }
      s.f(i) = f(s.x(i));
      ++evals;
    }
  }
  const int best_i = s.best();
  return {s.x(best_i), s.f(best_i), evals};
}

}  // namespace cspcast::detail
