#include <fmt/format.h>

#include <algorithm>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

void check_list(const RuleContext& context, const std::vector<Toleration>& tolerations, std::string_view where,
                Diagnostics& out) {
  for (const auto& t : tolerations) {
    const bool used = std::ranges::any_of(context.config.nodes, [&](const Node& n) {
      return std::ranges::any_of(n.taints, [&](const Taint& taint) { return tolerates(t, taint); });
    });
    if (used) continue;
    out.push_back(kDeadTolerationRule.diagnose(
        t.span, fmt::format("{}: this toleration matches no taint of any declared node", where),
        "remove it, or check its key, value and effect against the [[nodes]] taints"));
  }
}

void run(const RuleContext& context, Diagnostics& out) {
  if (context.config.nodes.empty()) return;
  check_list(context, context.config.scheduling.tolerations, "scheduling.tolerations", out);
  for (Component component : kAllComponents) {
    const auto& own = context.own_placement(component);
    if (own.tolerations)
      check_list(context, *own.tolerations, fmt::format("{}.tolerations", component_name(component)), out);
  }
}

}  // namespace

const Rule kDeadTolerationRule{
    {"PLS0503", Severity::warning, "a toleration that matches no taint is dead configuration",
     "A toleration only matters if some node has a matching taint. One that matches none usually\n"
     "means a typo in its key, value or effect, so the taint it was meant for is still untolerated."},
    run};

}  // namespace pulsarc::checker
