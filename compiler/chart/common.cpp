#include "chart/common.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "chart/manager.hpp"
#include "chart/names.hpp"
#include "pulsarc/spelling.hpp"

namespace pulsarc::chart {

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

Node image(const Config& config, const ImageRef& ref, bool with_pull_policy) {
  Node n = Node::map();
  n.set("repository", Node::str(image_repository(config, ref.repository)));
  n.set("tag", Node::str(ref.tag));
  if (with_pull_policy) n.set("pullPolicy", Node::str(std::string(spell(config.images.pull_policy.value))));
  return n;
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
    item.set("operator", Node::str(std::string(spell(t.op.value))));
    if (t.value) item.set("value", Node::str(t.value->value));
    if (t.effect) item.set("effect", Node::str(std::string(spell(t.effect->value))));
  }
  return n;
}

const std::vector<KeyValue>& effective_selector(const Config& config, const Placement& own) {
  return own.node_selector ? *own.node_selector : config.scheduling.node_selector;
}

const std::vector<Toleration>& effective_tolerations(const Config& config, const Placement& own) {
  return own.tolerations ? *own.tolerations : config.scheduling.tolerations;
}

AntiAffinity anti_affinity(Component component) {
  switch (component) {
    case Component::zookeeper:
    case Component::bookkeeper:
    case Component::proxy:
    case Component::autorecovery: return AntiAffinity::required;
    case Component::broker: return AntiAffinity::preferred;
    case Component::toolset:
    case Component::manager: return AntiAffinity::none;  // the chart writes no affinity block
  }
  return AntiAffinity::none;
}

void set_placement(Node& component, const Config& config, Component which, const Placement& own) {
  component.set("nodeSelector", selector_yaml(effective_selector(config, own)));
  component.set("tolerations", tolerations_yaml(effective_tolerations(config, own)));
  if (anti_affinity(which) != AntiAffinity::none && own.anti_affinity) {
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

ImageUser pulsar_image_user(const ImageRef& image) {
  constexpr ImageUser kNonRoot{10000, 0};
  int major = 0;
  int minor = 0;
  std::string_view tag = image.tag;
  auto number = [&](int& value) {
    std::size_t digits = 0;
    while (digits < tag.size() && digits < 6 && tag[digits] >= '0' && tag[digits] <= '9') {
      value = value * 10 + (tag[digits] - '0');
      ++digits;
    }
    tag.remove_prefix(digits);
    return digits > 0;
  };
  if (tag.starts_with('v')) tag.remove_prefix(1);
  if (!number(major) || !tag.starts_with('.')) return kNonRoot;
  tag.remove_prefix(1);
  if (!number(minor)) return kNonRoot;
  return major > 2 || (major == 2 && minor >= 10) ? kNonRoot : ImageUser{0, 0};
}

Node shared_values(const Config& config, const Profile& profile) {
  Node v = Node::map();
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
  v.at("proxy").at("service").set("type", Node::str(std::string(spell(proxy_service_type(config, profile)))));
  // The toolset talks to the proxy by default, which does not exist without proxies.
  if (config.proxy.replicas.value == 0) v.at("toolset").set("useProxy", Node::flag(false));
  Node& broker_config = v.at("broker").at("configData");
  broker_config.set("managedLedgerDefaultEnsembleSize", Node::str(fmt::format("{}", config.bookkeeper.ensemble.value)));
  broker_config.set("managedLedgerDefaultWriteQuorum",
                    Node::str(fmt::format("{}", config.bookkeeper.write_quorum.value)));
  broker_config.set("managedLedgerDefaultAckQuorum", Node::str(fmt::format("{}", config.bookkeeper.ack_quorum.value)));

  Node& auth = v.at("auth");
  const bool jwt = config.auth.jwt.value != JwtMode::off;
  auth.at("authentication").set("enabled", Node::flag(jwt));
  auth.at("authorization").set("enabled", Node::flag(jwt));
  if (jwt) {
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
      Node& data = manager.at("configData");
      data.set("URL", Node::str(manager::manager_jdbc_url(db.host.value, db.port.value, db.name.value)));
      data.set("DRIVER_CLASS_NAME", Node::str("org.postgresql.Driver"));
      // The images hard-code pagehelper's MySQL dialect ("LIMIT ?, ?"); configData becomes the
      // container's environment, which Spring binds over application.properties.
      data.set("PAGEHELPER_HELPERDIALECT", Node::str("postgresql"));
    }
  }
  return v;
}

void merge_chart_values(Node& values, const Config& config) {
  if (config.chart.values) yaml::deep_merge(values, free_to_yaml(*config.chart.values));
}

std::vector<LocalClaim> local_claims(const Config& config) {
  std::vector<LocalClaim> claims;
  const auto& release = config.cluster.release.value;
  const auto& zk = config.zookeeper;
  for (std::size_t i = 0; i < zk.nodes.size(); ++i) {
    claims.push_back({names::claim(release, "zookeeper", "data", i), "zookeeper", &zk.data, zk.nodes[i].value});
    if (zk.datalog) {
      claims.push_back(
          {names::claim(release, "zookeeper", "datalog", i), "zookeeper", &*zk.datalog, zk.nodes[i].value});
    }
  }
  const auto& bk = config.bookkeeper;
  for (std::size_t i = 0; i < bk.nodes.size(); ++i) {
    claims.push_back({names::claim(release, "bookie", "journal", i), "bookie", &bk.journal, bk.nodes[i].value});
    claims.push_back({names::claim(release, "bookie", "ledgers", i), "bookie", &bk.ledgers, bk.nodes[i].value});
  }
  return claims;
}

const std::string& manager_role(const Config& config) {
  return config.auth.manager_role.value.empty() ? config.auth.client_role.value : config.auth.manager_role.value;
}

std::vector<TokenSpec> token_roles(const Config& config, const Profile& profile) {
  std::vector<TokenSpec> roles;
  if (config.auth.jwt.value == JwtMode::off) return roles;
  auto add = [&](const std::string& role, std::optional<std::int64_t> expires) {
    if (std::ranges::none_of(roles, [&](const TokenSpec& r) { return r.role == role; })) {
      roles.push_back({role, expires});
    }
  };
  for (const auto* role : {&config.auth.broker_role, &config.auth.proxy_role, &config.auth.client_role}) {
    add(role->value, std::nullopt);
  }
  if (profile.manager_role && config.manager.enabled.value) add(manager_role(config), std::nullopt);
  for (const auto& token : config.auth.tokens) {
    add(token.subject.value, token.expires ? std::optional(token.expires->value) : std::nullopt);
  }
  return roles;
}

std::string password_from_file(const std::string& bytes) {
  std::string_view text = bytes;
  if (text.ends_with("\r\n")) {
    text.remove_suffix(2);
  } else if (text.ends_with('\n')) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

}  // namespace pulsarc::chart
