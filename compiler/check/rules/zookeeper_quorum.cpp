#include <fmt/format.h>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  const auto& zk = context.config.zookeeper;
  for (const auto& [first, repeat] : repeated_entries(zk.nodes)) {
    auto d = kZookeeperQuorumRule.diagnose(
        zk.nodes[repeat].span,
        fmt::format("zookeeper replicas {} and {} are both on node \"{}\"", first, repeat, zk.nodes[repeat].value),
        "put every ZooKeeper replica on a different node, or losing one node loses the quorum");
    d.notes.push_back({zk.nodes[first].span, fmt::format("\"{}\" is also used here", zk.nodes[first].value)});
    out.push_back(std::move(d));
  }
  if (zk.nodes.size() < 3) {
    out.push_back(kZookeeperQuorumRule.diagnose(
        zk.nodes_span, fmt::format("zookeeper needs at least three replicas, found {}", zk.nodes.size()),
        "list three (or five) distinct nodes in zookeeper.nodes"));
  }
}

}  // namespace

const Rule kZookeeperQuorumRule{
    {"PLS0201", Severity::error, "ZooKeeper needs three replicas on distinct nodes",
     "ZooKeeper keeps Pulsar's metadata with a majority quorum. With fewer than three replicas, or two\n"
     "replicas on one node, a single node failure stops the whole cluster. Replica i is pinned to\n"
     "zookeeper.nodes[i] by its local volume, so the names in that list must be distinct."},
    run};

}  // namespace pulsarc::checker
