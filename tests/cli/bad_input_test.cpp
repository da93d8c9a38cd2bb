// SPDX-License-Identifier: MIT
// The bad-input catalogue (docs/testing.md): one test per class of mistake
// a user can make (option values, files, meaning, outputs), each asserting
// the exit code, the file and line named in the message, and that the
// command left nothing in its output folder; and the degenerate but valid
// inputs, which must be modelled with finite output. No case may end in
// exit 70 (an internal error), a signal or a hang.
#include "cli/support.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace cspcast::test {
namespace {

namespace fs = std::filesystem;

bool folder_empty(const fs::path& dir) {
  return !fs::exists(dir) || fs::is_empty(dir);
}

// A monthly series CSV: `series` rows of `months` values from f(s, i).
template <typename F>
std::string series_csv(const std::vector<std::string>& ids, int months, F f) {
  std::ostringstream out;
  out << "series_id,month,value\n";
  for (std::size_t s = 0; s < ids.size(); ++s) {
    for (int i = 0; i < months; ++i) {
      out << ids[s] << ',' << 2015 + i / 12 << '-' << (i % 12 < 9 ? "0" : "")
          << i % 12 + 1 << ',' << f(s, i) << '\n';
    }
  }
  return out.str();
}

struct Case {
  std::string args;  // after `cspcast`, with {in} {out} {pack} substituted
  int code;
  std::string message;  // a regular expression the error must match
};

std::string substitute(std::string text,
                       const std::string& key,
                       const std::string& value) {
  for (auto at = text.find(key); at != std::string::npos;
       at = text.find(key, at + value.size())) {
    text.replace(at, key.size(), value);
  }
  return text;
}

void expect_case(const Case& c, const fs::path& in, const fs::path& pack) {
  TempDir out;
  std::string args = substitute(c.args, "{in}", "'" + in.string() + "'");
  args = substitute(args, "{out}", (out.path() / "o").string());
  args = substitute(args, "{pack}", "'" + pack.string() + "'");
  const Result r = run_cli(args);
  EXPECT_EQ(r.code, c.code) << args << "\n" << r.err;
  EXPECT_TRUE(std::regex_search(r.err, std::regex(c.message))) << args << "\n"
                                                               << r.err;
  EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
  EXPECT_TRUE(folder_empty(out.path() / "o")) << args;
  EXPECT_TRUE(fs::is_empty(out.path())) << args << ": left files behind";
}

// Option values: a usage error (exit 2) naming the option and its range,
// before any work; memory-heavy combinations refused with the estimate.
TEST(BadInput, OptionsOutsideTheirRangeAreUsageErrors) {
  TempDir dir;
  const fs::path in = dir.path() / "in.csv";
  write_file(in, series_csv({"a", "b"}, 84, [](std::size_t s, int i) {
               return 10 + static_cast<int>(s) + (i * 7) % 5;
             }));
  const std::vector<Case> cases = {
      {"anticipated --input {in} --years 2147483647",
       2,
       "--years: between 1 and 50"},
      {"anticipated --input {in} --z 1e308", 2, "--z: above 0 and at most 10"},
      {"forecast --input {in} --horizon 6 --frequency 2147483647 --out "
       "{out}/f.csv",
       2,
       "--frequency: between 1 and 1000"},
      {"backtest --input {in} --horizon 6 --origins 2147483647",
       2,
       "--origins: between 1 and 1000"},
      {"backtest --input {in} --horizon 6 --origins 0", 2, "--origins"},
      {"forecast --input {in} --horizon 2147483647 --out {out}/f.csv",
       2,
       "--horizon: between 1 and 10000"},
      {"forecast --input {in} --horizon 6 --paths 1000000000 --out {out}/f.csv",
       2,
       "--paths: between 100 and 1000000"},
      {"forecast --input {in} --horizon 6 --holdout -1 --out {out}/f.csv",
       2,
       "--holdout"},
      {"forecast --input {in} --horizon 6 --threads -3 --out {out}/f.csv",
       2,
       "--threads"},
      {"forecast --input {in} --horizon 6 --seed -1 --out {out}/f.csv",
       2,
       "--seed: a whole number from 0 to 18446744073709551615"},
      {"forecast --input {in} --horizon 10000 --paths 1000000 --out "
       "{out}/f.csv",
       2,
       "--paths: .* needs about [0-9.]+ GB of memory; the limit is"},
      {"run --paths 10000000 --out {out}",
       2,
       "--paths: a run of this pack with 10000000 paths needs about"},
      {"run --paths 0", 2, "--paths: between 100 and 10000000"},
      {"run --threads -1", 2, "--threads: between 0 and 1024"},
      {"solve --target asb-rate --lever asb.action_days --probability 1.5",
       2,
       "--probability"},
  };
  for (const auto& c : cases) expect_case(c, in, dir.path());
}

// Files: exit 1 naming the file and line (and the field where there is one).
TEST(BadInput, FileErrorsNameTheFileAndLine) {
  TempDir dir;
  const fs::path pack = copy_maidstone(dir.path());
  const fs::path in = dir.path() / "in.csv";
  write_file(in, "series_id,month,value\na,2015-01,1\na,2015-02,1,296\n");
  struct Edit {
    std::string file;
    std::string from;
    std::string to;
    std::string message;
  };
  const std::vector<Edit> edits = {
      {"history.csv",
       "asb.incidents,2009-05,457,",
       "asb.incidents,2009-05,1e308,",
       "history.csv:[0-9]+: value: implausibly large"},
      {"history.csv",
       "asb.incidents,2009-05,457,reconstructed",
       "asb.incidents,2009-05,1,296,reconstructed",
       "history.csv:[0-9]+: 5 fields, more than the header's 4"},
      {"population.csv",
       "all,",
       "everyone,",
       "targets.toml:[0-9]+: basis: .*population.csv: no group 'all'"},
      {"pack.toml",
       "from = \"2013-04\"",
       "from = \"2030-04\"",
       "pack.toml:[0-9]+: from: outside the history of 'nte_violence.vap'"},
      {"pack.toml",
       "from = \"2013-04\"",
       "from = \"1990-04\"",
       "pack.toml:[0-9]+: from: outside the history"},
      {"pack.toml",
       "max = 1.196",
       "max = 1e308",
       "pack.toml:[0-9]+: factor: must stay between 0.01 and 100"},
      {"scenarios/action-plan.toml",
       "extends = \"baseline\"",
       "extends = \"nope\"",
       "action-plan.toml:[0-9]+: extends: unknown scenario 'nope'"},
      {"companions.csv",
       "reoffending.reoffend_rate,cohort,2010-05,116",
       "reoffending.reoffend_rate,cohort,2010-05,-116",
       "companions.csv:[0-9]+: value: a companion series .* cannot be "
       "negative"},
      {"companions.csv",
       "reoffending.reoffend_rate,cohort,2010-05,116",
       "reoffending.reoffend_rate,cohort,2010-05,many",
       "companions.csv:[0-9]+: value: not a number \\(got 'many'\\)"},
      {"companions.csv",
       "reoffending.reoffend_rate,cohort,2010-05,116",
       "reoffending.reoffend_rate,cohort,2010-05,116\n"
       "reoffending.reoffend_rate,exposure,2010-05,116",
       "companions.csv:[0-9]+: companion: 'exposure' is not a companion "
       "series of 'reoffending.reoffend_rate' \\(its plugin declares: "
       "cohort\\)"},
      {"companions.csv",
       "reoffending.reoffend_rate,cohort,2010-05,116",
       "reoffending.reoffend_rate,cohort,2010-05,116\n"
       "asb.incidnts,cohort,2010-05,116",
       "companions.csv:[0-9]+: series: 'asb.incidnts' is neither an "
       "indicator with history nor a comparator"},
      {"companions.csv",
       "reoffending.reoffend_rate,cohort,2010-06,116\n",
       "",
       "companions.csv:[0-9]+: month: gap in "
       "'reoffending.reoffend_rate\\|cohort'"},
      {"companions.csv",
       "reoffending.reoffend_rate,cohort,2010-05,116",
       "reoffending.reoffend_rate,COHORT,2010-05,116",
       "companions.csv:[0-9]+: companion: a companion name is "
       "\\[a-z0-9_\\]\\+"},
  };
  for (const auto& e : edits) {
    const fs::path copy = dir.path() / "edited";
    fs::remove_all(copy);
    fs::copy(pack, copy, fs::copy_options::recursive);
    ASSERT_TRUE(edit(copy / e.file, e.from, e.to)) << e.file << ": " << e.from;
    expect_case(
        {"run --pack {pack} --paths 100 --out {out}", 1, e.message}, in, copy);
  }
  expect_case({"forecast --input {in} --horizon 3 --out {out}/f.csv",
               1,
               "in.csv:3: 4 fields, more than the header's 3"},
              in,
              pack);
  write_file(in, "series_id,month,value\nx,2015-01,1\nx,2015-02,2\n");
  expect_case({"forecast --input {in} --horizon 3 --out {out}/f.csv",
               1,
               "in.csv:2: series 'x': .*too short"},
              in,
              pack);
}

// Outputs: whichever output fails, the command leaves none of its files.
TEST(BadInput, AFailingOutputLeavesNoFileOfTheCommand) {
  TempDir dir;
  const fs::path in = dir.path() / "in.csv";
  write_file(
      in, series_csv({"a"}, 40, [](std::size_t, int i) { return 20 + i % 7; }));
  const fs::path existing = dir.path() / "existing";
  write_file(existing, "x");
  const std::vector<Case> cases = {
      {"forecast --input {in} --horizon 3 --out {out}/f.csv --paths-out "
       "/proc/nope/p.csv",
       1,
       "/proc/nope"},
      {"run --paths 100 --out " + existing.string(),
       1,
       "existing: not a folder"},
      {"forecast --input {in} --horizon 3 --out /proc/nope/f.csv",
       1,
       "/proc/nope"},
  };
  for (const auto& c : cases) expect_case(c, in, dir.path());
  EXPECT_TRUE(contains(read_file(existing), "x"));
}

// anticipated: a series too short is skipped and flagged (table, CSV,
// warning), the others are given; all too short ends the run with the
// reason and no file. Rows of a series apart from each other: the whole
// file is read instead, with the same output.
TEST(BadInput, AnticipatedSkipsASeriesTooShortAndFlagsIt) {
  TempDir dir;
  const fs::path in = dir.path() / "in.csv";
  const auto value = [](std::size_t s, int i) {
    return 10 + (i + static_cast<int>(s)) % 7;
  };
  std::string text = series_csv({"long1", "long2"}, 72, value);
  const std::string shorter = series_csv({"short"}, 30, value);
  text += shorter.substr(shorter.find('\n') + 1);
  write_file(in, text);
  const fs::path out = dir.path() / "a.csv";
  Result r = run_cli("anticipated --input '" + in.string() + "' --out '" +
                     out.string() + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "short: skipped: ")) << r.out;
  EXPECT_TRUE(contains(r.out, "1 series skipped")) << r.out;
  EXPECT_TRUE(
      contains(r.err,
               "warning: skipped (no anticipated volumes): " + in.string() +
                   ":146: series 'short' has 30 "
                   "months"))
      << r.err;
  const std::string csv = read_file(out);
  EXPECT_TRUE(contains(csv, "\nshort,,,,,,skipped,0,")) << csv;
  EXPECT_TRUE(contains(csv, "\nlong2,2020-01,")) << csv;
  // The same rows, the series' rows apart: the same output.
  std::istringstream rows(text);
  std::string header;
  std::getline(rows, header);
  std::vector<std::string> lines;
  for (std::string line; std::getline(rows, line);) lines.push_back(line);
  std::string mixed = header + "\n" + lines[72] + "\n";  // long2 first row
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i != 72) mixed += lines[i] + "\n";
  }
  const fs::path in2 = dir.path() / "mixed.csv";
  write_file(in2, mixed);
  const fs::path out2 = dir.path() / "b.csv";
  Result m = run_cli("anticipated --input '" + in2.string() + "' --out '" +
                     out2.string() + "'");
  ASSERT_EQ(m.code, 0) << m.err;
  EXPECT_TRUE(contains(m.err, "reading the whole file at once")) << m.err;
  EXPECT_TRUE(contains(read_file(out2), "\nlong1,2020-01,"));
  // Every series too short: the first reason, exit 1, no file.
  write_file(in, shorter);
  r = run_cli("anticipated --input '" + in.string() + "' --out '" +
              (dir.path() / "none.csv").string() + "'");
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(contains(r.err, "series 'short' has 30 months")) << r.err;
  EXPECT_FALSE(fs::exists(dir.path() / "none.csv"));
}

