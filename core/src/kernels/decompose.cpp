// SPDX-License-Identifier: MIT
#include <cspcast/error.hpp>
#include <cspcast/kernels/decompose.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace cspcast::kernels {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void need_two_periods(Eigen::Index n, int period, const char* what) {
  if (period < 2) {
    throw DataError(std::string(what) + ": period must be at least 2 (got " +
                    std::to_string(period) + ")");
  }
  if (n < 2 * static_cast<Eigen::Index>(period)) {
    throw DataError(std::string(what) + ": needs at least two full periods (" +
                    std::to_string(2 * period) + " values; got " +
                    std::to_string(n) + ")");
  }
}

// ---- STL (Cleveland et al. 1990), following the published Fortran --------
// Arrays are 1-based in the comments, 0-based in the code.

// Local fit at abscissa xs (1-based) from points nleft..nright (1-based).
bool est(const double* y,
         int n,
         int len,
         int ideg,
         double xs,
         int nleft,
         int nright,
         double* w,
         bool userw,
         const double* rw,
         double& ys) {
  const double range = n - 1.0;
  double h = std::max(xs - nleft, nright - xs);
  // Integer division, as in the published Fortran.
  if (len > n) h += (len - n) / 2;  // NOLINT(bugprone-integer-division)
  const double h9 = 0.999 * h;
  const double h1 = 0.001 * h;
  double a = 0.0;
  for (int j = nleft; j <= nright; ++j) {
    w[j - 1] = 0.0;
    const double r = std::abs(j - xs);
    if (r <= h9) {
      if (r <= h1) {
        w[j - 1] = 1.0;
      } else {
        const double q = r / h;
        const double t = 1.0 - q * q * q;
        w[j - 1] = t * t * t;
      }
      if (userw) w[j - 1] *= rw[j - 1];
      a += w[j - 1];
    }
  }
  if (a <= 0.0) return false;
  for (int j = nleft; j <= nright; ++j) w[j - 1] /= a;
  if (h > 0.0 && ideg > 0) {
    a = 0.0;
    for (int j = nleft; j <= nright; ++j) a += w[j - 1] * j;
    double b = xs - a;
    double c = 0.0;
    for (int j = nleft; j <= nright; ++j) c += w[j - 1] * (j - a) * (j - a);
    if (std::sqrt(c) > 0.001 * range) {
      b /= c;
      for (int j = nleft; j <= nright; ++j) w[j - 1] *= b * (j - a) + 1.0;
    }
  }
  ys = 0.0;
  for (int j = nleft; j <= nright; ++j) ys += w[j - 1] * y[j - 1];
  return true;
}

// Loess smoothing of y (length n) with span len, evaluated every `jump`
// points and linearly interpolated in between.
void ess(const double* y,
         int n,
         int len,
         int ideg,
         int jump,
         bool userw,
         const double* rw,
         double* ys,
         double* res) {
  if (n < 2) {
    ys[0] = y[0];
    return;
  }
  int newnj = std::min(jump, n - 1);
  int nleft = 0;
  int nright = 0;
  if (len >= n) {
    nleft = 1;
    nright = n;
    for (int i = 1; i <= n; i += newnj) {
      if (!est(y, n, len, ideg, i, nleft, nright, res, userw, rw, ys[i - 1]))
        ys[i - 1] = y[i - 1];
    }
  } else if (newnj == 1) {
    const int nsh = (len + 1) / 2;
    nleft = 1;
    nright = len;
    for (int i = 1; i <= n; ++i) {
      if (i > nsh && nright != n) {
        ++nleft;
        ++nright;
      }
      if (!est(y, n, len, ideg, i, nleft, nright, res, userw, rw, ys[i - 1]))
        ys[i - 1] = y[i - 1];
    }
  } else {
    const int nsh = (len + 1) / 2;
    for (int i = 1; i <= n; i += newnj) {
      if (i < nsh) {
        nleft = 1;
        nright = len;
      } else if (i >= n - nsh + 1) {
        nleft = n - len + 1;
        nright = n;
      } else {
        nleft = i - nsh + 1;
        nright = len + i - nsh;
      }
      if (!est(y, n, len, ideg, i, nleft, nright, res, userw, rw, ys[i - 1]))
        ys[i - 1] = y[i - 1];
    }
  }
  if (newnj == 1) return;
  for (int i = 1; i <= n - newnj; i += newnj) {
    const double delta = (ys[i + newnj - 1] - ys[i - 1]) / newnj;
    for (int j = i + 1; j <= i + newnj - 1; ++j)
      ys[j - 1] = ys[i - 1] + delta * (j - i);
  }
  const int k = ((n - 1) / newnj) * newnj + 1;
  if (k != n) {
    if (!est(y, n, len, ideg, n, nleft, nright, res, userw, rw, ys[n - 1]))
      ys[n - 1] = y[n - 1];
    if (k != n - 1) {
      const double delta = (ys[n - 1] - ys[k - 1]) / (n - k);
      for (int j = k + 1; j <= n - 1; ++j)
        ys[j - 1] = ys[k - 1] + delta * (j - k);
    }
  }
}

