// SPDX-License-Identifier: MIT
// Every file a command writes goes through one transaction: each output is
// written in full to a temporary file beside its destination, and only
// when all of them are written are they renamed into place, together. A
// command that fails (or a transaction destroyed without commit()) leaves
// none of its files behind: temporaries are removed, and so are folders
// the transaction created.
#pragma once

#include <cspcast/core_export.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cspcast::report {

class CSPCAST_CORE_API OutputTransaction {
 public:
  OutputTransaction() = default;
  OutputTransaction(const OutputTransaction&) = delete;
  OutputTransaction& operator=(const OutputTransaction&) = delete;
  /// Rolls back unless committed.
  ~OutputTransaction();

  /// Creates `dir` (and its parents) if missing; rolled back with the
  /// rest. Throws Error naming the folder when it cannot.
  void make_folder(const std::filesystem::path& dir);
  /// Checks before any work that `file` can be written: its folder exists
  /// or is created (rolled back with the rest), it is not a folder, and a
  /// file can be created beside it. Throws Error naming it when not.
  void check(const std::filesystem::path& file);
  /// Writes `content` for `file` to its temporary now. Throws Error
  /// "<file>: cannot write (...)" when it cannot.
  void stage(const std::filesystem::path& file, std::string_view content);
  /// A stream to the temporary of `file`, for outputs too large to hold
  /// (written in blocks by the caller). Valid until commit().
  std::ofstream& stream(const std::filesystem::path& file);
  /// Renames every staged file into place. Throws Error (after removing
  /// what it wrote) when a file cannot be finished or renamed.
  void commit();

 private:
  struct Staged {
    std::filesystem::path file;
    std::filesystem::path tmp;
    std::unique_ptr<std::ofstream> out;
    bool existed = false;
  };
  Staged& open(const std::filesystem::path& file);
  void rollback() noexcept;
  std::vector<Staged> staged_;
  std::vector<std::filesystem::path> created_folders_;
  std::vector<std::filesystem::path> renamed_;  // new files already in place
  bool committed_ = false;
};

/// One file written atomically (a transaction of one).
CSPCAST_CORE_API void write_atomically(const std::filesystem::path& file,
                                       std::string_view content);

}  // namespace cspcast::report
