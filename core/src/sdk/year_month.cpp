// SPDX-License-Identifier: MIT
#include <cspcast/year_month.hpp>

#include <array>
#include <charconv>
#include <cstdio>

namespace cspcast {
namespace {

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<YearMonth> YearMonth::parse(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  auto year = parse_int(text.substr(0, 4));
  auto month = parse_int(text.substr(5, 2));
  if (!year || !month || *month < 1 || *month > 12 || *year < 1000) {
    return std::nullopt;
  }
  return YearMonth(*year, *month);
}

std::string YearMonth::str() const {
  std::array<char, 16> buf{};
  std::snprintf(buf.data(), buf.size(), "%04d-%02d", year(), month());
  return buf.data();
}

std::optional<Period> Period::parse(std::string_view text) {
  if (text.size() == 9 && text.substr(0, 2) == "FY" && text[6] == '/') {
    auto start = parse_int(text.substr(2, 4));
    auto end2 = parse_int(text.substr(7, 2));
    if (!start || !end2 || (*start + 1) % 100 != *end2) return std::nullopt;
    return Period{
        YearMonth(*start, 4), YearMonth(*start + 1, 3), std::string(text)};
  }
  if (text.size() == 6 && text.substr(0, 2) == "CY") {
    auto year = parse_int(text.substr(2, 4));
    if (!year) return std::nullopt;
    return Period{YearMonth(*year, 1), YearMonth(*year, 12), std::string(text)};
  }
  if (text.size() == 11 && text.substr(0, 4) == "R12:") {
    auto last = YearMonth::parse(text.substr(4));
    if (!last) return std::nullopt;
    return Period{*last - 11, *last, std::string(text)};
  }
  return std::nullopt;
}

}  // namespace cspcast
