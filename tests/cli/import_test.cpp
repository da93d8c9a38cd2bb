// SPDX-License-Identifier: MIT
// `cspcast import` and `cspcast new-pack` on files generated here in the
// published formats (police.uk street-level CSVs in folders and in a zip,
// DfT collision and casualty files under both column namings, ONS wide and
// Nomis population tables), counted by hand as they are written.
#include "support.hpp"

#include <gtest/gtest.h>

#include <archive.h>
#include <archive_entry.h>
#include <cstdio>
#include <map>
#include <random>
#include <sstream>

namespace cspcast::test {
namespace {

namespace fs = std::filesystem;

const char* const kPoliceHeader =
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,"
    "LSOA code,LSOA name,Crime type,Last outcome category,Context";

std::string month_name(int index) {  // months since 2011-01
  char buf[8];
  std::snprintf(
      buf, sizeof buf, "%04d-%02d", 2011 + index / 12, index % 12 + 1);
  return buf;
}

// A police.uk download: two forces, 60 months from 2011-01, a category
// split in 2013-05 ("Violent crime" -> "Violence and sexual offences"),
// ASB with empty Crime IDs, quoted locations with commas, unlocated rows,
// outcomes files beside. `crlf` picks the line ends. Returns the hand
// counts by "area/type/month".
std::map<std::string, int> write_police(const fs::path& root,
                                        bool crlf,
                                        int months = 60) {
  std::map<std::string, int> counts;
  std::mt19937 rng(7);
  const std::string eol = crlf ? "\r\n" : "\n";
  struct Place {
    const char* force;
    const char* code;
    const char* name;
  };
  const Place places[] = {{"kent", "E01024339", "Maidstone 001A"},
                          {"kent", "E01024340", "Maidstone 014C"},
                          {"kent", "E01024500", "Swale 003B"},
                          {"essex", "E01021000", "Basildon 002A"}};
  for (int m = 0; m < months; ++m) {
    const std::string month = month_name(m);
    fs::create_directories(root / month);
    for (const char* force : {"kent", "essex"}) {
      std::ostringstream f;
      f << kPoliceHeader << eol;
      int id = 0;
      for (const auto& p : places) {
        if (std::string(p.force) != force) continue;
        const std::string area =
            std::string(p.name).substr(0, std::string(p.name).rfind(' '));
        const std::string violence =
            m < 28 ? "Violent crime" : "Violence and sexual offences";
        // One category split into two from 2013-05, as police.uk did.
        const std::string order =
            m < 28 ? "Public disorder and weapons" : "Public order";
        const std::string weapons =
            m < 28 ? "Public disorder and weapons" : "Possession of weapons";
        std::vector<std::string> types = {
            "Anti-social behaviour", "Drugs", violence, "Burglary", order};
        if (weapons != order) types.push_back(weapons);
        for (const std::string& type : types) {
          // The first LSOA of a force has every type every month, so that
          // the force publishes each type in every month of its life.
          const bool first = &p == &places[0] || &p == &places[3];
          const int n = static_cast<int>(rng() % 4) + (first ? 1 : 0);
          for (int i = 0; i < n; ++i) {
            const bool asb = type == "Anti-social behaviour";
            f << (asb ? "" : "c" + std::to_string(++id)) << ',' << month << ','
              << force << ',' << force
              << ",0.52,51.27,\"On or near Week Street, Maidstone\"," << p.code
              << ',' << p.name << ',' << type << ','
              << (asb ? "" : "Under investigation") << ',' << eol;
            ++counts[area + "/" + type + "/" + month];
          }
        }
      }
      // Rows with no location.
      f << "u" << m << ',' << month << ',' << force << ',' << force
        << ",,,No location,,,Drugs,Under investigation," << eol;
      ++counts[std::string(force) + "/unlocated/Drugs/" + month];
      write_file(root / month / (month + "-" + force + "-street.csv"), f.str());
      write_file(root / month / (month + "-" + force + "-outcomes.csv"),
                 "Crime ID,Month,Reported by,Falls within,Longitude,"
                 "Latitude,Location,LSOA code,LSOA name,Outcome type\n");
    }
  }
  return counts;
}

// Every file under `root` into a zip at `zip` (libarchive, as a test aid).
void zip_folder(const fs::path& root, const fs::path& zip) {
  archive* a = archive_write_new();
  archive_write_set_format_zip(a);
  ASSERT_EQ(archive_write_open_filename(a, zip.c_str()), ARCHIVE_OK);
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    const std::string text = read_file(e.path());
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(
        entry, fs::relative(e.path(), root).generic_string().c_str());
    archive_entry_set_size(entry, static_cast<la_int64_t>(text.size()));
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    archive_write_header(a, entry);
    archive_write_data(a, text.data(), text.size());
    archive_entry_free(entry);
  }
  archive_write_close(a);
  archive_write_free(a);
}

// series_id,month,value rows of an import as "id/month" -> value.
std::map<std::string, double> read_series(const fs::path& file) {
  std::map<std::string, double> out;
  std::istringstream in(read_file(file));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line.rfind("series_id", 0) == 0)
      continue;
    // Fields: id, month, value, area, code (ids here hold no commas).
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string x; std::getline(ss, x, ',');) f.push_back(x);
    out[f[0] + "/" + f[1]] = std::stod(f[2]);
  }
  return out;
}

