#include <fmt/format.h>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  const auto& zk = context.config.zookeeper;
  if (zk.nodes.size() < 4 || zk.nodes.size() % 2 != 0) return;
  out.push_back(kZookeeperEvenRule.diagnose(
      zk.nodes_span,
      fmt::format("{} zookeeper replicas tolerate no more failures than {}", zk.nodes.size(), zk.nodes.size() - 1),
      fmt::format("use {} or {} replicas", zk.nodes.size() - 1, zk.nodes.size() + 1)));
}

}  // namespace

const Rule kZookeeperEvenRule{
    {"PLS0202", Severity::warning, "an even ZooKeeper ensemble adds no fault tolerance",
     "A quorum is a strict majority: 4 replicas survive one failure, like 3, and 6 survive two, like\n"
     "5. The extra replica costs a node and makes every write wait for one more acknowledgement."},
    run};

}  // namespace pulsarc::checker
