// SPDX-License-Identifier: MIT
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace cspcast::test {

/// A fresh directory removed when the object goes out of scope.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("cspcast-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline void write_file(const std::filesystem::path& file,
                       const std::string& text) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

inline std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string text;
  std::string line;
  while (std::getline(in, line)) text += line + "\n";
  return text;
}

/// Copies the bundled Maidstone pack into `dir` for tests that break it.
inline std::filesystem::path copy_maidstone(const std::filesystem::path& dir) {
  auto target = dir / "pack";
  std::filesystem::copy(std::filesystem::path(CSPCAST_TEST_SOURCE_DIR) /
                            "scenarios" / "maidstone",
                        target,
                        std::filesystem::copy_options::recursive);
  return target;
}

}  // namespace cspcast::test
