#include <fmt/format.h>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  const auto& chart = context.config.chart;
  const auto* profile = context.chart();
  if (!chart.values || !profile) return;
  walk_chart_values(*chart.values, [&](auto path, const auto& key, const auto&) {
    if (chart::moved_key(*profile, path)) return false;  // PLS0117 says what replaced it
    if (chart::key_info(profile->keys, path)) return true;
    std::string dotted;
    for (auto part : path) dotted += fmt::format("{}{}", dotted.empty() ? "" : ".", part);
    out.push_back(kChartValuesRule.diagnose(
        key.span, fmt::format("chart.values.{} is not a key of chart {}'s values", dotted, profile->version),
        "check the spelling against the chart's values.yaml; the chart ignores unknown keys silently"));
    return false;
  });
}

}  // namespace

const Rule kChartValuesRule{
    {"PLS0114", Severity::warning, "chart.values keys should exist in the chart",
     "[chart.values] is merged last into values.yaml, unchecked. A key that the chart's default\n"
     "values do not have is most likely a typo that Helm would ignore silently, so pulsarc warns.\n"
     "Free-form maps of the chart (annotations, configData, nodeSelector, …) accept any key."},
    run};

}  // namespace pulsarc::checker
