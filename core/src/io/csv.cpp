// SPDX-License-Identifier: MIT
#include <cspcast/error.hpp>
#include <cspcast/io/csv.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <sstream>

namespace cspcast::io {
namespace {

constexpr std::size_t kBlock = std::size_t{1} << 16;

bool blank(char c) { return c == ' ' || c == '\t'; }

// The outcome of trying to take one row from the buffer.
enum class Take { kRow, kSkipped, kNeedMore, kEnd };

// Cold: a malformed quoted field.
[[noreturn]] void quote_error(const std::string& name,
                              int line,
                              const char* what) {
  throw DataError(name + ":" + std::to_string(line) + ": " + what);
}

// Parses rows out of [p, end). The state lives in the reader; this struct
// is the per-attempt cursor, so an attempt that runs out of bytes can be
// thrown away and retried after more bytes arrived.
struct Cursor {
  const char* p;
  const char* end;
  bool eof;
  int newlines = 0;  // line breaks consumed (for line numbers)

  [[nodiscard]] bool at_end() const { return p == end; }
  // A line end at p: "\n" or "\r\n" (a lone '\r' at the very end of the
  // input also ends the line).
  [[nodiscard]] bool line_end() const {
    return *p == '\n' || (*p == '\r' && (p + 1 == end ? eof : p[1] == '\n'));
  }
  void skip_line_end() {
    if (*p == '\r') ++p;
    if (p != end && *p == '\n') ++p;
    ++newlines;
  }
};

}  // namespace

std::optional<double> parse_number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double v = 0.0;
  const char* end = text.data() + text.size();
  const auto r = std::from_chars(text.data(), end, v);
  if (r.ec != std::errc() || r.ptr != end || !std::isfinite(v)) {
    return std::nullopt;
  }
  return v;
}

std::string implausible(double v) {
  if (std::abs(v) <= kLargestValue) return {};
  std::ostringstream text;
  text << "implausibly large (got " << v
       << "; expected at most 1e15 in absolute value)";
  return text.str();
}

CsvReader::CsvReader(std::unique_ptr<ByteSource> source,
                     std::string_view empty_expectation)
    : source_(std::move(source)), buffer_(kBlock) {
  scratch_.reserve(buffer_.size());
  // A UTF-8 byte-order mark (spreadsheets write one) is not part of the
  // first column's name.
  fill();
  if (end_ - begin_ >= 3 && std::memcmp(buffer_.data(), "\xEF\xBB\xBF", 3) == 0)
    begin_ += 3;
  if (!read_row()) {
    throw DataError(source_->name() + ": empty file (" +
                    std::string(empty_expectation) + ")");
  }
  header_line_ = line_;
  header_.assign(fields_.begin(), fields_.end());
}

CsvReader::CsvReader(CsvReader&&) noexcept = default;
CsvReader& CsvReader::operator=(CsvReader&&) noexcept = default;
CsvReader::~CsvReader() = default;

const std::string& CsvReader::name() const { return source_->name(); }

std::uint64_t CsvReader::checksum() const { return source_->checksum(); }

std::string CsvReader::where() const {
  return source_->name() + ":" + std::to_string(line_);
}

std::string CsvReader::where(std::string_view field) const {
  return where() + ": " + std::string(field);
}

std::optional<std::size_t> CsvReader::column(std::string_view name) const {
  const auto it = std::find(header_.begin(), header_.end(), name);
  if (it == header_.end()) return std::nullopt;
  return static_cast<std::size_t>(it - header_.begin());
}

bool CsvReader::next() { return read_row(); }

void CsvReader::require_header_width() {
  while (fields_.size() > header_.size() && fields_.back().empty()) {
    fields_.pop_back();
  }
  if (fields_.size() > header_.size()) {
    throw DataError(where() + ": " + std::to_string(fields_.size()) +
                    " fields, more than the header's " +
                    std::to_string(header_.size()) +
                    " (a decimal comma, or a comma in an unquoted value?)");
  }
}

// Moves the unread bytes to the front and reads more (growing the buffer
// when one row fills it). False when nothing more came.
bool CsvReader::fill() {
  if (eof_) return false;
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buffer_.size()) {
    buffer_.resize(buffer_.size() * 2);
    scratch_.reserve(buffer_.size());
  }
  const std::size_t got = source_->read(
      std::span<char>(buffer_.data() + end_, buffer_.size() - end_));
  if (got == 0) eof_ = true;
  end_ += got;
  return got > 0;
}