// Degenerate but valid inputs are modelled (documented fallbacks), with
// finite output and exit 0.
TEST(BadInput, DegenerateSeriesAreModelledWithFiniteOutput) {
  TempDir dir;
  const fs::path in = dir.path() / "in.csv";
  write_file(in,
             series_csv({"const", "zeros", "yearzero", "midzero"},
                        72,
                        [](std::size_t s, int i) {
                          if (s == 0) return 5;
                          if (s == 1) return 0;
                          if (s == 2) return i >= 60 ? 0 : 10 + i % 7;
                          return i >= 24 && i < 36 ? 0 : 10 + i % 7;
                        }));
  const fs::path fc = dir.path() / "fc.csv";
  Result r = run_cli("forecast --input '" + in.string() +
                     "' --horizon 6 --out '" + fc.string() + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string text = read_file(fc);
  EXPECT_FALSE(contains(text, "nan") || contains(text, "inf")) << text;
  EXPECT_TRUE(contains(read_file(dir.path() / "fc_log.csv"), "constant(0)"));
  r = run_cli("anticipated --input '" + in.string() + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "note: no reference year had events")) << r.out;
  EXPECT_TRUE(contains(r.out, "note: 1 of 5 reference years had no events"))
      << r.out;
  r = run_cli("backtest --input '" + in.string() + "' --horizon 6");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(contains(r.out, "nan") || contains(r.out, "inf")) << r.out;
  // All-zero and all-100 percentage series in a pack.
  const fs::path pack = copy_maidstone(dir.path());
  for (const char* v : {"0", "100"}) {
    std::ifstream h(pack / "history.csv");
    std::ostringstream edited;
    std::string line;
    while (std::getline(h, line)) {
      if (line.rfind("domestic_abuse.marac_repeat_pct,", 0) == 0) {
        const auto month_end = line.find(',', line.find(',') + 1);
        const auto value_end = line.find(',', month_end + 1);
        line = line.substr(0, month_end + 1) + v +
               (value_end == std::string::npos ? "" : line.substr(value_end));
      }
      edited << line << '\n';
    }
    h.close();
    write_file(pack / "history.csv", edited.str());
    r = run_cli("run --pack '" + pack.string() + "' --paths 200 --format csv");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_FALSE(contains(r.out, "nan") || contains(r.out, "inf"));
    EXPECT_TRUE(std::regex_search(
        r.out, std::regex("baseline,marac-repeats,[^\\n]*on track")))
        << r.out;
  }
}

