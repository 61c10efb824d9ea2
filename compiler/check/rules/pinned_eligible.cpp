#include <fmt/format.h>

#include <algorithm>

#include "check/rules/rules.hpp"
#include "pulsarc/spelling.hpp"

namespace pulsarc::checker {
namespace {

void check_pinned(const RuleContext& context, Component component, const std::vector<Located<std::string>>& pinned,
                  Diagnostics& out) {
  const auto placement = context.placement(component);
  const auto name = component_name(component);
  for (std::size_t i = 0; i < pinned.size(); ++i) {
    const Node* node = context.find_node(pinned[i].value);
    if (!node) continue;  // PLS0111
    for (const auto& wanted : *placement.node_selector) {
      const auto it =
          std::ranges::find_if(node->labels, [&](const KeyValue& kv) { return kv.key.value == wanted.key.value; });
      if (it != node->labels.end() && it->value.value == wanted.value.value) continue;
      auto d = kPinnedEligibleRule.diagnose(
          pinned[i].span,
          fmt::format("{} replica {} is pinned to node \"{}\", which lacks the label {}={}", name, i, node->name.value,
                      wanted.key.value, wanted.value.value),
          fmt::format("add {} = \"{}\" to the labels of node \"{}\"", wanted.key.value, wanted.value.value,
                      node->name.value));
      d.notes.push_back({wanted.key.span, "the node selector requires it here"});
      d.notes.push_back({node->name.span, "the node is declared here"});
      out.push_back(std::move(d));
    }
    for (const auto& taint : node->taints) {
      if (taint.effect.value == TaintEffect::prefer_no_schedule) continue;
      if (std::ranges::any_of(*placement.tolerations, [&](const Toleration& t) { return tolerates(t, taint); }))
        continue;
      const std::string taint_text =
          fmt::format("{}{}{}:{}", taint.key.value, taint.value ? "=" : "",
                      taint.value ? taint.value->value : std::string(), spell(taint.effect.value));
      auto d = kPinnedEligibleRule.diagnose(
          pinned[i].span,
          fmt::format("{} replica {} is pinned to node \"{}\", whose taint {} it does not tolerate", name, i,
                      node->name.value, taint_text),
          // A taint without a value is tolerated idiomatically with Exists, not Equal "".
          taint.value
              ? fmt::format("add {{ key = \"{}\", operator = \"Equal\", value = \"{}\", effect = \"{}\" }} to the "
                            "tolerations",
                            taint.key.value, taint.value->value, spell(taint.effect.value))
              : fmt::format("add {{ key = \"{}\", operator = \"Exists\", effect = \"{}\" }} to the tolerations",
                            taint.key.value, spell(taint.effect.value)));
      d.notes.push_back({taint.span, "the taint is declared here"});
      if (placement.tolerations_span.known())
        d.notes.push_back({placement.tolerations_span, "the tolerations in effect"});
      out.push_back(std::move(d));
    }
  }
}

void run(const RuleContext& context, Diagnostics& out) {
  check_pinned(context, Component::zookeeper, context.config.zookeeper.nodes, out);
  check_pinned(context, Component::bookkeeper, context.config.bookkeeper.nodes, out);
}

}  // namespace

const Rule kPinnedEligibleRule{
    {"PLS0501", Severity::error, "pinned replicas must be schedulable on their node",
     "A ZooKeeper replica or bookie is bound to its node by a local PersistentVolume. The node must\n"
     "carry every label of the component's node selector, and the component must tolerate each of\n"
     "the node's NoSchedule and NoExecute taints; otherwise the pod stays Pending forever."},
    run};

}  // namespace pulsarc::checker
