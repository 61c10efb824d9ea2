// PLS0502: a component no node can run is reported once, at the setting that excludes the nodes
// (the node selector when it excludes any, else the tolerations in effect), with each node's
// reason as a note; components that share that setting share the error.
#include <fmt/format.h>

#include <algorithm>
#include <map>

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

std::string join_names(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

std::string reasons(const NodeFit& fit) {
  std::string out;
  for (const auto& e : fit.exclusions) out += (out.empty() ? "" : "; ") + e.describe();
  return out;
}

struct Unschedulable {
  std::vector<std::string_view> components;
  std::string setting;  ///< what the primary span is, for the help
  std::vector<Label> notes;
};

void run(const RuleContext& context, Diagnostics& out) {
  const auto& model = context.placement_model();
  std::map<Span, Unschedulable> by_setting;
  for (Component component :
       {Component::broker, Component::proxy, Component::autorecovery, Component::toolset, Component::manager}) {
    const auto& cp = model.of(component);
    const auto name = component_name(component);
    if (cp.verdict == Verdict::unschedulable) {
      const auto placement = context.placement(component);
      const bool by_selector = std::ranges::any_of(cp.nodes, [](const NodeFit& f) {
        return std::ranges::any_of(f.exclusions,
                                   [](const Exclusion& e) { return e.kind != Exclusion::Kind::untolerated_taint; });
      });
      const bool own_selector = context.own_placement(component).node_selector.has_value();
      const bool own_tolerations = context.own_placement(component).tolerations.has_value();
      Span primary;
      std::string setting;
      if (by_selector) {
        primary = placement.node_selector_span;
        setting = own_selector ? fmt::format("{}.node_selector", name) : "scheduling.node_selector";
      } else if (placement.tolerations_span.known()) {
        primary = placement.tolerations_span;
        setting = own_tolerations ? fmt::format("{}.tolerations", name) : "scheduling.tolerations";
      } else {
        primary = context.component_span(component).known() ? context.component_span(component)
                                                            : replicas_span(context, component);
        setting = fmt::format("{}.tolerations", name);
      }
      auto& entry = by_setting[primary];
      entry.components.push_back(name);
      if (entry.setting.empty()) entry.setting = setting;
      if (entry.notes.empty()) {
        for (const auto& fit : cp.nodes) {
          entry.notes.push_back(
              {fit.node->name.span, fmt::format("node \"{}\": {}", fit.node->name.value, reasons(fit))});
        }
      }
    } else if (cp.verdict == Verdict::pending) {
      // `replicas` when written (or the component's table); with neither, the setting that
      // excludes the nodes: the selector if it excludes any, else the tolerations, else a taint.
      Span primary = replicas_span(context, component);
      if (!primary.known()) {
        const auto placement = context.placement(component);
        for (const auto& fit : cp.nodes) {
          for (const auto& e : fit.exclusions) {
            const Span candidate = e.kind != Exclusion::Kind::untolerated_taint ? placement.node_selector_span
                                   : placement.tolerations_span.known()         ? placement.tolerations_span
                                                                                : e.taint->span;
            if (!primary.known() || e.kind != Exclusion::Kind::untolerated_taint) primary = candidate;
          }
          if (primary.known()) break;
        }
      }
      auto d = kSchedulableRule.diagnose(
          primary,
          fmt::format("{} has {} replicas with required anti-affinity but only {} eligible node{}", name, cp.replicas,
                      cp.eligible_count, cp.eligible_count == 1 ? "" : "s"),
          fmt::format("lower {}.replicas to {}, make more nodes eligible, or set {}.anti_affinity = false", name,
                      cp.eligible_count, name));
      std::vector<Label> notes;
      for (const auto& fit : cp.nodes) {
        if (!fit.eligible())
          notes.push_back({fit.node->name.span,
                           fmt::format("node \"{}\" is not eligible: {}", fit.node->name.value, reasons(fit))});
      }
      add_capped_notes(d, std::move(notes));
      out.push_back(std::move(d));
    }
  }
  for (auto& [primary, entry] : by_setting) {
    const bool one = entry.components.size() == 1;
    auto d = kSchedulableRule.diagnose(primary,
                                       fmt::format("no declared node can run {} pods: {} excludes every node",
                                                   join_names(entry.components), entry.setting),
                                       fmt::format("change {} so that at least one node fits{}", entry.setting,
                                                   one ? "" : " (or give the components their own settings)"));
    add_capped_notes(d, std::move(entry.notes));
    out.push_back(std::move(d));
  }
}

}  // namespace

const Rule kSchedulableRule{
    {"PLS0502", Severity::error, "every component needs enough eligible nodes",
     "pulsarc models the scheduler: a node is eligible for a component when its labels contain the\n"
     "component's node selector and the component tolerates all its NoSchedule/NoExecute taints.\n"
     "Each running component needs an eligible node; with required anti-affinity (the chart's default\n"
     "for proxy and autorecovery) it needs one eligible node per replica, or pods stay Pending.\n"
     "`pulsarc placement` shows the model: which node may run which component, and why not."},
    run};

}  // namespace pulsarc::checker
