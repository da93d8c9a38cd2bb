// SPDX-License-Identifier: MIT
#include <cspcast/eigen_types.hpp>
#include <cspcast/error.hpp>
#include <cspcast/plugin/conformance.hpp>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <memory>
#include <random>
#include <thread>
#include <utility>

namespace cspcast::plugin {
namespace {

/// Paths first..first+count-1 (every `step`-th) of the model, prefilled
/// with NaN so that a value not written shows.
Matrix conformance_paths(const ProjectionModel& m,
                         int months,
                         std::uint64_t seed,
                         int first,
                         int step,
                         int count) {
  Matrix out =
      Matrix::Constant(months, count, std::numeric_limits<double>::quiet_NaN());
  const PathStreams streams(seed, 0x5eedULL, first, step, count);
  m.simulate(streams, PathBlock(out.data(), months, count, months));
  return out;
}

/// Why the values are not values of the unit, or "".
std::string conformance_value_fault(const Matrix& paths, Unit unit) {
  for (Eigen::Index c = 0; c < paths.cols(); ++c) {
    for (Eigen::Index r = 0; r < paths.rows(); ++r) {
      const double v = paths(r, c);
      const std::string at = " at month " + std::to_string(r) + ", path " +
                             std::to_string(c) + " (" + std::to_string(v) + ")";
      if (!std::isfinite(v)) return "not finite or not filled" + at;
      if (unit == Unit::kCount && (v < 0.0 || v != std::floor(v)))
        return "not a whole non-negative count" + at;
      if (unit == Unit::kPercentage && (v < 0.0 || v > 100.0))
        return "a percentage outside 0-100" + at;
    }
  }
  return "";
}

}  // namespace

/// A history of `months` months valid for the indicator's unit: seasonal
/// and trending, whole for counts, within 0-100 for percentages; `kind`
/// "typical", "zeros" (every third month zero) or "constant".
MonthlySeries conformance_history(const IndicatorSpec& ind,
                                  int months,
                                  const std::string& kind) {
  MonthlySeries s;
  s.id = ind.id;
  s.start = YearMonth(2010, 4);
  for (int t = 0; t < months; ++t) {
    double v = 20.0 + 8.0 * ((t % 12) < 6 ? 1 : -1) + (t % 5) - 0.05 * t;
    if (kind == "constant") v = 12.0;
    if (kind == "zeros" && t % 3 == 0) v = 0.0;
    if (ind.unit == Unit::kCount) v = std::round(v);
    if (ind.unit == Unit::kLevel && kind != "zeros") v -= 15.0;
    s.values.push_back(v);
  }
  return s;
}

/// The input for `history`, with every declared companion given as a
/// constant 100 from two years before the history to its end.
ProjectionInput conformance_input(const IndicatorSpec& ind,
                                  const MonthlySeries& history) {
  ProjectionInput in;
  in.indicator = ind;
  in.series = ind.id;
  in.history = history;
  in.horizon = history.end() + kConformanceMonthsAhead;
  in.where = "conformance:" + ind.id;
  for (const auto& c : ind.companions) {
    MonthlySeries s;
    s.id = c.name;
    s.start = history.start - 24;
    s.values.assign(static_cast<std::size_t>(history.size()) + 24U, 100.0);
    in.companions.push_back(std::move(s));
  }
  return in;
}

/// Every check on one fitted model; `other` is a second model of the same
/// plugin (for the interleaving checks). Returns the faults.
std::vector<std::string> conformance_faults(const std::string& what,
                                            const ProjectionModel& model,
                                            const ProjectionModel& other,
                                            int months,
                                            int other_months,
                                            Unit unit) {
  std::vector<std::string> faults;
  const auto fail = [&](const std::string& f) {
    faults.push_back(what + ": " + f);
  };
  const int n = kConformancePaths;
  try {
    const Matrix a = conformance_paths(model, months, 7, 0, 1, n);
    if (const std::string f = conformance_value_fault(a, unit); !f.empty())
      fail(f);
    if (conformance_paths(model, months, 7, 0, 1, n) != a)
      fail("the same seed gave different paths");
    // Common random numbers: path p is the same however paths are split
    // between calls (blocks, or a combination's every other path).
    Matrix split(months, n);
    split.leftCols(n / 2) = conformance_paths(model, months, 7, 0, 1, n / 2);
    split.rightCols(n - n / 2) =
        conformance_paths(model, months, 7, n / 2, 1, n - n / 2);
    if (split != a) fail("paths depend on how they are split between calls");
    const Matrix odd = conformance_paths(model, months, 7, 1, 2, n / 2);
    for (int c = 0; c < n / 2; ++c) {
      if (odd.col(c) != a.col(2 * c + 1)) {
        fail("every other path differs from the same path in one block");
        break;
      }
    }
    // Any global random generator called between calls changes nothing.
    std::srand(12345);
    for (int i = 0; i < 100; ++i) (void)std::rand();
    std::mt19937_64 global_like(99);
    (void)global_like();
    if (conformance_paths(model, months, 7, 0, 1, n) != a)
      fail("paths changed after calls to std::rand");
    // A then B equals B then A.
    const Matrix b = conformance_paths(other, other_months, 7, 0, 1, n);
    const Matrix b_first = conformance_paths(other, other_months, 7, 0, 1, n);
    const Matrix a_second = conformance_paths(model, months, 7, 0, 1, n);
    if (b_first != b || a_second != a)
      fail("the order of calls on two models changes their paths");
    // Interleaved on two threads: what each gives alone.
    bool a_ok = true;
    bool b_ok = true;
    std::thread t1([&] {
      for (int i = 0; i < 20; ++i)
        a_ok = a_ok && conformance_paths(model, months, 7, 0, 1, n) == a;
    });
    std::thread t2([&] {
      for (int i = 0; i < 20; ++i)
        b_ok = b_ok && conformance_paths(other, other_months, 7, 0, 1, n) == b;
    });
    t1.join();
    t2.join();
    if (!a_ok || !b_ok)
      fail("two models on two threads gave other paths than one by one");
  } catch (const std::exception& e) {
    fail(std::string("threw: ") + e.what());
  }
  return faults;
}

/// The whole suite for one indicator of `source` that declares its own
/// model: fitted to a typical history, one with zeros, a constant one and
/// the shortest it accepts, each checked with conformance_faults().
std::vector<std::string> own_model_faults(const PrioritySource& source,
                                          const IndicatorSpec& ind) {
  std::vector<std::string> faults;
  const auto fit = [&](const MonthlySeries& h) {
    return source.fit_projection(conformance_input(ind, h));
  };
  std::shared_ptr<const ProjectionModel> typical;
  try {
    typical = fit(conformance_history(ind, 60, "typical"));
  } catch (const std::exception& e) {
    return {ind.id + ": fitting a typical history threw: " + e.what()};
  }
  if (!typical) {
    return {ind.id + ": declares own model '" + ind.own_model +
            "' but fit none with its companions given"};
  }
  std::vector<std::pair<std::string, MonthlySeries>> histories = {
      {"typical", conformance_history(ind, 60, "typical")},
      {"zeros", conformance_history(ind, 60, "zeros")},
      {"constant", conformance_history(ind, 60, "constant")}};
  int shortest = 0;
  for (int months = 1; months <= 60 && shortest == 0; ++months) {
    try {
      if (fit(conformance_history(ind, months, "typical"))) shortest = months;
    } catch (const Error&) {
      // too short for the model: the next length
    } catch (const std::exception& e) {
      faults.push_back(
          ind.id + ": a " + std::to_string(months) +
          "-month history threw other than a cspcast error: " + e.what());
    }
  }
  if (shortest == 0) {
    faults.push_back(ind.id + ": accepts no history of 60 months or fewer");
  } else {
    histories.emplace_back("shortest (" + std::to_string(shortest) + ")",
                           conformance_history(ind, shortest, "typical"));
  }
  for (const auto& [kind, h] : histories) {
    std::shared_ptr<const ProjectionModel> m;
    try {
      m = fit(h);
    } catch (const std::exception& e) {
      faults.push_back(ind.id + ", " + kind +
                       " history: fit threw: " + e.what());
      continue;
    }
    if (!m) {
      faults.push_back(ind.id + ", " + kind + " history: no model fitted");
      continue;
    }
    for (auto& f : conformance_faults(ind.id + ", " + kind + " history",
                                      *m,
                                      *typical,
                                      kConformanceMonthsAhead,
                                      kConformanceMonthsAhead,
                                      ind.unit)) {
      faults.push_back(std::move(f));
    }
  }
  return faults;
}

}  // namespace cspcast::plugin