// One series no model can be fitted to is skipped and flagged, not the end
// of the run; when no series can be modelled the run fails naming the
// first.
TEST(BadInput, ASeriesThatCannotBeModelledIsSkippedAndFlagged) {
  TempDir dir;
  const fs::path in = dir.path() / "in.csv";
  write_file(in,
             "series_id,month,value\nx,2015-01,1\nx,2015-02,2\n" +
                 series_csv({"y"}, 40, [](std::size_t, int i) {
                   return 10 + i % 5;
                 }).substr(22));
  const fs::path fc = dir.path() / "fc.csv";
  Result r = run_cli("forecast --input '" + in.string() +
                     "' --horizon 3 --out '" + fc.string() + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(contains(r.err, "1 skipped")) << r.err;
  EXPECT_FALSE(contains(read_file(fc), "\nx,")) << read_file(fc);
  EXPECT_TRUE(contains(read_file(fc), "\ny,1,"));
  EXPECT_TRUE(
      contains(read_file(dir.path() / "fc_log.csv"), "skipped (no forecast): "))
      << read_file(dir.path() / "fc_log.csv");
  write_file(in, "series_id,month,value\nx,2015-01,1\nx,2015-02,2\n");
  const fs::path fc2 = dir.path() / "fc2.csv";
  r = run_cli("forecast --input '" + in.string() + "' --horizon 3 --out '" +
              fc2.string() + "'");
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_TRUE(contains(r.err, "in.csv:2: series 'x'")) << r.err;
  EXPECT_FALSE(fs::exists(fc2));
}

// Inputs the fuzz harnesses found (tests/fuzz/corpus/*/regression-*), run
// through the command that reads them: an error naming the file, never a
// crash (the sanitizer build of this test catches undefined behaviour).
TEST(BadInput, FuzzFindingsStayFixed) {
  const fs::path corpus =
      fs::path(CSPCAST_TEST_SOURCE_DIR) / "tests" / "fuzz" / "corpus";
  TempDir dir;
  // population: a wide table whose age header overflowed an int.
  const std::string bytes =
      read_file(corpus / "population" / "regression-age-overflow");
  const fs::path file = dir.path() / "mye.csv";
  write_file(file, bytes);
  const Result r = run_cli("import population '" + file.string() + "' --out '" +
                           (dir.path() / "p.csv").string() + "'");
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_TRUE(contains(r.err, "mye.csv:4: header")) << r.err;
  // pack tables: a population year of 2e13 overflowed the conversion to
  // an int.
  const fs::path pack = dir.path() / "pack";
  fs::copy(fs::path(CSPCAST_TEST_SOURCE_DIR) / "tests" / "fuzz" / "pack",
           pack,
           fs::copy_options::recursive);
  write_file(
      pack / "population.csv",
      read_file(corpus / "pack_tables" / "regression-population-year-overflow")
          .substr(1));
  const Result p = run_cli("run --pack '" + pack.string() + "' --paths 100");
  EXPECT_EQ(p.code, 1) << p.err;
  EXPECT_TRUE(std::regex_search(
      p.err,
      std::regex("population.csv:[0-9]+: year: not a whole year from 1900 to "
                 "2200")))
      << p.err;
  // series CSV: a period of 1e76 overflowed the conversion to a key.
  const std::string series =
      read_file(corpus / "series_csv" / "regression-period-overflow");
  const fs::path in = dir.path() / "in.csv";
  write_file(in, series.substr(1));  // the first byte picks options
  const Result f =
      run_cli("forecast --input '" + in.string() + "' --horizon 3 --out '" +
              (dir.path() / "f.csv").string() + "'");
  EXPECT_EQ(f.code, 1) << f.err;
  EXPECT_TRUE(std::regex_search(
      f.err,
      std::regex("in.csv:[0-9]+: period: expected a whole number from 1 to "
                 "10000000")))
      << f.err;
}

}  // namespace
}  // namespace cspcast::test
