// SPDX-License-Identifier: MIT
// Private helpers for reading TOML files with file:line in every message.
#pragma once

#include <cspcast/distribution.hpp>
#include <cspcast/error.hpp>
#include <cspcast/io/source.hpp>

#include <toml++/toml.h>

#include <cmath>
#include <filesystem>
#include <optional>
#include <string>

namespace cspcast::io {

/// A TOML file parsed from one reading of its bytes (which also give the
/// manifest checksum), with `file:line` helpers for every message.
class TomlFile {
 public:
  /// Reads and parses `file`; `display` names it in messages. Throws
  /// ConfigError "<display>: cannot open <what> (missing file)" or
  /// "<display>:<line>: syntax: ...".
  TomlFile() = default;
  TomlFile(const std::filesystem::path& file,
           std::string display,
           const std::string& what = "TOML file")
      : display_(std::move(display)) {
    io::FileBytes bytes = io::read_file_bytes(file, display_, what);
    checksum_ = std::move(bytes.fnv1a64);
    try {
      root_ = toml::parse(bytes.text, display_);
    } catch (const toml::parse_error& e) {
      throw ConfigError(display_ + ":" + std::to_string(e.source().begin.line) +
                        ": syntax: " + std::string(e.description()));
    }
  }
  /// Parses text already in memory (a mapping given as a string).
  static TomlFile parse_text(const std::string& text, std::string display) {
    TomlFile f;
    f.display_ = std::move(display);
    f.checksum_ = io::hex64(io::fnv1a64(text));
    try {
      f.root_ = toml::parse(text, f.display_);
    } catch (const toml::parse_error& e) {
      throw ConfigError(f.display_ + ":" +
                        std::to_string(e.source().begin.line) +
                        ": syntax: " + std::string(e.description()));
    }
    return f;
  }
  [[nodiscard]] const toml::table& root() const { return root_; }
  [[nodiscard]] const std::string& display() const { return display_; }
  /// FNV-1a 64 (hex) of the bytes parsed.
  [[nodiscard]] const std::string& checksum() const { return checksum_; }

  [[nodiscard]] std::string where(const toml::node& node) const {
    return display_ + ":" + std::to_string(node.source().begin.line);
  }
  [[nodiscard]] std::string where(const toml::table& t,
                                  const std::string& key) const {
    const toml::node* n = t.get(key);
    return where(n != nullptr ? *n : static_cast<const toml::node&>(t));
  }

  [[nodiscard]] std::optional<std::string> optional_string(
      const toml::table& t, const std::string& key) const {
    const toml::node* n = t.get(key);
    if (n == nullptr) return std::nullopt;
    if (const auto* s = n->as_string()) return s->get();
    throw ConfigError(where(*n) + ": " + key + ": expected a string");
  }
  [[nodiscard]] std::string required_string(const toml::table& t,
                                            const std::string& key) const {
    auto v = optional_string(t, key);
    if (!v) throw ConfigError(where(t) + ": " + key + ": missing");
    return *v;
  }
  [[nodiscard]] std::optional<double> optional_number(
      const toml::table& t, const std::string& key) const {
    const toml::node* n = t.get(key);
    if (n == nullptr) return std::nullopt;
    double v = 0.0;
    if (const auto* d = n->as_floating_point()) {
      v = d->get();
    } else if (const auto* i = n->as_integer()) {
      v = static_cast<double>(i->get());
    } else {
      throw ConfigError(where(*n) + ": " + key + ": expected a number");
    }
    if (!std::isfinite(v))
      throw ConfigError(where(*n) + ": " + key + ": not finite");
    return v;
  }
  [[nodiscard]] double required_number(const toml::table& t,
                                       const std::string& key) const {
    auto v = optional_number(t, key);
    if (!v) throw ConfigError(where(t) + ": " + key + ": missing");
    return *v;
  }
  [[nodiscard]] std::optional<int> optional_int(const toml::table& t,
                                                const std::string& key) const {
    const toml::node* n = t.get(key);
    if (n == nullptr) return std::nullopt;
    if (const auto* i = n->as_integer()) {
      // No silent wrap of a 64-bit TOML integer into an int.
      if (i->get() < -1'000'000'000 || i->get() > 1'000'000'000) {
        throw ConfigError(where(*n) + ": " + key +
                          ": expected a whole number of at most 1000000000 "
                          "in absolute value (got " +
                          std::to_string(i->get()) + ")");
      }
      return static_cast<int>(i->get());
    }
    throw ConfigError(where(*n) + ": " + key + ": expected a whole number");
  }
  [[nodiscard]] std::optional<bool> optional_bool(
      const toml::table& t, const std::string& key) const {
    const toml::node* n = t.get(key);
    if (n == nullptr) return std::nullopt;
    if (const auto* b = n->as_boolean()) return b->get();
    throw ConfigError(where(*n) + ": " + key + ": expected true or false");
  }

 private:
  std::string display_;
  std::string checksum_;
  toml::table root_;
};

/// Reads `{ dist = "...", ... }` into a Distribution; `field` names it in
/// messages.
inline Distribution read_distribution(const TomlFile& f,
                                      const toml::table& t,
                                      const std::string& field) {
  const std::string at = f.where(t);
  const std::string kind_text = f.required_string(t, "dist");
  auto kind = parse_distribution_kind(kind_text);
  if (!kind) {
    throw ConfigError(f.where(t, "dist") + ": " + field +
                      ".dist: unknown distribution (got '" + kind_text +
                      "'; expected " + distribution_kind_choices() + ")");
  }
  Distribution d;
  d.kind = *kind;
  auto need = [&](const char* key) { return f.required_number(t, key); };
  switch (d.kind) {
    case DistributionKind::kFixed:
      d.a = need("value");
      break;
    case DistributionKind::kNormal:
      d.a = need("mean");
      d.b = need("sd");
      break;
    case DistributionKind::kLognormal:
      d.a = need("median");
      d.b = need("sdlog");
      break;
    case DistributionKind::kUniform:
      d.a = need("min");
      d.b = need("max");
      break;
    case DistributionKind::kTriangular:
    case DistributionKind::kPert:
      d.a = need("min");
      d.b = need("mode");
      d.c = need("max");
      break;
  }
  if (auto problem = d.problem()) {
    throw ConfigError(at + ": " + field + ": " + *problem);
  }
  return d;
}

}  // namespace cspcast::io
