#include <fmt/format.h>

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
  const auto chart_default = chart::anti_affinity(component);
  const bool enabled = !own.anti_affinity || own.anti_affinity->value;
  p.anti_affinity = enabled ? chart_default : AntiAffinity::none;
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
  // Decoded on first use when the caller did not decode it already: most rules never ask.
  if (!signing_key_) {
    signing_key_ = options.signing_key ? options.signing_key : crypto::load_signing_key(config, files);
  }
  return signing_key_->get();
}

bool RuleContext::profile_defaulted() const {
  // The parser gives a defaulted value the span of its enclosing table.
  return !config.cluster.profile.span.known() || config.cluster.profile.span == config.cluster.span;
}

std::string RuleContext::production_help(std::string_view help) const {
  if (!profile_defaulted()) return std::string(help);
  return fmt::format(
      "{}; or, for a test or development cluster, add profile = \"test\" to [cluster] (production is the "
      "default): the test profile lets ZooKeeper, bookies, brokers and proxies share nodes and allows JWT off and "
      "fewer than 3 bookies, giving up the isolation and fault tolerance production needs",
      help);
}

Span RuleContext::component_span(Component component) const {
  switch (component) {
    case Component::zookeeper: return config.zookeeper.span;
    case Component::bookkeeper: return config.bookkeeper.span;
    case Component::broker: return config.broker.span;
    case Component::proxy: return config.proxy.span;
    case Component::autorecovery: return config.autorecovery.span;
    case Component::toolset: return config.toolset.span;
    case Component::manager: return config.manager.span;
  }
  return {};
}

void add_capped_notes(Diagnostic& diagnostic, std::vector<Label> notes) {
  if (notes.size() <= kMaxNodeNotes) {
    for (auto& note : notes) diagnostic.notes.push_back(std::move(note));
    return;
  }
  const std::size_t rest = notes.size() - kMaxNodeNotes;
  notes.resize(kMaxNodeNotes);
  notes.back().message +=
      fmt::format(" (and {} more node{}: `pulsarc placement` lists them all)", rest, rest == 1 ? "" : "s");
  for (auto& note : notes) diagnostic.notes.push_back(std::move(note));
}

const PlacementModel& RuleContext::placement_model() const {
  if (!placement_model_) placement_model_ = std::make_shared<const PlacementModel>(model_placement(*this));
  return *placement_model_;
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
  return exclusions(node, placement).empty();  // one definition of eligibility: check/placement.cpp
}

}  // namespace pulsarc::checker
