// SPDX-License-Identifier: MIT
#include <cspcast/error.hpp>
#include <cspcast/options.hpp>

#include <limits>
#include <sstream>

namespace cspcast {
namespace {

template <typename T>
std::string text(T v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

template <typename T>
void check(
    std::vector<OptionProblem>& out, const char* field, T value, T lo, T hi) {
  if (value >= lo && value <= hi) return;  // false for NaN
  std::string m = hi == std::numeric_limits<T>::max()
                      ? "at least " + text(lo)
                      : "between " + text(lo) + " and " + text(hi);
  out.push_back({field, m + " (got " + text(value) + ")"});
}

}  // namespace

void check_range(std::vector<OptionProblem>& out,
                 const char* field,
                 long long value,
                 long long lo,
                 long long hi) {
  check(out, field, value, lo, hi);
}

void check_range(std::vector<OptionProblem>& out,
                 const char* field,
                 double value,
                 double lo,
                 double hi) {
  check(out, field, value, lo, hi);
}

std::string describe(const std::vector<OptionProblem>& list) {
  std::string out;
  for (const auto& p : list) {
    if (!out.empty()) out += "; ";
    out += p.field + ": " + p.message;
  }
  return out;
}

void validate(const std::vector<OptionProblem>& problems) {
  if (!problems.empty()) throw ConfigError(describe(problems));
}

}  // namespace cspcast
