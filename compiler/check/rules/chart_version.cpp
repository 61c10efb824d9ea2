#include <fmt/format.h>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  const auto& version = context.config.chart.version;
  if (version.value == "2.7.7") return;
  out.push_back(kChartVersionRule.diagnose(version.span,
                                           fmt::format("chart version \"{}\" is not supported", version.value),
                                           "supported: \"2.7.7\" (\"4.7.0\" is planned)"));
}

}  // namespace

const Rule kChartVersionRule{
    {"PLS0109", Severity::error, "chart.version must be a supported chart version",
     "values.yaml is written for one apache/pulsar-helm-chart release: keys, defaults and known bugs\n"
     "differ between releases (e.g. 2.7.7 `auth.authentication.provider` vs 4.x `jwt.enabled`).\n"
     "Supported: 2.7.7. Planned: 4.7.0."},
    run};

}  // namespace pulsarc::checker
