// SPDX-License-Identifier: MIT
// Private to the CLI: the series of an input a group at a time (forecast,
// backtest, anticipated), and the temporary files that hold what is shown
// only once the whole input is read.
#pragma once

#include <cspcast/error.hpp>
#include <cspcast/io/series_csv.hpp>

#include <array>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace cspcast::cli {

/// The input's series `group` at a time when `streaming` (a file whose
/// series' rows are together), else the whole file as one group.
class SeriesGroups {
 public:
  SeriesGroups(const std::string& input,
               const io::InputOptions& options,
               bool streaming,
               std::size_t group)
      : group_(group) {
    if (streaming) {
      stream_.emplace(input, options);
    } else {
      whole_ = io::read_series_csv(input, options);
      group_ = whole_.size();
    }
  }
  /// Series per group (the whole file's count when not streaming).
  [[nodiscard]] std::size_t group() const { return group_; }
  /// The next group; empty at the end. Throws io::SeriesNotContiguous
  /// when streaming a file whose series' rows are apart.
  std::vector<io::InputSeries> next() {
    if (stream_) return stream_->next(group_);
    return std::exchange(whole_, {});
  }

 private:
  std::size_t group_;
  std::optional<io::SeriesCsvStream> stream_;
  std::vector<io::InputSeries> whole_;
};

/// Runs `pass(true)` (streaming); when the file's series' rows are apart,
/// says so and runs `pass(false)` (the whole file at once), which gives the
/// same output.
template <typename Pass>
void streaming_or_whole(Pass&& pass, bool say = true) {
  try {
    pass(true);
  } catch (const io::SeriesNotContiguous& e) {
    if (say) {
      std::cerr << "cspcast: note: " << e.what()
                << "; reading the whole file at once\n";
    }
    pass(false);
  }
}

/// An anonymous temporary file, removed when closed.
using TempFile = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;

inline TempFile temp_file() {
  TempFile f(std::tmpfile(), &std::fclose);
  if (!f) throw Error("cannot create a temporary file");
  return f;
}

inline void append(std::FILE* f, const std::string& text) {
  if (std::fwrite(text.data(), 1, text.size(), f) != text.size()) {
    throw Error("cannot write a temporary file");
  }
}

/// Everything written to `f`, to `out`.
inline void copy_out(std::FILE* f, std::ostream& out) {
  std::rewind(f);
  std::array<char, 1 << 16> buffer{};
  for (std::size_t got = 0;
       (got = std::fread(buffer.data(), 1, buffer.size(), f)) > 0;) {
    out.write(buffer.data(), static_cast<std::streamsize>(got));
  }
}

}  // namespace cspcast::cli
