// SPDX-License-Identifier: MIT
// Private: a small Nelder-Mead minimiser for up to kMaxDim parameters that
// allocates nothing (the simplex lives on the stack).
#pragma once

#include <algorithm>
#include <array>
#include <cmath>

namespace cspcast::detail {

inline constexpr std::size_t kMaxDim = 8;
using Point = std::array<double, kMaxDim>;

struct NelderMeadResult {
  Point x{};
  double value = 0.0;
  int evaluations = 0;
};

/// The simplex of `dim + 1` vertices and their values, on the stack. The
/// vertices stay in their slots; `rank` orders them (best first). Each
/// slot keeps its vertex divided by dim, so that the centroid costs one
/// vertex's divisions an iteration instead of every vertex's (the same
/// quotients, summed in the same order).
struct Simplex {
  std::array<Point, kMaxDim + 1> vertex{};
  std::array<Point, kMaxDim + 1> share{};
  std::array<double, kMaxDim + 1> value{};
  std::array<std::size_t, kMaxDim + 1> rank{};
  int dim = 0;
  Point centroid{};

  static double& at(Point& p, int k) { return p[static_cast<std::size_t>(k)]; }
  Point& x(int i) { return vertex[rank[static_cast<std::size_t>(i)]]; }
  double& f(int i) { return value[rank[static_cast<std::size_t>(i)]]; }
  Point& shares(int i) { return share[rank[static_cast<std::size_t>(i)]]; }

  void reset(int dimension) {
    dim = dimension;
    for (std::size_t i = 0; i < rank.size(); ++i) rank[i] = i;
  }
  // After x(i) has changed. The loops over coordinates run over all
  // kMaxDim of them, a fixed count the compiler vectorises: those beyond
  // dim are 0 in every point and stay 0.
  void refresh(int i) {
    Point& q = shares(i);
    const Point& v = x(i);
    const double d = dim;
    for (std::size_t k = 0; k < kMaxDim; ++k) q[k] = v[k] / d;
  }
  // Best first, worst last (insertion sort: dim is small).
  void order() {
    for (int i = 1; i <= dim; ++i) {
      for (int j = i; j > 0 && f(j) < f(j - 1); --j) {
        std::swap(rank[static_cast<std::size_t>(j)],
                  rank[static_cast<std::size_t>(j - 1)]);
      }
    }
  }
  // The centroid of every vertex but the worst.
  void take_centroid() {
    centroid = Point{};
    for (int i = 0; i < dim; ++i) {
      const Point& q = shares(i);
      for (std::size_t k = 0; k < kMaxDim; ++k) centroid[k] += q[k];
    }
  }
  // The point at t along the line from the centroid to the worst vertex.
  Point blend(double t) {
    Point p;  // NOLINT(cppcoreguidelines-pro-type-member-init): all written
    const Point& worst = x(dim);
    for (std::size_t k = 0; k < kMaxDim; ++k) {
      p[k] = centroid[k] + t * (worst[k] - centroid[k]);
    }
    return p;
  }
  void replace_worst(const Point& p, double value_at_p) {
    x(dim) = p;
    f(dim) = value_at_p;
    refresh(dim);
  }
  [[nodiscard]] int best() {
    int best_i = 0;
    for (int i = 1; i <= dim; ++i) {
      if (f(i) < f(best_i)) best_i = i;
    }
    return best_i;
  }
};

/// Nelder-Mead as a state machine: point() is the point whose value the
/// search needs next and tell() gives it. The caller decides when and how
/// each value is computed, so that several searches can share one pass of
/// an interleaved objective (ets_lik_lanes); the sequence of points depends
/// only on the values told.
class NelderMeadSearch {
 public:
  NelderMeadSearch(const Point& start,
                   const Point& step,
                   int dim,
                   int max_evaluations,
                   double tolerance)
      : max_evaluations_(max_evaluations), tolerance_(tolerance) {
    s_.reset(dim);
    for (int i = 0; i <= dim; ++i) {
      s_.x(i) = start;
      if (i > 0)
        Simplex::at(s_.x(i), i - 1) += step[static_cast<std::size_t>(i - 1)];
      s_.refresh(i);
    }
    pending_ = s_.x(0);
  }