void expect_counts(const std::map<std::string, int>& counts,
                   const std::map<std::string, double>& got,
                   int months) {
  // Every hand count is in the output, and every other output row inside
  // its type's life is 0.
  for (const auto& [key, n] : counts) {
    ASSERT_EQ(got.count(key), 1U) << key;
    EXPECT_EQ(got.at(key), n) << key;
  }
  int zeros = 0;
  for (const auto& [key, v] : got) {
    if (counts.count(key) == 0U) {
      EXPECT_EQ(v, 0.0) << key;
      ++zeros;
    }
  }
  EXPECT_GT(zeros, 0);
  // The split: no "Violent crime" row after 2013-04, no new name before.
  for (const auto& [key, v] : got) {
    const std::string month = key.substr(key.size() - 7);
    if (key.find("/Violent crime/") != std::string::npos) {
      EXPECT_LT(month, "2013-05") << key;
    }
    if (key.find("/Violence and sexual offences/") != std::string::npos) {
      EXPECT_GE(month, "2013-05") << key;
    }
  }
  (void)months;
}

TEST(Import, PoliceUkCountsEqualAHandCountInEveryVariant) {
  for (const bool crlf : {false, true}) {
    TempDir dir;
    const auto counts = write_police(dir.path() / "download", crlf);
    const fs::path out = dir.path() / "series.csv";
    const auto r =
        run_cli("import police-uk '" + (dir.path() / "download").string() +
                "' --out '" + out.string() + "'");
    ASSERT_EQ(r.code, 0) << r.err;
    expect_counts(counts, read_series(out), 60);
    EXPECT_TRUE(contains(r.err,
                         "skipped 120 files that are not street-level "
                         "crime (outcomes: 120"))
        << r.err;
    EXPECT_TRUE(contains(r.err, "60 rows of force 'kent' have no location"));
    // The split is a break of each force, in the breaks file.
    const std::string breaks = read_file(dir.path() / "series.breaks.csv");
    EXPECT_TRUE(contains(breaks,
                         "kent,2013-05,Public disorder and weapons;Violent "
                         "crime,Possession of weapons;Public order;Violence "
                         "and sexual offences,"))
        << breaks;
    EXPECT_TRUE(contains(breaks,
                         "essex,2013-05,Public disorder and weapons;Violent "
                         "crime,Possession of weapons;Public order;Violence "
                         "and sexual offences,"))
        << breaks;
    // The same download as a zip gives the same bytes.
    zip_folder(dir.path() / "download", dir.path() / "download.zip");
    const fs::path zout = dir.path() / "zseries.csv";
    const auto z =
        run_cli("import police-uk '" + (dir.path() / "download.zip").string() +
                "' --out '" + zout.string() + "'");
    ASSERT_EQ(z.code, 0) << z.err;
    EXPECT_EQ(read_series(zout), read_series(out));
  }
}