// Moving average of length len.
void ma(const double* x, int n, int len, double* ave) {
  const int newn = n - len + 1;
  const double flen = len;
  double v = 0.0;
  for (int i = 0; i < len; ++i) v += x[i];
  ave[0] = v / flen;
  for (int j = 1, k = len, m = 0; j < newn; ++j, ++k, ++m) {
    v = v - x[m] + x[k];
    ave[j] = v / flen;
  }
}

// Cycle-subseries smoothing: season gets n + 2 np values.
void ss(const double* y,
        int n,
        int np,
        int ns,
        int isdeg,
        int nsjump,
        bool userw,
        const double* rw,
        double* season,
        double* work1,
        double* work2,
        double* work3,
        double* work4) {
  for (int j = 1; j <= np; ++j) {
    const int k = (n - j) / np + 1;
    for (int i = 1; i <= k; ++i) work1[i - 1] = y[(i - 1) * np + j - 1];
    if (userw) {
      for (int i = 1; i <= k; ++i) work3[i - 1] = rw[(i - 1) * np + j - 1];
    }
    ess(work1, k, ns, isdeg, nsjump, userw, work3, work2 + 1, work4);
    double xs = 0;
    int nright = std::min(ns, k);
    if (!est(work1, k, ns, isdeg, xs, 1, nright, work4, userw, work3, work2[0]))
      work2[0] = work2[1];
    xs = k + 1;
    const int nleft = std::max(1, k - ns + 1);
    if (!est(work1,
             k,
             ns,
             isdeg,
             xs,
             nleft,
             k,
             work4,
             userw,
             work3,
             work2[k + 1]))
      work2[k + 1] = work2[k];
    for (int m = 1; m <= k + 2; ++m)
      season[(m - 1) * np + j - 1] = work2[m - 1];
  }
}

// Low-pass filter of the cycle-subseries: three moving averages (of np, np
// and 3 points) take n values to n - 2 np.
void fts(const double* x, int n, int np, double* trend, double* work) {
  ma(x, n, np, trend);
  ma(trend, n - np + 1, np, work);
  ma(work, n - 2 * np + 2, 3, trend);
}

int next_odd(double v) {
  auto k = static_cast<int>(std::ceil(v));
  if (k % 2 == 0) ++k;
  return k;
}

}  // namespace

void classical_decomposition_into(const ConstVectorRef& y,
                                  int period,
                                  DecompositionType type,
                                  VectorRef trend,
                                  VectorRef seasonal,
                                  VectorRef figure) {
  const Eigen::Index n = y.size();
  const int m = period;
  const int half = m / 2;
  const bool mult = type == DecompositionType::kMultiplicative;
  trend.setConstant(kNaN);
  // Centred moving average: weights 1/m, or 1/(2m) at both ends for even m.
  for (Eigen::Index t = half; t + half < n; ++t) {
    double s = 0.0;
    if (m % 2 == 0) {
      s = 0.5 * (y(t - half) + y(t + half));
      for (int k = -half + 1; k < half; ++k) s += y(t + k);
    } else {
      for (int k = -half; k <= half; ++k) s += y(t + k);
    }
    trend(t) = s / m;
  }
  figure.setZero();
  for (int j = 0; j < m; ++j) {
    double sum = 0.0;
    int count = 0;
    for (Eigen::Index t = j; t < n; t += m) {
      if (std::isnan(trend(t))) continue;
      sum += mult ? y(t) / trend(t) : y(t) - trend(t);
      ++count;
    }
    figure(j) = count > 0 ? sum / count : (mult ? 1.0 : 0.0);
  }
  const double mean = figure.head(m).mean();
  if (mult) {
    figure.head(m) /= mean;
  } else {
    figure.head(m).array() -= mean;
  }
  for (Eigen::Index t = 0; t < n; ++t) seasonal(t) = figure(t % m);
}

