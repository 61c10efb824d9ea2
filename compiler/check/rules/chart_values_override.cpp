#include <fmt/format.h>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

void walk(const FreeValue& table, const yaml::Node& derived, std::string path, Diagnostics& out) {
  for (const auto& [key, value] : table.entries) {
    const yaml::Node* ours = derived.find(key.value);
    if (!ours) continue;
    const std::string child = path.empty() ? key.value : path + "." + key.value;
    if (value.kind == FreeValue::Kind::table && ours->kind == yaml::Node::Kind::mapping) {
      walk(value, *ours, child, out);
      continue;
    }
    out.push_back(kChartValuesOverrideRule.diagnose(
        key.span, fmt::format("chart.values.{} replaces a value pulsarc derives from pulsar.toml", child),
        "set it through pulsar.toml instead, or the bundle's volumes, nodes and values may disagree"));
  }
}

void run(const RuleContext& context, Diagnostics& out) {
  const auto& config = context.config;
  if (!config.chart.values || !context.chart()) return;
  Config without_overrides = config;
  without_overrides.chart.values.reset();
  walk(*config.chart.values, context.chart()->values(without_overrides), "", out);
}

}  // namespace

const Rule kChartValuesOverrideRule{
    {"PLS0115", Severity::warning, "chart.values should not replace what pulsarc derives",
     "[chart.values] is merged last, so it can replace values pulsarc computes from pulsar.toml, such\n"
     "as replica counts, volume sizes, storage classes or tolerations. The PersistentVolumes, node\n"
     "labels and checks would then describe a different cluster than the chart deploys. Set these\n"
     "through pulsar.toml; use chart.values for what pulsar.toml does not model."},
    run};

}  // namespace pulsarc::checker
