#include <fmt/format.h>

#include "lower/parts.hpp"
#include "pulsarc/spelling.hpp"

namespace pulsarc::lowering {

using chart::object;
using yaml::Node;

std::vector<ManifestFile> cluster_objects(const Config& config) {
  std::vector<ManifestFile> files;
  files.push_back(
      yaml_file("namespace.yaml", object("v1", "Namespace", config.cluster.namespace_.value, config, false)));

  Node storage_class = object("storage.k8s.io/v1", "StorageClass", config.storage.class_name.value, config, false);
  storage_class.set("provisioner", Node::str("kubernetes.io/no-provisioner"));
  storage_class.set("reclaimPolicy", Node::str(std::string(spell(config.storage.reclaim_policy.value))));
  // Binding waits for the pod, so the scheduler honours the pod's constraints and the PV's node.
  storage_class.set("volumeBindingMode", Node::str("WaitForFirstConsumer"));
  files.push_back(yaml_file("storageclass.yaml", std::move(storage_class)));
  return files;
}

namespace {

Node local_volume(const Config& config, const chart::LocalClaim& claim) {
  Node pv = object("v1", "PersistentVolume", claim.name, config, false);
  pv.at("metadata").at("labels").set("app.kubernetes.io/component", Node::str(std::string(claim.component)));
  Node& spec = pv.set("spec", Node::map());
  spec.set("accessModes", Node::seq()).push(Node::str("ReadWriteOnce"));
  spec.set("capacity", Node::map()).set("storage", Node::str(claim.volume->size.value));
  Node& claim_ref = spec.set("claimRef", Node::map());
  claim_ref.set("name", Node::str(claim.name));
  claim_ref.set("namespace", Node::str(config.cluster.namespace_.value));
  spec.set("local", Node::map()).set("path", Node::str(claim.volume->path.value));
  Node expression = Node::map();
  expression.set("key", Node::str("kubernetes.io/hostname"));
  expression.set("operator", Node::str("In"));
  expression.set("values", Node::seq()).push(Node::str(claim.node));
  Node term = Node::map();
  term.set("matchExpressions", Node::seq()).push(std::move(expression));
  spec.set("nodeAffinity", Node::map())
      .set("required", Node::map())
      .set("nodeSelectorTerms", Node::seq())
      .push(std::move(term));
  spec.set("persistentVolumeReclaimPolicy", Node::str(std::string(spell(config.storage.reclaim_policy.value))));
  spec.set("storageClassName", Node::str(config.storage.class_name.value));
  spec.set("volumeMode", Node::str("Filesystem"));
  return pv;
}

}  // namespace

std::vector<ManifestFile> persistent_volumes(const Config& config) {
  std::vector<ManifestFile> files;
  for (auto& claim : chart::local_claims(config)) {
    auto path = fmt::format("persistentvolumes/{}.yaml", claim.name);
    files.push_back(deferred_yaml_file(std::move(path),
                                       [&config, claim = std::move(claim)] { return local_volume(config, claim); }));
  }
  return files;
}

}  // namespace pulsarc::lowering