  [[nodiscard]] bool done() const { return phase_ == Phase::kDone; }
  /// The point whose value is wanted (not meaningful once done()).
  [[nodiscard]] const Point& point() const { return pending_; }

  void tell(double value) {
    ++evals_;
    const int dim = s_.dim;
    switch (phase_) {
      case Phase::kStart:
      case Phase::kShrink:
        s_.f(index_) = value;
        if (++index_ <= dim) {
          if (phase_ == Phase::kShrink) shrink_vertex(index_);
          pending_ = s_.x(index_);
        } else {
          begin_iteration();
        }
        return;
      case Phase::kReflect:
        f_reflected_ = value;
        if (value < best_) {
          pending_ = s_.blend(-2.0);
          phase_ = Phase::kExpand;
        } else if (value < s_.f(dim - 1)) {
          s_.replace_worst(reflected_, value);
          begin_iteration();
        } else {
          outside_ = value < worst_;
          pending_ = s_.blend(outside_ ? -0.5 : 0.5);
          phase_ = Phase::kContract;
        }
        return;
      case Phase::kExpand:
        if (value < f_reflected_) {
          s_.replace_worst(pending_, value);
        } else {
          s_.replace_worst(reflected_, f_reflected_);
        }
        begin_iteration();
        return;
      case Phase::kContract:
        if (value < (outside_ ? f_reflected_ : worst_)) {
          s_.replace_worst(pending_, value);
          begin_iteration();
          return;
        }
        // Shrink towards the best vertex, one vertex at a time.
        phase_ = Phase::kShrink;
        index_ = 1;
        shrink_vertex(1);
        pending_ = s_.x(1);
        return;
      case Phase::kDone:
        return;
    }
  }

  [[nodiscard]] NelderMeadResult result() {
    const int best_i = s_.best();
    return {s_.x(best_i), s_.f(best_i), evals_};
  }

 private:
  enum class Phase { kStart, kReflect, kExpand, kContract, kShrink, kDone };

  void begin_iteration() {
    if (evals_ >= max_evaluations_) {
      phase_ = Phase::kDone;
      return;
    }
    s_.order();
    best_ = s_.f(0);
    worst_ = s_.f(s_.dim);
    if (std::abs(worst_ - best_) <= tolerance_ * (std::abs(best_) + 1e-10)) {
      phase_ = Phase::kDone;
      return;
    }
    s_.take_centroid();
    reflected_ = s_.blend(-1.0);
    pending_ = reflected_;
    phase_ = Phase::kReflect;
  }
  void shrink_vertex(int i) {
    for (int k = 0; k < s_.dim; ++k) {
      Simplex::at(s_.x(i), k) =
          Simplex::at(s_.x(0), k) +
          0.5 * (Simplex::at(s_.x(i), k) - Simplex::at(s_.x(0), k));
    }
    s_.refresh(i);
  }

  Simplex s_;
  Phase phase_ = Phase::kStart;
  int index_ = 0;  // the vertex being evaluated (start, shrink)
  int evals_ = 0;
  int max_evaluations_;
  double tolerance_;
  double best_ = 0.0;
  double worst_ = 0.0;
  double f_reflected_ = 0.0;
  bool outside_ = false;
  Point reflected_{};
  Point pending_{};
};

/// Minimises f over `dim` parameters from `start` with initial steps `step`.
template <typename F>
NelderMeadResult nelder_mead(F&& f,
                             const Point& start,
                             const Point& step,
                             int dim,
                             int max_evaluations,
                             double tolerance) {
  NelderMeadSearch search(start, step, dim, max_evaluations, tolerance);
  while (!search.done()) search.tell(f(search.point()));
  return search.result();
}

}  // namespace cspcast::detail
