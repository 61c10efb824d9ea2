#include "check/placement.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "check/rule.hpp"
#include "pulsarc/spelling.hpp"

namespace pulsarc::checker {

std::string taint_text(const Taint& taint) {
  return fmt::format("{}{}{}:{}", taint.key.value, taint.value ? "=" : "",
                     taint.value ? std::string_view(taint.value->value) : std::string_view(),
                     spell(taint.effect.value));
}

std::string_view Exclusion::short_code() const {
  return kind == Kind::untolerated_taint ? "taint" : "label";
}

std::string Exclusion::describe() const {
  switch (kind) {
    case Kind::missing_label: return fmt::format("lacks label {}={}", wanted->key.value, wanted->value.value);
    case Kind::label_differs:
      return fmt::format("label {}={}, not {}", wanted->key.value, actual->value.value, wanted->value.value);
    case Kind::untolerated_taint: return fmt::format("taint {} not tolerated", taint_text(*taint));
  }
  return {};
}

std::vector<Exclusion> exclusions(const Node& node, const EffectivePlacement& placement) {
  std::vector<Exclusion> out;
  for (const auto& wanted : *placement.node_selector) {
    // Labels are sorted by key.
    const auto it = std::ranges::lower_bound(node.labels, wanted.key.value, {},
                                             [](const KeyValue& kv) -> const std::string& { return kv.key.value; });
    if (it == node.labels.end() || it->key.value != wanted.key.value) {
      out.push_back({Exclusion::Kind::missing_label, &wanted, nullptr, nullptr});
    } else if (it->value.value != wanted.value.value) {
      out.push_back({Exclusion::Kind::label_differs, &wanted, &*it, nullptr});
    }
  }
  for (const auto& taint : node.taints) {
    if (taint.effect.value == TaintEffect::prefer_no_schedule) continue;
    if (std::ranges::none_of(*placement.tolerations, [&](const Toleration& t) { return tolerates(t, taint); }))
      out.push_back({Exclusion::Kind::untolerated_taint, nullptr, nullptr, &taint});
  }
  return out;
}

namespace {

ComponentPlacement model_component(const RuleContext& context, Component component) {
  const auto& config = context.config;
  const auto placement = context.placement(component);
  ComponentPlacement cp;
  cp.component = component;
  cp.replicas = context.replicas(component);
  cp.anti_affinity = placement.anti_affinity;
  cp.nodes.reserve(config.nodes.size());
  for (const auto& node : config.nodes) {
    cp.nodes.push_back({&node, exclusions(node, placement), {}});
    if (cp.nodes.back().eligible()) ++cp.eligible_count;
  }
  const std::vector<Located<std::string>>* pinned = component == Component::zookeeper    ? &config.zookeeper.nodes
                                                    : component == Component::bookkeeper ? &config.bookkeeper.nodes
                                                                                         : nullptr;
  bool pinned_ok = true;
  if (pinned) {
    for (std::size_t i = 0; i < pinned->size(); ++i) {
      const Node* node = context.find_node((*pinned)[i].value);
      cp.pinned.push_back({i, &(*pinned)[i], node});
      if (!node) {
        pinned_ok = false;
        continue;
      }
      // Index of the node among the declared ones (find_node returns a pointer into config.nodes).
      auto& fit = cp.nodes[static_cast<std::size_t>(node - config.nodes.data())];
      fit.pinned.push_back(i);
      if (!fit.eligible()) pinned_ok = false;
    }
  }
  if (cp.replicas > 0) {
    if (!pinned_ok || cp.eligible_count == 0) {
      cp.verdict = Verdict::unschedulable;
    } else if (!pinned && cp.anti_affinity == AntiAffinity::required &&
               static_cast<std::int64_t>(cp.eligible_count) < cp.replicas) {
      cp.verdict = Verdict::pending;
    }
  }
  return cp;
}

}  // namespace

PlacementModel model_placement(const RuleContext& context) {
  PlacementModel model;
  for (Component component : kAllComponents) model.components.push_back(model_component(context, component));
  return model;
}

std::string_view verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::ok: return "ok";
    case Verdict::pending: return "pending";
    case Verdict::unschedulable: return "unschedulable";
  }
  return "ok";
}

std::string_view anti_affinity_name(AntiAffinity anti_affinity) {
  switch (anti_affinity) {
    case AntiAffinity::required: return "required";
    case AntiAffinity::preferred: return "preferred";
    case AntiAffinity::none: return "none";
  }
  return "none";
}

std::string_view chart_component_name(Component component) {
  return component == Component::manager ? "pulsar_manager" : component_name(component);
}

}  // namespace pulsarc::checker
