#include <fmt/format.h>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  const auto* chart = context.chart();
  if (!chart) return;
  const auto& c = context.config;
  auto refuse = [&](Span span, std::string_view setting, bool chart::Profile::*has) {
    std::string versions;
    for (const auto* p : chart::profiles()) {
      if (p->*has) versions += fmt::format("{}{}", versions.empty() ? "" : ", ", p->version);
    }
    auto d = kChartSettingsRule.diagnose(span, fmt::format("chart {} has no {}", chart->version, setting),
                                         fmt::format("remove it, or use a chart.version that has it: {}", versions));
    d.notes.push_back({c.chart.version.span, "the chart version is chosen here"});
    out.push_back(std::move(d));
  };
  if (c.zookeeper.datalog && !chart->zookeeper_datalog) {
    refuse(c.zookeeper.datalog->span, "separate ZooKeeper transaction-log volume (zookeeper.datalog)",
           &chart::Profile::zookeeper_datalog);
  }
  if (!c.auth.manager_role.value.empty() && !chart->manager_role) {
    refuse(c.auth.manager_role.span, "manager superuser (auth.superusers.manager)", &chart::Profile::manager_role);
  }
}

}  // namespace

const Rule kChartSettingsRule{
    {"PLS0119", Severity::error, "settings must exist in the chosen chart version",
     "Some pulsar.toml settings map to chart keys that only newer charts have: `zookeeper.datalog`\n"
     "(the chart's useSeparateDiskForTxlog, a second volume per ZooKeeper replica) and\n"
     "`auth.superusers.manager` (a token of its own for Pulsar Manager). An older chart would ignore\n"
     "them, so the bundle would describe volumes or roles that never exist."},
    run};

}  // namespace pulsarc::checker
