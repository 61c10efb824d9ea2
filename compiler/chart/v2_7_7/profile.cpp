// apache/pulsar-helm-chart 2.7.7 (Pulsar 2.7.4), the seed tutorial's chart. Facts:
// docs/chart-2.7.7.md.
#include <fmt/format.h>

#include "chart/common.hpp"
#include "chart/names.hpp"
#include "chart/v2_7_7/parts.hpp"

namespace pulsarc::chart::v2_7_7 {
namespace {

using yaml::Node;

constexpr ChartKey kKeys[] = {
#include "chart/v2_7_7/keys.inc"
};

std::vector<ManifestFile> disruption_budgets(const Config& config) {
  std::vector<ManifestFile> files;
  if (!replaces_chart_pdbs(config)) return files;
  const auto full = names::fullname(config.cluster.release.value);
  const std::pair<std::string_view, std::int64_t> components[] = {
      {"zookeeper", static_cast<std::int64_t>(config.zookeeper.nodes.size())},
      {"bookie", static_cast<std::int64_t>(config.bookkeeper.nodes.size())},
      {"broker", config.broker.replicas.value},
      {"proxy", config.proxy.replicas.value}};
  for (const auto& [component, replicas] : components) {
    if (replicas <= 0) continue;
    // Not the chart's own name, so that `kubectl apply` never adopts a PDB Helm will delete.
    const auto name = fmt::format("{}-{}-pdb", full, component);
    Node pdb = object("policy/v1", "PodDisruptionBudget", name, config, true);
    Node& spec = pdb.set("spec", Node::map());
    spec.set("maxUnavailable", Node::num(1));
    // The chart's pod labels: app (pulsar.name), release, component.
    Node& match = spec.set("selector", Node::map()).set("matchLabels", Node::map());
    match.set("app", Node::str("pulsar"));
    match.set("component", Node::str(std::string(component)));
    match.set("release", Node::str(config.cluster.release.value));
    files.push_back(yaml_file(fmt::format("poddisruptionbudgets/{}.yaml", name), std::move(pdb)));
  }
  return files;
}

std::vector<ManifestFile> chart_files(const Config& config) {
  auto files = disruption_budgets(config);
  for (auto&& f : post_render(config)) files.push_back(std::move(f));
  return files;
}

SecretData manager_secret(const Config& config, const ManagerCredentials& credentials) {
  // Chart 2.7.7 calls the database credentials "admin" (apache/pulsar-helm-chart#31).
  return {{"PULSAR_MANAGER_ADMIN_PASSWORD", credentials.db_password},
          {"PULSAR_MANAGER_ADMIN_USER", config.manager.database ? config.manager.database->user.value : ""}};
}

}  // namespace

bool replaces_chart_pdbs(const Config& config) {
  // A release that stored policy/v1beta1 PDBs cannot be upgraded once the cluster reaches 1.25,
  // so replace them from 1.21 on, where policy/v1 exists.
  return config.cluster.kubernetes_minor.value >= 21;
}

const Profile kProfile{
    .version = "2.7.7",
    .min_kubernetes_minor = 0,
    .min_helm = "",
    .pulsar_image = "apachepulsar/pulsar-all:2.7.4",
    .manager_image = "apachepulsar/pulsar-manager:v0.1.0",
    .proxy_service_type = ServiceType::load_balancer,
    .zookeeper_datalog = false,
    .manager_role = false,
    .manager_creates_admin = false,
    // The chart's Deployment runs any image the same way (PLS0801 and PLS0802 say which work).
    .manager_tags = {},
    .keys = kKeys,
    .moved_keys = {},
    .upgrades = {},
    .values = values,
    .chart_files = chart_files,
    .manager_secret = manager_secret,
};

}  // namespace pulsarc::chart::v2_7_7
