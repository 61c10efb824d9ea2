#include <fmt/format.h>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  const auto* chart = context.chart();
  const auto& kubernetes = context.config.cluster.kubernetes_minor;
  if (!chart || kubernetes.value == 0 || kubernetes.value >= chart->min_kubernetes_minor) return;
  auto d = kChartKubernetesRule.diagnose(
      kubernetes.span,
      fmt::format("chart {} needs Kubernetes 1.{} or newer (its kubeVersion is \">=1.{}.0-0\")", chart->version,
                  chart->min_kubernetes_minor, chart->min_kubernetes_minor),
      fmt::format("set cluster.kubernetes = \"1.{}\" or newer, or use an older chart.version",
                  chart->min_kubernetes_minor));
  d.notes.push_back({context.config.chart.version.span, "the chart version is chosen here"});
  out.push_back(std::move(d));
}

}  // namespace

const Rule kChartKubernetesRule{
    {"PLS0118", Severity::error, "the chart version must support the target Kubernetes version",
     "A chart declares the Kubernetes versions it installs on (`kubeVersion` in its Chart.yaml);\n"
     "Helm refuses to install it elsewhere. Chart 4.7.0 needs Kubernetes 1.25 or newer: it writes\n"
     "policy/v1 PodDisruptionBudgets and other APIs older clusters lack."},
    run};

}  // namespace pulsarc::checker
