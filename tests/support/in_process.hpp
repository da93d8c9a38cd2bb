// SPDX-License-Identifier: MIT
// The six priorities compiled into the test program
// (CSPCAST_PLUGIN_IN_PROCESS): engine tests run on them without any plugin
// library.
#pragma once

#include <cspcast/priority_source.hpp>

#include <memory>
#include <string>
#include <vector>

std::shared_ptr<const cspcast::PrioritySource>
cspcast_in_process_AntisocialBehaviour();
std::shared_ptr<const cspcast::PrioritySource> cspcast_in_process_Reoffending();
std::shared_ptr<const cspcast::PrioritySource> cspcast_in_process_RoadSafety();
std::shared_ptr<const cspcast::PrioritySource>
cspcast_in_process_SubstanceMisuse();
std::shared_ptr<const cspcast::PrioritySource>
cspcast_in_process_DomesticAbuse();
std::shared_ptr<const cspcast::PrioritySource>
cspcast_in_process_NightTimeEconomyViolence();

namespace cspcast::test {

/// Every priority of the Maidstone pack (or only `only`), in run order.
inline std::vector<std::shared_ptr<const PrioritySource>> in_process_models(
    const std::string& only = "") {
  std::vector<std::shared_ptr<const PrioritySource>> all{
      cspcast_in_process_AntisocialBehaviour(),
      cspcast_in_process_Reoffending(),
      cspcast_in_process_RoadSafety(),
      cspcast_in_process_SubstanceMisuse(),
      cspcast_in_process_DomesticAbuse(),
      cspcast_in_process_NightTimeEconomyViolence()};
  std::vector<std::shared_ptr<const PrioritySource>> out;
  for (auto& m : all) {
    if (only.empty() || m->name() == only) out.push_back(std::move(m));
  }
  return out;
}

}  // namespace cspcast::test
