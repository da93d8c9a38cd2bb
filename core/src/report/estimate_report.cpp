// SPDX-License-Identifier: MIT
#include "format.hpp"

#include <cspcast/format.hpp>
#include <cspcast/report/estimate_report.hpp>

#include <nlohmann/json.hpp>

#include <sstream>

namespace cspcast::report {
namespace {

std::string g(double v) { return format_number(v, 6); }

nlohmann::json effect_json(const EstimateEffect& e) {
  nlohmann::json j = {{"estimate", e.estimate},
                      {"se", e.se},
                      {"lo95", e.lo95},
                      {"hi95", e.hi95}};
  if (e.has_percent) {
    j["percent"] = e.percent;
    j["percent_lo95"] = e.percent_lo95;
    j["percent_hi95"] = e.percent_hi95;
  } else {
    j["percent"] = nullptr;
  }
  return j;
}

}  // namespace

std::string estimate_table(const EstimateResult& r) {
  std::ostringstream out;
  const auto& o = r.options;
  out << "cspcast estimate: series '" << o.series << "' in " << r.input
      << ", intervention at " << o.at.str() << "\nmodel: " << r.model << "; "
      << r.observations << (r.period == 4 ? " quarters" : " months") << "\n\n";
  const auto& e = r.effect;
  out << "effect (model scale): " << g(e.estimate) << "  se " << g(e.se)
      << "  95% interval " << g(e.lo95) << " to " << g(e.hi95) << '\n';
  if (e.has_percent) {
    out << "effect as a change:   " << fixed(e.percent, 1) << "%  (95% "
        << fixed(e.percent_lo95, 1) << "% to " << fixed(e.percent_hi95, 1)
        << "%)\n";
  } else {
    out << "relative to the counterfactual level: " << percent(r.relative)
        << '\n';
  }
  for (const auto& [name, c] : r.coefficients) {
    out << "coefficient " << name << ": " << g(c.estimate) << "  se " << g(c.se)
        << "  95% " << g(c.lo95) << " to " << g(c.hi95) << '\n';
  }
  out << "\nvariances: irregular " << g(r.var_irregular) << ", level "
      << g(r.var_level);
  if (o.slope) out << ", slope " << g(r.var_slope);
  out << ", seasonal " << g(r.var_seasonal) << "\nlog-likelihood (diffuse) "
      << fixed(r.loglik, 4) << ", AIC " << fixed(r.aic, 4) << "\n\n";
  out << "after the intervention: cumulative effect " << fixed(r.cumulative, 1)
      << " (95% " << fixed(r.cumulative_lo95, 1) << " to "
      << fixed(r.cumulative_hi95, 1) << ") over " << r.counterfactual.size()
      << (r.period == 4 ? " quarters" : " months") << "\n";
  out << pad("period", 10) << pad("actual", 12) << pad("counterfactual", 16)
      << "95% interval\n";
  for (const auto& p : r.counterfactual) {
    out << pad(p.month.str(), 10) << pad(g(p.actual), 12)
        << pad(g(p.counterfactual), 16) << g(p.lo95) << " to " << g(p.hi95)
        << '\n';
  }
  if (!r.placebos.empty()) {
    out << "\nplacebo steps in the pre-period: " << r.placebo_false_positives()
        << " of " << r.placebos.size()
        << " 95% intervals exclude zero (about 5% expected when the model "
           "fits)\n";
    for (const auto& p : r.placebos) {
      out << "  " << p.at.str() << "  " << g(p.estimate) << "  (" << g(p.lo95)
          << " to " << g(p.hi95) << ")"
          << (p.excludes_zero() ? "  excludes 0" : "") << '\n';
    }
  }
  return out.str();
}

std::string estimate_json(const EstimateResult& r) {
  nlohmann::json j;
  j["series"] = r.options.series;
  j["input"] = r.input;
  j["at"] = r.options.at.str();
  j["model"] = r.model;
  j["observations"] = r.observations;
  j["effect"] = effect_json(r.effect);
  j["effect"]["relative"] = r.relative;
  for (const auto& [name, c] : r.coefficients)
    j["coefficients"][name] = effect_json(c);
  j["variances"] = {{"irregular", r.var_irregular},
                    {"level", r.var_level},
                    {"seasonal", r.var_seasonal}};
  if (r.options.slope) j["variances"]["slope"] = r.var_slope;
  j["loglik"] = r.loglik;
  j["aic"] = r.aic;
  j["counterfactual"] = nlohmann::json::array();
  for (const auto& p : r.counterfactual) {
    j["counterfactual"].push_back({{"month", p.month.str()},
                                   {"actual", p.actual},
                                   {"counterfactual", p.counterfactual},
                                   {"lo95", p.lo95},
                                   {"hi95", p.hi95}});
  }
  j["cumulative"] = {{"effect", r.cumulative},
                     {"lo95", r.cumulative_lo95},
                     {"hi95", r.cumulative_hi95}};
  if (!r.placebos.empty()) {
    j["placebo"]["excluding_zero"] = r.placebo_false_positives();
    for (const auto& p : r.placebos) {
      j["placebo"]["fits"].push_back({{"at", p.at.str()},
                                      {"estimate", p.estimate},
                                      {"lo95", p.lo95},
                                      {"hi95", p.hi95}});
    }
  }
  return j.dump(2) + "\n";
}

std::string estimate_lever(const EstimateResult& r, const LeverOptions& o) {
  std::ostringstream out;
  out << std::setprecision(10);
  out << "# Written by cspcast estimate from " << r.input << ", series '"
      << r.options.series << "', intervention at " << r.options.at.str()
      << ".\n# Model: " << r.model << ".\n# Estimate " << g(r.effect.estimate)
      << " (se " << g(r.effect.se) << ") on the model's scale";
  if (o.widen != 1.0) out << "; spread widened x" << o.widen << " for transfer";
  out << ".\n# Check the assumptions in docs/estimate.md before using it.\n";
  out << "[scenario]\nname = " << toml_string("estimated-" + r.options.series)
      << "\nextends = \"baseline\"\ntitle = "
      << toml_string("Baseline with the effect estimated from " +
                     r.options.series + " at " + r.options.at.str())
      << "\n\n";
  out << "[[intervention]]\nindicator = " << toml_string(o.indicator)
      << "\nstart = " << toml_string(o.start)
      << "\nnote = \"effect estimated by cspcast estimate\"\n";
  if (r.options.log) {
    out << "effect = { dist = \"lognormal\", median = "
        << std::expm1(r.effect.estimate)
        << ", sdlog = " << r.effect.se * o.widen << " }\n";
  } else {
    const double level =
        r.relative != 0.0 ? r.effect.estimate / r.relative : 0.0;
    const double sd = level != 0.0 ? std::abs(r.effect.se / level) : 0.0;
    out << "effect = { dist = \"normal\", mean = " << r.relative
        << ", sd = " << sd * o.widen << " }\n";
  }
  return out.str();
}

}  // namespace cspcast::report
