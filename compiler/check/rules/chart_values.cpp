#include <fmt/format.h>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

void walk(const FreeValue& table, std::vector<std::string_view>& path, const chart::Profile& profile,
          Diagnostics& out) {
  for (const auto& [key, value] : table.entries) {
    path.push_back(key.value);
    if (chart::moved_key(profile, path)) {
      // PLS0117 says what replaced it.
    } else if (!chart::key_info(profile.keys, path)) {
      std::string dotted;
      for (auto part : path) dotted += fmt::format("{}{}", dotted.empty() ? "" : ".", part);
      out.push_back(kChartValuesRule.diagnose(
          key.span, fmt::format("chart.values.{} is not a key of chart {}'s values", dotted, profile.version),
          "check the spelling against the chart's values.yaml; the chart ignores unknown keys silently"));
    } else if (value.kind == FreeValue::Kind::table) {
      walk(value, path, profile, out);
    }
    path.pop_back();
  }
}

void run(const RuleContext& context, Diagnostics& out) {
  const auto& chart = context.config.chart;
  if (!chart.values || !context.chart()) return;
  std::vector<std::string_view> path;
  walk(*chart.values, path, *context.chart(), out);
}

}  // namespace

const Rule kChartValuesRule{
    {"PLS0114", Severity::warning, "chart.values keys should exist in the chart",
     "[chart.values] is merged last into values.yaml, unchecked. A key that the chart's default\n"
     "values do not have is most likely a typo that Helm would ignore silently, so pulsarc warns.\n"
     "Free-form maps of the chart (annotations, configData, nodeSelector, …) accept any key."},
    run};

}  // namespace pulsarc::checker
