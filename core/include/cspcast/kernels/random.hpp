// SPDX-License-Identifier: MIT
#pragma once

#include <pcg_random.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <string_view>

namespace cspcast::kernels {

/// log(k!) by glibc's re-entrant lgamma_r: lgamma() writes the global
/// `signgam`, a data race when paths are drawn on several threads
/// (ThreadSanitizer found it).
inline double log_factorial(double k) {
  int sign = 0;
  return ::lgamma_r(k + 1.0, &sign);
}

/// SplitMix64 finaliser: mixes a seed with a key into a well-spread value.
constexpr std::uint64_t mix(std::uint64_t seed, std::uint64_t key) {
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (key + 1);
  z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31U);
}

/// FNV-1a, 64 bit: a stable key for a name (series id, intervention key).
constexpr std::uint64_t hash_key(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

/// A reproducible random stream: one per (seed, key, path), so that results
/// do not depend on how paths are split between threads. Not thread-safe;
/// each thread uses its own streams.
class Rng {
  static constexpr int kZigLayers = 128;
  static constexpr double kZigR = 3.442619855899;       // start of the tail
  static constexpr double kZigV = 9.91256303526217e-3;  // area of a layer
  struct ZigguratTables {
    std::array<double, kZigLayers + 1> x{};  // layer edges, x[0] = V / f(r)
    std::array<double, kZigLayers> ratio{};  // x[i + 1] / x[i]
  };
  static const ZigguratTables& ziggurat() {
    static const ZigguratTables tables = [] {
      ZigguratTables t;
      double f = std::exp(-0.5 * kZigR * kZigR);
      t.x[0] = kZigV / f;
      t.x[1] = kZigR;
      t.x[kZigLayers] = 0.0;
      for (std::size_t i = 2; i < kZigLayers; ++i) {
        t.x[i] = std::sqrt(-2.0 * std::log(kZigV / t.x[i - 1] + f));
        f = std::exp(-0.5 * t.x[i] * t.x[i]);
      }
      for (std::size_t i = 0; i < kZigLayers; ++i)
        t.ratio[i] = t.x[i + 1] / t.x[i];
      return t;
    }();
    return tables;
  }

 public:
  Rng(std::uint64_t seed, std::uint64_t stream) : gen_(seed, stream) {}
  /// A placeholder, to be assigned a stream before use.
  Rng() : gen_(0, 0) {}

  /// Uniform on the open interval (0, 1) with 53 random bits.
  double uniform() {
    const std::uint64_t hi = gen_();
    const std::uint64_t lo = gen_();
    const std::uint64_t bits = ((hi << 32U) | lo) >> 11U;
    return (static_cast<double>(bits) + 0.5) * 0x1.0p-53;
  }

  /// Standard normal by the ziggurat method (Marsaglia and Tsang 2000,
  /// with Doornik's 2005 correction: the layer index and the abscissa come
  /// from disjoint bits of one 64-bit draw). About 99% of draws cost one
  /// table comparison; no logarithm or trigonometry on that path.
  double normal() { return normal_from(bits64()); }

  /// The 64 bits a normal draw starts from: two 32-bit draws, the first
  /// the high half.
  std::uint64_t bits64() {
    const std::uint64_t hi = gen_();
    return (hi << 32U) | gen_();
  }

  /// The ziggurat's first try with the 64 bits: true, with the draw in
  /// `out`, when it is accepted at once (about 99% of draws); otherwise
  /// normal_from(bits) gives the draw.
  static bool normal_first_try(std::uint64_t bits, double& out) {
    const ZigguratTables& z = ziggurat();
    const double u =
        2.0 * ((static_cast<double>(bits >> 11U) + 0.5) * 0x1.0p-53) - 1.0;
    const auto i = static_cast<std::size_t>(bits & 0x7FU);
    out = u * z.x[i];
    return std::abs(u) < z.ratio[i];
  }

  /// normal() given its first 64 bits (bits64()), drawing more only when
  /// that first try is rejected: normal() is normal_from(bits64()). Lets a
  /// caller draw the bits of several streams first, side by side.
  double normal_from(std::uint64_t first) {
    const ZigguratTables& z = ziggurat();
    std::uint64_t bits = first;
    for (;; bits = bits64()) {
      const double u =
          2.0 * ((static_cast<double>(bits >> 11U) + 0.5) * 0x1.0p-53) - 1.0;
      const auto i = static_cast<std::size_t>(bits & 0x7FU);
      if (std::abs(u) < z.ratio[i]) return u * z.x[i];
      if (i == 0) {
        // The base layer's tail beyond r, by Marsaglia's method.
        double x = 0.0;
        double y = 0.0;
        do {
          x = std::log(uniform()) / kZigR;
          y = std::log(uniform());
        } while (-2.0 * y < x * x);
        return u < 0.0 ? x - kZigR : kZigR - x;
      }
      const double x = u * z.x[i];
      const double f0 = std::exp(-0.5 * (z.x[i] * z.x[i] - x * x));
      const double f1 = std::exp(-0.5 * (z.x[i + 1] * z.x[i + 1] - x * x));
      if (f1 + uniform() * (f0 - f1) < 1.0) return x;
    }
  }

  /// Gamma(shape, scale = 1) by Marsaglia and Tsang.
  double gamma(double shape) {
    if (shape < 1.0) {
      const double u = uniform();
      return gamma(shape + 1.0) * std::pow(u, 1.0 / shape);
    }
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
      double x = normal();
      double v = 1.0 + c * x;
      if (v <= 0.0) continue;
      v = v * v * v;
      const double u = uniform();
      if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
      if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) {
        return d * v;
      }
    }
  }

  /// Moves the stream past `n` uniform() draws in O(log n) steps, as if
  /// they had been drawn (each takes two 32-bit outputs).
  void skip_uniforms(std::uint64_t n) { gen_.discard(2 * n); }

  /// Negative binomial with mean `mean` and size `size` (Poisson when size
  /// is infinite) by inversion of exactly one uniform(): from zero while
  /// the mean is small, else searching outward from the mode. One uniform
  /// per draw, so that a caller may skip draws with skip_uniforms().
  double negative_binomial(double mean, double size) {
    const double u = uniform();
    if (!(mean > 0.0)) return 0.0;
    const bool poisson = !std::isfinite(size);
    // P(k + 1) / P(k) = ratio_a * (k + ratio_b) / (k + 1).
    const double q = poisson ? 1.0 : mean / (size + mean);
    const double a = poisson ? mean : q;
    const double b = poisson ? 1.0 : size;
    const auto log_p = [&](double k) {
      if (poisson) return -mean + k * std::log(mean) - log_factorial(k);
      return log_factorial(k + size - 1.0) - log_factorial(k) -
             log_factorial(size - 1.0) + size * std::log1p(-q) +
             k * std::log(q);
    };
    const auto next = [&](double k) {
      return a * (poisson ? 1.0 : k + b) / (k + 1.0);
    };
    if (mean < 30.0) {
      // log_p(0) without its log-factorials, which cancel exactly there
      // (lgamma(1) is 0, and x - 0 - x is 0): the same bits, three lgamma
      // calls fewer per draw.
      double pk = std::exp(poisson ? -mean : size * std::log1p(-q));
      double k = 0.0;
      double left = u;
      while (left > pk && pk > 0.0) {
        left -= pk;
        pk *= next(k);
        k += 1.0;
      }
      if (pk > 0.0 || left <= 0.0) return k;
    }
    // The mode, then alternately one down and one up.
    const double mode =
        poisson ? std::floor(mean)
                : std::max(0.0, std::floor(q * (size - 1.0) / (1.0 - q)));
    const double pm = std::exp(log_p(mode));
    double left = u - pm;
    if (left <= 0.0 || !(pm > 0.0)) return mode;
    double lo = mode;
    double hi = mode;
    double plo = pm;
    double phi = pm;
    for (;;) {
      if (lo > 0.0) {
        plo /= next(lo - 1.0);
        lo -= 1.0;
        left -= plo;
        if (left <= 0.0) return lo;
      }
      phi *= next(hi);
      hi += 1.0;
      left -= phi;
      if (left <= 0.0) return hi;
      if (phi < 1e-300 && (lo <= 0.0 || plo < 1e-300)) return mode;
    }
  }

  /// Beta(a, b) from two gamma draws.
  double beta(double a, double b) {
    const double x = gamma(a);
    const double y = gamma(b);
    return x / (x + y);
  }

  /// Binomial(trials, p), exact: inversion from zero while trials * p is
  /// below 10, else BTRS (Hormann 1993, transformed rejection with a
  /// squeeze: two uniforms a try, about 1.15 tries a draw, whatever the
  /// number of trials).
  double binomial(double trials, double p) {
    if (trials <= 0.0 || p <= 0.0) return 0.0;
    if (p >= 1.0) return trials;
    if (p > 0.5) return trials - binomial(trials, 1.0 - p);
    const double q = 1.0 - p;
    if (trials * p < 10.0) {
      const double odds = p / q;
      double u = uniform();
      double pk = std::exp(trials * std::log1p(-p));
      double k = 0.0;
      while (u > pk && k < trials) {
        u -= pk;
        pk *= odds * (trials - k) / (k + 1.0);
        k += 1.0;
      }
      return k;
    }
    const double spq = std::sqrt(trials * p * q);
    const double b = 1.15 + 2.53 * spq;
    const double a = -0.0873 + 0.0248 * b + 0.01 * p;
    const double c = trials * p + 0.5;
    const double alpha = (2.83 + 5.1 / b) * spq;
    const double vr = 0.92 - 4.2 / b;
    const double lpq = std::log(p / q);
    const double m = std::floor((trials + 1.0) * p);
    const double h = log_factorial(m) + log_factorial(trials - m);
    for (;;) {
      const double u = uniform() - 0.5;
      double v = uniform();
      const double us = 0.5 - std::abs(u);
      const double k = std::floor((2.0 * a / us + b) * u + c);
      if (k < 0.0 || k > trials) continue;
      if (us >= 0.07 && v <= vr) return k;
      v = std::log(v * alpha / (a / (us * us) + b));
      if (v <=
          h - log_factorial(k) - log_factorial(trials - k) + (k - m) * lpq) {
        return k;
      }
    }
  }

  /// Poisson(mean): multiplication for small means, PTRS (Hormann 1993)
  /// above 10.
  double poisson(double mean) {
    if (mean <= 0.0) return 0.0;
    if (mean < 10.0) {
      const double limit = std::exp(-mean);
      double k = 0.0;
      double p = uniform();
      while (p > limit) {
        k += 1.0;
        p *= uniform();
      }
      return k;
    }
    const double slam = std::sqrt(mean);
    const double loglam = std::log(mean);
    const double b = 0.931 + 2.53 * slam;
    const double a = -0.059 + 0.02483 * b;
    const double invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const double vr = 0.9277 - 3.6224 / (b - 2.0);
    for (;;) {
      const double u = uniform() - 0.5;
      const double v = uniform();
      const double us = 0.5 - std::abs(u);
      const double k = std::floor((2.0 * a / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0.0 || (us < 0.013 && v > us)) continue;
      if (std::log(v) + std::log(invalpha) - std::log(a / (us * us) + b) <=
          -mean + k * loglam - log_factorial(k)) {
        return k;
      }
    }
  }

 private:
  pcg32 gen_;
};

}  // namespace cspcast::kernels
