// values.yaml for apache/pulsar-helm-chart 4.7.0 (keys and what the real chart renders with them:
// docs/chart-4.7.0.md).
#include <fmt/format.h>

#include <tuple>

#include "chart/common.hpp"
#include "chart/manager.hpp"
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
  Node v = Node::map();
  const auto& release = config.cluster.release.value;

  v.set("namespace", Node::str(config.cluster.namespace_.value));
  v.set("namespaceCreate", Node::flag(false));  // namespace.yaml creates it before the chart
  // install.sh decides: initialize=true on the first install only, also under GitOps tools.
  v.set("initialize", Node::flag(false));
  v.set("useReleaseStatus", Node::flag(false));
  // Keep the two switches equal: with only `persistence: false`, ZooKeeper mounts a missing volume.
  v.set("persistence", Node::flag(true));
  v.at("volumes").set("persistence", Node::flag(true));
  v.at("affinity").set("anti_affinity", Node::flag(true));
  v.at("rbac").set("limit_to_namespace", Node::flag(true));

  Node& components = v.at("components");
  components.set("zookeeper", Node::flag(true));
  components.set("bookkeeper", Node::flag(true));
  components.set("autorecovery", Node::flag(config.autorecovery.replicas.value > 0));
  components.set("broker", Node::flag(true));
  components.set("proxy", Node::flag(config.proxy.replicas.value > 0));
  components.set("toolset", Node::flag(config.toolset.replicas.value > 0));
  components.set("pulsar_manager", Node::flag(config.manager.enabled.value));

  // One image for every Pulsar component and the init Jobs: the chart falls back to these for each
  // `images.<x>`. The manager's image is used literally.
  const ImageRef pulsar = pulsar_image(config, kProfile);
  v.set("defaultPulsarImageRepository", Node::str(image_repository(config, pulsar.repository)));
  v.set("defaultPulsarImageTag", Node::str(pulsar.tag));
  v.set("defaultPullPolicy", Node::str(std::string(spell(config.images.pull_policy.value))));
  v.at("images").set("pulsar_manager", image(config, manager_image(config, kProfile), true));

  Node& zookeeper = v.at("zookeeper");
  zookeeper.set("replicaCount", Node::num(static_cast<std::int64_t>(config.zookeeper.nodes.size())));
  set_placement(zookeeper, config, Component::zookeeper, config.zookeeper.placement);
  Node& zk_volumes = zookeeper.at("volumes");
  zk_volumes.set("persistence", Node::flag(true));
  zk_volumes.set("data", volume(config, "data", config.zookeeper.data));
  zk_volumes.set("useSeparateDiskForTxlog", Node::flag(config.zookeeper.datalog.has_value()));
  if (config.zookeeper.datalog) zk_volumes.set("datalog", volume(config, "datalog", *config.zookeeper.datalog));

  Node& bookkeeper = v.at("bookkeeper");
  bookkeeper.set("replicaCount", Node::num(static_cast<std::int64_t>(config.bookkeeper.nodes.size())));
  set_placement(bookkeeper, config, Component::bookkeeper, config.bookkeeper.placement);
  bookkeeper.at("volumes").set("persistence", Node::flag(true));
  bookkeeper.at("volumes").set("journal", volume(config, "journal", config.bookkeeper.journal));
  bookkeeper.at("volumes").set("ledgers", volume(config, "ledgers", config.bookkeeper.ledgers));

  const std::tuple<std::string_view, Component, const Stateless*> stateless[] = {
      {"broker", Component::broker, &config.broker},
      {"proxy", Component::proxy, &config.proxy},
      {"autorecovery", Component::autorecovery, &config.autorecovery},
      {"toolset", Component::toolset, &config.toolset}};
  for (const auto& [name, which, component] : stateless) {
    Node& n = v.at(name);
    n.set("replicaCount", Node::num(component->replicas.value));
    set_placement(n, config, which, component->placement);
  }
  v.at("proxy").at("service").set("type", Node::str(std::string(spell(proxy_service_type(config, kProfile)))));
  if (config.proxy.replicas.value == 0) v.at("toolset").set("useProxy", Node::flag(false));
  Node& broker_config = v.at("broker").at("configData");
  broker_config.set("managedLedgerDefaultEnsembleSize", Node::str(fmt::format("{}", config.bookkeeper.ensemble.value)));
  broker_config.set("managedLedgerDefaultWriteQuorum",
                    Node::str(fmt::format("{}", config.bookkeeper.write_quorum.value)));
  broker_config.set("managedLedgerDefaultAckQuorum", Node::str(fmt::format("{}", config.bookkeeper.ack_quorum.value)));
  // The pre-upgrade Jobs that replace StatefulSets made before chart 4.6.0 take no node selector or
  // tolerations, and Helm before 3.21 does not post-render hooks: nothing made by 4.7.0 needs them.
  for (std::string_view name : {"zookeeper", "broker"}) {
    v.at(name).at("statefulsetUpgrade").set("enabled", Node::flag(false));
  }

  // The chart reads podManagementPolicy of the live StatefulSets through `lookup` unless it is set:
  // without this, renders differ with and without a cluster.
  for (std::string_view name : {"zookeeper", "broker"}) v.at(name).set("podManagementPolicy", Node::str("Parallel"));

  // The init Jobs (pulsar-init, bookie-init, pulsar-manager-init) get the broker's tolerations.
  // Not its node selector: the chart writes pulsar_metadata.nodeSelector twice into the
  // pulsar-init pod, a duplicate key that strict YAML readers (kustomize among them) refuse.
  const auto& broker = config.broker.placement;
  v.at("pulsar_metadata").set("tolerations", tolerations_yaml(effective_tolerations(config, broker)));

  Node& auth = v.at("auth");
  const bool jwt = config.auth.jwt.value != JwtMode::off;
  auth.at("authentication").set("enabled", Node::flag(jwt));
  auth.at("authorization").set("enabled", Node::flag(jwt));
  Node& jwt_values = auth.at("authentication").at("jwt");
  jwt_values.set("enabled", Node::flag(jwt));
  // pulsarc's Secrets are used as they are: the chart's generator hook would mint other keys.
  jwt_values.at("generateSecrets").set("enabled", Node::flag(false));
  if (jwt) {
    jwt_values.set("usingSecretKey", Node::flag(config.auth.jwt.value == JwtMode::symmetric));
    Node& superusers = auth.at("superUsers");
    superusers.set("broker", Node::str(config.auth.broker_role.value));
    superusers.set("proxy", Node::str(config.auth.proxy_role.value));
    superusers.set("client", Node::str(config.auth.client_role.value));
    superusers.set("manager", Node::str(config.manager.enabled.value ? manager_role(config) : ""));
  }

  if (config.manager.enabled.value) {
    Node& manager = v.at("pulsar_manager");
    set_placement(manager, config, Component::manager, config.manager.placement);
    if (config.manager.database) {
      const auto& db = *config.manager.database;
      manager.at("configData")
          .set("URL", Node::str(manager::manager_jdbc_url(db.host.value, db.port.value, db.name.value)));
      manager.at("configData").set("DRIVER_CLASS_NAME", Node::str("org.postgresql.Driver"));
      // v0.4.0's application.properties still defaults pagehelper to the MySQL dialect.
      manager.at("configData").set("PAGEHELPER_HELPERDIALECT", Node::str("postgresql"));
      // The image keeps nothing else on its volume when the database is external.
      manager.at("volumes").set("persistence", Node::flag(false));
      // DB_USERNAME, DB_PASSWORD, UI_USERNAME, UI_PASSWORD: no random password left to the chart.
      manager.at("admin").set("existingSecret", Node::str(names::manager_secret(release)));
    }
  }

  // The victoria-metrics stack, and with it each component's scrape object, or none of them.
  const bool monitoring = config.monitoring.prometheus.value || config.monitoring.grafana.value;
  Node& stack = v.at("victoria-metrics-k8s-stack");
  stack.set("enabled", Node::flag(monitoring));
  stack.at("grafana").set("enabled", Node::flag(config.monitoring.grafana.value));
  for (std::string_view name : kPodMonitors) v.at(name).at("podMonitor").set("enabled", Node::flag(monitoring));

  if (config.chart.values) yaml::deep_merge(v, free_to_yaml(*config.chart.values));
  return v;
}

}  // namespace pulsarc::chart::v4_7_0
