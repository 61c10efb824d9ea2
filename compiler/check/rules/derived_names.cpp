#include <fmt/format.h>

#include "chart/names.hpp"
#include "check/rules/rules.hpp"
#include "check/syntax.hpp"

namespace pulsarc::checker {
namespace {

void run(const RuleContext& context, Diagnostics& out) {
  const auto& c = context.config;
  const auto& release = c.cluster.release;
  if (!is_dns1123_label(release.value)) return;  // reported by PLS0101
  const auto full = names::fullname(release.value);
  // "recovery" and "zookeeper" are the longest StatefulSet suffixes the chart adds.
  for (std::string_view component : {"zookeeper", "bookie", "broker", "proxy", "recovery", "toolset"}) {
    const auto sts = fmt::format("{}-{}", full, component);
    if (sts.size() > 52) {
      out.push_back(kDerivedNamesRule.diagnose(
          release.span, fmt::format("StatefulSet name \"{}\" is {} characters, more than 52", sts, sts.size()),
          "shorten cluster.release: StatefulSet names over 52 characters break the controller-revision-hash label"));
      break;
    }
  }
  const std::size_t zk = c.zookeeper.nodes.size();
  const std::size_t bookies = c.bookkeeper.nodes.size();
  const auto longest = names::claim(release.value, "bookie", "ledgers", std::max<std::size_t>(bookies, 1) - 1);
  if (longest.size() > 253 ||
      names::claim(release.value, "zookeeper", c.zookeeper.datalog ? "datalog" : "data", zk).size() > 253) {
    out.push_back(kDerivedNamesRule.diagnose(release.span, "derived PersistentVolume names exceed 253 characters",
                                             "shorten cluster.release"));
  }
  for (const auto& node : c.nodes) {
    if (node.name.value.size() > 63 && is_dns1123_subdomain(node.name.value)) {
      out.push_back(kDerivedNamesRule.diagnose(
          node.name.span, fmt::format("node name \"{}\" is longer than 63 characters", node.name.value),
          "local volumes pin to the kubernetes.io/hostname label, whose value is at most 63 characters"));
    }
  }
}

}  // namespace

const Rule kDerivedNamesRule{
    {"PLS0107", Severity::error, "derived names must fit Kubernetes limits",
     "pulsarc and the chart derive names from cluster.release: StatefulSets `<F>-zookeeper` etc. (at\n"
     "most 52 characters, or the controller-revision-hash label overflows and pods never start),\n"
     "PersistentVolumes `<F>-bookie-ledgers-<F>-bookie-<i>` (at most 253), and the hostname label of\n"
     "each node (at most 63). F is the release, or `<release>-pulsar` if it lacks \"pulsar\"."},
    run};

}  // namespace pulsarc::checker
