// SPDX-License-Identifier: MIT
// Reading a whole pack with one of its files replaced by the input: the
// small pack of tests/fuzz/pack is copied into the scratch folder once,
// and the replaced file is put back after each input.
#pragma once

#include "fuzz_support.hpp"

#include <cspcast/io/pack_reader.hpp>

#include <map>
#include <sstream>

namespace cspcast::fuzz {

inline std::filesystem::path fuzz_pack_dir() {
  static const std::filesystem::path dir = [] {
    const auto d = scratch() / "pack";
    std::filesystem::copy(
        CSPCAST_FUZZ_PACK,
        d,
        std::filesystem::copy_options::recursive |
            std::filesystem::copy_options::overwrite_existing);
    return d;
  }();
  return dir;
}

inline const std::string& original(const std::string& name) {
  static std::map<std::string, std::string> files;
  auto it = files.find(name);
  if (it == files.end()) {
    std::ifstream in(std::filesystem::path(CSPCAST_FUZZ_PACK) / name,
                     std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    it = files.emplace(name, text.str()).first;
  }
  return it->second;
}

inline void fuzz_pack_file(const std::uint8_t* data,
                           std::size_t size,
                           const char* const* names,
                           unsigned n) {
  const auto in = split(data, size, n);
  const auto dir = fuzz_pack_dir();
  const std::string name = names[in.choice];
  write(dir / name, in.bytes);
  expect_named(dir.string(), [&] { (void)io::read_pack(dir); });
  write(dir / name, original(name));
}

}  // namespace cspcast::fuzz
