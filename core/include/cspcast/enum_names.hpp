// SPDX-License-Identifier: MIT
// One table per enum, read both ways: the name of a value, the value of a
// name, and the "a, b or c" list that every "expected ..." message uses.
// Each enum seen by users has `to_string(E)`, `parse_<e>(text)` and
// `<e>_choices()` built on one of these tables.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace cspcast {

template <typename E, std::size_t N>
class EnumNames {
 public:
  constexpr explicit EnumNames(std::array<std::pair<std::string_view, E>, N> t)
      : table_(t) {}
  /// The name of `value` ("?" for a value outside the table).
  [[nodiscard]] std::string name(E value) const {
    for (const auto& [n, v] : table_) {
      if (v == value) return std::string(n);
    }
    return "?";
  }
  [[nodiscard]] std::optional<E> parse(std::string_view text) const {
    for (const auto& [n, v] : table_) {
      if (n == text) return v;
    }
    return std::nullopt;
  }
  /// "a, b or c", in table order.
  [[nodiscard]] std::string choices() const {
    std::string out;
    for (std::size_t i = 0; i < N; ++i) {
      if (i > 0) out += i + 1 == N ? " or " : ", ";
      out += table_[i].first;
    }
    return out;
  }

 private:
  std::array<std::pair<std::string_view, E>, N> table_;
};

}  // namespace cspcast
