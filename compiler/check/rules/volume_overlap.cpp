#include <fmt/format.h>

#include <algorithm>

#include "check/paths.hpp"
#include "check/rules/rules.hpp"
#include "check/syntax.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  const auto& c = context.config;
  // Journal vs ledgers of one bookie is PLS0302; here: a ZooKeeper volume against a bookie volume.
  std::vector<std::string_view> shared;
  for (const auto& zk : c.zookeeper.nodes) {
    const bool bookie_too = std::ranges::any_of(c.bookkeeper.nodes, [&](const auto& b) { return b.value == zk.value; });
    if (bookie_too && std::ranges::find(shared, zk.value) == shared.end()) shared.push_back(zk.value);
  }
  // A malformed path (PLS0106) would overlap everything, e.g. "" or "/": no cascade of errors.
  if (shared.empty() || !is_normalised_absolute_path(c.zookeeper.data.path.value)) return;
  std::string nodes;
  for (auto n : shared) nodes += fmt::format("{}\"{}\"", nodes.empty() ? "" : ", ", n);
  for (const Volume* bookie_volume : {&c.bookkeeper.journal, &c.bookkeeper.ledgers}) {
    if (!is_normalised_absolute_path(bookie_volume->path.value)) continue;
    if (!paths_overlap(c.zookeeper.data.path.value, bookie_volume->path.value)) continue;
    const bool same = c.zookeeper.data.path.value == bookie_volume->path.value;
    auto d = kVolumeOverlapRule.diagnose(
        c.zookeeper.data.path.span,
        fmt::format("zookeeper data {} a bookie volume on node{} {}", same ? "uses the same path as" : "is nested with",
                    shared.size() > 1 ? "s" : "", nodes),
        "give every volume on a node its own directory, e.g. /data/zookeeper and /data/bookkeeper/journal");
    d.notes.push_back({bookie_volume->path.span, "the bookie volume's path"});
    out.push_back(std::move(d));
  }
}

}  // namespace

const Rule kVolumeOverlapRule{
    {"PLS0401", Severity::error, "volumes on one node must not share or nest paths",
     "Local PersistentVolumes are plain directories on the node. When a ZooKeeper data path equals a\n"
     "bookie journal or ledgers path on a node that hosts both (or one contains the other), the two\n"
     "services write into the same files and corrupt each other."},
    run};

}  // namespace pulsarc::checker
