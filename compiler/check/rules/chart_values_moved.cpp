#include <fmt/format.h>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

void walk(const FreeValue& table, std::vector<std::string_view>& path, const chart::Profile& profile,
          Diagnostics& out) {
  for (const auto& [key, value] : table.entries) {
    path.push_back(key.value);
    if (const auto* moved = chart::moved_key(profile, path)) {
      out.push_back(kChartValuesMovedRule.diagnose(
          key.span, fmt::format("chart {} has no `{}`: it was removed or renamed", profile.version, moved->path),
          fmt::format("use {}", moved->replacement)));
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

const Rule kChartValuesMovedRule{
    {"PLS0117", Severity::error, "chart.values must not use keys the chart version removed or renamed",
     "Between chart releases, keys were removed or renamed: `auth.authentication.provider` became\n"
     "`auth.authentication.jwt.enabled` (the old key is now read by nothing: JWT stays off), `extra.*`\n"
     "became `components.*`, the `monitoring`, `prometheus` and `grafana` keys gave way to the\n"
     "victoria-metrics stack, and the manager's database credentials moved to\n"
     "`pulsar_manager.admin.*`. Helm ignores a key it does not know, so an old values file would\n"
     "silently change the cluster. The error names the key to use instead (or the pulsar.toml\n"
     "setting that already writes it)."},
    run};

}  // namespace pulsarc::checker
