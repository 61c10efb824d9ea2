#include <fmt/format.h>

#include <algorithm>

#include "chart/manager.hpp"
#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  const auto& c = context.config;
  const auto* chart = context.chart();
  if (!c.manager.enabled.value || !chart) return;
  const auto image = chart::manager_image(c, *chart);
  if (manager::manager_schema_for_tag(image.tag)) return;
  // A tag the chart version cannot run at all is PLS0809's.
  if (!chart::runs_manager(*chart, image.tag)) return;
  const Span span = c.images.manager ? c.images.manager->span : c.manager.enabled.span;
  if (image.tag == "v0.1.0") {
    if (c.auth.jwt.value != JwtMode::off) return;  // PLS0802 says more
    out.push_back(kManagerVersionRule.diagnose(
        span, "Pulsar Manager v0.1.0 always uses its embedded database",
        fmt::format("set images.manager = \"apachepulsar/pulsar-manager:v0.4.0\" (chart {} defaults to v0.1.0)",
                    chart->version)));
    return;
  }
  out.push_back(kManagerVersionRule.diagnose(
      span, fmt::format("pulsarc does not know the database schema of Pulsar Manager \"{}\"", image.tag),
      "use the tag v0.2.0, v0.3.0 or v0.4.0"));
}

}  // namespace

const Rule kManagerVersionRule{
    {"PLS0801", Severity::error, "the Pulsar Manager image must have a schema pulsarc knows",
     "Pulsar Manager never creates its tables in an external database, and its schema changed between\n"
     "releases (v0.3.0 added environments.bookie and dropped roles/role_binding). pulsarc writes the\n"
     "schema of the image's tag, so the tag must be v0.2.0, v0.3.0 or v0.4.0. v0.1.0, chart 2.7.7's\n"
     "default, always starts its embedded database."},
    run};

}  // namespace pulsarc::checker
