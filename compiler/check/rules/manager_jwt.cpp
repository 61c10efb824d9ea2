#include <algorithm>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  const auto& c = context.config;
  const auto* chart = context.chart();
  if (!chart || !c.manager.enabled.value || c.auth.jwt.value == JwtMode::off) return;
  const auto tag = chart::manager_image(c, *chart).tag;
  // A tag the chart version cannot run at all is PLS0809's.
  if (tag != "v0.1.0" || !chart::runs_manager(*chart, tag)) return;
  out.push_back(kManagerJwtRule.diagnose(
      c.images.manager ? c.images.manager->span : c.manager.enabled.span, "Pulsar Manager v0.1.0 cannot use JWT tokens",
      "set images.manager = \"apachepulsar/pulsar-manager:v0.4.0\" (or v0.2.0/v0.3.0)"));
}

}  // namespace

const Rule kManagerJwtRule{
    {"PLS0802", Severity::error, "Pulsar Manager v0.1.0 cannot work with JWT",
     "The v0.1.0 image has no way to receive a token (apache/pulsar-helm-chart#85, #133): with JWT on\n"
     "it cannot add an environment or read anything from the brokers. Use v0.2.0 or later (chart\n"
     "2.7.7 defaults to v0.1.0, so set images.manager)."},
    run};

}  // namespace pulsarc::checker
