// SPDX-License-Identifier: MIT
// Small pieces the importers share (private to core/src/io/import).
#pragma once

#include <cspcast/error.hpp>
#include <cspcast/io/csv.hpp>
#include <cspcast/io/source.hpp>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cspcast::io {

/// A month with no value (a gap): no row is written for it.
inline const double kGap = std::numeric_limits<double>::quiet_NaN();

/// Hashing for maps keyed by std::string and looked up by string_view.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const {
    return std::hash<std::string_view>{}(s);
  }
};

inline std::string join(const std::vector<std::string>& items,
                        std::string_view sep = ", ") {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += sep;
    out += i;
  }
  return out;
}

/// The files of an import, for messages about all of them.
inline std::string join_paths(const std::vector<std::filesystem::path>& files) {
  std::vector<std::string> names;
  names.reserve(files.size());
  for (const auto& f : files) names.push_back(f.string());
  return join(names);
}

/// Lower case, for matching header names written either way.
inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

/// A large input file read once for counting: no checksum of its bytes.
inline CsvReader open_bulk_csv(const std::filesystem::path& file,
                               std::string_view expectation) {
  auto bytes = std::make_unique<FileSource>(file, file.string());
  if (!bytes->is_open())
    throw DataError(file.string() + ": cannot open the file");
  bytes->skip_checksum();
  return CsvReader(std::move(bytes), expectation);
}

}  // namespace cspcast::io
