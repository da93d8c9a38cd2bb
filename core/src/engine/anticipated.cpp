// SPDX-License-Identifier: MIT
#include <cspcast/engine/anticipated.hpp>
#include <cspcast/enum_names.hpp>
#include <cspcast/error.hpp>
#include <cspcast/format.hpp>
#include <cspcast/kernels/seasonal.hpp>

namespace cspcast {
namespace {

constexpr EnumNames<AnticipatedLevel, 2> kLevels{{{
    {"previous", AnticipatedLevel::kPrevious},
    {"latest", AnticipatedLevel::kLatest},
}}};

AnticipatedSeries one(const io::InputSeries& s,
                      const AnticipatedOptions& o,
                      const std::string& input) {
  if (!s.first_month) {
    throw DataError(input + ": anticipated volumes need a month column");
  }
  const auto n = static_cast<Eigen::Index>(s.values.size());
  const Eigen::Index need = static_cast<Eigen::Index>(o.years + 1) * 12;
  if (n < need) {
    throw DataError(
        input + ":" + std::to_string(s.lines.front()) + ": series '" + s.id +
        "' has " + std::to_string(n) + " months; anticipated volumes over " +
        std::to_string(o.years) + " years need " + std::to_string(need));
  }
  const ConstVectorMap y(s.values.data(), n);
  Vector shares(12);
  Vector spread(12);
  int used = 0;
  try {
    used =
        kernels::seasonal_profile(y.head(n - 12), 12, o.years, shares, spread);
  } catch (const DataError& e) {
    throw DataError(input + ":" + std::to_string(s.lines.front()) +
                    ": series '" + s.id + "': " + e.what());
  }
  // The level the shares are applied to: the year before the latest (known
  // in advance) or the latest year's own total.
  const double level = o.level == AnticipatedLevel::kPrevious
                           ? y.segment(n - 24, 12).sum()
                           : y.tail(12).sum();
  AnticipatedSeries out;
  out.id = s.id;
  out.years_used = used;
  if (used < o.years) {
    out.note = used == 0 ? "no reference year had events: equal monthly shares"
                         : std::to_string(o.years - used) + " of " +
                               std::to_string(o.years) +
                               " reference years had no events and were left "
                               "out of the seasonal pattern";
  }
  out.latest_from = *s.first_month + static_cast<int>(n - 12);
  for (int j = 0; j < 12; ++j) {
    auto& m = out.months[static_cast<std::size_t>(j)];
    m.month = out.latest_from + j;
    m.value = y(n - 12 + j);
    m.anticipated = shares(j) * level;
    m.lower = (shares(j) - o.z * spread(j)) * level;
    m.upper = (shares(j) + o.z * spread(j)) * level;
  }
  return out;
}

}  // namespace

std::string to_string(AnticipatedLevel level) { return kLevels.name(level); }
std::optional<AnticipatedLevel> parse_anticipated_level(std::string_view text) {
  return kLevels.parse(text);
}
std::string anticipated_level_choices() { return kLevels.choices(); }

std::vector<OptionProblem> AnticipatedOptions::problems() const {
  std::vector<OptionProblem> out;
  check_range(out, "years", years, 1, 50);
  if (!(z > 0.0 && z <= 10.0)) {
    out.push_back(
        {"z", "above 0 and at most 10 (got " + format_number(z) + ")"});
  }
  return out;
}

AnticipatedResult anticipated(const std::vector<io::InputSeries>& series,
                              const AnticipatedOptions& options,
                              const std::string& input) {
  validate(options.problems());
  AnticipatedResult r;
  r.options = options;
  r.series.reserve(series.size());
  for (const auto& s : series) {
    if (!s.first_month) {  // the file has no month column: nothing to do
      throw DataError(input + ": anticipated volumes need a month column");
    }
    try {
      r.series.push_back(one(s, options, input));
    } catch (const DataError& e) {
      // One series that cannot be given volumes is flagged, not the end.
      AnticipatedSeries skipped;
      skipped.id = s.id;
      skipped.skipped = e.what();
      r.series.push_back(std::move(skipped));
    }
  }
  return r;
}

}  // namespace cspcast