Decomposition classical_decomposition(const ConstVectorRef& y,
                                      int period,
                                      DecompositionType type) {
  need_two_periods(y.size(), period, "classical decomposition");
  if (type == DecompositionType::kMultiplicative && !(y.minCoeff() > 0.0)) {
    throw DataError(
        "multiplicative decomposition: needs positive values (got minimum " +
        std::to_string(y.minCoeff()) + ")");
  }
  Decomposition d;
  d.trend.resize(y.size());
  d.seasonal.resize(y.size());
  d.figure.resize(period);
  classical_decomposition_into(y, period, type, d.trend, d.seasonal, d.figure);
  if (type == DecompositionType::kMultiplicative) {
    d.remainder = y.array() / (d.trend.array() * d.seasonal.array());
  } else {
    d.remainder = y - d.trend - d.seasonal;
  }
  return d;
}

namespace {

// The windows, degrees and jumps of STL, as the published Fortran sets
// them from the options.
struct StlWindows {
  int ns;
  int isdeg;
  int nt;
  int nl;
  int nsjump;
  int ntjump;
  int nljump;
  bool periodic;
};

StlWindows stl_windows(int n, int np, const StlOptions& options) {
  StlWindows w{};
  w.periodic = options.seasonal_window <= 0;
  w.ns = w.periodic ? 10 * n + 1 : options.seasonal_window;
  w.isdeg = w.periodic ? 0 : options.seasonal_degree;
  if (w.ns < 3) w.ns = 3;
  if (w.ns % 2 == 0) ++w.ns;
  w.nt = options.trend_window > 0 ? options.trend_window
                                  : next_odd(1.5 * np / (1.0 - 1.5 / w.ns));
  if (w.nt < 3) w.nt = 3;
  if (w.nt % 2 == 0) ++w.nt;
  w.nl = options.lowpass_window > 0 ? options.lowpass_window : next_odd(np);
  if (w.nl < 3) w.nl = 3;
  if (w.nl % 2 == 0) ++w.nl;
  w.nsjump = static_cast<int>(std::ceil(w.ns / 10.0));
  w.ntjump = static_cast<int>(std::ceil(w.nt / 10.0));
  w.nljump = static_cast<int>(std::ceil(w.nl / 10.0));
  return w;
}

// Robustness weights: bisquare of |remainder| / (6 median). `w1` and `w4`
// are scratch of length n.
void robustness_weights(const double* yv,
                        const double* trend,
                        const double* season,
                        int n,
                        double* w1,
                        double* w4,
                        double* rw) {
  for (int i = 0; i < n; ++i) w1[i] = std::abs(yv[i] - trend[i] - season[i]);
  std::copy(w1, w1 + n, w4);
  const int mid1 = (n - 1) / 2;
  const int mid2 = n / 2;
  std::nth_element(w4, w4 + mid1, w4 + n);
  const double a = w4[mid1];
  std::nth_element(w4, w4 + mid2, w4 + n);
  const double cmad = 3.0 * (a + w4[mid2]);
  // The published Fortran uses single-precision literals here; R does too.
  const double c9 = static_cast<double>(0.999F) * cmad;
  const double c1 = static_cast<double>(0.001F) * cmad;
  for (int i = 0; i < n; ++i) {
    const double r = w1[i];
    if (r <= c1) {
      rw[i] = 1.0;
    } else if (r <= c9) {
      const double q = r / cmad;
      rw[i] = (1.0 - q * q) * (1.0 - q * q);
    } else {
      rw[i] = 0.0;
    }
  }
}

// The decomposition from STL's trend and seasonal; a periodic seasonal is
// the mean of each position, as R's.
Decomposition stl_result(const ConstVectorRef& y,
                         const double* trend,
                         const double* season,
                         int np,
                         bool periodic) {
  const int n = static_cast<int>(y.size());
  Decomposition d;
  d.trend = Eigen::Map<const Vector>(trend, n);
  d.seasonal = Eigen::Map<const Vector>(season, n);
  d.figure.setZero(np);
  if (periodic) {
    std::vector<int> count(static_cast<std::size_t>(np), 0);
    for (int i = 0; i < n; ++i) {
      d.figure(i % np) += d.seasonal(i);
      ++count[static_cast<std::size_t>(i % np)];
    }
    for (int j = 0; j < np; ++j)
      d.figure(j) /= count[static_cast<std::size_t>(j)];
    for (int i = 0; i < n; ++i) d.seasonal(i) = d.figure(i % np);
  } else {
    for (int t = n - np; t < n; ++t) d.figure(t % np) = d.seasonal(t);
  }
  d.remainder = y - d.trend - d.seasonal;
  return d;
}

}  // namespace