namespace {

// Takes one quoted field starting at the opening quote. Appends the
// field's view to `fields`, unescaping `""` into `scratch` when needed.
Take take_quoted(Cursor& c,
                 std::string& scratch,
                 std::vector<std::string_view>& fields,
                 const std::string& name,
                 int line) {
  ++c.p;  // the opening quote
  const char* start = c.p;
  bool escaped = false;
  for (;;) {
    if (c.at_end()) {
      if (!c.eof) return Take::kNeedMore;
      quote_error(name, line, "quoted field not closed before the end");
    }
    if (*c.p == '"') {
      if (c.p + 1 == c.end && !c.eof) return Take::kNeedMore;
      if (c.p + 1 != c.end && c.p[1] == '"') {
        escaped = true;
        c.p += 2;
        continue;
      }
      break;
    }
    if (*c.p == '\n') ++c.newlines;
    ++c.p;
  }
  const std::string_view raw(start, static_cast<std::size_t>(c.p - start));
  ++c.p;  // the closing quote
  if (!escaped) {
    fields.push_back(raw);
  } else {
    const std::size_t from = scratch.size();
    for (std::size_t i = 0; i < raw.size(); ++i) {
      scratch.push_back(raw[i]);
      if (raw[i] == '"') ++i;  // "" is one quote
    }
    fields.emplace_back(scratch.data() + from, scratch.size() - from);
  }
  while (!c.at_end() && blank(*c.p)) ++c.p;
  if (c.at_end() && !c.eof) return Take::kNeedMore;
  if (!c.at_end() && *c.p != ',' && !c.line_end()) {
    quote_error(
        name, line, "text after a closing quote (expected , or a line end)");
  }
  return Take::kRow;
}

// Takes one unquoted field (trimmed of spaces and tabs).
Take take_plain(Cursor& c, std::vector<std::string_view>& fields) {
  const char* start = c.p;
  while (!c.at_end() && *c.p != ',' && *c.p != '\n') ++c.p;
  if (c.at_end() && !c.eof) return Take::kNeedMore;
  const char* stop = c.p;
  while (stop > start && (blank(stop[-1]) || stop[-1] == '\r')) --stop;
  fields.emplace_back(start, static_cast<std::size_t>(stop - start));
  return Take::kRow;
}

// Takes one row (or one skipped line) from the cursor.
Take take_row(Cursor& c,
              std::string& scratch,
              std::vector<std::string_view>& fields,
              const std::string& name,
              int line) {
  fields.clear();
  scratch.clear();
  if (c.at_end()) return c.eof ? Take::kEnd : Take::kNeedMore;
  // Empty lines and `#` comments are skipped.
  const char* q = c.p;
  while (q != c.end && blank(*q)) ++q;
  if (q == c.end && !c.eof) return Take::kNeedMore;
  if (q == c.end || *q == '#' || *q == '\n' || *q == '\r') {
    const char* nl = static_cast<const char*>(
        std::memchr(q, '\n', static_cast<std::size_t>(c.end - q)));
    if (nl == nullptr && !c.eof) return Take::kNeedMore;
    c.p = nl == nullptr ? c.end : nl + 1;
    ++c.newlines;
    return Take::kSkipped;
  }
  for (;;) {
    while (!c.at_end() && blank(*c.p)) ++c.p;
    const Take t = (!c.at_end() && *c.p == '"')
                       ? take_quoted(c, scratch, fields, name, line)
                       : take_plain(c, fields);
    if (t != Take::kRow) return t;
    if (c.at_end()) return Take::kRow;  // the last line has no line end
    if (*c.p == ',') {
      ++c.p;
      continue;
    }
    c.skip_line_end();
    return Take::kRow;
  }
}

}  // namespace

bool CsvReader::read_row() {
  for (;;) {
    Cursor c{buffer_.data() + begin_, buffer_.data() + end_, eof_};
    const Take t = take_row(c, scratch_, fields_, source_->name(), next_line_);
    if (t == Take::kNeedMore) {
      fill();
      continue;
    }
    if (t == Take::kEnd) {
      fields_.clear();
      return false;
    }
    begin_ = static_cast<std::size_t>(c.p - buffer_.data());
    const int start = next_line_;
    next_line_ += c.newlines;
    if (t == Take::kRow) {
      line_ = start;
      return true;
    }
  }
}

CsvReader open_csv(const std::filesystem::path& file,
                   const std::string& name,
                   std::string_view empty_expectation) {
  auto source = std::make_unique<FileSource>(file, name);
  if (!source->is_open()) throw DataError(name + ": cannot open the file");
  return CsvReader(std::move(source), empty_expectation);
}

}  // namespace cspcast::io
