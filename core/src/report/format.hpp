// SPDX-License-Identifier: MIT
// Private: number formatting shared by the writers.
#pragma once

#include <cmath>
#include <iomanip>
#include <sstream>
#include <string>
#include <string_view>

namespace cspcast::report {

/// `digits` significant digits, as a stream writes them.
inline std::string num(double v, int digits = 6) {
  std::ostringstream out;
  out << std::setprecision(digits) << v;
  return out.str();
}

/// A fixed number of decimals.
inline std::string fixed(double v, int decimals) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(decimals) << v;
  return out.str();
}

/// A share as a percentage with two decimals: -0.1216 -> "-12.16%".
inline std::string percent(double v) { return fixed(100.0 * v, 2) + "%"; }

/// Decimals that suit the size of a value in a table.
inline int decimals_for(double v) {
  const double a = std::abs(v);
  if (a >= 100.0) return 0;
  if (a >= 10.0) return 1;
  return 2;
}

/// A CSV field as RFC 4180 writes it: in double quotes (with `"` doubled)
/// when it holds a comma, a quote or a line break; as it is otherwise.
inline std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    return std::string(s);
  }
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

/// `s` padded to `width`, or followed by one space when it is as wide.
inline std::string pad(const std::string& s, std::size_t width) {
  return s.size() >= width ? s + " " : s + std::string(width - s.size(), ' ');
}

/// A TOML basic string: in double quotes, `"` and `\` escaped, line breaks
/// as `\n` (for the scenario and pack files the writers produce).
inline std::string toml_string(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

}  // namespace cspcast::report
