#include <fmt/format.h>

#include "check/rules/rules.hpp"
#include "check/syntax.hpp"

namespace pulsarc::checker {
namespace {

/// True when the number before the suffix has a non-zero digit ("0Gi" and "0.0" are zero, "0.5" is not).
bool is_nonzero_number(std::string_view text) {
  const auto number = text.substr(0, text.find_first_not_of("+-0123456789."));
  return number.find_first_of("123456789") != std::string_view::npos;
}

void check_quantity(const Located<std::string>& q, std::string_view what, Diagnostics& out) {
  if (is_quantity(q.value) && q.value.front() != '-' && is_nonzero_number(q.value)) return;
  out.push_back(kQuantitiesRule.diagnose(q.span,
                                         fmt::format("{} \"{}\" is not a positive Kubernetes quantity", what, q.value),
                                         "write a number with an optional suffix, e.g. \"20Gi\", \"500Mi\", \"500m\""));
}

void run(const RuleContext& context, Diagnostics& out) {
  const auto& c = context.config;
  check_quantity(c.zookeeper.data.size, "zookeeper.data.size", out);
  check_quantity(c.bookkeeper.journal.size, "bookkeeper.journal.size", out);
  check_quantity(c.bookkeeper.ledgers.size, "bookkeeper.ledgers.size", out);
  for (Component component : kAllComponents) {
    const auto& resources = context.own_placement(component).resources;
    if (!resources) continue;
    const auto name = component_name(component);
    if (resources->cpu) check_quantity(*resources->cpu, fmt::format("{}.resources.cpu", name), out);
    if (resources->memory) check_quantity(*resources->memory, fmt::format("{}.resources.memory", name), out);
  }
}

}  // namespace

const Rule kQuantitiesRule{
    {"PLS0105", Severity::error, "sizes and resource requests must be Kubernetes quantities",
     "Volume sizes and resource requests are Kubernetes quantities: a positive number with an optional\n"
     "binary (Ki, Mi, Gi, Ti, Pi, Ei), decimal (m, k, M, G, T, P, E) or exponent suffix, e.g. \"20Gi\".\n"
     "A PersistentVolume with a malformed capacity is refused by the API server."},
    run};

}  // namespace pulsarc::checker