TEST(Import, PoliceUkAreaFilterLookupAndGaps) {
  TempDir dir;
  write_police(dir.path() / "d", false, 12);
  fs::remove_all(dir.path() / "d" / "2011-06");
  const fs::path out = dir.path() / "s.csv";
  auto r = run_cli("import police-uk '" + (dir.path() / "d").string() +
                   "' --area Maidstone --out '" + out.string() + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto got = read_series(out);
  for (const auto& [key, v] : got) {
    EXPECT_TRUE(key.rfind("Maidstone/", 0) == 0 ||
                key.rfind("kent/unlocated/", 0) == 0)
        << key;
    EXPECT_EQ(key.find("2011-06"), std::string::npos) << key;  // a gap
  }
  EXPECT_TRUE(contains(r.err,
                       "gap: no street-level file of force 'kent' for "
                       "2011-06"))
      << r.err;
  // A lookup groups LSOAs into wards; an LSOA missing from it is reported.
  write_file(dir.path() / "lookup.csv",
             "lsoa_code,area\nE01024339,High Street ward\nE01024340,High "
             "Street ward\nE01024500,Sheerness\n");
  r = run_cli("import police-uk '" + (dir.path() / "d").string() +
              "' --lsoa-lookup '" + (dir.path() / "lookup.csv").string() +
              "' --out '" + out.string() + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(contains(read_file(out), "High Street ward/Drugs,2011-01,"));
  EXPECT_TRUE(contains(r.err, "1 LSOA codes are not in the lookup")) << r.err;
  EXPECT_TRUE(contains(read_file(out), "essex/unmapped/"));
  r = run_cli("import police-uk '" + (dir.path() / "d").string() +
              "' --area Nowhere --out '" + out.string() + "'");
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(contains(r.err, "--area 'Nowhere'")) << r.err;
}

TEST(Import, BadPoliceFilesNameTheFileAndLeaveNoOutput) {
  struct Case {
    std::string name;
    std::string body;  // of 2011-01/2011-01-kent-street.csv
    std::string message;
  };
  const std::string row =
      ",2011-01,Kent Police,Kent Police,0.5,51.2,X,E01024339,Maidstone "
      "001A,Anti-social behaviour,,\n";
  const std::vector<Case> cases = {
      {"missing column",
       "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,"
       "LSOA code,LSOA name,Last outcome category,Context\n" +
           row,
       "2011-01-kent-street.csv:1: header: missing column 'Crime type'"},
      {"month outside",
       std::string(kPoliceHeader) + "\n" + ",2011-02" + row.substr(8),
       "2011-01-kent-street.csv:2: Month: 2011-02 outside its file's month "
       "2011-01"},
      {"malformed month",
       std::string(kPoliceHeader) + "\n" + ",01/2011" + row.substr(8),
       "2011-01-kent-street.csv:2: Month: malformed month '01/2011'"},
      {"decimal comma",
       std::string(kPoliceHeader) + "\n" + row.substr(0, row.size() - 1) +
           ",extra\n",
       "2011-01-kent-street.csv:2: 13 fields where the header has 12"},
  };
  for (const auto& c : cases) {
    TempDir dir;
    fs::create_directories(dir.path() / "d" / "2011-01");
    write_file(dir.path() / "d" / "2011-01" / "2011-01-kent-street.csv",
               c.body);
    const fs::path out = dir.path() / "out" / "s.csv";
    const auto r = run_cli("import police-uk '" + (dir.path() / "d").string() +
                           "' --out '" + out.string() + "'");
    EXPECT_EQ(r.code, 1) << c.name;
    EXPECT_TRUE(contains(r.err, c.message)) << c.name << ": " << r.err;
    EXPECT_FALSE(fs::exists(dir.path() / "out")) << c.name;
  }
  // A truncated zip, and a file that cannot be read.
  TempDir dir;
  write_police(dir.path() / "d", false, 3);
  zip_folder(dir.path() / "d", dir.path() / "d.zip");
  std::string bytes = read_file(dir.path() / "d.zip");
  write_file(dir.path() / "t.zip", bytes.substr(0, bytes.size() / 2));
  const fs::path out = dir.path() / "s.csv";
  auto r = run_cli("import police-uk '" + (dir.path() / "t.zip").string() +
                   "' --out '" + out.string() + "'");
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(contains(r.err, "t.zip")) << r.err;
  EXPECT_FALSE(fs::exists(out));
  r = run_cli("import police-uk '" + (dir.path() / "nope.zip").string() +
              "' --out '" + out.string() + "'");
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(contains(r.err, "nope.zip: no such file or folder")) << r.err;
  EXPECT_FALSE(fs::exists(out));
}

// DfT files: 2011-2013 with accident_* names (one multi-year pair), 2014
// with the newer collision_* names. Returns hand counts "area/what/month".
std::map<std::string, double> write_stats19(const fs::path& dir) {
  std::map<std::string, double> counts;
  std::mt19937 rng(11);
  const char* districts[] = {"E07000110", "E07000113", "-1"};
  std::ostringstream col_old;
  std::ostringstream cas_old;
  std::ostringstream col_new;
  std::ostringstream cas_new;
  col_old << "accident_index,accident_year,accident_reference,police_force,"
             "accident_severity,number_of_vehicles,number_of_casualties,date,"
             "day_of_week,time,local_authority_district,"
             "local_authority_ons_district,local_authority_highway\n";
  cas_old << "accident_index,accident_year,accident_reference,"
             "vehicle_reference,casualty_reference,casualty_class,"
             "sex_of_casualty,age_of_casualty,age_band_of_casualty,"
             "casualty_severity,pedestrian_location\n";
  col_new << "collision_index,collision_year,collision_reference,"
             "police_force,collision_severity,number_of_vehicles,"
             "number_of_casualties,date,day_of_week,time,"
             "local_authority_ons_district\r\n";
  cas_new << "collision_index,collision_year,collision_reference,"
             "vehicle_reference,casualty_reference,casualty_class,"
             "sex_of_casualty,age_of_casualty,age_band_of_casualty,"
             "casualty_severity\r\n";
  int n = 0;
  for (int m = 0; m < 48; ++m) {
    const int year = 2011 + m / 12;
    const int month = m % 12 + 1;
    const std::string ym = month_name(m);
    for (int c = 0; c < 6; ++c) {
      const std::string index =
          std::to_string(year) + "46" + std::to_string(++n);
      const char* d = districts[rng() % 3];
      char date[16];
      std::snprintf(date,
                    sizeof date,
                    "%02d/%02d/%04d",
                    static_cast<int>(rng() % 28) + 1,
                    month,
                    year);
      auto& col = year < 2014 ? col_old : col_new;
      auto& cas = year < 2014 ? cas_old : cas_new;
      const std::string eol = year < 2014 ? "\n" : "\r\n";
      col << index << ',' << year << ",x,46,3,1,2," << date << ",1,12:00"
          << (year < 2014 ? ",1" : "") << ',' << d
          << (year < 2014 ? ",E10000016" : "") << eol;
      const int casualties = static_cast<int>(rng() % 3) + 1;
      for (int k = 0; k < casualties; ++k) {
        const int sev = static_cast<int>(rng() % 3) + 1;
        const int age = static_cast<int>(rng() % 70) - 1;
        cas << index << ',' << year << ",x,1," << k + 1 << ",1,1," << age
            << ",5," << sev << (year < 2014 ? ",0" : "") << eol;
        if (std::string(d) == "-1") continue;
        const std::string area =
            std::string(d) == "E07000110" ? "Maidstone" : "Swale";
        const auto add = [&](const char* what) {
          counts[area + "/" + what + "/" + ym] += 1.0;
        };
        add("casualties");
        if (sev == 1) add("killed");
        if (sev == 2) add("serious");
        if (sev == 3) add("slight");
        if (sev <= 2) add("ksi");
        if (age >= 0 && age < 16) {
          add("casualties_u16");
          if (sev <= 2) add("ksi_u16");
        }
      }
    }
  }
  write_file(dir / "dft-road-casualty-statistics-collision-1979-latest.csv",
             col_old.str());
  write_file(dir / "dft-road-casualty-statistics-casualty-1979-latest.csv",
             cas_old.str());
  // Names swapped on purpose: the header says which file is which.
  write_file(dir / "casualties-2014.csv", col_new.str());
  write_file(dir / "collisions-2014.csv", cas_new.str());
  return counts;
}

TEST(Import, Stats19CasualtiesBySeverityEqualAHandCount) {
  TempDir dir;
  const auto counts = write_stats19(dir.path());
  write_file(dir.path() / "names.csv",
             "code,name\nE07000110,Maidstone\nE07000113,Swale\n");
  const fs::path out = dir.path() / "ksi.csv";
  const auto r = run_cli(
      "import stats19 '" + (dir.path() / "collisions-2014.csv").string() +
      "' '" + (dir.path() / "casualties-2014.csv").string() + "' '" +
      (dir.path() / "dft-road-casualty-statistics-casualty-1979-latest.csv")
          .string() +
      "' '" +
      (dir.path() / "dft-road-casualty-statistics-collision-1979-latest.csv")
          .string() +
      "' --area-names '" + (dir.path() / "names.csv").string() + "' --out '" +
      out.string() + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto got = read_series(out);
  for (const auto& [key, v] : counts) {
    ASSERT_EQ(got.count(key), 1U) << key;
    EXPECT_EQ(got.at(key), v) << key;
  }
  for (const auto& [key, v] : got) {
    if (counts.count(key) == 0U) {
      EXPECT_EQ(v, 0.0) << key;
    }
  }
  EXPECT_TRUE(contains(read_file(out), ",Maidstone,E07000110\n"));
  EXPECT_TRUE(contains(r.err, "in collisions with no local authority"))
      << r.err;
  // A malformed date names file, line and field.
  std::string col = read_file(dir.path() / "casualties-2014.csv");
  col.replace(col.find("/2014"), 5, "-2014");
  write_file(dir.path() / "casualties-2014.csv", col);
  const auto bad = run_cli(
      "import stats19 '" + (dir.path() / "casualties-2014.csv").string() +
      "' '" + (dir.path() / "collisions-2014.csv").string() + "' --out '" +
      out.string() + "x'");
  EXPECT_EQ(bad.code, 1);
  EXPECT_TRUE(contains(bad.err, "casualties-2014.csv:2: date: malformed date"))
      << bad.err;
}

// An ONS wide table for `year`: Maidstone and Swale, ages 0-90.
std::string wide_table(int year, int shift) {
  std::ostringstream t;
  t << "\"Mid-" << year << " Population Estimates for Local Authorities\",,\n"
    << "\"All persons\",,\n,,\n"
    << "Code,Name,Geography,All ages";
  for (int a = 0; a <= 90; ++a) t << ',' << a;
  t << ",,\n";
  for (const auto& [code, name, base] :
       {std::tuple<const char*, const char*, int>{
            "E07000110", "Maidstone", 1800},
        {"E07000113", "Swale", 1500}}) {
    int all = 0;
    std::ostringstream ages;
    for (int a = 0; a <= 90; ++a) {
      const int v = base + shift + (a == 90 ? 3000 : 0);
      all += v;
      ages << ",\"" << v / 1000 << ',' << (v % 1000 < 100 ? "0" : "")
           << (v % 1000 < 10 ? "0" : "") << v % 1000 << '"';
    }
    t << code << ',' << name << ",Non-metropolitan District,\"" << all / 1000
      << ',' << (all % 1000 < 100 ? "0" : "") << (all % 1000 < 10 ? "0" : "")
      << all % 1000 << '"' << ages.str() << ",,\n";
  }
  return t.str();
}

TEST(Import, PopulationFromWideTablesAndNomisGiveThePackGroups) {
  TempDir dir;
  write_file(dir.path() / "mye-2013.csv", wide_table(2013, 0));
  write_file(dir.path() / "mye-2014.csv", wide_table(2014, 20));
  const fs::path out = dir.path() / "population.csv";
  auto r =
      run_cli("import population '" + (dir.path() / "mye-2013.csv").string() +
              "' '" + (dir.path() / "mye-2014.csv").string() +
              "' --area Maidstone --out '" + out.string() + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string p = read_file(out);
  // 1,800 a year of age: 10-17 is 8 x 1,800; under 16 is 16 x 1,800;
  // all is 91 x 1,800 + 3,000.
  EXPECT_TRUE(contains(p, "Maidstone,E07000110,age10_17,2013,14400,estimate"))
      << p;
  EXPECT_TRUE(contains(p, "Maidstone,E07000110,under16,2014,29120,estimate"));
  EXPECT_TRUE(contains(p, "Maidstone,E07000110,all,2013,166800,estimate"));
  EXPECT_FALSE(contains(p, "Swale"));
  // Nomis long CSV: totals rows and aggregates must not be double counted.
  std::ostringstream n;
  n << "DATE,DATE_NAME,GEOGRAPHY_NAME,GEOGRAPHY_CODE,GENDER_NAME,C_AGE_NAME,"
       "MEASURES_NAME,OBS_VALUE\n";
  for (const char* sex : {"Total", "Male", "Female"}) {
    const int per = std::string(sex) == "Total" ? 1800 : 900;
    n << "2013,June 2013,Maidstone,E07000110," << sex << ",All Ages,Value,"
      << per * 91 + (per == 1800 ? 3000 : 1500) << '\n';
    n << "2013,June 2013,Maidstone,E07000110," << sex << ",Aged 0 - 15,Value,"
      << per * 16 << '\n';
    for (int a = 0; a <= 90; ++a) {
      const int v = per + (a == 90 ? (per == 1800 ? 3000 : 1500) : 0);
      n << "2013,June 2013,Maidstone,E07000110," << sex << ","
        << (a == 0    ? std::string("Aged under 1 year")
            : a == 90 ? std::string("Aged 90+")
                      : "Aged " + std::to_string(a))
        << ",Value," << v << '\n';
    }
  }
  write_file(dir.path() / "nomis.csv", n.str());
  const fs::path out2 = dir.path() / "population2.csv";
  r = run_cli("import population '" + (dir.path() / "nomis.csv").string() +
              "' --out '" + out2.string() + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string p2 = read_file(out2);
  EXPECT_TRUE(contains(p2, "Maidstone,E07000110,all,2013,166800,estimate"))
      << p2;
  EXPECT_TRUE(contains(p2, "Maidstone,E07000110,under16,2013,28800,estimate"));
}

TEST(Import, NewPackFromImportsRunsComparesAndSolves) {
  TempDir dir;
  write_police(dir.path() / "d", false);
  write_stats19(dir.path());
  write_file(dir.path() / "names.csv",
             "code,name\nE07000110,Maidstone\nE07000113,Swale\n");
  const std::string names =
      "--area-names '" + (dir.path() / "names.csv").string() + "'";
  const fs::path crime = dir.path() / "crime.csv";
  const fs::path roads = dir.path() / "roads.csv";
  const fs::path pop = dir.path() / "population.csv";
  ASSERT_EQ(run_cli("import police-uk '" + (dir.path() / "d").string() +
                    "' --out '" + crime.string() + "'")
                .code,
            0);
  ASSERT_EQ(run_cli("import stats19 '" +
                    (dir.path() /
                     "dft-road-casualty-statistics-collision-1979-latest.csv")
                        .string() +
                    "' '" +
                    (dir.path() /
                     "dft-road-casualty-statistics-casualty-1979-latest.csv")
                        .string() +
                    "' '" + (dir.path() / "collisions-2014.csv").string() +
                    "' '" + (dir.path() / "casualties-2014.csv").string() +
                    "' " + names + " --out '" + roads.string() + "'")
                .code,
            0);
  write_file(dir.path() / "mye-2013.csv", wide_table(2013, 0));
  write_file(dir.path() / "mye-2014.csv", wide_table(2014, 20));
  ASSERT_EQ(
      run_cli("import population '" + (dir.path() / "mye-2013.csv").string() +
              "' '" + (dir.path() / "mye-2014.csv").string() + "' --out '" +
              pop.string() + "'")
          .code,
      0);
  const fs::path pack = dir.path() / "pack";
  const auto r =
      run_cli("new-pack '" + pack.string() + "' --series '" + crime.string() +
              "' --series '" + roads.string() + "' --population '" +
              pop.string() + "' --area E07000110 " + names);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(contains(r.err, "unmapped: nte_violence.vap")) << r.err;
  const std::string history = read_file(pack / "history.csv");
  EXPECT_TRUE(contains(history, "asb.incidents,2011-0"))
      << history.substr(0, 300) << r.err;
  EXPECT_TRUE(contains(history, "road_safety.ksi,2011-01,"));
  EXPECT_TRUE(contains(read_file(pack / "population.csv"), ",projected"));
  const std::string arg = " --pack '" + pack.string() + "' --paths 300";
  const auto run = run_cli("run" + arg);
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_TRUE(contains(run.out, "example-asb-incidents"));
  const auto cmp = run_cli("compare baseline example-action" + arg);
  ASSERT_EQ(cmp.code, 0) << cmp.err;
  const auto solve = run_cli("solve --target example-asb-incidents" + arg);
  EXPECT_EQ(solve.code, 0) << solve.err;
  // A mapping that lists a split's old and new names merges them.
  write_file(dir.path() / "mapping.toml",
             "[[indicator]]\nid = \"nte_violence.vap\"\nseries = "
             "[\"Public disorder and weapons\", \"Public order\", "
             "\"Possession of weapons\"]\nnote = \"a test of merging\"\n");
  const fs::path merged = dir.path() / "merged";
  const auto m = run_cli("new-pack '" + merged.string() + "' --series '" +
                         crime.string() + "' --population '" + pop.string() +
                         "' --area Maidstone --mapping '" +
                         (dir.path() / "mapping.toml").string() + "'");
  ASSERT_EQ(m.code, 0) << m.err;
  const std::string readme = read_file(merged / "README.md");
  EXPECT_TRUE(contains(readme,
                       "merged across the category change of "
                       "2013-05"))
      << readme;
  EXPECT_TRUE(
      contains(read_file(merged / "history.csv"), "nte_violence.vap,2011-0"));
  EXPECT_EQ(run_cli("run --paths 200 --pack '" + merged.string() + "'").code,
            0);
  // An area a series file has no row for is refused, naming the file.
  const auto none = run_cli(
      "new-pack '" + (dir.path() / "p2").string() + "' --series '" +
      crime.string() + "' --population '" + pop.string() + "' --area Nowhere");
  EXPECT_EQ(none.code, 1);
  EXPECT_TRUE(contains(none.err, "crime.csv: no row for area 'Nowhere'"))
      << none.err;
  EXPECT_FALSE(fs::exists(dir.path() / "p2"));
  // A whole force at once.
  const auto per = run_cli("new-pack '" + (dir.path() / "all").string() +
                           "' --series '" + crime.string() +
                           "' --population '" + pop.string() + "' --per-area");
  ASSERT_EQ(per.code, 0) << per.err;
  EXPECT_TRUE(fs::exists(dir.path() / "all" / "maidstone" / "pack.toml"));
  EXPECT_TRUE(fs::exists(dir.path() / "all" / "swale" / "pack.toml"));
  EXPECT_EQ(run_cli("run --paths 200 --pack '" +
                    (dir.path() / "all" / "swale").string() + "'")
                .code,
            0);
}

}  // namespace
}  // namespace cspcast::test

namespace cspcast::test {
namespace {

// Casualty files with the DfT's adjusted severities: fractional for slight
// casualties until the force moves to injury-based reporting in 2013-01,
// whole afterwards.
TEST(Import, Stats19AdjustedSeverityAndTheMoveToInjuryBasedReporting) {
  TempDir dir;
  std::ostringstream col;
  std::ostringstream cas;
  col << "accident_index,police_force,accident_severity,date,"
         "local_authority_ons_district\n";
  cas << "accident_index,casualty_severity,age_of_casualty,"
         "casualty_adjusted_severity_serious,"
         "casualty_adjusted_severity_slight\n";
  double adjusted_ksi_2011 = 0.0;
  double reported_before = 0.0;
  double adjusted_before = 0.0;
  int n = 0;
  for (int m = 0; m < 48; ++m) {
    char date[16];
    std::snprintf(date, sizeof date, "15/%02d/%04d", m % 12 + 1, 2011 + m / 12);
    for (int c = 0; c < 4; ++c) {
      const std::string index = "A" + std::to_string(++n);
      col << index << ",46,3," << date << ",E07000110\n";
      const int sev = c == 0 ? 2 : 3;  // one serious, three slight
      const bool before = m < 24;
      const double p = sev == 2 ? 1.0 : before ? 0.25 : 0.0;
      cas << index << ',' << sev << ",30," << p << ',' << 1.0 - p << '\n';
      if (m < 12) adjusted_ksi_2011 += p;
      if (before) {
        reported_before += sev == 2 ? 1.0 : 0.0;
        adjusted_before += p;
      }
    }
  }
  write_file(dir.path() / "col.csv", col.str());
  write_file(dir.path() / "cas.csv", cas.str());
  const std::string files = "'" + (dir.path() / "col.csv").string() + "' '" +
                            (dir.path() / "cas.csv").string() + "'";
  // As reported: the move is a break with its size, adjusted over reported.
  const fs::path out = dir.path() / "ksi.csv";
  auto r = run_cli("import stats19 " + files + " --out '" + out.string() + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string breaks = read_file(dir.path() / "ksi.breaks.csv");
  EXPECT_TRUE(contains(breaks,
                       "E07000110,2013-01,severity as judged by the "
                       "police officer,injury-based severity (CRASH),"
                       "1.75\n"))
      << breaks;
  EXPECT_DOUBLE_EQ(adjusted_before / reported_before, 1.75);
  // Adjusted: sums of probabilities, no longer whole counts.
  const fs::path adj = dir.path() / "adj.csv";
  r = run_cli("import stats19 " + files + " --severity adjusted --out '" +
              adj.string() + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto got = read_series(adj);
  double sum = 0.0;
  for (int m = 0; m < 12; ++m) sum += got.at("E07000110/ksi/" + month_name(m));
  EXPECT_NEAR(sum, adjusted_ksi_2011, 1e-9);
  EXPECT_EQ(got.at("E07000110/ksi/2011-01"), 1.75);
  EXPECT_TRUE(contains(read_file(adj), "severity adjusted"));
  // A pack from the reported series records the move as a recording change.
  std::ostringstream pop;
  pop << "area,area_code,group,year,population\n";
  for (int y = 2011; y <= 2014; ++y) {
    pop << "Maidstone,E07000110,all," << y << ",160000\n";
  }
  write_file(dir.path() / "pop.csv", pop.str());
  const fs::path pack = dir.path() / "pack";
  r = run_cli("new-pack '" + pack.string() + "' --series '" + out.string() +
              "' --population '" + (dir.path() / "pop.csv").string() +
              "' --area E07000110");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string toml = read_file(pack / "pack.toml");
  EXPECT_TRUE(contains(toml,
                       "[[recording_change]]\nindicator = "
                       "\"road_safety.ksi\"\nfrom = \"2013-01\"\n"
                       "factor = 1.75\n"))
      << toml;
  EXPECT_EQ(run_cli("run --paths 200 --pack '" + pack.string() + "'").code, 0);
  // From the adjusted series: continuous values, no recording change.
  const fs::path apack = dir.path() / "apack";
  r = run_cli("new-pack '" + apack.string() + "' --series '" + adj.string() +
              "' --population '" + (dir.path() / "pop.csv").string() +
              "' --area E07000110");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(contains(read_file(apack / "pack.toml"), "recording_change"));
  EXPECT_TRUE(contains(read_file(apack / "README.md"), "severity adjusted"));
  const auto ar = run_cli("run --paths 200 --pack '" + apack.string() + "'");
  EXPECT_EQ(ar.code, 0) << ar.err;
  // --severity adjusted on files without the columns names the file.
  write_file(dir.path() / "cas2.csv",
             "accident_index,casualty_severity,age_of_casualty\nA1,3,30\n");
  r = run_cli("import stats19 '" + (dir.path() / "col.csv").string() + "' '" +
              (dir.path() / "cas2.csv").string() +
              "' --severity adjusted --out '" + adj.string() + "2'");
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(contains(r.err, "cas2.csv:1: header: --severity adjusted needs"))
      << r.err;
}

TEST(Import, AnAreaThatStartsInsideTheSpanIsReportedLikeABreak) {
  TempDir dir;
  for (int m = 0; m < 6; ++m) {
    const std::string month = month_name(m);
    fs::create_directories(dir.path() / month);
    std::string body = std::string(kPoliceHeader) + "\n," + month +
                       ",k,k,0,0,X,E01000001,Maidstone 001A,Burglary,,\n";
    if (m >= 3) {
      body += "," + month + ",k,k,0,0,X,E01000002,Newtown 001A,Burglary,,\n";
    }
    if (m == 4) {  // a category police.uk does not publish (a typo'd file)
      body +=
          "c2," + month + ",k,k,0,0,X,E01000001,Maidstone 001A,Hate crime,,\n";
    }
    if (m == 3) {  // a rare type: one robbery in six months
      body += "c1," + month + ",k,k,0,0,X,E01000001,Maidstone 001A,Robbery,,\n";
    }
    write_file(dir.path() / month / (month + "-kent-street.csv"), body);
  }
  const fs::path out = dir.path() / "s.csv";
  const auto r = run_cli("import police-uk '" + dir.path().string() +
                         "' --out '" + out.string() + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(contains(r.err,
                       "break: area 'Newtown' has no row before "
                       "2011-04"))
      << r.err;
  EXPECT_TRUE(contains(read_file(dir.path() / "s.breaks.csv"),
                       "kent,2011-04,,area Newtown,"));
  // An unknown crime type is counted as published and said.
  EXPECT_TRUE(contains(r.err,
                       "unknown crime type 'Hate crime': counted as "
                       "published"))
      << r.err;
  EXPECT_TRUE(contains(read_file(out), "Maidstone/Hate crime,2011-05,1,"));
  // One robbery is not a category that starts in 2011-04: its zeros before
  // are zeros.
  EXPECT_FALSE(contains(r.err, "Robbery")) << r.err;
  EXPECT_TRUE(contains(read_file(out), "Maidstone/Robbery,2011-01,0,"));
}

}  // namespace
}  // namespace cspcast::test
