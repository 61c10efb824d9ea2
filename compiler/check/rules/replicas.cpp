#include <fmt/format.h>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

inline constexpr std::int64_t kMaxReplicas = 10'000;

void run(const RuleContext& context, Diagnostics& out) {
  const auto& c = context.config;
  const std::pair<const Stateless*, std::string_view> components[] = {
      {&c.broker, "broker"}, {&c.proxy, "proxy"}, {&c.autorecovery, "autorecovery"}, {&c.toolset, "toolset"}};
  for (const auto& [component, name] : components) {
    const auto& replicas = component->replicas;
    if (replicas.value >= 0 && replicas.value <= kMaxReplicas) continue;
    out.push_back(kReplicasRule.diagnose(replicas.span,
                                         fmt::format("{}.replicas must be between 0 and {}", name, kMaxReplicas),
                                         "use 0 to turn the component off"));
  }
  if (c.broker.replicas.value == 0) {
    out.push_back(kReplicasRule.diagnose(c.broker.replicas.span, "a Pulsar cluster needs at least one broker",
                                         "set broker.replicas to 1 or more"));
  }
}

}  // namespace

const Rule kReplicasRule{{"PLS0112", Severity::error, "replica counts must be in range",
                          "broker, proxy, autorecovery and toolset replica counts are between 0 (component off) and\n"
                          "10000; a cluster needs at least one broker. ZooKeeper and bookie counts are the lengths of\n"
                          "their `nodes` lists."},
                         run};

}  // namespace pulsarc::checker
