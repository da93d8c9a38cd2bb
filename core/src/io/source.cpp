// SPDX-License-Identifier: MIT
#include <cspcast/error.hpp>
#include <cspcast/io/source.hpp>

#include <algorithm>
#include <array>
#include <cstring>

namespace cspcast::io {

std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t hash) {
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::string hex64(std::uint64_t value) {
  static constexpr std::array<char, 16> kDigits{'0',
                                                '1',
                                                '2',
                                                '3',
                                                '4',
                                                '5',
                                                '6',
                                                '7',
                                                '8',
                                                '9',
                                                'a',
                                                'b',
                                                'c',
                                                'd',
                                                'e',
                                                'f'};
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kDigits[value & 0xFU];
    value >>= 4U;
  }
  return out;
}

FileSource::FileSource(const std::filesystem::path& file, std::string name)
    : file_(std::fopen(file.c_str(), "rb")), name_(std::move(name)) {}

FileSource::~FileSource() {
  if (file_ != nullptr) std::fclose(file_);
}

std::size_t FileSource::read(std::span<char> buffer) {
  if (file_ == nullptr) return 0;
  const std::size_t got = std::fread(buffer.data(), 1, buffer.size(), file_);
  if (got < buffer.size() && std::ferror(file_) != 0) {
    throw DataError(name_ + ": read error");
  }
  account(std::string_view(buffer.data(), got));
  return got;
}

std::size_t MemorySource::read(std::span<char> buffer) {
  const std::size_t n = std::min(buffer.size(), text_.size());
  std::memcpy(buffer.data(), text_.data(), n);
  account(text_.substr(0, n));
  text_.remove_prefix(n);
  return n;
}

FileBytes read_file_bytes(const std::filesystem::path& file,
                          const std::string& name,
                          const std::string& what) {
  FileSource source(file, name);
  if (!source.is_open()) {
    throw ConfigError(name + ": cannot open " + what + " (missing file)");
  }
  FileBytes out;
  std::array<char, 1 << 14> block{};
  for (;;) {
    const std::size_t got = source.read(block);
    if (got == 0) break;
    out.text.append(block.data(), got);
  }
  out.fnv1a64 = hex64(source.checksum());
  return out;
}

}  // namespace cspcast::io
