#include <fmt/format.h>

#include <algorithm>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

Span replicas_span(const RuleContext& context, Component component) {
  const auto& c = context.config;
  switch (component) {
    case Component::broker: return c.broker.replicas.span;
    case Component::proxy: return c.proxy.replicas.span;
    case Component::autorecovery: return c.autorecovery.replicas.span;
    case Component::toolset: return c.toolset.replicas.span;
    case Component::manager: return c.manager.enabled.span;
    default: return {};
  }
}

void run(const RuleContext& context, Diagnostics& out) {
  for (Component component :
       {Component::broker, Component::proxy, Component::autorecovery, Component::toolset, Component::manager}) {
    const auto replicas = context.replicas(component);
    if (replicas <= 0) continue;
    const auto placement = context.placement(component);
    const auto eligible =
        std::ranges::count_if(context.config.nodes, [&](const Node& n) { return is_eligible(n, placement); });
    const auto name = component_name(component);
    if (eligible == 0) {
      auto d = kSchedulableRule.diagnose(
          replicas_span(context, component),
          fmt::format("no declared node can run {} pods: none matches its node selector and tolerates its taints",
                      name),
          fmt::format("add tolerations or relax {}.node_selector (or scheduling.*) so that at least one node fits",
                      name));
      if (placement.node_selector_span.known())
        d.notes.push_back({placement.node_selector_span, "the node selector in effect"});
      if (placement.tolerations_span.known())
        d.notes.push_back({placement.tolerations_span, "the tolerations in effect"});
      out.push_back(std::move(d));
    } else if (placement.anti_affinity_required && eligible < replicas) {
      auto d = kSchedulableRule.diagnose(
          replicas_span(context, component),
          fmt::format("{} has {} replicas with required anti-affinity but only {} eligible node{}", name, replicas,
                      eligible, eligible == 1 ? "" : "s"),
          fmt::format("lower {}.replicas to {}, make more nodes eligible, or set {}.anti_affinity = false", name,
                      eligible, name));
      out.push_back(std::move(d));
    }
  }
}

}  // namespace

const Rule kSchedulableRule{
    {"PLS0502", Severity::error, "every component needs enough eligible nodes",
     "pulsarc models the scheduler: a node is eligible for a component when its labels contain the\n"
     "component's node selector and the component tolerates all its NoSchedule/NoExecute taints.\n"
     "Each running component needs an eligible node; with required anti-affinity (the chart's default\n"
     "for proxy and autorecovery) it needs one eligible node per replica, or pods stay Pending."},
    run};

}  // namespace pulsarc::checker
