#include <fmt/format.h>

#include <algorithm>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  if (!context.production()) return;
  const auto& c = context.config;
  for (const auto& bookie : c.bookkeeper.nodes) {
    const auto zk = std::ranges::find_if(c.zookeeper.nodes, [&](const auto& z) { return z.value == bookie.value; });
    if (zk == c.zookeeper.nodes.end()) continue;
    auto d = kProdDisjointRule.diagnose(
        bookie.span, fmt::format("node \"{}\" runs both a bookie and a ZooKeeper replica", bookie.value),
        "in the production profile give ZooKeeper and the bookies separate nodes (or set cluster.profile = \"test\")");
    d.notes.push_back({zk->span, "the ZooKeeper replica is pinned here"});
    out.push_back(std::move(d));
  }
}

}  // namespace

const Rule kProdDisjointRule{
    {"PLS0601", Severity::error, "production: ZooKeeper and bookies on disjoint nodes",
     "A bookie's journal writes (fsync-heavy) slow down ZooKeeper's own fsyncs on a shared node, and\n"
     "losing the node loses a ZooKeeper vote and a bookie at once. The production profile therefore\n"
     "requires separate nodes; the test profile allows sharing."},
    run};

}  // namespace pulsarc::checker
