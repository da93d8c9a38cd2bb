// SPDX-License-Identifier: MIT
#include <cspcast/error.hpp>
#include <cspcast/report/output.hpp>

#include <unistd.h>

namespace cspcast::report {

namespace fs = std::filesystem;

OutputTransaction::~OutputTransaction() {
  if (!committed_) rollback();
}

void OutputTransaction::make_folder(const fs::path& dir) {
  if (dir.empty()) return;
  std::error_code ec;
  // Remember each folder this creates, outermost first.
  std::vector<fs::path> missing;
  for (fs::path p = dir; !p.empty() && !fs::exists(p, ec);
       p = p.parent_path()) {
    missing.insert(missing.begin(), p);
    if (p == p.parent_path()) break;
  }
  for (const auto& p : missing) {
    if (!fs::create_directory(p, ec) && ec) {
      throw Error(dir.string() + ": cannot create the folder (" + ec.message() +
                  ")");
    }
    created_folders_.push_back(p);
  }
  if (!fs::is_directory(dir, ec)) {
    throw Error(dir.string() + ": not a folder");
  }
}

void OutputTransaction::check(const fs::path& file) {
  make_folder(file.parent_path());
  std::error_code ec;
  if (fs::is_directory(file, ec)) {
    throw Error(file.string() + ": cannot write (it is a folder)");
  }
  const fs::path probe = file.string() + ".probe" + std::to_string(::getpid());
  const bool ok = static_cast<bool>(std::ofstream(probe, std::ios::binary));
  fs::remove(probe, ec);
  if (!ok) {
    throw Error(file.string() +
                ": cannot write (check the folder exists and is writable)");
  }
}

OutputTransaction::Staged& OutputTransaction::open(const fs::path& file) {
  make_folder(file.parent_path());
  Staged s;
  s.file = file;
  s.tmp = file.string() + ".tmp" + std::to_string(::getpid());
  std::error_code ec;
  s.existed = fs::exists(file, ec);
  if (fs::is_directory(file, ec)) {
    throw Error(file.string() + ": cannot write (it is a folder)");
  }
  s.out = std::make_unique<std::ofstream>(s.tmp,
                                          std::ios::binary | std::ios::trunc);
  if (!*s.out) {
    throw Error(file.string() +
                ": cannot write (check the folder exists and is writable)");
  }
  staged_.push_back(std::move(s));
  return staged_.back();
}

void OutputTransaction::stage(const fs::path& file, std::string_view content) {
  Staged& s = open(file);
  s.out->write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!*s.out) throw Error(file.string() + ": write failed");
}

std::ofstream& OutputTransaction::stream(const fs::path& file) {
  return *open(file).out;
}

void OutputTransaction::commit() {
  for (auto& s : staged_) {
    s.out->flush();
    const bool ok = static_cast<bool>(*s.out);
    s.out->close();
    if (!ok) throw Error(s.file.string() + ": write failed");
  }
  for (auto& s : staged_) {
    std::error_code ec;
    fs::rename(s.tmp, s.file, ec);
    if (ec) {
      throw Error(s.file.string() +
                  ": cannot rename into place: " + ec.message());
    }
    if (!s.existed) renamed_.push_back(s.file);
  }
  committed_ = true;
}

void OutputTransaction::rollback() noexcept {
  std::error_code ec;
  for (auto& s : staged_) {
    if (s.out) s.out->close();
    fs::remove(s.tmp, ec);
  }
  for (const auto& f : renamed_) fs::remove(f, ec);
  // Innermost first; only folders left empty.
  for (auto it = created_folders_.rbegin(); it != created_folders_.rend();
       ++it) {
    fs::remove(*it, ec);
  }
}

void write_atomically(const fs::path& file, std::string_view content) {
  OutputTransaction t;
  t.stage(file, content);
  t.commit();
}

}  // namespace cspcast::report
