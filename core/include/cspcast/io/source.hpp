// SPDX-License-Identifier: MIT
// Where the bytes of an input come from: a file read in blocks, or text
// already in memory (an archive member, a test). Each source keeps the
// FNV-1a 64 checksum of every byte it handed out, so that the run manifest
// and the parse come from one reading of the file.
#pragma once

#include <cspcast/core_export.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

namespace cspcast::io {

/// FNV-1a 64 of some bytes, continuing from `hash`.
constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
CSPCAST_CORE_API std::uint64_t fnv1a64(std::string_view bytes,
                                       std::uint64_t hash = kFnvOffset);
/// The 16-digit lower-case hex form used in manifests.
CSPCAST_CORE_API std::string hex64(std::uint64_t value);

/// A stream of bytes with a name for messages.
class CSPCAST_CORE_API ByteSource {
 public:
  ByteSource() = default;
  ByteSource(const ByteSource&) = delete;
  ByteSource& operator=(const ByteSource&) = delete;
  virtual ~ByteSource() = default;
  /// Fills up to `buffer.size()` bytes; 0 at the end. Throws DataError
  /// naming the source on a read error.
  virtual std::size_t read(std::span<char> buffer) = 0;
  /// The name used in every message (a path, or `archive.zip:member`).
  [[nodiscard]] virtual const std::string& name() const = 0;
  /// FNV-1a 64 of the bytes read so far (all of them, at the end).
  [[nodiscard]] std::uint64_t checksum() const { return hash_; }
  /// No checksum for this source (bulk imports, where nothing records it
  /// and hashing every byte would cost more than parsing it).
  void skip_checksum() { hashing_ = false; }

 protected:
  void account(std::string_view bytes) {
    if (hashing_) hash_ = fnv1a64(bytes, hash_);
  }

 private:
  std::uint64_t hash_ = kFnvOffset;
  bool hashing_ = true;
};

/// A file on disk, read in blocks.
class CSPCAST_CORE_API FileSource final : public ByteSource {
 public:
  /// Opens `file`; throws `Error` (DataError unless told otherwise by the
  /// caller through `what`) "<name>: cannot open <what>" when it cannot.
  FileSource(const std::filesystem::path& file, std::string name);
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;
  ~FileSource() override;
  std::size_t read(std::span<char> buffer) override;
  [[nodiscard]] const std::string& name() const override { return name_; }
  /// True when the file could be opened.
  [[nodiscard]] bool is_open() const { return file_ != nullptr; }

 private:
  std::FILE* file_ = nullptr;
  std::string name_;
};

/// Text already in memory (not copied: it must outlive the source).
class CSPCAST_CORE_API MemorySource final : public ByteSource {
 public:
  MemorySource(std::string_view text, std::string name)
      : text_(text), name_(std::move(name)) {}
  std::size_t read(std::span<char> buffer) override;
  [[nodiscard]] const std::string& name() const override { return name_; }

 private:
  std::string_view text_;
  std::string name_;
};

/// A whole (small) file: its bytes and their checksum, from one reading.
struct FileBytes {
  std::string text;
  std::string fnv1a64;  // hex
};
/// Reads a whole file (TOML files); throws ConfigError
/// "<name>: cannot open <what> (missing file)" when it cannot.
CSPCAST_CORE_API FileBytes read_file_bytes(const std::filesystem::path& file,
                                           const std::string& name,
                                           const std::string& what);

}  // namespace cspcast::io
