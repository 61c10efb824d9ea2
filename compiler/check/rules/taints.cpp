#include <fmt/format.h>

#include "check/rules/rules.hpp"
#include "check/syntax.hpp"

namespace pulsarc::checker {
namespace {

void check_tolerations(const std::vector<Toleration>& tolerations, std::string_view where, Diagnostics& out) {
  for (const auto& t : tolerations) {
    const bool exists = t.op.value == TolerationOperator::exists;
    if (exists && t.value && !t.value->value.empty()) {
      out.push_back(kTaintsRule.diagnose(t.value->span, fmt::format("{}: operator Exists takes no value", where),
                                         "remove `value`, or use operator = \"Equal\""));
    }
    if (!exists && (!t.key || t.key->value.empty())) {
      out.push_back(kTaintsRule.diagnose(t.span,
                                         fmt::format("{}: a toleration without a key must use operator Exists", where),
                                         "add `key = …`, or set operator = \"Exists\" to tolerate every taint"));
    }
    if (!exists && t.value && !is_label_value(t.value->value)) {
      // Kubernetes validates it like a label value and refuses the pod; it also reaches values.yaml.
      out.push_back(kTaintsRule.diagnose(
          t.value->span, fmt::format("{}: \"{}\" is not a valid toleration value", where, t.value->value),
          "toleration values follow the label value syntax: at most 63 of [A-Za-z0-9-_.]"));
    }
    if (t.key && !t.key->value.empty() && !is_label_key(t.key->value)) {
      out.push_back(
          kTaintsRule.diagnose(t.key->span, fmt::format("{}: \"{}\" is not a valid taint key", where, t.key->value),
                               "taint keys follow the label key syntax, e.g. \"dedicated\" or \"example.com/role\""));
    }
  }
}

void run(const RuleContext& context, Diagnostics& out) {
  const auto& c = context.config;
  for (const auto& node : c.nodes) {
    for (const auto& taint : node.taints) {
      if (!is_label_key(taint.key.value)) {
        out.push_back(kTaintsRule.diagnose(taint.key.span,
                                           fmt::format("\"{}\" is not a valid taint key", taint.key.value),
                                           "taint keys follow the label key syntax, e.g. \"dedicated\""));
      }
      if (taint.value && !is_label_value(taint.value->value)) {
        out.push_back(kTaintsRule.diagnose(taint.value->span,
                                           fmt::format("\"{}\" is not a valid taint value", taint.value->value),
                                           "taint values follow the label value syntax: at most 63 of [A-Za-z0-9-_.]"));
      }
    }
  }
  check_tolerations(c.scheduling.tolerations, "scheduling.tolerations", out);
  for (Component component : kAllComponents) {
    const auto& own = context.own_placement(component);
    if (own.tolerations)
      check_tolerations(*own.tolerations, fmt::format("{}.tolerations", component_name(component)), out);
  }
}

}  // namespace

const Rule kTaintsRule{{"PLS0103", Severity::error, "taints and tolerations must be well formed",
                        "Taint keys and values follow the label syntax. A toleration with operator Exists matches any\n"
                        "value and so takes none; a toleration without a key must use Exists (it then tolerates every\n"
                        "taint). Kubernetes rejects anything else when the pod is created, long after the install."},
                       run};

}  // namespace pulsarc::checker
