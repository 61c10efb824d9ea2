#include <algorithm>
#include <unordered_map>

#include "chart/common.hpp"
#include "check/rule.hpp"

namespace pulsarc::checker {

RuleContext::RuleContext(const Config& config_, const ReferencedFiles& files_, const CheckOptions& options_)
    : config(config_), files(files_), options(options_), chart_(chart::find_profile(config_.chart.version.value)) {
  nodes_by_name_.reserve(config.nodes.size());
  for (const auto& node : config.nodes) nodes_by_name_.emplace_back(node.name.value, &node);
  // Stable: with duplicate names the first declaration wins (the duplicate itself is reported).
  std::ranges::stable_sort(nodes_by_name_, {}, &std::pair<std::string_view, const Node*>::first);
}

const Node* RuleContext::find_node(std::string_view name) const {
  const auto it = std::ranges::lower_bound(nodes_by_name_, name, {}, &std::pair<std::string_view, const Node*>::first);
  return it != nodes_by_name_.end() && it->first == name ? it->second : nullptr;
}

const Placement& RuleContext::own_placement(Component component) const {
  switch (component) {
    case Component::zookeeper: return config.zookeeper.placement;
    case Component::bookkeeper: return config.bookkeeper.placement;
    case Component::broker: return config.broker.placement;
    case Component::proxy: return config.proxy.placement;
    case Component::autorecovery: return config.autorecovery.placement;
    case Component::toolset: return config.toolset.placement;
    case Component::manager: return config.manager.placement;
  }
  return config.broker.placement;
}

EffectivePlacement RuleContext::placement(Component component) const {
  const Placement& own = own_placement(component);
  EffectivePlacement p;
  if (own.node_selector) {
    p.node_selector = &*own.node_selector;
    p.node_selector_span = own.node_selector_span;
  } else {
    p.node_selector = &config.scheduling.node_selector;
    p.node_selector_span = config.scheduling.node_selector_span;
  }
  if (own.tolerations) {
    p.tolerations = &*own.tolerations;
    p.tolerations_span = own.tolerations_span;
  } else {
    p.tolerations = &config.scheduling.tolerations;
    p.tolerations_span = config.scheduling.tolerations_span;
  }
  p.anti_affinity_required = chart::anti_affinity(component) == chart::AntiAffinity::required &&
                             (!own.anti_affinity || own.anti_affinity->value);
  return p;
}

std::int64_t RuleContext::replicas(Component component) const {
  switch (component) {
    case Component::zookeeper: return static_cast<std::int64_t>(config.zookeeper.nodes.size());
    case Component::bookkeeper: return static_cast<std::int64_t>(config.bookkeeper.nodes.size());
    case Component::broker: return config.broker.replicas.value;
    case Component::proxy: return config.proxy.replicas.value;
    case Component::autorecovery: return config.autorecovery.replicas.value;
    case Component::toolset: return config.toolset.replicas.value;
    case Component::manager: return config.manager.enabled.value ? 1 : 0;
  }
  return 0;
}

std::string_view component_name(Component component) {
  switch (component) {
    case Component::zookeeper: return "zookeeper";
    case Component::bookkeeper: return "bookkeeper";
    case Component::broker: return "broker";
    case Component::proxy: return "proxy";
    case Component::autorecovery: return "autorecovery";
    case Component::toolset: return "toolset";
    case Component::manager: return "manager";
  }
  return "component";
}

const crypto::KeyLoad* RuleContext::signing_key() const {
  if (!signing_key_) {
    const auto& auth = config.auth;
    const bool asymmetric = auth.jwt.value == JwtMode::asymmetric;
    const auto& path = asymmetric ? auth.private_key : auth.secret_key;
    const auto it = path ? files.find(path->value) : files.end();
    if (auth.jwt.value == JwtMode::off || it == files.end() || !it->second.bytes) {
      signing_key_.emplace(std::nullopt);
    } else {
      signing_key_.emplace(asymmetric ? crypto::load_rsa_private_key(*it->second.bytes)
                                      : crypto::load_secret_key(*it->second.bytes));
    }
  }
  return signing_key_->has_value() ? &**signing_key_ : nullptr;
}

std::vector<std::pair<std::size_t, std::size_t>> repeated_entries(const std::vector<Located<std::string>>& list) {
  std::vector<std::pair<std::size_t, std::size_t>> repeats;
  std::unordered_map<std::string_view, std::size_t> first_index;  // linear: bookie lists can be long
  first_index.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto [it, inserted] = first_index.emplace(list[i].value, i);
    if (!inserted) repeats.emplace_back(it->second, i);
  }
  return repeats;
}

namespace {

void walk(const FreeValue& table, std::vector<std::string_view>& path, const ChartValueVisitor& visit) {
  for (const auto& [key, value] : table.entries) {
    path.push_back(key.value);
    if (visit(path, key, value) && value.kind == FreeValue::Kind::table) walk(value, path, visit);
    path.pop_back();
  }
}

}  // namespace

void walk_chart_values(const FreeValue& table, const ChartValueVisitor& visit) {
  std::vector<std::string_view> path;
  walk(table, path, visit);
}

bool tolerates(const Toleration& toleration, const Taint& taint) {
  if (toleration.effect && toleration.effect->value != taint.effect.value) return false;
  if (!toleration.key || toleration.key->value.empty()) {
    return toleration.op.value == TolerationOperator::exists;  // empty key + Exists matches every taint
  }
  if (toleration.key->value != taint.key.value) return false;
  if (toleration.op.value == TolerationOperator::exists) return true;
  const std::string_view wanted = toleration.value ? std::string_view(toleration.value->value) : "";
  const std::string_view actual = taint.value ? std::string_view(taint.value->value) : "";
  return wanted == actual;
}

bool is_eligible(const Node& node, const EffectivePlacement& placement) {
  for (const auto& wanted : *placement.node_selector) {
    const auto it = std::ranges::find(node.labels, wanted.key.value,
                                      [](const KeyValue& kv) -> const std::string& { return kv.key.value; });
    if (it == node.labels.end() || it->value.value != wanted.value.value) return false;
  }
  for (const auto& taint : node.taints) {
    if (taint.effect.value == TaintEffect::prefer_no_schedule) continue;
    if (std::ranges::none_of(*placement.tolerations, [&](const Toleration& t) { return tolerates(t, taint); })) {
      return false;
    }
  }
  return true;
}

}  // namespace pulsarc::checker
