// SPDX-License-Identifier: MIT
// Folders, plain files and archives as a stream of named files. Archives
// go through libarchive (Debian's libarchive-dev): its zip reader streams
// each member's inflated bytes, which is what a multi-gigabyte police.uk
// download needs, and it reports truncation and corruption itself.
#include <cspcast/error.hpp>
#include <cspcast/io/inputs.hpp>

#include <algorithm>
#include <archive.h>
#include <archive_entry.h>
#include <string_view>

namespace cspcast::io {
namespace {

namespace fs = std::filesystem;

class ArchiveMember final : public ByteSource {
 public:
  ArchiveMember(archive* a, std::string name) : a_(a), name_(std::move(name)) {}
  std::size_t read(std::span<char> buffer) override {
    const la_ssize_t got = archive_read_data(a_, buffer.data(), buffer.size());
    if (got < 0) {
      const char* why = archive_error_string(a_);
      throw DataError(name_ + ": cannot read the archive member (" +
                      std::string(why != nullptr ? why : "read error") +
                      "; a truncated or damaged download?)");
    }
    const auto n = static_cast<std::size_t>(got);
    account(std::string_view(buffer.data(), n));
    return n;
  }
  [[nodiscard]] const std::string& name() const override { return name_; }

 private:
  archive* a_;
  std::string name_;
};

struct ArchiveHandle {
  archive* a = archive_read_new();
  ArchiveHandle() = default;
  ArchiveHandle(const ArchiveHandle&) = delete;
  ArchiveHandle& operator=(const ArchiveHandle&) = delete;
  ~ArchiveHandle() { archive_read_free(a); }
};

std::string why(archive* a) {
  const char* s = archive_error_string(a);
  return s != nullptr ? s : "unknown error";
}

void read_archive(const fs::path& file,
                  const std::function<void(InputFile&)>& visit) {
  ArchiveHandle h;
  archive_read_support_filter_all(h.a);
  archive_read_support_format_all(h.a);
  const std::string name = file.string();
  if (archive_read_open_filename(h.a, file.c_str(), 1 << 16) != ARCHIVE_OK) {
    throw DataError(name + ": cannot open the archive (" + why(h.a) + ")");
  }
  archive_entry* entry = nullptr;
  for (;;) {
    const int r = archive_read_next_header(h.a, &entry);
    if (r == ARCHIVE_EOF) break;
    if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
      throw DataError(name + ": cannot read the archive (" + why(h.a) +
                      "; a truncated or damaged download?)");
    }
    if (archive_entry_filetype(entry) != AE_IFREG) continue;
    const char* path = archive_entry_pathname(entry);
    InputFile f{path != nullptr ? path : "",
                std::make_unique<ArchiveMember>(
                    h.a, name + ":" + (path != nullptr ? path : ""))};
    visit(f);
    // Whatever the visitor did not read is skipped (and checked: a
    // truncated member fails here).
    if (archive_read_data_skip(h.a) != ARCHIVE_OK) {
      throw DataError(f.bytes->name() + ": cannot read the archive member (" +
                      why(h.a) + "; a truncated or damaged download?)");
    }
  }
}

}  // namespace

bool is_archive(const std::filesystem::path& file) {
  std::string n = file.filename().string();
  std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  for (const std::string_view ext : {".zip", ".tar", ".tgz", ".tar.gz"}) {
    if (n.size() > ext.size() && n.ends_with(ext)) return true;
  }
  return false;
}

void for_each_input(const std::filesystem::path& source,
                    const std::function<void(InputFile&)>& visit) {
  std::error_code ec;
  if (fs::is_directory(source, ec)) {
    std::vector<fs::path> files;
    for (fs::recursive_directory_iterator it(source, ec), end; it != end;
         it.increment(ec)) {
      if (ec) break;
      if (it->is_regular_file(ec)) files.push_back(it->path());
    }
    if (ec) {
      throw DataError(source.string() + ": cannot list the folder (" +
                      ec.message() + ")");
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      if (is_archive(f)) {
        read_archive(f, visit);
        continue;
      }
      auto bytes = std::make_unique<FileSource>(f, f.string());
      if (!bytes->is_open()) {
        throw DataError(f.string() + ": cannot open the file");
      }
      InputFile in{fs::relative(f, source, ec).generic_string(),
                   std::move(bytes)};
      visit(in);
    }
    return;
  }
  if (!fs::exists(source, ec)) {
    throw DataError(source.string() + ": no such file or folder");
  }
  if (is_archive(source)) {
    read_archive(source, visit);
    return;
  }
  auto bytes = std::make_unique<FileSource>(source, source.string());
  if (!bytes->is_open()) {
    throw DataError(source.string() + ": cannot open the file");
  }
  InputFile in{source.filename().string(), std::move(bytes)};
  visit(in);
}

}  // namespace cspcast::io
