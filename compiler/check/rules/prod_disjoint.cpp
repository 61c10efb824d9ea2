// PLS0601: one error for the overlap of the two node lists, at the first shared bookie entry,
// with the ZooKeeper entries on the same nodes as notes.
#include <fmt/format.h>

#include <unordered_map>

#include "check/rules/rules.hpp"

namespace pulsarc::checker {

extern const Rule kProdDisjointRule;

namespace {

void run(const RuleContext& context, Diagnostics& out) {
  if (!context.production()) return;
  const auto& c = context.config;
  std::unordered_map<std::string_view, const Located<std::string>*> zookeeper;  // bookie lists can be long
  for (const auto& z : c.zookeeper.nodes) zookeeper.emplace(z.value, &z);
  std::vector<std::pair<const Located<std::string>*, const Located<std::string>*>> shared;
  for (const auto& bookie : c.bookkeeper.nodes) {
    const auto it = zookeeper.find(bookie.value);
    if (it != zookeeper.end()) shared.emplace_back(&bookie, it->second);
  }
  if (shared.empty()) return;
  std::string names;
  for (std::size_t i = 0; i < shared.size() && i < kMaxNodeNotes; ++i)
    names += fmt::format("{}\"{}\"", i ? ", " : "", shared[i].first->value);
  if (shared.size() > kMaxNodeNotes) names += fmt::format(" and {} more", shared.size() - kMaxNodeNotes);
  auto d = kProdDisjointRule.diagnose(
      shared.front().first->span,
      shared.size() == 1 ? fmt::format("node {} runs both a bookie and a ZooKeeper replica", names)
                         : fmt::format("{} nodes run both a bookie and a ZooKeeper replica: {}", shared.size(), names),
      context.production_help("in the production profile give ZooKeeper and the bookies separate nodes"));
  std::vector<Label> notes;
  for (const auto& [bookie, zk] : shared)
    notes.push_back({zk->span, fmt::format("ZooKeeper is also pinned to \"{}\" here", zk->value)});
  add_capped_notes(d, std::move(notes));
  out.push_back(std::move(d));
}

}  // namespace

const Rule kProdDisjointRule{
    {"PLS0601", Severity::error, "production: ZooKeeper and bookies on disjoint nodes",
     "A bookie's journal writes (fsync-heavy) slow down ZooKeeper's own fsyncs on a shared node, and\n"
     "losing the node loses a ZooKeeper vote and a bookie at once. The production profile therefore\n"
     "requires separate nodes; the test profile allows sharing. Reported once, at the first shared\n"
     "bookie, with the ZooKeeper entries on the same nodes as notes."},
    run};

}  // namespace pulsarc::checker
