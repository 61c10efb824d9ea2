#include <fmt/format.h>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  const auto& chart = context.config.chart;
  const auto* profile = context.chart();
  if (!chart.values || !profile) return;
  walk_chart_values(*chart.values, [&](auto path, const auto& key, const auto&) {
    const auto* moved = chart::moved_key(*profile, path);
    if (!moved) return true;
    out.push_back(kChartValuesMovedRule.diagnose(
        key.span, fmt::format("chart {} has no `{}`: it was removed or renamed", profile->version, moved->path),
        fmt::format("use {}", moved->replacement)));
    return false;
  });
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
