// values.yaml for apache/pulsar-helm-chart 4.7.0 (keys and what the real chart renders with them:
// docs/chart-4.7.0.md).
#include "chart/common.hpp"
#include "chart/names.hpp"
#include "chart/v4_7_0/parts.hpp"
#include "pulsarc/spelling.hpp"

namespace pulsarc::chart::v4_7_0 {

using yaml::Node;

namespace {

/// The components whose `podMonitor` the chart renders: a VMPodScrape with the monitoring stack,
/// a Prometheus-operator PodMonitor (CRDs needed) without it.
constexpr std::string_view kPodMonitors[] = {"autorecovery", "bookkeeper", "broker", "proxy", "zookeeper"};

}  // namespace

Node values(const Config& config) {
  Node v = shared_values(config, kProfile);
  // With useReleaseStatus the init Jobs follow Helm's install status, which GitOps renders lack:
  // install.sh decides through `initialize` instead.
  v.set("useReleaseStatus", Node::flag(false));

  // One image for every Pulsar component and the init Jobs: the chart falls back to these for each
  // `images.<x>`. The manager's image is used literally.
  const ImageRef pulsar = pulsar_image(config, kProfile);
  v.set("defaultPulsarImageRepository", Node::str(image_repository(config, pulsar.repository)));
  v.set("defaultPulsarImageTag", Node::str(pulsar.tag));
  v.set("defaultPullPolicy", Node::str(std::string(spell(config.images.pull_policy.value))));
  v.at("images").set("pulsar_manager", image(config, manager_image(config, kProfile), true));

  Node& zk_volumes = v.at("zookeeper").at("volumes");
  zk_volumes.set("useSeparateDiskForTxlog", Node::flag(config.zookeeper.datalog.has_value()));
  if (config.zookeeper.datalog) zk_volumes.set("datalog", volume(config, "datalog", *config.zookeeper.datalog));

  // The chart reads podManagementPolicy of the live StatefulSets through `lookup` unless it is set:
  // without this, renders differ with and without a cluster.
  for (std::string_view name : {"zookeeper", "broker"}) v.at(name).set("podManagementPolicy", Node::str("Parallel"));
  // The pre-upgrade Jobs that replace StatefulSets made before chart 4.6.0 take no node selector or
  // tolerations, and Helm before 3.21 does not post-render hooks: nothing made by 4.7.0 needs them.
  for (std::string_view name : {"zookeeper", "broker"}) {
    v.at(name).at("statefulsetUpgrade").set("enabled", Node::flag(false));
  }

  // The init Jobs (pulsar-init, bookie-init, pulsar-manager-init) get the broker's tolerations.
  // Not its node selector: the chart writes pulsar_metadata.nodeSelector twice into the
  // pulsar-init pod, a duplicate key that strict YAML readers (kustomize among them) refuse.
  const auto& broker = config.broker.placement;
  v.at("pulsar_metadata").set("tolerations", tolerations_yaml(effective_tolerations(config, broker)));

  Node& jwt = v.at("auth").at("authentication").at("jwt");
  jwt.set("enabled", Node::flag(config.auth.jwt.value != JwtMode::off));
  // pulsarc's Secrets are used as they are: the chart's generator hook would mint other keys.
  jwt.at("generateSecrets").set("enabled", Node::flag(false));
  if (config.auth.jwt.value != JwtMode::off) {
    v.at("auth").at("superUsers").set("manager", Node::str(config.manager.enabled.value ? manager_role(config) : ""));
  }

  if (config.manager.enabled.value && config.manager.database) {
    Node& manager = v.at("pulsar_manager");
    // The image keeps nothing else on its volume when the database is external.
    manager.at("volumes").set("persistence", Node::flag(false));
    // DB_USERNAME, DB_PASSWORD, UI_USERNAME, UI_PASSWORD: no random password left to the chart.
    manager.at("admin").set("existingSecret", Node::str(names::manager_secret(config.cluster.release.value)));
  }

  // The victoria-metrics stack, and with it each component's scrape object, or none of them.
  const bool monitoring = config.monitoring.prometheus.value || config.monitoring.grafana.value;
  Node& stack = v.at("victoria-metrics-k8s-stack");
  stack.set("enabled", Node::flag(monitoring));
  stack.at("grafana").set("enabled", Node::flag(config.monitoring.grafana.value));
  for (std::string_view name : kPodMonitors) v.at(name).at("podMonitor").set("enabled", Node::flag(monitoring));

  merge_chart_values(v, config);
  return v;
}

}  // namespace pulsarc::chart::v4_7_0
