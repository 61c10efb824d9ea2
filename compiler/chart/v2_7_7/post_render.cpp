// A Helm post-renderer for what chart 2.7.7 cannot be configured to do: its init Jobs take no
// nodeSelector or tolerations (Pending forever on tainted nodes), its Pulsar Manager gets no
// broker token (apache/pulsar-helm-chart#133), and its superUserRoles change order from render to
// render. Patches are kustomize strategic merges.
#include <fmt/format.h>

#include <algorithm>

#include "chart/common.hpp"
#include "chart/names.hpp"
#include "chart/v2_7_7/parts.hpp"

namespace pulsarc::chart::v2_7_7 {

using yaml::Node;

namespace {

Node patch_header(std::string_view api_version, std::string_view kind, std::string name) {
  Node doc = Node::map();
  doc.set("apiVersion", Node::str(std::string(api_version)));
  doc.set("kind", Node::str(std::string(kind)));
  doc.set("metadata", Node::map()).set("name", Node::str(std::move(name)));
  return doc;
}

Node target(std::string_view kind, const std::string& name) {
  Node t = Node::map();
  t.set("kind", Node::str(std::string(kind)));
  t.set("name", Node::str(name));
  return t;
}

bool needs_manager_token(const Config& config) {
  return config.manager.enabled.value && config.auth.jwt.value != JwtMode::off;
}

}  // namespace

std::vector<ManifestFile> post_render(const Config& config) {
  std::vector<ManifestFile> files;
  const auto& broker = config.broker.placement;
  const Node broker_selector = selector_yaml(effective_selector(config, broker));
  const Node broker_tolerations = tolerations_yaml(effective_tolerations(config, broker));
  const bool schedule_jobs = !broker_selector.entries.empty() || !broker_tolerations.items.empty();
  const bool jwt = config.auth.jwt.value != JwtMode::off;
  if (!schedule_jobs && !needs_manager_token(config) && !jwt) return files;
  const auto full = names::fullname(config.cluster.release.value);

  Node kustomization = Node::map();
  kustomization.set("apiVersion", Node::str("kustomize.config.k8s.io/v1beta1"));
  kustomization.set("kind", Node::str("Kustomization"));
  kustomization.set("resources", Node::seq()).push(Node::str("chart.yaml"));
  Node patches = Node::seq();

  if (schedule_jobs) {
    // The init Jobs run like a broker: they only talk to ZooKeeper and the bookies.
    for (const auto& job : {full + "-pulsar-init", full + "-bookie-init"}) {
      Node patch = patch_header("batch/v1", "Job", job);
      Node& pod = patch.at("spec").at("template").at("spec");
      pod.set("nodeSelector", broker_selector);
      pod.set("tolerations", broker_tolerations);
      const auto file = fmt::format("{}.yaml", job);
      files.push_back(yaml_file("chart-patches/" + file, std::move(patch)));
      Node& entry = patches.push(Node::map());
      entry.set("path", Node::str(file));
      entry.set("target", target("Job", job));
    }
  }
  if (jwt) {
    // The chart writes superUserRoles by ranging over a Go map: a new order on every render, so
    // GitOps tools see drift and restartPodsOnConfigMapChange restarts brokers on every upgrade.
    // The list is written here as chart 4.x writes it: sorted, joined by commas.
    std::vector<std::string> roles{config.auth.broker_role.value, config.auth.proxy_role.value,
                                   config.auth.client_role.value};
    std::ranges::sort(roles);
    std::string joined;
    for (const auto& role : roles) joined += fmt::format("{}{}", joined.empty() ? "" : ",", role);
    std::vector<std::string> config_maps{full + "-broker"};
    if (config.proxy.replicas.value > 0) config_maps.push_back(full + "-proxy");
    for (const auto& name : config_maps) {
      Node patch = patch_header("v1", "ConfigMap", name);
      patch.at("data").set("superUserRoles", Node::str(joined));
      const auto file = fmt::format("{}-superusers.yaml", name);
      files.push_back(yaml_file("chart-patches/" + file, std::move(patch)));
      Node& entry = patches.push(Node::map());
      entry.set("path", Node::str(file));
      entry.set("target", target("ConfigMap", name));
    }
  }
  if (needs_manager_token(config)) {
    const auto deployment = full + "-pulsar-manager";
    Node patch = patch_header("apps/v1", "Deployment", deployment);
    Node container = Node::map();
    container.set("name", Node::str(deployment));
    Node env = Node::map();
    env.set("name", Node::str("JWT_TOKEN"));
    Node& ref = env.at("valueFrom").at("secretKeyRef");
    ref.set("name", Node::str(names::token_secret(config.cluster.release.value, config.auth.client_role.value)));
    ref.set("key", Node::str("TOKEN"));
    container.set("env", Node::seq()).push(std::move(env));
    patch.at("spec").at("template").at("spec").set("containers", Node::seq()).push(std::move(container));
    const auto file = fmt::format("{}.yaml", deployment);
    files.push_back(yaml_file("chart-patches/" + file, std::move(patch)));
    Node& entry = patches.push(Node::map());
    entry.set("path", Node::str(file));
    entry.set("target", target("Deployment", deployment));
  }
  kustomization.set("patches", std::move(patches));
  files.push_back(yaml_file("chart-patches/kustomization.yaml", std::move(kustomization)));

  ManifestFile script{"post-render.sh",
                      FileKind::script,
                      {},
                      "# Helm post-renderer: reads the rendered chart on stdin, applies chart-patches/.\n"
                      "set -euo pipefail\n"
                      "here=\"$(cd \"$(dirname \"$0\")\" && pwd)\"\n"
                      "work=\"$(mktemp -d)\"\n"
                      "trap 'rm -rf \"$work\"' EXIT\n"
                      "cp \"$here\"/chart-patches/*.yaml \"$work\"/\n"
                      "cat >\"$work/chart.yaml\"\n"
                      "\"${KUBECTL:-kubectl}\" kustomize \"$work\"\n"};
  script.executable = true;
  files.push_back(std::move(script));
  return files;
}

}  // namespace pulsarc::chart::v2_7_7
