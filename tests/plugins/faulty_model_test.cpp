// SPDX-License-Identifier: MIT
// A deliberately faulty plugin model (tests/plugins/fixtures/
// faulty_model_plugin.cpp) is reported as an error naming the plugin, the
// series and the file; never a probability, never a crash of the host. The
// shared conformance bodies find each fault too.
#include <cspcast/engine/engine.hpp>
#include <cspcast/error.hpp>
#include <cspcast/plugin/conformance.hpp>
#include <cspcast/plugin/registry.hpp>

#include <gtest/gtest.h>

namespace cspcast::plugin {
namespace {

std::shared_ptr<const PrioritySource> faulty() {
  static const PluginRegistry registry = [] {
    PluginRegistry r;
    DiscoveryOptions d;
    d.plugin_dirs = {CSPCAST_TEST_MODEL_FIXTURE_DIR};
    d.use_environment = false;
    d.use_default_dirs = false;
    r.load(d);
    return r;
  }();
  const LoadedPlugin* p = registry.find("faulty_model");
  if (p == nullptr) throw Error("faulty_model fixture not loaded");
  return p->model();
}

// A pack with one indicator of the faulty plugin, run at 100 paths: the
// error message, or "" when the run succeeded.
std::string run_with(const std::string& fault) {
  Pack pack;
  pack.name = "faulty";
  pack.horizon = YearMonth(2016, 3);
  const std::string id = "faulty_model." + fault;
  MonthlySeries s;
  s.id = id;
  s.start = YearMonth(2011, 4);
  std::vector<int> lines;
  for (int t = 0; t < 48; ++t) {
    s.values.push_back(10.0 + (t % 4));
    lines.push_back(2 + t);
  }
  pack.history.emplace(id, s);
  pack.history_where.emplace(id, "packdir/history.csv:2");
  pack.history_lines.emplace(id, lines);
  pack.history_file = "packdir/history.csv";
  try {
    Engine engine(std::move(pack), {faulty()});
    RunOptions options;
    options.paths = 100;
    options.threads = 2;
    options.fans = true;
    engine.prepare(options);
  } catch (const PluginError& e) {
    return e.what();
  } catch (const std::exception& e) {
    return std::string("not a PluginError: ") + e.what();
  }
  return "";
}

struct Fault {
  const char* fault;
  const char* says;
};

class FaultyModel : public ::testing::TestWithParam<Fault> {};

TEST_P(FaultyModel, IsAnErrorNamingPluginSeriesAndFile) {
  const std::string why = run_with(GetParam().fault);
  ASSERT_FALSE(why.empty()) << GetParam().fault << ": the run succeeded";
  EXPECT_EQ(why.rfind("not a PluginError", 0), std::string::npos) << why;
  EXPECT_NE(why.find("faulty_model"), std::string::npos) << why;
  EXPECT_NE(why.find(std::string("faulty_model.") + GetParam().fault),
            std::string::npos)
      << why;
  EXPECT_NE(why.find("packdir/history.csv:2"), std::string::npos) << why;
  EXPECT_NE(why.find("cspcast_plugin_faulty_model"), std::string::npos) << why;
  EXPECT_NE(why.find(GetParam().says), std::string::npos) << why;
}

INSTANTIATE_TEST_SUITE_P(
    EveryFault,
    FaultyModel,
    ::testing::Values(Fault{"throws", "simulate: fixture: simulate throws"},
                      Fault{"nan", "NaN"},
                      Fault{"short", "NaN (or a value left unfilled)"},
                      Fault{"out_of_range", "a percentage outside 0 to 100"},
                      Fault{"fractional", "a count that is not whole"},
                      Fault{"fit_throws",
                            "fit_projection: fixture: fit throws"}),
    [](const auto& p) { return std::string(p.param.fault); });

TEST(FaultyModel, TheSharedConformanceChecksFindEveryFault) {
  const auto source = faulty();
  for (const auto& ind : source->info().indicators) {
    EXPECT_FALSE(own_model_faults(*source, ind).empty()) << ind.id;
  }
}

}  // namespace
}  // namespace cspcast::plugin
