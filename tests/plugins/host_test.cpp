// SPDX-License-Identifier: MIT
#include "support/temp_dir.hpp"

#include <cspcast/error.hpp>
#include <cspcast/plugin/abi.hpp>
#include <cspcast/plugin/registry.hpp>

#include <gtest/gtest.h>

#include <algorithm>

namespace cspcast::plugin {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = CSPCAST_TEST_FIXTURE_DIR;
const fs::path kPlugins = CSPCAST_TEST_PLUGIN_DIR;

std::string reason_for(const PluginRegistry& r, const std::string& file) {
  for (const auto& f : r.failures()) {
    if (f.path.filename().string().find(file) != std::string::npos)
      return f.reason;
  }
  return "";
}

PluginRegistry load_both() {
  PluginRegistry r;
  DiscoveryOptions d;
  d.plugin_dirs = {kFixtures, kPlugins};
  d.use_environment = false;
  d.use_default_dirs = false;
  r.load(d);
  return r;
}

TEST(PluginHost, GoodPluginsLoadBesideBrokenOnes) {
  const PluginRegistry r = load_both();
  std::vector<std::string> names;
  for (const auto& p : r.plugins()) names.push_back(p.name());
  const std::vector<std::string> expected = {"asb",
                                             "reoffending",
                                             "road_safety",
                                             "substance_misuse",
                                             "domestic_abuse",
                                             "nte_violence"};
  EXPECT_EQ(names, expected);  // run order: (order, name)
  EXPECT_EQ(r.failures().size(), 6U);
}

TEST(PluginHost, EachPluginIsCreatedAndDescribedOnceAndShared) {
  const PluginRegistry r = load_both();
  const auto sources = r.sources();
  ASSERT_EQ(sources.size(), r.plugins().size());
  for (std::size_t i = 0; i < sources.size(); ++i) {
    // The engine's source is the object made when the library was loaded,
    // not a second one.
    EXPECT_EQ(sources[i].get(), r.plugins()[i].model().get());
    EXPECT_EQ(sources[i]->location(), r.plugins()[i].path().string());
    EXPECT_FALSE(sources[i]->info().indicators.empty());
  }
}

TEST(PluginHost, NonPluginLibraryIsNamed) {
  const PluginRegistry r = load_both();
  const std::string why = reason_for(r, "not_a_plugin");
  EXPECT_NE(why.find("cspcast_plugin_not_a_plugin.so"), std::string::npos)
      << why;
  EXPECT_NE(why.find("not a cspcast plugin"), std::string::npos) << why;
  EXPECT_EQ(why.find('\n'), std::string::npos);
}

TEST(PluginHost, WrongAbiVersionNamesBothVersions) {
  const std::string why = reason_for(load_both(), "wrong_abi");
  EXPECT_NE(
      why.find("ABI version " + std::to_string(CSPCAST_PLUGIN_ABI_VERSION + 1) +
               ", this build supports " +
               std::to_string(CSPCAST_PLUGIN_ABI_VERSION)),
      std::string::npos)
      << why;
}

TEST(PluginHost, PluginBuiltAgainstTheOldSdkIsRefused) {
  // ABI 1: before plugins could bring their own projection models.
  const std::string why = reason_for(load_both(), "old_abi");
  EXPECT_NE(why.find("ABI version 1, this build supports 2"), std::string::npos)
      << why;
}

TEST(PluginHost, WrongBuildTagIsRefused) {
  const std::string why = reason_for(load_both(), "wrong_tag");
  EXPECT_NE(why.find("built as 'cspcast 0.0.0"), std::string::npos) << why;
}

TEST(PluginHost, ThrowingPluginBecomesAnErrorNotACrash) {
  const std::string why = reason_for(load_both(), "throwing");
  EXPECT_NE(why.find("describe: fixture: describe always throws"),
            std::string::npos)
      << why;
  EXPECT_NE(why.find("cspcast_plugin_throwing.so"), std::string::npos) << why;
}

TEST(PluginHost, NullCreateIsReported) {
  const std::string why = reason_for(load_both(), "null_create");
  EXPECT_NE(why.find("create() returned null"), std::string::npos) << why;
}

TEST(PluginHost, DuplicateNameIsAFailureNamingBothPaths) {
  test::TempDir dir;
  fs::copy_file(kPlugins / "cspcast_plugin_asb.so",
                dir.path() / "cspcast_plugin_asb.so");
  fs::copy_file(kPlugins / "cspcast_plugin_asb.so",
                dir.path() / "cspcast_plugin_asb_copy.so");
  PluginRegistry r;
  DiscoveryOptions d;
  d.plugin_dirs = {dir.path()};
  d.use_environment = false;
  d.use_default_dirs = false;
  r.load(d);
  ASSERT_EQ(r.plugins().size(), 1U);
  ASSERT_EQ(r.failures().size(), 1U);
  EXPECT_NE(r.failures()[0].reason.find("duplicate plugin name 'asb'"),
            std::string::npos);
}

TEST(PluginHost, ObjectsKeepTheirLibraryLoaded) {
  std::shared_ptr<PriorityModel> model;
  {
    PluginRegistry r;
    ASSERT_TRUE(r.load_file(kPlugins / "cspcast_plugin_asb.so"));
    model = r.plugins().front().create();
  }
  // The registry is gone; the deleter still pins the library.
  EXPECT_FALSE(model->describe().indicators.empty());
}

TEST(PluginHost, SearchPathOrderIsFlagsThenEnvironment) {
  setenv("CSPCAST_PLUGIN_PATH", "/tmp/a:/tmp/b", 1);
  DiscoveryOptions d;
  d.plugin_dirs = {"/x"};
  d.use_default_dirs = false;
  const auto dirs = plugin_search_path(d);
  unsetenv("CSPCAST_PLUGIN_PATH");
  ASSERT_EQ(dirs.size(), 3U);
  EXPECT_EQ(dirs[0], "/x");
  EXPECT_EQ(dirs[1], "/tmp/a");
  EXPECT_EQ(dirs[2], "/tmp/b");
}

}  // namespace
}  // namespace cspcast::plugin
