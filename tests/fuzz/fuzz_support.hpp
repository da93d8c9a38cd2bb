// SPDX-License-Identifier: MIT
// What the libFuzzer harnesses share: a private scratch folder, writing the
// input where a reader expects a file, and the two properties every harness
// checks besides the sanitizers: a reader either succeeds or throws a
// cspcast::Error (anything else would reach the user as exit 70), and the
// error names the file it came from.
#pragma once

#include <cspcast/error.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <unistd.h>

namespace cspcast::fuzz {

/// A scratch folder of this process, made once (removed at exit).
inline const std::filesystem::path& scratch() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() /
             ("cspcast-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    static const std::filesystem::path keep = d;
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(keep, ec);
    });
    return d;
  }();
  return dir;
}

inline void write(const std::filesystem::path& file, std::string_view bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) {
    std::fprintf(stderr, "fuzz: cannot write %s\n", file.c_str());
    std::abort();
  }
}

/// Runs `read`; a cspcast::Error must name `source` (a file or folder
/// path, or its leaf name). Any other exception escapes, and libFuzzer
/// reports it as a crash.
template <typename F>
void expect_named(const std::string& source, F&& read) {
  try {
    read();
  } catch (const cspcast::Error& e) {
    const std::string what = e.what();
    const std::string leaf = std::filesystem::path(source).filename().string();
    if (what.find(source) == std::string::npos &&
        what.find(leaf) == std::string::npos) {
      std::fprintf(stderr,
                   "fuzz: an error that does not name its source '%s': %s\n",
                   source.c_str(),
                   what.c_str());
      std::abort();
    }
  }
}

/// The first byte chooses among `n` variants; the rest is the file.
struct Split {
  unsigned choice = 0;
  std::string_view bytes;
};
inline Split split(const std::uint8_t* data, std::size_t size, unsigned n) {
  if (size == 0) return {0, {}};
  return {static_cast<unsigned>(data[0]) % n,
          std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1)};
}

}  // namespace cspcast::fuzz
