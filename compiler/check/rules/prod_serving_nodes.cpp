// PLS0602: one error per setting that lets brokers or proxies onto storage nodes: a toleration
// that tolerates a storage node's taint (e.g. an operator-only toleration without a key), else the node
// selector in effect, else (nothing separates the groups) the component's table, or the [cluster]
// table when the production profile is only the default. Broker and proxy share the error when
// they share the setting.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {

extern const Rule kProdServingNodesRule;

namespace {

struct Opening {
  std::vector<std::string_view> components;
  std::string what;  ///< "this toleration", …
  std::vector<Label> notes;
  std::vector<std::string_view> nodes;
};

void run(const RuleContext& context, Diagnostics& out) {
  if (!context.production()) return;
  const auto& c = context.config;
  std::unordered_map<std::string_view, std::string> storage;  // node -> what it holds; a map: thousands of bookies
  for (std::size_t i = 0; i < c.zookeeper.nodes.size(); ++i)
    storage[c.zookeeper.nodes[i].value] +=
        fmt::format("{}ZooKeeper replica {}", storage.contains(c.zookeeper.nodes[i].value) ? ", " : "", i);
  for (std::size_t i = 0; i < c.bookkeeper.nodes.size(); ++i) {
    auto& held = storage[c.bookkeeper.nodes[i].value];
    held += fmt::format("{}bookie {}", held.empty() ? "" : ", ", i);
  }
  const auto& model = context.placement_model();
  std::map<Span, Opening> openings;
  for (Component component : {Component::broker, Component::proxy}) {
    const auto& cp = model.of(component);
    if (cp.replicas <= 0) continue;
    const auto placement = context.placement(component);
    const auto& own = context.own_placement(component);
    std::vector<const Node*> opened;
    for (const auto& fit : cp.nodes) {
      if (fit.eligible() && storage.contains(fit.node->name.value)) opened.push_back(fit.node);
    }
    if (opened.empty()) continue;
    // The toleration that lets the pods past a storage node's taint is the line to change.
    const Toleration* opener = nullptr;
    for (const Node* node : opened) {
      for (const auto& taint : node->taints) {
        if (taint.effect.value == TaintEffect::prefer_no_schedule) continue;
        for (const auto& t : *placement.tolerations) {
          if (!opener && tolerates(t, taint)) opener = &t;
        }
      }
    }
    Span primary;
    std::string what;
    if (opener) {
      primary = opener->span;
      what = "this toleration lets them past the storage nodes' taints";
    } else if (!placement.node_selector->empty() || own.node_selector) {
      primary = placement.node_selector_span;
      what = "this node selector matches storage nodes";
    } else if (context.profile_defaulted()) {
      primary = c.cluster.span;
      what = "nothing keeps them off the storage nodes, and the profile is production by default";
    } else {
      primary = context.component_span(component).known() ? context.component_span(component) : c.cluster.profile.span;
      what = "nothing keeps them off the storage nodes (no node selector, storage nodes untainted)";
    }
    auto& entry = openings[primary];
    entry.components.push_back(component_name(component));
    if (entry.what.empty()) entry.what = what;
    for (const Node* node : opened) {
      if (std::ranges::find(entry.nodes, node->name.value) != entry.nodes.end()) continue;
      entry.nodes.push_back(node->name.value);
      entry.notes.push_back(
          {node->name.span, fmt::format("node \"{}\" holds {}", node->name.value, storage[node->name.value])});
    }
  }
  for (auto& [primary, entry] : openings) {
    const auto who = entry.components.size() == 1
                         ? fmt::format("{} pods", entry.components[0])
                         : fmt::format("{} and {} pods", entry.components[0], entry.components[1]);
    std::string names;
    for (std::size_t i = 0; i < entry.nodes.size() && i < kMaxNodeNotes; ++i)
      names += fmt::format("{}\"{}\"", i ? ", " : "", entry.nodes[i]);
    if (entry.nodes.size() > kMaxNodeNotes) names += fmt::format(" and {} more", entry.nodes.size() - kMaxNodeNotes);
    auto d = kProdServingNodesRule.diagnose(
        primary,
        fmt::format("{} could be scheduled on {} that hold{} ZooKeeper or bookie volumes ({}): {}", who,
                    entry.nodes.size() == 1 ? "a node" : fmt::format("{} nodes", entry.nodes.size()),
                    entry.nodes.size() == 1 ? "s" : "", names, entry.what),
        context.production_help("taint the storage nodes (and tolerate the taint only in zookeeper and bookkeeper), "
                                "or give brokers and proxies a node selector that only matches their own nodes"));
    add_capped_notes(d, std::move(entry.notes));
    out.push_back(std::move(d));
  }
}

}  // namespace

const Rule kProdServingNodesRule{
    {"PLS0602", Severity::error, "production: brokers and proxies stay off storage nodes",
     "In the production profile, nodes that hold ZooKeeper or bookie volumes must not be eligible for\n"
     "brokers or proxies, whose CPU and network load would starve the storage services. Use a\n"
     "node selector or taints that separate the two groups. Reported once per setting that opens\n"
     "the storage nodes (a toleration, a node selector, or nothing at all), with the nodes as notes."},
    run};

}  // namespace pulsarc::checker
