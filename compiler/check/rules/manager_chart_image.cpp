#include <fmt/format.h>

#include <algorithm>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  const auto* chart = context.chart();
  const auto& c = context.config;
  if (!chart || !c.manager.enabled.value) return;
  const auto image = chart::manager_image(c, *chart);
  if (chart::runs_manager(*chart, image.tag)) return;
  std::string tags;
  for (const auto tag : chart->manager_tags) tags += fmt::format("{}{}", tags.empty() ? "" : ", ", tag);
  auto d = kManagerChartImageRule.diagnose(
      c.images.manager ? c.images.manager->span : c.manager.enabled.span,
      fmt::format("chart {} cannot run Pulsar Manager \"{}\"", chart->version, image.tag),
      fmt::format("set images.manager to a tag chart {} runs: {}", chart->version, tags));
  d.notes.push_back({c.chart.version.span, "the chart version is chosen here"});
  out.push_back(std::move(d));
}

}  // namespace

const Rule kManagerChartImageRule{
    {"PLS0809", Severity::error, "the chart version must be able to run the Pulsar Manager image",
     "Each chart version wires Pulsar Manager for particular images: chart 4.7.0 runs it as a\n"
     "StatefulSet whose init Job creates the UI user through the backend, and hands it a JWT with\n"
     "the variables of v0.4.0, its default. An older image would start without a UI user or token.\n"
     "Chart 2.7.7 runs v0.1.0 to v0.4.0 (PLS0801 and PLS0802 say which of those work)."},
    run};

}  // namespace pulsarc::checker
