// Node preparation (spec §5): every host path of a local volume exists on its node, owned by the
// user the Pulsar image runs as, before the chart's pods start. One Job per node, pinned with
// nodeName (no scheduling, so no selector to satisfy) and tolerating every taint (a NoExecute
// taint would evict it otherwise); the kubelet creates the paths (hostPath DirectoryOrCreate) and
// the container only hands them to the image's user. install.sh waits for the Jobs and deletes
// them, so nothing is left running.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "chart/names.hpp"
#include "crypto/digest.hpp"
#include "lower/parts.hpp"
#include "pulsarc/spelling.hpp"

namespace pulsarc::lowering {

using yaml::Node;

namespace {

/// `pulsarc-prepare-<node>`; a Job's name is also a label value (at most 63 characters), so long
/// node names are cut and made unique by a digest.
std::string job_name(const std::string& node) {
  constexpr std::string_view kPrefix = "pulsarc-prepare-";
  if (kPrefix.size() + node.size() <= 63) return fmt::format("{}{}", kPrefix, node);
  std::string head = node.substr(0, 63 - kPrefix.size() - 11);
  while (!head.empty() && (head.back() == '-' || head.back() == '.')) head.pop_back();
  return fmt::format("{}{}-{}", kPrefix, head, crypto::sha256_hex(node).substr(0, 10));
}

/// The Job that prepares `paths` (sorted, unique) on `node`.
Node preparation_job(const Config& config, const std::string& node, const std::vector<std::string>& paths,
                     const std::string& name, const std::string& image, chart::ImageUser user) {
  Node job = chart::object("batch/v1", "Job", name, config, true);
  job.at("metadata").at("labels").set("app.kubernetes.io/component", Node::str("node-preparation"));
  Node& spec = job.set("spec", Node::map());
  spec.set("backoffLimit", Node::num(3));
  spec.set("ttlSecondsAfterFinished", Node::num(3600));
  spec.at("template").at("metadata").set("labels", chart::common_labels(config));
  Node& pod = spec.at("template").at("spec");
  pod.set("nodeName", Node::str(node));
  pod.set("restartPolicy", Node::str("Never"));
  pod.set("tolerations", Node::seq())
      .push(Node::map())
      .set("operator", Node::str(std::string(spell(TolerationOperator::exists))));

  Node& container = pod.set("containers", Node::seq()).push(Node::map());
  container.set("name", Node::str("prepare"));
  container.set("image", Node::str(image));
  container.set("imagePullPolicy", Node::str(std::string(spell(config.images.pull_policy.value))));
  // The image may run as a non-root user; handing a directory over needs root.
  Node& security = container.at("securityContext");
  security.set("runAsUser", Node::num(0));
  security.set("runAsGroup", Node::num(0));
  std::string mounts;
  Node& volume_mounts = container.set("volumeMounts", Node::seq());
  Node& volumes = pod.set("volumes", Node::seq());
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const auto volume = fmt::format("volume-{}", i);
    const auto mount = fmt::format("/volumes/{}", i);
    Node& m = volume_mounts.push(Node::map());
    m.set("name", Node::str(volume));
    m.set("mountPath", Node::str(mount));
    Node& v = volumes.push(Node::map());
    v.set("name", Node::str(volume));
    Node& host_path = v.at("hostPath");
    host_path.set("path", Node::str(paths[i]));
    host_path.set("type", Node::str("DirectoryOrCreate"));
    mounts += " " + mount;
  }
  // Only the volume's top directory: a pod's fsGroup (chart 4.x) or the image fixes what is below.
  Node& command = container.set("command", Node::seq());
  command.push(Node::str("sh"));
  command.push(Node::str("-c"));
  command.push(Node::str(fmt::format("chown {}:{}{} && chmod u+rwx,g+rwx{}", user.uid, user.gid, mounts, mounts)));
  return job;
}

}  // namespace

std::vector<ManifestFile> node_preparation(const Config& config, const chart::Profile& profile) {
  std::map<std::string, std::vector<std::string>> paths_by_node;  // sorted: nodes and paths
  for (const auto& claim : chart::local_claims(config)) paths_by_node[claim.node].push_back(claim.volume->path.value);

  const ImageRef pulsar = chart::pulsar_image(config, profile);
  const auto user = chart::pulsar_image_user(pulsar);
  const auto image = fmt::format("{}:{}", chart::image_repository(config, pulsar.repository), pulsar.tag);
  std::vector<ManifestFile> files;
  for (auto& [node, paths] : paths_by_node) {
    std::ranges::sort(paths);
    // std::unique: clang 14 cannot use libstdc++ 12's ranges::subrange.
    paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
    auto name = job_name(node);
    auto path = fmt::format("node-preparation/{}.yaml", name);
    // Init-captures, not the structured bindings themselves: clang 14 cannot capture those.
    files.push_back(deferred_yaml_file(
        std::move(path), [&config, node = node, paths = std::move(paths), name = std::move(name), image, user] {
          return preparation_job(config, node, paths, name, image, user);
        }));
  }
  return files;
}

}  // namespace pulsarc::lowering
