// SPDX-License-Identifier: MIT
// `cspcast batch`: several packs in one process give what each gives on its
// own, with a pack column, a summary per pack and one manifest.
#include "cli/support.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>

namespace cspcast::test {
namespace {

namespace fs = std::filesystem;

// Two copies of the Maidstone pack under `dir`/packs, the second renamed.
fs::path two_packs(const fs::path& dir) {
  fs::path packs = dir / "packs";
  fs::create_directories(packs);
  const fs::path a = copy_maidstone(dir);
  fs::rename(a, packs / "a");
  fs::copy(packs / "a", packs / "b", fs::copy_options::recursive);
  EXPECT_TRUE(edit(packs / "b" / "pack.toml",
                   "name = \"maidstone\"",
                   "name = \"maidstone-b\""));
  return packs;
}

TEST(Batch, EachPackGivesWhatItsOwnRunGivesWithAPackColumn) {
  TempDir dir;
  const fs::path packs = two_packs(dir.path());
  const fs::path out = dir.path() / "out";
  const Result b = run_cli("batch --packs-from '" + packs.string() +
                           "' --paths 300 --out '" + out.string() + "'");
  ASSERT_EQ(b.code, 0) << b.err;
  EXPECT_TRUE(contains(b.out, "maidstone-b")) << b.out;
  const std::string all = read_file(out / "results.csv");
  for (const auto& [pack, name] :
       {std::pair<std::string, std::string>{"a", "maidstone"},
        {"b", "maidstone-b"}}) {
    const Result r = run_cli("run --pack '" + (packs / pack).string() +
                             "' --paths 300 --format csv");
    ASSERT_EQ(r.code, 0) << r.err;
    std::istringstream lines(r.out);
    std::string line;
    std::getline(lines, line);  // header
    EXPECT_TRUE(contains(all, "pack," + line)) << all.substr(0, 300);
    while (std::getline(lines, line)) {
      EXPECT_TRUE(contains(all, name + "," + line + "\n"))
          << name << ": " << line;
    }
  }
  const std::string summary = read_file(out / "summary.csv");
  EXPECT_TRUE(contains(summary,
                       "pack,scenario,targets,on_track,at_risk,off_track,"
                       "borderline\n"));
  EXPECT_TRUE(contains(summary, "\nmaidstone-b,baseline,19,")) << summary;
  const std::string json = read_file(out / "results.json");
  EXPECT_TRUE(contains(json, "\"pack\": \"maidstone-b\""))
      << json.substr(0, 400);
  // run with two --pack options is the same batch.
  const Result r2 =
      run_cli("run --pack '" + (packs / "a").string() + "' --pack '" +
              (packs / "b").string() + "' --paths 300 --format csv");
  ASSERT_EQ(r2.code, 0) << r2.err;
  EXPECT_EQ(r2.out, all);
}

TEST(Batch, MistakesAreFoundBeforeAnyPackRuns) {
  TempDir dir;
  const fs::path packs = two_packs(dir.path());
  // The same name twice: the pack column could not tell them apart.
  ASSERT_TRUE(edit(packs / "b" / "pack.toml",
                   "name = \"maidstone-b\"",
                   "name = \"maidstone\""));
  const fs::path out = dir.path() / "out";
  Result r = run_cli("batch '" + (packs / "a").string() + "' '" +
                     (packs / "b").string() + "' --paths 300 --out '" +
                     out.string() + "'");
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_TRUE(contains(r.err, "pack name 'maidstone' is also the name of"))
      << r.err;
  EXPECT_FALSE(fs::exists(out));
  fs::create_directories(dir.path() / "empty");
  r = run_cli("batch --packs-from '" + (dir.path() / "empty").string() + "'");
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_TRUE(contains(r.err, "--packs-from: no folder with a pack.toml"));
  r = run_cli("batch");
  EXPECT_EQ(r.code, 2) << r.err;
}

}  // namespace
}  // namespace cspcast::test
