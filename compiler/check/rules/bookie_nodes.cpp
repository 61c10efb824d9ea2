#include <fmt/format.h>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  const auto& bk = context.config.bookkeeper;
  if (bk.nodes.empty()) {
    out.push_back(kBookieNodesRule.diagnose(bk.nodes_span, "bookkeeper needs at least one bookie",
                                            "list the bookies' nodes in bookkeeper.nodes"));
  }
  for (const auto& [first, repeat] : repeated_entries(bk.nodes)) {
    auto d = kBookieNodesRule.diagnose(
        bk.nodes[repeat].span,
        fmt::format("bookies {} and {} are both on node \"{}\"", first, repeat, bk.nodes[repeat].value),
        "put every bookie on a different node: two bookies there would share one journal and ledgers directory");
    d.notes.push_back({bk.nodes[first].span, fmt::format("\"{}\" is also used here", bk.nodes[first].value)});
    out.push_back(std::move(d));
  }
}

}  // namespace

const Rule kBookieNodesRule{
    {"PLS0301", Severity::error, "bookies must be on distinct nodes",
     "Bookie i is pinned to bookkeeper.nodes[i] through its journal and ledgers volumes. Two bookies\n"
     "on one node would get the same host directories (and the chart's required anti-affinity would\n"
     "leave one Pending), so the list must not repeat a node."},
    run};

}  // namespace pulsarc::checker
