// SPDX-License-Identifier: MIT
// Priority 3 of the Safer Maidstone plan: road safety (killed or seriously
// injured).
#include <cspcast/plugin/define.hpp>

namespace {

using cspcast::Distribution;
using cspcast::DistributionKind;

// Below this mean monthly count the Gaussian models misstate the spread of
// whole-number casualty counts; the negative binomial model is used.
constexpr double kSmallCount = 20.0;

class RoadSafety final : public cspcast::PriorityModel {
 public:
  [[nodiscard]] cspcast::PriorityInfo describe() const override {
    cspcast::PriorityInfo info;
    info.title =
        "Road safety: killed or seriously injured (lead: Kent Fire and Rescue, "
        "Kent Road Safety)";
    info.indicators = indicators();
    info.levers = levers();
    return info;
  }

 private:
  [[nodiscard]] static std::vector<cspcast::IndicatorSpec> indicators() {
    const cspcast::ModelSpec by_size{cspcast::ModelKind::kAuto,
                                     cspcast::Transform::kLog};
    return {
        {"road_safety.casualties",
         "Road casualties, all ages (targets per 1,000)",
         cspcast::Unit::kCount,
         by_size,
         "plan section 6, priority 3, row 1; 5.6"},
        {"road_safety.casualties_u16",
         "Road casualties under 16 (targets per 10,000)",
         cspcast::Unit::kCount,
         by_size,
         "plan section 6, priority 3, row 2"},
        {"road_safety.ksi",
         "Killed or seriously injured, all ages (targets per 10,000)",
         cspcast::Unit::kCount,
         by_size,
         "plan section 6, priority 3, row 3; 5.6"},
        {"road_safety.ksi_u16",
         "Killed or seriously injured under 16 (per 10,000)",
         cspcast::Unit::kCount,
         by_size,
         "plan section 6, priority 3, row 4"},
        {"road_safety.rush_students",
         "Year 11 students reached by the RUSH programme",
         cspcast::Unit::kCount,
         by_size,
         "plan section 6, priority 3, row 5"},
    };
  }

  [[nodiscard]] static std::vector<cspcast::Lever> levers() {
    return {
        {"road_safety.education",
         "Road safety education in schools and colleges (RUSH, Car'n'age, "
         "Licensed to Kill)",
         "road_safety.ksi",
         Distribution{DistributionKind::kTriangular, -0.05, -0.01, 0.01},
         "young drivers aged 17-24 are a focus group; education aims at their "
         "risk-taking",
         "Cochrane review of school driver education (Roberts and Kwan 2001): "
         "no "
         "evidence of fewer crashes; a small effect at most",
         -0.2,
         0.1,
         {}},
        {"road_safety.speed_enforcement",
         "Speedwatch, repeat speeder follow-up and multi-agency enforcement "
         "events",
         "road_safety.casualties",
         Distribution{DistributionKind::kPert, -0.06, -0.02, 0.0},
         "lower speeds at hotspots reduce collision numbers and severity",
         "speed camera reviews (Wilson et al. 2010) show large local effects; "
         "community Speedwatch reaches a small share of roads",
         -0.3,
         0.1,
         {{"road_safety.ksi",
           1.5,
           "severity falls faster than numbers (power model of speed)"}}},
        {"road_safety.pedestrian_training",
         "Pedestrian Awards Scheme (PAWS) for 4-14 year olds, Safety in Action",
         "road_safety.casualties_u16",
         Distribution{DistributionKind::kTriangular, -0.08, -0.03, 0.0},
         "practical pedestrian skills for children",
         "pedestrian training improves observed behaviour (Duperrex et al. "
         "2002); "
         "casualty effects unproven",
         -0.3,
         0.1,
         {{"road_safety.ksi_u16", 1.0, "the same children"}}},
        {"road_safety.rush_delivery",
         "RUSH delivery capacity (sessions booked with secondary schools)",
         "road_safety.rush_students",
         Distribution{DistributionKind::kNormal, 0.15, 0.05, 0.0},
         "more sessions reach more Year 11 students",
         "planning assumption: one extra facilitator adds about 15% capacity",
         -0.5,
         1.0,
         {}},
    };
  }

 public:
  [[nodiscard]] cspcast::ModelSpec choose_model(
      const cspcast::IndicatorSpec& indicator,
      const cspcast::MonthlySeries& history) const override {
    return cspcast::count_model_if_small(indicator, history, kSmallCount);
  }
};

}  // namespace

CSPCAST_DEFINE_PLUGIN(RoadSafety, "road_safety", "1.0.0", 300)
