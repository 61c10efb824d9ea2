#include <fmt/format.h>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  const auto& version = context.config.chart.version;
  if (context.chart()) return;
  std::string supported;
  for (const auto* profile : chart::profiles()) {
    supported += fmt::format("{}\"{}\"", supported.empty() ? "" : ", ", profile->version);
  }
  out.push_back(kChartVersionRule.diagnose(version.span,
                                           fmt::format("chart version \"{}\" is not supported", version.value),
                                           fmt::format("supported: {}", supported)));
}

}  // namespace

const Rule kChartVersionRule{
    {"PLS0109", Severity::error, "chart.version must be a supported chart version",
     "values.yaml is written for one apache/pulsar-helm-chart release: keys, defaults and known bugs\n"
     "differ between releases (e.g. `auth.authentication.provider` in the old chart, `jwt.enabled` in the\n"
     "current one). `pulsarc explain PLS0109` lists nothing more: the error names the supported versions."},
    run};

}  // namespace pulsarc::checker
