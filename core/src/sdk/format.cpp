// SPDX-License-Identifier: MIT
#include <cspcast/format.hpp>

#include <array>
#include <charconv>

namespace cspcast {

std::string format_number(double v, int significant) {
  std::array<char, 32> buf{};
  const auto r = std::to_chars(buf.data(),
                               buf.data() + buf.size(),
                               v,
                               std::chars_format::general,
                               significant);
  return std::string(buf.data(), r.ptr);
}

}  // namespace cspcast
