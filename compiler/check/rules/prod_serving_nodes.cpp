#include <fmt/format.h>

#include <unordered_set>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  if (!context.production()) return;
  const auto& c = context.config;
  std::unordered_set<std::string_view> storage_nodes;  // a set: clusters have thousands of bookies
  for (const auto& n : c.zookeeper.nodes) storage_nodes.insert(n.value);
  for (const auto& n : c.bookkeeper.nodes) storage_nodes.insert(n.value);
  auto holds_volume = [&](std::string_view name) { return storage_nodes.contains(name); };
  for (Component component : {Component::broker, Component::proxy}) {
    if (context.replicas(component) <= 0) continue;
    const auto placement = context.placement(component);
    for (const auto& node : c.nodes) {
      if (!holds_volume(node.name.value) || !is_eligible(node, placement)) continue;
      const auto name = component_name(component);
      auto d = kProdServingNodesRule.diagnose(
          node.name.span,
          fmt::format("{} pods could be scheduled on node \"{}\", which holds ZooKeeper or bookie volumes", name,
                      node.name.value),
          fmt::format("taint the storage nodes, or give {} a node selector that only matches broker/proxy nodes",
                      name));
      if (placement.node_selector_span.known())
        d.notes.push_back({placement.node_selector_span, "the node selector in effect"});
      out.push_back(std::move(d));
    }
  }
}

}  // namespace

const Rule kProdServingNodesRule{
    {"PLS0602", Severity::error, "production: brokers and proxies stay off storage nodes",
     "In the production profile, nodes that hold ZooKeeper or bookie volumes must not be eligible for\n"
     "brokers or proxies, whose CPU and network load would starve the storage services. Use a\n"
     "node selector or taints that separate the two groups."},
    run};

}  // namespace pulsarc::checker
