#include <fmt/format.h>

#include "lower/names.hpp"
#include "lower/parts.hpp"

namespace pulsarc::lowering {

using yaml::Node;

Node common_labels(const Config& config) {
  Node labels = Node::map();
  labels.set("app.kubernetes.io/managed-by", Node::str("pulsarc"));
  labels.set("app.kubernetes.io/instance", Node::str(config.cluster.release.value));
  return labels;
}

Node object(std::string_view api_version, std::string_view kind, std::string name, const Config& config,
            bool namespaced) {
  Node doc = Node::map();
  doc.set("apiVersion", Node::str(std::string(api_version)));
  doc.set("kind", Node::str(std::string(kind)));
  Node& metadata = doc.set("metadata", Node::map());
  metadata.set("name", Node::str(std::move(name)));
  if (namespaced) metadata.set("namespace", Node::str(config.cluster.namespace_.value));
  metadata.set("labels", common_labels(config));
  return doc;
}

std::string image_repository(const Config& config, const std::string& repository) {
  if (!config.images.registry) return repository;
  return fmt::format("{}/{}", config.images.registry->value, repository);
}

ImageRef pulsar_image(const Config& config) {
  if (config.images.pulsar) return config.images.pulsar->value;
  return ImageRef{"apachepulsar/pulsar-all:2.7.4", "apachepulsar/pulsar-all", "2.7.4"};
}

ImageRef manager_image(const Config& config) {
  if (config.images.manager) return config.images.manager->value;
  return ImageRef{"apachepulsar/pulsar-manager:v0.1.0", "apachepulsar/pulsar-manager", "v0.1.0"};
}

std::vector<ManifestFile> cluster_objects(const Config& config) {
  std::vector<ManifestFile> files;
  files.push_back(
      {"namespace.yaml", FileKind::yaml, {object("v1", "Namespace", config.cluster.namespace_.value, config, false)}});

  Node storage_class = object("storage.k8s.io/v1", "StorageClass", config.storage.class_name.value, config, false);
  storage_class.set("provisioner", Node::str("kubernetes.io/no-provisioner"));
  storage_class.set("reclaimPolicy",
                    Node::str(config.storage.reclaim_policy.value == ReclaimPolicy::retain ? "Retain" : "Delete"));
  // Binding waits for the pod, so the scheduler honours the pod's constraints and the PV's node.
  storage_class.set("volumeBindingMode", Node::str("WaitForFirstConsumer"));
  files.push_back({"storageclass.yaml", FileKind::yaml, {std::move(storage_class)}});
  return files;
}

namespace {

ManifestFile local_volume(const Config& config, const std::string& claim, std::string_view component,
                          const Volume& volume, const std::string& node) {
  Node pv = object("v1", "PersistentVolume", claim, config, false);
  pv.at("metadata").at("labels").set("app.kubernetes.io/component", Node::str(std::string(component)));
  Node& spec = pv.set("spec", Node::map());
  spec.set("accessModes", Node::seq()).push(Node::str("ReadWriteOnce"));
  spec.set("capacity", Node::map()).set("storage", Node::str(volume.size.value));
  Node& claim_ref = spec.set("claimRef", Node::map());
  claim_ref.set("name", Node::str(claim));
  claim_ref.set("namespace", Node::str(config.cluster.namespace_.value));
  spec.set("local", Node::map()).set("path", Node::str(volume.path.value));
  Node expression = Node::map();
  expression.set("key", Node::str("kubernetes.io/hostname"));
  expression.set("operator", Node::str("In"));
  expression.set("values", Node::seq()).push(Node::str(node));
  Node term = Node::map();
  term.set("matchExpressions", Node::seq()).push(std::move(expression));
  spec.set("nodeAffinity", Node::map())
      .set("required", Node::map())
      .set("nodeSelectorTerms", Node::seq())
      .push(std::move(term));
  spec.set("persistentVolumeReclaimPolicy",
           Node::str(config.storage.reclaim_policy.value == ReclaimPolicy::retain ? "Retain" : "Delete"));
  spec.set("storageClassName", Node::str(config.storage.class_name.value));
  spec.set("volumeMode", Node::str("Filesystem"));
  return {fmt::format("persistentvolumes/{}.yaml", claim), FileKind::yaml, {std::move(pv)}};
}

}  // namespace

std::vector<ManifestFile> persistent_volumes(const Config& config) {
  std::vector<ManifestFile> files;
  const auto& release = config.cluster.release.value;
  for (std::size_t i = 0; i < config.zookeeper.nodes.size(); ++i) {
    files.push_back(local_volume(config, names::zookeeper_data_claim(release, i), "zookeeper", config.zookeeper.data,
                                 config.zookeeper.nodes[i].value));
  }
  for (std::size_t i = 0; i < config.bookkeeper.nodes.size(); ++i) {
    const auto& node = config.bookkeeper.nodes[i].value;
    files.push_back(
        local_volume(config, names::bookie_claim(release, "journal", i), "bookie", config.bookkeeper.journal, node));
    files.push_back(
        local_volume(config, names::bookie_claim(release, "ledgers", i), "bookie", config.bookkeeper.ledgers, node));
  }
  return files;
}

bool replaces_chart_pdbs(const Config& config) {
  // Chart 2.7.7 hard-codes policy/v1beta1, which Kubernetes 1.25 removed; a release that stored
  // such objects cannot be upgraded once the cluster reaches 1.25, so replace them from 1.21 on.
  return config.chart.version.value == "2.7.7" && config.cluster.kubernetes_minor.value >= 21;
}

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
    files.push_back({fmt::format("poddisruptionbudgets/{}.yaml", name), FileKind::yaml, {std::move(pdb)}});
  }
  return files;
}

}  // namespace pulsarc::lowering
