#include <fmt/format.h>

#include "check/rules/rules.hpp"
#include "check/syntax.hpp"

namespace pulsarc::checker {
namespace {

void check_map(const std::vector<KeyValue>& map, std::string_view where, Diagnostics& out) {
  for (const auto& kv : map) {
    if (!is_label_key(kv.key.value)) {
      out.push_back(kLabelsRule.diagnose(kv.key.span,
                                         fmt::format("{}: \"{}\" is not a valid label key", where, kv.key.value),
                                         "a label key is an optional DNS subdomain prefix and '/', then at most 63 "
                                         "characters [A-Za-z0-9-_.] starting and ending alphanumeric"));
    }
    if (!is_label_value(kv.value.value)) {
      out.push_back(kLabelsRule.diagnose(kv.value.span,
                                         fmt::format("{}: \"{}\" is not a valid label value", where, kv.value.value),
                                         "a label value is empty or at most 63 characters [A-Za-z0-9-_.], starting "
                                         "and ending alphanumeric"));
    }
  }
}

void run(const RuleContext& context, Diagnostics& out) {
  const auto& c = context.config;
  for (const auto& node : c.nodes) check_map(node.labels, fmt::format("labels of node \"{}\"", node.name.value), out);
  check_map(c.scheduling.node_selector, "scheduling.node_selector", out);
  for (Component component : kAllComponents) {
    const auto& own = context.own_placement(component);
    if (own.node_selector)
      check_map(*own.node_selector, fmt::format("{}.node_selector", component_name(component)), out);
  }
}

}  // namespace

const Rule kLabelsRule{
    {"PLS0102", Severity::error, "node labels and node selectors must be valid Kubernetes labels",
     "Node labels are applied with `kubectl label` and node selectors are matched against them.\n"
     "Keys are `[prefix/]name` (prefix a DNS subdomain, name at most 63 characters of [A-Za-z0-9-_.]\n"
     "starting and ending alphanumeric); values are empty or follow the same rule as the name."},
    run};

}  // namespace pulsarc::checker
