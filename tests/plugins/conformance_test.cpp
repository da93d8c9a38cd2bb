// SPDX-License-Identifier: MIT
// Runs on every plugin built in the tree: descriptor, declarations, model
// choice on a fixed series, determinism and error translation.
#include <cspcast/error.hpp>
#include <cspcast/kernels/forecast_model.hpp>
#include <cspcast/plugin/conformance.hpp>
#include <cspcast/plugin/registry.hpp>

#include <gtest/gtest.h>

#include <set>

namespace cspcast::plugin {
namespace {

class Conformance : public ::testing::TestWithParam<std::string> {};

const LoadedPlugin& plugin_named(const PluginRegistry& r,
                                 const std::string& name) {
  const LoadedPlugin* p = r.find(name);
  if (p == nullptr) throw Error("plugin not loaded: " + name);
  return *p;
}

PluginRegistry all_plugins() {
  PluginRegistry r;
  DiscoveryOptions d;
  d.plugin_dirs = {CSPCAST_TEST_PLUGIN_DIR};
  d.use_environment = false;
  d.use_default_dirs = false;
  r.load(d);
  return r;
}

TEST_P(Conformance, DeclaresWellFormedIndicatorsAndLevers) {
  const PluginRegistry r = all_plugins();
  const GuardedModel m(plugin_named(r, GetParam()));
  const PriorityInfo& info = m.info();
  EXPECT_FALSE(info.title.empty());
  ASSERT_FALSE(info.indicators.empty());
  std::set<std::string> ids;
  for (const auto& ind : info.indicators) {
    EXPECT_EQ(ind.id.rfind(GetParam() + ".", 0), 0U) << ind.id;
    EXPECT_TRUE(ids.insert(ind.id).second) << "duplicate " << ind.id;
    EXPECT_FALSE(ind.source.empty()) << ind.id;
  }
  ASSERT_FALSE(info.levers.empty());
  for (const auto& lever : info.levers) {
    EXPECT_EQ(lever.id.rfind(GetParam() + ".", 0), 0U) << lever.id;
    EXPECT_TRUE(ids.count(lever.indicator))
        << lever.id << " acts on " << lever.indicator;
    EXPECT_FALSE(lever.default_effect.problem()) << lever.id;
    EXPECT_FALSE(lever.source.empty()) << lever.id;
    EXPECT_LT(lever.min_effect, lever.max_effect) << lever.id;
  }
}

TEST_P(Conformance, ChosenModelsForecastAFixedSeriesDeterministically) {
  const PluginRegistry r = all_plugins();
  const GuardedModel m(plugin_named(r, GetParam()));
  for (const auto& ind : m.info().indicators) {
    MonthlySeries s;
    s.id = ind.id;
    s.start = YearMonth(2009, 4);
    for (int t = 0; t < 60; ++t) {
      // A seasonal series valid for every unit: 5 to 35.
      s.values.push_back(20.0 + 10.0 * ((t % 12) < 6 ? 1 : -1) + (t % 5));
    }
    const ModelSpec spec = m.choose_model(ind, s);
    const ConstVectorMap y(s.values.data(), s.size());
    const auto fit = kernels::fit_forecast_model(y, 12, spec);
    Matrix a(48, 50);
    Matrix b(48, 50);
    fit->simulate(1, 2, 0, a);
    fit->simulate(1, 2, 0, b);
    EXPECT_TRUE(a.allFinite()) << ind.id << " " << fit->name();
    EXPECT_EQ(a, b) << ind.id;
  }
}

TEST_P(Conformance, OnlyIndicatorsDeclaringAnOwnModelGetOne) {
  const PluginRegistry r = all_plugins();
  const GuardedModel m(plugin_named(r, GetParam()));
  for (const auto& ind : m.info().indicators) {
    if (!ind.own_model.empty()) continue;
    const auto h = conformance_history(ind, 60, "typical");
    EXPECT_EQ(m.fit_projection(conformance_input(ind, h)), nullptr)
        << ind.id << " declares no own model but fit one";
  }
}

TEST_P(Conformance, OwnModelsPassTheSharedChecks) {
  const PluginRegistry r = all_plugins();
  const GuardedModel m(plugin_named(r, GetParam()));
  for (const auto& ind : m.info().indicators) {
    if (ind.own_model.empty()) continue;
    for (const auto& fault : own_model_faults(m, ind)) {
      ADD_FAILURE() << GetParam() << ": " << fault;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllPlugins,
                         Conformance,
                         ::testing::Values("asb",
                                           "reoffending",
                                           "road_safety",
                                           "substance_misuse",
                                           "domestic_abuse",
                                           "nte_violence"));

}  // namespace
}  // namespace cspcast::plugin
