// values.yaml for apache/pulsar-helm-chart 2.7.7 (keys: docs/chart-2.7.7.md).
#include <fmt/format.h>

#include "lower/manager_sql.hpp"
#include "lower/names.hpp"
#include "lower/parts.hpp"

namespace pulsarc::lowering {

using yaml::Node;

namespace {

std::string_view pull_policy(PullPolicy policy) {
  switch (policy) {
    case PullPolicy::always: return "Always";
    case PullPolicy::never: return "Never";
    case PullPolicy::if_not_present: break;
  }
  return "IfNotPresent";
}

Node image(const Config& config, const ImageRef& ref, bool with_pull_policy) {
  Node n = Node::map();
  n.set("repository", Node::str(image_repository(config, ref.repository)));
  n.set("tag", Node::str(ref.tag));
  if (with_pull_policy) n.set("pullPolicy", Node::str(std::string(pull_policy(config.images.pull_policy.value))));
  return n;
}

/// nodeSelector, tolerations, anti-affinity and resources of one component, as the chart reads them.
void placement(Node& component, const Config& config, const Placement& own, bool has_anti_affinity) {
  component.set("nodeSelector",
                selector_yaml(own.node_selector ? *own.node_selector : config.scheduling.node_selector));
  component.set("tolerations", tolerations_yaml(own.tolerations ? *own.tolerations : config.scheduling.tolerations));
  if (has_anti_affinity && own.anti_affinity) {
    component.at("affinity").set("anti_affinity", Node::flag(own.anti_affinity->value));
  }
  if (own.resources) {
    Node& requests = component.at("resources").at("requests");
    if (own.resources->cpu) requests.set("cpu", Node::str(own.resources->cpu->value));
    if (own.resources->memory) requests.set("memory", Node::str(own.resources->memory->value));
  }
}

Node volume(const Config& config, std::string_view name, const Volume& v) {
  Node n = Node::map();
  n.set("name", Node::str(std::string(name)));
  n.set("size", Node::str(v.size.value));
  // storageClassName always wins in the chart; the global local_storage switch is never used.
  n.set("storageClassName", Node::str(config.storage.class_name.value));
  return n;
}

Node free_to_yaml(const FreeValue& value) {
  switch (value.kind) {
    case FreeValue::Kind::string:
    case FreeValue::Kind::datetime: return Node::str(value.text);
    case FreeValue::Kind::integer: return Node::num(value.integer);
    case FreeValue::Kind::floating: return Node::real(value.floating);
    case FreeValue::Kind::boolean: return Node::flag(value.boolean);
    case FreeValue::Kind::array: {
      Node n = Node::seq();
      for (const auto& item : value.items) n.push(free_to_yaml(item));
      return n;
    }
    case FreeValue::Kind::table: {
      Node n = Node::map();
      for (const auto& [key, item] : value.entries) n.set(key.value, free_to_yaml(item));
      return n;
    }
  }
  return Node{};
}

}  // namespace

std::string_view taint_effect_name(TaintEffect effect) {
  switch (effect) {
    case TaintEffect::no_schedule: return "NoSchedule";
    case TaintEffect::prefer_no_schedule: return "PreferNoSchedule";
    case TaintEffect::no_execute: return "NoExecute";
  }
  return "NoSchedule";
}

Node selector_yaml(const std::vector<KeyValue>& selector) {
  Node n = Node::map();
  for (const auto& kv : selector) n.set(kv.key.value, Node::str(kv.value.value));
  return n;
}

Node tolerations_yaml(const std::vector<Toleration>& list) {
  Node n = Node::seq();
  for (const auto& t : list) {
    Node& item = n.push(Node::map());
    if (t.key) item.set("key", Node::str(t.key->value));
    item.set("operator", Node::str(t.op.value == TolerationOperator::exists ? "Exists" : "Equal"));
    if (t.value) item.set("value", Node::str(t.value->value));
    if (t.effect) item.set("effect", Node::str(std::string(taint_effect_name(t.effect->value))));
  }
  return n;
}

Node values_2_7_7(const Config& config) {
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

  const ImageRef pulsar = pulsar_image(config);
  Node& images = v.at("images");
  for (std::string_view key : {"zookeeper", "bookie", "autorecovery", "broker", "proxy"}) {
    images.set(key, image(config, pulsar, true));
  }
  images.set("functions", image(config, pulsar, false));
  images.set("pulsar_manager", image(config, manager_image(config), true));
  v.at("pulsar_metadata").set("image", image(config, pulsar, true));

  Node& zookeeper = v.at("zookeeper");
  zookeeper.set("replicaCount", Node::num(static_cast<std::int64_t>(config.zookeeper.nodes.size())));
  placement(zookeeper, config, config.zookeeper.placement, true);
  zookeeper.at("volumes").set("persistence", Node::flag(true));
  zookeeper.at("volumes").set("data", volume(config, "data", config.zookeeper.data));

  Node& bookkeeper = v.at("bookkeeper");
  bookkeeper.set("replicaCount", Node::num(static_cast<std::int64_t>(config.bookkeeper.nodes.size())));
  placement(bookkeeper, config, config.bookkeeper.placement, true);
  bookkeeper.at("volumes").set("persistence", Node::flag(true));
  bookkeeper.at("volumes").set("journal", volume(config, "journal", config.bookkeeper.journal));
  bookkeeper.at("volumes").set("ledgers", volume(config, "ledgers", config.bookkeeper.ledgers));

  const std::pair<std::string_view, const Stateless*> stateless[] = {{"broker", &config.broker},
                                                                     {"proxy", &config.proxy},
                                                                     {"autorecovery", &config.autorecovery},
                                                                     {"toolset", &config.toolset}};
  for (const auto& [name, component] : stateless) {
    Node& n = v.at(name);
    n.set("replicaCount", Node::num(component->replicas.value));
    placement(n, config, component->placement, name != "toolset");
  }
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
    placement(manager, config, config.manager.placement, false);
    if (config.manager.database) {
      const auto& db = *config.manager.database;
      manager.at("configData").set("URL", Node::str(manager_jdbc_url(db.host.value, db.port.value, db.name.value)));
      manager.at("configData").set("DRIVER_CLASS_NAME", Node::str("org.postgresql.Driver"));
      // The image hard-codes pagehelper's mysql dialect ("LIMIT ?, ?"); configData becomes the
      // container's environment, which Spring binds over application.properties.
      manager.at("configData").set("PAGEHELPER_HELPERDIALECT", Node::str("postgresql"));
      manager.set("existingSecretName", Node::str(names::manager_db_secret(release)));
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

}  // namespace pulsarc::lowering
