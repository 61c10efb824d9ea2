// values.yaml for apache/pulsar-helm-chart 2.7.7 (keys: docs/chart-2.7.7.md).
#include <fmt/format.h>

#include <tuple>

#include "chart/common.hpp"
#include "chart/manager.hpp"
#include "chart/names.hpp"
#include "chart/v2_7_7/parts.hpp"
#include "pulsarc/spelling.hpp"

namespace pulsarc::chart::v2_7_7 {

using yaml::Node;

Node values(const Config& config) {
  Node v = Node::map();
  const auto& release = config.cluster.release.value;
  const bool pdbs_replaced = replaces_chart_pdbs(config);

  v.set("namespace", Node::str(config.cluster.namespace_.value));
  v.set("namespaceCreate", Node::flag(false));  // namespace.yaml creates it before the chart
  v.set("initialize", Node::flag(false));       // install.sh sets it on the first install only
  // Keep the two switches equal: with only `persistence: false`, ZooKeeper mounts a missing volume.
  v.set("persistence", Node::flag(true));
  v.at("volumes").set("persistence", Node::flag(true));
  v.at("affinity").set("anti_affinity", Node::flag(true));
  // The broker's service account may otherwise read Secrets in every namespace.
  v.at("rbac").set("limit_to_namespace", Node::flag(true));

  Node& components = v.at("components");
  components.set("zookeeper", Node::flag(true));
  components.set("bookkeeper", Node::flag(true));
  components.set("autorecovery", Node::flag(config.autorecovery.replicas.value > 0));
  components.set("broker", Node::flag(true));
  components.set("proxy", Node::flag(config.proxy.replicas.value > 0));
  components.set("toolset", Node::flag(config.toolset.replicas.value > 0));
  components.set("pulsar_manager", Node::flag(config.manager.enabled.value));

  const ImageRef pulsar = pulsar_image(config, kProfile);
  Node& images = v.at("images");
  for (std::string_view key : {"zookeeper", "bookie", "autorecovery", "broker", "proxy"}) {
    images.set(key, image(config, pulsar, true));
  }
  images.set("functions", image(config, pulsar, false));
  images.set("pulsar_manager", image(config, manager_image(config, kProfile), true));
  v.at("pulsar_metadata").set("image", image(config, pulsar, true));

  Node& zookeeper = v.at("zookeeper");
  zookeeper.set("replicaCount", Node::num(static_cast<std::int64_t>(config.zookeeper.nodes.size())));
  set_placement(zookeeper, config, Component::zookeeper, config.zookeeper.placement);
  zookeeper.at("volumes").set("persistence", Node::flag(true));
  zookeeper.at("volumes").set("data", volume(config, "data", config.zookeeper.data));

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
  // The toolset talks to the proxy by default, which does not exist without proxies.
  if (config.proxy.replicas.value == 0) v.at("toolset").set("useProxy", Node::flag(false));
  Node& broker_config = v.at("broker").at("configData");
  broker_config.set("managedLedgerDefaultEnsembleSize", Node::str(fmt::format("{}", config.bookkeeper.ensemble.value)));
  broker_config.set("managedLedgerDefaultWriteQuorum",
                    Node::str(fmt::format("{}", config.bookkeeper.write_quorum.value)));
  broker_config.set("managedLedgerDefaultAckQuorum", Node::str(fmt::format("{}", config.bookkeeper.ack_quorum.value)));

  if (pdbs_replaced) {
    for (std::string_view name : {"zookeeper", "bookkeeper", "broker", "proxy"}) {
      v.at(name).at("pdb").set("usePolicy", Node::flag(false));  // policy/v1 PDBs are in the bundle
    }
  }

  Node& auth = v.at("auth");
  const bool jwt = config.auth.jwt.value != JwtMode::off;
  auth.at("authentication").set("enabled", Node::flag(jwt));
  auth.at("authorization").set("enabled", Node::flag(jwt));
  if (jwt) {
    auth.at("authentication").set("provider", Node::str("jwt"));
    auth.at("authentication").at("jwt").set("usingSecretKey", Node::flag(config.auth.jwt.value == JwtMode::symmetric));
    Node& superusers = auth.at("superUsers");
    superusers.set("broker", Node::str(config.auth.broker_role.value));
    superusers.set("proxy", Node::str(config.auth.proxy_role.value));
    superusers.set("client", Node::str(config.auth.client_role.value));
  }

  if (config.manager.enabled.value) {
    Node& manager = v.at("pulsar_manager");
    set_placement(manager, config, Component::manager, config.manager.placement);
    if (config.manager.database) {
      const auto& db = *config.manager.database;
      manager.at("configData")
          .set("URL", Node::str(manager::manager_jdbc_url(db.host.value, db.port.value, db.name.value)));
      manager.at("configData").set("DRIVER_CLASS_NAME", Node::str("org.postgresql.Driver"));
      // The image hard-codes pagehelper's mysql dialect ("LIMIT ?, ?"); configData becomes the
      // container's environment, which Spring binds over application.properties.
      manager.at("configData").set("PAGEHELPER_HELPERDIALECT", Node::str("postgresql"));
      manager.set("existingSecretName", Node::str(names::manager_secret(release)));
    }
  }

  Node& monitoring = v.at("monitoring");
  monitoring.set("prometheus", Node::flag(config.monitoring.prometheus.value));
  monitoring.set("grafana", Node::flag(config.monitoring.grafana.value));
  // Read by no template in 2.7.7; off so that the values say what is deployed.
  monitoring.set("node_exporter", Node::flag(false));
  monitoring.set("alert_manager", Node::flag(false));

  if (config.chart.values) yaml::deep_merge(v, free_to_yaml(*config.chart.values));
  return v;
}

}  // namespace pulsarc::chart::v2_7_7