Decomposition stl(const ConstVectorRef& y,
                  int period,
                  const StlOptions& options) {
  need_two_periods(y.size(), period, "STL");
  if (!y.allFinite()) throw DataError("STL: non-finite values");
  const int n = static_cast<int>(y.size());
  const int np = period;
  const StlWindows win = stl_windows(n, np, options);
  const int itdeg = 1;
  const int ildeg = 1;

  const auto size =
      static_cast<std::size_t>(n) + 2 * static_cast<std::size_t>(np);
  std::vector<double> buffer(8 * size, 0.0);
  double* yv = buffer.data();
  double* trend = yv + size;
  double* season = trend + size;
  double* rw = season + size;
  double* w1 = rw + size;
  double* w2 = w1 + size;
  double* w3 = w2 + size;
  double* w4 = w3 + size;
  std::vector<double> w5(size);
  for (int i = 0; i < n; ++i) {
    yv[i] = y(i);
    rw[i] = 1.0;
  }
  bool userw = false;
  for (int outer = 0;; ++outer) {
    for (int pass = 0; pass < std::max(1, options.inner); ++pass) {
      for (int i = 0; i < n; ++i) w1[i] = yv[i] - trend[i];
      // `season` is scratch here; w2 receives the n + 2 np values.
      ss(w1,
         n,
         np,
         win.ns,
         win.isdeg,
         win.nsjump,
         userw,
         rw,
         w2,
         w3,
         w4,
         w5.data(),
         season);
      fts(w2, n + 2 * np, np, w3, w1);
      ess(w3, n, win.nl, ildeg, win.nljump, false, rw, w1, w4);
      for (int i = 0; i < n; ++i) season[i] = w2[np + i] - w1[i];
      for (int i = 0; i < n; ++i) w1[i] = yv[i] - season[i];
      ess(w1, n, win.nt, itdeg, win.ntjump, userw, rw, trend, w3);
    }
    if (outer >= options.outer) break;
    robustness_weights(yv, trend, season, n, w1, w4, rw);
    userw = true;
  }
  return stl_result(y, trend, season, np, win.periodic);
}

bool seasonality_test(const ConstVectorRef& y, int period) {
  const Eigen::Index n = y.size();
  if (period < 2 || n <= 2 * static_cast<Eigen::Index>(period)) return false;
  const double mean = y.mean();
  double c0 = 0.0;
  for (Eigen::Index t = 0; t < n; ++t) c0 += (y(t) - mean) * (y(t) - mean);
  if (!(c0 > 0.0)) return false;
  double sum_sq = 0.0;
  double r_m = 0.0;
  for (int k = 1; k <= period; ++k) {
    double c = 0.0;
    for (Eigen::Index t = k; t < n; ++t) c += (y(t) - mean) * (y(t - k) - mean);
    const double r = c / c0;
    if (k < period) sum_sq += r * r;
    if (k == period) r_m = r;
  }
  const double limit = 1.6448536269514722 *
                       std::sqrt((1.0 + 2.0 * sum_sq) / static_cast<double>(n));
  return std::abs(r_m) > limit;
}

}  // namespace cspcast::kernels
